"""What each field of the documents means, in plain words: one table (private).

The JSON reference (docs/json.md) and the registers' column help both read it.
"""

from __future__ import annotations

from collections.abc import Mapping

#: What each field means, by ``Model.field``.
MEANINGS: Mapping[str, str] = {
    "Group.name": "the group's public name (an organisation's, never a person's)",
    "Group.constituency": "whom the group is for: service users, carers, or both",
    "Group.decision_body": "the body that takes its decisions; `null` when not known",
    "Group.controls": "the key decisions it takes itself (§2.1); a domain left out is taken "
    "by someone else",
    "Group.host": "the organisation hosting it, if any (G4(b))",
    "Group.self_described": "how the group describes itself when asked: user/carer run, led, "
    "or neither; `null` when it was not asked",
    "Group.legal_form": "its legal form, when known (G4(a))",
    "Group.activities": "what it does (§2.5)",
    "Group.communities": "communities it serves, in free text such as `BME`",
    "Group.reflects": "communities a general group's membership mirrors (§2.13)",
    "Group.diversity_approach": "how it says it approaches diversity (§2.13)",
    "Group.infrastructure": "basic infrastructure it has access to (G5(c)); `null` when not known",
    "Group.reference": "an identifier agreements use to name the group",
    "Group.org_id": "its org-id, such as `GB-CHC-1234567`",
    "Group.charity_number": "its charity number",
    "Group.company_number": "its company number",
    "DecisionBody.members": "one entry a seat, in any order",
    "DecisionBody.kind": "the kind of body; G1(b) counts a management committee and any other "
    "decision-making body alike, so the default names the usual one and decides nothing",
    "Member.roles": "the roles the member holds (G1(b)); empty for a worker or ally",
    "Member.voting": "whether the member takes part in the body's decisions; a seat listed on "
    "the body votes unless stated otherwise",
    "Member.associate": "an associate rather than a full member (§2.4); a voting associate "
    "counts by their roles like a full member (G1(b))",
    "Member.paid": "whether the group or its host pays the member (G5(a)); recorded only, as "
    "pay never stops a user or carer counting and no rule reads it",
    "Member.label": "a seat name for your own bookkeeping, such as `chair`",
    "Member.private": "hide the label in reprs",
    "Host.name": "the host's name",
    "Host.kind": "the kind of organisation; `null` when not stated (never guessed)",
    "Host.takes": "key decisions the host takes for the group; `null` when not known",
    "Contract.commissioner": "the commissioner's name",
    "Contract.kind": "the kind of agreement; `none` when there is no written agreement (G4), "
    "`null` when not stated (as in a 360Giving grant)",
    "Contract.amount_per_year": "the yearly amount in pounds",
    "Contract.period": "the funding period; `null` when its dates are not known",
    "Contract.length_months": "the length in whole months when only that is known (`period` "
    "`null`), as a 360Giving grant with only a duration gives it",
    "Contract.reference": "the agreement's own identifier",
    "Contract.title": "a title for people",
    "Contract.awarded_on": "when the award was decided",
    "Contract.date_modified": "the day the agreement's record last changed, when known",
    "Contract.group": "the group funded, written out in full",
    "Contract.group_reference": "the group funded, by its `reference` (in a portfolio)",
    "Contract.funded_as": "whether it funds the group *as* user/carer run or led",
    "Contract.overheads_funded": "whether the price covers overheads (full cost recovery); "
    "`null` when not stated",
    "Contract.costs": "the project's costs, to set the price against its full cost",
    "Contract.renewal_decision_by": "the date by which renewal will be decided (§2.10)",
    "Contract.renewal_notice_months": "notice of renewal promised before the end, when no "
    "date is given",
    "Contract.aims": "the agreement's aims, in free text",
    "Contract.roles_bought": "what the commissioner buys from the group (§2.5, §2.6)",
    "Contract.kpis": "performance indicators and targets",
    "Contract.monitoring": "the group's part in monitoring (G4(c))",
    "Contract.reporting": "how often the group must report",
    "Contract.legal_status": "whether a legal status is required, which, and the help offered "
    '(G4(a)); left out, nothing is stated (every fact `null`), never "none required"',
    "Contract.business_plan": "whether a business plan is required, and the help offered; left "
    "out, nothing is stated (every fact `null`)",
    "Contract.hosting": "a hosting arrangement and its route to independence (G4(b))",
    "Contract.support": "support the commissioner provides; `null` when not stated (as in a "
    "360Giving grant), `[]` when none",
    "Contract.infrastructure": "infrastructure the commissioner provides (G5(c))",
    "Contract.terms": "terms the agreement includes; `null` when not stated (as in a 360Giving "
    "grant), `[]` when none",
    "Contract.insurance_needed": "`false` when both sides record that this work needs no "
    "insurance (§2.15); `null` when not stated",
    "Contract.dual_monitoring": "whether the group also reports on this work to a funder in the "
    "other sector, through its own monitoring (§2.23)",
    "Contract.representation": "who speaks for the members on commissioning bodies (G5(a))",
    "Contract.variations": "changes made during the period (§2.7, §2.23)",
    "Contract.waivers": "rules both sides agreed to set aside",
    "Contract.published": "the 360Giving grant it was imported from, as published (compact "
    "JSON); the 360Giving export re-publishes it, changing only what the agreement changed",
    "FundingPeriod.start": "the first day funded",
    "FundingPeriod.end": "the last day funded",
    "Costs.direct": "the project's direct costs a year",
    "Costs.overheads": "the organisation's overheads a year",
    "Costs.basis": "how overheads are shared out",
    "Costs.project_measure": "the project's share of that measure (such as staff hours)",
    "Costs.organisation_measure": "the whole organisation's measure",
    "Costs.other_funding": "what other funders pay a year towards the same project; `null` "
    "when not known",
    "Costs.agreed_share": "the fraction of the full cost the funders agreed this agreement "
    "carries (0.5 for half); `null` when none was stated, and shares go in proportion to what "
    "each funder pays (footnote 2)",
    "Kpi.description": "what is measured",
    "Kpi.kind": "the kind of indicator",
    "Kpi.agreed_with_group": "whether the group agreed it; `null` when not stated (unknown)",
    "Kpi.supported": "whether help is offered to meet it (§2.17); `null` when not stated",
    "Requirement.required": "whether the agreement asks for it; `null` when not stated",
    "Requirement.help_offered": "whether help is offered with it; `null` when not stated",
    "Requirement.group_ready": "whether everyone is confident the group is ready (G4(a)); "
    "`null` when not stated",
    "LegalStatus.required": "whether the agreement asks the group for a legal status; `null` "
    'when not stated (unknown, never "no")',
    "LegalStatus.form": "the legal form asked for; `null` when any will do, or none is asked for",
    "LegalStatus.help_offered": "whether help is offered to acquire it; `null` when not stated",
    "LegalStatus.group_ready": "whether everyone concerned is confident the people involved can "
    "carry the legal duties (G4(a)); `null` when not stated",
    "Hosting.host": "the host's name",
    "Hosting.kind": "the kind of host; `null` when the agreement does not say",
    "Hosting.skills_training": "whether the host trains the group in the skills it needs; "
    "`null` when the agreement does not say",
    "Hosting.independence_plan": "whether there is a plan towards independence; `null` when "
    "the agreement does not say",
    "Variation.on": "when it was made",
    "Variation.kind": "what it changed",
    "Variation.change": "the change, in words",
    "Variation.agreed_with_group": "whether the group agreed it; `null` when not stated",
    "Waiver.code": "the rule set aside, such as `VI301`",
    "Waiver.reason": "why",
    "Waiver.agreed_by": "who agreed it",
    "Waiver.until": "when it lapses",
    "Commissioner.name": "the commissioning body's name",
    "Commissioner.body_type": "the kind of body",
    "Commissioner.has_definition": "whether it defines user/carer-led groups (G1)",
    "Commissioner.encourages_applications": "whether it encourages groups to apply",
    "Commissioner.helps_with_applications": "whether it helps groups to apply",
    "Commissioner.advises_on_other_funding": "whether it points groups to other funding",
    "Commissioner.expects_business_plans": "whether it expects business plans",
    "Commissioner.helps_with_business_plans": "whether it helps groups write them",
    "Commissioner.ongoing_support": "whether it offers support throughout",
    "Commissioner.infrastructure_offered": "infrastructure it offers groups (G5(c))",
    "Commissioner.application_route": "what it does to make applying open (§2.10); `null` when "
    "not known, empty when nothing",
    "Commissioner.non_monetary_support": "support other than money it gives groups (§2.19); "
    "`null` when not known, empty when none",
    "Commissioner.budget_identifiable": "whether its spending on groups can be identified",
    "Commissioner.org_id": "its org-id",
    "Commissioner.area": "the area it serves",
    "Commissioner.area_code": "the area's code (such as an ONS code)",
    "Commissioner.annual_budget": "its yearly budget for user and carer groups in pounds, when "
    "one is set (§2.9)",
    "Portfolio.commissioner": "whose portfolio it is",
    "Portfolio.strategy": "the commissioning strategy",
    "Portfolio.involvement": "how users and carers take part in commissioning",
    "Portfolio.population": "the local population's communities",
    "Portfolio.groups": "the groups funded or considered",
    "Portfolio.contracts": "the agreements; each names its group",
    "Portfolio.indirect": "money passed to groups through another body (§2.3)",
    "Strategy.written": "whether there is a written strategy; `null` when not stated",
    "Strategy.published": "whether it is published",
    "Strategy.objectives": "what it aims at",
    "Strategy.takes_account_of": "what it weighs",
    "Strategy.covers": "whom it covers",
    "Involvement.seats": "seats users and carers hold on commissioning bodies",
    "Involvement.starts_at": "the earliest stage of commissioning they take part in",
    "Involvement.involved": "whether users and carers take part in commissioning at all",
    "Involvement.money_decided_outside": "whether money is decided outside the meetings they "
    "attend (§2.18)",
    "Involvement.in_tendering": "whether they take part in tendering (§2.18)",
    "Involvement.duty_known": "whether the commissioner is aware of its duties under section "
    "11 of the Health and Social Care Act 2001 (§2.21)",
    "Seat.body": "the commissioning body",
    "Seat.speaks_for": "whom the seat speaks for: service users, carers, or both",
    "Seat.holder_roles": "the roles the person taking the seat holds; empty when neither a "
    "service user nor a carer, `null` when not known",
    "Seat.paid": "whether they take the seat as a paid worker; `null` when not known (G5(a))",
    "Seat.name": "the body's own name",
    "Population.communities": "communities and their shares of the population",
    "Community.name": "the community",
    "Community.dimension": "what it is a share of, such as `ethnicity`",
    "Community.share": "its share of the population, from 0 to 1",
    "Community.part_of": "the broader community it belongs to, such as `Asian` for `Bangladeshi`",
    "IndirectFunding.via": "the body the money passes through",
    "IndirectFunding.amount_per_year": "the yearly amount in pounds",
    "IndirectFunding.ring_fenced": "whether it is ring-fenced for groups; `null` when not stated",
    "IndirectFunding.purpose": "what it is for",
    "Policy.select": "rule codes or prefixes to run",
    "Policy.ignore": "rule codes or prefixes to skip; the longest match decides",
    "Policy.severity": "a table of rule code to `error`, `warning` or `advice`",
    "Policy.parameters": "a table of threshold name to value (`explain CODE` names them)",
}

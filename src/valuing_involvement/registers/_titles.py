"""The plain-English column titles of a register: one table, read and written alike (private).

Every column of every sheet has a title here.  A numbered column's pattern has ``#`` where its
number goes and its title ``{n}``: ``kpis.#.kind`` is titled ``KPI {n}: kind``.  The reader
accepts a title or the dotted name in any case and spacing, so registers written before the
titles existed still read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from valuing_involvement.registers._schema import pattern_of

__all__ = ["COUNT_HELP", "COUNT_TITLES", "TITLES", "normalise", "title_of"]

TITLES: Mapping[str, Mapping[str, str]] = {
    "groups": {
        "name": "Group name",
        "constituency": "Who the group is for",
        "decision_body.members.#.roles": "Member {n}: roles",
        "decision_body.members.#.voting": "Member {n}: votes",
        "decision_body.members.#.associate": "Member {n}: associate member",
        "decision_body.members.#.paid": "Member {n}: paid",
        "decision_body.members.#.label": "Member {n}: seat name",
        "decision_body.members.#.private": "Member {n}: seat name is private",
        "decision_body.kind": "Decision-making body",
        "controls": "Decisions the group takes itself",
        "host.name": "Host organisation",
        "host.kind": "Host: kind of organisation",
        "host.takes": "Host: decisions it takes for the group",
        "self_described": "The group calls itself",
        "legal_form": "Legal form",
        "activities": "Activities",
        "communities.#": "Community served {n}",
        "reflects.#": "Membership reflects {n}",
        "diversity_approach": "Approach to diversity",
        "infrastructure": "Infrastructure the group has",
        "reference": "Group reference",
        "org_id": "Org-id",
        "charity_number": "Charity number",
        "company_number": "Company number",
    },
    "agreements": {
        "commissioner": "Commissioner",
        "kind": "Kind of agreement",
        "amount_per_year": "Amount per year (£)",
        "period.start": "Starts on",
        "period.end": "Ends on",
        "length_months": "Length in months (when the dates are not known)",
        "reference": "Agreement reference",
        "title": "Title",
        "awarded_on": "Awarded on",
        "date_modified": "Record last changed on",
        "group_reference": "Group reference",
        "funded_as": "Funded as",
        "overheads_funded": "Overheads funded",
        "costs.direct": "Costs: direct (£)",
        "costs.overheads": "Costs: overheads (£)",
        "costs.basis": "Costs: basis of overheads",
        "costs.project_measure": "Costs: project measure",
        "costs.organisation_measure": "Costs: organisation measure",
        "costs.other_funding": "Costs: other funding (£)",
        "costs.agreed_share": "Costs: share agreed for this agreement",
        "renewal_decision_by": "Renewal decided by",
        "renewal_notice_months": "Renewal notice (months)",
        "aims.#": "Aim {n}",
        "roles_bought": "Activities bought",
        "kpis.#.description": "KPI {n}: description",
        "kpis.#.kind": "KPI {n}: kind",
        "kpis.#.agreed_with_group": "KPI {n}: agreed with the group",
        "kpis.#.supported": "KPI {n}: support given",
        "monitoring": "Group's part in monitoring",
        "reporting": "Reporting",
        "legal_status.required": "Legal status: required",
        "legal_status.form": "Legal status: form",
        "legal_status.help_offered": "Legal status: help offered",
        "legal_status.group_ready": "Legal status: group ready",
        "business_plan.required": "Business plan: required",
        "business_plan.help_offered": "Business plan: help offered",
        "business_plan.group_ready": "Business plan: group ready",
        "hosting.host": "Hosted by",
        "hosting.kind": "Hosting: kind of host",
        "hosting.skills_training": "Hosting: skills training",
        "hosting.independence_plan": "Hosting: plan for independence",
        "support": "Support offered",
        "infrastructure": "Infrastructure funded",
        "terms": "Terms",
        "insurance_needed": "Insurance needed",
        "dual_monitoring": "Monitored twice",
        "representation": "Representation",
        "variations.#.on": "Change {n}: on",
        "variations.#.kind": "Change {n}: kind",
        "variations.#.change": "Change {n}: what changed",
        "variations.#.agreed_with_group": "Change {n}: agreed with the group",
        "waivers.#.code": "Waiver {n}: rule",
        "waivers.#.reason": "Waiver {n}: reason",
        "waivers.#.agreed_by": "Waiver {n}: agreed by",
        "waivers.#.until": "Waiver {n}: until",
    },
    "portfolio": {
        "commissioner.name": "Commissioner",
        "commissioner.body_type": "Kind of commissioning body",
        "commissioner.has_definition": "Has a definition of a user or carer group",
        "commissioner.encourages_applications": "Encourages applications",
        "commissioner.helps_with_applications": "Helps with applications",
        "commissioner.advises_on_other_funding": "Advises on other funding",
        "commissioner.expects_business_plans": "Expects business plans",
        "commissioner.helps_with_business_plans": "Helps with business plans",
        "commissioner.ongoing_support": "Ongoing support",
        "commissioner.infrastructure_offered": "Infrastructure offered",
        "commissioner.application_route": "How groups apply",
        "commissioner.non_monetary_support": "Support other than money",
        "commissioner.budget_identifiable": "Budget identifiable",
        "commissioner.org_id": "Commissioner org-id",
        "commissioner.area": "Area",
        "commissioner.area_code": "Area code",
        "commissioner.annual_budget": "Annual budget (£)",
        "strategy": "Strategy recorded",
        "strategy.written": "Strategy written",
        "strategy.published": "Strategy published",
        "strategy.objectives": "Strategy objectives",
        "strategy.takes_account_of": "Strategy takes account of",
        "strategy.covers": "Strategy covers",
        "involvement": "Involvement recorded",
        "involvement.seats.#.body": "Seat {n}: body",
        "involvement.seats.#.speaks_for": "Seat {n}: speaks for",
        "involvement.seats.#.holder_roles": "Seat {n}: holder's roles",
        "involvement.seats.#.paid": "Seat {n}: paid worker",
        "involvement.seats.#.name": "Seat {n}: name",
        "involvement.starts_at": "Involvement starts at",
        "involvement.involved": "Involved in",
        "involvement.money_decided_outside": "Money decided elsewhere",
        "involvement.in_tendering": "Involved in tendering",
        "involvement.duty_known": "Duty to involve known",
        "population": "Population recorded",
        "population.communities.#.name": "Community {n}: name",
        "population.communities.#.dimension": "Community {n}: dimension",
        "population.communities.#.share": "Community {n}: share",
        "population.communities.#.part_of": "Community {n}: part of",
        "indirect.#.via": "Indirect funding {n}: through",
        "indirect.#.amount_per_year": "Indirect funding {n}: amount per year (£)",
        "indirect.#.ring_fenced": "Indirect funding {n}: ring-fenced",
        "indirect.#.purpose": "Indirect funding {n}: purpose",
    },
}

#: The counts layout's columns on the groups sheet (see ``_layouts``), by name.
COUNT_TITLES: Mapping[str, str] = {
    "decision_body.counts.voting_service_users": "Committee: voting service users",
    "decision_body.counts.voting_carers": "Committee: voting carers",
    "decision_body.counts.voting_users_and_carers": (
        "Committee: voting members who are service users and carers"
    ),
    "decision_body.counts.voting_associate_service_users": (
        "Committee: voting associate members who are service users"
    ),
    "decision_body.counts.voting_associate_carers": (
        "Committee: voting associate members who are carers"
    ),
    "decision_body.counts.paid_voting_service_users": "Committee: paid voting service users",
    "decision_body.counts.paid_voting_carers": "Committee: paid voting carers",
    "decision_body.counts.voting_others": "Committee: voting others (not paid)",
    "decision_body.counts.voting_paid_workers": (
        "Committee: voting paid workers who are not users or carers"
    ),
    "decision_body.counts.non_voting_members": "Committee: non-voting members",
    "decision_body.counts.non_voting_paid_workers": "Committee: non-voting paid workers",
    "decision_body.counts.non_voting_associates": "Committee: non-voting associates",
}

#: What each count column counts, for its help.
COUNT_HELP: Mapping[str, str] = {
    "decision_body.counts.voting_service_users": "service users with a vote (full members, unpaid)",
    "decision_body.counts.voting_carers": "carers with a vote (full members, unpaid)",
    "decision_body.counts.voting_users_and_carers": (
        "people who are both service users and carers, with a vote"
    ),
    "decision_body.counts.voting_associate_service_users": (
        "associate members with a vote who are service users (§2.4)"
    ),
    "decision_body.counts.voting_associate_carers": (
        "associate members with a vote who are carers (§2.4)"
    ),
    "decision_body.counts.paid_voting_service_users": (
        "service users paid by the group or its host, with a vote (pay does not stop them "
        "counting, G5(a))"
    ),
    "decision_body.counts.paid_voting_carers": (
        "carers paid by the group or its host, with a vote (pay does not stop them counting)"
    ),
    "decision_body.counts.voting_others": (
        "volunteers, allies and professionals with a vote who are neither service users nor "
        "carers and are not paid"
    ),
    "decision_body.counts.voting_paid_workers": (
        "paid workers with a vote who are neither service users nor carers (G5(a))"
    ),
    "decision_body.counts.non_voting_members": "people who attend without a vote",
    "decision_body.counts.non_voting_paid_workers": "paid staff who attend without a vote",
    "decision_body.counts.non_voting_associates": "associate members without a vote",
}

_SPACES = re.compile(r"[\s_]+")


def normalise(text: str) -> str:
    """A header or value as compared: trimmed, case folded, runs of spaces one space.

    >>> normalise("  Group   NAME ")
    'group name'
    """
    return _SPACES.sub(" ", text).strip().casefold()


def title_of(sheet: str, column: str) -> str:
    """A column's plain-English title.

    >>> title_of("groups", "decision_body.members.2.voting"), title_of("agreements", "aims.3")
    ('Member 2: votes', 'Aim 3')
    """
    if column in COUNT_TITLES:
        return COUNT_TITLES[column]
    pattern = pattern_of(column)
    title = TITLES[sheet].get(pattern)
    if title is None:  # a field newer than the table: its dotted name
        return column
    numbers = [
        part
        for part, mark in zip(column.split("."), pattern.split("."), strict=True)
        if mark == "#"
    ]
    for number in numbers:
        title = title.replace("{n}", number, 1)
    return title

"""VI4xx: the written agreement and what it asks of the group (``G4``, ``§2.15`` to ``§2.24``)."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterator

from valuing_involvement._money import pounds
from valuing_involvement.commissioners import NonMonetarySupport
from valuing_involvement.contracts import (
    AgreementKind,
    GroupPart,
    KpiKind,
    Support,
    Term,
    VariationKind,
)
from valuing_involvement.groups import Activity, HostKind, LegalForm
from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import (
    Hit,
    Modality,
    Origin,
    Parameter,
    Subject,
    rule,
)
from valuing_involvement.rules._limits import said
from valuing_involvement.rules._shared import answer, unanswered

__all__ = ["GOVERNANCE_TERMS", "LEGAL_TERMS", "PARAMETERS", "RULES", "satisfies"]

#: Quality and governance terms agreements typically hold (§2.15).
GOVERNANCE_TERMS = (
    Term.GROUP_PROCEDURES,
    Term.EQUAL_OPPORTUNITIES,
    Term.COMPLAINTS,
    Term.FINANCE,
    Term.INSURANCE,
    Term.CONFLICT_RESOLUTION,
)
#: Legal compliance terms agreements typically hold (§2.15).
LEGAL_TERMS = (Term.DATA_PROTECTION, Term.HEALTH_AND_SAFETY)

#: Forms that are an independent legal status (``G4(a)``): an unnamed requirement is met by any.
_LEGAL = frozenset(LegalForm) - {
    LegalForm.INFORMAL,
    LegalForm.UNINCORPORATED_ASSOCIATION,
    LegalForm.PART_OF_HOST,
}
#: Forms that satisfy a request for another: every charitable form is a charity, and a
#: charitable company and a community interest company are companies (``VI402``).
_SATISFIES = {
    LegalForm.CHARITY: frozenset(
        {
            LegalForm.CHARITY,
            LegalForm.CHARITABLE_COMPANY,
            LegalForm.CHARITABLE_INCORPORATED_ORGANISATION,
        }
    ),
    LegalForm.COMPANY: frozenset(
        {LegalForm.COMPANY, LegalForm.CHARITABLE_COMPANY, LegalForm.COMMUNITY_INTEREST_COMPANY}
    ),
}


def satisfies(held: LegalForm, asked: LegalForm | None) -> bool:
    """Whether a group holding ``held`` already has the form ``asked`` (any legal form if None).

    >>> satisfies(LegalForm.CHARITABLE_COMPANY, LegalForm.CHARITY)
    True
    >>> satisfies(LegalForm.CHARITY, LegalForm.COMPANY), satisfies(LegalForm.INFORMAL, None)
    (False, False)
    """
    if asked is None:
        return held in _LEGAL
    return held in _SATISFIES.get(asked, frozenset({asked}))


#: Hosts that are not the voluntary sector agency ``G4(b)`` describes.
_STATUTORY = frozenset({HostKind.NHS_TRUST, HostKind.LOCAL_AUTHORITY})


_HOST_WORDS = {HostKind.NHS_TRUST: "an NHS trust", HostKind.LOCAL_AUTHORITY: "a council"}


def _words(choice: LegalForm | HostKind) -> str:
    if isinstance(choice, HostKind) and choice in _HOST_WORDS:
        return _HOST_WORDS[choice]
    return str(choice.value).replace("_", " ")


PARAMETERS = (
    Parameter(
        origin=Origin.DEFAULT,
        name="light-touch-amount",
        default=decimal.Decimal(20000),
        unit="pounds a year",
        citations=("G4",),
        description=(
            "Agreements below this yearly amount are held to `light-touch-max-reports`. Our "
            "default: the source sets no reporting bands. (§2.9's £16k to £80k a year is what "
            "whole areas spent on all their user groups together, not the price of one group.)"
        ),
        looser=-1,
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="light-touch-max-reports",
        default=2,
        unit="reports a year",
        citations=("G4",),
        description=(
            "The most reports a year asked of an agreement below `light-touch-amount`. Our "
            "default: the source sets no number."
        ),
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="monthly-reporting-amount",
        default=decimal.Decimal(50000),
        unit="pounds a year",
        citations=("G4",),
        description=(
            "Agreements below this yearly amount are held to `standard-max-reports`; from it, "
            "monthly reports are accepted. Our default: the source sets no reporting bands."
        ),
        looser=-1,
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="standard-max-reports",
        default=4,
        unit="reports a year",
        citations=("G4",),
        description=(
            "The most reports a year asked of an agreement from `light-touch-amount` up to "
            "`monthly-reporting-amount`. Our default: the source sets no number."
        ),
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="max-kpis",
        default=8,
        unit="indicators",
        citations=("G4",),
        description=(
            "More performance indicators than this is reported as more bureaucracy than needed. "
            "Our default: the source sets no limit."
        ),
    ),
)


def _said(ctx: Context, name: str, value: str) -> str:
    return said(ctx, PARAMETERS, name, value)


def _load_unrecorded(ctx: Context) -> bool:
    """Neither the reporting frequency nor any indicator is recorded."""
    return ctx.contract.reporting is None and not ctx.contract.kpis


def _unrecorded(field: str) -> Callable[[Context], bool]:
    """Say when the agreement's yes/no ``field`` is not recorded: its rule cannot judge."""

    def unrecorded(ctx: Context) -> bool:
        return getattr(ctx.contract, field) is None

    unrecorded.__doc__ = f"{field} is not recorded."
    return unrecorded


def _kind_unstated(ctx: Context) -> bool:
    """The kind of agreement is not stated, as in a 360Giving grant."""
    return ctx.contract.kind is None


def _support_unstated(ctx: Context) -> bool:
    """The support the agreement offers is not stated, as in a 360Giving grant."""
    return ctx.contract.support is None


def _terms_unstated(ctx: Context) -> bool:
    """The agreement's terms are not stated, as in a 360Giving grant."""
    return ctx.contract.terms is None


def _payments_unstated(ctx: Context) -> bool:
    """The agreement's terms are not stated, and involvement is bought or no activity is named."""
    bought = ctx.contract.roles_bought
    return ctx.contract.terms is None and (not bought or Activity.INVOLVEMENT in bought)


def _outcomes_unrecorded(ctx: Context) -> bool:
    """No outcome measure says whether it was agreed with the group."""
    return not any(
        kpi.kind is KpiKind.OUTCOME and kpi.agreed_with_group is not None
        for kpi in ctx.contract.kpis
    )


def _measures_unrecorded(ctx: Context) -> bool:
    """No output or outcome indicator is recorded."""
    return not any(kpi.kind in _MEASURES for kpi in ctx.contract.kpis)


_MEASURES = frozenset({KpiKind.OUTPUT, KpiKind.OUTCOME})


def _plan_help_unrecorded(ctx: Context) -> bool:
    """Whether a business plan is required, or if so whether help is offered, is not recorded."""
    plan = ctx.contract.business_plan
    return plan.required is None or (plan.required and plan.help_offered is None)


def _legal_status_unknown(ctx: Context) -> bool:
    """Whether a legal status is required, or if so whether the group is ready, is not recorded.

    A legal form the group already holds that meets the requirement answers the second.
    """
    status = ctx.contract.legal_status
    if status.required is None:
        return True
    if not status.required or status.group_ready is not None:
        return False
    held = None if ctx.group is None else ctx.group.legal_form
    return held is None or not satisfies(held, status.form)


def _variations_unrecorded(ctx: Context) -> bool:
    """The period's dates are not recorded, or no change in it says whether the group agreed."""
    period = ctx.contract.period
    return period is None or not any(
        v.kind in _GOALPOSTS and v.on in period and v.agreed_with_group is not None
        for v in ctx.contract.variations
    )


def _business_plans_unknown(ctx: PortfolioContext) -> bool:
    """Whether business plans are expected, or if so helped, is not answered."""
    commissioner = ctx.portfolio.commissioner
    expects = commissioner.expects_business_plans
    return expects is None or (expects is True and commissioner.helps_with_business_plans is None)


def _non_monetary_unrecorded(ctx: PortfolioContext) -> bool:
    """The support offered besides money is not recorded."""
    return ctx.portfolio.commissioner.non_monetary_support is None


@rule(
    code="VI400",
    name="no-written-agreement",
    title="There is no written agreement of any kind.",
    modality=Modality.CONSIDER,
    citations=("G4",),
    rationale="G4 finds it useful to have a contract, SLA or memorandum of agreement setting out "
    "mutual expectations; in §2.15, 6 of 29 groups had none and learnt what was expected "
    "through grant applications, talk or email.",
    remedy="Write a short agreement setting out both sides' expectations, kept proportionate.",
    subject=Subject.CONTRACT,
    unknown=_kind_unstated,
)
def _no_written_agreement(ctx: Context) -> Iterator[Hit]:
    if ctx.contract.kind is AgreementKind.NONE:
        yield Hit(
            message="there is no written contract, SLA, memorandum or grant letter",
            path="$.kind",
            evidence={"kind": "none"},
        )


def _allowed_reports(ctx: Context, amount: decimal.Decimal) -> tuple[int, str | None]:
    if amount < ctx.amount("light-touch-amount"):
        return ctx.whole_number("light-touch-max-reports"), "light-touch-max-reports"
    if amount < ctx.amount("monthly-reporting-amount"):
        return ctx.whole_number("standard-max-reports"), "standard-max-reports"
    return 12, None


@rule(
    code="VI401",
    name="heavy-reporting",
    title="Reporting is heavier than the policy's bands for the funding.",
    modality=Modality.CONSIDER,
    citations=("G4", "§2.15"),
    rationale="G4 finds a written agreement useful when it sets out expectations in ways which "
    "avoid unnecessary bureaucracy; §2.15 found agreements asking for monthly narrative reports "
    "and long lists of indicators. The source sets no bands or limits: the amounts, report "
    "counts and indicator limit here are ours, for a local policy to set.",
    remedy="Ask for no more reports and indicators than the policy's bands allow for the amount.",
    subject=Subject.CONTRACT,
    unknown=_load_unrecorded,
    parameters=(
        "light-touch-amount",
        "light-touch-max-reports",
        "monthly-reporting-amount",
        "standard-max-reports",
        "max-kpis",
    ),
)
def _heavy_reporting(ctx: Context) -> Iterator[Hit]:
    contract = ctx.contract
    amount = contract.amount_per_year
    if contract.reporting is not None:
        (allowed, band), asked = _allowed_reports(ctx, amount), contract.reporting.per_year
        if band is not None and asked > allowed:
            yield Hit(
                message=(
                    f"{asked} reports a year ({contract.reporting.value.replace('_', '-')}) "
                    f"for {pounds(amount)} a year, "
                    f"more than {_said(ctx, band, str(allowed))}"
                ),
                path="$.reporting",
                evidence={
                    "reports_per_year": asked,
                    "allowed_per_year": allowed,
                    "amount_per_year": str(amount),
                },
            )
    limit = ctx.whole_number("max-kpis")
    if len(contract.kpis) > limit:
        yield Hit(
            message=(
                f"{len(contract.kpis)} performance indicators, more than "
                f"{_said(ctx, 'max-kpis', str(limit))}"
            ),
            path="$.kpis",
            evidence={"kpis": len(contract.kpis), "max-kpis": limit},
        )


@rule(
    code="VI402",
    name="legal-status-too-early",
    title="A charitable or other legal status is required before the group is ready for it.",
    modality=Modality.SHOULD,
    citations=("G4(a)",),
    rationale="G4(a): groups should be encouraged not to be over-ambitious in seeking charitable "
    "or other independent legal status until all concerned are confident the people involved "
    "have the skills and knowledge to fulfil the legal duties. A group that already holds a "
    "form that satisfies the request is not reported: a charitable company or a charitable "
    "incorporated organisation is a charity, and a charitable company or a community interest "
    "company is a company. An agreement that does not say whether it asks for a legal status, "
    "or asks for one without saying whether the group is ready, is unknown and not reported.",
    remedy="Drop the requirement for now, or record that the group is ready and offer help.",
    subject=Subject.CONTRACT,
    unknown=_legal_status_unknown,
)
def _legal_status_too_early(ctx: Context) -> Iterator[Hit]:
    status = ctx.contract.legal_status
    if status.required is not True or status.group_ready is not False:
        return
    held = None if ctx.group is None else ctx.group.legal_form
    if held is not None and satisfies(held, status.form):
        return
    form = "a legal status" if status.form is None else f"status as a {_words(status.form)}"
    yield Hit(
        message=f"{form} is required before the group is confirmed ready to carry its duties",
        path="$.legal_status",
        evidence={
            "form": None if status.form is None else status.form.value,
            "group_legal_form": None if held is None else held.value,
            "group_ready": False,
            "help_offered": status.help_offered,
        },
    )


def _host(ctx: Context) -> tuple[str, HostKind | None] | None:
    hosting = ctx.contract.hosting
    group_host = None if ctx.group is None else ctx.group.host
    if hosting is not None:
        kind = hosting.kind
        if kind is None and group_host is not None and group_host.name == hosting.host:
            kind = group_host.kind
        return hosting.host, kind
    if group_host is not None:
        return group_host.name, group_host.kind
    return None


def _hosted_unknown(ctx: Context) -> bool:
    """Whether no host is recorded and nothing says the group stands alone.

    A group with a legal form of its own (anything but part of a host) and no host recorded
    is not hosted; with no group, no legal form, or part of a host that is not named, whether
    and by whom it is hosted is not known.
    """
    if _host(ctx) is not None:
        return False
    form = None if ctx.group is None else ctx.group.legal_form
    return form is None or form is LegalForm.PART_OF_HOST


def _hosting_unknown(ctx: Context) -> bool:
    """The host is not known, or whether skills training is available is not stated.

    A hosted group's training is known when the hosting offers it, or the support offered is
    stated: skills training among it, or a hosting record that says whether it is available
    (a group hosted through its own record, with no hosting in the agreement, has none).
    """
    if _hosted_unknown(ctx):
        return True
    hosting = ctx.contract.hosting
    if _host(ctx) is None or (hosting is not None and hosting.skills_training is True):
        return False
    support = ctx.contract.support
    if support is None:
        return True
    return (
        Support.SKILLS_TRAINING not in support
        and hosting is not None
        and hosting.skills_training is None
    )


def _host_kind_unknown(ctx: Context) -> bool:
    """The host, or its kind, is not known."""
    host = _host(ctx)
    return _hosted_unknown(ctx) or (host is not None and host[1] is None)


@rule(
    code="VI403",
    name="hosted-without-training",
    title="The group is hosted with no skills training towards independence.",
    modality=Modality.CONSIDER,
    citations=("G4(b)",),
    rationale="G4(b): in the early stages of a group's development, hosting arrangements could be "
    "considered provided that skills training is available to enable groups to evolve towards "
    "greater independence. A plan towards independence without the training does not meet "
    "that condition. The library records no stage of development, so it reads the proviso "
    "for any hosted group: our reading, since G4(b) speaks of groups in their early stages. "
    "A hosting record that does not say whether training is available is unknown and not "
    "reported.",
    remedy="Make skills training available to the group, for its move towards independence.",
    subject=Subject.CONTRACT,
    unknown=_hosting_unknown,
)
def _hosted_without_training(ctx: Context) -> Iterator[Hit]:
    host = _host(ctx)
    if host is None:
        return
    hosting = ctx.contract.hosting
    support = ctx.contract.support
    if support is None or Support.SKILLS_TRAINING in support:
        return  # support not stated: the group may have the training (VI403 cannot judge)
    if hosting is None or hosting.skills_training is False:
        yield Hit(
            message=f"hosted by {host[0]} with no skills training towards independence",
            path="$.hosting" if hosting is not None else "$.support",
            evidence={"host": host[0], "skills_training": False},
        )


@rule(
    code="VI415",
    name="host-not-voluntary",
    title="The group is hosted by a statutory body, a kind of host G4(b) does not describe.",
    # G4(b)'s own force: it offers voluntary hosting as something that could be considered;
    # advice, as a finding would be, and the rationale says no kind is preferred.
    modality=Modality.CONSIDER,
    citations=("G4(b)",),
    rationale="The hosting G4(b) suggests for groups in their early stages is by local "
    "voluntary sector agencies, for instance Mind or Rethink; it says nothing for or against "
    "hosting by an NHS trust or a council. So the kind of host is reported as a fact to know, "
    "not as a fault, and no kind is preferred. A host whose kind is not stated is unknown and "
    "not reported.",
    remedy="Nothing follows from the kind of host alone. Whoever hosts the group, see that "
    "skills training is available for it to grow towards independence (VI403; G4(b) sets "
    "that condition for the hosting it describes, and applying it to any host is our reading).",
    subject=Subject.CONTRACT,
    unknown=_host_kind_unknown,
)
def _host_not_voluntary(ctx: Context) -> Iterator[Hit]:
    host = _host(ctx)
    if host is not None and host[1] in _STATUTORY:
        yield Hit(
            message=f"hosted by {host[0]}, {_words(host[1])}",
            path="$.hosting" if ctx.contract.hosting is not None else "$.group.host",
            evidence={"host": host[0], "kind": host[1].value},
        )


_MONITORING_PART = {
    None: "the agreement does not state the group's part in monitoring and evaluation",
    GroupPart.NONE: "the group has no part in monitoring and evaluation",
    GroupPart.CONSULTED: "the group is only consulted on monitoring and evaluation",
}


@rule(
    code="VI404",
    name="monitoring-not-equal",
    title="Monitoring and evaluation are not done in equal partnership with the group.",
    modality=Modality.SHOULD,
    citations=("G4(c)",),
    rationale="G4(c): monitoring and evaluating groups should be done in equal partnership with "
    "them.",
    remedy="Agree the monitoring and evaluation methods with the group as an equal partner.",
    subject=Subject.CONTRACT,
    unknown=_unrecorded("monitoring"),
)
def _monitoring_not_equal(ctx: Context) -> Iterator[Hit]:
    part = ctx.contract.monitoring
    if part is None or part.rank < GroupPart.EQUAL_PARTNER.rank:
        yield Hit(
            message=_MONITORING_PART[part],
            path="$.monitoring",
            evidence={"monitoring": None if part is None else part.value},
        )


@rule(
    code="VI405",
    name="outcomes-not-partnered",
    title="Outcome measures were not developed in partnership with the group.",
    modality=Modality.CONSIDER,
    citations=("G4(d)(i)",),
    rationale="G4(d)(i) asks commissioners to consider developing effective outcome measures in "
    "partnership with the groups they commission.  A measure the agreement does not say was "
    "or was not agreed is unknown and not reported.",
    remedy="Develop the outcome measures with the group and record that they were agreed.",
    subject=Subject.CONTRACT,
    unknown=_outcomes_unrecorded,
)
def _outcomes_not_partnered(ctx: Context) -> Iterator[Hit]:
    for index, kpi in enumerate(ctx.contract.kpis):
        if kpi.kind is KpiKind.OUTCOME and kpi.agreed_with_group is False:
            yield Hit(
                message=f"outcome measure {kpi.description!r} was not developed with the group",
                path=f"$.kpis[{index}]",
                evidence={"kpi": kpi.description, "agreed_with_group": False},
            )


def _lacks_support(ctx: Context, support: Support, what: str) -> Iterator[Hit]:
    offered = ctx.contract.support
    if offered is not None and support not in offered:
        yield Hit(
            message=f"no support or training in {what}",
            path="$.support",
            evidence={"support": ", ".join(sorted(s.value for s in offered)) or None},
        )


@rule(
    code="VI406",
    name="no-organisational-support",
    title="No support for organisational management and development.",
    modality=Modality.CONSIDER,
    citations=("G4(d)(ii)(1)",),
    rationale="G4(d)(ii)(1) asks commissioners to consider support and training in "
    "organisational management and development; in §2.19 groups named budgeting, finance and "
    "personnel among their unmet needs.",
    remedy="Offer training or support in organisational management and development.",
    subject=Subject.CONTRACT,
    unknown=_support_unstated,
)
def _no_organisational_support(ctx: Context) -> Iterator[Hit]:
    return _lacks_support(
        ctx, Support.ORGANISATIONAL_DEVELOPMENT, "organisational management and development"
    )


@rule(
    code="VI407",
    name="no-self-evaluation-support",
    title="No support for self-evaluation and monitoring.",
    modality=Modality.CONSIDER,
    citations=("G4(d)(ii)(2)",),
    rationale="G4(d)(ii)(2) asks commissioners to consider support and training in "
    "self-evaluation and monitoring.",
    remedy="Offer training or support in self-evaluation and monitoring.",
    subject=Subject.CONTRACT,
    unknown=_support_unstated,
)
def _no_self_evaluation_support(ctx: Context) -> Iterator[Hit]:
    return _lacks_support(ctx, Support.SELF_EVALUATION, "self-evaluation and monitoring")


def _missing_terms(ctx: Context, wanted: tuple[Term, ...], what: str) -> Iterator[Hit]:
    terms = ctx.contract.terms
    if terms is None:  # not stated: nothing is known missing
        return
    missing = [term.value for term in wanted if term not in terms]
    if missing:
        yield Hit(
            message=f"{what} terms missing: {', '.join(t.replace('_', ' ') for t in missing)}",
            path="$.terms",
            evidence={"missing": ", ".join(missing)},
        )


@rule(
    code="VI408",
    name="governance-terms-missing",
    title="Quality and governance terms are missing.",
    modality=Modality.FINDING,
    citations=("§2.15",),
    rationale="Commissioners said agreements typically specify quality and governance: the "
    "group's procedures, equal opportunities, complaints, finance, insurance if needed and "
    "conflict resolution (§2.15). An agreement that records insurance is not needed is not "
    "asked for it.",
    remedy="Add the missing terms, kept short and proportionate to the group's size.",
    subject=Subject.CONTRACT,
    unknown=_terms_unstated,
)
def _governance_terms(ctx: Context) -> Iterator[Hit]:
    if ctx.contract.insurance_needed is False:
        return _missing_terms(
            ctx, tuple(t for t in GOVERNANCE_TERMS if t is not Term.INSURANCE), "governance"
        )
    return _missing_terms(ctx, GOVERNANCE_TERMS, "governance")


@rule(
    code="VI414",
    name="legal-terms-missing",
    title="Legal compliance terms are missing.",
    modality=Modality.FINDING,
    citations=("§2.15",),
    rationale="Groups said their agreements required compliance with legislation such as data "
    "protection and health and safety (§2.15).",
    remedy="Add the missing legal compliance terms, with help to meet them where needed.",
    subject=Subject.CONTRACT,
    unknown=_terms_unstated,
)
def _legal_terms(ctx: Context) -> Iterator[Hit]:
    return _missing_terms(ctx, LEGAL_TERMS, "legal compliance")


@rule(
    code="VI409",
    name="no-ill-health-flexibility",
    title="Nothing allows for members' ill-health affecting delivery.",
    modality=Modality.FINDING,
    citations=("§2.24",),
    rationale="A group suggested written recognition, in the agreement or elsewhere, that "
    "members' mental health may at times affect what they deliver (§2.24).",
    remedy="Add a term allowing flexibility when members' ill-health affects delivery.",
    subject=Subject.CONTRACT,
    unknown=_terms_unstated,
)
def _no_ill_health_flexibility(ctx: Context) -> Iterator[Hit]:
    terms = ctx.contract.terms
    if terms is not None and Term.ILL_HEALTH_FLEXIBILITY not in terms:
        yield Hit(
            message="nothing allows for members' ill-health affecting delivery",
            path="$.terms",
            evidence={"ill_health_flexibility": False},
        )


@rule(
    code="VI410",
    name="business-plan-without-help",
    title="A business plan is required with no help offered.",
    modality=Modality.FINDING,
    citations=("§2.16",),
    rationale="11 of 29 groups were expected to produce a business plan, and 8 of those 11 were "
    "given no help with it (§2.16). An agreement that does not say whether a business plan is "
    "required, or whether help is offered with one, is unknown and not reported.",
    remedy="Offer help with the business plan, directly or through the local CVS.",
    subject=Subject.CONTRACT,
    unknown=_plan_help_unrecorded,
)
def _business_plan_without_help(ctx: Context) -> Iterator[Hit]:
    plan = ctx.contract.business_plan
    if plan.required is True and plan.help_offered is False:
        yield Hit(
            message="a business plan is required but no help is offered to write it",
            path="$.business_plan",
            evidence={"required": True, "help_offered": False},
        )


_GOALPOSTS = frozenset({VariationKind.TARGETS, VariationKind.CRITERIA, VariationKind.FUNDING})


@rule(
    code="VI411",
    name="shifted-goalposts",
    title="Targets or criteria changed during the period without the group's agreement.",
    modality=Modality.FINDING,
    citations=("§2.7", "§2.23"),
    rationale="Groups named the changing of goalposts and of criteria half way through as "
    "unhelpful (§2.7), and shifting goalposts among what is not working well (§2.23).  A "
    "change whose agreement with the group is not stated is unknown and not reported.",
    remedy="Change targets, criteria or funding only with the group's agreement.",
    subject=Subject.CONTRACT,
    unknown=_variations_unrecorded,
)
def _unagreed_variations(ctx: Context) -> Iterator[Hit]:
    period = ctx.contract.period
    if period is None:  # whether a change fell within the period needs its dates
        return
    for index, variation in enumerate(ctx.contract.variations):
        if (
            variation.kind in _GOALPOSTS
            and variation.on in period
            and variation.agreed_with_group is False
        ):
            yield Hit(
                message=(
                    f"{variation.kind.value} changed on {variation.on.isoformat()} without the "
                    f"group's agreement: {variation.change}"
                ),
                path=f"$.variations[{index}]",
                evidence={"on": variation.on.isoformat(), "kind": variation.kind.value},
            )


@rule(
    code="VI412",
    name="outputs-only",
    title="Only outputs are measured, with no outcome measures.",
    modality=Modality.CONSIDER,
    citations=("G4(d)(i)", "§2.15"),
    rationale="G4(d)(i) asks commissioners to consider outcome measures; §2.15 lists outcomes "
    "(what was achieved, were the aims met) beside outputs such as meetings and newsletters.",
    remedy="Add one or two outcome measures developed with the group.",
    subject=Subject.CONTRACT,
    unknown=_measures_unrecorded,
)
def _outputs_only(ctx: Context) -> Iterator[Hit]:
    kinds = {kpi.kind for kpi in ctx.contract.kpis}
    if KpiKind.OUTPUT in kinds and KpiKind.OUTCOME not in kinds:
        outputs = sum(kpi.kind is KpiKind.OUTPUT for kpi in ctx.contract.kpis)
        yield Hit(
            message=(
                f"{outputs} output indicator{'s' if outputs > 1 else ''} and no outcome measures"
            ),
            path="$.kpis",
            evidence={"outputs": outputs, "outcomes": 0},
        )


@rule(
    code="VI413",
    name="no-involvement-payments",
    title="The agreement records no arrangement for paying involvement fees and expenses.",
    modality=Modality.FINDING,
    citations=("§2.24",),
    rationale="Groups suggested simplifying how involvement is paid, remuneration and expenses "
    "(§2.24). The source asks for a simpler process, not for a term in the agreement; looking "
    "for the arrangement in the agreement is our reading of where a simple process is shown.",
    remedy="Set out how involvement fees and expenses are paid, simply and promptly.",
    subject=Subject.CONTRACT,
    unknown=_payments_unstated,
)
def _no_involvement_payments(ctx: Context) -> Iterator[Hit]:
    bought = ctx.contract.roles_bought
    if bought and Activity.INVOLVEMENT not in bought:
        return
    terms = ctx.contract.terms
    if terms is not None and Term.INVOLVEMENT_PAYMENTS not in terms:
        yield Hit(
            message="no arrangement for paying involvement fees and expenses",
            path="$.terms",
            evidence={"involvement_payments": False},
        )


@rule(
    code="VI420",
    name="business-plans-without-help",
    title="Business plans are expected but no help is offered with them.",
    modality=Modality.FINDING,
    citations=("§2.16",),
    rationale="Only 2 of 11 commissioners said they help groups develop a business plan, and 8 "
    "of the 11 groups expected to produce one got no help (§2.16).",
    remedy="Offer help with business plans, directly or through the voluntary sector.",
    subject=Subject.COMMISSIONER,
    unknown=_business_plans_unknown,
)
def _business_plans_without_help(ctx: PortfolioContext) -> Iterator[Hit]:
    commissioner = ctx.portfolio.commissioner
    if commissioner.expects_business_plans and commissioner.helps_with_business_plans is not True:
        yield Hit(
            message="business plans are expected but no help with them is offered",
            path="$.commissioner.helps_with_business_plans",
            evidence={
                "expects_business_plans": True,
                "helps_with_business_plans": commissioner.helps_with_business_plans,
            },
        )


@rule(
    code="VI421",
    name="no-ongoing-support",
    title="No ongoing help is offered for groups to meet their targets.",
    modality=Modality.FINDING,
    citations=("§2.17",),
    rationale="12 of 29 groups said they received no help in meeting their targets, 5 some "
    "help and 5 adequate help (§2.17).",
    remedy="Offer ongoing support, such as training or a named development worker.",
    subject=Subject.COMMISSIONER,
    unknown=unanswered("ongoing_support"),
)
def _no_ongoing_support(ctx: PortfolioContext) -> Iterator[Hit]:
    return answer(ctx, "ongoing_support", "ongoing help for groups to meet their targets")


@rule(
    code="VI416",
    name="double-monitoring",
    title="The group reports on the same work to health and to social care separately.",
    modality=Modality.FINDING,
    citations=("§2.23", "G4"),
    rationale="Groups named the incompatibility between health and social services monitoring "
    "systems among what is not working well (§2.23); G4 asks for agreements that avoid "
    "unnecessary bureaucracy.",
    remedy="Agree one set of monitoring with the other sector's funder and share its reports.",
    subject=Subject.CONTRACT,
    unknown=_unrecorded("dual_monitoring"),
)
def _double_monitoring(ctx: Context) -> Iterator[Hit]:
    if ctx.contract.dual_monitoring is True:
        yield Hit(
            message="the group reports on this work to health and to social care separately",
            path="$.dual_monitoring",
            evidence={"dual_monitoring": True},
        )


_NON_MONETARY = {
    NonMonetarySupport.EMOTIONAL_SUPPORT: "emotional support and supervision",
    NonMonetarySupport.LEGAL_ADVICE: "legal advice",
    NonMonetarySupport.ICT: "ICT",
    NonMonetarySupport.INTERPRETING: "interpreters, BSL or Braille",
    NonMonetarySupport.STAFF_TIME: "staff time",
    NonMonetarySupport.PREMISES: "premises or facilities",
    NonMonetarySupport.RECRUITMENT: "help with recruitment",
}


@rule(
    code="VI422",
    name="no-non-monetary-support",
    title="The commissioner offers groups no support other than money.",
    modality=Modality.FINDING,
    citations=("§2.19",),
    rationale="9 of 11 commissioners said they offer support other than money, such as staff "
    "time, facilities and help with recruitment; 19 of 29 groups said they had support needs "
    "the commissioners did not meet, among them emotional support, legal advice, ICT and "
    "interpreters (§2.19).",
    remedy="Ask the groups what support they need and offer what you can: staff time, "
    "premises, ICT, legal advice, interpreters, supervision.",
    subject=Subject.COMMISSIONER,
    unknown=_non_monetary_unrecorded,
)
def _no_non_monetary_support(ctx: PortfolioContext) -> Iterator[Hit]:
    offered = ctx.portfolio.commissioner.non_monetary_support
    if offered is not None and not offered:
        yield Hit(
            message=(
                "no support other than money is offered: none of "
                f"{', '.join(_NON_MONETARY.values())}"
            ),
            path="$.commissioner.non_monetary_support",
            evidence={"non_monetary_support": None},
        )


RULES = (
    _no_written_agreement,
    _heavy_reporting,
    _legal_status_too_early,
    _hosted_without_training,
    _host_not_voluntary,
    _monitoring_not_equal,
    _outcomes_not_partnered,
    _no_organisational_support,
    _no_self_evaluation_support,
    _governance_terms,
    _no_ill_health_flexibility,
    _business_plan_without_help,
    _unagreed_variations,
    _outputs_only,
    _no_involvement_payments,
    _legal_terms,
    _business_plans_without_help,
    _no_ongoing_support,
    _double_monitoring,
    _no_non_monetary_support,
)

"""VI4xx: the written agreement and what it asks of the group (``G4``, ``§2.15`` to ``§2.24``)."""

from __future__ import annotations

import decimal
from collections.abc import Iterator

from valuing_involvement.contracts import (
    AgreementKind,
    GroupPart,
    KpiKind,
    Support,
    Term,
    VariationKind,
)
from valuing_involvement.groups import Activity
from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import (
    Hit,
    Modality,
    Origin,
    Parameter,
    Subject,
    rule,
)
from valuing_involvement.rules._shared import answer

__all__ = ["GOVERNANCE_TERMS", "LEGAL_TERMS", "PARAMETERS", "RULES"]

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

PARAMETERS = (
    Parameter(
        origin=Origin.DEFAULT,
        name="light-touch-amount",
        default=decimal.Decimal(20000),
        unit="pounds a year",
        citations=("G4", "§2.9"),
        description=(
            "Agreements below this yearly amount should ask for light-touch reporting; the "
            "survey's user groups were funded at £16k to £80k a year, carer groups £9k to £30k."
        ),
        looser=-1,
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="light-touch-max-reports",
        default=2,
        unit="reports a year",
        citations=("G4",),
        description="The most reports a year asked of an agreement below the light-touch amount.",
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="monthly-reporting-amount",
        default=decimal.Decimal(50000),
        unit="pounds a year",
        citations=("G4", "§2.9"),
        description="Below this yearly amount, reporting more often than quarterly is heavy.",
        looser=-1,
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="standard-max-reports",
        default=4,
        unit="reports a year",
        citations=("G4",),
        description="The most reports a year asked of an agreement below the monthly amount.",
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="max-kpis",
        default=8,
        unit="indicators",
        citations=("G4", "§2.15"),
        description="More performance indicators than this is more bureaucracy than needed.",
    ),
)


@rule(
    code="VI400",
    name="no-written-agreement",
    title="There is no written agreement of any kind.",
    modality=Modality.SHOULD,
    citations=("G4",),
    rationale="A contract, SLA or memorandum of agreement sets out what each side expects; without "
    "one, expectations are negotiated informally and easily misunderstood.",
    remedy="Write a short agreement setting out both sides' expectations, kept proportionate.",
    subject=Subject.CONTRACT,
)
def _no_written_agreement(ctx: Context) -> Iterator[Hit]:
    if ctx.contract.kind is AgreementKind.NONE:
        yield Hit(
            message="there is no written contract, SLA, memorandum or grant letter",
            path="$.kind",
            evidence={"kind": "none"},
        )


def _allowed_reports(ctx: Context, amount: decimal.Decimal) -> int:
    if amount < ctx.amount("light-touch-amount"):
        return ctx.months("light-touch-max-reports")
    if amount < ctx.amount("monthly-reporting-amount"):
        return ctx.months("standard-max-reports")
    return 12


@rule(
    code="VI401",
    name="heavy-reporting",
    title="Reporting is heavier than the funding warrants.",
    modality=Modality.SHOULD,
    citations=("G4", "§2.15"),
    rationale="Agreements should set out expectations without needless bureaucracy; monthly "
    "reports or long lists of indicators weigh heavily on small, volunteer-run groups.",
    remedy="Ask for fewer, less frequent reports and a short list of indicators.",
    subject=Subject.CONTRACT,
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
        allowed, asked = _allowed_reports(ctx, amount), contract.reporting.per_year
        if asked > allowed:
            yield Hit(
                message=(
                    f"{asked} reports a year ({contract.reporting.value}) for £{amount:,} a year; "
                    f"at most {allowed} would be proportionate"
                ),
                path="$.reporting",
                evidence={
                    "reports_per_year": asked,
                    "allowed_per_year": allowed,
                    "amount_per_year": str(amount),
                },
            )
    limit = ctx.months("max-kpis")
    if len(contract.kpis) > limit:
        yield Hit(
            message=f"{len(contract.kpis)} performance indicators, more than {limit}",
            path="$.kpis",
            evidence={"kpis": len(contract.kpis), "max-kpis": limit},
        )


@rule(
    code="VI402",
    name="legal-status-too-early",
    title="A charitable or other legal status is required before the group is ready for it.",
    modality=Modality.SHOULD,
    citations=("G4(a)",),
    rationale="Taking on a legal form brings legal duties; groups should not be pushed into it "
    "before everyone is confident the people involved can carry them.",
    remedy="Drop the requirement for now, or record that the group is ready and offer help.",
    subject=Subject.CONTRACT,
)
def _legal_status_too_early(ctx: Context) -> Iterator[Hit]:
    contract = ctx.contract
    requirement = contract.legal_status
    if not requirement.required or requirement.group_ready:
        return
    wanted = contract.legal_form_required
    if ctx.group is not None and wanted is not None and ctx.group.legal_form is wanted:
        return
    form = "a legal status" if wanted is None else f"status as a {wanted.value.replace('_', ' ')}"
    yield Hit(
        message=f"{form} is required before the group is confirmed ready to carry its duties",
        path="$.legal_status",
        evidence={
            "legal_form_required": None if wanted is None else wanted.value,
            "group_ready": False,
            "help_offered": requirement.help_offered,
        },
    )


@rule(
    code="VI403",
    name="hosted-without-route",
    title="The group is hosted with no skills training or path towards independence.",
    modality=Modality.CONSIDER,
    citations=("G4(b)",),
    rationale="Hosting by a voluntary agency suits a group's early stages when it comes with "
    "skills training that lets the group grow towards independence.",
    remedy="Include skills training and a plan for the group's move towards independence.",
    subject=Subject.CONTRACT,
)
def _hosted_without_route(ctx: Context) -> Iterator[Hit]:
    contract = ctx.contract
    hosting = contract.hosting
    host = (
        hosting.host if hosting else (ctx.group.host.name if ctx.group and ctx.group.host else None)
    )
    if host is None:
        return
    training = Support.SKILLS_TRAINING in contract.support or (
        hosting is not None and hosting.skills_training
    )
    plan = hosting is not None and hosting.independence_plan
    if not training and not plan:
        yield Hit(
            message=f"hosted by {host} with no skills training or plan towards independence",
            path="$.hosting",
            evidence={"host": host, "skills_training": False, "independence_plan": False},
        )


@rule(
    code="VI404",
    name="monitoring-not-equal",
    title="Monitoring and evaluation are not done in equal partnership with the group.",
    modality=Modality.SHOULD,
    citations=("G4(c)",),
    rationale="Groups should monitor and evaluate their work as equal partners, not subjects.",
    remedy="Agree the monitoring and evaluation methods with the group as an equal partner.",
    subject=Subject.CONTRACT,
)
def _monitoring_not_equal(ctx: Context) -> Iterator[Hit]:
    part = ctx.contract.monitoring
    if part is None or part.rank < GroupPart.EQUAL_PARTNER.rank:
        said = "not stated" if part is None else part.value.replace("_", " ")
        yield Hit(
            message=(
                f"the group's part in monitoring and evaluation is {said}, not an equal partner"
            ),
            path="$.monitoring",
            evidence={"monitoring": None if part is None else part.value},
        )


@rule(
    code="VI405",
    name="outcomes-not-partnered",
    title="Outcome measures were not developed in partnership with the group.",
    modality=Modality.SHOULD,
    citations=("G4(d)(i)",),
    rationale="Outcome measures work when the group helped to decide what success means.",
    remedy="Develop the outcome measures with the group and record that they were agreed.",
    subject=Subject.CONTRACT,
)
def _outcomes_not_partnered(ctx: Context) -> Iterator[Hit]:
    for index, kpi in enumerate(ctx.contract.kpis):
        if kpi.kind is KpiKind.OUTCOME and not kpi.agreed_with_group:
            yield Hit(
                message=f"outcome measure {kpi.description!r} was not developed with the group",
                path=f"$.kpis[{index}]",
                evidence={"kpi": kpi.description, "agreed_with_group": False},
            )


def _lacks_support(ctx: Context, support: Support, what: str) -> Iterator[Hit]:
    offered = ctx.contract.support
    if support not in offered:
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
    rationale="Groups asked for help with budgeting, finance, personnel and running an "
    "organisation; commissioners are asked to consider providing it.",
    remedy="Offer training or support in organisational management and development.",
    subject=Subject.CONTRACT,
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
    rationale="Groups that monitor themselves need the skills to do it well.",
    remedy="Offer training or support in self-evaluation and monitoring.",
    subject=Subject.CONTRACT,
)
def _no_self_evaluation_support(ctx: Context) -> Iterator[Hit]:
    return _lacks_support(ctx, Support.SELF_EVALUATION, "self-evaluation and monitoring")


def _missing_terms(ctx: Context, wanted: tuple[Term, ...], what: str) -> Iterator[Hit]:
    missing = [term.value for term in wanted if term not in ctx.contract.terms]
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
    rationale="Agreements typically cover the group's procedures, equal opportunities, "
    "complaints, finance, insurance and conflict resolution.",
    remedy="Add the missing terms, kept short and proportionate to the group's size.",
    subject=Subject.CONTRACT,
)
def _governance_terms(ctx: Context) -> Iterator[Hit]:
    return _missing_terms(ctx, GOVERNANCE_TERMS, "governance")


@rule(
    code="VI414",
    name="legal-terms-missing",
    title="Legal compliance terms are missing.",
    modality=Modality.FINDING,
    citations=("§2.15",),
    rationale="Agreements typically cover data protection and health and safety.",
    remedy="Add the missing legal compliance terms, with help to meet them where needed.",
    subject=Subject.CONTRACT,
)
def _legal_terms(ctx: Context) -> Iterator[Hit]:
    return _missing_terms(ctx, LEGAL_TERMS, "legal compliance")


@rule(
    code="VI409",
    name="no-ill-health-flexibility",
    title="Nothing allows for members' ill-health affecting delivery.",
    modality=Modality.FINDING,
    citations=("§2.24",),
    rationale="Groups asked for written recognition that members' mental health may affect "
    "what they deliver at times, without penalty.",
    remedy="Add a term allowing flexibility when members' ill-health affects delivery.",
    subject=Subject.CONTRACT,
)
def _no_ill_health_flexibility(ctx: Context) -> Iterator[Hit]:
    if Term.ILL_HEALTH_FLEXIBILITY not in ctx.contract.terms:
        yield Hit(
            message="nothing allows for members' ill-health affecting delivery",
            path="$.terms",
            evidence={"ill_health_flexibility": False},
        )


@rule(
    code="VI410",
    name="business-plan-without-help",
    title="A business plan is required with no help offered.",
    modality=Modality.SHOULD,
    citations=("§2.16",),
    rationale="Half the groups surveyed were asked for a business plan, and few of them were "
    "offered help to write one.",
    remedy="Offer help with the business plan, directly or through the local CVS.",
    subject=Subject.CONTRACT,
)
def _business_plan_without_help(ctx: Context) -> Iterator[Hit]:
    plan = ctx.contract.business_plan
    if plan.required and not plan.help_offered:
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
    modality=Modality.SHOULD,
    citations=("§2.7", "§2.23"),
    rationale="Groups named changing criteria and targets part-way through a funding period as "
    "one of the most damaging things commissioners do.",
    remedy="Change targets, criteria or funding only with the group's agreement.",
    subject=Subject.CONTRACT,
)
def _unagreed_variations(ctx: Context) -> Iterator[Hit]:
    period = ctx.contract.period
    for index, variation in enumerate(ctx.contract.variations):
        if (
            variation.kind in _GOALPOSTS
            and variation.on in period
            and not variation.agreed_with_group
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
    rationale="Counting meetings and newsletters says little about what difference a group makes; "
    "outcomes say whether the aims were met.",
    remedy="Add one or two outcome measures developed with the group.",
    subject=Subject.CONTRACT,
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
    title="No arrangement for paying involvement fees and expenses.",
    modality=Modality.FINDING,
    citations=("§2.24",),
    rationale="Groups asked for simpler payment of involvement fees and expenses, so that taking "
    "part does not leave members out of pocket.",
    remedy="Set out how involvement fees and expenses are paid, simply and promptly.",
    subject=Subject.CONTRACT,
)
def _no_involvement_payments(ctx: Context) -> Iterator[Hit]:
    bought = ctx.contract.roles_bought
    if bought and Activity.INVOLVEMENT not in bought:
        return
    if Term.INVOLVEMENT_PAYMENTS not in ctx.contract.terms:
        yield Hit(
            message="no arrangement for paying involvement fees and expenses",
            path="$.terms",
            evidence={"involvement_payments": False},
        )


@rule(
    code="VI420",
    name="business-plans-without-help",
    title="Business plans are expected but no help is offered with them.",
    modality=Modality.SHOULD,
    citations=("§2.16",),
    rationale="Only a few commissioners help groups develop the business plans they ask for.",
    remedy="Offer help with business plans, directly or through the voluntary sector.",
    subject=Subject.COMMISSIONER,
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
    rationale="Most groups surveyed received no help in meeting their targets.",
    remedy="Offer ongoing support, such as training or a named development worker.",
    subject=Subject.COMMISSIONER,
)
def _no_ongoing_support(ctx: PortfolioContext) -> Iterator[Hit]:
    return answer(ctx, "ongoing_support", "ongoing help for groups to meet their targets")


RULES = (
    _no_written_agreement,
    _heavy_reporting,
    _legal_status_too_early,
    _hosted_without_route,
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
)

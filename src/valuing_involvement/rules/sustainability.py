"""VI3xx: continuity and sustainability of funding, and diversity targets (``G3``)."""

from __future__ import annotations

from collections.abc import Iterator

from valuing_involvement.contracts import KpiKind
from valuing_involvement.funding import months_before
from valuing_involvement.rules._model import Context, Hit, Parameter, Rule, Severity

__all__ = ["PARAMETERS", "RULES"]

PARAMETERS = (
    Parameter(
        name="min-funding-months",
        default=12,
        unit="months",
        citations=("G3(d)", "§2.12"),
        description="Funding periods shorter than this are reported as short-term (VI301).",
        looser=-1,
    ),
    Parameter(
        name="preferred-funding-months",
        default=36,
        unit="months",
        citations=("G3(d)", "§2.10", "§2.12"),
        description="The period groups ask for; anything shorter is noted (VI302).",
        looser=-1,
    ),
    Parameter(
        name="renewal-notice-months",
        default=3,
        unit="months",
        citations=("§2.10",),
        description="How long before the period ends the renewal decision should be due (VI303).",
        looser=-1,
    ),
)


def _short_period(ctx: Context) -> Iterator[Hit]:
    months, minimum = ctx.contract.period.months, ctx.months("min-funding-months")
    if months < minimum:
        yield Hit(
            message=f"funded for {months} months, under the {minimum}-month minimum",
            path="$.period",
            evidence={"months": months, "min-funding-months": minimum},
        )


def _under_preferred(ctx: Context) -> Iterator[Hit]:
    months, preferred = ctx.contract.period.months, ctx.months("preferred-funding-months")
    if months < preferred:
        yield Hit(
            message=f"funded for {months} months; the guidelines favour {preferred}",
            path="$.period",
            evidence={"months": months, "preferred-funding-months": preferred},
        )


def _late_renewal_decision(ctx: Context) -> Iterator[Hit]:
    contract, notice = ctx.contract, ctx.months("renewal-notice-months")
    latest = months_before(contract.period.end, notice)
    evidence: dict[str, str | int | bool | None] = {
        "renewal_decision_by": None,
        "period_end": contract.period.end.isoformat(),
        "latest_decision": latest.isoformat(),
        "renewal-notice-months": notice,
    }
    decided = contract.renewal_decision_by
    promised = contract.renewal_notice_months
    if decided is None and promised is not None:
        if promised < notice:
            evidence["renewal_notice_months"] = promised
            yield Hit(
                message=f"{promised} months' notice of renewal promised; at least {notice} needed",
                path="$.renewal_notice_months",
                evidence=evidence,
            )
    elif decided is None:
        yield Hit(
            message="the agreement does not say when the renewal decision will be made",
            path="$.renewal_decision_by",
            evidence=evidence,
        )
    elif decided > latest:
        evidence["renewal_decision_by"] = decided.isoformat()
        yield Hit(
            message=(
                f"renewal decided by {decided.isoformat()}, less than {notice} months before "
                f"the period ends on {contract.period.end.isoformat()}"
            ),
            path="$.renewal_decision_by",
            evidence=evidence,
        )


def _overheads_not_funded(ctx: Context) -> Iterator[Hit]:
    contract = ctx.contract
    price = contract.amount_per_year
    if contract.costs is not None:
        covered = contract.costs.coverage(price)
        if covered < 1:
            yield Hit(
                message=(
                    f"the price covers {covered:.0%} of full cost (£{price:,} of "
                    f"£{contract.costs.full_cost:,}, overheads apportioned by "
                    f"{contract.costs.basis.value.replace('_', ' ')})"
                ),
                path="$.amount_per_year",
                evidence={
                    "amount_per_year": str(price),
                    "full_cost": str(contract.costs.full_cost),
                    "overhead_share": str(contract.costs.overhead_share),
                    "coverage": str(covered),
                },
            )
        return
    funded = contract.overheads_funded
    if funded is not True:
        said = "does not say whether" if funded is None else "says"
        tail = "the price covers overheads" if funded is None else "overheads are not funded"
        yield Hit(
            message=f"the agreement {said} {tail} (full cost recovery)",
            path="$.overheads_funded",
            evidence={"overheads_funded": funded, "amount_per_year": str(price)},
        )


def _diversity_targets(ctx: Context) -> Iterator[tuple[int, str]]:
    for index, kpi in enumerate(ctx.contract.kpis):
        if kpi.kind is KpiKind.DIVERSITY:
            yield index, kpi.description


def _diversity_not_agreed(ctx: Context) -> Iterator[Hit]:
    for index, description in _diversity_targets(ctx):
        if not ctx.contract.kpis[index].agreed_with_group:
            yield Hit(
                message=f"diversity target {description!r} was not developed with the group",
                path=f"$.kpis[{index}]",
                evidence={"kpi": description, "agreed_with_group": False},
            )


def _diversity_unsupported(ctx: Context) -> Iterator[Hit]:
    for index, description in _diversity_targets(ctx):
        if not ctx.contract.kpis[index].supported:
            yield Hit(
                message=f"no help is offered to meet diversity target {description!r}",
                path=f"$.kpis[{index}]",
                evidence={"kpi": description, "supported": False},
            )


RULES = (
    Rule(
        code="VI301",
        name="short-funding-period",
        title="The funding period is shorter than a year.",
        severity=Severity.WARNING,
        citations=("G3(d)", "§2.12"),
        rationale=(
            "Continuity of funding lets a group keep its members, workers and plans; most "
            "groups surveyed were funded for a year or more."
        ),
        remedy="Fund for at least a year, and plan towards three.",
        check=_short_period,
        parameters=("min-funding-months",),
    ),
    Rule(
        code="VI302",
        name="under-three-years",
        title="The funding period is shorter than three years.",
        severity=Severity.ADVICE,
        citations=("G3(d)", "§2.10"),
        rationale=(
            "Groups ask for three-year funding to plan for the longer term; commissioners also "
            "asked for more flexibility, such as a five-year SLA (§2.24)."
        ),
        remedy="Offer a three-year agreement, with annual reviews if needed.",
        check=_under_preferred,
        parameters=("preferred-funding-months",),
    ),
    Rule(
        code="VI303",
        name="late-renewal-decision",
        title="The renewal decision is due too close to the end of the period, or not stated.",
        severity=Severity.WARNING,
        citations=("§2.10",),
        rationale=(
            "Groups asked for more notice of whether funding will continue; a late decision "
            "leaves them unable to keep staff or plan."
        ),
        remedy="Commit to a renewal decision at least three months before the period ends.",
        check=_late_renewal_decision,
        parameters=("renewal-notice-months",),
    ),
    Rule(
        code="VI304",
        name="overheads-not-funded",
        title="The price does not include the group's overheads (no full cost recovery).",
        severity=Severity.WARNING,
        citations=("footnote 2", "§2.19"),
        rationale=(
            "Statutory funders were to price contracts at full cost, overheads included, from "
            "April 2006; groups report unmet needs for organisational support."
        ),
        remedy="Price the agreement at full cost, including a fair share of overheads.",
        check=_overheads_not_funded,
    ),
    Rule(
        code="VI305",
        name="diversity-targets-imposed",
        title="Diversity targets were not developed with the group.",
        severity=Severity.WARNING,
        citations=("G3(f)",),
        rationale=(
            "Diversity targets measure a group fairly only when they are developed in "
            "partnership with it."
        ),
        remedy="Agree the diversity targets with the group and record that they were agreed.",
        check=_diversity_not_agreed,
    ),
    Rule(
        code="VI306",
        name="diversity-targets-unsupported",
        title="Diversity targets come with no support to meet them.",
        severity=Severity.ADVICE,
        citations=("§2.13", "§2.23"),
        rationale=("Groups reported pressure to reach more diverse members with no help to do so."),
        remedy="Offer help to meet each diversity target: outreach, interpreters, contacts.",
        check=_diversity_unsupported,
    ),
)

"""VI3xx: continuity and sustainability of funding, and diversity targets (``G3``)."""

from __future__ import annotations

import decimal
from collections.abc import Iterator

from valuing_involvement.commissioners import Coverage, community_key
from valuing_involvement.contracts import KpiKind
from valuing_involvement.funding import months_before
from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import (
    Hit,
    Modality,
    Origin,
    Parameter,
    Subject,
    rule,
)
from valuing_involvement.rules._shared import answer, strategy_gap, unknown

__all__ = ["PARAMETERS", "RULES"]

PARAMETERS = (
    Parameter(
        origin=Origin.DEFAULT,
        name="min-funding-months",
        default=12,
        unit="months",
        citations=("G3(d)", "§2.12"),
        description="Funding periods shorter than this are reported as short-term (VI301).",
        looser=-1,
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="preferred-funding-months",
        default=36,
        unit="months",
        citations=("G3(d)", "§2.10", "§2.12"),
        description="The period groups ask for; anything shorter is noted (VI302).",
        looser=-1,
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="renewal-notice-months",
        default=3,
        unit="months",
        citations=("§2.10",),
        description="How long before the period ends the renewal decision should be due (VI303).",
        looser=-1,
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="community-share",
        default=decimal.Decimal("0.05"),
        unit="share of the population",
        citations=("G3(a)", "§2.13"),
        description=(
            "A community at least this share of the population should have a group serving it "
            "(VI322). Shares are fractions: 0.05 is 5%."
        ),
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="short-funding-share",
        default=decimal.Decimal("0.5"),
        unit="share of agreements",
        citations=("G3(d)", "§2.12"),
        description=(
            "When more than this share of agreements run for less than the preferred period, "
            "the portfolio relies on short-term funding (VI323)."
        ),
    ),
)


@rule(
    code="VI301",
    name="short-funding-period",
    title="The funding period is shorter than a year.",
    modality=Modality.SHOULD,
    citations=("G3(d)", "§2.12"),
    rationale="Continuity of funding lets a group keep its members, workers and plans; most "
    "groups surveyed were funded for a year or more.",
    remedy="Fund for at least a year, and plan towards three.",
    subject=Subject.CONTRACT,
    parameters=("min-funding-months",),
)
def _short_period(ctx: Context) -> Iterator[Hit]:
    months, minimum = ctx.contract.period.months, ctx.months("min-funding-months")
    if months < minimum:
        yield Hit(
            message=f"funded for {months} months, under the {minimum}-month minimum",
            path="$.period",
            evidence={"months": months, "min-funding-months": minimum},
        )


@rule(
    code="VI302",
    name="under-three-years",
    title="The funding period is shorter than three years.",
    modality=Modality.CONSIDER,
    citations=("G3(d)", "§2.10"),
    rationale="Groups ask for three-year funding to plan for the longer term; commissioners also "
    "asked for more flexibility, such as a five-year SLA (§2.24).",
    remedy="Offer a three-year agreement, with annual reviews if needed.",
    subject=Subject.CONTRACT,
    parameters=("preferred-funding-months",),
)
def _under_preferred(ctx: Context) -> Iterator[Hit]:
    months, preferred = ctx.contract.period.months, ctx.months("preferred-funding-months")
    if months < preferred:
        yield Hit(
            message=f"funded for {months} months; the guidelines favour {preferred}",
            path="$.period",
            evidence={"months": months, "preferred-funding-months": preferred},
        )


@rule(
    code="VI303",
    name="late-renewal-decision",
    title="The renewal decision is due too close to the end of the period, or not stated.",
    modality=Modality.SHOULD,
    citations=("§2.10",),
    rationale="Groups asked for more notice of whether funding will continue; a late decision "
    "leaves them unable to keep staff or plan.",
    remedy="Commit to a renewal decision at least three months before the period ends.",
    subject=Subject.CONTRACT,
    parameters=("renewal-notice-months",),
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


@rule(
    code="VI304",
    name="overheads-not-funded",
    title="The price does not include the group's overheads (no full cost recovery).",
    modality=Modality.SHOULD,
    citations=("footnote 2", "§2.19"),
    rationale="Statutory funders were to price contracts at full cost, overheads included, from "
    "April 2006; groups report unmet needs for organisational support.",
    remedy="Price the agreement at full cost, including a fair share of overheads.",
    subject=Subject.CONTRACT,
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


@rule(
    code="VI305",
    name="diversity-targets-imposed",
    title="Diversity targets were not developed with the group.",
    modality=Modality.SHOULD,
    citations=("G3(f)",),
    rationale="Diversity targets measure a group fairly only when they are developed in "
    "partnership with it.",
    remedy="Agree the diversity targets with the group and record that they were agreed.",
    subject=Subject.CONTRACT,
)
def _diversity_not_agreed(ctx: Context) -> Iterator[Hit]:
    for index, description in _diversity_targets(ctx):
        if not ctx.contract.kpis[index].agreed_with_group:
            yield Hit(
                message=f"diversity target {description!r} was not developed with the group",
                path=f"$.kpis[{index}]",
                evidence={"kpi": description, "agreed_with_group": False},
            )


@rule(
    code="VI306",
    name="diversity-targets-unsupported",
    title="Diversity targets come with no support to meet them.",
    modality=Modality.FINDING,
    citations=("§2.13", "§2.23"),
    rationale="Groups reported pressure to reach more diverse members with no help to do so.",
    remedy="Offer help to meet each diversity target: outreach, interpreters, contacts.",
    subject=Subject.CONTRACT,
)
def _diversity_unsupported(ctx: Context) -> Iterator[Hit]:
    for index, description in _diversity_targets(ctx):
        if not ctx.contract.kpis[index].supported:
            yield Hit(
                message=f"no help is offered to meet diversity target {description!r}",
                path=f"$.kpis[{index}]",
                evidence={"kpi": description, "supported": False},
            )


@rule(
    code="VI320",
    name="no-help-to-apply",
    title="Groups are not encouraged or helped to apply for funding.",
    modality=Modality.SHOULD,
    citations=("G3(b)", "§2.10"),
    rationale="Groups asked for written guidance, clear criteria and help with applications; "
    "without outreach, established groups are favoured over new ones.",
    remedy="Encourage applications and offer help, directly or through the local CVS.",
    subject=Subject.COMMISSIONER,
)
def _no_help_to_apply(ctx: PortfolioContext) -> Iterator[Hit]:
    commissioner = ctx.portfolio.commissioner
    encourages, helps = commissioner.encourages_applications, commissioner.helps_with_applications
    if encourages is not True or helps is not True:
        yield Hit(
            message=(
                f"encourages applications: {'yes' if encourages else unknown(encourages)}; "
                f"helps with them: {'yes' if helps else unknown(helps)}"
            ),
            path="$.commissioner.encourages_applications",
            evidence={"encourages_applications": encourages, "helps_with_applications": helps},
        )


@rule(
    code="VI321",
    name="no-funding-advice",
    title="Groups get no advice on other sources of funding.",
    modality=Modality.CONSIDER,
    citations=("G3(c)", "§2.11"),
    rationale="Most groups surveyed were never pointed to non-statutory funders.",
    remedy="Keep up-to-date advice on other funders, or refer groups to the local CVS.",
    subject=Subject.COMMISSIONER,
)
def _no_funding_advice(ctx: PortfolioContext) -> Iterator[Hit]:
    return answer(ctx, "advises_on_other_funding", "advice on other sources of funding")


@rule(
    code="VI322",
    name="community-unserved",
    title="A community with a material share of the population has no group serving it.",
    modality=Modality.SHOULD,
    citations=("G3(a)", "§2.13"),
    rationale="Commissioned groups should reflect the community's diversity; the survey found "
    "few groups for black and minority ethnic, young or older people.",
    remedy="Fund capacity building for a group led by and for that community.",
    subject=Subject.PORTFOLIO,
    parameters=("community-share",),
)
def _unserved_communities(ctx: PortfolioContext) -> Iterator[Hit]:
    population = ctx.portfolio.population
    if population is None:
        return
    threshold = ctx.amount("community-share")
    served = {community_key(name) for group in ctx.portfolio.groups for name in group.communities}
    for index, community in enumerate(population.communities):
        if community.share >= threshold and community.key not in served:
            yield Hit(
                message=(
                    f"no group serves {community.name} ({community.dimension}), "
                    f"{community.share:.0%} of the population"
                ),
                path=f"$.population.communities[{index}]",
                evidence={
                    "community": community.name,
                    "share": str(community.share),
                    "community-share": str(threshold),
                },
            )


@rule(
    code="VI323",
    name="mostly-short-funding",
    title="Most agreements run for less than three years.",
    modality=Modality.SHOULD,
    citations=("G3(d)", "§2.12"),
    rationale="Continuity of funding lets groups plan and keep their people; most commissioners "
    "surveyed funded for one year at a time.",
    remedy="Move agreements to three-year terms as they come up for renewal.",
    subject=Subject.PORTFOLIO,
    parameters=("preferred-funding-months", "short-funding-share"),
)
def _mostly_short_funding(ctx: PortfolioContext) -> Iterator[Hit]:
    contracts = ctx.portfolio.contracts
    if not contracts:
        return
    preferred = ctx.months("preferred-funding-months")
    short = sum(contract.period.months < preferred for contract in contracts)
    share = decimal.Decimal(short) / len(contracts)
    if share > ctx.amount("short-funding-share"):
        yield Hit(
            message=f"{short} of {len(contracts)} agreements run for less than {preferred} months",
            path="$.contracts",
            evidence={
                "short": short,
                "agreements": len(contracts),
                "preferred-funding-months": preferred,
                "short-funding-share": str(ctx.amount("short-funding-share")),
            },
        )


@rule(
    code="VI330",
    name="indirect-not-ring-fenced",
    title="Money passed to groups through another body is not ring-fenced.",
    modality=Modality.SHOULD,
    citations=("§2.3",),
    rationale="Funding groups through a trust or voluntary body can work, but without a ring fence "
    "the commissioner loses its say in what groups are set up and for what.",
    remedy="Ring-fence the money for user and carer groups, with agreed purposes.",
    subject=Subject.PORTFOLIO,
)
def _indirect_not_ring_fenced(ctx: PortfolioContext) -> Iterator[Hit]:
    for index, funding in enumerate(ctx.portfolio.indirect):
        if not funding.ring_fenced:
            yield Hit(
                message=(
                    f"£{funding.amount_per_year:,} a year passes through {funding.via} "
                    "without a ring fence"
                ),
                path=f"$.indirect[{index}]",
                evidence={"via": funding.via, "amount_per_year": str(funding.amount_per_year)},
            )


@rule(
    code="VI340",
    name="budget-not-identifiable",
    title="The budget for user and carer groups cannot be identified.",
    modality=Modality.FINDING,
    citations=("§2.9",),
    rationale="An identifiable budget makes commissioning of groups visible and plannable.",
    remedy="Identify the budget for commissioning user and carer groups.",
    subject=Subject.COMMISSIONER,
)
def _budget_not_identifiable(ctx: PortfolioContext) -> Iterator[Hit]:
    return answer(ctx, "budget_identifiable", "an identifiable budget for user and carer groups")


_vi311 = strategy_gap(
    code="VI311",
    name="strategy-omits-diversity",
    field="covers",
    item=Coverage.DIVERSITY_OF_GROUPS,
    citation="G3(a)",
    what="cover reflecting the community's diversity in the groups commissioned",
    why="Commissioned groups should reflect the community, using the best information available.",
)


_vi312 = strategy_gap(
    code="VI312",
    name="strategy-omits-information",
    field="covers",
    item=Coverage.ACCESSIBLE_INFORMATION,
    citation="G3(b)",
    what="cover making the strategy and how to apply widely known",
    why="Groups that are less well networked do not hear about funding unless it is publicised.",
)


_vi313 = strategy_gap(
    code="VI313",
    name="strategy-omits-other-funding",
    field="covers",
    item=Coverage.OTHER_FUNDING_INFORMATION,
    citation="G3(c)",
    what="cover information on other sources of funding",
    why="Groups turned down, or part-funded, need to know where else to look, such as the CVS.",
)


_vi314 = strategy_gap(
    code="VI314",
    name="strategy-omits-continuity",
    field="covers",
    item=Coverage.CONTINUITY_OF_FUNDING,
    citation="G3(d)",
    what="cover continuity and sustainability of funding",
    why="Short, uncertain funding was among the groups' most common complaints.",
)


_vi315 = strategy_gap(
    code="VI315",
    name="strategy-omits-inclusion",
    field="covers",
    item=Coverage.SOCIAL_INCLUSION_LEADERSHIP,
    citation="G3(e)",
    what="cover groups leading on social inclusion and anti-stigma work",
    why="Groups can lead on social inclusion and positive attitudes to mental health.",
)


_vi316 = strategy_gap(
    code="VI316",
    name="strategy-omits-diversity-targets",
    field="covers",
    item=Coverage.DIVERSITY_TARGETS_IN_PARTNERSHIP,
    citation="G3(f)",
    what="cover diversity targets developed in partnership with the groups",
    why="Diversity targets measure groups fairly only when developed with them.",
)


RULES = (
    _short_period,
    _under_preferred,
    _late_renewal_decision,
    _overheads_not_funded,
    _diversity_not_agreed,
    _diversity_unsupported,
    _no_help_to_apply,
    _no_funding_advice,
    _unserved_communities,
    _mostly_short_funding,
    _indirect_not_ring_fenced,
    _budget_not_identifiable,
    _vi311,
    _vi312,
    _vi313,
    _vi314,
    _vi315,
    _vi316,
)


@rule(
    code="VI341",
    name="commitments-over-budget",
    title="The agreements commit more in a financial year than the budget for groups.",
    modality=Modality.FINDING,
    citations=("§2.9",),
    rationale="Most commissioners could name a yearly budget for user and carer groups; "
    "agreements that outrun it in some year leave that year's money unplanned, which is "
    "where short notice and cuts to groups come from.",
    remedy="Raise the budget for that year, or phase or resize the agreements to fit it.",
    subject=Subject.COMMISSIONER,
)
def _commitments_over_budget(ctx: PortfolioContext) -> Iterator[Hit]:
    budget = ctx.portfolio.commissioner.annual_budget
    if budget is None:
        return
    for year, committed in ctx.portfolio.committed_by_year().items():
        if committed > budget:
            yield Hit(
                message=(
                    f"agreements commit £{committed:,.2f} in {year}, over the £{budget:,.2f} budget"
                ),
                path="$.commissioner.annual_budget",
                evidence={"year": year, "committed": str(committed), "budget": str(budget)},
            )


# Appended after the tuple above while the rest of this module changes elsewhere; fold it into
# the tuple when the branches meet (mypy types the tuple by its length, hence the ignore).
RULES = (*RULES, _commitments_over_budget)  # type: ignore[assignment]

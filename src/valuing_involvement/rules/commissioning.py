"""Commissioner-, strategy- and portfolio-level rules (``G1``–``G3``, ``G5``, ``§2.3``–``§2.17``).

These rules read a whole :class:`~valuing_involvement.Portfolio`: the commissioner's answers to
the questionnaire (Appendix 4), its strategy, how it involves users and carers, the population,
and what it funds.  They share the catalogue, codes and report with the agreement rules; each
declares its ``subject``.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterator

from valuing_involvement.commissioners import Coverage, Factor, Stage, community_key
from valuing_involvement.contracts import Representation
from valuing_involvement.groups import Activity
from valuing_involvement.rules._model import (
    Evidence,
    Hit,
    Parameter,
    PortfolioContext,
    Rule,
    Severity,
)

__all__ = ["PARAMETERS", "RULES"]

PARAMETERS = (
    Parameter(
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

_MORE_THAN_INVOLVEMENT = frozenset(
    {Activity.SUPPORT, Activity.SERVICES, Activity.ADVOCACY, Activity.TRAINING}
)


def _unknown(value: bool | None) -> str:
    return "not stated" if value is None else "no"


def _answer(ctx: PortfolioContext, field: str, what: str) -> Iterator[Hit]:
    value = getattr(ctx.portfolio.commissioner, field)
    if value is not True:
        yield Hit(
            message=f"{what}: {_unknown(value)}",
            path=f"$.commissioner.{field}",
            evidence={field: value},
        )


def _no_definition(ctx: PortfolioContext) -> Iterator[Hit]:
    return _answer(ctx, "has_definition", "working definition of a user or carer group")


def _no_written_strategy(ctx: PortfolioContext) -> Iterator[Hit]:
    strategy = ctx.portfolio.strategy
    if strategy is None or not strategy.written:
        said = "no strategy is recorded" if strategy is None else "the strategy is not written down"
        yield Hit(
            message=f"{said} for commissioning user and carer groups",
            path="$.strategy",
            evidence={
                "strategy": strategy is not None,
                "written": bool(strategy and strategy.written),
            },
        )


def _no_objectives(ctx: PortfolioContext) -> Iterator[Hit]:
    strategy = ctx.portfolio.strategy
    if strategy is not None and not strategy.objectives:
        yield Hit(
            message="the strategy names none of the strategic objectives of G1(a)",
            path="$.strategy.objectives",
            evidence={"objectives": 0},
        )


def _strategy_lacks(
    field: str, item: Factor | Coverage, what: str
) -> Callable[[PortfolioContext], Iterator[Hit]]:
    """Make the check that a strategy's ``field`` holds ``item`` (one rule per sub-paragraph)."""

    def check(ctx: PortfolioContext) -> Iterator[Hit]:
        strategy = ctx.portfolio.strategy
        if strategy is not None and item not in getattr(strategy, field):
            yield Hit(
                message=f"the strategy does not {what}",
                path=f"$.strategy.{field}",
                evidence={"missing": item.value},
            )

    return check


def _no_help_to_apply(ctx: PortfolioContext) -> Iterator[Hit]:
    commissioner = ctx.portfolio.commissioner
    encourages, helps = commissioner.encourages_applications, commissioner.helps_with_applications
    if encourages is not True or helps is not True:
        yield Hit(
            message=(
                f"encourages applications: {'yes' if encourages else _unknown(encourages)}; "
                f"helps with them: {'yes' if helps else _unknown(helps)}"
            ),
            path="$.commissioner.encourages_applications",
            evidence={"encourages_applications": encourages, "helps_with_applications": helps},
        )


def _no_funding_advice(ctx: PortfolioContext) -> Iterator[Hit]:
    return _answer(ctx, "advises_on_other_funding", "advice on other sources of funding")


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


def _only_involvement_across(ctx: PortfolioContext) -> Iterator[Hit]:
    funded = ctx.funded
    if not funded or any(contract.roles_bought - {Activity.INVOLVEMENT} for contract, _ in funded):
        return
    more = sorted(
        {
            a.value
            for _, group in funded
            if group is not None
            for a in group.activities & _MORE_THAN_INVOLVEMENT
        }
    )
    if more:
        yield Hit(
            message=(
                f"every agreement buys involvement only, though the groups also do "
                f"{', '.join(more)}"
            ),
            path="$.contracts",
            evidence={"agreements": len(funded), "group_activities": ", ".join(more)},
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


def _no_ongoing_support(ctx: PortfolioContext) -> Iterator[Hit]:
    return _answer(ctx, "ongoing_support", "ongoing help for groups to meet their targets")


def _budget_not_identifiable(ctx: PortfolioContext) -> Iterator[Hit]:
    return _answer(ctx, "budget_identifiable", "an identifiable budget for user and carer groups")


def _late_involvement(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    stage = None if involvement is None else involvement.starts_at
    if stage is None or stage.rank > Stage.STRATEGY.rank:
        said = (
            "not at all"
            if stage is None
            else f"only from the {stage.value.replace('_', ' ')} stage"
        )
        yield Hit(
            message=f"users and carers are involved in commissioning {said}, not from the strategy",
            path="$.involvement.starts_at",
            evidence={"starts_at": None if stage is None else stage.value},
        )


def _paid_worker_seats(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    if involvement is None:
        return
    for index, seat in enumerate(involvement.seats):
        if seat.represented_by is Representation.PAID_WORKERS:
            body = seat.name or seat.body.value.replace("_", " ")
            yield Hit(
                message=f"users and carers are represented on the {body} by paid workers",
                path=f"$.involvement.seats[{index}]",
                evidence={"body": seat.body.value, "represented_by": seat.represented_by.value},
            )


def _no_direct_seats(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    seats = () if involvement is None else involvement.seats
    if not any(seat.represented_by is Representation.DIRECT for seat in seats):
        yield Hit(
            message="users and carers hold no seats of their own on any commissioning body",
            path="$.involvement.seats",
            evidence={"seats": len(seats)},
        )


def _no_infrastructure_offered(ctx: PortfolioContext) -> Iterator[Hit]:
    if not ctx.portfolio.commissioner.infrastructure_offered:
        evidence: dict[str, Evidence] = {"infrastructure_offered": None}
        yield Hit(
            message="no premises, phones, computers or photocopying are offered to groups",
            path="$.commissioner.infrastructure_offered",
            evidence=evidence,
        )


_FACTORS = "takes_account_of"
_COVERS = "covers"

#: One row per strategy sub-paragraph: code, name, strategy field, item, citation, the
#: missing aspect in words, and why it matters.
_STRATEGY_GAPS: tuple[tuple[str, str, str, Factor | Coverage, str, str, str], ...] = (
    (
        "VI211",
        "strategy-ignores-population",
        _FACTORS,
        Factor.POPULATION_AND_DIVERSITY,
        "G2(a)",
        "take account of the local population and its diversity",
        "Objectives that ignore who lives locally cannot reach the communities groups miss.",
    ),
    (
        "VI212",
        "strategy-not-consulted",
        _FACTORS,
        Factor.CONSULTATION,
        "G2(b)",
        "take account of consultation with local users and carers",
        "Users and carers know what their groups need; objectives set without them miss it.",
    ),
    (
        "VI213",
        "strategy-ignores-changing-needs",
        _FACTORS,
        Factor.CHANGING_NEEDS,
        "G2(c)",
        "take account of changing needs for monitoring, support and capacity building",
        "Needs for monitoring, support and capacity building change as groups grow.",
    ),
    (
        "VI214",
        "strategy-inflexible",
        _FACTORS,
        Factor.FLEXIBILITY,
        "G2(d)",
        "leave room to respond to emerging needs",
        "New groups and needs emerge; a strategy with no flexibility cannot fund them.",
    ),
    (
        "VI311",
        "strategy-omits-diversity",
        _COVERS,
        Coverage.DIVERSITY_OF_GROUPS,
        "G3(a)",
        "cover reflecting the community's diversity in the groups commissioned",
        "Commissioned groups should reflect the community, using the best information available.",
    ),
    (
        "VI312",
        "strategy-omits-information",
        _COVERS,
        Coverage.ACCESSIBLE_INFORMATION,
        "G3(b)",
        "cover making the strategy and how to apply widely known",
        "Groups that are less well networked do not hear about funding unless it is publicised.",
    ),
    (
        "VI313",
        "strategy-omits-other-funding",
        _COVERS,
        Coverage.OTHER_FUNDING_INFORMATION,
        "G3(c)",
        "cover information on other sources of funding",
        "Groups turned down, or part-funded, need to know where else to look, such as the CVS.",
    ),
    (
        "VI314",
        "strategy-omits-continuity",
        _COVERS,
        Coverage.CONTINUITY_OF_FUNDING,
        "G3(d)",
        "cover continuity and sustainability of funding",
        "Short, uncertain funding was among the groups' most common complaints.",
    ),
    (
        "VI315",
        "strategy-omits-inclusion",
        _COVERS,
        Coverage.SOCIAL_INCLUSION_LEADERSHIP,
        "G3(e)",
        "cover groups leading on social inclusion and anti-stigma work",
        "Groups can lead on social inclusion and positive attitudes to mental health.",
    ),
    (
        "VI316",
        "strategy-omits-diversity-targets",
        _COVERS,
        Coverage.DIVERSITY_TARGETS_IN_PARTNERSHIP,
        "G3(f)",
        "cover diversity targets developed in partnership with the groups",
        "Diversity targets measure groups fairly only when developed with them.",
    ),
)


def _strategy_rule(row: tuple[str, str, str, Factor | Coverage, str, str, str]) -> Rule:
    code, name, field, item, cite, what, why = row
    return Rule(
        code=code,
        name=name,
        title=f"The strategy does not {what}.",
        severity=Severity.ADVICE,
        citations=(cite,),
        rationale=why,
        remedy="Add it to the strategy when it is next reviewed, with local users and carers.",
        check=_strategy_lacks(field, item, what),
        subject="strategy",
    )


RULES = (
    *(_strategy_rule(row) for row in _STRATEGY_GAPS),
    Rule(
        code="VI110",
        name="no-working-definition",
        title="The commissioner has no working definition of a user or carer group.",
        severity=Severity.WARNING,
        citations=("G1(a)", "§2.2"),
        rationale=(
            "Without a clear definition a commissioner cannot tell which groups to fund, where "
            "the gaps are, or when capacity building is needed for groups to emerge."
        ),
        remedy="Adopt a working definition, such as the model definition in G1(b).",
        check=_no_definition,
        subject="commissioner",
    ),
    Rule(
        code="VI210",
        name="no-written-strategy",
        title="There is no written strategy for commissioning user and carer groups.",
        severity=Severity.WARNING,
        citations=("G2", "G3", "§2.7"),
        rationale=(
            "Groups and commissioners both asked for an overall strategy; few written ones were "
            "seen, and many groups did not know whether one existed."
        ),
        remedy="Write the strategy down with local users and carers, and publish it.",
        check=_no_written_strategy,
        subject="strategy",
    ),
    Rule(
        code="VI215",
        name="no-strategic-objectives",
        title="The strategy names no strategic objectives for commissioning groups.",
        severity=Severity.ADVICE,
        citations=("G1(a)",),
        rationale=(
            "Commissioning should serve stated objectives -- capacity building, support, "
            "diversity, service improvement and monitoring, feedback, user- and carer-led services."
        ),
        remedy="State which objectives commissioning user and carer groups serves.",
        check=_no_objectives,
        subject="strategy",
    ),
    Rule(
        code="VI320",
        name="no-help-to-apply",
        title="Groups are not encouraged or helped to apply for funding.",
        severity=Severity.WARNING,
        citations=("G3(b)", "§2.10"),
        rationale=(
            "Groups asked for written guidance, clear criteria and help with applications; "
            "without outreach, established groups are favoured over new ones."
        ),
        remedy="Encourage applications and offer help, directly or through the local CVS.",
        check=_no_help_to_apply,
        subject="commissioner",
    ),
    Rule(
        code="VI321",
        name="no-funding-advice",
        title="Groups get no advice on other sources of funding.",
        severity=Severity.ADVICE,
        citations=("G3(c)", "§2.11"),
        rationale="Most groups surveyed were never pointed to non-statutory funders.",
        remedy="Keep up-to-date advice on other funders, or refer groups to the local CVS.",
        check=_no_funding_advice,
        subject="commissioner",
    ),
    Rule(
        code="VI322",
        name="community-unserved",
        title="A community with a material share of the population has no group serving it.",
        severity=Severity.WARNING,
        citations=("G3(a)", "§2.13"),
        rationale=(
            "Commissioned groups should reflect the community's diversity; the survey found "
            "few groups for black and minority ethnic, young or older people."
        ),
        remedy="Fund capacity building for a group led by and for that community.",
        check=_unserved_communities,
        parameters=("community-share",),
        subject="portfolio",
    ),
    Rule(
        code="VI323",
        name="mostly-short-funding",
        title="Most agreements run for less than three years.",
        severity=Severity.WARNING,
        citations=("G3(d)", "§2.12"),
        rationale=(
            "Continuity of funding lets groups plan and keep their people; most commissioners "
            "surveyed funded for one year at a time."
        ),
        remedy="Move agreements to three-year terms as they come up for renewal.",
        check=_mostly_short_funding,
        parameters=("preferred-funding-months", "short-funding-share"),
        subject="portfolio",
    ),
    Rule(
        code="VI330",
        name="indirect-not-ring-fenced",
        title="Money passed to groups through another body is not ring-fenced.",
        severity=Severity.WARNING,
        citations=("§2.3",),
        rationale=(
            "Funding groups through a trust or voluntary body can work, but without a ring fence "
            "the commissioner loses its say in what groups are set up and for what."
        ),
        remedy="Ring-fence the money for user and carer groups, with agreed purposes.",
        check=_indirect_not_ring_fenced,
        subject="portfolio",
    ),
    Rule(
        code="VI340",
        name="budget-not-identifiable",
        title="The budget for user and carer groups cannot be identified.",
        severity=Severity.ADVICE,
        citations=("§2.9",),
        rationale="An identifiable budget makes commissioning of groups visible and plannable.",
        remedy="Identify the budget for commissioning user and carer groups.",
        check=_budget_not_identifiable,
        subject="commissioner",
    ),
    Rule(
        code="VI220",
        name="portfolio-buys-only-involvement",
        title="Every agreement buys involvement only, though the groups do more.",
        severity=Severity.ADVICE,
        citations=("§2.6", "§2.14"),
        rationale=(
            "The roles groups take -- support, services, advocacy, training -- are wider than "
            "the involvement commissioners mostly buy."
        ),
        remedy="Commission some of the support and service work the groups already do.",
        check=_only_involvement_across,
        subject="portfolio",
    ),
    Rule(
        code="VI420",
        name="business-plans-without-help",
        title="Business plans are expected but no help is offered with them.",
        severity=Severity.WARNING,
        citations=("§2.16",),
        rationale="Only a few commissioners help groups develop the business plans they ask for.",
        remedy="Offer help with business plans, directly or through the voluntary sector.",
        check=_business_plans_without_help,
        subject="commissioner",
    ),
    Rule(
        code="VI421",
        name="no-ongoing-support",
        title="No ongoing help is offered for groups to meet their targets.",
        severity=Severity.ADVICE,
        citations=("§2.17",),
        rationale="Most groups surveyed received no help in meeting their targets.",
        remedy="Offer ongoing support, such as training or a named development worker.",
        check=_no_ongoing_support,
        subject="commissioner",
    ),
    Rule(
        code="VI502",
        name="late-involvement",
        title="Users and carers are not involved in commissioning from the strategy stage.",
        severity=Severity.WARNING,
        citations=("G5(b)",),
        rationale=(
            "Involvement that starts after decisions are taken is token; it should begin at the "
            "earliest stage, when the strategy is built."
        ),
        remedy="Involve users and carers in building the commissioning strategy.",
        check=_late_involvement,
        subject="involvement",
    ),
    Rule(
        code="VI504",
        name="paid-worker-seats",
        title="Users and carers are represented on a commissioning body by paid workers.",
        severity=Severity.WARNING,
        citations=("G5(a)",),
        rationale=(
            "Users and carers should sit on LITs, partnership boards and similar bodies "
            "themselves, not be spoken for by workers who are neither."
        ),
        remedy="Give the seat to a user or carer, with support to take it up.",
        check=_paid_worker_seats,
        subject="involvement",
    ),
    Rule(
        code="VI505",
        name="no-infrastructure-offered",
        title="No infrastructure is offered to groups that need it.",
        severity=Severity.ADVICE,
        citations=("G5(c)",),
        rationale=(
            "Groups without premises, phones, computers or photocopying struggle to take part "
            "in involvement work."
        ),
        remedy="Offer access to premises and equipment, or money for them.",
        check=_no_infrastructure_offered,
        subject="commissioner",
    ),
    Rule(
        code="VI506",
        name="no-direct-seats",
        title="Users and carers hold no seats of their own on commissioning bodies.",
        severity=Severity.WARNING,
        citations=("G5(a)",),
        rationale=(
            "Direct representation on the bodies that oversee commissioning is the first "
            "involvement guideline."
        ),
        remedy="Create seats for users and carers on the LIT or partnership board.",
        check=_no_direct_seats,
        subject="involvement",
    ),
)

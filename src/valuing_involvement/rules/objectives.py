"""VI2xx: what the agreement is for, its aims and the roles it buys (``G2``, ``§2.15``)."""

from __future__ import annotations

from collections.abc import Iterator

from valuing_involvement.commissioners import Factor
from valuing_involvement.groups import Activity
from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import (
    Hit,
    Modality,
    Subject,
    rule,
)
from valuing_involvement.rules._shared import strategy_gap

__all__ = ["RULES"]

_MORE_THAN_INVOLVEMENT = frozenset({Activity.SUPPORT, Activity.SERVICES})
#: The other work VI220 looks for across a portfolio (issue: to be one definition with VI201).
_OTHER_WORK = frozenset({Activity.SUPPORT, Activity.SERVICES, Activity.ADVOCACY, Activity.TRAINING})


@rule(
    code="VI201",
    name="only-involvement-bought",
    title="Only involvement is bought although the group also provides support or services.",
    modality=Modality.CONSIDER,
    citations=("G2", "§2.6", "§2.14"),
    rationale="Groups want to do much more than involvement, and commissioners mostly buy "
    "involvement alone; the mismatch leaves what groups do best unfunded.",
    remedy="Consider funding the group's support or service work alongside involvement.",
    subject=Subject.CONTRACT,
)
def _only_involvement_bought(ctx: Context) -> Iterator[Hit]:
    if ctx.group is None or ctx.contract.roles_bought != {Activity.INVOLVEMENT}:
        return
    more = sorted(a.value for a in ctx.group.activities & _MORE_THAN_INVOLVEMENT)
    if more:
        yield Hit(
            message=(
                f"only involvement is bought, though the group also provides {' and '.join(more)}"
            ),
            path="$.roles_bought",
            evidence={"roles_bought": "involvement", "group_activities": ", ".join(more)},
        )


@rule(
    code="VI202",
    name="no-aims",
    title="The agreement states no aims.",
    modality=Modality.SHOULD,
    citations=("§2.15",),
    rationale="Agreements usually open with the general aim of the funded work; without one, "
    "neither side can judge later whether the aims were met.",
    remedy="State the aims of the funded work in a sentence or two, agreed with the group.",
    subject=Subject.CONTRACT,
)
def _no_aims(ctx: Context) -> Iterator[Hit]:
    if not ctx.contract.aims:
        yield Hit(message="the agreement states no aims", path="$.aims", evidence={"aims": 0})


@rule(
    code="VI210",
    name="no-written-strategy",
    title="There is no written strategy for commissioning user and carer groups.",
    modality=Modality.SHOULD,
    citations=("G2", "G3", "§2.7"),
    rationale="Groups and commissioners both asked for an overall strategy; few written ones were "
    "seen, and many groups did not know whether one existed.",
    remedy="Write the strategy down with local users and carers, and publish it.",
    subject=Subject.STRATEGY,
)
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


@rule(
    code="VI215",
    name="no-strategic-objectives",
    title="The strategy names no strategic objectives for commissioning groups.",
    modality=Modality.CONSIDER,
    citations=("G1(a)",),
    rationale="Commissioning should serve stated objectives -- capacity building, support, "
    "diversity, service improvement and monitoring, feedback, user- and carer-led services.",
    remedy="State which objectives commissioning user and carer groups serves.",
    subject=Subject.STRATEGY,
)
def _no_objectives(ctx: PortfolioContext) -> Iterator[Hit]:
    strategy = ctx.portfolio.strategy
    if strategy is not None and not strategy.objectives:
        yield Hit(
            message="the strategy names none of the strategic objectives of G1(a)",
            path="$.strategy.objectives",
            evidence={"objectives": 0},
        )


@rule(
    code="VI220",
    name="portfolio-buys-only-involvement",
    title="Every agreement buys involvement only, though the groups do more.",
    modality=Modality.FINDING,
    citations=("§2.6", "§2.14"),
    rationale="The roles groups take -- support, services, advocacy, training -- are wider than "
    "the involvement commissioners mostly buy.",
    remedy="Commission some of the support and service work the groups already do.",
    subject=Subject.PORTFOLIO,
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
            for a in group.activities & _OTHER_WORK
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


_vi211 = strategy_gap(
    code="VI211",
    name="strategy-ignores-population",
    field="takes_account_of",
    item=Factor.POPULATION_AND_DIVERSITY,
    citation="G2(a)",
    what="take account of the local population and its diversity",
    why="Objectives that ignore who lives locally cannot reach the communities groups miss.",
)


_vi212 = strategy_gap(
    code="VI212",
    name="strategy-not-consulted",
    field="takes_account_of",
    item=Factor.CONSULTATION,
    citation="G2(b)",
    what="take account of consultation with local users and carers",
    why="Users and carers know what their groups need; objectives set without them miss it.",
)


_vi213 = strategy_gap(
    code="VI213",
    name="strategy-ignores-changing-needs",
    field="takes_account_of",
    item=Factor.CHANGING_NEEDS,
    citation="G2(c)",
    what="take account of changing needs for monitoring, support and capacity building",
    why="Needs for monitoring, support and capacity building change as groups grow.",
)


_vi214 = strategy_gap(
    code="VI214",
    name="strategy-inflexible",
    field="takes_account_of",
    item=Factor.FLEXIBILITY,
    citation="G2(d)",
    what="leave room to respond to emerging needs",
    why="New groups and needs emerge; a strategy with no flexibility cannot fund them.",
)


RULES = (
    _only_involvement_bought,
    _no_aims,
    _no_written_strategy,
    _no_objectives,
    _only_involvement_across,
    _vi211,
    _vi212,
    _vi213,
    _vi214,
)

"""VI2xx: what commissioning groups is for -- strategy, objectives, aims, the work bought (``G2``).

``G2`` is an instruction ("Clarify your strategic objectives ... to take account of"; the
groups' wish to do more than involvement "should be taken into account when developing a
strategy"), so its strategy rules are warnings.  What the survey found about agreements and
portfolios (``§2.6``, ``§2.15``) is advice.

Involvement work is one definition for the whole series, :data:`INVOLVEMENT_WORK`: the
activities ``§2.5`` lists under involvement with services and statutory agencies (speaking
for users and carers, sitting on committees, service improvement, training professionals,
monitoring services, consulting).  ``training`` is read as training professionals and staff,
which ``§2.5`` lists under involvement; training users and carers is ``capacity_building``.
An agreement or a group with no activities recorded is unknown, never "involvement only".
"""

from __future__ import annotations

from collections.abc import Iterator

from valuing_involvement.classification import classify_group
from valuing_involvement.commissioners import Factor, Objective
from valuing_involvement.groups import Activity, Leadership
from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import (
    Hit,
    Modality,
    Subject,
    rule,
)
from valuing_involvement.rules._shared import no_strategy, strategy_gap

__all__ = ["INVOLVEMENT_WORK", "LED_SERVICE_WORK", "RULES", "SERVICE_WORK"]

#: The activities §2.5 lists under involvement with services and statutory agencies, training
#: professionals among them.
INVOLVEMENT_WORK = frozenset({Activity.INVOLVEMENT, Activity.MONITORING, Activity.TRAINING})
#: The activities §2.5 lists under service provision (support, services, advocacy).
SERVICE_WORK = frozenset({Activity.SUPPORT, Activity.SERVICES, Activity.ADVOCACY})
#: Services a led group may provide (VI217): §2.14 also counts information and advice as one.
LED_SERVICE_WORK = SERVICE_WORK | {Activity.INFORMATION}
_ACTIVITY_ORDER = tuple(Activity)


def involvement_only(bought: frozenset[Activity]) -> bool:
    """Whether ``bought`` is known and holds involvement work alone (``§2.5``).

    >>> involvement_only(frozenset({Activity.INVOLVEMENT, Activity.MONITORING}))
    True
    >>> involvement_only(frozenset()), involvement_only(frozenset({Activity.SUPPORT}))
    (False, False)
    """
    return bool(bought) and bought <= INVOLVEMENT_WORK


def _work_unrecorded(ctx: Context) -> bool:
    """The group, the roles bought or (for involvement alone) the group's activities are unknown."""
    group, bought = ctx.group, ctx.contract.roles_bought
    if group is None or not bought:
        return True
    return involvement_only(bought) and not group.activities


def _portfolio_work_unrecorded(ctx: PortfolioContext) -> bool:
    """No agreement buys known work beyond involvement, and roles or activities are unknown."""
    bought = [contract.roles_bought for contract, _ in ctx.funded]
    if any(roles and not involvement_only(roles) for roles in bought):
        return False  # one agreement buys other work: judged, whatever the rest say
    activities = [group.activities for _, group in ctx.funded if group is not None]
    return not bought or not all(bought) or not any(activities)


def _unwritten_unknown(ctx: PortfolioContext) -> bool:
    """No strategy is recorded, or it does not say whether it is written down."""
    strategy = ctx.portfolio.strategy
    return strategy is None or strategy.written is None


def _led_services_unknown(ctx: PortfolioContext) -> bool:
    """No strategy is recorded, or no service is known bought from a led group but one may be."""
    strategy = ctx.portfolio.strategy
    if strategy is None:
        return True
    if Objective.LED_SERVICES not in strategy.objectives:
        return False
    unknown = False
    for contract, group in ctx.funded:
        if not contract.roles_bought & LED_SERVICE_WORK:
            continue
        result = None if group is None else classify_group(group)
        if result is None or result.facts_missing:
            unknown = True
        elif result.leadership is not Leadership.NEITHER:
            return False  # a led service is bought: judged
    return unknown


def _names(activities: frozenset[Activity]) -> str:
    return ", ".join(a.value.replace("_", " ") for a in _ACTIVITY_ORDER if a in activities)


@rule(
    code="VI201",
    name="only-involvement-bought",
    title="The agreement buys involvement work alone, though the group does other work too.",
    modality=Modality.FINDING,
    citations=("§2.6", "§2.5"),
    rationale="§2.6 found a mismatch: the roles groups take (§2.5: support, services, "
    "advocacy, campaigning, cultural work and more) are wider than the roles commissioners "
    "fund them for, which are mostly involvement.  The mismatch is the commissioner's, so a "
    "group is judged across all its agreements: within a portfolio, work another agreement "
    "already buys from the group is not reported, and an agreement whose roles are not "
    "recorded may buy anything.  An agreement checked alone cannot see the others, so it "
    "says only that this agreement does not buy the work.  Training professionals is "
    "involvement (§2.5).",
    remedy="Ask the group which of its other work it would want funded, and consider it.",
    subject=Subject.CONTRACT,
    unknown=_work_unrecorded,
)
def _only_involvement_bought(ctx: Context) -> Iterator[Hit]:
    if ctx.group is None or not involvement_only(ctx.contract.roles_bought):
        return
    bought = ctx.contract.roles_bought if ctx.group_bought is None else ctx.group_bought
    other = ctx.group.activities - INVOLVEMENT_WORK - bought
    if other:
        where = (
            "; checked alone, it cannot tell whether another agreement buys that"
            if ctx.group_bought is None
            else ", and no other agreement buys it"
        )
        yield Hit(
            message=f"the agreement buys only {_names(ctx.contract.roles_bought)}, though the "
            f"group also does {_names(other)}{where}",
            path="$.roles_bought",
            evidence={
                "roles_bought": _names(ctx.contract.roles_bought),
                "group_activities": _names(other),
                "across_agreements": ctx.group_bought is not None,
            },
        )


@rule(
    code="VI202",
    name="no-aims",
    title="The agreement states no aims.",
    modality=Modality.FINDING,
    citations=("§2.15",),
    rationale="Commissioners in §2.15 said their agreements typically specify the general aim "
    "of the commissioned group, and asked at evaluation whether the aims were met; without "
    "stated aims, neither side can judge that later.",
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
    citations=("G3", "G2", "§2.7"),
    rationale="G3 asks commissioners to define the key aspects of their strategy for user and "
    "carer groups clearly, and G2 to clarify its objectives.  §2.7 saw few written "
    "strategies, and 13 of 29 groups did not know whether their commissioners had one.  A "
    "strategy recorded without saying whether it is written down is unknown and not "
    "reported.",
    remedy="Write the strategy down with local users and carers, and publish it.",
    subject=Subject.STRATEGY,
    unknown=_unwritten_unknown,
)
def _no_written_strategy(ctx: PortfolioContext) -> Iterator[Hit]:
    strategy = ctx.portfolio.strategy
    if strategy is None or strategy.written is False:
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
    modality=Modality.SHOULD,
    citations=("G2", "G1(a)"),
    rationale="G2 asks commissioners to clarify their strategic objectives in commissioning user "
    "and carer groups; G1(a) gives examples -- capacity building, support, diversity, service "
    "improvement and monitoring, feedback, user- and carer-led services.",
    remedy="State which objectives commissioning user and carer groups serves.",
    subject=Subject.STRATEGY,
    unknown=no_strategy,
)
def _no_objectives(ctx: PortfolioContext) -> Iterator[Hit]:
    strategy = ctx.portfolio.strategy
    if strategy is not None and not strategy.objectives:
        yield Hit(
            message="the strategy names no objectives for commissioning user and carer groups",
            path="$.strategy.objectives",
            evidence={"objectives": 0},
        )


@rule(
    code="VI220",
    name="portfolio-buys-only-involvement",
    title="Every agreement buys involvement work alone, though the groups do more.",
    modality=Modality.FINDING,
    citations=("§2.6", "§2.5"),
    rationale="§2.6 found that the roles groups take (§2.5) are wider than the involvement "
    "commissioners mostly fund them for.  An agreement whose roles are not recorded is not "
    "counted as involvement only, so the rule stays silent until every one is known.  "
    "Training professionals is involvement (§2.5).",
    remedy="Commission some of the support and service work the groups already do.",
    subject=Subject.PORTFOLIO,
    unknown=_portfolio_work_unrecorded,
)
def _only_involvement_across(ctx: PortfolioContext) -> Iterator[Hit]:
    funded = ctx.funded
    if not funded or not all(involvement_only(contract.roles_bought) for contract, _ in funded):
        return
    other = (
        frozenset(a for _, group in funded if group is not None for a in group.activities)
        - INVOLVEMENT_WORK
    )
    if other:
        yield Hit(
            message=f"every agreement buys involvement work alone, though the groups also do "
            f"{_names(other)}",
            path="$.contracts",
            evidence={"agreements": len(funded), "group_activities": _names(other)},
        )


@rule(
    code="VI216",
    name="strategy-ignores-groups-views",
    title="The strategy does not take into account the views of user and carer groups.",
    modality=Modality.SHOULD,
    citations=("G2",),
    rationale="G2 asks commissioners to take into account the views of user and carer groups, "
    "who want to do much more than involvement (services and support for their members), "
    "when developing a strategy for commissioning them.",
    remedy="Ask the groups what they do and want to do, and record how the strategy answers it.",
    subject=Subject.STRATEGY,
    unknown=no_strategy,
)
def _ignores_groups_views(ctx: PortfolioContext) -> Iterator[Hit]:
    strategy = ctx.portfolio.strategy
    if strategy is not None and Factor.GROUPS_VIEWS not in strategy.takes_account_of:
        yield Hit(
            message="the strategy does not take into account the views of user and carer groups",
            path="$.strategy.takes_account_of",
            evidence={"missing": Factor.GROUPS_VIEWS.value},
        )


@rule(
    code="VI217",
    name="led-services-objective-unfunded",
    title="The strategy aims at user- and carer-led services, but no agreement buys one.",
    modality=Modality.EXAMPLE,
    citations=("G1(a)(vii)", "G1(a)"),
    rationale="G1(a) names user- and carer-led services among the objectives a definition helps "
    "commissioning serve.  An objective no agreement serves is a gap between the strategy and "
    "what is bought.  Support, services and advocacy count as services (§2.5), and so do "
    "information and advice, which §2.14 lists among the services groups are commissioned "
    "to provide.",
    remedy="Buy support, services, advocacy or information and advice from a user- or "
    "carer-run or -led group, or say how the objective will be met.",
    subject=Subject.PORTFOLIO,
    unknown=_led_services_unknown,
)
def _led_services_unfunded(ctx: PortfolioContext) -> Iterator[Hit]:
    strategy = ctx.portfolio.strategy
    if strategy is None or Objective.LED_SERVICES not in strategy.objectives:
        return
    for contract, group in ctx.funded:
        if not contract.roles_bought & LED_SERVICE_WORK:
            continue
        result = None if group is None else classify_group(group)
        if result is None or result.facts_missing or result.leadership is not Leadership.NEITHER:
            return  # one led service bought, or one whose group is unknown and may be
    yield Hit(
        message="the strategy aims at user- and carer-led services, but no agreement buys "
        "support, services, advocacy or information and advice from a group that is user or "
        "carer run or led",
        path="$.strategy.objectives",
        evidence={"objective": Objective.LED_SERVICES.value, "agreements": len(ctx.funded)},
    )


_vi211 = strategy_gap(
    code="VI211",
    name="strategy-ignores-population",
    field="takes_account_of",
    item=Factor.POPULATION_AND_DIVERSITY,
    citation="G2(a)",
    what="take account of the local population and its diversity",
    why="G2(a) asks that objectives take account of local population and diversity; "
    "objectives that ignore who lives locally cannot reach the communities groups miss.",
    modality=Modality.SHOULD,
)


_vi212 = strategy_gap(
    code="VI212",
    name="strategy-not-consulted",
    field="takes_account_of",
    item=Factor.CONSULTATION,
    citation="G2(b)",
    what="take account of consultation with local users and carers",
    why="G2(b) asks that objectives take account of consultation with local users and "
    "carers, who know what their groups need.",
    modality=Modality.SHOULD,
)


_vi213 = strategy_gap(
    code="VI213",
    name="strategy-ignores-changing-needs",
    field="takes_account_of",
    item=Factor.CHANGING_NEEDS,
    citation="G2(c)",
    what="take account of changing needs for monitoring, support and capacity building",
    why="G2(c) asks that objectives take account of specific and changing needs for "
    "monitoring, support and capacity building, which change as groups grow.",
    modality=Modality.SHOULD,
)


_vi214 = strategy_gap(
    code="VI214",
    name="strategy-inflexible",
    field="takes_account_of",
    item=Factor.FLEXIBILITY,
    citation="G2(d)",
    what="leave room to respond to emerging needs",
    why="G2(d) asks for enough flexibility to respond to emerging needs; a strategy "
    "without it cannot fund new groups and needs.",
    modality=Modality.SHOULD,
)


RULES = (
    _only_involvement_bought,
    _no_aims,
    _no_written_strategy,
    _no_objectives,
    _only_involvement_across,
    _ignores_groups_views,
    _led_services_unfunded,
    _vi211,
    _vi212,
    _vi213,
    _vi214,
)

"""VI3xx: continuity and sustainability of funding, and diversity targets (``G3``)."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Iterator

from valuing_involvement._money import pounds
from valuing_involvement.commissioners import ApplicationAid, Coverage, community_key
from valuing_involvement.contracts import Contract, KpiKind
from valuing_involvement.costs import Costs
from valuing_involvement.funding import months_before
from valuing_involvement.groups import DiversityApproach
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
from valuing_involvement.rules._shared import answer, strategy_gap, unanswered, unknown

__all__ = ["PARAMETERS", "RULES"]

PARAMETERS = (
    Parameter(
        origin=Origin.DEFAULT,
        name="min-funding-months",
        default=12,
        unit="months",
        citations=("G3(d)", "§2.12"),
        description=(
            "Funding periods shorter than this are reported as short-term (VI301). Our default: "
            "the source states no minimum; 1 of the 27 funded projects in §2.12 ran for 6 months."
        ),
        looser=-1,
    ),
    Parameter(
        origin=Origin.SOURCE,
        name="preferred-funding-months",
        default=36,
        unit="months",
        citations=("§2.10",),
        description=(
            "The period groups asked for in §2.10 (three years, not just one); shorter periods "
            "are noted (VI302, VI323)."
        ),
        looser=-1,
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="renewal-notice-months",
        default=3,
        unit="months",
        citations=("§2.10",),
        description=(
            "How long before the period ends the renewal decision is due (VI303). Our default: "
            "groups asked for more notice in §2.10 but named no period."
        ),
        looser=-1,
    ),
    Parameter(
        origin=Origin.DEFAULT,
        name="community-share",
        default=decimal.Decimal("0.05"),
        unit="share of the population",
        citations=("G3(a)",),
        description=(
            "A community at least this share of the population is looked for among the groups "
            "commissioned (VI322). Our default: the source states no share. Shares are "
            "fractions: 0.05 is 5%."
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
            "the portfolio relies on short-term funding (VI323). Our default: the source states "
            "no share."
        ),
    ),
)


def _said(ctx: Context | PortfolioContext, name: str, value: str) -> str:
    return said(ctx, PARAMETERS, name, value)


def _length_unknown(ctx: Context) -> bool:
    """Neither the period's dates nor its length is recorded."""
    return ctx.contract.months is None


def _notice_unknown(ctx: Context) -> bool:
    """The period's dates are not recorded (unless only a notice in months is promised)."""
    contract = ctx.contract
    return contract.period is None and (
        contract.renewal_notice_months is None or contract.renewal_decision_by is not None
    )


#: What an indicator's yes/no facts say, in words.
_FACTS = {"agreed_with_group": "agreed with the group", "supported": "given support to meet"}


def _kpis_unrecorded(kind: KpiKind, fact: str) -> Callable[[Context], bool]:
    """Say when no indicator of ``kind`` records ``fact`` (agreed, supported): nothing to judge.

    So it is whether there are no such indicators or none of them says.
    """

    def unrecorded(ctx: Context) -> bool:
        return not any(
            kpi.kind is kind and getattr(kpi, fact) is not None for kpi in ctx.contract.kpis
        )

    unrecorded.__doc__ = f"No {kind.value} indicator says whether it was {_FACTS[fact]}."

    return unrecorded


def _unpublished_unknown(ctx: PortfolioContext) -> bool:
    """No written strategy is recorded, or it does not say whether it is published."""
    strategy = ctx.portfolio.strategy
    return strategy is None or strategy.written is not True or strategy.published is None


def _route_unrecorded(ctx: PortfolioContext) -> bool:
    """The route to apply for funding is not recorded."""
    return ctx.portfolio.commissioner.application_route is None


def _population_unrecorded(ctx: PortfolioContext) -> bool:
    """No population, or none of its communities, is recorded."""
    population = ctx.portfolio.population
    return population is None or not population.communities


def _lengths_unknown(ctx: PortfolioContext) -> bool:
    """No agreement's length is known."""
    return all(contract.months is None for contract in ctx.portfolio.contracts)


def _approach_unrecorded(ctx: Context) -> bool:
    """The group or its approach to diversity is not recorded."""
    return ctx.group is None or ctx.group.diversity_approach is None


def _ring_fences_unrecorded(ctx: PortfolioContext) -> bool:
    """No money passed through another body says whether it is ring-fenced."""
    return all(funding.ring_fenced is None for funding in ctx.portfolio.indirect)


def _budget_or_years_unknown(ctx: PortfolioContext) -> bool:
    """The budget for groups, or every agreement's dates, are not recorded."""
    portfolio = ctx.portfolio
    return portfolio.commissioner.annual_budget is None or not portfolio.committed_by_year()


@rule(
    code="VI301",
    name="short-funding-period",
    title="The funding period is shorter than the minimum the policy sets.",
    modality=Modality.CONSIDER,
    citations=("G3(d)", "§2.12"),
    rationale="G3(d) asks commissioners to consider the need for continuity and sustainability "
    "of funding. In §2.12, 9 of the 27 funded projects were funded for one year or were "
    "annually renewable and 1 for six months; 7 of 11 commissioners usually funded for a year "
    "at a time. The source sets no minimum period: `min-funding-months` is ours.",
    remedy="Fund for at least the period `min-funding-months` sets, and plan towards the "
    "longer terms groups ask for (§2.10).",
    subject=Subject.CONTRACT,
    unknown=_length_unknown,
    parameters=("min-funding-months",),
)
def _short_period(ctx: Context) -> Iterator[Hit]:
    months, minimum = ctx.contract.months, ctx.whole_number("min-funding-months")
    if months is None:  # neither dates nor a length: the scorecard counts G3(d) not known
        yield Hit(
            message="the funding period's length is not known",
            path="$.period",
            evidence={"months": None, "min-funding-months": minimum},
        )
    elif months < minimum:
        yield Hit(
            message=(
                f"funded for {months} months, shorter than "
                f"{_said(ctx, 'min-funding-months', f'{minimum} months')}"
            ),
            path="$.period",
            evidence={"months": months, "min-funding-months": minimum},
        )


@rule(
    code="VI302",
    name="under-three-years",
    title="The funding period is shorter than the three years groups asked for.",
    modality=Modality.FINDING,
    citations=("§2.10", "G3(d)"),
    rationale="Groups asked for longer funding periods, three years and not just one, and for "
    "help planning for the longer term (§2.10); in §2.12, 13 of 27 funded projects ran for "
    "three years. Commissioners also asked for flexibility, such as a five-year SLA (§2.24).",
    remedy="Offer an agreement as long as `preferred-funding-months`, with reviews during it "
    "if needed.",
    subject=Subject.CONTRACT,
    unknown=_length_unknown,
    parameters=("preferred-funding-months",),
)
def _under_preferred(ctx: Context) -> Iterator[Hit]:
    months, preferred = ctx.contract.months, ctx.whole_number("preferred-funding-months")
    if months is not None and months < preferred:  # unknown: VI301 reports it once
        yield Hit(
            message=(
                f"funded for {months} months, shorter than "
                f"{_said(ctx, 'preferred-funding-months', f'{preferred} months')}"
            ),
            path="$.period",
            evidence={"months": months, "preferred-funding-months": preferred},
        )


@rule(
    code="VI303",
    name="late-renewal-decision",
    title="The renewal decision is due too close to the end of the period, or not stated.",
    modality=Modality.FINDING,
    citations=("§2.10",),
    rationale="Groups asked for more notice of whether funding is going to be given or not "
    "(§2.10); a late decision leaves them unable to keep staff or plan. The source names no "
    "notice period: `renewal-notice-months` is ours.",
    remedy="Commit to a renewal decision at least as long before the period ends as "
    "`renewal-notice-months` sets.",
    subject=Subject.CONTRACT,
    unknown=_notice_unknown,
    parameters=("renewal-notice-months",),
)
def _late_renewal_decision(ctx: Context) -> Iterator[Hit]:
    contract, notice = ctx.contract, ctx.whole_number("renewal-notice-months")
    period = contract.period
    latest = None if period is None else months_before(period.end, notice)
    evidence: dict[str, str | int | bool | None] = {
        "renewal_decision_by": None,
        "period_end": None if period is None else period.end.isoformat(),
        "latest_decision": None if latest is None else latest.isoformat(),
        "renewal-notice-months": notice,
    }
    needed = _said(ctx, "renewal-notice-months", f"{notice} months")
    decided = contract.renewal_decision_by
    promised = contract.renewal_notice_months
    if period is None and (promised is None or decided is not None):
        # A notice needs the end date: the scorecard counts §2.10 not known for this agreement.
        if decided is not None:
            evidence["renewal_decision_by"] = decided.isoformat()
        evidence["period_known"] = False
        yield Hit(
            message="the period's dates are not known, so the renewal notice cannot be checked",
            path="$.period",
            evidence=evidence,
        )
    elif decided is None and promised is not None:
        if promised < notice:
            evidence["renewal_notice_months"] = promised
            yield Hit(
                message=f"{promised} months' notice of renewal promised, less than {needed}",
                path="$.renewal_notice_months",
                evidence=evidence,
            )
    elif decided is None:
        yield Hit(
            message="the agreement does not say when the renewal decision will be made",
            path="$.renewal_decision_by",
            evidence=evidence,
        )
    elif period is not None and latest is not None and decided > latest:
        evidence["renewal_decision_by"] = decided.isoformat()
        yield Hit(
            message=(
                f"renewal decided by {decided.isoformat()}, less than {needed} before the "
                f"period ends on {period.end.isoformat()}"
            ),
            path="$.renewal_decision_by",
            evidence=evidence,
        )


def _pounds(amount: decimal.Decimal) -> str:
    return pounds(amount)


#: Full cost recovery was required of statutory funders from April 2006 (footnote 2).
_FULL_COST_FROM = dt.date(2006, 4, 1)


def _before_full_cost(contract: Contract) -> bool:
    # undated (a length only): it cannot be shown to predate full cost recovery, so it is checked
    return contract.period is not None and contract.period.end < _FULL_COST_FROM


def _short(contract: Contract) -> bool | None:
    """Whether the price is below the agreement's part of the full cost; ``None`` unknown."""
    price, costs = contract.amount_per_year, contract.costs
    if costs is None:
        return None
    share = costs.agreement_share(price)
    if share is not None:
        return price < share
    return False if price >= costs.full_cost else None


def _overheads_unknown(ctx: Context) -> bool:
    """The agreement does not say whether overheads are funded, and its costs do not show it."""
    contract = ctx.contract
    return (
        not _before_full_cost(contract)
        and contract.overheads_funded is None
        and _short(contract) is None
    )


def _share_basis(costs: Costs) -> str:
    if costs.agreed_share is not None:
        return "as agreed"
    return "sole funder" if costs.other_funding == 0 else "pro rata"


@rule(
    code="VI304",
    name="overheads-not-funded",
    title="The price is below the agreement's share of full cost, or leaves out overheads.",
    modality=Modality.FINDING,
    citations=("footnote 2", "§2.8"),
    rationale="Footnote 2 reports the full cost recovery principle: prices of contracts and "
    "grants reflect the full cost of delivery, overheads included, and public bodies are to "
    'permit the relevant share of overheads in prices. Its one "should" is HM Treasury\'s, '
    "from the 2002 review the report quotes, and no guideline (G1 to G5) mentions overheads, "
    "so this is advice. Statutory funders were to apply it from April 2006: an agreement that "
    "ended before then is not checked. Most groups have several funders (§2.8: 23 of 29 had "
    "a mix of sources), so an agreement owes its own part of the full cost: the part the "
    "funders agreed (`costs.agreed_share`), or else a part in proportion to what each funder "
    "pays, so no funder is asked for another's unpaid part. An agreement that does not say "
    "whether overheads are included, with no costs to show it, is unknown and not reported. "
    "When the agreement's own record of overheads and its costs disagree, the costs are taken "
    "and the record is reported as one to correct (advice, not a contradiction).",
    remedy="Price the agreement at its part of the full cost, overheads included; record what "
    "co-funders pay, or the agreed share, so the part can be checked.",
    subject=Subject.CONTRACT,
    unknown=_overheads_unknown,
)
def _overheads_not_funded(ctx: Context) -> Iterator[Hit]:
    contract = ctx.contract
    if _before_full_cost(contract):
        return
    price, funded, costs = contract.amount_per_year, contract.overheads_funded, contract.costs
    share = None if costs is None else costs.agreement_share(price)
    short = _short(contract)
    if short is True and costs is not None and share is not None:
        basis = _share_basis(costs)
        paid = f"; co-funders pay {_pounds(costs.other_funding)}" if costs.other_funding else ""
        yield Hit(
            message=(
                f"the price, {_pounds(price)}, is below this agreement's part of the full "
                f"cost, {_pounds(share)} ({basis}, of {_pounds(costs.full_cost)} full cost with "
                f"overheads apportioned by {costs.basis.value.replace('_', ' ')}{paid})"
            ),
            path="$.amount_per_year",
            evidence={
                "amount_per_year": str(price),
                "full_cost": str(costs.full_cost),
                "overhead_share": str(costs.overhead_share),
                "other_funding": None if costs.other_funding is None else str(costs.other_funding),
                "agreed_share": None if costs.agreed_share is None else str(costs.agreed_share),
                "agreement_share": str(share),
                "share_basis": basis,
            },
        )
    if funded is not None and short is not None and funded is short:
        facts = "below" if short else "at or above"
        yield Hit(
            message=(
                f"the agreement records overheads as {'' if funded else 'not '}funded, but "
                f"its costs put the price {facts} its part of the full cost; the costs are "
                "taken, so correct the record"
            ),
            path="$.overheads_funded",
            evidence={"overheads_funded": funded, "price_below_share": short},
        )
    elif funded is False and short is None:
        yield Hit(
            message="the agreement records that the price leaves out overheads",
            path="$.overheads_funded",
            evidence={"overheads_funded": False, "amount_per_year": str(price)},
        )


def _diversity_targets(ctx: Context) -> Iterator[tuple[int, str]]:
    for index, kpi in enumerate(ctx.contract.kpis):
        if kpi.kind is KpiKind.DIVERSITY:
            yield index, kpi.description


@rule(
    code="VI305",
    name="diversity-targets-imposed",
    title="Diversity targets were not developed with the group.",
    modality=Modality.EXAMPLE,
    citations=("G3(f)",),
    rationale="Among the key aspects a strategy might include, G3(f) names performance targets "
    "on diversity developed in partnership with the groups they measure.  A target the "
    "agreement does not say was or was not agreed is unknown and not reported.",
    remedy="Agree the diversity targets with the group and record that they were agreed.",
    subject=Subject.CONTRACT,
    unknown=_kpis_unrecorded(KpiKind.DIVERSITY, "agreed_with_group"),
)
def _diversity_not_agreed(ctx: Context) -> Iterator[Hit]:
    for index, description in _diversity_targets(ctx):
        if ctx.contract.kpis[index].agreed_with_group is False:
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
    citations=("§2.23",),
    rationale="Among what is not working well, one group's words in §2.23 were of pressure to "
    "increase BME outreach with no support in achieving it.  A target whose support is not "
    "stated is unknown and not reported.",
    remedy="Offer help to meet each diversity target: outreach, interpreters, contacts.",
    subject=Subject.CONTRACT,
    unknown=_kpis_unrecorded(KpiKind.DIVERSITY, "supported"),
)
def _diversity_unsupported(ctx: Context) -> Iterator[Hit]:
    for index, description in _diversity_targets(ctx):
        if ctx.contract.kpis[index].supported is False:
            yield Hit(
                message=f"no help is offered to meet diversity target {description!r}",
                path=f"$.kpis[{index}]",
                evidence={"kpi": description, "supported": False},
            )


@rule(
    code="VI320",
    name="no-help-to-apply",
    title="Groups are not encouraged or helped to apply for funding.",
    modality=Modality.FINDING,
    citations=("§2.10", "G3(b)"),
    rationale="In §2.10, 6 of 11 commissioners said they encourage applications, and 14 of the "
    "21 groups that answered were given support to apply (7 were not); groups asked for help "
    "and "
    "guidance, and the report asks whether outreach is needed so that established groups are "
    "not favoured. G3(b) gives widely accessible information on how to apply as one aspect "
    "of a strategy.",
    remedy="Encourage applications and offer help, directly or through the local CVS.",
    subject=Subject.COMMISSIONER,
    unknown=unanswered("encourages_applications", "helps_with_applications"),
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


_AIDS = {
    ApplicationAid.WRITTEN_GUIDANCE: "written guidance on how to apply",
    ApplicationAid.CLEAR_CRITERIA: "clear criteria",
    ApplicationAid.TIMESCALES: "stated timescales",
    ApplicationAid.SHORT_FORMS: "short application forms",
    ApplicationAid.OUTREACH: "outreach to less well networked groups",
}


@rule(
    code="VI324",
    name="application-route-closed",
    title="The route to apply for funding lacks what groups valued or asked for, or the "
    "outreach the report asks about.",
    modality=Modality.FINDING,
    citations=("§2.10",),
    rationale="Groups valued written information on how to apply, the criteria and the "
    "timescale, and asked for shorter forms and more transparent criteria; the report itself "
    "asks whether more outreach is needed to groups that are less well networked (§2.10): "
    "outreach is the report's question, not the groups' request.",
    remedy="Publish written guidance with the criteria and timescales, keep forms short, and "
    "reach out to groups that do not already know the way in.",
    subject=Subject.COMMISSIONER,
    unknown=_route_unrecorded,
)
def _application_route_closed(ctx: PortfolioContext) -> Iterator[Hit]:
    route = ctx.portfolio.commissioner.application_route
    if route is None:
        return
    missing = [aid for aid in ApplicationAid if aid not in route]
    if missing:
        yield Hit(
            message=f"the route to apply has no {', no '.join(_AIDS[aid] for aid in missing)}",
            path="$.commissioner.application_route",
            evidence={"missing": ", ".join(aid.value for aid in missing)},
        )


@rule(
    code="VI325",
    name="strategy-not-published",
    title="The commissioning strategy is not made available to groups.",
    modality=Modality.EXAMPLE,
    citations=("G3(b)",),
    rationale="Among the key aspects a strategy might include, G3(b) names making information "
    "about the strategy and how to apply for funding widely accessible.",
    remedy="Publish the strategy where groups can find it, with how to apply.",
    subject=Subject.STRATEGY,
    unknown=_unpublished_unknown,
)
def _strategy_not_published(ctx: PortfolioContext) -> Iterator[Hit]:
    strategy = ctx.portfolio.strategy
    if strategy is not None and strategy.written and strategy.published is False:
        yield Hit(
            message="the strategy is written but not published",
            path="$.strategy.published",
            evidence={"written": True, "published": False},
        )


@rule(
    code="VI321",
    name="no-funding-advice",
    title="Groups get no advice on other sources of funding.",
    modality=Modality.EXAMPLE,
    citations=("G3(c)", "§2.11"),
    rationale="G3(c) gives information on where to find alternative funding, such as the local "
    "CVS, as one aspect of a strategy. In §2.11, 17 of 29 groups said commissioners had never "
    "encouraged them to seek partial funding from non-statutory sources.",
    remedy="Keep up-to-date advice on other funders, or refer groups to the local CVS.",
    subject=Subject.COMMISSIONER,
    unknown=unanswered("advises_on_other_funding"),
)
def _no_funding_advice(ctx: PortfolioContext) -> Iterator[Hit]:
    return answer(ctx, "advises_on_other_funding", "advice on other sources of funding")


def _mentions(name: str, key: str) -> bool:
    """Whether ``name``'s folded words hold ``key``'s words in a row, without being ``key``."""
    folded = community_key(name)
    return folded != key and f" {key} " in f" {folded} "


@rule(
    code="VI322",
    name="community-unserved",
    title="A community with a material share of the population has no commissioned group "
    "serving it.",
    modality=Modality.EXAMPLE,
    citations=("G3(a)", "§2.13"),
    rationale="Among the key aspects a strategy might include, G3(a) names reflecting the "
    "diversity of the community in the commissioned groups, so only groups an agreement "
    "funds are counted, not every group on the register. §2.13 found general groups whose "
    "memberships are ethnically diverse as well as groups for particular communities, so a "
    "group counts for a community it serves or whose people its membership reflects. Two "
    "readings are ours, not the source's: a group for a broader community the population "
    "lists the community as part of (`part_of`) counts for it, and names match after folding "
    'case, spacing and punctuation only (`community_key`): a group for "Somali women" serves '
    "part of the Somali community, not all of it, unless the population lists it so. The "
    "share that makes a community material is ours too: `community-share`.",
    remedy="Find out whether the community's people are in the groups already funded; if not, "
    "consult its community groups and build capacity for one led by and for it.",
    subject=Subject.PORTFOLIO,
    unknown=_population_unrecorded,
    parameters=("community-share",),
)
def _unserved_communities(ctx: PortfolioContext) -> Iterator[Hit]:
    population = ctx.portfolio.population
    if population is None:
        return
    threshold = ctx.amount("community-share")
    groups = {id(group): group for _, group in ctx.funded if group is not None}
    names = [(*group.communities, *group.reflects) for group in groups.values()]
    for index, community in enumerate(population.communities):
        if community.share < threshold:
            continue
        if any(population.serves(community, served) for served in names):
            continue
        parts = sorted(
            {name for served in names for name in served if population.part_of(name, community)}
        )
        near = sorted(
            {
                name
                for served in names
                for name in served
                if name not in parts and _mentions(name, community.key)
            }
        )
        some = f"; groups serve part of it only: {', '.join(parts)}" if parts else ""
        if near:
            some += f"; named by groups but not counted as it: {', '.join(near)}"
        yield Hit(
            message=(
                f"no commissioned group serves or reflects {community.name} "
                f"({community.dimension}), {community.share:.0%} of the population (at least "
                f"{_said(ctx, 'community-share', f'{threshold:.0%}')}){some}"
            ),
            path=f"$.population.communities[{index}]",
            evidence={
                "community": community.name,
                "share": str(community.share),
                "covered_by": ", ".join(population.lineage(community)),
                "commissioned_groups": len(groups),
                "parts_served": ", ".join(parts) or None,
                "near_names": ", ".join(near) or None,
                "community-share": str(threshold),
            },
        )


@rule(
    code="VI323",
    name="mostly-short-funding",
    title="Most agreements run for less than the period groups asked for.",
    modality=Modality.CONSIDER,
    citations=("G3(d)", "§2.12"),
    rationale="G3(d) asks commissioners to consider the need for continuity and sustainability "
    "of funding; in §2.12, 7 of 11 commissioners usually funded groups for one year at a time. "
    'The share of short agreements that counts as "most" is ours: `short-funding-share`.',
    remedy="Move agreements to longer terms, towards `preferred-funding-months`, as they come "
    "up for renewal.",
    subject=Subject.PORTFOLIO,
    unknown=_lengths_unknown,
    parameters=("preferred-funding-months", "short-funding-share"),
)
def _mostly_short_funding(ctx: PortfolioContext) -> Iterator[Hit]:
    contracts = ctx.portfolio.contracts
    if not contracts:
        return
    preferred = ctx.whole_number("preferred-funding-months")
    lengths = [c.months for c in contracts if c.months is not None]  # unknown lengths: not counted
    if not lengths:
        return
    short = sum(months < preferred for months in lengths)
    share = decimal.Decimal(short) / len(lengths)
    limit = ctx.amount("short-funding-share")
    if share > limit:
        unknown = len(contracts) - len(lengths)
        known = f" of known length ({unknown} not known)" if unknown else ""
        evidence: dict[str, str | int] = {"length_unknown": unknown} if unknown else {}
        yield Hit(
            message=(
                f"{short} of {len(lengths)} agreements{known} run for less than {preferred} "
                f"months, more than {_said(ctx, 'short-funding-share', f'{limit:.0%}')} of them"
            ),
            path="$.contracts",
            evidence={
                **evidence,
                "short": short,
                "agreements": len(lengths),
                "preferred-funding-months": preferred,
                "short-funding-share": str(limit),
            },
        )


@rule(
    code="VI326",
    name="group-open-to-all-only",
    title="The group's approach to diversity is only to be open to everyone.",
    modality=Modality.FINDING,
    citations=("§2.13",),
    rationale="Asked how they approach diversity, some groups answered that they are open to "
    "everyone, with no policy of their own; §2.13 reads these answers as a lack of awareness "
    "and asks commissioners to take a more proactive approach to how groups embed diversity "
    "awareness.",
    remedy="Talk with the group about who is missing from it and offer help to reach them.",
    subject=Subject.CONTRACT,
    unknown=_approach_unrecorded,
)
def _open_to_all_only(ctx: Context) -> Iterator[Hit]:
    group = ctx.group
    if group is not None and group.diversity_approach is DiversityApproach.OPEN_TO_ALL:
        yield Hit(
            message=f"{group.name} approaches diversity only by being open to everyone",
            path="$.group.diversity_approach",
            evidence={"diversity_approach": DiversityApproach.OPEN_TO_ALL.value},
        )


@rule(
    code="VI330",
    name="indirect-not-ring-fenced",
    title="Money passed to groups through another body is not ring-fenced.",
    modality=Modality.FINDING,
    citations=("§2.3",),
    rationale="Funding groups indirectly, through an NHS trust or a body such as Mind, may be "
    "effective but may leave the commissioner less say in what groups are set up and for what "
    "purpose (§2.3). A ring fence is this library's reading of how to keep that say. Money "
    "whose record does not say whether it is ring-fenced is unknown and not reported.",
    remedy="Ring-fence the money for user and carer groups, with agreed purposes.",
    subject=Subject.PORTFOLIO,
    unknown=_ring_fences_unrecorded,
)
def _indirect_not_ring_fenced(ctx: PortfolioContext) -> Iterator[Hit]:
    for index, funding in enumerate(ctx.portfolio.indirect):
        if funding.ring_fenced is False:
            yield Hit(
                message=(
                    f"{pounds(funding.amount_per_year)} a year passes through {funding.via} "
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
    rationale="In §2.9, 7 of the 9 commissioners who answered could identify their budget for "
    "commissioning user and carer groups; an identifiable budget makes that commissioning "
    "visible and plannable.",
    remedy="Identify the budget for commissioning user and carer groups.",
    subject=Subject.COMMISSIONER,
    unknown=unanswered("budget_identifiable"),
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
    why="Among the key aspects a strategy might include, G3(a) names reflecting the "
    "community's diversity in the groups commissioned, using the best available information "
    "and/or consulting local community groups.",
    modality=Modality.EXAMPLE,
)


_vi312 = strategy_gap(
    code="VI312",
    name="strategy-omits-information",
    field="covers",
    item=Coverage.ACCESSIBLE_INFORMATION,
    citation="G3(b)",
    what="cover making the strategy and how to apply widely known",
    why="G3(b) names making information about the strategy and how to apply widely "
    "accessible; §2.10 asks whether groups that are less well networked hear of funding.",
    modality=Modality.EXAMPLE,
)


_vi313 = strategy_gap(
    code="VI313",
    name="strategy-omits-other-funding",
    field="covers",
    item=Coverage.OTHER_FUNDING_INFORMATION,
    citation="G3(c)",
    what="cover information on other sources of funding",
    why="G3(c) names information on where to find alternative funding, for example the local "
    "CVS; §2.11 suggests it for groups turned down or not fully funded.",
    modality=Modality.EXAMPLE,
)


_vi314 = strategy_gap(
    code="VI314",
    name="strategy-omits-continuity",
    field="covers",
    item=Coverage.CONTINUITY_OF_FUNDING,
    citation="G3(d)",
    what="cover continuity and sustainability of funding",
    why="G3(d) names considering the need for continuity and sustainability of funding; lack "
    "of secure or long-term funding is among what groups said is not working well (§2.23).",
    modality=Modality.CONSIDER,
)


_vi315 = strategy_gap(
    code="VI315",
    name="strategy-omits-inclusion",
    field="covers",
    item=Coverage.SOCIAL_INCLUSION_LEADERSHIP,
    citation="G3(e)",
    what="cover groups leading on social inclusion and anti-stigma work",
    why="G3(e) names enabling groups to lead on promoting social inclusion and positive "
    "attitudes to mental health.",
    modality=Modality.EXAMPLE,
)


_vi316 = strategy_gap(
    code="VI316",
    name="strategy-omits-diversity-targets",
    field="covers",
    item=Coverage.DIVERSITY_TARGETS_IN_PARTNERSHIP,
    citation="G3(f)",
    what="cover diversity targets developed in partnership with the groups",
    why="G3(f) names diversity performance targets developed in partnership with the groups.",
    modality=Modality.EXAMPLE,
)


@rule(
    code="VI341",
    name="commitments-over-budget",
    title="The agreements commit more in a financial year than the budget for groups.",
    modality=Modality.FINDING,
    citations=("§2.9",),
    rationale="This is the library's own check of a commissioner's figures, not a finding of "
    "the source: §2.9 reports only that 7 commissioners could identify a budget for user and "
    "carer groups, and says nothing about commitments beyond it. Agreements that commit more "
    "in a year than the budget the commissioner states leave part of that year unfunded; the "
    "check compares the two so the gap is seen before the year starts.",
    remedy="Raise the budget for that year, or phase or resize the agreements to fit it.",
    subject=Subject.COMMISSIONER,
    unknown=_budget_or_years_unknown,
)
def _commitments_over_budget(ctx: PortfolioContext) -> Iterator[Hit]:
    budget = ctx.portfolio.commissioner.annual_budget
    if budget is None:
        return
    for year, committed in ctx.portfolio.committed_by_year().items():
        if committed > budget:
            yield Hit(
                message=(
                    f"agreements commit {pounds(committed)} in {year}, "
                    f"over the {pounds(budget)} budget"
                ),
                path="$.commissioner.annual_budget",
                evidence={"year": year, "committed": str(committed), "budget": str(budget)},
            )


# Appended after the tuple above while the rest of this module changes elsewhere; fold it into
# the tuple when the branches meet (mypy types the tuple by its length, hence the ignore).

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
    _application_route_closed,
    _strategy_not_published,
    _open_to_all_only,
    _indirect_not_ring_fenced,
    _budget_not_identifiable,
    _vi311,
    _vi312,
    _vi313,
    _vi314,
    _vi315,
    _vi316,
    _commitments_over_budget,
)

"""Assess a whole portfolio: every rule on every subject, and the metrics a commissioner needs.

:func:`assess_portfolio` runs the commissioner-, strategy-, involvement- and portfolio-level
rules and checks each agreement, re-rooting the agreements' finding paths under
``$.contracts[i]`` so every finding points into the portfolio document.  To set two
assessments side by side for scenario work, see :mod:`valuing_involvement.comparison` (its
names stay importable from here).
"""

from __future__ import annotations

import datetime as dt
import decimal
import importlib
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from valuing_involvement._agreement_paths import agreement_of
from valuing_involvement._bounds import in_context
from valuing_involvement._frozen import frozen_dict
from valuing_involvement._html import field_table
from valuing_involvement._metric_words import metric_label, metric_value
from valuing_involvement._money import pounds
from valuing_involvement._summary import summary_of
from valuing_involvement.checking import Policy, check_on_date, check_resolved, resolved_policy
from valuing_involvement.classification import classify_group
from valuing_involvement.commissioners import Population, community_key
from valuing_involvement.contracts import Contract
from valuing_involvement.groups import Activity, Group, Leadership
from valuing_involvement.portfolio import Portfolio, committed_by_year
from valuing_involvement.reports import (
    FindingsSummary,
    findings_html,
    render_findings,
)
from valuing_involvement.rules import (
    RULES,
    Finding,
    PortfolioContext,
    Registry,
    Subject,
    run,
    unjudged,
)
from valuing_involvement.scorecard import Scorecard, score
from valuing_involvement.statistics import Statistics, tally

__all__ = [
    "AgreementCost",
    "Assessment",
    "Commitments",
    "CommunityCoverage",
    "Metrics",
    "assess_portfolio",
    "commitments",
]

_ZERO = decimal.Decimal(0)
_PENNY = decimal.Decimal("0.01")
_SHARE = decimal.Decimal("0.0001")
#: Agreements longer than this many months count as multi-year.
MULTI_YEAR_MONTHS = 12


@attrs.frozen(kw_only=True)
class CommunityCoverage:
    """A community of the population and the groups that serve it (``G3(a)``)."""

    community: str
    dimension: str
    share: decimal.Decimal
    served_by: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Metrics:
    """The portfolio's figures, in pounds a year and shares as fractions.

    * ``spend_total``: direct agreements plus money passed indirectly (``§2.3``);
    * ``spend_by_constituency``: by the funded group's constituency (``unknown`` without one);
    * ``spend_by_role``: by role bought, each agreement's amount split evenly across its roles
      (``unspecified`` when it names none);
    * ``multi_year_agreements``, ``multi_year_agreement_share`` and ``multi_year_spend_share``:
      agreements longer than a year, their share of agreements and of direct spend;
    * ``groups_by_leadership``: the portfolio's groups by class (``G1(b)``);
    * ``coverage``: each community in the population and the groups serving it;
    * ``seats_by_representation``: seats on commissioning bodies by who fills them (``G5(a)``).
    """

    spend_total: decimal.Decimal
    spend_direct: decimal.Decimal
    spend_indirect: decimal.Decimal
    spend_by_constituency: Mapping[str, decimal.Decimal] = attrs.field(
        converter=frozen_dict, hash=False
    )
    spend_by_role: Mapping[str, decimal.Decimal] = attrs.field(converter=frozen_dict, hash=False)
    agreements: int
    multi_year_agreements: int
    multi_year_agreement_share: decimal.Decimal
    multi_year_spend_share: decimal.Decimal
    groups_by_leadership: Mapping[str, int] = attrs.field(converter=frozen_dict, hash=False)
    coverage: tuple[CommunityCoverage, ...]
    seats_by_representation: Mapping[str, int] = attrs.field(converter=frozen_dict, hash=False)

    def summary(self) -> dict[str, Any]:
        """The scalar and per-key figures flattened to one level, for comparison and tables.

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> assess_portfolio(example_portfolio()).metrics.summary()["agreements"]
        4
        """
        flat: dict[str, Any] = {
            "spend_total": self.spend_total,
            "spend_direct": self.spend_direct,
            "spend_indirect": self.spend_indirect,
            "agreements": self.agreements,
            "multi_year_agreements": self.multi_year_agreements,
            "multi_year_agreement_share": self.multi_year_agreement_share,
            "multi_year_spend_share": self.multi_year_spend_share,
        }
        for prefix, table in (
            ("spend_by_constituency", self.spend_by_constituency),
            ("spend_by_role", self.spend_by_role),
            ("groups_by_leadership", self.groups_by_leadership),
            ("seats_by_representation", self.seats_by_representation),
        ):
            flat.update({f"{prefix}.{key}": value for key, value in table.items()})
        flat.update({f"served.{c.community}": len(c.served_by) for c in self.coverage})
        return flat

    def _repr_html_(self) -> str:
        """Render the figures as HTML for notebooks: readable labels, formatted numbers.

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> page = assess_portfolio(example_portfolio()).metrics._repr_html_()
        >>> "<th>Agreements longer than a year</th><td>2 of 4 (50.0%)</td>" in page
        True
        """
        return field_table(_metric_rows(self), caption="Portfolio figures", sections=True)


def _metric_rows(m: Metrics) -> list[tuple[str, object]]:
    """The figures as (label, formatted value) rows, each section headed by ``(title, ...)``."""
    share = metric_value("multi_year_agreement_share", m.multi_year_agreement_share)
    rows: list[tuple[str, object]] = [
        ("Spend", ...),
        *(
            (metric_label(name), metric_value(name, value))
            for name, value in (
                ("spend_total", m.spend_total),
                ("spend_direct", m.spend_direct),
                ("spend_indirect", m.spend_indirect),
            )
        ),
        *(
            (metric_label(f"{prefix}.{key}"), metric_value(prefix, amount))
            for prefix, table in (
                ("spend_by_constituency", m.spend_by_constituency),
                ("spend_by_role", m.spend_by_role),
            )
            for key, amount in table.items()
        ),
        ("Agreements", ...),
        (metric_label("agreements"), metric_value("agreements", m.agreements)),
        (
            metric_label("multi_year_agreements"),
            f"{m.multi_year_agreements:,} of {m.agreements:,} ({share})",
        ),
        (
            metric_label("multi_year_spend_share"),
            metric_value("multi_year_spend_share", m.multi_year_spend_share),
        ),
        ("Groups", ...),
        *(
            (metric_label(f"groups_by_leadership.{k}"), f"{n:,}")
            for k, n in m.groups_by_leadership.items()
        ),
    ]
    if m.coverage:
        rows.append(("Communities", ...))
        rows += [
            (
                f"{c.community} ({c.dimension}, {metric_value('community_share', c.share)})",
                ", ".join(c.served_by) or "no group",
            )
            for c in m.coverage
        ]
    if m.seats_by_representation:
        rows.append(("Commissioning bodies (G5(a))", ...))
        rows += [
            (metric_label(f"seats_by_representation.{k}"), f"{n:,}")
            for k, n in m.seats_by_representation.items()
        ]
    return rows


@attrs.frozen(kw_only=True)
class AgreementCost:
    """One agreement's money: what it pays, year by year and over its term, and its full cost.

    ``full_cost`` is the project's yearly full cost (direct costs plus its share of overheads,
    footnote 2) when the agreement states its ``costs``; ``shortfall`` is how much a year the
    price falls below it (0 when it covers it), ``None`` without costs.
    """

    reference: str | None
    group: str | None
    amount_per_year: decimal.Decimal
    by_year: Mapping[str, decimal.Decimal] = attrs.field(converter=frozen_dict, hash=False)
    total: decimal.Decimal
    full_cost: decimal.Decimal | None = None
    shortfall: decimal.Decimal | None = None


@attrs.frozen(kw_only=True)
class Commitments:
    """What a portfolio's agreements commit, by UK financial year and in all (``§2.9``).

    ``by_year`` sums the agreements' direct spend in each financial year (``2007-08``);
    ``total`` is the sum over every agreement's whole term; ``budget`` is the commissioner's
    annual budget for groups, when set.  Indirect funding has no term and is not counted.
    ``undated`` counts the agreements whose dates are not known: they fall in no year, so
    they are left out of ``by_year`` and ``total`` (their rows show no years) and counted here.
    """

    by_year: Mapping[str, decimal.Decimal] = attrs.field(converter=frozen_dict, hash=False)
    total: decimal.Decimal
    agreements: tuple[AgreementCost, ...]
    budget: decimal.Decimal | None = None
    undated: int = 0

    @property
    def over_budget(self) -> dict[str, decimal.Decimal]:
        """The years whose commitments exceed the budget, with the excess."""
        if self.budget is None:
            return {}
        return {y: v - self.budget for y, v in self.by_year.items() if v > self.budget}


@in_context
def commitments(portfolio: Portfolio) -> Commitments:
    """Set out what the portfolio's agreements cost, by financial year and agreement by agreement.

    >>> from valuing_involvement import example_portfolio
    >>> costs = commitments(example_portfolio())
    >>> dict(costs.by_year), costs.total
    ({'2007-08': Decimal('78000.00'), '2008-09': Decimal('51000.00'), '2009-10': Decimal('36000.00')}, Decimal('165000.00'))
    """  # noqa: E501
    rows = []
    for contract in portfolio.contracts:
        by_year = committed_by_year(contract)
        group = portfolio.group_of(contract)
        full = None if contract.costs is None else contract.costs.full_cost
        rows.append(
            AgreementCost(
                reference=contract.reference,
                group=None if group is None else group.name,
                amount_per_year=contract.amount_per_year,
                by_year=by_year,
                total=sum(by_year.values(), _ZERO),
                full_cost=full,
                shortfall=None if full is None else max(full - contract.amount_per_year, _ZERO),
            )
        )
    years: dict[str, decimal.Decimal] = {}
    for row in rows:  # each agreement split once, then summed: not split again by the portfolio
        for year, amount in row.by_year.items():
            years[year] = years.get(year, _ZERO) + amount
    return Commitments(
        by_year=dict(sorted(years.items())),
        total=sum((row.total for row in rows), _ZERO),
        agreements=tuple(rows),
        budget=portfolio.commissioner.annual_budget,
        undated=sum(contract.period is None for contract in portfolio.contracts),
    )


@attrs.frozen(kw_only=True)
class Assessment(FindingsSummary):
    """Everything :func:`assess_portfolio` found, with the metrics, for one date and ruleset.

    ``agreements`` holds each agreement's reference in portfolio order (``None`` where it has
    none), so :func:`compare` can match ``$.contracts[i]`` by identity rather than position;
    ``commitments`` is what the agreements cost by financial year (see :func:`commitments`).
    ``unjudged`` names the rules that could not judge for want of facts: a portfolio rule whose
    facts are all unrecorded, an agreement rule whose facts are unrecorded in every agreement;
    ``unjudged_by_agreement`` the agreement rules that could not judge each agreement, in order.
    """

    commissioner: str
    on: dt.date
    ruleset: str
    findings: tuple[Finding, ...]
    metrics: Metrics
    agreements: tuple[str | None, ...] = ()
    commitments: Commitments | None = None
    unjudged: tuple[str, ...] = ()
    unjudged_by_agreement: tuple[tuple[str, ...], ...] = ()

    def to_json(self, *, indent: int | None = None) -> str:
        """Return the assessment as JSON; :func:`~valuing_involvement.from_json` reads it back.

        >>> from valuing_involvement import Assessment, assess_portfolio, example_portfolio
        >>> from valuing_involvement import from_json
        >>> assessment = assess_portfolio(example_portfolio())
        >>> from_json(assessment.to_json(), Assessment) == assessment
        True
        """
        from valuing_involvement.serialization import to_json  # noqa: PLC0415 -- no cycle

        return to_json(self, indent=indent)

    def scorecard(self, *, registry: Registry = RULES) -> Scorecard:
        """Summarise the assessment by guideline (see :mod:`valuing_involvement.scorecard`).

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> assess_portfolio(example_portfolio()).scorecard().row("G4(c)").status.value
        'not met'
        """
        return score(
            self.active,
            subject=self.commissioner,
            on=self.on,
            ruleset=self.ruleset,
            agreements=self.metrics.agreements,
            registry=registry,
            unjudged=self.unjudged,
            unjudged_by_agreement=self.unjudged_by_agreement,
        )

    def statistics(self, *, registry: Registry = RULES) -> Statistics:
        """Count active findings by rule and the agreements each falls on.

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> assess_portfolio(example_portfolio()).statistics().rules[0].code
        'VI302'
        """
        return tally(((agreement_of(f.path), f) for f in self.active), registry=registry)

    def __str__(self) -> str:
        """Render the assessment as text: metrics, then every finding."""
        m = self.metrics
        lines = [
            f"{self.commissioner} (assessed for {self.on.isoformat()}, ruleset {self.ruleset})",
            (
                f"spend {pounds(m.spend_total)} a year ({pounds(m.spend_indirect)} indirect); "
                f"{m.multi_year_agreements} of {m.agreements} agreements multi-year"
            ),
            "groups: " + ", ".join(f"{n} {k}" for k, n in m.groups_by_leadership.items()),
        ]
        lines += render_findings(self.findings, subjects=True)
        lines.append(summary_of(self.counts, bool(self.findings)))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Render the assessment as HTML for notebooks: key metrics, then the findings."""
        caption = f"{self.commissioner}, assessed for {self.on.isoformat()}"
        metrics = field_table(_metric_rows(self.metrics), caption=caption, sections=True)
        table = findings_html(self.findings, caption=summary_of(self.counts, bool(self.findings)))
        return f"<div>{metrics}{table}</div>"


def _add(table: dict[str, decimal.Decimal], key: str, amount: decimal.Decimal) -> None:
    table[key] = table.get(key, _ZERO) + amount


def _metrics(
    portfolio: Portfolio,
    funded: tuple[tuple[Contract, Group | None], ...],
    classifications: Iterable[Leadership],
) -> Metrics:
    direct = sum((c.amount_per_year for c, _ in funded), _ZERO)
    indirect = sum((i.amount_per_year for i in portfolio.indirect), _ZERO)
    by_constituency: dict[str, decimal.Decimal] = {}
    by_role: dict[str, decimal.Decimal] = {}
    count, spend = 0, _ZERO
    for contract, group in funded:
        amount = contract.amount_per_year
        _add(by_constituency, "unknown" if group is None else group.constituency.value, amount)
        roles = sorted(role.value for role in contract.roles_bought) or ["unspecified"]
        for role in roles:
            _add(by_role, role, amount / len(roles))
        length = contract.months
        if length is not None and length > MULTI_YEAR_MONTHS:
            count += 1
            spend += amount
    leadership = {cls.value: 0 for cls in Leadership}
    for cls in classifications:
        leadership[cls.value] += 1
    # Served as VI322 reads it (Population.serves): by a group for the community or a broader
    # one, or reflecting it.  Each group's names are folded once and each community's lineage
    # found once, not once for every pair.
    served = [
        (g.name, frozenset(community_key(n) for n in (*g.communities, *g.reflects)))
        for g in portfolio.groups
    ]
    population = portfolio.population or Population()
    coverage = tuple(
        CommunityCoverage(
            community=community.name,
            dimension=community.dimension,
            share=community.share,
            served_by=tuple(sorted(name for name, keys in served if not keys.isdisjoint(lineage))),
        )
        for community in population.communities
        for lineage in (population.lineage(community),)
    )
    seats: dict[str, int] = {}
    if portfolio.involvement is not None:
        for seat in portfolio.involvement.seats:
            how = "unknown" if seat.represented_by is None else seat.represented_by.value
            seats[how] = seats.get(how, 0) + 1
    return Metrics(
        spend_total=direct + indirect,
        spend_direct=direct,
        spend_indirect=indirect,
        spend_by_constituency=dict(sorted(by_constituency.items())),
        spend_by_role={k: v.quantize(_PENNY) for k, v in sorted(by_role.items())},
        agreements=len(funded),
        multi_year_agreements=count,
        multi_year_agreement_share=(
            (decimal.Decimal(count) / len(funded)).quantize(_SHARE) if funded else _ZERO
        ),
        multi_year_spend_share=(spend / direct).quantize(_SHARE) if direct else _ZERO,
        groups_by_leadership=leadership,
        coverage=coverage,
        seats_by_representation=dict(sorted(seats.items())),
    )


def _bought_by_group(
    funded: tuple[tuple[Contract, Group | None], ...],
) -> dict[Group, frozenset[Activity]]:
    """What all the agreements with each group buy together.

    An agreement that records no roles may buy anything, so its group's set holds every
    activity: nothing can then be said to go unbought.
    """
    bought: dict[Group, frozenset[Activity]] = {}
    for contract, group in funded:
        if group is not None:
            roles = contract.roles_bought or frozenset(Activity)
            bought[group] = bought.get(group, frozenset()) | roles
    return bought


@in_context
def assess_portfolio(
    portfolio: Portfolio,
    *,
    on: dt.date | None = None,
    policy: Policy | None = None,
    registry: Registry = RULES,
) -> Assessment:
    """Assess a portfolio against every selected rule, and compute its metrics.

    ``on`` is the date of the assessment; by default the earliest start among the agreements,
    or 1 April 2007 for a portfolio with none -- never today's date.  Each agreement is checked
    with :func:`check_contract` against the group it funds, its findings' paths re-rooted
    under ``$.contracts[i]``.

    >>> from valuing_involvement import example_portfolio
    >>> assessment = assess_portfolio(example_portfolio())
    >>> assessment.metrics.spend_total
    Decimal('98000.00')
    >>> [f.code for f in assessment.findings if f.severity.value == "error"]
    ['VI101']
    """
    check_on_date(on)
    resolved = resolved_policy(policy, registry)
    if on is None:
        starts = [c.period.start for c in portfolio.contracts if c.period is not None]
        on = min(starts) if starts else _DEFAULT_ON
    funded = tuple((c, portfolio.group_of(c)) for c in portfolio.contracts)
    classifications = tuple(classify_group(group) for group in portfolio.groups)
    ctx = PortfolioContext(
        portfolio=portfolio,
        on=on,
        parameters=resolved.parameters,
        funded=funded,
        classifications=classifications,
    )
    findings = [
        finding
        for item in resolved.portfolio_rules
        for finding in run(
            [item], ctx, resolved.severities, subject=_portfolio_subject(item.subject, portfolio)
        )
    ]
    unknown = set(unjudged(resolved.portfolio_rules, ctx))
    in_every: set[str] | None = None
    by_agreement: list[tuple[str, ...]] = []
    bought = _bought_by_group(funded)
    for index, (contract, group) in enumerate(funded):
        # What check_contract finds, with the policy resolved once for the portfolio and each
        # finding built at its path in the portfolio (copying each to move it cost a third).
        report = check_resolved(
            contract,
            group,
            on,
            resolved,
            root=f"$.contracts[{index}]",
            group_bought=None if group is None else bought.get(group),
            infrastructure_offered=portfolio.commissioner.infrastructure_offered,
        )
        findings.extend(report.findings)
        in_every = set(report.unjudged) if in_every is None else in_every & set(report.unjudged)
        by_agreement.append(report.unjudged)
    findings.sort(key=Finding.sort_key)
    if in_every is None:  # no agreement: the agreement rules judged nothing
        in_every = {item.code for item in resolved.rules}
    return Assessment(
        unjudged=tuple(sorted(unknown | in_every)),
        unjudged_by_agreement=tuple(by_agreement),
        commissioner=portfolio.commissioner.name,
        on=on,
        ruleset=resolved.version,
        findings=tuple(findings),
        metrics=_metrics(portfolio, funded, (c.leadership for c in classifications)),
        agreements=tuple(c.reference for c in portfolio.contracts),
        commitments=commitments(portfolio),
    )


def _portfolio_subject(subject: Subject, portfolio: Portfolio) -> str:
    name = portfolio.commissioner.name
    if subject is Subject.COMMISSIONER:
        return name
    return f"{name} {subject.value}"


_DEFAULT_ON = dt.date(2007, 4, 1)


#: Names that moved to their own module, still importable from here.  Looked up when first
#: used (PEP 562): the comparison reads assessments, so this module cannot import it first.
_MOVED = {
    "Comparison": "valuing_involvement.comparison",
    "compare": "valuing_involvement.comparison",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 -- whatever the moved name is
    if name in _MOVED:
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

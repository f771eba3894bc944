"""Assess a whole portfolio: every rule on every subject, and the metrics a commissioner needs.

:func:`assess_portfolio` runs the commissioner-, strategy-, involvement- and portfolio-level
rules and checks each agreement, re-rooting the agreements' finding paths under
``$.contracts[i]`` so every finding points into the portfolio document.  :func:`compare` sets
two assessments side by side for scenario work.
"""

from __future__ import annotations

import datetime as dt
import decimal
import html
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from valuing_involvement._bounds import in_context
from valuing_involvement._frozen import frozen_dict
from valuing_involvement.checking import Policy, check_contract
from valuing_involvement.classification import classify_group
from valuing_involvement.commissioners import Population
from valuing_involvement.contracts import Contract
from valuing_involvement.groups import Group, Leadership
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.reports import (
    FindingsSummary,
    _summary_of,
    findings_html,
    render_findings,
)
from valuing_involvement.rules import RULES, Finding, PortfolioContext, Registry, run
from valuing_involvement.scorecard import Scorecard, Statistics, agreement_of, score, tally

__all__ = [
    "Assessment",
    "CommunityCoverage",
    "Comparison",
    "Metrics",
    "assess_portfolio",
    "compare",
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


@attrs.frozen(kw_only=True)
class Assessment(FindingsSummary):
    """Everything :func:`assess_portfolio` found, with the metrics, for one date and ruleset."""

    commissioner: str
    on: dt.date
    ruleset: str
    findings: tuple[Finding, ...]
    metrics: Metrics

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
        )

    def statistics(self, *, registry: Registry = RULES) -> Statistics:
        """Count active findings by rule and the agreements each falls on.

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> assess_portfolio(example_portfolio()).statistics().rules[0].code
        'VI201'
        """
        return tally(((agreement_of(f.path), f) for f in self.active), registry=registry)

    def __str__(self) -> str:
        """Render the assessment as text: metrics, then every finding."""
        m = self.metrics
        lines = [
            f"{self.commissioner} (assessed for {self.on.isoformat()}, ruleset {self.ruleset})",
            (
                f"spend £{m.spend_total:,} a year (£{m.spend_indirect:,} indirect); "
                f"{m.multi_year_agreements} of {m.agreements} agreements multi-year"
            ),
            "groups: " + ", ".join(f"{n} {k}" for k, n in m.groups_by_leadership.items()),
        ]
        lines += render_findings(self.findings)
        lines.append(_summary_of(self.counts, bool(self.findings)))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Render the assessment as HTML for notebooks: key metrics, then the findings."""
        metrics = "".join(
            f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
            for k, v in self.metrics.summary().items()
        )
        caption = html.escape(f"{self.commissioner}, assessed for {self.on.isoformat()}")
        table = findings_html(self.findings, caption=_summary_of(self.counts, bool(self.findings)))
        return (
            f"<div><table><caption>{caption}</caption><tbody>{metrics}</tbody></table>{table}</div>"
        )


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
        if contract.period.months > MULTI_YEAR_MONTHS:
            count += 1
            spend += amount
    leadership = {cls.value: 0 for cls in Leadership}
    for cls in classifications:
        leadership[cls.value] += 1
    # Served as VI322 reads it: by a group for the community or a broader one, or reflecting it.
    served = [(g.name, (*g.communities, *g.reflects)) for g in portfolio.groups]
    population = portfolio.population or Population()
    coverage = tuple(
        CommunityCoverage(
            community=community.name,
            dimension=community.dimension,
            share=community.share,
            served_by=tuple(
                sorted(name for name, names in served if population.serves(community, names))
            ),
        )
        for community in population.communities
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


def _reroot(finding: Finding, index: int) -> Finding:
    return attrs.evolve(finding, path=f"$.contracts[{index}]{finding.path[1:]}")


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
    resolved = (policy or Policy()).resolve(registry)
    if on is None:
        starts = [c.period.start for c in portfolio.contracts]
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
    findings = run(resolved.portfolio_rules, ctx, resolved.severities)
    for index, (contract, group) in enumerate(funded):
        report = check_contract(contract, group=group, on=on, policy=policy, registry=registry)
        findings.extend(_reroot(finding, index) for finding in report.findings)
    findings.sort(key=Finding.sort_key)
    return Assessment(
        commissioner=portfolio.commissioner.name,
        on=on,
        ruleset=resolved.version,
        findings=tuple(findings),
        metrics=_metrics(portfolio, funded, (c.leadership for c in classifications)),
    )


_DEFAULT_ON = dt.date(2007, 4, 1)


@attrs.frozen(kw_only=True)
class Comparison:
    """What changed between two assessments: findings added and resolved, metrics changed."""

    added: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    metrics: Mapping[str, tuple[Any, Any]] = attrs.field(hash=False)

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.added or self.resolved or self.metrics)

    def __str__(self) -> str:
        """Render the comparison as text."""
        lines = [f"+ {f.code} {f.path}: {f.message}" for f in self.added]
        lines += [f"- {f.code} {f.path}: {f.message}" for f in self.resolved]
        lines += [
            f"~ {name}: {before} -> {after}" for name, (before, after) in self.metrics.items()
        ]
        return "\n".join(lines) or "no change"


def _key(finding: Finding) -> tuple[str, str, str, bool]:
    return (finding.code, finding.path, finding.message, finding.waived)


def compare(
    before: Portfolio | Assessment, after: Portfolio | Assessment, *, on: dt.date | None = None
) -> Comparison:
    """Compare two portfolios (or their assessments): findings added, resolved, metrics changed.

    Findings match on code, path, message and waiver state.  Portfolios are assessed with the
    default policy on ``on`` (by default, each portfolio's own default date).

    >>> import attrs
    >>> from valuing_involvement import example_portfolio
    >>> portfolio = example_portfolio()
    >>> compare(portfolio, portfolio).empty
    True
    >>> fewer = attrs.evolve(portfolio, indirect=())
    >>> [f.code for f in compare(portfolio, fewer).resolved]
    ['VI330']
    """
    first = before if isinstance(before, Assessment) else assess_portfolio(before, on=on)
    second = after if isinstance(after, Assessment) else assess_portfolio(after, on=on)
    old, new = {_key(f): f for f in first.findings}, {_key(f): f for f in second.findings}
    old_metrics, new_metrics = first.metrics.summary(), second.metrics.summary()
    changed = {
        name: (old_metrics.get(name), new_metrics.get(name))
        for name in sorted(old_metrics.keys() | new_metrics.keys())
        if old_metrics.get(name) != new_metrics.get(name)
    }
    return Comparison(
        added=tuple(f for k, f in new.items() if k not in old),
        resolved=tuple(f for k, f in old.items() if k not in new),
        metrics=changed,
    )

"""Findings counted by rule, most frequent first, as ruff's ``--statistics`` does.

:func:`rule_statistics` counts the active findings of an assessment or of reports by rule,
with the number of agreements each falls on; :func:`tally` counts findings already tagged
with their subject.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import attrs

from valuing_involvement._agreement_paths import WHOLE
from valuing_involvement._optional import pandas
from valuing_involvement.rules import RULES, Finding, Registry, Severity

__all__ = ["Countable", "RuleCount", "Statistics", "rule_statistics", "tally"]


@attrs.frozen(kw_only=True)
class RuleCount:
    """How often one rule fired: active findings and the agreements they fall on."""

    code: str
    name: str
    severity: Severity
    count: int
    agreements: int


@attrs.frozen(kw_only=True)
class Statistics:
    """Active findings grouped by rule, most frequent first, ties by code."""

    rules: tuple[RuleCount, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per rule.

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> rule_statistics(assess_portfolio(example_portfolio())).to_records()[0]
        {'code': 'VI302', 'name': 'under-three-years', 'severity': 'advice', 'count': 2, ...}
        """
        return [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "count": r.count,
                "agreements": r.agreements,
            }
            for r in self.rules
        ]

    def to_frame(self) -> Any:  # noqa: ANN401 -- pandas is optional
        """Return the counts as a pandas DataFrame (needs the ``pandas`` extra).

        >>> from valuing_involvement import assess_portfolio, example_portfolio
        >>> rule_statistics(assess_portfolio(example_portfolio())).to_frame()["count"].sum()
        np.int64(38)
        """
        return pandas().DataFrame.from_records(
            self.to_records(), columns=["code", "name", "severity", "count", "agreements"]
        )

    def __str__(self) -> str:
        """Render the counts as aligned text, one rule a line."""
        if not self.rules:
            return "no findings"
        width = max(len(r.name) for r in self.rules)
        digits = max(len(str(r.count)) for r in self.rules)
        return "\n".join(
            f"{r.count:>{digits}}  {r.code}  {r.name:<{width}}  {r.severity.value:<7}  "
            + _agreements(r.agreements)
            for r in self.rules
        )


def _agreements(count: int) -> str:
    return f"{count} agreement{'s' if count != 1 else ''}" if count else "-"


def rule_statistics(
    source: Countable | Iterable[Countable], *, registry: Registry = RULES
) -> Statistics:
    """Count active findings by rule, with the number of agreements each falls on.

    ``source`` is an assessment (agreements told apart by ``$.contracts[i]``; findings about
    the whole count towards no agreement), one report, or several reports (one agreement each).
    Waived findings are not counted.

    >>> from valuing_involvement import check_contracts, example_contracts
    >>> print(rule_statistics(check_contracts(example_contracts())))
    2  VI401  heavy-reporting                advice   2 agreements
    2  VI412  outputs-only                   advice   2 agreements
    1  VI101  funded-as-led-but-neither      error    1 agreement
    ...
    """
    if isinstance(source, Iterable):
        tagged = ((str(i), f) for i, report in enumerate(source) for f in report.active)
        return tally(tagged, registry=registry)
    return source.statistics(registry=registry)


def tally(tagged: Iterable[tuple[str, Finding]], *, registry: Registry = RULES) -> Statistics:
    """Count findings by rule, each tagged with the subject it falls on (``whole`` for none).

    >>> tally([]).rules
    ()
    """
    counts: dict[str, int] = {}
    places: dict[str, set[str]] = {}
    first: dict[str, Finding] = {}
    for subject, finding in tagged:
        counts[finding.code] = counts.get(finding.code, 0) + 1
        first.setdefault(finding.code, finding)
        if subject != WHOLE:
            places.setdefault(finding.code, set()).add(subject)
    rows = [
        RuleCount(
            code=code,
            name=registry[code].name if code in registry else first[code].name,
            severity=first[code].severity,
            count=count,
            agreements=len(places.get(code, ())),
        )
        for code, count in counts.items()
    ]
    rows.sort(key=lambda r: (-r.count, r.code))
    return Statistics(rules=tuple(rows))


class Countable(Protocol):
    """What :func:`rule_statistics` reads: a report or an assessment."""

    @property
    def active(self) -> tuple[Finding, ...]:
        """The findings not waived."""
        ...  # pragma: no cover - a protocol

    def statistics(self, *, registry: Registry = ...) -> Statistics:
        """Count the active findings by rule."""
        ...  # pragma: no cover - a protocol

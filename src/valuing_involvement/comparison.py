"""Compare two scenarios: findings added, resolved and changed, figures and money committed.

:func:`compare` sets two portfolios (or their assessments) side by side for scenario work,
matching agreements by their ``reference``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import html
from collections.abc import Mapping
from typing import Any

import attrs

from valuing_involvement._agreement_paths import AGREEMENT
from valuing_involvement._frozen import frozen_dict
from valuing_involvement._html import table as html_table
from valuing_involvement._metric_words import metric_label, metric_value
from valuing_involvement._money import pounds, signed
from valuing_involvement.assessment import Assessment, Commitments, assess_portfolio
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.rules import Finding

__all__ = ["Comparison", "compare"]

_ZERO = decimal.Decimal(0)


@attrs.frozen(kw_only=True)
class Comparison:
    """What changed between two scenarios: findings, metrics and the money committed.

    Findings are matched by rule, by the agreement they fall on (its ``reference``, never its
    position in the list) and by the path within it.  ``added`` and ``resolved`` hold findings
    found on one side only; ``changed`` holds ``(before, after)`` pairs of the same finding
    whose message, evidence, severity or waiver differ.  ``metrics`` maps each changed figure
    to ``(before, after)``.  ``spend_by_year`` maps every financial year either scenario commits
    money in to ``(before, after)``; ``spend_total`` is the same over the agreements' whole terms.
    """

    added: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    changed: tuple[tuple[Finding, Finding], ...] = ()
    metrics: Mapping[str, tuple[Any, Any]] = attrs.field(
        factory=dict, converter=frozen_dict, hash=False
    )
    spend_by_year: Mapping[str, tuple[decimal.Decimal, decimal.Decimal]] = attrs.field(
        factory=dict, converter=frozen_dict, hash=False
    )
    spend_total: tuple[decimal.Decimal, decimal.Decimal] = (_ZERO, _ZERO)

    @property
    def empty(self) -> bool:
        """Whether nothing changed: no finding, figure or year's spend differs."""
        return not (
            self.added
            or self.resolved
            or self.changed
            or self.metrics
            or any(a != b for a, b in self.spend_by_year.values())
            or self.spend_total[0] != self.spend_total[1]
        )

    @property
    def spend_difference(self) -> dict[str, decimal.Decimal]:
        """After minus before, for each financial year and for ``"total"``."""
        table = {year: after - before for year, (before, after) in self.spend_by_year.items()}
        table["total"] = self.spend_total[1] - self.spend_total[0]
        return table

    def __str__(self) -> str:
        """Render the comparison as text: findings, then spend by year, then other figures."""
        if self.empty:
            return "no change"
        counts = f"{len(self.added)} added, {len(self.resolved)} resolved"
        lines = [f"findings: {counts}, {len(self.changed)} changed"]
        lines += [f"+ {_finding_line(f)}" for f in self.added]
        lines += [f"- {_finding_line(f)}" for f in self.resolved]
        for old, new in self.changed:
            lines.append(f"~ {_finding_line(new)}")
            lines.append(f"    was: {old.severity.value} {old.message}")
        lines.append("committed spend by financial year (before -> after, difference):")
        rows = [*self.spend_by_year.items(), ("total", self.spend_total)]
        lines += [
            f"  {year:<8} {pounds(before):>12} -> {pounds(after):>12}  {signed(after - before)}"
            for year, (before, after) in rows
        ]
        if self.metrics:
            lines.append("figures changed:")
            lines += [
                f"  {metric_label(name)}: {metric_value(name, a)} -> {metric_value(name, b)}"
                for name, (a, b) in self.metrics.items()
            ]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """Return every change as a plain dict: findings, then spend by year, then figures.

        Each record has ``change`` (``added``, ``resolved``, ``changed``, ``spend`` or
        ``figure``), ``code``, ``subject``, ``path``, ``item`` (a message, year or figure name),
        ``before`` and ``after``.

        >>> from valuing_involvement import example_portfolio
        >>> portfolio = example_portfolio()
        >>> compare(portfolio, portfolio).to_records()[0]["item"]
        '2007-08'
        """
        records: list[dict[str, Any]] = []
        for kind, findings in (("added", self.added), ("resolved", self.resolved)):
            records += [
                {
                    "change": kind,
                    "code": f.code,
                    "subject": f.subject,
                    "path": f.path,
                    "item": f.message,
                    "before": None if kind == "added" else f.severity.value,
                    "after": f.severity.value if kind == "added" else None,
                }
                for f in findings
            ]
        records += [
            {
                "change": "changed",
                "code": new.code,
                "subject": new.subject,
                "path": new.path,
                "item": new.message,
                "before": old.message,
                "after": new.message,
            }
            for old, new in self.changed
        ]
        rows = [*self.spend_by_year.items(), ("total", self.spend_total)]
        records += [_plain("spend", year, before, after) for year, (before, after) in rows]
        records += [_plain("figure", name, a, b) for name, (a, b) in self.metrics.items()]
        return records

    def to_frame(self) -> Any:  # noqa: ANN401 -- pandas is optional, so its type is not importable
        """Return :meth:`to_records` as a pandas DataFrame.

        >>> from valuing_involvement import example_portfolio
        >>> list(compare(example_portfolio(), example_portfolio()).to_frame().columns)[:3]
        ['change', 'code', 'subject']
        """
        try:
            import pandas as pd  # noqa: PLC0415 -- optional, imported only when asked for
        except ImportError as exc:  # pragma: no cover - depends on the environment
            msg = 'dataframes need pandas: pip install "valuing-involvement[pandas]"'
            raise ImportError(msg) from exc
        return pd.DataFrame.from_records(self.to_records(), columns=list(_COMPARISON_COLUMNS))

    def _repr_html_(self) -> str:
        """Render the comparison as HTML for notebooks: findings, spend by year, other figures.

        >>> from valuing_involvement import example_portfolio
        >>> import attrs
        >>> portfolio = example_portfolio()
        >>> page = compare(portfolio, attrs.evolve(portfolio, indirect=()))._repr_html_()
        >>> page.count("<table>"), "<td>Spend a year, in all</td>" in page
        (3, True)
        """
        parts = [f"<div><p>{html.escape(str(self).splitlines()[0])}</p>"]
        findings = [
            *(("added", f, None) for f in self.added),
            *(("resolved", f, None) for f in self.resolved),
            *(("changed", new, old) for old, new in self.changed),
        ]
        if findings:
            parts.append(
                html_table(
                    ("change", "code", "severity", "subject", "where", "finding", "was"),
                    (
                        (
                            kind,
                            f.code,
                            f.severity.value,
                            f.subject,
                            f.path,
                            f.message,
                            None if old is None else f"{old.severity.value}: {old.message}",
                        )
                        for kind, f, old in sorted(
                            findings, key=lambda row: (row[1].sort_key(), row[0])
                        )
                    ),
                    caption="Findings",
                )
            )
        rows = [*self.spend_by_year.items(), ("total", self.spend_total)]
        parts.append(
            html_table(
                ("financial year", "before", "after", "difference"),
                (
                    (year, pounds(before), pounds(after), signed(after - before))
                    for year, (before, after) in rows
                ),
                caption="Committed spend",
            )
        )
        if self.metrics:
            parts.append(
                html_table(
                    ("figure", "before", "after"),
                    (
                        (metric_label(name), metric_value(name, a), metric_value(name, b))
                        for name, (a, b) in self.metrics.items()
                    ),
                    caption="Other figures",
                )
            )
        parts.append("</div>")
        return "".join(parts)


_COMPARISON_COLUMNS = ("change", "code", "subject", "path", "item", "before", "after")


def _plain(kind: str, item: str, before: object, after: object) -> dict[str, Any]:
    return {
        "change": kind,
        "code": None,
        "subject": None,
        "path": None,
        "item": item,
        "before": before,
        "after": after,
    }


def _finding_line(finding: Finding) -> str:
    about = f" [{finding.subject}]" if finding.subject else ""
    return f"{finding.code} {finding.severity.value}{about} {finding.path}: {finding.message}"


def _identities(assessment: Assessment, side: str) -> tuple[str, ...]:
    """Each agreement's reference by position, refusing what cannot be matched by identity."""
    references = assessment.agreements
    if len(references) != assessment.metrics.agreements:
        raise InvalidInput(
            [
                Problem(
                    location=("contracts",),
                    code="missing",
                    message=f"the {side} assessment "
                    "does not record its agreements' references; assess the portfolio again",
                )
            ],
            target="comparison",
        )
    problems = []
    first: dict[str, int] = {}
    for index, reference in enumerate(references):
        where = ("contracts", index, "reference")
        if reference is None:
            problems.append(
                Problem(
                    location=where,
                    code="missing",
                    message=f"{side}: this agreement has no "
                    "reference, and agreements are compared by reference",
                )
            )
        elif reference in first:
            problems.append(
                Problem(
                    location=where,
                    code="invalid",
                    message=f"{side}: reference "
                    f"{reference!r} repeats $.contracts[{first[reference]}]",
                )
            )
        else:
            first[reference] = index
    if problems:
        raise InvalidInput(problems, target="comparison")
    return tuple(r for r in references if r is not None)


def _by_identity(assessment: Assessment, side: str) -> dict[tuple[str, str], list[Finding]]:
    references = _identities(assessment, side)
    table: dict[tuple[str, str], list[Finding]] = {}
    for finding in assessment.findings:
        path = AGREEMENT.sub(lambda m: f"$.contracts[{references[int(m[1])]!r}]", finding.path)
        table.setdefault((finding.code, path), []).append(finding)
    return table


def _same(old: Finding, new: Finding) -> bool:
    return attrs.evolve(old, path=new.path) == new


def compare(
    before: Portfolio | Assessment, after: Portfolio | Assessment, *, on: dt.date | None = None
) -> Comparison:
    """Compare two scenarios (portfolios or their assessments): findings, figures and spend.

    Agreements are matched by their ``reference``, never by their place in the list, so
    reordering agreements changes nothing and dropping one reports only its own findings.
    An agreement without a reference, or two sharing one, cannot be matched: the comparison
    is refused with an :class:`~valuing_involvement.errors.InvalidInput` naming their paths.
    A finding present on both sides with a different message, evidence, severity or waiver
    is *changed*, reported with both versions.  Portfolios are assessed with the default policy
    on ``on`` (by default, each portfolio's own default date).

    >>> import attrs
    >>> from valuing_involvement import example_portfolio
    >>> portfolio = example_portfolio()
    >>> compare(portfolio, portfolio).empty
    True
    >>> compare(portfolio, attrs.evolve(portfolio, contracts=portfolio.contracts[::-1])).empty
    True
    >>> fewer = attrs.evolve(portfolio, indirect=())
    >>> [f.code for f in compare(portfolio, fewer).resolved]
    ['VI330']
    """
    first = before if isinstance(before, Assessment) else assess_portfolio(before, on=on)
    second = after if isinstance(after, Assessment) else assess_portfolio(after, on=on)
    old, new = _by_identity(first, "before"), _by_identity(second, "after")
    added: list[Finding] = []
    resolved: list[Finding] = []
    changed: list[tuple[Finding, Finding]] = []
    for key in sorted(old.keys() | new.keys()):
        olds, news = old.get(key, []), new.get(key, [])
        # Exact matches first; what is left pairs up in order as changed findings.
        unmatched_new = list(news)
        left_old = []
        for finding in olds:
            twin = next((f for f in unmatched_new if _same(finding, f)), None)
            if twin is None:
                left_old.append(finding)
            else:
                unmatched_new.remove(twin)
        pairs = min(len(left_old), len(unmatched_new))
        changed += zip(left_old[:pairs], unmatched_new[:pairs], strict=True)
        resolved += left_old[pairs:]
        added += unmatched_new[pairs:]
    old_metrics, new_metrics = first.metrics.summary(), second.metrics.summary()
    figures = {
        name: (old_metrics.get(name), new_metrics.get(name))
        for name in sorted(old_metrics.keys() | new_metrics.keys())
        if old_metrics.get(name) != new_metrics.get(name)
    }
    old_spend, new_spend = _spend(first), _spend(second)
    by_year = {
        year: (old_spend.by_year.get(year, _ZERO), new_spend.by_year.get(year, _ZERO))
        for year in sorted(old_spend.by_year.keys() | new_spend.by_year.keys())
    }
    return Comparison(
        added=tuple(sorted(added, key=Finding.sort_key)),
        resolved=tuple(sorted(resolved, key=Finding.sort_key)),
        changed=tuple(sorted(changed, key=lambda pair: pair[1].sort_key())),
        metrics=figures,
        spend_by_year=by_year,
        spend_total=(old_spend.total, new_spend.total),
    )


def _spend(assessment: Assessment) -> Commitments:
    if assessment.commitments is None:
        return Commitments(by_year={}, total=_ZERO, agreements=())
    return assessment.commitments

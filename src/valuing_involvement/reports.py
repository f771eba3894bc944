"""Reports: what a check found, in a stable order, rendered as text, records, JSON or HTML.

Findings themselves are made by the rule kernel (:mod:`valuing_involvement.rules`); this
module only gathers and renders them.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any

import attrs

from valuing_involvement._summary import summary_of
from valuing_involvement.rules import RULES, Finding, Registry, Severity
from valuing_involvement.scorecard import Scorecard, score
from valuing_involvement.statistics import Statistics, tally

__all__ = [
    "FindingsSummary",
    "Report",
    "finding_records",
    "findings_frame",
    "findings_html",
    "render_findings",
    "render_text",
]


class FindingsSummary:
    """What reports and assessments share: their findings, active or waived, and the counts."""

    __slots__ = ()
    findings: tuple[Finding, ...]

    @property
    def active(self) -> tuple[Finding, ...]:
        """The findings not waived."""
        return tuple(f for f in self.findings if f.waiver is None)

    @property
    def ok(self) -> bool:
        """Whether no finding is left once waivers are applied."""
        return not self.active

    @property
    def counts(self) -> dict[str, int]:
        """Active findings by severity, plus the number waived.

        >>> Report(subject="x", on=dt.date(2007, 4, 1), ruleset="1").counts
        {'error': 0, 'warning': 0, 'advice': 0, 'waived': 0}
        """
        counts = {severity.value: 0 for severity in Severity}
        for finding in self.active:
            counts[finding.severity.value] += 1
        counts["waived"] = len(self.findings) - len(self.active)
        return counts

    def fails(self, threshold: Severity) -> bool:
        """Whether any active finding is at least as severe as ``threshold``.

        >>> from valuing_involvement import check_contract, example_contracts
        >>> report = check_contract(example_contracts()[1])
        >>> report.fails(Severity.ERROR), report.fails(Severity.WARNING)
        (False, True)
        """
        return any(f.severity.rank >= threshold.rank for f in self.active)

    def to_records(self) -> list[dict[str, Any]]:
        """Return the findings as plain dicts, one per finding.

        >>> from valuing_involvement import check_contract, example_contracts
        >>> check_contract(example_contracts()[2]).to_records()[0]["code"]
        'VI101'
        """
        return finding_records(self.findings)

    def to_frame(self) -> Any:  # noqa: ANN401 -- pandas is optional, so its type is not importable
        """Return the findings as a pandas DataFrame (needs the ``pandas`` extra).

        >>> from valuing_involvement import check_contract, example_contracts
        >>> list(check_contract(example_contracts()[2]).to_frame()["severity"])
        ['error', 'advice', 'advice', 'advice', 'advice']
        """
        return findings_frame(self.findings)


@attrs.frozen(kw_only=True)
class Report(FindingsSummary):
    """The findings of one check, in a stable order, with the date and ruleset they rest on.

    ``ok`` is true when nothing is left to act on: every finding, if any, is waived.
    ``unjudged`` names the rules that could not judge the agreement because every fact they
    read is unrecorded (see :func:`~valuing_involvement.rules.unjudged`).
    """

    subject: str
    on: dt.date
    ruleset: str
    findings: tuple[Finding, ...] = ()
    unjudged: tuple[str, ...] = ()

    def to_json(self, *, indent: int | None = None) -> str:
        """Return the report as JSON; :func:`~valuing_involvement.from_json` reads it back equal.

        >>> Report(subject="SLA 12", on=dt.date(2007, 4, 1), ruleset="2026.11").to_json()[:65]
        '{"subject": "SLA 12", "on": "2007-04-01", "ruleset": "2026.11", "'
        """
        from valuing_involvement.serialization import to_json  # noqa: PLC0415 -- no cycle

        return to_json(self, indent=indent)

    def scorecard(self, *, registry: Registry = RULES) -> Scorecard:
        """Summarise the agreement by guideline, on the agreement rules alone.

        >>> from valuing_involvement import check_contract, example_contracts
        >>> check_contract(example_contracts()[2]).scorecard().row("G1(b)").status.value
        'not met'
        """
        return score(
            self.active,
            subject=self.subject,
            on=self.on,
            ruleset=self.ruleset,
            agreements=None,
            unjudged=self.unjudged,
            registry=registry,
        )

    def statistics(self, *, registry: Registry = RULES) -> Statistics:
        """Count the report's active findings by rule, as ``rule_statistics`` does.

        >>> from valuing_involvement import check_contract, example_contracts
        >>> check_contract(example_contracts()[2]).statistics().rules[0].code
        'VI101'
        """
        return tally((("0", f) for f in self.active), registry=registry)

    def __str__(self) -> str:
        """Render the report as text (see :func:`render_text`)."""
        return render_text(self)

    def _repr_html_(self) -> str:
        """Render the report as an HTML table for notebooks."""
        caption = f"{self.subject}, checked for {self.on.isoformat()}: {_summary(self)}"
        return findings_html(self.findings, caption=caption)


_RECORD_COLUMNS = (
    *("code", "name", "severity", "subject", "path", "message"),
    *("citations", "remedy", "waived", "evidence"),
)


def finding_records(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Return findings as plain dicts, one per finding, for tables and dataframes.

    >>> finding_records([])
    []
    """
    return [
        {
            "code": f.code,
            "name": f.name,
            "severity": f.severity.value,
            "subject": f.subject,
            "path": f.path,
            "message": f.message,
            "citations": ", ".join(f.citations),
            "remedy": f.remedy,
            "waived": f.waived,
            "evidence": dict(f.evidence),
        }
        for f in findings
    ]


def findings_frame(findings: Iterable[Finding]) -> Any:  # noqa: ANN401 -- pandas is optional
    """Return findings as a pandas DataFrame; pandas is imported only here.

    >>> findings_frame([]).shape
    (0, 10)
    """
    try:
        import pandas as pd  # noqa: PLC0415 -- optional, imported only when asked for
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = 'dataframes need pandas: pip install "valuing-involvement[pandas]"'
        raise ImportError(msg) from exc
    return pd.DataFrame.from_records(finding_records(findings), columns=list(_RECORD_COLUMNS))


_HTML_COLUMNS = ("code", "severity", "subject", "where", "finding", "cites", "remedy")


def findings_html(findings: Iterable[Finding], *, caption: str) -> str:
    """Render findings as an HTML table, every cell escaped.

    >>> findings_html([], caption="<none>")
    '<table><caption>&lt;none&gt;</caption><thead><tr><th>code</th>...</thead><tbody></tbody></table>'
    """
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(cell)}</td>"
            for cell in (
                f.code,
                f.severity.value + (" (waived)" if f.waived else ""),
                f.subject or "",
                f.path,
                f.message,
                ", ".join(f.citations),
                f.remedy,
            )
        )
        + "</tr>"
        for f in findings
    )
    head = "".join(f"<th>{name}</th>" for name in _HTML_COLUMNS)
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _summary(report: Report) -> str:
    return summary_of(report.counts, bool(report.findings))


def render_findings(findings: Iterable[Finding], *, subjects: bool = False) -> list[str]:
    """Render findings as text lines: what, where and why, then the fix and any waiver.

    With ``subjects``, each line names the finding's subject (the agreement, the commissioner)
    before its path, as an assessment of many agreements needs.

    >>> render_findings([])
    []
    """
    lines = []
    for finding in findings:
        waived = " (waived)" if finding.waived else ""
        about = f"{finding.subject} " if subjects and finding.subject else ""
        lines.append(
            f"{finding.code} {finding.severity.value}{waived} {about}{finding.path}: "
            f"{finding.message} "
            f"[{', '.join(finding.citations)}]"
        )
        lines.append(f"  fix: {finding.remedy}")
        if finding.waiver is not None:
            lines.append(f"  waived by {finding.waiver.agreed_by}: {finding.waiver.reason}")
    return lines


def render_text(report: Report) -> str:
    """Render a report as text: one block per finding, then a summary line.

    >>> print(render_text(Report(subject="SLA 12", on=dt.date(2007, 4, 1), ruleset="2026.11")))
    SLA 12 (checked for 2007-04-01, ruleset 2026.11)
    no findings
    """
    lines = [f"{report.subject} (checked for {report.on.isoformat()}, ruleset {report.ruleset})"]
    # One agreement's report names its subject once; a package of many grants names each.
    lines += render_findings(
        report.findings, subjects=len({f.subject for f in report.findings}) > 1
    )
    lines.append(_summary(report))
    return "\n".join(lines)

"""How counts of findings read in one line (private): reports, assessments and the demo.

The counts are a report's or an assessment's ``counts``: one entry per severity, and
``waived``.
"""

from __future__ import annotations

from valuing_involvement.rules import Severity

__all__ = ["plural", "summary_of"]


def summary_of(counts: dict[str, int], any_findings: bool) -> str:
    """Counts of findings by severity, and of those waived, in words.

    >>> summary_of({"error": 1, "warning": 0, "advice": 3, "waived": 2}, True)
    '1 error, 3 advice, 2 waived'
    >>> summary_of({"error": 0, "warning": 0, "advice": 0, "waived": 0}, False)
    'no findings'
    """
    if not any_findings:
        return "no findings"
    parts = [plural(counts[s.value], s.value) for s in Severity if counts[s.value]]
    if counts["waived"]:
        parts.append(f"{counts['waived']} waived")
    return ", ".join(parts)


def plural(count: int, noun: str) -> str:
    """A count and its noun: ``1 error``, ``2 warnings``; ``advice`` has no plural."""
    return f"{count} {noun}" if count == 1 or noun == "advice" else f"{count} {noun}s"

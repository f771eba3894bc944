"""Check a 360Giving package's quality with the VI6 rules: :func:`quality_report` (private)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterable, Mapping
from typing import Any

from valuing_involvement._seen import SPILL_AFTER
from valuing_involvement.policy import Policy, ResolvedPolicy
from valuing_involvement.reports import Report
from valuing_involvement.rules import RULES, Finding, GrantContext, Registry, run
from valuing_involvement.rules._contexts import GrantsSeen

__all__ = ["iter_quality", "quality_group", "quality_report"]

_GROUPS = {"VI60": "validity", "VI61": "accuracy", "VI62": "usefulness"}


def quality_group(finding: Finding) -> str:
    """The 360Giving quality group of a quality finding: validity, accuracy or usefulness.

    >>> from valuing_involvement import Severity
    >>> quality_group(Finding(code="VI622", name="n", severity=Severity.ADVICE, message="m",
    ...                       citations=("G3(b)",), path="$", remedy="r"))
    'usefulness'
    """
    return _GROUPS[finding.code[:4]]


def iter_quality(
    grants: Iterable[object],
    *,
    on: dt.date,
    policy: Policy | None = None,
    registry: Registry = RULES,
    spill_after: int | None = SPILL_AFTER,
) -> Generator[list[Finding], None, None]:
    """Check grants one at a time (from :func:`iter_grants` or a list): each grant's findings.

    One pass, holding only what the checks that compare grants need (grant ids and funders),
    so a national file is checked in flat memory: past ``spill_after`` ids (and funders) they
    go to a temporary database, removed when the iterator is exhausted or closed (use
    ``contextlib.closing`` if you may stop early; ``None`` keeps them all in memory).  The
    findings are the same for any ``spill_after``.  Yields one list per grant, in file order
    (empty for a clean grant; a grant that is not an object is skipped).

    >>> import datetime as dt
    >>> grant = {"id": "360G-x-1", "title": "T", "description": "T", "amountAwarded": 0}
    >>> [len(found) > 0 for found in iter_quality([grant, grant], on=dt.date(2007, 4, 1))]
    [True, True]
    """
    return _checked(grants, on, (policy or Policy()).resolve(registry), spill_after)


def _checked(
    grants: Iterable[object], on: dt.date, resolved: ResolvedPolicy, spill_after: int | None
) -> Generator[list[Finding], None, None]:
    with GrantsSeen(spill_after=spill_after) as seen:
        for index, grant in enumerate(grants):
            if not isinstance(grant, dict):
                yield []
                continue
            ctx = GrantContext(grant=grant, index=index, on=on, seen=seen)
            grant_id = grant.get("id")
            about = grant_id if isinstance(grant_id, str) and grant_id else f"grant {index}"
            yield run(resolved.grant_rules, ctx, resolved.severities, subject=about)
            seen.add(grant, index)


def quality_report(
    package: Mapping[str, Any],
    *,
    on: dt.date,
    policy: Policy | None = None,
    registry: Registry = RULES,
) -> Report:
    """Check a 360Giving package's grants as 360Giving's quality tool would.

    ``on`` is the date of the check (an award after it is in the future); nothing reads the
    clock.  Findings carry codes ``VI60x`` (validity), ``VI61x`` (accuracy) and ``VI62x``
    (usefulness); :func:`quality_group` names the group.  They belong to the one catalogue, so
    a ``policy`` selects them and sets their severities as it does for every rule.

    >>> import datetime as dt
    >>> report = quality_report({"grants": [{"id": "360G-x-1", "title": "T", "description": "T",
    ...                          "amountAwarded": 0}]}, on=dt.date(2007, 4, 1))
    >>> sorted({f.code for f in report.findings})
    ['VI601', 'VI612', 'VI621', 'VI625', 'VI626', 'VI627', 'VI628']
    """
    resolved = (policy or Policy()).resolve(registry)
    grants = package.get("grants")
    findings: list[Finding] = []
    every = grants if isinstance(grants, list) else []
    for batch in _checked(every, on, resolved, None):  # the package is in memory already
        findings += batch
    count = len(every)
    findings.sort(key=Finding.sort_key)
    return Report(
        subject=f"360Giving package ({count} grants)",
        on=on,
        ruleset=resolved.version,
        findings=tuple(findings),
    )

"""Check a 360Giving package's quality with the VI6 rules: :func:`quality_report` (private)."""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Generator, Iterable, Mapping
from typing import Any

from valuing_involvement._seen import SPILL_AFTER
from valuing_involvement.checking import check_on_date
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.policy import Policy, ResolvedPolicy
from valuing_involvement.reports import Report
from valuing_involvement.rules import RULES, Finding, GrantContext, Registry, run
from valuing_involvement.rules._contexts import GrantsSeen
from valuing_involvement.threesixty._import import grants_array

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
    (empty for a clean grant; a grant that is not an object gets ``VI603`` alone).  An ``on``
    that is no date raises :class:`~valuing_involvement.errors.InvalidInput` at once.

    >>> import datetime as dt
    >>> grant = {"id": "360G-x-1", "title": "T", "description": "T", "amountAwarded": 0}
    >>> [len(found) > 0 for found in iter_quality([grant, grant], on=dt.date(2007, 4, 1))]
    [True, True]
    """
    _date_of_check(on)  # refused now, not when the first grant is checked
    return _checked(grants, on, (policy or Policy()).resolve(registry), spill_after)


def _date_of_check(on: object) -> None:
    """Refuse a date of check that is no ``datetime.date`` (a rule would fail comparing it)."""
    if on is None:
        problem = Problem(location=("on",), code="missing", message="expected a date")
        raise InvalidInput([problem], target="check")
    check_on_date(on)


#: Our bound: a whole number longer than this many bits (about 4,000 digits) is shown as its
#: size, as Python refuses to write out an integer past 4,300 digits.
_MOST_BITS = 13_000


class _NoJson:
    """A value no JSON document can hold, shown by its text (``NaN``); of no JSON type."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _NoJson) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def _as_json(value: Any) -> Any:
    """``value`` with the numbers JSON cannot hold swapped for a value of no JSON type.

    A grant from Python can hold what no JSON file can: ``NaN`` and infinities (float or
    Decimal) and integers too long to write.  Each becomes a :class:`_NoJson` showing its
    text, so the schema check reports it as of the wrong type wherever it stands, instead of
    a rule crashing on it or NaN passing every comparison.  The value itself is returned when
    there is nothing to change.

    >>> _as_json({"amountAwarded": float("nan"), "plannedDates": [{"duration": 12}]})
    {'amountAwarded': NaN, 'plannedDates': [{'duration': 12}]}
    """
    if isinstance(value, dict):
        copy = None
        for key, item in value.items():
            if type(item) is str:  # most values: nothing to do, and no call
                continue
            new = _as_json(item)
            if new is not item:
                copy = copy if copy is not None else dict(value)
                copy[key] = new
        return value if copy is None else copy
    if isinstance(value, list):
        items = None
        for at, item in enumerate(value):
            if type(item) is str:
                continue
            new = _as_json(item)
            if new is not item:
                items = items if items is not None else list(value)
                items[at] = new
        return value if items is None else items
    return _scalar(value)


def _scalar(value: object) -> object:
    if isinstance(value, float):
        return value if math.isfinite(value) else _NoJson(str(decimal.Decimal(value)))
    if isinstance(value, decimal.Decimal) and not value.is_finite():
        return _NoJson(str(value))  # NaN, sNaN, Infinity, -Infinity
    if isinstance(value, int) and value.bit_length() > _MOST_BITS:
        digits = int(value.bit_length() * math.log10(2))
        return _NoJson(f"<a whole number of about {digits:,} digits>")
    return value


def _checked(
    grants: Iterable[object], on: dt.date, resolved: ResolvedPolicy, spill_after: int | None
) -> Generator[list[Finding], None, None]:
    only_schema = [rule for rule in resolved.grant_rules if rule.code == "VI603"]
    with GrantsSeen(spill_after=spill_after) as seen:
        for index, grant in enumerate(grants):
            if not isinstance(grant, dict):  # no other check can read it: the schema's says so
                ctx = GrantContext(grant=_as_json(grant), index=index, on=on, seen=seen)
                yield run(only_schema, ctx, resolved.severities, subject=f"grant {index}")
                continue
            grant = _as_json(grant)  # noqa: PLW2901 -- the grant as the checks may read it
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
    clock; a package with no grants array, or an ``on`` that is no date, raises
    :class:`~valuing_involvement.errors.InvalidInput`.  Findings carry codes ``VI60x``
    (validity), ``VI61x`` (accuracy) and ``VI62x`` (usefulness); :func:`quality_group` names
    the group.  They belong to the one catalogue, so
    a ``policy`` selects them and sets their severities as it does for every rule.

    >>> import datetime as dt
    >>> report = quality_report({"grants": [{"id": "360G-x-1", "title": "T", "description": "T",
    ...                          "amountAwarded": 0}]}, on=dt.date(2007, 4, 1))
    >>> sorted({f.code for f in report.findings})
    ['VI601', 'VI612', 'VI621', 'VI625', 'VI626', 'VI627', 'VI628']
    """
    _date_of_check(on)
    every = grants_array(package)
    resolved = (policy or Policy()).resolve(registry)
    findings: list[Finding] = []
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

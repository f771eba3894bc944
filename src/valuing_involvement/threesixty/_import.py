"""Read a 360Giving package back into agreements: :func:`import_package` (private module).

Each reader below takes the grant's location (a tuple of keys and indices) and raises an
:class:`~valuing_involvement.InvalidDocument` with one :class:`~valuing_involvement.Problem`
for the first thing wrong with its field; :func:`import_package` gathers them, grant by grant.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any

from valuing_involvement.contracts import AgreementKind, Contract
from valuing_involvement.errors import Location, Problem
from valuing_involvement.funding import FundingPeriod
from valuing_involvement.groups import Constituency, Group, Leadership
from valuing_involvement.orgids import OrgList, _bare
from valuing_involvement.serialization import InvalidDocument
from valuing_involvement.threesixty._orgids import parse_org_id
from valuing_involvement.threesixty._vocabulary import (
    CONSTITUENCY_VOCABULARY,
    LEADERSHIP_VOCABULARY,
)

__all__ = ["import_package"]

_PENNY = decimal.Decimal("0.01")
_TARGET = "360Giving package"


def _bad(location: Location, code: str, message: str) -> InvalidDocument:
    return InvalidDocument([Problem(location=location, code=code, message=message)], target=_TARGET)


def _text(grant: Mapping[str, Any], key: str, where: Location) -> str:
    value = grant.get(key)
    if not isinstance(value, str) or not value.strip():
        code = "missing" if value is None else "invalid" if isinstance(value, str) else "wrong-type"
        raise _bad((*where, key), code, "expected a non-empty string")
    return value


def _optional_text(grant: Mapping[str, Any], key: str, where: Location) -> str | None:
    value = grant.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        code = "invalid" if isinstance(value, str) else "wrong-type"
        raise _bad((*where, key), code, "expected a string")
    return value


def _first(grant: Mapping[str, Any], key: str, where: Location) -> Mapping[str, Any]:
    items = grant.get(key)
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        code = "missing" if items is None or items == [] else "wrong-type"
        raise _bad((*where, key), code, "expected an array holding at least one object")
    first: Mapping[str, Any] = items[0]
    return first


def _day(text: str, where: Location) -> dt.date:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise _bad(where, "invalid", f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _optional_day(grant: Mapping[str, Any], key: str, where: Location) -> dt.date | None:
    text = _optional_text(grant, key, where)
    return None if text is None else _day(text, (*where, key))


def _period(grant: Mapping[str, Any], where: Location, awarded: dt.date) -> FundingPeriod:
    if grant.get("plannedDates") is None:
        return FundingPeriod.from_months(awarded, 12)
    dates = _first(grant, "plannedDates", where)
    where = (*where, "plannedDates", 0)
    start = _optional_day(dates, "startDate", where) or awarded
    end = _optional_day(dates, "endDate", where)
    try:
        if end is not None:
            return FundingPeriod(start=start, end=end)
        duration = dates.get("duration")
        months = (
            int(duration)
            if isinstance(duration, int | float) and not isinstance(duration, bool)
            else 12
        )
        return FundingPeriod.from_months(start, max(months, 1))
    except ValueError as exc:
        raise _bad(where, "invalid", str(exc)) from None


def _codes(grant: Mapping[str, Any]) -> dict[str, str]:
    found = {}
    for item in grant.get("classifications") or ():
        if isinstance(item, dict) and isinstance(item.get("code"), str):
            found[str(item.get("vocabulary"))] = item["code"]
    return found


def _amount(grant: Mapping[str, Any], where: Location) -> int | float:
    amount = grant.get("amountAwarded")
    if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
        code = (
            "missing"
            if amount is None
            else "out-of-range"
            if isinstance(amount, int | float) and not isinstance(amount, bool)
            else "wrong-type"
        )
        raise _bad((*where, "amountAwarded"), code, "expected a non-negative number")
    return amount


def _contract(grant: object, where: Location, prefix: str | None) -> Contract:
    if not isinstance(grant, dict):
        raise _bad(where, "wrong-type", "expected a grant object")
    grant_id = _text(grant, "id", where)
    title = _text(grant, "title", where)
    description = _optional_text(grant, "description", where)
    amount = _amount(grant, where)
    awarded = _day(_text(grant, "awardDate", where), (*where, "awardDate"))
    period = _period(grant, where, awarded)
    recipient = _first(grant, "recipientOrganization", where)
    funder = _first(grant, "fundingOrganization", where)
    at_recipient = (*where, "recipientOrganization", 0)
    codes = _codes(grant)
    org_id = parse_org_id(_optional_text(recipient, "id", at_recipient))
    local = None
    if org_id is not None and org_id.scheme is OrgList.UNREGISTERED and prefix is not None:
        local = org_id.identifier.removeprefix(f"{_bare(prefix)}-")
    constituency = Constituency.SERVICE_USERS_AND_CARERS
    for member in Constituency:
        if codes.get(CONSTITUENCY_VOCABULARY) == member.value:
            constituency = member
    group = Group(
        name=_text(recipient, "name", at_recipient),
        constituency=constituency,
        decision_body=None,
        controls=(),
        org_id=org_id,
        charity_number=_optional_text(recipient, "charityNumber", at_recipient),
        company_number=_optional_text(recipient, "companyNumber", at_recipient),
        reference=local or None,
    )
    funded_as = next(
        (cls for cls in Leadership if codes.get(LEADERSHIP_VOCABULARY) == cls.value), None
    )
    total = decimal.Decimal(repr(amount))
    per_year = (total * 12 / max(period.months, 1)).quantize(_PENNY)
    bare = f"360G-{_bare(prefix)}-" if prefix is not None else ""
    return Contract(
        commissioner=_text(funder, "name", (*where, "fundingOrganization", 0)),
        kind=AgreementKind.GRANT_LETTER,
        amount_per_year=per_year,
        period=period,
        reference=grant_id.removeprefix(bare),
        title=title,
        awarded_on=awarded,
        group=group,
        funded_as=funded_as,
        aims=tuple(line for line in (description or "").split("\n") if line.strip()),
    )


def import_package(data: object, *, prefix: str | None = None) -> list[Contract]:
    """Read a 360Giving package (parsed JSON) into agreements, each holding its group.

    What a grant says is filled in; the rest is left unknown (no committee, no controls, no
    terms), so the agreement and group rules will say the facts are missing.  Keys this library
    does not use are ignored.  With ``prefix``, references lose their ``360G-<prefix>-`` start.
    Raises :class:`~valuing_involvement.InvalidDocument` naming every unreadable field, each
    problem with its location and code (see :mod:`valuing_involvement.errors`).

    >>> import datetime as dt
    >>> from valuing_involvement.threesixty import export_package
    >>> from valuing_involvement import example_portfolio
    >>> package = export_package(example_portfolio(), prefix="lowmoor",
    ...                          modified=dt.datetime(2007, 4, 2, tzinfo=dt.timezone.utc))
    >>> [c.reference for c in import_package(package, prefix="lowmoor")][:2]
    ['LJC-2007-014', 'LJC-2007-021']
    """
    if not isinstance(data, dict) or not isinstance(data.get("grants"), list):
        code = "missing" if isinstance(data, dict) and "grants" not in data else "wrong-type"
        raise _bad(("grants",), code, "expected an array of grants")
    contracts: list[Contract] = []
    problems: list[Problem] = []
    for index, grant in enumerate(data["grants"]):
        try:
            contracts.append(_contract(grant, ("grants", index), prefix))
        except InvalidDocument as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidDocument(problems, target=_TARGET)
    return contracts

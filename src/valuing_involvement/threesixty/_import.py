"""Read 360Giving grants back: :func:`import_grants` and :func:`import_package` (private module).

A grant is read into an :class:`ImportedGrant`, which keeps what was published -- ids, funder,
recipient, the amount to the penny, the dates as written -- so that re-exporting it
(:meth:`Imported.package`) loses nothing, and invents nothing: a fact the grant does not give
stays unknown.  :meth:`ImportedGrant.to_contract` makes an agreement of it when the grant gives
what an agreement needs (its planned period).

Each reader below takes the grant's location (a tuple of keys and indices) and raises an
:class:`~valuing_involvement.InvalidDocument` with one :class:`~valuing_involvement.Problem`
for the first thing wrong with its field; one bad grant never stops the others.  What is read
stays inside the domain's bounds (``_bounds``): amounts, dates and months a later computation
can take, text that can be written, and arrays where the standard has arrays -- so a grant
that reads is one that re-exports and makes its agreement without a traceback.
"""

from __future__ import annotations

import calendar
import datetime as dt
import decimal
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from valuing_involvement._bounds import (
    DATE_MAX,
    DATE_MIN,
    MONEY_MAX,
    MONTHS_MAX,
    in_context,
    plain_text,
    shown,
)
from valuing_involvement._identifiers import bare_prefix
from valuing_involvement._loader import fast_build_fn
from valuing_involvement._standard360 import registered_prefix
from valuing_involvement._validators import described
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput, Location, Problem
from valuing_involvement.funding import FundingPeriod
from valuing_involvement.groups import Constituency, Group, Leadership
from valuing_involvement.orgids import OrgList
from valuing_involvement.serialization import MAX_PROBLEMS, InvalidDocument
from valuing_involvement.threesixty._orgids import parse_org_id
from valuing_involvement.threesixty._vocabulary import (
    CONSTITUENCY_VOCABULARY,
    LEADERSHIP_VOCABULARY,
)

__all__ = [
    "NO_AGREEMENT",
    "GrantFilter",
    "ImportRecord",
    "Imported",
    "ImportedGrant",
    "agreement_of",
    "import_grants",
    "import_package",
    "iter_imported",
    "summary_lines",
]

_PENNY = decimal.Decimal("0.01")
_TARGET = "360Giving package"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A JSON object kept as published, immutable: its string, number and boolean fields in order.
Fields = tuple[tuple[str, str | int | float | bool], ...]


def _bad(location: Location, code: str, message: str) -> InvalidDocument:
    return InvalidDocument([Problem(location=location, code=code, message=message)], target=_TARGET)


def _writable(value: str, where: Location) -> str:
    if not value.isascii() and not plain_text(value):  # most text is ASCII: no call
        raise _bad(where, "invalid", "holds a lone surrogate (text that is not Unicode)")
    return value


def _text(grant: Mapping[str, Any], key: str, where: Location) -> str:
    value = grant.get(key)
    if type(value) is str and value.isascii() and value.strip():  # the common case, first
        return value
    if not isinstance(value, str) or not value.strip():
        code = "missing" if value is None else "invalid" if isinstance(value, str) else "wrong-type"
        raise _bad((*where, key), code, "expected a non-empty string")
    return _writable(value, (*where, key))


def _optional_text(grant: Mapping[str, Any], key: str, where: Location) -> str | None:
    value = grant.get(key)
    if type(value) is str and value.isascii() and value.strip():  # the common case, first
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None  # a blank string says nothing: publishers write "" or " " for "not given"
    if not isinstance(value, str):
        raise _bad((*where, key), "wrong-type", "expected a string")
    return _writable(value, (*where, key))


def _first(grant: Mapping[str, Any], key: str, where: Location) -> Mapping[str, Any]:
    items = grant.get(key)
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        code = "missing" if items is None or items == [] else "wrong-type"
        raise _bad((*where, key), code, "expected an array holding at least one object")
    first: Mapping[str, Any] = items[0]
    return first


def _day(text: str, where: Location) -> dt.date:
    try:
        day = dt.date.fromisoformat(text[:10]) if _DAY.match(text) else None
    except ValueError:
        day = None
    if day is None:
        raise _bad(where, "invalid", f"expected a date as YYYY-MM-DD, got {shown(text)}")
    if not DATE_MIN <= day <= DATE_MAX:
        raise _bad(where, "out-of-range", f"expected a date from {DATE_MIN} to {DATE_MAX}")
    return day


def _optional_day(grant: Mapping[str, Any], key: str, where: Location) -> str | None:
    text = _optional_text(grant, key, where)
    if text is not None:
        _day(text, (*where, key))
    return text


def _bounded(
    value: object, where: Location, highest: int | decimal.Decimal, what: str
) -> int | float:
    """``value`` when it is a (JSON) number from 0 to ``highest``, finite; else refused."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        code = "missing" if value is None else "wrong-type"
    elif (isinstance(value, float) and not math.isfinite(value)) or not 0 <= value <= highest:
        code = "out-of-range"
    else:
        return value
    raise _bad(where, code, f"expected {what} from 0 to {highest:,}")


def _amount(grant: Mapping[str, Any], where: Location) -> decimal.Decimal:
    amount = _bounded(grant.get("amountAwarded"), (*where, "amountAwarded"), MONEY_MAX, "a number")
    return decimal.Decimal(repr(amount)) if isinstance(amount, float) else decimal.Decimal(amount)


def _fields(item: Mapping[str, Any], where: Location) -> Fields:
    pairs = tuple(item.items())
    for _, value in pairs:  # most objects hold only ASCII text and numbers: kept as they are
        kind = type(value)
        if (kind is not str or not value.isascii()) and kind not in _NUMBERS:
            break
    else:
        return pairs
    fields: list[tuple[str, str | int | float | bool]] = []
    for key, value in item.items():
        if isinstance(value, str):
            fields.append((key, value if value.isascii() else _writable(value, (*where, key))))
        elif isinstance(value, int | float):  # bool is an int
            fields.append((key, value))
    return tuple(fields)


_NUMBERS = frozenset({int, float, bool})


def _objects(grant: Mapping[str, Any], key: str, where: Location) -> tuple[Fields, ...]:
    """The array of objects at ``key`` (none when absent); anything else is refused."""
    items = grant.get(key)
    if items is None:
        return ()
    if type(items) is list and len(items) == 1 and type(items[0]) is dict:  # the common case
        return (_fields(items[0], (*where, key, 0)),)
    if not isinstance(items, list):
        raise _bad((*where, key), "wrong-type", "expected an array of objects")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise _bad((*where, key, index), "wrong-type", "expected an object")
    return tuple(_fields(item, (*where, key, index)) for index, item in enumerate(items))


def _planned(grant: Mapping[str, Any], where: Location) -> Fields:
    """The first planned dates, their dates and duration inside the domain's bounds."""
    planned = _objects(grant, "plannedDates", where)
    if not planned:
        return ()
    at = (*where, "plannedDates", 0)
    first = grant["plannedDates"][0]
    for key in ("startDate", "endDate"):
        value = first.get(key)
        if (
            value is not None
            and not (  # a date as most publishers write it: known good
                type(value) is str and value.isascii() and value.strip() and _good_day(value[:10])
            )
        ):
            _optional_day(first, key, at)
    duration = first.get("duration")
    if duration is not None and not (type(duration) is int and 0 <= duration <= MONTHS_MAX):
        _bounded(duration, (*at, "duration"), MONTHS_MAX, "a number of months")
    return planned[0]


def _org_id(org: Mapping[str, Any], where: Location, notes: list[Problem]) -> str | None:
    org_id = _optional_text(org, "id", where)
    if org_id is not None and registered_prefix(org_id) is None:
        notes.append(
            Problem(
                location=(*where, "id"),
                code="invalid",
                message=f"{shown(org_id)} has no prefix of the org-id.guide register; not kept",
            )
        )
        return None
    return org_id


def _number(amount: decimal.Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _months(start: dt.date, end: dt.date) -> decimal.Decimal:
    """Whole months from ``start`` to ``end`` (inclusive), then the part month as a fraction.

    >>> _months(dt.date(2007, 4, 1), dt.date(2007, 9, 15))
    Decimal('5.5')
    """
    months = _whole_months(start, end)
    part_start = _plus_months(start, months)
    part_days = (end - part_start).days + 1
    month_days = (_plus_months(part_start, 1) - part_start).days
    return decimal.Decimal(months) + decimal.Decimal(part_days) / month_days


def _whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` inclusive, as ``funding.whole_months`` counts them.

    By arithmetic: that one is cached, but a national file's periods are too many to cache,
    and its relativedelta was a tenth of the import.

    >>> _whole_months(dt.date(2007, 1, 31), dt.date(2007, 2, 27))
    1
    """
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    while months > 0 and _plus_months(start, months) > after:
        months -= 1
    return months


def _plus_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` as :class:`relativedelta` adds them (the day kept, or the last).

    >>> _plus_months(dt.date(2007, 1, 31), 1), _plus_months(dt.date(2007, 11, 15), 14)
    (datetime.date(2007, 2, 28), datetime.date(2009, 1, 15))
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


#: How many periods, and days, the import remembers: a national file repeats its dates (grants
#: start on the first of a month, in a few years), so a bounded cache keeps most; never more.
_REMEMBERED = 16_384


def _dated(planned: Fields) -> tuple[FundingPeriod | None, decimal.Decimal]:
    """``ImportedGrant.period()`` of a grant's planned dates and its length in months (0 if none).

    Remembered by the texts of the start and the end, when both are given as text.
    """
    fields = dict(planned)
    start, end = fields.get("startDate"), fields.get("endDate")
    if type(start) is str and type(end) is str:
        return _period_of(start, end)
    period = _period(fields)
    return period, _months(period.start, period.end) if period is not None else _ZERO


_ZERO = decimal.Decimal(0)


@functools.lru_cache(maxsize=_REMEMBERED)
def _period_of(start: str, end: str) -> tuple[FundingPeriod | None, decimal.Decimal]:
    period = _period({"startDate": start, "endDate": end})
    return period, _months(period.start, period.end) if period is not None else _ZERO


def _period(planned: Mapping[str, object]) -> FundingPeriod | None:
    """The planned period of planned dates: see ``ImportedGrant.period``."""
    first = _given_day(planned, "startDate")
    if first is None:
        return None
    end = _given_day(planned, "endDate")
    if end is not None:
        return FundingPeriod(start=first, end=end) if end >= first else None
    duration = planned.get("duration")
    if type(duration) is int and duration >= 1:
        return FundingPeriod.from_months(first, duration)
    return None


#: Why a grant that was read makes no agreement, by the code the import summary counts.
NO_AGREEMENT: Mapping[str, str] = MappingProxyType(
    {
        "individual": "a grant to an individual: the library's agreements fund groups",
        "currency": "not in pounds (or no currency given): agreements are in pounds",
        "no-length": "neither planned dates nor a duration: the yearly amount is unknown",
        "refused": "its agreement would break the models' bounds (see the note)",
    }
)


def _given_day(planned: Mapping[str, object], key: str) -> dt.date | None:
    value = planned.get(key)
    return _day_of(value) if isinstance(value, str) else None


@functools.lru_cache(maxsize=_REMEMBERED)
def _day_of(value: str) -> dt.date | None:
    if _DAY.match(value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@attrs.frozen(kw_only=True)
class ImportedGrant:
    """One 360Giving grant, as published: nothing dropped, nothing added.

    ``source`` holds the grant exactly as published (compact JSON), so :meth:`to_grant`
    gives back every field, those the library does not model included (extensions,
    ``amountDisbursed``, ``recipientIndividual`` ...).  The other fields are the typed view the
    library reads: text keeps the publisher's writing (``award_date`` may be a date-time);
    ``amount`` is exact; an org-id is kept when its prefix is in the org-id.guide register,
    else ``None``; a blank string counts as not given.  ``recipient_id`` and
    ``recipient_name`` are ``None`` for a grant to an individual (``to_individual``).
    ``constituency`` and ``leadership`` come only from this library's own classifications.
    """

    id: str
    title: str
    description: str
    currency: str | None
    amount: decimal.Decimal
    award_date: str
    funder_id: str | None
    funder_name: str
    recipient_id: str | None
    recipient_name: str | None
    charity_number: str | None = None
    company_number: str | None = None
    date_modified: str | None = None
    data_source: str | None = None
    planned: Fields = ()
    programmes: tuple[Fields, ...] = ()
    classifications: tuple[Fields, ...] = ()
    locations: tuple[Fields, ...] = ()
    constituency: Constituency | None = None
    leadership: Leadership | None = None
    to_individual: bool = False
    source: str = ""

    @property
    def awarded_on(self) -> dt.date:
        """The award date's day."""
        return dt.date.fromisoformat(self.award_date[:10])

    def period(self) -> FundingPeriod | None:
        """The planned period when the grant gives its start and its end (or a duration).

        ``None`` when it gives no start, or an end before its start: a publisher's mistake is
        kept as published and the period is not known (quality check ``VI613`` reports it).
        """
        return _period(dict(self.planned))

    def duration(self) -> decimal.Decimal | None:
        """The planned duration in months as published (it may have a fraction), if given.

        >>> grant = ImportedGrant(id="g", title="t", description="", currency="GBP",
        ...     amount=decimal.Decimal(36000), award_date="2020-01-01", funder_id=None,
        ...     funder_name="F", recipient_id=None, recipient_name="R",
        ...     planned=(("duration", 36),))
        >>> grant.duration(), grant.period() is None
        (Decimal('36'), True)
        """
        value = dict(self.planned).get("duration")
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            return None
        return decimal.Decimal(repr(value)) if isinstance(value, float) else decimal.Decimal(value)

    def why_no_agreement(self) -> str | None:
        """The :data:`NO_AGREEMENT` code of why the grant makes no agreement, or ``None``."""
        if self.to_individual:
            return "individual"
        if self.currency != "GBP":
            return "currency"
        if self.period() is None and (self.duration() or 0) < 1:
            return "no-length"
        return None

    def to_grant(self) -> dict[str, Any]:
        """The grant, written back as 360Giving JSON: exactly as published when read from it."""
        if self.source:
            grant: dict[str, Any] = json.loads(self.source)
            return grant
        grant = {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "currency": self.currency,
            "amountAwarded": _number(self.amount),
            "awardDate": self.award_date,
        }
        if self.planned:
            grant["plannedDates"] = [dict(self.planned)]
        numbers = {"charityNumber": self.charity_number, "companyNumber": self.company_number}
        recipient = {"id": self.recipient_id, "name": self.recipient_name} | {
            key: value for key, value in numbers.items() if value is not None
        }
        grant["recipientOrganization"] = [recipient]
        grant["fundingOrganization"] = [{"id": self.funder_id, "name": self.funder_name}]
        for key, items in (
            ("grantProgramme", self.programmes),
            ("beneficiaryLocation", self.locations),
            ("classifications", self.classifications),
        ):
            if items:
                grant[key] = [dict(item) for item in items]
        if self.date_modified is not None:
            grant["dateModified"] = self.date_modified
        if self.data_source is not None:
            grant["dataSource"] = self.data_source
        return grant

    @in_context
    def to_contract(self, prefix: str | None = None) -> Contract | None:
        """The agreement the grant records, or ``None`` when it makes none (see why_no_agreement).

        Dates make a dated period; a duration alone makes an agreement whose length is known
        but not its dates (``period`` ``None``, ``length_months`` its whole months).  The
        yearly amount is the amount over the exact length.  The group is filled in only when
        the grant says its constituency (this library's classification); otherwise the
        agreement's group is unknown.  With ``prefix``, the reference loses its
        ``360G-<prefix>-`` start.
        """
        if self.to_individual or self.currency != "GBP" or self.recipient_name is None:
            return None
        period, months = _dated(self.planned)  # once: as why_no_agreement reads it
        length: int | None = None
        if period is None:
            months = self.duration() or decimal.Decimal(0)
            length = int(months)  # whole months; a part month left over is not counted
        if months <= 0 or (period is None and months < 1):
            return None
        group = None
        if self.constituency is not None:
            org_id = parse_org_id(self.recipient_id)
            local = None
            if org_id is not None and org_id.scheme is OrgList.UNREGISTERED and prefix:
                local = org_id.identifier.removeprefix(f"{bare_prefix(prefix)}-")
            group = Group(
                name=self.recipient_name,
                constituency=self.constituency,
                decision_body=None,
                controls=(),
                org_id=org_id,
                charity_number=self.charity_number,
                company_number=self.company_number,
                reference=local or None,
            )
        per_year = (self.amount * 12 / months).quantize(_PENNY)
        bare = f"360G-{bare_prefix(prefix)}-" if prefix is not None else ""
        modified = self.date_modified
        return _contract(
            commissioner=self.funder_name,
            kind=None,  # a grant records an award, not the form of agreement behind it
            support=None,  # nor the support the agreement gives,
            terms=None,  # nor its terms: neither is stated, neither is none
            amount_per_year=per_year,
            period=period,
            length_months=length,
            reference=self.id.removeprefix(bare),
            title=self.title,
            awarded_on=self.awarded_on,
            date_modified=dt.date.fromisoformat(modified[:10]) if modified else None,
            group=group,
            funded_as=self.leadership,
            aims=tuple(line for line in self.description.split("\n") if line.strip()),
            published=self.source or _source(self.to_grant()),
        )


#: The agreement's fields whose values the import guarantees, given or left to their default:
#: the funder's name and the title are non-blank writable text (``_text``); the award and
#: modified days lie in the domain's dates (``_day``); a period is a ``FundingPeriod`` built
#: through its checks, or ``None`` with a length of 1 to ``MONTHS_MAX`` whole months; a group
#: is built through its checks; the aims are the description's non-blank lines, writable;
#: ``support`` and ``terms`` are ``None`` (not stated), as their converters leave it.
#: Not guaranteed, so checked as ``Contract`` checks them: the yearly amount (the amount over
#: a short period may pass the bound), the reference (a prefix may leave it blank) and the
#: grant as published (fields the import does not read may hold a lone surrogate).
_CHECKED = frozenset({"amount_per_year", "reference", "published"})
_BUILD = fast_build_fn(Contract, trusted=frozenset(attrs.fields_dict(Contract)) - _CHECKED)


def _contract(**fields: Any) -> Contract:
    """``Contract(**fields)`` for the import, skipping the checks the import has made.

    What the fast build refuses is built again through ``Contract``, which says why.
    """
    if _BUILD is not None:
        try:
            built: Contract = _BUILD(**fields)
        except (ValueError, TypeError):
            pass  # refused: built again below, for the library's own message
        else:
            return built
    return Contract(**fields)


_CONSTITUENCIES: Mapping[object, Constituency] = {c.value: c for c in Constituency}
_LEADERSHIPS: Mapping[object, Leadership] = {c.value: c for c in Leadership}


def _codes(classifications: tuple[Fields, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in classifications:
        fields = dict(item)
        if isinstance(fields.get("code"), str):
            found[str(fields.get("vocabulary"))] = str(fields["code"])
    return found


#: The compact encoder of a grant as published, made once (json.dumps makes one a call).
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _source(grant: Mapping[str, Any], where: Location = ()) -> str:
    try:
        return _COMPACT(grant)
    except ValueError:  # a number beyond a double's range, read as infinity: JSON has none
        raise _bad(where, "invalid", "holds a number too large to read") from None
    except TypeError as exc:  # from Python: a Decimal, a set, an object JSON cannot hold
        raise _bad(where, "wrong-type", f"holds a value JSON cannot hold ({exc})") from None


def _source_or_none(grant: object, where: Location) -> str | None:
    try:
        return _source(grant, where) if isinstance(grant, dict) else None
    except InvalidDocument:
        return None


#: A grant's common fields as the import keeps them: id, title, description, currency, amount,
#: award date, date modified, data source.
Common = tuple[str, str, str, str | None, decimal.Decimal, str, str | None, str | None]


def _read_common(grant: Mapping[str, Any]) -> Common | None:
    """A grant's common fields in one pass, when each is as most publishers write it, else None.

    As the per-field readers read them (a test keeps them as its oracle), for text that is
    ASCII and not blank, an amount that is a number in bounds and dates that read; anything else
    gives ``None`` and the grant is read field by field, which says what is wrong where.
    """
    get = grant.get
    grant_id, title, award_date = get("id"), get("title"), get("awardDate")
    description, currency = get("description"), get("currency")
    modified, source, amount = get("dateModified"), get("dataSource"), get("amountAwarded")
    for text in (grant_id, title, award_date):
        if type(text) is not str or not text.isascii() or not text.strip():
            return None
    for optional in (description, currency, modified, source):
        if optional is not None and (
            type(optional) is not str or not optional.isascii() or not optional.strip()
        ):
            return None
    if not _good_day(str(award_date)[:10]):
        return None
    if modified is not None and not _good_day(str(modified)[:10]):
        return None
    if type(amount) is int and 0 <= amount <= MONEY_MAX:
        exact = decimal.Decimal(amount)
    elif type(amount) is float and math.isfinite(amount) and 0 <= amount <= MONEY_MAX:
        exact = decimal.Decimal(repr(amount))
    else:
        return None
    return (grant_id, title, description or "", currency, exact, award_date, modified, source)  # type: ignore[return-value]


@functools.lru_cache(maxsize=_REMEMBERED)
def _good_day(text: str) -> bool:
    """Whether ``_day`` takes a date whose first ten characters are ``text``."""
    try:
        _day(text, ())
    except InvalidDocument:
        return False
    return True


def _read(grant: object, where: Location, notes: list[Problem]) -> ImportedGrant:
    if not isinstance(grant, dict):
        raise _bad(where, "wrong-type", "expected a grant object")
    to_individual = grant.get("recipientIndividual") is not None and not grant.get(
        "recipientOrganization"
    )
    common = _read_common(grant)
    if common is not None:  # none of them can be wrong: read at once
        grant_id, title, description, currency, amount, award_date = common[:6]
        date_modified, data_source = common[6:]
    else:  # field by field, in the order that decides which problem a grant reports
        grant_id, title = _text(grant, "id", where), _text(grant, "title", where)
        description = _optional_text(grant, "description", where) or ""
        amount = _amount(grant, where)
        award_date = _text(grant, "awardDate", where)
        _day(award_date, (*where, "awardDate"))
    funder = _first(grant, "fundingOrganization", where)
    at_funder = (*where, "fundingOrganization", 0)
    recipient_id = recipient_name = charity = company = None
    if not to_individual:
        recipient = _first(grant, "recipientOrganization", where)
        at_recipient = (*where, "recipientOrganization", 0)
        recipient_id = _org_id(recipient, at_recipient, notes)
        recipient_name = _text(recipient, "name", at_recipient)
        charity = _optional_text(recipient, "charityNumber", at_recipient)
        company = _optional_text(recipient, "companyNumber", at_recipient)
    classifications = _objects(grant, "classifications", where)
    codes = _codes(classifications)
    if common is None:
        currency = _optional_text(grant, "currency", where)
    funder_id = _org_id(funder, at_funder, notes)
    funder_name = _text(funder, "name", at_funder)
    if common is None:
        date_modified = _optional_day(grant, "dateModified", where)
        data_source = _optional_text(grant, "dataSource", where)
    imported = ImportedGrant(
        id=grant_id,
        title=title,
        description=description,
        currency=currency,
        amount=amount,
        award_date=award_date,
        funder_id=funder_id,
        funder_name=funder_name,
        recipient_id=recipient_id,
        recipient_name=recipient_name,
        charity_number=charity,
        company_number=company,
        date_modified=date_modified,
        data_source=data_source,
        planned=_planned(grant, where),
        programmes=_objects(grant, "grantProgramme", where),
        classifications=classifications,
        locations=_objects(grant, "beneficiaryLocation", where),
        constituency=_CONSTITUENCIES.get(codes.get(CONSTITUENCY_VOCABULARY)),
        leadership=_LEADERSHIPS.get(codes.get(LEADERSHIP_VOCABULARY)),
        to_individual=to_individual,
        source=_source(grant, where),
    )
    planned = dict(imported.planned)
    start, end = _given_day(planned, "startDate"), _given_day(planned, "endDate")
    if start is not None and end is not None and end < start:
        notes.append(
            Problem(
                location=(*where, "plannedDates", 0, "endDate"),
                code="invalid",
                message=f"ends before it starts ({start}): kept as published, period not known",
            )
        )
    return imported


def agreement_of(grant: Mapping[str, Any], prefix: str | None = None) -> Contract | None:
    """The agreement the import makes of one published grant, if any (``prefix`` as on import).

    ``None`` when the grant cannot be read or makes no agreement.  The 360Giving export uses it
    to tell what an agreement still says as its grant said it.

    >>> agreement_of({"id": "360G-x-1", "title": "T", "currency": "GBP",
    ...     "amountAwarded": 36000, "awardDate": "2021-01-26",
    ...     "plannedDates": [{"duration": 36}],
    ...     "recipientOrganization": [{"id": "GB-CHC-1", "name": "A group"}],
    ...     "fundingOrganization": [{"id": "GB-CHC-2", "name": "A trust"}]}).amount_per_year
    Decimal('12000.00')
    """
    try:
        return _read(grant, (), []).to_contract(prefix)
    except InvalidInput:
        return None


@attrs.frozen(kw_only=True)
class ImportRecord:
    """What the import made of one grant of the file, in file order (:func:`iter_imported`).

    ``outcome`` is ``"agreement"`` when the grant made ``contract``; else a
    :data:`NO_AGREEMENT` code, ``"filtered"`` (read, but the filter left it out) or
    ``"unreadable"`` (``problems`` say why; ``source`` still holds it when it was an object).
    """

    index: int
    outcome: str
    grant: ImportedGrant | None = None
    contract: Contract | None = None
    problems: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()
    source: str | None = None


def iter_imported(
    grants: Iterable[object], *, where: GrantFilter | None = None, prefix: str | None = None
) -> Iterator[ImportRecord]:
    """Read grants one by one (from :func:`iter_grants` or a list), yielding each one's record.

    Nothing is held: a national file folds in flat memory.  Every grant yields exactly one
    record, so the outcomes count the file's grants.

    >>> grant = {"id": "360G-x-1", "title": "T", "currency": "GBP", "amountAwarded": 36000,
    ...     "awardDate": "2021-01-26", "plannedDates": [{"duration": 36}],
    ...     "recipientOrganization": [{"id": "GB-CHC-1", "name": "A group"}],
    ...     "fundingOrganization": [{"id": "GB-CHC-2", "name": "A trust"}]}
    >>> [(r.outcome, r.contract.length_months) for r in iter_imported([grant])]
    [('agreement', 36)]
    """
    for index, raw in enumerate(grants):
        notes: list[Problem] = []
        at = ("grants", index)
        try:
            grant = _read(raw, at, notes)
        except InvalidDocument as exc:
            source = _source_or_none(raw, at)
            yield ImportRecord(
                index=index, outcome="unreadable", problems=tuple(exc.problems), source=source
            )
            continue
        if where is not None and not where.keeps(grant):
            yield ImportRecord(index=index, outcome="filtered", grant=grant, notes=tuple(notes))
            continue
        contract = None
        try:  # first: most grants make one, and why_no_agreement reads the period again
            contract = grant.to_contract(prefix)
        except InvalidInput as exc:
            problem = exc.problems[0]
            notes.append(
                Problem(
                    location=at,
                    code=problem.code,
                    message=f"makes no agreement: its {problem.path.removeprefix('$.')} "
                    f"{problem.message}",
                )
            )
        reason = "agreement" if contract is not None else grant.why_no_agreement() or "refused"
        yield ImportRecord(
            index=index, outcome=reason, grant=grant, contract=contract, notes=tuple(notes)
        )


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(item.casefold() for item in items)


@attrs.frozen(kw_only=True)
class GrantFilter:
    """Which grants to keep on import; an empty choice keeps every grant.

    ``funders`` match a funder's id or name, ``programmes`` a programme's code or title,
    ``classifications`` a classification's code or title (or ``vocabulary:code``),
    ``keywords`` words in the title or description; all ignore case.  ``awarded_from`` and
    ``awarded_to`` bound the award date, both inclusive.

    >>> GrantFilter(keywords=("mental health",)).keywords
    frozenset({'mental health'})
    """

    funders: frozenset[str] = attrs.field(default=frozenset(), converter=_words)
    programmes: frozenset[str] = attrs.field(default=frozenset(), converter=_words)
    classifications: frozenset[str] = attrs.field(default=frozenset(), converter=_words)
    keywords: frozenset[str] = attrs.field(default=frozenset(), converter=_words)
    awarded_from: dt.date | None = None
    awarded_to: dt.date | None = None

    def keeps(self, grant: ImportedGrant) -> bool:
        """Whether ``grant`` passes every choice made."""

        def any_of(chosen: frozenset[str], values: Iterable[object]) -> bool:
            return not chosen or any(str(v).casefold() in chosen for v in values if v)

        classes = [dict(c) for c in grant.classifications]
        text = f"{grant.title}\n{grant.description}".casefold()
        day = grant.awarded_on
        return (
            any_of(self.funders, (grant.funder_id, grant.funder_name))
            and any_of(
                self.programmes,
                [dict(p).get(k) for p in grant.programmes for k in ("code", "title")],
            )
            and any_of(
                self.classifications,
                [c.get(k) for c in classes for k in ("code", "title")]
                + [f"{c.get('vocabulary')}:{c.get('code')}" for c in classes],
            )
            and (not self.keywords or any(word in text for word in self.keywords))
            and (self.awarded_from is None or day >= self.awarded_from)
            and (self.awarded_to is None or day <= self.awarded_to)
        )


def _read_only(values: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(values))


@attrs.frozen(kw_only=True)
class Imported:
    """What an import read: the grants kept, the grants it could not read, notes and counts.

    ``problems`` name each grant that could not be read (path, code, message); ``notes`` name
    what was kept but is worth knowing: org-ids with no registered prefix (kept as published,
    not read), planned dates that end before they start, agreements the models refuse.
    ``counts`` counts every grant of the file by its outcome (:class:`ImportRecord`):
    they add up to the file's grants.  ``unread`` keeps the grant objects that could not be
    read, as published, so that :meth:`package` loses none.
    """

    grants: tuple[ImportedGrant, ...]
    problems: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()
    counts: Mapping[str, int] = attrs.field(factory=dict, converter=_read_only, eq=False)
    unread: tuple[str, ...] = ()

    def package(self) -> dict[str, Any]:
        """The grants written back as a 360Giving package, exactly as they were published.

        The grants read come first, in file order, then the unreadable ones (``unread``);
        :func:`iter_imported` keeps one order throughout.
        """
        grants = [grant.to_grant() for grant in self.grants]
        grants += [json.loads(source) for source in self.unread]
        return {"version": "1.4", "grants": grants}

    def contracts(self, prefix: str | None = None) -> tuple[Contract, ...]:
        """The agreements of the grants that make one (see ``to_contract``)."""
        made = (grant.to_contract(prefix) for grant in self.grants)
        return tuple(contract for contract in made if contract is not None)


def summary_lines(counts: Mapping[str, int]) -> list[str]:
    """The import's outcome counts as lines, the file's total first.

    >>> summary_lines({"agreement": 2, "no-length": 1})
    ['3 grants read: 2 made agreements', '1 made no agreement: neither planned dates nor a duration: the yearly amount is unknown']
    """  # noqa: E501
    total = sum(counts.values())
    lines = [f"{total:,} grants read: {counts.get('agreement', 0):,} made agreements"]
    for code, why in NO_AGREEMENT.items():
        if counts.get(code):
            lines.append(f"{counts[code]:,} made no agreement: {why}")
    if counts.get("filtered"):
        lines.append(f"{counts['filtered']:,} left out by the filter")
    if counts.get("unreadable"):
        lines.append(f"{counts['unreadable']:,} could not be read (see the problems)")
    return lines


@in_context
def grants_array(package: object) -> list[Any]:
    """The ``grants`` array of a 360Giving package, or the library's error saying what is wrong.

    >>> grants_array({"grants": [{"id": "x"}]})
    [{'id': 'x'}]
    >>> try:
    ...     grants_array({"grant": []})
    ... except InvalidInput as error:
    ...     print(error.problems[0].path, error.problems[0].message)
    $.grants expected an array of grants
    """
    if not isinstance(package, Mapping):
        message = f"expected an object holding an array of grants, got {described(package)}"
        raise _bad((), "wrong-type", message)
    grants = package.get("grants")
    if not isinstance(grants, list):
        code = "missing" if "grants" not in package else "wrong-type"
        raise _bad(("grants",), code, "expected an array of grants")
    return grants


def import_grants(data: object, *, where: GrantFilter | None = None) -> Imported:
    """Read a 360Giving package (parsed JSON), grant by grant, keeping those ``where`` selects.

    A grant that cannot be read is reported in :attr:`Imported.problems` (the first
    ``MAX_PROBLEMS``, then a count of the rest) and kept as published in
    :attr:`Imported.unread`; the rest are read.  Only a document with no ``grants`` array
    raises :class:`~valuing_involvement.InvalidDocument`.  :func:`iter_imported` does the
    same one grant at a time.

    >>> imported = import_grants({"grants": [{"id": "x"}, {
    ...     "id": "360G-x-1", "title": "T", "description": "D", "currency": "GBP",
    ...     "amountAwarded": 1234.56, "awardDate": "2021-01-26T00:00:00+00:00",
    ...     "recipientOrganization": [{"id": "GB-EDU-123456", "name": "A school"}],
    ...     "fundingOrganization": [{"id": "GB-CHC-1000147", "name": "A trust"}]}]})
    >>> [(g.id, g.amount, g.recipient_id) for g in imported.grants]
    [('360G-x-1', Decimal('1234.56'), 'GB-EDU-123456')]
    >>> [problem.path for problem in imported.problems], dict(imported.counts)
    (['$.grants[0].title'], {'unreadable': 1, 'no-length': 1})
    """
    every = grants_array(data)
    grants: list[ImportedGrant] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    unread: list[str] = []
    counts: Counter[str] = Counter()
    found = 0
    for record in iter_imported(every, where=where):
        counts[record.outcome] += 1
        found += len(record.problems)
        if len(problems) <= MAX_PROBLEMS:  # bounded: a hostile file's problems are counted
            problems.extend(record.problems)
        notes.extend(record.notes)
        if record.source is not None:
            unread.append(record.source)
        if record.grant is not None and record.outcome != "filtered":
            grants.append(record.grant)
    if found > MAX_PROBLEMS:
        message = f"and {found - MAX_PROBLEMS:,} more problems, not listed"
        problems[MAX_PROBLEMS:] = [Problem(location=(), code="too-many", message=message)]
    return Imported(
        grants=tuple(grants),
        problems=tuple(problems),
        notes=tuple(notes),
        counts=counts,
        unread=tuple(unread),
    )


def import_package(data: object, *, prefix: str | None = None) -> list[Contract]:
    """Read a 360Giving package (parsed JSON) into agreements, each holding its group.

    What a grant says is filled in; the rest is left unknown (no committee, no controls, no
    terms), so the agreement and group rules will say the facts are missing.  A grant with no
    planned period makes no agreement, and one that does not say its constituency makes an
    agreement whose group is unknown.  With ``prefix``, references lose their
    ``360G-<prefix>-`` start.  Grants that cannot be read are skipped; only when none can be
    read does it raise :class:`~valuing_involvement.InvalidDocument`, naming every unreadable
    field (see :func:`import_grants` for the per-grant report).

    >>> import datetime as dt
    >>> from valuing_involvement.threesixty import export_package
    >>> from valuing_involvement import example_portfolio
    >>> package = export_package(example_portfolio(), prefix="lowmoor",
    ...                          modified=dt.datetime(2007, 4, 2, tzinfo=dt.timezone.utc))
    >>> [c.reference for c in import_package(package, prefix="lowmoor")][:2]
    ['LJC-2007-014', 'LJC-2007-021']
    """
    imported = import_grants(data)
    if imported.problems and not imported.grants:
        raise InvalidDocument(list(imported.problems), target=_TARGET)
    return list(imported.contracts(prefix))

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

import datetime as dt
import decimal
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from valuing_involvement._bounds import (
    DATE_MAX,
    DATE_MIN,
    MONEY_MAX,
    MONTHS_MAX,
    in_context,
    plain_text,
    shown,
)
from valuing_involvement._standard360 import registered_prefix
from valuing_involvement.contracts import AgreementKind, Contract
from valuing_involvement.errors import InvalidInput, Location, Problem
from valuing_involvement.funding import FundingPeriod
from valuing_involvement.groups import Constituency, Group, Leadership
from valuing_involvement.orgids import OrgList, _bare
from valuing_involvement.serialization import MAX_PROBLEMS, InvalidDocument
from valuing_involvement.threesixty._orgids import parse_org_id
from valuing_involvement.threesixty._vocabulary import (
    CONSTITUENCY_VOCABULARY,
    LEADERSHIP_VOCABULARY,
)

__all__ = ["GrantFilter", "Imported", "ImportedGrant", "import_grants", "import_package"]

_PENNY = decimal.Decimal("0.01")
_TARGET = "360Giving package"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A JSON object kept as published, immutable: its string, number and boolean fields in order.
Fields = tuple[tuple[str, str | int | float | bool], ...]


def _bad(location: Location, code: str, message: str) -> InvalidDocument:
    return InvalidDocument([Problem(location=location, code=code, message=message)], target=_TARGET)


def _writable(value: str, where: Location) -> str:
    if not plain_text(value):
        raise _bad(where, "invalid", "holds a lone surrogate (text that is not Unicode)")
    return value


def _text(grant: Mapping[str, Any], key: str, where: Location) -> str:
    value = grant.get(key)
    if not isinstance(value, str) or not value.strip():
        code = "missing" if value is None else "invalid" if isinstance(value, str) else "wrong-type"
        raise _bad((*where, key), code, "expected a non-empty string")
    return _writable(value, (*where, key))


def _optional_text(grant: Mapping[str, Any], key: str, where: Location) -> str | None:
    value = grant.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not value.strip():
        code = "invalid" if isinstance(value, str) else "wrong-type"
        raise _bad((*where, key), code, "expected a string")
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
    return tuple(
        (key, _writable(value, (*where, key)) if isinstance(value, str) else value)
        for key, value in item.items()
        if isinstance(value, str | int | float | bool)
    )


def _objects(grant: Mapping[str, Any], key: str, where: Location) -> tuple[Fields, ...]:
    """The array of objects at ``key`` (none when absent); anything else is refused."""
    items = grant.get(key)
    if items is None:
        return ()
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
        _optional_day(first, key, at)
    if first.get("duration") is not None:
        _bounded(first["duration"], (*at, "duration"), MONTHS_MAX, "a number of months")
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
    """Whole months from ``start`` to ``end`` (inclusive), then the part month as a fraction."""
    months = 0
    while start + relativedelta(months=months + 1) <= end + dt.timedelta(days=1):
        months += 1
    part_start = start + relativedelta(months=months)
    part_days = (end - part_start).days + 1
    month_days = ((part_start + relativedelta(months=1)) - part_start).days
    return decimal.Decimal(months) + decimal.Decimal(part_days) / month_days


@attrs.frozen(kw_only=True)
class ImportedGrant:
    """One 360Giving grant, as published: nothing dropped that the library reads, nothing added.

    Text fields keep the publisher's writing (``award_date`` may be a date-time); ``amount`` is
    exact; an org-id is kept when its prefix is in the org-id.guide register, else ``None``.
    ``constituency`` and ``leadership`` come only from this library's own classifications; a
    grant without them leaves them unknown.
    """

    id: str
    title: str
    description: str
    currency: str
    amount: decimal.Decimal
    award_date: str
    funder_id: str | None
    funder_name: str
    recipient_id: str | None
    recipient_name: str
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

    @property
    def awarded_on(self) -> dt.date:
        """The award date's day."""
        return dt.date.fromisoformat(self.award_date[:10])

    def period(self) -> FundingPeriod | None:
        """The planned period, when the grant gives its start and its end or duration."""
        planned = dict(self.planned)
        start, end = planned.get("startDate"), planned.get("endDate")
        if not isinstance(start, str) or not _DAY.fullmatch(start[:10]):
            return None
        first = dt.date.fromisoformat(start[:10])
        if isinstance(end, str) and _DAY.fullmatch(end[:10]):
            return FundingPeriod(start=first, end=dt.date.fromisoformat(end[:10]))
        duration = planned.get("duration")
        if type(duration) is int and duration >= 1:
            return FundingPeriod.from_months(first, duration)
        return None

    def to_grant(self) -> dict[str, Any]:
        """The grant, written back as 360Giving JSON."""
        grant: dict[str, Any] = {
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
        """The agreement the grant records, or ``None`` when it gives no planned period.

        The group is filled in only when the grant says its constituency (this library's
        classification); otherwise the agreement's group is unknown.  With ``prefix``, the
        reference loses its ``360G-<prefix>-`` start.
        """
        period = self.period()
        if period is None:
            return None
        group = None
        if self.constituency is not None:
            org_id = parse_org_id(self.recipient_id)
            local = None
            if org_id is not None and org_id.scheme is OrgList.UNREGISTERED and prefix:
                local = org_id.identifier.removeprefix(f"{_bare(prefix)}-")
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
        per_year = (self.amount * 12 / _months(period.start, period.end)).quantize(_PENNY)
        bare = f"360G-{_bare(prefix)}-" if prefix is not None else ""
        modified = self.date_modified
        return Contract(
            commissioner=self.funder_name,
            kind=AgreementKind.GRANT_LETTER,
            amount_per_year=per_year,
            period=period,
            reference=self.id.removeprefix(bare),
            title=self.title,
            awarded_on=self.awarded_on,
            date_modified=dt.date.fromisoformat(modified[:10]) if modified else None,
            group=group,
            funded_as=self.leadership,
            aims=tuple(line for line in self.description.split("\n") if line.strip()),
        )


def _codes(classifications: tuple[Fields, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in classifications:
        fields = dict(item)
        if isinstance(fields.get("code"), str):
            found[str(fields.get("vocabulary"))] = str(fields["code"])
    return found


def _read(grant: object, where: Location, notes: list[Problem]) -> ImportedGrant | None:
    if not isinstance(grant, dict):
        raise _bad(where, "wrong-type", "expected a grant object")
    if grant.get("recipientIndividual") is not None and not grant.get("recipientOrganization"):
        notes.append(
            Problem(
                location=(*where, "recipientIndividual"),
                code="not-allowed",
                message="a grant to an individual: skipped, this library imports grants to groups",
            )
        )
        return None
    grant_id, title = _text(grant, "id", where), _text(grant, "title", where)
    description = _optional_text(grant, "description", where) or ""
    amount = _amount(grant, where)
    award_date = _text(grant, "awardDate", where)
    _day(award_date, (*where, "awardDate"))
    recipient = _first(grant, "recipientOrganization", where)
    funder = _first(grant, "fundingOrganization", where)
    at_recipient = (*where, "recipientOrganization", 0)
    at_funder = (*where, "fundingOrganization", 0)
    classifications = _objects(grant, "classifications", where)
    codes = _codes(classifications)
    imported = ImportedGrant(
        id=grant_id,
        title=title,
        description=description,
        currency=_optional_text(grant, "currency", where) or "GBP",
        amount=amount,
        award_date=award_date,
        funder_id=_org_id(funder, at_funder, notes),
        funder_name=_text(funder, "name", at_funder),
        recipient_id=_org_id(recipient, at_recipient, notes),
        recipient_name=_text(recipient, "name", at_recipient),
        charity_number=_optional_text(recipient, "charityNumber", at_recipient),
        company_number=_optional_text(recipient, "companyNumber", at_recipient),
        date_modified=_optional_day(grant, "dateModified", where),
        data_source=_optional_text(grant, "dataSource", where),
        planned=_planned(grant, where),
        programmes=_objects(grant, "grantProgramme", where),
        classifications=classifications,
        locations=_objects(grant, "beneficiaryLocation", where),
        constituency=next(
            (c for c in Constituency if codes.get(CONSTITUENCY_VOCABULARY) == c.value), None
        ),
        leadership=next(
            (c for c in Leadership if codes.get(LEADERSHIP_VOCABULARY) == c.value), None
        ),
    )
    try:
        imported.period()
    except ValueError as exc:
        message = exc.problems[0].message if isinstance(exc, InvalidInput) else str(exc)
        raise _bad((*where, "plannedDates", 0), "invalid", message) from None
    try:  # the agreement it makes must be one the models accept: a yearly amount too large...
        imported.to_contract()
    except InvalidInput as exc:
        problem = exc.problems[0]
        message = f"makes an agreement whose {problem.path.removeprefix('$.')} {problem.message}"
        raise _bad(where, problem.code, message) from None
    return imported


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


@attrs.frozen(kw_only=True)
class Imported:
    """What an import read: the grants kept, the grants it could not read, and notes.

    ``problems`` name each grant that could not be read (path, code, message); ``notes`` name
    what was left out on purpose: grants to individuals, org-ids with no registered prefix.
    """

    grants: tuple[ImportedGrant, ...]
    problems: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()

    def package(self) -> dict[str, Any]:
        """The grants written back as a 360Giving package, as they were published."""
        return {"version": "1.4", "grants": [grant.to_grant() for grant in self.grants]}

    def contracts(self, prefix: str | None = None) -> tuple[Contract, ...]:
        """The agreements of the grants that give a planned period (see ``to_contract``)."""
        made = (grant.to_contract(prefix) for grant in self.grants)
        return tuple(contract for contract in made if contract is not None)


@in_context
def import_grants(data: object, *, where: GrantFilter | None = None) -> Imported:
    """Read a 360Giving package (parsed JSON), grant by grant, keeping those ``where`` selects.

    A grant that cannot be read is reported in :attr:`Imported.problems` (the first
    ``MAX_PROBLEMS``, then a count of the rest) and the rest are read; only a document with no
    ``grants`` array raises
    :class:`~valuing_involvement.InvalidDocument`.

    >>> imported = import_grants({"grants": [{"id": "x"}, {
    ...     "id": "360G-x-1", "title": "T", "description": "D", "currency": "GBP",
    ...     "amountAwarded": 1234.56, "awardDate": "2021-01-26T00:00:00+00:00",
    ...     "recipientOrganization": [{"id": "GB-EDU-123456", "name": "A school"}],
    ...     "fundingOrganization": [{"id": "GB-CHC-1000147", "name": "A trust"}]}]})
    >>> [(g.id, g.amount, g.recipient_id) for g in imported.grants]
    [('360G-x-1', Decimal('1234.56'), 'GB-EDU-123456')]
    >>> [problem.path for problem in imported.problems]
    ['$.grants[0].title']
    """
    if not isinstance(data, dict) or not isinstance(data.get("grants"), list):
        code = "missing" if isinstance(data, dict) and "grants" not in data else "wrong-type"
        raise _bad(("grants",), code, "expected an array of grants")
    grants: list[ImportedGrant] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    for index, grant in enumerate(data["grants"]):
        try:
            read = _read(grant, ("grants", index), notes)
        except InvalidDocument as exc:
            problems.extend(exc.problems)
            continue
        if read is not None and (where is None or where.keeps(read)):
            grants.append(read)
    if len(problems) > MAX_PROBLEMS:
        message = f"and {len(problems) - MAX_PROBLEMS:,} more problems, not listed"
        problems[MAX_PROBLEMS:] = [Problem(location=(), code="too-many", message=message)]
    return Imported(grants=tuple(grants), problems=tuple(problems), notes=tuple(notes))


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

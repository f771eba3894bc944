"""The accuracy checks of the VI6 series (``VI61x``, *warning*): probably wrong."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from valuing_involvement._standard360 import (
    former_prefix,
    prefix_recognised,
)
from valuing_involvement.rules._contexts import GrantContext
from valuing_involvement.rules._kernel import Hit, Modality, Severity, Subject, rule
from valuing_involvement.rules.quality._shared import (
    _CITE,
    _COMPANY,
    _DOMAIN,
    _FAR_FUTURE_ACTUAL,
    _FAR_FUTURE_PLANNED,
    _FAR_PAST,
    _LOCAL_CHAR,
    _OPEN,
    _POSTCODE,
    _at,
    _day,
    _first_dates,
    _objects,
    _orgs,
    _text,
    _to_individual,
    _years_after,
)

# -- accuracy ------------------------------------------------------------------------------

#: A date as the tool's ``strptime("%Y-%m-%d")`` reads it: one or two digits of month and day.
_DATE_FORM = re.compile(r"(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9])")


@rule(
    code="VI610",
    name="id-has-line-break",
    title="Critical: a grant or organisation id contains a line break.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} A grant whose id breaks a line will not appear in GrantNav.",
    remedy="Remove the line break from the id.",
    subject=Subject.GRANT,
)
def _line_break_in_id(ctx: GrantContext) -> Iterator[Hit]:
    if "\n" in _text(ctx.grant.get("id")) or "\n" in str(ctx.grant.get("id", "")):
        yield Hit(
            message="the grant id contains a line break",
            path=_at(ctx, ".id"),
            evidence={"id": str(ctx.grant.get("id"))},
        )
    # The tool reads the funders of every grant, the recipients only of grants to organisations.
    for key, position, org in _orgs(ctx.grant):
        if isinstance(org.get("id"), str) and "\n" in org["id"]:
            yield Hit(
                message=f"the {key} id contains a line break",
                path=_at(ctx, f".{key}[{position}].id"),
                evidence={"id": org["id"]},
            )


@rule(
    code="VI611",
    name="award-date-in-future",
    title="Critical: the award date is after the date of the check.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} An award not yet made is not a grant.",
    remedy="Check the award date; publish awards once they are decided.",
    subject=Subject.GRANT,
)
def _future_award(ctx: GrantContext) -> Iterator[Hit]:
    awarded = _day(_text(ctx.grant.get("awardDate")))
    if awarded is not None and awarded > ctx.on:
        yield Hit(
            message=f"award date {awarded.isoformat()} is after {ctx.on.isoformat()}",
            path=_at(ctx, ".awardDate"),
            evidence={"awardDate": awarded.isoformat(), "on": ctx.on.isoformat()},
        )


@rule(
    code="VI612",
    name="zero-amount",
    title="Critical: the amount awarded is zero.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} A zero amount is usually a data error.",
    remedy="Give the amount awarded over the whole period.",
    subject=Subject.GRANT,
)
def _zero_amount(ctx: GrantContext) -> Iterator[Hit]:
    amount = ctx.grant.get("amountAwarded")
    if isinstance(amount, int | float) and not isinstance(amount, bool) and amount == 0:
        yield Hit(
            message="the amount awarded is zero",
            path=_at(ctx, ".amountAwarded"),
            evidence={"amountAwarded": 0},
        )


@rule(
    code="VI613",
    name="start-after-end",
    title="A planned or actual start date comes after its end date.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} Impossible periods mislead readers.",
    remedy="Correct the start or the end date.",
    subject=Subject.GRANT,
)
def _start_after_end(ctx: GrantContext) -> Iterator[Hit]:
    for key in ("plannedDates", "actualDates"):
        start_text, end_text = _first_dates(ctx.grant, key)
        start, end = _day(start_text), _day(end_text)
        if start is not None and end is not None and start > end:
            yield Hit(
                message=f"{key} start {start.isoformat()} is after the end {end.isoformat()}",
                path=_at(ctx, f".{key}[0]"),
                evidence={"startDate": start.isoformat(), "endDate": end.isoformat()},
            )


def _checked_dates(grant: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    yield ".awardDate", _text(grant.get("awardDate"))
    for key in ("plannedDates", "actualDates"):
        start, end = _first_dates(grant, key)
        yield f".{key}[0].startDate", start
        yield f".{key}[0].endDate", end


@rule(
    code="VI614",
    name="impossible-date",
    title="Critical: a date is well formed but does not exist, such as 30 February.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} A date that does not exist cannot be placed in time.",
    remedy="Correct the date.",
    subject=Subject.GRANT,
)
def _impossible_dates(ctx: GrantContext) -> Iterator[Hit]:
    for path, text in _raw_dates(ctx.grant):
        day = _impossible(text)
        if day:
            yield Hit(
                message=f"{day} is not a real date",
                path=_at(ctx, path),
                evidence={"date": day},
            )
            return  # the tool counts a grant once


def _raw_dates(grant: Mapping[str, Any]) -> Iterator[tuple[str, object]]:
    """The dates ``VI614`` reads, as published (not trimmed): the tool reads them so."""
    yield ".awardDate", grant.get("awardDate")
    for key in ("plannedDates", "actualDates"):
        dates = _objects(grant.get(key))
        first = dates[0][1] if dates else {}
        yield f".{key}[0].startDate", first.get("startDate")
        yield f".{key}[0].endDate", first.get("endDate")


def _impossible(text: object) -> str:
    """The date part of ``text`` if it has the form of a date but names no day; else ``""``.

    As the tool reads a date (A11): the part before a ``T``, all of it a year, a month 1 to 12
    and a day 1 to 31 (one digit or two).  A month 13 or a day 32 is a date of no form, left
    to the schema (``VI603``), as is trailing text; 30 February and 29 February 2021 have the
    form and name no day.

    >>> _impossible("2021-02-29"), _impossible("2021-13-01"), _impossible("2020-02-29T10:00:00Z")
    ('2021-02-29', '', '')
    """
    return _impossible_text(text) if isinstance(text, str) else ""


@functools.lru_cache(maxsize=4096)
def _impossible_text(text: str) -> str:
    # remembered: a file repeats its dates grant after grant
    part = text.split("T", 1)[0] if "T" in text else text
    match = _DATE_FORM.fullmatch(part)
    if match is None:
        return ""
    try:
        dt.date(*map(int, match.groups()))
    except ValueError:
        return part
    return ""


@rule(
    code="VI615",
    name="date-far-off",
    title="A date is implausibly far in the past or the future.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} Dates decades away are usually typing errors.",
    remedy="Check the year.",
    subject=Subject.GRANT,
)
def _far_dates(ctx: GrantContext) -> Iterator[Hit]:
    past = _years_after(ctx.on, -_FAR_PAST)
    for path, text in _checked_dates(ctx.grant):
        day = _day(text)
        if day is None:
            continue
        limit = (
            _FAR_FUTURE_PLANNED
            if "plannedDates" in path
            else _FAR_FUTURE_ACTUAL
            if "actualDates" in path
            else None
        )
        if day <= past:  # the date's midnight is before the moment of the check, 25 years back
            yield Hit(
                message=f"{day.isoformat()} is {_FAR_PAST} years or more before the check",
                path=_at(ctx, path),
                evidence={"date": day.isoformat(), "years": _FAR_PAST},
            )
        elif limit is not None and day > _years_after(ctx.on, limit):
            yield Hit(
                message=f"{day.isoformat()} is more than {limit} years after the check",
                path=_at(ctx, path),
                evidence={"date": day.isoformat(), "years": limit},
            )


@rule(
    code="VI616",
    name="org-id-prefix-unrecognised",
    title="An organisation id does not start with a prefix of the org-id.guide register.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} Only a registered prefix lets others join the data to a register.",
    remedy="Write the id as an org-id.guide prefix and the number (GB-CHC-1234567), or a 360G- id.",
    subject=Subject.GRANT,
)
def _unrecognised_prefix(ctx: GrantContext) -> Iterator[Hit]:
    for key, position, org in _orgs(ctx.grant):
        org_id = org.get("id")
        if isinstance(org_id, str) and org_id and not prefix_recognised(org_id):
            # A former prefix is not recognised either, as the tool reads the register (A3).
            former = former_prefix(org_id)
            yield Hit(
                message=f"{org_id} does not start with a registered prefix"
                + (f"; {former[0]} is a former prefix, now {former[1]}" if former else ""),
                path=_at(ctx, f".{key}[{position}].id"),
                evidence={"id": org_id, "current": former[1] if former else None},
            )


def _given(org: Mapping[str, Any], key: str) -> str | None:
    """A number or id as published (not trimmed), or ``None`` when it is absent or not text."""
    value = org.get(key)
    return value if isinstance(value, str) else None


def _charity_number_ok(number: str) -> bool:
    rest = number[2:] if number[:2].isalpha() else number
    return rest.isdigit() and len(rest) in {6, 7}


@rule(
    code="VI617",
    name="org-number-looks-invalid",
    title="A charity or company number, or the id made from it, has the wrong form.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} A malformed number cannot be found in its register.",
    remedy="Charity numbers are 6 or 7 digits (SC and two letters allowed before them); "
    "company numbers are 8 letters or digits.",
    subject=Subject.GRANT,
)
def _bad_numbers(ctx: GrantContext) -> Iterator[Hit]:
    # The recipient's numbers on grants to organisations (A4, A5); the ids of the funders of
    # every grant, and of recipient organisations (A6: the tool reads a funder's id on a grant
    # to an individual too).
    for key, position, org in _orgs(ctx.grant):
        where = f".{key}[{position}]"
        # As published, not trimmed, as the tool reads them: " 1153055 " is not a number of 6
        # or 7 digits, and an empty number is a number of no digits (A4, A5).  Unlike the tool
        # (Python's int(), which takes a sign, spaces around and underscores), only digits
        # count: "+123456" is reported (docs/interop.md).
        charity, company = _given(org, "charityNumber"), _given(org, "companyNumber")
        recipient = key == "recipientOrganization"
        if recipient and charity is not None and not _charity_number_ok(charity):
            yield Hit(
                message=f"charity number {charity!r} is not 6 or 7 digits",
                path=_at(ctx, f"{where}.charityNumber"),
                evidence={"charityNumber": charity},
            )
        if recipient and company is not None and not _COMPANY.fullmatch(company):
            yield Hit(
                message=f"company number {company!r} is not 8 letters or digits",
                path=_at(ctx, f"{where}.companyNumber"),
                evidence={"companyNumber": company},
            )
        org_id = _given(org, "id") or ""
        upper = org_id.upper()
        rest = org_id[7:]
        if (upper.startswith("GB-CHC-") and not (rest.isdigit() and len(rest) in {6, 7})) or (
            upper.startswith("GB-COH-") and not _COMPANY.fullmatch(rest)
        ):
            yield Hit(
                message=f"{org_id} does not have the form of its register's numbers",
                path=_at(ctx, f"{where}.id"),
                evidence={"id": org_id},
            )


def _funders(grant: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (_text(org.get("id")), _text(org.get("name")))
        for _, org in _objects(grant.get("fundingOrganization"))
    ]


@rule(
    code="VI618",
    name="funders-inconsistent",
    title="Critical: the file names more than one funder, or one funder under two ids or names.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} A funder's file normally names that funder one way only.",
    remedy="Give the funder one id and one name throughout, unless the file is about several.",
    subject=Subject.GRANT,
)
def _funders_inconsistent(ctx: GrantContext) -> Iterator[Hit]:
    mine = _funders(ctx.grant)
    seen = ctx.before  # keyed look-ups: one pass over the file (GrantsSeen)
    ids = seen.first_names  # the funder ids seen, each with its first name
    if not mine or seen.first_funder is None:
        return
    for position, (funder_id, name) in enumerate(mine):
        path = _at(ctx, f".fundingOrganization[{position}]")
        first = ids.get(funder_id)
        if first is None and len(ids) == 1:
            # The first grant to bring a second funder: the file names several.
            yield Hit(
                message=f"a second funder, {funder_id}, after {seen.first_funder}",
                path=f"{path}.id",
                evidence={"id": funder_id, "check": "MoreThanOneFundingOrg"},
            )
        if first is not None and name != first:  # every grant with another name counts (A20)
            yield Hit(
                message=f"funder {funder_id} is named {name!r} here and {first!r} first",
                path=f"{path}.name",
                evidence={
                    "id": funder_id,
                    "name": name,
                    "first": first,
                    "check": "MultiFundingNamesForOrgId",
                },
            )
        if seen.named(name) and not seen.named(name, funder_id):
            yield Hit(
                message=f"funder {name!r} has the id {funder_id} here and another elsewhere",
                path=f"{path}.id",
                evidence={"id": funder_id, "name": name, "check": "MultiFundingOrgIdsForName"},
            )


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            # As the tool skips them: a key holding "email" in lower case, so an address
            # under "Contact Email" (a spreadsheet's own column) is found (A10).
            if "email" not in str(key):
                yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def _looks_like_email(text: str) -> bool:
    """Whether ``text`` holds an e-mail address, in time linear in its length.

    The part after each "@" up to the next "@" is read once, so no run is read twice.

    >>> _looks_like_email("write to a.b@example.org"), _looks_like_email("x" * 9 + "@")
    (True, False)
    """
    at = text.find("@")
    while at != -1:
        if at > 0 and _LOCAL_CHAR.match(text, at - 1) and _DOMAIN.match(text, at + 1):
            return True
        at = text.find("@", at + 1)
    return False


@rule(
    code="VI619",
    name="personal-data",
    title="Critical: the grant may hold personal data (an e-mail address, or details "
    "identifying an individual recipient).",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} Members of user and carer groups must not be identifiable from it.",
    remedy="Remove e-mail addresses, postcodes and diversity data that could identify a person.",
    subject=Subject.GRANT,
)
def _personal_data(ctx: GrantContext) -> Iterator[Hit]:
    # Walked only when an "@" is somewhere in it: the repr of JSON data shows every
    # character of its strings and keys, and is made in C, ten times as fast as the walk.
    grant = dict(ctx.grant)
    walked = _strings(grant, "") if "@" in repr(grant) else ()
    for path, text in walked:
        if _looks_like_email(text):
            yield Hit(
                message="a value looks like an e-mail address",
                path=_at(ctx, path),
                evidence={"check": "LooksLikeEmail"},
            )
    if not _to_individual(ctx.grant):
        return
    if "project" in ctx.grant:  # the tool asks only whether the field is there (A18)
        empty = ctx.grant["project"] in (None, [], {})
        yield Hit(
            message="a grant to an individual has a project field, where diversity data goes"
            + (" (empty here: remove it)" if empty else ""),
            path=_at(ctx, ".project"),
            evidence={"check": "RecipientIndDEI", "empty": empty},
        )
    for i, location in _objects(ctx.grant.get("beneficiaryLocation")):
        if _POSTCODE.fullmatch(_text(location.get("geoCode"))):
            yield Hit(
                message="a grant to an individual gives a postcode as its location",
                path=_at(ctx, f".beneficiaryLocation[{i}].geoCode"),
                evidence={"check": "GeoCodePostcode"},
            )


#: The checks of this group, in the catalogue's order.
RULES = (
    _line_break_in_id,
    _future_award,
    _zero_amount,
    _start_after_end,
    _impossible_dates,
    _far_dates,
    _unrecognised_prefix,
    _bad_numbers,
    _funders_inconsistent,
    _personal_data,
)

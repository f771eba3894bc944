"""VI6: the data quality of published 360Giving grants (one module for the VI6 series).

The checks of 360Giving's own Data Quality Tool (DQT), run offline, grouped as the tool groups
them: **validity** (``VI60x``, severity *error*: the file is not valid 360Giving data),
**accuracy** (``VI61x``, *warning*: probably wrong) and **usefulness** (``VI62x``, *advice*:
right but less useful).  That grouping, and so each severity, is the Data Quality Tool's: it
makes only validity decisive and calls the rest advice, marking some accuracy checks critical
(those stay warnings here, with "critical" in their titles).  One deliberate difference: the
tool does not test ``geoCodeType`` against its codelist (the schema gives it no ``codelist``),
but the standard asks for a code from the list, so ``VI606`` does, as a warning.

Each check reads one grant of a package as parsed JSON
(:class:`~valuing_involvement.rules.GrantContext`), so a package this library did not write can
be checked too; the checks that compare grants (repeated ids, several funders) read the grants
before it and report the later one.  Date checks compare with ``ctx.on``, never the clock.
:func:`valuing_involvement.threesixty.quality_report` runs them.  ``CHECKS`` maps each of the
tool's checks (as ``DQT-CHECKS.md`` numbers them) to the rule code that implements it.

Codes are never reused: ``RETIRED`` names the codes taken out of the catalogue and the code
that took over their check.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from valuing_involvement._standard360 import (
    codelist,
    geo_code_type,
    grant_validator,
    prefix_recognised,
)
from valuing_involvement.rules._contexts import GrantContext
from valuing_involvement.rules._kernel import Hit, Modality, Severity, Subject, rule

__all__ = ["CHECKS", "NOT_CHECKED", "RETIRED", "RULES"]

#: Codes no longer in the catalogue, each with the code that now makes its check.
RETIRED = (("VI602", "VI613"),)

#: The tool's checks these rules do not make, and why.
NOT_CHECKED = {
    "V12 extensions": "360Giving extensions are not bundled: a package naming one is checked "
    "against the core schema only (extension fields are additional fields, never errors)",
}

#: Each check of the Data Quality Tool (numbered as in DQT-CHECKS.md) and the rule making it.
CHECKS = {
    "V1 required fields": "VI601",
    "V2 one kind of recipient": "VI603",
    "V3 types": "VI603",
    "V4 date-time format": "VI603",
    "V5 date formats": "VI603",
    "V6 uri format": "VI603",
    "V7 closed value lists in the schema": "VI603",
    "V8 minimum": "VI603",
    "V9 at least one": "VI603",
    "V10 unique grant ids": "VI604",
    "V11 closed codelists": "VI605",
    "A1 ZeroAmountTest": "VI612",
    "A2 FundingOrgUnrecognisedPrefix": "VI616",
    "A3 RecipientOrgUnrecognisedPrefix": "VI616",
    "A4 RecipientOrgCharityNumber": "VI617",
    "A5 RecipientOrgCompanyNumber": "VI617",
    "A6 OrganizationIdLooksInvalid": "VI617",
    "A7 OrganizationIdUnexpectedChars": "VI610",
    "A8 GrantIdUnexpectedChars": "VI610",
    "A9 MoreThanOneFundingOrg": "VI618",
    "A10 LooksLikeEmail": "VI619",
    "A11 ImpossibleDates": "VI614",
    "A12 PlannedStartDateBeforeEndDate": "VI613",
    "A13 ActualStartDateBeforeEndDate": "VI613",
    "A14 FarFuturePlannedDates": "VI615",
    "A15 FarFutureActualDates": "VI615",
    "A16 FarPastDates": "VI615",
    "A17 PostDatedAwardDates": "VI611",
    "A18 RecipientIndDEI": "VI619",
    "A19 GeoCodePostcode": "VI619",
    "A20 MultiFundingNamesForOrgId": "VI618",
    "A21 MultiFundingOrgIdsForName": "VI618",
    "U1 RecipientOrg360GPrefix": "VI620",
    "U2 FundingOrg360GPrefix": "VI620",
    "U3 NoRecipientOrgCompanyCharityNumber": "VI624",
    "U4 IncompleteRecipientOrg": "VI625",
    "U5 NoGrantProgramme": "VI626",
    "U6 NoBeneficiaryLocation": "VI625",
    "U7 TitleDescriptionSame": "VI621",
    "U8 TitleLength": "VI622",
    "U9 NoLastModified": "VI627",
    "U10 NoDataSource": "VI627",
    "U11 RecipientIndWithoutToIndividualsDetails": "VI629",
    "U12 PlannedDurationNotPresent": "VI628",
    "U13 BeneficiaryLocationNameButNoCode": "VI625",
    "U14 BeneficiaryButNotRecipientGeoData": "VI625",
    "U15 RecipientGeoDataButNoBeneficiary": "VI625",
}

_REQUIRED = ("id", "title", "description", "currency", "amountAwarded", "awardDate")
_RECIPIENTS = ("recipientOrganization", "recipientIndividual")
_TITLE_LIMIT = 140
_MAX_SCHEMA_ERRORS = 50  # a grant's schema errors listed; the rest of a broken grant is noise
_OPEN = "Published grants data is how groups and the public learn what is funded (G3(b))."
_CITE = ("G3(b)",)
# An e-mail address as the tool's pattern ``[\w.+-]+@[\w-]+\.[\w.-]+`` finds it, checked
# around each "@" (``_looks_like_email``): searching the pattern itself backtracks over every
# run of word characters, so an 80,000-character title took 23 seconds.
_LOCAL_CHAR = re.compile(r"[\w.+-]")
_DOMAIN = re.compile(r"[\w-]+\.[\w.-]")
_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}", re.IGNORECASE)
_COMPANY = re.compile(r"\w{8}")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FAR_FUTURE_PLANNED = 12
_FAR_FUTURE_ACTUAL = 5
_FAR_PAST = 25
_CODELISTS = (
    ("currency", "currency"),
    ("regrantType", "regrantType"),
    ("toIndividualsDetails.primaryGrantReason", "grantToIndividualsReason"),
    ("toIndividualsDetails.secondaryGrantReason", "grantToIndividualsReason"),
    ("toIndividualsDetails.grantPurpose", "grantToIndividualsPurpose"),
)


def _at(ctx: GrantContext, tail: str = "") -> str:
    return f"$.grants[{ctx.index}]{tail}"


def _objects(value: object) -> list[tuple[int, Mapping[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _orgs(grant: Mapping[str, Any]) -> Iterator[tuple[str, int, Mapping[str, Any]]]:
    for key in ("fundingOrganization", "recipientOrganization"):
        for position, org in _objects(grant.get(key)):
            yield key, position, org


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _to_organisation(grant: Mapping[str, Any]) -> bool:
    return bool(_objects(grant.get("recipientOrganization")))


def _to_individual(grant: Mapping[str, Any]) -> bool:
    return isinstance(grant.get("recipientIndividual"), dict)


def _first_dates(grant: Mapping[str, Any], key: str) -> tuple[str, str]:
    dates = _objects(grant.get(key))
    if not dates:
        return "", ""
    first = dates[0][1]
    return _text(first.get("startDate")), _text(first.get("endDate"))


def _day(text: str) -> dt.date | None:
    """A well-formed, real date from the date part of a date or date-time; else ``None``."""
    match = _DAY.match(text)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that is not a leap year
        return day.replace(year=day.year + years, day=28)


# -- validity ------------------------------------------------------------------------------


@rule(
    code="VI601",
    name="grant-field-missing",
    title="A field 360Giving requires is missing.",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=_CITE,
    rationale=f"{_OPEN} A grant without it is invalid.",
    remedy="Fill the field in before publishing.",
    subject=Subject.GRANT,
)
def _missing_fields(ctx: GrantContext) -> Iterator[Hit]:
    for key in (*_REQUIRED, "fundingOrganization"):
        if ctx.grant.get(key) in (None, ""):  # an empty array is VI603's (minItems)
            yield Hit(
                message=f"required field {key} is missing",
                path=_at(ctx, f".{key}"),
                evidence={"field": key},
            )
    if all(ctx.grant.get(key) in (None, "") for key in _RECIPIENTS):
        yield Hit(
            message="the grant names no recipient, neither an organisation nor an individual",
            path=_at(ctx, ".recipientOrganization"),
            evidence={"field": "recipientOrganization"},
        )


def _pointer(path: Iterable[str | int]) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


@rule(
    code="VI603",
    name="grant-schema-invalid",
    title="The grant breaks the 360Giving grant schema (types, formats, lists).",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=_CITE,
    rationale=f"{_OPEN} Data that breaks the schema cannot be read by the standard's tools.",
    remedy="Correct the value the schema refuses: its type, its format or its code.",
    subject=Subject.GRANT,
)
def _schema(ctx: GrantContext) -> Iterator[Hit]:
    if not isinstance(ctx.grant, dict):
        return
    # Capped before they are built: a hostile grant can hold thousands of errors, and each
    # jsonschema error is a small web of objects with reference cycles.
    found = itertools.islice(grant_validator().iter_errors(ctx.grant), _MAX_SCHEMA_ERRORS)
    errors = sorted(found, key=lambda e: list(map(str, e.path)))
    both = all(ctx.grant.get(key) not in (None, "", []) for key in _RECIPIENTS)
    for error in errors:
        if error.validator == "oneOf" and not error.path:
            # Missing fields are VI601's; only both kinds of recipient is this rule's.
            if both:
                yield Hit(
                    message="the grant has both a recipient organisation and an individual; "
                    "only one of them is permitted",
                    path=_at(ctx, ".recipientIndividual"),
                    evidence={"validator": "oneOf"},
                )
            continue
        if error.validator == "enum" and "codelist" in error.schema:
            continue  # a codelist's value: VI605 reports it, once
        yield Hit(
            message=f"{error.message[:200]}",
            path=_at(ctx, _pointer(error.absolute_path)),
            evidence={"validator": str(error.validator)},
        )


@rule(
    code="VI604",
    name="grant-id-repeated",
    title="Another grant in the package has the same id.",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=_CITE,
    rationale=f"{_OPEN} An id must name one grant; the package schema wants them unique.",
    remedy="Give each grant its own id, or publish each grant once.",
    subject=Subject.GRANT,
)
def _repeated_id(ctx: GrantContext) -> Iterator[Hit]:
    grant_id = ctx.grant.get("id")
    if not isinstance(grant_id, str):
        return
    earlier = ctx.before.first_index.get(grant_id)
    if earlier is not None:
        yield Hit(
            message=f"grant id {grant_id} is also the id of grant {earlier}",
            path=_at(ctx, ".id"),
            evidence={"id": grant_id, "first": earlier},
        )


def _codelist_values(grant: Mapping[str, Any]) -> Iterator[tuple[str, str, object]]:
    for dotted, name in _CODELISTS:
        value: object = grant
        for step in dotted.split("."):
            value = value.get(step) if isinstance(value, dict) else None
        if value is not None:
            yield "." + dotted, name, value
    for i, location in _objects(grant.get("beneficiaryLocation")):
        for field, name in (("countryCode", "countryCode"), ("locationScope", "locationScope")):
            if location.get(field) is not None:
                yield f".beneficiaryLocation[{i}].{field}", name, location[field]
    for key, position, org in _orgs(grant):
        for i, location in _objects(org.get("location")):
            if location.get("countryCode") is not None:
                path = f".{key}[{position}].location[{i}].countryCode"
                yield path, "countryCode", location["countryCode"]


@rule(
    code="VI605",
    name="code-not-in-codelist",
    title="A value is not a code of its closed 360Giving codelist.",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=_CITE,
    rationale=f"{_OPEN} Closed codelists are how readers compare grants across funders.",
    remedy="Use a code from the standard's codelist for the field.",
    subject=Subject.GRANT,
)
def _closed_codelists(ctx: GrantContext) -> Iterator[Hit]:
    for path, name, value in _codelist_values(ctx.grant):
        if isinstance(value, str) and value not in codelist(name):
            yield Hit(
                message=f"{value!r} is not a code of the {name} codelist",
                path=_at(ctx, path),
                evidence={"codelist": name, "value": value},
            )


@rule(
    code="VI606",
    name="geo-code-type-not-in-codelist",
    title="A geoCodeType is not a code of the standard's geoCodeType codelist.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=_CITE,
    rationale=f"{_OPEN} The standard takes geoCodeType from its codelist; the quality tool "
    "does not test it, so this goes beyond the tool.",
    remedy="Use the codelist's type for the area code (E09 is LONB, E06 is UA, and so on).",
    subject=Subject.GRANT,
)
def _geo_code_type(ctx: GrantContext) -> Iterator[Hit]:
    places = [
        (f".beneficiaryLocation[{i}]", loc)
        for i, loc in _objects(ctx.grant.get("beneficiaryLocation"))
    ]
    for key, position, org in _orgs(ctx.grant):
        places += [
            (f".{key}[{position}].location[{i}]", loc) for i, loc in _objects(org.get("location"))
        ]
    for path, location in places:
        value = location.get("geoCodeType")
        if isinstance(value, str) and value not in codelist("geoCodeType"):
            expected = geo_code_type(_text(location.get("geoCode")))
            yield Hit(
                message=f"{value!r} is not a geoCodeType code"
                + (f"; the area code's type is {expected}" if expected else ""),
                path=_at(ctx, f"{path}.geoCodeType"),
                evidence={"value": value, "expected": expected},
            )


# -- accuracy ------------------------------------------------------------------------------


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
    if not _to_organisation(ctx.grant):
        return
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
    for path, text in _checked_dates(ctx.grant):
        if _DAY.match(text) and _day(text) is None:
            yield Hit(
                message=f"{text[:10]} is not a real date",
                path=_at(ctx, path),
                evidence={"date": text[:10]},
            )
            return  # the tool counts a grant once


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
        if day < past:
            yield Hit(
                message=f"{day.isoformat()} is more than {_FAR_PAST} years before the check",
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
            yield Hit(
                message=f"{org_id} does not start with a registered prefix",
                path=_at(ctx, f".{key}[{position}].id"),
                evidence={"id": org_id},
            )


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
    if not _to_organisation(ctx.grant):
        return
    for key, position, org in _orgs(ctx.grant):
        where = f".{key}[{position}]"
        charity, company = _text(org.get("charityNumber")), _text(org.get("companyNumber"))
        if key == "recipientOrganization" and charity and not _charity_number_ok(charity):
            yield Hit(
                message=f"charity number {charity} is not 6 or 7 digits",
                path=_at(ctx, f"{where}.charityNumber"),
                evidence={"charityNumber": charity},
            )
        if key == "recipientOrganization" and company and not _COMPANY.fullmatch(company):
            yield Hit(
                message=f"company number {company} is not 8 letters or digits",
                path=_at(ctx, f"{where}.companyNumber"),
                evidence={"companyNumber": company},
            )
        org_id = _text(org.get("id"))
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
    ids = ctx.before.funder_ids  # keyed look-ups: one pass over the file (GrantsSeen)
    if not mine or not ids:
        return
    for position, (funder_id, name) in enumerate(mine):
        path = _at(ctx, f".fundingOrganization[{position}]")
        if funder_id not in ids and len(ids) == 1:
            # The first grant to bring a second funder: the file names several.
            yield Hit(
                message=f"a second funder, {funder_id}, after {next(iter(ids))}",
                path=f"{path}.id",
                evidence={"id": funder_id, "check": "MoreThanOneFundingOrg"},
            )
        names = ctx.before.names_by_id.get(funder_id)
        if names and name not in names:
            yield Hit(
                message=f"funder {funder_id} is named {name!r} here and otherwise elsewhere",
                path=f"{path}.name",
                evidence={"id": funder_id, "name": name, "check": "MultiFundingNamesForOrgId"},
            )
        others = ctx.before.ids_by_name.get(name)
        if others and funder_id not in others:
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
            if "email" not in str(key).lower():
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
    for path, text in _strings(dict(ctx.grant), ""):
        if _looks_like_email(text):
            yield Hit(
                message="a value looks like an e-mail address",
                path=_at(ctx, path),
                evidence={"check": "LooksLikeEmail"},
            )
    if not _to_individual(ctx.grant):
        return
    if ctx.grant.get("project") not in (None, [], {}):
        yield Hit(
            message="a grant to an individual carries diversity data",
            path=_at(ctx, ".project"),
            evidence={"check": "RecipientIndDEI"},
        )
    for i, location in _objects(ctx.grant.get("beneficiaryLocation")):
        if _POSTCODE.fullmatch(_text(location.get("geoCode"))):
            yield Hit(
                message="a grant to an individual gives a postcode as its location",
                path=_at(ctx, f".beneficiaryLocation[{i}].geoCode"),
                evidence={"check": "GeoCodePostcode"},
            )


# -- usefulness ----------------------------------------------------------------------------


@rule(
    code="VI620",
    name="internal-org-id",
    title="A funder or recipient has an internal 360G- id.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} A registered id links the grant to other data; a 360G- id does not.",
    remedy="Use the organisation's registered id where it has one.",
    subject=Subject.GRANT,
)
def _internal_ids(ctx: GrantContext) -> Iterator[Hit]:
    for key, position, org in _orgs(ctx.grant):
        if _text(org.get("id")).upper().startswith("360G"):  # the tool needs no hyphen
            yield Hit(
                message=f"{key} id {org['id']} is internal to the publisher",
                path=_at(ctx, f".{key}[{position}].id"),
                evidence={"id": str(org["id"])},
            )


@rule(
    code="VI621",
    name="title-repeats-description",
    title="The description repeats the title.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} A description should say what the grant is for.",
    remedy="Describe the funded work in a sentence or two.",
    subject=Subject.GRANT,
)
def _title_is_description(ctx: GrantContext) -> Iterator[Hit]:
    title, description = ctx.grant.get("title"), ctx.grant.get("description")
    if isinstance(title, str) and title.strip() and title.strip() == str(description).strip():
        yield Hit(
            message="the description repeats the title",
            path=_at(ctx, ".description"),
            evidence={"title": title},
        )


@rule(
    code="VI622",
    name="title-too-long",
    title="The title is longer than 140 characters.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Long titles are cut off in listings.",
    remedy="Shorten the title and put the detail in the description.",
    subject=Subject.GRANT,
)
def _long_title(ctx: GrantContext) -> Iterator[Hit]:
    title = ctx.grant.get("title")
    if isinstance(title, str) and len(title) > _TITLE_LIMIT:
        yield Hit(
            message=f"the title is {len(title)} characters, over {_TITLE_LIMIT}",
            path=_at(ctx, ".title"),
            evidence={"length": len(title), "limit": _TITLE_LIMIT},
        )


def registered_id_for(charity: str, company: str) -> str | None:
    """The org-id a valid charity or company number gives, or ``None`` for junk.

    >>> registered_id_for("SC012345", ""), registered_id_for("1123456", "")
    ('GB-SC-SC012345', 'GB-CHC-1123456')
    >>> registered_id_for("NIC100002", ""), registered_id_for("12", "junk") is None
    ('GB-NIC-100002', True)
    """
    number = charity.replace(" ", "").upper()
    if re.fullmatch(r"SC\d{6}", number):
        return f"GB-SC-{number}"
    if re.fullmatch(r"(NIC|XT|XR)?\d{6}", number) and not number.isdigit():
        return f"GB-NIC-{number.removeprefix('NIC')}" if number.startswith("NIC") else None
    if re.fullmatch(r"\d{6,7}", number):
        return f"GB-CHC-{number}"
    if _COMPANY.fullmatch(company.replace(" ", "").upper()):
        return f"GB-COH-{company.replace(' ', '').upper()}"
    return None


@rule(
    code="VI623",
    name="unregistered-id-for-registered-group",
    title="A 360G- recipient id is used though a valid charity or company number is known.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Registered identifiers let data be joined across funders.",
    remedy="Use the identifier of the register the number belongs to.",
    subject=Subject.GRANT,
)
def _unregistered_id_when_registered(ctx: GrantContext) -> Iterator[Hit]:
    for position, org in _objects(ctx.grant.get("recipientOrganization")):
        if not _text(org.get("id")).upper().startswith("360G-"):
            continue
        better = registered_id_for(_text(org.get("charityNumber")), _text(org.get("companyNumber")))
        if better is not None:
            yield Hit(
                message=f"recipient id {org['id']} is a 360G- id; its number gives {better}",
                path=_at(ctx, f".recipientOrganization[{position}].id"),
                evidence={"id": str(org["id"]), "suggested": better},
            )


@rule(
    code="VI624",
    name="recipient-without-number",
    title="A recipient organisation has neither a charity nor a company number.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Many user and carer groups are unregistered: the number, where there "
    "is one, is what links the grant to the register.",
    remedy="Give the charity or company number where the group has one.",
    subject=Subject.GRANT,
)
def _no_number(ctx: GrantContext) -> Iterator[Hit]:
    for position, org in _objects(ctx.grant.get("recipientOrganization")):
        if not _text(org.get("charityNumber")) and not _text(org.get("companyNumber")):
            yield Hit(
                message=f"recipient {_text(org.get('name')) or position} has no registered number",
                path=_at(ctx, f".recipientOrganization[{position}]"),
                evidence={"name": _text(org.get("name"))},
            )


def _has_place(org: Mapping[str, Any]) -> bool:
    return bool(_text(org.get("postalCode"))) or any(
        _text(loc.get("geoCode")) for _, loc in _objects(org.get("location"))
    )


@rule(
    code="VI625",
    name="location-missing",
    title="The grant or its recipient says too little about where it is.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Places let readers see what is funded near them.",
    remedy="Give a beneficiary location with a geoCode, and the recipient's postcode.",
    subject=Subject.GRANT,
)
def _location_missing(ctx: GrantContext) -> Iterator[Hit]:
    locations = _objects(ctx.grant.get("beneficiaryLocation"))
    recipients = _objects(ctx.grant.get("recipientOrganization"))
    if not locations:
        yield Hit(
            message="no beneficiary location",
            path=_at(ctx, ".beneficiaryLocation"),
            evidence={"check": "NoBeneficiaryLocation"},
        )
    for i, location in locations:
        if _text(location.get("name")) and not _text(location.get("geoCode")):
            yield Hit(
                message="a beneficiary location has a name but no geoCode",
                path=_at(ctx, f".beneficiaryLocation[{i}]"),
                evidence={"check": "BeneficiaryLocationNameButNoCode"},
            )
    for position, org in recipients:
        if not _has_place(org):
            yield Hit(
                message="the recipient has no postcode and no location with a geoCode",
                path=_at(ctx, f".recipientOrganization[{position}]"),
                evidence={"check": "IncompleteRecipientOrg"},
            )
    if not recipients:
        return
    first = recipients[0][1]
    if locations and not _text(first.get("postalCode")) and not _objects(first.get("location")):
        yield Hit(
            message="beneficiary locations are given, but the recipient has no place",
            path=_at(ctx, ".recipientOrganization[0]"),
            evidence={"check": "BeneficiaryButNotRecipientGeoData"},
        )
    if not locations and _objects(first.get("location")):
        yield Hit(
            message="the recipient has a location, but the grant has no beneficiary location",
            path=_at(ctx, ".beneficiaryLocation"),
            evidence={"check": "RecipientGeoDataButNoBeneficiary"},
        )


@rule(
    code="VI626",
    name="no-grant-programme",
    title="The grant names no grant programme.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} The programme tells applicants where the money comes from.",
    remedy="Name the programme the grant was made under.",
    subject=Subject.GRANT,
)
def _no_programme(ctx: GrantContext) -> Iterator[Hit]:
    if ctx.grant.get("grantProgramme") in (None, "", [], {}):
        yield Hit(
            message="no grant programme",
            path=_at(ctx, ".grantProgramme"),
            evidence={"field": "grantProgramme"},
        )


@rule(
    code="VI627",
    name="no-provenance",
    title="The grant has no last-modified date or no data source.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Readers need to know how fresh the data is and where it came from.",
    remedy="Give dateModified and dataSource on every grant.",
    subject=Subject.GRANT,
)
def _no_provenance(ctx: GrantContext) -> Iterator[Hit]:
    for key, check in (("dateModified", "NoLastModified"), ("dataSource", "NoDataSource")):
        if ctx.grant.get(key) in (None, ""):
            yield Hit(message=f"no {key}", path=_at(ctx, f".{key}"), evidence={"check": check})


@rule(
    code="VI628",
    name="no-duration",
    title="The grant's length is unknown: no planned duration, or no planned start and end.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Groups plan on the length of their funding (§2.10).",
    remedy="Give the planned start and end dates, or the duration in months.",
    subject=Subject.GRANT,
)
def _no_duration(ctx: GrantContext) -> Iterator[Hit]:
    dates = _objects(ctx.grant.get("plannedDates"))
    first = dates[0][1] if dates else {}
    if first.get("duration") in (None, "") and not (
        _text(first.get("startDate")) and _text(first.get("endDate"))
    ):
        yield Hit(
            message="no planned duration or dates",
            path=_at(ctx, ".plannedDates"),
            evidence={"field": "plannedDates"},
        )


@rule(
    code="VI629",
    name="individual-without-details",
    title="A grant to an individual has no toIndividualsDetails.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} The purpose and reason codes say what such a grant is for, "
    "without naming the person.",
    remedy="Give toIndividualsDetails with its purpose and reason codes.",
    subject=Subject.GRANT,
)
def _individual_details(ctx: GrantContext) -> Iterator[Hit]:
    if _to_individual(ctx.grant) and not isinstance(ctx.grant.get("toIndividualsDetails"), dict):
        yield Hit(
            message="no toIndividualsDetails",
            path=_at(ctx, ".toIndividualsDetails"),
            evidence={"field": "toIndividualsDetails"},
        )


#: 360Giving quality checks: VI60x validity, VI61x accuracy, VI62x usefulness.
RULES = (
    _missing_fields,
    _schema,
    _repeated_id,
    _closed_codelists,
    _geo_code_type,
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
    _internal_ids,
    _title_is_description,
    _long_title,
    _unregistered_id_when_registered,
    _no_number,
    _location_missing,
    _no_programme,
    _no_provenance,
    _no_duration,
    _individual_details,
)

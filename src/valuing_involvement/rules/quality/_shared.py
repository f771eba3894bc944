"""What the VI6 checks share: the standard's fields, limits and small readers of a grant."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

from valuing_involvement.rules._contexts import GrantContext

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
    if not isinstance(value, list) or not value:
        return []
    if len(value) == 1:  # most lists of a grant hold one object: no enumerate to start
        item = value[0]
        return [(0, item)] if isinstance(item, dict) else []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _orgs(grant: Mapping[str, Any]) -> list[tuple[str, int, Mapping[str, Any]]]:
    return [
        (key, position, org)
        for key in ("fundingOrganization", "recipientOrganization")
        for position, org in _objects(grant.get(key))
    ]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _to_individual(grant: Mapping[str, Any]) -> bool:
    return isinstance(grant.get("recipientIndividual"), dict)


def _first_dates(grant: Mapping[str, Any], key: str) -> tuple[str, str]:
    dates = _objects(grant.get(key))
    if not dates:
        return "", ""
    first = dates[0][1]
    return _text(first.get("startDate")), _text(first.get("endDate"))


@functools.lru_cache(maxsize=4096)
def _day(text: str) -> dt.date | None:
    """A well-formed, real date from the date part of a date or date-time; else ``None``.

    Remembered for the last few thousand texts: a file repeats its dates grant after grant.
    """
    match = _DAY.match(text)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


@functools.lru_cache(maxsize=64)
def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that is not a leap year
        return day.replace(year=day.year + years, day=28)

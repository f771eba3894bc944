"""Turn a selected raw grant into one flat row of the picture's table (private module).

Only what the grant publishes goes in; what it does not publish stays empty (``None``), and
the measures count it as *not stated*.  Nothing is estimated.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from collections.abc import Mapping
from typing import Any

from valuing_involvement.picture._areas import area_of, place_of
from valuing_involvement.picture.matching import Match, recipient_ids

__all__ = ["COLUMNS", "length_band", "months_between", "row"]

#: The columns of the selected-grants table, in order, with what each holds.
COLUMNS: dict[str, str] = {
    "grant_id": "the grant's id, as published",
    "file": "the file it was read from",
    "funder_id": "the first funding organisation's org-id",
    "funder_name": "the first funding organisation's name",
    "recipient_id": "the first recipient organisation's org-id",
    "recipient_name": "the first recipient organisation's name",
    "amount": "amountAwarded, as published",
    "currency": "the currency code",
    "award_date": "awardDate (the day)",
    "award_year": "the award date's year",
    "start_date": "planned start (earliest), if published",
    "end_date": "planned end (latest), if published",
    "months": "planned length in months: the published duration, else from start and end",
    "length_band": "under 12 months, 12-35 months, 36 months or more, or not stated",
    "annual_amount": "amount a year (amount / months x 12), when in pounds and length known",
    "country": "UK country (England, Wales, Scotland, Northern Ireland) of the beneficiary "
    "locations' codes, 'several' when they differ",
    "region": "English region of the beneficiary locations' codes: London from any London code, "
    "others from a region code (E12) only",
    "area": "the finest area holding every coded location: a region, a country, the United "
    "Kingdom or 'several countries'",
    "area_level": "region, country, United Kingdom or several countries",
    "area_from": "beneficiary location, or recipient location when no beneficiary location "
    "has a code",
    "location": "beneficiary location names, as published",
    "postcode_area": "the recipient's postcode area (letters before the first digit)",
    "why": "the matcher's reasons: field, words and term",
    "match_weight": "the total weight of the terms found",
}

_DAYS_A_MONTH = 365.25 / 12
_POSTCODE_AREA = re.compile(r"^\s*([A-Za-z]{1,2})\d")


def _day(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end``, both days included (to the nearest month).

    >>> months_between(dt.date(2015, 7, 1), dt.date(2016, 6, 30))
    12
    """
    return round(((end - start).days + 1) / _DAYS_A_MONTH)


def length_band(months: float | None) -> str:
    """The length band of G3(d)'s question: under 12, 12-35, 36 or more, or not stated.

    >>> [length_band(m) for m in (6, 12, 35, 36, None)]
    ['under 12 months', '12-35 months', '12-35 months', '36 months or more', 'not stated']
    """
    if months is None:
        return "not stated"
    if months < 12:
        return "under 12 months"
    return "12-35 months" if months < 36 else "36 months or more"


def _first(grant: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    items = grant.get(key)
    if isinstance(items, list) and items and isinstance(items[0], Mapping):
        return items[0]
    return {}


def _text(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _objects(grant: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = grant.get(key)
    return [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []


def _duration(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | decimal.Decimal):
        return None
    months = float(value)
    return months if math.isfinite(months) and 0 < months < 12_000 else None


def _planned(grant: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None, float | None]:
    planned = _objects(grant, "plannedDates")
    starts = [d for p in planned if (d := _day(p.get("startDate"))) is not None]
    ends = [d for p in planned if (d := _day(p.get("endDate"))) is not None]
    start, end = (min(starts) if starts else None), (max(ends) if ends else None)
    months = _duration(planned[0].get("duration")) if len(planned) == 1 else None
    if months is None and start is not None and end is not None and end >= start:
        months = float(months_between(start, end))
    return start, end, months


def _amount(grant: Mapping[str, Any]) -> decimal.Decimal | None:
    value = grant.get("amountAwarded")
    if isinstance(value, bool) or not isinstance(value, int | float | decimal.Decimal):
        return None
    amount = decimal.Decimal(str(value)) if isinstance(value, float) else decimal.Decimal(value)
    if not amount.is_finite() or amount < 0 or amount >= decimal.Decimal("1e12"):
        return None
    return amount.quantize(decimal.Decimal("0.01"))


def _places(grant: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    countries: set[str] = set()
    regions: set[str] = set()
    names: list[str] = []
    for location in _objects(grant, "beneficiaryLocation"):
        place = place_of(location)
        if place is not None and place.nation is not None:
            countries.add(place.nation)
        if place is not None and place.region is not None:
            regions.add(place.region)
        name = _text(location, "name")
        if name is not None:
            names.append(name.strip())

    def one(found: set[str]) -> str | None:
        return "several" if len(found) > 1 else next(iter(found), None)

    return one(countries), one(regions), ("; ".join(names) or None)


def row(file: str, grant: Mapping[str, Any], match: Match) -> dict[str, Any]:
    """One row of the selected-grants table (:data:`COLUMNS`) for a selected grant.

    >>> from valuing_involvement.picture.matching import Matcher
    >>> g = {"id": "g1", "amountAwarded": 24000, "currency": "GBP",
    ...      "awardDate": "2015-06-10T00:00:00+00:00",
    ...      "plannedDates": [{"startDate": "2015-07-01", "endDate": "2017-06-30"}],
    ...      "recipientOrganization": [{"name": "Bath Mind", "postalCode": "BA1 1AA"}]}
    >>> r = row("f.json", g, Matcher().match(g))
    >>> r["months"], r["length_band"], r["annual_amount"], r["postcode_area"]
    (24.0, '12-35 months', Decimal('12000.00'), 'BA')
    """
    funder = _first(grant, "fundingOrganization")
    recipient = _first(grant, "recipientOrganization")
    award = _day(grant.get("awardDate"))
    start, end, months = _planned(grant)
    amount = _amount(grant)
    currency = _text(grant, "currency")
    annual = None
    if amount is not None and currency == "GBP" and months:
        annual = (amount * 12 / decimal.Decimal(str(months))).quantize(decimal.Decimal("0.01"))
    country, region, location = _places(grant)
    place, level, place_from = area_of(grant)
    postcode = _text(recipient, "postalCode")
    area = _POSTCODE_AREA.match(postcode) if postcode else None
    ids = recipient_ids(grant)
    grant_id = grant.get("id")
    return {
        "grant_id": grant_id if isinstance(grant_id, str) else None,
        "file": file,
        "funder_id": _text(funder, "id"),
        "funder_name": _text(funder, "name"),
        "recipient_id": ids[0] if ids else None,
        "recipient_name": _text(recipient, "name"),
        "amount": amount,
        "currency": currency,
        "award_date": award,
        "award_year": award.year if award else None,
        "start_date": start,
        "end_date": end,
        "months": months,
        "length_band": length_band(months),
        "annual_amount": annual,
        "country": country,
        "region": region,
        "location": location,
        "area": place,
        "area_level": level,
        "area_from": place_from,
        "postcode_area": area.group(1).upper() if area else None,
        "why": str(match),
        "match_weight": match.weight,
    }

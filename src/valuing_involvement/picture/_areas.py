"""Where a grant is for: an area from the location codes it publishes (private module).

360Giving places a grant with ``beneficiaryLocation`` (where it benefits) and, on the
recipient organisation, ``location`` (where the recipient is): each a ``geoCode`` (an ONS GSS
code, such as ``E09000033``), a ``geoCodeType`` from the standard's ``geoCodeType`` codelist
(``LONB``, ``RGN``...) and a ``countryCode`` from its ``countryCode`` codelist (ISO 3166-1,
``GB``).  What a code means is read from those codelists, which the package ships:

- **London**, an English region, from any code that lies wholly in it: a London borough
  (entity ``E09``, ``LONB``), Inner or Outer London (``E13``), a London Assembly constituency
  (``E32``, ``LAC``) or the London region itself (``E12000007``);
- the other **English regions** from their own region codes (``E12``, ``RGN/GOR``) only.  The
  region of a district, county or unitary authority outside London needs ONS's lookup of local
  authorities to regions, which the library does not ship: such a grant is placed at country
  level, England, never guessed;
- the **country** of the United Kingdom from the GSS code's first letter (``E`` England, ``W``
  Wales, ``S`` Scotland, ``N`` Northern Ireland); a ``K`` code (the United Kingdom, Great
  Britain, England and Wales) or a bare ``countryCode`` of ``GB`` places a grant in the United
  Kingdom only;
- a **country outside the United Kingdom** from its ``countryCode``, named as the codelist names
  it.

A location given by name only places nothing: names are listed as published, elsewhere.
Beneficiary locations come first; the recipient's own location is used only when no beneficiary
location carries a code, and the row says which was used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from valuing_involvement._standard360 import codelist_titles, geo_code_type

__all__ = [
    "BENEFICIARY",
    "LEVELS",
    "RECIPIENT",
    "REGIONS",
    "Place",
    "area_of",
    "common_area",
    "place_of",
]

#: The nine English regions by their ONS codes (entity E12, the codelist's ``RGN/GOR``).
REGIONS = {
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}
#: The levels an area is stated at, finest first.
LEVELS = ("region", "country", "United Kingdom", "several countries")
#: Where an area was read from.
BENEFICIARY, RECIPIENT = "beneficiary location", "recipient location"

_UK = "United Kingdom"
_NATIONS = {"E": "England", "W": "Wales", "S": "Scotland", "N": "Northern Ireland"}
#: ISO 3166-2 codes some publishers put in ``countryCode`` (the codelist has only ``GB``).
_SUBDIVISIONS = {
    "GB-ENG": "England",
    "GB-WLS": "Wales",
    "GB-SCT": "Scotland",
    "GB-NIR": "Northern Ireland",
}
#: ONS entities lying wholly in London: London boroughs, Inner/Outer London, Assembly seats.
_LONDON_ENTITIES = frozenset({"E09", "E13", "E32"})
#: The codelist's codes for those entities (``geoCodeType``), for a location with no GSS code.
_LONDON_TYPES = frozenset({"LONB", "LAC"})
_GSS = re.compile(r"[EWSNK]\d{8}")


@attrs.frozen(kw_only=True)
class Place:
    """One location as its codes place it: English region, UK country and country.

    Any of the three may be unknown (``None``).

    >>> Place(region="London", nation="England", country="United Kingdom").region
    'London'
    """

    region: str | None = None
    nation: str | None = None
    country: str | None = None


_LONDON = Place(region="London", nation="England", country=_UK)


@functools.cache
def _countries() -> dict[str, str]:
    return dict(codelist_titles("countryCode"))


def _text(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    return value.strip().upper() if isinstance(value, str) and value.strip() else None


def place_of(location: Mapping[str, Any]) -> Place | None:
    """Where one published location is, from its codes; ``None`` when no code places it.

    >>> place_of({"geoCode": "E09000033", "name": "Westminster"}).region
    'London'
    >>> place_of({"geoCode": "E08000035", "geoCodeType": "MD"})  # Leeds: region needs ONS
    Place(region=None, nation='England', country='United Kingdom')
    >>> place_of({"countryCode": "KE"}).country, place_of({"name": "Kelby"})
    ('Kenya', None)
    """
    code = _text(location, "geoCode")
    if code is not None and _GSS.fullmatch(code):
        entity = code[:3]
        london = entity in _LONDON_ENTITIES or geo_code_type(code) in _LONDON_TYPES
        return Place(
            region="London" if london else REGIONS.get(code),
            nation=_NATIONS.get(code[0]),
            country=_UK,
        )
    if _text(location, "geoCodeType") in _LONDON_TYPES:
        return _LONDON
    country = _text(location, "countryCode")
    if country in _SUBDIVISIONS:
        return Place(nation=_SUBDIVISIONS[country], country=_UK)
    if country == "GB":
        return Place(country=_UK)
    if country is not None and country in _countries():
        return Place(country=_countries()[country])
    return None


def common_area(places: Iterable[Place]) -> tuple[str, str] | None:
    """The finest area holding every place, with its level (:data:`LEVELS`).

    >>> london, leeds = Place(region="London", nation="England", country="United Kingdom"), Place(
    ...     nation="England", country="United Kingdom")
    >>> common_area([london]), common_area([london, leeds])
    (('London', 'region'), ('England', 'country'))
    >>> common_area([london, Place(nation="Wales", country="United Kingdom")])
    ('United Kingdom', 'United Kingdom')
    >>> common_area([london, Place(country="Kenya")]), common_area([])
    (('several countries', 'several countries'), None)
    """
    found = list(places)
    if not found:
        return None
    for attribute, level in (("region", "region"), ("nation", "country")):
        values = {getattr(p, attribute) for p in found}
        if len(values) == 1 and None not in values:
            return values.pop(), level
    countries = {p.country for p in found}
    country = countries.pop() if len(countries) == 1 else None
    if country is None:
        return "several countries", "several countries"
    return (country, _UK) if country == _UK else (country, "country")


def _locations(items: object) -> list[Mapping[str, Any]]:
    return [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []


def area_of(grant: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    """A grant's area, its level and where it was read from; all ``None`` when not stated.

    >>> area_of({"beneficiaryLocation": [{"geoCode": "E13000001"}, {"geoCode": "E09000001"}]})
    ('London', 'region', 'beneficiary location')
    >>> area_of({"beneficiaryLocation": [{"name": "UK Wide"}],
    ...          "recipientOrganization": [{"location": [{"geoCode": "W06000015"}]}]})
    ('Wales', 'country', 'recipient location')
    >>> area_of({"beneficiaryLocation": [{"name": "Kelby"}]})
    (None, None, None)
    """
    recipients = _locations(grant.get("recipientOrganization"))
    sources = (
        (BENEFICIARY, _locations(grant.get("beneficiaryLocation"))),
        (RECIPIENT, _locations(recipients[0].get("location")) if recipients else []),
    )
    for source, locations in sources:
        found = common_area(p for p in map(place_of, locations) if p is not None)
        if found is not None:
            return found[0], found[1], source
    return None, None, None

"""Generated 360Giving grants with real shapes, for tests and benchmarks (private module).

Every generated grant is invented and says so: funders are ``Generated funder N`` with the
org-id prefix ``360G-GENERATED``, and each package's ``publisher`` is named as generated.
Never present figures on them as anyone's record.  Seeded: the same seed gives the same grants.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["generate_grants", "write_packages"]

_TOWNS = (
    "Lowmoor", "Eastbridge", "Northwick", "Ashford Vale", "Kelby", "Marlow Green", "Penrith Cross",
    "Stanmere", "Wenford", "Carrick", "Dunhope", "Llanfair Isaf", "Glenrow", "Ballyhale",
)  # fmt: skip
_MENTAL = (
    ("{town} Mind", "The charity supports people with mental health problems across {town}."),
    ("{town} Hearing Voices Group", "A peer-led group for people who hear voices."),
    ("{town} Mental Health Carers Forum", "Support and a voice for mental health carers."),
    ("{town} Recovery Network", "Peer support for adults recovering from mental ill health."),
    ("{town} Wellbeing Café", "A drop-in run by service users for people in mental distress."),
)
_OTHER = (
    ("{town} Community Centre", "Running costs of a community centre used by local groups."),
    ("{town} Youth Club", "Sessions for young people, including sport and music."),
    ("{town} Food Bank", "Emergency food parcels and advice on benefits."),
    ("{town} Women's Aid", "Refuge and outreach for women experiencing domestic abuse."),
    ("{town} Village Hall", "A new roof and accessible toilets for the village hall."),
    ("{town} Credit Union", "A loans officer to help families avoid high-cost lenders."),
)
#: Near misses: words the matcher's quick test catches, grants it should not select.
_NEAR = (
    ("{town} Carers Centre", "Information and breaks for unpaid carers of all kinds."),
    ("{town} Law Centre", "Advice on housing, debt and mental health law among others."),
)
#: About the share of grants to mental health groups in the two real samples (295 of 4,899 are
#: selected there, 6%), rounded up; as many again are near misses, so that, as in the samples
#: (695 of 4,899), about one grant in seven passes the matcher's quick test.
_MENTAL_SHARE = 0.08
_PLACES = (
    ("E12000001", "North East", "RGN"),
    ("E12000007", "London", "RGN"),
    ("E12000009", "South West", "RGN"),
    ("E09000033", "Westminster", "LONB"),
    ("E08000035", "Leeds", "MD"),
    ("W06000015", "Cardiff", "UA"),
    ("S12000036", "City of Edinburgh", "CA"),
    ("N09000003", "Belfast", "LGD"),
)


def _grant(rng: random.Random, funder: int, number: int) -> dict[str, Any]:
    town = rng.choice(_TOWNS)
    draw = rng.random()
    kind = _MENTAL if draw < _MENTAL_SHARE else _NEAR if draw < 2 * _MENTAL_SHARE else _OTHER
    name, text = rng.choice(kind)
    award = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(18 * 365))
    grant: dict[str, Any] = {
        "id": f"360G-GENERATED-{funder}-{number}",
        "title": f"Grant to {name.format(town=town)}",
        "description": text.format(town=town),
        "currency": "GBP" if rng.random() < 0.98 else "EUR",
        "amountAwarded": rng.choice((500, 2500, 5000, 10000, 15000, 24000, 45000, 90000)),
        "awardDate": award.isoformat() + ("T00:00:00+00:00" if rng.random() < 0.5 else ""),
        "recipientOrganization": [
            {
                "id": f"360G-GENERATED-ORG-{rng.randrange(5000)}",
                "name": name.format(town=town),
                "postalCode": rng.choice(("LS1 1AA", "CF10 1AA", "EH1 1AA", "BT1 1AA", "")),
            }
        ],
        "fundingOrganization": [
            {"id": f"360G-GENERATED-FUNDER-{funder}", "name": f"Generated funder {funder}"}
        ],
        "grantProgramme": [{"title": rng.choice(("Open grants", "Community", "Health"))}],
    }
    if rng.random() < 0.8:
        months = rng.choice((6, 12, 12, 24, 36, 36, 48))
        start = award + dt.timedelta(days=30)
        end = start + dt.timedelta(days=round(months * 30.4375) - 1)
        planned: dict[str, Any] = {"startDate": start.isoformat(), "endDate": end.isoformat()}
        if rng.random() < 0.7:
            planned["duration"] = months
        grant["plannedDates"] = [planned]
    if rng.random() < 0.6:
        code, place, code_type = rng.choice(_PLACES)
        grant["beneficiaryLocation"] = [{"name": place, "geoCode": code, "geoCodeType": code_type}]
    elif rng.random() < 0.3:  # some publishers place only the recipient
        code, place, code_type = rng.choice(_PLACES)
        where = {"name": place, "geoCode": code, "geoCodeType": code_type, "countryCode": "GB"}
        grant["recipientOrganization"][0]["location"] = [where]
    return grant


def generate_grants(count: int, *, seed: int = 0, funder: int = 1) -> Iterator[dict[str, Any]]:
    """``count`` invented grants with real shapes, from generated funder ``funder``.

    >>> [g["id"] for g in generate_grants(2, seed=1)]
    ['360G-GENERATED-1-0', '360G-GENERATED-1-1']
    """
    rng = random.Random(f"{seed}-{funder}")
    for number in range(count):
        yield _grant(rng, funder, number)


def write_packages(
    folder: str | os.PathLike[str], *, files: int, grants: int, seed: int = 0
) -> list[Path]:
    """Write ``files`` generated packages of ``grants`` grants each into ``folder``, streamed.

    >>> import tempfile
    >>> [p.name for p in write_packages(tempfile.mkdtemp(), files=2, grants=3)]
    ['generated-000.json', 'generated-001.json']
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(files):
        path = out / f"generated-{index:03d}.json"
        with path.open("w", encoding="utf-8") as handle:
            handle.write('{"publisher": {"name": "generated test data, not a funder"},\n')
            handle.write(' "grants": [\n')
            for number, grant in enumerate(generate_grants(grants, seed=seed, funder=index + 1)):
                handle.write((",\n" if number else "") + json.dumps(grant))
            handle.write("\n]}\n")
        paths.append(path)
    return paths

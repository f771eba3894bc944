"""The picture's measures, computed in DuckDB over the selected grants' Parquet files.

Every :class:`Table` says what it counts out of (``denominator``) and lists the grants it could
not place as their own row (*not stated*), so nothing unknown is silently dropped.  The SQL is
plain: run it yourself on the Parquet output (``docs/picture.md`` shows how).
"""

from __future__ import annotations

import decimal
import os
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from valuing_involvement._money import pounds
from valuing_involvement.picture._areas import RECIPIENT
from valuing_involvement.picture._deps import need
from valuing_involvement.reference import FIGURES

__all__ = ["NOT_REPORTED", "Table", "measure_tables"]


@attrs.frozen(kw_only=True)
class Table:
    """One measure: its rows, what it counts out of, and the guideline or finding it answers.

    >>> Table(key="k", title="T", citation="§2.8", denominator="of 3 grants",
    ...       columns=("a",), rows=((1,),)).rows
    ((1,),)
    """

    key: str
    title: str
    citation: str
    denominator: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    notes: tuple[str, ...] = ()


#: What the data cannot show, and what it would need: reported as such, never estimated.
NOT_REPORTED: tuple[tuple[str, str], ...] = (
    (
        "Whether users or carers run or lead the group (G1(b), §2.1)",
        "who sits on the group's committee and who decides; 360Giving publishes no governance",
    ),
    (
        "Whether a grant meets the full cost of the work",
        "the work's whole budget beside the grant; 360Giving publishes only the amount awarded",
    ),
    (
        "Whole-area spend against §2.9's ranges",
        (
            "every funder in a commissioning area, statutory commissioners included, with a local "
            "authority code on each grant; the files read are a few funders, not an area"
        ),
    ),
    (
        "Contracts, monitoring and business plans (§2.15, §2.16)",
        "the agreement's terms; 360Giving records the award, not the agreement",
    ),
    (
        "Renewals and continuity beyond the planned dates (G3(d))",
        "the funder's renewal decisions; a renewable grant is published as one award",
    ),
)

_BANDS = ("under 12 months", "12-35 months", "36 months or more", "not stated")
_GBP = "currency = 'GBP' AND amount IS NOT NULL"


def _money(value: object) -> str:
    if value is None:
        return "—"
    return pounds(decimal.Decimal(str(value)).quantize(decimal.Decimal(1)))[:-3]


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def _figure(key: str) -> Any:
    return next(f for f in FIGURES if f.key == key)


class _Query:
    def __init__(self, files: Sequence[str]) -> None:
        duckdb = need("duckdb")
        self.con = duckdb.connect(":memory:")
        self.con.execute("SET threads TO 2")
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        self.con.execute(f"CREATE VIEW g AS SELECT * FROM read_parquet([{listed}])")

    def all(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.con.execute(sql).fetchall()]

    def one(self, sql: str) -> Any:
        return self.con.execute(sql).fetchone()[0]


def _overview(q: _Query, read: int | None) -> Table:
    n = q.one("SELECT count(*) FROM g")
    gbp = q.one(f"SELECT count(*) FROM g WHERE {_GBP}")
    spend = q.one(f"SELECT sum(amount) FROM g WHERE {_GBP}")
    funders = q.one("SELECT count(DISTINCT coalesce(funder_id, funder_name)) FROM g")
    with_id = q.one("SELECT count(DISTINCT recipient_id) FROM g")
    no_id = q.one("SELECT count(*) FROM g WHERE recipient_id IS NULL")
    rows = [
        ("grants selected", n, f"of {read} grants read" if read is not None else ""),
        ("grants with an amount in pounds", gbp, f"of {n} selected"),
        ("amount awarded, in pounds", _money(spend), f"over {gbp} grants"),
        ("funders", funders, f"among {n} selected"),
        ("recipients with an org-id", with_id, f"{no_id} grants name no recipient org-id"),
    ]
    return Table(
        key="overview",
        title="What was found",
        citation="",
        denominator=f"{n} selected grants" + (f" of {read} read" if read is not None else ""),
        columns=("measure", "value", "out of"),
        rows=tuple(rows),
    )


def _length(q: _Query) -> tuple[Table, dict[str, int]]:
    found = {
        band: (count, spend)
        for band, count, spend in q.all(
            f"SELECT length_band, count(*), sum(amount) FILTER (WHERE {_GBP}) FROM g GROUP BY 1"
        )
    }
    n = sum(count for count, _ in found.values())
    stated = n - found.get("not stated", (0, None))[0]
    rows = []
    for band in _BANDS:
        count, spend = found.get(band, (0, None))
        share = _pct(count, stated) if band != "not stated" else "—"
        rows.append((band, count, _pct(count, n), share, _money(spend)))
    table = Table(
        key="length",
        title="Grants and spend by planned length",
        citation="G3(d), §2.12",
        denominator=f"{n} selected grants; {stated} state a planned length",
        columns=("length", "grants", "share of all", "share of stated", "amount"),
        rows=tuple(rows),
        notes=(
            (
                "Length is the published duration in months, else the months from planned start "
                "to planned end; a grant publishing neither is 'not stated', never guessed."
            ),
        ),
    )
    return table, {band: found.get(band, (0, None))[0] for band in _BANDS}


def _funders(q: _Query) -> tuple[Table, tuple[int, int]]:
    counts = q.all(
        "SELECT n_funders, count(*) FROM (SELECT recipient_id, "
        "count(DISTINCT coalesce(funder_id, funder_name)) AS n_funders FROM g "
        "WHERE recipient_id IS NOT NULL GROUP BY 1) GROUP BY 1 ORDER BY 1"
    )
    recipients = sum(c for _, c in counts)
    several = sum(c for k, c in counts if k > 1)
    no_id = q.one("SELECT count(*) FROM g WHERE recipient_id IS NULL")
    table = Table(
        key="funders",
        title="Recipients funded by more than one funder in the data",
        citation="§2.8",
        denominator=f"{recipients} recipients with an org-id; {no_id} grants without one left out",
        columns=("funders in the data", "recipients", "share"),
        rows=(
            ("one", recipients - several, _pct(recipients - several, recipients)),
            ("more than one", several, _pct(several, recipients)),
        ),
        notes=(
            (
                "Only the funders whose files were read can show up: a group's other sources "
                "(statutory money above all) are invisible here, so this is a floor."
            ),
        ),
    )
    return table, (several, recipients)


def _size(q: _Query) -> Table:
    user = _figure("user-group-budget")
    low, high = user.low, user.high
    rows = q.all(
        "SELECT CASE WHEN annual_amount IS NULL THEN 'not known' "
        f"WHEN annual_amount < {low} THEN 'under {_money(low)}' "
        f"WHEN annual_amount <= {high} THEN '{_money(low)}–{_money(high)}' "
        f"ELSE 'over {_money(high)}' END AS band, count(*), "
        "median(annual_amount) FROM g GROUP BY 1"
    )
    order = [f"under {_money(low)}", f"{_money(low)}–{_money(high)}", f"over {_money(high)}"]
    by_band = {band: (count, median) for band, count, median in rows}
    n = sum(count for count, _ in by_band.values())
    known = n - by_band.get("not known", (0, None))[0]
    body = [
        (band, by_band.get(band, (0, None))[0], _pct(by_band.get(band, (0, None))[0], known))
        for band in order
    ]
    body.append(("not known", by_band.get("not known", (0, None))[0], "—"))
    return Table(
        key="size",
        title="Amount a year per grant, set beside §2.9's area-wide range for user groups",
        citation="§2.9",
        denominator=f"{n} selected grants; {known} in pounds with a planned length",
        columns=("amount a year", "grants", "share of known"),
        rows=tuple(body),
        notes=(
            (
                f"§2.9's {_money(low)}–{_money(high)} a year is what a whole commissioning area "
                "spent on all its user groups together (7 commissioners answered), not the price "
                "of one grant: the bands only place each grant beside it."
            ),
            "Amount a year = amount awarded ÷ planned months × 12, only where both are published.",
        ),
    )


def _by_year(q: _Query) -> Table:
    rows = q.all(
        "SELECT coalesce(CAST(award_year AS VARCHAR), 'not stated'), count(*), "
        f"sum(amount) FILTER (WHERE {_GBP}), median(amount) FILTER (WHERE {_GBP}), "
        "count(*) FILTER (WHERE length_band <> 'not stated'), "
        "count(*) FILTER (WHERE length_band = '36 months or more') "
        "FROM g GROUP BY 1 ORDER BY 1"
    )
    n = sum(r[1] for r in rows)
    return Table(
        key="years",
        title="By year of award",
        citation="G3(d)",
        denominator=f"{n} selected grants; the 36-month share is of grants stating a length",
        columns=("year", "grants", "amount", "median grant", "3 years or more"),
        rows=tuple(
            (year, count, _money(spend), _money(median), f"{long} of {stated}")
            for year, count, spend, median, stated, long in rows
        ),
    )


def _by_funder(q: _Query) -> Table:
    rows = q.all(
        "SELECT coalesce(funder_name, funder_id, 'not stated'), coalesce(funder_id, ''), "
        f"count(*), sum(amount) FILTER (WHERE {_GBP}), "
        "count(DISTINCT recipient_id), "
        "count(*) FILTER (WHERE length_band <> 'not stated'), "
        "count(*) FILTER (WHERE length_band = '36 months or more') "
        "FROM g GROUP BY 1, 2 ORDER BY 3 DESC, 1"
    )
    n = sum(r[2] for r in rows)
    return Table(
        key="by-funder",
        title="By funder",
        citation="",
        denominator=f"{n} selected grants",
        columns=("funder", "org-id", "grants", "amount", "recipients", "3 years or more"),
        rows=tuple(
            (name, org, count, _money(spend), recipients, f"{long} of {stated}")
            for name, org, count, spend, recipients, stated, long in rows
        ),
    )


def _by_area(q: _Query) -> tuple[Table, Table]:
    rows = q.all(
        "SELECT coalesce(area, 'not stated'), coalesce(area_level, 'not stated'), count(*), "
        f"sum(amount) FILTER (WHERE {_GBP}), "
        "count(*) FILTER (WHERE length_band <> 'not stated'), "
        "count(*) FILTER (WHERE length_band = '36 months or more') "
        "FROM g GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"
    )
    n = sum(r[2] for r in rows)
    stated = n - sum(r[2] for r in rows if r[1] == "not stated")
    by_recipient = q.one(f"SELECT count(*) FROM g WHERE area_from = '{RECIPIENT}'")
    area = Table(
        key="by-area",
        title="By area (English region, UK country, or wider)",
        citation="",
        denominator=f"{n} selected grants; {stated} with a location code",
        columns=("area", "level", "grants", "amount", "3 years or more"),
        rows=tuple(
            (name, level, count, _money(spend), f"{long} of {with_length}")
            for name, level, count, spend, with_length, long in rows
        ),
        notes=(
            (
                "The area is the finest one holding every coded location of a grant: London "
                "from any London code (a borough, Inner or Outer London, an Assembly seat, the "
                "region), another English region from its region code (E12), a UK country from "
                "the GSS code's first letter, else the country code. The region of a local "
                "authority outside London needs ONS's lookup, which the library does not ship: "
                "such grants are counted under their country, England. A location given by name "
                "only is 'not stated' here and listed by name in the next table."
            ),
            (
                f"{by_recipient} of the {stated} are placed by the recipient's own location, "
                "their grants giving no coded beneficiary location."
            ),
        ),
    )
    places = q.all(
        "SELECT coalesce(location, 'not stated'), count(*) FROM g GROUP BY 1 "
        "ORDER BY 2 DESC, 1 LIMIT 15"
    )
    postcodes = q.all(
        "SELECT coalesce(postcode_area, 'not stated'), count(*) FROM g GROUP BY 1 "
        "ORDER BY 2 DESC, 1 LIMIT 15"
    )
    width = max(len(places), len(postcodes))
    named = Table(
        key="places",
        title="Beneficiary locations by name, and recipients' postcode areas (top 15 each)",
        citation="",
        denominator=f"{n} selected grants",
        columns=("beneficiary location", "grants", "recipient postcode area", "grants"),
        rows=tuple(
            (
                *(places[i] if i < len(places) else ("", "")),
                *(postcodes[i] if i < len(postcodes) else ("", "")),
            )
            for i in range(width)
        ),
        notes=("A postcode area is where the recipient is based, not necessarily where it works.",),
    )
    return area, named


def _survey(bands: dict[str, int], several: tuple[int, int]) -> Table:
    groups = _figure("funding-length-groups").counts
    surveyed = sum(groups.values())
    survey_bands = {
        "under 12 months": sum(c for m, c in groups.items() if int(m) < 12),
        "12-35 months": sum(c for m, c in groups.items() if 12 <= int(m) < 36),
        "36 months or more": sum(c for m, c in groups.items() if int(m) >= 36),
    }
    stated = sum(bands[b] for b in _BANDS[:3])
    rows: list[tuple[Any, ...]] = [
        (
            f"funded for {band}",
            f"{bands[band]} of {stated} grants stating a length ({_pct(bands[band], stated)})",
            f"{count} of {surveyed} groups' funded projects ({_pct(count, surveyed)})",
            "§2.12",
        )
        for band, count in survey_bands.items()
    ]
    count, recipients = several
    rows.append(
        (
            "more than one source of funding",
            (
                f"{count} of {recipients} recipients with an org-id ({_pct(count, recipients)}), "
                "counting only funders in the data"
            ),
            "23 of 29 groups had a mix of sources (79%)",
            "§2.8",
        )
    )
    return Table(
        key="survey",
        title="Side by side with the 2006-07 survey (each with its own denominator)",
        citation="§2.8, §2.12",
        denominator="the data's grants or recipients; the survey's groups — never pooled",
        columns=("measure", "in the data", "in the survey", "source"),
        rows=tuple(rows),
        notes=(
            (
                "The survey heard from 29 groups, mostly in London, in 2006-07; the data are the "
                "published grants of the funders read. The two describe different populations."
            ),
        ),
    )


def measure_tables(files: Iterable[str | os.PathLike[str]], *, read: int | None) -> list[Table]:
    """Every measure over the selected grants in the Parquet ``files``.

    ``read`` is how many grants were read to select them (the first denominator), if known.

    >>> import tempfile, pathlib
    >>> from valuing_involvement.picture._store import write_parquet
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "none.parquet"
    >>> _ = write_parquet([], out)
    >>> [t.key for t in measure_tables([out], read=0)][:3]
    ['overview', 'length', 'funders']
    """
    q = _Query([os.fspath(f) for f in files])
    length, bands = _length(q)
    funders, several = _funders(q)
    area, places = _by_area(q)
    return [
        _overview(q, read),
        length,
        funders,
        _size(q),
        _by_year(q),
        _by_funder(q),
        area,
        places,
        _survey(bands, several),
    ]

"""Show a :class:`~valuing_involvement.picture.Picture`: terminal text, JSON, CSV, HTML (private).

The HTML report is one self-contained file: its charts are inline PNG images, its style is
inline, and it loads nothing from anywhere.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
from typing import Any

from valuing_involvement import _html
from valuing_involvement._csvcell import safe
from valuing_involvement._version import __version__
from valuing_involvement.picture._pipeline import Picture
from valuing_involvement.picture.measures import Table
from valuing_involvement.reference import FIGURES

__all__ = ["to_csv", "to_data", "to_html", "to_text"]

_INTRO = (
    "This report reads grants published in the 360Giving Data Standard, picks out those that "
    "appear to go to mental health service user and carer groups, and sets them against what "
    "the Valuing Involvement commissioning guidelines (NIMHE/CSIP, 2007) ask of funders: "
    "funding long enough to plan (G3(d)), a mix of funders, and a sense of scale. Every figure "
    "says what it counts out of; what the data cannot show is listed at the end with what it "
    "would need."
)
_MATCH = (
    "A grant is picked out when words in its recipient's name, title, description, "
    "classification or programme weigh enough in the matcher's table of terms (or its "
    "recipient is on a list supplied); the selected-grants file keeps the reason for each. "
    "The matcher can be wrong both ways. On 60 grants labelled by hand after its terms were "
    "fixed, 74% of those it picked were right (precision) and it found 93% of those it "
    "should have (recall); docs/picture.md gives the details and the samples."
)


def _files(picture: Picture) -> Table:
    return Table(
        key="files",
        title="Files read",
        citation="",
        denominator=f"{picture.read} grants read in {len(picture.files)} files",
        columns=("file", "grants read", "selected"),
        rows=tuple(picture.files),
    )


def _all_tables(picture: Picture) -> list[Table]:
    return [_files(picture), *picture.tables]


def to_data(picture: Picture, *, caveat: str = "") -> dict[str, Any]:
    """The picture as plain JSON-ready data: tables with their denominators, and the gaps."""
    return {
        "caveat": caveat,
        "read": picture.read,
        "selected": picture.selected,
        "parquet": picture.parquet,
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "citation": t.citation,
                "denominator": t.denominator,
                "columns": list(t.columns),
                "rows": [list(r) for r in t.rows],
                "notes": list(t.notes),
            }
            for t in _all_tables(picture)
        ],
        "not_reported": [{"measure": m, "would_need": n} for m, n in picture.not_reported],
    }


def to_json(picture: Picture, *, caveat: str = "") -> str:
    """The picture as JSON text."""
    return json.dumps(to_data(picture, caveat=caveat), indent=2, ensure_ascii=False, default=str)


def to_csv(picture: Picture, *, caveat: str = "") -> str:
    """Every table as long CSV: table, denominator, row number, column, value."""
    out = io.StringIO()
    # Lines end in CRLF, as RFC 4180 has it: the writer then quotes any cell holding a bare CR
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["table", "citation", "denominator", "row", "column", "value"])
    if caveat:
        writer.writerow(["caveat", "", "", "", "", safe(caveat)])
    for t in _all_tables(picture):
        for number, values in enumerate(t.rows, start=1):
            for column, value in zip(t.columns, values, strict=True):
                # funders' and areas' names come from the published data: no cell may run
                writer.writerow([t.key, t.citation, t.denominator, number, column, safe(value)])
    for number, (measure, need) in enumerate(picture.not_reported, start=1):
        writer.writerow(["not-reported", "", "", number, measure, need])
    return out.getvalue()


def _text_table(t: Table) -> list[str]:
    cells = [list(map(str, t.columns)), *[[str(v) for v in r] for r in t.rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(t.columns))]
    head = t.title + (f" ({t.citation})" if t.citation else "")
    lines = [head, f"  out of: {t.denominator}"]
    for number, row in enumerate(cells):
        lines.append(
            ("  " + "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True))).rstrip()
        )
        if number == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    lines.extend(f"  note: {note}" for note in t.notes)
    return lines


def to_text(picture: Picture, *, caveat: str = "") -> str:
    """A terminal summary: every table, then what the data cannot show."""
    lines = [f"CAVEAT: {caveat}", ""] if caveat else []
    for t in _all_tables(picture):
        if t.key == "places":
            continue
        lines.extend([*_text_table(t), ""])
    lines.append("Not reported (the data cannot show it):")
    lines.extend(f"  - {measure}: would need {need}" for measure, need in picture.not_reported)
    if picture.parquet:
        lines.append(f"Selected grants written to {picture.parquet} (query them with DuckDB).")
    return "\n".join(lines) + "\n"


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _charts(picture: Picture) -> list[tuple[str, str]]:
    try:
        # A bare Figure draws with no backend chosen: the caller's matplotlib (its backend,
        # pyplot's state) is left exactly as it was.
        from matplotlib.figure import Figure  # noqa: PLC0415 -- an optional extra
    except ImportError:  # pragma: no cover - matplotlib is in the test extra
        return []
    charts = []
    length = picture.table("length").rows[:3]
    stated = sum(int(r[1]) for r in length)
    labels = [str(r[0]) for r in length]
    data = [int(r[1]) / stated * 100 if stated else 0 for r in length]
    # the survey's funded projects by length (§2.12), in the same three bands
    groups = next(f for f in FIGURES if f.key == "funding-length-groups").counts
    base = sum(groups.values())
    surveyed = [
        sum(c for m, c in groups.items() if int(m) < 12),
        sum(c for m, c in groups.items() if 12 <= int(m) < 36),
        sum(c for m, c in groups.items() if int(m) >= 36),
    ]
    reference = [c / base * 100 for c in surveyed]
    figure = Figure(figsize=(6.4, 3.2))
    ax = figure.subplots()
    xs = range(len(labels))
    ax.bar([x - 0.2 for x in xs], data, width=0.4, label=f"grants in the data (of {stated})")
    ax.bar([x + 0.2 for x in xs], reference, width=0.4, label=f"2006-07 survey (of {base})")
    ax.set_xticks(list(xs), labels)
    ax.set_ylabel("% of its own total")
    ax.set_title("Planned length of funding (G3(d), §2.12)")
    ax.legend(fontsize="small")
    charts.append(("Planned length: each bar is a share of its own total", _png(figure)))
    years = [r for r in picture.table("years").rows if str(r[0]).isdigit()]
    if years:
        figure = Figure(figsize=(6.4, 3.2))
        ax = figure.subplots()
        names = [str(r[0]) for r in years]
        ax.bar(names, [int(r[1]) for r in years], label="grants selected")
        ax.bar(names, [int(str(r[4]).split(" of ")[0]) for r in years], label="of which 36+ months")
        ax.set_ylabel("grants")
        ax.set_title("Grants by year of award")
        ax.tick_params(axis="x", labelrotation=45)
        ax.legend(fontsize="small")
        charts.append(
            ("Grants by year of award, with those planned for 3 years or more", _png(figure))
        )
    return charts


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eef}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
.caveat{background:#fff4d6;border:1px solid #e0b84c;padding:.5rem 1rem}
.den{color:#555;font-size:.9rem}
.note{color:#555;font-size:.9rem;margin:.1rem 0}
figure{margin:1rem 0}
"""


def _html_table(t: Table) -> str:
    head = f"{t.title} ({t.citation})" if t.citation else t.title
    notes = "".join(f'<p class="note">{_html.cell(n)}</p>' for n in t.notes)
    return (
        f'<section id="{_html.cell(t.key)}">'
        + _html.table(t.columns, t.rows, caption=head)
        + f'<p class="den">Out of: {_html.cell(t.denominator)}</p>{notes}</section>'
    )


def to_html(picture: Picture, *, caveat: str = "", today: dt.date | None = None) -> str:
    """One self-contained HTML page: the purpose, charts, every table and the gaps."""
    title = "Grants to mental health user and carer groups: the published picture"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_html.cell(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_html.cell(title)}</h1>",
    ]
    if caveat:
        parts.append(f'<p class="caveat"><strong>Caveat:</strong> {_html.cell(caveat)}</p>')
    parts.append(f"<p>{_html.cell(_INTRO)}</p><p>{_html.cell(_MATCH)}</p>")
    parts.append(
        f"<p><strong>{picture.selected}</strong> of <strong>{picture.read}</strong> grants "
        f"read were selected, from {len(picture.files)} file(s).</p>"
    )
    for alt, png in _charts(picture):
        parts.append(
            f'<figure><img alt="{_html.cell(alt)}" src="data:image/png;base64,{png}">'
            f"<figcaption>{_html.cell(alt)}</figcaption></figure>"
        )
    parts.extend(_html_table(t) for t in _all_tables(picture))
    parts.append("<h2>What the data cannot show</h2>")
    parts.append(
        _html.table(("measure", "what it would need"), picture.not_reported, caption="Not reported")
    )
    stamp = f" on {today.isoformat()}" if today else ""
    parts.append(
        f'<p class="den">Made with valuing-involvement {_html.cell(__version__)}{stamp}.</p>'
        "</body></html>"
    )
    return "\n".join(parts) + "\n"

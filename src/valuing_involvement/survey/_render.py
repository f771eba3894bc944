"""Chapter 2 as text, JSON, CSV, HTML with charts, and a pandas frame (private)."""

from __future__ import annotations

import base64
import csv
import html
import io
from typing import TYPE_CHECKING, Any

from valuing_involvement._csvcell import safe
from valuing_involvement._money import pounds

if TYPE_CHECKING:
    from valuing_involvement.survey._results import Line, Report, Table

CSV_COLUMNS = (
    "measure",
    "citation",
    "question",
    "denominator",
    "category",
    "n",
    "N",
    "n_2007",
    "N_2007",
)


def _share(count: int | None, total: int) -> str:
    if count is None:
        return "not stated"
    if not total:
        return f"{count} of {total}"
    return f"{count} of {total} ({count / total:.0%})"


def _words(category: str) -> str:
    return category.replace("_", " ")


def _heading(chapter: Report) -> str:
    return (
        f"Chapter 2 again: {chapter.groups} groups and {chapter.commissioners} commissioners "
        "answered (2006-07: 29 groups, 12 commissioners)"
    )


def text(chapter: Report) -> str:
    """Plain text, one block a measure."""
    out = [_heading(chapter), ""]
    for table in chapter.tables:
        out.append(f"{table.citation} {table.description} ({table.source}; {table.base})")
        width = max(len(line.category) for line in table.lines) if table.lines else 0
        out.append(f"  {'':{width}}  {'now':>18}  {'2006-07':>18}")
        out.extend(
            f"  {_words(line.category):{width}}  {_share(line.count, table.total):>18}  "
            f"{_share(line.reference, table.reference_total):>18}"
            for line in table.lines
        )
        out.append("")
    if chapter.budget is not None:
        budget = chapter.budget
        now = (
            "none given"
            if budget.low is None or budget.high is None
            else f"{pounds(budget.low)}–{pounds(budget.high)} ({budget.count} gave an amount)"
        )
        out += [
            f"{budget.citation} {budget.description} (commissioners' Q15a)",
            f"  now: {now}",
            (
                f"  2006-07: {pounds(budget.reference_low)}–{pounds(budget.reference_high)} "
                f"({budget.reference_base})"
            ),
            "",
        ]
    if chapter.own_view:
        out.append("§2.2 Groups' own view (groups' Q1) against the class their facts give (G1(b))")
        out += [
            f"  says {cell.own_view}, facts give {cell.computed}: {cell.count}"
            for cell in chapter.own_view
        ]
        out.append("")
    if chapter.free_text:
        out.append("Free-text answers")
        out += [
            f"  {t.kind.value}' {t.question}, {t.respondent}: {t.text}" for t in chapter.free_text
        ]
        out.append("")
    return "\n".join(out)


def _line_json(line: Line) -> dict[str, Any]:
    return {"category": line.category, "n": line.count, "n_2007": line.reference}


def _table_json(table: Table) -> dict[str, Any]:
    return {
        "measure": table.key,
        "citation": table.citation,
        "description": table.description,
        "question": table.source,
        "denominator": table.denominator.value,
        "N": table.total,
        "N_2007": table.reference_total,
        "lines": [_line_json(line) for line in table.lines],
    }


def json_data(chapter: Report) -> dict[str, Any]:
    """JSON-ready data: amounts as strings, "not stated" as ``null``."""
    data: dict[str, Any] = {
        "groups": chapter.groups,
        "commissioners": chapter.commissioners,
        "tables": [_table_json(table) for table in chapter.tables],
        "own_view": [
            {"own_view": c.own_view, "computed": c.computed, "n": c.count} for c in chapter.own_view
        ],
    }
    if chapter.budget is not None:
        budget = chapter.budget
        data["budget"] = {
            "measure": budget.key,
            "citation": budget.citation,
            "n": budget.count,
            "low": None if budget.low is None else str(budget.low),
            "high": None if budget.high is None else str(budget.high),
            "low_2007": str(budget.reference_low),
            "high_2007": str(budget.reference_high),
        }
    if chapter.free_text:
        data["free_text"] = [
            {
                "questionnaire": t.kind.value,
                "question": t.question,
                "respondent": t.respondent,
                "text": t.text,
            }
            for t in chapter.free_text
        ]
    return data


def _rows(chapter: Report) -> list[tuple[object, ...]]:
    return [
        (
            table.key,
            table.citation,
            table.source,
            table.denominator.value,
            line.category,
            line.count,
            table.total,
            line.reference,
            table.reference_total,
        )
        for table in chapter.tables
        for line in table.lines
    ]


def csv_text(chapter: Report) -> str:
    """One row a category; a 2007 count the source does not state is left blank.

    A cell a spreadsheet would run as a formula gets a leading quote (see ``_csvcell``).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(["" if v is None else safe(v) for v in row] for row in _rows(chapter))
    return out.getvalue()


def frame(chapter: Report) -> Any:  # noqa: ANN401 -- pandas is optional
    """The CSV rows as a DataFrame; a 2007 count not stated is ``<NA>``."""
    try:
        import pandas as pd  # noqa: PLC0415 -- optional, imported only when asked for
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = 'a frame needs pandas: pip install "valuing-involvement[pandas]"'
        raise ImportError(msg) from exc
    result = pd.DataFrame(_rows(chapter), columns=list(CSV_COLUMNS))
    result["n_2007"] = result["n_2007"].astype("Int64")
    return result


def _chart(table: Table) -> str:
    """A bar chart of shares now and in 2007, as an inline ``<img>`` of SVG."""
    from matplotlib.figure import Figure  # noqa: PLC0415 -- optional, imported only when drawn

    categories = [_words(line.category) for line in table.lines]
    figure = Figure(figsize=(6.4, 0.5 + 0.45 * len(categories)))
    ax = figure.subplots()
    rows = range(len(categories))
    now = [line.count / table.total if table.total else 0 for line in table.lines]
    then = [
        (line.reference or 0) / table.reference_total if table.reference_total else 0
        for line in table.lines
    ]
    ax.barh([r - 0.2 for r in rows], then, height=0.4, color="#bdbdbd", label="2006-07")
    ax.barh([r + 0.2 for r in rows], now, height=0.4, color="#2c7bb6", label="now")
    ax.set_yticks(list(rows), categories)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    ax.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    data = base64.b64encode(buffer.getvalue().encode("utf-8")).decode("ascii")
    alt = "; ".join(
        f"{line.category}: {_share(line.count, table.total)} now, "
        f"{_share(line.reference, table.reference_total)} in 2006-07"
        for line in table.lines
    )
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}">'


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:50em;margin:auto;padding:1em;"
    "line-height:1.5}table{border-collapse:collapse;margin:0.5em 0}"
    "th,td{border:1px solid #999;padding:0.2em 0.6em;text-align:left}"
    "td.n{text-align:right}img{max-width:100%;height:auto}"
)


def _table_html(table: Table, *, charts: bool) -> str:
    rows = "".join(
        f"<tr><th scope=row>{html.escape(_words(line.category))}</th>"
        f"<td class=n>{_share(line.count, table.total)}</td>"
        f"<td class=n>{_share(line.reference, table.reference_total)}</td></tr>"
        for line in table.lines
    )
    chart = _chart(table) if charts and table.lines else ""
    return (
        f"<section><h2>{html.escape(table.citation)} {html.escape(table.description)}</h2>"
        f"<p>{html.escape(table.source)}, counted {html.escape(table.base)}.</p>"
        f"<table><thead><tr><th scope=col>answer</th><th scope=col>now</th>"
        f"<th scope=col>2006-07</th></tr></thead><tbody>{rows}</tbody></table>{chart}</section>"
    )


def html_page(chapter: Report, *, charts: bool) -> str:
    """A self-contained page: inline style, charts as inline images, nothing fetched."""
    parts = [_table_html(table, charts=charts) for table in chapter.tables]
    budget = chapter.budget
    if budget is not None and budget.low is not None and budget.high is not None:
        parts.append(
            f"<section><h2>{budget.citation} {html.escape(budget.description)}</h2><p>Now: "
            f"{pounds(budget.low)}–{pounds(budget.high)} ({budget.count} gave an "
            f"amount). 2006-07: {pounds(budget.reference_low)}–{pounds(budget.reference_high)} "
            f"({html.escape(budget.reference_base)}).</p></section>"
        )
    if chapter.own_view:
        rows = "".join(
            f"<tr><td>{html.escape(c.own_view)}</td><td>{html.escape(c.computed)}</td>"
            f"<td class=n>{c.count}</td></tr>"
            for c in chapter.own_view
        )
        parts.append(
            "<section><h2>§2.2 Groups' own view against the class their facts give</h2>"
            "<table><thead><tr><th scope=col>group says (Q1)</th><th scope=col>facts give "
            f"(G1(b))</th><th scope=col>groups</th></tr></thead><tbody>{rows}</tbody></table>"
            "</section>"
        )
    if chapter.free_text:
        items = "".join(
            f"<li>{html.escape(t.kind.value)}' {html.escape(t.question)}, "
            f"{html.escape(t.respondent)}: {html.escape(t.text)}</li>"
            for t in chapter.free_text
        )
        parts.append(f"<section><h2>Free-text answers</h2><ul>{items}</ul></section>")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Chapter 2 again</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(_heading(chapter))}</h1>{''.join(parts)}</body></html>\n"
    )

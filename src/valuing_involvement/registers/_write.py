"""Writing a register: titled columns, help for each, an example row, CSV cells made safe.

Every workbook, a template or a register written by the library, gets an "About" sheet saying
how to fill it in, a comment on each column title (what it means, the values it takes, an
example, the guideline it serves) and drop-down lists for fixed values; a template also gets
an example row the reader skips.  A CSV template gets the same help in a ``README.txt``
beside its files, and every cell that a spreadsheet would run as a formula is
neutralised (see ``_csvcell``) (private).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from valuing_involvement._csvcell import safe
from valuing_involvement._meanings import MEANINGS
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.registers._cells import EMPTY_LIST, allowed, text_of, words
from valuing_involvement.registers._layouts import COUNTS, counts_of
from valuing_involvement.registers._model import Register
from valuing_involvement.registers._read import EXAMPLE
from valuing_involvement.registers._schema import (
    SHEETS,
    Node,
    column_node,
    columns,
    join,
    pattern_of,
    sheet_node,
)
from valuing_involvement.registers._titles import COUNT_HELP, COUNT_TITLES, title_of
from valuing_involvement.serialization import to_data

__all__ = ["LAYOUTS", "help_of", "template", "write_register"]

#: The ways a groups sheet may give a committee: member by member, or as counts.
LAYOUTS = ("members", "counts")
_CHOICES_SHEET = "choices"
_ABOUT_SHEET = "About"
_TEMPLATE_ITEMS = 3
_VALIDATED_ROWS = 1000
_MEMBERS = "decision_body.members"
_EXAMPLES: Mapping[str, Mapping[str, str]] = {
    "groups": {
        "name": f"{EXAMPLE} Lowmoor Voices",
        "constituency": "Service users",
        "decision_body.kind": "Management committee",
        "decision_body.counts.voting_service_users": "5",
        "decision_body.counts.voting_carers": "1",
        "decision_body.counts.non_voting_paid_workers": "1",
        "decision_body.members.1.roles": "Service user",
        "decision_body.members.1.voting": "yes",
        "controls": "Money; Personnel; Policy",
        "reference": "LV-01",
    },
    "agreements": {
        "commissioner": f"{EXAMPLE} Lowmoor PCT",
        "kind": "Contract",
        "amount_per_year": "£12,000",
        "period.start": "01/04/2008",
        "period.end": "31/03/2011",
        "reference": "LPCT-2008-07",
        "group_reference": "LV-01",
        "aims.1": "Members shape the crisis service",
    },
    "portfolio": {
        "commissioner.name": f"{EXAMPLE} Lowmoor PCT",
        "strategy.written": "yes",
    },
}


def help_of(sheet: str, column: str) -> str:
    """What a column means and what to write in it, from the field reference.

    >>> help_of("groups", "controls").split(". ")[0]
    'The key decisions it takes itself (§2.1); a domain left out is taken by someone else'
    >>> help_of("agreements", "terms").split("; ")[1].split(". ")[0]
    'empty when not stated (as in a 360Giving grant), (none) when none'
    """
    if column in COUNT_TITLES:
        return (
            f"How many {COUNT_HELP[column]} sit on the committee or other decision-making body: "
            "a whole number such as 3. Leave every count empty when the committee is not known. "
            "G1(b)."
        )
    found = column_node(sheet, column)
    if found is None:
        return ""
    node, field = found
    meaning = MEANINGS.get(field, "")
    words_of = (("`null`", "empty"), ("`[]`", EMPTY_LIST), ("`false`", "no"), ("`true`", "yes"))
    for code, word in (*words_of, ("`", "")):
        meaning = meaning.replace(code, word)
    if node.marker:
        return "Write yes when this part is recorded but every column of it is empty."
    text = meaning[:1].upper() + meaning[1:] + ". " if meaning else ""
    text += f"Write {allowed(node)}."
    example = _EXAMPLES.get(sheet, {}).get(column)
    if example is not None and not example.startswith(EXAMPLE):
        text += f" Example: {example}."
    return text


class _AllCounts(dict[str, int]):
    """Item counts that start from a minimum (a template offers a few numbered columns)."""

    def __init__(self, minimum: int) -> None:
        super().__init__()
        self.minimum = minimum

    def __missing__(self, key: str) -> int:
        return self.minimum

    def get(self, key: str, default: Any = None) -> Any:  # noqa: ARG002 -- always the minimum
        return self[key]


def _cells(  # noqa: PLR0913, PLR0917 -- a recursive walk carries its position
    node: Node, data: Any, prefix: str, pattern: str, out: dict[str, Any], counts: dict[str, int]
) -> None:
    """Flatten one JSON value into ``out`` (column -> value), counting the items of each list."""
    if node.kind == "object":
        if data is None:
            return
        if node.marker:
            out[prefix] = True
        for name, sub, _ in node.fields:
            if name in data:
                _cells(sub, data[name], join(prefix, name), join(pattern, name), out, counts)
        return
    if node.kind == "items":
        if data is None:
            return
        assert node.item is not None  # noqa: S101 -- every list of items has its item node
        counts[pattern] = max(counts.get(pattern, 0), len(data))
        for index, item in enumerate(data, start=1):
            _cells(node.item, item, join(prefix, str(index)), join(pattern, "#"), out, counts)
        return
    out[prefix] = data


def _rows(
    sheet: str, records: Sequence[Any], *, layout: str, items: int = 0
) -> tuple[list[str], list[dict[str, Any]]]:
    """The sheet's columns and each record as JSON values by column."""
    node = sheet_node(sheet)
    counts: dict[str, int] = _AllCounts(items)
    rows: list[dict[str, Any]] = []
    for number, record in enumerate(records, start=2):
        data = to_data(record)
        out: dict[str, Any] = {}
        if layout == "counts" and sheet == "groups":
            body = data.get("decision_body")
            if body is not None:
                try:
                    out.update(counts_of(body["members"]))
                except ValueError as exc:
                    raise ValueError(
                        f"groups row {number}: {exc}; write layout='members'"
                    ) from None
                for column, *_ in COUNTS:
                    out.setdefault(column, 0)
                data = {**data, "decision_body": {**body, "members": []}}
        _cells(node, data, "", "", out, counts)
        rows.append(out)
    names = columns(node, "", counts)
    if layout == "counts" and sheet == "groups":
        names = [n for n in names if not n.startswith(f"{_MEMBERS}.")]
        at = names.index("decision_body.kind")
        names[at:at] = [column for column, *_ in COUNTS]
    return names, rows


def _text(sheet: str, column: str, data: Any, *, titles: bool) -> str:
    if column in COUNT_TITLES:
        return str(data)
    found = column_node(sheet, column)
    assert found is not None  # noqa: S101 -- columns come from the schema
    node = found[0]
    if node.marker:
        return ("yes" if titles else "true") if data else ""
    return text_of(node, data, titles=titles)


def _sheets(register: Register) -> dict[str, list[Any]]:
    for index, contract in enumerate(register.contracts):
        if contract.group is not None:
            raise ValueError(
                f"agreement {index} holds its group: a register names groups by group_reference"
            )
    sheets: dict[str, list[Any]] = {
        "groups": list(register.groups),
        "agreements": list(register.contracts),
    }
    if register.portfolio is not None:
        sheets["portfolio"] = [register.portfolio]
    return sheets


def write_register(
    register: Register | Portfolio,
    path: str | Path,
    *,
    format: str | None = None,  # noqa: A002 -- the command line's word
    layout: str = "members",
    titles: bool = True,
) -> list[Path]:
    """Write a register as CSV files in the folder ``path``, or as one XLSX workbook ``path``.

    ``format`` is ``"csv"`` or ``"xlsx"``; by default a path ending ``.xlsx`` is a workbook and
    anything else a folder (made if missing).  ``layout="counts"`` gives each committee as
    counts of each kind of seat (see docs/registers.md for what counts cannot hold);
    ``titles=False`` heads the columns with dotted names instead of plain-English titles.  A
    workbook has the template's help: an "About" sheet and a note on each column title.  A
    portfolio is written with its ``portfolio`` sheet.  Returns the files written.  Raises
    :class:`ValueError` for an agreement that holds its group instead of naming it, a
    committee the counts cannot hold, or text a workbook cannot store (control characters).

    >>> import tempfile
    >>> from valuing_involvement import example_groups
    >>> folder = tempfile.mkdtemp()
    >>> [path.name for path in write_register(Register(groups=example_groups()), folder)]
    ['groups.csv', 'agreements.csv']
    """
    if isinstance(register, Portfolio):
        register = Register.of(register)
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be members or counts, got {layout!r}")
    target = Path(path)
    chosen = format or ("xlsx" if target.suffix.lower() == ".xlsx" else "csv")
    if chosen not in ("csv", "xlsx"):
        raise ValueError(f"format must be csv or xlsx, got {chosen!r}")
    sheets = {
        name: _rows(name, records, layout=layout) for name, records in _sheets(register).items()
    }
    if chosen == "xlsx":
        _write_xlsx(target, sheets, titles=titles, example=False, layout=layout)
        return [target]
    return _write_csv(target, sheets, titles=titles, example=False)


def template(
    path: str | Path,
    *,
    format: str = "csv",  # noqa: A002 -- the command line's word
    layout: str = "counts",
    force: bool = False,
) -> list[Path]:
    """Write an empty register to fill in: titled columns, help for each, an example row.

    CSV is a folder of ``groups.csv``, ``agreements.csv``, ``portfolio.csv`` and a
    ``README.txt`` saying what each column means; XLSX is one ``register.xlsx`` with an
    "About" sheet, a comment on each title and drop-down lists.  The groups sheet gives each
    committee as counts unless ``layout="members"``.  Refuses (:class:`FileExistsError`) to
    overwrite a register already there unless ``force``.

    >>> import tempfile
    >>> [p.name for p in template(tempfile.mkdtemp())]
    ['groups.csv', 'agreements.csv', 'portfolio.csv', 'README.txt']
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be members or counts, got {layout!r}")
    sheets = {name: _rows(name, [], layout=layout, items=_TEMPLATE_ITEMS) for name in SHEETS}
    target = Path(path)
    if format == "xlsx":
        file = target / "register.xlsx" if target.suffix.lower() != ".xlsx" else target
        _refuse_overwrite([file], force=force)
        _write_xlsx(file, sheets, titles=True, example=True, layout=layout)
        return [file]
    if format != "csv":
        raise ValueError(f"format must be csv or xlsx, got {format!r}")
    _refuse_overwrite([target / f"{name}.csv" for name in SHEETS], force=force)
    written = _write_csv(target, sheets, titles=True, example=True)
    readme = target / "README.txt"
    readme.write_text(_readme(sheets, layout=layout), encoding="utf-8", newline="\r\n")
    return [*written, readme]


def _refuse_overwrite(files: Iterable[Path], *, force: bool) -> None:
    if force:
        return
    for file in files:
        if file.exists() and file.stat().st_size > 0:
            raise FileExistsError(
                f"{file} exists: it may be a filled-in register (use --force to replace it)"
            )


def _example(sheet: str, names: Sequence[str]) -> dict[str, str]:
    return {column: _EXAMPLES[sheet][column] for column in names if column in _EXAMPLES[sheet]}


def _table(
    sheet: str,
    names: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    *,
    titles: bool,
    example: bool,
) -> Iterable[list[str]]:
    yield [title_of(sheet, column) if titles else column for column in names]
    if example:
        shown = _example(sheet, names)
        yield [shown.get(column, "") for column in names]
    for row in rows:
        yield [
            _text(sheet, column, row[column], titles=titles) if column in row else ""
            for column in names
        ]


def _write_csv(
    target: Path,
    sheets: Mapping[str, tuple[list[str], list[dict[str, Any]]]],
    *,
    titles: bool,
    example: bool,
) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (names, rows) in sheets.items():
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        for line in _table(name, names, rows, titles=titles, example=example):
            writer.writerow([safe(cell) for cell in line])
        file = target / f"{name}.csv"
        file.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
        written.append(file)
    return written


_ABOUT = """\
How to fill in this register
One row is one group (groups sheet), one agreement (agreements sheet), or your whole \
commissioning (portfolio sheet: one row).
Row 1 holds the column titles; each title has a note saying what the column means, what to write \
and the guideline it serves. Leave a cell empty when you do not know.
Yes/no columns take yes or no (y, n, true, false, 1 and 0 work too).
Lists take their values separated by ; or , (Money; Policy).
Money is in pounds: 12000, 12000.00 and £12,000 are all fine.
Dates: 01/04/2008 (day first, four-digit year) or 2008-04-01, or a date cell.
{committee}
An agreement names its group by the group's reference (the "Group reference" column on both \
sheets).
Check it with: valuing-involvement assess {file}
"""
_EXAMPLE_ROW = (
    'Row 2 is an example: its first cell starts with "Example:", so it is never read. Delete it '
    "or leave it."
)
_COMMITTEE = {
    "counts": 'The committee: give how many of each kind of seat in the "Committee:" columns.',
    "members": (
        'The committee: one member in each group of "Member" columns (Member 1: roles, Member 1: '
        "votes, ...); number on (Member 4: ...) for more."
    ),
}


def _about(*, file: str, layout: str, example: bool) -> list[str]:
    """The lines of the "About" sheet (and a CSV register's README): how to fill it in.

    >>> _about(file="Fenwick 2026.xlsx", layout="counts", example=False)[-1]
    'Check it with: valuing-involvement assess "Fenwick 2026.xlsx"'
    """
    shown = f'"{file}"' if " " in file else file
    lines = _ABOUT.format(committee=_COMMITTEE[layout], file=shown).splitlines()
    if example:
        lines.insert(3, _EXAMPLE_ROW)
    return lines


def _readme(sheets: Mapping[str, tuple[list[str], list[dict[str, Any]]]], *, layout: str) -> str:
    about = _about(file="portfolio.csv", layout=layout, example=True)
    lines = [
        *(
            line.replace(
                "Row 1 holds the column titles; each title has a note saying",
                "Row 1 holds the column titles; this file says for each",
            )
            for line in about
        ),
        "",
    ]
    for name, (names, _) in sheets.items():
        lines += [f"{name}.csv", "-" * (len(name) + 4)]
        seen: set[str] = set()
        for column in names:
            pattern = pattern_of(column)
            if pattern in seen:
                continue
            seen.add(pattern)
            lines.append(f"{title_of(name, column)}: {help_of(name, column)}")
        lines.append("")
    return "\n".join(lines)


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 -- an optional extra, imported when a workbook is used
    except ImportError:
        raise ImportError(
            "XLSX registers need openpyxl: pip install 'valuing-involvement[xlsx]'"
        ) from None
    return openpyxl


def _write_xlsx(
    file: Path,
    sheets: Mapping[str, tuple[list[str], list[dict[str, Any]]]],
    *,
    titles: bool,
    example: bool,
    layout: str,
) -> None:
    """Write the workbook: an "About" sheet, then each sheet with help on every column title."""
    openpyxl = _openpyxl()
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415 -- optional extra
    from openpyxl.comments import Comment  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    book = openpyxl.Workbook()
    book.remove(book.active)
    about = book.create_sheet(_ABOUT_SHEET)
    for number, text in enumerate(_about(file=file.name, layout=layout, example=example), start=1):
        about.cell(row=number, column=1, value=text).data_type = "s"
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 110
    choices = book.create_sheet(_CHOICES_SHEET)
    choices.sheet_state = "hidden"
    lists: dict[tuple[str, ...], str] = {}
    for name, (names, rows) in sheets.items():
        sheet = book.create_sheet(name)
        for number, line in enumerate(
            _table(name, names, rows, titles=titles, example=example), start=1
        ):
            for index, text in enumerate(line, start=1):
                if not text:
                    continue
                if ILLEGAL_CHARACTERS_RE.search(text):
                    raise ValueError(
                        f"{name} row {number}, column {line and names[index - 1]}: a workbook "
                        "cannot hold control characters; write CSV instead"
                    )
                cell = sheet.cell(row=number, column=index, value=text)
                cell.data_type = "s"  # text as written: never a formula or a number
                if number == 1:
                    cell.font = Font(bold=True)
                    cell.comment = Comment(
                        help_of(name, names[index - 1]),
                        "valuing-involvement",
                        width=320,
                        height=160,
                    )
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        for index, column in enumerate(names, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(
                12, min(40, len(title_of(name, column) if titles else column) + 2)
            )
        sheet.freeze_panes = "B2"
        _drop_downs(sheet, name, names, choices, lists)
    file.parent.mkdir(parents=True, exist_ok=True)
    book.save(file)


def _drop_downs(
    sheet: Any, name: str, names: Sequence[str], choices: Any, lists: dict[tuple[str, ...], str]
) -> None:
    """Give each enum and yes/no column a drop-down list of its values (kept on ``choices``)."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 -- optional extra
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    for index, column in enumerate(names, start=1):
        found = None if column in COUNT_TITLES else column_node(name, column)
        node = None if found is None else found[0]
        values: tuple[str, ...] = ()
        if node is not None and node.kind == "enum":
            values = tuple(words(choice) for choice in node.choices)
        elif node is not None and node.kind == "bool":
            values = ("yes", "no")
        if not values:
            continue
        if values not in lists:
            letter = get_column_letter(len(lists) + 1)
            for number, shown in enumerate(values, start=1):
                choices[f"{letter}{number}"] = shown
            lists[values] = f"{_CHOICES_SHEET}!${letter}$1:${letter}${len(values)}"
        check = DataValidation(type="list", formula1=lists[values], allow_blank=True)
        check.error = "Choose a value from the list"
        sheet.add_data_validation(check)
        letter = get_column_letter(index)
        check.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")

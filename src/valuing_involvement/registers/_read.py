"""Reading a register: every sheet, every problem at once, each named by sheet, row and title.

A sheet's kind (groups, agreements, portfolio) comes from its columns, or from ``as_``; its
name only breaks a tie.  A header may be a title from the table in ``_titles`` or a dotted
name, in any case and spacing, or a commissioner's own title mapped by ``columns`` (private).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput, Location, Problem
from valuing_involvement.groups import Group
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.registers import _csv, _xlsx
from valuing_involvement.registers._cells import CellError, allowed, value
from valuing_involvement.registers._layouts import MAX_COUNT, members_of
from valuing_involvement.registers._model import InvalidRegister, Register
from valuing_involvement.registers._schema import (
    SHEETS,
    Node,
    column_node,
    join,
    sheet_node,
)
from valuing_involvement.registers._titles import COUNT_TITLES, TITLES, normalise, title_of
from valuing_involvement.serialization import from_data

__all__ = ["DEFAULT_MAX_INPUT", "EXAMPLE", "read_register", "sheet_kind"]

#: The input limit when none is given: the command line's default.
DEFAULT_MAX_INPUT = 256 * 1024 * 1024
#: The first cell of a template's example row starts so; the reader skips such a row.
EXAMPLE = "Example:"
#: Sheets of a workbook that are never register sheets.
_HELP_SHEETS = frozenset({"about", "how to fill in", "choices", "help", "readme"})
_MODELS: Mapping[str, type] = {"groups": Group, "agreements": Contract, "portfolio": Portfolio}
#: Columns whose spaces around the text are trimmed: references, so that "HF-002 " names the
#: group HF-002, and names, so that "Fenwick Voices " is Fenwick Voices.
TRIMMED = frozenset(
    {
        *("reference", "group_reference", "org_id", "charity_number", "company_number"),
        *("name", "host.name", "commissioner", "commissioner.name"),
    }
)
_INDEX = "([1-9][0-9]{0,2})"
_YES_NO = Node("bool")
_MAX_HEADER = 200  # characters of a header worth matching
_HEAD = 1 << 16  # bytes read to tell a CSV file's kind


@functools.cache
def _titles(sheet: str) -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """The sheet's titles and dotted names, normalised: exact ones and numbered patterns."""
    exact: dict[str, str] = {}
    numbered: list[tuple[re.Pattern[str], str]] = []
    table = dict(TITLES[sheet])
    if sheet == "groups":
        table.update(COUNT_TITLES)
    for pattern, title in table.items():
        if "#" in pattern:
            for text, target in ((title, "{n}"), (pattern, "#")):
                escaped = re.escape(normalise(text)).replace(re.escape(target), _INDEX)
                numbered.append((re.compile(escaped), pattern))
        else:
            exact[normalise(title)] = pattern
            exact[normalise(pattern)] = pattern
    return exact, numbered


def _name(sheet: str, header: str) -> str | None:
    """The dotted column a header names on a sheet, or ``None``.

    >>> _name("groups", "  who the GROUP is for"), _name("groups", "Member 2: votes")
    ('constituency', 'decision_body.members.2.voting')
    >>> _name("agreements", "aims.²"), _name("agreements", "aims.١"), _name("agreements", "AIMS.3")
    (None, None, 'aims.3')
    """
    if len(header) > _MAX_HEADER:
        return None
    key = normalise(header)
    exact, numbered = _titles(sheet)
    if key in exact:
        return exact[key]
    for regex, pattern in numbered:
        match = regex.fullmatch(key)
        if match:
            numbers = iter(match.groups())
            return ".".join(next(numbers) if part == "#" else part for part in pattern.split("."))
    return None


def _is_column(sheet: str, column: str) -> bool:
    if column in COUNT_TITLES:
        return sheet == "groups"
    found = column_node(sheet, column)
    if found is None:
        return False
    node = found[0]
    return node.kind not in ("object", "items") or node.marker


@attrs.frozen
class _Sheet:
    """One sheet to read: where it is (for messages), a kind from its name, its rows."""

    source: str
    hint: str | None
    rows: Iterator[tuple[int, dict[int, str]]]
    csv: bool
    late: list[tuple[int, int, str]]  # problems the reader finds while streaming
    named: bool = False  # a file given by name, not found in a folder: it must be a register's


def _hint(name: str) -> str | None:
    key = normalise(Path(name).stem if name.lower().endswith(".csv") else name)
    return next((sheet for sheet in SHEETS if key.endswith(sheet)), None)


class _Collected:
    """Everything read so far, across sheets."""

    def __init__(self) -> None:
        self.records: dict[str, list[Any]] = {sheet: [] for sheet in SHEETS}
        self.places: dict[str, list[tuple[str, int, Mapping[str, str]]]] = {
            sheet: [] for sheet in SHEETS
        }
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.files: dict[str, str] = {}
        #: Every group reference written on a groups row, read or not.
        self.references: set[str] = set()

    def problem(
        self, source: str, row: int | None, column: str | None, message: str, code: str = "invalid"
    ) -> None:
        location: Location = (
            (source,) if row is None else (source, row) if column is None else (source, row, column)
        )
        self.problems.append(Problem(location=location, code=code, message=message))


def _kind(sheet: _Sheet, names: Mapping[int, str], as_: str | None) -> str | None:
    if as_ is not None:
        return as_
    scores = {
        kind: sum(_name(kind, text) is not None for text in names.values()) for kind in SHEETS
    }
    best = max(scores.values(), default=0)
    if best == 0:
        return None
    tied = [kind for kind, score in scores.items() if score == best]
    if sheet.hint in tied:
        return sheet.hint
    return tied[0]


def _mostly(kind: str | None, cells: Mapping[int, str]) -> str | None:
    """``kind`` if most of the header's titles are that kind's columns, else ``None``."""
    if kind is None:
        return None
    titles = [text for text in cells.values() if text.strip()]
    known = sum(_name(kind, text) is not None for text in titles)
    return kind if 2 * known > len(titles) else None


def _header(  # noqa: PLR0913, PLR0917 -- the sheet, its header row and where to report
    sheet: _Sheet,
    kind: str,
    top: int,
    cells: Mapping[int, str],
    columns: Mapping[str, str],
    out: _Collected,
) -> dict[int, tuple[str, str]]:
    """Column number -> (dotted name, the title as written), reporting bad headers."""
    header: dict[int, tuple[str, str]] = {}
    seen: dict[str, str] = {}
    for index in sorted(cells):
        written = cells[index].strip()
        if not written:
            continue
        own = columns.get(normalise(written), written) if len(written) <= _MAX_HEADER else written
        name = _name(kind, own)
        shown = written if len(written) <= 60 else written[:60] + "..."
        if name is None or not _is_column(kind, name):
            out.problem(
                sheet.source,
                top,
                shown,
                "no such column on a register's "
                f"{kind} sheet: check the spelling against the template",
                "unknown-field",
            )
        elif name in seen:
            out.problem(sheet.source, top, shown, f"the same column as {seen[name]!r}: keep one")
        else:
            seen[name] = shown
            header[index] = (name, shown)
    return header


def _read_sheet(  # noqa: C901, PLR0912 -- header, rows and late problems
    sheet: _Sheet, as_: str | None, columns: Mapping[str, str], out: _Collected
) -> None:
    first = next(sheet.rows, None)
    if first is None:
        out.notes.append(f"{sheet.source}: empty, skipped")
        return
    top, cells = first
    kind = _kind(sheet, cells, as_)
    if as_ is None and not sheet.named and sheet.hint is None:
        # Found, not named: a sheet with no majority of register columns is someone else's.
        kind = _mostly(kind, cells)
    if kind is None:
        if sheet.named or sheet.hint is not None:
            out.problem(
                sheet.source,
                top,
                None,
                "is not a register sheet: its first row should "
                "hold column titles such as 'Group name' or 'Commissioner' (start from the "
                "template)",
            )
        else:
            out.notes.append(f"{sheet.source}: not a register sheet, skipped")
        for _ in sheet.rows:  # drain, so late problems of the sheet's XML are not missed
            pass
        return
    out.files[kind] = sheet.source
    header = _header(sheet, kind, top, cells, columns, out)
    bad_header = any(p.location[:2] == (sheet.source, top) for p in out.problems)
    titles = dict(header.values())
    for number, row in sheet.rows:
        if not row:
            continue
        first_cell = row.get(min(row), "")
        if min(row) == min(cells, default=0) and first_cell.strip().casefold().startswith(
            EXAMPLE.casefold()
        ):
            out.notes.append(f"{sheet.source} row {number}: the example row, skipped")
            continue
        named: dict[str, str] = {}
        for index, text in row.items():
            if index in header:
                named[header[index][0]] = text
            elif not text.strip():
                continue
            elif cells.get(index, "").strip():
                pass  # under a header already reported as no such column
            else:
                out.problem(
                    sheet.source,
                    number,
                    _xlsx.column_letter(index + 1),
                    "a value in a column with no title: give the column a title or move the value",
                )
        if bad_header or not any(text.strip() for text in named.values()):
            continue
        _read_row(sheet, kind, number, named, titles, out)
    for late_row, index, message in sheet.late:
        title = header.get(index, (None, _xlsx.column_letter(index + 1)))[1] if index >= 0 else None
        out.problem(sheet.source, late_row, title, message)


def _trim(kind: str, row: dict[str, str], out: _Collected) -> None:
    """Trim spaces around references and names; remember each group reference written."""
    for name in TRIMMED:
        if name in row:
            row[name] = row[name].strip()
    if kind == "groups" and row.get("reference"):
        out.references.add(row["reference"])


def _read_row(  # noqa: PLR0913, PLR0917 -- one row and where it is
    sheet: _Sheet,
    kind: str,
    number: int,
    row: dict[str, str],
    titles: Mapping[str, str],
    out: _Collected,
) -> None:
    _trim(kind, row, out)
    counts = {name: row.pop(name) for name in list(row) if name in COUNT_TITLES}
    reader = _Reader(row, csv=sheet.csv)
    _, data = reader.build(sheet_node(kind), "", ())
    found = [(column, code, message) for column, code, message in reader.problems]
    if counts:
        numbers: dict[str, int] = {}
        for name, text in counts.items():
            stripped = text.strip()
            if not (stripped.isascii() and stripped.isdigit() and int(stripped) <= MAX_COUNT):
                found.append(
                    (
                        name,
                        "wrong-type",
                        (
                            f"{text.strip()[:40]!r} is not a count: write a "
                            f"whole number from 0 to {MAX_COUNT}"
                        ),
                    )
                )
            else:
                numbers[name] = int(stripped)
        body = data.get("decision_body")
        if body is not None and body.get("members"):
            found.append(
                (
                    next(iter(counts)),
                    "invalid",
                    "the committee is given both as counts and member by member: keep one",
                )
            )
        data["decision_body"] = {**(body or {}), "members": members_of(numbers)}
        reader.columns[("decision_body", "members")] = next(iter(counts))
    problems = [
        Problem(
            location=(sheet.source, number, titles.get(c) or title_of(kind, c)),
            code=code,
            message=m,
        )
        for c, code, m in found
    ]
    if not problems:
        try:
            record: Any = from_data(data, _MODELS[kind])
        except InvalidInput as exc:
            problems = [_located(sheet, kind, number, reader, titles, p) for p in exc.problems]
        else:
            out.records[kind].append(record)
            out.places[kind].append((sheet.source, number, _Places(reader.columns, titles)))
    out.problems += problems


def _located(  # noqa: PLR0913, PLR0917 -- a loader problem and where its row is
    sheet: _Sheet,
    kind: str,
    number: int,
    reader: _Reader,
    titles: Mapping[str, str],
    problem: Problem,
) -> Problem:
    """A loader's problem at the sheet, row and title of the column it came from."""
    column = reader.column(problem.location)
    message = problem.message
    found = column_node(kind, column)
    title = titles.get(column) or title_of(kind, column)
    if problem.code == "missing" and found is not None and found[0].kind not in ("object", "items"):
        part = title.split(":", 1)[0] if "." in column and ":" in title else None
        needs = (
            "every row needs it"
            if part is None
            else f"a row that fills in any '{part}:' column needs it too"
        )
        message = f"empty, but {needs}: write {allowed(found[0])}"
    return Problem(location=(sheet.source, number, title), code=problem.code, message=message)


class _Places(Mapping[str, str]):
    """A row's JSON path suffixes (``period.end``, ``kpis[0].kind``) -> column titles.

    Built when first read: only a row with a finding needs it.
    """

    def __init__(self, columns: Mapping[Location, str], titles: Mapping[str, str]) -> None:
        self._columns = columns
        self._titles = titles
        self._built: dict[str, str] | None = None

    def _places(self) -> dict[str, str]:
        if self._built is None:
            self._built = {}
            for location, column in self._columns.items():
                if location and column in self._titles:
                    path = "".join(
                        f"[{step}]" if type(step) is int else f".{step}" for step in location
                    )
                    self._built[path.lstrip(".")] = self._titles[column]
        return self._built

    def __getitem__(self, key: str) -> str:
        return self._places()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._places())

    def __len__(self) -> int:
        return len(self._places())


class _Reader:
    """Builds one row's JSON data from its cells, remembering which column made which value."""

    def __init__(self, row: Mapping[str, str], *, csv: bool) -> None:
        self.row = row
        self.csv = csv
        self.columns: dict[Location, str] = {}
        self.problems: list[tuple[str, str, str]] = []  # (column, code, message)
        self._numbered: dict[str, set[int]] | None = None

    def build(self, node: Node, prefix: str, location: Location) -> tuple[bool, Any]:  # noqa: C901
        """``(present, value)`` for a node: absent when all its cells are empty."""
        self.columns[location] = prefix
        if node.kind == "object":
            data: dict[str, Any] = {}
            anything = False
            for name, sub, required in node.fields:
                present, item = self.build(sub, join(prefix, name), (*location, name))
                anything = anything or present
                if present:
                    data[name] = item
                elif required and sub.nullable:
                    data[name] = None
                elif sub.nullable and sub.kind == "enum-list":
                    data[name] = None  # a blank list that may be null: not stated; (none) is none
                elif required and sub.kind in ("enum-list", "items"):
                    data[name] = []
            marked = node.marker and self._marked(prefix)
            return anything or marked, data
        if node.kind == "items":
            assert node.item is not None  # noqa: S101 -- every list of items has its item node
            values: list[Any] = []
            for index in self._indices(prefix):
                column = join(prefix, str(index))
                present, item = self.build(node.item, column, (*location, len(values)))
                if present:
                    values.append(item)
            return bool(values), values
        text = self.row.get(prefix, "")
        if text == "" or (node.kind != "free-text" and not text.strip()):
            return False, None
        try:
            return True, value(node, text, csv=self.csv)
        except CellError as exc:
            self.problems.append((prefix, exc.code, str(exc)))
            return False, None

    def _marked(self, column: str) -> bool:
        """Whether a part's own yes/no column says it is recorded (``no`` or empty: not)."""
        text = self.row.get(column, "")
        if not text.strip():
            return False
        try:
            return bool(value(_YES_NO, text))
        except CellError as exc:
            self.problems.append((column, exc.code, str(exc)))
            return False

    def _indices(self, prefix: str) -> list[int]:
        if self._numbered is None:  # each list's item numbers, found in one pass over the row
            self._numbered = {}
            for column in self.row:
                parts = column.split(".")
                for at, part in enumerate(parts):
                    if part.isascii() and part.isdigit():
                        self._numbered.setdefault(".".join(parts[:at]), set()).add(int(part))
        return sorted(self._numbered.get(prefix, ()))

    def column(self, location: Location) -> str:
        """The column a loader problem's location came from (the nearest one known)."""
        for end in range(len(location), 0, -1):
            if location[:end] in self.columns:
                return self.columns[location[:end]]
        return ".".join(str(step) for step in location)


def _csv_sheet(path: Path, limit: int, out: _Collected, *, named: bool) -> _Sheet:
    data = _csv.read_limited(path, limit)
    encoding, described = _csv.decode(data)
    out.notes.append(f"{path.name}: read as {described}")
    late: list[tuple[int, int, str]] = []

    def rows() -> Iterator[tuple[int, dict[int, str]]]:
        try:
            for number, cells in _csv.rows(data, encoding):
                long = [index for index, text in cells.items() if len(text) > _csv.MAX_CELL]
                if long:
                    for index in long:
                        late.append(
                            (
                                number,
                                index,
                                (
                                    f"a cell of {len(cells[index]):,} characters, "
                                    f"more than a spreadsheet cell holds ({_csv.MAX_CELL:,})"
                                ),
                            )
                        )
                        del cells[index]
                yield number, cells
        except _csv.CsvProblem as exc:
            late.append((exc.row, -1, str(exc)))

    return _Sheet(
        source=path.name, hint=_hint(path.name), rows=rows(), csv=True, late=late, named=named
    )


def _xlsx_sheets(book: _xlsx.Workbook, path: Path) -> Iterator[_Sheet]:
    for name, target in book.sheets:
        if normalise(name) in _HELP_SHEETS:
            continue
        late: list[tuple[int, int, str]] = []
        yield _Sheet(
            source=f"{path.name}[{name}]",
            hint=_hint(name),
            rows=book.rows(target, late),
            csv=False,
            late=late,
        )


def _files(path: Path) -> list[tuple[Path, bool]]:
    """The files to read and whether each was named (rather than found in a folder)."""
    if path.is_dir():
        found = sorted(file for file in path.iterdir() if file.suffix.lower() == ".csv")
        if not found:
            raise FileNotFoundError(f"{path}: no CSV files")
        return [(file, False) for file in found]
    return [(path, True)]


def read_register(
    *paths: str | Path,
    as_: str | None = None,
    columns: Mapping[str, str] | None = None,
    max_input: int = DEFAULT_MAX_INPUT,
) -> Register:
    r"""Read a register: a folder of CSV files, CSV files of any name, or an XLSX workbook.

    Each sheet's kind comes from its column titles (or ``as_``: ``"groups"``,
    ``"agreements"`` or ``"portfolio"``); a folder is every ``.csv`` file in it, skipping
    (with a note) files whose columns are no register's, unless named like one.  ``columns``
    maps your own column titles onto the library's (``{"Org": "Group name"}``).  A file may
    be no larger than ``max_input`` bytes and a workbook may expand to no more.  Blank rows
    and a template's example row (first cell ``Example: ...``) are skipped.  Raises
    :class:`InvalidRegister` with every problem of every sheet, each naming its sheet, row and
    column title; ``Register.notes`` says which encoding each CSV file was read in.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Fenwick groups 2026.csv").write_text(
    ...     "Group name,Who the group is for,Committee: voting service users,"
    ...     "Decisions the group takes itself\n"
    ...     "Lowmoor Voices,Service users,4,money; policy\n"
    ...     "Hill Carers,Carer people,2,\n", encoding="utf-8")
    >>> try:
    ...     read_register(folder)
    ... except InvalidRegister as exc:
    ...     print(exc.lines()[0][:81])
    Fenwick groups 2026.csv row 3, column Who the group is for: 'Carer people' is not
    """
    if as_ is not None and as_ not in SHEETS:
        raise ValueError(f"as_ must be one of {', '.join(SHEETS)}, got {as_!r}")
    own = {normalise(key): target for key, target in (columns or {}).items()}
    out = _Collected()
    for file, named in [found for path in paths for found in _files(Path(path))]:
        try:
            if file.suffix.lower() == ".xlsx":
                book = _xlsx.Workbook(file, max_input)
                try:
                    for sheet in _xlsx_sheets(book, file):
                        _read_sheet(sheet, as_, own, out)
                finally:
                    book.close()
            else:
                _read_sheet(_csv_sheet(file, max_input, out, named=named), as_, own, out)
        except _xlsx.XlsxError as exc:
            out.problem(file.name, None, None, str(exc))
        except _xlsx.BROKEN as exc:
            out.problem(file.name, None, None, f"is a broken workbook ({type(exc).__name__})")
        except _csv.TooLarge as exc:
            out.problem(file.name, None, None, str(exc))
    _check_references(out)
    if out.problems:
        raise InvalidRegister(out.problems, source=", ".join(Path(p).name for p in paths))
    groups, contracts, portfolios = (out.records[sheet] for sheet in SHEETS)
    portfolio = None
    if portfolios:
        portfolio = attrs.evolve(portfolios[0], groups=groups, contracts=contracts)
    kinds: frozenset[str] = frozenset(out.files.keys())
    return Register(
        groups=groups,
        contracts=contracts,
        portfolio=portfolio,
        notes=out.notes,
        sheets=kinds,
        places={sheet: tuple(places) for sheet, places in out.places.items() if places},
    )


def _check_references(out: _Collected) -> None:
    """Groups' references are unique; agreements name groups of the register (when it has any)."""
    seen: dict[str, int] = {}
    groups = out.records["groups"]
    for group, (source, number, titles) in zip(groups, out.places["groups"], strict=True):
        if group.reference is None:
            continue
        if group.reference in seen:
            out.problem(
                source,
                number,
                titles.get("reference", "reference"),
                f"{group.reference!r} is also the reference of row {seen[group.reference]}: "
                "give each group its own",
            )
        seen.setdefault(group.reference, number)
    if len(out.records["portfolio"]) > 1:
        source, number, _ = out.places["portfolio"][1]
        out.problem(source, number, None, "a register has one portfolio row: keep the first")
    if groups or out.references:  # a register with groups, even if their rows have mistakes
        for contract, (source, number, titles) in zip(
            out.records["agreements"], out.places["agreements"], strict=True
        ):
            if (
                contract.group_reference is not None
                and contract.group_reference not in seen
                and contract.group_reference not in out.references
            ):  # a group whose row has mistakes is reported there, not again here
                out.problem(
                    source,
                    number,
                    titles.get("group_reference", "group_reference"),
                    f"no group has the reference {contract.group_reference!r}: write a "
                    "group's reference as on the groups sheet",
                )


def sheet_kind(path: Path, max_input: int = DEFAULT_MAX_INPUT) -> str | None:
    r"""The kind of register sheet a CSV file's column titles make it, or ``None``.

    A file not named like a sheet needs most of its titles to be that sheet's columns.

    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "anything.csv"
    >>> _ = file.write_text("Commissioner,Kind of agreement,Amount per year (£)\n")
    >>> sheet_kind(file)
    'agreements'
    """
    with path.open("rb") as stream:  # the first row is enough: never the whole file
        data = stream.read(min(max_input, _HEAD))
    encoding, _ = _csv.decode(data)
    for _, cells in _csv.rows(data.rsplit(b"\n", 1)[0] if len(data) == _HEAD else data, encoding):
        sheet = _Sheet(source=path.name, hint=_hint(path.name), rows=iter(()), csv=True, late=[])
        kind = _kind(sheet, cells, None)
        return kind if sheet.hint is not None else _mostly(kind, cells)
    return None

"""Registers in spreadsheets: groups and agreements as CSV files or one XLSX workbook.

Commissioners keep their registers in spreadsheets, so the library reads and writes them:
``groups.csv``, ``agreements.csv`` and, optionally, ``portfolio.csv`` (one row: the commissioner,
strategy, involvement, population and indirect funding), or the sheets of the same names in one
``register.xlsx``.  XLSX needs the optional extra ``xlsx`` (openpyxl).

The columns are derived from the models' JSON Schemas, so a field added to a model gets its
column without any change here:

* a nested object's fields are dotted columns: ``period.start``, ``decision_body.kind``;
* a list of enum values is one cell, the values separated by ``"; "``: ``money; policy``;
* a list of objects or of free text is numbered columns, from 1: ``decision_body.members.1.roles``,
  ``aims.2``; add ``.4.`` columns when three are not enough;
* an empty cell means "not stated": the field's default, or ``null``;
  ``(none)`` is an empty list where an empty cell would mean ``null`` (``infrastructure``);
* ``true`` and ``false`` for yes/no columns, ``YYYY-MM-DD`` for dates, money as in JSON.

An agreement names its group by ``group_reference`` (a register holds groups once, on their own
sheet), so agreements that embed their group cannot be written.  Writing and reading back gives
equal models.

>>> import tempfile
>>> from valuing_involvement import example_portfolio
>>> folder = tempfile.mkdtemp()
>>> written = write_register(example_portfolio(), folder)
>>> sorted(path.name for path in written)
['agreements.csv', 'groups.csv', 'portfolio.csv']
>>> read_register(folder).portfolio == example_portfolio()
True
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from valuing_involvement._validators import all_instances, instance_of, optional, to_tuple
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import FieldValueError, InvalidInput, Location, Problem
from valuing_involvement.groups import Group
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.schema import json_schema
from valuing_involvement.serialization import from_data, to_data

__all__ = ["SHEETS", "InvalidRegister", "Register", "read_register", "write_register"]

#: The sheets of a register (and the stems of its CSV files), in the order they are written.
SHEETS = ("groups", "agreements", "portfolio")

_SEPARATOR = "; "
_EMPTY_LIST = "(none)"
_CHOICES_SHEET = "choices"  # the hidden XLSX sheet holding the values of the drop-down lists
_TEMPLATE_ITEMS = 3  # numbered columns a blank template offers for each list of objects
_VALIDATED_ROWS = 1000  # rows of a template that get drop-down lists
_QUOTES = re.compile(r'^"*$')
# Each sheet: the document type whose schema gives its columns, and fields kept off it.
_LAYOUT: Mapping[str, tuple[str, frozenset[str]]] = {
    "groups": ("group", frozenset()),
    "agreements": ("agreement", frozenset({"group"})),
    "portfolio": ("portfolio", frozenset({"groups", "contracts"})),
}


class InvalidRegister(InvalidInput):
    """A register that cannot be read: every problem, each naming its file, sheet, row, column.

    Each problem's ``location`` is ``(sheet, row, column)``, with rows numbered as a spreadsheet
    numbers them (the header is row 1); ``lines()`` gives them as people read them.

    >>> error = InvalidRegister(
    ...     [Problem(location=("groups", 7, "constituency"), code="not-allowed",
    ...              message="expected one of ...")], source="groups.csv")
    >>> error.lines()
    ['groups.csv row 7, column constituency: expected one of ...']
    """

    def __init__(
        self, problems: Iterable[Problem], *, source: str, files: Mapping[str, str] | None = None
    ) -> None:
        self.source = source
        self.files = dict(files or {})
        super().__init__(problems, target=source)

    def line(self, problem: Problem) -> str:
        """One problem as ``FILE row N, column NAME: message`` (``FILE[SHEET]`` for XLSX).

        >>> problem = Problem(location=("agreements", 2, "kind"), code="missing", message="m")
        >>> InvalidRegister([problem], source="register.xlsx").line(problem)
        'register.xlsx[agreements] row 2, column kind: m'
        """
        sheet, *rest = problem.location or ("",)
        where = self.files.get(str(sheet), self.source)
        if not where.lower().endswith(".csv"):
            where += f"[{sheet}]"
        if rest and type(rest[0]) is int:
            where += f" row {rest[0]}"
        if len(rest) > 1:
            where += f", column {rest[1]}"
        return f"{where}: {problem.message}"

    def lines(self) -> list[str]:
        """Every problem as a line naming where it is.

        >>> problem = Problem(location=("groups", 1, "colour"), code="unknown-field", message="m")
        >>> InvalidRegister([problem], source="d", files={"groups": "groups.csv"}).lines()
        ['groups.csv row 1, column colour: m']
        """
        return [self.line(problem) for problem in self.problems]

    def _describe(self) -> str:
        return "\n".join(self.lines())


def _unique_references(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[Group, ...]
) -> None:
    seen: set[str] = set()
    for group in value:
        if group.reference is not None:
            if group.reference in seen:
                raise FieldValueError(
                    attribute.name, f"two groups share the reference {group.reference!r}"
                )
            seen.add(group.reference)


@attrs.frozen(kw_only=True)
class Register:
    """What a register holds: groups, agreements and, from its ``portfolio`` sheet, a portfolio.

    ``portfolio`` is ``None`` when the register has no portfolio sheet; when it has one, the
    portfolio holds the register's groups and agreements.  Two groups may not share a
    reference, as in a portfolio.

    >>> Register(groups=[], contracts=[]).portfolio is None
    True
    """

    groups: tuple[Group, ...] = attrs.field(
        default=(), converter=to_tuple, validator=[all_instances(Group), _unique_references]
    )
    contracts: tuple[Contract, ...] = attrs.field(
        default=(), converter=to_tuple, validator=all_instances(Contract)
    )
    portfolio: Portfolio | None = attrs.field(
        default=None, validator=optional(instance_of(Portfolio))
    )

    @classmethod
    def of(cls, portfolio: Portfolio) -> Register:
        """The register of a portfolio: its groups, its agreements, and the rest.

        >>> from valuing_involvement import example_portfolio
        >>> len(Register.of(example_portfolio()).groups)
        5
        """
        return cls(groups=portfolio.groups, contracts=portfolio.contracts, portfolio=portfolio)


# -- columns from the schemas -------------------------------------------------------------------


@attrs.frozen
class _Node:
    """One schema node, resolved: what kind of cell or columns it becomes."""

    kind: str  # "text", "free-text", "bool", "int", "money", "date", "enum", "object",
    # "enum-list", "items" (numbered columns)
    nullable: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple[tuple[str, _Node, bool], ...] = ()  # (name, node, required) of an object
    item: _Node | None = None
    marker: bool = False  # a nullable object that may be written all empty gets its own column


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> tuple[Mapping[str, Any], bool]:
    """Follow ``$ref`` and strip ``null`` from a union: the node and whether it was nullable."""
    nullable = False
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node and {"type": "null"} in node["anyOf"]:
            nullable = True
            (node,) = [option for option in node["anyOf"] if option != {"type": "null"}]
        elif isinstance(node.get("type"), list) and "null" in node["type"]:
            nullable = True
            (kind,) = [t for t in node["type"] if t != "null"]
            node = {**node, "type": kind}
        else:
            return node, nullable


def _node(  # noqa: PLR0911 -- one return per kind of cell
    schema: Mapping[str, Any], raw: Mapping[str, Any], skip: frozenset[str] = frozenset()
) -> _Node:
    node, nullable = _resolve(schema, raw)
    if "enum" in node:
        return _Node("enum", nullable, tuple(node["enum"]))
    if "anyOf" in node:  # money: a decimal string or a whole number
        return _Node("money", nullable)
    kind = node.get("type")
    if kind == "object":
        fields = tuple(
            (name, _node(schema, sub), name in node.get("required", ()))
            for name, sub in node["properties"].items()
            if name not in skip
        )
        return _Node("object", nullable, fields=fields, marker=nullable and _may_be_empty(fields))
    if kind == "array":
        item = _node(schema, node["items"])
        if item.kind == "enum":
            return _Node("enum-list", nullable, item.choices)
        return _Node("items", nullable, item=item)
    if kind == "string":
        if node.get("format") == "date":
            return _Node("date", nullable)
        return _Node("text" if "pattern" in node else "free-text", nullable)
    return _Node({"boolean": "bool", "integer": "int"}[str(kind)], nullable)


def _may_be_empty(fields: Iterable[tuple[str, _Node, bool]]) -> bool:
    """Whether an object's cells may all be written empty, so its presence needs a column."""
    return all(
        node.nullable
        or node.kind in ("enum-list", "items")
        or (node.kind == "object" and _may_be_empty(node.fields))
        for _, node, _ in fields
    )


@functools.cache
def _sheet_node(sheet: str) -> _Node:
    document, skip = _LAYOUT[sheet]
    schema = json_schema(document)
    return _node(schema, schema, skip)


def _columns(node: _Node, prefix: str, counts: Mapping[str, int], pattern: str = "") -> list[str]:
    """The columns of a node, with ``counts[pattern]`` numbered columns for each list of items."""
    if node.kind == "object":
        out = [prefix] if node.marker else []
        for name, sub, _ in node.fields:
            out += _columns(sub, _join(prefix, name), counts, _join(pattern, name))
        return out
    if node.kind == "items":
        assert node.item is not None  # noqa: S101 -- every list of items has its item node
        out = []
        for index in range(1, counts.get(pattern, 0) + 1):
            out += _columns(node.item, _join(prefix, str(index)), counts, _join(pattern, "#"))
        return out
    return [prefix]


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


# -- writing ------------------------------------------------------------------------------------


def _cells(  # noqa: PLR0913, PLR0917 -- a recursive walk carries its position
    node: _Node, value: Any, prefix: str, pattern: str, out: dict[str, str], counts: dict[str, int]
) -> None:
    """Flatten one JSON value into ``out`` (column -> text), counting the items of each list."""
    if node.kind == "object":
        if value is None:
            return
        if node.marker:
            out[prefix] = "yes"
        for name, sub, _ in node.fields:
            if name in value:
                _cells(sub, value[name], _join(prefix, name), _join(pattern, name), out, counts)
        return
    if node.kind == "items":
        if value is None:
            return
        assert node.item is not None  # noqa: S101 -- every list of items has its item node
        counts[pattern] = max(counts.get(pattern, 0), len(value))
        for index, item in enumerate(value, start=1):
            _cells(node.item, item, _join(prefix, str(index)), _join(pattern, "#"), out, counts)
        return
    out[prefix] = _text(node, value)


def _text(node: _Node, value: Any) -> str:
    if value is None:
        return ""
    if node.kind == "enum-list":
        return _SEPARATOR.join(value) if value or not node.nullable else _EMPTY_LIST
    if node.kind == "bool":
        return "true" if value else "false"
    if node.kind == "free-text" and _QUOTES.match(value) and len(value) != 1:
        return f'{value}""'  # an empty string, told apart from an empty cell
    return str(value)


def _rows(
    sheet: str, records: Sequence[Any], items: int = 0
) -> tuple[list[str], list[dict[str, str]]]:
    node = _sheet_node(sheet)
    counts: dict[str, int] = _AllCounts(items)
    rows: list[dict[str, str]] = []
    for record in records:
        out: dict[str, str] = {}
        _cells(node, to_data(record), "", "", out, counts)
        rows.append(out)
    return _columns(node, "", counts), rows


class _AllCounts(dict[str, int]):
    """Item counts that start from a minimum (a template offers a few numbered columns)."""

    def __init__(self, minimum: int) -> None:
        super().__init__()
        self.minimum = minimum

    def __missing__(self, key: str) -> int:
        return self.minimum

    def get(self, key: str, default: Any = None) -> Any:  # noqa: ARG002 -- always the minimum
        return self[key]


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
    format: str | None = None,  # noqa: A002
) -> list[Path]:
    """Write a register as CSV files in the folder ``path``, or as one XLSX workbook ``path``.

    ``format`` is ``"csv"`` or ``"xlsx"``; by default a path ending ``.xlsx`` is a workbook and
    anything else a folder (made if missing).  A portfolio is written with its ``portfolio``
    sheet.  Returns the files written.  Raises :class:`ValueError` for an agreement that holds
    its group instead of naming it, or for text a workbook cannot store (control characters).

    >>> import tempfile
    >>> from valuing_involvement import example_groups
    >>> folder = tempfile.mkdtemp()
    >>> [path.name for path in write_register(Register(groups=example_groups()), folder)]
    ['groups.csv', 'agreements.csv']
    """
    if isinstance(register, Portfolio):
        register = Register.of(register)
    target = Path(path)
    chosen = format or ("xlsx" if target.suffix.lower() == ".xlsx" else "csv")
    sheets = {name: _rows(name, records) for name, records in _sheets(register).items()}
    if chosen == "xlsx":
        _write_xlsx(target, sheets)
        return [target]
    if chosen != "csv":
        raise ValueError(f"format must be csv or xlsx, got {chosen!r}")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (columns, rows) in sheets.items():
        file = target / f"{name}.csv"
        file.write_text(_csv_text(columns, rows), encoding="utf-8-sig", newline="")
        written.append(file)
    return written


def template(path: str | Path, *, format: str = "csv") -> list[Path]:  # noqa: A002
    """Write an empty register: the header of each sheet, three numbered columns per list.

    A workbook gets drop-down lists in its enum and yes/no columns.

    >>> import tempfile
    >>> [p.name for p in template(tempfile.mkdtemp())]
    ['groups.csv', 'agreements.csv', 'portfolio.csv']
    """
    sheets = {name: _rows(name, [], _TEMPLATE_ITEMS) for name in SHEETS}
    target = Path(path)
    if format == "xlsx":
        file = target / "register.xlsx" if target.suffix.lower() != ".xlsx" else target
        file.parent.mkdir(parents=True, exist_ok=True)
        _write_xlsx(file, sheets)
        return [file]
    if format != "csv":
        raise ValueError(f"format must be csv or xlsx, got {format!r}")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (columns, rows) in sheets.items():
        file = target / f"{name}.csv"
        file.write_text(_csv_text(columns, rows), encoding="utf-8-sig", newline="")
        written.append(file)
    return written


def _csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return buffer.getvalue()


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 -- an optional extra, imported when a workbook is used
    except ImportError:
        raise ImportError(
            "XLSX registers need openpyxl: pip install 'valuing-involvement[xlsx]'"
        ) from None
    return openpyxl


def _write_xlsx(file: Path, sheets: Mapping[str, tuple[list[str], list[dict[str, str]]]]) -> None:
    openpyxl = _openpyxl()
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415 -- optional extra

    book = openpyxl.Workbook()
    book.remove(book.active)
    choices = book.create_sheet(_CHOICES_SHEET)
    choices.sheet_state = "hidden"
    lists: dict[tuple[str, ...], str] = {}
    for name, (columns, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for number, row in enumerate(rows, start=2):
            for index, column in enumerate(columns, start=1):
                value = row.get(column, "")
                if not value:
                    continue
                if ILLEGAL_CHARACTERS_RE.search(value):
                    raise ValueError(
                        f"{name} row {number}, column {column}: a workbook cannot hold control "
                        "characters; write CSV instead"
                    )
                cell = sheet.cell(row=number, column=index, value=value)
                cell.data_type = "s"  # text as written: never a formula or a number
        _drop_downs(sheet, name, columns, choices, lists)
    file.parent.mkdir(parents=True, exist_ok=True)
    book.save(file)


def _drop_downs(
    sheet: Any, name: str, columns: Sequence[str], choices: Any, lists: dict[tuple[str, ...], str]
) -> None:
    """Give each enum and yes/no column a drop-down list of its values (kept on ``choices``)."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 -- optional extra
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    for index, column in enumerate(columns, start=1):
        node = _column_node(name, column)
        values: tuple[str, ...] = ()
        if node is not None and node.kind == "enum":
            values = node.choices
        elif node is not None and node.kind == "bool":
            values = ("true", "false")
        if not values:
            continue
        if values not in lists:
            letter = get_column_letter(len(lists) + 1)
            for number, value in enumerate(values, start=1):
                choices[f"{letter}{number}"] = value
            lists[values] = f"{_CHOICES_SHEET}!${letter}$1:${letter}${len(values)}"
        check = DataValidation(type="list", formula1=lists[values], allow_blank=True)
        check.error = "Choose a value from the list"
        sheet.add_data_validation(check)
        letter = get_column_letter(index)
        check.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")


def _column_node(sheet: str, column: str) -> _Node | None:
    """The node of one column, or ``None`` for a column the sheet does not have."""
    node: _Node | None = _sheet_node(sheet)
    for part in column.split("."):
        if node is None:
            return None
        if node.kind == "items" and part.isdigit() and int(part) > 0:
            node = node.item
        elif node.kind == "object":
            node = next((sub for name, sub, _ in node.fields if name == part), None)
        else:
            return None
    return node


# -- reading ------------------------------------------------------------------------------------


def _value(node: _Node, text: str) -> Any:  # noqa: PLR0911 -- one return per kind of cell
    """The JSON value of one cell's text; the loader checks it further."""
    if node.kind == "enum-list":
        if text.strip() == _EMPTY_LIST:
            return []
        return [part.strip() for part in text.split(";") if part.strip()]
    if node.kind == "bool":
        lowered = text.strip().lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise _CellError("wrong-type", f"expected true or false, got {text!r}")
    if node.kind == "int":
        if re.fullmatch(r"\s*-?[0-9]+\s*", text):
            return int(text)
        raise _CellError("wrong-type", f"expected a whole number, got {text!r}")
    if node.kind in ("money", "date", "enum"):
        return text.strip()
    if node.kind == "free-text" and _QUOTES.match(text) and len(text) > 1:
        return text[:-2]
    return text


class _CellError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class _Reader:
    """Builds one row's JSON data from its cells, remembering which column made which value."""

    def __init__(self, row: Mapping[str, str]) -> None:
        self.row = row
        self.columns: dict[Location, str] = {}
        self.problems: list[tuple[str, str, str]] = []  # (column, code, message)

    def build(self, node: _Node, prefix: str, location: Location) -> tuple[bool, Any]:  # noqa: C901
        """``(present, value)`` for a node: absent when all its cells are empty."""
        self.columns[location] = prefix
        if node.kind == "object":
            data: dict[str, Any] = {}
            anything = False
            for name, sub, required in node.fields:
                present, value = self.build(sub, _join(prefix, name), (*location, name))
                anything = anything or present
                if present:
                    data[name] = value
                elif required and sub.nullable:
                    data[name] = None
                elif required and sub.kind in ("enum-list", "items"):
                    data[name] = []
            marked = node.marker and self.row.get(prefix, "").strip() != ""
            return anything or marked, data
        if node.kind == "items":
            assert node.item is not None  # noqa: S101 -- every list of items has its item node
            values: list[Any] = []
            for index in self._indices(prefix):
                column = _join(prefix, str(index))
                present, value = self.build(node.item, column, (*location, len(values)))
                if present:
                    values.append(value)
            return bool(values), values
        text = self.row.get(prefix, "")
        if text == "":
            return False, None
        try:
            return True, _value(node, text)
        except _CellError as exc:
            self.problems.append((prefix, exc.code, str(exc)))
            return False, None

    def _indices(self, prefix: str) -> list[int]:
        start = f"{prefix}." if prefix else ""
        found = set()
        for column in self.row:
            if column.startswith(start):
                head = column[len(start) :].split(".", 1)[0]
                if head.isdigit() and int(head) > 0:
                    found.add(int(head))
        return sorted(found)

    def column(self, location: Location) -> str:
        """The column a loader problem's location came from (the nearest one known)."""
        for end in range(len(location), 0, -1):
            if location[:end] in self.columns:
                return self.columns[location[:end]]
        return ".".join(str(step) for step in location)


_MODELS: Mapping[str, type] = {"groups": Group, "agreements": Contract, "portfolio": Portfolio}


def _read_rows(
    sheet: str, header: Sequence[str], rows: Iterable[tuple[int, Sequence[str]]]
) -> tuple[list[Any], list[Problem], list[int]]:
    """Build the sheet's models from its rows; problems at ``(sheet, row, column)``."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for column in header:
        if column and _column_node(sheet, column) is None and not _is_marker(sheet, column):
            problems.append(
                Problem(location=(sheet, 1, column), code="unknown-field", message="unknown column")
            )
        elif column in seen:
            problems.append(
                Problem(location=(sheet, 1, column), code="invalid", message="column given twice")
            )
        seen.add(column)
    if problems:
        return [], problems, []
    node = _sheet_node(sheet)
    records: list[Any] = []
    numbers: list[int] = []
    for number, cells in rows:
        row = {column: cell for column, cell in zip(header, cells, strict=False) if column}
        if not any(cell.strip() for cell in row.values()):
            continue
        reader = _Reader(row)
        _, data = reader.build(node, "", ())
        found = [
            Problem(location=(sheet, number, c), code=code, message=m)
            for c, code, m in reader.problems
        ]
        if not found:
            try:
                records.append(from_data(data, _MODELS[sheet]))
                numbers.append(number)
            except InvalidInput as exc:
                found = [
                    Problem(
                        location=(sheet, number, reader.column(p.location)),
                        code=p.code,
                        message=p.message,
                    )
                    for p in exc.problems
                ]
        problems += found
    return records, problems, numbers


def _is_marker(sheet: str, column: str) -> bool:
    node = _column_node(sheet, column)
    return node is not None and node.marker


def _cell_text(value: object) -> str:
    """A workbook cell's value as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_sheets(paths: Sequence[Path]) -> Iterator[tuple[str, str, list[list[str]]]]:
    for path in paths:
        sheet = next((name for name in SHEETS if path.stem.lower().endswith(name)), None)
        if sheet is None:
            raise InvalidRegister(
                [
                    Problem(
                        location=(),
                        code="invalid",
                        message="name the file groups.csv, agreements.csv or portfolio.csv",
                    )
                ],
                source=path.name,
            )
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream))
        yield path.name, sheet, rows


def _xlsx_sheets(path: Path) -> Iterator[tuple[str, str, list[list[str]]]]:
    openpyxl = _openpyxl()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in SHEETS:
            if sheet in book.sheetnames:
                rows = [
                    [_cell_text(v) for v in row] for row in book[sheet].iter_rows(values_only=True)
                ]
                yield path.name, sheet, rows
    finally:
        book.close()


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        found = [path / f"{name}.csv" for name in SHEETS if (path / f"{name}.csv").exists()]
        if not found:
            raise FileNotFoundError(f"{path}: no groups.csv, agreements.csv or portfolio.csv")
        return found
    return [path]


def read_register(*paths: str | Path) -> Register:
    r"""Read a register: a folder of CSV files, the CSV files themselves, or an XLSX workbook.

    A ``.csv`` file is a sheet named by its file name (``groups.csv``, ``agreements.csv``,
    ``portfolio.csv``, or names ending so); a folder is every such file in it; a ``.xlsx``
    workbook is its ``groups``, ``agreements`` and ``portfolio`` sheets.  Blank rows are skipped.
    Raises :class:`InvalidRegister` naming the file, sheet, row and column of every problem.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "groups.csv").write_text(
    ...     "name,constituency,decision_body.members.1.roles,controls\n"
    ...     "Lowmoor Voices,service_users,service_user,money; policy\n"
    ...     "Hill Carers,carer,carer,\n", encoding="utf-8")
    >>> try:
    ...     read_register(folder)
    ... except InvalidRegister as exc:
    ...     print(exc.lines()[0][:66])
    groups.csv row 3, column constituency: expected one of 'service_u...
    """
    files = [file for path in paths for file in _files(Path(path))]
    groups: list[Group] = []
    contracts: list[Contract] = []
    portfolios: list[Portfolio] = []
    rows_of: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for file in files:
        sources = _xlsx_sheets(file) if file.suffix.lower() == ".xlsx" else _csv_sheets([file])
        for source, sheet, rows in sources:
            header = [cell.strip() for cell in rows[0]] if rows else []
            body = list(enumerate(rows[1:], start=2))
            records, problems, numbers = _read_rows(sheet, header, body)
            if problems:
                raise InvalidRegister(problems, source=source)
            rows_of[sheet] = numbers
            names[sheet] = source
            found: dict[str, list[Any]] = {
                "groups": groups,
                "agreements": contracts,
                "portfolio": portfolios,
            }
            found[sheet].extend(records)
    _check_references(groups, contracts, rows_of, names)
    portfolio = None
    if portfolios:
        portfolio = attrs.evolve(portfolios[0], groups=groups, contracts=contracts)
    return Register(groups=groups, contracts=contracts, portfolio=portfolio)


def _check_references(
    groups: Sequence[Group],
    contracts: Sequence[Contract],
    rows_of: Mapping[str, list[int]],
    names: Mapping[str, str],
) -> None:
    """Groups' references are unique; agreements name groups of the register (when it has any)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for group, number in zip(groups, rows_of.get("groups", []), strict=True):
        if group.reference is None:
            continue
        if group.reference in seen:
            problems.append(
                Problem(
                    location=("groups", number, "reference"),
                    code="invalid",
                    message=f"{group.reference!r} is also the reference of row "
                    f"{seen[group.reference]}",
                )
            )
        seen.setdefault(group.reference, number)
    if groups:
        for contract, number in zip(contracts, rows_of.get("agreements", []), strict=True):
            if contract.group_reference is not None and contract.group_reference not in seen:
                problems.append(
                    Problem(
                        location=("agreements", number, "group_reference"),
                        code="invalid",
                        message=f"no group has the reference {contract.group_reference!r}",
                    )
                )
    if problems:
        raise InvalidRegister(problems, source="register", files=names)

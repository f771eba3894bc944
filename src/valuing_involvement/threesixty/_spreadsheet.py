"""Spreadsheets, both ways: :func:`export_csv`, :func:`read_csv` and :func:`read_xlsx` (private).

Column titles are the standard's, as flattentool reads them: ``Classifications:0:Code``,
``Classifications:1:Code``... carry every classification; the other arrays contribute their
first item under the template's single titles (``Recipient Org:Identifier``), which
flattentool reads as item 0.  Reading takes every title of the 1.4.3 schema, matched as
flattentool matches them (:func:`column_path`: a table of titles made from the shipped schema,
so flattentool itself is not needed at run time).
"""

from __future__ import annotations

import contextlib
import csv
import decimal
import functools
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from valuing_involvement import _csvcell as csvcell
from valuing_involvement._standard360 import _inline, _read
from valuing_involvement.errors import Problem
from valuing_involvement.serialization import InvalidDocument
from valuing_involvement.threesixty._import import grants_array

if TYPE_CHECKING:
    from valuing_involvement.registers._xlsx import Workbook

__all__ = ["CSV_COLUMNS", "column_path", "export_csv", "iter_csv", "read_csv", "read_xlsx"]

_CLASSIFICATION = (("Vocabulary", "vocabulary"), ("Code", "code"), ("Title", "title"))
#: Our bound: an amount or duration with this many digits before the point is left as written
#: (the quality checks then say it is not a number) rather than made a huge integer.
_MOST_DIGITS = 100

#: The flat table's columns: 360Giving's spreadsheet-template titles, one row per grant.
CSV_COLUMNS: tuple[tuple[str, tuple[str | int, ...]], ...] = (
    ("Identifier", ("id",)),
    ("Title", ("title",)),
    ("Description", ("description",)),
    ("Currency", ("currency",)),
    ("Amount Awarded", ("amountAwarded",)),
    ("Award Date", ("awardDate",)),
    ("Planned Dates:Start Date", ("plannedDates", 0, "startDate")),
    ("Planned Dates:End Date", ("plannedDates", 0, "endDate")),
    ("Planned Dates:Duration (months)", ("plannedDates", 0, "duration")),
    ("Recipient Org:Identifier", ("recipientOrganization", 0, "id")),
    ("Recipient Org:Name", ("recipientOrganization", 0, "name")),
    ("Recipient Org:Charity Number", ("recipientOrganization", 0, "charityNumber")),
    ("Recipient Org:Company Number", ("recipientOrganization", 0, "companyNumber")),
    ("Beneficiary Location:Name", ("beneficiaryLocation", 0, "name")),
    ("Beneficiary Location:Country Code", ("beneficiaryLocation", 0, "countryCode")),
    ("Beneficiary Location:Geographic Code", ("beneficiaryLocation", 0, "geoCode")),
    ("Beneficiary Location:Geographic Code Type", ("beneficiaryLocation", 0, "geoCodeType")),
    ("Funding Org:Identifier", ("fundingOrganization", 0, "id")),
    ("Funding Org:Name", ("fundingOrganization", 0, "name")),
    ("Grant Programme:Code", ("grantProgramme", 0, "code")),
    ("Grant Programme:Title", ("grantProgramme", 0, "title")),
    ("Classifications:0:Vocabulary", ("classifications", 0, "vocabulary")),
    ("Classifications:0:Code", ("classifications", 0, "code")),
    ("Classifications:0:Title", ("classifications", 0, "title")),
    ("Last Modified", ("dateModified",)),
    ("Data Source", ("dataSource",)),
)


def _dig(grant: Mapping[str, Any], path: tuple[str | int, ...]) -> Any:
    value: Any = grant
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return ""
    return value


def _columns(package: Mapping[str, Any]) -> list[tuple[str, tuple[str | int, ...]]]:
    grants = [g for g in package.get("grants", ()) if isinstance(g, Mapping)]
    most = max((len(g.get("classifications") or ()) for g in grants), default=1)
    columns = list(CSV_COLUMNS)
    at = next(i for i, (title, _) in enumerate(columns) if title.startswith("Classifications"))
    extra = [
        (f"Classifications:{n}:{title}", ("classifications", n, key))
        for n in range(1, most)
        for title, key in _CLASSIFICATION
    ]
    return columns[: at + 3] + extra + columns[at + 3 :]


def _check_package(package: object) -> None:
    """Refuse what is no package of grant objects: a row of blanks would stand for it."""
    if isinstance(package, Mapping) and "grants" not in package:
        return  # no grants: the titles alone
    for index, grant in enumerate(grants_array(package)):
        if not isinstance(grant, Mapping):
            message = "expected a grant object"
            problem = Problem(location=("grants", index), code="wrong-type", message=message)
            raise InvalidDocument([problem], target="360Giving package")


def export_csv(package: Mapping[str, Any]) -> str:
    """Flatten a package to the spreadsheet template's columns, one row per grant.

    Every classification gets its indexed columns; other arrays contribute their first item,
    as the template's single columns do.  What is no package of grant objects raises
    :class:`~valuing_involvement.serialization.InvalidDocument`.

    >>> print(export_csv({"grants": []}).splitlines()[0][:41])
    Identifier,Title,Description,Currency,Amo
    """
    _check_package(package)
    columns = _columns(package)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(title for title, _ in columns)
    for grant in package.get("grants", ()):
        writer.writerow(csvcell.safe(_dig(grant, path)) for _, path in columns)
    return out.getvalue()


#: A leaf's kind in the schema: how a cell becomes its JSON value (flattentool's conversions).
_Kind = str
#: Where a column goes in its grant, and its kind.
_Column = tuple[tuple[str | int, ...], _Kind]


@attrs.frozen
class _Title:
    """One level of the schema's titles: a property, its kind and the titles below it."""

    name: str
    kind: _Kind  # "object", "array" (of objects), "strings", "number", "boolean" or "string"
    below: Mapping[str, _Title]


def _key(title: str) -> str:
    # flattentool matches titles without their spaces, ignoring case
    return title.replace(" ", "").lower()


def _level(properties: Mapping[str, Any]) -> dict[str, _Title]:
    level: dict[str, _Title] = {}
    for name, schema in properties.items():
        kinds = schema.get("type", [])
        kinds = {kinds} if isinstance(kinds, str) else set(kinds)
        items = schema.get("items") if isinstance(schema.get("items"), dict) else {}
        if "object" in kinds:
            kind, below = "object", _level(schema.get("properties", {}))
        elif "array" in kinds and (items.get("type") == "object" or "properties" in items):
            kind, below = "array", _level(items.get("properties", {}))
        elif "array" in kinds:
            kind, below = "strings", {}
        elif kinds & {"number", "integer"}:
            kind, below = "number", {}
        elif "boolean" in kinds:
            kind, below = "boolean", {}
        else:
            kind, below = "string", {}
        title = schema.get("title")
        if title:
            level[_key(title)] = _Title(name=name, kind=kind, below=below)
        # a property's own name reads too (flattentool's unmatched titles are field names)
        level.setdefault(_key(name), _Title(name=name, kind=kind, below=below))
    return level


@functools.cache
def _titles() -> Mapping[str, _Title]:
    """The grant schema's titles as flattentool looks them up, from the shipped 1.4.3 schema."""
    grant = json.loads(_read("360-giving-schema.json"))
    return MappingProxyType(_level(_inline(grant, grant["$defs"])["properties"]))


def column_path(title: str, columns: int | None = None) -> tuple[tuple[str | int, ...], _Kind]:
    """Where a column of a 360Giving spreadsheet goes in its grant, and how its cells are read.

    Titles are the standard's, matched as flattentool matches them (by the schema's titles,
    without spaces, ignoring case); parts separated by ``:``; a number picks an item of an
    array, and an array of objects with no number means its first item.  A part that is no
    title is a field name, kept as written (so a publisher's own columns are kept, as
    flattentool keeps them).  With ``columns``, an index past that many columns is refused: a
    file cannot hold more items than it has columns.

    >>> column_path("Recipient Org:Postal Code")
    (('recipientOrganization', 0, 'postalCode'), 'string')
    >>> column_path("planned dates:1:Duration (months)")
    (('plannedDates', 1, 'duration'), 'number')
    >>> column_path("Recipient Ind:Name"), column_path("Website")
    ((('recipientIndividual', 'name'), 'string'), (('Website',), 'string'))
    """
    level: Mapping[str, _Title] | None = _titles()
    path: list[str | int] = []
    kind: _Kind = "string"
    parts = [part.strip() for part in title.split(":")]
    for at, part in enumerate(parts):
        if part.isascii() and part.isdigit():
            if columns is not None and (len(part) > len(str(columns)) or int(part) >= columns):
                # each item takes columns of its own: a larger index would only allocate
                what = (parts[at - 1] if at else "an").lower().removesuffix("s")
                raise _unreadable(f"a {what} index past the file's {columns} columns")
            if path and isinstance(path[-1], int):
                path[-1] = int(part)  # the array's first item was assumed: this one instead
            else:
                path.append(int(part))
            continue
        found = level.get(_key(part)) if level is not None else None
        if found is None:
            path.append(part)
            level, kind = None, "string"
            continue
        path.append(found.name)
        level, kind = found.below, found.kind
        following = parts[at + 1] if at + 1 < len(parts) else None
        if found.kind == "array" and following is not None:
            path.append(0)  # the template's single titles name the first item
    return tuple(path), kind


def _unreadable(message: str) -> InvalidDocument:
    return InvalidDocument(
        [Problem(location=(), code="syntax", message=message)], target="360Giving CSV"
    )


def _number(text: str) -> int | float | str:
    """A cell as a JSON number when it is a finite one of sane size; else the text as written.

    Bounds come before conversion: ``1e999999999`` is a billion-digit integer, and
    ``Infinity``, ``NaN`` and ``sNaN`` are no JSON numbers, so each is left as text for the
    schema check to report.  Zero is zero whatever its exponent (``0e999``).

    >>> _number("12.50"), _number("36"), _number("NaN"), _number("1e999999999"), _number("0e999")
    (12.5, 36, 'NaN', '1e999999999', 0)
    """
    try:
        amount = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return text  # left as written: the quality checks will say it is not a number
    if not amount.is_finite():  # NaN, sNaN, Infinity
        return text
    if amount.is_zero():  # 0e999 is no large number: no digits to make
        return 0
    if amount.adjusted() >= _MOST_DIGITS:  # 1e999999999
        return text
    return int(amount) if amount == amount.to_integral_value() else float(text)


class _Items(dict[int, Any]):
    """An array being read, its items by their column index: flattentool's index is a key.

    ``Classifications:1:Code`` alone gives one classification, not an empty one before it;
    the items are put in order of their indexes when the row is read (:func:`_compact`).
    """

    __slots__ = ()


def _put(grant: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    """Set ``value`` at ``path``, making the objects and arrays on the way.

    An index is a key of its array (:class:`_Items`), so a cell costs its own entries whatever
    its index.  A cell whose column's path runs through another column's value (``Title`` and
    ``Title:Part``) is left out, as the first column's value stands.
    """
    node: Any = grant
    for step, following in itertools.pairwise(path):
        if isinstance(step, int):
            if not isinstance(node, _Items):
                return
            node = node.setdefault(step, {})
        else:
            if not isinstance(node, dict) or isinstance(node, _Items):
                return
            node = node.setdefault(step, _Items() if isinstance(following, int) else {})
    last = path[-1]
    if isinstance(last, int):
        if isinstance(node, _Items):
            node[last] = value
    elif isinstance(node, dict) and not isinstance(node, _Items):
        node[last] = value


def _compact(value: Any) -> Any:
    """A read row's arrays as lists, their items in the order of their indexes."""
    if isinstance(value, _Items):
        return [_compact(value[index]) for index in sorted(value)]
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict):
                value[key] = _compact(item)
    return value


def read_csv(text: str) -> dict[str, Any]:
    r"""Read a flat table with the standard's titled columns as a package, as flattentool would.

    Every column of the 1.4.3 schema reads, by its title (:func:`column_path`):
    ``Recipient Org:Postal Code``, ``Recipient Ind:Name``, ``Planned Dates:Duration (months)``
    ... (so a file flattened with the standard's template, or written by :func:`export_csv`,
    reads whole); a column whose title is not the schema's is kept under its own name, as
    flattentool keeps it.  Empty cells are left out; cells become numbers, booleans and lists
    by the schema's types (``NaN``, ``Infinity`` and numbers of a hundred digits or more are left
    as written).  An index in a title names an item, as in flattentool: the items are those
    with cells, in the order of their indexes.  A row that is not CSV, an index past the file's
    columns, or a value in a column with no title (or past the titles) raises
    :class:`~valuing_involvement.serialization.InvalidDocument`.

    >>> read_csv("Identifier,Amount Awarded,Classifications:1:Code\nx,12.50,carers\n")
    {'grants': [{'id': 'x', 'amountAwarded': 12.5, 'classifications': [{'code': 'carers'}]}]}
    >>> read_csv("Identifier,Recipient Ind:Name,Recipient Org:Postal Code\nx,A person,LM1 2AB\n")
    {'grants': [{'id': 'x', 'recipientIndividual': {'name': 'A person'}, 'recipientOrganization': [{'postalCode': 'LM1 2AB'}]}]}
    """  # noqa: E501
    return {"grants": list(iter_csv(io.StringIO(text)))}


def iter_csv(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The grants of a titled CSV one at a time, read as :func:`read_csv` reads them.

    Only one row is held at a time, so a large file costs its rows' text, not every grant.

    >>> list(iter_csv(["Identifier,Title", "x,A grant", ",", "y,"]))
    [{'id': 'x', 'title': 'A grant'}, {'id': 'y'}]
    """
    rows = csv.reader(lines)
    try:
        columns = _columns_of(next(rows, []))
        for number, row in enumerate(rows, start=2):
            stray = _stray(columns, row)
            if stray is not None:
                raise _unreadable(f"row {number}, {_untitled(stray)}")
            grant = _row_grant(columns, row)
            if grant:
                yield grant
    except csv.Error as exc:  # a cell past csv's field limit, a stray quote in strict files
        raise _unreadable(f"line {rows.line_num}: {exc}") from None


def _stray(columns: list[_Column | None], row: list[str]) -> int | None:
    """The first column (from 0) holding a value but no title, or past the titles, if any."""
    for number, cell in enumerate(row):
        if (number >= len(columns) or columns[number] is None) and cell.strip():
            return number
    return None


def _untitled(column: int) -> str:
    from valuing_involvement.registers._xlsx import column_letter  # noqa: PLC0415

    return (
        f"column {column_letter(column + 1)}: a value in a column with no title: "
        "give the column a title or move the value"
    )


def _cell(kind: _Kind, text: str) -> object:
    """A cell's JSON value by its column's kind in the schema, as flattentool converts it."""
    if kind == "number":
        return _number(text)
    if kind == "boolean":
        return {"true": True, "false": False}.get(text.strip().lower(), text)
    if kind == "strings":
        return [item.strip() for item in text.split(";")]  # flattentool's separator
    return text


def _row_grant(columns: list[_Column | None], row: list[str]) -> dict[str, Any]:
    grant: dict[str, Any] = {}
    for column, cell in zip(columns, row, strict=False):
        if column is None or cell == "":
            continue
        path, kind = column
        _put(grant, path, _cell(kind, cell))
    return _compact(grant)  # type: ignore[no-any-return]


def _merge(into: dict[str, Any], more: Mapping[str, Any]) -> None:
    """Merge a sheet row's part of a grant as flattentool does: array items by their ``id``."""
    for key, value in more.items():
        have = into.get(key)
        if isinstance(have, list) and isinstance(value, list):
            for item in value:
                same = next(
                    (
                        old
                        for old in have
                        if isinstance(item, dict)
                        and isinstance(old, dict)
                        and "id" in item
                        and old.get("id") == item["id"]
                    ),
                    None,
                )
                if same is None:
                    have.append(item)
                else:
                    _merge(same, item)
        elif isinstance(have, dict) and isinstance(value, dict):
            _merge(have, value)
        else:
            into[key] = value


def _columns_of(titles: list[str]) -> list[_Column | None]:
    columns: list[_Column | None] = []
    for number, title in enumerate(titles, start=1):
        try:
            columns.append(column_path(title, len(titles)) if title.strip() else None)
        except InvalidDocument as exc:
            raise _unreadable(f"column {number}: {exc.problems[0].message}") from None
    return columns


def read_xlsx(path: str | Path, *, max_input: int = 256 * 1024 * 1024) -> dict[str, Any]:
    """Read a 360Giving workbook (the standard's titled columns) as a package, as flattentool.

    The first sheet holds a row a grant (the template's single sheet, or flattentool's
    ``grants``); each other sheet whose columns include the grant's ``Identifier`` adds its
    rows to the grant of that id (an array item to the item of the same ``id``, or a new item),
    so a workbook of flattentool's sub-sheets reads whole.  Other sheets are skipped.  Cells are
    read as :func:`read_csv` reads them; dates as ``YYYY-MM-DD``.  A workbook that cannot be
    read, or a cell that holds a formula with no saved value, an error or merged cells, raises
    :class:`~valuing_involvement.serialization.InvalidDocument`.  Needs no optional extra.

    >>> import pathlib
    >>> fixture = pathlib.Path("tests/fixtures/threesixty/titled.xlsx")
    >>> grants = read_xlsx(fixture)["grants"] if fixture.exists() else [{"id": "360G-fixture-1"}]
    >>> grants[0]["id"]
    '360G-fixture-1'
    """
    # the workbook reader of the registers, hardened against hostile files; imported on use
    from valuing_involvement.registers._xlsx import BROKEN, Workbook, XlsxError  # noqa: PLC0415

    try:
        book = Workbook(Path(path), max_input)
    except XlsxError as exc:
        raise _unreadable(f"{Path(path).name} {exc}") from None
    try:
        return _read_book(book)
    except XlsxError as exc:  # past a limit: "expands to more than the input limit ..."
        raise _unreadable(f"{Path(path).name} {exc}") from None
    except BROKEN as exc:
        raise _unreadable(f"{Path(path).name}: a broken workbook ({exc})") from None
    finally:
        book.close()


def _read_book(book: Workbook) -> dict[str, Any]:
    grants: list[dict[str, Any]] = []
    by_id: dict[object, dict[str, Any]] = {}
    for number, (name, target) in enumerate(book.sheets):
        late: list[tuple[int, int, str]] = []
        # closed when left early (a refused row), so the sheet's part is not left open
        with contextlib.closing(book.rows(target, late)) as rows:
            _read_sheet(name, rows, late, first=number == 0, into=(grants, by_id))
    return {"grants": grants}


def _read_sheet(
    name: str,
    rows: Iterator[tuple[int, dict[int, str]]],
    late: list[tuple[int, int, str]],
    *,
    first: bool,
    into: tuple[list[dict[str, Any]], dict[object, dict[str, Any]]],
) -> None:
    from valuing_involvement.registers._xlsx import column_letter  # noqa: PLC0415

    grants, by_id = into
    header = next(rows, None)
    if header is None:
        return
    width = max(header[1], default=-1) + 1
    columns = _columns_of([header[1].get(n, "") for n in range(width)])
    if not first and (("id",), "string") not in columns:
        return  # no grant identifier: a sheet of notes, not of grants
    for row, cells in rows:
        stray = next((n for n in sorted(cells) if n >= width and cells[n].strip()), None)
        values = [cells.get(n, "") for n in range(width)]
        stray = _stray(columns, values) if stray is None else stray
        if stray is not None:
            raise _unreadable(f"sheet {name!r}, row {row}, {_untitled(stray)}")
        grant = _row_grant(columns, values)
        if not grant:
            continue
        known = None if first else by_id.get(grant.get("id"))
        if known is None:
            grants.append(grant)
            by_id.setdefault(grant.get("id"), grant)
        else:
            _merge(known, grant)
    if late:
        row, column, message = late[0]
        raise _unreadable(f"sheet {name!r}, {column_letter(column + 1)}{row}: {message}")

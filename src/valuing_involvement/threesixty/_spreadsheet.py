"""The spreadsheet template, both ways: :func:`export_csv` and :func:`read_csv` (private module).

Column titles are the standard's, as flattentool reads them: ``Classifications:0:Code``,
``Classifications:1:Code``... carry every classification; the other arrays contribute their
first item under the template's single titles (``Recipient Org:Identifier``), which
flattentool reads as item 0.
"""

from __future__ import annotations

import csv
import decimal
import io
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from valuing_involvement import _csvcell as csvcell
from valuing_involvement.errors import Problem
from valuing_involvement.serialization import InvalidDocument

__all__ = ["CSV_COLUMNS", "export_csv", "read_csv"]

_CLASSIFICATION = (("Vocabulary", "vocabulary"), ("Code", "code"), ("Title", "title"))
_NUMBERS = {"amountAwarded", "duration"}
_INDEXED = re.compile(r"Classifications:([0-9]+):(Vocabulary|Code|Title)")
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


def export_csv(package: Mapping[str, Any]) -> str:
    """Flatten a package to the spreadsheet template's columns, one row per grant.

    Every classification gets its indexed columns; other arrays contribute their first item,
    as the template's single columns do.

    >>> print(export_csv({"grants": []}).splitlines()[0][:41])
    Identifier,Title,Description,Currency,Amo
    """
    columns = _columns(package)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(title for title, _ in columns)
    for grant in package.get("grants", ()):
        writer.writerow(csvcell.safe(_dig(grant, path)) for _, path in columns)
    return out.getvalue()


def _path_of(title: str, column: int, columns: int) -> tuple[str | int, ...] | None:
    indexed = _INDEXED.fullmatch(title)
    if indexed is not None:
        digits = indexed.group(1)
        # Each classification takes columns of its own, so a file cannot hold more of them than
        # it has columns: a larger index would only allocate empty classifications.
        if len(digits) > len(str(columns)) or int(digits) >= columns:
            message = f"column {column + 1}: a classification index past the file's {columns}"
            raise _unreadable(message + " columns")
        return ("classifications", int(digits), indexed.group(2).lower())
    return _TITLES.get(title)


def _unreadable(message: str) -> InvalidDocument:
    return InvalidDocument(
        [Problem(location=(), code="syntax", message=message)], target="360Giving CSV"
    )


def _number(text: str) -> int | float | str:
    """A cell as a JSON number when it is a finite one of sane size; else the text as written.

    Bounds come before conversion: ``1e999999999`` is a billion-digit integer, and
    ``Infinity``, ``NaN`` and ``sNaN`` are no JSON numbers, so each is left as text for the
    schema check to report.

    >>> _number("12.50"), _number("36"), _number("NaN"), _number("1e999999999")
    (12.5, 36, 'NaN', '1e999999999')
    """
    try:
        amount = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return text  # left as written: the quality checks will say it is not a number
    if not amount.is_finite() or amount.adjusted() >= _MOST_DIGITS:  # NaN, 1e999999999
        return text
    return int(amount) if amount == amount.to_integral_value() else float(text)


def _put(grant: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    node: Any = grant
    for step, following in itertools.pairwise(path):
        if isinstance(step, int):
            while len(node) <= step:
                node.append({})
            node = node[step]
        else:
            node = node.setdefault(step, [] if isinstance(following, int) else {})
    node[path[-1]] = value


def read_csv(text: str) -> dict[str, Any]:
    r"""Read a flat table with the template's titles (as :func:`export_csv` writes) as a package.

    Empty cells are left out; amounts and durations become numbers (``NaN``, ``Infinity`` and
    numbers of a hundred digits or more are left as written); columns whose titles are not the
    template's are ignored.  A row that is not CSV, or a classification index past the file's
    columns, raises :class:`~valuing_involvement.serialization.InvalidDocument`.

    >>> read_csv("Identifier,Amount Awarded,Classifications:1:Code\nx,12.50,carers\n")
    {'grants': [{'id': 'x', 'amountAwarded': 12.5, 'classifications': [{}, {'code': 'carers'}]}]}
    """
    rows = csv.reader(io.StringIO(text))
    try:
        return _read_rows(rows)
    except csv.Error as exc:  # a cell past csv's field limit, a stray quote in strict files
        raise _unreadable(f"line {rows.line_num}: {exc}") from None


def _read_rows(rows: Iterator[list[str]]) -> dict[str, Any]:
    titles = next(rows, [])
    paths = [_path_of(title.strip(), n, len(titles)) for n, title in enumerate(titles)]
    grants = []
    for row in rows:
        grant: dict[str, Any] = {}
        for path, cell in zip(paths, row, strict=False):
            if path is None or cell == "":
                continue
            _put(grant, path, _number(cell) if path[-1] in _NUMBERS else cell)
        if grant:
            grants.append(grant)
    return {"grants": grants}


_TITLES = dict(CSV_COLUMNS)

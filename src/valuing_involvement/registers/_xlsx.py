"""XLSX sheets read as a stream of XML, with limits a hostile workbook cannot get past (private).

The workbook is opened as the zip it is; the parts read (the workbook, its styles, shared
strings and each sheet) may together expand to no more than the input limit, each sheet's
rows and columns stay within Excel's own (1,048,576 by 16,384), and only the cells a sheet
holds are kept: a cell at ``XFD1048576`` costs one cell, not a billion.  A formula with no
saved value, an error value and merged cells are reported, never read as empty.  Needs no
optional extra.
"""

from __future__ import annotations

import datetime as dt
import decimal
import posixpath
import re
import zipfile
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as ET

__all__ = ["BROKEN", "MAX_COLUMNS", "MAX_ROWS", "Workbook", "XlsxError"]

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,10})")
_DATE_CODES = re.compile(r"[dmy]")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_BUILTIN_DATES = frozenset({*range(14, 23), *range(45, 48), *range(27, 37), *range(50, 59)})


#: What a broken zip or its XML raises while a sheet is read.
BROKEN = (
    ET.ParseError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    NotImplementedError,  # a compression method zipfile lacks
    RuntimeError,  # an encrypted part
)


class XlsxError(ValueError):
    """A workbook that cannot be read at all (not a zip, no workbook, too large, broken)."""


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letter(index: int) -> str:
    """A column number (from 1) as Excel's letters.

    >>> column_letter(1), column_letter(28), column_letter(16384)
    ('A', 'AB', 'XFD')
    """
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


#: Our bound: the bytes of input limit each shared string held uses up, beyond its XML (a
#: Python string and its place in the table take about this much).
_STRING_COST = 64


class _Budget:
    """The decompressed bytes a workbook may still use."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def take(self, info: zipfile.ZipInfo) -> None:
        self.left -= info.file_size
        if self.left < 0:
            raise XlsxError("expands to more than the input limit (raise it with --max-input)")


class Workbook:
    """One workbook's sheets, read lazily and within limits.

    >>> import io, tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "x.xlsx"
    >>> _ = file.write_bytes(b"not a zip")
    >>> try:
    ...     Workbook(file, 1000)
    ... except XlsxError as exc:
    ...     print(exc)
    is not an XLSX workbook (not a zip file)
    """

    def __init__(self, path: Path, limit: int) -> None:
        if path.stat().st_size > limit:
            raise XlsxError(
                f"larger than the input limit of {limit:,} bytes (raise it with --max-input)"
            )
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            raise XlsxError("is not an XLSX workbook (not a zip file)") from None
        self.budget = _Budget(limit)
        try:
            self._open()
        except XlsxError:
            self.zip.close()
            raise
        except (*BROKEN, ValueError) as exc:
            self.zip.close()
            raise XlsxError(f"is a broken workbook ({type(exc).__name__})") from None

    def _part(self, name: str) -> IO[bytes]:
        info = self.zip.getinfo(name)
        self.budget.take(info)
        return self.zip.open(info)

    def _parse(self, name: str) -> ET.Element:
        """A whole (small) part as a tree, the part closed after.

        An open part keeps the zip's file open past ``close``.
        """
        with self._part(name) as stream:
            return ET.parse(stream).getroot()  # noqa: S314

    def _has(self, name: str) -> bool:
        return name in self.zip.NameToInfo

    def _open(self) -> None:
        if not self._has("xl/workbook.xml"):
            raise XlsxError("holds no workbook (no xl/workbook.xml): save it from Excel as .xlsx")
        book = self._parse("xl/workbook.xml")
        pr = book.find(f"{_MAIN}workbookPr")
        self.epoch = (
            dt.date(1904, 1, 1)
            if pr is not None and pr.get("date1904") in ("1", "true")
            else dt.date(1899, 12, 30)
        )
        targets: dict[str, str] = {}
        if self._has("xl/_rels/workbook.xml.rels"):
            rels = self._parse("xl/_rels/workbook.xml.rels")
            for rel in rels.iter(f"{_PKG}Relationship"):
                target = rel.get("Target", "")
                target = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join("xl", target))
                )
                targets[rel.get("Id", "")] = target
        self.sheets: list[tuple[str, str]] = []
        for sheet in book.iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_REL}id", ""), "")
            if self._has(target):
                self.sheets.append((sheet.get("name", ""), target))
        self.dates = self._date_styles()
        self.strings = self._shared_strings()

    def _date_styles(self) -> list[bool]:
        if not self._has("xl/styles.xml"):
            return []
        root = self._parse("xl/styles.xml")
        custom = {
            int(fmt.get("numFmtId", "0")): _DATE_CODES.search(
                _QUOTED.sub("", fmt.get("formatCode", "").lower())
            )
            is not None
            for fmt in root.iter(f"{_MAIN}numFmt")
        }
        xfs = root.find(f"{_MAIN}cellXfs")
        out = []
        for xf in [] if xfs is None else xfs.iter(f"{_MAIN}xf"):
            number = int(xf.get("numFmtId", "0"))
            out.append(custom.get(number, number in _BUILTIN_DATES))
        return out

    def _shared_strings(self) -> list[str]:
        if not self._has("xl/sharedStrings.xml"):
            return []
        strings: list[str] = []
        with self._part("xl/sharedStrings.xml") as stream:
            context = ET.iterparse(stream, events=("start", "end"))  # noqa: S314
            _, root = next(context)
            for event, element in context:
                if event == "end" and element.tag == f"{_MAIN}si":
                    strings.append(_text(element))
                    root.clear()  # the read item leaves the tree, not only its contents
                    # each string held costs memory beyond its XML: a table of millions of
                    # one-letter strings would take gigabytes within the limit's bytes
                    self.budget.left -= _STRING_COST
                    if self.budget.left < 0:
                        raise XlsxError(
                            "expands to more than the input limit (raise it with --max-input)"
                        )
        return strings

    def close(self) -> None:
        """Close the zip."""
        self.zip.close()

    def rows(
        self, target: str, problems: list[tuple[int, int, str]]
    ) -> Generator[tuple[int, dict[int, str]], None, None]:
        """A sheet's rows: number (from 1) and non-empty cells by column (from 0), as text.

        Cells that cannot be read go to ``problems`` as ``(row, column, message)``.
        """
        with self._part(target) as stream:
            yield from self._rows(stream, problems)

    def _rows(
        self, stream: IO[bytes], problems: list[tuple[int, int, str]]
    ) -> Iterator[tuple[int, dict[int, str]]]:
        number = 0
        cells: dict[int, str] = {}
        context = ET.iterparse(stream, events=("start", "end"))  # noqa: S314
        _, root = next(context)
        for event, element in context:
            tag = element.tag
            if event == "start":
                if tag == f"{_MAIN}row":
                    number = (
                        int(element.get("r") or number + 1)
                        if _digits(element.get("r"))
                        else number + 1
                    )
                    if number > MAX_ROWS:
                        raise XlsxError(
                            f"has a row numbered {number:,}, beyond Excel's {MAX_ROWS:,}"
                        )
                    cells = {}
                    column = 0
                continue
            if tag == f"{_MAIN}c":
                column = self._cell(element, number, column, cells, problems)
                element.clear()
            elif tag == f"{_MAIN}row":
                yield number, cells
                root.clear()
            elif tag == f"{_MAIN}mergeCell":
                ref = element.get("ref", "")
                match = _REF.match(ref)
                if match:
                    problems.append(
                        (
                            int(match[2]),
                            _column(match[1]) - 1,
                            f"merged cells ({ref}): unmerge them and write the value in each cell",
                        )
                    )

    def _cell(  # noqa: C901 -- one branch per kind of cell
        self,
        element: Any,
        row: int,
        previous: int,
        cells: dict[int, str],
        problems: list[tuple[int, int, str]],
    ) -> int:
        ref = _REF.fullmatch(element.get("r", ""))
        column = _column(ref[1]) if ref else previous + 1
        if ref and int(ref[2]) != row:
            raise XlsxError(f"has a cell {ref[0]} outside its row {row}")
        if column > MAX_COLUMNS:
            raise XlsxError(f"has a cell in column {column:,}, beyond Excel's {MAX_COLUMNS:,}")
        kind = element.get("t", "n")
        formula = element.find(f"{_MAIN}f")
        value = element.find(f"{_MAIN}v")
        raw = value.text if value is not None else None
        text: str | None
        if kind == "inlineStr":
            text = "".join(_text(item) for item in element.iter(f"{_MAIN}is"))
        elif raw is None or raw == "":
            if formula is not None:
                problems.append(
                    (
                        row,
                        column - 1,
                        (
                            "a formula with no saved value: open and save "
                            "the workbook in Excel, or type the value"
                        ),
                    )
                )
            return column
        elif kind == "s":
            index = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else -1
            if not 0 <= index < len(self.strings):
                raise XlsxError(f"has a cell {column_letter(column)}{row} naming no shared text")
            text = self.strings[index]
        elif kind == "b":
            text = "true" if raw == "1" else "false"
        elif kind == "e":
            problems.append((row, column - 1, f"shows the error {raw}: write the value instead"))
            return column
        elif kind in ("str", "d"):
            text = raw
        else:
            text = self._number(raw, element.get("s"))
        if text:
            cells[column - 1] = text
        return column

    def _number(self, raw: str, style: str | None) -> str:
        if len(raw) > 40:
            return raw
        try:
            number = decimal.Decimal(raw)
        except decimal.InvalidOperation:
            return raw
        if not number.is_finite() or abs(number.adjusted()) > 20:
            return raw
        index = (
            int(style) if style and style.isascii() and style.isdigit() and len(style) < 7 else 0
        )
        if index < len(self.dates) and self.dates[index] and 0 <= number < 2_958_466:
            return (self.epoch + dt.timedelta(days=int(number))).isoformat()
        if number == number.to_integral_value():
            return str(int(number))
        return format(number, "f")


def _text(element: Any) -> str:
    """A string item's text: its own ``t``, or its runs' (never the phonetic guide, ``rPh``)."""
    parts = element.findall(f"{_MAIN}t") or element.findall(f"{_MAIN}r/{_MAIN}t")
    return "".join(part.text or "" for part in parts)


def _digits(text: str | None) -> bool:
    return text is not None and text.isascii() and text.isdigit() and len(text) < 11

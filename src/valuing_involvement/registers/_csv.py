"""CSV sheets: bytes read under the input limit, the encoding told, rows streamed (private).

UK Excel's "CSV (Comma delimited)" writes Windows-1252 and "Unicode text" writes UTF-16 with
tabs between cells, so the reader takes UTF-8 (with or without a byte-order mark), UTF-16 and
Windows-1252, says which it read, and takes tabs as the separator when the first row has more
tabs than commas.  Rows are read one at a time, as maps of column number to non-empty text.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

__all__ = ["MAX_CELL", "decode", "delimiter", "read_limited", "rows"]

#: The longest cell read, in characters: Excel's own limit.
MAX_CELL = 32_767
_CHUNK = 1 << 20


class TooLarge(OSError):
    """A file larger than the input limit."""


def read_limited(path: Path, limit: int) -> bytes:
    """A file's bytes, refusing one larger than ``limit`` (it may be endless, like /dev/zero).

    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = file.write_bytes(b"a,b")
    >>> read_limited(file, 3), read_limited(file, 100)
    (b'a,b', b'a,b')
    """
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(
            f"larger than the input limit of {limit:,} bytes (raise it with --max-input)"
        )
    return data


def _valid(data: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(data[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes) -> tuple[str, str]:
    r"""The Python codec that reads ``data`` and its name for people.

    >>> decode("Café £5".encode("cp1252"))
    ('cp1252', 'Windows-1252')
    >>> decode("Café".encode("utf-16"))
    ('utf-16', 'UTF-16')
    >>> decode(b"\xef\xbb\xbfname")
    ('utf-8-sig', 'UTF-8 with a byte-order mark')
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8 with a byte-order mark"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    head = data[:512]
    if head and head.count(0) * 3 > len(head):  # UTF-16 without its mark: every other byte 0
        return ("utf-16-le", "UTF-16") if head[1:2] == b"\x00" else ("utf-16-be", "UTF-16")
    if _valid(data, "utf-8"):
        return "utf-8", "UTF-8"
    if _valid(data, "cp1252"):
        return "cp1252", "Windows-1252"
    return "latin-1", "Latin-1"


_SNIFF = 1 << 14  # bytes read to find the first row's separator


class CsvProblem(ValueError):
    """A row the CSV module cannot split, with its line."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row


def delimiter(data: bytes, encoding: str) -> str:
    r"""What separates the cells: a tab or a comma, whichever the first row has more of.

    Excel's "Unicode text" and "Text (Tab delimited)" separate cells by tabs.

    >>> delimiter("Group name\tWho the group is for\r\n".encode("utf-16"), "utf-16")
    '\t'
    >>> delimiter(b"Group name,Who the group is for\tor not\r\n", "utf-8")
    ','
    """
    first = data[:_SNIFF].decode(encoding, errors="ignore").split("\n", 1)[0]
    return "\t" if first.count("\t") > first.count(",") else ","


def rows(data: bytes, encoding: str) -> Iterator[tuple[int, dict[int, str]]]:
    r"""Each row's number (from 1) and its non-empty cells by column number (from 0).

    Rows with no cell filled in are skipped.

    A row the CSV module cannot read (a cell over its field limit, a stray NUL) raises
    :class:`CsvProblem`; reading stops there.

    >>> list(rows(b"a,,b\r\n,,\r\nc", "utf-8"))
    [(1, {0: 'a', 2: 'b'}), (3, {0: 'c'})]
    """
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="", errors="strict")
    reader = csv.reader(stream, delimiter=delimiter(data, encoding))
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            if "field larger than field limit" in str(exc):
                message = (
                    f"a cell longer than {csv.field_size_limit():,} characters, more than a "
                    "register needs: shorten it (reading stops here)"
                )
            else:
                message = f"cannot be read as CSV: {exc} (reading stops here)"
            raise CsvProblem(number + 1, message) from None
        number += 1
        if any(cells):  # Excel's empty ",," rows cost no more than reading them
            yield number, {index: cell for index, cell in enumerate(cells) if cell}

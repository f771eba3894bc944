"""Reading the command's inputs: the input limit, loading documents and registers, sniffing.

Every problem with an input becomes lines here (:func:`problem_lines`), one per problem.
"""

from __future__ import annotations

import argparse
import contextvars
import csv
import errno
import io
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import attrs

from valuing_involvement.cli._common import (
    PROG,
    complain,
    source_name,
)
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.groups import Group
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.registers import SHEETS, InvalidRegister, Register
from valuing_involvement.registers import _command as registers_command
from valuing_involvement.registers._command import column_map
from valuing_involvement.serialization import (
    InvalidDocument,
    from_data,
    parse_json,
)
from valuing_involvement.threesixty._spreadsheet import iter_csv as iter_csv_grants

T = TypeVar("T")


#: The most problems listed for one input; the rest are counted in one line.
MAX_LISTED = 20
_MORE = re.compile(r"and (at least )?([\d,]+) more problems")


def problem_lines(source: str, error: InvalidInput | OSError) -> list[str]:
    """The one place bad input becomes lines: ``SOURCE: PATH: MESSAGE``, or ``SOURCE: MESSAGE``.

    Every command reports unreadable files and every :class:`InvalidInput` (a document, a
    policy, a 360Giving package) through here, one line per problem, at most
    :data:`MAX_LISTED` of them and then a count of the rest.
    """
    name = source_name(source)
    if isinstance(error, WrongKind):  # one hint instead of every missing field
        return [f"{name}: {error.hint}"]
    if isinstance(error, InvalidRegister):  # its lines name the file, sheet, row and column
        return _capped(error.lines(), name)
    if isinstance(error, InvalidInput):
        problems = list(error.problems)
        unlisted, at_least = 0, False
        if problems and problems[-1].code == "too-many":  # counted, not listed, by the reader
            found = _MORE.search(problems[-1].message)
            if found is not None:
                unlisted, at_least = int(found[2].replace(",", "")), bool(found[1])
                problems.pop()
        lines = [f"{name}: {problem.path}: {problem.message}" for problem in problems]
        return _capped(lines, name, unlisted, at_least=at_least)
    if isinstance(error, IsADirectoryError):
        return [f"{name}: is a directory, not a file"]
    if isinstance(error, FileNotFoundError):
        return [f"{name}: no such file"]
    return [f"{name}: {error.strerror or 'cannot be read'}"]


def _capped(lines: list[str], name: str, unlisted: int = 0, *, at_least: bool = False) -> list[str]:
    """The first :data:`MAX_LISTED` lines, then one that counts the rest."""
    more = max(len(lines) - MAX_LISTED, 0) + unlisted
    if not more:
        return lines
    noun = "problem" if more == 1 else "problems"
    bound = "at least " if at_least else ""
    return [*lines[:MAX_LISTED], f"{name}: ... and {bound}{more:,} more {noun}"]


class WrongKind(InvalidInput):
    """A document of another type than the command reads: one hint replaces its problems."""

    def __init__(self, hint: str) -> None:
        super().__init__([Problem(location=(), code="invalid", message=hint)])
        self.hint = hint


#: The keys that give a document's type away, most telling first, and the command that reads it.
_KINDS = (
    ("an assessment", frozenset({"findings", "metrics"}), None),
    ("a report", frozenset({"findings", "ruleset"}), None),
    ("a 360Giving package", frozenset({"grants"}), "import-360giving"),
    ("a portfolio", frozenset({"commissioner", "contracts"}), "assess"),
    ("an agreement", frozenset({"period", "amount_per_year"}), "check"),
    ("a group", frozenset({"constituency", "controls"}), "classify"),
    ("a commissioner", frozenset({"name", "body_type"}), None),
)
_READS = {Group: "a group", Contract: "an agreement", Portfolio: "a portfolio"}


def _kind_of(data: object) -> tuple[str, str | None] | None:
    """What a parsed document looks like, and the command that reads it; ``None`` if unclear."""
    items = data if isinstance(data, list) else [data]
    kinds = set()
    for item in items:
        if not isinstance(item, dict):
            return None
        keys = item.keys()
        kinds.add(next(((k, c) for k, needs, c in _KINDS if needs <= keys), None))
    if len(kinds) != 1:
        return None
    return kinds.pop()


def _wrong_kind(data: object, cls: type, source: str) -> WrongKind | None:
    """A hint when ``data`` is plainly another type of document than ``cls``."""
    found = _kind_of(data)
    wanted = _READS.get(cls)
    if found is None or wanted is None or found[0] == wanted:
        return None
    kind, command = found
    if isinstance(data, list):
        kind = f"a list of {kind.split(' ', 1)[1]}s"
    hint = f"this looks like {kind}, not {wanted}"
    if command is not None:
        hint += f"; try `{PROG} {command} {source}`"
    elif kind == "a commissioner":
        hint += "; a portfolio holds the commissioner with its groups and agreements"
    else:
        hint += f"; it is what `{PROG}` writes, not what it reads"
    return WrongKind(hint)


#: The most bytes read from one input (a file or stdin) unless ``--max-input`` says more.
DEFAULT_MAX_INPUT = 256 * 1024 * 1024
MAX_INPUT: contextvars.ContextVar[int] = contextvars.ContextVar(
    "max_input", default=DEFAULT_MAX_INPUT
)


def read_input(source: str) -> bytes:
    """Read a whole input, but never more than the input limit (``--max-input``)."""
    limit = MAX_INPUT.get()
    if source == "-":
        if sys.stdin is None:
            raise OSError(errno.EBADF, "standard input is closed")
        data = _read_at_most(sys.stdin.buffer, limit + 1)
    else:
        with Path(source).open("rb") as file:
            data = _read_at_most(file, limit + 1)
    if len(data) > limit:
        message = f"larger than the input limit of {limit:,} bytes (raise it with --max-input)"
        raise OSError(errno.EFBIG, message)
    return data


#: The most bytes asked of a stream at once: ``read(n)`` sets aside ``n`` bytes before it reads
#: any, so one read of a limit as large as ``--max-input 1024G`` fails for want of memory.
_CHUNK = 1 << 24


def _read_at_most(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes of ``stream``, read a chunk at a time."""
    chunks = []
    left = size
    while left > 0:
        chunk = stream.read(min(left, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def load(source: str, cls: type[T]) -> list[T]:
    """Read one document or a list of them from a file (``-`` for stdin), or a register."""
    if source.lower().endswith(REGISTER_SUFFIXES):
        return _from_register(source, cls)
    data = parse_json(read_input(source))
    try:
        return from_json(data, cls)
    except InvalidInput:
        hint = _wrong_kind(data, cls, source)
        if hint is None:
            raise
        raise hint from None


@attrs.frozen
class RegisterOptions:
    """How a command reads registers: ``--as`` a kind, ``--columns`` a map of own titles."""

    kind: str | None = None
    columns: str | None = None


REGISTER: contextvars.ContextVar[RegisterOptions | None] = contextvars.ContextVar(
    "register", default=None
)
#: The file name endings read as registers rather than JSON (Excel saves "Unicode text" as .txt).
REGISTER_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")


def add_register_options(sub: argparse.ArgumentParser) -> None:
    """Add ``--as`` and ``--columns``, the options of commands that read registers."""
    sub.add_argument(
        "--as",
        dest="register_as",
        choices=SHEETS,
        help="read a CSV register as this kind of sheet (by default, from its column titles)",
    )
    sub.add_argument(
        "--columns",
        dest="register_columns",
        metavar="MAP.toml",
        help='a TOML [columns] table mapping your column titles to the library\'s ("Org" = '
        '"Group name")',
    )


def load_register(source: str, cls: type[T]) -> tuple[list[T], Register]:
    """The groups, agreements or portfolio of a register (a CSV file or an XLSX workbook).

    A register holding no sheet of the kind wanted is refused, saying what it holds.  A CSV
    file read in another encoding than UTF-8 gets a note on stderr saying which.
    """
    options = REGISTER.get() or RegisterOptions()
    columns = None
    if options.columns is not None:
        columns = column_map(options.columns, max_input=MAX_INPUT.get())
    items, register = registers_command.load(
        source, cls, as_=options.kind, columns=columns, max_input=MAX_INPUT.get()
    )
    complain(
        f"note: {note}"
        for note in register.notes
        if ": read as " in note and not note.endswith(("UTF-8", "UTF-8 with a byte-order mark"))
    )
    return items, register


def _from_register(source: str, cls: type[T]) -> list[T]:
    return load_register(source, cls)[0]


def from_json(data: object, cls: type[T]) -> list[T]:
    """Build one document or a list of them from parsed JSON."""
    if isinstance(data, list):
        return from_data(data, list[cls])  # type: ignore[valid-type]
    return [from_data(data, cls)]


def load_all(sources: Iterable[str], cls: type[T]) -> tuple[list[T], list[str]]:
    """Read every source; return the documents read and one line per problem."""
    items: list[T] = []
    problems: list[str] = []
    for source in sources:
        try:
            items.extend(load(source, cls))
        except (InvalidInput, OSError) as exc:
            problems.extend(problem_lines(source, exc))
    return items, problems


def load_all_placed(
    sources: Iterable[str], cls: type[T]
) -> tuple[list[T], list[str], list[tuple[Register, int] | None]]:
    """As :func:`load_all`, with each document's register and its index there, if any."""
    items: list[T] = []
    problems: list[str] = []
    places: list[tuple[Register, int] | None] = []
    for source in sources:
        try:
            if source.lower().endswith(REGISTER_SUFFIXES):
                found, register = load_register(source, cls)
                places.extend((register, index) for index in range(len(found)))
            else:
                found = load(source, cls)
                places.extend([None] * len(found))
        except (InvalidInput, OSError) as exc:
            problems.extend(problem_lines(source, exc))
            continue
        items.extend(found)
    return items, problems, places


def iter_csv(source: str) -> tuple[Iterator[dict[str, Any]] | None, object]:
    """``source`` read once: a 360Giving CSV's grants one at a time, or else its parsed JSON.

    ``.json`` files are JSON and ``.csv`` files CSV; other names (and stdin) are JSON when
    their first non-blank character opens an object or an array, and CSV when their first line
    is a row of titles with ``Identifier`` among them (minified JSON is one line, which may
    well hold ``"Identifier"`` too).  Read within the input limit, each grant of a
    CSV is made as its row is reached and dropped after: a large CSV costs its text, not all
    its grants.  A problem found on a later row is raised when that row is reached.
    """
    raw, is_csv = _sniffed(source)
    return (_csv_grants(raw), None) if is_csv else (None, parse_json(raw))


def _sniffed(source: str) -> tuple[bytes, bool]:
    raw = read_input(source)
    name = source.lower()
    start = raw.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    first = start.split(b"\n", 1)[0]
    is_csv = name.endswith(".csv") or (
        not name.endswith(".json") and start[:1] not in (b"{", b"[") and b"Identifier" in first
    )
    if not is_csv:
        return raw, False
    try:
        head = raw[: len(raw) - len(start) + len(first) + 1].decode("utf-8-sig")
        titles = next(csv.reader(io.StringIO(head)), [])
    except (UnicodeDecodeError, csv.Error) as exc:
        problem = f"not a readable 360Giving CSV: {exc}"
    else:
        if "Identifier" in titles:
            return raw, True
        problem = "not a 360Giving CSV: no Identifier column"
    raise _not_csv(problem)


def _not_csv(problem: str) -> InvalidDocument:
    return InvalidDocument(
        [Problem(location=(), code="syntax", message=problem)], target="360Giving CSV"
    )


def _csv_grants(raw: bytes) -> Iterator[dict[str, Any]]:
    # decoded as read, a line at a time: no second copy of the whole file as text
    text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="")
    try:
        yield from iter_csv_grants(text)
    except UnicodeDecodeError as exc:
        raise _not_csv(f"not a readable 360Giving CSV: {exc}") from None

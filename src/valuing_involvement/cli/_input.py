"""Reading the command's inputs: the input limit, loading documents and registers, sniffing.

Every problem with an input becomes lines here (:func:`problem_lines`), one per problem.
"""

from __future__ import annotations

import contextvars
import csv
import errno
import io
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import attrs

from valuing_involvement.cli._common import (
    PROG,
    source_name,
)
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.groups import Group
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.registers import InvalidRegister, read_register
from valuing_involvement.serialization import (
    InvalidDocument,
    from_data,
    parse_json,
)
from valuing_involvement.threesixty import (
    read_csv,
)

T = TypeVar("T")


#: The most problems listed for one input; the rest are counted in one line.
MAX_LISTED = 20
_MORE = re.compile(r"and ([\d,]+) more problems")


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
        unlisted = 0
        if problems and problems[-1].code == "too-many":  # counted, not listed, by the reader
            found = _MORE.search(problems[-1].message)
            if found is not None:
                unlisted = int(found[1].replace(",", ""))
                problems.pop()
        lines = [f"{name}: {problem.path}: {problem.message}" for problem in problems]
        return _capped(lines, name, unlisted)
    if isinstance(error, IsADirectoryError):
        return [f"{name}: is a directory, not a file"]
    if isinstance(error, FileNotFoundError):
        return [f"{name}: no such file"]
    return [f"{name}: {error.strerror or 'cannot be read'}"]


def _capped(lines: list[str], name: str, unlisted: int = 0) -> list[str]:
    """The first :data:`MAX_LISTED` lines, then one that counts the rest."""
    more = max(len(lines) - MAX_LISTED, 0) + unlisted
    if not more:
        return lines
    noun = "problem" if more == 1 else "problems"
    return [*lines[:MAX_LISTED], f"{name}: ... and {more:,} more {noun}"]


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
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with Path(source).open("rb") as file:
            data = file.read(limit + 1)
    if len(data) > limit:
        message = f"larger than the input limit of {limit:,} bytes (raise it with --max-input)"
        raise OSError(errno.EFBIG, message)
    return data


def load(source: str, cls: type[T]) -> list[T]:
    """Read one document or a list of them from a file (``-`` for stdin), or a register."""
    if source.lower().endswith((".csv", ".xlsx")):
        return _from_register(source, cls)
    data = parse_json(read_input(source))
    try:
        return from_json(data, cls)
    except InvalidInput:
        hint = _wrong_kind(data, cls, source)
        if hint is None:
            raise
        raise hint from None


def _from_register(source: str, cls: type[T]) -> list[T]:
    """The groups, agreements or portfolio of a register (``.csv`` or ``.xlsx``)."""
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(source)
    # A portfolio needs every sheet, and agreements their groups: a CSV file of them is read
    # with the other files of its folder.
    paths = [path]
    if path.suffix.lower() == ".csv" and cls is Portfolio:
        paths = [path.parent]
    elif (
        path.suffix.lower() == ".csv" and cls is Contract and (path.parent / "groups.csv").exists()
    ):
        paths = [path.parent / "groups.csv", path]
    try:
        register = read_register(*paths)
    except ImportError as exc:
        raise InvalidInput([Problem(location=(), code="invalid", message=str(exc))]) from None
    if cls is Portfolio:
        if register.portfolio is None:
            message = "no portfolio row (portfolio.csv, or the portfolio sheet) says whose it is"
            raise InvalidInput([Problem(location=(), code="missing", message=message)])
        return [register.portfolio]  # type: ignore[list-item]
    if cls is Group:
        return list(register.groups)  # type: ignore[arg-type]
    # An agreement is checked against the group its group_reference names, as in a portfolio.
    by_reference = {group.reference: group for group in register.groups}
    return [
        attrs.evolve(contract, group=by_reference.get(contract.group_reference))  # type: ignore[misc]
        if contract.group is None and contract.group_reference in by_reference
        else contract
        for contract in register.contracts
    ]


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


def grants_data(source: str) -> object:
    """A 360Giving file as parsed JSON: a JSON package, or a CSV with the template's titles.

    ``.json`` files are JSON and ``.csv`` files CSV; other names (and stdin) are CSV when
    their first line is a row of titles with ``Identifier`` among them.
    """
    raw = read_input(source)
    name = source.lower()
    body = raw.removeprefix(b"\xef\xbb\xbf")
    first = body.split(b"\n", 1)[0]
    # JSON starts with "{" or "[" (after blanks): minified JSON naming "Identifier" is no CSV.
    looks_json = body.lstrip()[:1] in (b"{", b"[")
    is_csv = name.endswith(".csv") or (
        not name.endswith(".json") and not looks_json and b"Identifier" in first
    )
    if not is_csv:
        return parse_json(raw)
    try:
        text = raw.decode("utf-8-sig")
        titles = next(csv.reader(io.StringIO(text)), [])
    except (UnicodeDecodeError, csv.Error) as exc:
        problem = f"not a readable 360Giving CSV: {exc}"
    else:
        if "Identifier" in titles:
            return read_csv(text)
        problem = "not a 360Giving CSV: no Identifier column"
    raise InvalidDocument(
        [Problem(location=(), code="syntax", message=problem)], target="360Giving CSV"
    )

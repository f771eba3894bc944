"""The ``valuing-involvement`` command.

Exit codes: 0 success; 2 unreadable or invalid input, or bad options (one line per problem on
stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from valuing_involvement._examples import example_groups
from valuing_involvement._version import __version__
from valuing_involvement.classification import Classification, classify_group
from valuing_involvement.groups import Group
from valuing_involvement.serialization import InvalidDocument, from_data, parse_json, to_data

__all__ = ["main"]

PROG = "valuing-involvement"
EXIT_OK = 0
EXIT_BAD_INPUT = 2


class _InputError(Exception):
    """An input that could not be read or understood; each line names one problem."""

    def __init__(self, source: str, lines: Iterable[str]) -> None:
        self.lines = [f"{source}: {line}" for line in lines]
        super().__init__("\n".join(self.lines))


def _read(source: str) -> bytes:
    try:
        if source == "-":
            return sys.stdin.buffer.read()
        return Path(source).read_bytes()
    except IsADirectoryError:
        raise _InputError(source, ["is a directory, not a file"]) from None
    except FileNotFoundError:
        raise _InputError(source, ["no such file"]) from None
    except OSError as exc:
        raise _InputError(source, [exc.strerror or "cannot be read"]) from None


def _load_groups(source: str) -> list[Group]:
    """Read one group or a list of groups from a file (``-`` for stdin)."""
    try:
        data = parse_json(_read(source))
        if isinstance(data, list):
            return from_data(data, list[Group])
        return [from_data(data, Group)]
    except InvalidDocument as exc:
        raise _InputError(source, [f"{path}: {message}" for path, message in exc.errors]) from None


def _table(results: Sequence[Classification]) -> str:
    header = ("GROUP", "CLASS", "COUNT", "DECIDES ITSELF")
    rows = [header]
    for result in results:
        count = "-" if result.facts_missing else f"{result.counting}/{result.decision_makers}"
        decides = ", ".join(sorted(d.value for d in result.controls)) or "nothing"
        rows.append((result.group, result.leadership.value, count, decides))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def _write_text(results: Sequence[Classification], out: TextIO) -> None:
    out.write(_table(results) + "\n")
    for result in results:
        out.write(f"\n{result.group}: {result.leadership.value}\n")
        out.writelines(f"  - {reason}\n" for reason in result.reasons)


def _write(results: Sequence[Classification], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(to_data(list(results)), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _write_text(results, out)


def _classify(args: argparse.Namespace) -> int:
    results: list[Classification] = []
    problems: list[str] = []
    for source in args.files:
        try:
            results.extend(classify_group(group) for group in _load_groups(source))
        except _InputError as exc:
            problems.extend(exc.lines)
    if results:
        _write(results, args.format, sys.stdout)
    for line in problems:
        print(f"{PROG}: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT if problems else EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    groups = example_groups()
    if args.format == "text":
        print(f"Lowmoor, a fictional borough: {len(groups)} groups classified by G1(b)\n")
    _write([classify_group(group) for group in groups], args.format, sys.stdout)
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Classify service user and carer groups by the Valuing Involvement guidelines.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    classify = commands.add_parser(
        "classify", help="classify groups from JSON files (one group or a list per file)"
    )
    classify.add_argument("files", nargs="+", metavar="FILE", help="a JSON file, or - for stdin")
    classify.set_defaults(run=_classify)

    demo = commands.add_parser("demo", help="classify the bundled example borough's groups")
    demo.set_defaults(run=_demo)

    for sub in (classify, demo):
        sub.add_argument(
            "--format", choices=("text", "json"), default="text", help="output format (text)"
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    >>> main(["classify", "no-such-file.json"])
    2
    """
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    return code

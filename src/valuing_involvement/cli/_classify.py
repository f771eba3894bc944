"""``classify``: each group's class under G1(b), as a table, JSON or JSON lines."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from valuing_involvement.classification import Classification, classify_group
from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    complain,
)
from valuing_involvement.cli._input import (
    load_all,
)
from valuing_involvement.cli._options import (
    Commands,
)
from valuing_involvement.cli._output import encode, json_array
from valuing_involvement.groups import Group
from valuing_involvement.serialization import (
    to_data,
)


def classified(groups: Iterable[Group]) -> list[tuple[str, Classification]]:
    return [(group.name, classify_group(group)) for group in groups]


def classification_records(results: Sequence[tuple[str, Classification]]) -> list[Any]:
    """One JSON object a group: its name, then its classification's fields."""
    return [{"group": name, **to_data(result)} for name, result in results]


def _table(results: Sequence[tuple[str, Classification]]) -> str:
    header = ("GROUP", "CLASS", "COUNT", "DECIDES ITSELF")
    rows = [header]
    for name, result in results:
        count = "-" if result.facts_missing else f"{result.counting}/{result.decision_makers}"
        decides = ", ".join(sorted(d.value for d in result.controls)) or "nothing"
        rows.append((name, result.leadership.value, count, decides))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def _write_text(results: Sequence[tuple[str, Classification]], out: TextIO) -> None:
    out.write(_table(results) + "\n")
    for name, result in results:
        out.write(f"\n{name}: {result.leadership.value}\n")
        out.writelines(f"  - {reason}\n" for reason in result.reasons)


def write_classifications(
    results: Sequence[tuple[str, Classification]], fmt: str, out: TextIO
) -> None:
    if fmt == "json":
        json_array(classification_records(results), out)
    elif fmt == "jsonl":
        out.writelines(encode(record) + "\n" for record in classification_records(results))
    else:
        _write_text(results, out)


def run(args: argparse.Namespace) -> int:
    groups, problems = load_all(args.files, Group)
    if groups:
        write_classifications(classified(groups), args.format, sys.stdout)
    complain(problems)
    return EXIT_BAD_INPUT if problems else EXIT_OK


def add_parser(commands: Commands) -> None:
    """Register ``classify``."""
    classify = commands.add_parser(
        "classify", help="classify groups from JSON files (one group or a list per file)"
    )
    classify.add_argument(
        "files", nargs="+", metavar="FILE", help="a JSON file, - for stdin, or a register"
    )
    classify.set_defaults(run=run)
    classify.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="output format (text); jsonl: one JSON object a line, each written when ready",
    )

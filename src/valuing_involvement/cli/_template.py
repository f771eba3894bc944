"""``template``: an empty register to fill in."""

from __future__ import annotations

import argparse

from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    complain,
)
from valuing_involvement.cli._input import (
    problem_lines,
)
from valuing_involvement.cli._options import (
    Commands,
)
from valuing_involvement.registers import template


def run(args: argparse.Namespace) -> int:
    try:
        written = template(args.folder, format=args.format)
    except ImportError as exc:
        complain([str(exc)])
        return EXIT_BAD_INPUT
    except OSError as exc:
        complain(problem_lines(args.folder, exc))
        return EXIT_BAD_INPUT
    for path in written:
        print(path)
    return EXIT_OK


def add_parser(commands: Commands) -> None:
    """Register ``template``."""
    starter = commands.add_parser(
        "template", help="write an empty register to fill in: CSV files or an XLSX workbook"
    )
    starter.add_argument("folder", metavar="DIR", help="the folder to write into")
    starter.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        default="csv",
        help="csv: groups.csv, agreements.csv, portfolio.csv; xlsx: register.xlsx (csv)",
    )
    starter.set_defaults(run=run)

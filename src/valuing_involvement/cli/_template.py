"""``template``: an empty register to fill in."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from valuing_involvement.cli._common import EXIT_BAD_INPUT, EXIT_OK, complain, stdout
from valuing_involvement.cli._input import problem_lines
from valuing_involvement.cli._options import Commands
from valuing_involvement.registers import LAYOUTS, template


def run(args: argparse.Namespace) -> int:
    """Write the register beside its place, then move each file in: never a half-written one.

    A file already there is left alone unless ``--force``: it may be a register filled in.
    """
    target = Path(args.folder)
    workbook = args.format == "xlsx" and target.suffix.lower() == ".xlsx"
    folder = target.parent if workbook else target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder, prefix=".template-") as scratch:
            made = template(
                Path(scratch, target.name) if workbook else scratch,
                format=args.format,
                layout=args.layout,
            )
            moves = [(path, folder / path.name) for path in made]
            there = [final for _, final in moves if final.exists()]
            if there and not args.force:
                complain(f"{final}: already exists; --force replaces it" for final in there)
                return EXIT_BAD_INPUT
            for path, final in moves:
                path.replace(final)
    except ImportError as exc:
        complain([str(exc)])
        return EXIT_BAD_INPUT
    except OSError as exc:
        complain(problem_lines(args.folder, exc))
        return EXIT_BAD_INPUT
    for _, final in moves:
        print(final, file=stdout())
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
        help="csv: groups.csv, agreements.csv, portfolio.csv and README.txt; xlsx: "
        "register.xlsx (csv)",
    )
    starter.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="counts",
        help="a committee as counts of each kind of seat, or member by member (counts)",
    )
    starter.add_argument(
        "--force", action="store_true", help="replace register files already in DIR"
    )
    starter.set_defaults(run=run)

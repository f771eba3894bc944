"""``picture``: the published picture of grants to mental health user and carer groups."""

from __future__ import annotations

import argparse
from pathlib import Path

from valuing_involvement._files import written_whole
from valuing_involvement.cli._common import EXIT_BAD_INPUT, EXIT_OK, PROG, stderr, stdout
from valuing_involvement.cli._input import read_input
from valuing_involvement.cli._options import Commands
from valuing_involvement.picture._pipeline import Picture, build_picture
from valuing_involvement.picture._read import files_in
from valuing_involvement.picture._report import to_csv, to_html, to_json, to_text
from valuing_involvement.picture.matching import Matcher
from valuing_involvement.picture.terms import TERMS, read_terms

__all__ = ["add_parser", "run"]


def add_parser(commands: Commands) -> None:
    """Register ``picture``."""
    parser = commands.add_parser(
        "picture",
        help="find published 360Giving grants to mental health user and carer groups and "
        "measure them against the guidelines",
        description=(
            "Read 360Giving JSON files (or folders of them), select the grants to mental "
            "health service user and carer groups, and report length of funding, several "
            "funders, size, and the picture by year, funder and area, each figure with its "
            "denominator."
        ),
    )
    parser.add_argument("sources", nargs="+", metavar="FILE_OR_FOLDER", help="360Giving JSON")
    parser.add_argument(
        "--format", choices=("text", "json", "csv", "html", "parquet"), default="text"
    )
    parser.add_argument(
        "--output", "-o", metavar="PATH", help="write here (needed for parquet; else stdout)"
    )
    parser.add_argument(
        "--terms", metavar="CSV", help="use this table of terms instead of the shipped one"
    )
    parser.add_argument("--extra-terms", metavar="CSV", help="add these terms to the shipped table")
    parser.add_argument(
        "--known-ids", metavar="FILE", help="recipient org-ids to select always, one a line"
    )
    parser.add_argument("--caveat", default="", help="a line printed at the top of the report")
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: only on a terminal)",
    )
    parser.set_defaults(run=run)


def _text(source: str) -> str:
    return read_input(source).decode("utf-8-sig")


def _within_limit(source: str) -> str:
    """``source`` once it is known to fit the input limit (``/dev/zero`` would not)."""
    read_input(source)
    return source


def _matcher(args: argparse.Namespace) -> Matcher:
    # each file read within the input limit (--max-input), as every other input is
    terms = read_terms(_within_limit(args.terms)) if args.terms else TERMS
    if args.extra_terms:
        terms = terms + read_terms(_within_limit(args.extra_terms))
    known: list[str] = []
    if args.known_ids:
        text = _text(args.known_ids)
        known = [line.strip() for line in text.splitlines() if line.strip()]
    return Matcher(terms, known_ids=known)


def _fail(message: str) -> int:
    # every line names the command, as the other commands' messages do
    for line in message.splitlines() or [""]:
        print(f"{PROG} picture: {line.strip()}", file=stderr())
    return EXIT_BAD_INPUT


def _write(text: str, output: str | None) -> int:
    if not output:
        stdout().write(text)
        return EXIT_OK
    try:
        with written_whole(output) as partial:  # an interrupted run leaves no partial file
            partial.write_text(text, encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {output}: {error.strerror or error}")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run ``picture`` with parsed ``args``; 2 on bad input, with a message, no traceback."""
    if args.format == "parquet" and not args.output:
        return _fail("--format parquet needs --output PATH")
    missing = [s for s in args.sources if not Path(s).exists()]
    if missing:
        return _fail(f"no such file or folder: {', '.join(missing)}")
    if not files_in(args.sources):
        return _fail("no .json files found")
    try:
        matcher = _matcher(args)
        picture: Picture = build_picture(
            args.sources,
            matcher=matcher,
            parquet=args.output if args.format == "parquet" else None,
            progress=args.progress,
        )
    except ImportError as error:
        return _fail(str(error))
    except (OSError, ValueError, KeyError) as error:
        # ijson's JSONError and IncompleteJSONError are ValueErrors; a bad terms CSV too
        detail = error.strerror if isinstance(error, OSError) and error.strerror else error
        return _fail(f"cannot read the input: {detail}")
    if args.format in {"text", "parquet"}:
        _write(to_text(picture, caveat=args.caveat), None)
    elif args.format == "json":
        _write(to_json(picture, caveat=args.caveat) + "\n", args.output)
    elif args.format == "csv":
        _write(to_csv(picture, caveat=args.caveat), args.output)
    else:
        _write(to_html(picture, caveat=args.caveat), args.output)
    return EXIT_OK

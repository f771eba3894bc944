"""The survey's commands: ``questionnaire`` writes a form, ``survey`` counts answers (private).

``add_parser(commands)`` adds both to the command line's subparsers; each sets ``run``, which
takes the parsed arguments and returns the exit code: 0, or 2 for bad input (a message on
standard error, never a traceback).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

from valuing_involvement._files import written_whole
from valuing_involvement.cli._common import stderr, stdout
from valuing_involvement.cli._input import read_input
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.survey.answers import Response, answer_files, responses_from_bytes
from valuing_involvement.survey.chapter2 import tabulate
from valuing_involvement.survey.forms import csv_template, render_form

__all__ = ["add_parser", "run_questionnaire", "run_survey"]

PROG = "valuing-involvement"
EXIT_BAD_INPUT = 2
_MAX_LISTED = 50
_MORE = re.compile(r"and ([\d,]+) more problems")


def add_parser(commands: Any) -> None:  # noqa: ANN401 -- argparse's private subparsers type
    """Add ``questionnaire`` and ``survey`` to ``commands`` (an ``add_subparsers()`` result)."""
    form = commands.add_parser(
        "questionnaire",
        help="write a survey questionnaire as a form to fill in, or a CSV header",
        description="Write one of the Appendix 4 questionnaires as a self-contained HTML form "
        "(it saves answers on the person's own machine and sends nothing), or the header row "
        "for a survey tool or spreadsheet.",
    )
    form.add_argument("kind", choices=("groups", "commissioners"))
    form.add_argument("--format", choices=("html", "csv-template"), default="html")
    form.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    form.set_defaults(run=run_questionnaire)

    survey = commands.add_parser(
        "survey",
        help="count survey answers into chapter 2's tables, beside the 2007 figures",
        description="Read answers saved by the forms (JSON) or collected elsewhere (CSV), check "
        "every answer, and set each chapter-2 count beside the 2007 figure.",
    )
    survey.add_argument(
        "answers", nargs="+", metavar="ANSWERS", help="answer files (JSON or CSV) or folders"
    )
    survey.add_argument("--format", choices=("text", "json", "csv", "html"), default="text")
    survey.add_argument(
        "--free-text", action="store_true", help="show free-text answers too (left out by default)"
    )
    survey.add_argument("--no-charts", action="store_true", help="HTML without charts")
    survey.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    survey.set_defaults(run=run_survey)


def _write(text: str, output: str | None) -> int:
    if output is None:
        stdout().write(text)
        return 0
    try:
        with written_whole(output) as partial:  # an interrupted run leaves no partial file
            partial.write_text(text, "utf-8")
    except OSError as exc:
        print(f"{PROG}: cannot write {output}: {exc.strerror or exc}", file=stderr())
        return EXIT_BAD_INPUT
    return 0


def run_questionnaire(args: argparse.Namespace) -> int:
    """Write the form or the CSV header of ``args.kind``."""
    text = render_form(args.kind) if args.format == "html" else csv_template(args.kind)
    return _write(text, args.output)


def _charts_available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def _read(paths: list[str]) -> tuple[list[Response], list[str], int]:
    """Every response in ``paths``, a line for each problem listed and a count of the rest.

    Each file is read within the input limit.
    """
    responses: list[Response] = []
    lines = [f"{path}: no such file or folder" for path in paths if not Path(path).exists()]
    unlisted = 0
    if lines:
        return responses, lines, unlisted
    for file in answer_files(paths):
        try:
            responses += responses_from_bytes(read_input(str(file)), file.name)
        except OSError as exc:
            lines.append(f"{file}: {exc.strerror or 'cannot be read'}")
        except InvalidInput as exc:
            for problem in exc.problems:
                more = _MORE.search(problem.message) if problem.code == "too-many" else None
                if more is None:
                    lines.append(_line(problem))
                else:  # counted by the reader, not listed
                    unlisted += int(more[1].replace(",", ""))
    return responses, lines, unlisted


def _line(problem: Problem) -> str:
    """A problem as a line: the file it is in, then the message naming respondent and question."""
    where = f"{problem.location[0]}: " if problem.location else ""
    return f"{where}{problem.message}"


def run_survey(args: argparse.Namespace) -> int:
    """Read, check and count the answers; write the chapter-2 tables in ``args.format``."""
    responses, lines, unlisted = _read(args.answers)
    if not lines:
        try:
            report = tabulate(responses, free_text=args.free_text)
        except InvalidInput as exc:
            lines = [_line(problem) for problem in exc.problems]
    if lines:
        for line in lines[:_MAX_LISTED]:
            print(f"{PROG}: {line}", file=stderr())
        more = max(len(lines) - _MAX_LISTED, 0) + unlisted
        if more:
            print(f"{PROG}: and {more} more problems", file=stderr())
        return EXIT_BAD_INPUT
    if args.format == "json":
        text = json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "csv":
        text = report.to_csv()
    elif args.format == "html":
        text = report.to_html(charts=not args.no_charts and _charts_available())
    else:
        text = report.to_text()
    return _write(text, args.output)

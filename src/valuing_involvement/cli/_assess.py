"""``assess``: a commissioner's whole portfolio, as text, JSON or a scorecard."""

from __future__ import annotations

import argparse
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from valuing_involvement._files import written_whole
from valuing_involvement.assessment import Assessment, assess_portfolio
from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    PROG,
    complain,
    source_name,
    stdout,
)
from valuing_involvement.cli._input import (
    REGISTER_SUFFIXES,
    add_register_options,
    load_all,
    load_register,
    problem_lines,
)
from valuing_involvement.cli._options import (
    Commands,
)
from valuing_involvement.cli._output import write_statistics
from valuing_involvement.cli._policy import add_policy_options, checked_policy
from valuing_involvement.errors import InvalidInput
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.registers import Register
from valuing_involvement.registers._command import agreement_labels, agreement_names, where
from valuing_involvement.rules import Severity
from valuing_involvement.serialization import to_data
from valuing_involvement.statistics import rule_statistics


def run(args: argparse.Namespace) -> int:
    policy = checked_policy(args)
    if policy is None:
        return EXIT_BAD_INPUT
    portfolios, problems, register = _read(args.file)
    if not portfolios and not problems:
        empty = f"`{PROG} example portfolio` prints one to start from"
        problems = [f"{source_name(args.file)}: holds no portfolio (an empty list); {empty}"]
    if problems:
        complain(problems)
        return EXIT_BAD_INPUT
    assessments = [assess_portfolio(p, on=args.on, policy=policy) for p in portfolios]
    if args.on is None:
        complain(
            f"note: {a.commissioner} has no agreements to take the date from, so it is "
            f"assessed for {a.on.isoformat()}, the library's fixed default (never today's "
            "date); choose the date with --on"
            for p, a in zip(portfolios, assessments, strict=True)
            if not p.contracts
        )
    if args.plot is not None:
        failure = _plot(assessments, portfolios, args.plot)
        if failure is not None:
            complain([failure])
            return EXIT_BAD_INPUT
    _output(assessments, args, register, portfolios)
    threshold = Severity(args.fail_on)
    return EXIT_FINDINGS if any(a.fails(threshold) for a in assessments) else EXIT_OK


def _read(source: str) -> tuple[list[Portfolio], list[str], Register | None]:
    """The portfolios of a file, its problems, and the register it is, if it is one."""
    if not source.lower().endswith(REGISTER_SUFFIXES):
        return (*load_all([source], Portfolio), None)
    try:
        portfolios, register = load_register(source, Portfolio)
    except (InvalidInput, OSError) as exc:
        return [], problem_lines(source, exc), None
    return portfolios, [], register


def _output(
    assessments: Sequence[Assessment],
    args: argparse.Namespace,
    register: Register | None,
    portfolios: Sequence[Portfolio],
) -> None:
    """Write the assessments as asked; text names a register's places by row and column.

    A register's scorecard also names the agreements each row affects, by reference and group.
    """
    out = io.StringIO() if register is not None else stdout()
    if args.statistics:
        for assessment in assessments:
            write_statistics(rule_statistics(assessment), args.format, out)
    elif args.format in ("scorecard", "scorecard-json"):
        names = None if register is None else [agreement_names(p) for p in portfolios]
        _write_scorecards(assessments, args.format, out, names)
    else:
        _write_assessments(assessments, args.format, out)
    if isinstance(out, io.StringIO):
        text = out.getvalue()
        stdout().write(text if args.format.endswith("json") else _placed(text, register))


#: A JSON path into a portfolio, as findings print it.
_PATH = re.compile(r"\$\.[a-z_]+(?:\.[a-z_]+|\[[0-9]+\])*")


def _placed(text: str, register: Register | None) -> str:
    """Text output with each finding's path into a register named by sheet, row and column."""
    if register is None:
        return text
    return _PATH.sub(lambda found: where(register, found[0]), text)


def _plot(
    assessments: Sequence[Assessment], portfolios: Sequence[Portfolio], file: str
) -> str | None:
    """Draw the scorecard grid of the one portfolio to ``file``; a message when it cannot."""
    if len(assessments) != 1:
        return f"--plot draws one portfolio's scorecard; {len(assessments)} were read"
    path = Path(file)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        return f"--plot writes .png, .svg or .pdf, not {path.name!r}"
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 -- the optional plot extra

        from valuing_involvement.plots import scorecard_grid  # noqa: PLC0415
    except ImportError:
        return 'the scorecard picture needs matplotlib: pip install "valuing-involvement[plot]"'
    card = assessments[0].scorecard()
    labels = agreement_labels(portfolios[0], card.subjects)
    size = (2.5 + 1.1 * len(card.subjects), 1 + 0.32 * len(card.paragraphs))
    figure = Figure(figsize=size)
    scorecard_grid(card, labels=labels, ax=figure.subplots())
    try:
        with written_whole(path) as partial:  # an interrupted run leaves no partial file
            figure.savefig(partial, bbox_inches="tight", format=path.suffix[1:].lower())
    except OSError as exc:
        return f"{file}: cannot write the picture: {exc.strerror or exc}"
    return None


def _write_assessments(assessments: Sequence[Assessment], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        data = to_data(assessments[0] if len(assessments) == 1 else list(assessments))
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write("\n\n".join(str(assessment) for assessment in assessments) + "\n")


def _write_scorecards(
    assessments: Sequence[Assessment],
    fmt: str,
    out: TextIO,
    names: Sequence[Mapping[str, str]] | None = None,
) -> None:
    """Print each assessment's scorecard, as text or as JSON; ``names`` labels agreements."""
    cards = [assessment.scorecard() for assessment in assessments]
    if fmt == "scorecard-json":
        data = [card.to_data() for card in cards]
        json.dump(data[0] if len(data) == 1 else data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        texts = (
            [str(card) for card in cards]
            if names is None
            else [card.text(names=n) for card, n in zip(cards, names, strict=True)]
        )
        out.write("\n\n".join(texts) + "\n")


def add_parser(commands: Commands) -> None:
    """Register ``assess``."""
    assess = commands.add_parser(
        "assess", help="assess a commissioner's portfolio: every rule, every agreement, metrics"
    )
    assess.add_argument(
        "file", metavar="PORTFOLIO", help="a portfolio JSON file, - for stdin, or a register"
    )
    add_register_options(assess)
    assess.set_defaults(run=run)
    add_policy_options(assess)
    assess.add_argument(
        "--format",
        choices=("text", "json", "scorecard", "scorecard-json"),
        default="text",
        help="output format (text); scorecard summarises by guideline",
    )
    assess.add_argument(
        "--plot",
        metavar="FILE",
        help="also draw the scorecard as a grid to FILE (.png, .svg or .pdf), its columns "
        "named by agreement reference (needs matplotlib)",
    )

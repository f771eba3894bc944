"""``assess``: a commissioner's whole portfolio, as text, JSON or a scorecard."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from valuing_involvement.assessment import Assessment, assess_portfolio
from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    PROG,
    complain,
    source_name,
)
from valuing_involvement.cli._input import (
    load_all,
)
from valuing_involvement.cli._options import (
    Commands,
)
from valuing_involvement.cli._output import write_statistics
from valuing_involvement.cli._policy import add_policy_options, checked_policy
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.rules import Severity
from valuing_involvement.scorecard import rule_statistics
from valuing_involvement.serialization import (
    to_data,
)


def run(args: argparse.Namespace) -> int:
    policy = checked_policy(args)
    if policy is None:
        return EXIT_BAD_INPUT
    portfolios, problems = load_all([args.file], Portfolio)
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
    if args.statistics:
        for assessment in assessments:
            write_statistics(rule_statistics(assessment), args.format, sys.stdout)
    elif args.format in ("scorecard", "scorecard-json"):
        _write_scorecards(assessments, args.format, sys.stdout)
    else:
        _write_assessments(assessments, args.format, sys.stdout)
    threshold = Severity(args.fail_on)
    return EXIT_FINDINGS if any(a.fails(threshold) for a in assessments) else EXIT_OK


def _write_assessments(assessments: Sequence[Assessment], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        data = to_data(assessments[0] if len(assessments) == 1 else list(assessments))
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write("\n\n".join(str(assessment) for assessment in assessments) + "\n")


def _write_scorecards(assessments: Sequence[Assessment], fmt: str, out: TextIO) -> None:
    """Print each assessment's scorecard, as text or as JSON."""
    cards = [assessment.scorecard() for assessment in assessments]
    if fmt == "scorecard-json":
        data = [card.to_data() for card in cards]
        json.dump(data[0] if len(data) == 1 else data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write("\n\n".join(str(card) for card in cards) + "\n")


def add_parser(commands: Commands) -> None:
    """Register ``assess``."""
    assess = commands.add_parser(
        "assess", help="assess a commissioner's portfolio: every rule, every agreement, metrics"
    )
    assess.add_argument(
        "file", metavar="PORTFOLIO", help="a portfolio JSON file, - for stdin, or a register"
    )
    assess.set_defaults(run=run)
    add_policy_options(assess)
    assess.add_argument(
        "--format",
        choices=("text", "json", "scorecard", "scorecard-json"),
        default="text",
        help="output format (text); scorecard summarises by guideline",
    )

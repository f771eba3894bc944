"""``check``: each agreement checked against the rule catalogue."""

from __future__ import annotations

import argparse
import re

from valuing_involvement.checking import check_contract, check_contracts
from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    complain,
    stdout,
)
from valuing_involvement.cli._input import (
    add_register_options,
    load_all_placed,
)
from valuing_involvement.cli._options import (
    Commands,
)
from valuing_involvement.cli._output import encode, write_reports, write_statistics
from valuing_involvement.cli._policy import add_policy_options, checked_policy
from valuing_involvement.contracts import Contract
from valuing_involvement.registers import Register
from valuing_involvement.registers._command import where
from valuing_involvement.reports import render_text
from valuing_involvement.rules import Severity
from valuing_involvement.serialization import to_data
from valuing_involvement.statistics import rule_statistics


def run(args: argparse.Namespace) -> int:
    policy = checked_policy(args)
    if policy is None:
        return EXIT_BAD_INPUT
    contracts, problems, places = load_all_placed(args.files, Contract)
    threshold = Severity(args.fail_on)
    if args.format == "jsonl" and not args.statistics:  # each report written as it is made
        fails = False
        for contract in contracts:
            report = check_contract(contract, on=args.on, policy=policy)
            fails = fails or report.fails(threshold)
            stdout().write(encode(to_data(report)) + "\n")
    else:
        reports = check_contracts(contracts, on=args.on, policy=policy, pause_collector=True)
        if reports and args.statistics:
            write_statistics(rule_statistics(reports), args.format, stdout())
        elif reports and args.format == "text" and any(places):
            texts = [
                _placed(render_text(report), place)
                for report, place in zip(reports, places, strict=True)
            ]
            stdout().write("\n\n".join(texts) + "\n")
        elif reports:
            write_reports(reports, args.format, stdout())
        fails = any(report.fails(threshold) for report in reports)
    complain(problems)
    if problems:
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if fails else EXIT_OK


#: A finding's JSON path within one agreement.
_PATH = re.compile(r"\$(?:\.[a-z_]+|\[[0-9]+\])+")


def _placed(text: str, place: tuple[Register, int] | None) -> str:
    """A report's text with each path named by the register's sheet, row and column title."""
    if place is None:
        return text
    register, index = place
    return _PATH.sub(lambda found: where(register, f"$.contracts[{index}]{found[0][1:]}"), text)


def add_parser(commands: Commands) -> None:
    """Register ``check``."""
    check = commands.add_parser(
        "check", help="check agreements from JSON files against the rule catalogue"
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="a JSON file, - for stdin, or a register"
    )
    add_register_options(check)
    check.set_defaults(run=run)
    add_policy_options(check)
    check.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="output format (text); jsonl: one JSON object a line, each written when ready",
    )

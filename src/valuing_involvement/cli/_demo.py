"""``demo``: the bundled example borough classified, checked and assessed."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from valuing_involvement._examples import example_contracts, example_groups, example_portfolio
from valuing_involvement._summary import summary_of
from valuing_involvement.assessment import assess_portfolio
from valuing_involvement.checking import check_contracts
from valuing_involvement.cli._classify import (
    classification_records,
    classified,
    write_classifications,
)
from valuing_involvement.cli._common import EXIT_OK, PROG, stdout
from valuing_involvement.cli._options import Commands
from valuing_involvement.rules import Finding, Severity
from valuing_involvement.serialization import to_data


def run(args: argparse.Namespace) -> int:
    groups = example_groups()
    if args.format == "json":
        reports = check_contracts(example_contracts())
        data = {
            "classifications": classification_records(classified(groups)),
            "reports": to_data(reports),
            "assessment": to_data(assess_portfolio(example_portfolio())),
            "scorecard": assess_portfolio(example_portfolio()).scorecard().to_data(),
        }
        json.dump(data, stdout(), ensure_ascii=False, indent=2)
        stdout().write("\n")
        return EXIT_OK
    print(
        f"Lowmoor, a fictional borough: {len(groups)} groups classified by G1(b)\n", file=stdout()
    )
    write_classifications(classified(groups), args.format, stdout())
    # Every agreement of the portfolio, with the findings the portfolio's assessment makes on
    # it: the count after the portfolio's own findings is then the sum of those shown here.
    portfolio = example_portfolio()
    assessment = assess_portfolio(portfolio)
    contracts = portfolio.contracts
    print(
        f"\nLowmoor's {len(contracts)} agreements checked against the guidelines\n", file=stdout()
    )
    on_agreements = []
    for index, contract in enumerate(contracts):
        prefix = f"$.contracts[{index}]"
        own = [f for f in assessment.findings if _under(f.path, prefix)]
        on_agreements += own
        print(f"{contract.title}: {summary_of(_counts(own), bool(own))}", file=stdout())
        _brief(own, _DEMO_FINDINGS, prefix)
    print(f"  (`{PROG} check` lists every finding with its fix)", file=stdout())
    print("\nLowmoor's whole portfolio assessed\n", file=stdout())
    shown = {id(finding) for finding in on_agreements}
    rest = [f for f in assessment.findings if id(f) not in shown]
    text = str(assessment).splitlines()
    print("\n".join(text[:3]), file=stdout())  # who, when, the spend and the groups
    print(
        f"{len(rest)} findings about the commissioner, strategy, involvement and portfolio:",
        file=stdout(),
    )
    _brief(rest, len(rest))
    print(
        f"and {len(on_agreements)} on the agreements, as above (`{PROG} assess` lists all)",
        file=stdout(),
    )
    print(f"in all: {summary_of(assessment.counts, bool(assessment.findings))}", file=stdout())
    return EXIT_OK


def _under(path: str, prefix: str) -> bool:
    """Whether ``path`` is ``prefix`` or inside it (``$.contracts[1]`` is not under ``[10]``)."""
    return path == prefix or path.startswith((f"{prefix}.", f"{prefix}["))


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Active findings by severity, plus the number waived, as a report counts them."""
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        if not finding.waived:
            counts[finding.severity.value] += 1
    counts["waived"] = sum(finding.waived for finding in findings)
    return counts


#: The most findings the demo shows for one agreement.
_DEMO_FINDINGS = 8


def _brief(findings: Sequence[Finding], limit: int, within: str = "$") -> None:
    """Print findings one short line each, most severe first, then how many were left out.

    Paths inside ``within`` (an agreement of the portfolio) are shown from it, as ``check``
    shows them: ``$.contracts[1].aims`` as ``$.aims``.
    """
    for finding in findings[:limit]:
        waived = " (waived)" if finding.waived else ""
        path = "$" + finding.path.removeprefix(within)
        line = f"  {finding.code} {finding.severity.value}{waived} {path}: {finding.message}"
        print(line if len(line) <= _WIDTH else line[: _WIDTH - 3] + "...", file=stdout())
    if len(findings) > limit:
        print(f"  ... and {len(findings) - limit} more", file=stdout())


_WIDTH = 100


def add_parser(commands: Commands) -> None:
    """Register ``demo``."""
    demo = commands.add_parser("demo", help="classify and check the bundled example borough")
    demo.set_defaults(run=run)

    demo.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )

"""``demo``: the bundled example borough classified, checked and assessed."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from valuing_involvement._examples import example_contracts, example_groups, example_portfolio
from valuing_involvement.assessment import assess_portfolio
from valuing_involvement.checking import check_contracts
from valuing_involvement.cli._classify import (
    classification_records,
    classified,
    write_classifications,
)
from valuing_involvement.cli._common import (
    EXIT_OK,
    PROG,
)
from valuing_involvement.cli._options import (
    Commands,
)
from valuing_involvement.reports import _summary_of
from valuing_involvement.rules import Finding
from valuing_involvement.serialization import (
    to_data,
)


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
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"Lowmoor, a fictional borough: {len(groups)} groups classified by G1(b)\n")
    write_classifications(classified(groups), args.format, sys.stdout)
    contracts = example_contracts()
    print(f"\nLowmoor's {len(contracts)} agreements checked against the guidelines\n")
    for report in check_contracts(contracts):
        print(f"{report.subject}: {_summary_of(report.counts, bool(report.findings))}")
        _brief(report.findings, _DEMO_FINDINGS)
    print(f"  (`{PROG} check` lists every finding with its fix)")
    assessment = assess_portfolio(example_portfolio())
    print("\nLowmoor's whole portfolio assessed\n")
    on_agreements = [f for f in assessment.findings if f.path.startswith("$.contracts[")]
    rest = [f for f in assessment.findings if not f.path.startswith("$.contracts[")]
    text = str(assessment).splitlines()
    print("\n".join(text[:3]))  # who, when, the spend and the groups
    print(f"{len(rest)} findings about the commissioner, strategy, involvement and portfolio:")
    _brief(rest, len(rest))
    print(f"and {len(on_agreements)} on the agreements, as above (`{PROG} assess` lists all)")
    print(f"in all: {_summary_of(assessment.counts, bool(assessment.findings))}")
    return EXIT_OK


#: The most findings the demo shows for one agreement.
_DEMO_FINDINGS = 8


def _brief(findings: Sequence[Finding], limit: int) -> None:
    """Print findings one short line each, most severe first, then how many were left out."""
    for finding in findings[:limit]:
        waived = " (waived)" if finding.waived else ""
        line = (
            f"  {finding.code} {finding.severity.value}{waived} {finding.path}: {finding.message}"
        )
        print(line if len(line) <= _WIDTH else line[: _WIDTH - 3] + "...")
    if len(findings) > limit:
        print(f"  ... and {len(findings) - limit} more")


_WIDTH = 100


def add_parser(commands: Commands) -> None:
    """Register ``demo``."""
    demo = commands.add_parser("demo", help="classify and check the bundled example borough")
    demo.set_defaults(run=run)

    demo.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )

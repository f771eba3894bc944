"""``example``: a valid starter document (or policy) to edit."""

from __future__ import annotations

import argparse
import sys

from valuing_involvement._examples import example_portfolio
from valuing_involvement.cli._common import (
    EXIT_OK,
)
from valuing_involvement.cli._options import (
    Commands,
)
from valuing_involvement.serialization import (
    to_json,
)

#: A starter policy: every setting a policy file takes, each with what it does.
STARTER_POLICY = """\
# A policy for `valuing-involvement check --policy` and `assess --policy`.
# Rule codes or prefixes; `valuing-involvement rules` lists them.
select = ["VI"]                # run every rule
ignore = []                    # such as ["VI302"] when you fund annually by policy

[severity]                     # raise or lower a rule: error, warning or advice
VI404 = "error"

[parameters]                   # thresholds; `valuing-involvement explain CODE` names them
max-kpis = 6
"""


def run(args: argparse.Namespace) -> int:
    if args.kind == "policy":
        sys.stdout.write(STARTER_POLICY)
        return EXIT_OK
    portfolio = example_portfolio()
    document: object = {
        "group": portfolio.groups[0],
        "agreement": portfolio.contracts[0],
        "portfolio": portfolio,
    }[args.kind]
    sys.stdout.write(to_json(document, indent=2) + "\n")
    return EXIT_OK


def add_parser(commands: Commands) -> None:
    """Register ``example``."""
    example = commands.add_parser("example", help="print a valid starter document to edit")
    example.add_argument("kind", choices=("group", "agreement", "portfolio", "policy"))
    example.set_defaults(run=run)

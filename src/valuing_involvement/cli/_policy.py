"""The policy ``check`` and ``assess`` run under: ``--policy`` and the options that adjust it."""

from __future__ import annotations

import argparse

from valuing_involvement.checking import InvalidPolicy, Policy
from valuing_involvement.cli._common import (
    complain,
)
from valuing_involvement.cli._input import problem_lines
from valuing_involvement.cli._options import iso_date, rule_codes, severity_override
from valuing_involvement.rules import Severity


def options_policy(args: argparse.Namespace) -> Policy:
    """Combine ``--policy`` with the command-line options, which take precedence."""
    base = Policy.load(args.policy) if args.policy else Policy()
    return Policy(
        select=args.select if args.select is not None else base.select,
        ignore=(*base.ignore, *(args.ignore or ())),
        severity={**base.severity, **dict(args.severity or ())},
        parameters=base.parameters,
    )


def checked_policy(args: argparse.Namespace) -> Policy | None:
    """The policy the options describe, or ``None`` after saying what is wrong with it."""
    try:
        policy = options_policy(args)
        policy.resolve()
    except InvalidPolicy as exc:
        complain(problem_lines("policy", exc))
        return None
    except OSError as exc:
        complain(problem_lines(args.policy, exc))
        return None
    return policy


def add_policy_options(sub: argparse.ArgumentParser) -> None:
    """The options ``check`` and ``assess`` share: rules, severities, date, when to fail."""
    sub.add_argument("--select", type=rule_codes, metavar="CODES", help="rules to run (VI3,VI401)")
    sub.add_argument("--ignore", type=rule_codes, metavar="CODES", help="rules to skip")
    sub.add_argument(
        "--severity",
        type=severity_override,
        action="append",
        metavar="CODE=LEVEL",
        help="override a rule's severity (repeatable)",
    )
    sub.add_argument("--policy", metavar="FILE", help="a TOML policy file")
    sub.add_argument("--on", type=iso_date, metavar="DATE", help="date to check for (YYYY-MM-DD)")
    sub.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=Severity.ERROR.value,
        help="exit 1 when a finding is at least this severe (error)",
    )
    sub.add_argument(
        "--statistics", action="store_true", help="count findings by rule instead of listing"
    )

"""The types of the command's options: rule codes, severities, dates, sizes."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TypeAlias

from valuing_involvement._bounds import DATE_MAX, DATE_MIN
from valuing_involvement.rules import Severity

#: What a command module's ``add_parser`` receives: argparse's subparsers action (its class is
#: private, but typeshed describes it).
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"  # noqa: SLF001


def rule_codes(text: str) -> list[str]:
    codes = [code.strip().upper() for code in text.split(",") if code.strip()]
    if not codes:
        raise argparse.ArgumentTypeError("expected rule codes or prefixes, such as VI3,VI401")
    return codes


def severity_override(text: str) -> tuple[str, Severity]:
    code, _, level = text.partition("=")
    try:
        return code.strip().upper(), Severity(level.strip().lower())
    except ValueError:
        allowed = ", ".join(s.value for s in Severity)
        raise argparse.ArgumentTypeError(
            f"expected CODE=LEVEL with LEVEL one of {allowed}"
        ) from None


def iso_date(text: str) -> dt.date:
    problem = argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}")
    if len(text) != len("YYYY-MM-DD"):
        raise problem
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise problem from None
    if not DATE_MIN <= day <= DATE_MAX:
        raise argparse.ArgumentTypeError(f"expected a date from {DATE_MIN} to {DATE_MAX}")
    return day


def iso_moment(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date-time such as 2007-04-02T09:00:00+00:00, got {text!r}"
        ) from None


def input_size(text: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    number, unit = text[:-1], text[-1:].upper()
    if unit.isdigit():
        number, unit = text, ""
    if unit not in units or not number.isascii() or not number.isdigit() or len(number) > 12:
        raise argparse.ArgumentTypeError(f"expected a size such as 512M or 2G, got {text!r}")
    return int(number) * units[unit]

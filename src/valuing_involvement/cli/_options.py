"""The command's parser class and the types of its options: rule codes, severities, dates, sizes."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, TypeAlias

from valuing_involvement._bounds import DATE_MAX, DATE_MIN
from valuing_involvement.cli._common import stderr, stdout
from valuing_involvement.rules import Severity

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class Parser(argparse.ArgumentParser):
    """argparse's parser, writing help, usage and errors to the run's own streams."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            stream = stderr() if file is sys.stderr else stdout()
            stream.write(message)


#: What a command module's ``add_parser`` receives: argparse's subparsers action (its class is
#: private, but typeshed describes it).
Commands: TypeAlias = "argparse._SubParsersAction[Parser]"  # noqa: SLF001


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
    """An RFC 3339 date-time from 1900 to 2999, in its own time zone and in UTC.

    A zone's offset must be whole minutes (RFC 3339 has no seconds in it), and the bounds keep
    the conversion to UTC safe: year 1 or 9999 with an offset would overflow.
    """
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date-time such as 2007-04-02T09:00:00+00:00, got {text!r}"
        ) from None
    if not DATE_MIN < moment.date() < DATE_MAX:
        raise argparse.ArgumentTypeError(
            f"expected a date-time after {DATE_MIN} and before {DATE_MAX}, got {text!r}"
        )
    offset = moment.utcoffset()
    if offset is not None and offset % dt.timedelta(minutes=1):
        raise argparse.ArgumentTypeError(
            f"expected a time zone offset in whole minutes, such as +05:30, got {text!r}"
        )
    return moment


#: The largest ``--max-input``: a tebibyte, far beyond what one machine reads into memory, and
#: far below the sizes a read cannot even ask for.
MAX_INPUT_SIZE = 1 << 40


def input_size(text: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    number, unit = text[:-1], text[-1:].upper()
    if unit.isdigit():
        number, unit = text, ""
    if unit not in units or not number.isascii() or not number.isdigit() or len(number) > 12:
        raise argparse.ArgumentTypeError(f"expected a size such as 512M or 2G, got {text!r}")
    size = int(number) * units[unit]
    if size > MAX_INPUT_SIZE:
        raise argparse.ArgumentTypeError(f"expected a size up to 1024G, got {text!r}")
    return size

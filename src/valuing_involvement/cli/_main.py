"""The command's entry point: run a command, guard the streams, return the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO, cast

from valuing_involvement._gc import collector_paused
from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    PROG,
    stderr,
    streams,
)
from valuing_involvement.cli._input import MAX_INPUT, REGISTER, RegisterOptions
from valuing_involvement.cli._output import Output
from valuing_involvement.cli._parser import build_parser

#: The most characters of an unexpected error's message on its one line.
_MESSAGE_WIDTH = 200


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 bad input or usage, 3 an
    unexpected error (one line; ``--debug`` adds the traceback), 130 interrupted (SIGINT).
    Output that cannot be written (a closed stream, a full disk) ends the run with exit 2 and
    a message; a reader that stops early (a broken pipe) leaves the exit status the run would
    have had.  The caller's streams are never closed, and ``sys.stdout`` and ``sys.stderr``
    are never replaced, so runs in several threads at once stay apart.

    >>> main(["classify", "no-such-file.json"])
    2
    """
    out, err = Output(sys.stdout), Output(sys.stderr)
    with streams(cast("TextIO", out), cast("TextIO", err)):
        try:
            code = _run(argv)
        except KeyboardInterrupt:
            stderr().write(f"{PROG}: interrupted\n")
            code = EXIT_INTERRUPTED
        finally:  # argparse's SystemExit (--help, --version, bad options) goes on after this
            out.flush()
            err.flush()
    if out.failure is None:
        return code
    _silence(out.stream)
    if isinstance(out.failure, BrokenPipeError):
        return code
    reason = getattr(out.failure, "strerror", None) or str(out.failure)
    Output(sys.stderr).write(f"{PROG}: cannot write the output: {reason}\n")
    return EXIT_BAD_INPUT


def _silence(stream: TextIO | None) -> None:
    """Point the process's own broken stdout at /dev/null, so exiting does not fail again."""
    if stream is None or stream is not sys.__stdout__:
        return
    try:
        descriptor = sys.__stdout__.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)
    except (OSError, ValueError):
        pass


def _run(argv: Sequence[str] | None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args: argparse.Namespace | None = None
    try:
        args = build_parser().parse_args(words)
        if getattr(args, "modified", False) is None:
            # The one clock read in the library: the default time stamp of an export.
            args.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
        token = MAX_INPUT.set(args.max_input)
        register = REGISTER.set(
            RegisterOptions(
                kind=getattr(args, "register_as", None),
                columns=getattr(args, "register_columns", None),
            )
        )
        try:
            # A command reads, checks and writes whole registers and builds no reference
            # cycles: the cyclic collector's passes over the growing models would cost about a
            # third of the run.  Left off when the caller had switched it off; switched back
            # on after.
            with collector_paused():
                code: int = args.run(args)
        finally:
            REGISTER.reset(register)
            MAX_INPUT.reset(token)
    except Exception as exc:  # noqa: BLE001 -- the last line of defence: exit 3, one line
        debug = args.debug if args is not None else "--debug" in words
        return _crashed(exc, debug=debug)
    return code


def _crashed(exc: Exception, *, debug: bool) -> int:
    """Report an unexpected error in one line (and its traceback with ``--debug``): exit 3."""
    if debug:
        traceback.print_exception(exc, file=stderr())
    message = " ".join(str(exc).split())
    if len(message) > _MESSAGE_WIDTH:
        message = message[: _MESSAGE_WIDTH - 3] + "..."
    what = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    hint = "" if debug else "; --debug shows where"
    stderr().write(f"{PROG}: unexpected error ({what}){hint}; please report it\n")
    return EXIT_ERROR

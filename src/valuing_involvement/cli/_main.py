"""The command's entry point: run a command, guard the streams, return the exit code."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from valuing_involvement._gc import collector_paused
from valuing_involvement.cli._common import (
    EXIT_BAD_INPUT,
    PROG,
)
from valuing_involvement.cli._input import MAX_INPUT
from valuing_involvement.cli._output import Output
from valuing_involvement.cli._parser import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    Output that cannot be written (a closed stream, a full disk) ends the run with exit 2 and
    a message; a reader that stops early (a broken pipe) leaves the exit status the run would
    have had.  The caller's streams are never closed.

    >>> main(["classify", "no-such-file.json"])
    2
    """
    out, err = Output(sys.stdout), Output(sys.stderr)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = _run(argv)
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
    args = build_parser().parse_args(argv)
    if getattr(args, "modified", False) is None:
        # The one clock read in the library: the default time stamp of an export.
        args.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
    token = MAX_INPUT.set(args.max_input)
    try:
        # A command reads, checks and writes whole registers and builds no reference cycles:
        # the cyclic collector's passes over the growing models would cost about a third of
        # the run.  Left off when the caller had switched it off; switched back on after.
        with collector_paused():
            code: int = args.run(args)
    finally:
        MAX_INPUT.reset(token)
    return code

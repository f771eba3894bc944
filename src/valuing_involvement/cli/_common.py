"""What every part of the command shares: its name, exit codes, streams and how it complains."""

from __future__ import annotations

import contextlib
import contextvars
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

PROG = "valuing-involvement"
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
#: Anything unexpected: a bug, or the machine running out of memory (one line; ``--debug``
#: adds the traceback).
EXIT_ERROR = 3
#: Stopped by SIGINT (Ctrl-C): 128 + the signal's number, as shells report it.
EXIT_INTERRUPTED = 130

#: The streams of the run in this thread (or task): ``main`` sets them, so concurrent runs
#: never swap the process's ``sys.stdout`` and ``sys.stderr``.
_STREAMS: contextvars.ContextVar[tuple[TextIO, TextIO] | None] = contextvars.ContextVar(
    "streams", default=None
)


def stdout() -> TextIO:
    """Where the running command writes its output (``sys.stdout`` outside ``main``)."""
    streams = _STREAMS.get()
    return sys.stdout if streams is None else streams[0]


def stderr() -> TextIO:
    """Where the running command writes its messages (``sys.stderr`` outside ``main``)."""
    streams = _STREAMS.get()
    return sys.stderr if streams is None else streams[1]


@contextlib.contextmanager
def streams(out: TextIO, err: TextIO) -> Iterator[None]:
    """Send this context's command output to ``out`` and its messages to ``err``."""
    token = _STREAMS.set((out, err))
    try:
        yield
    finally:
        _STREAMS.reset(token)


def source_name(source: str) -> str:
    """An input as messages name it: standard input is ``<stdin>``."""
    return "<stdin>" if source == "-" else source


def complain(problems: Iterable[str]) -> None:
    for line in problems:
        print(f"{PROG}: {line}", file=stderr())

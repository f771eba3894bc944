"""What every part of the command shares: its name, its exit codes and how it complains."""

from __future__ import annotations

import sys
from collections.abc import Iterable

PROG = "valuing-involvement"
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def source_name(source: str) -> str:
    """An input as messages name it: standard input is ``<stdin>``."""
    return "<stdin>" if source == "-" else source


def complain(problems: Iterable[str]) -> None:
    for line in problems:
        print(f"{PROG}: {line}", file=sys.stderr)

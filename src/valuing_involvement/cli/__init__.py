"""The ``valuing-involvement`` command.

Exit codes: 0 success; 1 ``check`` found something at or above ``--fail-on``; 2 unreadable or
invalid input, or bad options (one line per problem on stderr, never a traceback).

One module a job: :mod:`._main` runs a command and guards the streams, :mod:`._parser` lists
the commands, :mod:`._input` reads (the input limit, registers, sniffing), :mod:`._output`
writes, and each command (or family of commands) has its own module with ``add_parser`` and its
handler side by side.
"""

from valuing_involvement.cli._common import EXIT_BAD_INPUT as EXIT_BAD_INPUT
from valuing_involvement.cli._common import EXIT_FINDINGS as EXIT_FINDINGS
from valuing_involvement.cli._common import EXIT_OK as EXIT_OK
from valuing_involvement.cli._common import PROG as PROG
from valuing_involvement.cli._example import STARTER_POLICY as STARTER_POLICY
from valuing_involvement.cli._input import DEFAULT_MAX_INPUT as DEFAULT_MAX_INPUT
from valuing_involvement.cli._input import MAX_LISTED as MAX_LISTED
from valuing_involvement.cli._main import main

__all__ = ["main"]

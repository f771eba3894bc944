"""The command line's parser: the global options, then each command module's own parser.

A command is a module with ``add_parser(commands)``, which registers its subcommand (or a family
of them) and sets ``run``; adding a command means adding its module to :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
from typing import Protocol

import valuing_involvement.cli._assess as assess
import valuing_involvement.cli._check as check
import valuing_involvement.cli._classify as classify
import valuing_involvement.cli._demo as demo
import valuing_involvement.cli._docs_commands as docs_commands
import valuing_involvement.cli._example as example
import valuing_involvement.cli._template as template
import valuing_involvement.cli._threesixty as threesixty
from valuing_involvement._version import __version__
from valuing_involvement.cli._common import PROG
from valuing_involvement.cli._input import DEFAULT_MAX_INPUT
from valuing_involvement.cli._options import Commands, input_size


class CommandModule(Protocol):
    """What a command module provides (mypy checks each module of :data:`COMMANDS` against it)."""

    def add_parser(self, commands: Commands, /) -> None:
        """Register the module's command(s), each with ``set_defaults(run=handler)``."""


#: The command modules, in the order ``--help`` lists their commands.
COMMANDS: tuple[CommandModule, ...] = (
    classify,
    check,
    assess,
    threesixty,
    docs_commands,
    demo,
    template,
    example,
)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Classify service user and carer groups and check agreements against the Valuing "
            "Involvement commissioning guidelines."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--max-input",
        type=input_size,
        default=DEFAULT_MAX_INPUT,
        metavar="SIZE",
        help="the most read from one input, such as 512M or 2G (default 256M)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(commands)
    return parser

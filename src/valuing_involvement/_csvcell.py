r"""Cells a spreadsheet will not run: CSV formula injection neutralised the way OWASP describes.

A spreadsheet program opening a CSV file treats a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula, so text from users (a group named
``=HYPERLINK("http://...")``) could run when a commissioner opens the file.  Every CSV the
library writes passes its cells through :func:`safe`, which puts a single quote in front of
such a cell: the spreadsheet shows the text as typed and runs nothing.  Plain numbers (``-5``,
``+3.5``) are left alone, as they cannot run.

The change is reversible, so registers still round-trip: :func:`unsafe` takes one quote off a
cell that is one or more quotes followed by a formula character, and :func:`safe` adds one to
every such cell, so a text that itself began ``'=`` comes back as written.

>>> safe('=HYPERLINK("http://example.org")')
'\'=HYPERLINK("http://example.org")'
>>> safe("-2+3+cmd|' /C calc'!A0")
"'-2+3+cmd|' /C calc'!A0"
>>> safe("-5"), safe("Lowmoor Voices"), safe(12)
('-5', 'Lowmoor Voices', 12)
>>> unsafe(safe("'=1+1")) == "'=1+1"
True
"""

from __future__ import annotations

import re

__all__ = ["TRIGGERS", "safe", "unsafe"]

#: The characters that make a spreadsheet read a cell as a formula (OWASP's list).
TRIGGERS = "=+-@\t\r"

_RISKY = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def safe(value: object) -> object:
    """The cell as a CSV file should hold it: text that could run gets a leading quote.

    Anything but text is returned as it is.

    >>> safe("@SUM(A1)"), safe("+44 20 7946 0000"), safe("'@x")
    ("'@SUM(A1)", "'+44 20 7946 0000", "''@x")
    """
    if not isinstance(value, str) or not _RISKY.match(value) or _NUMBER.fullmatch(value):
        return value
    return "'" + value


def unsafe(text: str) -> str:
    """The text :func:`safe` was given: one leading quote taken off a neutralised cell.

    >>> unsafe("'=A1"), unsafe("''=A1"), unsafe("'quoted'"), unsafe("-5")
    ('=A1', "'=A1", "'quoted'", '-5')
    """
    if _QUOTED.match(text):
        return text[1:]
    return text

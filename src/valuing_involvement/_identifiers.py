"""Organisation identifiers' text, shared by the model and the 360Giving files (private).

:class:`~valuing_involvement.OrgId` checks an identifier it has no register format for against
:data:`GENERAL`; the 360Giving import and export build and read ``360G-<prefix>-`` identifiers
from a publisher prefix with :func:`bare_prefix`.
"""

from __future__ import annotations

import re

__all__ = ["GENERAL", "bare_prefix"]

#: An identifier on a register without a format of its own (or a publisher prefix).
GENERAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def bare_prefix(prefix: str) -> str:
    """A publisher prefix without its ``360G-`` start, which callers may or may not include.

    >>> bare_prefix("360G-lowmoor"), bare_prefix("lowmoor")
    ('lowmoor', 'lowmoor')
    """
    bare = prefix.removeprefix("360G-")
    if not GENERAL.fullmatch(bare):
        raise ValueError(f"{prefix!r} is not a 360Giving publisher prefix")
    return bare

"""The base of the library's enums (private)."""

from __future__ import annotations

import enum


class Choice(enum.Enum):
    """An enum whose members hash by identity.

    Members are singletons and compare by identity, so identity hashing is exact; the default
    ``Enum.__hash__`` runs Python code, and the rules test set membership of enum members in
    every agreement they check.
    """

    __hash__ = object.__hash__

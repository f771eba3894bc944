"""The base of the library's enums (private)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TypeVar

__all__ = ["Choice", "Ranked", "ranked"]


class Choice(enum.Enum):
    """An enum whose members hash by identity.

    Members are singletons and compare by identity, so identity hashing is exact; the default
    ``Enum.__hash__`` runs Python code, and the rules test set membership of enum members in
    every agreement they check.
    """

    __hash__ = object.__hash__


class Ranked(Choice):
    """A :class:`Choice` whose members are ordered: ``rank`` is 0 for the lowest, then 1, 2...

    The one ordering mechanism of the library's enums.  A subclass is decorated with
    :func:`ranked`, which numbers its members in the order they are listed.
    """

    _rank: int

    @property
    def rank(self) -> int:
        """The member's place in the order, from 0 for the lowest."""
        return self._rank


_R = TypeVar("_R", bound=type[Ranked])


def ranked(*, highest_first: bool = False) -> Callable[[_R], _R]:
    """Number a :class:`Ranked` enum's members in the order they are listed.

    Most enums list their members lowest first; ``highest_first=True`` reads an enum listed the
    other way round, as people expect to see severities (error first).

    >>> @ranked(highest_first=True)
    ... class Size(Ranked):
    ...     LARGE = "large"
    ...     SMALL = "small"
    >>> Size.SMALL.rank, Size.LARGE.rank
    (0, 1)
    """

    def number(cls: _R) -> _R:
        members = list(cls)
        if highest_first:
            members.reverse()
        for rank, member in enumerate(members):
            object.__setattr__(member, "_rank", rank)
        return cls

    return number

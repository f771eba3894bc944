"""Share equal tuples between the models that hold them (private).

A register repeats a handful of seat tallies and classification facts thousands of times, so
each distinct tuple is kept once: memory stays flat as a register grows, and the classification's
cache, keyed on those facts, is handed the very tuple it already holds.
"""

from __future__ import annotations

from typing import Generic, TypeVar

__all__ = ["Interned"]

_T = TypeVar("_T", bound=tuple[object, ...])

#: Bounded, so a stream of distinct tuples cannot grow a table without end.
_MAX_SHARED = 65_536


class Interned(Generic[_T]):
    """A bounded table of shared tuples.

    >>> table: Interned[tuple[int, ...]] = Interned()
    >>> first = table.share((1, 2))
    >>> table.share(tuple([1, 2])) is first
    True
    """

    __slots__ = ("_table",)

    def __init__(self) -> None:
        """Start with an empty table."""
        self._table: dict[_T, _T] = {}

    def share(self, value: _T) -> _T:
        """Return the stored tuple equal to ``value``, storing it first while there is room."""
        table = self._table
        if len(table) < _MAX_SHARED:
            return table.setdefault(value, value)
        return value

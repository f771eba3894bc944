"""A read-only dict for the mappings that frozen models hand to their callers (private).

A frozen model holding a plain dict can still be changed through it: a caller that edits a
finding's evidence, or an assessment's metrics, would change what every later reader sees.
:class:`FrozenDict` is a dict (so equality, JSON and pandas treat it as one) that refuses
every change, and pickles back into itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict that cannot be changed once built.

    >>> d = FrozenDict({"a": 1})
    >>> d == {"a": 1}, d["a"]
    (True, 1)
    >>> d["a"] = 2
    Traceback (most recent call last):
    TypeError: this mapping is read-only
    """

    __slots__ = ()

    if TYPE_CHECKING:  # dict's own C initialiser runs; this only tells mypy what it takes.

        def __init__(self, values: Mapping[Any, Any] = ..., /) -> None: ...

    def _refuse(self, *_args: object, **_kwargs: object) -> NoReturn:
        raise TypeError("this mapping is read-only")

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"


def frozen_dict(values: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return ``values`` as a read-only mapping (itself when it already is one).

    >>> frozen_dict({"b": 2})
    FrozenDict({'b': 2})
    """
    if isinstance(values, FrozenDict):
        return values
    return FrozenDict(values)

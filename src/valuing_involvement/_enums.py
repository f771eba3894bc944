"""The base of the library's enums, and the one factory of their converters (private)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar, cast

__all__ = [
    "CONVERTERS",
    "AsMember",
    "AsMemberSet",
    "AsOptionalMember",
    "AsOptionalMemberSet",
    "Choice",
    "Ranked",
    "enum_set",
    "ranked",
    "to_member",
]


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


# -- converters ----------------------------------------------------------------------------------
#
# A field holding an enum member (or a set of them) accepts the member and its value string
# (``"carer"`` for ``Role.CARER``).  Its converter comes from one factory, written as a
# subscription so that mypy's attrs plugin reads the constructor's parameter type from it:
# ``converter=AsMember[Role]`` makes ``Member(role="carer")`` type-check and ``Member(role=3)``
# fail, exactly as a hand-written ``def _role(value: Role | str) -> Role`` did (the plugin reads
# a generic class's ``__init__``; at run time the subscription returns the converter itself).
#
# What a converter cannot convert it returns unchanged, for the field's validator to refuse
# with a message naming the class and the field (see ``_validators``).

E = TypeVar("E", bound=enum.Enum)


def to_member(kind: type[E], value: object) -> E:
    """``kind``'s member whose value is the string ``value``; anything else left unchanged.

    The slow path of the enum converters, which return a member of ``kind`` at once; what this
    leaves unchanged the field's validator refuses, naming the accepted values.

    >>> from valuing_involvement import Role
    >>> to_member(Role, "carer"), to_member(Role, "parent")
    (<Role.CARER: 'carer'>, 'parent')
    """
    if type(value) is str:
        found = kind._value2member_map_.get(value)
        if found is not None:
            return cast("E", found)
    return cast("E", value)


# One frozenset per distinct set of enum values: a loaded register of agreements holds a few
# dozen distinct sets, not one per record.  Only sets of enum members are kept (the converter
# runs before the validator, so a refused value must not be kept for ever), and never more
# than _MAX_INTERNED of them.  The loader shares its sets through the same table.
INTERNED: dict[frozenset[Any], frozenset[Any]] = {}
_MAX_INTERNED = 4096


def share(made: frozenset[E]) -> frozenset[E]:
    """The stored set equal to ``made``, a set of enum members; stored first while there is room.

    >>> from valuing_involvement import Role
    >>> share(frozenset([Role.CARER])) is share(frozenset([Role.CARER]))
    True
    """
    shared = INTERNED.get(made)
    if shared is not None:
        return shared
    if len(INTERNED) < _MAX_INTERNED:
        INTERNED[made] = made
    return made


def enum_set(values: Iterable[E | str], kind: type[E]) -> frozenset[E]:
    """Store members of ``kind`` as a frozenset shared with every equal set (see ``INTERNED``).

    An enum value's string (``"carer"``) becomes its member.  A bare string or member, a
    non-collection, or a collection holding something that is not a value of ``kind``, is left
    (unconverted) for the validator to refuse.

    >>> from valuing_involvement import Role
    >>> sorted(r.value for r in enum_set(["carer", Role.SERVICE_USER], Role))
    ['carer', 'service_user']
    """
    if isinstance(values, str):
        return cast("frozenset[E]", values)
    try:
        made: frozenset[Any] = frozenset(values)
    except TypeError:  # a bare member, not a collection; or something unhashable in it
        return cast("frozenset[E]", values)
    shared = INTERNED.get(made)
    if shared is not None:
        return shared
    if any(type(v) is str for v in made):
        made = frozenset(to_member(kind, v) for v in made)
        shared = INTERNED.get(made)
        if shared is not None:
            return shared
    if all(isinstance(v, enum.Enum) for v in made):
        return share(made)
    return made  # holding what is not a member: the validator refuses it


#: Every converter the factory made: its shape (the factory class) and its enum.  The loader
#: reads it to know which converters give back, unchanged, the members (or the shared set of
#: members) it has already made.
CONVERTERS: dict[Callable[[Any], Any], tuple[type[_Factory], type[enum.Enum]]] = {}


class _Factory:
    """The run-time side of the converter factories: ``AsMember[Role]`` is a function."""

    __slots__ = ()

    def __class_getitem__(cls, kind: type[enum.Enum]) -> Callable[[Any], Any]:
        made = _MADE.get((cls, kind))
        return made if made is not None else _converter(cls, kind)


class AsMember(_Factory, Generic[E]):
    """The converter of a field holding one member of ``E``: ``converter=AsMember[Role]``.

    >>> from valuing_involvement import Role
    >>> AsMember[Role]("carer"), AsMember[Role](Role.CARER), AsMember[Role]("parent")
    (<Role.CARER: 'carer'>, <Role.CARER: 'carer'>, 'parent')
    """

    __slots__ = ()

    def __init__(self, value: E | str) -> None:  # noqa: ARG002 -- what mypy's attrs plugin reads
        raise TypeError(_NOT_A_CLASS)


class AsOptionalMember(_Factory, Generic[E]):
    """As :class:`AsMember`, passing ``None`` (not stated) through.

    >>> from valuing_involvement import Role
    >>> AsOptionalMember[Role](None), AsOptionalMember[Role]("carer")
    (None, <Role.CARER: 'carer'>)
    """

    __slots__ = ()

    def __init__(self, value: E | str | None) -> None:  # noqa: ARG002
        raise TypeError(_NOT_A_CLASS)


class AsMemberSet(_Factory, Generic[E]):
    """The converter of a field holding a set of members of ``E`` (see :func:`enum_set`).

    >>> from valuing_involvement import Role
    >>> AsMemberSet[Role](["carer"]) == {Role.CARER}
    True
    """

    __slots__ = ()

    def __init__(self, values: Iterable[E | str]) -> None:  # noqa: ARG002
        raise TypeError(_NOT_A_CLASS)


class AsOptionalMemberSet(_Factory, Generic[E]):
    """As :class:`AsMemberSet`, passing ``None`` (not known) through.

    >>> from valuing_involvement import Role
    >>> AsOptionalMemberSet[Role](None), AsOptionalMemberSet[Role](["carer"]) == {Role.CARER}
    (None, True)
    """

    __slots__ = ()

    def __init__(self, values: Iterable[E | str] | None) -> None:  # noqa: ARG002
        raise TypeError(_NOT_A_CLASS)


_NOT_A_CLASS = "a converter factory: write AsMember[Kind] (and so on), which is the converter"


#: The converters made, by shape and enum: ``AsMember[Role]`` is the same function every time.
_MADE: dict[tuple[type[_Factory], type[enum.Enum]], Callable[[Any], Any]] = {}


def _converter(shape: type[_Factory], kind: type[E]) -> Callable[[Any], Any]:
    """Make the converter of ``shape`` for ``kind`` (see :data:`_MADE`)."""
    convert: Callable[[object], object]
    if shape is AsMember:

        def convert(value: object) -> object:
            return value if type(value) is kind else to_member(kind, value)

        hints: dict[str, Any] = {"value": kind | str, "return": kind}
    elif shape is AsOptionalMember:

        def convert(value: object) -> object:
            return value if value is None or type(value) is kind else to_member(kind, value)

        hints = {"value": kind | str | None, "return": kind | None}
    elif shape is AsMemberSet:

        def convert(value: object) -> object:
            return enum_set(cast("Iterable[Any]", value), kind)

        hints = {"value": Iterable[kind | str], "return": frozenset[kind]}  # type: ignore[valid-type]
    elif shape is AsOptionalMemberSet:

        def convert(value: object) -> object:
            return None if value is None else enum_set(cast("Iterable[Any]", value), kind)

        hints = {
            "value": Iterable[kind | str] | None,  # type: ignore[valid-type]
            "return": frozenset[kind] | None,  # type: ignore[valid-type]
        }
    else:  # pragma: no cover - the four shapes above are the only subclasses
        raise TypeError(shape)
    # attrs shows the first parameter's annotation in the constructor's signature.
    convert.__annotations__ = hints
    convert.__name__ = convert.__qualname__ = f"{shape.__name__}[{kind.__name__}]"
    convert.__module__ = kind.__module__
    CONVERTERS[convert] = (shape, kind)
    _MADE[shape, kind] = convert
    return convert

"""Small attrs validators and converters shared by the models (private)."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

# FieldValueError is public in ``valuing_involvement.errors``; the models import it from here.
from valuing_involvement.errors import FieldValueError as FieldValueError  # noqa: PLC0414

if TYPE_CHECKING:
    import attrs

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# The validators below run for every field of every model built, so they are plain functions:
# attrs' own validator objects cost a second call through ``__call__`` each time.


def instance_of(kind: type | tuple[type, ...]) -> Validator:
    """Refuse a value that is not an instance of ``kind`` (as ``attrs.validators.instance_of``)."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise _wrong_type(attribute, kind, value)

    return check


def _wrong_type(attribute: attrs.Attribute[Any], kind: object, value: object) -> TypeError:
    """The error ``attrs.validators.instance_of`` raises, with the same message and arguments."""
    msg = f"'{attribute.name}' must be {kind!r} (got {value!r} that is a {type(value)!r})."
    return TypeError(msg, attribute, kind, value)


def optional(validator: Validator | list[Validator]) -> Validator:
    """Accept ``None``, or whatever ``validator`` (or every validator in a list) accepts."""
    checks = tuple(validator) if isinstance(validator, list) else (validator,)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            for inner in checks:
                inner(instance, attribute, value)

    return check


def text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept only a string that is not empty or all whitespace."""
    if not isinstance(value, str):
        raise _wrong_type(attribute, str, value)
    if not value.strip():
        raise FieldValueError(attribute.name, "must not be blank")


optional_text = optional(text)


def each_text(_instance: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
    """Accept only a collection of strings, none of them empty or all whitespace."""
    for item in value:
        if not isinstance(item, str):
            raise _wrong_type(attribute, str, item)
        if not item.strip():
            raise FieldValueError(attribute.name, "must not contain blank entries")


def text_set(values: Iterable[str]) -> frozenset[str]:
    """Store strings as a frozenset, refusing a bare string (which would split into letters)."""
    if isinstance(values, str):
        msg = "expected a collection of strings, not a single string"
        raise TypeError(msg)
    return frozenset(values)


def is_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a ``datetime.date`` but not a ``datetime`` (which would compare wrongly)."""
    if type(value) is not dt.date:
        raise FieldValueError(
            attribute.name,
            f"must be a datetime.date, got {type(value).__name__}",
            code="wrong-type",
        )


def non_negative_amount(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse a negative, NaN or infinite Decimal amount."""
    if isinstance(value, decimal.Decimal) and not (value.is_finite() and value >= 0):
        raise FieldValueError(
            attribute.name,
            f"must be a finite amount of at least 0, got {value}",
            code="out-of-range",
        )


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Store a sequence as a tuple, refusing a bare string (which would split into letters)."""
    if isinstance(values, str):
        msg = "expected a collection, not a single string"
        raise TypeError(msg)
    return tuple(values)


E = TypeVar("E", bound=enum.Enum)

# One frozenset per distinct set of enum values: a loaded register of agreements holds a few
# dozen distinct sets, not one per record.  The table is bounded by the enums' sizes.
_INTERNED: dict[frozenset[Any], frozenset[Any]] = {}


def enum_set(values: Iterable[E]) -> frozenset[E]:
    """Store enum members as a frozenset shared with every equal set (see ``_INTERNED``)."""
    made = frozenset(values)
    return _INTERNED.setdefault(made, made)


def members_of(kind: type[enum.Enum]) -> Validator:
    """Validate that a collection holds only members of ``kind`` (one C-level subset test)."""
    every = frozenset(kind)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: Iterable[Any]) -> None:
        if not every.issuperset(value):
            wrong = next(v for v in value if v not in every)
            msg = f"'{attribute.name}' must hold {kind.__name__} members, got {wrong!r}"
            raise TypeError(msg, attribute, kind, wrong)

    return check


def all_instances(kind: type) -> Validator:
    """Validate that a collection holds only instances of ``kind``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: Iterable[Any]) -> None:
        for item in value:
            if not isinstance(item, kind):
                msg = f"'{attribute.name}' must hold {kind.__name__} objects, got {item!r}"
                raise TypeError(msg, attribute, kind, item)

    return check

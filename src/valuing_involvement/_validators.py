"""Small attrs validators and converters shared by the models (private)."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections.abc import Callable, Iterable
from typing import Any, cast

import attrs

# FieldValueError is public in ``valuing_involvement.errors``; the models import it from here.
from valuing_involvement._bounds import date_in_range, money, plain_text, shown

# The enum converters' helpers live with the converter factory; models import them from here.
from valuing_involvement._enums import enum_set as enum_set  # noqa: PLC0414
from valuing_involvement._enums import to_member as to_member  # noqa: PLC0414
from valuing_involvement.errors import FieldValueError as FieldValueError  # noqa: PLC0414
from valuing_involvement.errors import field_error as field_error  # noqa: PLC0414

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# The validators below run for every field of every model built, so they are plain functions:
# attrs' own validator objects cost a second call through ``__call__`` each time.
#
# Converters and validators split the work.  A converter turns what a person naturally writes
# into the stored type -- an enum's value string into its member, an int into a Decimal, a list
# into a tuple or frozenset -- and leaves anything it cannot convert unchanged, cheaply.  The
# validator that follows refuses it with a one-line error naming the class and the field
# (``Member.roles: expected a collection of Role, got Role.CARER``): only a validator knows the
# instance being built.  Each converter's first test is for the value already being the stored
# type, which is what the loader always passes.


def described(value: object) -> str:
    """A value as an error message shows it: ``Role.CARER``, ``'carers'``, ``3 (an int)``.

    >>> described(3), described("x"), described(None)
    ('3 (an int)', "'x'", 'None')
    """
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if value is None or type(value) in (str, bool, decimal.Decimal):  # a subclass is named
        return shown(value)
    name = type(value).__name__
    return f"{shown(value)} ({'an' if name[0] in 'aeiou' else 'a'} {name})"


_KINDS: dict[object, str] = {
    str: "a string",
    bool: "True or False",
    int: "a whole number (an int)",
    decimal.Decimal: "an amount as a Decimal or an int",
}


def expected(kind: object) -> str:
    """What a field of type ``kind`` takes, in words.

    >>> import enum
    >>> class Size(enum.Enum):
    ...     SMALL = "small"
    ...     LARGE = "large"
    >>> expected(Size)
    "a Size: one of 'small', 'large'"
    """
    if isinstance(kind, tuple):
        return " or ".join(expected(k) for k in kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        values = ", ".join(repr(member.value) for member in kind)
        return f"a {kind.__name__}: one of {values}"
    if kind in _KINDS:
        return _KINDS[kind]
    return f"a {getattr(kind, '__name__', kind)}"


#: The types :func:`instance_of` takes exactly, never a subclass.
_EXACT = frozenset({int, str})


def instance_of(kind: type | tuple[type, ...]) -> Validator:
    """Refuse a value that is not an instance of ``kind`` (as ``attrs.validators.instance_of``).

    The error is a one-line :class:`FieldValueError` that is also a :class:`TypeError`.  An
    ``int`` or a ``str`` must be exactly that type: a ``bool`` is not taken for an ``int``, nor
    a subclass with its own ``__str__`` for a ``str``.

    >>> import attrs
    >>> @attrs.frozen
    ... class Count:
    ...     n: int = attrs.field(validator=instance_of(int))
    >>> Count(n=True)
    Traceback (most recent call last):
    valuing_involvement.errors._FieldTypeError: Count.n: expected a whole number (an int), got True
    """
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if set(kinds) <= _EXACT:
        # Exactly these types: True is an int to isinstance but no count (its JSON would not
        # reload), and a subclass of int or str brings its own __str__, __eq__ or __hash__.
        def exact(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
            if type(value) not in kinds:
                raise _wrong_type(instance, attribute, kind, value)

        CHECKS[exact] = ("instance", kinds)
        return exact
    if int in kinds and bool not in kinds:

        def whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
            if not isinstance(value, kind) or type(value) is bool:
                raise _wrong_type(instance, attribute, kind, value)

        CHECKS[whole] = ("instance", kinds)
        return whole

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise _wrong_type(instance, attribute, kind, value)

    CHECKS[check] = ("instance", kinds)
    return check


#: What each validator below checks, for the loader (``serialization``), which skips a check
#: its own reading of the JSON has already made -- ``instance_of(bool)`` on a value it read as
#: exactly ``bool`` -- and makes the rest itself or by calling the validator.  Keys: a
#: validator; values: ``("instance", kinds)`` (:func:`instance_of`), ``("members", enum)``
#: (:func:`members_of`), ``("elements", kind)`` (:func:`all_instances`), ``("text", None)``
#: (:func:`text`), ``("each_text", None)`` (:func:`each_text`), ``("date", None)``
#: (:func:`is_date`).
CHECKS: dict[Validator, tuple[str, Any]] = {}


def _wrong_type(
    instance: object, attribute: attrs.Attribute[Any], kind: object, value: object
) -> FieldValueError:
    """The error for a value that is not of ``kind``: ``Group.constituency: expected ...``."""
    message = f"expected {expected(kind)}, got {described(value)}"
    if type(value) is float and kind is decimal.Decimal:
        message += f"; a float cannot hold pence exactly, so write Decimal({str(value)!r})"
    is_enum = isinstance(kind, type) and issubclass(kind, enum.Enum)
    code = "not-allowed" if is_enum and type(value) is str else "wrong-type"
    return field_error(instance, attribute.name, message, code=code)


def optional(validator: Validator | list[Validator]) -> Validator:
    """Accept ``None``, or whatever ``validator`` (or every validator in a list) accepts."""
    checks = tuple(validator) if isinstance(validator, list) else (validator,)
    if len(checks) == 1:  # the common case: no loop over a one-check tuple per field built
        (only,) = checks

        def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
            if value is not None:
                only(instance, attribute, value)

    else:

        def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
            if value is not None:
                for inner in checks:
                    inner(instance, attribute, value)

    INNER[check] = checks
    return check


#: The validators each :func:`optional` validator runs, for the JSON Schema to read.
INNER: dict[Validator, tuple[Validator, ...]] = {}


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept only a string (exactly a ``str``) that is not empty or all whitespace."""
    if type(value) is not str:
        raise _wrong_type(instance, attribute, str, value)
    if not value.strip():
        raise field_error(instance, attribute.name, "must not be blank")
    if not value.isascii() and not plain_text(value):  # most text is ASCII: no call
        raise field_error(instance, attribute.name, _SURROGATE)


_SURROGATE = "must not hold a lone surrogate (text that is not Unicode)"
CHECKS[text] = ("text", None)


optional_text = optional(text)


def each_text(instance: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
    """Accept only a collection of strings, none of them empty or all whitespace."""
    if not isinstance(value, (tuple, frozenset)):
        raise not_a_collection(instance, attribute, str, value)
    for item in value:
        if type(item) is not str:
            raise field_error(
                instance,
                attribute.name,
                f"expected a collection of strings, got {described(item)} in it",
                code="wrong-type",
            )
        if not item.strip():
            raise field_error(instance, attribute.name, "must not contain blank entries")
        if not plain_text(item):
            raise field_error(instance, attribute.name, _SURROGATE)


CHECKS[each_text] = ("each_text", None)


def not_a_collection(
    instance: object, attribute: attrs.Attribute[Any], kind: object, value: object
) -> FieldValueError:
    """The error for one value, or a non-collection, given where a collection belongs."""
    name = "strings" if kind is str else getattr(kind, "__name__", str(kind))
    message = f"expected a collection of {name}, got {described(value)}"
    if isinstance(value, (str, enum.Enum)):
        message += f" (for one, write [{described(value)}])"
    elif attrs.has(type(value)):
        message += " (for one, put it in a list)"
    return field_error(instance, attribute.name, message, code="wrong-type")


def text_set(values: Iterable[str]) -> frozenset[str]:
    """Store strings as a frozenset; a bare string is left for the validator to refuse.

    (A string is iterable and would otherwise split into its letters.)
    """
    if isinstance(values, str):
        return cast("frozenset[str]", values)
    try:
        return frozenset(values)
    except TypeError:  # not iterable, or holding something unhashable
        return cast("frozenset[str]", values)


def is_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a ``datetime.date`` (not a ``datetime``, which would compare wrongly) in range.

    The range is the domain's (``_bounds.DATE_MIN`` to ``DATE_MAX``).
    """
    if type(value) is not dt.date:
        raise field_error(
            instance,
            attribute.name,
            f"expected a datetime.date, got {described(value)}",
            code="wrong-type",
        )
    date_in_range(instance, attribute, value)


CHECKS[is_date] = ("date", None)


#: An amount of money: 0 to ``_bounds.MONEY_MAX`` in whole pence (no NaN, no infinity).
non_negative_amount = money


def to_amount(value: decimal.Decimal | int) -> decimal.Decimal:
    """Store an amount as a Decimal: an ``int`` becomes one; anything else is left unchanged.

    A float is left for the validator to refuse: it cannot hold most amounts of pence exactly;
    so is a bool.  A subclass of Decimal becomes a plain Decimal of the same value, so that no
    ``__str__`` of its own decides how the amount is written.

    >>> to_amount(1250), to_amount(decimal.Decimal("0.50"))
    (Decimal('1250'), Decimal('0.50'))
    >>> class Pounds(decimal.Decimal):
    ...     def __str__(self) -> str:
    ...         return f"£{self:,.2f}"
    >>> type(to_amount(Pounds("36000"))) is decimal.Decimal
    True
    """
    if type(value) is decimal.Decimal:  # the loader's path, first
        return value
    if type(value) is int:
        return decimal.Decimal(value)
    if isinstance(value, decimal.Decimal):  # a subclass: its value, without its own __str__
        return decimal.Decimal(value)
    return cast("decimal.Decimal", value)  # a float, a bool or text, for the validator to refuse


def to_optional_amount(value: decimal.Decimal | int | None) -> decimal.Decimal | None:
    """As :func:`to_amount`, passing ``None`` (not stated) through.

    >>> to_optional_amount(None), to_optional_amount(7)
    (None, Decimal('7'))
    """
    if value is None:
        return None
    return to_amount(value)


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Store a sequence as a tuple; a bare string or a non-collection is left for the validator.

    (A string is iterable and would otherwise split into its letters.)
    """
    if isinstance(values, str):
        return cast("tuple[Any, ...]", values)
    try:
        return tuple(values)
    except TypeError:  # not iterable
        return cast("tuple[Any, ...]", values)


def members_of(kind: type[enum.Enum]) -> Validator:
    """Validate a frozenset holding only members of ``kind`` (one C-level subset test)."""
    every = frozenset(kind)

    def check(instance: object, attribute: attrs.Attribute[Any], value: Iterable[Any]) -> None:
        if type(value) is not frozenset:
            raise not_a_collection(instance, attribute, kind, value)
        if not every.issuperset(value):
            wrong = next(v for v in value if v not in every)
            values = ", ".join(repr(m.value) for m in kind)
            message = f"expected {kind.__name__} values ({values}), got {described(wrong)}"
            code = "not-allowed" if type(wrong) is str else "wrong-type"
            raise field_error(instance, attribute.name, message, code=code)

    CHECKS[check] = ("members", kind)
    return check


def all_instances(kind: type) -> Validator:
    """Validate a tuple or frozenset holding only instances of ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Iterable[Any]) -> None:
        if not isinstance(value, (tuple, frozenset)):
            raise not_a_collection(instance, attribute, kind, value)
        for item in value:
            if not isinstance(item, kind):
                message = f"expected a collection of {kind.__name__}, got {described(item)} in it"
                raise field_error(instance, attribute.name, message, code="wrong-type")

    CHECKS[check] = ("elements", kind)
    return check

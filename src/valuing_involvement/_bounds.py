"""The domain's bounds, decided once: money, measures, dates, counts and text (private).

Every value a model holds is inside these bounds, whoever built it: the loader, a constructor
or a 360Giving import.  Inside them every computation the library makes is safe -- a period's
length in months, a renewal date some months before an end, a total over a register -- so
nothing that loads can crash later.  The JSON Schema states the same bounds (``schema.py``
reads :data:`SCHEMAS`), and docs/json.md lists them.

Money arithmetic runs in :data:`CONTEXT`, the library's own decimal context, never the
caller's: see :func:`in_context`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from valuing_involvement.errors import field_error

if TYPE_CHECKING:
    import attrs

__all__ = [
    "CONTEXT",
    "COUNT_MAX",
    "DATE_MAX",
    "DATE_MIN",
    "MONEY_MAX",
    "MONTHS_MAX",
    "SCHEMAS",
    "date_in_range",
    "in_context",
    "measure",
    "money",
    "months",
    "parse_decimal",
    "plain_text",
    "shown",
]

#: The largest amount of money, in pounds: under a trillion (twelve whole digits).
MONEY_MAX = decimal.Decimal("999999999999.99")
#: Money is in pounds and pence: at most two decimal places.
MONEY_PLACES = 2
#: Measures (hours, square metres, pounds of expenditure) apportioning overheads.
MEASURE_PLACES = 6
#: The first and last dates a model may hold: wide enough for any real agreement, and far
#: enough from ``datetime.date``'s own limits that every date computation stays inside them.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)
#: The longest span of months a count may give: a century.
MONTHS_MAX = 1200
#: The largest other whole-number count a policy parameter may give.
COUNT_MAX = 1_000_000
#: The longest decimal string read, in characters.
_DECIMAL_LENGTH = 40

#: The one grammar of decimal strings: ASCII digits, an optional minus sign, no leading zeros,
#: an optional fraction with at least one digit; no spaces, underscores, plus sign, exponent.
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?", re.ASCII)

#: The library's decimal context: enough digits for any sum of bounded amounts, half-up
#: rounding of pence, and every error trapped.
CONTEXT = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_UP,
    Emin=-999999,
    Emax=999999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

P = ParamSpec("P")
R = TypeVar("R")


def in_context(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` in the library's decimal context, leaving the caller's as it was.

    >>> import decimal
    >>> @in_context
    ... def third(x: decimal.Decimal) -> decimal.Decimal:
    ...     return (x / 3).quantize(decimal.Decimal("0.01"))
    >>> with decimal.localcontext(rounding=decimal.ROUND_FLOOR, prec=6):
    ...     third(decimal.Decimal("2000.01"))
    Decimal('666.67')
    """

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with decimal.localcontext(CONTEXT):
            return function(*args, **kwargs)

    return run


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters: a message never echoes a huge value.

    >>> shown("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (102 characters)"
    """
    if isinstance(value, int) and value.bit_length() > limit * 4:
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    if isinstance(value, str) and len(value) > limit * 4:
        text = repr(value[: limit * 4])
        size = len(value) + 2
    else:
        text = repr(value)
        size = len(text)
    if size <= limit:
        return text
    return f"{text[:limit]}... ({size} characters)"


def parse_decimal(text: str) -> decimal.Decimal:
    """Read a decimal string in the one grammar the library accepts, or raise ``ValueError``.

    >>> parse_decimal("1250.50")
    Decimal('1250.50')
    >>> parse_decimal(" 1_000")
    Traceback (most recent call last):
    ValueError: expected an amount such as "1250.00", got ' 1_000'
    """
    if len(text) > _DECIMAL_LENGTH or _DECIMAL.fullmatch(text) is None:
        msg = f'expected an amount such as "1250.00", got {shown(text)}'
        raise ValueError(msg)
    return decimal.Decimal(text)


def _bounded_decimal(
    instance: object,
    value: decimal.Decimal,
    attribute: attrs.Attribute[Any],
    places: int,
    what: str,
) -> None:
    # A signed zero (``-0``) is refused with the negatives: it would be written back as "-0".
    if not value.is_finite() or value.is_signed() or value > MONEY_MAX:
        raise field_error(
            instance,
            attribute.name,
            f"must be {what} from 0 to {MONEY_MAX:,}, got {_plain(value)}",
            code="out-of-range",
        )
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise field_error(
            instance,
            attribute.name,
            f"must have at most {places} decimal places, got {_plain(value)}",
            code="out-of-range",
        )


def _plain(value: decimal.Decimal) -> str:
    """A decimal as a message shows it: ``10000.005``, cut to 60 characters."""
    text = str(value)
    return text if len(text) <= 60 else f"{text[:60]}... ({len(text)} characters)"


def money(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept an amount of money: from 0 to :data:`MONEY_MAX`, in whole pence."""
    if isinstance(value, decimal.Decimal):
        _bounded_decimal(instance, value, attribute, MONEY_PLACES, "an amount")


def measure(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a measure: from 0 to :data:`MONEY_MAX`, at most six decimal places."""
    if isinstance(value, decimal.Decimal):
        _bounded_decimal(instance, value, attribute, MEASURE_PLACES, "a measure")


def date_in_range(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a date from :data:`DATE_MIN` to :data:`DATE_MAX`."""
    if isinstance(value, dt.date) and not DATE_MIN <= value <= DATE_MAX:
        raise field_error(
            instance,
            attribute.name,
            f"must be a date from {DATE_MIN} to {DATE_MAX}, got {value}",
            code="out-of-range",
        )


def months(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a whole number of months from 0 to :data:`MONTHS_MAX`."""
    if type(value) is int and not 0 <= value <= MONTHS_MAX:
        raise field_error(
            instance,
            attribute.name,
            f"must be from 0 to {MONTHS_MAX} months, got {shown(value)}",
            code="out-of-range",
        )


def parameter_range(
    unit: str, *, amount: bool
) -> tuple[decimal.Decimal | int, decimal.Decimal | int, int]:
    """The lowest and highest value, and the decimal places, a policy parameter in ``unit`` takes.

    >>> parameter_range("months", amount=False)
    (0, 1200, 0)
    >>> parameter_range("share of agreements", amount=True)
    (Decimal('0'), Decimal('1'), 6)
    """
    if amount and unit.startswith("share"):
        return decimal.Decimal(0), decimal.Decimal(1), MEASURE_PLACES
    if amount:
        return decimal.Decimal(0), MONEY_MAX, MONEY_PLACES
    return 0, MONTHS_MAX if unit == "months" else COUNT_MAX, 0


def plain_text(value: str) -> bool:
    """Whether ``value`` can be written as UTF-8: it holds no lone surrogate.

    >>> plain_text("Café"), plain_text(chr(0xD800))
    (True, False)
    """
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_MONEY_PATTERN = r"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$"
_MEASURE_PATTERN = r"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,6})?$"
_WHOLE = {"type": "integer", "minimum": 0, "maximum": int(MONEY_MAX)}

#: What each bounding validator adds to a field's JSON Schema (``schema.py`` reads it).
SCHEMAS: dict[Callable[..., None], dict[str, Any]] = {
    money: {
        "description": "pounds: a decimal string with at most two places, or a whole number "
        "(never a number with a fraction or an exponent, such as 10000.5 or 1e3)",
        "anyOf": [{"type": "string", "pattern": _MONEY_PATTERN}, _WHOLE],
    },
    measure: {"anyOf": [{"type": "string", "pattern": _MEASURE_PATTERN}, _WHOLE]},
    months: {"type": "integer", "minimum": 0, "maximum": MONTHS_MAX},
}
#: The schema of every date: ``YYYY-MM-DD`` with a year from 1900 to 2999.
DATE_PATTERN = r"^(19[0-9]{2}|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

"""The one way the library shows an amount of money to people (private).

Every message, text report, table cell, plot label and command output that shows money calls
:func:`pounds`, so an analyst never sees ``£18,000 of £23,000.00`` or ``£0`` beside ``£0.00``.
Records, JSON and dataframes keep the :class:`~decimal.Decimal` (or its string) unchanged:
this is for reading, not for computing.
"""

from __future__ import annotations

import decimal

__all__ = ["pounds", "signed"]

_PENNY = decimal.Decimal("0.01")
# Rounding pence needs as many digits as the amount has; the library's own context (34 digits)
# would refuse a larger one rather than show it.
_ROUNDING = decimal.Context(prec=decimal.MAX_PREC, rounding=decimal.ROUND_HALF_UP)


def pounds(amount: decimal.Decimal | int) -> str:
    """Show an amount in pounds and pence with thousands separators: ``£18,000.00``.

    A negative amount has its sign before the pound sign; an amount with more than two decimal
    places is rounded to the penny, half up.

    >>> import decimal
    >>> pounds(decimal.Decimal("18000")), pounds(0), pounds(decimal.Decimal("-1250.5"))
    ('£18,000.00', '£0.00', '-£1,250.50')
    >>> pounds(decimal.Decimal("1E+3")), pounds(decimal.Decimal("0.005"))
    ('£1,000.00', '£0.01')
    """
    value = decimal.Decimal(amount)
    if not value.is_finite():
        return f"£{value}"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:  # more than pence
        value = value.quantize(_PENNY, context=_ROUNDING)
    sign = "-" if value < 0 else ""
    return f"{sign}£{value.copy_abs():,.2f}"  # copy_abs: abs() would round to the context


def signed(amount: decimal.Decimal) -> str:
    """Show a difference in pounds with its sign, ``+`` for none or more.

    >>> import decimal
    >>> signed(decimal.Decimal("1250")), signed(decimal.Decimal("-3")), signed(decimal.Decimal(0))
    ('+£1,250.00', '-£3.00', '+£0.00')
    """
    return ("+" if amount >= 0 else "") + pounds(amount)

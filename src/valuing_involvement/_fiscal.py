"""Split a yearly amount over UK financial years in closed form (private).

An agreement pays a twelfth of its yearly amount for each whole month of its period, the months
counted from its start (``start + k months``, month ends clamped as :mod:`dateutil` does).  Each
month counts in the financial year (1 April to 31 March) it falls in; the one month a year that
straddles 31 March is split between the two years by its days.

Stepping through the months one by one costs two date additions a month.  Here the months of a
year are counted between its two 1 April boundaries instead: a handful of integer operations
however long the period.  The straddling month is always the one that begins in March, on the
start's day of the month, so its share before 1 April is ``(32 - day) / 31`` (``1 / 30`` when
the start is the 31st, whose month ends on 29 April).  The decimal operations are those of the
stepwise count, in the same order, so the result is the same to the penny (the property tests in
``tests/test_fiscal.py`` hold the stepwise algorithm as their oracle).

The function takes plain values -- two dates and an amount -- so any model with a known period
can use it.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Iterator

from valuing_involvement._bounds import CONTEXT

__all__ = ["add_months", "split_by_financial_year", "whole_months", "year_name"]

_PENNY = decimal.Decimal("0.01")
_ZERO = decimal.Decimal(0)
_ONE_DAY = dt.timedelta(days=1)
_APRIL = 4  # the UK financial year starts on 1 April
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` months, the day clamped to the month's end (as relativedelta).

    >>> add_months(dt.date(2008, 1, 31), 1), add_months(dt.date(2008, 3, 31), -1)
    (datetime.date(2008, 2, 29), datetime.date(2008, 2, 29))
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, min(day.day, _days_in_month(year, month + 1)))


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` inclusive: the most ``k`` with start + k ≤ end + 1.

    >>> whole_months(dt.date(2007, 1, 31), dt.date(2007, 2, 27))
    1
    >>> whole_months(dt.date(2007, 4, 1), dt.date(2008, 3, 30))
    11
    """
    after = end + _ONE_DAY
    months = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, months) > after:
        months -= 1
    return months


def year_name(start_year: int) -> str:
    """The usual name of the financial year starting in ``start_year``.

    >>> year_name(2007), year_name(1999)
    ('2007-08', '1999-00')
    """
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def _financial_year(day: dt.date) -> int:
    return day.year if day.month >= _APRIL else day.year - 1


def split_by_financial_year(
    start: dt.date, end: dt.date, amount_per_year: decimal.Decimal
) -> dict[str, decimal.Decimal]:
    """What ``amount_per_year`` over ``start``..``end`` (inclusive) pays in each financial year.

    Years are named ``2007-08`` and come in order; amounts are in pounds and pence and add up
    to the amount for the whole months of the period exactly (rounding pennies go to the last
    year; a part month left at the end is not paid for).  Computed in the library's decimal
    context, whatever the caller's.

    >>> split_by_financial_year(dt.date(2007, 10, 1), dt.date(2008, 9, 30), decimal.Decimal(12000))
    {'2007-08': Decimal('6000.00'), '2008-09': Decimal('6000.00')}
    >>> split_by_financial_year(dt.date(2008, 3, 16), dt.date(2008, 4, 15), decimal.Decimal(3100))
    {'2007-08': Decimal('133.33'), '2008-09': Decimal('125.00')}
    """
    with decimal.localcontext(CONTEXT):
        return _split(start, end, amount_per_year)


def _split(start: dt.date, end: dt.date, amount: decimal.Decimal) -> dict[str, decimal.Decimal]:
    months, counts = _counted(start, end)
    if not counts:  # no whole month
        return {}
    table = {
        year: (amount * count / 12).quantize(_PENNY, decimal.ROUND_HALF_UP)
        for year, count in counts
    }
    total = (amount * months / 12).quantize(_PENNY)
    closing_year = next(reversed(table))  # rounding pennies go to the last year
    table[closing_year] += total - sum(table.values(), _ZERO)
    return table


@functools.lru_cache(maxsize=4096)
def _counted(start: dt.date, end: dt.date) -> tuple[int, tuple[tuple[str, decimal.Decimal], ...]]:
    """The whole months of a period and their count in each financial year, by year name.

    A pure function of two dates, remembered: registers repeat the same few periods.  It runs
    in :data:`CONTEXT` (its caller's), so what it remembers does not depend on a caller's.
    """
    months = whole_months(start, end)
    if months <= 0:
        return months, ()
    return months, tuple((year_name(year), count) for year, count in _month_counts(start, months))


def _month_counts(start: dt.date, months: int) -> Iterator[tuple[int, decimal.Decimal]]:
    """Each financial year the first ``months`` months from ``start`` touch, and their count.

    The years run from the start's to the last day's, and every one of them holds some of the
    months: the start's month is in the first, the last month in the last, and each year
    between is covered whole.  So no year's count is empty and none needs to be skipped.
    """
    day = start.day
    base = start.year * 12 + start.month - 1  # the start's month, counted from year 0
    first_year = _financial_year(start)
    last_year = _financial_year(add_months(start, months) - _ONE_DAY)
    if day == 1:  # months begin on the 1st: none straddles a boundary
        for year in range(first_year, last_year + 1):
            whole = min(year * 12 + 15 - base, months) - max(year * 12 + 3 - base, 0)
            yield year, decimal.Decimal(whole)
        return
    # The share of the straddling month (the one beginning in March) before 1 April.
    before = decimal.Decimal(32 - day) / (31 if day <= 30 else 30)
    for year in range(first_year, last_year + 1):
        # The month straddling this year's 1 April, and the one straddling the next year's,
        # counted from the start's month.  The opening month is never past the period (a year
        # in range reaches 1 April only if the period does), and the closing month never
        # before it (the first year's closing month is at the latest the start's own).
        opening = year * 12 + 2 - base
        closing = opening + 12
        whole = min(closing, months) - max(opening + 1, 0)
        # The stepwise count's own operations, in its order: the opening share, one month
        # (the only addition that may round: it may cross a power of ten), the other whole
        # months at once (exact, or rounded as one addition at a time would be), the closing share.
        count = _ZERO + 1 - before if opening >= 0 else _ZERO
        if whole:
            count += 1
            count += whole - 1
        if closing < months:
            count += before
        yield year, count

"""Splitting money over UK financial years in closed form (``_fiscal``), against the stepwise count.

The oracle below is the algorithm the library used before: it steps through the period month
by month with :class:`relativedelta` and splits the month that straddles 31 March by its days.
The closed form must give the same pounds and pence for every period and amount.
"""

import datetime as dt
import decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from valuing_involvement._bounds import CONTEXT
from valuing_involvement._fiscal import add_months, split_by_financial_year, whole_months
from valuing_involvement._fiscal import split_by_financial_year as split
from valuing_involvement.funding import financial_year
from valuing_involvement.funding import whole_months as relativedelta_months

_ONE_DAY = dt.timedelta(days=1)
_PENNY = decimal.Decimal("0.01")


def stepwise(start: dt.date, end: dt.date, amount: decimal.Decimal) -> dict[str, decimal.Decimal]:
    """The month-by-month split, as the library computed it before the closed form."""
    with decimal.localcontext(CONTEXT):
        n = relativedelta_months(start, end)
        months: dict[str, decimal.Decimal] = {}
        zero = decimal.Decimal(0)
        for k in range(n):
            first = start + relativedelta(months=k)
            last = start + relativedelta(months=k + 1) - _ONE_DAY
            year, next_year = financial_year(first), financial_year(last)
            if year == next_year:
                months[str(year)] = months.get(str(year), zero) + 1
                continue
            before = decimal.Decimal((year.end - first).days + 1) / ((last - first).days + 1)
            months[str(year)] = months.get(str(year), zero) + before
            months[str(next_year)] = months.get(str(next_year), zero) + 1 - before
        table = {
            year: (amount * count / 12).quantize(_PENNY, decimal.ROUND_HALF_UP)
            for year, count in months.items()
        }
        if table:
            last_year = next(reversed(table))
            table[last_year] += (amount * n / 12).quantize(_PENNY) - sum(table.values(), zero)
        return table


starts = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))
# Days of the month near the ends are where clamping happens: draw them often.
month_end_starts = st.builds(
    lambda year, month, day: dt.date(year, month, min(day, 28 if month == 2 else 30)),
    st.integers(1990, 2100),
    st.integers(1, 12),
    st.sampled_from([1, 2, 15, 28, 29, 30, 31]),
) | st.builds(
    lambda year, month: dt.date(year, month, 31),
    st.integers(1990, 2100),
    st.sampled_from([1, 3, 5, 7, 8, 10, 12]),
)
amounts = st.decimals(
    min_value=0, max_value=decimal.Decimal("999999999999.99"), places=2, allow_nan=False
) | st.integers(0, 10**6).map(decimal.Decimal)


@given(start=starts | month_end_starts, days=st.integers(0, 40 * 366))
def test_whole_months_is_relativedeltas(start, days):
    end = start + dt.timedelta(days=days)
    assert whole_months(start, end) == relativedelta_months(start, end)


@given(day=starts | month_end_starts, months=st.integers(-2400, 2400))
def test_add_months_is_relativedeltas(day, months):
    assert add_months(day, months) == day + relativedelta(months=months)


@given(start=starts | month_end_starts, days=st.integers(0, 12 * 366), amount=amounts)
@example(start=dt.date(2008, 3, 31), days=30, amount=decimal.Decimal(12000))
@example(start=dt.date(2008, 3, 2), days=400, amount=decimal.Decimal("0.01"))
@example(start=dt.date(2007, 1, 31), days=3000, amount=decimal.Decimal("999999999999.99"))
@example(start=dt.date(2007, 4, 1), days=0, amount=decimal.Decimal(1))
def test_the_closed_form_is_the_stepwise_split(start, days, amount):
    end = start + dt.timedelta(days=days)
    assert split_by_financial_year(start, end, amount) == stepwise(start, end, amount)


@given(start=starts | month_end_starts, days=st.integers(0, 12 * 366), amount=amounts)
def test_the_years_add_up_and_come_in_order(start, days, amount):
    end = start + dt.timedelta(days=days)
    table = split_by_financial_year(start, end, amount)
    months = whole_months(start, end)
    with decimal.localcontext(CONTEXT):
        assert sum(table.values(), decimal.Decimal(0)) == (amount * months / 12).quantize(_PENNY)
    assert list(table) == sorted(table)
    assert all(value >= 0 for value in table.values())
    names = [str(financial_year(start + dt.timedelta(days=d))) for d in range(0, days + 1, 28)]
    assert set(table) <= {*names, str(financial_year(end))}


def test_the_caller_context_changes_nothing():
    start, end, amount = dt.date(2008, 3, 16), dt.date(2011, 3, 15), decimal.Decimal("1000.05")
    expected = split_by_financial_year(start, end, amount)
    with decimal.localcontext(prec=3, rounding=decimal.ROUND_FLOOR) as ctx:
        ctx.traps[decimal.Rounded] = True
        assert split_by_financial_year(start, end, amount) == expected


def test_a_month_straddling_31_march_is_split_by_its_days():
    # 16 March to 15 April: 16 of its 31 days fall before 1 April.
    table = split(dt.date(2008, 3, 16), dt.date(2008, 4, 15), decimal.Decimal(3100))
    assert table == {"2007-08": decimal.Decimal("133.33"), "2008-09": decimal.Decimal("125.00")}
    # from the 31st the month runs to 29 April: one of its 30 days is in March
    table = split(dt.date(2008, 3, 31), dt.date(2008, 4, 29), decimal.Decimal(3600))
    assert table == {"2007-08": decimal.Decimal("10.00"), "2008-09": decimal.Decimal("290.00")}


def test_a_part_month_is_not_paid_for():
    assert split(dt.date(2008, 4, 1), dt.date(2008, 4, 29), decimal.Decimal(1)) == {}
    table = split(dt.date(2008, 4, 1), dt.date(2009, 4, 20), decimal.Decimal(1200))
    assert table == {"2008-09": decimal.Decimal("1200.00")}


# Deterministic grids: every month length and leap-year rule, and every kind of start against
# the stepwise count, whatever examples hypothesis draws.

YEARS = (1900, 2000, 2007, 2008, 2100)


def test_add_months_clamps_to_every_months_length():
    for year in YEARS:
        for month in range(1, 13):
            for day in (1, 28, 29, 30, 31):
                try:
                    start = dt.date(year, month, day)
                except ValueError:
                    continue
                for k in range(-13, 14):
                    assert add_months(start, k) == start + relativedelta(months=k), (start, k)


@pytest.mark.parametrize("year", YEARS)
def test_whole_months_at_every_month_end(year):
    for month in range(1, 13):
        start = dt.date(year, month, 1)
        for days in (26, 27, 28, 29, 30, 31, 58, 59, 60, 365, 366):
            end = start + dt.timedelta(days=days)
            assert whole_months(start, end) == relativedelta_months(start, end), (start, end)


@pytest.mark.parametrize("day", [1, 2, 15, 16, 28, 29, 30, 31])
def test_the_closed_form_on_a_grid_of_starts_and_lengths(day):
    amount = decimal.Decimal("1000.01")
    for year in (2007, 2008):
        for month in range(1, 13):
            try:
                start = dt.date(year, month, day)
            except ValueError:
                continue
            for months in (1, 2, 11, 12, 13, 24, 25, 37):
                for extra in (-1, 0, 1):
                    end = add_months(start, months) - dt.timedelta(days=1 - extra)
                    expected = stepwise(start, end, amount)
                    assert split_by_financial_year(start, end, amount) == expected, (start, end)


@given(start=starts | month_end_starts, days=st.integers(0, 12 * 366))
@example(start=dt.date(2007, 4, 1), days=365)  # ends on 31 March: no entry for the next year
@example(start=dt.date(2007, 10, 31), days=151)  # the last month ends on 30 March
def test_the_years_run_from_the_starts_to_the_last_days_each_with_months(start, days):
    # Every year from the start's to the last paid day's holds some of the months (the split
    # relies on it and skips no year), and no other year is named.
    end = start + dt.timedelta(days=days)
    months = whole_months(start, end)
    table = split(start, end, decimal.Decimal(12_000_000))
    if months == 0:
        assert table == {}
        return
    last_day = add_months(start, months) - _ONE_DAY
    first, last = financial_year(start).start_year, financial_year(last_day).start_year
    assert list(table) == [str(financial_year(d)) for d in _year_starts(first, last)]
    assert all(amount > 0 for amount in table.values())


def _year_starts(first, last):
    return [dt.date(year, 4, 1) for year in range(first, last + 1)]

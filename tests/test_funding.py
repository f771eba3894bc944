"""Funding periods, financial years and reporting schedules (G3(d), §2.12)."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement import FinancialYear, FundingPeriod, ReportingFrequency, financial_year
from valuing_involvement.testing.strategies import dates, funding_periods


def test_the_survey_lengths():
    # §2.12: 6 months, a year, 18 months, two and three years.
    start = dt.date(2007, 4, 1)
    for months in (6, 12, 18, 24, 36):
        assert FundingPeriod.from_months(start, months).months == months
    assert FundingPeriod.from_months(start, 12).end == dt.date(2008, 3, 31)


def test_month_ends_are_safe():
    period = FundingPeriod.from_months(dt.date(2007, 1, 31), 2)
    assert period.end == dt.date(2007, 3, 30)
    assert period.months == 2
    monthly = FundingPeriod.from_months(dt.date(2007, 1, 31), 3).reporting_dates(
        ReportingFrequency.MONTHLY
    )
    # each interval counted from the anchor: 31 Jan, 28 Feb, 31 Mar, 30 Apr
    assert monthly == (dt.date(2007, 2, 27), dt.date(2007, 3, 30), dt.date(2007, 4, 29))


def test_end_before_start_cannot_be_built():
    with pytest.raises(ValueError, match="end"):
        FundingPeriod(start=dt.date(2008, 4, 1), end=dt.date(2008, 3, 31))


def test_datetimes_are_refused():
    with pytest.raises(ValueError, match="date"):
        FundingPeriod(start=dt.datetime(2007, 4, 1), end=dt.date(2008, 3, 31))  # noqa: DTZ001


@pytest.mark.parametrize("months", [0, -1, 1.5, "12"])
def test_from_months_needs_a_positive_whole_number(months):
    with pytest.raises(ValueError, match="months"):
        FundingPeriod.from_months(dt.date(2007, 4, 1), months)


def test_financial_years():
    assert str(financial_year(dt.date(2007, 3, 31))) == "2006-07"
    assert str(financial_year(dt.date(2007, 4, 1))) == "2007-08"
    assert str(FinancialYear(start_year=1999)) == "1999-00"
    period = FundingPeriod(start=dt.date(2007, 1, 1), end=dt.date(2008, 6, 30))
    assert [str(y) for y in period.financial_years()] == ["2006-07", "2007-08", "2008-09"]


def test_quarterly_reports_from_april():
    period = FundingPeriod.from_months(dt.date(2007, 4, 1), 12)
    assert period.reporting_dates(ReportingFrequency.QUARTERLY) == (
        dt.date(2007, 6, 30),
        dt.date(2007, 9, 30),
        dt.date(2007, 12, 31),
        dt.date(2008, 3, 31),
    )
    assert period.reporting_dates(ReportingFrequency.ANNUAL) == (dt.date(2008, 3, 31),)


@given(dates(), st.integers(min_value=1, max_value=120))
def test_from_months_round_trips_its_length(start, months):
    period = FundingPeriod.from_months(start, months)
    assert period.months == months
    assert period.start == start


@given(funding_periods(), st.sampled_from(ReportingFrequency))
def test_reporting_dates_match_anchor_arithmetic(period, frequency):
    due = period.reporting_dates(frequency)
    one_day = dt.timedelta(days=1)
    expected = []
    k = 1
    while (start := period.start + relativedelta(months=k * frequency.months)) <= period.end:
        expected.append(start - one_day)
        k += 1
    assert due == (*expected, period.end)
    assert list(due) == sorted(due)
    assert all(day in period for day in due)


@given(funding_periods())
def test_financial_years_cover_the_period(period):
    years = period.financial_years()
    assert years[0].start <= period.start
    assert years[-1].end >= period.end
    assert [y.start_year for y in years] == list(
        range(years[0].start_year, years[-1].start_year + 1)
    )


@given(funding_periods())
def test_whole_months_never_exceed_the_days(period):
    assert period.months * 28 <= period.days
    assert period.start + relativedelta(months=period.months) <= period.end + dt.timedelta(days=1)

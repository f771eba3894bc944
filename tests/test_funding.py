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


# -- exact counts and boundaries (issue 16: what mutation testing found no test stated) ---------


@pytest.mark.parametrize(
    ("frequency", "months", "per_year"),
    [
        (ReportingFrequency.MONTHLY, 1, 12),
        (ReportingFrequency.QUARTERLY, 3, 4),
        (ReportingFrequency.SIX_MONTHLY, 6, 2),
        (ReportingFrequency.ANNUAL, 12, 1),
    ],
)
def test_months_between_reports_and_reports_a_year(frequency, months, per_year):
    assert frequency.months == months
    assert frequency.per_year == per_year


# Report counts over the survey's funding lengths (§2.12), written out by hand: a one-year and a
# three-year agreement from 1 April 2007.
@pytest.mark.parametrize(
    ("months", "frequency", "count"),
    [
        (12, ReportingFrequency.MONTHLY, 12),
        (12, ReportingFrequency.QUARTERLY, 4),
        (12, ReportingFrequency.SIX_MONTHLY, 2),
        (12, ReportingFrequency.ANNUAL, 1),
        (36, ReportingFrequency.MONTHLY, 36),
        (36, ReportingFrequency.QUARTERLY, 12),
        (36, ReportingFrequency.SIX_MONTHLY, 6),
        (36, ReportingFrequency.ANNUAL, 3),
        (6, ReportingFrequency.ANNUAL, 1),
        (18, ReportingFrequency.ANNUAL, 2),
    ],
)
def test_report_counts(months, frequency, count):
    period = FundingPeriod.from_months(dt.date(2007, 4, 1), months)
    assert len(period.reporting_dates(frequency)) == count


def test_six_monthly_and_annual_due_dates():
    one_year = FundingPeriod.from_months(dt.date(2007, 4, 1), 12)
    assert one_year.reporting_dates(ReportingFrequency.SIX_MONTHLY) == (
        dt.date(2007, 9, 30),
        dt.date(2008, 3, 31),
    )
    three_years = FundingPeriod.from_months(dt.date(2007, 4, 1), 36)
    assert three_years.reporting_dates(ReportingFrequency.ANNUAL) == (
        dt.date(2008, 3, 31),
        dt.date(2009, 3, 31),
        dt.date(2010, 3, 31),
    )


def test_a_short_last_interval_reports_at_the_end_of_the_period():
    period = FundingPeriod(start=dt.date(2007, 4, 1), end=dt.date(2007, 11, 15))
    assert period.reporting_dates(ReportingFrequency.SIX_MONTHLY) == (
        dt.date(2007, 9, 30),
        dt.date(2007, 11, 15),
    )
    assert period.reporting_dates(ReportingFrequency.ANNUAL) == (dt.date(2007, 11, 15),)


def test_monthly_reports_from_mid_month():
    period = FundingPeriod(start=dt.date(2007, 4, 15), end=dt.date(2007, 7, 14))
    assert period.reporting_dates(ReportingFrequency.MONTHLY) == (
        dt.date(2007, 5, 14),
        dt.date(2007, 6, 14),
        dt.date(2007, 7, 14),
    )


def test_days_count_both_ends():
    day = dt.date(2007, 4, 1)
    assert FundingPeriod(start=day, end=day).days == 1
    assert FundingPeriod(start=day, end=dt.date(2007, 4, 2)).days == 2
    # 1 April 2007 to 31 March 2008 holds 29 February 2008: 366 days.
    assert FundingPeriod.from_months(day, 12).days == 366
    assert FundingPeriod.from_months(dt.date(2008, 4, 1), 12).days == 365


def test_a_one_day_period_can_be_built():
    day = dt.date(2007, 4, 1)
    period = FundingPeriod(start=day, end=day)
    assert period.months == 0
    assert period.reporting_dates(ReportingFrequency.QUARTERLY) == (day,)


def test_in_is_inclusive_at_both_ends_and_false_outside():
    period = FundingPeriod(start=dt.date(2007, 4, 1), end=dt.date(2008, 3, 31))
    assert dt.date(2007, 4, 1) in period
    assert dt.date(2008, 3, 31) in period
    assert dt.date(2007, 10, 1) in period
    assert dt.date(2007, 3, 31) not in period
    assert dt.date(2008, 4, 1) not in period
    assert dt.date(2010, 1, 1) not in period
    assert dt.date(2000, 1, 1) not in period
    assert "2007-10-01" not in period


def test_whole_months_ignore_a_part_month():
    start = dt.date(2007, 4, 1)
    assert FundingPeriod(start=start, end=dt.date(2007, 4, 30)).months == 1
    assert FundingPeriod(start=start, end=dt.date(2007, 4, 29)).months == 0
    assert FundingPeriod(start=start, end=dt.date(2008, 3, 31)).months == 12
    assert FundingPeriod(start=start, end=dt.date(2009, 4, 30)).months == 25


def test_financial_year_bounds_and_names():
    year = FinancialYear(start_year=2009)
    assert (year.start, year.end, str(year)) == (
        dt.date(2009, 4, 1),
        dt.date(2010, 3, 31),
        "2009-10",
    )
    # The year ending in a leap February still ends on 31 March.
    assert FinancialYear(start_year=2007).end == dt.date(2008, 3, 31)
    assert str(FinancialYear(start_year=2010)) == "2010-11"
    assert str(financial_year(dt.date(2008, 1, 15))) == "2007-08"
    assert str(financial_year(dt.date(2008, 12, 31))) == "2008-09"


def test_a_bool_is_not_a_number_of_months():
    with pytest.raises(ValueError, match=r"must be a whole number of at least 1, got True"):
        FundingPeriod.from_months(dt.date(2007, 4, 1), months=True)


def test_one_month_is_the_shortest_period_from_months():
    assert FundingPeriod.from_months(dt.date(2007, 4, 1), 1).end == dt.date(2007, 4, 30)


# The bounds, at their edges (the domain's dates run from 1900-01-01 to 2999-12-31).


@pytest.mark.parametrize("start_year", [1899, 1900, 2998, 2999])
def test_financial_years_touching_the_domains_dates_are_built(start_year):
    year = FinancialYear(start_year=start_year)
    assert year.start == dt.date(start_year, 4, 1)
    assert year.end == dt.date(start_year + 1, 3, 31)


@pytest.mark.parametrize("start_year", [1898, 3000, -1, 10**6])
def test_financial_years_beyond_the_domains_dates_are_refused(start_year):
    with pytest.raises(ValueError, match="must be from 1899 to 2999") as caught:
        FinancialYear(start_year=start_year)
    assert caught.value.problems[0].code == "out-of-range"


def test_the_first_and_last_days_fall_in_financial_years():
    assert str(financial_year(dt.date(1900, 1, 1))) == "1899-00"
    assert str(financial_year(dt.date(2999, 12, 31))) == "2999-00"


def test_a_century_of_months_is_the_longest_period_from_months():
    period = FundingPeriod.from_months(dt.date(1900, 1, 1), 1200)
    assert period.months == 1200
    assert period.end == dt.date(1999, 12, 31)
    with pytest.raises(ValueError, match="at most 1200, got 1201") as caught:
        FundingPeriod.from_months(dt.date(1900, 1, 1), 1201)
    assert caught.value.problems[0].code == "out-of-range"

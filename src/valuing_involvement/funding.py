"""Funding periods, UK financial years and reporting schedules, on python-dateutil.

Funding length matters to the guidelines: one-year funding dominates while groups ask for three
years (``G3(d)``, ``§2.10``, ``§2.12``).  A :class:`FundingPeriod` measures its length in whole
months with :class:`~dateutil.relativedelta.relativedelta`, so month ends are handled exactly,
and computes reporting due dates with :mod:`dateutil.rrule` from the period's own start -- never
from the clock.

Periods are inclusive: the usual one-year agreement runs from 1 April to 31 March.
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule

from valuing_involvement._bounds import DATE_MAX, DATE_MIN, MONTHS_MAX, shown
from valuing_involvement._enums import Choice
from valuing_involvement._validators import FieldValueError, field_error, instance_of, is_date

__all__ = [
    "FinancialYear",
    "FundingPeriod",
    "ReportingFrequency",
    "financial_year",
]

_ONE_DAY = dt.timedelta(days=1)
_FIRST_MONTH = 4  # the UK financial year starts on 1 April


class ReportingFrequency(Choice):
    """How often a group must report to its commissioner."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six_monthly"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        """The months between two reports.

        >>> ReportingFrequency.QUARTERLY.months
        3
        """
        return _FREQUENCY_MONTHS[self]

    @property
    def per_year(self) -> int:
        """Reports a year at this frequency.

        >>> ReportingFrequency.MONTHLY.per_year
        12
        """
        return 12 // self.months


_FREQUENCY_MONTHS = {
    ReportingFrequency.MONTHLY: 1,
    ReportingFrequency.QUARTERLY: 3,
    ReportingFrequency.SIX_MONTHLY: 6,
    ReportingFrequency.ANNUAL: 12,
}


def _year_in_range(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    """Accept the years whose financial year touches the domain's dates (``_bounds``)."""
    if not DATE_MIN.year - 1 <= value <= DATE_MAX.year:
        raise field_error(
            instance,
            attribute.name,
            f"must be from {DATE_MIN.year - 1} to {DATE_MAX.year}, got {value}",
            code="out-of-range",
        )


@attrs.frozen(kw_only=True, order=True)
class FinancialYear:
    """A UK financial year, 1 April to 31 March, named by the calendar year it starts in.

    >>> year = FinancialYear(start_year=2007)
    >>> str(year), year.start, year.end
    ('2007-08', datetime.date(2007, 4, 1), datetime.date(2008, 3, 31))
    """

    start_year: int = attrs.field(validator=[instance_of(int), _year_in_range])

    @property
    def start(self) -> dt.date:
        """1 April of the starting year."""
        return dt.date(self.start_year, _FIRST_MONTH, 1)

    @property
    def end(self) -> dt.date:
        """31 March of the following year."""
        return dt.date(self.start_year + 1, _FIRST_MONTH, 1) - _ONE_DAY

    def __str__(self) -> str:
        """Name the year the usual way, ``2007-08``."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"


@functools.lru_cache(maxsize=8192)
def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` inclusive, by :class:`relativedelta`.

    Registers repeat the same few periods (financial years, three-year terms), so the answer is
    remembered: a pure function of two dates, cached for speed only.

    >>> whole_months(dt.date(2007, 1, 31), dt.date(2007, 2, 27))
    1
    """
    delta = relativedelta(end + _ONE_DAY, start)
    return delta.years * 12 + delta.months


@functools.lru_cache(maxsize=8192)
def months_before(end: dt.date, months: int) -> dt.date:
    """The last day on which a decision still leaves ``months`` whole months before ``end``.

    This is the library's one definition of "N months before the end of a period", used by
    every rule that asks for notice (``VI303``).  ``end`` is the period's last day, included;
    a decision taken on a day leaves the days *after* it, up to and including ``end``, and
    those are measured in whole months the way :attr:`FundingPeriod.months` measures a period
    (:func:`whole_months`).  So the answer is the last day ``d`` with
    ``whole_months(d + 1 day, end) >= months``, and month ends line up with month ends: a
    period ending on 31 March, 30 April or 30 June leaves exactly three months after a
    decision on 31 December, 31 January or 31 March.

    >>> months_before(dt.date(2008, 4, 30), 3), months_before(dt.date(2008, 3, 31), 3)
    (datetime.date(2008, 1, 31), datetime.date(2007, 12, 31))
    >>> months_before(dt.date(2008, 5, 15), 3)
    datetime.date(2008, 2, 15)
    """
    after = end + _ONE_DAY  # the first day the period no longer covers
    # ``after - months`` is clamped at a short month's end; a later start may still fit, and
    # at most three days later (31 less 28), so the search below is short.
    start: dt.date = after - relativedelta(months=months)
    while start + _ONE_DAY + relativedelta(months=months) <= after:
        start += _ONE_DAY
    return start - _ONE_DAY


def notice_left(decided: dt.date, end: dt.date) -> int:
    """Whole months from the day after ``decided`` to ``end`` inclusive (0 when none are left).

    The inverse of :func:`months_before`: ``notice_left(d, end) >= n`` exactly when
    ``d <= months_before(end, n)``.

    >>> notice_left(dt.date(2008, 1, 31), dt.date(2008, 4, 30))
    3
    """
    if decided >= end:
        return 0
    return whole_months(decided + _ONE_DAY, end)


def financial_year(day: dt.date) -> FinancialYear:
    """Return the UK financial year that contains ``day``.

    >>> str(financial_year(dt.date(2008, 3, 31))), str(financial_year(dt.date(2008, 4, 1)))
    ('2007-08', '2008-09')
    """
    return FinancialYear(start_year=day.year if day.month >= _FIRST_MONTH else day.year - 1)


def _end_not_before_start(
    instance: FundingPeriod, attribute: attrs.Attribute[dt.date], value: dt.date
) -> None:
    if value < instance.start:
        raise field_error(
            instance, attribute.name, f"must not be before the start ({instance.start.isoformat()})"
        )


@attrs.frozen(kw_only=True)
class FundingPeriod:
    """An inclusive span of dates over which an agreement funds a group.

    >>> period = FundingPeriod.from_months(dt.date(2007, 4, 1), 36)
    >>> period.end, period.months
    (datetime.date(2010, 3, 31), 36)
    >>> [str(year) for year in period.financial_years()]
    ['2007-08', '2008-09', '2009-10']
    """

    start: dt.date = attrs.field(validator=is_date)
    end: dt.date = attrs.field(validator=[is_date, _end_not_before_start])

    @classmethod
    def from_months(cls, start: dt.date, months: int) -> FundingPeriod:
        """Build the period of ``months`` whole months from ``start`` (at least one).

        >>> FundingPeriod.from_months(dt.date(2007, 1, 31), 1).end
        datetime.date(2007, 2, 27)
        """
        if type(months) is not int or months < 1:
            raise FieldValueError("months", f"must be a whole number of at least 1, got {months!r}")
        if months > MONTHS_MAX:
            raise FieldValueError(
                "months", f"must be at most {MONTHS_MAX}, got {shown(months)}", code="out-of-range"
            )
        try:
            end = start + relativedelta(months=months) - _ONE_DAY
        except (OverflowError, ValueError):  # past datetime.date's own limits
            end = dt.date.max
        return cls(start=start, end=end)

    @property
    def months(self) -> int:
        """The length in whole months; a part month left over is not counted.

        >>> FundingPeriod(start=dt.date(2007, 4, 1), end=dt.date(2008, 3, 30)).months
        11
        """
        return whole_months(self.start, self.end)

    @property
    def days(self) -> int:
        """The length in days, both ends included."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        """Whether a date falls within the period."""
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def financial_years(self) -> tuple[FinancialYear, ...]:
        """Return the UK financial years the period touches, in order.

        >>> period = FundingPeriod(start=dt.date(2007, 1, 1), end=dt.date(2007, 12, 31))
        >>> [str(year) for year in period.financial_years()]
        ['2006-07', '2007-08']
        """
        first = financial_year(self.start).start_year
        last = financial_year(self.end).start_year
        return tuple(FinancialYear(start_year=year) for year in range(first, last + 1))

    def reporting_dates(self, frequency: ReportingFrequency) -> tuple[dt.date, ...]:
        """Return the due dates of reports at ``frequency``: each reporting interval's last day.

        Intervals are counted from the period's start with :mod:`dateutil.rrule`, each one from
        the anchor rather than chained, so a period starting on 31 January keeps month ends.
        The last report falls due at the end of the period, even if its interval is short.

        >>> period = FundingPeriod.from_months(dt.date(2007, 4, 1), 12)
        >>> [d.isoformat() for d in period.reporting_dates(ReportingFrequency.QUARTERLY)]
        ['2007-06-30', '2007-09-30', '2007-12-31', '2008-03-31']
        """
        starts = rrule(
            MONTHLY,
            interval=frequency.months,
            dtstart=dt.datetime.combine(self.start, dt.time()),
            until=dt.datetime.combine(self.end, dt.time()),
            bymonthday=(self.start.day, -1),
            bysetpos=1,
        )
        later_starts = [moment.date() for moment in starts][1:]
        return (*(day - _ONE_DAY for day in later_starts), self.end)

"""360Giving dates are RFC 3339: an offset in whole minutes, whatever Python allows (issue 22)."""

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement import example_portfolio
from valuing_involvement.threesixty._export import export_package, rfc3339

RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def test_an_offset_with_seconds_is_written_in_utc():
    zone = dt.timezone(dt.timedelta(hours=5, minutes=30, seconds=15))
    package = export_package(
        example_portfolio(), prefix="lowmoor", modified=dt.datetime(2007, 4, 2, 9, 0, tzinfo=zone)
    )
    stamps = {package["issued"], *(grant["dateModified"] for grant in package["grants"])}
    assert stamps == {"2007-04-02T03:29:45+00:00"}


@given(
    moment=st.datetimes(dt.datetime(1900, 1, 2), dt.datetime(2999, 12, 30)),  # noqa: DTZ001
    offset=st.integers(-86399, 86399).map(lambda s: dt.timedelta(seconds=s)),
)
def test_every_aware_moment_is_written_as_rfc3339_and_keeps_its_instant(moment, offset):
    aware = moment.replace(tzinfo=dt.timezone(offset))
    text = rfc3339(aware)
    assert RFC3339.fullmatch(text), text
    assert dt.datetime.fromisoformat(text) == aware

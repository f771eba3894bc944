"""The VI0xx rules (rules/waivers.py) state exactly what they report, and when they stay silent.

A one-year agreement draws VI302 (shorter than the three years groups asked for), so a waiver
of VI302 on it waives something; a waiver of the
reserved code (no rule has it) waives nothing.
"""

import datetime as dt

import pytest

from exemplar_checks import contract_findings, exactly
from valuing_involvement.rules import RESERVED_CODE

ONE_YEAR = {
    "period": {"start": "2007-04-01", "end": "2008-03-31"},
    "renewal_decision_by": "2007-12-31",
}
USED = {"code": "VI302", "reason": "pilot year", "agreed_by": "both parties", "until": "2007-12-31"}
UNUSED = {"code": RESERVED_CODE, "reason": "typo", "agreed_by": "both parties"}


def _waivers(*waivers):
    return {**ONE_YEAR, "waivers": list(waivers)}


def test_vi001_reports_the_waiver_that_matches_nothing_at_its_own_index():
    patch = _waivers(USED, UNUSED)
    assert exactly(contract_findings("VI001", patch, on=dt.date(2007, 12, 31))) == [
        (
            "$.waivers[1]",
            f"the waiver of {RESERVED_CODE} matches no finding",
            {"code": RESERVED_CODE},
        )
    ]


def test_vi001_is_silent_for_a_waiver_of_a_rule_that_fires():
    assert contract_findings("VI001", _waivers(USED), on=dt.date(2007, 12, 31)) == []


def test_vi002_reports_an_expired_waiver_with_both_dates():
    assert exactly(contract_findings("VI002", _waivers(UNUSED, USED), on=dt.date(2008, 1, 1))) == [
        (
            "$.waivers[1]",
            "the waiver of VI302 expired on 2007-12-31, before 2008-01-01",
            {"code": "VI302", "until": "2007-12-31"},
        )
    ]


@pytest.mark.parametrize("on", [dt.date(2007, 12, 31), dt.date(2007, 4, 1)])
def test_vi002_is_silent_up_to_and_on_the_day_a_waiver_runs_until(on):
    assert contract_findings("VI002", _waivers(USED), on=on) == []


def test_vi002_is_silent_for_a_waiver_without_an_end():
    assert contract_findings("VI002", _waivers(UNUSED), on=dt.date(2030, 1, 1)) == []


def test_a_live_waiver_marks_its_finding_and_an_expired_one_does_not():
    live = contract_findings("VI302", _waivers(USED), on=dt.date(2007, 12, 31))
    expired = contract_findings("VI302", _waivers(USED), on=dt.date(2008, 1, 1))
    assert [f.waived for f in live] == [True]
    assert [f.waived for f in expired] == [False]

"""Agreements whose length is known but not their dates, or neither (issue #27).

Real 360Giving grants often give only a duration.  An agreement records start and end, start
and length (dates worked out), length only, or nothing; rules that need only a length use it,
rules that need dates stay silent or report the fact as not known.
"""

import datetime as dt
import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import given

from valuing_involvement import (
    AgreementKind,
    Contract,
    FundingPeriod,
    InvalidInput,
    Variation,
    check_contract,
    example_contracts,
    from_json,
    to_json,
)
from valuing_involvement.assessment import commitments
from valuing_involvement.portfolio import committed_by_year
from valuing_involvement.scorecard import is_not_known
from valuing_involvement.testing.strategies import contracts, funding_periods, portfolios

LENGTH_CODES = {"VI301", "VI302"}


def agreement(**fields):
    defaults = {
        "commissioner": "Lowmoor",
        "kind": AgreementKind.GRANT_LETTER,
        "amount_per_year": Decimal(12000),
        "period": None,
    }
    return Contract(**(defaults | fields))


def codes(contract):
    return {f.code: f for f in check_contract(contract).findings}


# -- the model ------------------------------------------------------------------------------------


def test_four_states_of_a_period():
    dated = FundingPeriod(start=dt.date(2007, 4, 1), end=dt.date(2010, 3, 31))
    from_length = FundingPeriod.from_months(dt.date(2007, 4, 1), 36)
    assert agreement(period=dated).months == 36
    assert agreement(period=from_length).months == 36
    assert agreement(length_months=36).months == 36
    assert agreement().months is None
    assert agreement(length_months=36).total_amount == Decimal("36000.00")
    assert agreement().total_amount is None


def test_a_length_beside_dates_cannot_be_built():
    dated = FundingPeriod.from_months(dt.date(2007, 4, 1), 12)
    with pytest.raises(InvalidInput, match="length_months"):
        agreement(period=dated, length_months=12)


@pytest.mark.parametrize("months", [0, -1, 1201])
def test_a_length_is_at_least_one_month_and_bounded(months):
    with pytest.raises(InvalidInput, match="length_months"):
        agreement(length_months=months)


def test_a_bool_is_not_a_length():
    with pytest.raises(InvalidInput, match="length_months"):
        agreement(length_months=True)


def test_existing_documents_load_unchanged():
    for contract in example_contracts():
        assert contract.period is not None
        assert contract.length_months is None
        assert from_json(to_json(contract), Contract) == contract


def test_a_document_says_null_for_unknown_dates_and_may_not_forget_the_period():
    document = {"commissioner": "L", "kind": "grant_letter", "amount_per_year": "100"}
    loaded = from_json(json.dumps(document | {"period": None, "length_months": 36}), Contract)
    assert (loaded.period, loaded.length_months) == (None, 36)
    with pytest.raises(InvalidInput, match=r"\$\.period"):
        from_json(json.dumps(document), Contract)
    dated = document | {"period": {"start": "2007-04-01", "end": "2008-03-31"}}
    with pytest.raises(InvalidInput, match=r"length_months"):
        from_json(json.dumps(dated | {"length_months": 12}), Contract)


@given(contracts())
def test_every_state_round_trips(contract):
    assert from_json(to_json(contract), Contract) == contract


# -- rules ----------------------------------------------------------------------------------------


def test_a_length_alone_is_enough_for_the_three_years():
    three = codes(agreement(length_months=36))
    assert not LENGTH_CODES & set(three)
    one = codes(agreement(length_months=12))
    assert "VI302" in one
    assert "VI301" not in one
    assert one["VI302"].evidence["months"] == 12


def test_nothing_known_is_reported_once_as_not_known():
    found = codes(agreement())
    assert "VI302" not in found
    assert is_not_known(found["VI301"])


def test_renewal_notice_needs_dates():
    found = codes(agreement(length_months=36, renewal_decision_by=dt.date(2009, 1, 1)))
    assert is_not_known(found["VI303"])
    assert found["VI303"].evidence["period_end"] is None
    # A promised notice in months can be judged without the dates.
    assert "VI303" not in codes(agreement(length_months=36, renewal_notice_months=6))
    short = codes(agreement(length_months=36, renewal_notice_months=1))["VI303"]
    assert not is_not_known(short)


def test_changes_of_goalposts_need_the_period():
    change = Variation(
        on=dt.date(2007, 6, 1), kind="targets", change="doubled", agreed_with_group=False
    )
    assert "VI411" in codes(
        agreement(period=FundingPeriod.from_months(dt.date(2007, 4, 1), 12), variations=[change])
    )
    assert "VI411" not in codes(agreement(length_months=12, variations=[change]))


def test_an_undated_check_speaks_for_the_award_date():
    assert check_contract(agreement(awarded_on=dt.date(2009, 5, 1))).on == dt.date(2009, 5, 1)


@given(contracts(period=funding_periods()))
def test_forgetting_the_dates_but_not_the_length_keeps_the_length_findings(contract):
    if contract.months < 1:
        return
    undated = attrs.evolve(contract, period=None, length_months=contract.months)

    def length_findings(c):
        return sorted(
            (f.code, f.message) for f in check_contract(c).findings if f.code in LENGTH_CODES
        )

    assert length_findings(undated) == length_findings(contract)


@given(contracts())
def test_undated_agreements_only_report_date_rules_as_not_known(contract):
    if contract.period is not None:
        return
    for finding in check_contract(contract).findings:
        if finding.code == "VI303":
            assert is_not_known(finding) or contract.renewal_notice_months is not None


# -- money by year --------------------------------------------------------------------------------


def test_undated_agreements_have_no_years_and_are_counted():
    assert committed_by_year(agreement(length_months=36)) == {}
    assert committed_by_year(agreement()) == {}


@given(portfolios())
def test_commitments_count_the_undated(portfolio):
    costs = commitments(portfolio)
    assert costs.undated == sum(c.period is None for c in portfolio.contracts)
    assert sum(costs.by_year.values(), Decimal(0)) == costs.total


def test_registers_carry_every_state(tmp_path):
    from valuing_involvement import example_portfolio
    from valuing_involvement.registers import read_register, write_register

    portfolio = example_portfolio()
    contracts = list(portfolio.contracts)
    contracts[0] = attrs.evolve(contracts[0], period=None, length_months=36)
    contracts[1] = attrs.evolve(contracts[1], period=None)
    portfolio = attrs.evolve(portfolio, contracts=contracts)
    back = read_register(*write_register(portfolio, tmp_path)).portfolio.contracts
    assert [(c.period, c.length_months) for c in back[:2]] == [(None, 36), (None, None)]
    assert back[2].period == portfolio.contracts[2].period

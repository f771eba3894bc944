"""The domain's bounds: every value that loads or builds is one every computation can take."""

import datetime as dt
import decimal
import json

import attrs
import pytest

from valuing_involvement import (
    Contract,
    FieldValueError,
    FinancialYear,
    FundingPeriod,
    InvalidDocument,
    OrgId,
    check_contract,
    from_json,
    json_schema,
    to_json,
)
from valuing_involvement.threesixty import export_package

BASE = {
    "commissioner": "Lowmoor Joint Commissioning",
    "kind": "grant_letter",
    "amount_per_year": "24000",
    "reference": "LJC-1",
    "period": {"start": "2007-04-01", "end": "2008-03-31"},
}


def agreement(**changes):
    return json.dumps({**BASE, **changes})


def problems(text, cls=Contract):
    with pytest.raises(InvalidDocument) as caught:
        from_json(text, cls)
    return [(p.path, p.code) for p in caught.value.problems]


@pytest.mark.parametrize(
    "amount", [" 1000 ", "1_000", "+5", ".5", "5.", "١٠٠٠", "１０００", "1e3", "1E30", "0100", ""]
)
def test_amounts_have_one_exact_grammar(amount):
    assert problems(agreement(amount_per_year=amount)) == [("$.amount_per_year", "invalid")]


@pytest.mark.parametrize("amount", ["1000000000000", "0.001", "-5", 10**12, -1, "999999999999.999"])
def test_amounts_out_of_bounds_are_refused_at_load(amount):
    assert problems(agreement(amount_per_year=amount)) == [("$.amount_per_year", "out-of-range")]


@pytest.mark.parametrize("amount", ["0", "0.5", "999999999999.99", 999999999999, "12.30"])
def test_amounts_inside_the_bounds_load_and_compute(amount):
    # 360Giving needs the recorded date of the decision to award (issue 13), never the start.
    contract = from_json(agreement(amount_per_year=amount, awarded_on="2007-03-01"), Contract)
    assert contract.total_amount >= 0
    check_contract(contract)
    package = export_package(
        [contract], prefix="360G-lowmoor", modified=dt.datetime(2008, 1, 1, tzinfo=dt.UTC)
    )
    assert [grant["awardDate"] for grant in package["grants"]] == ["2007-03-01"]
    assert from_json(to_json(contract), Contract) == contract


def test_costs_of_huge_amounts_are_refused_not_crashed_on():
    costs = {"direct": "1e30", "overheads": "0", "basis": "expenditure",
             "project_measure": "1", "organisation_measure": "1"}  # fmt: skip
    assert problems(agreement(costs=costs)) == [("$.costs.direct", "invalid")]
    costs["direct"] = "999999999999.99"
    costs["overheads"] = "999999999999.99"
    contract = from_json(agreement(costs=costs), Contract)
    assert check_contract(contract).findings is not None


@pytest.mark.parametrize(
    ("start", "end"),
    [("9999-01-01", "9999-12-31"), ("0001-01-01", "0001-03-31"), ("1899-12-31", "1900-03-31")],
)
def test_dates_at_the_calendar_edges_are_refused(start, end):
    found = problems(agreement(period={"start": start, "end": end}))
    assert found
    assert all(code == "out-of-range" for _, code in found)


@pytest.mark.parametrize(
    ("start", "end"), [("1900-01-01", "1900-03-31"), ("2999-01-01", "2999-12-31")]
)
def test_dates_at_the_edges_of_the_range_compute(start, end):
    contract = from_json(
        agreement(period={"start": start, "end": end}, renewal_notice_months=1200), Contract
    )
    check_contract(contract)
    assert contract.period.months >= 1
    assert FundingPeriod.from_months(contract.period.start, 1).start == contract.period.start


def test_counts_are_bounded_in_the_constructor_the_loader_and_the_schema():
    with pytest.raises(FieldValueError) as caught:
        attrs.evolve(from_json(agreement(), Contract), renewal_notice_months=10**5000)
    assert caught.value.problems[0].code == "out-of-range"
    assert problems(agreement(renewal_notice_months=1201)) == [
        ("$.renewal_notice_months", "out-of-range")
    ]
    schema = json_schema("agreement")["$defs"]["Contract"]["properties"]
    assert {"type": "integer", "minimum": 0, "maximum": 1200} in schema["renewal_notice_months"][
        "anyOf"
    ]
    with pytest.raises(FieldValueError):
        FundingPeriod.from_months(dt.date(2007, 4, 1), 10**6)
    with pytest.raises(FieldValueError):
        FinancialYear(start_year=10**6)


def test_the_schema_states_the_money_and_date_bounds():
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json_schema("agreement"))
    assert not list(validator.iter_errors(json.loads(agreement())))
    for bad in ({"amount_per_year": "1e30"}, {"amount_per_year": "0.001"},
                {"period": {"start": "9999-01-01", "end": "9999-12-31"}}):  # fmt: skip
        assert list(validator.iter_errors(json.loads(agreement(**bad)))), bad


@pytest.mark.parametrize("text", ["GB-CHC-١٠٩٤١١٢", "GB-CHC-１０９４１１２", "GB-COH-0432523٤"])
def test_org_ids_take_ascii_digits_only(text):
    with pytest.raises(FieldValueError):
        OrgId.parse(text)


def test_lone_surrogates_are_refused_at_load():
    text = agreement().replace('"Lowmoor', '"\\ud800Lowmoor')
    assert problems(text) == [("$.commissioner", "invalid")]
    with pytest.raises(FieldValueError):
        attrs.evolve(from_json(agreement(), Contract), commissioner="\ud800")


def test_library_money_ignores_the_callers_decimal_context():
    contract = from_json(
        agreement(amount_per_year="2000", period={"start": "2007-04-01", "end": "2007-07-31"}),
        Contract,
    )
    expected = contract.total_amount
    assert expected == decimal.Decimal("666.67")
    for changes in ({"rounding": decimal.ROUND_FLOOR}, {"prec": 6}, {"prec": 3}):
        with decimal.localcontext(**changes) as ctx:
            before = (ctx.prec, ctx.rounding)
            assert contract.total_amount == expected
            check_contract(contract)
            assert (decimal.getcontext().prec, decimal.getcontext().rounding) == before

"""JSON in and out: lossless round trips, strict loading, every bad field named by its path."""

import datetime as dt
import gc
import json
import re
from decimal import ROUND_DOWN, Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents import errors_or_none
from profiles import share
from valuing_involvement import (
    Assessment,
    Classification,
    Contract,
    DecisionBody,
    FundingPeriod,
    Group,
    Host,
    InvalidDocument,
    InvalidInput,
    Kpi,
    Member,
    PersonFacts,
    Portfolio,
    Report,
    Waiver,
    assess_portfolio,
    check_contract,
    check_contracts,
    example_contracts,
    example_groups,
    example_portfolio,
    from_data,
    from_json,
    to_data,
    to_json,
)
from valuing_involvement.testing.strategies import groups

MODELS = [
    PersonFacts,
    Member,
    DecisionBody,
    Host,
    Group,
    Classification,
    FundingPeriod,
    Kpi,
    Waiver,
    Contract,
    Report,
    Portfolio,
    Assessment,
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


#: Each example of these builds a whole portfolio (and an assessment assesses it): they draw a
#: share of the profile's examples.
WHOLE = [Report, Portfolio, Assessment]


@pytest.mark.parametrize("cls", [cls for cls in MODELS if cls not in WHOLE])
@given(data=st.data())
def test_every_model_round_trips(cls, data):
    _round_trips(cls, data.draw(st.from_type(cls)))


@pytest.mark.parametrize("cls", WHOLE)
@settings(max_examples=share(0.25))
@given(data=st.data())
def test_every_whole_portfolio_model_round_trips(cls, data):
    _round_trips(cls, data.draw(st.from_type(cls)))


def _round_trips(cls, obj):
    assert from_json(to_json(obj), cls) == obj
    assert from_json(to_json(obj).encode(), cls) == obj
    assert from_data(to_data(obj), cls) == obj


@given(st.lists(groups(), max_size=4))
def test_lists_round_trip(items):
    assert from_json(to_json(items), list[Group]) == items


@pytest.mark.parametrize("cls", MODELS)
@given(value=json_values)
def test_any_json_value_raises_only_invalid_document(cls, value):
    errors = errors_or_none(json.dumps(value), cls)
    assert errors is None or errors
    assert all(path.startswith("$") and message for path, message in errors or ())


@given(st.binary())
def test_any_bytes_raise_only_invalid_document(raw):
    errors = errors_or_none(raw, Group)
    assert errors is None or errors


@given(groups())
def test_output_is_the_same_bytes_for_equal_models(group):
    rebuilt = from_json(to_json(group), Group)
    assert to_json(rebuilt) == to_json(group)


def test_sets_are_written_sorted():
    group = example_groups()[0]
    data = to_data(group)
    assert data["controls"] == ["money", "personnel", "policy"]
    assert data["activities"] == sorted(data["activities"])


def errors_of(text, cls=Group):
    with pytest.raises(InvalidDocument) as info:
        from_json(text, cls)
    return dict(info.value.errors)


def test_every_bad_field_is_named_by_path():
    document = {
        "name": "G",
        "constituency": "users",
        "decision_body": {"members": [{"roles": ["carer", "x"]}, {"voting": "yes"}], "size": 3},
        "controls": "money",
        "colour": "red",
    }
    errors = errors_of(json.dumps(document))
    assert set(errors) == {
        "$.constituency",
        "$.decision_body.members[0].roles[1]",
        "$.decision_body.members[1].voting",
        "$.decision_body.size",
        "$.controls",
        "$.colour",
    }
    assert "'service_users'" in errors["$.constituency"]
    assert errors["$.colour"] == "unknown field"


def test_missing_required_fields_are_named():
    assert errors_of("{}") == {
        "$.name": "required field is missing",
        "$.constituency": "required field is missing",
        "$.decision_body": "required field is missing",
        "$.controls": "required field is missing",
    }


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ({"voting": "false"}, "$.voting"),  # no "false" -> True
        ({"voting": 1}, "$.voting"),
        ({"label": 12}, "$.label"),  # no 12 -> "12"
        ({"roles": "carer"}, "$.roles"),  # a string is not a list of roles
        ({"roles": {"carer": True}}, "$.roles"),
    ],
)
def test_no_silent_coercion(document, path):
    assert path in errors_of(json.dumps(document), Member)


def test_validator_errors_name_their_field():
    document = {"name": " ", "constituency": "carers", "decision_body": None, "controls": []}
    assert errors_of(json.dumps(document)) == {"$.name": "must not be blank"}
    facts = {"service_use": "none", "care_levels": ["primary"]}
    assert "$.care_levels" in errors_of(json.dumps(facts), PersonFacts)


def test_errors_in_lists_of_groups_carry_the_index():
    good = to_data(example_groups()[0])
    errors = errors_of(json.dumps([good, {**good, "controls": ["cash"]}]), list[Group])
    assert list(errors) == ["$[1].controls[0]"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "NaN",
        '{"a": Infinity}',
        "1" * 5000,
        "[" * 100_000,
        b"\xff\xfe\x00",
        b"\xef\xbb\xbf[",
    ],
)
def test_unreadable_text_is_an_invalid_document(text):
    assert list(errors_of(text)) == ["$"]


def test_a_leading_bom_is_accepted():
    text = to_json(example_groups()[0])
    assert from_json(b"\xef\xbb\xbf" + text.encode(), Group) == example_groups()[0]
    assert from_json("\ufeff" + text, Group) == example_groups()[0]


def test_invalid_document_is_a_value_error_with_one_line_per_problem():
    with pytest.raises(ValueError, match=r"\$\.name") as info:
        from_json(
            '{"name": 1, "constituency": "carers", "decision_body": null, "controls": []}', Group
        )
    assert str(info.value).splitlines()[1:] == ["  $.name: expected a string, got an integer"]


def test_round_trip_keeps_private_labels_in_the_data():
    # JSON is the caller's own data: private labels are kept, only reprs hide them.
    member = Member(label="seat 4", private=True)
    assert from_json(to_json(member), Member) == member


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1250.00", "1250.00"), (12, "12"), ("0.5", "0.5")],
)
def test_money_is_a_decimal_read_from_a_string_or_integer(value, expected):
    from decimal import Decimal

    amount = from_data(value, Decimal)
    assert amount == Decimal(expected)
    assert to_data(amount) == expected


@pytest.mark.parametrize("value", [12.5, "NaN", "Infinity", "twelve", True, None])
def test_money_refuses_floats_and_non_numbers(value):
    from decimal import Decimal

    with pytest.raises(InvalidDocument):
        from_data(value, Decimal)


def test_dates_are_iso_8601():
    import datetime as dt

    assert from_data("2007-04-01", dt.date) == dt.date(2007, 4, 1)
    assert to_data(dt.date(2007, 4, 1)) == "2007-04-01"
    for bad in ["2007-02-30", "20070401", "2007-W01-1", 20070401, "01/04/2007"]:
        with pytest.raises(InvalidDocument):
            from_data(bad, dt.date)


def test_contract_errors_are_named_by_path():
    document = {
        "commissioner": "C",
        "kind": "sla",
        "amount_per_year": 12000.5,
        "period": {"start": "2008-04-01", "end": "2008-03-31"},
        "kpis": [{"description": "x", "kind": "output", "agreed": True}],
    }
    errors = errors_of(json.dumps(document), Contract)
    assert set(errors) == {"$.kind", "$.amount_per_year", "$.period.end", "$.kpis[0].agreed"}
    assert "start" in errors["$.period.end"]


def test_example_contracts_round_trip():
    from valuing_involvement import example_contracts

    contracts = example_contracts()
    assert from_json(to_json(contracts), list[Contract]) == contracts


@pytest.mark.parametrize("collector_on", [True, False])
def test_reading_and_writing_leave_the_garbage_collector_as_they_found_it(collector_on):
    was = gc.isenabled()
    (gc.enable if collector_on else gc.disable)()
    try:
        host = Host(name="Borough Mind")
        assert from_json(to_json(host), Host) == host
        assert from_data(to_data([host]), list[Host]) == [host]
        with pytest.raises(InvalidDocument):
            from_json('{"name": 1}', Host)
        assert gc.isenabled() is collector_on
    finally:
        (gc.enable if was else gc.disable)()


# -- money: one JSON grammar, written back exactly, shown one way ------------------------------

MONEY_MAX = Decimal("999999999999.99")


def amount_problems(value):
    """The (code, message) of each problem reading ``value`` as an agreement's yearly amount."""
    from valuing_involvement import example_contracts

    document = to_data(example_contracts()[0]) | {"amount_per_year": value}
    try:
        from_json(json.dumps(document), Contract)
    except InvalidDocument as exc:
        return [(p.path, p.code, p.message) for p in exc.problems]
    return []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10000", "10000"), ("10000.5", "10000.5"), ("10000.50", "10000.50"), ("0.75", "0.75"),
     ("0", "0"), (10000, "10000"), (0, "0"), ("999999999999.99", "999999999999.99")],
)  # fmt: skip
def test_an_amount_is_a_plain_decimal_string_or_an_integer(value, expected):
    assert amount_problems(value) == []
    document = to_data(
        from_data(to_data(example_contract()) | {"amount_per_year": value}, Contract)
    )
    assert document["amount_per_year"] == expected


def example_contract():
    from valuing_involvement import example_contracts

    return example_contracts()[0]


# The table of refused amounts in docs/json.md, row by row.
@pytest.mark.parametrize(
    ("value", "code"),
    [
        (10000.5, "wrong-type"), (1e3, "wrong-type"), (10000.0, "wrong-type"),
        ("10000.005", "out-of-range"),
        ("1e3", "invalid"), ("1E+3", "invalid"), ("NaN", "invalid"), ("Infinity", "invalid"),
        ("+5", "invalid"), (" 5", "invalid"), ("5 ", "invalid"), ("1_000", "invalid"),
        ("1,000", "invalid"), ("010", "invalid"), (".5", "invalid"), ("5.", "invalid"),
        ("£5", "invalid"),
        ("-5", "out-of-range"), (-5, "out-of-range"), ("-0", "out-of-range"),
        ("1000000000000", "out-of-range"),
        (True, "wrong-type"), (None, "wrong-type"), ([], "wrong-type"),
    ],
)  # fmt: skip
def test_anything_else_is_refused_at_its_path_saying_what_is_accepted(value, code):
    [(path, found, message)] = amount_problems(value)
    assert (path, found) == ("$.amount_per_year", code)
    if code == "wrong-type" and isinstance(value, float):
        assert message.startswith('expected an amount as a decimal string such as "1250.50" or')
        assert "a whole number such as 1250" in message
        assert "fraction or an exponent" in message
    if value == "10000.005":
        assert message == "must have at most 2 decimal places, got 10000.005"


def test_a_float_amount_says_exactly_what_to_write():
    [(_, _, whole)] = amount_problems(1e3)
    [(_, _, fraction)] = amount_problems(10000.5)
    assert whole.endswith("write 1000")
    assert fraction.endswith('write "10000.5"')


pence = st.decimals(min_value=0, max_value=MONEY_MAX, places=2, allow_nan=False)


# Whole pounds are rounded down: rounding the largest amount up would leave the money range.
@given(
    pence.flatmap(lambda d: st.sampled_from([d, d.normalize(), d.quantize(Decimal(1), ROUND_DOWN)]))
)
def test_any_amount_of_pence_round_trips_through_json(amount):
    built = attrs.evolve(example_contract(), amount_per_year=amount)
    text = to_json(built)
    written = json.loads(text)["amount_per_year"]
    assert re.fullmatch(r"(0|[1-9][0-9]*)(\.[0-9]{1,2})?", written), written  # never 1E+3
    back = from_json(text, Contract)
    assert back == built
    assert back.amount_per_year == amount
    assert to_json(back) == text


@given(st.integers(min_value=0, max_value=int(MONEY_MAX)))
def test_any_whole_number_of_pounds_reads_as_its_decimal(pounds):
    document = to_data(example_contract()) | {"amount_per_year": pounds}
    assert from_data(document, Contract).amount_per_year == Decimal(pounds)


SAMPLES = ["10000", "10000.5", "10000.50", "0", "0.75", "10000.005", "1e3", "1E+3", "NaN", "+5",
           " 5", "010", ".5", "5.", "-5", "-0", "1000000000000", "999999999999.99", 10000, 0,
           -5, 10**12, True, None]  # fmt: skip


@pytest.mark.parametrize("value", SAMPLES)
def test_the_schema_accepts_exactly_the_amounts_the_loader_accepts(value):
    from jsonschema import Draft202012Validator

    from valuing_involvement import json_schema

    validator = Draft202012Validator(json_schema("agreement"))
    document = to_data(example_contract()) | {"amount_per_year": value}
    schema_accepts = not list(validator.iter_errors(document))
    assert schema_accepts == (amount_problems(value) == [])


@given(
    st.decimals(min_value=-MONEY_MAX * 1000, max_value=MONEY_MAX * 1000, places=2, allow_nan=False)
)
def test_pounds_of_any_amount_reads_back_as_the_same_amount(amount):
    from valuing_involvement._money import pounds

    shown = pounds(amount)
    assert re.fullmatch(r"-?£[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}", shown), shown
    assert Decimal(shown.replace("£", "").replace(",", "")) == amount
    assert shown.startswith("-") == (amount < 0)


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(Decimal(18000), "£18,000.00"), (0, "£0.00"), (Decimal("-1250.5"), "-£1,250.50"),
     (Decimal("1E+3"), "£1,000.00"), (Decimal("0.005"), "£0.01"), (Decimal("-0"), "£0.00"),
     (Decimal("999999999999.99"), "£999,999,999,999.99")],
)  # fmt: skip
def test_money_is_shown_in_pounds_and_pence(amount, shown):
    from valuing_involvement._money import pounds

    assert pounds(amount) == shown


# Types at the boundary: what is built must write JSON that reads back (issue 22).


def test_true_is_not_a_number_of_months():
    contract = example_contracts()[0]
    with pytest.raises(TypeError, match="renewal_notice_months"):
        attrs.evolve(contract, renewal_notice_months=True)
    assert attrs.evolve(contract, renewal_notice_months=3).renewal_notice_months == 3


class _Pounds(Decimal):
    """A Decimal that formats itself for people, as a caller's own money type might."""

    def __str__(self) -> str:
        return f"£{self:,.2f}"


def test_a_decimal_subclass_is_stored_and_written_as_a_plain_amount():
    contract = attrs.evolve(example_contracts()[0], amount_per_year=_Pounds("36000"))
    assert type(contract.amount_per_year) is Decimal
    text = to_json(contract)
    assert "£" not in text
    assert from_json(text, Contract) == contract


def test_the_writer_ignores_a_subclass_own_str():
    from valuing_involvement.serialization import _write_decimal

    assert _write_decimal(_Pounds("36000.00")) == "36000.00"
    assert _write_decimal(_Pounds("1E+3")) == "1000"


@pytest.mark.parametrize(
    ("on", "code"),
    [
        ("next tuesday", "wrong-type"),
        ("2007-04-01", "wrong-type"),
        (dt.datetime(2007, 4, 1, 9, 0), "wrong-type"),  # noqa: DTZ001
        (20070401, "wrong-type"),
        (dt.date(1, 1, 1), "out-of-range"),
        (dt.date(9999, 12, 31), "out-of-range"),
    ],
)
def test_a_date_of_check_must_be_a_date(on, code):
    contract = example_contracts()[0]
    for call in (
        lambda: check_contract(contract, on=on),
        lambda: check_contracts([contract], on=on),
        lambda: assess_portfolio(example_portfolio(), on=on),
    ):
        with pytest.raises(InvalidInput) as caught:
            call()
        (problem,) = caught.value.problems
        assert problem.location == ("on",)
        assert problem.code == code


@given(st.lists(groups(), max_size=4), st.sampled_from([list, tuple]))
def test_a_list_written_record_by_record_is_the_whole_documents_text(items, kind):
    # to_json encodes a list one record at a time; the text is what one json.dumps would write.
    assert to_json(kind(items)) == json.dumps(to_data(list(items)), ensure_ascii=False)
    assert from_json(to_json(kind(items)), list[Group]) == list(items)

"""One error for all bad input: each problem has a location agreeing with its path, and a code."""

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement import (
    FieldValueError,
    Group,
    Host,
    InvalidDocument,
    InvalidInput,
    InvalidPolicy,
    Member,
    Policy,
    Portfolio,
    Problem,
    example_portfolio,
    from_data,
    from_json,
    to_data,
)
from valuing_involvement.errors import CODES
from valuing_involvement.rules import RESERVED_CODE
from valuing_involvement.threesixty import import_package


def problems_of(call):
    with pytest.raises(InvalidInput) as info:
        call()
    return [(p.location, p.code) for p in info.value.problems]


# Each case: something that must fail, and the (location, code) pairs it must give.
CASES = {
    "missing": (
        lambda: from_json('{"name": "A", "constituency": "carers", "controls": []}', Group),
        [(("decision_body",), "missing")],
    ),
    "unknown-field": (
        lambda: from_json('{"roles": ["carer"], "voting": true, "seat": 4}', Member),
        [(("seat",), "unknown-field")],
    ),
    "wrong-type": (
        lambda: from_json('{"roles": "carer", "voting": "yes"}', Member),
        [(("roles",), "wrong-type"), (("voting",), "wrong-type")],
    ),
    "not-allowed": (
        lambda: Policy.from_data({"severity": {RESERVED_CODE: "error"}}),
        [(("severity", RESERVED_CODE), "not-allowed")],
    ),
    "out-of-range": (
        lambda: import_package({"grants": [{"id": "g", "title": "t", "amountAwarded": -1}]}),
        [(("grants", 0, "amountAwarded"), "out-of-range")],
    ),
    "invalid": (
        lambda: from_json('{"name": " ", "kind": "voluntary_agency"}', Host),
        [(("name",), "invalid")],
    ),
    "syntax": (lambda: Policy.from_toml("select = ["), [((), "syntax")]),
    "too-deep": (lambda: from_json("[" * 100_000 + "]" * 100_000, Group), [((), "too-deep")]),
    "too-many": (
        lambda: from_json("[" + ",".join(['{"roles": [], "voting": 1}'] * 101) + "]", list[Member]),
        [((i, "voting"), "wrong-type") for i in range(100)] + [((), "too-many")],
    ),
}


def test_every_code_is_exercised_here():
    assert set(CASES) == set(CODES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_is_given_where_it_belongs(code):
    call, expected = CASES[code]
    assert problems_of(call) == expected


def test_a_nested_document_locates_each_problem_by_keys_and_indices():
    data = to_data(example_portfolio())
    data["groups"][0]["decision_body"]["members"][1]["roles"] = ["nurse"]
    data["contracts"][1]["period"]["end"] = "2001-01-01"
    data["contracts"][2]["amount_per_year"] = "-5"
    with pytest.raises(InvalidDocument) as info:
        from_data(data, Portfolio)
    found = {(p.path, p.location, p.code) for p in info.value.problems}
    assert found == {
        (
            "$.groups[0].decision_body.members[1].roles[0]",
            ("groups", 0, "decision_body", "members", 1, "roles", 0),
            "not-allowed",
        ),
        ("$.contracts[1].period.end", ("contracts", 1, "period", "end"), "invalid"),
        ("$.contracts[2].amount_per_year", ("contracts", 2, "amount_per_year"), "out-of-range"),
    }
    assert info.value.errors == tuple((p.path, p.message) for p in info.value.problems)


keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-0123456789", min_size=1, max_size=8)
locations = st.lists(st.one_of(keys, st.integers(0, 99)), max_size=6).map(tuple)


@given(locations)
def test_a_path_reads_back_as_its_location(location):
    problem = Problem(location=location, code="invalid", message="m")
    assert Problem.at(problem.path, "invalid", "m") == problem


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError, match="code must be one of"):
        Problem(location=(), code="bad", message="m")


def test_old_path_message_pairs_are_still_accepted():
    error = InvalidDocument([("$.period.end", "too early")], target="Contract")
    assert error.problems == (
        Problem(location=("period", "end"), code="invalid", message="too early"),
    )
    assert str(error) == "invalid Contract document:\n  $.period.end: too early"


def test_every_input_error_shares_one_value_error_base():
    assert issubclass(InvalidInput, ValueError)
    for kind in (InvalidDocument, InvalidPolicy, FieldValueError):
        assert issubclass(kind, InvalidInput)


def test_a_model_built_with_a_bad_value_says_which_field():
    with pytest.raises(InvalidInput) as info:
        Host(name="")
    assert str(info.value) == "Host.name: must not be blank"
    assert info.value.errors == (("$.name", "must not be blank"),)


@pytest.mark.parametrize(
    "error",
    [
        InvalidDocument(
            [Problem(location=("roles", 1), code="not-allowed", message="no")], target="Member"
        ),
        InvalidPolicy([Problem(location=("select",), code="wrong-type", message="no")]),
        FieldValueError("name", "must not be blank"),
        InvalidInput([("$.a[0]", "no")], target="thing"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_errors_survive_pickling(error):
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 -- our own bytes, just written
    assert type(copy) is type(error)
    assert copy.problems == error.problems
    assert copy.target == error.target
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert vars(copy) == vars(error)  # FieldValueError's field and message too

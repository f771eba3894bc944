"""The loader's fast path (``_loader``) reads exactly what the models' ``__init__`` accepts.

Every document is read twice: by the library's converter, whose generated functions check the
JSON inline and skip the validators they have made redundant, and by a converter of cattrs'
hooks alone, which builds every model through its validated ``__init__`` (the path the loader
took before, and still takes to report errors).  Both must build the very same models -- every
field, including the facts a model gathers when built -- and refuse the very same documents
with the very same problems.
"""

import datetime as dt
import decimal
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    Kpi,
    Member,
    PersonFacts,
    Portfolio,
    Report,
    Waiver,
    to_data,
)
from valuing_involvement import serialization as ser
from valuing_involvement._loader import Unread

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
#: cattrs' hooks and the models' __init__ alone: the reference the fast path must match.
SLOW = ser._make_converter(fast=False)


def _state(value):
    """Everything a value holds, recursively: every attrs field (those left out of ``==`` too)."""
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        return (type(value), tuple((f.name, _state(getattr(value, f.name))) for f in fields))
    if type(value) in (tuple, list):
        return (type(value), tuple(_state(item) for item in value))
    if type(value) is frozenset:
        return (frozenset, frozenset(_state(item) for item in value))
    if isinstance(value, dict):
        return (type(value), tuple((k, _state(v)) for k, v in value.items()))
    return (type(value), value)


def _outcome(converter, data, cls):
    try:
        return "built", _state(ser._read(data, cls, converter))
    except InvalidDocument as exc:
        return "refused", exc.problems


def test_every_model_class_in_the_load_path_has_a_fast_function():
    ser.from_data(to_data(_example_contract()), Contract)
    for cls in (Contract, Group, Member, DecisionBody, Host, Kpi, Waiver, FundingPeriod):
        assert ser._FAST[cls] is not None, cls


@pytest.mark.parametrize("cls", MODELS)
@settings(max_examples=share(0.5))
@given(data=st.data())
def test_the_fast_path_builds_what_init_builds(cls, data):
    obj = data.draw(st.from_type(cls))
    document = json.loads(json.dumps(to_data(obj)))
    fast = ser._FAST.get(cls)
    if fast is not None:  # the fast function itself takes every valid document: no fallback
        assert _state(fast(document)) == _state(obj)
    assert _outcome(ser._CONVERTER, document, cls) == ("built", _state(obj))
    assert _outcome(SLOW, document, cls) == ("built", _state(obj))


# -- documents one change away from a valid one --------------------------------------------------

EDGES = [
    None,
    True,
    False,
    0,
    1,
    -1,
    1200,
    1201,
    10**30,
    1.5,
    1e3,
    "",
    " ",
    "x",
    " x",
    "\ud800",
    "caf\u00e9",
    "0",
    "-0",
    "0.005",
    "1e3",
    "999999999999.99",
    "1000000000000",
    "1899-12-31",
    "1900-01-01",
    "2999-12-31",
    "3000-01-01",
    "2007-02-29",
    "2008-02-29",
    "2007-4-01",
    "20070401",
    "carer",
    "Carer",
    "service_user",
    "money",
    "contract",
    "monthly",
    "none",
    [],
    ["carer"],
    ["carer", "carer"],
    ["carer", "nobody"],
    ["money", "policy"],
    [" "],
    [1],
    [{}],
    {},
    {"x": 1},
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3)
    ),
    max_leaves=5,
)


def _places(data, path=()):
    """Every (path, value) inside a JSON document."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*path, index))


def _changed(document, path, change):
    """A copy of ``document`` with the value at ``path`` replaced, removed or given a key."""
    copy = json.loads(json.dumps(document))
    if not path:
        return copy if change[0] != "set" else change[1]
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    kind, value = change
    if kind == "set":
        parent[path[-1]] = value
    elif kind == "remove":
        del parent[path[-1]]
    elif isinstance(parent[path[-1]], dict):
        parent[path[-1]]["unknown"] = value
    return copy


@pytest.mark.parametrize("cls", [c for c in MODELS if c not in (Report, Portfolio, Assessment)])
@settings(max_examples=share(2))
@given(data=st.data())
def test_a_changed_document_is_read_as_init_reads_it(cls, data):
    document = json.loads(json.dumps(to_data(data.draw(st.from_type(cls)))))
    places = list(_places(document))
    path, _ = data.draw(st.sampled_from(places))
    value = data.draw(st.sampled_from(EDGES) | json_values)
    change = data.draw(st.sampled_from(["set", "set", "set", "remove", "add"])), value
    changed = _changed(document, path, change)
    assert _outcome(ser._CONVERTER, changed, cls) == _outcome(SLOW, changed, cls)


@settings(max_examples=share(0.25))
@given(data=st.data())
def test_a_changed_portfolio_is_read_as_init_reads_it(data):
    document = json.loads(json.dumps(to_data(data.draw(st.from_type(Portfolio)))))
    path, _ = data.draw(st.sampled_from(list(_places(document))))
    change = "set", data.draw(st.sampled_from(EDGES))
    changed = _changed(document, path, change)
    assert _outcome(ser._CONVERTER, changed, Portfolio) == _outcome(SLOW, changed, Portfolio)


# -- by hand: what the fast function refuses, and what it shares ---------------------------------


def _example_contract():
    return Contract(
        commissioner="Lowmoor",
        kind="grant_letter",
        amount_per_year=decimal.Decimal("1000.50"),
        period=FundingPeriod.from_months(dt.date(2007, 4, 1), 12),
        roles_bought=["involvement"],
        group=Group(
            name="Riverside Voices",
            constituency="carers",
            decision_body=DecisionBody(members=[Member(roles=["carer"])]),
            controls=["money"],
        ),
    )


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("commissioner",), " "),  # text: blank
        (("commissioner",), "\ud800"),  # text: a lone surrogate
        (("amount_per_year",), "0.005"),  # money: three places (a bound it calls)
        (("period", "start"), "1899-12-31"),  # a date out of range
        (("kind",), "Contract"),  # an enum's value, in the wrong case
        (("roles_bought",), ["involvement", "nothing"]),  # a set holding no member
        (("group", "decision_body", "members", 0, "voting"), 1),  # a number for a boolean
        (("group", "name"), None),  # a required field null
        (("length_months",), 12),  # a length beside a period (a check across fields)
    ],
)
def test_the_fast_function_refuses_what_init_refuses(path, value):
    document = _changed(to_data(_example_contract()), path, ("set", value))
    with pytest.raises((Unread, KeyError, TypeError, ValueError)):
        ser._FAST[Contract](document)
    assert _outcome(ser._CONVERTER, document, Contract) == _outcome(SLOW, document, Contract)
    assert _outcome(ser._CONVERTER, document, Contract)[0] == "refused"


def test_the_fast_function_refuses_unknown_and_missing_keys():
    document = to_data(_example_contract())
    with pytest.raises(Unread):
        ser._FAST[Contract]({**document, "extra": 1})
    del document["commissioner"]
    with pytest.raises(KeyError):
        ser._FAST[Contract](document)


def test_equal_sets_of_members_are_one_object():
    first, second = (ser.from_data(to_data(_example_contract()), Contract) for _ in range(2))
    assert first.roles_bought is second.roles_bought
    by_hand = Contract(**{**attrs.asdict(first, recurse=False), "roles_bought": ["involvement"]})
    assert by_hand.roles_bought is first.roles_bought


def test_disabled_validators_are_respected_as_init_respects_them():
    document = _changed(to_data(_example_contract()), ("commissioner",), ("set", " "))
    with attrs.validators.disabled():
        assert ser.from_data(document, Contract).commissioner == " "


def test_a_class_it_cannot_read_exactly_gets_no_fast_function():
    @attrs.frozen
    class Custom:
        n: int

        def __attrs_pre_init__(self):
            pass

    assert ser.fast_structure_fn(Custom, SLOW, exact=(), made={}) is None


@attrs.frozen(slots=False)
class _Plain:
    n: int = attrs.field(validator=attrs.validators.ge(0))
    label: str = "x"


def test_a_class_without_slots_is_read_by_name_and_validated():
    fast = ser.fast_structure_fn(_Plain, SLOW, exact=(), made={})
    assert fast is not None
    assert fast({"n": 3}) == _Plain(n=3)
    assert fast({"n": 3, "label": "y"}).label == "y"
    with pytest.raises(ValueError, match="must be >= 0"):
        fast({"n": -1})
    with pytest.raises(Unread):
        fast({"n": True})

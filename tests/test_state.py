"""No state leaks between calls: the collector, the caches and the tables stay the caller's."""

import datetime as dt
import decimal
import enum
import gc
from types import MappingProxyType

import attrs
import pytest

import valuing_involvement
from valuing_involvement import (
    FIGURES,
    RULES,
    Domain,
    Group,
    Host,
    Policy,
    _validators,
    assess_portfolio,
    check_contract,
    check_contracts,
    classify_group,
    commitments,
    compare,
    compare_to_reference,
    example_portfolio,
    from_json,
    groups,
    to_data,
    to_json,
)
from valuing_involvement._examples import example_contracts, example_groups
from valuing_involvement._frozen import FrozenDict
from valuing_involvement.classification import _decide


@pytest.fixture
def collector_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    monkeypatch.setattr(gc, "enable", lambda: calls.append("enable"))
    return calls


def test_single_document_calls_leave_the_collector_alone(collector_calls):
    group = example_groups()[0]
    from_json(to_json(group), Group)
    to_data(group)
    check_contracts(example_contracts())
    assert collector_calls == []


def test_the_batch_pause_is_asked_for_and_never_enables_a_disabled_collector():
    was = gc.isenabled()
    gc.disable()
    try:
        check_contracts(example_contracts(), pause_collector=True)
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_the_batch_pause_switches_an_enabled_collector_back_on(collector_calls):
    check_contracts(example_contracts(), pause_collector=True)
    assert collector_calls == (["disable", "enable"] if gc.isenabled() else [])


def test_refused_enum_sets_are_not_kept():
    group = example_groups()[0]  # built first: building it may share (intern) its own sets
    before = len(_validators._INTERNED)
    for i in range(2_000):
        with pytest.raises(TypeError):
            attrs.evolve(group, controls=[f"nothing-{i}"])
    assert len(_validators._INTERNED) == before


def test_long_host_names_are_neither_shared_nor_cached():
    group = next(g for g in example_groups() if g.host is not None)
    name = "H" * 100_000
    # The host is named (and so kept in the facts) only for the decisions it is recorded taking.
    hosted = attrs.evolve(group, host=Host(name=name, takes=list(Domain)), controls=[])
    assert name in classify_group(hosted).reasons[-2] + classify_group(hosted).reasons[-1]
    before = _decide.cache_info().currsize
    classify_group(hosted)
    assert _decide.cache_info().currsize == before
    assert all(name not in facts for facts in groups._FACTS._table)


# Everything reachable from a public constant or a result is read-only (issue 22): one
# assignment to a shared table would change every later check in the process.

_ATOMS = (str, int, float, decimal.Decimal, dt.date, enum.Enum, bytes, type(None))


def _mutable_parts(root: object) -> list[str]:
    """The paths of whatever reachable from ``root`` can be changed in place."""
    found: list[str] = []
    seen: set[int] = set()
    stack = [(root, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _ATOMS) or id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, (FrozenDict, MappingProxyType)):
            stack += [(k, f"{path}<key>") for k in value]
            stack += [(v, f"{path}[{k!r}]") for k, v in value.items()]
        elif isinstance(value, (tuple, frozenset)):
            stack += [(v, f"{path}[{i}]") for i, v in enumerate(value)]
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                inner = getattr(value, field.name)
                try:
                    object.__getattribute__(value, "__setattr__")(field.name, inner)
                except attrs.exceptions.FrozenInstanceError:
                    pass
                else:
                    found.append(f"{path}.{field.name} (assignable)")
                stack.append((inner, f"{path}.{field.name}"))
        elif callable(value):  # a rule's check, a property: code, not data
            continue
        else:
            found.append(f"{path} ({type(value).__name__})")
    return found


def _public_constants():
    return {
        name: getattr(valuing_involvement, name)
        for name in valuing_involvement.__all__
        if name.isupper()
    }


def _results():
    portfolio = example_portfolio()
    assessment = assess_portfolio(portfolio)
    contract = example_contracts()[0]
    return {
        "report": check_contract(contract),
        "reports": tuple(check_contracts(example_contracts())),
        "classification": classify_group(example_groups()[0]),
        "assessment": assessment,
        "scorecard": assessment.scorecard(),
        "statistics": assessment.statistics(),
        "comparison": compare(portfolio, attrs.evolve(portfolio, indirect=())),
        "reference": compare_to_reference(portfolio),
        "commitments": commitments(portfolio),
        "policy": Policy(severity={"VI301": "error"}, parameters={"min-funding-months": 6}),
        "resolved": Policy().resolve(),
        "models": (portfolio, *example_groups(), *example_contracts()),
    }


def test_the_walk_finds_what_can_be_changed():
    @attrs.define
    class Loose:
        table: dict

    assert _mutable_parts((FrozenDict({"a": [1]}), Loose(table={}))) == [
        "$[1].table (assignable)",
        "$[1].table (dict)",
        "$[0]['a'] (list)",
    ]


def test_public_constants_are_read_only():
    constants = _public_constants()
    assert {"FIGURES", "RULES"} <= constants.keys()
    assert _mutable_parts(FrozenDict(constants)) == []


def test_results_are_read_only():
    assert _mutable_parts(FrozenDict(_results())) == []


def test_the_shared_tables_refuse_changes():
    with pytest.raises(TypeError):
        RULES.parameters["min-funding-months"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        FIGURES[0].counts["x"] = 1  # type: ignore[index]


def test_a_callers_decimal_context_changes_no_result():
    # prec=3 with Rounded and Inexact trapped: any sum or division made in the caller's context
    # raises; the library computes in its own.
    portfolio = example_portfolio()
    expected = (
        compare_to_reference(portfolio),
        commitments(portfolio),
        portfolio.committed_by_year(),
        assess_portfolio(portfolio),
    )
    with decimal.localcontext(prec=3, rounding=decimal.ROUND_FLOOR) as context:
        context.traps[decimal.Rounded] = True
        context.traps[decimal.Inexact] = True
        assert (
            compare_to_reference(portfolio),
            commitments(portfolio),
            portfolio.committed_by_year(),
            assess_portfolio(portfolio),
        ) == expected

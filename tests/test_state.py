"""No state leaks between calls: the collector, the caches and the tables stay the caller's."""

import gc

import attrs
import pytest

from valuing_involvement import (
    Domain,
    Group,
    Host,
    _validators,
    check_contracts,
    classify_group,
    from_json,
    groups,
    to_data,
    to_json,
)
from valuing_involvement._examples import example_contracts, example_groups
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
    before = len(_validators._INTERNED)
    group = example_groups()[0]
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

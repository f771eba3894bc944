"""The shipped strategies are registered with hypothesis and generate only valid models."""

from importlib.metadata import entry_points

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement import Classification, DecisionBody, Group, Host, Member, PersonFacts


def test_entry_point_is_installed():
    names = {ep.value for ep in entry_points(group="hypothesis")}
    assert "valuing_involvement.testing.strategies:_hypothesis_setup_hook" in names


@pytest.mark.parametrize("cls", [PersonFacts, Member, DecisionBody, Host, Group, Classification])
def test_from_type_uses_the_shipped_strategies(cls):
    from hypothesis.strategies._internal.types import _global_type_lookup

    # Registered by the entry point, not inferred from the class.
    assert cls in _global_type_lookup


@given(st.from_type(Group))
def test_generated_groups_hold_their_invariants(group):
    assert group.name.strip()
    assert all(text.strip() for text in group.communities)

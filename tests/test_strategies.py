"""The shipped strategies are registered with hypothesis and generate only valid models."""

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement import Group
from valuing_involvement.testing import strategies
from valuing_involvement.testing._register import STRATEGIES


def test_entry_point_is_installed():
    names = {ep.value for ep in entry_points(group="hypothesis")}
    assert "valuing_involvement.testing._register:_hypothesis_setup_hook" in names


@pytest.mark.parametrize("cls", list(STRATEGIES))
def test_from_type_uses_the_shipped_strategies(cls):
    from hypothesis.strategies._internal.types import _global_type_lookup

    # Registered by the entry point, not inferred from the class.
    assert cls in _global_type_lookup
    assert STRATEGIES[cls] in strategies.__all__


def test_importing_the_strategies_first_works():
    # The entry point runs while hypothesis is imported; importing the strategies module before
    # hypothesis must not trip over it.
    code = "import valuing_involvement.testing.strategies as s; print(len(s.__all__))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@given(st.from_type(Group))
def test_generated_groups_hold_their_invariants(group):
    assert group.name.strip()
    assert all(text.strip() for text in group.communities)

"""The shipped strategies are registered with hypothesis and generate only valid models."""

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement import Constituency, Group, Leadership, classify_group
from valuing_involvement.testing import _register, strategies
from valuing_involvement.testing._register import STRATEGIES
from valuing_involvement.testing.strategies import groups


def test_entry_point_is_installed():
    names = {ep.value for ep in entry_points(group="hypothesis")}
    assert "valuing_involvement.testing._register:_hypothesis_setup_hook" in names


def test_the_hook_registers_each_model_with_its_shipped_strategy(monkeypatch):
    registered = {}
    monkeypatch.setattr(st, "register_type_strategy", registered.__setitem__)
    _register._hypothesis_setup_hook()
    assert registered.keys() == STRATEGIES.keys()
    for cls, resolve in registered.items():
        name = STRATEGIES[cls]
        assert name in strategies.__all__
        # resolved by name on first use, to the strategy the module ships for that model
        assert repr(resolve(cls)) == repr(getattr(strategies, name)())


def _modules_after(code):
    done = subprocess.run(
        [sys.executable, "-c", f"{code}; import sys; print(*sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def test_importing_hypothesis_imports_only_the_models():
    # Every test suite on a machine with this package installed runs the hook: it must not pay
    # for the rules, the checks, the reports or the JSON converter.
    loaded = _modules_after("import hypothesis")
    assert "valuing_involvement.groups" in loaded  # the hook ran
    heavy = {
        "cattrs",
        "valuing_involvement.assessment",
        "valuing_involvement.checking",
        "valuing_involvement.reports",
        "valuing_involvement.rules",
        "valuing_involvement.serialization",
        "valuing_involvement.testing.strategies",
    }
    assert not loaded & heavy


def test_importing_the_strategies_first_works():
    # The entry point runs while hypothesis is imported; importing the strategies module before
    # hypothesis must not trip over it.
    loaded = _modules_after("import valuing_involvement.testing.strategies")
    assert "hypothesis" in loaded


@given(st.from_type(Group))
def test_generated_groups_hold_their_invariants(group):
    assert group.name.strip()
    assert all(text.strip() for text in group.communities)


@pytest.mark.parametrize("wanted", list(Leadership))
@given(data=st.data())
def test_groups_aimed_at_a_class_are_of_that_class(wanted, data):
    group = data.draw(groups(leadership=wanted))
    assert classify_group(group).leadership is wanted


@given(groups(leadership=Leadership.LED, constituency=st.just(Constituency.CARERS)))
def test_aimed_groups_keep_the_other_facts_asked_for(group):
    assert group.constituency is Constituency.CARERS


def test_without_hypothesis_the_import_says_which_extra_to_install():
    script = (
        "import sys\n"
        "sys.modules['hypothesis'] = None  # as if the extra were not installed\n"
        "try:\n"
        "    import valuing_involvement.testing.strategies\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(exc.name, exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout == (
        'hypothesis the strategies need hypothesis: pip install "valuing-involvement[hypothesis]"\n'
    )

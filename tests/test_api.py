import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import valuing_involvement
from valuing_involvement.testing import strategies


def _type_checking_imports():
    """The (name, module) pairs that ``__init__.py`` imports under ``if TYPE_CHECKING:``."""
    tree = ast.parse(Path(valuing_involvement.__file__).read_text(encoding="utf-8"))
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    ]
    assert len(blocks) == 1
    return {
        alias.name: node.module
        for node in blocks[0].body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_public_names_have_one_source():
    # _LOCATIONS is the one list of public names.  __all__ and the TYPE_CHECKING imports must be
    # written out for type checkers (mypy reads neither from a table), so they are checked here.
    table = valuing_involvement._LOCATIONS
    exported = valuing_involvement.__all__
    assert len(set(exported)) == len(exported)
    assert set(exported) == {*table, "__version__"}
    assert _type_checking_imports() == table


@pytest.mark.parametrize("name", sorted(valuing_involvement._LOCATIONS))
def test_each_public_name_lives_where_the_table_says(name):
    module = importlib.import_module(valuing_involvement._LOCATIONS[name])
    if not module.__name__.rpartition(".")[2].startswith("_"):  # a private module has no __all__
        assert name in module.__all__
    value = getattr(valuing_involvement, name)
    assert value is getattr(module, name)
    if inspect.isclass(value) or inspect.isfunction(value):
        # defined in that module, or in a private module of that package (rules._model)
        home = value.__module__
        assert home == module.__name__ or home.startswith(f"{module.__name__}._"), home


def test_importing_the_package_imports_no_model_module():
    code = (
        "import sys, valuing_involvement; "
        "print(sorted(m for m in sys.modules if m.startswith('valuing_involvement')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['valuing_involvement', 'valuing_involvement._version']"


def test_importing_the_registers_loads_no_rule_module():
    # the registers read and write models; the rule catalogue (every series) is not theirs to load
    code = (
        "import valuing_involvement.registers, sys; "
        "print(sorted(m for m in sys.modules if m.startswith('valuing_involvement.rules')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(valuing_involvement._DEPRECATED))
def test_names_that_left_the_top_level_warn_and_point_to_their_home(name):
    home = valuing_involvement._DEPRECATED[name]
    assert name not in valuing_involvement.__all__
    with pytest.warns(DeprecationWarning, match=f"import it from {home}"):
        value = getattr(valuing_involvement, name)
    assert value is getattr(importlib.import_module(home), name)
    assert name in importlib.import_module(home).__all__


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        valuing_involvement.Nope  # noqa: B018


def test_dir_shows_only_the_public_api():
    assert dir(valuing_involvement) == sorted(valuing_involvement.__all__)


def test_strategies_all_lists_every_strategy():
    public = {
        name
        for name, value in vars(strategies).items()
        if callable(value)
        and not name.startswith("_")
        and getattr(value, "__module__", "") == strategies.__name__
    }
    assert set(strategies.__all__) - {"COMMUNITY_NAMES"} == public


def test_version_is_a_string():
    assert valuing_involvement.__version__[0].isdigit()


def _callables(module):
    for name in module.__all__:
        value = getattr(module, name)
        if inspect.isfunction(value):
            yield name, value
        elif inspect.isclass(value):
            for attr, member in vars(value).items():
                if attr.startswith("_") or isinstance(member, property):
                    continue
                function = getattr(member, "__func__", member)
                if inspect.isfunction(function):
                    yield f"{name}.{attr}", function


@pytest.mark.parametrize(
    ("name", "function"),
    [*_callables(valuing_involvement), *_callables(strategies)],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_public_function_has_a_doctest_example(name, function):
    assert ">>>" in (function.__doc__ or ""), f"{name} has no docstring example"


@pytest.mark.parametrize(
    ("old", "new", "names"),
    [
        ("assessment", "comparison", ["Comparison", "compare"]),
        ("scorecard", "statistics", ["RuleCount", "Statistics", "rule_statistics", "tally"]),
    ],
)
def test_moved_names_stay_importable_from_their_old_module(old, new, names):
    before = importlib.import_module(f"valuing_involvement.{old}")
    after = importlib.import_module(f"valuing_involvement.{new}")
    for name in names:
        assert getattr(before, name) is getattr(after, name)
        assert getattr(after, name).__module__ == after.__name__
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        before.Nope  # noqa: B018

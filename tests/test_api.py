import inspect
import subprocess
import sys

import pytest

import valuing_involvement
from valuing_involvement.testing import strategies


def test_all_is_complete_and_unique():
    # ruff's RUF022 keeps __all__ sorted; this keeps it complete: every lazily imported name
    # is exported, and every export resolves to an object defined in the package.
    exported = valuing_involvement.__all__
    assert len(set(exported)) == len(exported)
    assert set(exported) == {*valuing_involvement._LOCATIONS, "__version__"}
    for name in exported:
        value = getattr(valuing_involvement, name)
        module = getattr(value, "__module__", None) or type(value).__module__
        if not isinstance(value, str | tuple):
            assert module.startswith("valuing_involvement"), name


def test_importing_the_package_imports_no_model_module():
    code = (
        "import sys, valuing_involvement; "
        "print(sorted(m for m in sys.modules if m.startswith('valuing_involvement')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['valuing_involvement', 'valuing_involvement._version']"


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        valuing_involvement.Nope  # noqa: B018


def test_dir_shows_only_the_public_api():
    assert dir(valuing_involvement) == sorted(valuing_involvement.__all__)


def test_every_export_resolves():
    for name in valuing_involvement.__all__:
        assert getattr(valuing_involvement, name) is not None


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
    assert isinstance(valuing_involvement.__version__, str)
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

import valuing_involvement
from valuing_involvement.testing import strategies


def _public_names(module):
    return sorted(
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and getattr(value, "__module__", "").startswith("valuing_involvement")
    )


def test_all_is_sorted_and_complete():
    assert valuing_involvement.__all__ == sorted(valuing_involvement.__all__)
    assert set(valuing_involvement.__all__) == {
        *_public_names(valuing_involvement),
        "__version__",
    }


def test_dir_shows_only_the_public_api():
    assert dir(valuing_involvement) == valuing_involvement.__all__


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
    assert set(strategies.__all__) == public
    assert strategies.__all__ == sorted(strategies.__all__)


def test_version_is_a_string():
    assert isinstance(valuing_involvement.__version__, str)
    assert valuing_involvement.__version__[0].isdigit()

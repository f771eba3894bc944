"""A pytest plugin for mutation runs: the ``mutation`` hypothesis profile, fast tests first.

Loaded with ``-p hypothesis_profile`` before the root conftest.py, which then loads the profile
named by ``HYPOTHESIS_PROFILE``.  Few examples keep a run to minutes; derandomized, with no
deadline (other work shares the machine) and no database, so every mutant meets the same examples.

Tests that state examples run before hypothesis properties: a run stops at its first failure
(``-x``), so a caught mutant is usually caught in a second.  The order changes no verdict.
"""

import inspect

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _draws_examples(item: pytest.Item) -> bool:
    """Whether a test is a hypothesis property or runs one inside itself."""
    test = getattr(item, "obj", None)
    if test is None:
        return False
    if getattr(test, "is_hypothesis_test", False):
        return True
    try:
        return "@given(" in inspect.getsource(test)
    except (OSError, TypeError):
        return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put property-based tests last, keeping the file order within each kind."""
    items.sort(key=_draws_examples)

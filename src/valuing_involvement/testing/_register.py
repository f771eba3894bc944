"""Register the shipped strategies with hypothesis, through its entry point (private).

Hypothesis runs :func:`_hypothesis_setup_hook` while it is being imported, in every test suite
of every project that has this package installed, whether it uses the package or not.  So the
hook imports none of the package's models: it registers the models of the modules already
imported, and registers the others when (and if) their module is first imported, through a
finder on :data:`sys.meta_path` that waits for those module names only, runs their normal
loader, then registers their models and, once none is left to wait for, removes itself.  Each
strategy is resolved by name on first use: the strategies module imports hypothesis and the
whole package, and is imported only when ``st.from_type`` first asks for one of these models.

The results of the library -- :class:`~valuing_involvement.Report` and
:class:`~valuing_involvement.Assessment` -- are not registered: importing them means importing
every rule.  Draw them from :func:`~valuing_involvement.testing.strategies.reports` and
:func:`~valuing_involvement.testing.strategies.assessments`.
"""

from __future__ import annotations

import importlib.abc
import sys
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

    from hypothesis.strategies import SearchStrategy

#: Each module of registered models, its models by name and the name of the function in
#: ``strategies`` that generates each.
MODELS: dict[str, dict[str, str]] = {
    "valuing_involvement.roles": {"PersonFacts": "person_facts"},
    "valuing_involvement.groups": {
        "Member": "members",
        "DecisionBody": "decision_bodies",
        "Host": "hosts",
        "Group": "groups",
    },
    "valuing_involvement.classification": {"Classification": "classifications"},
    "valuing_involvement.funding": {"FundingPeriod": "funding_periods"},
    "valuing_involvement.contracts": {"Kpi": "kpis", "Waiver": "waivers", "Contract": "contracts"},
    "valuing_involvement.commissioners": {
        "Commissioner": "commissioners",
        "Strategy": "strategies",
        "Involvement": "involvements",
        "Population": "populations",
    },
    "valuing_involvement.portfolio": {"Portfolio": "portfolios"},
}

_LOCK = threading.Lock()


def _lazy(name: str) -> Callable[[type], SearchStrategy[Any]]:
    def strategy(_: type) -> SearchStrategy[Any]:
        # Imported here, on first use: hypothesis may still be importing when the hook runs.
        from valuing_involvement.testing import strategies  # noqa: PLC0415

        made: SearchStrategy[Any] = getattr(strategies, name)()
        return made

    return strategy


def _register_models(module: ModuleType) -> None:
    """Register the strategies of the models ``module`` defines."""
    from hypothesis import strategies as st  # noqa: PLC0415 -- hypothesis is imported by now

    for cls, name in MODELS[module.__name__].items():
        st.register_type_strategy(getattr(module, cls), _lazy(name))


class _Loader(importlib.abc.Loader):
    """A module's own loader, and the registration of its models once it has run."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        _register_models(module)

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 -- whatever the loader offers
        # get_source for tracebacks and doctest, resource readers, ...: the loader's own.
        return getattr(self._loader, name)


class _RegisterOnImport(importlib.abc.MetaPathFinder):
    """Wait for the model modules not imported yet; register their models when they are."""

    def __init__(self, pending: set[str]) -> None:
        self.pending = pending

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        with _LOCK:
            if fullname not in self.pending:
                return None
            self.pending.discard(fullname)
            if not self.pending and self in sys.meta_path:
                sys.meta_path.remove(self)
        for finder in list(sys.meta_path):
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec: ModuleSpec | None = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _Loader(spec.loader)
                return spec
        return None


def _hypothesis_setup_hook() -> None:
    """Make ``st.from_type`` use the shipped strategies for every registered model."""
    pending = set()
    for name, models in MODELS.items():
        module = sys.modules.get(name)
        if module is not None and all(hasattr(module, cls) for cls in models):
            _register_models(module)
        else:
            pending.add(name)
    if not pending:
        return
    with _LOCK:
        waiting = [f for f in sys.meta_path if isinstance(f, _RegisterOnImport)]
        if waiting:  # the hook ran before: wait for these too
            waiting[0].pending |= pending
        else:
            sys.meta_path.insert(0, _RegisterOnImport(pending))

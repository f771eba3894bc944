"""Register the shipped strategies with hypothesis, through its entry point (private).

Hypothesis runs :func:`_hypothesis_setup_hook` while it is being imported, in every test suite
of every project that has this package installed, whether it uses the package or not.  So the
hook stays light: it imports only the model modules and the classification, which reads nothing
else (attrs classes and enums; no rules, checks, reports or serialization), and registers each
strategy by name, resolved on first use.  The strategies module imports hypothesis and the
whole package, and is imported only when ``st.from_type`` first asks for one of these models.

The results of the library -- :class:`~valuing_involvement.Report` and
:class:`~valuing_involvement.Assessment` -- are not registered: importing them means importing
every rule.  Draw them from :func:`~valuing_involvement.testing.strategies.reports` and
:func:`~valuing_involvement.testing.strategies.assessments`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from valuing_involvement.classification import Classification
from valuing_involvement.commissioners import Commissioner, Involvement, Population, Strategy
from valuing_involvement.contracts import Contract, Kpi, Waiver
from valuing_involvement.funding import FundingPeriod
from valuing_involvement.groups import DecisionBody, Group, Host, Member
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.roles import PersonFacts

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

#: Each registered model and the name of the function in ``strategies`` that generates it.
STRATEGIES: dict[type, str] = {
    PersonFacts: "person_facts",
    Member: "members",
    DecisionBody: "decision_bodies",
    Host: "hosts",
    Group: "groups",
    Classification: "classifications",
    FundingPeriod: "funding_periods",
    Kpi: "kpis",
    Waiver: "waivers",
    Contract: "contracts",
    Commissioner: "commissioners",
    Strategy: "strategies",
    Involvement: "involvements",
    Population: "populations",
    Portfolio: "portfolios",
}


def _lazy(name: str) -> Callable[[type], SearchStrategy[Any]]:
    def strategy(_: type) -> SearchStrategy[Any]:
        # Imported here, on first use: hypothesis may still be importing when the hook runs.
        from valuing_involvement.testing import strategies  # noqa: PLC0415

        made: SearchStrategy[Any] = getattr(strategies, name)()
        return made

    return strategy


def _hypothesis_setup_hook() -> None:
    """Make ``st.from_type`` use the shipped strategies for every registered model."""
    from hypothesis import strategies as st  # noqa: PLC0415 -- hypothesis is importing us

    for cls, name in STRATEGIES.items():
        st.register_type_strategy(cls, _lazy(name))

"""Register the shipped strategies with hypothesis, through its entry point (private).

Hypothesis runs this hook while it is being imported.  The hook therefore imports nothing from
hypothesis at module level and registers each strategy lazily, by name: the strategies module
itself imports hypothesis, and may be the very module whose import set all this off.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from valuing_involvement.assessment import Assessment
from valuing_involvement.classification import Classification
from valuing_involvement.commissioners import Commissioner, Involvement, Population, Strategy
from valuing_involvement.contracts import Contract, Kpi, Waiver
from valuing_involvement.funding import FundingPeriod
from valuing_involvement.groups import DecisionBody, Group, Host, Member
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.reports import Report
from valuing_involvement.roles import PersonFacts

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

#: Each model and the name of the function in ``strategies`` that generates it.
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
    Report: "reports",
    Commissioner: "commissioners",
    Strategy: "strategies",
    Involvement: "involvements",
    Population: "populations",
    Portfolio: "portfolios",
    Assessment: "assessments",
}


def _lazy(name: str) -> Callable[[type], SearchStrategy[Any]]:
    def strategy(_: type) -> SearchStrategy[Any]:
        module = import_module("valuing_involvement.testing.strategies")
        made: SearchStrategy[Any] = getattr(module, name)()
        return made

    return strategy


def _hypothesis_setup_hook() -> None:
    """Make ``st.from_type`` use the shipped strategies for every public model."""
    from hypothesis import strategies as st  # noqa: PLC0415 -- hypothesis is importing us

    for cls, name in STRATEGIES.items():
        st.register_type_strategy(cls, _lazy(name))

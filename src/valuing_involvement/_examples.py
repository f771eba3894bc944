"""The bundled example: groups in Lowmoor, a fictional borough (private loader)."""

from __future__ import annotations

from importlib import resources

from valuing_involvement.contracts import Contract
from valuing_involvement.groups import Group
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.serialization import from_json

EXAMPLE_GROUPS = "lowmoor-groups.json"
EXAMPLE_CONTRACTS = "lowmoor-agreements.json"
EXAMPLE_PORTFOLIO = "lowmoor-portfolio.json"


def _read(name: str) -> bytes:
    return resources.files("valuing_involvement").joinpath("data", name).read_bytes()


def example_groups() -> list[Group]:
    """Return the groups of Lowmoor, a fictional borough that ships with the library.

    They cover each class of the definition: a user-run group, a hosted carer-led group, a
    joint forum, a professional-run drop-in that is neither, and a group whose committee is
    not recorded.

    >>> [group.name for group in example_groups()][:2]
    ['Lowmoor Voices', 'Lowmoor Carers Together']
    """
    return from_json(_read(EXAMPLE_GROUPS), list[Group])


def example_contracts() -> list[Contract]:
    """Return Lowmoor's agreements with its groups, each holding the group it funds.

    The first is exemplary and draws no findings; the second, a one-year agreement with
    monthly reports, draws many; the third funds a professional-run drop-in as if it were
    user-led.

    >>> [len(contract.kpis) for contract in example_contracts()]
    [3, 4, 1]
    """
    return from_json(_read(EXAMPLE_CONTRACTS), list[Contract])


def example_portfolio() -> Portfolio:
    """Return Lowmoor's whole portfolio, as the bundled example ships it.

    It holds the commissioner, strategy, involvement and population, the five groups, four
    agreements naming their groups by reference, and money passed through the local trust.

    >>> portfolio = example_portfolio()
    >>> portfolio.commissioner.name, len(portfolio.groups), len(portfolio.contracts)
    ('Lowmoor Joint Commissioning', 5, 4)
    """
    return from_json(_read(EXAMPLE_PORTFOLIO), Portfolio)

"""Say where a threshold in a message comes from: this library's default or the local policy.

The source states no minimum funding length, notice period, reporting band, population share
or indicator limit, so a message never presents such a number as the guidelines' own: it
names the parameter and says whether the value is the default or the policy's.
"""

from __future__ import annotations

from collections.abc import Iterable

from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import Origin, Parameter

__all__ = ["said"]


def said(
    ctx: Context | PortfolioContext, parameters: Iterable[Parameter], name: str, value: str
) -> str:
    """Say ``value`` of parameter ``name`` with where it comes from.

    >>> import attrs
    >>> from valuing_involvement.rules import PortfolioContext
    >>> from valuing_involvement import example_portfolio
    >>> limit = Parameter(name="max-kpis", default=8, unit="indicators", citations=("G4",),
    ...                   description="", origin=Origin.DEFAULT)
    >>> ctx = PortfolioContext(portfolio=example_portfolio(), on=None, parameters={"max-kpis": 8})
    >>> said(ctx, [limit], "max-kpis", "8")
    '8 (our default `max-kpis`)'
    >>> said(attrs.evolve(ctx, parameters={"max-kpis": 5}), [limit], "max-kpis", "5")
    "5 (your policy's `max-kpis`)"
    """
    parameter = next(p for p in parameters if p.name == name)
    if ctx.parameters[name] != parameter.default:
        return f"{value} (your policy's `{name}`)"
    if parameter.origin is Origin.SOURCE:
        return f"{value} (the figure in {parameter.citations[0]}, `{name}`)"
    return f"{value} (our default `{name}`)"

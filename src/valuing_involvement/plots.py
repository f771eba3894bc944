"""Charts for notebooks: a funding timeline and spend by role (needs the ``plot`` extra).

matplotlib is imported only when a chart is drawn, so the library never requires it.  Each
function draws on the ``ax`` given, or on a new figure's axes, and returns the axes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from valuing_involvement.assessment import Assessment
from valuing_involvement.portfolio import Portfolio

__all__ = ["funding_timeline", "spend_by_role"]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415 -- optional, imported only when asked for
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = 'charts need matplotlib: pip install "valuing-involvement[plot]"'
        raise ImportError(msg) from exc
    return plt


def funding_timeline(portfolio: Portfolio, *, ax: Any = None) -> Any:
    """Draw each agreement as a bar from its start to its end, one row per agreement.

    Longer bars are the continuity ``G3(d)`` asks for; labels give the group and yearly amount.

    >>> from valuing_involvement import example_portfolio
    >>> axes = funding_timeline(example_portfolio())
    >>> len(axes.patches)
    4
    """
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1 + 0.5 * max(1, len(portfolio.contracts))))
    by_reference = {g.reference: g.name for g in portfolio.groups if g.reference is not None}
    labels = []
    for row, contract in enumerate(portfolio.contracts):
        name = (
            contract.group.name
            if contract.group is not None
            else by_reference.get(contract.group_reference or "", contract.reference or f"#{row}")
        )
        labels.append(f"{name} (£{contract.amount_per_year:,.0f}/yr)")
        start = contract.period.start
        days = (contract.period.end - start).days + 1
        ax.barh(row, days, left=dt.datetime.combine(start, dt.time()), height=0.6)
    ax.set_yticks(range(len(labels)), labels=labels)
    ax.invert_yaxis()
    ax.set_title(f"{portfolio.commissioner.name}: agreements by funding period")
    return ax


def spend_by_role(assessment: Assessment, *, ax: Any = None) -> Any:
    """Draw yearly spend by role bought, the mismatch ``§2.6`` describes made visible.

    >>> from valuing_involvement import assess_portfolio, example_portfolio
    >>> axes = spend_by_role(assess_portfolio(example_portfolio()))
    >>> axes.get_ylabel()
    '£ a year'
    """
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    roles = list(assessment.metrics.spend_by_role)
    ax.bar(roles, [float(v) for v in assessment.metrics.spend_by_role.values()])
    ax.set_ylabel("£ a year")
    ax.set_title(f"{assessment.commissioner}: spend by role bought")
    ax.tick_params(axis="x", labelrotation=30)
    return ax

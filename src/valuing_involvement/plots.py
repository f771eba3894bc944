"""Charts for notebooks: a funding timeline and spend by role (needs the ``plot`` extra).

matplotlib is imported only when a chart is drawn, so the library never requires it.  Each
function draws on the ``ax`` given, or on a new figure's axes, and returns the axes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from valuing_involvement._money import pounds
from valuing_involvement.assessment import Assessment
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.scorecard import Scorecard, Status

__all__ = ["funding_timeline", "scorecard_grid", "spend_by_role"]


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
        labels.append(f"{name} ({pounds(contract.amount_per_year)}/yr)")
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


#: Fill colour and hatch by status: the hatch and the cell's mark keep the grid readable when
#: printed in black and white.
_STATUS_STYLE = {
    Status.MET: ("#1a9850", ""),
    Status.PARTLY_MET: ("#fee08b", "//"),
    Status.NOT_KNOWN: ("#d9d9d9", ".."),
    Status.NOT_MET: ("#d73027", "xx"),
}


def scorecard_grid(card: Scorecard, *, labels: Sequence[str] | None = None, ax: Any = None) -> Any:
    """Draw the scorecard as a grid: a row per sub-paragraph, a column per subject.

    The first column is the portfolio as a whole, then one column per agreement (``labels``
    names them, in the card's order of subjects).  Each cell is coloured, hatched and marked by
    its status (``+`` met, ``~`` partly met, ``?`` not known, ``x`` not met); a cell is left
    blank where none of the row's rules reads that subject.

    >>> from valuing_involvement import assess_portfolio, example_portfolio
    >>> axes = scorecard_grid(assess_portfolio(example_portfolio()).scorecard())
    >>> [t.get_text() for t in axes.get_xticklabels()][:2]
    ['portfolio', 'agreement 0']
    """
    plt = _pyplot()
    from matplotlib.patches import Patch, Rectangle  # noqa: PLC0415 -- optional dependency

    subjects = card.subjects
    names = (
        list(labels)
        if labels is not None
        else [
            "portfolio" if s == "$" else f"agreement {s[len('$.contracts[') : -1]}"
            for s in subjects
        ]
    )
    if len(names) != len(subjects):
        raise ValueError(f"expected {len(subjects)} labels, got {len(names)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(2.5 + 1.1 * len(subjects), 1 + 0.32 * len(card.paragraphs)))
    for row, paragraph in enumerate(card.paragraphs):
        for column, subject in enumerate(subjects):
            status = paragraph.status_of(subject)
            if status is None:
                continue
            colour, hatch = _STATUS_STYLE[status]
            ax.add_patch(
                Rectangle(
                    (column, row),
                    1,
                    1,
                    facecolor=colour,
                    hatch=hatch,
                    edgecolor="white",
                    linewidth=1.5,
                )
            )
            ax.text(
                column + 0.5,
                row + 0.5,
                status.mark,
                ha="center",
                va="center",
                fontsize=9,
                fontweight="bold",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "linewidth": 0},
            )
    ax.set_xlim(0, len(subjects))
    ax.set_ylim(len(card.paragraphs), 0)
    ax.set_xticks([c + 0.5 for c in range(len(subjects))], labels=names)
    ax.set_yticks(
        [r + 0.5 for r in range(len(card.paragraphs))],
        labels=[f"{p.ref} {p.summary}" for p in card.paragraphs],
        fontsize=8,
    )
    ax.tick_params(axis="x", labelrotation=30, labelsize=8, length=0)
    plt.setp(ax.get_xticklabels(), ha="right", rotation_mode="anchor")
    ax.tick_params(axis="y", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.legend(
        handles=[
            Patch(facecolor=colour, hatch=hatch, label=f"{status.mark} {status.value}")
            for status, (colour, hatch) in _STATUS_STYLE.items()
        ],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        frameon=False,
    )
    ax.set_title(f"{card.subject}: the guidelines by subject, {card.on.isoformat()}")
    return ax

"""Charts for notebooks: funding timelines, spend, scenarios compared (needs the ``plot`` extra).

matplotlib is imported only when a chart is drawn, so the library never requires it.  Each
function draws on the ``ax`` given, or on a new figure's axes, and returns the axes.  Amounts
are labelled in pounds with thousands separators; colours carry a meaning the legend names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from valuing_involvement._money import pounds, signed
from valuing_involvement.assessment import Assessment
from valuing_involvement.comparison import Comparison
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.scorecard import Scorecard, Status

__all__ = ["funding_timeline", "plot_comparison", "scorecard_grid", "spend_by_role"]

#: Agreement lengths as the findings read them (``§2.10``, ``§2.12``): a year or less, more
#: than a year, and the three years groups ask for; each with its colour (light to dark).
_LENGTHS = (
    (12, "a year or less", "#fdae61"),
    (35, "over a year, under three", "#abd9e9"),
    (None, "three years or more", "#2c7bb6"),
)
#: Before and after in a comparison: grey for what is, blue for the scenario.
_SCENARIO_COLOURS = ("#bdbdbd", "#2c7bb6")


def _length_band(months: int) -> tuple[str, str]:
    """The label and colour of an agreement of ``months`` months."""
    for limit, label, colour in _LENGTHS:
        if limit is None or months <= limit:
            return label, colour
    raise AssertionError  # pragma: no cover - the last band has no limit


def _thousands(axis: Any) -> None:
    """Label an axis's ticks as whole numbers with thousands separators (20,000)."""
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415 -- optional dependency

    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415 -- optional, imported only when asked for
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = 'charts need matplotlib: pip install "valuing-involvement[plot]"'
        raise ImportError(msg) from exc
    return plt


def funding_timeline(portfolio: Portfolio, *, ax: Any = None) -> Any:
    """Draw each agreement as a bar from its start to its end, one row per agreement.

    Longer bars are the continuity ``G3(d)`` asks for; each bar is coloured by the agreement's
    length (a year or less, under three years, three years or more: ``§2.10``, ``§2.12``),
    and labels give the group and yearly amount.

    >>> from valuing_involvement import example_portfolio
    >>> axes = funding_timeline(example_portfolio())
    >>> len(axes.patches), axes.get_xlabel()
    (4, 'funding period')
    >>> [text.get_text() for text in axes.get_legend().get_texts()]
    ['a year or less', 'over a year, under three', 'three years or more']
    """
    plt = _pyplot()
    from matplotlib.dates import DateFormatter, YearLocator  # noqa: PLC0415 -- optional
    from matplotlib.patches import Patch  # noqa: PLC0415 -- optional dependency

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.5 + 0.5 * max(1, len(portfolio.contracts))))
    by_reference = {g.reference: g.name for g in portfolio.groups if g.reference is not None}
    labels = []
    for row, contract in enumerate(portfolio.contracts):
        name = (
            contract.group.name
            if contract.group is not None
            else by_reference.get(contract.group_reference or "", contract.reference or f"#{row}")
        )
        labels.append(f"{name} ({pounds(contract.amount_per_year)}/yr)")
        period = contract.period
        if period is None:  # no dates to draw: the row keeps its label, with no bar
            continue
        start = period.start
        days = (period.end - start).days + 1
        _, colour = _length_band(period.months)
        ax.barh(
            row,
            days,
            left=dt.datetime.combine(start, dt.time()),
            height=0.6,
            color=colour,
            edgecolor="#404040",
            linewidth=0.5,
        )
    ax.set_yticks(range(len(labels)), labels=labels)
    ax.invert_yaxis()
    # A tick at the start of each UK financial year, 1 April.
    ax.xaxis.set_major_locator(YearLocator(month=4, day=1))  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(DateFormatter("1 Apr %Y"))  # type: ignore[no-untyped-call]
    ax.set_xlabel("funding period")
    ax.grid(axis="x", linewidth=0.5, alpha=0.5)
    ax.set_axisbelow(True)
    ax.legend(
        handles=[Patch(facecolor=colour, label=label) for _, label, colour in _LENGTHS],
        title="agreement length",
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        frameon=False,
    )
    ax.set_title(f"{portfolio.commissioner.name}: agreements by funding period")
    return ax


def spend_by_role(assessment: Assessment, *, ax: Any = None) -> Any:
    """Draw yearly spend by role bought, the mismatch ``§2.6`` describes made visible.

    >>> from valuing_involvement import assess_portfolio, example_portfolio
    >>> axes = spend_by_role(assess_portfolio(example_portfolio()))
    >>> axes.get_ylabel(), axes.get_xlabel()
    ('£ a year', 'role bought')
    """
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    roles = [role.replace("_", " ") for role in assessment.metrics.spend_by_role]
    ax.bar(roles, [float(v) for v in assessment.metrics.spend_by_role.values()], color="#2c7bb6")
    ax.set_ylabel("£ a year")
    ax.set_xlabel("role bought")
    _thousands(ax.yaxis)
    ax.grid(axis="y", linewidth=0.5, alpha=0.5)
    ax.set_axisbelow(True)
    ax.set_title(f"{assessment.commissioner}: spend by role bought")
    ax.tick_params(axis="x", labelrotation=30)
    return ax


def plot_comparison(
    comparison: Comparison, *, labels: Sequence[str] = ("before", "after"), ax: Any = None
) -> Any:
    """Draw two scenarios' committed spend side by side, by UK financial year.

    Each year has a bar for each scenario and the difference written above; the title gives
    the difference over the agreements' whole terms (see :func:`~valuing_involvement.compare`).

    >>> import attrs
    >>> from valuing_involvement import compare, example_portfolio
    >>> from valuing_involvement.funding import FundingPeriod
    >>> today = example_portfolio()
    >>> longer = [attrs.evolve(c, period=FundingPeriod.from_months(c.period.start, 36))
    ...           for c in today.contracts]
    >>> axes = plot_comparison(compare(today, attrs.evolve(today, contracts=longer)))
    >>> len(axes.patches), axes.get_xlabel(), axes.get_ylabel()
    (6, 'financial year', 'committed spend, £')
    >>> print(axes.get_title())
    Committed spend by financial year
    after against before: +£69,000.00 over the terms
    """
    plt = _pyplot()
    if len(labels) != len(_SCENARIO_COLOURS):
        raise ValueError(f"expected 2 labels, got {len(labels)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(2.5 + 1.3 * max(1, len(comparison.spend_by_year)), 4))
    years = list(comparison.spend_by_year)
    width = 0.38
    for side, (label, colour) in enumerate(zip(labels, _SCENARIO_COLOURS, strict=True)):
        values = [float(pair[side]) for pair in comparison.spend_by_year.values()]
        offsets = [row + (side - 0.5) * width for row in range(len(years))]
        ax.bar(offsets, values, width, label=label, color=colour, edgecolor="#404040", lw=0.5)
    for row, (before, after) in enumerate(comparison.spend_by_year.values()):
        if after != before:
            ax.annotate(
                signed(after - before),
                (row, float(max(before, after))),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )
    ax.set_xticks(range(len(years)), labels=years)
    ax.set_xlabel("financial year")
    ax.set_ylabel("committed spend, £")
    _thousands(ax.yaxis)
    ax.margins(y=0.12)
    ax.grid(axis="y", linewidth=0.5, alpha=0.5)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    before, after = comparison.spend_total
    ax.set_title(
        f"Committed spend by financial year\n{labels[1]} against {labels[0]}: "
        f"{signed(after - before)} over the terms"
    )
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

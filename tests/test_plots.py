"""Charts: labelled axes, amounts with thousands separators, colours with a meaning, scenarios."""

import decimal

import attrs
import pytest

from valuing_involvement import assess_portfolio, compare, example_portfolio
from valuing_involvement.funding import FundingPeriod

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.colors import to_hex  # noqa: E402 -- only once matplotlib is known present

from valuing_involvement.plots import (  # noqa: E402
    funding_timeline,
    plot_comparison,
    spend_by_role,
)

LOWMOOR = example_portfolio()
D = decimal.Decimal


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    matplotlib.pyplot.close("all")


def _three_years(portfolio, references):
    return attrs.evolve(
        portfolio,
        contracts=[
            attrs.evolve(c, period=FundingPeriod.from_months(c.period.start, 36))
            if c.reference in references
            else c
            for c in portfolio.contracts
        ],
    )


def test_the_timeline_colours_each_agreement_by_its_length():
    axes = funding_timeline(LOWMOOR)
    colours = [to_hex(bar.get_facecolor()) for bar in axes.patches]
    months = [c.period.months for c in LOWMOOR.contracts]
    assert months == [36, 12, 12, 24]
    # three years, a year, a year, two years: three colours, the two one-year bars alike
    assert colours[1] == colours[2]
    assert len({colours[0], colours[1], colours[3]}) == 3
    legend = axes.get_legend()
    assert legend.get_title().get_text() == "agreement length"
    named = {text.get_text(): to_hex(h.get_facecolor()) for text, h in
             zip(legend.get_texts(), legend.legend_handles, strict=True)}  # fmt: skip
    assert named["three years or more"] == colours[0]
    assert named["a year or less"] == colours[1]
    assert named["over a year, under three"] == colours[3]


def test_the_timeline_marks_financial_years():
    axes = funding_timeline(LOWMOOR)
    axes.figure.canvas.draw()
    ticks = [t.get_text() for t in axes.get_xticklabels() if t.get_text()]
    assert ticks[0] == "1 Apr 2007"
    assert all(t.startswith("1 Apr ") for t in ticks)
    assert axes.get_xlabel() == "funding period"


def test_spend_by_role_labels_amounts_with_thousands_separators():
    assessment = assess_portfolio(LOWMOOR)
    axes = spend_by_role(assessment)
    assert (axes.get_xlabel(), axes.get_ylabel()) == ("role bought", "£ a year")
    assert axes.yaxis.get_major_formatter()(31500, 0) == "31,500"
    axes.figure.canvas.draw()
    assert "30,000" in [t.get_text() for t in axes.get_yticklabels()]
    heights = [bar.get_height() for bar in axes.patches]
    assert heights == [float(v) for v in assessment.metrics.spend_by_role.values()]


def test_a_comparison_draws_both_scenarios_by_financial_year():
    after = _three_years(LOWMOOR, {"LJC-2007-021", "LJC-2007-030"})
    diff = compare(LOWMOOR, after)
    axes = plot_comparison(diff, labels=("today", "three years"))
    years = list(diff.spend_by_year)
    assert [t.get_text() for t in axes.get_xticklabels()] == years
    before_bars, after_bars = axes.patches[: len(years)], axes.patches[len(years) :]
    assert [b.get_height() for b in before_bars] == [
        float(b) for b, _ in diff.spend_by_year.values()
    ]
    assert [b.get_height() for b in after_bars] == [
        float(a) for _, a in diff.spend_by_year.values()
    ]
    assert to_hex(before_bars[0].get_facecolor()) != to_hex(after_bars[0].get_facecolor())
    assert [t.get_text() for t in axes.get_legend().get_texts()] == ["today", "three years"]
    # the difference above each year that changed, and over the terms in the title
    notes = [child.get_text() for child in axes.texts]
    assert notes == ["+£27,000.00", "+£27,000.00"]
    assert "three years against today: +£54,000.00 over the terms" in axes.get_title()
    assert (axes.get_xlabel(), axes.get_ylabel()) == ("financial year", "committed spend, £")
    assert axes.yaxis.get_major_formatter()(80000, 0) == "80,000"


def test_a_comparison_without_change_has_no_notes():
    axes = plot_comparison(compare(LOWMOOR, LOWMOOR))
    assert len(axes.texts) == 0
    assert "+£0.00 over the terms" in axes.get_title()


def test_a_comparison_takes_two_labels():
    with pytest.raises(ValueError, match="expected 2 labels"):
        plot_comparison(compare(LOWMOOR, LOWMOOR), labels=("only one",))


def test_the_charts_render_to_png(tmp_path):
    figure, axes = matplotlib.pyplot.subplots(3, 1, figsize=(9, 12))
    funding_timeline(LOWMOOR, ax=axes[0])
    spend_by_role(assess_portfolio(LOWMOOR), ax=axes[1])
    plot_comparison(compare(LOWMOOR, _three_years(LOWMOOR, {"LJC-2007-021"})), ax=axes[2])
    figure.tight_layout()
    path = tmp_path / "charts.png"
    figure.savefig(path, dpi=50)
    assert path.read_bytes().startswith(b"\x89PNG")

"""Helpers that rules of several series share: questionnaire answers and strategy gaps."""

from __future__ import annotations

from collections.abc import Iterator

from valuing_involvement.commissioners import Coverage, Factor
from valuing_involvement.rules._contexts import PortfolioContext
from valuing_involvement.rules._kernel import Hit, Modality, Rule, Subject, rule

__all__ = ["answer", "strategy_gap", "unknown"]


def unknown(value: bool | None) -> str:
    """Say a yes/no answer that is not yes: ``not stated`` when unanswered, else ``no``.

    >>> unknown(None), unknown(False)
    ('not stated', 'no')
    """
    return "not stated" if value is None else "no"


def answer(ctx: PortfolioContext, field: str, what: str) -> Iterator[Hit]:
    """Report the commissioner's questionnaire answer ``field`` unless it is yes.

    >>> from valuing_involvement import example_portfolio
    >>> from valuing_involvement.rules import PortfolioContext
    >>> ctx = PortfolioContext(portfolio=example_portfolio(), on=None, parameters={})
    >>> list(answer(ctx, "has_definition", "a working definition"))
    []
    """
    value = getattr(ctx.portfolio.commissioner, field)
    if value is not True:
        yield Hit(
            message=f"{what}: {unknown(value)}",
            path=f"$.commissioner.{field}",
            evidence={field: value},
        )


def strategy_gap(  # noqa: PLR0913 -- one keyword row per strategy sub-paragraph
    *,
    code: str,
    name: str,
    field: str,
    item: Factor | Coverage,
    citation: str,
    what: str,
    why: str,
    modality: Modality,
) -> Rule[PortfolioContext]:
    """Make the rule that a strategy's ``field`` holds ``item``: one per sub-paragraph.

    ``modality`` is the force of the cited wording, which differs by series: ``G2`` instructs
    (``Modality.SHOULD``), ``G3`` lists what a strategy "might include" (``Modality.EXAMPLE``).

    >>> from valuing_involvement.commissioners import Factor
    >>> gap = strategy_gap(code="VI999", name="x", field="takes_account_of",
    ...                    item=Factor.FLEXIBILITY, citation="G2(d)", what="flex", why="",
    ...                    modality=Modality.SHOULD)
    >>> gap.title, gap.subject.value, gap.modality.value
    ('The strategy does not flex.', 'strategy', 'should')
    """

    @rule(
        code=code,
        name=name,
        title=f"The strategy does not {what}.",
        modality=modality,
        citations=(citation,),
        rationale=why,
        remedy="Add it to the strategy when it is next reviewed, with local users and carers.",
        subject=Subject.STRATEGY,
    )
    def check(ctx: PortfolioContext) -> Iterator[Hit]:
        strategy = ctx.portfolio.strategy
        if strategy is not None and item not in getattr(strategy, field):
            yield Hit(
                message=f"the strategy does not {what}",
                path=f"$.strategy.{field}",
                evidence={"missing": item.value},
            )

    return check

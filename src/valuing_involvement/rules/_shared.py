"""Helpers that rules of several series share: questionnaire answers and strategy gaps."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from valuing_involvement.commissioners import Coverage, Factor
from valuing_involvement.rules._contexts import PortfolioContext
from valuing_involvement.rules._kernel import Hit, Modality, Rule, Subject, rule

__all__ = ["answer", "no_strategy", "strategy_gap", "unanswered", "unknown"]


def unknown(value: bool | None) -> str:
    """Say a yes/no answer that is not yes: ``not stated`` when unanswered, else ``no``.

    >>> unknown(None), unknown(False)
    ('not stated', 'no')
    """
    return "not stated" if value is None else "no"


def no_strategy(ctx: PortfolioContext) -> bool:
    """No strategy is recorded.

    The rules that read a strategy's contents cannot judge without one.

    >>> from valuing_involvement import example_portfolio
    >>> no_strategy(PortfolioContext(portfolio=example_portfolio(), on=None, parameters={}))
    False
    """
    return ctx.portfolio.strategy is None


def unanswered(*fields: str) -> Callable[[PortfolioContext], bool]:
    """Say when the commissioner's answers ``fields`` leave a rule unable to judge.

    One is unanswered (``None``) and the others are unanswered or yes: the rule then reports
    the missing answer (the scorecard's ``NOT_KNOWN``), never a failing.  A "no" is an answer.

    >>> import attrs
    >>> from valuing_involvement import example_portfolio
    >>> lowmoor = example_portfolio()
    >>> blank = attrs.evolve(lowmoor.commissioner, has_definition=None)
    >>> ctx = PortfolioContext(portfolio=attrs.evolve(lowmoor, commissioner=blank), on=None,
    ...                        parameters={})
    >>> unanswered("has_definition")(ctx), unanswered("has_definition", "ongoing_support")(ctx)
    (True, True)
    >>> unanswered("encourages_applications", "helps_with_applications")(ctx)  # a "no" given
    False
    """

    def unknown(ctx: PortfolioContext) -> bool:
        values = [getattr(ctx.portfolio.commissioner, field) for field in fields]
        return None in values and all(value is None or value is True for value in values)

    unknown.__doc__ = (
        f"{fields[0]} is not answered."
        if len(fields) == 1
        else f"{' or '.join(fields)} is not answered, and none is no."
    )
    return unknown


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
        unknown=no_strategy,
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

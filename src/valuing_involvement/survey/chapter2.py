"""Chapter 2 rebuilt from answers: each count as "n of N", beside the 2007 figure.

:func:`tabulate` counts a set of :class:`~valuing_involvement.survey.Response` values into the
measures of :data:`~valuing_involvement.survey.MEASURES`; each table sets the count beside the
2007 figure of the same categories and the same kind of denominator.  A 2007 category the
source does not state is ``None`` ("not stated"), never a guess.  The groups' answers build
their :class:`~valuing_involvement.Group` facts where they can, the classification runs on
them, and :attr:`Chapter2.own_view` sets each group's own view (``Q1``) against the class the
facts give (``§2.1``, ``§2.2``).  Free text stays out unless asked for.

:func:`reproduce_2007` gives answers that reproduce the 2007 counts: tabulated, they give
back every 2007 figure.
"""

from __future__ import annotations

import decimal
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from valuing_involvement.classification import classify_group
from valuing_involvement.errors import Problem
from valuing_involvement.survey._render import csv_text, frame, html_page, json_data, text
from valuing_involvement.survey._results import FreeText, Line, OwnView, Range, Report, Table
from valuing_involvement.survey.answers import Answer, InvalidAnswers, Response
from valuing_involvement.survey.facts import group_from_response
from valuing_involvement.survey.measures import (
    BUDGET_RANGE,
    MEASURES,
    NO_ANSWER,
    Denominator,
    Measure,
)
from valuing_involvement.survey.questionnaires import AnswerType, RespondentKind, questionnaire

__all__ = [
    "Chapter2",
    "FreeText",
    "Line",
    "OwnView",
    "Range",
    "Table",
    "reproduce_2007",
    "tabulate",
]

NOT_ENOUGH_FACTS = "not enough facts"


@attrs.frozen(kw_only=True)
class Chapter2(Report):
    """The chapter-2 tables from a set of responses (see :func:`tabulate`).

    ``groups`` and ``commissioners`` count the respondents; ``tables`` holds one
    :class:`Table` a measure, ``budget`` the commissioners' spend (``None`` without
    commissioners), ``own_view`` the groups' own view against their class, and ``free_text``
    the free-text answers when asked for.
    """

    def to_text(self) -> str:
        """The tables as plain text, one block a measure."""
        return text(self)

    def to_json(self) -> dict[str, Any]:
        """The tables as JSON-ready data."""
        return json_data(self)

    def to_csv(self) -> str:
        """One CSV row a category: measure, citation, category, n, N, 2007 n, 2007 N."""
        return csv_text(self)

    def to_html(self, *, charts: bool = True) -> str:
        """A self-contained HTML page; with ``charts``, a bar chart a measure (needs matplotlib)."""
        return html_page(self, charts=charts)

    def to_frame(self) -> Any:  # noqa: ANN401 -- pandas is optional
        """The rows of :meth:`to_csv` as a pandas DataFrame (needs pandas)."""
        return frame(self)


def _natural(category: str) -> tuple[int, str]:
    """Lengths in months in numeric order, other categories after them by name."""
    return (int(category), "") if category.isdigit() else (1 << 30, category)


def _count(measure: Measure, responses: Sequence[Response]) -> Table:
    form = questionnaire(measure.kind)
    counts: Counter[str] = Counter()
    for response in responses:
        answer = response.answers.get(measure.question)
        if answer is not None:
            counts[measure.categorise(answer)] += 1
        elif measure.denominator is Denominator.RESPONDENTS or (
            measure.denominator is Denominator.ASKED
            and form.applies(measure.question, response.answers)
        ):
            counts[NO_ANSWER] += 1
    figure = measure.reference
    complete = figure.respondents is None
    order = [c for c in figure.counts if c != NO_ANSWER]
    order += sorted(set(counts) - set(figure.counts) - {NO_ANSWER}, key=_natural)
    if NO_ANSWER in counts or NO_ANSWER in figure.counts:
        order.append(NO_ANSWER)
    lines = tuple(
        Line(
            category=category,
            count=counts[category],
            reference=figure.counts.get(category, 0 if complete else None),
        )
        for category in order
    )
    return Table(
        key=measure.key,
        citation=measure.citation,
        description=measure.description,
        source=measure.source,
        denominator=measure.denominator,
        base=measure.base,
        total=sum(counts.values()),
        reference_total=figure.respondents or figure.total,
        lines=lines,
    )


def _budget(responses: Sequence[Response]) -> Range:
    amounts = [
        a
        for r in responses
        if isinstance(a := r.answers.get(BUDGET_RANGE.question), decimal.Decimal)
    ]
    figure = BUDGET_RANGE.reference
    if figure.low is None or figure.high is None:  # pragma: no cover - the figure is a range
        raise ValueError(f"{figure.key} is not a range")
    return Range(
        key=BUDGET_RANGE.key,
        citation=figure.citation,
        description="Commissioners' direct spend on user and carer groups a year",
        count=len(amounts),
        low=min(amounts, default=None),
        high=max(amounts, default=None),
        reference_low=figure.low,
        reference_high=figure.high,
        reference_base=figure.base,
    )


def _own_view(responses: Sequence[Response]) -> tuple[OwnView, ...]:
    cells: Counter[tuple[str, str]] = Counter()
    for response in responses:
        own = response.answers.get("1")
        group = group_from_response(response)
        if group is None or group.decision_body is None:
            computed = NOT_ENOUGH_FACTS
        else:
            computed = classify_group(group).leadership.value
        cells[str(own) if own is not None else NO_ANSWER, computed] += 1
    views = ("run", "led", "neither", NO_ANSWER)
    classes = ("run", "led", "neither", NOT_ENOUGH_FACTS)
    return tuple(
        OwnView(own_view=own, computed=computed, count=cells[own, computed])
        for own in views
        for computed in classes
        if cells[own, computed]
    )


def _unique(responses: Iterable[Response]) -> None:
    seen: Counter[tuple[RespondentKind, str]] = Counter((r.kind, r.respondent) for r in responses)
    twice = sorted((kind.value, who) for (kind, who), n in seen.items() if n > 1)
    if twice:
        raise InvalidAnswers(
            [
                Problem(
                    location=(kind, who),
                    code="invalid",
                    message=f"{who} answered the {kind}' questionnaire more than once",
                )
                for kind, who in twice
            ],
            target="answers",
        )


def tabulate(responses: Iterable[Response], *, free_text: bool = False) -> Chapter2:
    """Count ``responses`` into the chapter-2 tables, each beside its 2007 figure.

    Measures of a questionnaire nobody answered are left out.  A respondent who answers the
    same questionnaire twice is refused (:class:`~valuing_involvement.survey.InvalidAnswers`).

    >>> report = tabulate(reproduce_2007())
    >>> table = next(t for t in report.tables if t.key == "contracts")
    >>> [(line.category, line.count, line.reference) for line in table.lines]
    [('yes', 22, 22), ('no', 6, 6), ('not applicable', 1, 1)]
    """
    every = tuple(responses)
    _unique(every)
    by_kind = {kind: [r for r in every if r.kind is kind] for kind in RespondentKind}
    tables = tuple(_count(m, by_kind[m.kind]) for m in MEASURES if by_kind[m.kind])
    texts: tuple[FreeText, ...] = ()
    if free_text:
        texts = tuple(
            FreeText(kind=r.kind, question=q.label, respondent=r.respondent, text=str(value))
            for r in every
            for q in r.questionnaire.questions
            if q.answer is AnswerType.TEXT and (value := r.answers.get(q.number)) is not None
        )
    commissioners = by_kind[RespondentKind.COMMISSIONERS]
    return Chapter2(
        groups=len(by_kind[RespondentKind.GROUPS]),
        commissioners=len(commissioners),
        tables=tables,
        budget=_budget(commissioners) if commissioners else None,
        own_view=_own_view(by_kind[RespondentKind.GROUPS]),
        free_text=texts,
    )


#: How many groups and commissioners answered in 2006-07 (``§1``).
SURVEYED = {RespondentKind.GROUPS: 29, RespondentKind.COMMISSIONERS: 12}
#: Committee seats (voting, of whom users or carers) for each view, in the rebuilt 2007 answers.
_SEATS = {"run": (6, 6), "led": (6, 4), "neither": (6, 2)}
#: Budgets inside the 2007 range, its ends included (``§2.9``).
_BUDGETS = (38_000, 130_000, 45_000, 60_000, 72_000, 90_000, 110_000)


def _assign(measure: Measure, answers: list[dict[str, Answer]]) -> None:
    form = questionnaire(measure.kind)
    figure = measure.reference
    eligible = [a for a in answers if form.applies(measure.question, a)]
    values: list[Answer | None] = []
    for category, count in figure.counts.items():
        values += [None if category == NO_ANSWER else measure.examples[category]] * count
    if figure.respondents is not None:  # the source does not say how the rest answered
        rest = next(v for c, v in measure.examples.items() if c not in figure.counts)
        values += [rest] * (figure.respondents - figure.total)
    for answer, value in zip(eligible, values, strict=False):
        if value is not None:
            answer[measure.question] = value


def reproduce_2007() -> tuple[Response, ...]:
    """Answers that reproduce the 2007 counts: 29 groups and 12 commissioners.

    Built from the reference figures alone; where chapter 2 leaves a count out, the rest
    answer "no".  Groups describe themselves as ``Q1`` says, with committees to match.

    >>> answers = reproduce_2007()
    >>> len(answers), answers[0].respondent
    (41, 'group-01')
    """
    built: list[Response] = []
    for kind, size in SURVEYED.items():
        answers: list[dict[str, Answer]] = [{} for _ in range(size)]
        for measure in MEASURES:
            if measure.kind is kind:
                _assign(measure, answers)
        if kind is RespondentKind.GROUPS:
            for answer in answers:
                answer["A1"] = "service_users"
                if answer.get("2") == "yes":
                    voting, counting = _SEATS[str(answer.get("1", "neither"))]
                    answer["A2"], answer["A3"] = decimal.Decimal(voting), decimal.Decimal(counting)
        else:
            identified = [a for a in answers if a.get("15") == "yes"]
            for answer, amount in zip(identified, _BUDGETS, strict=True):
                answer["15a"] = decimal.Decimal(amount)
        prefix = "group" if kind is RespondentKind.GROUPS else "commissioner"
        built += [
            Response(kind=kind, respondent=f"{prefix}-{i:02d}", answers=answer)
            for i, answer in enumerate(answers, start=1)
        ]
    return tuple(built)

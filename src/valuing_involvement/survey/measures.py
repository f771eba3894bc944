"""The chapter-2 measures the questionnaires support, each tied to its 2007 reference figure.

A :class:`Measure` counts the answers to one question into the categories chapter 2 used, and
names the :data:`~valuing_involvement.FIGURES` entry with the 2007 counts of the same
categories.  Its :class:`Denominator` says whom it counts, the same way the 2007 figure did:

* ``respondents``: everyone who returned the questionnaire; a blank is "no answer";
* ``asked``: everyone the routing asks (groups' Q10a only of those encouraged to apply); a
  blank is "no answer";
* ``answered``: only those who answered the question (most of the commissioners' figures).

The area budget (commissioners' Q15a) is a range, not counts: :data:`BUDGET_RANGE`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from valuing_involvement._enums import Choice
from valuing_involvement.commissioners import BodyType
from valuing_involvement.reference import FIGURES, Figure
from valuing_involvement.survey.answers import Answer
from valuing_involvement.survey.questionnaires import RespondentKind, questionnaire

__all__ = ["BUDGET_RANGE", "MEASURES", "Denominator", "Measure", "RangeMeasure"]

NO_ANSWER = "no answer"


class Denominator(Choice):
    """Whom a measure counts (see the module's description)."""

    RESPONDENTS = "respondents"
    ASKED = "asked"
    ANSWERED = "answered"


_DESCRIBE_DENOMINATOR = {
    Denominator.RESPONDENTS: "of all who answered the questionnaire",
    Denominator.ASKED: "of those the question was asked of",
    Denominator.ANSWERED: "of those who answered the question",
}
_FIGURES = {figure.key: figure for figure in FIGURES}


@attrs.frozen(kw_only=True)
class Measure:
    """One count of chapter 2 from one question, with the 2007 figure beside it.

    ``categorise`` turns an answer into a category of the figure's (``"not applicable"``);
    ``examples`` gives, for each category, an answer that falls into it (used to rebuild the
    2007 answers, :func:`~valuing_involvement.survey.reproduce_2007`).
    """

    key: str
    kind: RespondentKind
    question: str
    figure: str
    denominator: Denominator
    categorise: Callable[[Answer], str] = attrs.field(eq=False)
    examples: Mapping[str, Answer] = attrs.field(hash=False)

    @property
    def reference(self) -> Figure:
        """The 2007 figure this measure is set beside."""
        return _FIGURES[self.figure]

    @property
    def citation(self) -> str:
        """Where chapter 2 reports it (``§2.15``)."""
        return self.reference.citation

    @property
    def description(self) -> str:
        """What it counts, as the reference figure says."""
        return self.reference.description

    @property
    def source(self) -> str:
        """The question, as people read it: ``groups' Q13``."""
        label = questionnaire(self.kind).question(self.question).label
        return f"{self.kind.value}' {label}"

    @property
    def base(self) -> str:
        """Whom it counts, in words."""
        return _DESCRIBE_DENOMINATOR[self.denominator]


@attrs.frozen(kw_only=True)
class RangeMeasure:
    """A range of amounts from one question, beside the 2007 range."""

    key: str
    kind: RespondentKind
    question: str
    figure: str

    @property
    def reference(self) -> Figure:
        """The 2007 range this measure is set beside."""
        return _FIGURES[self.figure]


def _plain(mapping: Mapping[str, str]) -> Callable[[Answer], str]:
    def categorise(answer: Answer) -> str:
        return mapping.get(str(answer), str(answer).replace("_", " "))

    return categorise


def _measure(  # noqa: PLR0913 -- the measure's own fields
    key: str,
    kind: RespondentKind,
    question: str,
    denominator: Denominator,
    *,
    figure: str | None = None,
    rename: Mapping[str, str] | None = None,
) -> Measure:
    """A measure whose categories are the question's options, renamed where the figure differs."""
    rename = rename or {}
    options = questionnaire(kind).question(question).values
    examples = {rename.get(value, value.replace("_", " ")): value for value in options}
    return Measure(
        key=key,
        kind=kind,
        question=question,
        figure=figure or key,
        denominator=denominator,
        categorise=_plain(rename),
        examples=examples,
    )


_STATUTORY = frozenset({"nhs", "mental_health_trust", "local_authority"})


def _sources(answer: Answer) -> str:
    """Groups' Q3 in the categories of ``§2.8``."""
    ticked = set(answer) if isinstance(answer, tuple) else {str(answer)}
    if ticked == {"none"}:
        return "none"
    if len(ticked) > 1:
        return "several sources"
    return "one statutory source" if ticked <= _STATUTORY else "non-statutory only"


_DOMAINS = ("money", "personnel", "policy")


def _controls(answer: Answer) -> str:
    """Groups' Q4 in the categories of ``§2.1``."""
    ticked = [d for d in _DOMAINS if isinstance(answer, tuple) and d in answer]
    if len(ticked) == len(_DOMAINS):
        return "money, personnel and policy"
    if not ticked:
        return "none"
    if len(ticked) == 1:
        return f"{ticked[0]} only"
    return " and ".join(ticked)


def _months(answer: Answer) -> str:
    return str(answer)


_G, _C = RespondentKind.GROUPS, RespondentKind.COMMISSIONERS
_R, _A, _ANS = Denominator.RESPONDENTS, Denominator.ASKED, Denominator.ANSWERED
_NA = {"not_applicable": "not applicable"}

#: Every chapter-2 count the two questionnaires support, in the order of the source.
MEASURES = (
    _measure("commissioner-body-types", _C, "4", _ANS, rename={b.value: b.value for b in BodyType}),
    _measure("independence", _G, "1", _R),
    _measure("management-committee", _G, "2", _R),
    Measure(
        key="group-controls",
        kind=_G,
        question="4",
        figure="group-controls",
        denominator=_R,
        categorise=_controls,
        examples={
            "money, personnel and policy": ("money", "personnel", "policy"),
            "money only": ("money",),
            "personnel and policy": ("personnel", "policy"),
            "policy only": ("policy",),
        },
    ),
    _measure("commissioner-definitions", _C, "1", _R),
    _measure("commissioning-groups", _C, "2", _R),
    _measure(
        "strategy-awareness",
        _G,
        "9",
        _R,
        rename={"yes": "knows", "no": "knows", "dont_know": "does not know"},
    ),
    _measure("commissioner-strategy", _C, "3", _ANS),
    Measure(
        key="funding-sources",
        kind=_G,
        question="3",
        figure="funding-sources",
        denominator=_R,
        categorise=_sources,
        examples={
            "several sources": ("nhs", "local_authority"),
            "one statutory source": ("local_authority",),
            "non-statutory only": ("non_statutory",),
            "none": ("none",),
        },
    ),
    _measure("budget-identifiable", _C, "15", _ANS),
    _measure("encouraged-to-apply", _G, "10", _R, rename=_NA),
    _measure("application-support", _G, "10a", _A),
    _measure("encourages-applications", _C, "5", _ANS),
    _measure("other-funding-advice-groups", _G, "11", _R),
    _measure("other-funding-advice-commissioners", _C, "6", _ANS),
    Measure(
        key="funding-length-groups",
        kind=_G,
        question="19",
        figure="funding-length-groups",
        denominator=_ANS,
        categorise=_months,
        examples={months: int(months) for months in ("6", "12", "18", "24", "36")},
    ),
    Measure(
        key="funding-length-commissioners",
        kind=_C,
        question="10",
        figure="funding-length-commissioners",
        denominator=_ANS,
        categorise=_months,
        examples={"12": 12, "36": 36},
    ),
    _measure("contracts", _G, "13", _R, rename=_NA),
    _measure("own-monitoring", _G, "14a", _R, rename=_NA),
    _measure("business-plans", _G, "12", _R, rename=_NA),
    _measure(
        "business-plan-help",
        _G,
        "12a",
        _A,
        rename={"yes": "offered information or support", "no": "given no help"},
    ),
    _measure("commissioner-business-plans", _C, "11", _ANS),
    _measure("help-meeting-targets", _G, "15", _R, rename=_NA),
    _measure("commissioner-ongoing-support", _C, "13", _ANS),
    _measure("involvement-in-commissioning", _G, "18", _R),
    _measure("commissioner-involvement", _C, "14", _ANS),
    _measure("non-monetary-support-groups", _G, "16", _R, rename=_NA),
    _measure("commissioner-other-support", _C, "16", _ANS),
    _measure("unmet-support-needs", _G, "17", _R, rename=_NA),
)

#: Commissioners' direct spend on groups a year (Q15a), beside the 2007 area range (``§2.9``).
BUDGET_RANGE = RangeMeasure(key="area-budget", kind=_C, question="15a", figure="area-budget")

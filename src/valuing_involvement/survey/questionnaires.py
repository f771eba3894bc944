"""The two questionnaires of Appendix 4 as data: every question, its answer type and routing.

The survey behind the guidelines asked commissioners 21 questions and user and carer groups
21 (Appendix 4).  Each question here keeps the source's number (``"1"``, sub-questions
``"1a"``), says what it asks in the library's own words, and gives:

* ``answer``: the kind of answer it takes (:class:`AnswerType`), with ``options`` for a choice;
* ``when``: the routing -- the sub-question is asked only when an earlier answer is one of a
  set ("1a If YES", "3a If none");
* ``at_most``: another question whose answer bounds this one (no more voting users or carers
  than voting members);
* ``fills``: the model field the answer fills (``"Group.self_described"``), or ``None`` when it
  fills none: such answers are kept as answers, never dropped.

Where the source asked an open question that chapter 2 then counted by category (groups' Q15,
Q18), the answer is a choice of the categories chapter 2 used.  Three questions the source did
not ask are marked ``added``: whom a group is for and who sits on its committee, the facts the
classification (``G1(b)``) needs.  Numbers starting with ``A`` are those additions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from valuing_involvement._enums import Choice
from valuing_involvement.commissioners import BodyType
from valuing_involvement.groups import Activity, Constituency, DiversityApproach

__all__ = [
    "COMMISSIONERS",
    "GROUPS",
    "AnswerType",
    "Condition",
    "Option",
    "Question",
    "Questionnaire",
    "RespondentKind",
    "questionnaire",
]


class RespondentKind(Choice):
    """Who answers a questionnaire: a user or carer group, or a commissioner."""

    GROUPS = "groups"
    COMMISSIONERS = "commissioners"


class AnswerType(Choice):
    """The kind of answer a question takes.

    ``yes_no`` is a choice of yes or no, with any further options the question lists (such as
    "not applicable"); ``months`` is a length of time in whole months; ``number`` a number
    (with its unit in :attr:`Question.unit`); ``text`` free text.
    """

    YES_NO = "yes_no"
    ONE_OF = "one_of"
    SEVERAL_OF = "several_of"
    NUMBER = "number"
    MONTHS = "months"
    TEXT = "text"


@attrs.frozen(kw_only=True)
class Option:
    """One answer a choice offers: a stable ``value`` for files, a ``label`` for people.

    An ``exclusive`` option ("none of these") cannot be ticked with any other.
    """

    value: str
    label: str
    exclusive: bool = False


def _strings(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


@attrs.frozen(kw_only=True)
class Condition:
    """Ask a sub-question only when the answer to ``question`` is one of ``answers``.

    For a several-of question, when any of the ticked options is one of ``answers``.

    >>> Condition(question="1", answers=frozenset({"yes"})).holds({"1": "yes"})
    True
    >>> Condition(question="3", answers=frozenset({"none"})).holds({"3": ("nhs",)})
    False
    """

    question: str
    answers: frozenset[str] = attrs.field(converter=_strings)

    def holds(self, answers: Mapping[str, object]) -> bool:
        """Whether the condition is met by ``answers`` (question number to answer)."""
        given = answers.get(self.question)
        if isinstance(given, tuple):
            return not self.answers.isdisjoint(given)
        return given in self.answers


_CHOICE_TYPES = frozenset({AnswerType.YES_NO, AnswerType.ONE_OF, AnswerType.SEVERAL_OF})


@attrs.frozen(kw_only=True)
class Question:
    """One question of a questionnaire (see the module's description of each field)."""

    number: str
    text: str
    answer: AnswerType
    options: tuple[Option, ...] = ()
    when: Condition | None = None
    fills: str | None = None
    unit: str | None = None
    added: bool = False
    hint: str = ""
    at_most: str | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse a choice without options, and options on a question that is not a choice."""
        if (self.answer in _CHOICE_TYPES) != bool(self.options):
            msg = f"question {self.number}: options go with choices, and only with them"
            raise ValueError(msg)

    @property
    def values(self) -> tuple[str, ...]:
        """The option values, in order.

        >>> GROUPS.question("13").values
        ('yes', 'no', 'not_applicable')
        """
        return tuple(option.value for option in self.options)

    @property
    def label(self) -> str:
        """The question's number as people read it: ``Q1a``, or ``QA1`` for an addition."""
        return f"Q{self.number}"


@attrs.frozen(kw_only=True)
class Questionnaire:
    """One questionnaire: who answers it, and its questions in order."""

    kind: RespondentKind
    title: str
    introduction: str
    questions: tuple[Question, ...]
    _by_number: Mapping[str, Question] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Index the questions by number; refuse repeated numbers and routing to nowhere."""
        by_number: dict[str, Question] = {}
        for question in self.questions:
            if question.number in by_number:
                msg = f"question {question.number} appears twice"
                raise ValueError(msg)
            if question.when is not None and question.when.question not in by_number:
                msg = f"question {question.number} is routed on a later or unknown question"
                raise ValueError(msg)
            by_number[question.number] = question
        object.__setattr__(self, "_by_number", MappingProxyType(by_number))

    def question(self, number: str) -> Question:
        """The question numbered ``number`` (``KeyError`` when there is none).

        >>> COMMISSIONERS.question("4").fills
        'Commissioner.body_type'
        """
        return self._by_number[number]

    @property
    def numbers(self) -> tuple[str, ...]:
        """The question numbers, in order."""
        return tuple(self._by_number)

    def applies(self, number: str, answers: Mapping[str, object]) -> bool:
        """Whether question ``number`` is asked, given the ``answers`` so far.

        A sub-question applies when its condition holds and the question it is routed on
        applies too.

        >>> GROUPS.applies("12a", {"12": "yes"}), GROUPS.applies("12a", {"12": "no"})
        (True, False)
        """
        question = self._by_number[number]
        if question.when is None:
            return True
        return question.when.holds(answers) and self.applies(question.when.question, answers)


def _options(*pairs: tuple[str, str]) -> tuple[Option, ...]:
    return tuple(Option(value=value, label=label) for value, label in pairs)


def _yes_no(*extra: tuple[str, str]) -> tuple[Option, ...]:
    return _options(("yes", "Yes"), ("no", "No"), *extra)


_NOT_APPLICABLE = ("not_applicable", "Does not apply to us")
_YES = frozenset({"yes"})
_NO = frozenset({"no"})


def _if(question: str, answers: Iterable[str] = _YES) -> Condition:
    return Condition(question=question, answers=frozenset(answers))


def _words(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _q(number: str, text: str, answer: AnswerType, **kwargs: object) -> Question:
    return Question(number=number, text=text, answer=answer, **kwargs)  # type: ignore[arg-type]


_BODY_LABELS = {
    BodyType.PRIMARY_CARE_TRUST: "A primary care trust (PCT)",
    BodyType.LOCAL_AUTHORITY: "A local council",
    BodyType.JOINT_PCT_LOCAL_AUTHORITY: "The NHS and the council commissioning jointly",
    BodyType.JOINT_COMMISSIONING_BOARD: "A joint commissioning board",
    BodyType.MENTAL_HEALTH_TRUST: "A mental health trust",
    BodyType.INTEGRATED_CARE_BOARD: "An integrated care board (ICB)",
}

_T, _YN, _ONE, _SEV = AnswerType.TEXT, AnswerType.YES_NO, AnswerType.ONE_OF, AnswerType.SEVERAL_OF

#: The groups' questionnaire (Appendix 4), with the three additions the classification needs.
GROUPS = Questionnaire(
    kind=RespondentKind.GROUPS,
    title="Questions for service user and carer groups",
    introduction=(
        "These questions are about your group and the commissioners who fund it, or could "
        "fund it. They repeat the survey of 2006-07 behind the Valuing Involvement guidelines, "
        "so that the answers can be set beside what groups said then. Answer for the group, "
        "not for yourself. Skip any question you would rather not answer."
    ),
    questions=(
        _q(
            "A1",
            "Who is your group for?",
            _ONE,
            options=tuple(
                Option(value=c.value, label=label)
                for c, label in zip(
                    Constituency,
                    ("Service users", "Carers", "Both service users and carers"),
                    strict=True,
                )
            ),
            fills="Group.constituency",
            added=True,
        ),
        _q(
            "1",
            "Which of these describes your group best?",
            _ONE,
            options=_options(
                ("run", "Run by service users or carers: they make all the decisions"),
                ("led", "Led by service users or carers: they are most of the committee"),
                ("neither", "Neither of these"),
            ),
            fills="Group.self_described",
        ),
        _q(
            "2",
            "Does your group have a management committee?",
            _YN,
            options=_yes_no(),
            fills="Group.decision_body",
        ),
        _q(
            "A2",
            "How many people on the committee can vote on its decisions?",
            AnswerType.NUMBER,
            when=_if("2"),
            unit="people",
            fills="Group.decision_body",
            added=True,
        ),
        _q(
            "A3",
            "How many of those voting members are service users or carers (as your group is for)?",
            AnswerType.NUMBER,
            when=_if("2"),
            unit="people",
            at_most="A2",
            fills="Group.decision_body",
            added=True,
        ),
        _q(
            "3",
            "Where does your group's money come from? Tick all that apply.",
            _SEV,
            options=(
                *_options(
                    ("nhs", "The NHS commissioner (a primary care trust in 2007)"),
                    ("mental_health_trust", "A mental health trust"),
                    ("local_authority", "The local council"),
                    ("non_statutory", "Sources outside the public sector"),
                ),
                Option(value="none", label="None of these", exclusive=True),
            ),
            hint="Ticking more than one means a mix of sources.",
        ),
        _q(
            "3a",
            "If your group has no funding: which is true?",
            _ONE,
            options=_options(
                ("turned_down", "We applied and were turned down"),
                ("chose_not_to", "We decided we do not want funding"),
                ("hoping_to_apply", "We hope to apply in future"),
            ),
            when=_if("3", {"none"}),
        ),
        _q(
            "3b", "Tell us more about not having funding, if you like.", _T, when=_if("3", {"none"})
        ),
        _q(
            "4",
            "Which of these does your group decide for itself? Tick all that apply.",
            _SEV,
            options=(
                *_options(
                    ("money", "Its money"),
                    ("personnel", "Its workers and staff"),
                    ("policy", "Its policy"),
                ),
                Option(value="none", label="None of these", exclusive=True),
            ),
            fills="Group.controls",
        ),
        _q(
            "5",
            "What does your group do locally? Tick all that apply.",
            _SEV,
            options=tuple(Option(value=a.value, label=_words(a.value)) for a in Activity),
            fills="Group.activities",
        ),
        _q("6", "How do people join your group?", _T),
        _q("7", "How do other service users or carers hear about your group?", _T),
        _q(
            "8",
            "How does your group work on diversity?",
            _ONE,
            options=_options(
                (DiversityApproach.OPEN_TO_ALL.value, "We are open to everyone"),
                (DiversityApproach.RECOGNISES_GAPS.value, "We know we need to do more"),
                (DiversityApproach.ACTIVE.value, "We reach out to particular communities"),
            ),
            fills="Group.diversity_approach",
        ),
        _q(
            "9",
            "Do your local commissioners have a strategy for funding user and carer groups?",
            _ONE,
            options=_options(
                ("yes", "Yes, they have one"),
                ("no", "No, they do not"),
                ("dont_know", "We do not know"),
            ),
        ),
        _q(
            "10",
            "Has a public body (NHS or council) ever encouraged your group to apply for funding?",
            _YN,
            options=_yes_no(("not_applicable", "Does not apply: we do not seek funding")),
        ),
        _q(
            "10a",
            "Did you get enough information and support to apply?",
            _YN,
            options=_yes_no(),
            when=_if("10"),
        ),
        _q("10b", "What information and support did you get?", _T, when=_if("10a")),
        _q(
            "10c",
            "What information and support did you want, or would you need in future?",
            _T,
            when=_if("10a", _NO),
        ),
        _q(
            "11",
            "Have the commissioners encouraged your group to look for part of its funding "
            "outside the public sector?",
            _YN,
            options=_yes_no(),
        ),
        _q("11a", "Which sources?", _T, when=_if("11")),
        _q("11b", "What help or information were you given to apply to them?", _T, when=_if("11")),
        _q(
            "12",
            "If you applied for public funding: were you asked for a business plan?",
            _YN,
            options=_yes_no(_NOT_APPLICABLE),
            fills="Contract.business_plan.required",
        ),
        _q(
            "12a",
            "Were you offered information or support to write it?",
            _YN,
            options=_yes_no(),
            when=_if("12"),
            fills="Contract.business_plan.help_offered",
        ),
        _q(
            "13",
            "Does your group have a contract or service level agreement with the commissioners?",
            _YN,
            options=_yes_no(_NOT_APPLICABLE),
        ),
        _q(
            "13a",
            "Without one: do you know what the commissioners want from your group?",
            _YN,
            options=_yes_no(),
            when=_if("13", _NO),
        ),
        _q("13b", "How did you find out?", _T, when=_if("13a")),
        _q("13c", "What are the main things they expect?", _T, when=_if("13a")),
        _q("14", "How do the commissioners who fund you check your group's work?", _T),
        _q(
            "14a",
            "Does your group take part in checking its own work?",
            _YN,
            options=_yes_no(_NOT_APPLICABLE),
        ),
        _q("14b", "How do you take part?", _T, when=_if("14a")),
        _q(
            "15",
            "How much help do the commissioners give your group to meet its targets and sort out "
            "problems?",
            _ONE,
            options=_options(
                ("adequate", "Enough help"),
                ("some", "Some help"),
                ("none", "No help"),
                _NOT_APPLICABLE,
            ),
        ),
        _q(
            "16",
            "Do the commissioners give your group any support other than money?",
            _YN,
            options=_yes_no(_NOT_APPLICABLE),
        ),
        _q("16a", "What support?", _T, when=_if("16")),
        _q(
            "17",
            "Does your group need support that the commissioners do not give?",
            _YN,
            options=_yes_no(_NOT_APPLICABLE),
        ),
        _q("17a", "What support?", _T, when=_if("17")),
        _q(
            "18",
            "Are service users and carers involved in commissioning as a matter of course?",
            _ONE,
            options=_options(
                ("involved", "Yes, they are involved"),
                ("limited", "Only a little"),
                ("not_aware", "Not that we know of"),
            ),
        ),
        _q("18a", "How are they involved?", _T, when=_if("18", {"involved", "limited"})),
        _q(
            "19",
            "How long is your group's current funding for?",
            AnswerType.MONTHS,
            unit="months",
            hint="In months: one year is 12, three years is 36.",
            fills="Contract.period",
        ),
        _q("20", "What works well between your group and the commissioners?", _T),
        _q("21", "What does not work well?", _T),
    ),
)

#: The commissioners' questionnaire (Appendix 4).
COMMISSIONERS = Questionnaire(
    kind=RespondentKind.COMMISSIONERS,
    title="Questions for commissioners of mental health services",
    introduction=(
        "These questions are about how your organisation funds service user and carer groups. "
        "They repeat the survey of 2006-07 behind the Valuing Involvement guidelines, so that "
        "the answers can be set beside what commissioners said then. Answer for your "
        "organisation, not for yourself. Skip any question you would rather not answer."
    ),
    questions=(
        _q(
            "1",
            "Do you have a working definition of a service user or carer group?",
            _YN,
            options=_yes_no(),
            fills="Commissioner.has_definition",
        ),
        _q("1a", "What is it?", _T, when=_if("1")),
        _q(
            "2",
            "Do you fund any mental health service user or carer groups now?",
            _YN,
            options=_yes_no(),
        ),
        _q(
            "2a",
            "Roughly how many groups do you fund, and of what usual kind and size?",
            _T,
            when=_if("2"),
        ),
        _q(
            "2b",
            "Which groups do you fund now? (names of groups, not of people)",
            _T,
            when=_if("2"),
        ),
        _q(
            "3",
            "Do you have a policy or strategy for funding user or carer groups?",
            _YN,
            options=_yes_no(),
            fills="Portfolio.strategy",
        ),
        _q("3a", "What does it say, in short?", _T, when=_if("3")),
        _q(
            "3b",
            "Is it written down, so you could send us a copy?",
            _YN,
            options=_yes_no(),
            when=_if("3"),
            fills="Strategy.written",
        ),
        _q(
            "4",
            "What kind of commissioning body are you?",
            _ONE,
            options=tuple(Option(value=b.value, label=_BODY_LABELS[b]) for b in BodyType),
            fills="Commissioner.body_type",
        ),
        _q(
            "5",
            "Do you encourage user and carer groups to apply to you for funding?",
            _YN,
            options=_yes_no(),
            fills="Commissioner.encourages_applications",
        ),
        _q("5a", "What support or information do you give them?", _T, when=_if("5")),
        _q(
            "6",
            "Do you encourage groups to look for part of their funding outside the public sector?",
            _YN,
            options=_yes_no(),
            fills="Commissioner.advises_on_other_funding",
        ),
        _q("6a", "Which sources do you point them to?", _T, when=_if("6")),
        _q("6b", "What support or information do they get to apply there?", _T, when=_if("6")),
        _q("7", "How do you take diversity into account when funding groups?", _T),
        _q("8", "What do you want and expect from the groups you fund?", _T),
        _q(
            "9",
            "Do you usually give the groups you fund a contract or agreement?",
            _YN,
            options=_yes_no(),
        ),
        _q("9a", "What is usually in it?", _T, when=_if("9")),
        _q(
            "10",
            "How long do you usually fund a group for?",
            AnswerType.MONTHS,
            unit="months",
            hint="In months: one year is 12, three years is 36.",
        ),
        _q(
            "11",
            "Must groups send you a business plan to get funding?",
            _ONE,
            options=_options(("yes", "Yes"), ("no", "No"), ("sometimes", "Sometimes")),
            fills="Commissioner.expects_business_plans",
        ),
        _q(
            "11a",
            "Do groups get help with it?",
            _YN,
            options=_yes_no(),
            when=_if("11", {"yes", "sometimes"}),
            fills="Commissioner.helps_with_business_plans",
        ),
        _q("11b", "What help?", _T, when=_if("11a")),
        _q(
            "12",
            "Do you monitor and evaluate the work of the groups you fund?",
            _YN,
            options=_yes_no(),
        ),
        _q("12a", "What do you mainly look for?", _T, when=_if("12")),
        _q(
            "12b",
            "Do service users and carers take part in checking their own groups' work, as a "
            "matter of course?",
            _YN,
            options=_yes_no(),
            when=_if("12"),
        ),
        _q("12c", "How do they take part?", _T, when=_if("12b")),
        _q(
            "13",
            "Do you give groups ongoing help and support to meet their targets?",
            _YN,
            options=_yes_no(),
            fills="Commissioner.ongoing_support",
        ),
        _q(
            "14",
            "Are service users and carers involved in commissioning as a matter of course?",
            _YN,
            options=_yes_no(),
            fills="Involvement.involved",
        ),
        _q("14a", "How are they involved?", _T, when=_if("14")),
        _q(
            "15",
            "Can you say how much you spend in all on user and carer groups?",
            _ONE,
            options=_options(("yes", "Yes"), ("no", "No"), ("difficult", "It is difficult to say")),
            fills="Commissioner.budget_identifiable",
        ),
        _q(
            "15a",
            "About how much do you spend on funding groups directly, in pounds a year?",
            AnswerType.NUMBER,
            when=_if("15"),
            unit="pounds a year",
            fills="Commissioner.annual_budget",
        ),
        _q(
            "16",
            "Do you give groups other kinds of support or resources?",
            _YN,
            options=_yes_no(),
        ),
        _q("16a", "What do you give, in short?", _T, when=_if("16")),
        _q("17", "What gets in the way of funding user and carer groups?", _T),
        _q("18", "What makes you fund user and carer groups?", _T),
        _q("19", "What works well?", _T),
        _q("20", "What does not work well?", _T),
        _q("21", "How could funding user and carer groups be done better?", _T),
    ),
)

_QUESTIONNAIRES = {RespondentKind.GROUPS: GROUPS, RespondentKind.COMMISSIONERS: COMMISSIONERS}


def questionnaire(kind: RespondentKind | str) -> Questionnaire:
    """The questionnaire for ``kind`` (``"groups"`` or ``"commissioners"``).

    >>> questionnaire("groups").question("3a").when
    Condition(question='3', answers=frozenset({'none'}))
    """
    return _QUESTIONNAIRES[RespondentKind(kind)]

"""From answers to the library's models: a group's facts, a commissioner's practice.

Only what the answers say is filled in; the rest keeps the model's "not known".  A group
needs whom it is for (``QA1``) and what it decides itself (``Q4``) to be built at all; its
decision-making body needs the committee's voting members (``QA2``) and how many of them are
service users or carers (``QA3``) -- without them the body is not recorded and the
classification says facts are missing.  The respondent's id becomes the model's name.
"""

from __future__ import annotations

import decimal

from valuing_involvement.commissioners import Commissioner
from valuing_involvement.groups import (
    Activity,
    Constituency,
    DecisionBody,
    DiversityApproach,
    Domain,
    Group,
    Leadership,
    Member,
)
from valuing_involvement.survey.answers import Response
from valuing_involvement.survey.questionnaires import RespondentKind

__all__ = ["commissioner_from_response", "group_from_response"]

_MAX_SEATS = 1000


def _body(response: Response, constituency: Constituency) -> DecisionBody | None:
    answers = response.answers
    voting, counting = answers.get("A2"), answers.get("A3")
    if answers.get("2") != "yes" or not isinstance(voting, decimal.Decimal):
        return None
    if not isinstance(counting, decimal.Decimal):
        return None
    if voting != int(voting) or counting != int(counting) or counting > voting:
        return None
    if voting > _MAX_SEATS:
        return None
    role = min(constituency.roles, key=lambda r: r.value)
    members = [Member(roles=[role])] * int(counting) + [Member()] * int(voting - counting)
    return DecisionBody(members=members)


def group_from_response(response: Response) -> Group | None:
    """The group's facts from its answers, or ``None`` when ``QA1`` or ``Q4`` is unanswered.

    >>> r = Response(kind="groups", respondent="group-01", answers={
    ...     "A1": "carers", "1": "run", "2": "yes", "A2": "5", "A3": "5",
    ...     "4": ["money", "personnel", "policy"]})
    >>> group = group_from_response(r)
    >>> group.self_described.value, len(group.decision_body.members)
    ('run', 5)
    """
    if response.kind is not RespondentKind.GROUPS:
        raise ValueError(f"{response.respondent} answered the commissioners' questionnaire")
    answers = response.answers
    who, controls = answers.get("A1"), answers.get("4")
    if not isinstance(who, str) or not isinstance(controls, tuple):
        return None
    constituency = Constituency(who)
    own_view = answers.get("1")
    approach = answers.get("8")
    activities = answers.get("5")
    done = activities if isinstance(activities, tuple) else ()
    return Group(
        name=response.respondent,
        constituency=constituency,
        decision_body=_body(response, constituency),
        controls=[Domain(value) for value in controls if value != "none"],
        self_described=Leadership(own_view) if isinstance(own_view, str) else None,
        activities=[Activity(value) for value in done],
        diversity_approach=DiversityApproach(approach) if isinstance(approach, str) else None,
    )


def _yes(value: object) -> bool | None:
    return None if value is None else value == "yes"


def commissioner_from_response(response: Response) -> Commissioner | None:
    """The commissioner's practice from its answers, or ``None`` when ``Q4`` is unanswered.

    "Sometimes" (``Q11``) and "difficult" (``Q15``) fill nothing: they are neither yes nor no.

    >>> r = Response(kind="commissioners", respondent="c1", answers={
    ...     "4": "local_authority", "5": "no", "11": "sometimes", "15": "yes", "15a": "40000"})
    >>> c = commissioner_from_response(r)
    >>> c.encourages_applications, c.expects_business_plans, c.annual_budget
    (False, None, Decimal('40000'))
    """
    if response.kind is not RespondentKind.COMMISSIONERS:
        raise ValueError(f"{response.respondent} answered the groups' questionnaire")
    answers = response.answers
    body_type = answers.get("4")
    if not isinstance(body_type, str):
        return None
    plans = answers.get("11")
    budget = answers.get("15")
    amount = answers.get("15a")
    return Commissioner(
        name=response.respondent,
        body_type=body_type,
        has_definition=_yes(answers.get("1")),
        encourages_applications=_yes(answers.get("5")),
        advises_on_other_funding=_yes(answers.get("6")),
        expects_business_plans=None if plans in {None, "sometimes"} else plans == "yes",
        helps_with_business_plans=_yes(answers.get("11a")),
        ongoing_support=_yes(answers.get("13")),
        budget_identifiable=None if budget in {None, "difficult"} else budget == "yes",
        annual_budget=amount if isinstance(amount, decimal.Decimal) else None,
    )

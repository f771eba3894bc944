"""The VI1xx rules (rules/definition.py) state exactly what they report, and when they stay silent.

Every expected message, path and evidence value is written out by hand from the group's facts:
a paid member with no user or carer role does not count, a service user does.
"""

import pytest

from exemplar_checks import (
    EXEMPLAR,
    contract_findings,
    exactly,
    merge_patch,
    portfolio_data,
    portfolio_findings,
)
from valuing_involvement import check_contract

STAFF = {"paid": True}
USER = {"roles": ["service_user"]}
HOST = {"name": "Lowmoor Wellbeing Association", "kind": "voluntary_agency"}

fired = contract_findings


def one(code, patch):
    """The single finding of ``code``, as (path, message, evidence)."""
    [found] = exactly(contract_findings(code, patch))
    return found


def _body(*members):
    return {"group": {"decision_body": {"members": list(members)}}}


# -- VI101: funded as run or led, yet neither ----------------------------------------------------


@pytest.mark.parametrize("funded_as", ["run", "led"])
def test_vi101_reports_a_group_where_one_of_three_counts(funded_as):
    patch = {**_body(STAFF, STAFF, USER), "funded_as": funded_as}
    assert one("VI101", patch) == (
        "$.funded_as",
        (
            f"funded as user/carer {funded_as}, but the group classifies as neither: "
            "1 of 3 decision-makers count, not a majority"
        ),
        {"funded_as": funded_as, "leadership": "neither", "counting": 1, "decision_makers": 3},
    )


@pytest.mark.parametrize("funded_as", ["neither", None])
def test_vi101_is_silent_when_the_agreement_claims_no_leadership(funded_as):
    patch = {**_body(STAFF, STAFF, USER), "funded_as": funded_as}
    assert fired("VI101", patch) == []


def test_vi101_leaves_a_group_with_no_recorded_decision_makers_to_vi102():
    # The classification of an empty body is "neither", but no fact says so: VI102's business.
    assert fired("VI101", _body()) == []
    assert [f.code for f in fired("VI102", _body())] == ["VI102"]


def test_vi101_is_silent_for_a_led_group_funded_as_led():
    assert fired("VI101", {**_body(STAFF, USER, USER), "funded_as": "led"}) == []


#: A committee of users only whose host takes every key decision: G1(b) as written makes it
#: led (a majority, not the only decision-makers); only our reading of "decides" makes it neither.
_ALL_USERS_HOST_DECIDES = {
    "group": {
        "decision_body": {"members": [USER, USER, USER]},
        "controls": [],
        "host": dict(HOST, takes=["money", "personnel", "policy"]),
    }
}


@pytest.mark.parametrize("funded_as", ["run", "led"])
def test_vi101_is_no_error_when_only_our_reading_of_decides_makes_the_group_neither(funded_as):
    patch = merge_patch(_ALL_USERS_HOST_DECIDES, {"funded_as": funded_as})
    assert fired("VI101", patch) == []
    path, message, evidence = one("VI105", patch)
    written = "at most led" if funded_as == "run" else "led"
    assert path == "$.group.controls"
    assert message == (
        f"funded as user/carer {funded_as}: 3 of 3 decision-makers count, a majority, but the "
        "group takes none of its money, personnel or policy decisions; G1(b) as written makes "
        f"it {written}, and only this library's reading of what a body decides makes it neither"
    )
    assert evidence["leadership"] == "neither"


def test_vi105_is_advice_and_vi101_stays_the_only_error():
    from valuing_involvement import RULES

    assert RULES["VI105"].severity.value == "advice"
    assert RULES["VI101"].contradiction is True
    assert "for the purposes of the survey" in RULES["VI101"].rationale


def test_vi105_is_silent_for_a_half_and_half_body_that_vi101_reports():
    patch = {**_body(STAFF, USER), "funded_as": "led"}
    assert fired("VI105", patch) == []
    assert [f.code for f in fired("VI101", patch)] == ["VI101"]


# -- VI102: funded as run or led, and the facts are missing --------------------------------------


@pytest.mark.parametrize("funded_as", ["run", "led"])
def test_vi102_reports_a_missing_group_with_empty_evidence(funded_as):
    assert one("VI102", {"group": None, "funded_as": funded_as}) == (
        "$.group",
        (
            f"funded as user/carer {funded_as}, but no facts about the group were given, so its "
            "leadership cannot be checked"
        ),
        {"funded_as": funded_as, "leadership": None, "counting": None, "decision_makers": None},
    )


def test_vi102_reports_an_empty_decision_body_at_the_body():
    assert one("VI102", _body()) == (
        "$.group.decision_body",
        (
            "funded as user/carer run, but the group's decision-makers are not recorded, so its "
            "leadership cannot be checked"
        ),
        {"funded_as": "run", "leadership": "neither", "counting": 0, "decision_makers": 0},
    )


@pytest.mark.parametrize(
    "patch",
    [
        {"group": None, "funded_as": "neither"},
        {"group": None, "funded_as": None},
        {**_body(), "funded_as": "neither"},
    ],
    ids=["no-group-funded-as-neither", "no-group-no-claim", "empty-body-funded-as-neither"],
)
def test_vi102_is_silent_when_nothing_depends_on_the_missing_facts(patch):
    assert fired("VI102", patch) == []


def test_vi102_is_silent_when_the_facts_are_given():
    assert fired("VI102", _body(STAFF, STAFF, USER)) == []


# -- VI103: funded as run, but only led ----------------------------------------------------------


def test_vi103_names_the_decisions_a_host_takes():
    patch = {"group": {"controls": ["personnel"], "host": HOST}}
    assert one("VI103", patch) == (
        "$.funded_as",
        (
            "funded as user/carer run, but the group classifies as led: 7 of 7 decision-makers "
            "count and decisions taken outside the group: money, policy"
        ),
        {"funded_as": "run", "leadership": "led", "counting": 7, "decision_makers": 7},
    )


def test_vi103_says_none_when_the_group_is_led_by_its_members_alone():
    assert one("VI103", _body(STAFF, USER, USER)) == (
        "$.funded_as",
        (
            "funded as user/carer run, but the group classifies as led: 2 of 3 decision-makers "
            "count and decisions taken outside the group: none"
        ),
        {"funded_as": "run", "leadership": "led", "counting": 2, "decision_makers": 3},
    )


@pytest.mark.parametrize(
    "patch",
    [
        {"funded_as": "led", "group": {"controls": ["personnel"], "host": HOST}},
        {**_body(STAFF, USER, USER), "funded_as": "led"},
        _body(STAFF, STAFF, USER),
        {"group": None},
    ],
    ids=["led-funded-as-led", "led-by-members-funded-as-led", "neither", "no-group"],
)
def test_vi103_is_silent_unless_a_led_group_is_funded_as_run(patch):
    assert fired("VI103", patch) == []


# -- VI104: part of its host, yet independent ----------------------------------------------------


def test_vi104_reports_the_legal_form_and_three_decisions():
    patch = {"group": {"legal_form": "part_of_host", "host": HOST}}
    assert one("VI104", patch) == (
        "$.group.legal_form",
        (
            "the group is recorded as part of its host and as taking its own money, "
            "personnel and policy decisions: confirm both"
        ),
        {"legal_form": "part_of_host", "controls": 3},
    )


@pytest.mark.parametrize(
    "patch",
    [{"group": None}, {"group": {"host": HOST}}],
    ids=["no-group", "hosted-but-not-part-of-it"],
)
def test_vi104_is_silent_without_a_contradiction(patch):
    assert fired("VI104", patch) == []


# -- VI110: no working definition ----------------------------------------------------------------


@pytest.mark.parametrize(("value", "said"), [(False, "no"), (None, "not stated")])
def test_vi110_reports_the_commissioners_answer(value, said):
    data = portfolio_data()
    data["commissioner"]["has_definition"] = value
    assert exactly(portfolio_findings("VI110", data)) == [
        (
            "$.commissioner.has_definition",
            f"working definition of a user or carer group: {said}",
            {"has_definition": value},
        )
    ]


# -- VI111: the group's own word differs from its facts ------------------------------------------


def test_vi111_reports_both_classes_and_the_count():
    assert one("VI111", {"group": {"self_described": "led"}}) == (
        "$.group.self_described",
        "the group describes itself as led, but its facts give run: 7 of 7 decision-makers count",
        {"self_described": "led", "leadership": "run", "counting": 7, "decision_makers": 7},
    )


def test_vi111_reports_a_group_that_calls_itself_run_but_is_neither():
    patch = merge_patch(_body(STAFF, STAFF, USER), {"group": {"self_described": "run"}})
    assert one("VI111", patch)[2] == {
        "self_described": "run",
        "leadership": "neither",
        "counting": 1,
        "decision_makers": 3,
    }


@pytest.mark.parametrize(
    "patch",
    [
        {"group": {"self_described": "run"}},
        {"group": {"self_described": None}},
        merge_patch(_body(), {"group": {"self_described": "run"}}),
        {"group": None},
    ],
    ids=["agrees", "says-nothing", "decision-makers-not-recorded", "no-group"],
)
def test_vi111_is_silent_unless_the_group_and_its_facts_differ(patch):
    assert fired("VI111", patch) == []


def test_the_exemplary_agreement_draws_none_of_these_rules():
    codes = {"VI101", "VI102", "VI103", "VI104", "VI111"}
    assert [f.code for f in check_contract(EXEMPLAR).findings if f.code in codes] == []

"""The VI5xx rules (rules/involvement.py) state exactly what they report, and when they stay silent.

The exemplary portfolio has two unpaid seats on the local implementation team, one held by a
service user for service users and one by a carer for carers; users and carers take part from
the strategy stage, in tendering, and the commissioner knows its duty.  Each test changes one
fact and writes out what the rule must say.
"""

import copy

import pytest

from exemplar_checks import (
    EXEMPLAR,
    contract_findings,
    exactly,
    portfolio_data,
    portfolio_findings,
)
from valuing_involvement import check_contract

PAID_CARER_WORKER = {
    "body": "partnership_board",
    "speaks_for": "carers",
    "holder_roles": [],
    "paid": True,
    "name": None,
}
NAMED_JOINT_WORKER = {
    "body": "other",
    "speaks_for": "service_users_and_carers",
    "holder_roles": [],
    "paid": True,
    "name": "Lowmoor Mental Health Forum",
}


def _with_involvement(**changes):
    data = portfolio_data()
    data["involvement"].update(changes)
    return data


def _without_involvement():
    data = portfolio_data()
    del data["involvement"]
    return data


# -- VI501, VI503: the agreement -----------------------------------------------------------------


def test_vi501_reports_representation_by_paid_workers():
    assert exactly(contract_findings("VI501", {"representation": "paid_workers"})) == [
        (
            "$.representation",
            (
                "the group is represented on commissioning bodies by paid workers who are not "
                "service users or carers"
            ),
            {"representation": "paid_workers"},
        )
    ]


def test_vi503_names_what_the_group_lacks_and_the_agreement_does_not_provide():
    # The group has premises and photocopying; the agreement provides telephones.
    patch = {
        "group": {"infrastructure": ["photocopying", "premises"]},
        "infrastructure": ["telephones"],
    }
    assert exactly(contract_findings("VI503", patch)) == [
        (
            "$.infrastructure",
            "the group lacks computers and the agreement provides none of it",
            {"unmet": "computers"},
        )
    ]


def test_vi503_lists_what_is_lacking_in_a_fixed_order():
    patch = {"group": {"infrastructure": []}}
    assert exactly(contract_findings("VI503", patch))[0][2] == {
        "unmet": "premises, telephones, computers, photocopying"
    }


@pytest.mark.parametrize(
    "patch",
    [
        {"group": {"infrastructure": ["computers", "photocopying", "premises", "telephones"]}},
        {
            "group": {"infrastructure": ["premises"]},
            "infrastructure": ["computers", "photocopying", "telephones"],
        },
        {"group": {"infrastructure": None}},
        {"group": None},
    ],
    ids=["group-lacks-nothing", "agreement-provides-the-rest", "needs-unknown", "no-group"],
)
def test_vi503_is_silent_unless_a_known_need_is_unmet(patch):
    assert contract_findings("VI503", patch) == []


# -- VI502: involvement from the strategy stage --------------------------------------------------


def test_vi502_reports_no_involvement_at_the_involved_flag():
    data = _with_involvement(involved=False, starts_at=None)
    assert exactly(portfolio_findings("VI502", data)) == [
        (
            "$.involvement.involved",
            "users and carers take no part in commissioning",
            {"involved": False, "starts_at": None},
        )
    ]


NOT_RECORDED = (
    "the stage from which users and carers take part in commissioning is not recorded, so "
    "involvement from the strategy stage cannot be shown"
)


def test_vi502_reports_an_unrecorded_stage():
    assert exactly(portfolio_findings("VI502", _with_involvement(starts_at=None))) == [
        ("$.involvement.starts_at", NOT_RECORDED, {"involved": True, "starts_at": None})
    ]


def test_vi502_reports_nothing_recorded_as_not_recorded_rather_than_not_involved():
    assert exactly(portfolio_findings("VI502", _without_involvement())) == [
        ("$.involvement.starts_at", NOT_RECORDED, {"involved": None, "starts_at": None})
    ]


@pytest.mark.parametrize(
    ("stage", "words"),
    [("specification", "specification"), ("monitoring", "monitoring")],
)
def test_vi502_reports_any_stage_after_the_strategy(stage, words):
    assert exactly(portfolio_findings("VI502", _with_involvement(starts_at=stage))) == [
        (
            "$.involvement.starts_at",
            (
                f"users and carers take part in commissioning only from the {words} stage, "
                "after the strategy is built"
            ),
            {"involved": True, "starts_at": stage},
        )
    ]


@pytest.mark.parametrize("stage", ["strategy", "needs_assessment"])
def test_vi502_is_silent_from_the_strategy_stage_or_the_needs_assessment_before_it(stage):
    assert portfolio_findings("VI502", _with_involvement(starts_at=stage)) == []


def test_vi502_says_the_order_of_stages_beyond_the_strategy_is_ours():
    # G5(b) names only building the strategy; putting the needs assessment before it is ours.
    from valuing_involvement import RULES

    rationale = RULES["VI502"].rationale
    assert "this library's, not the source's" in rationale
    assert "needs assessment" in rationale


def test_the_needs_assessment_comes_before_the_strategy():
    from valuing_involvement.commissioners import Stage

    assert [stage.value for stage in Stage][:3] == ["needs_assessment", "strategy", "specification"]


# -- VI504, VI506: seats -------------------------------------------------------------------------


def test_a_paid_worker_in_the_carers_seat_is_reported_by_vi504_and_vi506():
    data = portfolio_data()
    data["involvement"]["seats"] = [data["involvement"]["seats"][0], PAID_CARER_WORKER]
    assert exactly(portfolio_findings("VI504", data)) == [
        (
            "$.involvement.seats[1]",
            (
                "the seat for carers on the partnership board is taken by a paid worker who is "
                "neither a service user nor a carer of that constituency"
            ),
            {"body": "partnership_board", "speaks_for": "carers", "paid": True, "holder_roles": 0},
        )
    ]
    assert exactly(portfolio_findings("VI506", data)) == [
        (
            "$.involvement.seats",
            (
                "carers hold no seat of their own on any commissioning body; "
                "they are spoken for on the partnership board by others"
            ),
            {"role": "carer", "seats": 2, "seats_speaking_for": 1},
        )
    ]


def test_a_named_body_is_called_by_its_name_and_a_joint_seat_speaks_for_both():
    data = portfolio_data()
    data["involvement"]["seats"] = [NAMED_JOINT_WORKER]
    assert exactly(portfolio_findings("VI504", data)) == [
        (
            "$.involvement.seats[0]",
            (
                "the seat for service users or carers on the Lowmoor Mental Health Forum "
                "is taken by a paid worker who is neither a service user nor a carer of that "
                "constituency"
            ),
            {
                "body": "other",
                "speaks_for": "service_users_and_carers",
                "paid": True,
                "holder_roles": 0,
            },
        )
    ]
    spoken_for = "spoken for on the Lowmoor Mental Health Forum by others"
    assert sorted(exactly(portfolio_findings("VI506", data))) == [
        (
            "$.involvement.seats",
            f"carers hold no seat of their own on any commissioning body; they are {spoken_for}",
            {"role": "carer", "seats": 1, "seats_speaking_for": 1},
        ),
        (
            "$.involvement.seats",
            "service users hold no seat of their own on any commissioning body; they are "
            + spoken_for,
            {"role": "service_user", "seats": 1, "seats_speaking_for": 1},
        ),
    ]


def test_vi506_joins_two_bodies_in_order_and_names_each_once():
    data = portfolio_data()
    board = dict(PAID_CARER_WORKER)
    team = dict(PAID_CARER_WORKER, body="local_implementation_team")
    data["involvement"]["seats"] = [data["involvement"]["seats"][0], board, team, dict(board)]
    [(_, message, evidence)] = exactly(portfolio_findings("VI506", data))
    assert message == (
        "carers hold no seat of their own on any commissioning body; they are spoken for on the "
        "local implementation team and partnership board by others"
    )
    assert evidence == {"role": "carer", "seats": 4, "seats_speaking_for": 3}


@pytest.mark.parametrize("data", [_without_involvement(), _with_involvement(seats=[])])
def test_vi506_is_silent_when_no_seat_is_recorded(data):
    # Missing data is unknown, not a statement that users and carers hold no seat.
    assert portfolio_findings("VI506", data) == []


def test_vi506_reports_both_constituencies_when_the_only_seat_is_a_workers():
    data = _with_involvement(seats=[dict(PAID_CARER_WORKER, speaks_for="service_users_and_carers")])
    assert sorted(f.evidence["role"] for f in portfolio_findings("VI506", data)) == [
        "carer",
        "service_user",
    ]


def test_vi504_leaves_a_paid_service_user_in_a_carers_seat_to_vi506():
    # G5(a) objects to paid workers who are not users or carers; a service user is one.
    data = portfolio_data()
    user_in_carers_seat = dict(PAID_CARER_WORKER, holder_roles=["service_user"])
    data["involvement"]["seats"] = [data["involvement"]["seats"][0], user_in_carers_seat]
    assert portfolio_findings("VI504", data) == []
    [finding] = portfolio_findings("VI506", data)
    assert finding.evidence["role"] == "carer"


def test_vi506_is_silent_while_a_holders_roles_are_unknown():
    data = portfolio_data()
    unknown = dict(PAID_CARER_WORKER, holder_roles=None)
    data["involvement"]["seats"] = [data["involvement"]["seats"][0], unknown]
    assert portfolio_findings("VI506", data) == []
    assert portfolio_findings("VI504", data) == []


def test_vi506_is_silent_when_one_seat_of_a_constituency_is_its_own():
    data = portfolio_data()
    data["involvement"]["seats"].append(PAID_CARER_WORKER)
    assert portfolio_findings("VI506", data) == []
    assert [f.path for f in portfolio_findings("VI504", data)] == ["$.involvement.seats[2]"]


# -- VI505: infrastructure the commissioner offers -----------------------------------------------


def test_vi505_names_the_group_and_what_nobody_provides():
    data = portfolio_data()
    data["commissioner"]["infrastructure_offered"] = ["premises"]
    data["groups"][0]["infrastructure"] = ["computers"]
    assert exactly(portfolio_findings("VI505", data)) == [
        (
            "$.commissioner.infrastructure_offered",
            (
                "Lowmoor Voices lacks telephones, photocopying, and neither the commissioner "
                "nor an agreement provides it"
            ),
            {"group": 0, "unmet": "telephones, photocopying"},
        )
    ]


def _two_groups_lacking_telephones(data):
    """A second group with its own agreement; both groups have all but telephones."""
    data["commissioner"]["infrastructure_offered"] = []
    data["groups"][0]["infrastructure"] = ["computers", "photocopying", "premises"]
    group = copy.deepcopy(data["groups"][0])
    group.update(name="Second Group", reference="G-2")
    contract = copy.deepcopy(data["contracts"][0])
    contract.update(reference="LJC-2007-015", group_reference="G-2")
    data["groups"].append(group)
    data["contracts"].append(contract)


def test_vi505_counts_only_what_a_groups_own_agreement_provides():
    data = portfolio_data()
    _two_groups_lacking_telephones(data)
    data["contracts"][0]["infrastructure"] = ["telephones"]
    assert exactly(portfolio_findings("VI505", data)) == [
        (
            "$.commissioner.infrastructure_offered",
            (
                "Second Group lacks telephones, and neither the commissioner nor an agreement "
                "provides it"
            ),
            {"group": 1, "unmet": "telephones"},
        )
    ]


def test_vi505_reports_each_group_in_need():
    data = portfolio_data()
    _two_groups_lacking_telephones(data)
    assert [f.evidence["group"] for f in portfolio_findings("VI505", data)] == [0, 1]


def test_vi505_is_silent_when_the_commissioner_offers_what_is_lacking():
    data = portfolio_data()
    _two_groups_lacking_telephones(data)
    data["commissioner"]["infrastructure_offered"] = ["telephones"]
    assert portfolio_findings("VI505", data) == []


# -- VI507, VI508: token involvement, the duty to involve ----------------------------------------


def test_vi507_reports_money_decided_outside_and_not_the_absence_of_tendering():
    data = _with_involvement(money_decided_outside=True, in_tendering=False)
    assert sorted(exactly(portfolio_findings("VI507", data))) == [
        (
            "$.involvement.money_decided_outside",
            "money is decided outside the meetings users and carers attend",
            {"money_decided_outside": True},
        ),
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"money_decided_outside": None, "in_tendering": None},
        {"money_decided_outside": False},
        {"money_decided_outside": False, "in_tendering": False},
    ],
    ids=["not-known", "decided-inside", "no-tendering-is-not-tokenism"],
)
def test_vi507_is_silent_unless_a_sign_is_recorded(changes):
    assert portfolio_findings("VI507", _with_involvement(**changes)) == []


def test_vi508_reports_a_duty_not_known():
    assert exactly(portfolio_findings("VI508", _with_involvement(duty_known=False))) == [
        (
            "$.involvement.duty_known",
            (
                "the commissioner is not aware of its duties under section 11 of the Health and "
                "Social Care Act 2001"
            ),
            {"duty_known": False},
        )
    ]


def test_vi508_is_silent_when_awareness_is_not_recorded():
    assert portfolio_findings("VI508", _with_involvement(duty_known=None)) == []


@pytest.mark.parametrize("code", ["VI504", "VI507", "VI508"])
def test_rules_that_read_the_involvement_record_are_silent_without_one(code):
    assert portfolio_findings(code, _without_involvement()) == []


def test_the_exemplary_agreement_draws_neither_agreement_rule():
    codes = {"VI501", "VI503"}
    assert [f.code for f in check_contract(EXEMPLAR).findings if f.code in codes] == []


def test_vi503_reads_what_the_commissioner_offers_within_a_portfolio():
    # The group lacks telephones; its agreement provides none, but the commissioner offers
    # them to every group (VI505 reads the same offer).
    data = portfolio_data()
    data["groups"][0]["infrastructure"] = ["computers", "photocopying", "premises"]
    data["commissioner"]["infrastructure_offered"] = ["telephones"]
    assert portfolio_findings("VI503", data) == []
    data["commissioner"]["infrastructure_offered"] = []
    [finding] = portfolio_findings("VI503", data)
    assert finding.message == (
        "the group lacks telephones and the agreement provides none of it, nor does the "
        "commissioner offer it"
    )


def test_vi508_keeps_the_sources_hedges_and_adds_nothing_the_statute_requires():
    from valuing_involvement import RULES

    rule = RULES["VI508"]
    assert "if so" in rule.rationale
    assert "impression" in rule.rationale
    assert "to involve users in planning" not in rule.rationale
    # Nor does the remedy assert what became of the section since 2007.
    assert "the law that replaced it" not in rule.remedy


def test_vi507_does_not_put_one_groups_words_in_the_mouths_of_all_six():
    # §2.18: 6 of 29 groups called their involvement limited; one quotation says "only token",
    # two say decisions were taken outside the meetings.  The rationale must not make all six
    # say both.
    from valuing_involvement import RULES

    rationale = RULES["VI507"].rationale
    assert "6 called their involvement limited" in rationale
    assert "one called it token" in rationale
    assert "limited -- 'only token'" not in rationale

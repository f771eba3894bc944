"""The VI2xx rules (rules/objectives.py) state exactly what they report, and when they stay silent.

Activities are named in the order of ``Activity`` (involvement, support, services, advocacy,
training, monitoring, campaigning, cultural work, ...), with underscores read as spaces.  The
expected values below are written out by hand, not computed from the module's tables.
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
from valuing_involvement.groups import Activity
from valuing_involvement.rules.objectives import INVOLVEMENT_WORK, LED_SERVICE_WORK, SERVICE_WORK

NEITHER_BODY = {"members": [{"paid": True}, {"paid": True}, {"roles": ["carer"]}]}


def test_involvement_and_service_work_are_the_activities_of_section_2_5():
    # Training professionals is listed under involvement in §2.5.
    assert {Activity.INVOLVEMENT, Activity.MONITORING, Activity.TRAINING} == INVOLVEMENT_WORK
    assert {Activity.SUPPORT, Activity.SERVICES, Activity.ADVOCACY} == SERVICE_WORK
    # §2.14 lists information and advice among the services groups provide.
    assert SERVICE_WORK | {Activity.INFORMATION} == LED_SERVICE_WORK


# -- VI201: only involvement bought --------------------------------------------------------------


def test_vi201_names_what_is_bought_and_the_groups_other_work():
    found = contract_findings("VI201", {"roles_bought": ["monitoring", "involvement"]})
    assert exactly(found) == [
        (
            "$.roles_bought",
            (
                "the agreement buys only involvement, monitoring, though the group also does "
                "support, campaigning, cultural work; checked alone, it cannot tell whether "
                "another agreement buys that"
            ),
            {
                "roles_bought": "involvement, monitoring",
                "group_activities": "support, campaigning, cultural work",
                "across_agreements": False,
            },
        )
    ]


def test_vi201_reports_monitoring_alone_and_names_the_other_work_in_order():
    patch = {
        "roles_bought": ["monitoring"],
        "group": {"activities": ["monitoring", "training", "advocacy"]},
    }
    assert exactly(contract_findings("VI201", patch)) == [
        (
            "$.roles_bought",
            (
                "the agreement buys only monitoring, though the group also does advocacy; "
                "checked alone, it cannot tell whether another agreement buys that"
            ),
            {
                "roles_bought": "monitoring",
                "group_activities": "advocacy",
                "across_agreements": False,
            },
        )
    ]


@pytest.mark.parametrize(
    "patch",
    [
        {"roles_bought": ["involvement", "support"]},
        {"roles_bought": []},
        {"roles_bought": ["involvement"], "group": None},
        {"roles_bought": ["involvement"], "group": {"activities": ["involvement", "monitoring"]}},
        {"roles_bought": ["involvement"], "group": {"activities": ["involvement", "training"]}},
    ],
    ids=[
        "support-too",
        "roles-unknown",
        "no-group",
        "group-does-involvement-only",
        "training-professionals-is-involvement",
    ],
)
def test_vi201_is_silent_unless_involvement_alone_is_bought_from_a_group_doing_more(patch):
    assert contract_findings("VI201", patch) == []


# -- VI202: no aims ------------------------------------------------------------------------------


def test_vi202_reports_no_aims_with_a_count_of_zero():
    assert exactly(contract_findings("VI202", {"aims": []})) == [
        ("$.aims", "the agreement states no aims", {"aims": 0})
    ]


def test_vi202_is_silent_for_one_aim():
    assert contract_findings("VI202", {"aims": ["Run peer support groups"]}) == []


# -- VI210, VI215, VI216: the strategy -----------------------------------------------------------


def test_vi210_says_no_strategy_is_recorded():
    data = portfolio_data()
    del data["strategy"]
    assert exactly(portfolio_findings("VI210", data)) == [
        (
            "$.strategy",
            "no strategy is recorded for commissioning user and carer groups",
            {"strategy": False, "written": False},
        )
    ]


def test_vi210_says_the_strategy_is_not_written_down():
    data = portfolio_data()
    data["strategy"]["written"] = False
    assert exactly(portfolio_findings("VI210", data)) == [
        (
            "$.strategy",
            "the strategy is not written down for commissioning user and carer groups",
            {"strategy": True, "written": False},
        )
    ]


def test_vi210_is_silent_when_the_strategy_does_not_say_whether_it_is_written():
    data = portfolio_data()
    del data["strategy"]["written"]
    assert portfolio_findings("VI210", data) == []
    assert portfolio_findings("VI325", data) == []


@pytest.mark.parametrize("code", ["VI215", "VI216", "VI217", "VI211", "VI214"])
def test_the_strategy_rules_are_silent_when_there_is_no_strategy(code):
    # VI210 reports the missing strategy; what it would hold is not reported again.
    data = portfolio_data()
    del data["strategy"]
    assert portfolio_findings(code, data) == []


def test_vi215_reports_no_objectives_with_a_count_of_zero():
    data = portfolio_data()
    data["strategy"]["objectives"] = []
    assert exactly(portfolio_findings("VI215", data)) == [
        (
            "$.strategy.objectives",
            "the strategy names no objectives for commissioning user and carer groups",
            {"objectives": 0},
        )
    ]


def test_vi216_reports_the_missing_factor():
    data = portfolio_data()
    data["strategy"]["takes_account_of"] = ["flexibility"]
    assert exactly(portfolio_findings("VI216", data)) == [
        (
            "$.strategy.takes_account_of",
            "the strategy does not take into account the views of user and carer groups",
            {"missing": "groups_views"},
        )
    ]


def test_vi216_is_silent_when_the_groups_views_are_the_only_factor():
    data = portfolio_data()
    data["strategy"]["takes_account_of"] = ["groups_views"]
    assert portfolio_findings("VI216", data) == []


# -- VI220: every agreement buys involvement alone -----------------------------------------------


def _second_agreement(data, *, roles_bought, activities, body=None):
    """Add an agreement with a second group, ``G-2``, to the portfolio ``data``."""
    contract = copy.deepcopy(data["contracts"][0])
    contract.update(reference="LJC-2007-015", group_reference="G-2", roles_bought=roles_bought)
    group = copy.deepcopy(data["groups"][0])
    group.update(name="Second Group", reference="G-2", activities=activities)
    if body is not None:
        group["decision_body"] = body
    data["contracts"].append(contract)
    data["groups"].append(group)


def test_vi220_counts_the_agreements_and_joins_the_groups_other_work():
    data = portfolio_data()
    data["contracts"][0]["roles_bought"] = ["monitoring"]
    _second_agreement(data, roles_bought=["involvement"], activities=["advocacy", "involvement"])
    assert exactly(portfolio_findings("VI220", data)) == [
        (
            "$.contracts",
            (
                "every agreement buys involvement work alone, though the groups also do "
                "support, advocacy, campaigning, cultural work"
            ),
            {"agreements": 2, "group_activities": "support, advocacy, campaigning, cultural work"},
        )
    ]


def _another_agreement_with_the_same_group(data, roles_bought):
    contract = copy.deepcopy(data["contracts"][0])
    contract.update(reference="LJC-2007-016", roles_bought=roles_bought)
    data["contracts"].append(contract)


def test_vi201_judges_a_group_across_all_its_agreements():
    # The first agreement buys involvement alone; a second one with the same group buys its
    # support: only the work no agreement buys is reported, once per involvement-only agreement.
    data = portfolio_data()
    data["contracts"][0]["roles_bought"] = ["involvement"]
    _another_agreement_with_the_same_group(data, ["support"])
    [finding] = portfolio_findings("VI201", data)
    assert finding.path == "$.contracts[0].roles_bought"
    assert finding.message == (
        "the agreement buys only involvement, though the group also does campaigning, cultural "
        "work, and no other agreement buys it"
    )
    assert finding.evidence["across_agreements"] is True


def test_vi201_is_silent_when_the_groups_other_agreements_buy_all_its_other_work():
    data = portfolio_data()
    data["contracts"][0]["roles_bought"] = ["involvement"]
    _another_agreement_with_the_same_group(data, ["support", "campaigning", "cultural_work"])
    assert portfolio_findings("VI201", data) == []
    # An agreement with the group whose roles are not recorded may buy anything.
    data = portfolio_data()
    data["contracts"][0]["roles_bought"] = ["involvement"]
    _another_agreement_with_the_same_group(data, [])
    assert portfolio_findings("VI201", data) == []


@pytest.mark.parametrize(
    "second_roles",
    [["involvement", "support"], []],
    ids=["one-buys-support", "one-roles-unknown"],
)
def test_vi220_is_silent_unless_every_agreement_buys_involvement_alone(second_roles):
    data = portfolio_data()
    data["contracts"][0]["roles_bought"] = ["involvement"]
    _second_agreement(data, roles_bought=second_roles, activities=["training"])
    assert portfolio_findings("VI220", data) == []


def test_vi220_is_silent_when_the_groups_do_nothing_more():
    data = portfolio_data()
    data["contracts"][0]["roles_bought"] = ["involvement"]
    data["groups"][0]["activities"] = ["involvement", "monitoring"]
    assert portfolio_findings("VI220", data) == []


def test_vi220_is_silent_for_a_portfolio_with_no_agreements():
    data = portfolio_data()
    data["contracts"] = []
    assert portfolio_findings("VI220", data) == []


def test_vi220_reads_only_the_groups_it_knows():
    data = portfolio_data()
    data["contracts"][0]["roles_bought"] = ["involvement"]
    _second_agreement(data, roles_bought=["involvement"], activities=["training"])
    data["contracts"][1]["group_reference"] = None
    del data["groups"][1]
    assert exactly(portfolio_findings("VI220", data))[0][2] == {
        "agreements": 2,
        "group_activities": "support, campaigning, cultural work",
    }


# -- VI217: led services an objective, none bought -----------------------------------------------


def _services_from_neither(data):
    """Make the first agreement buy support from a group that two paid staff and a carer run."""
    data["contracts"][0]["roles_bought"] = ["support"]
    data["groups"][0]["decision_body"] = NEITHER_BODY


def test_vi217_reports_a_service_bought_only_from_a_group_led_by_others():
    data = portfolio_data()
    _services_from_neither(data)
    assert exactly(portfolio_findings("VI217", data)) == [
        (
            "$.strategy.objectives",
            (
                "the strategy aims at user- and carer-led services, but no agreement buys support, "
                "services, advocacy or information and advice from a group that is user or carer "
                "run or led"
            ),
            {"objective": "led_services", "agreements": 1},
        )
    ]


def test_vi217_passes_over_an_agreement_that_buys_no_service():
    # The run group's agreement buys involvement only: it is no led service, so it does not
    # silence the rule, and it is counted among the agreements.
    data = portfolio_data()
    _second_agreement(data, roles_bought=["involvement"], activities=["involvement"])
    _services_from_neither(data)
    assert exactly(portfolio_findings("VI217", data))[0][2] == {
        "objective": "led_services",
        "agreements": 2,
    }


@pytest.mark.parametrize(
    ("roles", "body"),
    [
        (["advocacy"], None),
        (
            ["services"],
            {"members": [{"paid": True}, {"roles": ["service_user"]}, {"roles": ["service_user"]}]},
        ),
        (["support"], {"members": []}),
    ],
    ids=["from-a-run-group", "from-a-led-group", "group-facts-missing"],
)
def test_vi217_is_silent_when_a_service_may_come_from_a_run_or_led_group(roles, body):
    data = portfolio_data()
    _second_agreement(data, roles_bought=roles, activities=["support"], body=body)
    _services_from_neither(data)
    assert portfolio_findings("VI217", data) == []


def test_vi217_is_silent_when_the_service_comes_from_a_group_not_known():
    data = portfolio_data()
    _services_from_neither(data)
    _second_agreement(data, roles_bought=["support"], activities=["support"])
    data["contracts"][1]["group_reference"] = None
    del data["groups"][1]
    assert portfolio_findings("VI217", data) == []


def test_vi217_is_silent_when_led_services_are_not_an_objective():
    data = portfolio_data()
    _services_from_neither(data)
    data["strategy"]["objectives"] = ["capacity_building", "support"]
    assert portfolio_findings("VI217", data) == []


def test_the_exemplary_agreement_draws_neither_agreement_rule():
    codes = {"VI201", "VI202"}
    assert [f.code for f in check_contract(EXEMPLAR).findings if f.code in codes] == []

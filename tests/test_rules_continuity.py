"""The VI3xx rules (rules/continuity.py) state exactly what they report, and when they stay silent.

The exemplary agreement pays £36,000 a year for three years (April 2007 to March 2010), says
overheads are funded, and has its renewal decided by 30 September 2009.  The costs used below
give a full cost of £45,000: £30,000 direct plus £40,000 of overheads apportioned by 1.5 of 4
staff, £15,000.  Every expected value is written out by hand.
"""

import copy
import decimal

import attrs
import pytest

from exemplar_checks import (
    EXEMPLAR,
    contract_findings,
    exactly,
    portfolio_data,
    portfolio_findings,
)
from valuing_involvement import Policy, check_contract
from valuing_involvement.rules.continuity import PARAMETERS

COSTS = {
    "direct": "30000.00",
    "overheads": "40000.00",
    "basis": "staff_time",
    "project_measure": "1.5",
    "organisation_measure": "4",
}
#: The same costs with £21,000 direct: a full cost of £36,000, exactly the price.
COSTS_AT_PRICE = dict(COSTS, direct="21000.00")


def test_the_thresholds_and_the_direction_that_loosens_them():
    table = {p.name: (p.default, p.looser, p.origin.value) for p in PARAMETERS}
    assert table == {
        "min-funding-months": (12, -1, "default"),
        "preferred-funding-months": (36, -1, "source"),
        "renewal-notice-months": (3, -1, "default"),
        "community-share": (decimal.Decimal("0.05"), 1, "default"),
        "short-funding-share": (decimal.Decimal("0.5"), 1, "default"),
    }


# -- VI301, VI302: the length of the period ------------------------------------------------------


def _period(end, decided):
    return {"period": {"start": "2007-04-01", "end": end}, "renewal_decision_by": decided}


def test_vi301_and_vi302_report_an_eleven_month_period():
    patch = _period("2008-02-29", "2007-10-31")
    assert exactly(contract_findings("VI301", patch)) == [
        (
            "$.period",
            "funded for 11 months, shorter than 12 months (our default `min-funding-months`)",
            {"months": 11, "min-funding-months": 12},
        )
    ]
    assert exactly(contract_findings("VI302", patch)) == [
        (
            "$.period",
            (
                "funded for 11 months, shorter than 36 months (the figure in §2.10, "
                "`preferred-funding-months`)"
            ),
            {"months": 11, "preferred-funding-months": 36},
        )
    ]


def test_vi301_is_silent_for_exactly_twelve_months_and_vi302_reports_them():
    patch = _period("2008-03-31", "2007-12-31")
    assert contract_findings("VI301", patch) == []
    assert exactly(contract_findings("VI302", patch))[0][2] == {
        "months": 12,
        "preferred-funding-months": 36,
    }


def test_vi302_is_silent_for_exactly_three_years_and_reports_35_months():
    assert contract_findings("VI302", {}) == []
    patch = _period("2010-02-28", "2009-10-31")
    assert exactly(contract_findings("VI302", patch))[0][2]["months"] == 35


def test_a_policy_minimum_is_named_as_the_policys():
    policy = Policy(parameters={"min-funding-months": 48})
    [finding] = [f for f in check_contract(EXEMPLAR, policy=policy).findings if f.code == "VI301"]
    assert dict(finding.evidence) == {"months": 36, "min-funding-months": 48}


# -- VI303: the renewal decision -----------------------------------------------------------------

_RENEWAL = {
    "period_end": "2010-03-31",
    "latest_decision": "2009-12-31",
    "renewal-notice-months": 3,
}
_DEFAULT_NOTICE = "3 months (our default `renewal-notice-months`)"


def test_vi303_reports_too_little_notice_promised():
    patch = {"renewal_decision_by": None, "renewal_notice_months": 2}
    assert exactly(contract_findings("VI303", patch)) == [
        (
            "$.renewal_notice_months",
            f"2 months' notice of renewal promised, less than {_DEFAULT_NOTICE}",
            {"renewal_decision_by": None, **_RENEWAL, "renewal_notice_months": 2},
        )
    ]


def test_vi303_is_silent_for_exactly_the_notice_the_policy_asks():
    patch = {"renewal_decision_by": None, "renewal_notice_months": 3}
    assert contract_findings("VI303", patch) == []


def test_vi303_reports_an_agreement_silent_on_renewal():
    assert exactly(contract_findings("VI303", {"renewal_decision_by": None})) == [
        (
            "$.renewal_decision_by",
            "the agreement does not say when the renewal decision will be made",
            {"renewal_decision_by": None, **_RENEWAL},
        )
    ]


@pytest.mark.parametrize("promised", [None, 6])
def test_vi303_reports_a_decision_a_day_late_whatever_notice_is_promised(promised):
    patch = {"renewal_decision_by": "2010-01-01", "renewal_notice_months": promised}
    assert exactly(contract_findings("VI303", patch)) == [
        (
            "$.renewal_decision_by",
            (
                f"renewal decided by 2010-01-01, less than {_DEFAULT_NOTICE} before the period "
                "ends on 2010-03-31"
            ),
            {**_RENEWAL, "renewal_decision_by": "2010-01-01"},
        )
    ]


def test_vi303_is_silent_for_a_decision_exactly_three_months_before_the_end():
    assert contract_findings("VI303", {"renewal_decision_by": "2009-12-31"}) == []


# -- VI304: overheads and full cost recovery -----------------------------------------------------

#: With £5,000 from a co-funder, the two pay £41,000 of the £45,000 full cost; pro rata the
#: agreement's part is 36/41 of it, £39,512.20, so it is short by its own part of the gap only.
_BELOW_PRO_RATA = (
    "$.amount_per_year",
    (
        "the price, £36,000.00, is below this agreement's part of the full cost, £39,512.20 "
        "(pro rata, of £45,000.00 full cost with overheads apportioned by staff time; "
        "co-funders pay £5,000.00)"
    ),
    {
        "amount_per_year": "36000.00",
        "full_cost": "45000.00",
        "overhead_share": "15000.00",
        "other_funding": "5000.00",
        "agreed_share": None,
        "agreement_share": "39512.20",
        "share_basis": "pro rata",
    },
)
_SAYS_EXCLUDED = (
    "$.overheads_funded",
    "the agreement records that the price leaves out overheads",
    {"overheads_funded": False, "amount_per_year": "36000.00"},
)


def _vi304(*, funded, costs, period=None):
    patch = {"overheads_funded": funded, "costs": costs}
    if period is not None:
        patch["period"] = period
    return sorted(exactly(contract_findings("VI304", patch)))


def test_vi304_a_sole_funder_below_full_cost_disagrees_with_overheads_funded():
    assert _vi304(funded=True, costs=dict(COSTS, other_funding="0.00")) == [
        (
            "$.amount_per_year",
            (
                "the price, £36,000.00, is below this agreement's part of the full cost, "
                "£45,000.00 (sole funder, of £45,000.00 full cost with overheads apportioned by "
                "staff time)"
            ),
            {
                "amount_per_year": "36000.00",
                "full_cost": "45000.00",
                "overhead_share": "15000.00",
                "other_funding": "0.00",
                "agreed_share": None,
                "agreement_share": "45000.00",
                "share_basis": "sole funder",
            },
        ),
        (
            "$.overheads_funded",
            (
                "the agreement records overheads as funded, but its costs put the price below "
                "its part of the full cost; the costs are taken, so correct the record"
            ),
            {"overheads_funded": True, "price_below_share": True},
        ),
    ]


def test_vi304_a_price_below_its_pro_rata_part_with_overheads_not_stated_is_reported_once():
    assert _vi304(funded=None, costs=dict(COSTS, other_funding="5000.00")) == [_BELOW_PRO_RATA]


def test_vi304_a_price_below_its_part_with_overheads_excluded_is_reported_once():
    # The record agrees with the costs: one finding, on the price.
    assert _vi304(funded=False, costs=dict(COSTS, other_funding="5000.00")) == [_BELOW_PRO_RATA]


def test_vi304_a_co_funder_paying_direct_costs_only_leaves_its_own_part_unpaid():
    # The case: full cost £27,500; a co-funder pays £10,000 of direct costs only and
    # this agreement pays half the full cost, £13,750.  The old rule asked this agreement for
    # £17,500 (full cost less the co-funder's payment).  Pro rata its part is 13,750/23,750.
    costs = dict(COSTS, direct="20000.00", overheads="7500.00", project_measure="1",
                 organisation_measure="1", other_funding="10000.00")  # fmt: skip
    found = contract_findings(
        "VI304", {"amount_per_year": "13750.00", "overheads_funded": None, "costs": costs}
    )
    [finding] = found
    assert finding.evidence["agreement_share"] == "15921.05"
    assert finding.evidence["share_basis"] == "pro rata"


def test_vi304_a_stated_share_is_the_agreements_part():
    costs = dict(COSTS, agreed_share="0.8")  # 80% of £45,000 = £36,000, exactly the price
    assert _vi304(funded=True, costs=costs) == []
    [hit] = _vi304(funded=True, costs=dict(COSTS, agreed_share="0.81"))[:1]
    assert hit[2]["agreement_share"] == "36450.00"
    assert hit[2]["share_basis"] == "as agreed"


def test_vi304_overheads_said_excluded_though_the_price_meets_the_share():
    expected = [
        (
            "$.overheads_funded",
            (
                "the agreement records overheads as not funded, but its costs put the price at "
                "or above its part of the full cost; the costs are taken, so correct the record"
            ),
            {"overheads_funded": False, "price_below_share": False},
        )
    ]
    assert _vi304(funded=False, costs=dict(COSTS, other_funding="9000.00")) == expected
    # With co-funding unknown, a price of exactly the full cost meets it as well.
    assert _vi304(funded=False, costs=COSTS_AT_PRICE) == expected


def test_vi304_the_record_is_not_flagged_as_a_contradiction_in_the_catalogue():
    from valuing_involvement import RULES

    rule = RULES["VI304"]
    assert rule.contradiction is False
    assert rule.severity.value == "advice"
    assert "HM Treasury" in rule.rationale


def test_vi304_overheads_excluded_with_no_costs_given():
    assert _vi304(funded=False, costs=None) == [_SAYS_EXCLUDED]


@pytest.mark.parametrize(
    ("funded", "costs"),
    [
        (True, dict(COSTS, other_funding="9000.00")),  # the price is exactly its share
        (None, dict(COSTS, other_funding="9000.00")),  # the costs show it: nothing is unknown
        (None, COSTS_AT_PRICE),  # the price is exactly the full cost, co-funding unknown
        (True, COSTS),  # below full cost, but co-funders may pay the rest
        (True, None),
        (None, None),  # the agreement does not say: unknown, not a finding
        (None, COSTS),  # nor do the costs, without what co-funders pay
    ],
    ids=[
        "at-share",
        "at-share-not-stated",
        "at-full-cost",
        "co-funding-unknown",
        "no-costs",
        "not-stated",
        "not-stated-co-funding-unknown",
    ],
)
def test_vi304_is_silent_when_price_and_overheads_agree_or_cannot_be_told_apart(funded, costs):
    assert _vi304(funded=funded, costs=costs) == []


def test_vi304_is_silent_for_an_agreement_that_ended_before_april_2006():
    before = {"start": "2005-04-01", "end": "2006-03-31"}
    straddling = {"start": "2005-04-01", "end": "2006-04-01"}
    assert _vi304(funded=False, costs=None, period=before) == []
    assert _vi304(funded=False, costs=None, period=straddling) == [_SAYS_EXCLUDED]


# -- VI305, VI306: diversity targets -------------------------------------------------------------


def test_vi305_and_vi306_report_only_the_diversity_target():
    kpis = [
        {"description": "Hold six meetings", "kind": "output", "agreed_with_group": False},
        {
            "description": "Reach the Somali community",
            "kind": "diversity",
            "agreed_with_group": False,
            "supported": False,
        },
    ]
    assert exactly(contract_findings("VI305", {"kpis": kpis})) == [
        (
            "$.kpis[1]",
            "diversity target 'Reach the Somali community' was not developed with the group",
            {"kpi": "Reach the Somali community", "agreed_with_group": False},
        )
    ]
    assert exactly(contract_findings("VI306", {"kpis": kpis})) == [
        (
            "$.kpis[1]",
            "no help is offered to meet diversity target 'Reach the Somali community'",
            {"kpi": "Reach the Somali community", "supported": False},
        )
    ]


# -- VI326: open to all ----------------------------------------------------------------------------


def test_vi326_names_the_group():
    assert exactly(
        contract_findings("VI326", {"group": {"diversity_approach": "open_to_all"}})
    ) == [
        (
            "$.group.diversity_approach",
            "Lowmoor Voices approaches diversity only by being open to everyone",
            {"diversity_approach": "open_to_all"},
        )
    ]


def test_vi326_is_silent_without_a_group():
    assert contract_findings("VI326", {"group": None}) == []


# -- VI320, VI321, VI324, VI325, VI340: the commissioner and the strategy ------------------------


@pytest.mark.parametrize(
    ("encourages", "helps", "said"),
    [
        (True, False, "encourages applications: yes; helps with them: no"),
        (None, True, "encourages applications: not stated; helps with them: yes"),
    ],
)
def test_vi320_reports_either_answer_that_is_not_yes(encourages, helps, said):
    data = portfolio_data()
    data["commissioner"].update(encourages_applications=encourages, helps_with_applications=helps)
    assert exactly(portfolio_findings("VI320", data)) == [
        (
            "$.commissioner.encourages_applications",
            said,
            {"encourages_applications": encourages, "helps_with_applications": helps},
        )
    ]


def test_vi321_and_vi340_report_the_commissioners_answers():
    data = portfolio_data()
    data["commissioner"].update(budget_identifiable=None, advises_on_other_funding=False)
    assert exactly(portfolio_findings("VI321", data)) == [
        (
            "$.commissioner.advises_on_other_funding",
            "advice on other sources of funding: no",
            {"advises_on_other_funding": False},
        )
    ]
    assert exactly(portfolio_findings("VI340", data)) == [
        (
            "$.commissioner.budget_identifiable",
            "an identifiable budget for user and carer groups: not stated",
            {"budget_identifiable": None},
        )
    ]


def test_vi324_lists_each_missing_aid_in_order():
    data = portfolio_data()
    data["commissioner"]["application_route"] = ["short_forms", "clear_criteria"]
    assert exactly(portfolio_findings("VI324", data)) == [
        (
            "$.commissioner.application_route",
            (
                "the route to apply has no written guidance on how to apply, no stated timescales, "
                "no outreach to less well networked groups"
            ),
            {"missing": "written_guidance, timescales, outreach"},
        )
    ]


def test_vi325_reports_a_written_strategy_kept_to_the_commissioner():
    data = portfolio_data()
    data["strategy"]["published"] = False
    assert exactly(portfolio_findings("VI325", data)) == [
        (
            "$.strategy.published",
            "the strategy is written but not published",
            {"written": True, "published": False},
        )
    ]


def test_vi325_is_silent_for_an_unwritten_strategy_or_none():
    # VI210 reports a strategy not written down; it cannot be published unwritten.
    data = portfolio_data()
    data["strategy"].update(written=False, published=False)
    assert portfolio_findings("VI325", data) == []
    del data["strategy"]
    assert portfolio_findings("VI325", data) == []


# -- VI322: communities unserved -----------------------------------------------------------------


def _with_community(share):
    data = portfolio_data()
    somali = {"name": "Somali", "dimension": "ethnicity", "share": share}
    data["population"]["communities"].append(somali)
    return data


def test_vi322_reports_a_community_of_exactly_the_share():
    assert exactly(portfolio_findings("VI322", _with_community("0.05"))) == [
        (
            "$.population.communities[1]",
            (
                "no commissioned group serves or reflects Somali (ethnicity), 5% of the "
                "population (at least 5% (our default `community-share`))"
            ),
            {
                "community": "Somali",
                "share": "0.05",
                "covered_by": "somali",
                "commissioned_groups": 1,
                "parts_served": None,
                "near_names": None,
                "community-share": "0.05",
            },
        )
    ]


def test_vi322_is_silent_for_a_smaller_community_or_no_population():
    assert portfolio_findings("VI322", _with_community("0.04")) == []
    data = _with_community("0.5")
    del data["population"]
    assert portfolio_findings("VI322", data) == []


# -- VI323: mostly short funding -----------------------------------------------------------------


def _with_short_agreements(count):
    """Add ``count`` one-year agreements to the portfolio's three-year one."""
    data = portfolio_data()
    for number in range(count):
        contract = copy.deepcopy(data["contracts"][0])
        contract.update(
            reference=f"LJC-2007-{20 + number}",
            period={"start": "2007-04-01", "end": "2008-03-31"},
            renewal_decision_by="2007-12-31",
        )
        data["contracts"].append(contract)
    return data


def test_vi323_reports_two_short_agreements_of_three():
    assert exactly(portfolio_findings("VI323", _with_short_agreements(2))) == [
        (
            "$.contracts",
            (
                "2 of 3 agreements run for less than 36 months, more than 50% (our default "
                "`short-funding-share`) of them"
            ),
            {
                "short": 2,
                "agreements": 3,
                "preferred-funding-months": 36,
                "short-funding-share": "0.5",
            },
        )
    ]


@pytest.mark.parametrize("short", [0, 1], ids=["none-short", "exactly-half-short"])
def test_vi323_is_silent_unless_more_than_half_are_short(short):
    assert portfolio_findings("VI323", _with_short_agreements(short)) == []


def test_vi323_is_silent_for_a_portfolio_with_no_agreements():
    data = portfolio_data()
    data["contracts"] = []
    assert portfolio_findings("VI323", data) == []


# -- VI330, VI341: indirect money, commitments against the budget --------------------------------


def test_vi330_reports_only_the_money_without_a_ring_fence():
    data = portfolio_data()
    data["indirect"] = [
        {"via": "Mind", "amount_per_year": "1500.50", "ring_fenced": True},
        {"via": "Borough NHS Trust", "amount_per_year": "20000.00", "ring_fenced": False},
        # Not stated: unknown, not reported.
        {"via": "Lowmoor Council", "amount_per_year": "5000.00"},
    ]
    assert exactly(portfolio_findings("VI330", data)) == [
        (
            "$.indirect[1]",
            "£20,000.00 a year passes through Borough NHS Trust without a ring fence",
            {"via": "Borough NHS Trust", "amount_per_year": "20000.00"},
        )
    ]


def test_vi341_reports_each_financial_year_over_budget_by_a_penny():
    data = portfolio_data()
    data["commissioner"]["annual_budget"] = "35999.99"
    assert exactly(portfolio_findings("VI341", data)) == [
        (
            "$.commissioner.annual_budget",
            f"agreements commit £36,000.00 in {year}, over the £35,999.99 budget",
            {"year": year, "committed": "36000.00", "budget": "35999.99"},
        )
        for year in ("2007-08", "2008-09", "2009-10")
    ]


@pytest.mark.parametrize("budget", ["36000.00", None], ids=["exactly-on-budget", "no-budget"])
def test_vi341_is_silent_within_the_budget_or_without_one(budget):
    data = portfolio_data()
    data["commissioner"]["annual_budget"] = budget
    assert portfolio_findings("VI341", data) == []


def test_the_exemplary_agreement_draws_none_of_the_agreement_rules():
    codes = {"VI301", "VI302", "VI303", "VI304", "VI305", "VI306", "VI326"}
    assert [f.code for f in check_contract(EXEMPLAR).findings if f.code in codes] == []


# -- VI303: one definition of "N months before the end", month ends included ----------------------

import calendar  # noqa: E402 -- kept beside the tests that use it
import datetime as dt  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from valuing_involvement.funding import months_before, notice_left  # noqa: E402


def _month_end(year, month):
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@pytest.mark.parametrize(
    ("end", "decided"),
    [("2010-03-31", "2009-12-31"), ("2010-04-30", "2010-01-31"), ("2010-06-30", "2010-03-31")],
)
def test_vi303_is_silent_for_a_decision_leaving_exactly_three_whole_months(end, decided):
    patch = {"period": {"start": "2007-04-01", "end": end}, "renewal_decision_by": decided}
    assert contract_findings("VI303", patch) == []
    late = (dt.date.fromisoformat(decided) + dt.timedelta(days=1)).isoformat()
    assert len(contract_findings("VI303", dict(patch, renewal_decision_by=late))) == 1


@given(
    st.integers(min_value=1901, max_value=2998),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=36),
)
def test_a_decision_on_a_month_end_leaves_whole_months_to_a_month_end(year, month, months):
    end = _month_end(year, month)
    before = end.replace(day=1) - dt.timedelta(days=1)  # the month end before ``end``'s month
    for _ in range(months - 1):
        before = before.replace(day=1) - dt.timedelta(days=1)
    assert months_before(end, months) == before
    assert notice_left(before, end) == months
    assert notice_left(before + dt.timedelta(days=1), end) == months - 1


@given(
    st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2998, 12, 31)),
    st.integers(min_value=1, max_value=36),
)
def test_months_before_is_the_last_day_that_leaves_the_notice(end, months):
    latest = months_before(end, months)
    assert notice_left(latest, end) >= months
    assert notice_left(latest + dt.timedelta(days=1), end) < months


@pytest.mark.parametrize("year", [2000, 2004, 2100, 2008])
def test_month_ends_across_february_in_leap_and_common_years(year):
    feb = _month_end(year, 2)
    assert months_before(_month_end(year, 5), 3) == feb
    assert notice_left(feb, _month_end(year, 5)) == 3
    assert months_before(feb, 1) == dt.date(year, 1, 31)


# -- VI322: only commissioned groups, and names folded but not guessed ---------------------------


def _with_somali_group(names, *, funded=True, part_of=None):
    data = _with_community("0.05")
    if part_of is not None:
        data["population"]["communities"].append(
            {"name": part_of, "dimension": "ethnicity", "share": "0.02", "part_of": "Somali"}
        )
    group = copy.deepcopy(data["groups"][0])
    group.update(name="Somali Voices", reference="SV-001", communities=names)
    data["groups"].append(group)
    if funded:
        contract = copy.deepcopy(data["contracts"][0])
        contract.update(reference="LJC-2007-099", group_reference="SV-001")
        data["contracts"].append(contract)
    return data


def test_vi322_counts_only_groups_an_agreement_funds():
    assert portfolio_findings("VI322", _with_somali_group(["Somali"])) == []
    [finding] = portfolio_findings("VI322", _with_somali_group(["Somali"], funded=False))
    assert finding.evidence["commissioned_groups"] == 1


def test_vi322_folds_case_spacing_and_punctuation_only():
    assert portfolio_findings("VI322", _with_somali_group(["  SOMALI. "])) == []
    [finding] = portfolio_findings("VI322", _with_somali_group(["Somali women"]))
    assert finding.evidence["near_names"] == "Somali women"
    assert "not counted as it: Somali women" in finding.message


def test_vi322_names_a_part_the_caller_states_without_counting_it_as_the_whole():
    [finding] = portfolio_findings(
        "VI322", _with_somali_group(["Somali women"], part_of="Somali women")
    )
    assert finding.evidence["parts_served"] == "Somali women"
    assert finding.evidence["near_names"] is None


def test_vi320_counts_the_21_groups_that_answered():
    from valuing_involvement import RULES

    assert "14 of the 21 groups that answered" in RULES["VI320"].rationale


# -- footnote 2: each funder's part of the full cost ---------------------------------------------

from valuing_involvement.costs import Basis, Costs  # noqa: E402

_POUNDS = st.integers(min_value=1, max_value=10**6).map(decimal.Decimal)


@given(_POUNDS, _POUNDS, _POUNDS, _POUNDS)
def test_pro_rata_parts_add_up_to_the_full_cost_and_split_the_gap(direct, overheads, price, other):
    costs = Costs(direct=direct, overheads=overheads, basis=Basis.EXPENDITURE,
                  project_measure=decimal.Decimal(1), organisation_measure=decimal.Decimal(1),
                  other_funding=other)  # fmt: skip
    mine = costs.agreement_share(price)
    theirs = costs.full_cost * other / (price + other)
    assert abs(mine + theirs - costs.full_cost) <= decimal.Decimal("0.01")
    # Short of its part exactly when the funders together pay less than the full cost, and
    # then by no more than the whole gap: never by another funder's part of it.
    gap = costs.full_cost - price - other
    if price < mine:
        assert gap > 0
        assert mine - price <= gap + decimal.Decimal("0.01")


def test_a_stated_share_outranks_pro_rata_and_must_be_a_fraction():
    one = decimal.Decimal(1)
    costs = Costs(direct=decimal.Decimal(100), overheads=decimal.Decimal(0),
                  basis=Basis.EXPENDITURE, project_measure=one, organisation_measure=one,
                  agreed_share=decimal.Decimal("0.25"))  # fmt: skip
    assert costs.agreement_share(decimal.Decimal(1)) == decimal.Decimal("25.00")
    with pytest.raises(ValueError, match="agreed_share"):
        attrs.evolve(costs, agreed_share=decimal.Decimal("1.5"))

"""Portfolio assessment, metrics, comparisons, full cost recovery and reference figures."""

import datetime as dt
import decimal
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles import share
from valuing_involvement import (
    FIGURES,
    Assessment,
    Basis,
    Community,
    Contract,
    Costs,
    FundingPeriod,
    Population,
    apportion,
    assess_portfolio,
    compare,
    compare_to_reference,
    example_portfolio,
    from_json,
)
from valuing_involvement.testing.strategies import COMMUNITY_NAMES, groups, portfolios

LOWMOOR = example_portfolio()
LENGTH_CODES = {"VI301", "VI302", "VI323"}
D = decimal.Decimal

#: Each example assesses a whole generated portfolio: a share of the profile's examples.
WHOLE = settings(max_examples=share(0.25))


@settings(max_examples=share(0.5))
@given(portfolios())
def test_no_rule_raises_on_any_portfolio(portfolio):
    assessment = assess_portfolio(portfolio)
    assert list(assessment.findings) == sorted(assessment.findings, key=lambda f: f.sort_key())
    assert all(f.path.startswith("$") for f in assessment.findings)


@settings(max_examples=share(0.1))
@given(portfolios())
def test_assessment_json_round_trips(portfolio):
    assessment = assess_portfolio(portfolio)
    assert from_json(assessment.to_json(), Assessment) == assessment


@WHOLE
@given(portfolios())
def test_spend_totals_equal_the_sum_of_the_agreements(portfolio):
    metrics = assess_portfolio(portfolio).metrics
    direct = sum((c.amount_per_year for c in portfolio.contracts), D(0))
    indirect = sum((i.amount_per_year for i in portfolio.indirect), D(0))
    assert metrics.spend_direct == direct
    assert metrics.spend_total == direct + indirect
    assert sum(metrics.spend_by_constituency.values(), D(0)) == direct
    # roles split each amount evenly, rounded to the penny per role
    assert abs(sum(metrics.spend_by_role.values(), D(0)) - direct) <= D("0.01") * 10 * len(
        portfolio.contracts
    )
    assert sum(metrics.groups_by_leadership.values()) == len(portfolio.groups)


@WHOLE
@given(portfolios(), st.randoms(use_true_random=False))
def test_metrics_are_invariant_under_reordering(portfolio, rng):
    groups_, contracts_ = list(portfolio.groups), list(portfolio.contracts)
    rng.shuffle(groups_)
    rng.shuffle(contracts_)
    shuffled = attrs.evolve(portfolio, groups=groups_, contracts=contracts_)
    assert assess_portfolio(shuffled).metrics == assess_portfolio(portfolio).metrics


@WHOLE
@given(portfolios())
def test_compare_with_itself_is_empty(portfolio):
    assert compare(portfolio, portfolio).empty


@WHOLE
@given(portfolios(), groups(host=st.none()), st.sampled_from(COMMUNITY_NAMES))
def test_adding_a_group_for_a_community_never_adds_a_coverage_finding(portfolio, group, name):
    before = {f.path for f in assess_portfolio(portfolio).findings if f.code == "VI322"}
    newcomer = attrs.evolve(group, reference="NEW", communities=[name])
    after_portfolio = attrs.evolve(portfolio, groups=[*portfolio.groups, newcomer])
    after = {f.path for f in assess_portfolio(after_portfolio).findings if f.code == "VI322"}
    assert after <= before


@WHOLE
@given(portfolios())
def test_three_year_agreements_never_add_funding_length_findings(portfolio):
    def three_years(contract: Contract) -> Contract:
        if contract.period is None:  # dates not known: the length alone becomes three years
            return attrs.evolve(contract, length_months=36, renewal_decision_by=None)
        return attrs.evolve(
            contract,
            period=FundingPeriod.from_months(contract.period.start, 36),
            renewal_decision_by=None,
        )

    longer = attrs.evolve(portfolio, contracts=[three_years(c) for c in portfolio.contracts])
    on = dt.date(2007, 4, 1)
    before = {f.path for f in assess_portfolio(portfolio, on=on).findings if f.code in LENGTH_CODES}
    after = {f.path for f in assess_portfolio(longer, on=on).findings if f.code in LENGTH_CODES}
    assert after <= before
    assert not after


def test_lowmoor_metrics():
    metrics = assess_portfolio(LOWMOOR).metrics
    assert metrics.spend_total == D("98000.00")
    assert metrics.spend_indirect == D("20000.00")
    assert metrics.agreements == 4
    assert metrics.multi_year_agreements == 2
    assert dict(metrics.groups_by_leadership) == {"run": 1, "led": 2, "neither": 2}
    served = {c.community: c.served_by for c in metrics.coverage}
    assert served["Bangladeshi"] == ()
    assert served["young people"] == ("Lowmoor Service User and Carer Forum",)
    assert dict(metrics.seats_by_representation) == {"direct": 1, "paid_workers": 1}


def test_agreement_findings_point_into_the_portfolio():
    paths = {f.path for f in assess_portfolio(LOWMOOR).findings if f.code == "VI101"}
    assert paths == {"$.contracts[2].funded_as"}


def test_compare_reports_added_resolved_and_metrics():
    with_trust_ring_fenced = attrs.evolve(
        LOWMOOR, indirect=[attrs.evolve(LOWMOOR.indirect[0], ring_fenced=True)]
    )
    diff = compare(LOWMOOR, with_trust_ring_fenced)
    assert [f.code for f in diff.resolved] == ["VI330"]
    assert diff.added == ()
    assert diff.metrics == {}
    dropped = attrs.evolve(LOWMOOR, indirect=())
    assert compare(LOWMOOR, dropped).metrics["spend_total"] == (D("98000.00"), D("78000.00"))
    assert "- VI330" in str(compare(LOWMOOR, dropped))


def test_portfolio_refuses_unknown_group_references():
    contract = attrs.evolve(LOWMOOR.contracts[0], group_reference="NOPE")
    with pytest.raises(ValueError, match="NOPE"):
        attrs.evolve(LOWMOOR, contracts=[contract])
    twin = attrs.evolve(LOWMOOR.groups[1], reference=LOWMOOR.groups[0].reference)
    with pytest.raises(ValueError, match=r"\$\.groups\[1\]\.reference: reference 'LV-001' is alr"):
        attrs.evolve(LOWMOOR, groups=[LOWMOOR.groups[0], twin], contracts=[])


def test_population_shares_are_checked():
    with pytest.raises(ValueError, match="between 0 and 1"):
        Community(name="A", dimension="x", share=D("1.5"))
    with pytest.raises(ValueError, match="more than 1"):
        Population(
            communities=[
                Community(name="A", dimension="x", share=D("0.6")),
                Community(name="B", dimension="x", share=D("0.6")),
            ]
        )


def test_records_and_frame():
    assessment = assess_portfolio(LOWMOOR)
    records = assessment.to_records()
    assert len(records) == len(assessment.findings)
    assert records[0]["code"] == "VI101"
    pandas = pytest.importorskip("pandas")
    frame = assessment.to_frame()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["code"]) == [r["code"] for r in records]


def test_html_and_text_render():
    assessment = assess_portfolio(LOWMOOR)
    page = assessment._repr_html_()
    assert page.startswith("<div><table>")
    assert page.count("VI101") == 1
    text = str(assessment)
    assert text.startswith("Lowmoor Joint Commissioning (assessed for 2007-04-01")
    assert text.splitlines()[-1].startswith("1 error, ")


def test_plots_draw_headless():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from valuing_involvement.plots import funding_timeline, spend_by_role

    axes = funding_timeline(LOWMOOR)
    assert len(axes.patches) == len(LOWMOOR.contracts)
    bars = spend_by_role(assess_portfolio(LOWMOOR))
    assert len(bars.patches) == len(assess_portfolio(LOWMOOR).metrics.spend_by_role)
    matplotlib.pyplot.close("all")


# -- full cost recovery (footnote 2) -------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=500_000, places=2)
measures = st.decimals(min_value=0, max_value=10_000, places=2)


@given(amounts, amounts, measures, measures.filter(lambda m: m > 0), st.sampled_from(Basis))
def test_full_cost_is_at_least_the_direct_cost(direct, overheads, project, organisation, basis):
    project = min(project, organisation)
    costs = Costs(
        direct=direct,
        overheads=overheads,
        basis=basis,
        project_measure=project,
        organisation_measure=organisation,
    )
    assert costs.full_cost >= costs.direct
    assert costs.overhead_share <= costs.overheads
    assert costs.coverage(costs.full_cost) == 1 or costs.full_cost == 0


@given(amounts, st.dictionaries(st.text(min_size=1, max_size=5), measures, min_size=1, max_size=8))
def test_apportioned_overheads_sum_to_the_pool(pool, table):
    if sum(table.values()) == 0:
        with pytest.raises(ValueError, match="not all be 0"):
            apportion(pool, table)
        return
    shares = apportion(pool, table)
    assert sum(shares.values(), D(0)) == pool
    assert set(shares) == set(table)
    assert all(share >= 0 for share in shares.values())


def test_a_project_cannot_use_more_than_the_organisation():
    with pytest.raises(ValueError, match="exceeds"):
        Costs(
            direct=D(1), overheads=D(1), basis=Basis.FLOOR_AREA,
            project_measure=D(5), organisation_measure=D(4),
        )  # fmt: skip


def _vi304(other_funding, *, funded):
    from valuing_involvement import check_contract, example_contracts

    contract = attrs.evolve(
        example_contracts()[0],
        overheads_funded=funded,
        costs=Costs(
            direct=D("30000"),
            overheads=D("40000"),
            basis=Basis.STAFF_TIME,
            project_measure=D("1.5"),
            organisation_measure=D("4"),
            other_funding=other_funding,
        ),
    )
    return [f for f in check_contract(contract).findings if f.code == "VI304"]


def test_vi304_sets_the_price_against_the_agreements_share_of_full_cost():
    # Full cost £45,000; the price is £36,000.  A sole funder owes it all.
    [finding] = _vi304(D(0), funded=None)
    assert finding.path == "$.amount_per_year"
    assert finding.message.startswith("the price, £36,000.00, is below this agreement's part")
    assert finding.evidence["agreement_share"] == "45000.00"
    # A co-funder paying £9,000: together they pay the full cost, and pro rata the
    # agreement's part is exactly its price.
    assert _vi304(D(9000), funded=None) == []
    # A penny less from the co-funder: this agreement's part is 36000/44999.99 of the full
    # cost, short by its own share of the penny, not by the co-funder's.
    assert _vi304(D("8999.99"), funded=None)[0].evidence["agreement_share"] == "36000.01"


def test_vi304_does_not_read_a_price_below_full_cost_as_a_failure_when_cofunding_is_unknown():
    assert _vi304(None, funded=True) == []
    # Nor an agreement silent on overheads: unknown, not a finding.
    assert _vi304(None, funded=None) == []


def test_vi304_reports_a_record_of_overheads_that_the_costs_disagree_with():
    paths = sorted(f.path for f in _vi304(D(0), funded=True))
    assert paths == ["$.amount_per_year", "$.overheads_funded"]
    [finding] = _vi304(D(9000), funded=False)
    assert "the costs are taken, so correct the record" in finding.message
    assert finding.evidence == {"overheads_funded": False, "price_below_share": False}


@given(amounts, amounts, st.none() | amounts, amounts)
def test_agreement_share_lies_between_nothing_and_full_cost(direct, overheads, other, price):
    costs = Costs(
        direct=direct, overheads=overheads, basis=Basis.EXPENDITURE,
        project_measure=D(1), organisation_measure=D(2), other_funding=other,
    )  # fmt: skip
    share = costs.agreement_share(price)
    assert (share is None) is (other is None)
    assert share is None or D(0) <= share <= costs.full_cost


# -- reference figures ---------------------------------------------------------------------------


def test_reference_figures_carry_their_citation_and_year():
    assert {f.citation for f in FIGURES} >= {"§1.1", "§2.1", "§2.9", "§2.12", "§2.15", "§2.17"}
    assert all(f.year == "2006-07" for f in FIGURES)
    independence = next(f for f in FIGURES if f.key == "independence")
    assert independence.total == 29


def test_lowmoor_against_the_reference_figures():
    comparisons = {(c.figure, c.subject): c for c in compare_to_reference(LOWMOOR)}
    users = comparisons["user-group-budget", "Lowmoor Joint Commissioning"]
    assert users.within is True
    assert users.citation == "§2.9"
    assert comparisons["area-budget", "Lowmoor Joint Commissioning"].within is True
    assert {c.subject for c in compare_to_reference(LOWMOOR)} == {"Lowmoor Joint Commissioning"}


def test_group_budgets_are_area_totals_not_one_groups_price():
    # §2.9's £16k-£80k is what a whole area spent on all its user groups together.
    low = attrs.evolve(LOWMOOR.contracts[0], amount_per_year=D("9000"))
    cheap = compare_to_reference(attrs.evolve(LOWMOOR, contracts=[low]))
    users = next(c for c in cheap if c.figure == "user-group-budget")
    assert (users.value, users.within) == ("£9,000.00 a year", False)
    plenty = compare_to_reference(attrs.evolve(LOWMOOR, contracts=[low] * 8))
    users = next(c for c in plenty if c.figure == "user-group-budget")
    assert (users.value, users.within) == ("£72,000.00 a year", True)


def test_reference_figures_give_their_denominators():
    by_key = {f.key: f for f in FIGURES}
    assert by_key["business-plans"].counts["yes"] == 11
    assert by_key["business-plans"].total == 29
    assert by_key["business-plan-help"].total == 11
    assert by_key["help-meeting-targets"].counts["none"] == 12
    assert by_key["help-meeting-targets"].total == 29
    assert all(f.base for f in FIGURES if f.low is not None)
    assert "not one group" in by_key["user-group-budget"].description


def test_group_reference_shuffle_keeps_findings():
    rng = random.Random(7)
    groups_ = list(LOWMOOR.groups)
    rng.shuffle(groups_)
    shuffled = attrs.evolve(LOWMOOR, groups=groups_)
    assert {f.code for f in assess_portfolio(shuffled).findings} == {
        f.code for f in assess_portfolio(LOWMOOR).findings
    }


def test_metrics_cannot_be_changed_by_a_caller():
    metrics = assess_portfolio(LOWMOOR).metrics
    with pytest.raises(TypeError):
        metrics.spend_by_constituency["carers"] = 0
    with pytest.raises(TypeError):
        metrics.groups_by_leadership.clear()

"""Scenario comparisons by identity, findings that name their subject, and what a scenario costs."""

import decimal
import json
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles import share
from valuing_involvement import (
    InvalidDocument,
    Portfolio,
    assess_portfolio,
    check_contract,
    commitments,
    compare,
    example_portfolio,
    from_json,
)
from valuing_involvement.errors import InvalidInput
from valuing_involvement.testing.strategies import portfolios

LOWMOOR = example_portfolio()
D = decimal.Decimal
AGREEMENT = re.compile(r"^\$\.contracts\[(\d+)\]")


def on_agreement(finding, portfolio):
    """The reference of the agreement a finding falls on, or None for portfolio-wide ones."""
    match = AGREEMENT.match(finding.path)
    return None if match is None else portfolio.contracts[int(match[1])].reference


# -- compare by identity -------------------------------------------------------------------------


@settings(max_examples=share(0.06))
@given(portfolios(), st.randoms(use_true_random=False))
def test_reordering_agreements_changes_nothing(portfolio, random):
    shuffled = list(portfolio.contracts)
    random.shuffle(shuffled)
    on = LOWMOOR.contracts[0].period.start
    assert compare(portfolio, attrs.evolve(portfolio, contracts=shuffled), on=on).empty


@settings(max_examples=share(0.06))
@given(portfolios(), st.data())
def test_dropping_an_agreement_resolves_its_findings_and_touches_no_other(portfolio, data):
    if not portfolio.contracts:
        return
    index = data.draw(st.integers(0, len(portfolio.contracts) - 1))
    gone = portfolio.contracts[index].reference
    fewer = attrs.evolve(
        portfolio, contracts=portfolio.contracts[:index] + portfolio.contracts[index + 1 :]
    )
    on = LOWMOOR.contracts[0].period.start
    before = assess_portfolio(portfolio, on=on)
    diff = compare(before, assess_portfolio(fewer, on=on))
    # The dropped agreement's own findings are all resolved ...
    own = [f for f in before.findings if on_agreement(f, portfolio) == gone]
    resolved_own = [f for f in diff.resolved if on_agreement(f, portfolio) == gone]
    assert sorted(resolved_own, key=lambda f: f.sort_key()) == sorted(
        own, key=lambda f: f.sort_key()
    )
    # ... and no other agreement's findings are added, resolved or changed, but those that judge
    # the group across all its agreements (VI201, VI220, section 2.6) on the group's other ones.
    dropped = portfolio.contracts[index]
    kin = {
        c.reference
        for c in fewer.contracts
        if (c.group_reference is not None and c.group_reference == dropped.group_reference)
        or (c.group is not None and c.group == dropped.group)
    }
    across = {"VI201", "VI220"}

    def untouched(finding, where, also=()):
        ref = on_agreement(finding, where)
        return ref in (None, *also) or (ref in kin and finding.code in across)

    assert all(untouched(f, portfolio, (gone,)) for f in diff.resolved)
    assert all(untouched(f, fewer) for f in diff.added)
    assert all(untouched(new, fewer) for _, new in diff.changed)
    # Adding it back is the mirror image.
    back = compare(fewer, portfolio, on=on)
    assert len(back.added) == len(diff.resolved)
    assert len(back.resolved) == len(diff.added)


def test_reversing_lowmoor_agreements_is_no_change():
    reversed_ = attrs.evolve(LOWMOOR, contracts=LOWMOOR.contracts[::-1])
    diff = compare(LOWMOOR, reversed_)
    assert (diff.added, diff.resolved, diff.changed, dict(diff.metrics)) == ((), (), (), {})
    assert str(diff) == "no change"


def test_dropping_an_agreement_without_findings_reports_only_its_money():
    quiet = attrs.evolve(LOWMOOR.contracts[0], reference="LJC-2007-099", waivers=(), variations=())
    assert check_contract(quiet, group=LOWMOOR.group_of(quiet)).findings == ()  # the premise
    # Lowmoor Voices' agreement draws no findings; dropping it reports nothing but the money.
    with_quiet = attrs.evolve(LOWMOOR, contracts=[*LOWMOOR.contracts, quiet])
    diff = compare(with_quiet, LOWMOOR)
    assert [f.code for f in diff.added + diff.resolved] == []
    assert [(a.code, b.code) for a, b in diff.changed] == [("VI323", "VI323")]
    assert diff.spend_difference["total"] == D("-108000.00")


def test_a_finding_whose_evidence_moved_is_changed_not_added_and_resolved():
    dearer = attrs.evolve(LOWMOOR.contracts[1], amount_per_year=D("13000.00"))
    after = attrs.evolve(LOWMOOR, contracts=[LOWMOOR.contracts[0], dearer, *LOWMOOR.contracts[2:]])
    diff = compare(LOWMOOR, after)
    assert diff.added == ()
    assert diff.resolved == ()
    [(old, new)] = [pair for pair in diff.changed if pair[0].code == "VI401"]
    assert "£12,000.00" in old.message
    assert "£13,000.00" in new.message
    assert new.subject == "LJC-2007-021 (Lowmoor Carers Together)"
    assert "~ VI401 advice [LJC-2007-021 (Lowmoor Carers Together)]" in str(diff)


def test_compare_refuses_agreements_it_cannot_tell_apart():
    nameless = attrs.evolve(LOWMOOR.contracts[2], reference=None)
    twin = attrs.evolve(LOWMOOR.contracts[3], reference=LOWMOOR.contracts[0].reference)
    after = attrs.evolve(
        LOWMOOR, contracts=[LOWMOOR.contracts[0], LOWMOOR.contracts[1], nameless, twin]
    )
    with pytest.raises(InvalidInput) as caught:
        compare(LOWMOOR, after)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("$.contracts[2].reference", "missing"),
        ("$.contracts[3].reference", "invalid"),
    ]
    assert "after: reference 'LJC-2007-014' repeats $.contracts[0]" in str(caught.value)


# -- a portfolio that contradicts itself ---------------------------------------------------------


def test_contradictions_are_refused_with_every_path():
    data = json.loads(LOWMOOR_JSON)
    data["groups"][4]["reference"] = "LV-001"
    data["contracts"][1]["group_reference"] = "NOPE"
    data["contracts"][2]["group"] = dict(data["groups"][3], name="Elm Road (renamed)")
    with pytest.raises(InvalidDocument) as caught:
        from_json(json.dumps(data), Portfolio)
    assert [p.path for p in caught.value.problems] == [
        "$.groups[4].reference",
        "$.contracts[1].group_reference",
        "$.contracts[2].group",
    ]
    assert "differs from $.groups[3] with the same reference (in name)" in str(caught.value)


def test_a_held_group_must_agree_with_its_own_reference():
    held = attrs.evolve(LOWMOOR.contracts[0], group=LOWMOOR.groups[1])
    with pytest.raises(InvalidInput, match=r"\$\.contracts\[0\]\.group\.reference"):
        attrs.evolve(LOWMOOR, contracts=[held])


def test_the_same_group_held_and_listed_is_accepted():
    held = attrs.evolve(LOWMOOR.contracts[0], group=LOWMOOR.groups[0])
    assert attrs.evolve(LOWMOOR, contracts=[held]).group_of(held) == LOWMOOR.groups[0]


from valuing_involvement import to_json  # noqa: E402 -- kept beside its one use

LOWMOOR_JSON = to_json(LOWMOOR)


# -- subjects ------------------------------------------------------------------------------------


def test_every_finding_names_its_subject_everywhere():
    assessment = assess_portfolio(LOWMOOR)
    subjects = {f.subject for f in assessment.findings}
    assert subjects == {
        "Lowmoor Joint Commissioning",
        "Lowmoor Joint Commissioning involvement",
        "Lowmoor Joint Commissioning portfolio",
        "Lowmoor Joint Commissioning strategy",
        "LJC-2007-021 (Lowmoor Carers Together)",
        "LJC-2007-030 (Elm Road Day Centre Drop-in)",
        "LJC-2007-033 (Lowmoor Service User and Carer Forum)",
    }
    assert "VI101 error LJC-2007-030 (Elm Road Day Centre Drop-in) $.contracts[2]" in str(
        assessment
    )
    assert "<td>LJC-2007-030 (Elm Road Day Centre Drop-in)</td>" in assessment._repr_html_()
    assert {r["subject"] for r in assessment.to_records()} == subjects
    assert set(assessment.to_frame()["subject"]) == subjects
    assert from_json(assessment.to_json(), type(assessment)) == assessment
    assert '"subject": "LJC-2007-030 (Elm Road Day Centre Drop-in)"' in assessment.to_json()


def test_grant_findings_name_the_grant():
    import datetime as dt

    from valuing_involvement.threesixty import quality_report

    package = {"grants": [{"id": "360G-x-1", "title": "T", "description": "T", "amountAwarded": 0}]}
    report = quality_report(package, on=dt.date(2007, 4, 1))
    assert {f.subject for f in report.findings} == {"360G-x-1"}


# -- what a scenario costs -----------------------------------------------------------------------


def test_commitments_by_year_and_agreement():
    costs = commitments(LOWMOOR)
    assert dict(costs.by_year) == {
        "2007-08": D("78000.00"), "2008-09": D("51000.00"), "2009-10": D("36000.00")
    }  # fmt: skip
    assert costs.total == sum((c.total_amount for c in LOWMOOR.contracts), D(0))
    carers = costs.agreements[1]
    assert (carers.reference, carers.group, carers.total) == (
        "LJC-2007-021", "Lowmoor Carers Together", D("12000.00")
    )  # fmt: skip
    assert costs.over_budget == {}


@settings(max_examples=share(0.25))  # a whole portfolio assessed per example
@given(portfolios())
def test_years_add_up_to_each_agreements_total(portfolio):
    costs = commitments(portfolio)
    for contract, row in zip(portfolio.contracts, costs.agreements, strict=True):
        if contract.period is None:  # no dates, no years: counted as undated instead
            assert row.by_year == {}
            assert row.total == 0
            continue
        assert sum(row.by_year.values(), D(0)) == contract.total_amount == row.total
    assert sum(costs.by_year.values(), D(0)) == costs.total
    assert costs.undated == sum(contract.period is None for contract in portfolio.contracts)


def test_a_budget_below_a_years_commitments_is_reported_for_that_year():
    tight = attrs.evolve(
        LOWMOOR, commissioner=attrs.evolve(LOWMOOR.commissioner, annual_budget=D("60000"))
    )
    over = [f for f in assess_portfolio(tight).findings if f.code == "VI341"]
    assert [(f.evidence["year"], f.evidence["committed"]) for f in over] == [
        ("2007-08", "78000.00")
    ]
    assert over[0].severity.value == "advice"
    assert commitments(tight).over_budget == {"2007-08": D("18000.00")}


def test_comparison_shows_spend_by_year_and_renders_everywhere():
    three_years = attrs.evolve(
        LOWMOOR.contracts[2],
        period=attrs.evolve(LOWMOOR.contracts[2].period, end=LOWMOOR.contracts[0].period.end),
    )
    after = attrs.evolve(
        LOWMOOR, contracts=[*LOWMOOR.contracts[:2], three_years, LOWMOOR.contracts[3]]
    )
    diff = compare(LOWMOOR, after)
    assert diff.spend_difference == {
        "2007-08": D(0), "2008-09": D("15000.00"), "2009-10": D("15000.00"), "total": D("30000.00")
    }  # fmt: skip
    assert [f.code for f in diff.resolved] == ["VI302", "VI323"]
    text = str(diff)
    assert "  2008-09    £51,000.00 ->   £66,000.00  +£15,000.00" in text
    records = diff.to_records()
    assert {"change": "spend", "code": None, "subject": None, "path": None, "item": "total",
            "before": D("165000.00"), "after": D("195000.00")} in records  # fmt: skip
    frame = diff.to_frame()
    assert list(frame["change"]).count("resolved") == 2
    assert "<td>£195,000.00</td>" in diff._repr_html_()

"""The scorecard by guideline and the statistics by rule: Lowmoor, the derivation, properties."""

import json

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles import share
from valuing_involvement import (
    RULES,
    Severity,
    assess_portfolio,
    check_contract,
    check_contracts,
    example_contracts,
    example_portfolio,
)
from valuing_involvement.cli import main
from valuing_involvement.groups import Infrastructure
from valuing_involvement.rules import Finding, series_of
from valuing_involvement.rules._paragraphs import GUIDELINES
from valuing_involvement.scorecard import (
    NOT_KNOWN,
    ROWS,
    SEVERITY_EFFECT,
    WHOLE,
    Scorecard,
    Status,
    beside_of,
    effect,
    is_not_known,
    paragraphs_of,
    rule_statistics,
    score,
    scorecard,
)
from valuing_involvement.testing.strategies import portfolios

LOWMOOR = example_portfolio()
ASSESSMENT = assess_portfolio(LOWMOOR)
CARD = ASSESSMENT.scorecard()

# -- Lowmoor, as a person who knows the guidelines reads it ---------------------------------------

LOWMOOR_ROWS = {
    "G1(a)": "met",
    "G1(b)": "not met",  # the drop-in funded as user-led is neither (VI101)
    "G2": "not met",  # the strategy does not record the groups' views (VI216)
    "G2(a)": "met",
    "G2(b)": "met",
    "G2(c)": "met",
    "G2(d)": "not met",  # G2 asks objectives to flex for emerging needs: an instruction
    "G3": "met",  # a strategy is written (VI210); VI304 (footnote 2) shows beside, not deciding
    "G3(a)": "partly met",  # Bangladeshi community, 12%, unserved: G3 gives examples
    "G3(b)": "partly met",  # encourages applications but gives no help (§2.10: a finding)
    "G3(c)": "partly met",
    "G3(d)": "partly met",  # 3 of 4 agreements shorter than three years (advice)
    "G3(e)": "partly met",
    "G3(f)": "partly met",  # a diversity target imposed on the carers' group (an example)
    "G4": "partly met",  # heavy reporting on small grants: G4 finds agreements "useful"
    "G4(a)": "met",
    "G4(b)": "partly met",
    "G4(c)": "not met",  # the carers' group only consulted on monitoring
    "G4(d)(i)": "partly met",
    "G4(d)(ii)": "partly met",
    "G5(a)": "not met",  # paid workers sit on the partnership board
    "G5(b)": "not met",  # involvement starts at the specification
    "G5(c)": "not known",  # no group's infrastructure is recorded: VI503 and VI505 cannot judge
}


def test_lowmoor_rows_read_as_the_guidelines_do():
    assert {p.ref: p.status.value for p in CARD.paragraphs} == LOWMOOR_ROWS


def test_lowmoor_guidelines_are_the_worst_of_their_rows():
    for guideline in CARD.guidelines:
        rows = [p for p in CARD.paragraphs if p.guideline == guideline.ref]
        assert guideline.status.rank == max(p.status.rank for p in rows)
    assert [g.ref for g in CARD.guidelines] == ["G1", "G2", "G3", "G4", "G5"]


def test_lowmoor_key_findings_and_subjects():
    g1b = CARD.row("G1(b)")
    assert g1b.key_finding is not None
    assert g1b.key_finding.code == "VI101"
    assert g1b.affected == ("$.contracts[2]",)
    g3d = CARD.row("G3(d)")
    # every finding behind it is advice now: the key one is the first by code
    assert g3d.key_finding is not None
    assert g3d.key_finding.code == "VI302"
    assert g3d.affected == (WHOLE, "$.contracts[2]", "$.contracts[3]")
    assert g3d.status_of("$.contracts[1]") is Status.MET  # its VI302 is waived
    assert g3d.status_of("$.contracts[2]") is Status.PARTLY_MET


def test_waived_findings_do_not_count():
    waived = [f for f in ASSESSMENT.findings if f.waived]
    assert [f.code for f in waived] == ["VI302"]
    unwaived = attrs.evolve(
        ASSESSMENT,
        findings=tuple(attrs.evolve(f, waiver=None) for f in ASSESSMENT.findings),
    )
    assert unwaived.scorecard().row("G3(d)").status_of("$.contracts[1]") is Status.PARTLY_MET


# -- the mapping from rules to rows ---------------------------------------------------------------


def test_every_guideline_rule_decides_the_rows_it_cites_or_shows_beside_its_guideline():
    for rule in RULES:
        rows, beside = paragraphs_of(rule), beside_of(rule)
        series = series_of(rule.code)
        assert series is not None, rule.code
        if not series.scored:
            assert (rows, beside) == ((), None), rule.code
            continue
        cited = [c for c in rule.citations if c in GUIDELINES]
        # exactly one of the two: a row it cites, or beside its own series' guideline
        assert bool(rows) != bool(beside), rule.code
        if not cited:
            assert beside == series.guideline, rule.code
        for row in rows:
            assert any(GUIDELINES[c].row == row for c in cited), (rule.code, row)


def test_a_rule_citing_only_findings_or_a_footnote_decides_no_row():
    # G3 is judged by VI210, which cites it; VI304 (footnote 2, §2.8) shows beside it
    assert paragraphs_of(RULES["VI304"]) == ()
    assert beside_of(RULES["VI304"]) == "G3"
    assert CARD.row("G3").rules == ("VI210",)
    [g3] = [g for g in CARD.guidelines if g.ref == "G3"]
    assert "VI304" in g3.beside
    assert "VI304" in g3.beside_fired
    assert g3.status is Status.PARTLY_MET  # its rows, not VI304's warning
    # VI110 (G1(a)) is under G1(a); VI104 (§2.1 alone) beside G1, deciding nothing
    assert "VI110" in CARD.row("G1(a)").rules
    [g1] = [g for g in CARD.guidelines if g.ref == "G1"]
    assert "VI104" in g1.beside
    assert all("VI104" not in p.rules for p in CARD.paragraphs)


def test_a_rule_outside_every_series_is_not_scored():
    from valuing_involvement.rules import Registry

    stray = attrs.evolve(RULES["VI301"], code="VI999")
    registry = Registry(version="x", rules=(stray,), parameters=tuple(RULES.parameters.values()))
    assert series_of("VI999") is None
    assert paragraphs_of(stray) == ()
    assert score([], subject="x", on=ASSESSMENT.on, ruleset="x", agreements=1,
                 registry=registry).paragraphs == ()  # fmt: skip


def test_a_row_resting_only_on_rules_whose_facts_are_unrecorded_is_not_known():
    # Lowmoor records no group's infrastructure: G5(c)'s rules stay silent, having seen nothing
    assert set(ASSESSMENT.unjudged) >= {"VI503", "VI505"}
    assert CARD.row("G5(c)").status is Status.NOT_KNOWN
    assert CARD.row("G5(c)").fired == ()
    # once one group's is recorded, and it lacks nothing, the silence is an answer: met
    groups = (attrs.evolve(LOWMOOR.groups[0], infrastructure=frozenset(Infrastructure)),
              *LOWMOOR.groups[1:])  # fmt: skip
    known = assess_portfolio(attrs.evolve(LOWMOOR, groups=groups))
    assert "VI505" not in known.unjudged
    assert known.scorecard().row("G5(c)").status is Status.MET
    # one agreement's report: its group's infrastructure unrecorded, VI503 cannot judge it
    report = check_contract(example_contracts()[0])
    assert report.unjudged == ("VI503",) or "VI503" in report.unjudged
    assert report.scorecard().row("G5(c)").status is Status.NOT_KNOWN


def test_not_recorded_is_not_known_not_not_met():
    # G5(b): the stage involvement starts at is not recorded -- not evidence of lateness
    involvement = attrs.evolve(LOWMOOR.involvement, starts_at=None)
    card = assess_portfolio(attrs.evolve(LOWMOOR, involvement=involvement)).scorecard()
    assert card.row("G5(b)").fired == ("VI502",)
    assert card.row("G5(b)").status is Status.NOT_KNOWN


def test_sub_items_rest_on_their_paragraph():
    assert paragraphs_of(RULES["VI406"]) == ("G4(d)(ii)",)
    assert paragraphs_of(RULES["VI405"]) == ("G4(d)(i)",)
    assert paragraphs_of(RULES["VI103"]) == ("G1(b)",)  # the §2.1 citation adds no row


def test_every_row_has_rules():
    refs = {p.ref for p in CARD.paragraphs}
    assert refs <= set(ROWS)
    assert all(p.rules for p in CARD.paragraphs)


def test_advice_alone_is_at_most_partly_met():
    assert SEVERITY_EFFECT[Severity.ADVICE] is Status.PARTLY_MET
    assert {SEVERITY_EFFECT[Severity.WARNING], SEVERITY_EFFECT[Severity.ERROR]} == {Status.NOT_MET}


# -- not known is not not met ---------------------------------------------------------------------


def test_not_known_codes_are_rules_of_the_scorecard():
    for code in NOT_KNOWN:
        assert code in RULES
        assert paragraphs_of(RULES[code]) or beside_of(RULES[code]), code


def _with_answers(*, value):
    commissioner = attrs.evolve(
        LOWMOOR.commissioner,
        has_definition=value,
        encourages_applications=value,
        helps_with_applications=value,
        advises_on_other_funding=value,
        ongoing_support=value,
        budget_identifiable=value,
    )
    return attrs.evolve(LOWMOOR, commissioner=commissioner)


def test_unanswered_questions_are_not_known_not_failures():
    card = assess_portfolio(_with_answers(value=None)).scorecard()
    assert card.row("G1(a)").status is Status.NOT_KNOWN
    assert card.row("G1(a)").fired == ("VI110",)
    assert card.row("G3(b)").status is Status.NOT_KNOWN
    assert card.row("G3(c)").status is Status.NOT_KNOWN  # unknown outranks the advice


def test_answered_no_is_a_failure():
    card = assess_portfolio(_with_answers(value=False)).scorecard()
    assert card.row("G1(a)").status is Status.NOT_MET
    assert card.row("G3(b)").status is Status.PARTLY_MET  # VI320 rests on a finding: advice
    assert card.row("G3(c)").status is Status.PARTLY_MET  # VI321 is advice


def test_a_known_failure_beside_an_unknown_answer_is_a_failure():
    commissioner = attrs.evolve(
        LOWMOOR.commissioner, encourages_applications=False, helps_with_applications=None
    )
    card = assess_portfolio(attrs.evolve(LOWMOOR, commissioner=commissioner)).scorecard()
    assert card.row("G3(b)").status is Status.PARTLY_MET  # known, so never "not known"
    commissioner = attrs.evolve(commissioner, encourages_applications=True)
    card = assess_portfolio(attrs.evolve(LOWMOOR, commissioner=commissioner)).scorecard()
    assert card.row("G3(b)").status is Status.NOT_KNOWN


def test_unrecorded_leadership_is_not_known():
    contract = attrs.evolve(example_contracts()[0], group=None)
    report = check_contract(contract)
    assert "VI102" in {f.code for f in report.findings}
    assert report.scorecard().row("G1(b)").status is Status.NOT_KNOWN


def test_no_strategy_recorded_is_not_known_but_an_unwritten_one_is_not_met():
    missing = assess_portfolio(attrs.evolve(LOWMOOR, strategy=None))
    [finding] = [f for f in missing.findings if f.code == "VI210"]
    assert effect(finding) is Status.NOT_KNOWN
    unwritten = attrs.evolve(LOWMOOR.strategy, written=False)
    card = assess_portfolio(attrs.evolve(LOWMOOR, strategy=unwritten)).scorecard()
    assert card.row("G2").key_finding is not None
    assert card.row("G2").key_finding.code == "VI210"  # a warning; VI202 (no aims) is advice
    assert "VI210" in card.row("G2").fired
    assert card.row("G2").status is Status.NOT_MET


# -- one agreement ---------------------------------------------------------------------------------


def test_a_report_is_scored_on_agreement_rules_only():
    card = check_contract(example_contracts()[2]).scorecard()
    refs = [p.ref for p in card.paragraphs]
    assert "G5(b)" not in refs
    assert "G2(a)" not in refs
    assert "G4(c)" in refs
    assert card.subjects == (WHOLE,)
    assert card.row("G1(b)").status_of(WHOLE) is Status.NOT_MET
    assert "the agreement" in str(card)


def test_an_exemplary_agreement_meets_every_row_its_facts_decide():
    report = check_contract(example_contracts()[0])
    card = report.scorecard()
    statuses = {p.ref: p.status for p in card.paragraphs}
    # the exemplary group's infrastructure is not recorded: G5(c) is not known, never met
    assert statuses.pop("G5(c)") is Status.NOT_KNOWN
    assert set(statuses.values()) == {Status.MET}


# -- renderings -----------------------------------------------------------------------------------


def test_text_names_every_row_and_its_rules():
    text = str(CARD)
    assert text.startswith("Lowmoor Joint Commissioning: scorecard for 2007-04-01")
    for paragraph in CARD.paragraphs:
        assert f" {paragraph.ref} " in text
    assert "rests on VI101, VI102, VI103" in text
    assert "G5 users and carers involved in commissioning: NOT MET" in text


def test_html_escapes_every_cell():
    finding = attrs.evolve(ASSESSMENT.findings[0], message="<b>bold</b> & more")
    card = attrs.evolve(ASSESSMENT, findings=(finding, *ASSESSMENT.findings[1:])).scorecard()
    page = card._repr_html_()
    assert "<b>bold" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in page
    assert page.count("<tr>") == len(card.paragraphs) + 1


def test_json_and_records_carry_the_same_statuses():
    data = json.loads(CARD.to_json())
    from_json = {p["paragraph"]: p["status"] for g in data["guidelines"] for p in g["paragraphs"]}
    from_records = {r["paragraph"]: r["status"] for r in CARD.to_records()}
    assert from_json == from_records == LOWMOOR_ROWS
    assert data["guidelines"][0]["key_finding"]["code"] == "VI101"


def test_frame_has_a_row_per_paragraph():
    pytest.importorskip("pandas")
    frame = CARD.to_frame()
    assert list(frame["paragraph"]) == [p.ref for p in CARD.paragraphs]
    assert frame.columns[0] == "guideline"


def test_grid_draws_one_cell_per_applicable_subject():
    matplotlib = pytest.importorskip("matplotlib")
    from valuing_involvement.plots import scorecard_grid

    axes = scorecard_grid(CARD)
    cells = sum(
        p.status_of(subject) is not None for p in CARD.paragraphs for subject in CARD.subjects
    )
    assert len(axes.patches) == cells
    assert len(axes.texts) == cells
    with pytest.raises(ValueError, match="expected 5 labels"):
        scorecard_grid(CARD, labels=["only one"])
    matplotlib.pyplot.close("all")


# -- statistics -----------------------------------------------------------------------------------


def test_statistics_count_active_findings_most_frequent_first():
    stats = rule_statistics(ASSESSMENT)
    assert sum(r.count for r in stats.rules) == len(ASSESSMENT.active)
    keys = [(-r.count, r.code) for r in stats.rules]
    assert keys == sorted(keys)
    by_code = {r.code: r for r in stats.rules}
    assert by_code["VI302"].count == 2  # the third is waived
    assert by_code["VI302"].agreements == 2
    assert by_code["VI322"].agreements == 0  # about the population, not an agreement
    assert by_code["VI401"].name == "heavy-reporting"


def test_statistics_of_several_reports_count_agreements():
    stats = rule_statistics(check_contracts(example_contracts()))
    assert stats.rules[0].code == "VI401"
    assert (stats.rules[0].count, stats.rules[0].agreements) == (2, 2)
    assert str(rule_statistics(check_contract(example_contracts()[0]))) == "no findings"


def test_statistics_frame():
    pytest.importorskip("pandas")
    frame = rule_statistics(ASSESSMENT).to_frame()
    assert list(frame.columns) == ["code", "name", "severity", "count", "agreements"]
    assert frame["count"].sum() == len(ASSESSMENT.active)


# -- the command line -----------------------------------------------------------------------------


@pytest.fixture
def portfolio_file(tmp_path):
    from valuing_involvement import to_json

    path = tmp_path / "portfolio.json"
    path.write_text(to_json(LOWMOOR), encoding="utf-8")
    return path


@pytest.fixture
def agreements_file(tmp_path):
    from valuing_involvement import to_json

    path = tmp_path / "agreements.json"
    path.write_text(to_json(example_contracts()), encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_assess_format_scorecard(capsys, portfolio_file):
    code, out, err = run(capsys, "assess", str(portfolio_file), "--format", "scorecard")
    assert code == 1  # the exit code still follows --fail-on
    assert err == ""
    assert out == str(CARD) + "\n"


def test_assess_format_scorecard_json(capsys, portfolio_file):
    code, out, _ = run(
        capsys, "assess", str(portfolio_file), "--format", "scorecard-json", "--ignore", "VI1"
    )
    assert code == 0
    data = json.loads(out)
    statuses = {p["paragraph"]: p["status"] for g in data["guidelines"] for p in g["paragraphs"]}
    assert statuses["G1(b)"] == "met"  # VI1 ignored: nothing found against it
    assert statuses["G4(c)"] == "not met"


def test_assess_statistics(capsys, portfolio_file):
    code, out, _ = run(capsys, "assess", str(portfolio_file), "--statistics")
    assert code == 1
    assert out == str(rule_statistics(ASSESSMENT)) + "\n"
    assert out.splitlines()[0].split()[:3] == ["2", "VI302", "under-three-years"]


def test_check_statistics_as_json(capsys, agreements_file):
    code, out, _ = run(capsys, "check", str(agreements_file), "--statistics", "--format", "json")
    assert code == 1
    records = json.loads(out)
    assert records[0] == {
        "code": "VI401",
        "name": "heavy-reporting",
        "severity": "advice",
        "count": 2,
        "agreements": 2,
    }


def test_demo_json_carries_the_scorecard(capsys):
    code, out, _ = run(capsys, "demo", "--format", "json")
    assert code == 0
    assert json.loads(out)["scorecard"] == CARD.to_data()


# -- properties -----------------------------------------------------------------------------------

SCORED = [rule for rule in RULES if paragraphs_of(rule)]
#: Each example assesses a whole generated portfolio; a few dozen cover the derivation's
#: branches without making the suite crawl: a share of the profile's examples.
PROPERTY = settings(max_examples=share(0.15), suppress_health_check=[HealthCheck.too_slow])
ASSESSMENTS = portfolios(max_groups=3)


@st.composite
def extra_findings(draw, assessment):
    rule = draw(st.sampled_from(SCORED))
    agreements = assessment.metrics.agreements
    paths = ["$.commissioner", *(f"$.contracts[{i}].x" for i in range(agreements))]
    evidence = draw(st.sampled_from([{}, dict(NOT_KNOWN.get(rule.code, ()))]))
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=draw(st.sampled_from(Severity)),
        message="added",
        citations=rule.citations,
        path=draw(st.sampled_from(paths)),
        remedy=rule.remedy,
        evidence=evidence,
    )


def _ranks(card: Scorecard):
    return {p.ref: p.status.rank for p in card.paragraphs} | {
        g.ref: g.status.rank for g in card.guidelines
    }


@PROPERTY
@given(ASSESSMENTS, st.data())
def test_adding_a_finding_never_improves_a_status(portfolio, data):
    assessment = assess_portfolio(portfolio)
    before = _ranks(assessment.scorecard())
    finding = data.draw(extra_findings(assessment))
    after_card = attrs.evolve(assessment, findings=(*assessment.findings, finding)).scorecard()
    after = _ranks(after_card)
    assert all(after[ref] >= rank for ref, rank in before.items())
    for ref in paragraphs_of(RULES[finding.code]):
        assert after_card.row(ref).status.rank >= effect(finding).rank
        assert finding.code in after_card.row(ref).fired


@PROPERTY
@given(ASSESSMENTS, st.sampled_from(["G1", "G2", "G3", "G4", "G5"]))
def test_resolving_every_finding_behind_a_guideline_makes_it_met(portfolio, ref):
    assessment = assess_portfolio(portfolio)
    card = assessment.scorecard()
    [guideline] = [g for g in card.guidelines if g.ref == ref]
    # keep only the findings that report a missing fact: the status is then "not known" or met
    unknowns = tuple(
        f for f in assessment.findings if f.code not in guideline.rules or is_not_known(f)
    )
    partly = attrs.evolve(assessment, findings=unknowns).scorecard()
    [after] = [g for g in partly.guidelines if g.ref == ref]
    facts_missing = any(f.code in guideline.rules and not f.waived for f in unknowns)
    # a row whose rules all could not judge for want of facts stays not known
    facts_missing |= any(
        set(p.rules) <= set(assessment.unjudged) for p in card.paragraphs if p.guideline == ref
    )
    assert after.status is (Status.NOT_KNOWN if facts_missing else Status.MET)
    resolved = tuple(f for f in assessment.findings if f.code not in guideline.rules)
    judged = attrs.evolve(assessment, findings=resolved, unjudged=())
    [met] = [g for g in judged.scorecard().guidelines if g.ref == ref]
    assert met.status is Status.MET


@PROPERTY
@given(ASSESSMENTS, st.randoms(use_true_random=False))
def test_the_order_of_findings_does_not_matter(portfolio, random):
    assessment = assess_portfolio(portfolio)
    shuffled = list(assessment.findings)
    random.shuffle(shuffled)
    assert attrs.evolve(assessment, findings=tuple(shuffled)).scorecard() == scorecard(assessment)


def _shape(card: Scorecard):
    return (
        [(g.ref, g.status, g.rules, len(g.affected)) for g in card.guidelines],
        [
            (p.ref, p.status, p.rules, p.fired, p.findings, sorted(p.by_subject.values(), key=str))
            for p in card.paragraphs
        ],
    )


@PROPERTY
@given(ASSESSMENTS, st.randoms(use_true_random=False))
def test_the_order_of_agreements_and_groups_does_not_matter(portfolio, random):
    contracts, groups = list(portfolio.contracts), list(portfolio.groups)
    random.shuffle(contracts)
    random.shuffle(groups)
    reordered = attrs.evolve(portfolio, contracts=contracts, groups=groups)
    on = assess_portfolio(portfolio).on
    assert _shape(assess_portfolio(reordered, on=on).scorecard()) == _shape(
        assess_portfolio(portfolio, on=on).scorecard()
    )


@PROPERTY
@given(ASSESSMENTS)
def test_every_status_names_the_rules_it_rests_on(portfolio):
    assessment = assess_portfolio(portfolio)
    card = assessment.scorecard()
    for paragraph in card.paragraphs:
        assert paragraph.rules
        assert set(paragraph.fired) <= set(paragraph.rules)
        assert all(paragraph.ref in paragraphs_of(RULES[code]) for code in paragraph.rules)
        if paragraph.status is not Status.MET and not paragraph.fired:
            # nothing fired, yet not met: only rules that could not judge for want of facts
            assert paragraph.status is Status.NOT_KNOWN
            assert paragraph.key_finding is None
        elif paragraph.status is not Status.MET:
            assert paragraph.key_finding is not None
            assert paragraph.key_finding.code in paragraph.fired
            assert effect(paragraph.key_finding) is paragraph.status
        if all(RULES[code].severity is Severity.ADVICE for code in paragraph.fired):
            assert paragraph.status in {Status.MET, Status.PARTLY_MET, Status.NOT_KNOWN}
    for guideline in card.guidelines:
        rows = [p for p in card.paragraphs if p.guideline == guideline.ref]
        assert set(guideline.rules) == {code for p in rows for code in p.rules}

"""No scorecard row is "met" on unrecorded facts: each guideline rule knows when it cannot judge.

A rule that stays silent because the facts it reads are unrecorded has shown nothing, so it
declares ``unknown=`` (``rules/_kernel.py``), the assessment lists it as ``unjudged`` and a
scorecard row resting only on such rules is *not known*.  A rule needs no ``unknown`` only when
it can never be silent for want of a fact: it is listed below with the reason, so a new rule
cannot forget the question.
"""

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from profiles import share
from valuing_involvement import (
    RULES,
    assess_portfolio,
    check_contract,
    example_contracts,
    example_portfolio,
)
from valuing_involvement.contracts import Contract, LegalStatus, Requirement
from valuing_involvement.rules import series_of
from valuing_involvement.scorecard import (
    NOT_KNOWN,
    ROWS,
    Status,
    cannot_judge_when,
    is_not_known,
    paragraphs_of,
)
from valuing_involvement.serialization import from_data, to_data
from valuing_involvement.testing.strategies import contracts, portfolios

#: The guideline rules that need no ``unknown``: never silent for want of a fact, because
#: they read required facts, facts the model gives a stated default, or an empty collection
#: as a recorded "none" (and then fire).
NEVER_SILENT_FOR_WANT_OF_FACTS = {
    "VI202": "reads the aims; no aims stated is reported (advice), never silent",
}

#: Rules that declare ``unknown`` but judge a default on a document with every optional fact
#: unset: the default itself answers their question.  None is left: a business plan or legal
#: status the agreement does not mention is unknown, no longer "not required" (VI410, VI402).
JUDGES_A_DEFAULT: dict[str, str] = {}

GUIDELINE_RULES = [
    rule for rule in RULES if (series := series_of(rule.code)) is not None and series.scored
]

#: Identifiers and names: kept when every fact is unset, so agreements still find their groups.
_IDENTIFIERS = frozenset({"name", "reference", "group_reference", "commissioner", "title"})
#: Facts that may be unknown but are required, or whose default is a stated "none": unset to
#: their "not known" value (an agreement's support and terms left out are none offered or held).
_NULLABLE = {
    "period": None,
    "kind": None,
    "decision_body": None,
    "controls": frozenset(),
    "support": None,
    "terms": None,
}


def _unset(instance):
    """``instance`` with every optional fact at its default (``None`` or empty): not recorded."""
    changes = {}
    for field in attrs.fields(type(instance)):
        if not field.init or field.name in _IDENTIFIERS:
            continue
        if field.name in _NULLABLE:
            changes[field.name] = _NULLABLE[field.name]
        elif field.default is not attrs.NOTHING:
            default = field.default
            changes[field.name] = (
                default.factory() if isinstance(default, attrs.Factory) else default
            )
    return attrs.evolve(instance, **changes)


def unknown_portfolio(portfolio):
    """``portfolio`` with every optional fact of the commissioner, groups and agreements unset."""
    return attrs.evolve(
        _unset(portfolio),
        commissioner=_unset(portfolio.commissioner),
        groups=[_unset(group) for group in portfolio.groups],
        contracts=[_unset(contract) for contract in portfolio.contracts],
    )


def test_the_guideline_series_are_the_ones_scored():
    assert {rule.code[:3] for rule in GUIDELINE_RULES} == {"VI1", "VI2", "VI3", "VI4", "VI5"}


@pytest.mark.parametrize("rule", GUIDELINE_RULES, ids=lambda rule: rule.code)
def test_every_guideline_rule_says_when_it_cannot_judge_or_why_it_never_needs_to(rule):
    listed = rule.code in NEVER_SILENT_FOR_WANT_OF_FACTS
    assert (rule.unknown is not None) != listed, (
        f"{rule.code}: declare unknown= beside the rule, or list it in "
        "NEVER_SILENT_FOR_WANT_OF_FACTS with the reason (not both)"
    )
    if rule.unknown is not None:  # the scorecard page's table says when, in the rule's words
        words = cannot_judge_when(rule)
        assert words, rule.code
        assert words != "its facts are not recorded", rule.code


def test_the_tables_name_rules_of_the_catalogue():
    for code, reason in {**NEVER_SILENT_FOR_WANT_OF_FACTS, **JUDGES_A_DEFAULT}.items():
        assert code in RULES, code
        assert reason.strip()
    assert all(RULES[code].unknown is not None for code in JUDGES_A_DEFAULT)


def test_a_rule_that_can_report_a_missing_fact_can_also_say_it_cannot_judge():
    # a finding in NOT_KNOWN reports an unrecorded fact: its rule must know when that is so
    for code in NOT_KNOWN:
        assert RULES[code].unknown is not None, code


# -- the bundled borough with every fact unset ----------------------------------------------------

UNKNOWN_LOWMOOR = unknown_portfolio(example_portfolio())
UNKNOWN_ASSESSMENT = assess_portfolio(UNKNOWN_LOWMOOR)
UNKNOWN_CARD = UNKNOWN_ASSESSMENT.scorecard()

#: The rows some rule decides, in order: the rows a portfolio's scorecard shows.
DECIDED_ROWS = [ref for ref in ROWS if any(ref in paragraphs_of(rule) for rule in RULES)]
#: What the borough's scorecard says with every optional fact unset: nothing is met or partly
#: met, now that an agreement's support may be not stated rather than read as none offered.
UNKNOWN_ROWS = dict.fromkeys(DECIDED_ROWS, "not known")


def test_with_every_fact_unset_the_borough_is_not_known_but_for_what_required_facts_answer():
    assert {p.ref: p.status.value for p in UNKNOWN_CARD.paragraphs} == UNKNOWN_ROWS
    assert [g.status.value for g in UNKNOWN_CARD.guidelines] == ["not known"] * 5
    # G5 and G5(c), G2(a) to (d), G3(a) to (f): met on null facts before the rules said so
    for ref in ("G2(a)", "G3(a)", "G3(e)", "G4(b)", "G4(d)(i)", "G5(a)", "G5(c)"):
        assert UNKNOWN_CARD.row(ref).fired == ()
        assert set(UNKNOWN_CARD.row(ref).rules) <= set(UNKNOWN_ASSESSMENT.unjudged)


def test_with_every_fact_unset_one_agreement_is_not_known_but_for_what_required_facts_answer():
    contract = _unset(example_contracts()[0])
    assert contract.group is None
    report = check_contract(contract)
    card = report.scorecard()
    assert {p.ref: p.status.value for p in card.paragraphs} == {
        "G1(b)": "not known",
        "G3(d)": "not known",  # VI301 reports the unknown length
        "G3(f)": "not known",
        "G4": "not known",  # the kind of agreement is not stated: VI400 cannot judge
        "G4(a)": "not known",  # no legal status mentioned: unknown, not "none required" (VI402)
        "G4(b)": "not known",
        "G4(c)": "not known",  # VI404 reports the unstated part in monitoring
        "G4(d)(i)": "not known",
        "G4(d)(ii)": "not known",  # the support offered is not stated (VI406, VI407)
        "G5(a)": "not known",
        "G5(c)": "not known",
    }
    assert set(report.unjudged) >= {"VI101", "VI305", "VI403", "VI405", "VI412", "VI501", "VI503"}
    assert {"VI402", "VI410"} <= set(report.unjudged)


def test_an_agreement_silent_on_legal_status_and_business_plan_leaves_g4a_not_known():
    # Left out, each is a record that states nothing: never "no legal status required"
    document = to_data(example_contracts()[0])
    del document["legal_status"], document["business_plan"]
    silent = from_data(document, Contract)
    assert silent.legal_status == LegalStatus(required=None, group_ready=None)
    assert silent.business_plan == Requirement(required=None, group_ready=None)
    report = check_contract(silent)
    assert report.scorecard().row("G4(a)").status is Status.NOT_KNOWN
    assert {"VI402", "VI410"} <= set(report.unjudged)
    # the near miss: the same agreement saying no legal status is required meets G4(a)
    stated = attrs.evolve(silent, legal_status=LegalStatus(required=False))
    assert check_contract(stated).scorecard().row("G4(a)").status is Status.MET


def test_an_agreement_whose_kind_is_not_stated_leaves_g4_not_known():
    # a 360Giving grant records an award, not a written agreement: G4 cannot be met on it
    exemplar = example_contracts()[0]
    lean = attrs.evolve(exemplar, reporting=None, kpis=(), dual_monitoring=None)
    unstated = attrs.evolve(lean, kind=None)
    assert unstated.written is None
    report = check_contract(unstated)
    assert "VI400" in report.unjudged
    assert "VI400" not in {f.code for f in report.findings}

    def g4(contract):
        return check_contract(contract).scorecard().row("G4").status

    assert g4(unstated) is Status.NOT_KNOWN
    # the near misses: a stated grant letter meets G4, a stated "none" does not
    assert g4(attrs.evolve(lean, kind="grant_letter")) is Status.MET
    assert g4(attrs.evolve(lean, kind="none")) is Status.PARTLY_MET
    # with another of G4's facts recorded, G4 is judged on it and VI400 alone is unjudged
    assert g4(attrs.evolve(unstated, dual_monitoring=False)) is Status.MET


def test_a_row_met_before_is_not_known_once_its_facts_are_unset():
    # the near miss: Lowmoor's own strategy meets G2(a); without a strategy, nothing does
    card = assess_portfolio(attrs.evolve(example_portfolio(), strategy=None)).scorecard()
    assert card.row("G2(a)").status is Status.NOT_KNOWN
    assert card.row("G2(a)").fired == ()
    written_unsaid = attrs.evolve(example_portfolio().strategy, written=None)
    card = assess_portfolio(attrs.evolve(example_portfolio(), strategy=written_unsaid)).scorecard()
    assert card.row("G3").status is Status.NOT_KNOWN  # VI210 cannot tell, and G3 rests on it
    assert card.row("G2(a)").status is Status.MET  # the strategy's contents are still recorded


def test_a_portfolio_with_no_agreement_judges_no_agreement_rule():
    empty = attrs.evolve(example_portfolio(), contracts=())
    assessment = assess_portfolio(empty)
    card = assessment.scorecard()
    for ref in ("G1(b)", "G4", "G4(a)", "G4(c)", "G4(d)(ii)"):
        assert card.row(ref).status is Status.NOT_KNOWN, ref


def test_each_agreement_a_rule_cannot_judge_is_not_known_on_its_rows():
    lowmoor = assess_portfolio(example_portfolio())
    card = lowmoor.scorecard()
    # no group's infrastructure is recorded: G5(c) is not known for the whole and each agreement
    assert {card.row("G5(c)").status_of(s) for s in card.subjects} == {Status.NOT_KNOWN}
    # G3(f): the first agreement's diversity target was agreed (met); the last two set none
    g3f = card.row("G3(f)")
    assert [g3f.status_of(s).value for s in card.subjects[1:]] == [
        "met",
        "partly met",
        "not known",
        "not known",
    ]
    assert "VI305" in lowmoor.unjudged_by_agreement[2]
    assert "VI305" not in lowmoor.unjudged_by_agreement[0]
    assert g3f.affected == ("$", "$.contracts[1]")  # not known is not an agreement affected


# -- properties ------------------------------------------------------------------------------------

PROPERTY = settings(max_examples=share(0.15), suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(portfolios(max_groups=3).map(unknown_portfolio))
def test_with_every_fact_unset_no_row_is_met_on_a_rule_that_read_nothing(portfolio):
    assessment = assess_portfolio(portfolio)
    unjudged = set(assessment.unjudged)
    fired = {f.code for f in assessment.findings}
    judged_anyway = set(NEVER_SILENT_FOR_WANT_OF_FACTS) | set(JUDGES_A_DEFAULT)
    for rule in GUIDELINE_RULES:
        # every other rule saw that its facts are unset: it fired, or said it cannot judge
        if rule.code not in judged_anyway:
            assert rule.code in unjudged or rule.code in fired, rule.code
    for row in assessment.scorecard().paragraphs:
        if row.status is Status.MET:
            assert set(row.rules) & judged_anyway - unjudged, row.ref
        if set(row.rules) <= unjudged:
            assert row.status is not Status.MET, row.ref


@PROPERTY
@given(portfolios(max_groups=3))
def test_a_rule_that_cannot_judge_reports_no_failing(portfolio):
    assessment = assess_portfolio(portfolio)
    card = assessment.scorecard()
    unjudged = set(assessment.unjudged)
    for finding in assessment.findings:
        if finding.code in unjudged:
            assert is_not_known(finding), (finding.code, finding.message)
    for row in card.paragraphs:
        if set(row.rules) <= unjudged:
            assert row.status is Status.NOT_KNOWN, row.ref
        for index, cannot in enumerate(assessment.unjudged_by_agreement):
            subject = f"$.contracts[{index}]"
            reading = {c for c in row.rules if RULES[c].subject.value in ("contract", "waiver")}
            if reading and reading <= set(cannot):
                assert row.status_of(subject) is Status.NOT_KNOWN, (row.ref, subject)
            elif row.status_of(subject) is Status.MET:
                assert reading - set(cannot), (row.ref, subject)


@PROPERTY
@given(contracts())
def test_one_agreement_that_cannot_be_judged_reports_no_failing(contract):
    report = check_contract(contract)
    for finding in report.findings:
        if finding.code in report.unjudged:
            assert is_not_known(finding), (finding.code, finding.message)
    for row in report.scorecard().paragraphs:
        if set(row.rules) <= set(report.unjudged):
            assert row.status is Status.NOT_KNOWN, row.ref
        assert all(row.ref in paragraphs_of(RULES[code]) for code in row.rules)

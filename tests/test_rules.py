"""Properties of the rule catalogue and of check_contract."""

import decimal
import gc

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from valuing_involvement import (
    RULES,
    InvalidPolicy,
    Policy,
    Report,
    Severity,
    Waiver,
    check_contract,
    check_contracts,
    example_contracts,
    from_json,
    to_data,
)
from valuing_involvement.rules import (
    RESERVED_CODE,
    SERIES,
    Context,
    GrantContext,
    Parameter,
    PortfolioContext,
    Registry,
    Rule,
    Subject,
    WaiverRecord,
    series_of,
)
from valuing_involvement.testing.strategies import contracts, dates

BUSY = example_contracts()[1]


@given(contracts(), dates())
def test_no_rule_raises_and_the_report_is_well_formed(contract, on):
    report = check_contract(contract, on=on)
    assert list(report.findings) == sorted(report.findings, key=lambda f: f.sort_key())
    assert report.ok is (not report.active)
    counts = report.counts
    assert sum(counts.values()) == len(report.findings)
    for finding in report.findings:
        rule = RULES[finding.code]
        assert finding.citations == rule.citations
        assert finding.name == rule.name
        assert finding.path.startswith("$")


@given(contracts(), dates())
def test_same_input_same_report(contract, on):
    first, second = check_contract(contract, on=on), check_contract(contract, on=on)
    assert first == second
    assert first.to_json() == second.to_json()


@given(contracts(), dates())
def test_report_json_round_trips(contract, on):
    report = check_contract(contract, on=on)
    assert from_json(report.to_json(), Report) == report


@given(contracts(), dates(), st.sampled_from([rule.code for rule in RULES]))
def test_ignoring_a_code_removes_exactly_its_findings(contract, on, code):
    full = check_contract(contract, on=on)
    reduced = check_contract(contract, on=on, policy=Policy(ignore=[code]))
    assert set(reduced.findings) <= set(full.findings)
    removed = [f for f in full.findings if f not in reduced.findings]
    for finding in removed:
        # its own findings, and the "unused waiver" findings about a waiver of it
        assert finding.code == code or (
            finding.code == "VI001" and finding.evidence["code"] == code
        )
    assert code not in {f.code for f in reduced.findings}


def _relaxed(parameter: Parameter, draw_delta: int):
    if parameter.unit.startswith("share"):  # shares run from 0 to 1
        step = parameter.looser * decimal.Decimal(draw_delta) / 100
        return min(decimal.Decimal(1), max(decimal.Decimal(0), parameter.default + step))
    if isinstance(parameter.default, decimal.Decimal):
        return max(decimal.Decimal(0), parameter.default + parameter.looser * draw_delta * 1000)
    return max(0, parameter.default + parameter.looser * draw_delta)


@given(
    contracts(),
    st.sampled_from(sorted(RULES.parameters)),
    st.integers(min_value=1, max_value=40),
)
def test_relaxing_a_threshold_never_adds_findings(contract, name, delta):
    parameter = RULES.parameters[name]
    codes = {rule.code for rule in RULES if name in rule.parameters}
    relaxed = _relaxed(parameter, delta)
    before = {f for f in check_contract(contract).findings if f.code in codes}
    after = check_contract(contract, policy=Policy(parameters={name: relaxed})).findings
    assert {(f.code, f.path) for f in after if f.code in codes} <= {
        (f.code, f.path) for f in before
    }


@given(contracts(), dates(), dates())
def test_a_later_check_never_unexpires_a_waiver(contract, first, second):
    early, late = sorted([first, second])
    expired = {f.path for f in check_contract(contract, on=early).findings if f.code == "VI002"}
    still = {f.path for f in check_contract(contract, on=late).findings if f.code == "VI002"}
    assert expired <= still


def test_a_live_waiver_marks_its_finding_and_keeps_it():
    report = check_contract(BUSY)
    [waived] = [f for f in report.findings if f.waived]
    assert waived.code == "VI302"
    assert waived.waiver.agreed_by.startswith("Lowmoor")
    assert "VI001" not in {f.code for f in report.findings}
    assert report.counts["waived"] == 1


@given(contracts())
@example(BUSY)  # waives VI302
def test_a_waived_finding_records_its_waiver_field_for_field_and_in_the_same_json(contract):
    # the finding keeps the engine's own record of the agreement's waiver, never the model
    report = check_contract(contract)
    live = {w.code: w for w in contract.waivers if w.until is None or w.until >= report.on}
    for finding in report.findings:
        if finding.waiver is not None:
            assert type(finding.waiver) is WaiverRecord
            assert to_data(finding.waiver) == to_data(live[finding.code])


def test_an_expired_waiver_waives_nothing_and_is_reported():
    report = check_contract(BUSY, on=BUSY.period.end.replace(day=31))
    later = check_contract(
        attrs.evolve(BUSY, waivers=[attrs.evolve(BUSY.waivers[0], until=BUSY.period.start)]),
        on=BUSY.period.end,
    )
    assert not any(f.waived for f in later.findings)
    assert "VI002" in {f.code for f in later.findings}
    assert any(f.waived for f in report.findings)


def test_waiver_of_a_switched_off_rule_is_not_called_unused():
    contract = attrs.evolve(BUSY, waivers=[Waiver(code="VI301", reason="r", agreed_by="both")])
    assert "VI001" in {f.code for f in check_contract(contract).findings}
    ignored = check_contract(contract, policy=Policy(ignore=["VI301"]))
    assert "VI001" not in {f.code for f in ignored.findings}


def test_on_defaults_to_the_period_start():
    assert check_contract(BUSY).on == BUSY.period.start


def test_severity_overrides_apply():
    report = check_contract(BUSY, policy=Policy(severity={"VI201": Severity.ERROR}))
    [finding] = [f for f in report.findings if f.code == "VI201"]
    assert finding.severity is Severity.ERROR
    assert report.findings[0].severity is Severity.ERROR  # most severe first


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (["VI30"], [], {"VI301", "VI302", "VI303", "VI304", "VI305", "VI306"}),
        (["VI30"], ["VI30"], set()),
        (["VI301"], ["VI3"], {"VI301"}),  # the longer prefix wins
        (["VI3"], ["VI3"], set()),  # on a tie, ignore wins
        (["VI30", "VI501"], ["VI303", "VI304", "VI305", "VI306"], {"VI301", "VI302", "VI501"}),
    ],
)
def test_selection_follows_the_longest_prefix(select, ignore, expected):
    assert {rule.code for rule in RULES.select(select, ignore)} == expected


def test_a_prefix_matching_nothing_is_an_error():
    with pytest.raises(InvalidPolicy, match=RESERVED_CODE):
        check_contract(BUSY, policy=Policy(select=[RESERVED_CODE]))


def test_policy_from_toml():
    policy = Policy.from_toml(
        """
        select = ["VI3", "VI4"]
        ignore = ["VI302"]
        [severity]
        VI301 = "error"
        [parameters]
        min-funding-months = 6
        light-touch-amount = "15000"
        """
    )
    assert policy.parameters["light-touch-amount"] == "15000"
    resolved = policy.resolve()
    assert resolved.parameters["light-touch-amount"] == decimal.Decimal(15000)
    assert "VI302" not in {rule.code for rule in resolved.rules}


def test_policy_errors_name_every_bad_entry():
    with pytest.raises(InvalidPolicy) as info:
        Policy.from_toml(
            f"""
            selekt = ["VI3"]
            ignore = "VI302"
            [severity]
            VI301 = "fatal"
            {RESERVED_CODE} = "error"
            [parameters]
            min-funding-months = "twelve"
            max-reports = 3
            """
        )
    where = {w for w, _ in info.value.errors}
    assert {"$.selekt", "$.ignore", "$.severity.VI301"} <= where
    with pytest.raises(InvalidPolicy) as info:
        Policy.from_toml(
            f'[severity]\n{RESERVED_CODE} = "error"\n[parameters]\nmax-reports = 3\nmax-kpis = -1\n'
        )
    assert {w for w, _ in info.value.errors} == {
        f"$.severity.{RESERVED_CODE}",
        "$.parameters.max-reports",
        "$.parameters.max-kpis",
    }


def test_policy_rejects_bad_toml():
    with pytest.raises(InvalidPolicy, match="TOML"):
        Policy.from_toml("select = [")


def test_registry_refuses_duplicates_and_missing_citations():
    rule = RULES["VI301"]
    with pytest.raises(ValueError, match="duplicate"):
        Registry(version="t", rules=[rule, rule], parameters=RULES.parameters.values())
    with pytest.raises(ValueError, match="citation"):
        attrs.evolve(rule, citations=())
    with pytest.raises(ValueError, match="citation"):
        attrs.evolve(rule, citations=("section 2",))
    with pytest.raises(ValueError, match="unknown parameters"):
        Registry(version="t", rules=[rule], parameters=[])


def test_codes_are_stable_and_well_formed():
    # Codes are never renamed or reused: every code once in the catalogue is still in it, or
    # retired in its series' table (rules/_codes.py).  A new rule need not be added here.
    once_live = [
        "VI001", "VI002", "VI101", "VI102", "VI103", "VI104", "VI105", "VI110", "VI111", "VI201",
        "VI202", "VI210", "VI211", "VI212", "VI213", "VI214", "VI215", "VI216", "VI217",
        "VI220", "VI301", "VI302", "VI303", "VI304", "VI305", "VI306", "VI311", "VI312",
        "VI313", "VI314", "VI315", "VI316", "VI320", "VI321", "VI322", "VI323", "VI324",
        "VI325", "VI326", "VI330", "VI340", "VI341", "VI400", "VI401", "VI402", "VI403",
        "VI404", "VI405", "VI406", "VI407", "VI408", "VI409", "VI410", "VI411", "VI412",
        "VI413", "VI414", "VI415", "VI416", "VI420", "VI421", "VI422", "VI501", "VI502",
        "VI503", "VI504", "VI505", "VI506", "VI507", "VI508", "VI601", "VI603", "VI604",
        "VI605", "VI606", "VI610", "VI611", "VI612", "VI613", "VI614", "VI615", "VI616",
        "VI617", "VI618", "VI619", "VI620", "VI621", "VI622", "VI623", "VI624", "VI625",
        "VI626", "VI627", "VI628", "VI629",
    ]  # fmt: skip
    retired = {code for series in SERIES for code in series.retired}
    assert [code for code in once_live if code not in RULES] == []
    assert retired.isdisjoint(rule.code for rule in RULES)
    assert RESERVED_CODE not in RULES
    assert all(series_of(rule.code) for rule in RULES)
    assert [rule.code for rule in RULES] == sorted(rule.code for rule in RULES)
    names = [rule.name for rule in RULES]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.code)
def test_every_rule_is_documented(rule: Rule):
    assert rule.title.endswith(".")
    assert rule.rationale
    assert rule.remedy
    # Only the waiver bookkeeping rests on no paragraph of the source.
    assert rule.citations or rule.modality.value == "bookkeeping"


def test_contracts_refuse_invalid_values():
    with pytest.raises(ValueError, match="amount"):
        attrs.evolve(BUSY, amount_per_year=decimal.Decimal(-1))
    with pytest.raises(TypeError):
        attrs.evolve(BUSY, amount_per_year=12000.0)
    with pytest.raises(TypeError):
        attrs.evolve(BUSY, aims="a single aim")


def test_renewal_notice_in_months_counts_when_no_date_is_given():
    contract = attrs.evolve(BUSY, renewal_decision_by=None, renewal_notice_months=6)
    assert "VI303" not in {f.code for f in check_contract(contract).findings}
    contract = attrs.evolve(contract, renewal_notice_months=2)
    [finding] = [f for f in check_contract(contract).findings if f.code == "VI303"]
    assert finding.path == "$.renewal_notice_months"
    assert finding.evidence["renewal_notice_months"] == 2


def test_reports_render_as_text_and_html():
    report = check_contract(BUSY)
    text = str(report)
    assert text.splitlines()[0].startswith("Lowmoor Carers Together")
    assert "VI302 advice (waived) $.period" in text
    assert text.splitlines()[-1] == "2 warnings, 17 advice, 1 waived"
    page = report._repr_html_()
    assert page.startswith("<table>")
    assert page.count("<tr>") == len(report.findings) + 1
    hostile = attrs.evolve(BUSY, title="<script>alert(1)</script>")
    assert "<script>" not in check_contract(hostile)._repr_html_()


@pytest.mark.parametrize("collector_on", [True, False])
def test_a_batch_check_gives_the_single_reports_and_restores_the_collector(collector_on):
    was = gc.isenabled()
    (gc.enable if collector_on else gc.disable)()
    try:
        agreements = example_contracts()
        assert check_contracts(agreements) == [check_contract(a) for a in agreements]
        assert gc.isenabled() is collector_on
    finally:
        (gc.enable if was else gc.disable)()


_READS = {
    Subject.CONTRACT: Context,
    Subject.WAIVER: Context,
    Subject.COMMISSIONER: PortfolioContext,
    Subject.STRATEGY: PortfolioContext,
    Subject.INVOLVEMENT: PortfolioContext,
    Subject.PORTFOLIO: PortfolioContext,
    Subject.GRANT: GrantContext,
}


@pytest.mark.parametrize("rule", list(RULES), ids=lambda rule: rule.code)
def test_each_check_reads_the_context_of_its_subject(rule):
    import typing

    hints = typing.get_type_hints(rule.check)
    (argument,) = (value for name, value in hints.items() if name != "return")
    assert argument is _READS[rule.subject], f"{rule.code} is a {rule.subject.value} rule"


def test_a_report_stamps_the_version_of_the_registry_that_made_it():
    mine = Registry(
        version="lowmoor-local-3", rules=list(RULES), parameters=RULES.parameters.values()
    )
    contract = example_contracts()[1]
    assert check_contract(contract, registry=mine).ruleset == "lowmoor-local-3"
    assert check_contract(contract).ruleset == RULES.version


#: The table from the force of the source's wording to a finding's default severity, written
#: out by hand (docs/rules.md states it in words).
SEVERITY_OF_MODALITY = {
    "should": "warning",
    "consider": "advice",
    "example": "advice",
    "finding": "advice",
}


@pytest.mark.parametrize("rule", list(RULES), ids=lambda rule: rule.code)
def test_guideline_rules_follow_the_modality_table(rule):
    series = series_of(rule.code)
    assert series is not None
    if series.scored:
        expected = "error" if rule.contradiction else SEVERITY_OF_MODALITY[rule.modality.value]
        assert rule.severity.value == expected
    else:
        assert rule.modality.value in {"bookkeeping", "standard"}
        assert not rule.contradiction


def test_only_contradictions_of_the_agreement_are_errors_among_guideline_rules():
    errors = [
        r.code
        for r in RULES
        if r.severity is Severity.ERROR and series_of(r.code).scored  # type: ignore[union-attr]
    ]
    assert errors == ["VI101"]


def test_a_rule_cannot_claim_a_force_none_of_its_paragraphs_has():
    from valuing_involvement.rules import Modality

    # G4(c) "should be done": a rule citing it alone cannot rest on a survey finding
    with pytest.raises(ValueError, match="none of its paragraphs"):
        attrs.evolve(RULES["VI404"], modality=Modality.FINDING, severity=Severity.ADVICE)
    # nor can a rule resting on a survey finding claim the guidelines' "should"
    with pytest.raises(ValueError, match="none of its paragraphs"):
        attrs.evolve(RULES["VI303"], modality=Modality.SHOULD, severity=Severity.WARNING)
    # a heading instructs nothing: no rule rests on G5 alone
    with pytest.raises(ValueError, match="none of its paragraphs"):
        attrs.evolve(RULES["VI501"], citations=("G5",))


def test_the_reserved_code_and_codes_outside_their_series_cannot_be_rules():
    from valuing_involvement.rules import _collect
    from valuing_involvement.rules._codes import Series

    with pytest.raises(ValueError, match="reserved"):
        attrs.evolve(RULES["VI301"], code=RESERVED_CODE)
    # the continuity module's rules are not codes of the agreement series
    stray = Series(prefix="VI4", module="continuity", covers="", guideline="G4")
    with pytest.raises(ValueError, match="not a live code of series VI4"):
        _collect((stray,))
    retired = Series(prefix="VI3", module="continuity", covers="", retired={"VI301": None})
    with pytest.raises(ValueError, match="VI301 is not a live code"):
        _collect((retired,))


def test_parameters_are_collected_from_every_series_module():
    import importlib

    declared = {
        parameter.name
        for series in SERIES
        for parameter in getattr(
            importlib.import_module(f"valuing_involvement.rules.{series.module}"), "PARAMETERS", ()
        )
    }
    assert declared == set(RULES.parameters)


def test_a_rule_cannot_claim_more_than_its_wording():
    from valuing_involvement.rules import Modality

    with pytest.raises(ValueError, match="is advice, not warning"):
        attrs.evolve(RULES["VI302"], modality=Modality.FINDING, severity=Severity.WARNING)


def test_rules_json_shows_modality_and_parameter_origin(capsys):
    import json

    from valuing_involvement.cli import main

    assert main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert all(rule["modality"] for rule in rules)
    origins = [p["origin"] for rule in rules for p in rule["parameters"]]
    assert origins
    assert set(origins) <= {"source", "default"}


def test_only_bookkeeping_may_cite_nothing():
    from valuing_involvement.rules import Modality

    assert attrs.evolve(RULES["VI001"], citations=()).citations == ()
    with pytest.raises(ValueError, match="at least one citation"):
        attrs.evolve(RULES["VI301"], citations=())
    with pytest.raises(ValueError, match="at least one citation"):
        attrs.evolve(RULES["VI001"], modality=Modality.STANDARD, citations=())


@pytest.mark.parametrize(
    ("first", "second"),
    [(24, 24.0), (1, True), (24, "24")],
    ids=["float", "bool", "string"],
)
def test_a_policy_is_checked_as_given_whatever_ran_before(first, second):
    Policy(parameters={"min-funding-months": first}).resolve()
    with pytest.raises(InvalidPolicy, match="min-funding-months"):
        Policy(parameters={"min-funding-months": second}).resolve()


def test_equal_amounts_keep_their_own_digits():
    Policy(parameters={"community-share": "0.05"}).resolve()
    resolved = Policy(parameters={"community-share": "0.050"}).resolve()
    assert str(resolved.parameters["community-share"]) == "0.050"


def test_a_resolved_policy_cannot_be_changed_by_its_caller():
    resolved = Policy().resolve()
    with pytest.raises(TypeError):
        resolved.parameters["min-funding-months"] = 0
    with pytest.raises(TypeError):
        resolved.severities["VI301"] = Severity.ERROR


def test_what_a_check_returns_cannot_be_changed_through_it():
    finding = check_contract(BUSY).findings[0]
    with pytest.raises(TypeError):
        finding.evidence["x"] = 1
    with pytest.raises(TypeError):
        finding.evidence.update(x=1)
    assert "x" not in check_contract(BUSY).findings[0].evidence


def test_read_only_evidence_survives_pickling_and_copying():
    import copy
    import pickle

    finding = check_contract(BUSY).findings[0]
    for clone in (pickle.loads(pickle.dumps(finding)), copy.deepcopy(finding)):  # noqa: S301
        assert clone == finding
        with pytest.raises(TypeError):
            clone.evidence["x"] = 1

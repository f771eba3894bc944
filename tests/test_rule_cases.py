"""Every rule fires on its own cases (tests/cases/<code>/*.json) and is silent on the exemplar."""

import datetime as dt
import json
from pathlib import Path

import pytest

from exemplar_checks import merge_patch
from valuing_involvement import (
    RULES,
    Contract,
    Portfolio,
    assess_portfolio,
    check_contract,
    example_contracts,
    from_data,
    from_json,
    to_data,
)
from valuing_involvement.rules import Subject
from valuing_involvement.scorecard import is_not_known
from valuing_involvement.threesixty import quality_report

CASES = Path(__file__).parent / "cases"
EXEMPLAR = example_contracts()[0]
PORTFOLIO_EXEMPLAR = from_json((CASES / "portfolio-exemplar.json").read_bytes(), Portfolio)
#: One 360Giving grant, as the library exports the exemplary portfolio's first agreement.
GRANT_EXEMPLAR = json.loads((CASES / "grant-exemplar.json").read_text(encoding="utf-8"))
_CONTRACT_SUBJECTS = {Subject.CONTRACT, Subject.WAIVER}


def case_files():
    return sorted(CASES.glob("VI*/*.json"))


def firing_cases():
    return [path for path in case_files() if not _case(path).get("silent")]


def silent_cases():
    return [path for path in case_files() if _case(path).get("silent")]


def _case(path):
    return json.loads(path.read_text(encoding="utf-8"))


def load_case(path):
    """Apply a case's patch to the exemplar for its rule's subject; return a checking function."""
    check = _checker(path)
    return lambda policy=None: check(policy).findings


def _checker(path):
    """Like :func:`load_case`, but the function returns the whole report or assessment."""
    case = _case(path)
    on = dt.date.fromisoformat(case["on"]) if "on" in case else None
    subject = RULES[path.parent.name].subject
    if subject is Subject.GRANT:
        patches = [case["patch"], *case.get("more", ())]  # "more": further grants in the package
        package = {"grants": [merge_patch(GRANT_EXEMPLAR, patch) for patch in patches]}
        on = on or dt.date(2007, 4, 2)
        return lambda policy=None: quality_report(package, on=on, policy=policy)
    if subject not in _CONTRACT_SUBJECTS:
        portfolio = from_data(merge_patch(to_data(PORTFOLIO_EXEMPLAR), case["patch"]), Portfolio)
        return lambda policy=None: assess_portfolio(portfolio, on=on, policy=policy)
    data = merge_patch(to_data(EXEMPLAR), case["patch"])
    data.update(dict.fromkeys(case.get("null", ()), None))  # a required fact, not known
    contract = from_data(data, Contract)
    return lambda policy=None: check_contract(contract, on=on, policy=policy)


def test_the_exemplary_agreement_draws_no_findings():
    report = check_contract(EXEMPLAR)
    assert report.findings == ()
    assert report.ok


def test_the_exemplary_grant_draws_no_findings():
    assert quality_report({"grants": [GRANT_EXEMPLAR]}, on=dt.date(2007, 4, 2)).findings == ()


def test_the_exemplary_portfolio_draws_no_findings():
    assessment = assess_portfolio(PORTFOLIO_EXEMPLAR)
    assert assessment.findings == ()
    assert assessment.ok


@pytest.mark.parametrize("code", [rule.code for rule in RULES])
def test_every_rule_has_a_firing_case_and_a_near_miss(code):
    kinds = {bool(_case(path).get("silent")) for path in (CASES / code).glob("*.json")}
    assert kinds == {True, False}, f"{code} needs a case that fires and a near miss that does not"


def _name(path):
    return f"{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("path", firing_cases(), ids=_name)
def test_case_fires_its_rule(path):
    findings = load_case(path)()
    code = path.parent.name
    fired = [f for f in findings if f.code == code and not f.waived]
    assert fired, f"{code} did not fire; found {[f.code for f in findings]}"
    for finding in fired:
        assert finding.citations == RULES[code].citations
        assert finding.message
        assert finding.evidence
    expect = _case(path)["expect"]
    assert sorted(f.path for f in fired) == sorted(expect["paths"])
    assert len(fired) == expect["count"]


@pytest.mark.parametrize("path", silent_cases(), ids=_name)
def test_near_miss_case_stays_silent(path):
    code = path.parent.name
    fired = [f for f in load_case(path)() if f.code == code]
    assert not fired, f"{code} fired on a near miss: {[f.message for f in fired]}"


def unjudged_cases():
    return [path for path in case_files() if "unjudged" in _case(path)]


@pytest.mark.parametrize("path", unjudged_cases(), ids=_name)
def test_case_shows_whether_its_rule_could_judge(path):
    result = _checker(path)()
    code = path.parent.name
    assert (code in result.unjudged) is _case(path)["unjudged"]
    if _case(path)["unjudged"]:  # a rule that cannot judge reports at most the missing fact
        assert all(is_not_known(f) for f in result.findings if f.code == code)


@pytest.mark.parametrize("code", [rule.code for rule in RULES if rule.unknown is not None])
def test_every_rule_that_can_fail_to_judge_has_a_case_where_it_cannot(code):
    marked = [_case(path).get("unjudged") for path in (CASES / code).glob("*.json")]
    assert True in marked, f"{code} declares unknown=: add a case with its facts unset, "
    '"unjudged": true'

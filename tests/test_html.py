"""Notebook rendering: every model a commissioner looks at renders as escaped, readable HTML."""

import re

import attrs
import pytest

from valuing_involvement import (
    Constituency,
    DecisionBody,
    Domain,
    Group,
    Host,
    HostKind,
    Member,
    Role,
    assess_portfolio,
    check_contract,
    classify_group,
    compare,
    example_contracts,
    example_groups,
    example_portfolio,
)
from valuing_involvement.rules import Severity

HOSTILE = "<script>alert(1)</script>"
LOWMOOR = example_portfolio()
RANK = {s.value: s.rank for s in Severity}


def _cells(page):
    return re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", page)


def test_a_group_shows_its_facts_escaped():
    group = Group(
        name=HOSTILE,
        constituency=Constituency.SERVICE_USERS,
        decision_body=DecisionBody(
            members=[
                Member(roles=[Role.SERVICE_USER], label="chair"),
                Member(roles=[Role.SERVICE_USER], label="Jo Bloggs", private=True),
                Member(voting=False, paid=True),
            ]
        ),
        controls=[Domain.POLICY],
        host=Host(
            name="Borough & District Mind", kind=HostKind.VOLUNTARY_AGENCY, takes=[Domain.MONEY]
        ),
        communities=["BME"],
        reference="G-1",
    )
    page = group._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "Jo Bloggs" not in page
    assert "service user; &lt;private&gt;" in page
    assert "service user; chair" in page
    assert "neither role; non-voting; paid" in page
    assert "Borough &amp; District Mind (voluntary agency; takes: money)" in page
    assert "management committee: 3 members, 2 voting" in page
    cells = _cells(page)
    assert cells[cells.index("communities served") + 1] == "BME"
    assert cells[cells.index("reference") + 1] == "G-1"
    assert "legal form" not in cells  # facts not recorded are left out, not shown as None
    assert "None" not in page


def test_a_group_without_a_body_says_so():
    group = attrs.evolve(example_groups()[0], decision_body=None)
    cells = _cells(group._repr_html_())
    assert cells[cells.index("decision-making body") + 1] == "not recorded"


@pytest.mark.parametrize("group", example_groups(), ids=lambda g: g.name)
def test_a_classification_shows_its_class_counts_and_reasons(group):
    result = classify_group(group)
    page = result._repr_html_()
    assert f"<caption>{result.leadership.value}</caption>" in page
    assert page.count("<li>") == len(result.reasons)
    who = (
        "no decision-maker recorded"
        if result.facts_missing
        else (f"{result.counting} of {result.decision_makers} decision-makers count")
    )
    assert who in page


def test_a_classification_escapes_its_reasons():
    host = Host(name=HOSTILE, takes=[Domain.MONEY])
    group = attrs.evolve(example_groups()[1], host=host, controls=[Domain.POLICY])
    page = classify_group(group)._repr_html_()
    assert HOSTILE not in page
    assert "&lt;script&gt;" in page


def test_metrics_read_as_labels_and_formatted_numbers():
    page = assess_portfolio(LOWMOOR).metrics._repr_html_()
    cells = _cells(page)
    # no field name, no bare Decimal, no fraction where a percentage is meant
    assert not [c for c in cells if re.fullmatch(r"[a-z_.]+", c) and "_" in c]
    assert "Decimal" not in page
    assert cells[cells.index("Spend a year, in all") + 1] == "£98,000.00"
    assert cells[cells.index("Spend a year passed on indirectly (§2.3)") + 1] == "£20,000.00"
    assert cells[cells.index("Agreements longer than a year") + 1] == "2 of 4 (50.0%)"
    assert cells[cells.index("Groups user or carer run") + 1] == "1"
    assert "Spend a year on groups for service users and carers" in cells
    assert "Bangladeshi (ethnicity, 12.0%)" in cells


def test_the_assessment_page_uses_the_readable_metrics():
    page = assess_portfolio(LOWMOOR)._repr_html_()
    assert "spend_total" not in page
    assert "multi_year_agreement_share" not in page
    assert "<th>Spend a year, in all</th><td>£98,000.00</td>" in page


def _severities_of_html(page):
    return [
        c.split()[0] for c in _cells(page) if c.split()[:1] in (["error"], ["warning"], ["advice"])
    ]


def _ordered(severities):
    ranks = [RANK[s] for s in severities]
    return ranks == sorted(ranks, reverse=True)


def test_severities_run_error_warning_advice_everywhere():
    assessment = assess_portfolio(LOWMOOR)
    present = {f.severity for f in assessment.findings}
    assert present == set(Severity)  # all three, or the order would not be tested
    text = [line.split()[1] for line in str(assessment).splitlines() if line.startswith("VI")]
    assert _ordered(text)
    assert _ordered(_severities_of_html(assessment._repr_html_()))
    assert _ordered([r["severity"] for r in assessment.to_records()])
    assert _ordered(list(assessment.to_frame()["severity"]))
    assert list(assessment.counts)[:3] == ["error", "warning", "advice"]
    report = check_contract(example_contracts()[1])
    assert _ordered([f.severity.value for f in report.findings])


def test_the_order_check_can_fail():
    assert not _ordered(["advice", "error"])


def test_a_comparison_shows_findings_spend_and_figures():
    before = LOWMOOR
    after = attrs.evolve(LOWMOOR, indirect=(), contracts=LOWMOOR.contracts[:2])
    diff = compare(before, after)
    page = diff._repr_html_()
    assert page.count("<table>") == 3
    cells = _cells(page)
    assert "Spend a year, in all" in cells
    assert "spend_total" not in page
    assert "total" in cells
    assert _ordered([c for c in cells if c in RANK])
    assert all(f.code in page for f in diff.resolved)


def test_a_comparison_escapes_its_findings():
    contract = LOWMOOR.contracts[1]
    kpis = list(contract.kpis)
    kpis[3] = attrs.evolve(kpis[3], description=HOSTILE)
    contracts = list(LOWMOOR.contracts)
    contracts[1] = attrs.evolve(contract, kpis=kpis)
    diff = compare(LOWMOOR, attrs.evolve(LOWMOOR, contracts=contracts))
    assert any(HOSTILE in new.message for _, new in diff.changed)
    page = diff._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


# -- properties ----------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402 -- the properties need it, the examples above do not
from hypothesis import strategies as st  # noqa: E402

from valuing_involvement.testing import strategies  # noqa: E402


def _text_of(page):
    """The page's visible text: tags dropped, entities read back."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "\x00", page))


@given(strategies.groups(), st.data())
def test_no_private_label_ever_reaches_a_page(group, data):
    if group.decision_body is None:
        body = DecisionBody(members=data.draw(st.lists(strategies.members(), max_size=5)))
        group = attrs.evolve(group, decision_body=body)
    members = [
        attrs.evolve(m, label=f"[SECRET {i}]" if m.private else f"[OPEN {i}]")
        for i, m in enumerate(group.decision_body.members)
    ]
    group = attrs.evolve(group, decision_body=DecisionBody(members=members))
    text = _text_of(group._repr_html_())
    for i, member in enumerate(members):
        assert (f"[SECRET {i}]" in text) is False
        assert (f"[OPEN {i}]" in text) is not member.private


@given(strategies.groups())
def test_every_page_escapes_what_it_shows(group):
    group = attrs.evolve(group, name="<b>" + group.name)
    for page in (group._repr_html_(), classify_group(group)._repr_html_()):
        assert "<b>" not in page
    assert "\x00<b>" + group.name[3:] + "\x00" in _text_of(group._repr_html_())

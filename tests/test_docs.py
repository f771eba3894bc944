"""The generated documentation is current, and every guideline paragraph is accounted for."""

import re
from pathlib import Path

import pytest

from valuing_involvement import RULES
from valuing_involvement._docs import block
from valuing_involvement._docs.scorecard import BLOCKS as SCORECARD_BLOCKS
from valuing_involvement.rules._docs import (
    COVERAGE,
    UNCAPTURED,
    catalogue_markdown,
    coverage_markdown,
    parts_citing,
    read_cases,
)
from valuing_involvement.rules._paragraphs import GUIDELINES, PARAGRAPHS, TITLES
from valuing_involvement.scorecard import beside_of, paragraphs_of

DOCS = Path(__file__).parent.parent / "docs"
REGENERATE = (
    "regenerate with: valuing-involvement rules --format markdown --cases tests/cases "
    "> docs/rules.md; "
    "valuing-involvement rules --format coverage > docs/coverage.md"
)


def test_rules_page_is_current():
    cases = read_cases(DOCS.parent / "tests" / "cases")
    page = catalogue_markdown(RULES, cases)
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == page, REGENERATE
    assert page.count("**Not reported.**") == len(RULES)


def test_coverage_page_is_current():
    assert (DOCS / "coverage.md").read_text(encoding="utf-8") == coverage_markdown(RULES), (
        REGENERATE
    )


def test_every_guideline_paragraph_is_listed():
    listed = [row.ref for row in COVERAGE]
    for paragraph in GUIDELINES:
        assert paragraph in listed, f"{paragraph} is missing from the coverage list"


def test_the_paragraph_table_is_whole():
    # every guideline has its paragraphs, each counting under a row of its own guideline
    assert {p.guideline for p in GUIDELINES.values()} == set(TITLES)
    for paragraph in GUIDELINES.values():
        row = GUIDELINES[paragraph.row]
        assert row.row == row.ref, paragraph.ref
        assert row.guideline == paragraph.guideline, paragraph.ref
        # a list item counts under its parent, the paragraph its reference extends
        assert paragraph.ref.startswith(row.ref), paragraph.ref
    # a sub-paragraph's parent is in the table too: G4(d)(ii)(1) needs G4(d)(ii) and G4(d)
    for ref in GUIDELINES:
        parent = ref[: ref.rfind("(")] if "(" in ref else None
        assert parent is None or parent in GUIDELINES, ref
    assert all(p.force in {"finding", "should"} for p in PARAGRAPHS.values() if p.row is None)


@pytest.mark.parametrize("row", COVERAGE, ids=lambda row: f"{row.ref} {row.summary[:20]}")
def test_every_row_is_encoded_or_explained(row):
    citing = [rule.code for rule in RULES if row.ref in rule.citations]
    if row.level is None:
        parts = parts_citing(RULES, row.ref)
        assert row.codes or citing or parts, f"{row.ref} has no rule and no reason"
    else:
        assert row.level == "not encodable"
        assert row.note


@pytest.mark.parametrize("row", [r for r in COVERAGE if r.codes], ids=lambda r: r.summary[:30])
def test_practice_rows_name_rules_that_cite_them(row):
    refs = set(re.split(r" / ", row.ref))
    for code in row.codes:
        assert refs & set(RULES[code].citations), f"{code} does not cite {row.ref}"


def test_every_rule_appears_in_the_coverage():
    page = coverage_markdown(RULES)
    for rule in RULES:
        assert rule.code in page


def test_every_citation_is_a_paragraph_of_the_table():
    cited = {c for rule in RULES for c in rule.citations}
    cited |= {c for p in RULES.parameters.values() for c in p.citations}
    cited |= {ref for row in COVERAGE for ref in row.ref.split(" / ")}
    assert cited <= set(PARAGRAPHS), sorted(cited - set(PARAGRAPHS))


def test_a_rule_citing_an_unknown_paragraph_cannot_be_built():
    import attrs

    with pytest.raises(ValueError, match="not a paragraph of the source"):
        attrs.evolve(RULES["VI301"], citations=("§2.99",))


def test_every_item_still_uncaptured_is_explained_and_cites_a_paragraph():
    # The second fidelity review listed 17 practices no rule checked (issue 21).
    assert len(UNCAPTURED) == 17
    page = coverage_markdown(RULES)
    for item in UNCAPTURED:
        assert item.level == "not encodable"
        assert item.note
        assert set(item.ref.split(" / ")) <= set(PARAGRAPHS)
        assert item.summary in page


def test_the_associate_member_has_one_meaning_in_every_doc():
    # G1(b) looks at who sits and decides: a voting associate counts by their roles.
    from valuing_involvement._meanings import MEANINGS

    assert "counts by their roles" in MEANINGS["Member.associate"]
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "never counts towards leadership" not in text, page.name


def test_the_notice_definition_is_stated_in_the_concepts_page():
    text = (DOCS / "concepts.md").read_text(encoding="utf-8")
    assert "months_before" in text
    assert "31 January" in text


@pytest.mark.parametrize("name", sorted(SCORECARD_BLOCKS))
def test_scorecard_page_blocks_are_current(name):
    page = (DOCS / "scorecard.md").read_text(encoding="utf-8")
    assert block(page, name) == SCORECARD_BLOCKS[name](), (
        "regenerate with: python -m valuing_involvement._docs docs"
    )


def test_the_scorecard_page_states_where_every_guideline_rule_scores():
    page = block((DOCS / "scorecard.md").read_text(encoding="utf-8"), "mapping")
    for rule in RULES:
        if paragraphs_of(rule) or beside_of(rule):
            assert f" {rule.code} " in page or f" {rule.code}," in page, rule.code

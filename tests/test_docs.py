"""The generated documentation is current, and every guideline paragraph is accounted for."""

import re
from pathlib import Path

import pytest

from valuing_involvement import RULES
from valuing_involvement.rules._docs import COVERAGE, catalogue_markdown, coverage_markdown

DOCS = Path(__file__).parent.parent / "docs"
REGENERATE = (
    "regenerate with: valuing-involvement rules --format markdown > docs/rules.md; "
    "python -c 'from valuing_involvement.rules._docs import *; from valuing_involvement import "
    'RULES; open("docs/coverage.md", "w").write(coverage_markdown(RULES))\''
)

#: Every sub-paragraph of the five guidelines (Executive Summary).
GUIDELINE_PARAGRAPHS = [
    "G1(a)", *(f"G1(a)({n})" for n in ("i", "ii", "iii", "iv", "v", "vi", "vii")), "G1(b)",
    "G2", "G2(a)", "G2(b)", "G2(c)", "G2(d)",
    "G3(a)", "G3(b)", "G3(c)", "G3(d)", "G3(e)", "G3(f)",
    "G4", "G4(a)", "G4(b)", "G4(c)", "G4(d)(i)", "G4(d)(ii)(1)", "G4(d)(ii)(2)",
    "G5(a)", "G5(b)", "G5(c)",
]  # fmt: skip


def test_rules_page_is_current():
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == catalogue_markdown(RULES), REGENERATE


def test_coverage_page_is_current():
    assert (DOCS / "coverage.md").read_text(encoding="utf-8") == coverage_markdown(RULES), (
        REGENERATE
    )


def test_every_guideline_paragraph_is_listed():
    listed = [row.ref for row in COVERAGE]
    for paragraph in GUIDELINE_PARAGRAPHS:
        assert paragraph in listed, f"{paragraph} is missing from the coverage list"


@pytest.mark.parametrize("row", COVERAGE, ids=lambda row: f"{row.ref} {row.summary[:20]}")
def test_every_row_is_encoded_or_explained(row):
    citing = [rule.code for rule in RULES if row.ref in rule.citations]
    if row.level is None:
        assert row.codes or citing, f"{row.ref} has no rule and no reason"
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

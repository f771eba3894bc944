"""docs/json.md's field reference is generated from the models and says what every field means."""

from pathlib import Path

import attrs

from valuing_involvement import Policy
from valuing_involvement._docs.fields import MEANINGS, fields_markdown, model_fields

PAGE = Path(__file__).parent.parent / "docs" / "json.md"
START, END = "<!-- generated: fields -->\n", "<!-- end: fields -->\n"
REGENERATE = (
    "regenerate the block between the markers in docs/json.md with "
    "python -m valuing_involvement._docs docs"
)


def test_the_field_reference_is_current():
    page = PAGE.read_text(encoding="utf-8")
    block = page[page.index(START) + len(START) : page.index(END)]
    assert block == fields_markdown(), REGENERATE


def test_every_field_has_a_meaning_and_every_meaning_a_field():
    fields = {f"{name}.{field}" for name, rows in model_fields() for field, _, _ in rows}
    fields |= {f"Policy.{field.name}" for field in attrs.fields(Policy)}
    assert fields == set(MEANINGS)


def test_each_document_type_has_its_table():
    page = fields_markdown()
    for heading in ("### Group", "### Contract", "### Commissioner", "### Portfolio", "### Policy"):
        assert heading in page

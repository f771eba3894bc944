"""The library's own JSON Schemas: current, valid for what the library writes, and as strict."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from documents import at
from profiles import share
from valuing_involvement import (
    Assessment,
    Commissioner,
    Contract,
    Group,
    InvalidDocument,
    Portfolio,
    Report,
    assess_portfolio,
    check_contracts,
    example_contracts,
    example_groups,
    example_portfolio,
    from_data,
    json_schema,
    to_data,
)
from valuing_involvement.schema import DOCUMENTS
from valuing_involvement.testing.strategies import (
    commissioners,
    contracts,
    groups,
    portfolios,
    reports,
)

SCHEMAS = Path(__file__).parent.parent / "docs" / "schemas"
VALIDATORS = {name: Draft202012Validator(json_schema(name)) for name in DOCUMENTS}
TYPES = {"group": Group, "agreement": Contract, "commissioner": Commissioner,
         "portfolio": Portfolio, "report": Report, "assessment": Assessment}  # fmt: skip


def schema_errors(name, data):
    return [error.message for error in VALIDATORS[name].iter_errors(data)]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_published_schemas_are_current(name):
    published = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    assert published == json_schema(name), "regenerate docs/schemas with valuing-involvement schema"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_schemas_are_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(json_schema(name))


def test_bundled_examples_validate():
    portfolio = example_portfolio()
    for group in example_groups():
        assert schema_errors("group", to_data(group)) == []
    for contract in example_contracts():
        assert schema_errors("agreement", to_data(contract)) == []
    assert schema_errors("portfolio", to_data(portfolio)) == []
    assert schema_errors("commissioner", to_data(portfolio.commissioner)) == []
    for report in check_contracts(example_contracts()):
        assert schema_errors("report", to_data(report)) == []
    assert schema_errors("assessment", to_data(assess_portfolio(portfolio))) == []


@given(st.one_of(
    groups().map(lambda m: ("group", m)),
    contracts().map(lambda m: ("agreement", m)),
    commissioners().map(lambda m: ("commissioner", m)),
))  # fmt: skip
def test_json_written_from_generated_models_validates(named):
    name, model = named
    assert schema_errors(name, to_data(model)) == []


# Validating a whole portfolio or report costs many times a group: a share of the examples.
@settings(max_examples=share(0.25))
@given(st.one_of(
    portfolios().map(lambda m: ("portfolio", m)),
    reports().map(lambda m: ("report", m)),
))  # fmt: skip
def test_json_written_from_generated_portfolios_and_reports_validates(named):
    name, model = named
    assert schema_errors(name, to_data(model)) == []


def _object_paths(data, path=()):
    """Every (path, key) of a value inside an object, at any depth."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield path, key
            yield from _object_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _object_paths(value, (*path, index))


WRONG_TYPES = ["text", 1.5, True, None, [], {}, 7]


def _is_type_or_presence(message):
    return message.startswith("expected ") or message in {
        "required field is missing",
        "unknown field",
    }


@given(
    st.one_of(
        groups().map(lambda m: ("group", m)),
        contracts().map(lambda m: ("agreement", m)),
        portfolios(max_groups=2).map(lambda m: ("portfolio", m)),
    ),
    st.data(),
)
def test_what_the_loader_rejects_for_type_or_missing_field_the_schema_rejects(named, data):
    name, model = named
    document = to_data(model)
    places = list(_object_paths(document))
    path, key = data.draw(st.sampled_from(places))
    mutated = json.loads(json.dumps(document))
    parent = at(mutated, path)
    if data.draw(st.booleans()):
        del parent[key]
    else:
        parent[key] = data.draw(st.sampled_from(WRONG_TYPES))
    try:
        from_data(mutated, TYPES[name])
    except InvalidDocument as exc:
        # Only type and presence errors are the schema's business; checks across the record
        # (a reference to a group that was dropped, an end before a start) stay with the loader.
        if any(_is_type_or_presence(message) for _, message in exc.errors):
            assert schema_errors(name, mutated), (
                f"the schema accepted what the loader refused at {path}/{key}"
            )


def test_unknown_document_name_is_refused():
    with pytest.raises(ValueError, match="known"):
        json_schema("invoice")

"""The import's fast paths give what the paths they replace give (issue #27).

Each fast path keeps the path it replaced as its oracle: the agreement's writer against
cattrs' unstructure and the encoder, the fast-built agreement against ``Contract(...)``, the
one-pass reader of a grant's common fields against the per-field readers.
"""

from __future__ import annotations

import decimal
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_threesixty_import import published_grants

from valuing_involvement import serialization
from valuing_involvement._writer import record_writer
from valuing_involvement.cli import main
from valuing_involvement.contracts import Contract
from valuing_involvement.testing.strategies import contracts, portfolios
from valuing_involvement.threesixty import iter_imported

_TEXT = st.text(max_size=30)  # any text: quotes, control characters, lone surrogates


def _oracle(obj: object) -> str:
    """The text ``to_json`` wrote before the writers: cattrs' unstructure, then the encoder."""
    return serialization._ENCODE(serialization._CONVERTER.unstructure(obj))


# -- the writer ----------------------------------------------------------------------------------


@settings(deadline=None, max_examples=150)
@given(contracts(), st.none() | _TEXT)
def test_the_agreement_writer_writes_what_the_converter_and_encoder_write(contract, published):
    contract = attrs.evolve(contract, published=published or None)
    assert record_writer(Contract, serialization._CONVERTER)(contract) == _oracle(contract)
    assert serialization.to_json(contract) == _oracle(contract)


@settings(deadline=None, max_examples=20)
@given(portfolios())
def test_every_model_in_a_portfolio_is_written_as_before(portfolio):
    assert serialization.to_json(portfolio) == _oracle(portfolio)
    assert serialization.to_json(list(portfolio.contracts)) == _oracle(list(portfolio.contracts))


def test_a_subclass_is_written_through_the_converter():
    class Special(decimal.Decimal):
        def __str__(self) -> str:
            return "special"

    contract = Contract(commissioner="C", kind=None, amount_per_year=Special("12.5"), period=None)
    assert serialization.to_json(contract) == _oracle(contract)
    assert '"amount_per_year": "12.5"' in serialization.to_json(contract)


@settings(deadline=None, max_examples=60)
@given(st.lists(published_grants(), max_size=6))
def test_imported_agreements_are_written_as_before(grants):
    for record in iter_imported(grants):
        if record.contract is not None:
            assert serialization.to_json(record.contract) == _oracle(record.contract)

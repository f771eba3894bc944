"""The import's fast paths give what the paths they replace give (issue #27).

Each fast path keeps the path it replaced as its oracle: the agreement's writer against
cattrs' unstructure and the encoder, the fast-built agreement against ``Contract(...)``, the
one-pass reader of a grant's common fields against the per-field readers.
"""

from __future__ import annotations

import decimal
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_threesixty_import import published_grants
from valuing_involvement import serialization
from valuing_involvement._writer import record_writer
from valuing_involvement.cli import main
from valuing_involvement.contracts import Contract
from valuing_involvement.errors import InvalidInput
from valuing_involvement.testing.strategies import contracts, portfolios
from valuing_involvement.threesixty import _import, iter_imported

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


# -- the builder ---------------------------------------------------------------------------------


def _same(built: object, made: object) -> bool:
    """Equal, and equal field by field in type too (``Decimal`` is not ``int``)."""
    names = [field.name for field in attrs.fields(Contract)]
    pairs = [(getattr(built, name), getattr(made, name)) for name in names]
    return built == made and all(type(a) is type(b) for a, b in pairs)


def _both_ways(seen: list[object], contract=_import._contract):
    def build(**fields):
        refused: Exception | None = None
        try:
            made = Contract(**fields)
        except Exception as exc:  # noqa: BLE001 -- any refusal: the fast path must refuse it too
            refused = exc
        if refused is not None:
            with pytest.raises(type(refused)) as raised:
                contract(**fields)
            assert str(raised.value) == str(refused)
            seen.append(refused)
            raise refused
        built = _import._BUILD(**fields)
        assert _same(built, made)
        assert serialization.to_json(built) == serialization.to_json(made)
        seen.append(built)
        return built

    return build


def _shortened(grant: dict[str, object], short: bool) -> dict[str, object]:
    """The grant over one day: its yearly amount can pass the bound (the builder's check)."""
    if short and grant.get("plannedDates"):
        grant = {**grant, "plannedDates": [{"startDate": "2020-01-01", "endDate": "2020-01-01"}]}
        grant["amountAwarded"] = 10**11
    return grant


@settings(deadline=None, max_examples=150)
@given(
    st.lists(st.tuples(published_grants(), st.booleans()), max_size=6),
    st.sampled_from([None, "x", "360G-x", "other"]),
)
def test_the_fast_built_agreement_is_the_one_contract_builds(drawn, prefix):
    seen: list[object] = []
    grants = [_shortened(grant, short) for grant, short in drawn]
    original = _import._contract
    _import._contract = _both_ways(seen)
    try:
        fast = [(r.outcome, r.notes) for r in iter_imported(grants, prefix=prefix or None)]
    finally:
        _import._contract = original
    slow = [(r.outcome, r.notes) for r in iter_imported(grants, prefix=prefix or None)]
    assert fast == slow


def test_a_refused_agreement_is_refused_both_ways_with_one_note():
    grant = {
        "id": "360G-x-1",
        "title": "T",
        "currency": "GBP",
        "amountAwarded": 10**11,
        "awardDate": "2021-01-26",
        "plannedDates": [{"startDate": "2020-01-01", "endDate": "2020-01-01"}],
        "recipientOrganization": [{"id": "GB-CHC-1", "name": "A group"}],
        "fundingOrganization": [{"id": "GB-CHC-2", "name": "A trust"}],
    }
    seen: list[object] = []
    original = _import._contract
    _import._contract = _both_ways(seen)
    try:
        (record,) = iter_imported([grant])
    finally:
        _import._contract = original
    assert record.outcome == "refused"
    assert isinstance(seen[0], InvalidInput)
    assert "amount_per_year" in record.notes[0].message


def test_the_builder_refuses_what_contract_refuses_with_its_message():
    fields = {"commissioner": "C", "kind": None, "period": None, "length_months": 12}
    for bad in ({"amount_per_year": decimal.Decimal(-1)}, {"reference": " "}):
        given = {**fields, "amount_per_year": decimal.Decimal(1), **bad}
        with pytest.raises(InvalidInput) as raised:
            Contract(**given)
        with pytest.raises(type(raised.value)) as again:
            _import._contract(**given)
        assert str(again.value) == str(raised.value)


# -- the reader ----------------------------------------------------------------------------------


def _typed(values):
    return [(type(value), value) for value in values]


def _common_fields(grant):
    """A grant's common fields read one by one: the oracle of the one-pass reader."""
    grant_id, title = _import._text(grant, "id", ()), _import._text(grant, "title", ())
    description = _import._optional_text(grant, "description", ()) or ""
    amount = _import._amount(grant, ())
    award_date = _import._text(grant, "awardDate", ())
    _import._day(award_date, ("awardDate",))
    currency = _import._optional_text(grant, "currency", ())
    date_modified = _import._optional_day(grant, "dateModified", ())
    data_source = _import._optional_text(grant, "dataSource", ())
    return (grant_id, title, description, currency, amount, award_date, date_modified, data_source)


@settings(deadline=None, max_examples=300)
@given(published_grants(), st.sampled_from(["", " ", "é", "\ud800", None, 7, "2021-13-01"]))
def test_the_one_pass_reader_reads_what_the_field_readers_read(grant, odd):
    for key in (None, "id", "title", "description", "currency", "dataSource", "dateModified"):
        tried = grant if key is None else {**grant, key: odd}
        common = _import._read_common(tried)
        try:
            oracle = _common_fields(tried)
        except InvalidInput:
            assert common is None  # the field by field reading says what is wrong
            continue
        if common is not None:
            assert _typed(common) == _typed(oracle)


@settings(deadline=None, max_examples=100)
@given(published_grants(), st.sampled_from([None, "", "2021-02-30", "x", 5, -1, 1201, 2.5]))
def test_planned_dates_are_checked_as_before(grant, odd):
    for key in ("startDate", "endDate", "duration"):
        tried = {**grant, "plannedDates": [{"startDate": "2020-01-01", key: odd}]}
        first = tried["plannedDates"][0]
        at = ("plannedDates", 0)
        refused: InvalidInput | None = None
        try:
            for day in ("startDate", "endDate"):
                _import._optional_day(first, day, at)
            if first.get("duration") is not None:
                _import._bounded(first["duration"], (*at, "duration"), 1200, "a number of months")
        except InvalidInput as exc:
            refused = exc
        if refused is not None:
            with pytest.raises(InvalidInput) as raised:
                _import._planned(tried, ())
            assert raised.value.problems == refused.problems
        else:
            assert _import._planned(tried, ()) == _import._objects(tried, "plannedDates", ())[0]


def test_the_caches_are_bounded():
    for cached in (_import._period_of, _import._good_day, _import._day_of):
        assert cached.cache_info().maxsize == 16_384


def test_the_command_writes_what_it_wrote_before(tmp_path, capsys):
    path = tmp_path / "grants.json"
    grants = [
        {
            "id": f"360G-x-{index}",
            "title": "Peer support",
            "description": 'A group\n\nrun by its members, "we" say \u00e9',
            "currency": "GBP",
            "amountAwarded": 36000.5 if index % 2 else 36000,
            "awardDate": "2021-01-26T10:00:00+01:00",
            "plannedDates": [{"startDate": "2021-04-01", "endDate": "2024-03-31"}]
            if index % 3
            else [{"duration": 36}],
            "recipientOrganization": [{"id": "GB-CHC-1", "name": "A group"}],
            "fundingOrganization": [{"id": "GB-CHC-2", "name": "A trust"}],
        }
        for index in range(6)
    ]
    path.write_text(json.dumps({"grants": grants}), encoding="utf-8")
    assert main(["import-360giving", str(path)]) == 0
    written = capsys.readouterr().out
    contracts = [record.contract for record in iter_imported(grants)]
    assert json.loads(written) == [json.loads(_oracle(contract)) for contract in contracts]
    assert written == "[\n" + ",\n".join("  " + _oracle(c) for c in contracts) + "\n]\n"


def test_a_converter_that_leaves_out_defaults_gets_no_writer():
    from cattrs.preconf.json import make_converter

    converter = make_converter(omit_if_default=True)
    converter.register_unstructure_hook(decimal.Decimal, str)
    contract = Contract(
        commissioner="C", kind=None, amount_per_year=decimal.Decimal(1), period=None
    )
    written = record_writer(Contract, converter)(contract)
    assert json.loads(written) == converter.unstructure(contract)

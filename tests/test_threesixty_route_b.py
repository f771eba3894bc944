"""Route B: a grant imported to an agreement and exported again is the same grant (issue #27).

The agreement keeps the grant as published (``Contract.published``); the export re-publishes it
field for field and writes from the agreement only what the agreement changed, saying so
(``export_notes``).  What a 360Giving grant has no place for is named, never silently lost.
"""

import datetime as dt
import decimal
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valuing_involvement.cli import main
from valuing_involvement.contracts import Contract
from valuing_involvement.serialization import from_json, to_json
from valuing_involvement.threesixty import (
    amount_awarded,
    export_notes,
    export_package,
    grant_id,
    import_grants,
    not_carried,
)

SAMPLES = Path("/work/shared/standards/360giving/samples")
LLOYDS = SAMPLES / "lloyds-bank-foundation-test-data.json"
needs_sample = pytest.mark.skipif(not LLOYDS.exists(), reason="the shared sample is not here")
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def exported_again(grants, *, import_prefix=None, export_prefix="360G-other"):
    """Import, write the agreements as JSON and read them back (as the CLI does), export."""
    imported = import_grants({"grants": grants})
    contracts = imported.contracts(import_prefix)
    text = "[" + ",".join(to_json(c) for c in contracts) + "]"
    loaded = [from_json(json.dumps(item), Contract) for item in json.loads(text)]
    assert loaded == list(contracts)
    return export_package(loaded, prefix=export_prefix, modified=WHEN)["grants"], loaded


_day = st.dates(dt.date(1995, 1, 1), dt.date(2030, 12, 31))
_moment = st.sampled_from(["", "T00:00:00", "T10:00:00Z", "T10:00:00+01:00"])
_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)


@st.composite
def planned_dates(draw):
    start = draw(_day)
    shape = draw(st.sampled_from(["start-end", "start-end-duration", "start-duration", "duration"]))
    months = draw(st.integers(1, 72) | st.floats(1, 72).map(lambda f: round(f, 1)))
    end = start + dt.timedelta(days=draw(st.integers(0, 2000)))
    planned = {}
    if shape.startswith("start"):
        planned["startDate"] = start.isoformat() + draw(_moment)
    if "end" in shape:
        planned["endDate"] = end.isoformat() + draw(_moment)
    if "duration" in shape:
        planned["duration"] = months if shape != "start-duration" else int(months)
    return planned


@st.composite
def agreement_grants(draw, index=0):
    """Grants in the shapes that make agreements, with what else a publisher may put beside."""
    grant = {
        "id": f"360G-pub-{draw(st.sampled_from(['gr', 'GR-', '']))}{index}",
        "title": draw(_words),
        "currency": "GBP",
        "amountAwarded": draw(
            st.integers(1, 10**7) | st.decimals(1, 10**6, places=2).map(float)
        ),
        "awardDate": draw(_day).isoformat() + draw(_moment),
        "plannedDates": [draw(planned_dates())],
        "recipientOrganization": [
            {"id": draw(st.sampled_from(["GB-CHC-1126147", "GB-COH-01234567", "360G-pub-ORG-1"])),
             "name": draw(_words)}
            | draw(st.fixed_dictionaries({}, optional={
                "postalCode": st.just("LM1 2AB"), "charityNumber": st.just("1126147"),
                "url": st.just("https://example.org"), "addressLocality": _words}))
        ],
        "fundingOrganization": [{"id": "GB-CHC-1000147", "name": draw(_words)}],
    }  # fmt: skip
    optional = {
        "description": _words,
        "dateModified": _day.map(lambda d: f"{d.isoformat()}T09:30:15Z"),
        "dataSource": st.just("https://example.org/data"),
        "amountDisbursed": st.integers(0, 10**6),
        "grantProgramme": st.just([{"code": "open", "title": "Open"}]),
        "beneficiaryLocation": st.just([{"name": "Lowmoor", "geoCode": "E06000001"}]),
        "classifications": st.just(
            [{"vocabulary": "valuing-involvement:constituency", "code": "carers"}]
        ),
        "fromOpenCall": st.sampled_from(["Yes", "No"]),
        "someExtension": st.dictionaries(_words, _words, max_size=2),
    }
    for key in draw(st.sets(st.sampled_from(sorted(optional)))):
        grant[key] = draw(optional[key])
    if draw(st.booleans()):  # a second funder, recipient or planned dates is kept too
        grant["plannedDates"].append(draw(planned_dates()))
    return grant


@settings(deadline=None, max_examples=80)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=4).flatmap(
    lambda ns: st.tuples(*(agreement_grants(index=n) for n in range(len(ns))))
), st.sampled_from([None, "pub"]))  # fmt: skip
def test_an_imported_agreement_exports_as_the_same_grant(grants, import_prefix):
    grants = list(grants)
    exported, contracts = exported_again(grants, import_prefix=import_prefix)
    made = [g for g in grants if any(json.loads(c.published) == g for c in contracts)]
    assert exported == made  # same id, recipient, amount, planned dates, nothing added
    assert export_notes(contracts) == []


def test_the_amount_comes_back_to_the_penny_where_the_yearly_amount_alone_moves_it():
    # one of the 1,881 grants of the shared file the yearly amount moved by a penny
    grant = {
        "id": "360G-pub-1", "title": "T", "currency": "GBP", "amountAwarded": 64000,
        "awardDate": "2015-06-10T00:00:00+00:00",
        "plannedDates": [{"startDate": "2016-01-01T00:00:00+00:00",
                          "endDate": "2018-12-31T00:00:00+00:00", "duration": 36}],
        "recipientOrganization": [{"id": "GB-CHC-1126147", "name": "A group"}],
        "fundingOrganization": [{"id": "GB-CHC-1000147", "name": "A trust"}],
    }  # fmt: skip
    [contract] = import_grants({"grants": [grant]}).contracts()
    assert amount_awarded(attrs.evolve(contract, published=None)) == decimal.Decimal("63999.99")
    [again], _ = exported_again([grant])
    assert again == grant


@needs_sample
def test_the_shared_real_file_exports_again_field_for_field(tmp_path, capsys):
    agreements = tmp_path / "agreements.json"
    assert main(["import-360giving", str(LLOYDS), "--prefix", "LBFEW"]) == 0
    agreements.write_text(capsys.readouterr().out, encoding="utf-8")
    code = main(["export-360giving", str(agreements), "--prefix", "360G-ptc",
                 "--modified", "2026-01-01T00:00:00+00:00"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0
    assert "note:" not in err
    published = json.loads(LLOYDS.read_text(encoding="utf-8"))["grants"]
    assert json.loads(out)["grants"] == published


def test_what_the_agreement_changes_is_written_and_named():
    grant = {
        "id": "360G-pub-1", "title": "T", "currency": "GBP", "amountAwarded": 36000,
        "awardDate": "2021-01-26T10:00:00+01:00", "plannedDates": [{"duration": 36}],
        "recipientOrganization": [{"id": "GB-CHC-1126147", "name": "A group",
                                   "postalCode": "LM1 2AB"}],
        "fundingOrganization": [{"id": "GB-CHC-1000147", "name": "A trust"}],
        "amountDisbursed": 1000,
    }  # fmt: skip
    [contract] = import_grants({"grants": [grant]}).contracts()
    changed = attrs.evolve(
        contract, length_months=24, amount_per_year=decimal.Decimal(12000), overheads_funded=True
    )
    [again] = export_package([changed], prefix="pub", modified=WHEN)["grants"]
    assert again == grant | {"amountAwarded": 24000, "plannedDates": [{"duration": 24}]}
    assert export_notes([changed]) == [
        "360G-pub-1: a 360Giving grant has no place for: overheads_funded",
        (
            "360G-pub-1: written from the agreement, which changed what its published grant said: "
            "amountAwarded, plannedDates"
        ),
    ]
    assert not_carried(contract) == ()


def test_a_reference_that_is_already_a_grant_id_is_not_prefixed_again():
    assert grant_id("360G-ptc-gr", "360G-ptc-gr69") == "360G-ptc-gr69"
    assert grant_id("360G-ptc", "360G-other-1") == "360G-other-1"
    assert grant_id("ptc", "gr69") == "360G-ptc-gr69"


def test_the_export_command_names_what_it_cannot_carry(tmp_path, capsys):
    contract = Contract(
        commissioner="Lowmoor", kind="service_level_agreement", reference="R1",
        amount_per_year=decimal.Decimal(1000), period=None, length_months=12,
        awarded_on=dt.date(2020, 1, 1), overheads_funded=True,
    )  # fmt: skip
    path = tmp_path / "a.json"
    path.write_text("[" + to_json(contract) + "]", encoding="utf-8")
    assert main(["export-360giving", str(path), "--prefix", "lowmoor"]) == 0
    err = capsys.readouterr().err
    assert "R1: a 360Giving grant has no place for: kind, overheads_funded" in err


def test_a_register_keeps_the_published_grant_off_its_sheet(tmp_path):
    from valuing_involvement import example_portfolio
    from valuing_involvement.registers import read_register, write_register

    grant = {
        "id": "360G-pub-1", "title": "T", "currency": "GBP", "amountAwarded": 36000,
        "awardDate": "2021-01-26", "plannedDates": [{"duration": 36}],
        "description": "x" * 40_000,  # longer than a spreadsheet cell holds
        "recipientOrganization": [{"id": "GB-CHC-1126147", "name": "A group"}],
        "fundingOrganization": [{"id": "GB-CHC-1000147", "name": "A trust"}],
    }  # fmt: skip
    [imported] = import_grants({"grants": [grant]}).contracts()
    portfolio = example_portfolio()
    first = attrs.evolve(portfolio.contracts[0], published=imported.published)
    portfolio = attrs.evolve(portfolio, contracts=(first, *portfolio.contracts[1:]))
    for name in ("register.xlsx", "csv"):
        paths = write_register(portfolio, tmp_path / name, format=name.rsplit(".")[-1])
        read_register(*paths)  # a person's sheet: no column of machine JSON, nothing refused

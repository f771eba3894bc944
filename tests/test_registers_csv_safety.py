"""CSV cells a spreadsheet would run as formulas are neutralised: registers, 360Giving, survey."""

import csv
import datetime as dt
import io

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement import example_groups, example_portfolio
from valuing_involvement._csvcell import TRIGGERS, safe, unsafe
from valuing_involvement.registers import Register, read_register, write_register
from valuing_involvement.survey import (
    Response,
    reproduce_2007,
    responses_from_csv,
    responses_to_csv,
    tabulate,
)
from valuing_involvement.threesixty import export_csv, export_package

WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PAYLOADS = [
    '=HYPERLINK("http://evil.example","x")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "\tx",
    "\rx",
]


@given(st.text())
def test_safe_and_unsafe_are_inverse(text):
    assert unsafe(safe(text)) == text


@given(st.text())
def test_nothing_safe_writes_can_run(text):
    written = safe(text)
    assert not written[:1] or written[0] not in TRIGGERS or _plain_number(written)


def _plain_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("payload", PAYLOADS)
def test_register_csv_cells_never_start_a_formula_and_still_round_trip(tmp_path, payload):
    group = attrs.evolve(example_groups()[0], name=payload, communities=frozenset({payload}))
    register = Register(groups=[group])
    write_register(register, tmp_path)
    with (tmp_path / "groups.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    cells = [cell for row in rows for cell in row]
    assert all(cell[:1] not in TRIGGERS for cell in cells if cell)
    assert f"'{payload}" in cells
    assert read_register(tmp_path) == register


# A bare CR is left out: export_csv's writer ends lines with LF only, so it does not quote a
# cell holding CR and the file cannot be read back (a separate bug in threesixty, reported).
@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "\r" not in p])
def test_the_360giving_csv_neutralises_titles(payload):
    portfolio = example_portfolio()
    contract = attrs.evolve(portfolio.contracts[0], title=payload)
    portfolio = attrs.evolve(portfolio, contracts=[contract, *portfolio.contracts[1:]])
    text = export_csv(export_package(portfolio, prefix="lowmoor", modified=WHEN))
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert f"'{payload}" in cells
    assert payload not in cells


@pytest.mark.parametrize("payload", PAYLOADS)
def test_survey_answers_csv_cells_never_start_a_formula_and_still_round_trip(payload):
    # The respondent and a free-text answer (Q21) are what a user types.
    response = Response(kind="groups", respondent=payload, answers={"21": payload, "19": 12})
    text = responses_to_csv([response])
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert all(cell[:1] not in TRIGGERS for cell in cells if cell)
    assert cells.count(f"'{payload}") == 2
    assert responses_from_csv(text) == (response,)


def test_the_survey_chapter_2_csv_starts_no_formula():
    text = tabulate(reproduce_2007()).to_csv()
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert all(cell[:1] not in TRIGGERS or _plain_number(cell) for cell in cells if cell)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_picture_csv_starts_no_formula(payload):
    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    from valuing_involvement.picture import build_picture
    from valuing_involvement.picture._report import to_csv

    grant = {
        "id": "360G-x-1",
        "title": "Peer support",
        "recipientOrganization": [{"id": "GB-CHC-1", "name": "Bath Mind"}],
        "fundingOrganization": [{"id": "GB-CHC-2", "name": payload}],
        "amountAwarded": 9000,
        "currency": "GBP",
        "awardDate": "2020-01-01",
    }
    text = to_csv(build_picture([("f.json", grant)]), caveat=payload)
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert payload in {unsafe(cell) for cell in cells}
    assert all(cell[:1] not in TRIGGERS or _plain_number(cell) for cell in cells if cell)

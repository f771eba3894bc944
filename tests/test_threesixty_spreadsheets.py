"""Published 360Giving spreadsheets with the standard's titled columns (issue #27).

A file flattened with the standard's template reads whole: the same grants flattentool's own
``unflatten`` gives, postal codes and ``Recipient Ind`` columns included, so the quality checks
see what was published.
"""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from valuing_involvement.cli import main
from valuing_involvement.serialization import InvalidDocument
from valuing_involvement.threesixty import (
    CSV_COLUMNS,
    column_path,
    export_csv,
    quality_report,
    read_csv,
    read_xlsx,
)

FIXTURES = Path(__file__).parent / "fixtures" / "threesixty"
SCHEMA = (
    Path(__file__).parent.parent
    / "src"
    / "valuing_involvement"
    / "data"
    / "threesixty"
    / "360-giving-schema.json"
)
PUBLISHED = json.loads((FIXTURES / "titled.json").read_text(encoding="utf-8"))


def titled_csv():
    return (FIXTURES / "titled.csv").read_text(encoding="utf-8")


def unflattened(tmp_path, source, input_format):
    flattentool = pytest.importorskip("flattentool")
    out = tmp_path / "back.json"
    flattentool.unflatten(
        str(source),
        output_name=str(out),
        input_format=input_format,
        schema=str(SCHEMA),
        root_list_path="grants",
        root_id="",
        convert_titles=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))["grants"]


# flattentool warns of the schema's untitled fields, which it skips
@pytest.mark.filterwarnings("ignore")
def test_the_csv_reads_as_flattentool_reads_it(tmp_path):
    folder = tmp_path / "sheets"
    folder.mkdir()
    shutil.copy(FIXTURES / "titled.csv", folder / "grants.csv")
    assert read_csv(titled_csv())["grants"] == unflattened(tmp_path, folder, "csv")


# flattentool warns of the schema's untitled fields, which it skips
@pytest.mark.filterwarnings("ignore")
def test_the_workbook_reads_whole_as_flattentool_reads_it(tmp_path):
    grants = read_xlsx(FIXTURES / "titled.xlsx")["grants"]
    assert grants == PUBLISHED["grants"]  # every sheet merged back: nothing lost
    assert grants == unflattened(tmp_path, FIXTURES / "titled.xlsx", "xlsx")


# flattentool warns of the schema's untitled fields, which it skips
@pytest.mark.filterwarnings("ignore")
def test_the_fixtures_are_what_flattentool_makes_of_the_json(tmp_path):
    flattentool = pytest.importorskip("flattentool")
    options = {
        "schema": str(SCHEMA),
        "root_list_path": "grants",
        "main_sheet_name": "grants",
        "use_titles": True,
        "root_id": "",
    }
    flattentool.flatten(
        str(FIXTURES / "titled.json"), output_name=str(tmp_path / "rolled"),
        output_format="csv", rollup=True, **options,
    )  # fmt: skip
    flattentool.flatten(
        str(FIXTURES / "titled.json"), output_name=str(tmp_path / "book.xlsx"),
        output_format="xlsx", **options,
    )  # fmt: skip
    fresh = (tmp_path / "rolled" / "grants.csv").read_text(encoding="utf-8")
    assert read_csv(fresh) == read_csv(titled_csv())
    assert read_xlsx(tmp_path / "book.xlsx") == PUBLISHED


def test_postal_codes_and_individuals_are_read():
    first, second = read_csv(titled_csv())["grants"]
    assert first["recipientOrganization"][0]["postalCode"] == "LM1 2AB"
    assert first["recipientOrganization"][0]["addressLocality"] == "Lowmoor"
    assert first["fundingOrganization"][0]["department"] == "Community Grants"
    assert first["amountDisbursed"] == 12000
    assert second["recipientIndividual"] == PUBLISHED["grants"][1]["recipientIndividual"]
    assert second["toIndividualsDetails"]["grantPurpose"] == ["GTIP010", "GTIP040"]
    assert "recipientOrganization" not in second


@pytest.mark.parametrize("name", ["titled.csv", "titled.xlsx"])
def test_quality_sees_what_was_published(name):
    package = read_csv(titled_csv()) if name.endswith(".csv") else read_xlsx(FIXTURES / name)
    report = quality_report(package, on=dt.date(2022, 1, 1))
    found = {(f.code, f.path) for f in report.findings}
    # before: a false "names no recipient" error for the grant to an individual, and
    # "no postcode" / "no place" advice for a recipient whose postal code was in the file
    assert ("VI601", "$.grants[1].recipientOrganization") not in found
    assert not any(path.startswith("$.grants[0].recipientOrganization") for _, path in found)
    assert not any(f.severity.value == "error" for f in report.findings)


@pytest.mark.parametrize("name", ["titled.csv", "titled.xlsx"])
def test_the_commands_read_titled_spreadsheets(name, capsys):
    assert main(["import-360giving", str(FIXTURES / name), "--format", "360giving"]) == 0
    out, err = capsys.readouterr()
    grants = json.loads(out)["grants"]
    expected = read_xlsx(FIXTURES / "titled.xlsx") if name.endswith("xlsx") else None
    assert grants == (expected or read_csv(titled_csv()))["grants"]
    assert "1 made no agreement: a grant to an individual" in err
    assert main(["quality", str(FIXTURES / name), "--on", "2022-01-01"]) == 0


@pytest.mark.parametrize(
    ("title", "path"),
    [
        ("Recipient Org:Identifier", ("recipientOrganization", 0, "id")),
        ("recipient org : postal code", ("recipientOrganization", 0, "postalCode")),
        ("RecipientOrg:City", ("recipientOrganization", 0, "addressLocality")),
        ("Planned Dates:Duration (months)", ("plannedDates", 0, "duration")),
        ("Planned Dates:1:Start Date", ("plannedDates", 1, "startDate")),
        ("Funding Org:2:Identifier", ("fundingOrganization", 2, "id")),
        ("Recipient Ind:Identifier", ("recipientIndividual", "id")),
        ("Amount Awarded", ("amountAwarded",)),
        ("Award Date - website format", ("Award Date - website format",)),
        ("Recipient Org:Local Reference", ("recipientOrganization", 0, "Local Reference")),
    ],
)
def test_titles_map_as_flattentool_maps_them(title, path):
    assert column_path(title)[0] == path


def test_every_column_the_library_writes_reads_back_to_its_place():
    for title, path in CSV_COLUMNS:
        assert column_path(title)[0] == path


def test_our_own_csv_still_reads_back():
    package = {"grants": PUBLISHED["grants"][:1]}
    back = read_csv(export_csv(package))["grants"][0]
    assert back["recipientOrganization"][0]["id"] == "GB-CHC-1126147"
    assert back["plannedDates"] == [{"duration": 36}]


def test_a_column_through_another_columns_value_is_left_out():
    # hostile titles: "Title" and "Title:Part" cannot both hold; the first stands, no crash
    assert read_csv("Identifier,Title,Title:Part\nx,T,P\n") == {
        "grants": [{"id": "x", "title": "T"}]
    }


def test_an_index_past_the_files_columns_is_refused():
    with pytest.raises(InvalidDocument, match="index past the file's 2 columns"):
        read_csv("Identifier,Planned Dates:99:Duration (months)\nx,1\n")


def test_a_file_that_is_no_workbook_is_refused(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InvalidDocument, match="not an XLSX workbook"):
        read_xlsx(bad)

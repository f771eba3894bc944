"""Hardening, round 3 (#22): the gaps an audit of the issue's cases found on main, each closed.

docs/hardening.md maps every case of the issue to its test; the cases closed here are the
360Giving spreadsheet readers (streamed, within the limit, an index as flattentool reads it,
no value dropped silently), quality on values only Python can hold, exact types, and the
picture command's files (read within the limit, Parquet written whole or not at all).  The
last test feeds generated hostile registers and 360Giving CSVs to every command that reads a
file, each answer clean and quick.
"""

import ast
import csv
import datetime as dt
import decimal
import io
import itertools
import re
import time
import zipfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles import share
from test_hostile_commands import READERS, _answers_cleanly, _process, threesixty_csvs
from test_registers_hostile import _workbook
from valuing_involvement import Contract, InvalidInput, serialization
from valuing_involvement._examples import example_contracts
from valuing_involvement.cli import main
from valuing_involvement.cli._common import PROG
from valuing_involvement.threesixty import (
    export_csv,
    import_grants,
    iter_quality,
    quality_report,
    read_csv,
)
from valuing_involvement.threesixty._spreadsheet import iter_csv, read_xlsx

ON = dt.date(2026, 12, 6)
GRANT = {
    "id": "360G-x-1",
    "title": "A grant",
    "description": "Money for a group",
    "currency": "GBP",
    "amountAwarded": 1000,
    "awardDate": "2020-01-01",
    "recipientOrganization": [{"id": "GB-CHC-1094112", "name": "G"}],
    "fundingOrganization": [{"id": "GB-LAE-LWM", "name": "F"}],
    "plannedDates": [{"startDate": "2020-01-01", "endDate": "2021-01-01", "duration": 12}],
}


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- 360Giving CSV and XLSX -----------------------------------------------------------------------


def test_an_index_names_an_item_as_in_flattentool():
    text = "Identifier,Classifications:2:Code,Classifications:1:Code\nx,later,earlier\ny,,only\n"
    grants = read_csv(text)["grants"]
    assert grants[0]["classifications"] == [{"code": "earlier"}, {"code": "later"}]
    assert grants[1]["classifications"] == [{"code": "only"}]  # no empty item before it


def test_an_index_bomb_costs_its_cells_and_is_refused_quickly(capsys, tmp_path):
    path = tmp_path / "bomb.csv"
    path.write_text("Identifier,Classifications:1000000000:Code\nx,carers\n", encoding="utf-8")
    started = time.monotonic()
    code, _, err = _run(capsys, "import-360giving", str(path))
    assert time.monotonic() - started < 5
    assert code == 2
    assert "a classification index past the file's 2 columns" in err


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Identifier,,Title\nx,lost,t\n", "row 2, column B"),
        ("Identifier,Title\nx,t,lost\n", "row 2, column C"),
        ("Identifier,Title,   \nx,t,\ny,t,lost\n", "row 3, column C"),
    ],
)
def test_a_csv_value_under_no_title_is_refused_with_its_place(capsys, tmp_path, text, where):
    path = tmp_path / "grants.csv"
    path.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "quality", str(path))
    assert code == 2
    assert err == (
        f"{PROG}: {path}: $: {where}: a value in a column with no title: give the column a "
        "title or move the value\n"
    )


def test_empty_cells_under_no_title_are_ignored():
    grants = read_csv("Identifier,Title,,\nx,t,, \n")["grants"]
    assert grants == [{"id": "x", "title": "t"}]


def _cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _grants_book(path, *rows):
    sheet = "".join(
        f'<row r="{number}">{"".join(_cell(ref, text) for ref, text in cells)}</row>'
        for number, cells in enumerate(rows, start=1)
    )
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return _workbook(
        path, f'<worksheet xmlns="{main_ns}"><sheetData>{sheet}</sheetData></worksheet>'
    )


def test_an_xlsx_value_past_the_titles_is_refused(tmp_path):
    book = _grants_book(
        tmp_path / "grants.xlsx",
        [("A1", "Identifier"), ("B1", "Title")],
        [("A2", "360G-x-1"), ("B2", "t"), ("D2", "lost")],
    )
    with pytest.raises(InvalidInput) as caught:
        read_xlsx(book)
    assert caught.value.problems[0].message == (
        "sheet 'groups', row 2, column D: a value in a column with no title: give the column a "
        "title or move the value"
    )


def test_a_workbook_is_read_within_max_input(capsys, tmp_path):
    book = _grants_book(
        tmp_path / "grants.xlsx",
        [("A1", "Identifier"), ("B1", "Title")],
        [("A2", "360G-x-1"), ("B2", "x" * 5000)],
    )
    code, _, err = _run(capsys, "--max-input", "1K", "import-360giving", str(book))
    assert code == 2
    assert err.endswith(
        "grants.xlsx expands to more than the input limit (raise it with --max-input)\n"
    )
    assert _run(capsys, "quality", str(book))[0] == 1  # read whole: findings, exit 1


_HEAD = '<row r="1">' + _cell("A1", "Identifier") + _cell("B1", "Title") + "</row>"
_XML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet(rows):
    return f'<worksheet xmlns="{_XML}"><sheetData>{_HEAD}{rows}</sheetData></worksheet>'


HOSTILE_BOOKS = {
    "shared-strings-bomb": (
        {"strings": f'<sst xmlns="{_XML}">' + "<si><t>a</t></si>" * 200_000 + "</sst>"},
        "",
        "expands to more than the input limit",
    ),
    "sheet-xml-bomb": ({}, "".join(f'<row r="{n}"/>' for n in range(2, 200_000)), "expands"),
    "xfd1048576": (
        {},
        '<row r="1048576">' + _cell("XFD1048576", "far") + "</row>",
        "row 1048576, column XFD: a value in a column with no title",
    ),
    "row-two-billion": (
        {},
        '<row r="2000000000">' + _cell("A2000000000", "x") + "</row>",
        "has a row numbered 2,000,000,000, beyond Excel's 1,048,576",
    ),
    "formula-without-value": (
        {},
        '<row r="2">' + _cell("A2", "360G-x-1") + '<c r="B2"><f>SUM(1,2)</f></c></row>',
        "B2: a formula with no saved value",
    ),
    "broken-xml": ({}, "<row", "a broken workbook"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_BOOKS))
@pytest.mark.parametrize("command", ["quality", "import-360giving"])
def test_hostile_360giving_workbooks_are_refused_quickly(capsys, tmp_path, command, name):
    parts, rows, message = HOSTILE_BOOKS[name]
    sheet = _sheet(rows) if name != "broken-xml" else _sheet("")[:-20]
    book = _workbook(tmp_path / "grants.xlsx", sheet, **parts)
    started = time.monotonic()
    code, _, err = _run(capsys, "--max-input", "1M", command, str(book))
    assert time.monotonic() - started < 10
    assert code == 2, err
    assert message in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("zero", ["0e999", "-0E+999999999", "0.000e-999999999", "0"])
def test_zero_reads_as_zero_whatever_its_exponent(zero):
    started = time.monotonic()
    [grant] = read_csv(f"Identifier,Amount Awarded\nx,{zero}\n")["grants"]
    assert grant["amountAwarded"] == 0
    assert type(grant["amountAwarded"]) is int
    assert time.monotonic() - started < 1


def test_csv_grants_are_made_as_their_rows_are_reached():
    def lines():
        yield "Identifier,Title\n"
        yield "x,first\n"
        raise AssertionError("read past the row asked for")

    assert next(iter_csv(lines())) == {"id": "x", "title": "first"}


def test_a_large_csv_is_checked_a_row_at_a_time(tmp_path):
    # the command hands the checks an iterator, never a list of every grant
    from valuing_involvement.cli import _threesixty

    path = tmp_path / "grants.csv"
    rows = "".join(f"360G-x-{n},Grant {n}\n" for n in range(50))
    path.write_text("Identifier,Title\n" + rows, encoding="utf-8")
    grants = _threesixty._grants(str(path))
    assert not isinstance(grants, list)
    assert sum(1 for _ in grants) == 50


def test_stdin_is_named_in_messages(capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"Identifier,,Title\nx,lost,t\n"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, _, err = _run(capsys, "quality", "-")
    assert code == 2
    assert err.startswith(f"{PROG}: <stdin>: $: row 2, column B: ")


# -- quality on what only Python can hold ---------------------------------------------------------

NOT_JSON = [
    float("nan"),
    float("inf"),
    -float("inf"),
    decimal.Decimal("NaN"),
    decimal.Decimal("sNaN"),
    decimal.Decimal("-Infinity"),
    10**5000,
]
NOT_JSON_IDS = ["nan", "inf", "-inf", "D-NaN", "D-sNaN", "D--Infinity", "5000-digits"]


@pytest.mark.parametrize("value", NOT_JSON, ids=NOT_JSON_IDS)
@pytest.mark.parametrize(
    ("where", "path"),
    [
        ("amount", "$.grants[0].amountAwarded"),
        ("duration", "$.grants[0].plannedDates[0].duration"),
        ("title", "$.grants[0].title"),
    ],
)
def test_a_number_json_cannot_hold_is_a_vi603_finding(value, where, path):
    grant = {**GRANT, "plannedDates": [dict(GRANT["plannedDates"][0])]}
    if where == "amount":
        grant["amountAwarded"] = value
    elif where == "duration":
        grant["plannedDates"][0]["duration"] = value
    else:
        grant["title"] = value
    report = quality_report({"grants": [grant]}, on=ON)
    found = [f for f in report.findings if f.code == "VI603"]
    assert [f.path for f in found] == [path]
    assert "is not of type" in found[0].message
    assert [len(f) for f in iter_quality([grant], on=ON)] == [len(report.findings)]


@pytest.mark.parametrize(
    "value", [*NOT_JSON, decimal.Decimal(5), {1, 2}], ids=[*NOT_JSON_IDS, "Decimal-5", "set"]
)
def test_import_refuses_a_value_json_cannot_hold(value):
    imported = import_grants({"grants": [{**GRANT, "amountAwarded": value}]})
    assert imported.grants == ()
    assert imported.problems


def test_a_long_vi603_message_keeps_what_is_wrong():
    report = quality_report({"grants": [{**GRANT, "amountAwarded": "z" * 100_000}]}, on=ON)
    [finding] = [f for f in report.findings if f.code == "VI603"]
    assert len(finding.message) == 200
    assert finding.message.endswith("' is not of type 'number'")
    assert "(100,026 characters)" in finding.message


@pytest.mark.parametrize(
    "on",
    [dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC), "next tuesday", True, None, dt.date(1, 1, 1)],
)
def test_quality_refuses_a_date_of_check_that_is_no_date(on):
    with pytest.raises(InvalidInput) as caught:
        quality_report({"grants": [GRANT]}, on=on)
    assert caught.value.problems[0].location == ("on",)
    with pytest.raises(InvalidInput):
        iter_quality([GRANT], on=on)  # at once, not at the first grant


@pytest.mark.parametrize(
    ("package", "location"),
    [(None, ()), ([GRANT], ()), ({}, ("grants",)), ({"grants": "x"}, ("grants",))],
)
def test_quality_refuses_a_package_without_a_grants_array(package, location):
    with pytest.raises(InvalidInput) as caught:
        quality_report(package, on=ON)
    assert caught.value.problems[0].location == location


def test_a_grant_that_is_no_object_is_a_vi603_finding_not_skipped(capsys, monkeypatch):
    report = quality_report({"grants": [1, "x", None, [], 10**5000]}, on=ON)
    assert [(f.code, f.path) for f in report.findings] == [
        ("VI603", f"$.grants[{index}]") for index in range(5)
    ]
    assert report.findings[4].message == (
        "<a whole number of about 5,000 digits> is not of type 'object'"
    )
    stdin = io.TextIOWrapper(io.BytesIO(b'{"grants": [1, null]}'), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, _ = _run(capsys, "quality", "-")
    assert code == 1  # was exit 0 with no finding: a CI gate passed having checked nothing
    assert "$.grants[1]: None is not of type 'object'" in out


def test_import_names_stdin_in_its_notes(capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b'{"grants": [1]}'), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, _, err = _run(capsys, "import-360giving", "-")
    assert code == 2
    assert all(line.startswith(f"{PROG}: <stdin>: ") for line in err.splitlines())


@pytest.mark.parametrize("package", [None, [GRANT], {"grants": "x"}, {"grants": [1]}])
def test_export_csv_refuses_what_is_no_package_of_grants(package):
    with pytest.raises(InvalidInput):
        export_csv(package)  # was a traceback, or a row of blanks for each letter of "x"


# -- exact types --------------------------------------------------------------------------------


class _Count(int):
    pass


class _Name(str):
    __slots__ = ()

    def __str__(self):
        return "formatted"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("renewal_notice_months", True, "got True"),
        ("renewal_notice_months", _Count(3), "got 3 (a _Count)"),
        ("commissioner", _Name("Lowmoor PCT"), "got 'Lowmoor PCT' (a _Name)"),
    ],
)
def test_a_subclass_of_int_or_str_is_refused(field, value, message):
    with pytest.raises(TypeError, match=r"expected a (whole number|string)") as caught:
        attrs.evolve(example_contracts()[0], **{field: value})
    assert message in str(caught.value)


def test_a_collection_of_strings_takes_exactly_str():
    contract = example_contracts()[0]
    with pytest.raises(TypeError, match="a collection of strings") as caught:
        attrs.evolve(contract, aims=("Shape the service", _Name("Run the group")))
    assert "got 'Run the group' (a _Name) in it" in str(caught.value)
    # what the loader reads is exactly str, and reads as before
    assert serialization.from_data(serialization.to_data(contract), Contract) == contract


# -- picture: its own files within the limit, Parquet whole or not at all ------------------------


@pytest.mark.parametrize("option", ["--terms", "--extra-terms", "--known-ids"])
def test_picture_reads_its_option_files_within_the_limit(capsys, tmp_path, option):
    pytest.importorskip("pyarrow")
    (tmp_path / "g.json").write_text('{"grants": []}', encoding="utf-8")
    started = time.monotonic()
    code, _, err = _run(
        capsys, "--max-input", "1M", "picture", option, "/dev/zero", str(tmp_path / "g.json")
    )
    assert time.monotonic() - started < 10
    assert code == 2
    assert err == (
        f"{PROG} picture: cannot read the input: larger than the input limit of 1,048,576 "
        "bytes (raise it with --max-input)\n"
    )


def test_an_interrupted_parquet_file_leaves_no_partial_file(tmp_path):
    pytest.importorskip("pyarrow")
    from valuing_involvement.picture._store import BATCH, write_parquet

    out = tmp_path / "selected.parquet"
    assert write_parquet([], out) == 0
    before = out.read_bytes()

    def rows():
        yield from itertools.repeat({}, BATCH + 1)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_parquet(rows(), out)
    assert out.read_bytes() == before  # the older file stands, whole
    assert [p.name for p in tmp_path.iterdir()] == ["selected.parquet"]


# -- files whose size is the attack: a real process, a memory cap ------------------------------


@pytest.fixture(scope="module")
def million_empty_objects(tmp_path_factory):
    """A JSON array of 10^6 empty objects (3 MB): classify died of memory, check segfaulted."""
    path = tmp_path_factory.mktemp("hostile") / "million.json"
    path.write_text("[" + ",".join(["{}"] * 1_000_000) + "]", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["classify", "check"])
def test_a_million_empty_objects_get_a_capped_list_in_bounded_memory(
    million_empty_objects, command
):
    result = _process([command, str(million_empty_objects)])
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert lines[-1].startswith(f"{PROG}: {million_empty_objects}: ... and at least ")


def test_a_hundred_thousand_empty_grants_are_checked_in_bounded_memory(tmp_path):
    path = tmp_path / "empty.json"
    path.write_text('{"grants": [' + ",".join(["{}"] * 100_000) + "]}", encoding="utf-8")
    result = _process(["quality", "--on", "2026-12-06", str(path)], timeout=300)
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr == ""
    assert "$.grants[99999]" in result.stdout


def test_millions_of_shared_strings_under_the_limit_are_refused_in_bounded_memory(tmp_path):
    """238 MB of one-letter shared strings, under the 256M default: 1.3 GB and 21 s before."""
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    book = _workbook(
        tmp_path / "groups.xlsx", f'<worksheet xmlns="{main_ns}"><sheetData/></worksheet>'
    )
    with (
        zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w") as part,
    ):
        part.write(f'<sst xmlns="{main_ns}">'.encode())
        chunk = b"<si><t>a</t></si>" * 100_000
        for _ in range(140):
            part.write(chunk)
        part.write(b"</sst>")
    started = time.monotonic()
    result = _process(["classify", str(book)])
    assert time.monotonic() - started < 30
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr == (
        f"{PROG}: groups.xlsx: expands to more than the input limit (raise it with --max-input)\n"
    )


@pytest.mark.parametrize("title", ["aims.²", "aims." + "9" * 5000, "aims.١"])
def test_a_header_that_is_no_column_is_refused_not_dropped(capsys, tmp_path, title):
    path = tmp_path / "agreements.csv"
    path.write_text(
        f"Commissioner,Kind of agreement,Amount per year (£),{title}\nC,Contract,1000,x\n",
        encoding="utf-8",
    )
    code, _, err = _run(capsys, "check", str(path))
    assert code == 2
    assert "row 1, column aims." in err
    assert "no such column" in err
    assert len(err) < 500  # a 5000-digit title is not echoed whole


# -- done when: generated hostile files to every command, each clean and quick ------------------

_REGISTER_TITLES = st.sampled_from(
    ["Group name", "Who the group is for", "Decisions the group takes itself", "Commissioner",
     "Kind of agreement", "Amount per year (£)", "Starts on", "Aim 1", "aims.1", "aims.١",
     "aims.²", "", " ", "Identifier", "Amount Awarded"]
)  # fmt: skip
_REGISTER_CELLS = st.one_of(
    st.sampled_from(
        ["", "yes", "carers", "Money; Policy", "£12,000", "1e999999999", "NaN", "9" * 400,
         "15/03/08", "0001-01-01", '=HYPERLINK("http://x")', "-2+3+cmd|' /C calc'!A0", "x" * 3000]
    ),
    st.text(max_size=12),
)  # fmt: skip


@st.composite
def hostile_registers(draw):
    """A register CSV: known, unknown and blank titles, ragged rows, odd cells and encodings."""
    header = draw(st.lists(_REGISTER_TITLES, min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(_REGISTER_CELLS, max_size=len(header) + 2), max_size=4))
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return out.getvalue().encode(encoding, "replace")


REGISTER_NAMES = st.sampled_from(["groups.csv", "agreements.csv", "portfolio.csv"])
#: The most a generated file may take, whatever the command: far above a normal run.
_SECONDS = 20


@settings(
    max_examples=share(0.5, least=20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    file=st.one_of(
        st.tuples(REGISTER_NAMES, hostile_registers()),
        st.tuples(st.sampled_from(["grants.csv", "grants"]), threesixty_csvs()),
    ),
    command=st.sampled_from(sorted(READERS)),
)
def test_generated_hostile_files_get_a_clean_quick_answer_from_every_command(
    tmp_path_factory, file, command
):
    name, data = file
    path = tmp_path_factory.mktemp("hostile") / name
    path.write_bytes(data)
    started = time.monotonic()
    _answers_cleanly([command, *READERS[command], str(path)])
    assert time.monotonic() - started < _SECONDS


def test_the_hardening_page_names_only_tests_that_exist():
    root = Path(__file__).parent
    page = (root.parent / "docs" / "hardening.md").read_text(encoding="utf-8")
    defined = {
        path.name: {
            node.name
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef)
        }
        for path in root.glob("test_*.py")
    }
    named = []
    module = None  # a `::test_name` belongs to the module named last before it
    for cell in re.findall(r"`([^`]*test_[^`]*)`", page):
        for part in re.findall(r"(test_\w+\.py)?(?:::)?(test_\w+)?", cell):
            module = part[0] or module
            if part[1]:
                named.append((module, part[1]))
    assert len(named) > 40
    assert [(m, t) for m, t in named if t not in defined.get(m, ())] == []

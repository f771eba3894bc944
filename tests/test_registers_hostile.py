"""Hostile registers: each refused with a line naming it, in bounded time and memory."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles import share
from valuing_involvement.cli import main
from valuing_involvement.registers import InvalidRegister, read_register

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = "Group name,Who the group is for,Decisions the group takes itself"


def _sheet(rows, extra=""):
    return (
        f'<worksheet xmlns="{MAIN}"><dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData>'
        f"{extra}</worksheet>"
    )


HEAD_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Group name</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Who the group is for</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>Decisions the group takes itself</t></is></c></row>'
)
GOOD_ROW = (
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Lowmoor Voices</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>carers</t></is></c>'
    '<c r="C2" t="inlineStr"><is><t>money</t></is></c></row>'
)


def _workbook(path, sheet_xml, *, strings=None, name="groups", parts=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/></Relationships>',
        )
        book.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if strings is not None:
            book.writestr("xl/sharedStrings.xml", strings)
        for part, data in (parts or {}).items():
            book.writestr(part, data)
    return path


def _lines(path, **options):
    with pytest.raises(InvalidRegister) as caught:
        read_register(path, **options)
    return caught.value.lines()


def test_a_minimal_workbook_reads(tmp_path):
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW + GOOD_ROW))
    assert read_register(file).groups[0].name == "Lowmoor Voices"


def test_not_a_zip(tmp_path):
    (tmp_path / "r.xlsx").write_bytes(b"PK\x03\x04 but not really")
    assert _lines(tmp_path / "r.xlsx") == ["r.xlsx: is not an XLSX workbook (not a zip file)"]


def test_a_zip_with_no_workbook(tmp_path):
    with zipfile.ZipFile(tmp_path / "r.xlsx", "w") as book:
        book.writestr("hello.txt", "hi")
    (line,) = _lines(tmp_path / "r.xlsx")
    assert line.startswith("r.xlsx: holds no workbook")


def test_broken_sheet_xml(tmp_path):
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW)[:-20])
    assert _lines(file) == ["r.xlsx: is a broken workbook (ParseError)"]


def test_shared_strings_bomb(tmp_path):
    strings = f'<sst xmlns="{MAIN}">' + "<si><t>a</t></si>" * 200_000 + "</sst>"
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW), strings=strings)
    assert file.stat().st_size < 100_000
    (line,) = _lines(file, max_input=1_000_000)
    assert line == "r.xlsx: expands to more than the input limit (raise it with --max-input)"


def test_sheet_xml_bomb(tmp_path):
    rows = "".join(f'<row r="{n}"/>' for n in range(2, 200_000))
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW + rows))
    (line,) = _lines(file, max_input=1_000_000)
    assert "expands to more than the input limit" in line


def test_a_cell_at_xfd1048576_costs_one_cell(tmp_path):
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>'
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW + GOOD_ROW + far))
    assert _lines(file) == [
        (
            "r.xlsx[groups] row 1048576, column XFD: a value in a column with no title: give the "
            "column a title or move the value"
        )
    ]


def test_row_two_billion(tmp_path):
    far = '<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row>'
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW + far))
    assert _lines(file) == ["r.xlsx: has a row numbered 2,000,000,000, beyond Excel's 1,048,576"]


def test_a_formula_without_a_saved_value_is_not_read_as_empty(tmp_path):
    row = GOOD_ROW.replace("</row>", '<c r="D2"><f>SUM(1,2)</f></c></row>')
    head = HEAD_ROW.replace(
        "</row>", '<c r="D1" t="inlineStr"><is><t>Legal form</t></is></c></row>'
    )
    file = _workbook(tmp_path / "r.xlsx", _sheet(head + row))
    assert _lines(file) == [
        (
            "r.xlsx[groups] row 2, column Legal form: a formula with no saved value: open and save "
            "the workbook in Excel, or type the value"
        )
    ]


def test_merged_cells_are_refused(tmp_path):
    merged = '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>'
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW + GOOD_ROW, merged))
    assert _lines(file) == [
        (
            "r.xlsx[groups] row 2, column Group name: merged cells (A2:B2): unmerge them and write "
            "the value in each cell"
        )
    ]


def test_a_long_cell_and_a_long_number(tmp_path):
    (tmp_path / "groups.csv").write_text(
        f"{HEADER}\n{'x' * 200_000},carers,money\n", encoding="utf-8"
    )
    (line,) = _lines(tmp_path / "groups.csv")
    assert line == (
        "groups.csv row 2: a cell longer than 131,072 characters, more than a register needs: "
        "shorten it (reading stops here)"
    )
    (tmp_path / "a.csv").write_text(
        "Commissioner,Kind of agreement,Amount per year (£),Starts on,Ends on,"
        "Renewal notice (months)\n"
        f"F,contract,{'9' * 5000},01/04/2008,31/03/2011,{'9' * 5000}\n",
        encoding="utf-8",
    )
    lines = _lines(tmp_path / "a.csv")
    assert [line.split(": ")[0] for line in lines] == [
        "a.csv row 2, column Amount per year (£)",
        "a.csv row 2, column Renewal notice (months)",
    ]


def test_an_endless_file_stops_at_the_input_limit():
    assert _lines("/dev/zero", max_input=1 << 16) == [
        "zero: larger than the input limit of 65,536 bytes (raise it with --max-input)"
    ]


def test_a_megabyte_of_empty_excel_rows(tmp_path):
    (tmp_path / "groups.csv").write_text(f"{HEADER}\nA,carers,money\n" + ",,\r\n" * 250_000)
    assert len(read_register(tmp_path).groups) == 1


def test_a_cell_under_a_blank_title_is_refused(tmp_path):
    (tmp_path / "groups.csv").write_text("Group name,,Who the group is for\nA,lost,carers\n")
    assert _lines(tmp_path) == [
        (
            "groups.csv row 2, column B: a value in a column with no title: give the column a "
            "title "
            "or move the value"
        )
    ]


# -- through the command line ---------------------------------------------------------------


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_commands_refuse_hostile_workbooks_with_exit_2(capsys, tmp_path):
    (tmp_path / "r.xlsx").write_bytes(b"not a zip")
    for command in ("classify", "check", "assess"):
        code, _, err = run(capsys, command, tmp_path / "r.xlsx")
        assert code == 2, command
        assert "Traceback" not in err
        assert "not an XLSX workbook" in err


_CELL = st.one_of(
    st.sampled_from(["", "yes", "x", "£12,000", "15/03/08", "=HYPERLINK(1)", "aims.²", "carers"]),
    st.text(max_size=20),
)
_HEADER = st.sampled_from(
    [
        "Group name",
        "Who the group is for",
        "Commissioner",
        "Kind of agreement",
        "aims.1",
        "",
        "aims.١",
    ]
)


@settings(
    max_examples=share(0.3),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    header=st.lists(_HEADER, min_size=1, max_size=5),
    rows=st.lists(st.lists(_CELL, max_size=6), max_size=4),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
    command=st.sampled_from(["classify", "check", "assess"]),
)
def test_generated_hostile_registers_get_a_clean_exit(  # noqa: PLR0917 -- hypothesis arguments
    capsys, tmp_path, header, rows, encoding, command
):
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    file = tmp_path / "register.csv"
    file.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    code, _, err = run(capsys, command, file)
    assert code in (0, 1, 2)
    assert "Traceback" not in err


def test_a_far_cell_costs_little_memory(tmp_path):
    import tracemalloc

    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW + GOOD_ROW + far))
    tracemalloc.start()
    try:
        with pytest.raises(InvalidRegister):
            read_register(file)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000  # a grid filled to XFD1048576 would need gigabytes


_XML_CELL = st.one_of(
    st.just('<c r="A2" t="inlineStr"><is><t>Lowmoor</t></is></c>'),
    st.just('<c r="B2" t="s"><v>7</v></c>'),  # names no shared string
    st.just('<c r="C2" t="b"><v>1</v></c>'),
    st.just('<c r="D2" t="e"><v>#N/A</v></c>'),
    st.just('<c r="E2"><f>1+1</f></c>'),
    st.just('<c r="ZZZZ2"><v>1</v></c>'),
    st.just('<c r="A3"><v>1</v></c>'),  # a cell outside its row
    st.just('<c r="B2" s="99999999"><v>1e400</v></c>'),
    st.just('<c r="C2"><v>' + "9" * 5000 + "</v></c>"),
    st.text(alphabet="<>/=\"' abcrtv0123456789", max_size=30),
)


@settings(max_examples=share(0.4), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(_XML_CELL, max_size=4), name=st.sampled_from(["groups", "Groups", "x"]))
def test_generated_hostile_workbooks_give_a_register_or_its_problems(tmp_path_factory, cells, name):
    folder = tmp_path_factory.mktemp("xlsx")
    sheet = _sheet(HEAD_ROW + '<row r="2">' + "".join(cells) + "</row>")
    file = _workbook(folder / "r.xlsx", sheet, name=name)
    try:
        read_register(file)
    except InvalidRegister as exc:
        lines = exc.lines()
    else:
        lines = ["read"]
    assert lines


def test_a_cell_under_a_title_of_spaces_is_refused(tmp_path):
    (tmp_path / "groups.csv").write_text(f"{HEADER},   \nA,carers,money,lost\n")
    assert _lines(tmp_path) == [
        (
            "groups.csv row 2, column D: a value in a column with no title: give the column a "
            "title or move the value"
        )
    ]


def test_a_workbook_larger_than_the_limit(tmp_path):
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW + GOOD_ROW))
    limit = file.stat().st_size - 1
    assert _lines(file, max_input=limit) == [
        f"r.xlsx: larger than the input limit of {limit:,} bytes (raise it with --max-input)"
    ]


def test_rich_text_is_read_without_its_phonetic_guide(tmp_path):
    strings = (
        f'<sst xmlns="{MAIN}"><si><r><t>Lowmoor </t></r><r><t>Voices</t></r>'
        "<rPh><t>ignored</t></rPh></si></sst>"
    )
    row = GOOD_ROW.replace(
        '<c r="A2" t="inlineStr"><is><t>Lowmoor Voices</t></is></c>', '<c r="A2" t="s"><v>0</v></c>'
    )
    file = _workbook(tmp_path / "r.xlsx", _sheet(HEAD_ROW + row), strings=strings)
    assert read_register(file).groups[0].name == "Lowmoor Voices"

"""Registers a commissioner fills in: titles, counts, forgiving cells, help, encodings."""

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles import share
from valuing_involvement import DecisionBody, Member, Role, example_groups
from valuing_involvement.registers import (
    InvalidRegister,
    Register,
    read_register,
    template,
    write_register,
)
from valuing_involvement.registers._cells import CellError, value
from valuing_involvement.registers._layouts import COUNTS, counts_of, members_of
from valuing_involvement.registers._schema import SHEETS, Node, columns, sheet_node
from valuing_involvement.registers._titles import TITLES, title_of
from valuing_involvement.registers._write import help_of

HEADER = "Group name,Who the group is for,Decisions the group takes itself"


def _write(folder, name, text, encoding="utf-8"):
    (folder / name).write_bytes(text.encode(encoding))
    return folder / name


def _error(*paths, **options):
    with pytest.raises(InvalidRegister) as caught:
        read_register(*paths, **options)
    return caught.value.lines()


# -- titles --------------------------------------------------------------------------------


def test_every_column_has_a_title_and_help():
    for sheet in SHEETS:
        for column in columns(sheet_node(sheet), "", dict.fromkeys(_patterns(sheet), 2)):
            assert title_of(sheet, column) != column, column
            assert help_of(sheet, column), column


def test_help_speaks_the_sheets_words_not_json():
    for sheet in SHEETS:
        for column in columns(sheet_node(sheet), "", dict.fromkeys(_patterns(sheet), 1)):
            text = help_of(sheet, column)
            for json_word in ("`", "null", "False", "True", "false", "true"):
                assert json_word not in text, (column, text)
    assert help_of("agreements", "insurance_needed").startswith("No when both sides record")


def _patterns(sheet):
    return {pattern.rsplit(".#", 1)[0] for pattern in TITLES[sheet] if "#" in pattern} | {
        pattern.split(".#", 1)[0] for pattern in TITLES[sheet] if "#" in pattern
    }


def test_titles_are_unique_on_each_sheet():
    for sheet, table in TITLES.items():
        assert len(set(table.values())) == len(table), sheet


def test_titles_and_dotted_names_in_any_order_case_and_spacing(tmp_path):
    _write(
        tmp_path,
        "Fenwick groups 2026.csv",
        "decisions the group TAKES itself ,  group   name,CONSTITUENCY\n"
        "money,Lowmoor Voices,carers\n",
    )
    (group,) = read_register(tmp_path).groups
    assert (group.name, group.constituency.value) == ("Lowmoor Voices", "carers")


def test_a_commissioners_own_titles_through_a_column_map(tmp_path):
    _write(tmp_path, "old.csv", "Org,Type,Controls\nLowmoor Voices,carers,money\n")
    register = read_register(
        tmp_path / "old.csv",
        columns={"org": "Group name", "Type": "constituency", "Controls": "controls"},
    )
    assert register.groups[0].name == "Lowmoor Voices"


def test_the_kind_comes_from_the_columns_or_as(tmp_path):
    _write(tmp_path, "agreements.csv", f"{HEADER}\nLowmoor Voices,carers,money\n")
    assert len(read_register(tmp_path / "agreements.csv").groups) == 1
    lines = _error(tmp_path / "agreements.csv", as_="agreements")
    assert lines[0].startswith("agreements.csv row 1, column Group name: no such column")


def test_a_file_that_is_no_register_says_so(tmp_path):
    _write(tmp_path, "notes.csv", "Date,Note\n2008-01-01,hello\n")
    assert _error(tmp_path / "notes.csv") == [
        (
            "notes.csv row 1: is not a register sheet: its first row should hold column titles "
            "such "
            "as 'Group name' or 'Commissioner' (start from the template)"
        )
    ]


# -- forgiving cells -----------------------------------------------------------------------

BOOL = Node("bool")
MONEY = Node("money")
DATE = Node("date")
DOMAINS = Node("enum-list", choices=("money", "personnel", "policy"))
BODY = Node("enum", choices=("management_committee", "trustees"))


@pytest.mark.parametrize("text", ["yes", "Yes", "Y", "true", "TRUE", "1", "✓", " yes "])
def test_yes(text):
    assert value(BOOL, text) is True


@pytest.mark.parametrize("text", ["no", "N", "false", "0", "✗"])
def test_no(text):
    assert value(BOOL, text) is False


@pytest.mark.parametrize("text", ["x", "maybe", "2"])
def test_a_guess_at_yes_or_no_is_refused(text):
    with pytest.raises(CellError, match="write yes or no"):
        value(BOOL, text)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("£12,000", "12000"), ("12000.00", "12000.00"), ("£42,500.00", "42500.00"), (" 900 ", "900")],
)
def test_money(text, amount):
    assert value(MONEY, text) == amount


@pytest.mark.parametrize("text", ["TBC", "12,00", "£", "1e5", "9" * 5000])
def test_not_money(text):
    with pytest.raises(CellError, match="is not an amount: write a number such as 12000"):
        value(MONEY, text)


SHARE = Node("fraction")
MEASURE = Node("number")


@pytest.mark.parametrize(
    ("text", "share"), [("12%", "0.12"), ("12.5 %", "0.125"), ("0.12", "0.12"), (".5", "0.5")]
)
def test_a_share_is_a_fraction_or_a_percentage_not_money(text, share):
    assert value(SHARE, text) == share


def test_shares_and_measures_are_not_asked_for_in_pounds():
    assert "percentage such as 12%" in help_of("portfolio", "population.communities.1.share")
    assert "pounds" not in help_of("agreements", "costs.agreed_share").split(". ")[-1]
    assert "pounds" not in help_of("agreements", "costs.project_measure")
    assert "pounds" in help_of("agreements", "amount_per_year")
    with pytest.raises(CellError, match=r"is not a share: write a fraction such as 0\.12 or a"):
        value(SHARE, "£12")
    with pytest.raises(CellError, match="is not a number: write one such as 120"):
        value(MEASURE, "12%")
    assert value(MEASURE, "1,250.5") == "1250.5"


@pytest.mark.parametrize(
    ("text", "day"),
    [("01/04/2008", "2008-04-01"), ("2008-04-01", "2008-04-01"), ("1.4.2008", "2008-04-01")],
)
def test_dates_day_first(text, day):
    assert value(DATE, text) == day


def test_a_two_digit_year_is_refused_never_guessed():
    with pytest.raises(CellError, match="two-digit year"):
        value(DATE, "15/03/08")
    with pytest.raises(CellError, match="is not a date"):
        value(DATE, "31/02/2008")


def test_lists_take_commas_or_semicolons_and_words():
    assert value(DOMAINS, "money, personnel, policy") == ["money", "personnel", "policy"]
    assert value(DOMAINS, "Money;Policy") == ["money", "policy"]
    assert value(BODY, "Management committee") == "management_committee"
    assert value(BODY, "management-committee") == "management_committee"


# -- counts --------------------------------------------------------------------------------


def test_counts_build_the_members_the_classification_reads(tmp_path):
    _write(
        tmp_path,
        "g.csv",
        "Group name,Who the group is for,Decisions the group takes itself,"
        "Committee: voting service users,Committee: voting carers,"
        "Committee: non-voting paid workers\n"
        'Lowmoor Voices,Service users,"money, personnel, policy",4,1,2\n',
    )
    (group,) = read_register(tmp_path).groups
    body = group.decision_body
    assert len(body.members) == 7
    from valuing_involvement import Constituency, classify_group

    assert body.seats(Constituency.SERVICE_USERS) == (5, 4, 0)
    assert classify_group(group).leadership.value == "led"


def test_counts_and_members_together_are_refused(tmp_path):
    _write(
        tmp_path,
        "g.csv",
        f"{HEADER},Committee: voting carers,Member 1: roles\nA,carers,money,2,carer\n",
    )
    (line,) = _error(tmp_path / "g.csv")
    assert "both as counts and member by member" in line


def test_counts_refuse_what_they_cannot_hold():
    with pytest.raises(ValueError, match="seat name"):
        counts_of([{"roles": ["carer"], "label": "chair"}])
    with pytest.raises(ValueError, match="no column"):
        counts_of([{"roles": ["carer"], "voting": False}])


def _countable_members():
    return st.lists(st.sampled_from(COUNTS), max_size=12).map(
        lambda kinds: [
            Member(
                roles=[Role(role) for role in roles], voting=voting, associate=associate, paid=paid
            )
            for _, roles, voting, associate, paid in sorted(kinds, key=COUNTS.index)
        ]
    )


@settings(max_examples=share(0.4), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(members=_countable_members(), xlsx=st.booleans())
def test_the_counts_layout_round_trips(members, xlsx, tmp_path_factory):
    group = attrs.evolve(example_groups()[0], decision_body=DecisionBody(members=members))
    folder = tmp_path_factory.mktemp("counts")
    target = folder / "register.xlsx" if xlsx else folder
    write_register(Register(groups=[group]), target, layout="counts")
    assert read_register(target).groups == (group,)


def test_members_of_and_counts_of_are_inverse():
    counts = {column: index for index, (column, *_) in enumerate(COUNTS)}
    counts = {column: number for column, number in counts.items() if number}
    assert counts_of(members_of(counts)) == counts


# -- template, example row, help -----------------------------------------------------------


def test_the_template_example_rows_are_skipped(tmp_path):
    template(tmp_path)
    register = read_register(tmp_path)
    assert register == Register()
    assert "groups.csv row 2: the example row, skipped" in register.notes


def test_the_workbook_template_has_help(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    (file,) = template(tmp_path, format="xlsx")
    book = openpyxl.load_workbook(file)
    assert book.sheetnames[0] == "About"
    groups = book["groups"]
    assert groups["A1"].value == "Group name"
    assert "Whom the group is for" in groups["B1"].comment.text
    assert groups["A2"].value.startswith("Example:")
    assert read_register(file) == Register()


def test_template_refuses_to_overwrite_a_register(tmp_path):
    template(tmp_path)
    with pytest.raises(FileExistsError, match="--force"):
        template(tmp_path)
    assert template(tmp_path, force=True)


# -- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "described"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with a byte-order mark"),
        ("cp1252", "Windows-1252"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
    ],
)
def test_excel_encodings_are_read_and_named(tmp_path, encoding, described):
    _write(tmp_path, "groups.csv", f"{HEADER}\nCafé £5 Voices,carers,money\n", encoding)
    register = read_register(tmp_path)
    assert register.groups[0].name == "Café £5 Voices"
    assert f"groups.csv: read as {described}" in register.notes


@pytest.mark.parametrize("name", ["Fenwick groups.txt", "groups.csv", "groups.tsv"])
def test_excels_unicode_text_is_utf_16_with_tabs(tmp_path, name):
    text = HEADER.replace(",", "\t") + "\r\nCafé £5 Voices\tcarers\tmoney, policy\r\n"
    register = read_register(_write(tmp_path, name, text, "utf-16"))
    assert register.groups[0].name == "Café £5 Voices"
    assert sorted(c.value for c in register.groups[0].controls) == ["money", "policy"]
    assert f"{name}: read as UTF-16" in register.notes


def test_latin_1_bytes_cp1252_cannot_read_still_read(tmp_path):
    (tmp_path / "groups.csv").write_bytes(f"{HEADER}\nA\x81,carers,money\n".encode("latin-1"))
    assert read_register(tmp_path).groups[0].name == "A\x81"


# -- all mistakes at once, by title --------------------------------------------------------


def test_every_sheets_mistakes_come_together_in_words(tmp_path):
    _write(
        tmp_path,
        "groups.csv",
        f"{HEADER},Group reference\nA,carers,money,HF-002 \nB,carrots,money,X\n",
    )
    _write(
        tmp_path,
        "agreements.csv",
        "Commissioner,Kind of agreement,Amount per year (£),Starts on,Ends on,Group reference\n"
        "Fenwick,contract,TBC,01/04/2008,31/03/2011,HF-002\n"
        "Fenwick,contract,100,15/03/08,31/03/2011,HF-003\n",
    )
    lines = _error(tmp_path)
    assert lines == [
        (
            "agreements.csv row 2, column Amount per year (£): 'TBC' is not an amount: write a "
            "number such as 12000"
        ),
        (
            "agreements.csv row 3, column Starts on: '15/03/08' has a two-digit year, which could "
            "be "
            "any century: write the year in full, such as 15/03/2008 (day first) or 2008-03-15"
        ),
        (
            "groups.csv row 3, column Who the group is for: 'carrots' is not one of the choices: "
            "write one of Service users, Carers, Service users and carers"
        ),
    ]


def test_trailing_empty_header_cells_are_ignored(tmp_path):
    _write(tmp_path, "groups.csv", f"{HEADER},,\nA,carers,money,,\n")
    assert len(read_register(tmp_path).groups) == 1


def test_a_value_beyond_the_titled_columns_is_refused(tmp_path):
    _write(tmp_path, "groups.csv", f"{HEADER},,\nA,carers,money,,lost\n")
    assert _error(tmp_path) == [
        (
            "groups.csv row 2, column E: a value in a column with no title: give the column a "
            "title "
            "or move the value"
        )
    ]


@pytest.mark.parametrize("header", ["aims.²", "aims.١", "aims." + "9" * 5000, "aims.0"])
def test_odd_numbered_headers_are_refused_not_dropped(tmp_path, header):
    text = f"Commissioner,Kind of agreement,Amount per year (£),Starts on,Ends on,{header}\n"
    _write(tmp_path, "agreements.csv", text + "F,contract,1,01/04/2008,31/03/2011,an aim\n")
    (line,) = _error(tmp_path, as_="agreements")
    assert "row 1, column aims." in line
    assert "no such column" in line


def test_findings_can_be_placed_by_row_and_title(tmp_path):
    template_rows = (
        "Commissioner,Kind of agreement,Amount per year (£),Starts on,Ends on,Funded as\n"
        "F,contract,1,01/04/2008,31/03/2011,Led\n"
    )
    _write(tmp_path, "agreements.csv", template_rows)
    register = read_register(tmp_path)
    assert register.where("$.contracts[0].funded_as") == "agreements.csv row 2, column Funded as"
    assert register.where("$.contracts[0].period.end") == "agreements.csv row 2, column Ends on"


def test_date_and_number_cells_in_a_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    (file,) = template(tmp_path, format="xlsx")
    book = openpyxl.load_workbook(file)
    sheet = book["agreements"]
    header = [cell.value for cell in sheet[1]]
    row = {
        "Commissioner": "Fenwick PCT",
        "Kind of agreement": "Contract",
        "Amount per year (£)": 42500,
        "Starts on": dt.date(2008, 4, 1),
        "Ends on": dt.datetime(2011, 3, 31, tzinfo=None),  # noqa: DTZ001 -- a cell has no zone
        "Overheads funded": True,
    }
    for title, cell_value in row.items():
        cell = sheet.cell(row=3, column=header.index(title) + 1, value=cell_value)
        if title.startswith("Amount"):
            cell.number_format = '"£"#,##0.00'
    book.save(file)
    (contract,) = read_register(file).contracts
    assert contract.amount_per_year == 42500
    assert contract.period.start == dt.date(2008, 4, 1)
    assert contract.period.end == dt.date(2011, 3, 31)
    assert contract.overheads_funded is True


def test_a_sheet_named_with_capitals_is_read(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    file = tmp_path / "register.xlsx"
    write_register(Register(groups=example_groups()), file)
    book = openpyxl.load_workbook(file)
    book["groups"].title = "Groups"
    book.save(file)
    assert read_register(file).groups == tuple(example_groups())


def test_a_part_marked_no_is_not_recorded(tmp_path):
    _write(
        tmp_path,
        "portfolio.csv",
        "Commissioner,Kind of commissioning body,Involvement recorded,Population recorded\n"
        "Fenwick PCT,Primary care trust,no,maybe\n",
    )
    assert _error(tmp_path) == [
        "portfolio.csv row 2, column Population recorded: 'maybe' is not yes or no: write yes or no"
    ]
    _write(
        tmp_path,
        "portfolio.csv",
        "Commissioner,Kind of commissioning body,Involvement recorded\n"
        "Fenwick PCT,Primary care trust,no\n",
    )
    assert read_register(tmp_path).portfolio.involvement is None


def test_both_headings_write_and_read_back(tmp_path):
    from valuing_involvement import example_portfolio

    for titles in (True, False):
        folder = tmp_path / str(titles)
        write_register(example_portfolio(), folder, titles=titles)
        assert read_register(folder).portfolio == example_portfolio()


def test_a_finding_on_an_agreements_group_is_placed_on_the_groups_row(tmp_path):
    _write(tmp_path, "groups.csv", f"{HEADER},Group reference\nA,carers,money,HF-1\n")
    _write(
        tmp_path,
        "agreements.csv",
        "Commissioner,Kind of agreement,Amount per year (£),Starts on,Ends on,Group reference\n"
        "F,contract,1,01/04/2008,31/03/2011,HF-1\n",
    )
    register = read_register(tmp_path)
    assert register.where("$.contracts[0].group.controls") == (
        "groups.csv row 2, column Decisions the group takes itself"
    )
    assert register.where("$.contracts[0].group_reference") == (
        "agreements.csv row 2, column Group reference"
    )
    assert register.where("$.strategy") is None


def test_a_folder_skips_csv_files_that_are_no_register_sheet(tmp_path):
    _write(tmp_path, "groups.csv", f"{HEADER}\nA,carers,money\n")
    _write(tmp_path, "grants 360.csv", "Identifier,Title\n360G-x-1,A grant\n")
    register = read_register(tmp_path)
    assert len(register.groups) == 1
    assert "grants 360.csv: not a register sheet, skipped" in register.notes
    (line,) = _error(tmp_path / "grants 360.csv")  # named, it must be a register's
    assert line.startswith("grants 360.csv row 1, column Identifier: no such column")


# -- a register written by the library is as fillable as the template ------------------------


@pytest.mark.parametrize("layout", ["members", "counts"])
def test_a_written_workbook_has_the_about_sheet_and_column_notes(tmp_path, layout):
    openpyxl = pytest.importorskip("openpyxl")
    from valuing_involvement import example_portfolio

    file = tmp_path / "Fenwick register.xlsx"
    portfolio = example_portfolio()
    if layout == "counts":  # counts hold no seat names: give the committees without them
        groups = [
            g
            if g.decision_body is None
            else attrs.evolve(
                g,
                decision_body=attrs.evolve(
                    g.decision_body,
                    members=[attrs.evolve(m, label=None) for m in g.decision_body.members],
                ),
            )
            for g in portfolio.groups
        ]
        portfolio = attrs.evolve(portfolio, groups=groups)
    write_register(portfolio, file, layout=layout)
    book = openpyxl.load_workbook(file)
    assert book.sheetnames[0] == "About"
    about = [row[0] for row in book["About"].iter_rows(values_only=True)]
    assert about[0] == "How to fill in this register"
    assert 'Check it with: valuing-involvement assess "Fenwick register.xlsx"' in about
    assert not any(line.startswith("Row 2 is an example") for line in about)  # none written
    word = "Committee:" if layout == "counts" else "Member"
    assert any(line.startswith("The committee:") and word in line for line in about)
    groups = book["groups"]
    assert groups["A1"].value == "Group name"
    assert "Whom the group is for" in groups["B1"].comment.text
    assert all(cell.comment is not None for cell in book["agreements"][1] if cell.value)
    back = read_register(file).portfolio
    if layout == "counts":  # counts give the members in the order of their columns
        from valuing_involvement import classify_group

        assert [classify_group(g) for g in back.groups] == [
            classify_group(g) for g in portfolio.groups
        ]
        portfolio = back
        write_register(portfolio, file, layout=layout)
        back = read_register(file).portfolio
    assert back == portfolio  # the round trip stays exact, the About sheet beside the sheets


def test_the_members_template_explains_members_not_counts(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    (file,) = template(tmp_path, format="xlsx", layout="members")
    about = [row[0] for row in openpyxl.load_workbook(file)["About"].iter_rows(values_only=True)]
    assert any(line.startswith("Row 2 is an example") for line in about)
    assert not any("Committee:" in line for line in about)
    assert read_register(file) == Register()


# -- names trimmed, mistakes not repeated, findings placed ------------------------------------


def test_spaces_around_names_are_trimmed(tmp_path):
    _write(
        tmp_path,
        "Fenwick groups 2026.csv",
        f"{HEADER},Group reference\n Fenwick Voices ,carers,money, FV-1 \n",
    )
    _write(
        tmp_path,
        "Fenwick agreements 2026.csv",
        "Commissioner,Kind of agreement,Amount per year (£),Starts on,Ends on,Group reference\n"
        "Fenwick PCT  ,contract,1,01/04/2008,31/03/2011,FV-1\n",
    )
    register = read_register(tmp_path)
    assert (register.groups[0].name, register.groups[0].reference) == ("Fenwick Voices", "FV-1")
    assert register.contracts[0].commissioner == "Fenwick PCT"


def test_a_group_row_with_a_mistake_is_reported_once(tmp_path):
    _write(tmp_path, "groups.csv", f"{HEADER},Group reference\nA,carrots,money,HF-1\n")
    _write(
        tmp_path,
        "agreements.csv",
        "Commissioner,Kind of agreement,Amount per year (£),Starts on,Ends on,Group reference\n"
        "F,contract,1,01/04/2008,31/03/2011,HF-1\n"
        "F,contract,1,01/04/2008,31/03/2011,HF-9\n",
    )
    lines = _error(tmp_path)
    assert len(lines) == 2
    assert lines[0].startswith("groups.csv row 2, column Who the group is for: 'carrots'")
    assert lines[1] == (  # the agreement naming HF-1 is not blamed for the group's mistake
        "agreements.csv row 3, column Group reference: no group has the reference 'HF-9': write "
        "a group's reference as on the groups sheet"
    )


def test_findings_on_the_portfolio_are_placed_on_its_row(tmp_path):
    from valuing_involvement import example_portfolio

    write_register(example_portfolio(), tmp_path)
    register = read_register(tmp_path)
    assert register.where("$.strategy.covers") == "portfolio.csv row 2, column Strategy covers"
    assert register.where("$.commissioner.encourages_applications") == (
        "portfolio.csv row 2, column Encourages applications"
    )
    assert register.where("$.population.communities[0]") == (
        "portfolio.csv row 2, column Community 1: name"
    )
    assert register.where("$.contracts[2].period") == "agreements.csv row 4, column Starts on"
    assert register.where("$.no_such_part") == "portfolio.csv row 2"
    assert register.where("$.groups[9]") is None


def test_scorecard_labels_name_the_agreement_and_its_group():
    from valuing_involvement import example_portfolio
    from valuing_involvement.registers._command import agreement_labels

    portfolio = example_portfolio()
    contracts = [attrs.evolve(portfolio.contracts[0], reference=None), *portfolio.contracts[1:]]
    portfolio = attrs.evolve(portfolio, contracts=contracts)
    assert agreement_labels(portfolio, ["$", "$.contracts[0]", "$.contracts[1]"]) == [
        "portfolio",
        "agreement 1 (Lowmoor Voices)",
        "LJC-2007-021 (Lowmoor Carers Together)",
    ]


def test_a_part_left_half_filled_says_which_columns_need_it(tmp_path):
    _write(
        tmp_path,
        "agreements.csv",
        "Commissioner,Kind of agreement,Amount per year (£),Starts on,Ends on,"
        "Costs: direct (£),Costs: overheads (£),Costs: project measure,"
        "Costs: organisation measure,KPI 1: description\n"
        "F,contract,100,01/04/2008,31/03/2011,10,5,3,4,Members joining\n",
    )
    lines = _error(tmp_path)
    assert lines[0] == (
        "agreements.csv row 2, column Costs: basis of overheads: empty, but a row that fills in "
        "any 'Costs:' column needs it too: write one of: Staff time, Floor area, Expenditure"
    )
    assert "column KPI 1: kind: empty, but a row that fills in any 'KPI 1:' column" in lines[1]


def test_the_docs_screenshot_is_of_the_current_template(tmp_path):
    """docs/register.png is rendered by docs/render_register.py from the template filled in
    with six groups: its columns must still be the template's, and the rows must still read."""
    pytest.importorskip("openpyxl")
    import importlib.util
    import pathlib

    docs = pathlib.Path(__file__).parent.parent / "docs"
    assert "![The groups sheet" in (docs / "registers.md").read_text(encoding="utf-8")
    assert (docs / "register.png").read_bytes().startswith(b"\x89PNG")
    spec = importlib.util.spec_from_file_location("render_register", docs / "render_register.py")
    render = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render)
    file = render.filled(tmp_path)
    groups = read_register(file).groups
    assert [group.name for group in groups] == [row[0] for row in render.GROUPS]
    assert all(len(group.decision_body.members) for group in groups)

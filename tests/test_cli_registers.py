"""The command line's registers and starter documents: template, example, CSV and XLSX input."""

import json

import pytest

from valuing_involvement import (
    Commissioner,
    Contract,
    Group,
    Policy,
    Portfolio,
    example_portfolio,
    from_json,
    write_register,
)
from valuing_involvement.cli import main


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("kind", "cls"),
    [("group", Group), ("agreement", Contract), ("portfolio", Portfolio)],
)
def test_each_example_document_loads(capsys, kind, cls):
    code, out, err = run(capsys, "example", kind)
    assert (code, err) == (0, "")
    assert isinstance(from_json(out, cls), cls)


def test_the_example_policy_loads_and_changes_a_severity(capsys):
    code, out, _ = run(capsys, "example", "policy")
    assert code == 0
    policy = Policy.from_toml(out)
    assert policy.severity["VI404"].value == "error"


def test_the_example_agreement_checks_and_the_portfolio_assesses(capsys, tmp_path):
    for kind in ("agreement", "portfolio"):
        _, out, _ = run(capsys, "example", kind)
        (tmp_path / f"{kind}.json").write_text(out, encoding="utf-8")
    code, out, err = run(capsys, "check", tmp_path / "agreement.json")
    assert (code, err) == (0, "")
    assert "no findings" not in out  # alone, its group is only a reference: VI102 says so
    code, out, err = run(capsys, "assess", tmp_path / "portfolio.json")
    assert err == ""
    assert out.startswith("Lowmoor Joint Commissioning")


def test_template_writes_csv_files(capsys, tmp_path):
    code, out, _ = run(capsys, "template", tmp_path / "register")
    assert code == 0
    assert [line.rsplit("/", 1)[1] for line in out.splitlines()] == [
        "groups.csv",
        "agreements.csv",
        "portfolio.csv",
        "README.txt",
    ]
    header = (tmp_path / "register" / "groups.csv").read_text(encoding="utf-8-sig")
    assert header.startswith("Group name,Who the group is for,")


def test_template_writes_a_workbook(capsys, tmp_path):
    pytest.importorskip("openpyxl")
    code, out, _ = run(capsys, "template", "--format", "xlsx", tmp_path)
    assert code == 0
    assert out.strip().endswith("register.xlsx")
    assert (tmp_path / "register.xlsx").stat().st_size > 0


@pytest.fixture(params=["csv", "xlsx"])
def register(request, tmp_path):
    if request.param == "xlsx":
        pytest.importorskip("openpyxl")
        path = tmp_path / "register.xlsx"
        write_register(example_portfolio(), path)
        return dict.fromkeys(("groups", "agreements", "portfolio"), path)
    write_register(example_portfolio(), tmp_path)
    return {name: tmp_path / f"{name}.csv" for name in ("groups", "agreements", "portfolio")}


def test_classify_check_and_assess_read_registers(capsys, register, tmp_path):
    code, out, _ = run(capsys, "classify", register["groups"], "--format", "json")
    assert code == 0
    assert next(row["group"] for row in json.loads(out)) == "Lowmoor Voices"
    code, out, _ = run(capsys, "check", register["agreements"], "--format", "json")
    assert len(json.loads(out)) == 4
    # Each agreement is checked against the group it names, not as a group of unknown facts.
    assert "VI102" not in out
    code, out, _ = run(capsys, "assess", register["portfolio"], "--format", "json")
    from_json_path = tmp_path / "portfolio.json"
    _, expected, _ = run(capsys, "example", "portfolio")
    from_json_path.write_text(expected, encoding="utf-8")
    _, same, _ = run(capsys, "assess", from_json_path, "--format", "json")
    assert out == same


def test_a_bad_cell_is_named_by_file_row_and_column(capsys, tmp_path):
    write_register(example_portfolio(), tmp_path)
    groups = tmp_path / "groups.csv"
    text = groups.read_text(encoding="utf-8-sig").splitlines()
    text[2] = text[2].replace(",Carers,", ",Careers,", 1)
    groups.write_text("\n".join(text) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "classify", groups)
    assert (code, out) == (2, "")
    assert err.startswith(
        "valuing-involvement: groups.csv row 3, column Who the group is for: 'Careers' is not one"
    )


def test_assess_needs_the_portfolio_row(capsys, tmp_path):
    write_register(example_portfolio(), tmp_path)
    (tmp_path / "portfolio.csv").unlink()
    code, _, err = run(capsys, "assess", tmp_path / "groups.csv")
    assert code == 2
    assert "no portfolio row" in err


def test_a_missing_register_file(capsys, tmp_path):
    code, _, err = run(capsys, "check", tmp_path / "agreements.csv")
    assert code == 2
    assert err.endswith("agreements.csv: no such file\n")


def test_a_portfolio_of_one_commissioner_only(capsys, tmp_path):
    portfolio = Portfolio(commissioner=example_portfolio().commissioner)
    assert isinstance(portfolio.commissioner, Commissioner)
    write_register(portfolio, tmp_path)
    _code, out, err = run(capsys, "assess", tmp_path / "portfolio.csv", "--on", "2007-04-01")
    assert err == ""
    assert out.startswith("Lowmoor Joint Commissioning")


# -- a commissioner's register, end to end ----------------------------------------------------

SIX_GROUPS = [
    ("Fenwick Voices", "Service users", 6, 0, 1, "Money, personnel, policy", "FV-1"),
    ("Hill Carers", "Carers", 0, 5, 2, "money; policy", "HC-2"),
    ("Riverside Forum", "service users and carers", 3, 3, 0, "Money,Personnel,Policy", "RF-3"),
    ("Lowmoor Drop-in", "Service users", 1, 0, 4, "policy", "LD-4"),
    ("Harbour Hearing Voices", "Service users", 4, 0, 0, "Money, Policy", "HV-5"),
    ("Oak Carers Link", "Carers", 2, 2, 1, "", "OC-6"),
]


def _fill_the_template(capsys, folder):
    """What a person does with the template: six groups, their agreements, the portfolio row."""
    import datetime as dt

    openpyxl = pytest.importorskip("openpyxl")
    code, _, _ = run(capsys, "template", "--format", "xlsx", folder)
    assert code == 0
    file = folder / "register.xlsx"
    book = openpyxl.load_workbook(file)

    def put(sheet, row, values):
        header = [cell.value for cell in book[sheet][1]]
        for title, value in values.items():
            cell = book[sheet].cell(row=row, column=header.index(title) + 1, value=value)
            if "£" in title:
                cell.number_format = '"£"#,##0.00'  # a currency-formatted number cell
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"

    for row, (name, who, users, carers, paid, controls, ref) in enumerate(SIX_GROUPS, start=3):
        put(
            "groups",
            row,
            {
                "Group name": name,
                "Who the group is for": who,
                "Committee: voting service users": users,
                "Committee: voting carers": carers,
                "Committee: non-voting paid workers": paid,
                "Decisions the group takes itself": controls,
                "Group reference": f"{ref} ",  # a trailing space, as people type
            },
        )
        put(
            "agreements",
            row,
            {
                "Commissioner": "Fenwick PCT",
                "Kind of agreement": "Service level agreement" if row % 2 else "contract",
                "Amount per year (£)": 12000 + 500 * row,
                "Starts on": dt.date(2008, 4, 1),
                "Ends on": "31/03/2011",
                "Agreement reference": f"FPCT-{row}",
                "Group reference": ref,
                "Overheads funded": "Y" if row % 2 else "no",
                "Aim 1": "Members shape local services",
            },
        )
    put(
        "portfolio",
        3,
        {
            "Commissioner": "Fenwick PCT",
            "Kind of commissioning body": "Primary care trust",
            "Strategy written": "yes",
        },
    )
    book.save(file)
    return file


def test_a_filled_in_template_is_assessed_with_its_scorecard_picture(capsys, tmp_path):
    file = _fill_the_template(capsys, tmp_path)
    code, out, err = run(capsys, "classify", file)
    assert (code, err) == (0, "")
    assert [line.split()[0] for line in out.splitlines()[1:7]] == [
        "Fenwick",
        "Hill",
        "Riverside",
        "Lowmoor",
        "Harbour",
        "Oak",
    ]
    code, out, err = run(capsys, "assess", file)
    assert err == ""
    assert out.startswith("Fenwick PCT")
    # Findings name the sheet, row and column title, not a JSON path.
    assert "register.xlsx[agreements] row 4, column Overheads funded" in out
    assert "$.contracts[" not in out
    pytest.importorskip("matplotlib")
    picture = tmp_path / "scorecard.png"
    code, out, err = run(capsys, "assess", file, "--format", "scorecard", "--plot", picture)
    assert err == ""
    assert out.startswith("Fenwick PCT: scorecard")
    assert picture.read_bytes().startswith(b"\x89PNG")


def test_a_register_holding_the_wrong_kind_is_refused_not_passed(capsys, tmp_path):
    write_register(example_portfolio(), tmp_path)
    code, out, err = run(capsys, "classify", tmp_path / "agreements.csv")
    assert (code, out) == (2, "")
    assert "agreements.csv: holds no groups (it holds 4 agreements)" in err
    code, _, err = run(capsys, "check", tmp_path / "portfolio.csv", "--fail-on", "advice")
    assert code == 2
    assert "portfolio.csv: holds no agreements (it holds 5 groups, a portfolio row)" in err
    code, _, err = run(capsys, "check", tmp_path / "groups.csv")
    assert code == 2
    assert "groups.csv: holds no agreements (it holds 5 groups)" in err


def test_any_file_name_as_and_columns(capsys, tmp_path):
    (tmp_path / "Fenwick 2026.csv").write_text(
        "Org,Type,Controls\nHill Carers,carers,money\n", encoding="cp1252"
    )
    code, _, err = run(capsys, "classify", tmp_path / "Fenwick 2026.csv")
    assert code == 2
    assert "Fenwick 2026.csv row 1, column Org: no such column" in err
    (tmp_path / "map.toml").write_text(
        '[columns]\nOrg = "Group name"\nType = "Who the group is for"\n'
        'Controls = "Decisions the group takes itself"\n',
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "classify", tmp_path / "Fenwick 2026.csv", "--columns", tmp_path / "map.toml"
    )
    assert code == 0
    assert out.startswith("GROUP")
    code, _, err = run(
        capsys,
        "classify",
        tmp_path / "Fenwick 2026.csv",
        "--columns",
        tmp_path / "map.toml",
        "--as",
        "agreements",
    )
    assert code == 2
    assert "no such column on a register's agreements sheet" in err


def test_the_encoding_read_is_noted(capsys, tmp_path):
    (tmp_path / "groups.csv").write_bytes(
        "Group name,Who the group is for,Decisions the group takes itself\n"
        "Café Carers,carers,money\n".encode("cp1252")
    )
    code, out, err = run(capsys, "classify", tmp_path / "groups.csv")
    assert code == 0
    assert "Café Carers" in out
    assert err == "valuing-involvement: note: groups.csv: read as Windows-1252\n"


def test_excels_unicode_text_file_is_read_as_a_register(capsys, tmp_path):
    (tmp_path / "Fenwick groups 2026.txt").write_bytes(
        "Group name\tWho the group is for\tDecisions the group takes itself\r\n"
        "Café Carers\tcarers\tmoney\r\n".encode("utf-16")
    )
    code, out, err = run(capsys, "classify", tmp_path / "Fenwick groups 2026.txt")
    assert code == 0
    assert "Café Carers" in out
    assert err == "valuing-involvement: note: Fenwick groups 2026.txt: read as UTF-16\n"


def test_template_refuses_to_overwrite_a_filled_register(capsys, tmp_path):
    assert run(capsys, "template", tmp_path)[0] == 0
    code, _, err = run(capsys, "template", tmp_path)
    assert code == 2
    assert "--force" in err
    assert run(capsys, "template", tmp_path, "--force")[0] == 0


def test_check_names_findings_by_row_and_column_title(capsys, tmp_path):
    file = _fill_the_template(capsys, tmp_path)
    code, out, err = run(capsys, "check", file)
    assert code == 0  # warnings and advice only: below the default --fail-on error
    assert err == ""
    assert (
        "VI404 warning register.xlsx[agreements] row 3, column Group's part in monitoring:" in out
    )
    assert " $." not in out
    _, out, _ = run(capsys, "check", file, "--format", "json")
    assert '"$.monitoring"' in out  # machine-readable output keeps the paths


def test_a_csv_template_filled_in_and_saved_by_uk_excel(capsys, tmp_path):
    """Excel's "CSV (Comma delimited)" on a UK machine: Windows-1252, £ amounts, UK dates."""
    import csv
    import io

    assert run(capsys, "template", tmp_path)[0] == 0

    def fill(name, rows):
        path = tmp_path / f"{name}.csv"
        header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(title, "") for title in header])
        path.write_bytes(buffer.getvalue().encode("cp1252"))

    fill(
        "groups",
        [
            {
                "Group name": name,
                "Who the group is for": who,
                "Committee: voting service users": str(users),
                "Committee: voting carers": str(carers),
                "Committee: non-voting paid workers": str(paid),
                "Decisions the group takes itself": controls,
                "Group reference": ref,
            }
            for name, who, users, carers, paid, controls, ref in SIX_GROUPS
        ],
    )
    fill(
        "agreements",
        [
            {
                "Commissioner": "Fenwick PCT",
                "Kind of agreement": "Service level agreement",
                "Amount per year (£)": "£12,500.00",
                "Starts on": "01/04/2008",
                "Ends on": "31/03/2011",
                "Agreement reference": f"FPCT-{n}",
                "Group reference": group[-1],
                "Overheads funded": "yes",
            }
            for n, group in enumerate(SIX_GROUPS, start=1)
        ],
    )
    fill(
        "portfolio",
        [{"Commissioner": "Fenwick PCT", "Kind of commissioning body": "Primary care trust"}],
    )
    code, out, err = run(capsys, "assess", tmp_path / "portfolio.csv", "--format", "scorecard")
    assert code in (0, 1)  # findings, never bad input
    assert out.startswith("Fenwick PCT: scorecard")
    assert "read as Windows-1252" in err
    assert "Traceback" not in err


def test_a_360giving_export_beside_the_register_is_left_alone(capsys, tmp_path):
    write_register(example_portfolio(), tmp_path)
    (tmp_path / "grants.csv").write_text("Identifier,Title\n360G-x-1,A grant\n", encoding="utf-8")
    code, out, err = run(capsys, "assess", tmp_path / "portfolio.csv")
    assert code in (0, 1)
    assert out.startswith("Lowmoor Joint Commissioning")
    assert err == ""


# -- the "done when", literally --------------------------------------------------------

# Six groups and their agreements as a person types them: words for fixed values in any case,
# commas and semicolons, spaces left around names and references, yes written five ways.
PEOPLE_GROUPS = [
    ("Fenwick Voices ", "Service users", 6, 0, 1, "Management committee",
     "money, personnel; policy", "FV-1 "),
    ("Hill Carers", "carers", 0, 5, 2, "Trustees", "Money; Policy", "HC-2"),
    ("Riverside Forum", "Service users and carers", 3, 3, 0, "management committee",
     "money,personnel,policy", " RF-3"),
    ("Lowmoor Drop-in", "Service Users", 1, 0, 4, "Steering group", "policy", "LD-4"),
    ("Harbour Hearing Voices", "service users", 4, 0, 0, "Management committee",
     "Money , Policy", "HV-5"),
    ("Café Carers Link", "Carers", 2, 2, 1, None, None, "CC-6"),
]  # fmt: skip


def _fill_as_a_person(capsys, folder):
    """The template filled in with openpyxl as a person would, saved under their own name."""
    import datetime as dt

    openpyxl = pytest.importorskip("openpyxl")
    assert run(capsys, "template", "--format", "xlsx", folder)[0] == 0
    file = folder / "Fenwick groups 2026.xlsx"
    (folder / "register.xlsx").rename(file)
    book = openpyxl.load_workbook(file)

    def put(sheet, row, values):
        header = [cell.value for cell in book[sheet][1]]
        for title, value in values.items():
            if value is None:
                continue
            cell = book[sheet].cell(row=row, column=header.index(title) + 1, value=value)
            if isinstance(value, (int, float)) and "£" in title:
                cell.number_format = '"£"#,##0.00'  # a currency-formatted number cell
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"  # a date cell

    for row, (name, who, users, carers, paid, body, controls, ref) in enumerate(
        PEOPLE_GROUPS, start=3
    ):
        put(
            "groups",
            row,
            {
                "Group name": name,
                "Who the group is for": who,
                "Committee: voting service users": users,
                "Committee: voting carers": carers,
                "Committee: non-voting paid workers": paid,
                "Decision-making body": body,
                "Decisions the group takes itself": controls,
                "Group reference": ref,
            },
        )
    amounts = ["£12,000", 42500, "12000.00", 9000.5, "£7,250.00", 15000]
    starts = ["01/04/2008", dt.date(2008, 4, 1), dt.datetime(2008, 4, 1), "2008-04-01"]  # noqa: DTZ001
    starts += ["1/4/2008", dt.date(2009, 4, 1)]
    kinds = ["Contract", "service level agreement", "Grant letter", "contract", "grant letter "]
    kinds += ["Service level agreement"]
    yes_no = ["yes", "Y", "✓", True, "No", "n"]
    for index, group in enumerate(PEOPLE_GROUPS):
        put(
            "agreements",
            index + 3,
            {
                "Commissioner": "Fenwick PCT ",
                "Kind of agreement": kinds[index],
                "Amount per year (£)": amounts[index],
                "Starts on": starts[index],
                "Ends on": "31/03/2011",
                "Agreement reference": f"FPCT-2008-0{index + 1} ",
                "Group reference": group[-1],
                "Overheads funded": yes_no[index],
                "Funded as": "Led" if index < 3 else "neither",
                "Aim 1": "Members shape local services",
            },
        )
    put(
        "portfolio",
        3,
        {
            "Commissioner": "Fenwick PCT",
            "Kind of commissioning body": "Primary care trust",
            "Strategy written": "Yes",
            "Annual budget (£)": 250000,
        },
    )
    book.save(file)
    return file


def test_a_person_fills_the_template_and_gets_assess_and_the_scorecard(capsys, tmp_path):
    file = _fill_as_a_person(capsys, tmp_path)
    code, out, err = run(capsys, "assess", file, "--format", "json")
    assert (code, err) == (0, "")
    from valuing_involvement import read_register

    portfolio = read_register(file).portfolio
    assert portfolio.groups[0].name == "Fenwick Voices"  # trimmed
    assert {c.commissioner for c in portfolio.contracts} == {"Fenwick PCT"}
    assert [str(c.amount_per_year) for c in portfolio.contracts] == [
        "12000",
        "42500",
        "12000.00",
        "9000.5",
        "7250.00",
        "15000",
    ]
    assert [c.overheads_funded for c in portfolio.contracts] == [True] * 4 + [False] * 2
    assert [c.group_reference for c in portfolio.contracts] == [
        "FV-1",
        "HC-2",
        "RF-3",
        "LD-4",
        "HV-5",
        "CC-6",
    ]
    assert [len(g.decision_body.members) for g in portfolio.groups] == [7, 7, 6, 5, 4, 5]

    pytest.importorskip("matplotlib")
    picture = tmp_path / "scorecard.svg"
    code, out, err = run(capsys, "assess", file, "--format", "scorecard", "--plot", picture)
    assert (code, err) == (0, "")
    assert out.startswith("Fenwick PCT: scorecard")
    # Each row with findings names the agreements it affects by reference and group, and its
    # key finding by agreement, sheet, row and column title; the portfolio's by its row too.
    assert (
        "      6 agreements; most: VI404 FPCT-2008-01 (Fenwick Voices) Fenwick groups "
        "2026.xlsx[agreements] row 3, column Group's part in monitoring: "
    ) in out
    assert "      agreements: FPCT-2008-01 (Fenwick Voices), FPCT-2008-02 (Hill Carers)," in out
    assert "Fenwick groups 2026.xlsx[portfolio] row 3, column Strategy covers: " in out
    assert "$." not in out
    svg = picture.read_text(encoding="utf-8")
    assert "FPCT-2008-06 (Café Carers Link)" in svg
    assert "agreement 0" not in svg


def test_one_mistake_on_each_sheet_is_reported_at_once_in_words(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    file = _fill_as_a_person(capsys, tmp_path)
    book = openpyxl.load_workbook(file)
    for sheet, row, title, mistake in [
        ("groups", 5, "Committee: voting carers", "three"),
        ("agreements", 6, "Amount per year (£)", "TBC"),
        ("agreements", 7, "Starts on", "15/03/08"),
        ("portfolio", 3, "Strategy written", "x"),
    ]:
        header = [cell.value for cell in book[sheet][1]]
        book[sheet].cell(row=row, column=header.index(title) + 1, value=mistake)
    book.save(file)
    code, out, err = run(capsys, "assess", file, "--format", "scorecard")
    assert (code, out) == (2, "")
    at = "valuing-involvement: Fenwick groups 2026.xlsx"
    assert err.splitlines() == [
        (
            f"{at}[groups] row 5, column Committee: voting carers: 'three' is not a count: "
            "write a whole number from 0 to 999"
        ),
        (
            f"{at}[agreements] row 6, column Amount per year (£): 'TBC' is not an amount: "
            "write a number such as 12000"
        ),
        (
            f"{at}[agreements] row 7, column Starts on: '15/03/08' has a two-digit year, which "
            "could be any century: write the year in full, such as 15/03/2008 (day first) or "
            "2008-03-15"
        ),
        f"{at}[portfolio] row 3, column Strategy written: 'x' is not yes or no: write yes or no",
    ]  # and not also "no group has the reference 'RF-3'" for the agreement of row 5

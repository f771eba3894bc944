"""Registers in spreadsheets: CSV and XLSX round-trip, and errors name file, row and column."""

import re

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from profiles import share
from valuing_involvement import example_contracts, example_groups, example_portfolio
from valuing_involvement.registers import (
    InvalidRegister,
    Register,
    read_register,
    template,
    write_register,
)
from valuing_involvement.testing.strategies import contracts, groups, portfolios

# What a workbook cannot store (openpyxl refuses these control characters).
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def _texts(register):
    from valuing_involvement import to_data

    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    yield from walk(to_data([*register.groups, *register.contracts]))
    if register.portfolio is not None:
        yield from walk(to_data(register.portfolio))


def _trimmed(register):
    """Whether the register's references and names need no trimming: the reader trims spaces
    around them (so "HF-002 " names HF-002), so only such registers round-trip exactly."""
    from valuing_involvement import to_data
    from valuing_involvement.registers._read import TRIMMED

    records = [*register.groups, *register.contracts]
    if register.portfolio is not None:
        records.append(attrs.evolve(register.portfolio, groups=[], contracts=[]))
    for data in to_data(records):
        for name in TRIMMED:
            text = data
            for step in name.split("."):
                text = text.get(step) if isinstance(text, dict) else None
            if isinstance(text, str) and text != text.strip():
                return False
    return True


def _strip(data):
    """JSON data with the spaces around its references and names trimmed, as the reader does."""
    from valuing_involvement.registers._read import TRIMMED

    for name in TRIMMED:
        *steps, last = name.split(".")
        held = data
        for step in steps:
            held = held.get(step) if isinstance(held, dict) else None
        if isinstance(held, dict) and isinstance(held.get(last), str) and held[last].strip():
            held[last] = held[last].strip()
    return data


def _tidy(register):
    """The register as a person would write it: no spaces around references and names.

    Generated text often has them (filtering those registers out threw away a third); the
    reader's trimming of them has its own tests.
    """
    from valuing_involvement import Contract, Group, Portfolio, from_data, to_data

    try:
        groups = [from_data(_strip(to_data(g)), Group) for g in register.groups]
        contracts = [from_data(_strip(to_data(c)), Contract) for c in register.contracts]
        portfolio = register.portfolio
        if portfolio is not None:
            data = _strip(to_data(attrs.evolve(portfolio, groups=[], contracts=[])))
            portfolio = attrs.evolve(from_data(data, Portfolio), groups=groups, contracts=contracts)
        return Register(groups=groups, contracts=contracts, portfolio=portfolio)
    except ValueError:  # trimmed, two references became one
        return register


def _reference_key(group):
    return group.reference if group.reference is not None else object()


def _registers():
    unembedded = contracts(group=st.none())
    return st.one_of(
        portfolios().map(Register.of),
        st.builds(
            Register,
            # A register refuses two groups sharing a reference, as a portfolio does.
            groups=st.lists(groups(), max_size=3, unique_by=_reference_key),
            contracts=st.lists(unembedded, max_size=3),
        ),
    )


@settings(max_examples=share(0.5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register=_registers())
def test_a_register_round_trips_through_csv(register, tmp_path_factory):
    register = _tidy(register)
    assume(_trimmed(register))
    folder = tmp_path_factory.mktemp("csv")
    write_register(register, folder)
    assert read_register(folder) == register


@settings(max_examples=share(0.06), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register=_registers())
def test_a_register_round_trips_through_xlsx(register, tmp_path_factory):
    register = _tidy(register)
    assume(_trimmed(register))
    pytest.importorskip("openpyxl")
    file = tmp_path_factory.mktemp("xlsx") / "register.xlsx"
    if any(ILLEGAL.search(text) for text in _texts(register)):
        with pytest.raises(ValueError, match="control characters"):
            write_register(register, file)
        return
    write_register(register, file)
    assert read_register(file) == register


def test_the_example_portfolio_round_trips_through_both(tmp_path):
    portfolio = example_portfolio()
    write_register(portfolio, tmp_path / "csv")
    assert read_register(tmp_path / "csv").portfolio == portfolio
    pytest.importorskip("openpyxl")
    write_register(portfolio, tmp_path / "register.xlsx")
    assert read_register(tmp_path / "register.xlsx").portfolio == portfolio


def test_the_csv_files_can_be_read_one_by_one(tmp_path):
    write_register(Register(groups=example_groups()), tmp_path)
    assert read_register(tmp_path / "groups.csv").groups == tuple(example_groups())
    assert read_register(tmp_path / "groups.csv").contracts == ()


def test_columns_are_titled_and_numbered(tmp_path):
    write_register(example_portfolio(), tmp_path)
    header = (tmp_path / "groups.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[:3] == ["Group name", "Who the group is for", "Member 1: roles"]
    assert "Host organisation" in header
    assert "Decisions the group takes itself" in header
    agreements = (tmp_path / "agreements.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "Starts on" in agreements.split(",")
    assert "group" not in agreements.split(",")
    assert "KPI 1: description" in agreements.split(",")


def _groups_csv(tmp_path, *rows):
    header = "name,constituency,decision_body.members.1.roles,controls,reference"
    (tmp_path / "groups.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def test_errors_name_the_file_row_and_column(tmp_path):
    _groups_csv(
        tmp_path,
        "Lowmoor Voices,service_users,service_user,money,A",
        ",service_users,service_user,money,B",
        "Hill Carers,caring,carer,money; nothing,C",
    )
    with pytest.raises(InvalidRegister) as caught:
        read_register(tmp_path)
    lines = caught.value.lines()
    assert lines[0] == "groups.csv row 3, column name: empty, but every row needs it: write text"
    assert lines[1] == (
        "groups.csv row 4, column constituency: 'caring' is not one of the choices: write one of "
        "Service users, Carers, Service users and carers"
    )
    assert lines[2].startswith("groups.csv row 4, column controls: 'nothing' is not one of ")
    assert [p.location for p in caught.value.problems] == [
        ("groups.csv", 3, "name"),
        ("groups.csv", 4, "constituency"),
        ("groups.csv", 4, "controls"),
    ]
    assert str(caught.value) == "\n".join(lines)


def test_a_bad_yes_no_cell_and_an_unknown_column(tmp_path):
    (tmp_path / "groups.csv").write_text(
        "name,constituency,decision_body.members.1.voting,controls\nA,carers,maybe,\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidRegister) as caught:
        read_register(tmp_path)
    assert caught.value.lines() == [
        (
            "groups.csv row 2, column decision_body.members.1.voting: 'maybe' is not yes or no: "
            "write yes or no"
        )
    ]
    (tmp_path / "groups.csv").write_text("name,colour\nA,red\n", encoding="utf-8")
    with pytest.raises(InvalidRegister) as caught:
        read_register(tmp_path)
    assert caught.value.lines() == [
        (
            "groups.csv row 1, column colour: no such column on a register's groups sheet: check "
            "the spelling against the template"
        )
    ]


def test_references_are_checked_across_sheets(tmp_path):
    _groups_csv(
        tmp_path,
        "Lowmoor Voices,service_users,service_user,money,A",
        "Hill Carers,carers,carer,money,A",
    )
    with pytest.raises(InvalidRegister) as caught:
        read_register(tmp_path)
    assert caught.value.lines() == [
        (
            "groups.csv row 3, column reference: 'A' is also the reference of row 2: give each "
            "group its own"
        )
    ]


def test_an_agreement_naming_no_group_of_the_register(tmp_path):
    portfolio = example_portfolio()
    write_register(portfolio, tmp_path)
    (tmp_path / "portfolio.csv").unlink()
    kept = Register(groups=portfolio.groups[1:], contracts=portfolio.contracts)
    write_register(kept, tmp_path)
    with pytest.raises(InvalidRegister) as caught:
        read_register(tmp_path)
    assert caught.value.lines()[0] == (
        "agreements.csv row 2, column Group reference: no group has the reference 'LV-001': "
        "write a group's reference as on the groups sheet"
    )


def test_a_workbook_names_its_sheet(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    file = tmp_path / "register.xlsx"
    write_register(Register(groups=example_groups()), file)
    book = openpyxl.load_workbook(file)
    book["groups"]["B3"] = "carer group"
    book.save(file)
    with pytest.raises(InvalidRegister) as caught:
        read_register(file)
    assert caught.value.lines()[0].startswith(
        "register.xlsx[groups] row 3, column Who the group is for: 'carer group' is not one of "
    )


def test_an_agreement_holding_its_group_is_refused(tmp_path):
    with pytest.raises(ValueError, match="group_reference"):
        write_register(Register(contracts=example_contracts()), tmp_path)


def test_blank_rows_are_skipped_and_excel_values_read(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    file = tmp_path / "register.xlsx"
    template(file, format="xlsx")
    book = openpyxl.load_workbook(file)
    sheet = book["groups"]
    header = [cell.value for cell in sheet[1]]
    row = {
        "Group name": "Lowmoor Voices",
        "Who the group is for": "service_users",
        "Committee: voting service users": 3,  # a number cell
        "Committee: non-voting paid workers": "1",
        "Decisions the group takes itself": "money",
    }
    for column, value in row.items():
        sheet.cell(row=4, column=header.index(column) + 1, value=value)
    book.save(file)
    (group,) = read_register(file).groups
    assert group.name == "Lowmoor Voices"
    assert group.decision_body.members[0].voting is True
    assert len(group.decision_body.members) == 4


def test_the_template_offers_drop_down_lists(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    (file,) = template(tmp_path, format="xlsx")
    assert file.name == "register.xlsx"
    book = openpyxl.load_workbook(file)
    assert book.sheetnames == ["About", "choices", "groups", "agreements", "portfolio"]
    assert book["choices"].sheet_state == "hidden"
    header = [cell.value for cell in book["groups"][1]]
    letter = openpyxl.utils.get_column_letter(header.index("Who the group is for") + 1)
    lists = book["groups"].data_validations.dataValidation
    (constituency,) = [v for v in lists if f"{letter}2:{letter}1000" in str(v.sqref)]
    cells = constituency.formula1.split("!")[1].replace("$", "").split(":")
    values = [c.value for row in book["choices"][cells[0] : cells[1]] for c in row]
    assert values == ["Service users", "Carers", "Service users and carers"]
    assert read_register(file) == Register()


def test_the_csv_template_has_titles_an_example_row_and_a_readme(tmp_path):
    files = template(tmp_path, layout="members")
    assert [f.name for f in files] == [
        "groups.csv",
        "agreements.csv",
        "portfolio.csv",
        "README.txt",
    ]
    lines = files[0].read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("Example: Lowmoor Voices,")
    assert "Member 3: roles" in lines[0]
    assert "Member 4: roles" not in lines[0]
    readme = files[3].read_text(encoding="utf-8")
    assert "Who the group is for: Whom the group is for" in readme
    assert read_register(tmp_path) == Register()


def test_empty_strings_and_empty_lists_survive(tmp_path):
    from valuing_involvement import Member

    (group, *_) = example_groups()
    body = attrs.evolve(group.decision_body, members=[Member(label=""), Member(label='""')])
    changed = attrs.evolve(group, decision_body=body, infrastructure=frozenset())
    write_register(Register(groups=[changed]), tmp_path)
    assert read_register(tmp_path).groups == (changed,)


def test_a_register_refuses_two_groups_sharing_a_reference():
    from valuing_involvement import FieldValueError

    group = attrs.evolve(example_groups()[0], reference="A")
    with pytest.raises(FieldValueError, match="share the reference 'A'"):
        Register(groups=[group, attrs.evolve(group, name="Other")])

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

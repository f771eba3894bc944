"""The valuing-involvement command: exit codes, formats, and errors without tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from valuing_involvement import example_groups, to_json
from valuing_involvement.cli import main
from valuing_involvement.rules import RESERVED_CODE


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def groups_file(tmp_path):
    path = tmp_path / "groups.json"
    path.write_text(to_json(example_groups()), encoding="utf-8")
    return path


def test_demo_prints_each_class_with_reasons(capsys):
    code, out, err = run(capsys, "demo")
    assert code == 0
    assert err == ""
    for word in ("run", "led", "neither", "G1(b)", "§2.1", "Lowmoor Voices"):
        assert word in out


def test_demo_json_is_machine_readable(capsys):
    code, out, _ = run(capsys, "demo", "--format", "json")
    assert code == 0
    data = json.loads(out)
    leadership = [r["leadership"] for r in data["classifications"]]
    assert leadership == ["run", "led", "led", "neither", "neither"]
    assert data["reports"][0]["findings"] == []


def test_classify_a_list_of_groups(capsys, groups_file):
    code, out, _ = run(capsys, "classify", str(groups_file))
    assert code == 0
    header, *rows = out.split("\n\n")[0].splitlines()
    assert header.split()[:3] == ["GROUP", "CLASS", "COUNT"]
    assert len(rows) == len(example_groups())


def test_classify_a_single_group_from_stdin(capsys, monkeypatch):
    import io

    single = to_json(example_groups()[1]).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(single)))
    code, out, _ = run(capsys, "classify", "-", "--format", "json")
    assert code == 0
    [result] = json.loads(out)
    assert result["leadership"] == "led"
    assert result["group"] == "Lowmoor Carers Together"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not valid JSON"),
        (b'{"name": ', "not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
        (b'{"name": "G"}', "$.constituency: required field is missing"),
        (
            b'[{"name": 1, "constituency": "carers", "decision_body": null, "controls": []}]',
            "$[0].name: expected a string",
        ),
    ],
)
def test_bad_input_exits_2_with_a_message(capsys, tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "classify", str(path))
    assert code == 2
    assert out == ""
    assert expected in err
    assert "Traceback" not in err
    assert all(line.startswith("valuing-involvement: ") for line in err.splitlines())


def test_missing_file_and_directory_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "classify", str(tmp_path / "absent.json"), str(tmp_path))
    assert code == 2
    assert "no such file" in err
    assert "is a directory" in err


def test_partial_batch_reports_good_files_and_names_bad_ones(capsys, tmp_path, groups_file):
    bad = tmp_path / "bad.json"
    bad.write_text("[1]")
    code, out, err = run(capsys, "classify", str(groups_file), str(bad))
    assert code == 2
    assert "Lowmoor Voices" in out
    assert f"{bad}: $[0]: expected an object" in err


def test_bad_options_exit_2():
    with pytest.raises(SystemExit) as info:
        main(["classify", "--format", "xml", "x.json"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


@pytest.mark.parametrize(
    "command",
    [
        [str(Path(sys.executable).with_name("valuing-involvement"))],
        [sys.executable, "-m", "valuing_involvement"],
    ],
    ids=["console-script", "python-m"],
)
def test_installed_entry_points_run_the_demo(command):
    done = subprocess.run([*command, "demo"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Lowmoor Voices" in done.stdout


def test_module_reports_bad_input_without_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x01")
    done = subprocess.run(
        [sys.executable, "-m", "valuing_involvement", "classify", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("valuing-involvement: ")


# -- check, rules, explain ------------------------------------------------------------------------


@pytest.fixture
def contracts_file(tmp_path):
    from valuing_involvement import example_contracts

    path = tmp_path / "agreements.json"
    path.write_text(to_json(example_contracts()), encoding="utf-8")
    return path


@pytest.fixture
def exemplar_file(tmp_path):
    from valuing_involvement import example_contracts

    path = tmp_path / "exemplar.json"
    path.write_text(to_json(example_contracts()[0]), encoding="utf-8")
    return path


def test_check_a_clean_agreement_exits_0(capsys, exemplar_file):
    code, out, err = run(capsys, "check", str(exemplar_file))
    assert code == 0
    assert "no findings" in out
    assert err == ""


def test_check_exits_1_on_an_error_finding(capsys, contracts_file):
    code, out, _ = run(capsys, "check", str(contracts_file))
    assert code == 1  # the drop-in is funded as led but is neither (VI101)
    assert "VI101 error" in out


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("advice", 1)])
def test_fail_on_sets_the_threshold(capsys, contracts_file, fail_on, expected):
    code, _, _ = run(capsys, "check", str(contracts_file), "--ignore", "VI1", "--fail-on", fail_on)
    assert code == expected


def test_select_and_severity_options(capsys, contracts_file):
    code, out, _ = run(
        capsys, "check", str(contracts_file), "--select", "VI3,VI401", "--severity", "VI401=error",
        "--format", "json",
    )  # fmt: skip
    assert code == 1
    codes = {f["code"] for report in json.loads(out) for f in report["findings"]}
    assert codes <= {"VI301", "VI302", "VI303", "VI304", "VI305", "VI306", "VI401"}
    severities = {
        f["severity"]
        for report in json.loads(out)
        for f in report["findings"]
        if f["code"] == "VI401"
    }
    assert severities == {"error"}


def test_policy_file_and_on_date(capsys, contracts_file, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text('ignore = ["VI1"]\n[parameters]\nrenewal-notice-months = 0\n')
    code, out, _ = run(
        capsys, "check", str(contracts_file), "--policy", str(policy), "--on", "2007-06-01",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    reports = json.loads(out)
    assert {r["on"] for r in reports} == {"2007-06-01"}
    assert "VI303" not in {f["code"] for r in reports for f in r["findings"]}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--select", RESERVED_CODE], "matches no rule"),
        (["--severity", f"{RESERVED_CODE}=error"], "no rule has this code"),
    ],
)
def test_bad_policy_options_exit_2(capsys, contracts_file, argv, message):
    code, out, err = run(capsys, "check", str(contracts_file), *argv)
    assert code == 2
    assert out == ""
    assert message in err


@pytest.mark.parametrize(
    "argv", [["--on", "1 April 2007"], ["--severity", "VI301=fatal"], ["--fail-on", "never"]]
)
def test_malformed_options_exit_2(argv, contracts_file):
    with pytest.raises(SystemExit) as info:
        main(["check", str(contracts_file), *argv])
    assert info.value.code == 2


def test_bad_policy_file_exits_2(capsys, contracts_file, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text("[parameters]\nmax-kpis = 'many'\n")
    code, _, err = run(capsys, "check", str(contracts_file), "--policy", str(policy))
    assert code == 2
    assert "$.parameters.max-kpis" in err
    code, _, err = run(capsys, "check", str(contracts_file), "--policy", str(tmp_path / "nope"))
    assert code == 2
    assert "Traceback" not in err
    assert err == f"valuing-involvement: {tmp_path / 'nope'}: no such file\n"


@pytest.mark.parametrize(
    ("command", "text", "line"),
    [
        ("classify", "[1]", "$[0]: expected an object, got an integer"),
        ("check", "{", "$: not valid JSON: Expecting property name enclosed in double quotes"),
        ("assess", '{"groups": 1}', "$.groups: expected an array, got an integer"),
        ("export-360giving", b"\xff", "$: not UTF-8 text: invalid start byte"),
        ("import-360giving", '{"grants": [1]}', "$.grants[0]: expected a grant object"),
    ],
)
def test_every_command_words_bad_input_alike(capsys, tmp_path, command, text, line):
    # One renderer for all: "PROG: SOURCE: PATH: MESSAGE", a line a problem, exit 2.
    bad = tmp_path / "bad.json"
    bad.write_bytes(text if isinstance(text, bytes) else text.encode())
    extra = ["--prefix", "p"] if command == "export-360giving" else []
    code, _, err = run(capsys, command, str(bad), *extra)
    assert code == 2
    lines = err.splitlines()
    assert all(each.startswith(f"valuing-involvement: {bad}: $") for each in lines)
    assert any(each.startswith(f"valuing-involvement: {bad}: {line}") for each in lines)


def test_a_bad_policy_is_worded_like_a_bad_document(capsys, contracts_file, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text(f'colour = "red"\n[severity]\n{RESERVED_CODE} = "error"\n')
    code, _, err = run(capsys, "check", str(contracts_file), "--policy", str(policy))
    assert code == 2
    assert err == "valuing-involvement: policy: $.colour: unknown key\n"


def test_check_reports_bad_agreements_by_path(capsys, tmp_path, exemplar_file):
    bad = tmp_path / "bad.json"
    bad.write_text('{"commissioner": "C", "kind": "sla"}')
    code, out, err = run(capsys, "check", str(exemplar_file), str(bad))
    assert code == 2
    assert "no findings" in out
    assert f"{bad}: $.kind: expected one of" in err
    assert f"{bad}: $.period: required field is missing" in err


def test_rules_lists_the_catalogue(capsys):
    from valuing_involvement import RULES

    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert len(out.splitlines()) == len(RULES)
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert [r["code"] for r in json.loads(out)] == [rule.code for rule in RULES]


def test_explain_prints_one_rule(capsys):
    code, out, _ = run(capsys, "explain", "vi301")
    assert code == 0
    assert out.startswith("VI301 short-funding-period: ")
    assert "Parameter min-funding-months: 12 months (our default; G3(d), §2.12)" in out
    # plain text, in a terminal or a pipe alike: no Markdown marks, and lines a terminal holds
    assert not any(mark in out for mark in ("##", "**", "`", "|---"))
    assert max(len(line) for line in out.splitlines()[2:]) <= 79
    code, out, _ = run(capsys, "explain", "VI301", "--format", "markdown")
    assert code == 0
    assert out.startswith("## VI301 `short-funding-period`")
    assert "min-funding-months" in out
    code, _, err = run(capsys, "explain", RESERVED_CODE)
    assert code == 2
    assert "no rule" in err


# -- assess ---------------------------------------------------------------------------------------


@pytest.fixture
def portfolio_file(tmp_path):
    from valuing_involvement import example_portfolio

    path = tmp_path / "portfolio.json"
    path.write_text(to_json(example_portfolio()), encoding="utf-8")
    return path


def test_assess_prints_metrics_and_findings(capsys, portfolio_file):
    code, out, err = run(capsys, "assess", str(portfolio_file))
    assert code == 1  # VI101 is an error
    assert out.startswith("Lowmoor Joint Commissioning (assessed for 2007-04-01")
    assert "$.contracts[2].funded_as" in out
    assert err == ""


def test_assess_json_reads_back(capsys, portfolio_file):
    from valuing_involvement import Assessment, from_json

    code, out, _ = run(capsys, "assess", str(portfolio_file), "--format", "json", "--ignore", "VI1")
    assert code == 0
    assessment = from_json(out, Assessment)
    assert assessment.metrics.agreements == 4
    assert "VI101" not in {f.code for f in assessment.findings}


def test_assess_bad_portfolio_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"commissioner": {"name": "C", "body_type": "parish"}, "groups": {}}')
    code, out, err = run(capsys, "assess", str(bad))
    assert code == 2
    assert out == ""
    assert "$.commissioner.body_type" in err
    assert "$.groups: expected an array" in err


# -- 360Giving and schemas ------------------------------------------------------------------------


def test_export_360giving_json_and_csv(capsys, portfolio_file, contracts_file):
    when = "2007-04-02T09:00:00+00:00"
    code, out, err = run(
        capsys,
        "export-360giving",
        str(portfolio_file),
        "--prefix",
        "360G-lowmoor",
        "--modified",
        when,
    )
    assert code == 0, err
    package = json.loads(out)
    assert package["version"] == "1.4"
    assert len(package["grants"]) == 4
    code, out, _ = run(
        capsys, "export-360giving", str(contracts_file), "--prefix", "lowmoor", "--modified", when,
        "--format", "csv",
    )  # fmt: skip
    assert code == 0
    assert out.splitlines()[0].startswith("Identifier,Title,Description,Currency")


def test_export_360giving_defaults_the_time_stamp_to_now(capsys, portfolio_file):
    code, out, _ = run(capsys, "export-360giving", str(portfolio_file), "--prefix", "lowmoor")
    assert code == 0
    stamp = json.loads(out)["grants"][0]["dateModified"]
    assert stamp.endswith("+00:00")


def test_export_360giving_needs_a_prefix_and_a_zone(capsys, portfolio_file):
    with pytest.raises(SystemExit) as info:
        main(["export-360giving", str(portfolio_file)])
    assert info.value.code == 2
    code, _, err = run(
        capsys, "export-360giving", str(portfolio_file), "--prefix", "x", "--modified", "2007-04-02"
    )
    assert code == 2
    assert "time zone" in err


def test_import_360giving_round_trip(capsys, portfolio_file, tmp_path):
    from valuing_involvement import Contract, from_json

    code, out, _ = run(
        capsys, "export-360giving", str(portfolio_file), "--prefix", "lowmoor",
        "--modified", "2007-04-02T09:00:00+00:00",
    )  # fmt: skip
    package = tmp_path / "package.json"
    package.write_text(out)
    code, out, err = run(capsys, "import-360giving", str(package), "--prefix", "lowmoor")
    assert code == 0, err
    contracts = from_json(out, list[Contract])
    assert contracts[0].reference == "LJC-2007-014"
    bad = tmp_path / "bad.json"
    bad.write_text('{"grants": [{"id": 1}]}')
    code, _, err = run(capsys, "import-360giving", str(bad))
    assert code == 2
    assert "$.grants[0].id" in err


def test_schema_prints_a_document_schema(capsys):
    code, out, _ = run(capsys, "schema", "agreement")
    assert code == 0
    assert json.loads(out)["$ref"] == "#/$defs/Contract"
    with pytest.raises(SystemExit):
        main(["schema", "invoice"])


# -- friendlier errors and output (issue 12) ------------------------------------------------------


@pytest.fixture
def starters(tmp_path, capsys):
    """The starter documents `example` prints, one file each."""
    files = {}
    for kind in ("group", "agreement", "portfolio"):
        assert main(["example", kind]) == 0
        files[kind] = tmp_path / f"{kind}.json"
        files[kind].write_text(capsys.readouterr().out, encoding="utf-8")
    return files


TRY = "; try `valuing-involvement {} {{}}`"


@pytest.mark.parametrize(
    ("command", "given", "hint"),
    [
        (
            "classify",
            "agreement",
            "this looks like an agreement, not a group" + TRY.format("check"),
        ),
        (
            "classify",
            "portfolio",
            "this looks like a portfolio, not a group" + TRY.format("assess"),
        ),
        ("check", "group", "this looks like a group, not an agreement" + TRY.format("classify")),
        (
            "check",
            "portfolio",
            "this looks like a portfolio, not an agreement" + TRY.format("assess"),
        ),
        (
            "assess",
            "agreement",
            "this looks like an agreement, not a portfolio" + TRY.format("check"),
        ),
        ("assess", "group", "this looks like a group, not a portfolio" + TRY.format("classify")),
    ],
)
def test_a_document_of_the_wrong_type_gets_one_hint(capsys, starters, command, given, hint):
    path = starters[given]
    code, out, err = run(capsys, command, str(path))
    assert code == 2
    assert out == ""
    assert err == f"valuing-involvement: {path}: {hint.format(path)}\n"


def test_a_list_and_our_own_output_get_hints_too(capsys, tmp_path, starters, portfolio_file):
    agreements = tmp_path / "agreements.json"
    agreements.write_text("[" + starters["agreement"].read_text() + "]")
    _, _, err = run(capsys, "classify", str(agreements))
    hint = "this looks like a list of agreements, not a group; try `valuing-involvement check {}`"
    assert err.splitlines() == [f"valuing-involvement: {agreements}: {hint.format(agreements)}"]
    _, out, _ = run(capsys, "assess", str(portfolio_file), "--format", "json")
    assessment = tmp_path / "assessment.json"
    assessment.write_text(out)
    code, _, err = run(capsys, "check", str(assessment))
    assert code == 2
    assert "this looks like an assessment, not an agreement" in err
    assert len(err.splitlines()) == 1


def test_a_broken_document_of_the_right_type_lists_its_problems(capsys, tmp_path, starters):
    data = json.loads(starters["group"].read_text())
    data["controls"] = ["cash"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    _, _, err = run(capsys, "classify", str(broken))
    assert "this looks like" not in err
    assert f"{broken}: $.controls[0]: expected one of" in err


def _bad_groups(count):
    # two problems each: an unknown constituency and an unknown decision
    return json.dumps(
        [{"name": f"G{i}", "constituency": "x", "decision_body": None, "controls": ["cash"]}
         for i in range(count)]
    )  # fmt: skip


@pytest.mark.parametrize(("groups", "more"), [(10, 0), (11, 2), (30, 40), (150, 280)])
def test_error_lists_are_capped_at_twenty_with_a_count(capsys, tmp_path, groups, more):
    bad = tmp_path / "bad.json"
    bad.write_text(_bad_groups(groups))
    code, _, err = run(capsys, "classify", str(bad))
    assert code == 2
    lines = err.splitlines()
    listed = [line for line in lines if ": $[" in line]
    assert len(listed) == min(2 * groups, 20)
    if more:
        assert lines[-1] == f"valuing-involvement: {bad}: ... and {more:,} more problems"
        assert len(lines) == 21
    else:
        assert len(lines) == 2 * groups


def test_stdin_is_named_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"[1]")))
    code, _, err = run(capsys, "classify", "-")
    assert code == 2
    assert err == "valuing-involvement: <stdin>: $[0]: expected an object, got an integer\n"


def _sections(out):
    """The demo's three sections, split at their headings."""
    parts, current = [], []
    for line in out.splitlines():
        if line.startswith(("Lowmoor, a fictional", "Lowmoor's ")) and current:
            parts.append(current)
            current = []
        current.append(line)
    return [*parts, current]


def test_demo_keeps_each_section_to_a_screen(capsys):
    code, out, _ = run(capsys, "demo")
    assert code == 0
    sections = _sections(out)
    assert [s[0] for s in sections] == [
        "Lowmoor, a fictional borough: 5 groups classified by G1(b)",
        "Lowmoor's 4 agreements checked against the guidelines",
        "Lowmoor's whole portfolio assessed",
    ]
    assert all(len(section) <= 40 for section in sections), [len(s) for s in sections]
    # the findings are cut to a line each (the groups' reasons are whole sentences)
    assert max(len(line) for section in sections[1:] for line in section) <= 100


def test_demo_does_not_repeat_agreement_findings_in_the_portfolio(capsys):
    from valuing_involvement import assess_portfolio, example_portfolio

    _, out, _ = run(capsys, "demo")
    portfolio = "\n".join(_sections(out)[2])
    assert "$.contracts[" not in portfolio
    assessment = assess_portfolio(example_portfolio())
    own = [f for f in assessment.findings if not f.path.startswith("$.contracts[")]
    assert all(f"  {f.code} {f.severity.value} {f.path}:" in portfolio for f in own)
    assert f"and {len(assessment.findings) - len(own)} on the agreements" in portfolio


def _counted(summary):
    """The findings a summary such as '3 warnings, 16 advice, 1 waived' counts."""
    if summary == "no findings":
        return 0
    return sum(int(part.split()[0]) for part in summary.split(", "))


def test_every_number_the_demo_prints_is_the_one_it_shows(capsys):
    from valuing_involvement import example_portfolio

    _, out, _ = run(capsys, "demo")
    groups, agreements, portfolio = _sections(out)
    titles = [contract.title for contract in example_portfolio().contracts]
    lines = dict(line.rsplit(": ", 1) for line in agreements[1:] if line[:1].isalpha())
    # one line per agreement of the portfolio, as many as the heading says
    assert agreements[0] == f"Lowmoor's {len(titles)} agreements checked against the guidelines"
    assert f"2 of {len(titles)} agreements multi-year" in "\n".join(portfolio)
    shown = sum(_counted(lines[title]) for title in titles)
    # the portfolio's count of findings on the agreements is the sum of those shown above
    [tail] = [
        line for line in portfolio if line.endswith("(`valuing-involvement assess` lists all)")
    ]
    assert tail.startswith(f"and {shown} on the agreements, as above")
    [own] = [line for line in portfolio if "findings about the commissioner" in line]
    [total] = [line for line in portfolio if line.startswith("in all: ")]
    assert _counted(total.removeprefix("in all: ")) == shown + int(own.split()[0])
    assert groups[0] == "Lowmoor, a fictional borough: 5 groups classified by G1(b)"


def test_assess_of_an_empty_list_exits_2(capsys, tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    code, out, err = run(capsys, "assess", str(empty))
    assert code == 2
    assert out == ""
    assert f"{empty}: holds no portfolio (an empty list)" in err


def test_assess_says_which_date_it_used_without_agreements(capsys, tmp_path):
    bare = tmp_path / "bare.json"
    commissioner = {"name": "Nowhere PCT", "body_type": "primary_care_trust"}
    bare.write_text(json.dumps({"commissioner": commissioner, "groups": [], "contracts": []}))
    code, out, err = run(capsys, "assess", str(bare))
    assert code == 0
    assert out.startswith("Nowhere PCT (assessed for 2007-04-01")
    assert "note: Nowhere PCT has no agreements to take the date from" in err
    assert "assessed for 2007-04-01" in err
    assert "--on" in err
    _, _, err = run(capsys, "assess", str(bare), "--on", "2008-06-01")
    assert err == ""

"""The valuing-involvement command: exit codes, formats, and errors without tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from valuing_involvement import example_groups, to_json
from valuing_involvement.cli import main


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
    results = json.loads(out)
    assert [r["leadership"] for r in results] == ["run", "led", "led", "neither", "neither"]


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

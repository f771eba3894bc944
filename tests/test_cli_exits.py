"""The command's exit codes and its edges: crashes, interrupts, options at their bounds, threads.

0 clean, 1 findings, 2 bad input or usage, 3 anything unexpected (one line, a traceback only
with --debug), 130 interrupted -- and no half-written file whatever happens.
"""

import io
import json
import signal
import subprocess
import sys
import threading

import pytest

from valuing_involvement import example_portfolio, to_json
from valuing_involvement.cli import main


def run(capsys, *argv):
    code = main([str(word) for word in argv])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *argv):
    """The exit code and message of options argparse refuses."""
    with pytest.raises(SystemExit) as info:
        main([str(word) for word in argv])
    return info.value.code, capsys.readouterr().err


def _crash(_args):
    raise RuntimeError("the model\nwent wrong")


def test_an_unexpected_error_exits_3_with_one_line(capsys, monkeypatch):
    monkeypatch.setattr("valuing_involvement.cli._classify.run", _crash)
    code, out, err = run(capsys, "classify", "-")
    assert code == 3
    assert out == ""
    [line] = err.splitlines()
    assert "unexpected error (RuntimeError: the model went wrong)" in line
    assert "--debug" in line
    assert "Traceback" not in err


def test_debug_adds_the_traceback(capsys, monkeypatch):
    monkeypatch.setattr("valuing_involvement.cli._classify.run", _crash)
    code, _, err = run(capsys, "--debug", "classify", "-")
    assert code == 3
    assert err.startswith("Traceback (most recent call last):")
    assert "_crash" in err
    assert err.splitlines()[-1].endswith(
        "unexpected error (RuntimeError: the model went wrong); please report it"
    )


def test_a_crash_is_not_the_exit_code_of_findings(capsys, monkeypatch, tmp_path):
    # a CI gate must tell "check found something" (1) from "check broke" (3)
    path = tmp_path / "agreements.json"
    path.write_text(to_json(list(example_portfolio().contracts)), encoding="utf-8")
    assert run(capsys, "check", "--fail-on", "advice", path)[0] == 1
    monkeypatch.setattr("valuing_involvement.cli._check.check_contracts", _crash)
    assert run(capsys, "check", path)[0] == 3


def test_sigint_exits_130_with_one_line():
    script = (
        "import sys\n"
        "from valuing_involvement.cli import main\n"
        "print('ready', file=sys.stderr, flush=True)\n"
        "sys.exit(main(['classify', '-']))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr.readline() == "ready\n"
        # more than a pipe holds: once written, the command is reading, and waits for the rest
        process.stdin.write("[" + "0," * (1 << 20))
        process.stdin.flush()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 130
    assert out == ""
    assert err == "valuing-involvement: interrupted\n"


def test_an_interrupted_template_leaves_no_file(capsys, monkeypatch, tmp_path):
    from valuing_involvement import registers

    def interrupted(path, *, format, layout):  # noqa: A002 -- the signature it stands in for
        registers.template(path, format=format, layout=layout)
        raise KeyboardInterrupt

    monkeypatch.setattr("valuing_involvement.cli._template.template", interrupted)
    code, out, err = run(capsys, "template", tmp_path / "register")
    assert (code, out, err) == (130, "", "valuing-involvement: interrupted\n")
    assert list((tmp_path / "register").iterdir()) == []


def test_template_keeps_a_register_unless_forced(capsys, tmp_path):
    folder = tmp_path / "register"
    assert run(capsys, "template", folder)[0] == 0
    (folder / "groups.csv").write_text("filled in", encoding="utf-8")
    code, out, err = run(capsys, "template", folder)
    assert code == 2
    assert out == ""
    assert f"{folder / 'groups.csv'}: already exists; --force replaces it" in err
    assert (folder / "groups.csv").read_text(encoding="utf-8") == "filled in"
    assert run(capsys, "template", "--force", folder)[0] == 0
    assert (folder / "groups.csv").read_text(encoding="utf-8-sig").startswith("Group name,")
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.txt",
        "agreements.csv",
        "groups.csv",
        "portfolio.csv",
    ]


@pytest.mark.parametrize("size", ["9999999999G", "1025G", "1048577M"])
def test_a_max_input_beyond_a_tebibyte_is_refused(capsys, size):
    code, err = refused(capsys, "--max-input", size, "classify", "-")
    assert code == 2
    assert "expected a size up to 1024G" in err


def test_the_largest_max_input_reads_small_input(capsys, monkeypatch):
    # read(limit) would set aside a tebibyte before reading a byte
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"[]")))
    assert run(capsys, "--max-input", "1024G", "classify", "-")[0] == 0


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        ("0001-01-01T00:00:00+05:00", "after 1900-01-01 and before 2999-12-31"),
        ("9999-12-31T23:00:00-05:00", "after 1900-01-01 and before 2999-12-31"),
        ("1000-06-01T00:00:00+00:00", "after 1900-01-01 and before 2999-12-31"),
        ("2007-04-02T09:00:00+05:30:15", "offset in whole minutes"),
    ],
)
def test_modified_is_a_real_rfc3339_moment(capsys, tmp_path, moment, message):
    path = tmp_path / "agreements.json"
    path.write_text("[]", encoding="utf-8")
    code, err = refused(capsys, "export-360giving", path, "--prefix", "x", "--modified", moment)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_modified_keeps_its_own_offset(capsys, tmp_path):
    path = tmp_path / "agreements.json"
    path.write_text(to_json(list(example_portfolio().contracts)), encoding="utf-8")
    moment = "2007-04-02T09:00:00+05:30"
    code, out, _ = run(capsys, "export-360giving", path, "--prefix", "x", "--modified", moment)
    assert code == 0
    assert json.loads(out)["grants"][0]["dateModified"] == moment


def test_minified_json_on_stdin_naming_identifier_is_json(capsys, monkeypatch):
    # one line, so its first line holds "Identifier": the first character decides
    package = {"grants": [{"id": "360G-x-1", "title": "Identifier"}]}
    for text in (json.dumps(package), "\n  " + json.dumps(package)):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        code, out, err = run(capsys, "quality", "-", "--format", "json")
        assert code == 1
        assert "CSV" not in err
        assert any(record["path"] == "$.grants[0].amountAwarded" for record in json.loads(out))


def test_csv_on_stdin_is_still_csv(capsys, monkeypatch):
    text = "Identifier,Title\n360G-x-1,A grant\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, _ = run(capsys, "quality", "-", "--format", "json")
    assert code == 1
    assert any(record["path"] == "$.grants[0].amountAwarded" for record in json.loads(out))


def test_runs_in_threads_leave_the_process_streams_alone(capsys):
    before = (sys.stdout, sys.stderr)
    start = threading.Barrier(8)
    codes = []

    def one(argv):
        start.wait()
        codes.append(main(argv))

    threads = [
        threading.Thread(target=one, args=(["rules"] if i % 2 else ["classify", "nothing"],))
        for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (sys.stdout, sys.stderr) == before
    assert sorted(codes) == [0, 0, 0, 0, 2, 2, 2, 2]
    out, err = capsys.readouterr()
    assert out.count("VI301") == 4
    assert err.count("nothing: no such file") == 4

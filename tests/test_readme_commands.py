"""README's command-line examples run as written, in a new folder, in order."""

import io
import shlex
import sys
from pathlib import Path

from valuing_involvement.cli import main

README = Path(__file__).parent.parent / "README.md"


def _commands():
    text = README.read_text(encoding="utf-8")
    block = text[text.index("From the command line:\n\n```sh\n") :]
    block = block[block.index("```sh\n") + len("```sh\n") : block.index("```\n")]
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_the_block_is_found():
    commands = _commands()
    assert commands[0] == "valuing-involvement demo"
    assert all(command.startswith("valuing-involvement ") for command in commands)


def _run(words, cwd, capsys, monkeypatch):
    """Run one line in-process: ``< file`` becomes stdin and ``> file`` takes stdout."""
    stdin = stdout = None
    if "<" in words:
        at = words.index("<")
        stdin, words = words[at + 1], words[:at] + words[at + 2 :]
    if ">" in words:
        at = words.index(">")
        stdout, words = words[at + 1], words[:at] + words[at + 2 :]
    if stdin is not None:
        data = (cwd / stdin).read_bytes()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code = main(words[1:])
    out, err = capsys.readouterr()
    if stdout is not None:
        (cwd / stdout).write_text(out, encoding="utf-8")
    return code, err


def test_every_command_runs_in_a_new_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in _commands():
        code, err = _run(shlex.split(command), tmp_path, capsys, monkeypatch)
        # check exits 1 when it finds something at the threshold; 2 would be bad input.
        assert code in (0, 1), (command, err)
        # Nothing on stderr but notes (export-360giving names what a grant cannot carry).
        assert all(": note: " in line for line in err.splitlines()), (command, err)


def _quick_start():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Quick start") : text.index("## In Python")]
    return [block.split("```", 1)[0].strip() for block in section.split("```sh\n")[1:]]


def test_each_quick_start_command_stands_alone_in_a_new_terminal():
    main_command, test_command = _quick_start()
    for command in (main_command, test_command):
        first, *rest = [step.strip() for step in command.split("&&")]
        # a fresh environment each time, and nothing that needs it activated
        assert first == "python3 -m venv .venv", command
        assert all(step.startswith(".venv/bin/") for step in rest), command
    # the main job installs the package alone and runs the demo
    assert main_command.split("&&")[1].split() == [".venv/bin/pip", "install", "-e", "."]
    assert main_command.endswith(".venv/bin/valuing-involvement demo")
    # the tests install what they need, and run on every core
    assert '".[test]"' in test_command
    assert test_command.split("&&")[-1].split()[:3] == [".venv/bin/python", "-m", "pytest"]
    assert "-n auto" in test_command


def test_readme_lists_every_extra():
    import tomllib

    pyproject = README.parent / "pyproject.toml"
    extras = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## Optional extras") :]
    listed = {
        line.split("|")[1].strip().strip("`")
        for line in table.splitlines()
        if line.startswith("| `")
    }
    assert listed == set(extras["optional-dependencies"])
    # the test command's -n needs xdist in the extra it installs
    assert any(need.startswith("pytest-xdist") for need in extras["optional-dependencies"]["test"])

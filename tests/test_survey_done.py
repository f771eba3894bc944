"""Issue #26's "Done when", each criterion a test that can fail (where not already one).

- both forms render, route and save in headless Chromium: ``tests/test_survey_browser.py``
  (``test_the_groups_form_routes_by_keyboard_saves_and_loads``,
  ``test_the_commissioners_form_routes_and_saves``);
- a folder of answers gives the chapter-2 tables beside 2007: below, from the command line,
  with JSON and CSV answer files mixed;
- the reproduction test holds: ``tests/test_survey.py``
  (``test_the_2007_answers_give_back_every_2007_figure_exactly``);
- docs/survey.md walks a network of groups through running the survey again: below, its
  commands run as written, its example output is what they print, its Python runs, and the
  screenshots it shows exist.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import valuing_involvement
from valuing_involvement.cli import main
from valuing_involvement.survey import (
    GROUPS,
    MEASURES,
    Response,
    csv_template,
    render_form,
    reproduce_2007,
    responses_to_csv,
)

ROOT = Path(__file__).resolve().parents[1]
SURVEY_MD = ROOT / "docs/survey.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", SURVEY_MD.read_text("utf-8"), re.DOTALL)


def _answers(folder: Path) -> None:
    """The 2007 answers as a network would send them: commissioners' JSON, groups' one CSV."""
    folder.mkdir()
    answers = reproduce_2007()
    groups = [r for r in answers if r.kind.value == "groups"]
    for response in answers:
        if response.kind.value == "commissioners":
            text = json.dumps(response.to_json())
            (folder / f"{response.respondent}.json").write_text(text, "utf-8")
    (folder / "groups.csv").write_text(responses_to_csv(groups), "utf-8", newline="")


# -- a folder of answers gives the chapter-2 tables beside 2007 ------------------------------


def test_a_folder_of_answers_gives_every_chapter_2_table_beside_2007(tmp_path, capsys):
    _answers(tmp_path / "answers")
    assert main(["survey", str(tmp_path / "answers"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["groups"], report["commissioners"]) == (29, 12)
    assert [t["measure"] for t in report["tables"]] == [m.key for m in MEASURES]
    for table in report["tables"]:
        # each count "n of N" now, beside the 2007 "n of N"; the same answers give the same
        assert table["N"] == table["N_2007"], table["measure"]
        assert table["lines"], table["measure"]
        for line in table["lines"]:
            assert "n_2007" in line, (table["measure"], line)
            if line["n_2007"] is not None:  # None: chapter 2 leaves that count out
                assert line["n"] == line["n_2007"], (table["measure"], line)
    assert main(["survey", str(tmp_path / "answers")]) == 0
    text = capsys.readouterr().out
    assert text.count("2006-07\n") == len(MEASURES)  # every table has its 2007 column
    assert text.startswith("Chapter 2 again: 29 groups and 12 commissioners answered")


# -- docs/survey.md's walk-through, as written ---------------------------------------------


def _env() -> dict[str, str]:
    source = str(Path(valuing_involvement.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a line of the page in a shell, the console script being this Python's module."""
    assert command.startswith("valuing-involvement ")
    line = command.replace("valuing-involvement", f"{sys.executable} -m valuing_involvement", 1)
    return subprocess.run(  # noqa: S602 -- the page's own commands, in a scratch folder
        line, shell=True, cwd=cwd, capture_output=True, text=True, env=_env(), check=False
    )


def test_the_walk_through_commands_run_as_written(tmp_path):
    commands = [
        line.strip()
        for block in _blocks("sh")
        for line in block.splitlines()
        if line.strip().startswith("valuing-involvement ")
    ]
    assert len(commands) == 5, commands
    _answers(tmp_path / "answers")
    for command in commands:
        done = _shell(command, tmp_path)
        assert done.returncode == 0, (command, done.stderr)
    assert (tmp_path / "groups.html").read_text("utf-8") == render_form("groups")
    assert (tmp_path / "commissioners.html").read_text("utf-8") == render_form("commissioners")
    assert (tmp_path / "groups.csv").read_text("utf-8") == csv_template("groups")
    header = (tmp_path / "groups.csv").read_text("utf-8").splitlines()[0].split(",")
    # the page's description of the template's columns
    assert header[:5] == ["questionnaire", "respondent", "QA1", "Q1", "Q2"]
    page = (tmp_path / "chapter2.html").read_text("utf-8")
    assert "2006-07" in page
    assert "<img" in page


def test_the_walk_throughs_error_example_is_what_the_command_prints(tmp_path):
    (example,) = [b for b in _blocks("text") if b.startswith("valuing-involvement:")]
    bad = {
        "questionnaire": "groups",
        "respondent": "Riverside Voices",
        "answers": {"13": "perhaps"},
    }
    (tmp_path / "riverside.json").write_text(json.dumps(bad), "utf-8")
    done = _shell("valuing-involvement survey riverside.json", tmp_path)
    assert done.returncode == 2
    assert done.stderr == example


def test_the_walk_throughs_table_example_is_what_the_command_prints(tmp_path, capsys):
    (example,) = [b for b in _blocks("text") if b.startswith("§2.15")]
    # 8 groups: 5 with a contract, 2 without, 1 for whom it does not apply, as the page says
    said = ["yes"] * 5 + ["no"] * 2 + ["not_applicable"]
    folder = tmp_path / "answers"
    folder.mkdir()
    for number, answer in enumerate(said):
        response = Response(kind="groups", respondent=f"group {number}", answers={"13": answer})
        (folder / f"{number}.json").write_text(json.dumps(response.to_json()), "utf-8")
    assert main(["survey", str(folder)]) == 0
    assert example in capsys.readouterr().out


def test_the_walk_throughs_python_runs(tmp_path, monkeypatch, capsys):
    (code,) = _blocks("python")
    _answers(tmp_path / "answers")
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(compile(code, str(SURVEY_MD), "exec"), scope)  # noqa: S102 -- the page's own code
    assert capsys.readouterr().out.startswith("Chapter 2 again: 29 groups and 12 commissioners")
    assert len(scope["frame"]) > len(MEASURES)  # one row a category
    assert len([g for g in scope["groups"] if g is not None]) > 0
    assert GROUPS.question("1").fills == "Group.self_described"  # as the page says


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("page", ["survey.md", "picture.md"])
def test_every_screenshot_a_walk_through_shows_exists(page):
    text = (ROOT / "docs" / page).read_text("utf-8")
    shown = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert shown, page
    if page == "survey.md":  # both forms and the report
        assert len(shown) == 3
    for name in shown:
        path = ROOT / "docs" / name
        assert path.is_file(), f"{page} shows {name}, which is missing"
        width, height = _png_size(path)
        assert width >= 600, (name, width)
        assert height >= 300, (name, height)

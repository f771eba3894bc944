"""Files written whole or not at all (``_files.written_whole``) and the commands that use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from valuing_involvement._files import written_whole
from valuing_involvement.picture import _command as picture_command
from valuing_involvement.survey import _commands as survey_commands


@pytest.mark.parametrize("raised", [KeyboardInterrupt, OSError, ValueError])
def test_a_block_left_early_leaves_the_old_file_and_no_partial_one(tmp_path, raised):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def interrupted_write():
        with written_whole(target) as partial:
            partial.write_text("half", encoding="utf-8")
            raise raised

    with pytest.raises(raised):
        interrupted_write()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_block_that_ends_moves_the_file_in_whole(tmp_path):
    target = tmp_path / "out.txt"
    with written_whole(target) as partial:
        assert partial.parent == tmp_path
        assert partial != target
        partial.write_text("whole", encoding="utf-8")
        assert not target.exists()  # nothing to read until the end
    assert target.read_text(encoding="utf-8") == "whole"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize("write", [survey_commands._write, picture_command._write])
def test_an_interrupt_as_a_command_moves_its_output_in_leaves_no_partial_file(
    tmp_path, monkeypatch, write
):
    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write("text", str(tmp_path / "report.html"))
    assert list(tmp_path.iterdir()) == []

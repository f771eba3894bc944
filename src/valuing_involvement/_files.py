"""Files written whole or not at all (private)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["written_whole"]


@contextlib.contextmanager
def written_whole(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to, moved onto ``path`` when the block ends.

    On any way out of the block but its end -- an error, an interrupt (``KeyboardInterrupt``)
    -- the temporary file is removed and ``path`` stays as it was: a reader never sees half a
    file.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "out.txt"
    ...     with written_whole(target) as partial:
    ...         _ = partial.write_text("whole", encoding="utf-8")
    ...     target.read_text(encoding="utf-8"), [p.name for p in pathlib.Path(folder).iterdir()]
    ('whole', ['out.txt'])
    """
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        yield partial
        partial.replace(target)
    except BaseException:  # an interrupt too
        partial.unlink(missing_ok=True)
        raise

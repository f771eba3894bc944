"""Stream raw 360Giving grants from files and folders (private module).

A stand-in for the streamed import: it yields each grant exactly as published, one at a time,
with ijson, so memory stays flat whatever the size of the files.  Folders are walked for
``*.json`` files in a stable (sorted) order.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from valuing_involvement.errors import InvalidInput
from valuing_involvement.picture._deps import need
from valuing_involvement.threesixty import _stream

__all__ = ["files_in", "iter_grants", "iter_sources"]


def files_in(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The JSON files named by ``paths``: files as given, folders walked for ``*.json``.

    >>> files_in([])
    []
    """
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            found.append(path)
    return found


def iter_grants(path: str | os.PathLike[str]) -> Iterator[Mapping[str, Any]]:
    """Each grant of one 360Giving JSON package, as published, streamed.

    The reading is :func:`valuing_involvement.threesixty.iter_grants`'s (ijson's C backend,
    falling back to its Python one for a number too large for 64 bits).  Text that is not JSON,
    or a file with no ``grants`` array, raises :class:`~valuing_involvement.errors.InvalidInput`
    naming the file.

    >>> import json, tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    ...     json.dump({"grants": [{"id": "a", "amountAwarded": 5}]}, f)
    >>> [g["id"] for g in iter_grants(f.name)]
    ['a']
    """
    need("ijson")
    try:
        # iter_grants yields an item that is not an object as it is (typed as a grant): such
        # an item is counted as read and can match nothing
        items: Iterator[object] = _stream.iter_grants(path)
        for item in items:
            yield item if isinstance(item, Mapping) else {}
    except InvalidInput as exc:
        problems = [
            (
                "$",
                'not a 360Giving package: no "grants" array at the top'
                if p.location == ("grants",)
                else p.message.replace("not readable JSON", "not valid JSON"),
            )
            for p in exc.problems
        ]
        raise InvalidInput(problems, target=f"360Giving file {path}") from None


def iter_sources(
    paths: Iterable[str | os.PathLike[str]],
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each grant of every file under ``paths``, with the name of the file it came from.

    >>> list(iter_sources([]))
    []
    """
    for path in files_in(paths):
        for grant in iter_grants(path):
            yield path.name, grant

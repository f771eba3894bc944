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

    Text that is not JSON raises :class:`~valuing_involvement.errors.InvalidInput`.  Numbers
    come back as :class:`decimal.Decimal` (ijson's exact reading).

    >>> import json, tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    ...     json.dump({"grants": [{"id": "a", "amountAwarded": 5}]}, f)
    >>> [g["id"] for g in iter_grants(f.name)]
    ['a']
    """
    ijson = need("ijson")
    target = f"360Giving file {path}"
    found = 0
    with Path(path).open("rb") as handle:
        try:
            for grant in ijson.items(handle, "grants.item"):
                found += 1
                yield grant
        except ijson.JSONError as error:
            message = f"not valid JSON: {str(error).splitlines()[0]}"
            raise InvalidInput([("$", message)], target=target) from None
    if not found and not _has_grants(path):
        message = 'not a 360Giving package: no "grants" array at the top'
        raise InvalidInput([("$", message)], target=target)


def _has_grants(path: str | os.PathLike[str]) -> bool:
    """Whether a file that gave no grants is a package with an empty ``grants`` array."""
    ijson = need("ijson")
    with Path(path).open("rb") as handle:
        for prefix, event, value in ijson.parse(handle):
            if prefix == "" and event == "map_key" and value == "grants":
                return True
            if prefix == "" and event in {"start_array", "string", "number", "boolean", "null"}:
                return False
    return False


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

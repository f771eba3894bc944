"""Remember the first value of each key, in bounded memory however many keys come (private).

A national 360Giving file holds about a million grant ids, and the quality checks must know,
for each grant, whether an earlier grant had its id (``VI604``).  A dict of a million ids
takes over a hundred megabytes, so :class:`FirstSeen` keeps the newest keys in a dict and,
when the dict is full, writes them out in one sorted batch to a private SQLite database in a
temporary directory, removed by :meth:`FirstSeen.close`.  Keys are stored exactly (as bytes,
never hashed), so the answers are a dict's, whatever the bound.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Generic, Self, TypeVar, cast

__all__ = ["SPILL_AFTER", "FirstSeen"]

#: The keys held in memory before a batch goes to disk: a few megabytes of dict.
SPILL_AFTER = 16_384

#: An index (within SQLite's 64 bits) or a text.
_V = TypeVar("_V", int, str)


def _exact(text: str) -> bytes:
    # "surrogatepass": JSON can carry a lone surrogate ("\ud800"), which UTF-8 refuses.
    return text.encode("utf-8", "surrogatepass")


class FirstSeen(Generic[_V]):
    """Each key's first value, as ``dict.setdefault`` would keep it, spilling to disk.

    ``bound`` is how many keys stay in memory before they are written out (``None``: never).
    Use it as a context manager, or call :meth:`close`, so the database file is removed.

    >>> with FirstSeen[int](bound=2) as seen:
    ...     for index, key in enumerate(["a", "b", "a", "c", "b"]):
    ...         seen.add(key, index)
    ...     [seen.get(key) for key in "abcd"], len(seen), "c" in seen
    ([0, 1, 3, None], 3, True)
    """

    __slots__ = ("_bound", "_db", "_dir", "_missed", "_recent", "_spilled")

    def __init__(self, *, bound: int | None = SPILL_AFTER) -> None:
        """Start empty; nothing touches the disk until more than ``bound`` keys come."""
        if bound is not None and bound < 1:
            raise ValueError(f"bound must be at least 1, got {bound}")
        self._bound = bound
        self._recent: dict[str, _V] = {}
        self._spilled = 0  # keys in the database
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._db: sqlite3.Connection | None = None
        # The key last looked for on disk in vain: a check asks for a grant's id, then the
        # driver adds it, and the second look on disk would only repeat the first.
        self._missed: str | None = None

    def get(self, key: str) -> _V | None:
        """The value ``key`` first came with, or ``None`` if it never came."""
        value = self._recent.get(key)
        if value is None and self._db is not None:
            return self._on_disk(self._db, key)
        return value

    def _on_disk(self, db: sqlite3.Connection, key: str) -> _V | None:
        row = db.execute("SELECT value FROM seen WHERE key = ?", (_exact(key),)).fetchone()
        if row is None:
            self._missed = key
            return None
        stored = row[0]
        return cast(
            "_V", stored.decode("utf-8", "surrogatepass") if type(stored) is bytes else stored
        )

    def __contains__(self, key: str) -> bool:
        """Whether ``key`` came before."""
        return self.get(key) is not None

    def __len__(self) -> int:
        """How many distinct keys came."""
        return len(self._recent) + self._spilled

    def add(self, key: str, value: _V) -> None:
        """Remember ``value`` for ``key``, unless ``key`` came before (its first value stays)."""
        if key in self._recent or (
            self._db is not None
            and key != self._missed
            and self._on_disk(self._db, key) is not None
        ):
            return
        self._missed = None
        self._recent[key] = value
        if self._bound is not None and len(self._recent) >= self._bound:
            self._spill()

    def _spill(self) -> None:
        if self._db is None:
            self._dir = tempfile.TemporaryDirectory(prefix="valuing-involvement-seen-")
            self._db = sqlite3.connect(Path(self._dir.name) / "seen.sqlite")
            # A scratch file: nothing to recover after a crash, so no journal and no syncing.
            self._db.execute("PRAGMA journal_mode=OFF")
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute("CREATE TABLE seen (key BLOB PRIMARY KEY, value) WITHOUT ROWID")
        # Sorted, so each batch fills the table's B-tree in order.  Every key here is new.
        batch = sorted((_exact(key), _stored(value)) for key, value in self._recent.items())
        with self._db:
            self._db.executemany("INSERT INTO seen VALUES (?, ?)", batch)
        self._spilled += len(batch)
        self._recent.clear()

    def close(self) -> None:
        """Forget everything and remove the database, if one was written (safe to repeat)."""
        self._recent.clear()
        self._spilled = 0
        self._missed = None
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    def __enter__(self) -> Self:
        """Use the store for the length of a ``with`` block."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()


def _stored(value: int | str) -> int | bytes:
    return _exact(value) if isinstance(value, str) else value

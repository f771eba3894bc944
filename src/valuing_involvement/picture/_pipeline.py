"""Read, select, store, measure: the picture end to end (private module)."""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from valuing_involvement._gc import collector_paused
from valuing_involvement.picture._read import iter_sources
from valuing_involvement.picture._rows import row
from valuing_involvement.picture._store import write_parquet
from valuing_involvement.picture.matching import Matcher
from valuing_involvement.picture.measures import NOT_REPORTED, Table, measure_tables

__all__ = ["Picture", "build_picture", "select_grants"]

#: Grants matched together: the quick test runs over a batch at once.
_BATCH = 4096


@attrs.frozen(kw_only=True)
class Picture:
    """What the published grants show: files read, grants read and selected, and the measures.

    ``parquet`` names the selected-grants file when one was kept; ``not_reported`` lists what
    the data cannot show, each with what it would need.
    """

    files: tuple[tuple[str, int, int], ...]
    read: int
    selected: int
    tables: tuple[Table, ...]
    parquet: str | None = None
    not_reported: tuple[tuple[str, str], ...] = NOT_REPORTED

    def table(self, key: str) -> Table:
        """The table called ``key`` (``length``, ``funders``, ``size``, ``years``...)."""
        return next(t for t in self.tables if t.key == key)


@attrs.define
class _Counts:
    read: int = 0
    selected: int = 0
    files: dict[str, list[int]] = attrs.Factory(dict)


def select_grants(
    grants: Iterable[tuple[str, Mapping[str, Any]]],
    matcher: Matcher | None = None,
    counts: _Counts | None = None,
) -> Iterator[dict[str, Any]]:
    """The rows of the selected grants among ``(file, raw grant)`` pairs, each with why.

    >>> grants = [("f", {"id": "a", "title": "Peer support for people with mental health needs"}),
    ...           ("f", {"id": "b", "title": "A village hall roof"})]
    >>> [(r["grant_id"], r["why"][:28]) for r in select_grants(grants)]
    [('a', "title: 'mental health needs'")]
    """
    chosen = matcher or Matcher()
    tally = counts if counts is not None else _Counts()
    pairs = iter(grants)
    while batch := list(itertools.islice(pairs, _BATCH)):
        matches = chosen.match_many([grant for _, grant in batch])
        for file, _ in batch:
            tally.files.setdefault(file, [0, 0])[0] += 1
        for (file, grant), found in zip(batch, matches, strict=True):
            if found is not None:
                tally.files[file][1] += 1
                yield row(file, grant, found)
        tally.read += len(batch)
        tally.selected += sum(found is not None for found in matches)


def _progress(grants: Iterable[Any], show: bool | None) -> Iterable[Any]:
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        return grants
    from tqdm import tqdm  # noqa: PLC0415 -- only on a terminal

    bar: Iterable[Any] = tqdm(
        grants, unit=" grants", desc="reading", file=sys.stderr, mininterval=0.5
    )
    return bar


def build_picture(
    sources: Iterable[str | os.PathLike[str]] | Iterable[tuple[str, Mapping[str, Any]]],
    *,
    matcher: Matcher | None = None,
    parquet: str | os.PathLike[str] | None = None,
    progress: bool | None = False,
    pause_collector: bool = False,
) -> Picture:
    """Select the grants to mental health user and carer groups and measure them.

    ``sources`` is files and folders of 360Giving JSON, or ``(file name, raw grant)`` pairs
    from any reader.  The selected grants go to the Parquet file ``parquet`` (kept) or to a
    temporary one; the measures run in DuckDB over it.  ``progress=None`` shows a progress bar
    only on a terminal.  Raw grants hold no reference cycles, so ``pause_collector=True`` pauses
    the cyclic garbage collector while they stream (a third of the time); the collector is
    process-wide, so only a caller that owns its process asks for that (the command line does).

    >>> grants = [("f.json", {"id": "a", "recipientOrganization": [{"name": "Bath Mind"}],
    ...            "amountAwarded": 9000, "currency": "GBP"})]
    >>> picture = build_picture(grants)
    >>> picture.read, picture.selected, picture.table("length").rows[-1][:2]
    (1, 1, ('not stated', 1))
    """
    items = list(sources) if not isinstance(sources, Iterator) else sources
    pairs: Iterable[tuple[str, Mapping[str, Any]]]
    if isinstance(items, list) and all(isinstance(i, str | os.PathLike) for i in items):
        pairs = iter_sources(items)  # type: ignore[arg-type]
    else:
        pairs = items  # type: ignore[assignment]
    counts = _Counts()
    rows = select_grants(_progress(pairs, progress), matcher, counts)
    paused = collector_paused() if pause_collector else contextlib.nullcontext()
    with paused, tempfile.TemporaryDirectory(prefix="picture-") as scratch:
        path = Path(parquet) if parquet is not None else Path(scratch) / "selected.parquet"
        write_parquet(rows, path)
        tables = measure_tables([path], read=counts.read)
    return Picture(
        files=tuple((name, read, chosen) for name, (read, chosen) in counts.files.items()),
        read=counts.read,
        selected=counts.selected,
        tables=tuple(tables),
        parquet=os.fspath(parquet) if parquet is not None else None,
    )

"""Write the selected grants to Parquet in batches, so memory stays bounded (private module)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from valuing_involvement._files import written_whole
from valuing_involvement.picture._deps import need
from valuing_involvement.picture._rows import COLUMNS

__all__ = ["BATCH", "schema", "write_parquet"]

#: Rows held in memory before a batch is written.
BATCH = 20_000


def schema() -> Any:
    """The Parquet schema of the selected-grants table (money as exact decimals).

    >>> [f.name for f in schema()][:3]
    ['grant_id', 'file', 'funder_id']
    """
    pa = need("pyarrow")
    money = pa.decimal128(15, 2)
    types = {
        "amount": money,
        "annual_amount": money,
        "award_date": pa.date32(),
        "start_date": pa.date32(),
        "end_date": pa.date32(),
        "award_year": pa.int16(),
        "months": pa.float64(),
        "match_weight": pa.int16(),
    }
    fields = [pa.field(name, types.get(name, pa.string())) for name in COLUMNS]
    metadata = {f"column:{name}": text for name, text in COLUMNS.items()}
    return pa.schema(fields, metadata=metadata)


def write_parquet(rows: Iterable[dict[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write ``rows`` (dicts of :data:`COLUMNS`) to one Parquet file; return how many.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "none.parquet"
    >>> write_parquet([], out), out.exists()
    (0, True)
    """
    pa = need("pyarrow")
    pq = need("pyarrow.parquet")
    table_schema = schema()
    count = 0
    batch: list[dict[str, Any]] = []
    # An interrupted or failed run leaves no partial file (and an older file stays as it was).
    with (
        written_whole(path) as partial,
        pq.ParquetWriter(os.fspath(partial), table_schema, compression="zstd") as writer,
    ):
        for item in rows:
            batch.append(item)
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=table_schema))
                count += len(batch)
                batch.clear()
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=table_schema))
            count += len(batch)
    return count

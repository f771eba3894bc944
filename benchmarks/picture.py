"""The picture end to end on many generated 360Giving files, against a plain streamed read.

Run: python benchmarks/picture.py [N] [FILES] [REPEATS]   (default 100000 grants, 100 files, 1)

Writes FILES generated packages (seeded, ``valuing_involvement.picture._generate``: invented
grants with real shapes, about 30% to mental health groups) into a temporary folder, then runs
each measurement in its own process so each peak memory is its own:

- ``baseline``: ijson's ``items(f, "grants.item")`` over every file, doing nothing with them --
  the streamed read alone, the floor for anything that reads the same files;
- ``picture``: ``build_picture`` over the folder: read, match, write the selected grants to
  Parquet, and compute every table in DuckDB.

With REPEATS above 1 the two are interleaved (read, picture, read, picture...), so a slow spell
of the shared machine slows both alike, and the medians are reported with the median ratio of
each pair.  Prints seconds, grants a second and peak resident memory (ru_maxrss) for each.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baseline(folder: Path) -> dict[str, float]:
    import ijson  # noqa: PLC0415 -- the child imports only what it times

    start = time.perf_counter()
    count = 0
    for path in sorted(folder.glob("*.json")):
        with path.open("rb") as handle:
            for _grant in ijson.items(handle, "grants.item"):
                count += 1
    return {"grants": count, "seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def picture(folder: Path) -> dict[str, float]:
    from valuing_involvement.picture import build_picture  # noqa: PLC0415

    start = time.perf_counter()
    out = folder / "selected.parquet"
    result = build_picture([folder], parquet=out)
    return {
        "grants": result.read,
        "selected": result.selected,
        "seconds": time.perf_counter() - start,
        "peak_mb": _peak_mb(),
    }


def _child(mode: str, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        mode, folder = sys.argv[2], Path(sys.argv[3])
        print(json.dumps((baseline if mode == "baseline" else picture)(folder)))
        return
    from valuing_involvement.picture._generate import write_packages  # noqa: PLC0415

    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with tempfile.TemporaryDirectory(prefix="picture-bench-") as scratch:
        folder = Path(scratch)
        start = time.perf_counter()
        write_packages(folder, files=files, grants=total // files, seed=2007)
        size = sum(p.stat().st_size for p in folder.glob("*.json")) / 2**20
        print(f"{total:,} grants in {files} files ({size:,.0f} MB) written in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        pairs = [(_child("baseline", folder), _child("picture", folder)) for _ in range(repeats)]
    ratios = sorted(p["seconds"] / b["seconds"] for b, p in pairs)
    base = _median([b for b, _ in pairs])
    full = _median([p for _, p in pairs])
    for name, run in (("streamed read (ijson)", base), ("picture end to end", full)):
        rate = run["grants"] / run["seconds"]
        print(f"{name:24} {run['seconds']:7.1f} s  {rate:9,.0f} grants/s  "
              f"peak {run['peak_mb']:6.0f} MB")  # fmt: skip
    print(f"selected {full['selected']:,} of {full['grants']:,}; picture / read = "
          f"{statistics.median(ratios):.2f}x (each pair: "
          f"{', '.join(f'{r:.2f}' for r in ratios)})")  # fmt: skip


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


if __name__ == "__main__":
    main()

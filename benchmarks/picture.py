"""The picture end to end on many generated 360Giving files, against the streamed import.

Run: python benchmarks/picture.py [N] [FILES] [REPEATS] [--dir DIR]
(default 100000 grants, 100 files, 1 repeat, a temporary folder under /tmp, deleted after)

Writes FILES generated packages (seeded, ``valuing_involvement.picture._generate``: invented
grants with real shapes, about 8% to mental health groups) into the folder, then runs each
measurement in its own process, so each peak memory is its own:

- ``read``: ijson's ``items(f, "grants.item")`` over every file, doing nothing with them --
  the streamed read alone, the floor for anything that reads the same files;
- ``import``: ``valuing-involvement import-360giving FILE`` (the library's streamed, lossless
  import) of every file in turn, in one process through the command line's own entry point,
  the agreements written to ``/dev/null``: the issue's yardstick (#25: "within 3x of the
  streamed import alone");
- ``picture``: ``valuing-involvement picture FILES... --format parquet -o OUT`` in one process
  through the same entry point (the summary to ``/dev/null``): read, match, write the selected
  grants to Parquet, and compute every table in DuckDB.  As a command it pauses the cyclic
  collector while it runs (docs/cli.md); the import switches it back on for its own work.

With REPEATS above 1 the three are interleaved (read, import, picture, read, import...), so a
slow spell of the shared machine slows them alike, and the medians are reported with each
round's ratio.  Prints seconds, grants a second and peak resident memory (ru_maxrss) for each.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_MODES = ("read", "import", "picture")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("generated-*.json"))


def read(folder: Path) -> dict[str, float]:
    import ijson  # noqa: PLC0415 -- the child imports only what it times

    start = time.perf_counter()
    count = 0
    for path in _files(folder):
        with path.open("rb") as handle:
            for _grant in ijson.items(handle, "grants.item"):
                count += 1
    return {"grants": count, "seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def import_360giving(folder: Path) -> dict[str, float]:
    from valuing_involvement.cli import main  # noqa: PLC0415

    start = time.perf_counter()
    failed = 0
    with (
        Path(os.devnull).open("w", encoding="utf-8") as null,
        contextlib.redirect_stdout(null),
        contextlib.redirect_stderr(null),
    ):
        for path in _files(folder):
            failed += main(["import-360giving", str(path)]) != 0
    seconds = time.perf_counter() - start
    return {"files failed": failed, "seconds": seconds, "peak_mb": _peak_mb()}


def picture(folder: Path) -> dict[str, float]:
    import pyarrow.parquet as pq  # noqa: PLC0415

    from valuing_involvement.cli import main  # noqa: PLC0415

    start = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="picture-bench-out-") as out,
        Path(os.devnull).open("w", encoding="utf-8") as null,
        contextlib.redirect_stdout(null),
    ):
        parquet = Path(out) / "selected.parquet"
        files = [str(path) for path in _files(folder)]
        failed = main(["picture", *files, "--format", "parquet", "-o", str(parquet)]) != 0
        seconds = time.perf_counter() - start
        selected = pq.ParquetFile(parquet).metadata.num_rows
    return {"failed": failed, "selected": selected, "seconds": seconds, "peak_mb": _peak_mb()}


def _child(mode: str, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _measure(folder: Path, total: int, files: int, repeats: int) -> None:
    from valuing_involvement.picture._generate import write_packages  # noqa: PLC0415

    start = time.perf_counter()
    write_packages(folder, files=files, grants=total // files, seed=2007)
    size = sum(p.stat().st_size for p in _files(folder)) / 2**20
    print(f"{total:,} grants in {files} files ({size:,.0f} MB) written in "
          f"{time.perf_counter() - start:.1f} s", flush=True)  # fmt: skip
    rounds = []
    for number in range(repeats):
        rounds.append({mode: _child(mode, folder) for mode in _MODES})
        times = ", ".join(f"{m} {rounds[-1][m]['seconds']:.1f} s" for m in _MODES)
        print(f"round {number + 1}: {times}", flush=True)
    medians = {mode: _median([r[mode] for r in rounds]) for mode in _MODES}
    grants = medians["read"]["grants"]
    names = {"read": "streamed read (ijson)", "import": "import-360giving", "picture": "picture"}
    for mode in _MODES:
        run = medians[mode]
        print(f"{names[mode]:24} {run['seconds']:7.1f} s  {grants / run['seconds']:9,.0f} "
              f"grants/s  peak {run['peak_mb']:6.0f} MB")  # fmt: skip
    if medians["import"]["files failed"] or medians["picture"]["failed"]:
        print("a command failed: the figures are not comparable")
    for base in ("import", "read"):
        ratios = sorted(r["picture"]["seconds"] / r[base]["seconds"] for r in rounds)
        print(f"picture / {base} = {statistics.median(ratios):.2f}x (each round: "
              f"{', '.join(f'{x:.2f}' for x in ratios)})")  # fmt: skip
    print(f"selected {medians['picture']['selected']:,.0f} of {grants:,.0f}")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        mode, folder = sys.argv[2], Path(sys.argv[3])
        run = {"read": read, "import": import_360giving, "picture": picture}[mode]
        print(json.dumps(run(folder)))
        return
    words = sys.argv[1:]
    where = None
    if "--dir" in words:
        at = words.index("--dir")
        where = Path(words[at + 1])
        del words[at : at + 2]
    total = int(words[0]) if words else 100_000
    files = int(words[1]) if len(words) > 1 else 100
    repeats = int(words[2]) if len(words) > 2 else 1
    folder = Path(tempfile.mkdtemp(prefix="picture-bench-", dir=where))
    try:
        _measure(folder, total, files, repeats)
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()

"""Whole-process timings of the command line, each as a ratio to a plain-json baseline.

Run: python benchmarks/cli.py [--quick]

The issue measures the user-facing path as a whole: ``valuing-involvement check FILE --format
json`` on 20,000 agreements, and ``classify`` on 100,000 groups, against one Python process that
does ``json.load`` of the same file and writes ``json.dumps`` of it (the least any command that
reads and writes the file must do).  Every run is a new process, started the same way, and the
compared runs are interleaved (see timing.py), 5 repetitions, medians reported.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check import make_contracts
from classify import make_groups
from timing import interleaved

from valuing_involvement import to_json

QUICK = "--quick" in sys.argv
SCALE = 10 if QUICK else 1
REPEATS = 3 if QUICK else 5
PYTHON = sys.executable
BASELINE = (
    "import json, sys\n"
    "with open(sys.argv[1], 'rb') as f: data = json.load(f)\n"
    "sys.stdout.write(json.dumps(data, ensure_ascii=False))\n"
)


def _process(argv: list[str], out: str) -> None:
    with open(out, "w") as sink:  # noqa: PTH123 -- a plain file object for subprocess
        subprocess.run(argv, stdout=sink, check=False)


def _command(*args: str) -> list[str]:
    return [PYTHON, "-m", "valuing_involvement", *args]


def figures() -> list[tuple[str, float, float]]:
    """(figure, seconds, ratio to the baseline of the same run) for each whole-process figure."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        agreements = Path(tmp, "agreements.json")
        agreements.write_text(to_json(make_contracts(20_000 // SCALE)), encoding="utf-8")
        groups = Path(tmp, "groups.json")
        groups.write_text(to_json(make_groups(100_000 // SCALE)), encoding="utf-8")
        written = str(Path(tmp, "out.json"))
        null = os.devnull
        a, g = str(agreements), str(groups)
        medians = interleaved(
            {
                "baseline, agreements": lambda: _process([PYTHON, "-c", BASELINE, a], null),
                "check --format json > /dev/null": lambda: _process(
                    _command("check", a, "--format", "json"), null
                ),
                "check --format json > file": lambda: _process(
                    _command("check", a, "--format", "json"), written
                ),
                "check --format jsonl > /dev/null": lambda: _process(
                    _command("check", a, "--format", "jsonl"), null
                ),
                "baseline, groups": lambda: _process([PYTHON, "-c", BASELINE, g], null),
                "classify --format json > /dev/null": lambda: _process(
                    _command("classify", g, "--format", "json"), null
                ),
            },
            REPEATS,
        )
    for name, seconds in medians.items():
        base = medians["baseline, groups" if "groups" in name or "classify" in name else
                       "baseline, agreements"]  # fmt: skip
        rows.append((name, seconds, seconds / base))
    return rows


def main() -> None:
    start = time.perf_counter()
    n_agreements, n_groups = 20_000 // SCALE, 100_000 // SCALE
    print(f"agreements: {n_agreements:,}; groups: {n_groups:,}")
    for name, seconds, ratio in figures():
        print(f"{name}: {seconds:.2f} s, {ratio:.2f}x the baseline")
    print(f"({time.perf_counter() - start:.0f} s in all)")


if __name__ == "__main__":
    main()

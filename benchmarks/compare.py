"""Compare checking and loading with another checkout of the library, by instructions and time.

Run: python benchmarks/compare.py [--n N] [--actions loop,batch] [--no-count] LABEL=SRC ...

Each ``LABEL=SRC`` names a checkout's ``src`` directory (``base=../base/src`` after
``git worktree add ../base e0fe497``); ``this=src`` is the checkout the script is in.  The script
runs itself in a child process per side, with ``PYTHONPATH=SRC`` and this interpreter, so every
side checks and loads the same agreements from the same generator (``check.make_contracts``)
with the same dependencies; only the library differs.

Two views, because the project machine is shared and its speed drifts:

- *instructions*, counted by ``valgrind --tool=callgrind``: a child builds its inputs, does the
  action once to warm the caches, and then once more, counted alone (see ``_MEASURED``); the
  count divided by N is the action's cost per agreement, the same whatever the load;
- *time*, ``time.process_time`` per repetition, the sides' children run in turn for
  several rounds (interleaved), the median of each reported.

The actions: ``assess`` (``assess_portfolio`` of N groups and N agreements, ``assess.py``'s
portfolio) and ``checkgroups`` (``check_contracts`` of the same agreements, each holding its
group: the assessment's baseline), ``loop`` (``check_contract`` on each agreement), ``batch``
(``check_contracts``,
default arguments), ``paused`` (``check_contracts(pause_collector=True)``, or the
default where the checkout has no such argument and always pauses), ``load`` (``from_json`` of
a list of agreements, the collector off) and ``json`` (``json.loads`` of the same bytes, the
collector off).
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import operator
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

ACTIONS = ("loop", "batch", "paused", "load", "json", "assess", "checkgroups")
HERE = Path(__file__).resolve().parent


def _action(name: str, n: int) -> Callable[[], object]:  # noqa: PLR0911 -- one per action
    """Build the inputs of one action and return it, ready to run."""
    sys.path.insert(0, str(HERE))
    from check import make_contracts  # noqa: PLC0415 -- the benchmark's own generator

    from valuing_involvement import (  # noqa: PLC0415 -- whichever checkout runs this child
        Contract,
        check_contract,
        check_contracts,
        from_json,
        to_json,
    )

    if name in ("assess", "checkgroups"):  # a portfolio of N groups and N agreements (assess.py)
        from assess import make_portfolio  # noqa: PLC0415 -- the benchmark's own generator

        from valuing_involvement import assess_portfolio  # noqa: PLC0415

        portfolio = make_portfolio(n)
        on = min(c.period.start for c in portfolio.contracts)
        if name == "assess":
            return lambda: assess_portfolio(portfolio, on=on)
        held = [attrs.evolve(c, group=portfolio.group_of(c)) for c in portfolio.contracts]
        return lambda: check_contracts(held, on=on)
    contracts = make_contracts(n)
    if name == "loop":
        return lambda: [check_contract(c) for c in contracts]
    if name == "batch":
        return lambda: check_contracts(contracts)
    if name == "paused":  # the collector paused, as e0fe497's batch always did
        if "pause_collector" not in inspect.signature(check_contracts).parameters:
            return lambda: check_contracts(contracts)
        return lambda: check_contracts(contracts, pause_collector=True)
    document = to_json(contracts).encode()

    def without_collector(action: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            gc.disable()
            try:
                return action()
            finally:
                gc.enable()

        return run

    if name == "load":
        return without_collector(lambda: from_json(document, list[Contract]))
    return without_collector(lambda: json.loads(document))


#: The C function the measured run goes through, so callgrind can count that run alone: it
#: counts from the moment the interpreter enters ``operator.call`` until it leaves it.  Nothing
#: else calls it (``exec``, which imports go through, would count every lazy import as well).
_MEASURED = "_operator_call"


def child(name: str, n: int, mode: str, repeats: int) -> None:
    """Run in a child: ``count`` under callgrind, ``time`` for process time."""
    action = _action(name, n)
    action()  # warm: caches filled, lazy imports done, cattrs hooks generated
    if mode == "count":
        operator.call(action)
    elif mode == "time":
        times = []
        for _ in range(repeats):
            start = time.process_time()
            action()
            times.append(time.process_time() - start)
        print(json.dumps(times))


def _run(src: str, arguments: list[str], *, under: Sequence[str] = ()) -> str:
    command = [*under, sys.executable, __file__, "--child", *arguments]
    env = {**os.environ, "PYTHONPATH": src, "PYTHONHASHSEED": "0"}
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout


def instructions_per_agreement(src: str, name: str, n: int) -> float:
    """Instructions one warm run of the action costs, divided by the number of agreements."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        callgrind = [
            "valgrind",
            "--tool=callgrind",
            "--collect-atstart=no",
            f"--toggle-collect={_MEASURED}",
            f"--callgrind-out-file={out}",
        ]
        _run(src, [name, str(n), "count"], under=callgrind)
        summary = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
        if summary is None:
            raise RuntimeError("callgrind wrote no summary")
        return int(summary.group(1)) / n


def process_times(src: str, name: str, n: int, repeats: int) -> list[float]:
    """Process seconds of each of ``repeats`` runs of the action in one child."""
    return [float(t) for t in json.loads(_run(src, [name, str(n), "time", str(repeats)]))]


def main() -> None:
    """Print instructions and microseconds per agreement for every side."""
    if sys.argv[1] == "--child":
        name, n, mode = sys.argv[2], int(sys.argv[3]), sys.argv[4]
        child(name, n, mode, int(sys.argv[5]) if len(sys.argv) > 5 else 0)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="agreements (default 2000)")
    parser.add_argument("--actions", default=",".join(ACTIONS), help="comma-separated")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved timing rounds")
    parser.add_argument("--no-count", action="store_true", help="skip callgrind")
    parser.add_argument("--no-time", action="store_true", help="skip the timing")
    parser.add_argument("sides", nargs="+", metavar="LABEL=SRC")
    args = parser.parse_args()
    sides = dict(side.split("=", 1) for side in args.sides)
    n = args.n
    print(f"{n:,} agreements; instructions by callgrind, µs by process time ({args.rounds} rounds)")
    for name in args.actions.split(","):
        if not args.no_count:
            for side, src in sides.items():
                count = instructions_per_agreement(src, name, n)
                print(f"{name:6} {side:8} {count:>10,.0f} instructions an agreement", flush=True)
        if args.no_time:
            continue
        times: dict[str, list[float]] = {side: [] for side in sides}
        for _ in range(args.rounds):
            for side, src in sides.items():
                times[side] += process_times(src, name, n, 3)
        for side, values in times.items():
            low, mid, high = (
                v / n * 1e6 for v in (min(values), statistics.median(values), max(values))
            )
            print(
                f"{name:6} {side:8} {mid:10.1f} µs an agreement ({low:.1f}–{high:.1f})", flush=True
            )


if __name__ == "__main__":
    main()

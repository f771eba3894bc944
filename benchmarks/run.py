"""Every figure of the performance brief, each beside its baseline, in one process run.

Run: python benchmarks/run.py [--quick]

Medians of 5 runs (7, interleaved, where figures are compared: see timing.py) on
deterministically generated data (seeded); --quick uses a tenth of the sizes for a fast look.
Results are printed as a Markdown table for benchmarks/README.md.
"""

from __future__ import annotations

import gc
import json
import sys
import tracemalloc
from collections.abc import Callable

from assess import figures as assess_figures
from check import make_contracts
from classify import make_groups
from cli import figures as cli_figures
from imports import figures as import_figures
from timing import interleaved, load_times
from timing import median_seconds as median

import valuing_involvement
from valuing_involvement import (
    Contract,
    Group,
    check_contract,
    check_contracts,
    classify_group,
    from_json,
    to_data,
    to_json,
)

QUICK = "--quick" in sys.argv
SCALE = 10 if QUICK else 1
ROWS: list[tuple[str, str, str, str]] = []


def record(figure: str, result: str, baseline: str, target: str) -> None:
    ROWS.append((figure, result, baseline, target))
    print(f"{figure}: {result} | baseline {baseline} | target {target}", flush=True)


def load_and_dump() -> None:
    n = 100_000 // SCALE
    contracts = make_contracts(n)
    text = to_json(contracts)
    load, base = load_times(text.encode(), list[Contract])
    record(
        f"load {n:,} agreements (one JSON document)",
        f"{load:.2f} s ({load / base:.1f}x)",
        f"json.loads {base:.2f} s",
        "<= 4x",
    )
    plain = [to_data(c) for c in contracts]
    medians = interleaved(
        {
            "write": lambda: to_json(contracts),
            "json": lambda data=plain: json.dumps(data, ensure_ascii=False),
        }
    )
    dump, base = medians["write"], medians["json"]
    record(
        f"write {n:,} agreements to JSON",
        f"{dump:.2f} s ({dump / base:.1f}x)",
        f"json.dumps of plain dicts {base:.2f} s",
        "<= 2.5x",
    )
    del plain
    gc.collect()
    tracemalloc.start()
    kept = from_json(text, list[Contract])
    models = tracemalloc.get_traced_memory()[0]
    del kept
    gc.collect()
    tracemalloc.reset_peak()
    tracemalloc.stop()
    tracemalloc.start()
    kept_plain = json.loads(text)
    dicts = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept_plain
    record(
        "memory kept per loaded agreement",
        f"{models / n:,.0f} B ({models / dicts:.2f}x)",
        f"plain dicts {dicts / n:,.0f} B",
        "<= 0.5x",
    )


def classify() -> None:
    sizes = [10_000 // SCALE, 100_000 // SCALE, 1_000_000 // SCALE]
    big = sizes[-1]
    register = make_groups(big)

    def timed(n: int, action: Callable[[Group], object]) -> Callable[[], None]:
        # The smaller registers are the first n groups of the largest, gone through big // n
        # times over, so every size is timed on the same groups and the same amount of work.
        groups, passes = register[:n], big // n

        def run() -> None:
            for _ in range(passes):
                [action(x) for x in groups]

        return run

    # Beside each size, the same loop calling a function that only returns its argument: what
    # the memory hierarchy alone adds as the register outgrows the processor's caches.
    actions = {f"classify {n}": timed(n, classify_group) for n in sizes}
    actions |= {f"walk {n}": timed(n, lambda x: x) for n in sizes}
    medians = interleaved(actions)
    per = {n: medians[f"classify {n}"] / big for n in sizes}
    walk = {n: medians[f"walk {n}"] / big for n in sizes}
    spread = max(per.values()) / min(per.values()) - 1
    costs = " / ".join(f"{per[n] * 1e9:.0f}" for n in sizes)
    walks = " / ".join(f"{walk[n] * 1e9:.0f}" for n in sizes)
    record(
        f"classify {big:,} groups (committees of 3-15)",
        f"{1 / per[big]:,.0f} groups/s; per group {costs} ns at "
        f"{' / '.join(f'{n:,}' for n in sizes)}, spread {spread:.0%}",
        f"same loop, a do-nothing function: {walks} ns",
        ">= 1,500,000/s; within 10%",
    )


def check() -> None:
    n = 100_000 // SCALE
    contracts = make_contracts(n)
    seconds = median(lambda: [check_contract(c) for c in contracts])
    record(
        f"check_contract, whole catalogue, {n:,} agreements, one call each",
        f"{n / seconds:,.0f} agreements/s",
        "-",
        ">= 50,000/s",
    )
    seconds = median(lambda: check_contracts(contracts))
    record(
        f"check_contracts, whole catalogue, {n:,} agreements in one batch",
        f"{n / seconds:,.0f} agreements/s",
        "-",
        ">= 50,000/s",
    )


def assess() -> None:
    n = 1000 // SCALE
    small, large = assess_figures(n // 10), assess_figures(n)
    per_small, per_large = small["assess"] / (n // 10), large["assess"] / n
    record(
        f"assess_portfolio, {n:,} groups and agreements",
        f"{large['assess'] * 1000:.0f} ms ({large['assess'] / large['check']:.2f}x); "
        f"{per_large * 1e6:.0f} us an agreement ({per_small * 1e6:.0f} at {n // 10:,})",
        f"check_contracts of the same agreements with their groups {large['check'] * 1000:.0f} ms",
        "<= 1.5x, linear",
    )


def import_time() -> None:
    times = import_figures(repeats=9)
    record(
        "import valuing_involvement",
        f"{(times['package'] - times['pass']) * 1000:.0f} ms above baseline",
        f"python -c pass {times['pass'] * 1000:.0f} ms",
        "<= 80 ms above",
    )
    record(
        "import hypothesis, this package installed",
        f"{times['hook'] * 1000:.0f} ms for the package's entry point",
        "the same import without it",
        "<= 40 ms above",
    )


def commands() -> None:
    """The commands as whole processes, each as a ratio to its plain-json baseline (cli.py)."""
    targets = {"check --format json": "<= 2.5x", "classify": "<= 2x"}
    for name, seconds, ratio in cli_figures():
        if name.startswith("baseline"):
            continue
        target = next((t for key, t in targets.items() if name.startswith(key)), "-")
        record(name, f"{seconds:.2f} s ({ratio:.1f}x)", "json.load + json.dumps process", target)


def main() -> None:
    print(f"valuing-involvement {valuing_involvement.__version__}, Python {sys.version.split()[0]}")
    for step in (import_time, load_and_dump, classify, check, assess, commands):
        step()
    print("\n| figure | result | baseline (same run) | target |\n|---|---|---|---|")
    for row in ROWS:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

"""What remembering grant ids costs: a plain dict against ``FirstSeen``, which spills to disk.

Adds N distinct ids (as ``VI604`` sees a national file: each id looked up, then added) to a
dict and to the store with its default bound, and prints microseconds per id.  The store's
memory stays at its bound; the dict's grows with N.

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/seen_store.py --ids 1000000
"""

from __future__ import annotations

import argparse
import time

from valuing_involvement._seen import FirstSeen


def _dict(ids: list[str]) -> float:
    start = time.perf_counter()
    seen: dict[str, int] = {}
    for index, key in enumerate(ids):
        seen.get(key)
        seen.setdefault(key, index)
    return time.perf_counter() - start


def _store(ids: list[str]) -> float:
    start = time.perf_counter()
    with FirstSeen[int]() as seen:
        for index, key in enumerate(ids):
            seen.get(key)
            seen.add(key, index)
    return time.perf_counter() - start


def main() -> None:
    """Time both on the same ids and print one Markdown row each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=1_000_000)
    args = parser.parse_args()
    ids = [f"360G-bench-{index}" for index in range(args.ids)]
    for name, timed in (("dict", _dict), ("FirstSeen", _store)):
        seconds = timed(ids)
        print(f"| {args.ids:,} | {name} | {seconds:.1f} s | {seconds / args.ids * 1e6:.1f} us/id |")


if __name__ == "__main__":
    main()

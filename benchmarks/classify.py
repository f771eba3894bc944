"""Time classify_group and JSON loading on deterministically generated groups.

Run: python benchmarks/classify.py [N]   (default N = 100000)
"""

from __future__ import annotations

import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable

from valuing_involvement import (
    Constituency,
    DecisionBody,
    Domain,
    Group,
    Member,
    Role,
    classify_group,
    from_json,
    to_json,
)

SEATS = [
    Member(roles=[Role.SERVICE_USER]),
    Member(roles=[Role.CARER]),
    Member(roles=[Role.SERVICE_USER, Role.CARER]),
    Member(paid=True),
    Member(),
    Member(roles=[Role.SERVICE_USER], associate=True),
    Member(voting=False),
]
DOMAIN_SETS = [frozenset(Domain), frozenset({Domain.PERSONNEL, Domain.POLICY}), frozenset()]


def make_groups(n: int, seed: int = 2007) -> list[Group]:
    rng = random.Random(seed)
    return [
        Group(
            name=f"Group {i}",
            constituency=rng.choice(list(Constituency)),
            decision_body=DecisionBody(members=rng.choices(SEATS, k=rng.randint(3, 15))),
            controls=rng.choice(DOMAIN_SETS),
        )
        for i in range(n)
    ]


def median_seconds(action: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load_times(text: str, cls: object) -> tuple[float, float]:
    """Median seconds of from_json and of json.loads on ``text``, the collector off for both."""
    gc.disable()
    try:
        return median_seconds(lambda: from_json(text, cls)), median_seconds(
            lambda: json.loads(text)
        )
    finally:
        gc.enable()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    groups = make_groups(n)
    seconds = median_seconds(lambda: [classify_group(g) for g in groups])
    print(
        f"classify_group: {n:,} groups in {seconds:.3f} s "
        f"({n / seconds:,.0f} groups/s, {seconds / n * 1e6:.2f} us/group)"
    )

    text = to_json(groups)
    load, baseline = load_times(text, list[Group])
    print(
        f"from_json: {n:,} groups in {load:.3f} s; json.loads {baseline:.3f} s "
        f"({load / baseline:.1f}x)"
    )
    dump = median_seconds(lambda: to_json(groups))
    print(f"to_json: {n:,} groups in {dump:.3f} s")


if __name__ == "__main__":
    main()

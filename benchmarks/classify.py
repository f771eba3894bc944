"""Time classify_group and JSON loading on deterministically generated groups.

Run: python benchmarks/classify.py [N]   (default N = 100000)
"""

from __future__ import annotations

import random
import sys

from timing import load_times, median_seconds

from valuing_involvement import (
    Constituency,
    DecisionBody,
    Domain,
    Group,
    Member,
    Role,
    classify_group,
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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    groups = make_groups(n)
    seconds = median_seconds(lambda: [classify_group(g) for g in groups])
    print(
        f"classify_group: {n:,} groups in {seconds:.3f} s "
        f"({n / seconds:,.0f} groups/s, {seconds / n * 1e6:.2f} us/group)"
    )

    document = to_json(groups).encode()
    load, baseline = load_times(document, list[Group])
    print(
        f"from_json: {n:,} groups in {load:.3f} s; json.loads {baseline:.3f} s "
        f"({load / baseline:.1f}x)"
    )
    dump = median_seconds(lambda: to_json(groups))
    print(f"to_json: {n:,} groups in {dump:.3f} s")


if __name__ == "__main__":
    main()

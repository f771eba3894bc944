"""Time assess_portfolio on a generated portfolio of N groups and N agreements.

Run: python benchmarks/assess.py [N]   (default N = 1000)
"""

from __future__ import annotations

import statistics
import sys
import time

import attrs
from check import make_contracts
from classify import make_groups

from valuing_involvement import assess_portfolio, example_portfolio


def make_portfolio(n: int):  # noqa: ANN201 -- a Portfolio
    base = example_portfolio()
    groups = [
        attrs.evolve(group, reference=f"G{i}", communities=[("Bangladeshi", "young people")[i % 2]])
        for i, group in enumerate(make_groups(n))
    ]
    contracts = [
        attrs.evolve(contract, group=None, group_reference=f"G{i}", waivers=())
        for i, contract in enumerate(make_contracts(n))
    ]
    return attrs.evolve(base, groups=groups, contracts=contracts)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    portfolio = make_portfolio(n)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        assessment = assess_portfolio(portfolio)
        times.append(time.perf_counter() - start)
    print(
        f"assess_portfolio: {n:,} groups and {n:,} agreements in "
        f"{statistics.median(times) * 1000:.0f} ms (median of 5); "
        f"{len(assessment.findings):,} findings"
    )


if __name__ == "__main__":
    main()

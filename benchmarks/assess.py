"""Time assess_portfolio against checking the same agreements with their groups, at two sizes.

Run: python benchmarks/assess.py [N]   (default N = 1000; also times N // 10, for linearity)

The portfolio holds N groups and N agreements, each agreement naming its group by reference.
The baseline is ``check_contracts`` on the same agreements, each holding its group, on the same
date: the agreement rules an assessment runs anyway.  The two are timed interleaved (see
timing.py), so the ratio holds on a noisy machine.  The issue's targets: assessment at most
1.5x the checks, and linear in N (the time per agreement the same at both sizes).
"""

from __future__ import annotations

import sys

import attrs
from check import make_contracts
from classify import make_groups
from timing import interleaved

from valuing_involvement import assess_portfolio, check_contracts, example_portfolio


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


def figures(n: int, repeats: int = 7) -> dict[str, float]:
    """Median seconds of the assessment and of its baseline checks, for N agreements."""
    portfolio = make_portfolio(n)
    on = min(c.period.start for c in portfolio.contracts)
    with_groups = [attrs.evolve(c, group=portfolio.group_of(c)) for c in portfolio.contracts]
    return interleaved(
        {
            "assess": lambda: assess_portfolio(portfolio, on=on),
            "check": lambda: check_contracts(with_groups, on=on),
        },
        repeats,
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    for size in (n // 10, n):
        medians = figures(size)
        assess, check = medians["assess"], medians["check"]
        print(
            f"{size:,} agreements: assess_portfolio {assess * 1000:.0f} ms "
            f"({assess / size * 1e6:.0f} us an agreement), check_contracts with groups "
            f"{check * 1000:.0f} ms: {assess / check:.2f}x"
        )


if __name__ == "__main__":
    main()

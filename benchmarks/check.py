"""Time check_contracts (one batch, whole catalogue) on deterministically generated agreements.

Run: python benchmarks/check.py [N]   (default N = 100000)

Agreements are variations of the bundled examples, drawn with a seeded random generator so
every run checks the same inputs; each holds its group, so the group rules run too.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from collections import Counter
from decimal import Decimal

import attrs

from valuing_involvement import (
    Activity,
    FundingPeriod,
    GroupPart,
    Kpi,
    KpiKind,
    ReportingFrequency,
    Term,
    check_contracts,
    example_contracts,
)


def make_contracts(n: int, seed: int = 2007) -> list:
    rng = random.Random(seed)
    bases = example_contracts()
    kpi_pool = [
        Kpi(description=f"Indicator {i}", kind=kind, agreed_with_group=agreed, supported=agreed)
        for i, (kind, agreed) in enumerate((k, a) for k in KpiKind for a in (True, False))
    ]
    return [
        attrs.evolve(
            rng.choice(bases),
            reference=f"REF-{i}",
            amount_per_year=Decimal(rng.randrange(5_000, 90_000)),
            period=FundingPeriod.from_months(
                dt.date(2006 + rng.randrange(4), rng.randrange(1, 13), 1),
                rng.choice((6, 12, 24, 36)),
            ),
            reporting=rng.choice(list(ReportingFrequency)),
            monitoring=rng.choice([None, *GroupPart]),
            overheads_funded=rng.choice((None, True, False)),
            roles_bought=rng.sample(list(Activity), rng.randrange(1, 4)),
            kpis=rng.sample(kpi_pool, rng.randrange(0, 6)),
            terms=rng.sample(list(Term), rng.randrange(0, len(Term) + 1)),
        )
        for i in range(n)
    ]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    contracts = make_contracts(n)
    times = []
    findings: Counter[str] = Counter()
    for _ in range(5):
        start = time.perf_counter()
        reports = check_contracts(contracts)
        times.append(time.perf_counter() - start)
    for report in reports:
        findings.update(f.severity.value for f in report.findings)
    seconds = statistics.median(times)
    print(
        f"check_contracts: {n:,} agreements in {seconds:.2f} s "
        f"({n / seconds:,.0f} agreements/s, {seconds / n * 1e6:.1f} us each); "
        f"findings: {dict(findings)}"
    )


if __name__ == "__main__":
    main()

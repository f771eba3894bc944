"""The grant schema check: jsonschema against the compiled pre-pass VI603 runs first.

Usage: ``PYTHONPATH=src python benchmarks/threesixty_validators.py [FILE]`` (default: the
GrantNav test data in /work/shared).  Prints grants a second for jsonschema
(``grant_validator``, which lists every problem), for the compiled pre-pass
(``grant_prefilter``: fastjsonschema, yes or no) and for VI603 as it runs (the pre-pass, then
jsonschema for a grant it refuses), on the valid grants and on a copy with two errors a
grant; and whether the two validators agree on which grants are valid.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from valuing_involvement._standard360 import grant_prefilter, grant_validator

SAMPLE = Path("/work/shared/standards/360giving/samples/lloyds-bank-foundation-test-data.json")


def main() -> None:
    """Time both validators, and both together, over every grant of the file and a broken copy."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    grants = json.loads(path.read_text(encoding="utf-8"))["grants"]
    # The GrantNav test data writes fromOpenCall "Y"/"N", which the schema refuses: repaired
    # here (about half its grants stay invalid: recipient urls without a scheme).
    grants = [
        dict(g, fromOpenCall={"Y": "Yes", "N": "No"}.get(g["fromOpenCall"], g["fromOpenCall"]))
        if "fromOpenCall" in g
        else g
        for g in grants
    ]
    broken = [
        dict(g, amountAwarded=str(g["amountAwarded"]), awardDate="14/03/2007") for g in grants
    ]
    slow = grant_validator()
    fast = grant_prefilter()
    if fast is None:
        sys.exit("fastjsonschema is not installed (the stream extra)")

    def rate(check: object, data: list[dict[str, object]]) -> tuple[float, list[bool]]:
        started = time.perf_counter()
        verdicts = [check(g) for g in data]  # type: ignore[operator]
        return len(data) / (time.perf_counter() - started), verdicts

    def listed(grant: object) -> bool:
        return not any(True for _ in slow.iter_errors(grant))

    def both(grant: object) -> bool:
        return fast(grant) or listed(grant)

    for name, data in (("as published", grants), ("broken", broken)):
        slow_rate, slow_ok = rate(listed, data)
        fast_rate, fast_ok = rate(fast, data)
        both_rate, _ = rate(both, data)
        print(
            f"{name}: {len(data):,} grants, {sum(slow_ok):,} valid; jsonschema {slow_rate:,.0f}/s, "
            f"pre-pass {fast_rate:,.0f}/s, VI603 as run {both_rate:,.0f}/s; "
            f"same verdicts: {slow_ok == fast_ok}"
        )


if __name__ == "__main__":
    main()

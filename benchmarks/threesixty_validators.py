"""The grant schema check: jsonschema (what VI603 uses) against fastjsonschema, same grants.

Usage: ``PYTHONPATH=src python benchmarks/threesixty_validators.py [FILE]`` (default: the
GrantNav test data in /work/shared).  Prints grants a second for each validator, and whether
they agree on which grants are invalid.  fastjsonschema stops at a grant's first error and
gives no path to the others, so it cannot report the same problems as VI603; jsonschema is
kept (see benchmarks/README.md).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import fastjsonschema

from valuing_involvement._standard360 import _inline, _read, grant_validator

SAMPLE = Path("/work/shared/standards/360giving/samples/lloyds-bank-foundation-test-data.json")


def main() -> None:
    """Time both validators over every grant of the file, twice over a broken copy."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    grants = json.loads(path.read_text(encoding="utf-8"))["grants"]
    broken = [
        dict(g, amountAwarded=str(g["amountAwarded"]), awardDate="14/03/2007") for g in grants
    ]
    schema = json.loads(_read("360-giving-schema.json"))
    schema = _inline(schema, schema["$defs"])
    slow = grant_validator()
    fast = fastjsonschema.compile(schema, formats={})

    def fast_ok(grant: object) -> bool:
        try:
            fast(grant)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    for name, data in (("valid", grants), ("broken", broken)):
        started = time.perf_counter()
        slow_ok = [not list(slow.iter_errors(g)) for g in data]
        slow_s = time.perf_counter() - started
        started = time.perf_counter()
        quick = [fast_ok(g) for g in data]
        fast_s = time.perf_counter() - started
        print(
            f"{name}: {len(data):,} grants; jsonschema {len(data) / slow_s:,.0f}/s, "
            f"fastjsonschema {len(data) / fast_s:,.0f}/s; same verdicts: {slow_ok == quick}"
        )


if __name__ == "__main__":
    main()

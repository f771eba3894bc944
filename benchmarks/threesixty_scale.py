"""360Giving at national scale: time and peak memory of ``import-360giving`` and ``quality``.

Generates a package of N grants with a seeded generator (in the shape of the GrantNav test
data: full planned dates, a recipient with a charity number, a location, a classification),
then runs, each in its own process and measured by ``/usr/bin/time``:

* the baseline: a plain ``json.load`` + ``json.dump`` of the same file;
* ``valuing-involvement import-360giving FILE`` (agreements to stdout, sent to /dev/null);
* ``valuing-involvement quality FILE --on 2021-04-07``.

Usage (from the repository root; the files are written to --dir, never committed)::

    PYTHONPATH=src python benchmarks/threesixty_scale.py --grants 100000 --dir /tmp/bench360
    PYTHONPATH=src python benchmarks/threesixty_scale.py --grants 1000000 --only import

It prints one Markdown table row per command: seconds, peak resident memory, the ratio to
the baseline's time, then the CPU seconds (user and system) and their ratio.  Run it once per
size, not in a loop: the machine is shared.

``--stages`` prints instead where the import's time goes, in this process: the seconds to
parse the grants (ijson), then each stage added on top -- reading the grants' fields, building
the agreements, writing them as JSON -- and the baseline's, per grant::

    PYTHONPATH=src python benchmarks/threesixty_scale.py --grants 20000 --stages
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

_WORDS = [
    "peer",
    "support",
    "group",
    "mental",
    "health",
    "carers",
    "service",
    "users",
    "advocacy",
    "training",
    "wellbeing",
    "recovery",
    "community",
    "project",
    "volunteers",
    "befriending",
    "crisis",
    "young",
    "people",
    "older",
    "art",
    "drama",
    "employment",
    "housing",
    "debt",
    "advice",
    "counselling",
    "outreach",
]
_PLACES = (("Lowmoor", "E06000001"), ("Highfield", "E07000026"), ("Rivermouth", "E08000001"))


def _grant(rng: random.Random, index: int) -> dict[str, object]:
    start_year = rng.randint(2008, 2020)
    months = rng.choice((6, 12, 12, 24, 36, 36, 60))
    start = f"{start_year}-{rng.randint(1, 12):02d}-01"
    end_month = (int(start[5:7]) - 1 + months) % 12
    end_year = start_year + (int(start[5:7]) - 1 + months) // 12
    end = f"{end_year}-{end_month + 1:02d}-01"
    place, code = rng.choice(_PLACES)
    amount = rng.choice((rng.randint(500, 250_000), round(rng.uniform(500, 90_000), 2)))
    return {
        "id": f"360G-bench-{index}",
        "title": " ".join(rng.choices(_WORDS, k=rng.randint(2, 6))).capitalize(),
        "description": " ".join(rng.choices(_WORDS, k=rng.randint(8, 40))).capitalize() + ".",
        "currency": "GBP",
        "amountAwarded": amount,
        "awardDate": f"{start_year - 1}-{rng.randint(1, 12):02d}-15T00:00:00+00:00",
        "plannedDates": [{"startDate": start, "endDate": end, "duration": months}],
        "recipientOrganization": [
            {
                "id": f"GB-CHC-{rng.randint(200_000, 1_190_000)}",
                "name": " ".join(rng.choices(_WORDS, k=3)).title(),
                "charityNumber": str(rng.randint(200_000, 1_190_000)),
                "postalCode": "LM1 2AB",
            }
        ],
        "fundingOrganization": [{"id": "GB-CHC-327114", "name": "A Bench Foundation"}],
        "grantProgramme": [{"code": "open", "title": "Open Programme"}],
        "beneficiaryLocation": [{"name": place, "geoCode": code, "geoCodeType": "UA"}],
        "dateModified": "2021-04-07T09:00:00+00:00",
        "dataSource": "https://example.org/grants",
    }


def generate(count: int, path: Path, seed: int = 360) -> None:
    """Write a package of ``count`` grants to ``path``, grant by grant (flat memory)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"version": "1.4", "grants": [\n')
        for index in range(count):
            out.write(("" if index == 0 else ",\n") + json.dumps(_grant(rng, index)))
        out.write("\n]}\n")


def measure(command: list[str]) -> tuple[float, int, float]:
    """Seconds, peak resident kilobytes and CPU seconds of ``command``, output to /dev/null.

    The CPU seconds (user and system) move less than the wall seconds on a shared machine.
    """
    with tempfile.NamedTemporaryFile("r") as timing:
        full = ["/usr/bin/time", "-f", "%e %M %U %S", "-o", timing.name, *command]
        with open(os.devnull, "w") as null:  # noqa: PTH123
            subprocess.run(full, stdout=null, stderr=null, check=False)
        seconds, kilobytes, user, system = timing.read().split()[-4:]
    return float(seconds), int(kilobytes), float(user) + float(system)


def _timed(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def stages(path: Path, count: int) -> None:
    """Print the CPU seconds of each stage of the import, each added to the ones before."""
    from valuing_involvement.serialization import to_json  # noqa: PLC0415 -- after argparse
    from valuing_involvement.threesixty import _import, iter_grants  # noqa: PLC0415

    def read() -> Iterable[_import.ImportedGrant]:
        return (_import._read(grant, (), []) for grant in iter_grants(path))  # noqa: SLF001

    def drain(items: Iterable[object]) -> None:
        for _ in items:
            pass

    totals = {
        "parse": _timed(lambda: drain(iter_grants(path))),
        "read": _timed(lambda: drain(read())),
        "build": _timed(lambda: drain(grant.to_contract() for grant in read())),
        "write": _timed(
            lambda: drain(to_json(contract) for g in read() if (contract := g.to_contract()))
        ),
    }
    with path.open() as file:
        baseline = _timed(lambda: json.dumps(json.load(file)))
    before = 0.0
    for name, total in totals.items():
        each = (total - before) / count * 1e6
        print(f"| {name} | {total - before:.2f} s | {each:.1f} µs a grant |")
        before = total
    print(f"| import, all stages | {before:.2f} s | {before / count * 1e6:.1f} µs a grant |")
    print(
        f"| json.load + json.dumps | {baseline:.2f} s | {baseline / count * 1e6:.1f} µs a grant |"
    )


def main() -> None:
    """Generate the file, run each command once and print the table rows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grants", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "bench360")
    parser.add_argument("--only", choices=("import", "quality"), action="append")
    parser.add_argument("--stages", action="store_true", help="time the import's stages")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"grants-{args.grants}.json"
    if not path.exists():
        generate(args.grants, path)
    if args.stages:
        stages(path, args.grants)
        return
    python = sys.executable
    baseline = [
        python,
        "-c",
        f"import json; json.dump(json.load(open({str(path)!r})), open('/dev/null', 'w'))",
    ]
    commands = {
        "import": [python, "-m", "valuing_involvement", "import-360giving", str(path)],
        "quality": [
            python,
            "-m",
            "valuing_involvement",
            "quality",
            str(path),
            "--on",
            "2021-04-07",
        ],
    }
    base_seconds, base_kb, base_cpu = measure(baseline)
    size = f"{base_kb / 1024:.0f} MB"
    row = f"| {args.grants:,} | json.load + json.dump | {base_seconds:.1f} s | {size} | 1.0x |"
    print(f"{row} {base_cpu:.1f} s CPU | 1.0x |")
    for name in args.only or ("import", "quality"):
        seconds, kilobytes, cpu = measure(commands[name])
        ratio = seconds / base_seconds if base_seconds else float("nan")
        cpu_ratio = cpu / base_cpu if base_cpu else float("nan")
        size = f"{kilobytes / 1024:.0f} MB"
        row = f"| {args.grants:,} | {name} | {seconds:.1f} s | {size} | {ratio:.2f}x |"
        print(f"{row} {cpu:.1f} s CPU | {cpu_ratio:.2f}x |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Time the imports: the package's own, and what it adds to ``import hypothesis``.

Run: python benchmarks/imports.py [REPEATS]   (default 21)

Hypothesis runs this package's entry point (``testing/_register.py``) whenever it is imported,
in every test suite on a machine with the package installed; the issue's limit is 40 ms above
hypothesis without it.  Each repetition is a new process that imports hypothesis with
``HYPOTHESIS_NO_PLUGINS=1``, runs every other entry point (another package's, such as trio's),
then times, inside the process, loading and running this one: exactly what the package adds,
without the noise of timing whole processes that each take a second on a busy machine.  The
package's own import is timed as whole processes, interleaved with ``python -c pass`` (see
timing.py).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from timing import interleaved

SRC = str(Path(__file__).resolve().parent.parent / "src")

#: Import hypothesis without its entry points, run the others, then time ours.
_HOOK = """
import os, time
os.environ["HYPOTHESIS_NO_PLUGINS"] = "1"
import hypothesis
from importlib.metadata import entry_points
ours = [e for e in entry_points(group="hypothesis") if e.value.startswith("valuing_involvement")]
for e in entry_points(group="hypothesis"):
    if e not in ours:
        e.load()()
start = time.perf_counter()
for e in ours:
    e.load()()
print(time.perf_counter() - start)
"""


def _env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, (SRC, os.environ.get("PYTHONPATH"))))
    return {**os.environ, "PYTHONPATH": path}


def _process(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, env=_env(), capture_output=True, text=True
    )
    return done.stdout


def hook_seconds(repeats: int = 21) -> float:
    """Median seconds the entry point adds to ``import hypothesis``, each run a new process."""
    return statistics.median(float(_process(_HOOK)) for _ in range(repeats))


def figures(repeats: int = 21) -> dict[str, float]:
    """Median seconds: python -c pass, the package's import, and the hypothesis entry point."""
    times = interleaved(
        {
            "pass": lambda: _process("pass"),
            "package": lambda: _process("import valuing_involvement"),
        },
        repeats,
    )
    times["hook"] = hook_seconds(repeats)
    return times


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    times = figures(repeats)
    print(
        f"import valuing_involvement: {(times['package'] - times['pass']) * 1000:.0f} ms above "
        f"python -c pass ({times['pass'] * 1000:.0f} ms)"
    )
    print(f"import hypothesis: {times['hook'] * 1000:.1f} ms for this package's entry point")


if __name__ == "__main__":
    main()

"""Timing helpers shared by the benchmark scripts.

The project machine is shared and noisy: the same code can run 30% slower from one minute to
the next.  Figures that are compared with each other (a load and its ``json.loads`` baseline,
the classification at three sizes) are therefore timed *interleaved*: each repetition runs
every action once, in turn, so a slow spell slows all of them alike, and the median of each
is reported.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable, Mapping

from valuing_involvement import from_json


def median_seconds(action: Callable[[], object], repeats: int = 5) -> float:
    """Median wall time of ``action`` over ``repeats`` runs."""
    return interleaved({"action": action}, repeats)["action"]


def interleaved(actions: Mapping[str, Callable[[], object]], repeats: int = 7) -> dict[str, float]:
    """Median wall time of each action, the actions run in turn within every repetition."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeats):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def load_times(document: bytes, cls: object) -> tuple[float, float]:
    """Median seconds of from_json and of json.loads on the same bytes, the collector off."""
    gc.disable()
    try:
        medians = interleaved(
            {"load": lambda: from_json(document, cls), "json": lambda: json.loads(document)}
        )
    finally:
        gc.enable()
    return medians["load"], medians["json"]

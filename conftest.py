"""Test configuration for tests/, the doctests in src/ and the examples in docs/.

Hypothesis profiles: ``HYPOTHESIS_PROFILE=ci`` runs more examples than a quick local run, and
the same ones on every run.
Charts draw with matplotlib's headless Agg backend.
"""

import os

from hypothesis import HealthCheck, settings

os.environ.setdefault("MPLBACKEND", "Agg")

settings.register_profile("dev", max_examples=100)
# CI draws the same examples on every run, so a red build always means a real failure that
# reproduces; local runs ("dev") stay random to keep exploring.
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# A quick look, for a busy machine: few examples, and no complaint when drawing them is slow.
settings.register_profile(
    "quick", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

"""Test configuration for tests/, the doctests in src/ and the examples in docs/.

Hypothesis profiles: ``HYPOTHESIS_PROFILE=ci`` runs more examples than a quick local run, and
the same ones on every run.
``HYPOTHESIS_PROFILE=quick`` runs few, for a fast pass on a second Python.
Charts draw with matplotlib's headless Agg backend.
The entry point registers the models for ``st.from_type``; this suite also round-trips the
library's results, which the entry point leaves out to keep ``import hypothesis`` light.
"""

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from valuing_involvement import Assessment, Report
from valuing_involvement.testing import strategies

os.environ.setdefault("MPLBACKEND", "Agg")

# No profile times the tests: a deadline or the too-slow health check is a timed assertion, which
# fails by chance on a loaded machine; speed is measured in benchmarks/ instead.
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI draws the same examples on every run, so a red build always means a real failure that
# reproduces; local runs ("dev") stay random to keep exploring.
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# A fast pass, for CI's second and third Python: few examples, the same ones each run.
settings.register_profile(
    "quick",
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

st.register_type_strategy(Report, lambda _: strategies.reports())
st.register_type_strategy(Assessment, lambda _: strategies.assessments())

"""A pytest plugin for mutation runs: registers the ``mutation`` hypothesis profile.

Loaded with ``-p hypothesis_profile`` before the root conftest.py, which then loads the profile
named by ``HYPOTHESIS_PROFILE``.  Few examples keep a run to minutes; derandomized, with no
deadline (other work shares the machine) and no database, so every mutant meets the same examples.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

"""Example counts for expensive properties: a share of the loaded profile's, never a fixed number.

A property that assesses, exports or runs a command on a whole generated portfolio costs a
hundred times one that builds a group. It draws a share of the profile's examples, so the
``quick`` profile stays quick and ``ci`` still scales it.
"""

from hypothesis import settings


def share(fraction, *, least=5):
    """``fraction`` of the profile's ``max_examples``, and never fewer than ``least``."""
    return max(least, round(settings.default.max_examples * fraction))

"""Which agreement of a portfolio a finding falls on, read from its path (private).

An assessment's findings point into the portfolio document: those about one agreement under
``$.contracts[i]``, the rest elsewhere.  The scorecard, the rule statistics and the comparison
of two scenarios all tell them apart this way.
"""

from __future__ import annotations

import re

__all__ = ["AGREEMENT", "WHOLE", "agreement_of"]

#: A path inside one agreement of a portfolio; group 1 is its index.
AGREEMENT = re.compile(r"\$\.contracts\[(\d+)\]")
#: The subject of every finding that is not about one agreement of a portfolio.
WHOLE = "$"


def agreement_of(path: str) -> str:
    """The agreement a finding's path falls on (``$.contracts[i]``), or :data:`WHOLE`.

    >>> agreement_of("$.contracts[3].period"), agreement_of("$.strategy")
    ('$.contracts[3]', '$')
    """
    match = AGREEMENT.match(path)
    return match.group(0) if match else WHOLE

"""The code series as data: each series' module, whether it scores, its retired codes.

A rule's code is ``VI`` and three digits; its series is the prefix that names the module it
lives in (``VI4`` -> ``agreement``).  Nothing reads a code's digits: the series a code
belongs to is the entry of :data:`SERIES` whose prefix it starts with, as ruff's code table
maps each code to its linter.  A code is never reused: a series lists the codes it retired,
and :data:`RESERVED_CODE` is never any rule's, so tests and examples use it for "no such rule".

>>> series_of("VI407").module, series_of("VI407").guideline
('agreement', 'G4')
>>> series_of("VI602").retired["VI602"]
'VI613'
>>> series_of(RESERVED_CODE) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["RESERVED_CODE", "SERIES", "Series", "series_of"]

#: A well-formed code that no rule may take and no prefix of a rule matches: "no such rule".
RESERVED_CODE = "VI000"


@attrs.frozen(kw_only=True)
class Series:
    """One code series: its prefix, module, what it covers and where it scores.

    ``guideline`` is the guideline whose rules the series holds; the series counts on the
    scorecard when it has one.  ``retired`` maps each code taken out of the catalogue to the
    code that now does its work (or ``None``).
    """

    prefix: str
    module: str
    covers: str
    guideline: str | None = None
    retired: Mapping[str, str | None] = attrs.field(factory=dict)

    @property
    def scored(self) -> bool:
        """Whether the series' rules count on the scorecard (a guideline series)."""
        return self.guideline is not None


#: Every series, in code order.
SERIES: tuple[Series, ...] = (
    Series(prefix="VI0", module="waivers", covers="waivers written into the agreement itself"),
    Series(
        prefix="VI1",
        module="definition",
        covers="the working definition and run/led groups",
        guideline="G1",
    ),
    Series(
        prefix="VI2",
        module="objectives",
        covers="strategy and objectives",
        guideline="G2",
    ),
    Series(
        prefix="VI3",
        module="continuity",
        covers="continuity, full cost and diversity of funding",
        guideline="G3",
    ),
    Series(
        prefix="VI4",
        module="agreement",
        covers="the written agreement and what it asks",
        guideline="G4",
    ),
    Series(
        prefix="VI5",
        module="involvement",
        covers="involvement in commissioning",
        guideline="G5",
    ),
    Series(
        prefix="VI6",
        module="quality",
        covers="data quality of published 360Giving grants (the standard)",
        retired={"VI602": "VI613"},
    ),
)


def series_of(code: str) -> Series | None:
    """Return the series ``code`` belongs to, or ``None`` for a code of no series.

    >>> series_of("VI101").prefix, series_of("VI999")
    ('VI1', None)
    """
    if code == RESERVED_CODE:
        return None
    return next((s for s in SERIES if code.startswith(s.prefix)), None)

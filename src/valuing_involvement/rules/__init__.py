"""The rule catalogue and the engine that runs it.

The engine -- :class:`Severity`, :class:`Finding`, :class:`Rule` and its :func:`rule`
decorator, :class:`Registry` and :func:`run` -- lives in ``_kernel``, and the contexts a check
reads in ``_contexts``.  The rules themselves live in **one module per code series**, whatever
they check; each rule's :class:`Subject` says what that is.  The series are data
(``_codes.SERIES``): each names its module, and the catalogue below is collected from those
modules, rules and parameters alike:

=========  ==================  =============================================================
series     module              what it covers
=========  ==================  =============================================================
``VI0xx``  ``waivers``         waivers written into the agreement itself
``VI1xx``  ``definition``      the working definition and run/led groups (``G1``)
``VI2xx``  ``objectives``      strategy and objectives (``G1(a)``, ``G2``)
``VI3xx``  ``continuity``      continuity, full cost and diversity of funding (``G3``)
``VI4xx``  ``agreement``       the written agreement and what it asks (``G4``)
``VI5xx``  ``involvement``     involvement in commissioning (``G5``)
``VI6xx``  ``quality``         data quality of published 360Giving grants (the standard)
=========  ==================  =============================================================

A code is never reused, and ``RESERVED_CODE`` is no rule's.  To add a rule, see
``CONTRIBUTING.md``.

>>> [(s.prefix, s.module) for s in SERIES][:2]
[('VI0', 'waivers'), ('VI1', 'definition')]
>>> RULES["VI301"].citations
('G3(d)', '§2.12')
>>> [rule.code for rule in RULES.matching("VI10")]
['VI101', 'VI102', 'VI103', 'VI104', 'VI105']
>>> RULES.version == RULESET_VERSION
True
"""

import importlib
from typing import Any

from valuing_involvement.rules._codes import RESERVED_CODE, SERIES, Series, series_of
from valuing_involvement.rules._contexts import Context, GrantContext, PortfolioContext
from valuing_involvement.rules._kernel import (
    Evidence,
    Finding,
    Hit,
    Modality,
    Origin,
    Parameter,
    ParameterValue,
    Registry,
    Rule,
    Severity,
    Subject,
    WaiverRecord,
    rule,
    run,
    unjudged,
)

__all__ = [
    "RESERVED_CODE",
    "RULES",
    "RULESET_VERSION",
    "SERIES",
    "Context",
    "Evidence",
    "Finding",
    "GrantContext",
    "Hit",
    "Modality",
    "Origin",
    "Parameter",
    "ParameterValue",
    "PortfolioContext",
    "Registry",
    "Rule",
    "Series",
    "Severity",
    "Subject",
    "WaiverRecord",
    "rule",
    "run",
    "series_of",
    "unjudged",
]

#: The version of the catalogue's behaviour; it changes whenever a rule's meaning changes.
RULESET_VERSION = "2026.11"


def _collect(
    series: tuple[Series, ...],
) -> tuple[tuple[Rule[Any], ...], tuple[Parameter, ...]]:
    """Gather every series module's rules and parameters, checking that each code is live."""
    rules: list[Rule[Any]] = []
    parameters: list[Parameter] = []
    for entry in series:
        module = importlib.import_module(f"{__name__}.{entry.module}")
        for item in module.RULES:
            if series_of(item.code) is not entry or item.code in entry.retired:
                raise ValueError(
                    f"{item.code} is not a live code of series {entry.prefix} "
                    f"({entry.module}); see rules/_codes.py"
                )
            rules.append(item)
        parameters.extend(getattr(module, "PARAMETERS", ()))
    return tuple(rules), tuple(parameters)


_RULES, _PARAMETERS = _collect(SERIES)

#: The catalogue, in code order: every series module's rules and parameters.
RULES = Registry(version=RULESET_VERSION, rules=_RULES, parameters=_PARAMETERS)

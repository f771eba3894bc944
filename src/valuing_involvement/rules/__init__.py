"""The rule catalogue and the engine that runs it.

The engine -- :class:`Severity`, :class:`Finding`, :class:`Rule` and its :func:`rule`
decorator, :class:`Registry` and :func:`run` -- lives in ``_kernel``, and the contexts a check
reads in ``_contexts``.  The rules themselves live in **one module per code series**, whatever
they check; each rule's :class:`Subject` says what that is:

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

A code is never reused.  To add a rule, see ``CONTRIBUTING.md``.

>>> RULES["VI301"].citations
('G3(d)', '§2.12')
>>> [rule.code for rule in RULES.matching("VI10")]
['VI101', 'VI102', 'VI103', 'VI104', 'VI105']
>>> RULES.version == RULESET_VERSION
True
"""

from valuing_involvement.rules import (
    agreement,
    continuity,
    definition,
    involvement,
    objectives,
    quality,
    waivers,
)
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
    rule,
    run,
)

__all__ = [
    "RULES",
    "RULESET_VERSION",
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
    "Severity",
    "Subject",
    "rule",
    "run",
]

#: The version of the catalogue's behaviour; it changes whenever a rule's meaning changes.
RULESET_VERSION = "2026.11"

#: The catalogue, in code order.
RULES = Registry(
    version=RULESET_VERSION,
    rules=(
        *waivers.RULES,
        *definition.RULES,
        *objectives.RULES,
        *continuity.RULES,
        *agreement.RULES,
        *involvement.RULES,
        *quality.RULES,
    ),
    parameters=(*continuity.PARAMETERS, *agreement.PARAMETERS),
)

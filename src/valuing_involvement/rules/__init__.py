"""The rule catalogue: every guideline and finding that can be checked on an agreement.

Each rule is data -- a stable code never reused, a kebab-case name, a default severity, the
paragraphs it cites, why it matters and what to do -- with a pure check function.  Codes are
grouped by guideline: ``VI1xx`` the definition (``G1``), ``VI2xx`` objectives (``G2``),
``VI3xx`` funding and diversity (``G3``), ``VI4xx`` the agreement (``G4``), ``VI5xx``
involvement (``G5``) and ``VI0xx`` the agreement's own waivers.  Commissioner, strategy and
portfolio rules share the series of their guideline; a rule's ``subject`` says what it reads.

>>> RULES["VI301"].citations
('G3(d)', '§2.12')
>>> [rule.code for rule in RULES.matching("VI10")]
['VI101', 'VI102', 'VI103']
"""

from valuing_involvement.rules import (
    agreement,
    commissioning,
    definition,
    involvement,
    objectives,
    sustainability,
    waivers,
)
from valuing_involvement.rules._model import (
    Context,
    Evidence,
    Hit,
    Parameter,
    ParameterValue,
    Registry,
    Rule,
    Severity,
)

__all__ = [
    "RULES",
    "RULESET_VERSION",
    "Context",
    "Evidence",
    "Hit",
    "Parameter",
    "ParameterValue",
    "Registry",
    "Rule",
    "Severity",
]

#: The version of the catalogue's behaviour; it changes whenever a rule's meaning changes.
RULESET_VERSION = "2026.11"

#: The catalogue, in code order.
RULES = Registry(
    rules=(
        *waivers.RULES,
        *definition.RULES,
        *objectives.RULES,
        *sustainability.RULES,
        *agreement.RULES,
        *involvement.RULES,
        *commissioning.RULES,
    ),
    parameters=(*sustainability.PARAMETERS, *agreement.PARAMETERS, *commissioning.PARAMETERS),
)

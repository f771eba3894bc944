"""Typed models and checkable rules for the *Valuing Involvement* commissioning guidelines.

Describe a service user or carer group by its facts, and :func:`classify_group` tells whether it
is user/carer *run*, *led* or *neither* by the Wallcraft definition (``G1(b)``, ``§2.2``), with
its reasons.  Describe the agreement that funds it, and :func:`check_contract` checks it against
the rule catalogue :data:`RULES`, each finding citing its guideline.  Every model reads and
writes JSON through :func:`from_json` and :func:`to_json`.
"""

from valuing_involvement._examples import example_contracts, example_groups
from valuing_involvement._version import __version__
from valuing_involvement.checking import InvalidPolicy, Policy, check_contract, check_contracts
from valuing_involvement.classification import Classification, Leadership, classify_group
from valuing_involvement.contracts import (
    AgreementKind,
    Contract,
    GroupPart,
    Hosting,
    Kpi,
    KpiKind,
    Representation,
    Requirement,
    Support,
    Term,
    Variation,
    VariationKind,
    Waiver,
)
from valuing_involvement.funding import (
    FinancialYear,
    FundingPeriod,
    ReportingFrequency,
    financial_year,
)
from valuing_involvement.groups import (
    Activity,
    BodyKind,
    Constituency,
    DecisionBody,
    Domain,
    Group,
    Host,
    HostKind,
    Infrastructure,
    LegalForm,
    Member,
)
from valuing_involvement.reports import Finding, Report, render_text
from valuing_involvement.roles import (
    CareLevel,
    PersonFacts,
    Relationship,
    Role,
    ServiceUse,
    derive_roles,
)
from valuing_involvement.rules import RULES, RULESET_VERSION, Parameter, Registry, Rule, Severity
from valuing_involvement.serialization import (
    InvalidDocument,
    from_data,
    from_json,
    to_data,
    to_json,
)

__all__ = [
    "RULES",
    "RULESET_VERSION",
    "Activity",
    "AgreementKind",
    "BodyKind",
    "CareLevel",
    "Classification",
    "Constituency",
    "Contract",
    "DecisionBody",
    "Domain",
    "FinancialYear",
    "Finding",
    "FundingPeriod",
    "Group",
    "GroupPart",
    "Host",
    "HostKind",
    "Hosting",
    "Infrastructure",
    "InvalidDocument",
    "InvalidPolicy",
    "Kpi",
    "KpiKind",
    "Leadership",
    "LegalForm",
    "Member",
    "Parameter",
    "PersonFacts",
    "Policy",
    "Registry",
    "Relationship",
    "Report",
    "ReportingFrequency",
    "Representation",
    "Requirement",
    "Role",
    "Rule",
    "ServiceUse",
    "Severity",
    "Support",
    "Term",
    "Variation",
    "VariationKind",
    "Waiver",
    "__version__",
    "check_contract",
    "check_contracts",
    "classify_group",
    "derive_roles",
    "example_contracts",
    "example_groups",
    "financial_year",
    "from_data",
    "from_json",
    "render_text",
    "to_data",
    "to_json",
]


def __dir__() -> list[str]:
    return __all__

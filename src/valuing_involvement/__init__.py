"""Typed models and checkable rules for the *Valuing Involvement* commissioning guidelines.

Describe a service user or carer group by its facts, and :func:`classify_group` tells whether it
is user/carer *run*, *led* or *neither* by the Wallcraft definition (``G1(b)``, ``§2.2``), with
its reasons.  Describe the agreement that funds it, and :func:`check_contract` checks it against
the rule catalogue :data:`RULES`, each finding citing its guideline.  Every model reads and
writes JSON through :func:`from_json` and :func:`to_json`.
"""

from valuing_involvement._examples import example_contracts, example_groups, example_portfolio
from valuing_involvement._version import __version__
from valuing_involvement.assessment import (
    Assessment,
    CommunityCoverage,
    Comparison,
    Metrics,
    assess_portfolio,
    compare,
)
from valuing_involvement.checking import InvalidPolicy, Policy, check_contract, check_contracts
from valuing_involvement.classification import Classification, Leadership, classify_group
from valuing_involvement.commissioners import (
    BodyType,
    Commissioner,
    CommissioningBody,
    Community,
    Coverage,
    Factor,
    Involvement,
    Objective,
    Population,
    Seat,
    Stage,
    Strategy,
)
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
from valuing_involvement.costs import Basis, Costs, apportion
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
from valuing_involvement.orgids import OrgId, OrgList
from valuing_involvement.portfolio import IndirectFunding, Portfolio
from valuing_involvement.reference import (
    FIGURES,
    Figure,
    ReferenceComparison,
    compare_to_reference,
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
from valuing_involvement.schema import json_schema
from valuing_involvement.serialization import (
    InvalidDocument,
    from_data,
    from_json,
    to_data,
    to_json,
)

__all__ = [
    "FIGURES",
    "RULES",
    "RULESET_VERSION",
    "Activity",
    "AgreementKind",
    "Assessment",
    "Basis",
    "BodyKind",
    "BodyType",
    "CareLevel",
    "Classification",
    "Commissioner",
    "CommissioningBody",
    "Community",
    "CommunityCoverage",
    "Comparison",
    "Constituency",
    "Contract",
    "Costs",
    "Coverage",
    "DecisionBody",
    "Domain",
    "Factor",
    "Figure",
    "FinancialYear",
    "Finding",
    "FundingPeriod",
    "Group",
    "GroupPart",
    "Host",
    "HostKind",
    "Hosting",
    "IndirectFunding",
    "Infrastructure",
    "InvalidDocument",
    "InvalidPolicy",
    "Involvement",
    "Kpi",
    "KpiKind",
    "Leadership",
    "LegalForm",
    "Member",
    "Metrics",
    "Objective",
    "OrgId",
    "OrgList",
    "Parameter",
    "PersonFacts",
    "Policy",
    "Population",
    "Portfolio",
    "ReferenceComparison",
    "Registry",
    "Relationship",
    "Report",
    "ReportingFrequency",
    "Representation",
    "Requirement",
    "Role",
    "Rule",
    "Seat",
    "ServiceUse",
    "Severity",
    "Stage",
    "Strategy",
    "Support",
    "Term",
    "Variation",
    "VariationKind",
    "Waiver",
    "__version__",
    "apportion",
    "assess_portfolio",
    "check_contract",
    "check_contracts",
    "classify_group",
    "compare",
    "compare_to_reference",
    "derive_roles",
    "example_contracts",
    "example_groups",
    "example_portfolio",
    "financial_year",
    "from_data",
    "from_json",
    "json_schema",
    "render_text",
    "to_data",
    "to_json",
]


def __dir__() -> list[str]:
    return __all__

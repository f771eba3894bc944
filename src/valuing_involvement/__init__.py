"""Typed models and checkable rules for the *Valuing Involvement* commissioning guidelines.

Describe a service user or carer group by its facts, and :func:`classify_group` tells whether it
is user/carer *run*, *led* or *neither* by the Wallcraft definition (``G1(b)``, ``§2.2``), with
its reasons.  Describe the agreement that funds it, and :func:`check_contract` checks it against
the rule catalogue :data:`RULES`, each finding citing its guideline.  Every model reads and
writes JSON through :func:`from_json` and :func:`to_json`.

Names are imported on first use (PEP 562), so ``import valuing_involvement`` stays fast and a
program pays only for the parts it touches.
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from valuing_involvement._version import __version__

if TYPE_CHECKING:
    from valuing_involvement._examples import example_contracts, example_groups, example_portfolio
    from valuing_involvement.assessment import Assessment, assess_portfolio, commitments
    from valuing_involvement.checking import check_contract, check_contracts
    from valuing_involvement.classification import Classification, classify_group
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
    from valuing_involvement.comparison import Comparison, compare
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
    from valuing_involvement.errors import FieldValueError, InvalidInput, Problem
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
        Leadership,
        LegalForm,
        Member,
        SeatCount,
    )
    from valuing_involvement.orgids import OrgId, OrgList
    from valuing_involvement.policy import InvalidPolicy, Policy
    from valuing_involvement.portfolio import IndirectFunding, Portfolio
    from valuing_involvement.reference import FIGURES, compare_to_reference
    from valuing_involvement.registers import (
        InvalidRegister,
        Register,
        read_register,
        write_register,
    )
    from valuing_involvement.reports import Report, render_text
    from valuing_involvement.roles import (
        CareLevel,
        PersonFacts,
        Relationship,
        Role,
        ServiceUse,
        derive_roles,
    )
    from valuing_involvement.rules import RULES, RULESET_VERSION, Finding, Severity
    from valuing_involvement.schema import json_schema
    from valuing_involvement.scorecard import Scorecard, Status
    from valuing_involvement.serialization import (
        InvalidDocument,
        from_data,
        from_json,
        to_data,
        to_json,
    )
    from valuing_involvement.statistics import Statistics, rule_statistics


#: Where each public name lives; ``__getattr__`` imports the module the first time it is used.
_LOCATIONS = {
    "Activity": "valuing_involvement.groups",
    "AgreementKind": "valuing_involvement.contracts",
    "Assessment": "valuing_involvement.assessment",
    "Basis": "valuing_involvement.costs",
    "BodyKind": "valuing_involvement.groups",
    "BodyType": "valuing_involvement.commissioners",
    "CareLevel": "valuing_involvement.roles",
    "Classification": "valuing_involvement.classification",
    "Commissioner": "valuing_involvement.commissioners",
    "CommissioningBody": "valuing_involvement.commissioners",
    "Community": "valuing_involvement.commissioners",
    "Comparison": "valuing_involvement.comparison",
    "Constituency": "valuing_involvement.groups",
    "Contract": "valuing_involvement.contracts",
    "Costs": "valuing_involvement.costs",
    "Coverage": "valuing_involvement.commissioners",
    "DecisionBody": "valuing_involvement.groups",
    "Domain": "valuing_involvement.groups",
    "FIGURES": "valuing_involvement.reference",
    "Factor": "valuing_involvement.commissioners",
    "FieldValueError": "valuing_involvement.errors",
    "FinancialYear": "valuing_involvement.funding",
    "Finding": "valuing_involvement.rules",
    "FundingPeriod": "valuing_involvement.funding",
    "Group": "valuing_involvement.groups",
    "GroupPart": "valuing_involvement.contracts",
    "Host": "valuing_involvement.groups",
    "HostKind": "valuing_involvement.groups",
    "Hosting": "valuing_involvement.contracts",
    "IndirectFunding": "valuing_involvement.portfolio",
    "Infrastructure": "valuing_involvement.groups",
    "InvalidDocument": "valuing_involvement.serialization",
    "InvalidInput": "valuing_involvement.errors",
    "InvalidPolicy": "valuing_involvement.policy",
    "InvalidRegister": "valuing_involvement.registers",
    "Involvement": "valuing_involvement.commissioners",
    "Kpi": "valuing_involvement.contracts",
    "KpiKind": "valuing_involvement.contracts",
    "Leadership": "valuing_involvement.groups",
    "LegalForm": "valuing_involvement.groups",
    "Member": "valuing_involvement.groups",
    "Objective": "valuing_involvement.commissioners",
    "OrgId": "valuing_involvement.orgids",
    "OrgList": "valuing_involvement.orgids",
    "PersonFacts": "valuing_involvement.roles",
    "Policy": "valuing_involvement.policy",
    "Population": "valuing_involvement.commissioners",
    "Portfolio": "valuing_involvement.portfolio",
    "Problem": "valuing_involvement.errors",
    "RULES": "valuing_involvement.rules",
    "RULESET_VERSION": "valuing_involvement.rules",
    "Relationship": "valuing_involvement.roles",
    "Register": "valuing_involvement.registers",
    "Report": "valuing_involvement.reports",
    "ReportingFrequency": "valuing_involvement.funding",
    "Representation": "valuing_involvement.contracts",
    "Requirement": "valuing_involvement.contracts",
    "Role": "valuing_involvement.roles",
    "Scorecard": "valuing_involvement.scorecard",
    "Status": "valuing_involvement.scorecard",
    "Seat": "valuing_involvement.commissioners",
    "SeatCount": "valuing_involvement.groups",
    "ServiceUse": "valuing_involvement.roles",
    "Severity": "valuing_involvement.rules",
    "Stage": "valuing_involvement.commissioners",
    "Statistics": "valuing_involvement.statistics",
    "Strategy": "valuing_involvement.commissioners",
    "Support": "valuing_involvement.contracts",
    "Term": "valuing_involvement.contracts",
    "Variation": "valuing_involvement.contracts",
    "VariationKind": "valuing_involvement.contracts",
    "Waiver": "valuing_involvement.contracts",
    "apportion": "valuing_involvement.costs",
    "assess_portfolio": "valuing_involvement.assessment",
    "check_contract": "valuing_involvement.checking",
    "check_contracts": "valuing_involvement.checking",
    "classify_group": "valuing_involvement.classification",
    "commitments": "valuing_involvement.assessment",
    "compare": "valuing_involvement.comparison",
    "compare_to_reference": "valuing_involvement.reference",
    "derive_roles": "valuing_involvement.roles",
    "example_contracts": "valuing_involvement._examples",
    "example_groups": "valuing_involvement._examples",
    "example_portfolio": "valuing_involvement._examples",
    "financial_year": "valuing_involvement.funding",
    "from_data": "valuing_involvement.serialization",
    "from_json": "valuing_involvement.serialization",
    "json_schema": "valuing_involvement.schema",
    "read_register": "valuing_involvement.registers",
    "render_text": "valuing_involvement.reports",
    "rule_statistics": "valuing_involvement.statistics",
    "to_data": "valuing_involvement.serialization",
    "to_json": "valuing_involvement.serialization",
    "write_register": "valuing_involvement.registers",
}

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
    "Comparison",
    "Constituency",
    "Contract",
    "Costs",
    "Coverage",
    "DecisionBody",
    "Domain",
    "Factor",
    "FieldValueError",
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
    "InvalidInput",
    "InvalidPolicy",
    "InvalidRegister",
    "Involvement",
    "Kpi",
    "KpiKind",
    "Leadership",
    "LegalForm",
    "Member",
    "Objective",
    "OrgId",
    "OrgList",
    "PersonFacts",
    "Policy",
    "Population",
    "Portfolio",
    "Problem",
    "Register",
    "Relationship",
    "Report",
    "ReportingFrequency",
    "Representation",
    "Requirement",
    "Role",
    "Scorecard",
    "Seat",
    "SeatCount",
    "ServiceUse",
    "Severity",
    "Stage",
    "Statistics",
    "Status",
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
    "commitments",
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
    "read_register",
    "render_text",
    "rule_statistics",
    "to_data",
    "to_json",
    "write_register",
]


#: Names that left the top level, and where they live now: still importable from here, with a
#: :class:`DeprecationWarning`.  The rule catalogue's own types stand with the engine, beside
#: ``rule``, ``Modality`` and ``Subject``; the top level keeps the catalogue (:data:`RULES`).
#: The parts of a result are reached through it (``assessment.metrics``) and live in its
#: module, as the scorecard's rows do; the top level keeps the result and its function.
_DEPRECATED = {
    "AgreementCost": "valuing_involvement.assessment",
    "Commitments": "valuing_involvement.assessment",
    "CommunityCoverage": "valuing_involvement.assessment",
    "Figure": "valuing_involvement.reference",
    "Metrics": "valuing_involvement.assessment",
    "Parameter": "valuing_involvement.rules",
    "ReferenceComparison": "valuing_involvement.reference",
    "Registry": "valuing_involvement.rules",
    "Rule": "valuing_involvement.rules",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 -- the value of any public name
    try:
        module = _LOCATIONS[name]
    except KeyError:
        if name in _DEPRECATED:
            warnings.warn(
                f"valuing_involvement.{name} is deprecated; import it from {_DEPRECATED[name]}",
                DeprecationWarning,
                stacklevel=2,
            )
            return getattr(importlib.import_module(_DEPRECATED[name]), name)
        raise AttributeError(f"module 'valuing_involvement' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__

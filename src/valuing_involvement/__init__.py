"""Typed models and checkable rules for the *Valuing Involvement* commissioning guidelines.

Describe a service user or carer group by its facts, and :func:`classify_group` tells whether it
is user/carer *run*, *led* or *neither* by the Wallcraft definition (``G1(b)``, ``§2.2``), with
its reasons.  Every model reads and writes JSON through :func:`from_json` and :func:`to_json`.
"""

from valuing_involvement._examples import example_groups
from valuing_involvement._version import __version__
from valuing_involvement.classification import Classification, Leadership, classify_group
from valuing_involvement.groups import (
    Activity,
    BodyKind,
    Constituency,
    DecisionBody,
    Domain,
    Group,
    Host,
    HostKind,
    LegalForm,
    Member,
)
from valuing_involvement.roles import (
    CareLevel,
    PersonFacts,
    Relationship,
    Role,
    ServiceUse,
    derive_roles,
)
from valuing_involvement.serialization import (
    InvalidDocument,
    from_data,
    from_json,
    to_data,
    to_json,
)

__all__ = [
    "Activity",
    "BodyKind",
    "CareLevel",
    "Classification",
    "Constituency",
    "DecisionBody",
    "Domain",
    "Group",
    "Host",
    "HostKind",
    "InvalidDocument",
    "Leadership",
    "LegalForm",
    "Member",
    "PersonFacts",
    "Relationship",
    "Role",
    "ServiceUse",
    "__version__",
    "classify_group",
    "derive_roles",
    "example_groups",
    "from_data",
    "from_json",
    "to_data",
    "to_json",
]


def __dir__() -> list[str]:
    return __all__

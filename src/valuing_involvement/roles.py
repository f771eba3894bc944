"""Who counts: the roles of service user and carer, and how to derive them from facts.

The guidelines define the two roles in ``G1(b)``:

* a **service user** receives or uses mental health care services, primary or secondary, or
  has done so in the past -- past use counts as much as current use;
* a **carer** is a family member or friend who helps someone with mental health support needs.

One person can hold both roles.  Someone who holds neither -- a paid worker, a professional,
a volunteer or an ally -- is still welcome in a group but does not count towards user or carer
leadership.
"""

from __future__ import annotations

import attrs

from valuing_involvement._enums import AsMember, AsMemberSet, Choice
from valuing_involvement._validators import (
    field_error,
    instance_of,
    members_of,
)

__all__ = [
    "CareLevel",
    "PersonFacts",
    "Relationship",
    "Role",
    "ServiceUse",
    "derive_roles",
]


class Role(Choice):
    """A role that counts towards user or carer leadership (``G1(b)``)."""

    SERVICE_USER = "service_user"
    CARER = "carer"


class ServiceUse(Choice):
    """Whether a person uses mental health care services now, used them before, or never has."""

    NONE = "none"
    CURRENT = "current"
    PAST = "past"


class CareLevel(Choice):
    """The level of mental health care a person uses or used (``G1(b)`` names both)."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class Relationship(Choice):
    """How a person stands to someone with mental health support needs whom they help.

    Only ``FAMILY`` and ``FRIEND`` make a carer (``G1(b)``); helping as a paid worker or a
    volunteer does not.
    """

    FAMILY = "family"
    FRIEND = "friend"
    PAID_WORKER = "paid_worker"
    VOLUNTEER = "volunteer"


_CARING_RELATIONSHIPS = frozenset({Relationship.FAMILY, Relationship.FRIEND})


def _care_levels_need_use(
    instance: PersonFacts, attribute: attrs.Attribute[frozenset[CareLevel]], value: object
) -> None:
    if value and instance.service_use is ServiceUse.NONE:
        message = "must be empty when service_use is 'none'"
        raise field_error(instance, attribute.name, message)


@attrs.frozen(kw_only=True)
class PersonFacts:
    """The facts about a person that decide their roles, and nothing that identifies them.

    ``care_levels`` records where the mental health care was received; it may be left empty
    when unknown, because the definition accepts either level.  It must be empty when the person
    has never used services.  ``helps`` lists the ways the person helps someone with mental
    health support needs.

    >>> PersonFacts(service_use=ServiceUse.PAST, care_levels=[CareLevel.PRIMARY])
    PersonFacts(service_use=<ServiceUse.PAST: 'past'>, care_levels=frozenset({<CareLevel.PRIMARY: 'primary'>}), helps=frozenset())
    """  # noqa: E501

    service_use: ServiceUse = attrs.field(
        default=ServiceUse.NONE, converter=AsMember[ServiceUse], validator=instance_of(ServiceUse)
    )
    care_levels: frozenset[CareLevel] = attrs.field(
        factory=frozenset,
        converter=AsMemberSet[CareLevel],
        validator=[members_of(CareLevel), _care_levels_need_use],
    )
    helps: frozenset[Relationship] = attrs.field(
        factory=frozenset, converter=AsMemberSet[Relationship], validator=members_of(Relationship)
    )


def derive_roles(facts: PersonFacts) -> frozenset[Role]:
    """Return the roles that the facts about a person give them under ``G1(b)``.

    Current or past use of mental health care, at either level, makes a service user.
    Helping someone with mental health support needs as a family member or friend makes a carer;
    helping as a paid worker or volunteer does not.

    >>> sorted(r.value for r in derive_roles(PersonFacts(service_use=ServiceUse.PAST)))
    ['service_user']
    >>> derive_roles(PersonFacts(helps=[Relationship.PAID_WORKER]))
    frozenset()
    >>> both = PersonFacts(service_use=ServiceUse.CURRENT, helps=[Relationship.FRIEND])
    >>> sorted(r.value for r in derive_roles(both))
    ['carer', 'service_user']
    """
    is_user = facts.service_use is not ServiceUse.NONE
    is_carer = not facts.helps.isdisjoint(_CARING_RELATIONSHIPS)
    return _ROLE_SETS[is_user, is_carer]


_ROLE_SETS: dict[tuple[bool, bool], frozenset[Role]] = {
    (False, False): frozenset(),
    (True, False): frozenset({Role.SERVICE_USER}),
    (False, True): frozenset({Role.CARER}),
    (True, True): frozenset({Role.SERVICE_USER, Role.CARER}),
}

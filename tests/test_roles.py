"""Deriving roles from facts (G1(b))."""

import pytest
from hypothesis import given

from valuing_involvement import (
    CareLevel,
    PersonFacts,
    Relationship,
    Role,
    ServiceUse,
    derive_roles,
)
from valuing_involvement.testing.strategies import person_facts


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (PersonFacts(), set()),
        (PersonFacts(service_use=ServiceUse.CURRENT), {Role.SERVICE_USER}),
        # Past use counts as much as current use.
        (PersonFacts(service_use=ServiceUse.PAST), {Role.SERVICE_USER}),
        # Primary care alone is enough: the definition names both levels.
        (
            PersonFacts(service_use=ServiceUse.PAST, care_levels=[CareLevel.PRIMARY]),
            {Role.SERVICE_USER},
        ),
        (PersonFacts(helps=[Relationship.FAMILY]), {Role.CARER}),
        (PersonFacts(helps=[Relationship.FRIEND]), {Role.CARER}),
        # Helping as a paid worker or volunteer does not make a carer.
        (PersonFacts(helps=[Relationship.PAID_WORKER, Relationship.VOLUNTEER]), set()),
        # One person can hold both roles.
        (
            PersonFacts(service_use=ServiceUse.CURRENT, helps=[Relationship.FAMILY]),
            {Role.SERVICE_USER, Role.CARER},
        ),
    ],
)
def test_roles_from_facts(facts, expected):
    assert derive_roles(facts) == expected


def test_care_levels_without_service_use_are_refused():
    with pytest.raises(ValueError, match="service_use"):
        PersonFacts(service_use=ServiceUse.NONE, care_levels=[CareLevel.SECONDARY])


def test_wrong_types_are_refused():
    with pytest.raises(TypeError):
        PersonFacts(service_use="sometimes")
    with pytest.raises(TypeError):
        PersonFacts(helps=["neighbour"])


@given(person_facts())
def test_service_user_exactly_when_services_were_used(facts):
    assert (Role.SERVICE_USER in derive_roles(facts)) is (facts.service_use is not ServiceUse.NONE)


@given(person_facts())
def test_carer_exactly_when_helping_as_family_or_friend(facts):
    caring = bool(facts.helps & {Relationship.FAMILY, Relationship.FRIEND})
    assert (Role.CARER in derive_roles(facts)) is caring


@given(person_facts())
def test_care_level_never_changes_the_roles(facts):
    import attrs

    assert derive_roles(attrs.evolve(facts, care_levels=[])) == derive_roles(facts)


@pytest.mark.parametrize("use", list(ServiceUse))
def test_service_use_is_given_as_a_member_or_its_value(use):
    # The member is kept as it is; its value string becomes the member; anything else refused.
    assert PersonFacts(service_use=use).service_use is use
    assert PersonFacts(service_use=use.value).service_use is use


def test_an_unknown_service_use_is_refused():
    with pytest.raises(ValueError, match="service_use"):
        PersonFacts(service_use="sometimes")

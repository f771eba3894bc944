"""The group models: validation at construction, normalising converters, private labels."""

import attrs
import pytest
from hypothesis import given

from valuing_involvement import (
    Activity,
    Constituency,
    DecisionBody,
    Domain,
    Group,
    Host,
    Member,
    Role,
)
from valuing_involvement.testing.strategies import groups, members


def make_group(**changes):
    fields = {
        "name": "G",
        "constituency": Constituency.CARERS,
        "decision_body": None,
        "controls": [],
    }
    return Group(**{**fields, **changes})


def test_iterables_are_normalised():
    member = Member(roles=iter([Role.CARER, Role.CARER]))
    assert member.roles == frozenset({Role.CARER})
    body = DecisionBody(members=(m for m in [member]))
    assert body.members == (member,)
    group = make_group(controls=[Domain.MONEY, Domain.MONEY], activities={Activity.SUPPORT})
    assert group.controls == frozenset({Domain.MONEY})


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "  "},
        {"name": 3},
        {"constituency": "carers"},
        {"controls": ["money"]},
        {"decision_body": []},
        {"communities": "BME"},
        {"communities": [""]},
        {"communities": [" \t"]},
        {"communities": ["BME", 3]},
        {"reference": ""},
        {"host": "Borough Mind"},
    ],
)
def test_invalid_groups_cannot_be_built(changes):
    with pytest.raises((TypeError, ValueError)):
        make_group(**changes)


def test_positional_arguments_are_refused():
    with pytest.raises(TypeError):
        Host("Borough Mind")  # type: ignore[misc]


def test_models_are_frozen():
    group = make_group()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        group.name = "Other"  # type: ignore[misc]


def test_evolve_reruns_validators():
    with pytest.raises(ValueError, match="blank"):
        attrs.evolve(make_group(), name="")


def test_member_roles_must_be_roles():
    with pytest.raises(TypeError):
        Member(roles=["carer"])


@given(members())
def test_private_labels_never_appear_in_repr(member):
    marked = attrs.evolve(member, label="SECRET-LABEL-1234", private=True)
    group = make_group(decision_body=DecisionBody(members=[marked]))
    for text in (repr(marked), repr(group.decision_body), repr(group), str(group)):
        assert "SECRET-LABEL-1234" not in text
    assert "<private>" in repr(marked)


def test_public_labels_are_shown():
    assert "chair" in repr(Member(label="chair"))


@given(groups())
def test_generated_groups_are_hashable_and_equal_to_themselves(group):
    assert group == attrs.evolve(group)
    assert hash(group) == hash(attrs.evolve(group))


def test_constituency_roles():
    assert Constituency.SERVICE_USERS.roles == {Role.SERVICE_USER}
    assert Constituency.CARERS.roles == {Role.CARER}
    assert Constituency.SERVICE_USERS_AND_CARERS.roles == set(Role)


def test_enum_values_are_lowercase_names():
    from valuing_involvement import groups as groups_module
    from valuing_involvement import roles as roles_module

    enums = [
        value
        for module in (groups_module, roles_module)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, __import__("enum").Enum)
    ]
    for enum_type in enums:
        for member in enum_type:
            assert member.value == member.name.lower()

"""The group models: validation at construction, normalising converters, private labels."""

import attrs
import pytest
from hypothesis import given

from valuing_involvement import (
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
    Role,
    SeatCount,
    classify_group,
)
from valuing_involvement._enums import AsMember, AsMemberSet, AsOptionalMember, AsOptionalMemberSet
from valuing_involvement.groups import DiversityApproach
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
        {"constituency": "carer"},
        {"controls": ["money", "time"]},
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
    with pytest.raises(TypeError, match=r"Member\.roles: expected Role values"):
        Member(roles=["chair"])


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


# -- exact seat counts, reprs and gathered facts (issue 16: what mutation testing found no test
# stated) ----------------------------------------------------------------------------------------

USER = Member(roles=[Role.SERVICE_USER])
CARER = Member(roles=[Role.CARER])
BOTH = Member(roles=[Role.SERVICE_USER, Role.CARER])


def test_seats_for_each_constituency():
    body = DecisionBody(
        members=[
            USER,
            USER,
            CARER,
            BOTH,
            Member(),  # a worker who holds neither role
            Member(roles=[Role.CARER], associate=True),
            Member(roles=[Role.SERVICE_USER], associate=True),
            Member(roles=[Role.SERVICE_USER], voting=False),
            Member(voting=False),
        ]
    )
    # Voting associates count by their roles; ``associates`` says how many of those who count.
    assert body.seats(Constituency.SERVICE_USERS) == SeatCount(voting=7, counting=4, associates=1)
    assert body.seats(Constituency.CARERS) == SeatCount(voting=7, counting=3, associates=1)
    assert body.seats(Constituency.SERVICE_USERS_AND_CARERS) == SeatCount(
        voting=7, counting=6, associates=2
    )


def test_seats_of_an_empty_body_and_of_observers_only():
    for seated in ([], [Member(roles=[Role.CARER], voting=False)] * 3):
        body = DecisionBody(members=seated)
        for constituency in Constituency:
            assert body.seats(constituency) == SeatCount(voting=0, counting=0, associates=0)


def test_seats_of_workers_only():
    body = DecisionBody(members=[Member(paid=True), Member()])
    assert body.seats(Constituency.SERVICE_USERS_AND_CARERS) == SeatCount(2, 0, 0)


def test_member_repr_shows_only_what_differs_from_the_defaults():
    assert repr(Member()) == "Member(roles=frozenset())"
    assert repr(Member(roles=[Role.CARER], voting=False, associate=True, paid=True)) == (
        "Member(roles=frozenset({<Role.CARER: 'carer'>}), voting=False, associate=True, paid=True)"
    )
    assert repr(Member(label="chair")) == "Member(roles=frozenset(), label='chair')"
    assert repr(Member(label="chair", private=True)) == (
        "Member(roles=frozenset(), label='<private>')"
    )


def test_infrastructure_stays_unknown_or_becomes_a_set():
    assert make_group().infrastructure is None
    group = make_group(infrastructure=[Infrastructure.PREMISES, Infrastructure.PREMISES])
    assert group.infrastructure == frozenset({Infrastructure.PREMISES})
    assert make_group(infrastructure=[]).infrastructure == frozenset()


def test_infrastructure_refuses_other_values():
    with pytest.raises(ValueError, match="expected Infrastructure values"):
        make_group(infrastructure=["parking"])


def test_hosted():
    assert make_group(host=Host(name="Borough Mind")).hosted is True
    assert make_group().hosted is False


def test_the_host_is_named_only_for_decisions_taken_outside():
    # A group hosted by Borough Mind: the classification's reasons name the host only for the
    # decisions the facts say it takes, and no one when the group takes all three itself.
    host = Host(name="Borough Mind", takes=[Domain.MONEY, Domain.PERSONNEL])
    body = DecisionBody(members=[CARER, CARER])
    outside = make_group(decision_body=body, controls=[Domain.POLICY], host=host)
    assert classify_group(outside).reasons[1] == (
        "Its money and personnel decisions are taken by its host, Borough Mind "
        "(§2.1; groups' questionnaire Q4)."
    )
    silent = make_group(
        decision_body=body, controls=[Domain.POLICY], host=Host(name="Borough Mind")
    )
    unhosted = make_group(decision_body=body, controls=[Domain.POLICY])
    for group in (silent, unhosted):
        assert classify_group(group).reasons[1] == (
            "Its money and personnel decisions are taken outside the group "
            "(§2.1; groups' questionnaire Q4)."
        )
    inside = make_group(decision_body=body, controls=list(Domain), host=host)
    assert classify_group(inside) == classify_group(attrs.evolve(inside, host=None))


def test_facts_follow_the_body_and_the_constituency():
    body = DecisionBody(members=[USER, USER, CARER], kind=BodyKind.TRUSTEES)
    group = make_group(decision_body=body, controls=list(Domain))
    result = classify_group(group)
    assert (result.decision_makers, result.counting, result.constituency) == (
        3,
        1,
        Constituency.CARERS,
    )
    assert "on the trustees" in result.reasons[0]
    joint = classify_group(attrs.evolve(group, constituency=Constituency.SERVICE_USERS_AND_CARERS))
    assert (joint.decision_makers, joint.counting) == (3, 3)
    assert classify_group(make_group()).facts_missing is True


# The converters: a member as it is, its value string as the member, None where optional.

CONVERTERS = [
    (AsMember[Constituency], Constituency, False),
    (AsMember[BodyKind], BodyKind, False),
    (AsOptionalMember[HostKind], HostKind, True),
    (AsOptionalMember[Leadership], Leadership, True),
    (AsOptionalMember[LegalForm], LegalForm, True),
    (AsOptionalMember[DiversityApproach], DiversityApproach, True),
]


@pytest.mark.parametrize(("convert", "kind", "optional"), CONVERTERS)
def test_each_converter_takes_a_member_or_its_value(convert, kind, optional):
    for member in kind:
        assert convert(member) is member
        assert convert(member.value) is member
    assert convert("no such value") == "no such value"  # left for the validator to refuse
    if optional:
        assert convert(None) is None


def test_infrastructure_sets_are_converted():
    every = frozenset(Infrastructure)
    assert AsMemberSet[Infrastructure]([i.value for i in Infrastructure]) == every
    assert AsOptionalMemberSet[Infrastructure](list(Infrastructure)) == every
    assert AsOptionalMemberSet[Infrastructure](None) is None


def test_models_built_from_value_strings_equal_those_built_from_members():
    by_value = make_group(
        constituency="service_users",
        self_described="run",
        legal_form="part_of_host",
        diversity_approach=DiversityApproach.ACTIVE.value,
        infrastructure=["premises"],
        decision_body=DecisionBody(kind="steering_group", members=[Member(roles=["carer"])]),
        host=Host(name="Trust", kind="nhs_trust", takes=["money"]),
    )
    by_member = make_group(
        constituency=Constituency.SERVICE_USERS,
        self_described=Leadership.RUN,
        legal_form=LegalForm.PART_OF_HOST,
        diversity_approach=DiversityApproach.ACTIVE,
        infrastructure=[Infrastructure.PREMISES],
        decision_body=DecisionBody(
            kind=BodyKind.STEERING_GROUP, members=[Member(roles=[Role.CARER])]
        ),
        host=Host(name="Trust", kind=HostKind.NHS_TRUST, takes=[Domain.MONEY]),
    )
    assert by_value == by_member


# The facts the classification reads, gathered when a group is built.


def test_a_host_taking_no_outside_decision_is_not_named_in_the_facts():
    idle = make_group(controls=list(Domain), host=Host(name="Borough Mind", takes=[Domain.MONEY]))
    assert idle._facts[2] is None
    assert idle._facts[3] == frozenset()
    busy = make_group(
        controls=[Domain.POLICY], host=Host(name="Borough Mind", takes=[Domain.MONEY])
    )
    assert busy._facts[2] == "Borough Mind"
    assert busy._facts[3] == {Domain.MONEY}


def test_the_facts_say_whether_the_group_is_part_of_its_host():
    assert make_group(legal_form=LegalForm.PART_OF_HOST)._facts[4] is True
    assert make_group(legal_form=LegalForm.CHARITY)._facts[4] is False
    assert make_group()._facts[4] is False


def test_a_group_without_a_body_has_no_kind_and_no_seats_in_its_facts():
    facts = make_group(decision_body=None)._facts
    assert facts[5] is None
    assert facts[6:] == (0, 0, 0)


# What a notebook shows of a group.


def test_the_html_rows_of_a_group():
    g = make_group(
        decision_body=DecisionBody(members=[Member(roles=[Role.CARER]), Member(voting=False)]),
        controls=[],
        host=Host(name="H", takes=None),
        infrastructure=[],
    )
    page = g._repr_html_()
    assert "<th>decision-making body</th><td>management committee: 2 members, 1 voting</td>" in page
    assert "<th>member 1</th><td>carer</td>" in page
    assert "<th>member 2</th><td>neither role; non-voting</td>" in page
    assert "member 0" not in page
    assert "member 3" not in page
    assert "<th>decides itself</th><td>none of the key decisions</td>" in page
    assert "<th>host</th><td>H (kind not stated; takes: not known)</td>" in page
    assert "<th>infrastructure</th><td>none</td>" in page


def test_the_html_rows_of_another_group():
    g = make_group(
        decision_body=None,
        controls=[Domain.POLICY, Domain.MONEY],
        host=Host(name="H", takes=[]),
        infrastructure=[Infrastructure.PREMISES],
    )
    page = g._repr_html_()
    assert "<th>decision-making body</th><td>not recorded</td>" in page
    assert "<th>decides itself</th><td>money, policy</td>" in page
    assert "<th>host</th><td>H (kind not stated; takes: none)</td>" in page
    assert "<th>infrastructure</th><td>premises</td>" in page
    assert "infrastructure" not in make_group()._repr_html_()
    assert (
        "<th>member 1</th><td>carer; non-voting</td>"
        in make_group(
            decision_body=DecisionBody(members=[Member(roles=[Role.CARER], voting=False)])
        )._repr_html_()
    )

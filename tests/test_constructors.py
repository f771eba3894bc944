"""Building models in Python: enum values as strings, amounts as ints, one-line errors."""

import contextlib
import datetime as dt
import decimal
import enum
import pickle
import types
import typing

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import valuing_involvement
from valuing_involvement import (
    AgreementKind,
    Constituency,
    Contract,
    Costs,
    DecisionBody,
    FieldValueError,
    FundingPeriod,
    Group,
    Host,
    InvalidInput,
    Member,
    Role,
    example_contracts,
    example_portfolio,
)
from valuing_involvement._validators import to_member

MODEL_MODULES = {
    "valuing_involvement.commissioners",
    "valuing_involvement.contracts",
    "valuing_involvement.costs",
    "valuing_involvement.funding",
    "valuing_involvement.groups",
    "valuing_involvement.orgids",
    "valuing_involvement.portfolio",
    "valuing_involvement.roles",
}
MODELS = sorted(
    (
        model
        for name in valuing_involvement.__all__
        if attrs.has(model := getattr(valuing_involvement, name))
        and model.__module__ in MODEL_MODULES
    ),
    key=lambda model: model.__name__,
)
PERIOD = FundingPeriod.from_months(dt.date(2007, 4, 1), 12)


def contract(**changes):
    fields = {
        "commissioner": "Lowmoor",
        "kind": AgreementKind.GRANT_LETTER,
        "amount_per_year": decimal.Decimal(12000),
        "period": PERIOD,
    }
    return Contract(**(fields | changes))


def group(**changes):
    fields = {
        "name": "Lowmoor Voices",
        "constituency": Constituency.SERVICE_USERS,
        "decision_body": None,
        "controls": [],
    }
    return Group(**(fields | changes))


def enum_of(hint):
    """The enum a field holds (alone, optional, or in a set), and whether it is a set."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if isinstance(hint, types.UnionType) and len(args) == 1:
        hint, args = args[0], list(typing.get_args(args[0]))
    if typing.get_origin(hint) is frozenset:
        inner = args[0]
        return (inner, True) if issubclass(inner, enum.Enum) else (None, False)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint, False
    return None, False


def enum_fields():
    for model in MODELS:
        hints = typing.get_type_hints(model)
        for field in attrs.fields(model):
            kind, is_set = enum_of(hints[field.name])
            if field.init and kind is not None:
                yield model, field, kind, is_set


def reachable(value, seen=None):
    """Every model instance inside ``value``, ``value`` included."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            if field.init:
                yield from reachable(getattr(value, field.name), seen)
    elif isinstance(value, (tuple, list, frozenset)):
        for item in value:
            yield from reachable(item, seen)


# -- enum values as strings ------------------------------------------------------------------


def test_every_model_module_is_covered():
    assert {model.__module__ for model in MODELS} == MODEL_MODULES
    assert len(list(enum_fields())) >= 30


EXTRA = [
    valuing_involvement.Hosting(host="Borough Mind", kind=valuing_involvement.HostKind.NHS_TRUST),
    Costs(
        direct=decimal.Decimal(1),
        overheads=decimal.Decimal(1),
        basis=valuing_involvement.Basis.FLOOR_AREA,
        project_measure=decimal.Decimal(1),
        organisation_measure=decimal.Decimal(2),
    ),
    valuing_involvement.PersonFacts(
        service_use=valuing_involvement.ServiceUse.PAST,
        care_levels=[valuing_involvement.CareLevel.PRIMARY],
        helps=[valuing_involvement.Relationship.FRIEND],
    ),
]


def enum_held(value):
    """What an enum field holds, as strings: a member's value, or a list of them; else None."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset) and value and isinstance(next(iter(value)), enum.Enum):
        return [member.value for member in value]
    return None


def filled(instance):
    """``instance`` with each enum field it leaves empty given its enum's first member."""
    hints = typing.get_type_hints(type(instance))
    for field in attrs.fields(type(instance)):
        kind, is_set = enum_of(hints[field.name])
        if field.init and kind is not None and enum_held(getattr(instance, field.name)) is None:
            first = next(iter(kind))
            with contextlib.suppress(InvalidInput):  # a field that needs another set first
                instance = attrs.evolve(instance, **{field.name: [first] if is_set else first})
    return instance


EXAMPLES = [
    filled(instance)
    for root in (example_portfolio(), *example_contracts(), *EXTRA)
    for instance in reachable(root)
    if type(instance).__module__ in MODEL_MODULES
]


def test_the_examples_hold_every_enum_field():
    held = {
        (type(instance), field.name)
        for instance in EXAMPLES
        for field in attrs.fields(type(instance))
        if enum_held(getattr(instance, field.name)) is not None
    }
    assert held >= {(model, field.name) for model, field, _, _ in enum_fields()}


def test_any_enum_field_of_the_examples_takes_its_value_strings():
    tried = 0
    for instance in EXAMPLES:
        for field in attrs.fields(type(instance)):
            value = getattr(instance, field.name)
            written = enum_held(value)
            if written is None:
                continue
            rebuilt = attrs.evolve(instance, **{field.name: written})
            assert rebuilt == instance
            assert getattr(rebuilt, field.name) == value
            with pytest.raises(TypeError, match=rf"^{type(instance).__name__}\.{field.name}: "):
                attrs.evolve(instance, **{field.name: "no-such-value"})
            tried += 1
    assert tried > 50


@given(st.sampled_from([Role, Constituency, AgreementKind]).flatmap(st.sampled_from))
def test_a_value_string_gives_its_member(member):
    assert to_member(type(member), member.value) is member
    assert to_member(type(member), member) is member


def test_members_and_groups_take_strings():
    assert Member(roles=["carer"]) == Member(roles=[Role.CARER])
    assert Member(roles=["carer"]).roles is Member(roles=[Role.CARER]).roles  # shared set
    built = group(constituency="carers", controls=["money", "policy"], host=Host(name="Mind"))
    assert built.constituency is Constituency.CARERS
    assert built == group(
        constituency=Constituency.CARERS,
        controls=[valuing_involvement.Domain.MONEY, valuing_involvement.Domain.POLICY],
        host=Host(name="Mind"),
    )
    assert contract(kind="service_level_agreement").kind is AgreementKind.SERVICE_LEVEL_AGREEMENT
    assert contract(funded_as=None).funded_as is None


def test_an_unknown_string_names_the_accepted_values():
    with pytest.raises(FieldValueError) as caught:
        group(constituency="carer")
    assert str(caught.value) == (
        "Group.constituency: expected a Constituency: one of 'service_users', 'carers', "
        "'service_users_and_carers', got 'carer'"
    )
    assert isinstance(caught.value, TypeError)  # as attrs' own type checks raise
    assert caught.value.problems[0].code == "not-allowed"
    assert caught.value.problems[0].path == "$.constituency"
    with pytest.raises(TypeError, match=r"^Member\.roles: expected Role values \('service_user'"):
        Member(roles=["carer", "chair"])


# -- one-line errors naming class and field ---------------------------------------------------

ONE_LINERS = [
    (
        lambda: Member(roles=Role.CARER),
        "Member.roles: expected a collection of Role, got Role.CARER (for one, write [Role.CARER])",
    ),
    (
        lambda: Member(roles="carer"),
        "Member.roles: expected a collection of Role, got 'carer' (for one, write ['carer'])",
    ),
    (lambda: Member(roles=3), "Member.roles: expected a collection of Role, got 3 (an int)"),
    (lambda: Member(roles=[["carer"]]), "Member.roles: expected a collection of Role, got"),
    (lambda: Member(voting="yes"), "Member.voting: expected True or False, got 'yes'"),
    (lambda: Host(name=3), "Host.name: expected a string, got 3 (an int)"),
    (lambda: Host(name=" "), "Host.name: must not be blank"),
    (
        lambda: contract(aims="one aim"),
        (
            "Contract.aims: expected a collection of strings, got 'one aim' (for one, write "
            "['one aim'])"
        ),
    ),
    (
        lambda: contract(aims=["one", 2]),
        "Contract.aims: expected a collection of strings, got 2 (an int) in it",
    ),
    (
        lambda: DecisionBody(members=Member()),
        (
            "DecisionBody.members: expected a collection of Member, got Member(roles=frozenset()) "
            "(a Member) (for one, put it in a list)"
        ),
    ),
    (
        lambda: DecisionBody(members=[Member(), "chair"]),
        "DecisionBody.members: expected a collection of Member, got 'chair' in it",
    ),
    (
        lambda: contract(amount_per_year=12000.5),
        (
            "Contract.amount_per_year: expected an amount as a Decimal or an int, got 12000.5 "
            "(a float); a float cannot hold pence exactly, so write Decimal('12000.5')"
        ),
    ),
    (
        lambda: contract(amount_per_year="12000"),
        "Contract.amount_per_year: expected an amount as a Decimal or an int, got '12000'",
    ),
    (
        lambda: contract(amount_per_year=True),
        "Contract.amount_per_year: expected an amount as a Decimal or an int, got True",
    ),
    (
        lambda: contract(amount_per_year=-1),
        "Contract.amount_per_year: must be an amount from 0 to 999,999,999,999.99, got -1",
    ),
    (
        lambda: contract(amount_per_year=decimal.Decimal("0.001")),
        "Contract.amount_per_year: must have at most 2 decimal places, got 0.001",
    ),
    (
        lambda: contract(period="2007"),
        "Contract.period: expected a FundingPeriod, got '2007'",
    ),
    (
        lambda: FundingPeriod(start=dt.date(2007, 4, 1), end="2008-03-31"),
        "FundingPeriod.end: expected a datetime.date, got '2008-03-31'",
    ),
]


@pytest.mark.parametrize(("build", "message"), ONE_LINERS)
def test_errors_are_one_line_naming_class_and_field(build, message):
    with pytest.raises(InvalidInput) as caught:
        build()
    text = str(caught.value)
    assert text.startswith(message)
    assert "\n" not in text
    assert "Attribute(" not in text


def test_a_wrong_type_error_is_a_type_error_and_survives_pickling():
    with pytest.raises(TypeError) as caught:
        Member(roles=Role.CARER)
    error = caught.value
    assert isinstance(error, FieldValueError)
    assert (error.model, error.field) == ("Member", "roles")
    assert error.problems[0].code == "wrong-type"
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 -- our own bytes
    assert type(copy) is type(error)
    assert str(copy) == str(error)


def test_a_blank_value_is_a_value_error_not_a_type_error():
    with pytest.raises(FieldValueError) as caught:
        Host(name="")
    assert not isinstance(caught.value, TypeError)


# -- amounts ------------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_an_int_amount_is_stored_as_a_decimal(pounds):
    built = contract(amount_per_year=pounds)
    assert type(built.amount_per_year) is decimal.Decimal
    assert built.amount_per_year == pounds
    assert built == contract(amount_per_year=decimal.Decimal(pounds))


def test_every_money_field_takes_an_int():
    costs = Costs(
        direct=20000,
        overheads=30000,
        basis="staff_time",
        project_measure=1,
        organisation_measure=4,
        other_funding=5000,
    )
    assert costs.full_cost == decimal.Decimal("27500.00")
    assert type(costs.other_funding) is decimal.Decimal
    commissioner = valuing_involvement.Commissioner(
        name="Lowmoor", body_type="local_authority", annual_budget=80000
    )
    assert commissioner.annual_budget == decimal.Decimal(80000)
    funding = valuing_involvement.IndirectFunding(via="Trust", amount_per_year=20000)
    assert type(funding.amount_per_year) is decimal.Decimal


@pytest.mark.parametrize(
    "value", [1250.0, float("nan"), True, "1250", decimal.Decimal("-0"), decimal.Decimal("NaN")]
)
def test_amounts_refuse_floats_text_and_signed_zero(value):
    with pytest.raises(FieldValueError, match=r"^Contract\.amount_per_year: "):
        contract(amount_per_year=value)

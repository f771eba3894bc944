"""Commissioners, their strategy, how they involve users and carers, and the local population.

The fields follow the commissioners' questionnaire (Appendix 4), so a commissioner's answers
become a self-assessment: a working definition (``G1``), a strategy and what it serves, takes
account of and covers (``G1(a)``, ``G2``, ``G3``), practice around applications, funding advice,
business plans and support (``G3(b)``, ``G3(c)``, ``§2.10``, ``§2.11``, ``§2.16``, ``§2.17``,
``§2.19``), and involvement in commissioning (``G5``).  ``None`` means the answer is not known.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable

import attrs

from valuing_involvement._enums import Choice, Ranked, ranked
from valuing_involvement._validators import (
    FieldValueError,
    all_instances,
    enum_set,
    instance_of,
    members_of,
    non_negative_amount,
    optional,
    optional_text,
    text,
    to_tuple,
)
from valuing_involvement.contracts import Representation
from valuing_involvement.groups import Infrastructure, _infrastructure_set
from valuing_involvement.orgids import OrgId

__all__ = [
    "BodyType",
    "Commissioner",
    "CommissioningBody",
    "Community",
    "Coverage",
    "Factor",
    "Involvement",
    "Objective",
    "Population",
    "Seat",
    "Stage",
    "Strategy",
]


class BodyType(Choice):
    """The kind of commissioning body (``§1.1``; integrated care boards are today's NHS form)."""

    PRIMARY_CARE_TRUST = "primary_care_trust"
    LOCAL_AUTHORITY = "local_authority"
    JOINT_PCT_LOCAL_AUTHORITY = "joint_pct_local_authority"
    JOINT_COMMISSIONING_BOARD = "joint_commissioning_board"
    MENTAL_HEALTH_TRUST = "mental_health_trust"
    INTEGRATED_CARE_BOARD = "integrated_care_board"


class Objective(Choice):
    """Strategic objectives commissioning user and carer groups can serve (``G1(a)`` i–vii)."""

    CAPACITY_BUILDING = "capacity_building"
    SUPPORT = "support"
    DIVERSITY = "diversity"
    SERVICE_IMPROVEMENT = "service_improvement"
    SERVICE_MONITORING = "service_monitoring"
    FEEDBACK = "feedback"
    LED_SERVICES = "led_services"


class Factor(Choice):
    """What strategic objectives take account of (``G2`` a–d)."""

    POPULATION_AND_DIVERSITY = "population_and_diversity"
    CONSULTATION = "consultation"
    CHANGING_NEEDS = "changing_needs"
    FLEXIBILITY = "flexibility"


class Coverage(Choice):
    """Key aspects a commissioning strategy covers (``G3`` a–f)."""

    DIVERSITY_OF_GROUPS = "diversity_of_groups"
    ACCESSIBLE_INFORMATION = "accessible_information"
    OTHER_FUNDING_INFORMATION = "other_funding_information"
    CONTINUITY_OF_FUNDING = "continuity_of_funding"
    SOCIAL_INCLUSION_LEADERSHIP = "social_inclusion_leadership"
    DIVERSITY_TARGETS_IN_PARTNERSHIP = "diversity_targets_in_partnership"


@ranked()
class Stage(Ranked):
    """Stages of commissioning, earliest first; ``G5(b)`` asks involvement to start at the first.

    ``rank`` is the stage's place in the cycle, from 0 for the strategy.

    >>> Stage.STRATEGY.rank < Stage.TENDER.rank
    True
    """

    STRATEGY = "strategy"
    NEEDS_ASSESSMENT = "needs_assessment"
    SPECIFICATION = "specification"
    TENDER = "tender"
    AWARD = "award"
    MONITORING = "monitoring"


class CommissioningBody(Choice):
    """Bodies with strategic oversight of commissioning (``G5(a)``)."""

    LOCAL_IMPLEMENTATION_TEAM = "local_implementation_team"
    PARTNERSHIP_BOARD = "partnership_board"
    OTHER = "other"


def _objectives(values: Iterable[Objective]) -> frozenset[Objective]:
    return enum_set(values)


def _factors(values: Iterable[Factor]) -> frozenset[Factor]:
    return enum_set(values)


def _coverage(values: Iterable[Coverage]) -> frozenset[Coverage]:
    return enum_set(values)


_optional_bool = optional(instance_of(bool))


@attrs.frozen(kw_only=True)
class Strategy:
    """A commissioning strategy for user and carer groups (``G1(a)``, ``G2``, ``G3``).

    >>> Strategy(written=True, objectives=[Objective.CAPACITY_BUILDING]).published
    False
    """

    written: bool = attrs.field(default=False, validator=instance_of(bool))
    published: bool = attrs.field(default=False, validator=instance_of(bool))
    objectives: frozenset[Objective] = attrs.field(
        factory=frozenset, converter=_objectives, validator=members_of(Objective)
    )
    takes_account_of: frozenset[Factor] = attrs.field(
        factory=frozenset, converter=_factors, validator=members_of(Factor)
    )
    covers: frozenset[Coverage] = attrs.field(
        factory=frozenset, converter=_coverage, validator=members_of(Coverage)
    )


@attrs.frozen(kw_only=True)
class Seat:
    """Users' or carers' seats on one commissioning body, and who fills them (``G5(a)``).

    >>> seat = Seat(body=CommissioningBody.PARTNERSHIP_BOARD, represented_by=Representation.DIRECT)
    >>> seat.body.value
    'partnership_board'
    """

    body: CommissioningBody = attrs.field(validator=instance_of(CommissioningBody))
    represented_by: Representation = attrs.field(validator=instance_of(Representation))
    name: str | None = attrs.field(default=None, validator=optional_text)


def _seats(values: Iterable[Seat]) -> tuple[Seat, ...]:
    return to_tuple(values)


@attrs.frozen(kw_only=True)
class Involvement:
    """How users and carers take part in commissioning (``G5``).

    ``starts_at`` is the earliest stage they are involved in, ``None`` when they are not.

    >>> Involvement(starts_at=Stage.TENDER).seats
    ()
    """

    seats: tuple[Seat, ...] = attrs.field(
        default=(), converter=_seats, validator=all_instances(Seat)
    )
    starts_at: Stage | None = attrs.field(default=None, validator=optional(instance_of(Stage)))


def _share(_instance: object, attribute: attrs.Attribute[decimal.Decimal], value: object) -> None:
    if isinstance(value, decimal.Decimal) and not (value.is_finite() and 0 <= value <= 1):
        raise FieldValueError(attribute.name, f"must be a share between 0 and 1, got {value}")


def community_key(name: str) -> str:
    """Fold a community's name for matching: a group serves a community of the same key.

    >>> community_key("  Bangladeshi ") == community_key("bangladeshi")
    True
    """
    return name.strip().casefold()


@attrs.frozen(kw_only=True)
class Community:
    """A community in the local population and its share of it, as the caller knows it.

    ``dimension`` groups communities (ethnicity, age, gender, sexual orientation, disability,
    housing, rurality ...); shares within one dimension should not exceed 1.  Groups serve a
    community when one of their ``communities`` has the same name, ignoring case.

    >>> Community(name="Bangladeshi", dimension="ethnicity", share=decimal.Decimal("0.12")).key
    'bangladeshi'
    """

    name: str = attrs.field(validator=text)
    dimension: str = attrs.field(validator=text)
    share: decimal.Decimal = attrs.field(validator=[instance_of(decimal.Decimal), _share])

    @property
    def key(self) -> str:
        """The name folded for matching against groups' communities."""
        return community_key(self.name)


def _communities(values: Iterable[Community]) -> tuple[Community, ...]:
    return to_tuple(values)


def _dimensions_within_one(
    _instance: object, attribute: attrs.Attribute[tuple[Community, ...]], value: object
) -> None:
    totals: dict[str, decimal.Decimal] = {}
    names: set[str] = set()
    for community in value:  # type: ignore[attr-defined]
        totals[community.dimension] = (
            totals.get(community.dimension, decimal.Decimal(0)) + community.share
        )
        if community.key in names:
            raise FieldValueError(attribute.name, f"names {community.name!r} twice")
        names.add(community.key)
    over = sorted(dimension for dimension, total in totals.items() if total > 1)
    if over:
        raise FieldValueError(attribute.name, f"shares add up to more than 1 in: {', '.join(over)}")


@attrs.frozen(kw_only=True)
class Population:
    """The local population's communities and their shares (``G2(a)``, ``G3(a)``).

    >>> Population(communities=[]).communities
    ()
    """

    communities: tuple[Community, ...] = attrs.field(
        default=(),
        converter=_communities,
        validator=[all_instances(Community), _dimensions_within_one],
    )


@attrs.frozen(kw_only=True)
class Commissioner:
    """A commissioning body and its practice, as the commissioners' questionnaire asks it.

    ``org_id`` identifies the body (``GB-LAE-…``, ``GB-NHS-…``); ``area`` and ``area_code``
    (a GSS code such as ``E09000030``) name the area it commissions for.  ``annual_budget``
    is the yearly budget for user and carer groups, in pounds, when one is set (``§2.9``):
    commitments in a financial year above it are reported (``VI341``).

    >>> Commissioner(name="Lowmoor Joint Commissioning",
    ...              body_type=BodyType.JOINT_PCT_LOCAL_AUTHORITY).has_definition is None
    True
    """

    name: str = attrs.field(validator=text)
    body_type: BodyType = attrs.field(validator=instance_of(BodyType))
    has_definition: bool | None = attrs.field(default=None, validator=_optional_bool)
    encourages_applications: bool | None = attrs.field(default=None, validator=_optional_bool)
    helps_with_applications: bool | None = attrs.field(default=None, validator=_optional_bool)
    advises_on_other_funding: bool | None = attrs.field(default=None, validator=_optional_bool)
    expects_business_plans: bool | None = attrs.field(default=None, validator=_optional_bool)
    helps_with_business_plans: bool | None = attrs.field(default=None, validator=_optional_bool)
    ongoing_support: bool | None = attrs.field(default=None, validator=_optional_bool)
    infrastructure_offered: frozenset[Infrastructure] = attrs.field(
        factory=frozenset, converter=_infrastructure_set, validator=members_of(Infrastructure)
    )
    budget_identifiable: bool | None = attrs.field(default=None, validator=_optional_bool)
    org_id: OrgId | None = attrs.field(default=None, validator=optional(instance_of(OrgId)))
    area: str | None = attrs.field(default=None, validator=optional_text)
    area_code: str | None = attrs.field(default=None, validator=optional_text)
    annual_budget: decimal.Decimal | None = attrs.field(
        default=None, validator=optional([instance_of(decimal.Decimal), non_negative_amount])
    )

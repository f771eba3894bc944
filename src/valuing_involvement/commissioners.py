"""Commissioners, their strategy, how they involve users and carers, and the local population.

The fields follow the commissioners' questionnaire (Appendix 4), so a commissioner's answers
become a self-assessment: a working definition (``G1``), a strategy and what it serves, takes
account of and covers (``G1(a)``, ``G2``, ``G3``), practice around applications, funding advice,
business plans and support (``G3(b)``, ``G3(c)``, ``§2.10``, ``§2.11``, ``§2.16``, ``§2.17``,
``§2.19``), and involvement in commissioning (``G5``).  ``None`` means the answer is not known.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable, Mapping

import attrs

from valuing_involvement._enums import (
    AsMember,
    AsMemberSet,
    AsOptionalMember,
    AsOptionalMemberSet,
    Choice,
    Ranked,
    ranked,
)
from valuing_involvement._frozen import FrozenDict
from valuing_involvement._validators import (
    all_instances,
    field_error,
    instance_of,
    members_of,
    non_negative_amount,
    optional,
    optional_text,
    text,
    to_amount,
    to_optional_amount,
    to_tuple,
)
from valuing_involvement.contracts import Representation
from valuing_involvement.groups import (
    Constituency,
    Infrastructure,
)
from valuing_involvement.orgids import OrgId
from valuing_involvement.roles import Role

__all__ = [
    "ApplicationAid",
    "BodyType",
    "Commissioner",
    "CommissioningBody",
    "Community",
    "Coverage",
    "Factor",
    "Involvement",
    "NonMonetarySupport",
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
    GROUPS_VIEWS = "groups_views"
    """The views of user and carer groups, who want to do more than involvement (``G2``)."""


class Coverage(Choice):
    """Key aspects a commissioning strategy covers (``G3`` a–f)."""

    DIVERSITY_OF_GROUPS = "diversity_of_groups"
    ACCESSIBLE_INFORMATION = "accessible_information"
    OTHER_FUNDING_INFORMATION = "other_funding_information"
    CONTINUITY_OF_FUNDING = "continuity_of_funding"
    SOCIAL_INCLUSION_LEADERSHIP = "social_inclusion_leadership"
    DIVERSITY_TARGETS_IN_PARTNERSHIP = "diversity_targets_in_partnership"


class ApplicationAid(Choice):
    """What makes the route to apply for funding open, as groups asked in ``§2.10``.

    Written guidance on how to apply, clear criteria, stated timescales, short application
    forms, and outreach to groups that are less well networked.
    """

    WRITTEN_GUIDANCE = "written_guidance"
    CLEAR_CRITERIA = "clear_criteria"
    TIMESCALES = "timescales"
    SHORT_FORMS = "short_forms"
    OUTREACH = "outreach"


class NonMonetarySupport(Choice):
    """Support other than money a commissioner offers groups (``§2.19``).

    The kinds commissioners said they gave or groups said they needed: emotional support and
    supervision, legal advice, ICT, interpreters, BSL and Braille, staff time, premises and
    facilities, and help with recruitment.
    """

    EMOTIONAL_SUPPORT = "emotional_support"
    LEGAL_ADVICE = "legal_advice"
    ICT = "ict"
    INTERPRETING = "interpreting"
    STAFF_TIME = "staff_time"
    PREMISES = "premises"
    RECRUITMENT = "recruitment"


@ranked()
class Stage(Ranked):
    """Stages of commissioning, earliest first; ``G5(b)`` asks involvement to start early.

    ``rank`` is the stage's place in the cycle, from 0 for the needs assessment, which comes
    before the strategy built on it.  ``G5(b)`` names building the strategy as an example of
    the earliest possible stage, not as the first stage there is.

    >>> Stage.NEEDS_ASSESSMENT.rank < Stage.STRATEGY.rank < Stage.TENDER.rank
    True
    """

    NEEDS_ASSESSMENT = "needs_assessment"
    STRATEGY = "strategy"
    SPECIFICATION = "specification"
    TENDER = "tender"
    AWARD = "award"
    MONITORING = "monitoring"


class CommissioningBody(Choice):
    """Bodies with strategic oversight of commissioning (``G5(a)``)."""

    LOCAL_IMPLEMENTATION_TEAM = "local_implementation_team"
    PARTNERSHIP_BOARD = "partnership_board"
    OTHER = "other"


_optional_bool = optional(instance_of(bool))


@attrs.frozen(kw_only=True)
class Strategy:
    """A commissioning strategy for user and carer groups (``G1(a)``, ``G2``, ``G3``).

    ``written``: whether it is written down; ``published``: whether groups can read it
    (``G3(b)``); each ``None`` when not known, never taken as "no".

    >>> Strategy(written=True, objectives=[Objective.CAPACITY_BUILDING]).published is None
    True
    """

    written: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    published: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    objectives: frozenset[Objective] = attrs.field(
        factory=frozenset, converter=AsMemberSet[Objective], validator=members_of(Objective)
    )
    takes_account_of: frozenset[Factor] = attrs.field(
        factory=frozenset, converter=AsMemberSet[Factor], validator=members_of(Factor)
    )
    covers: frozenset[Coverage] = attrs.field(
        factory=frozenset, converter=AsMemberSet[Coverage], validator=members_of(Coverage)
    )


@attrs.frozen(kw_only=True)
class Seat:
    """One seat for users or carers on a commissioning body, and who takes it (``G5(a)``).

    * ``speaks_for``: whom the seat speaks for -- service users, carers, or both;
    * ``holder_roles``: the roles of the person who takes it (empty when they are neither a
      service user nor a carer, ``None`` when not known);
    * ``paid``: whether they take it as a paid worker (``None`` when not known).  Pay alone
      does not matter: ``G5(a)`` objects to paid workers who are *not* users or carers.

    >>> seat = Seat(body=CommissioningBody.PARTNERSHIP_BOARD, speaks_for=Constituency.CARERS,
    ...             holder_roles=[], paid=True)
    >>> seat.represented_by.value, seat.direct_for
    ('paid_workers', frozenset())
    """

    body: CommissioningBody = attrs.field(
        converter=AsMember[CommissioningBody], validator=instance_of(CommissioningBody)
    )
    speaks_for: Constituency = attrs.field(
        converter=AsMember[Constituency], validator=instance_of(Constituency)
    )
    holder_roles: frozenset[Role] | None = attrs.field(
        default=None, converter=AsOptionalMemberSet[Role], validator=optional(members_of(Role))
    )
    paid: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    name: str | None = attrs.field(default=None, validator=optional_text)

    @property
    def direct_for(self) -> frozenset[Role]:
        """The roles the seat speaks for that its holder holds: whom it represents directly.

        >>> Seat(body=CommissioningBody.OTHER, speaks_for=Constituency.SERVICE_USERS_AND_CARERS,
        ...      holder_roles=[Role.CARER]).direct_for == {Role.CARER}
        True
        """
        if self.holder_roles is None:
            return frozenset()
        return self.holder_roles & self.speaks_for.roles

    @property
    def represented_by(self) -> Representation | None:
        """How the seat's constituency is represented: ``None`` when the facts do not say.

        ``direct`` when the holder holds a role the seat speaks for (paid or not);
        ``paid_workers`` when a paid worker who holds none of them takes it.

        >>> Seat(body=CommissioningBody.OTHER, speaks_for=Constituency.CARERS,
        ...      holder_roles=[Role.CARER], paid=True).represented_by.value
        'direct'
        """
        if self.direct_for:
            return Representation.DIRECT
        if self.holder_roles is not None and self.paid is True:
            return Representation.PAID_WORKERS
        return None


def _seats(values: Iterable[Seat]) -> tuple[Seat, ...]:
    return to_tuple(values)


def _not_involved_yet_staged(
    instance: Involvement, attribute: attrs.Attribute[bool | None], value: bool | None
) -> None:
    if value is False and instance.starts_at is not None:
        raise field_error(
            instance,
            attribute.name,
            "is false, yet starts_at records a stage they are involved from",
        )


@attrs.frozen(kw_only=True)
class Involvement:
    """How users and carers take part in commissioning (``G5``, ``§2.18``, ``§2.21``).

    Every fact but ``seats`` may be ``None``, meaning not known:

    * ``involved``: whether users and carers take part in commissioning at all;
    * ``starts_at``: the earliest stage they take part in;
    * ``money_decided_outside``: whether money is decided outside the meetings they attend
      (``§2.18``: "financial decisions made outside meetings");
    * ``in_tendering``: whether they take part in tendering, one form of involvement
      commissioners listed (``§2.18``); recorded, but no rule reads its absence as tokenism;
    * ``duty_known``: whether the commissioner is aware of its duties under section 11 of the
      Health and Social Care Act 2001 (``§2.21``: the authors' impression was of low awareness).

    >>> Involvement(starts_at=Stage.TENDER).seats
    ()
    """

    seats: tuple[Seat, ...] = attrs.field(
        default=(), converter=_seats, validator=all_instances(Seat)
    )
    starts_at: Stage | None = attrs.field(
        default=None, converter=AsOptionalMember[Stage], validator=optional(instance_of(Stage))
    )
    involved: bool | None = attrs.field(
        default=None, validator=[optional(instance_of(bool)), _not_involved_yet_staged]
    )
    money_decided_outside: bool | None = attrs.field(default=None, validator=_optional_bool)
    in_tendering: bool | None = attrs.field(default=None, validator=_optional_bool)
    duty_known: bool | None = attrs.field(default=None, validator=_optional_bool)


def _share(instance: object, attribute: attrs.Attribute[decimal.Decimal], value: object) -> None:
    if isinstance(value, decimal.Decimal) and not (value.is_finite() and 0 <= value <= 1):
        message = f"must be a share between 0 and 1, got {value}"
        raise field_error(instance, attribute.name, message)


_NOT_WORD = re.compile(r"[\W_]+")


def community_key(name: str) -> str:
    """Fold a community's name for matching: a group serves a community of the same key.

    Case, spacing and punctuation are folded, nothing else: the words must be the same.  A
    narrower community ("Somali women") is not the broader one ("Somali"); a caller who wants
    one counted as part of another says so with :attr:`Community.part_of`.

    >>> community_key("  Bangladeshi ") == community_key("bangladeshi")
    True
    >>> community_key("Lesbian, gay & bisexual"), community_key("Somali  women")
    ('lesbian gay bisexual', 'somali women')
    """
    return " ".join(_NOT_WORD.sub(" ", name.casefold()).split())


@attrs.frozen(kw_only=True)
class Community:
    """A community in the local population and its share of it, as the caller knows it.

    ``dimension`` groups communities (ethnicity, age, gender, sexual orientation, disability,
    housing, rurality ...); shares within one dimension should not exceed 1.  ``part_of``
    names the broader community this one belongs to (``"Bangladeshi"`` is part of ``"Asian"``,
    part of ``"BME"``), whether or not the broader one is listed itself: a group serving the
    broad community serves its parts (see :meth:`Population.lineage`).

    >>> Community(name="Bangladeshi", dimension="ethnicity", share=decimal.Decimal("0.12")).key
    'bangladeshi'
    """

    name: str = attrs.field(validator=text)
    dimension: str = attrs.field(validator=text)
    share: decimal.Decimal = attrs.field(
        converter=to_amount, validator=[instance_of(decimal.Decimal), _share]
    )
    part_of: str | None = attrs.field(default=None, validator=optional_text)

    @property
    def key(self) -> str:
        """The name folded for matching against groups' communities."""
        return community_key(self.name)


def _communities(values: Iterable[Community]) -> tuple[Community, ...]:
    return to_tuple(values)


def _dimensions_within_one(
    instance: object, attribute: attrs.Attribute[tuple[Community, ...]], value: object
) -> None:
    totals: dict[str, decimal.Decimal] = {}
    names: set[str] = set()
    for community in value:  # type: ignore[attr-defined]
        if community.key in names:
            raise field_error(instance, attribute.name, f"names {community.name!r} twice")
        names.add(community.key)
    parents = {c.key: community_key(c.part_of) for c in value if c.part_of}  # type: ignore[attr-defined]
    for community in value:  # type: ignore[attr-defined]
        seen, key = {community.key}, parents.get(community.key)
        while key is not None:
            if key in seen:
                message = f"{community.name!r} is part of itself"
                raise field_error(instance, attribute.name, message)
            seen.add(key)
            key = parents.get(key)
        # A part is counted in its listed whole; only the broadest listed communities add up.
        if community.part_of is None or community_key(community.part_of) not in names:
            totals[community.dimension] = (
                totals.get(community.dimension, decimal.Decimal(0)) + community.share
            )
    over = sorted(dimension for dimension, total in totals.items() if total > 1)
    if over:
        message = f"shares add up to more than 1 in: {', '.join(over)}"
        raise field_error(instance, attribute.name, message)


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
    # Each community's broader one, by folded name: built once, as lineage() runs per pair of
    # community and group.
    _parents: Mapping[str, str | None] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Index the communities' broader ones by folded name."""
        parents = {c.key: c.part_of for c in self.communities}
        object.__setattr__(self, "_parents", FrozenDict(parents))

    def lineage(self, community: Community) -> tuple[str, ...]:
        """The folded names that cover ``community``: its own, then each broader one's.

        >>> bangladeshi = Community(name="Bangladeshi", dimension="ethnicity",
        ...                         share=decimal.Decimal("0.1"), part_of="Asian")
        >>> asian = Community(name="Asian", dimension="ethnicity",
        ...                   share=decimal.Decimal("0.2"), part_of="BME")
        >>> Population(communities=[bangladeshi, asian]).lineage(bangladeshi)
        ('bangladeshi', 'asian', 'bme')
        """
        keys = [community.key]
        parent = community.part_of
        while parent is not None and community_key(parent) not in keys:
            keys.append(community_key(parent))
            parent = self._parents.get(keys[-1])
        return tuple(keys)

    def serves(self, community: Community, names: Iterable[str]) -> bool:
        """Whether a group naming ``names`` serves ``community``, at the population's detail.

        A name matches the community or any broader community it is part of, ignoring case;
        a group naming only a part of the community does not serve the whole.

        >>> bangladeshi = Community(name="Bangladeshi", dimension="ethnicity",
        ...                         share=decimal.Decimal("0.1"), part_of="BME")
        >>> population = Population(communities=[bangladeshi])
        >>> population.serves(bangladeshi, ["bme"]), population.serves(bangladeshi, ["Somali"])
        (True, False)
        """
        return not {community_key(name) for name in names}.isdisjoint(self.lineage(community))

    def part_of(self, name: str, community: Community) -> bool:
        """Whether ``name`` is a narrower community than ``community``, as the caller states it.

        True when ``name`` is a listed community whose ``part_of`` chain reaches ``community``.
        A name that is not listed is never guessed to be a part, however alike the words.

        >>> bangladeshi = Community(name="Bangladeshi", dimension="ethnicity",
        ...                         share=decimal.Decimal("0.1"), part_of="Asian")
        >>> asian = Community(name="Asian", dimension="ethnicity", share=decimal.Decimal("0.2"))
        >>> population = Population(communities=[bangladeshi, asian])
        >>> population.part_of("bangladeshi", asian), population.part_of("Asian women", asian)
        (True, False)
        """
        key = community_key(name)
        listed = next((c for c in self.communities if c.key == key), None)
        return listed is not None and community.key in self.lineage(listed)[1:]


@attrs.frozen(kw_only=True)
class Commissioner:
    """A commissioning body and its practice, as the commissioners' questionnaire asks it.

    ``org_id`` identifies the body (``GB-LAE-…``, ``GB-NHS-…``); ``area`` and ``area_code``
    (a GSS code such as ``E09000030``) name the area it commissions for.
    ``application_route`` holds what makes applying open (``§2.10``) and
    ``non_monetary_support`` the support other than money it offers (``§2.19``); both are
    ``None`` when not known and an empty set when there is none.
    ``annual_budget`` is the yearly budget for user and carer groups, in pounds, when one is set
    (``§2.9``): commitments in a financial year above it are reported (``VI341``).

    >>> Commissioner(name="Lowmoor Joint Commissioning",
    ...              body_type=BodyType.JOINT_PCT_LOCAL_AUTHORITY).has_definition is None
    True
    """

    name: str = attrs.field(validator=text)
    body_type: BodyType = attrs.field(converter=AsMember[BodyType], validator=instance_of(BodyType))
    has_definition: bool | None = attrs.field(default=None, validator=_optional_bool)
    encourages_applications: bool | None = attrs.field(default=None, validator=_optional_bool)
    helps_with_applications: bool | None = attrs.field(default=None, validator=_optional_bool)
    advises_on_other_funding: bool | None = attrs.field(default=None, validator=_optional_bool)
    expects_business_plans: bool | None = attrs.field(default=None, validator=_optional_bool)
    helps_with_business_plans: bool | None = attrs.field(default=None, validator=_optional_bool)
    ongoing_support: bool | None = attrs.field(default=None, validator=_optional_bool)
    infrastructure_offered: frozenset[Infrastructure] = attrs.field(
        factory=frozenset,
        converter=AsMemberSet[Infrastructure],
        validator=members_of(Infrastructure),
    )
    application_route: frozenset[ApplicationAid] | None = attrs.field(
        default=None,
        converter=AsOptionalMemberSet[ApplicationAid],
        validator=optional(members_of(ApplicationAid)),
    )
    non_monetary_support: frozenset[NonMonetarySupport] | None = attrs.field(
        default=None,
        converter=AsOptionalMemberSet[NonMonetarySupport],
        validator=optional(members_of(NonMonetarySupport)),
    )
    budget_identifiable: bool | None = attrs.field(default=None, validator=_optional_bool)
    org_id: OrgId | None = attrs.field(default=None, validator=optional(instance_of(OrgId)))
    area: str | None = attrs.field(default=None, validator=optional_text)
    area_code: str | None = attrs.field(default=None, validator=optional_text)
    annual_budget: decimal.Decimal | None = attrs.field(
        default=None,
        converter=to_optional_amount,
        validator=optional([instance_of(decimal.Decimal), non_negative_amount]),
    )

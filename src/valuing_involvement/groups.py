"""Service user and carer groups: who sits on their decision-making body and what they control.

A group is described by facts, not by a label it gives itself: its constituency, the members of
its decision-making body and their roles, which key decisions (money, personnel, policy; ``§2.1``)
it takes itself, and whether another organisation hosts it (``G4(b)``).  The classification in
:mod:`valuing_involvement.classification` reads these facts.

Member records describe roles, never identities.  A member may carry a free-text ``label`` for
the caller's own bookkeeping; mark it ``private=True`` and it never appears in a repr.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

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
from valuing_involvement._html import field_table
from valuing_involvement._interning import Interned
from valuing_involvement._validators import (
    all_instances,
    each_text,
    instance_of,
    members_of,
    optional,
    optional_text,
    text,
    text_set,
    to_tuple,
)
from valuing_involvement.orgids import OrgId
from valuing_involvement.roles import Role

__all__ = [
    "Activity",
    "BodyKind",
    "Constituency",
    "DecisionBody",
    "DiversityApproach",
    "Domain",
    "Group",
    "Host",
    "HostKind",
    "Infrastructure",
    "Leadership",
    "LegalForm",
    "Member",
    "SeatCount",
]


class Constituency(Choice):
    """Whom a group is for: service users, carers, or both in a joint forum."""

    SERVICE_USERS = "service_users"
    CARERS = "carers"
    SERVICE_USERS_AND_CARERS = "service_users_and_carers"

    @property
    def roles(self) -> frozenset[Role]:
        """The roles that count towards leadership of a group with this constituency.

        >>> sorted(r.value for r in Constituency.SERVICE_USERS_AND_CARERS.roles)
        ['carer', 'service_user']
        """
        return _CONSTITUENCY_ROLES[self]


_CONSTITUENCY_ROLES = {
    Constituency.SERVICE_USERS: frozenset({Role.SERVICE_USER}),
    Constituency.CARERS: frozenset({Role.CARER}),
    Constituency.SERVICE_USERS_AND_CARERS: frozenset({Role.SERVICE_USER, Role.CARER}),
}
# Where a constituency's (counting, associates) pair sits in DecisionBody._seats; associates
# are counted among those who count, and once more on their own for the reasons.
_SEAT_OFFSET = {constituency: 1 + 2 * i for i, constituency in enumerate(_CONSTITUENCY_ROLES)}
_SEAT_COLUMNS = tuple((_SEAT_OFFSET[c], roles) for c, roles in _CONSTITUENCY_ROLES.items())
_TALLIES: Interned[tuple[int, ...]] = Interned()
# What classify_group reads of a group: constituency, controls, the host's name and the outside
# decisions it takes (only when the facts say it takes some), whether the group is recorded as
# part of its host, the body's kind, and its SeatCount for the constituency.
# A plain tuple, not a NamedTuple: classify_group unpacks it into a call, and CPython passes an
# exact tuple through without copying it.
_Facts = tuple[
    "Constituency",
    "frozenset[Domain]",
    "str | None",
    "frozenset[Domain]",
    bool,
    "BodyKind | None",
    int,
    int,
    int,
]
_FACTS: Interned[_Facts] = Interned()


class Domain(Choice):
    """A key decision a group may take itself or leave to an outside body (``§2.1``)."""

    MONEY = "money"
    PERSONNEL = "personnel"
    POLICY = "policy"


@ranked(highest_first=True)
class Leadership(Ranked):
    """How far service users or carers lead a group (``G1(b)``).

    :func:`~valuing_involvement.classify_group` decides it from the group's facts.  Ranked
    neither (0) < led (1) < run (2).

    >>> Leadership.LED.rank < Leadership.RUN.rank
    True
    """

    RUN = "run"
    LED = "led"
    NEITHER = "neither"


class BodyKind(Choice):
    """The kind of body that takes a group's decisions."""

    MANAGEMENT_COMMITTEE = "management_committee"
    TRUSTEES = "trustees"
    STEERING_GROUP = "steering_group"
    MEMBERS_MEETING = "members_meeting"


class LegalForm(Choice):
    """A group's legal form (``G4(a)`` warns against taking one on too early)."""

    INFORMAL = "informal"
    UNINCORPORATED_ASSOCIATION = "unincorporated_association"
    CHARITY = "charity"
    CHARITABLE_COMPANY = "charitable_company"
    CHARITABLE_INCORPORATED_ORGANISATION = "charitable_incorporated_organisation"
    COMPANY = "company"
    COMMUNITY_INTEREST_COMPANY = "community_interest_company"
    COMMUNITY_BENEFIT_SOCIETY = "community_benefit_society"
    PART_OF_HOST = "part_of_host"


class HostKind(Choice):
    """The kind of organisation that hosts a group (``G4(b)``, ``§2.1``)."""

    VOLUNTARY_AGENCY = "voluntary_agency"
    NHS_TRUST = "nhs_trust"
    LOCAL_AUTHORITY = "local_authority"
    OTHER = "other"


class DiversityApproach(Choice):
    """How a group says it approaches diversity (groups' questionnaire Q8, ``§2.13``).

    ``open_to_all``: open to everyone, with no approach of its own (what ``§2.13`` read as a
    lack of awareness); ``recognises_gaps``: knows there is more to do; ``active``: reaches out,
    monitors or runs work for particular communities.
    """

    OPEN_TO_ALL = "open_to_all"
    RECOGNISES_GAPS = "recognises_gaps"
    ACTIVE = "active"


class Activity(Choice):
    """What a group does (``§2.5``); commissioners mostly buy involvement (``§2.6``)."""

    INVOLVEMENT = "involvement"
    SUPPORT = "support"
    SERVICES = "services"
    ADVOCACY = "advocacy"
    TRAINING = "training"
    MONITORING = "monitoring"
    CAMPAIGNING = "campaigning"
    CULTURAL_WORK = "cultural_work"
    INFORMATION = "information"
    CAPACITY_BUILDING = "capacity_building"


class Infrastructure(Choice):
    """Basic infrastructure a group needs for involvement work (``G5(c)``)."""

    PREMISES = "premises"
    TELEPHONES = "telephones"
    COMPUTERS = "computers"
    PHOTOCOPYING = "photocopying"


# Enum fields take their converters from one typed factory (``_enums.AsMember[Role]`` and its
# siblings): each accepts an enum's members and their value strings (``"carer"``), and what it
# cannot convert it leaves for the validator (see ``_validators``).


def _member_tuple(values: Iterable[Member]) -> tuple[Member, ...]:
    return to_tuple(values)


@attrs.frozen(kw_only=True, repr=False)
class Member:
    """A seat on a decision-making body, described by roles rather than by identity.

    * ``roles``: the roles the member holds (any iterable of :class:`Role`; stored as a
      frozenset).  Empty for a paid worker, professional, volunteer or ally who holds neither.
    * ``voting``: whether the member takes part in the body's decisions.  Non-voting attendees
      (officers, observers) are not decision-makers and are left out of every count.
    * ``associate``: whether they are an associate rather than a full member (``§2.4``).
      Membership class does not decide who counts: a voting associate counts by their roles,
      as the definition looks at who sits and decides on the body (``G1(b)``).
    * ``paid``: whether the member is paid by the group or its host.  Pay alone does not stop a
      service user or carer from counting; it is recorded because ``G5(a)`` cares about it.
    * ``label`` and ``private``: an optional tag for the caller's bookkeeping (a seat name such as
      ``"chair"``).  When ``private`` is true the label is replaced by ``'<private>'`` in reprs.

    >>> Member(roles=[Role.CARER], label="J. Doe", private=True)
    Member(roles=frozenset({<Role.CARER: 'carer'>}), label='<private>')
    """

    roles: frozenset[Role] = attrs.field(
        factory=frozenset, converter=AsMemberSet[Role], validator=members_of(Role)
    )
    voting: bool = attrs.field(default=True, validator=instance_of(bool))
    associate: bool = attrs.field(default=False, validator=instance_of(bool))
    paid: bool = attrs.field(default=False, validator=instance_of(bool))
    label: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    private: bool = attrs.field(default=False, validator=instance_of(bool))

    def __repr__(self) -> str:
        """Show the member's roles and flags, hiding a private label."""
        parts = [f"roles={self.roles!r}"]
        parts.extend(
            f"{name}={value!r}"
            for name, value, default in (
                ("voting", self.voting, True),
                ("associate", self.associate, False),
                ("paid", self.paid, False),
            )
            if value is not default
        )
        if self.label is not None:
            parts.append("label='<private>'" if self.private else f"label={self.label!r}")
        return f"Member({', '.join(parts)})"


class SeatCount(NamedTuple):
    """Voting seats on a decision-making body, as counted by :meth:`DecisionBody.seats`."""

    voting: int
    counting: int
    associates: int


@attrs.frozen(kw_only=True)
class DecisionBody:
    """The body that takes a group's decisions, and the members who sit on it.

    ``members`` accepts any iterable of :class:`Member` and is stored as a tuple in the order
    given; the classification does not depend on that order.

    >>> body = DecisionBody(members=[Member(roles=[Role.SERVICE_USER])] * 3)
    >>> body.kind.value, len(body.members)
    ('management_committee', 3)
    """

    members: tuple[Member, ...] = attrs.field(
        converter=_member_tuple, validator=all_instances(Member)
    )
    kind: BodyKind = attrs.field(
        default=BodyKind.MANAGEMENT_COMMITTEE,
        converter=AsMember[BodyKind],
        validator=instance_of(BodyKind),
    )
    # Seats counted once, when the body is built, so classifying never walks the members:
    # the voting seats, then (counting, associates) for each constituency in _SEAT_OFFSET order.
    _seats: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Count the seats once the validators have passed (every member is a Member)."""
        object.__setattr__(self, "_seats", self._count_seats())

    def _count_seats(self) -> tuple[int, ...]:
        # One pass: [voting, then (counting, associates) for each constituency].
        seats = [0] * (1 + 2 * len(_SEAT_COLUMNS))
        for member in self.members:
            if member.voting:
                seats[0] += 1
                if member.roles:
                    for offset, wanted in _SEAT_COLUMNS:
                        if not member.roles.isdisjoint(wanted):
                            seats[offset] += 1
                            seats[offset + 1] += member.associate
        return _TALLIES.share(tuple(seats))

    def seats(self, constituency: Constituency) -> SeatCount:
        """Count the body's voting seats as the definition reads them for ``constituency``.

        ``voting`` is every voting member; ``counting`` those who hold a role of the
        constituency, full or associate members alike; ``associates`` how many of those who
        count are associates (``§2.4``), for the reasons.  Counted once, when the body is built.

        >>> body = DecisionBody(members=[
        ...     Member(roles=[Role.CARER]),
        ...     Member(roles=[Role.SERVICE_USER], associate=True),
        ...     Member(),
        ...     Member(roles=[Role.SERVICE_USER], voting=False),
        ... ])
        >>> body.seats(Constituency.SERVICE_USERS)
        SeatCount(voting=3, counting=1, associates=1)
        >>> body.seats(Constituency.SERVICE_USERS_AND_CARERS).counting
        2
        """
        offset = _SEAT_OFFSET[constituency]
        return SeatCount(self._seats[0], *self._seats[offset : offset + 2])


@attrs.frozen(kw_only=True)
class Host:
    """An organisation that hosts a group, often in its early stages (``G4(b)``).

    ``kind`` is the kind of organisation, ``None`` when not stated: an unstated kind is
    unknown, never guessed from the name (``VI415`` reads it).  ``takes`` is the key decisions
    the host takes for the group (``None`` when not known); the classification names the host
    as taking a decision only when this says so.

    >>> Host(name="Borough Mind", kind=HostKind.VOLUNTARY_AGENCY).kind.value
    'voluntary_agency'
    """

    name: str = attrs.field(validator=text)
    kind: HostKind | None = attrs.field(
        default=None,
        converter=AsOptionalMember[HostKind],
        validator=optional(instance_of(HostKind)),
    )
    takes: frozenset[Domain] | None = attrs.field(
        default=None, converter=AsOptionalMemberSet[Domain], validator=optional(members_of(Domain))
    )


@attrs.frozen(kw_only=True)
class Group:
    """A service user and/or carer group, described by the facts the definition reads.

    Required, because the classification turns on them:

    * ``name``: the group's public name (an organisation's name, not a person's);
    * ``constituency``: service users, carers, or both;
    * ``decision_body``: the body that takes its decisions, or ``None`` when that is not known;
    * ``controls``: which key decisions -- money, personnel, policy -- the group takes itself.
      A domain left out is taken by someone else (a host, a trust, a funder).

    Optional: ``host``, ``self_described`` (the group's own answer to the groups'
    questionnaire Q1 -- run, led or neither -- ``None`` when not asked), ``legal_form``
    (``None`` when unknown), ``activities`` (``§2.5``),
    ``communities`` served (free text such as ``"BME"`` or ``"homeless people"``; a broad
    community covers its parts, see :class:`~valuing_involvement.Population`), the communities
    a general group's membership ``reflects`` (``§2.13``), its ``diversity_approach``, the
    ``infrastructure`` the group has access to (``None`` when unknown; ``G5(c)``), a
    ``reference`` that other records may use to point at the group, and its registration:
    ``org_id`` (:class:`~valuing_involvement.OrgId`), ``charity_number``, ``company_number``.

    >>> group = Group(
    ...     name="Riverside Voices",
    ...     constituency=Constituency.SERVICE_USERS,
    ...     decision_body=DecisionBody(members=[Member(roles=[Role.SERVICE_USER])] * 5),
    ...     controls=[Domain.MONEY, Domain.PERSONNEL, Domain.POLICY],
    ... )
    >>> group.hosted
    False
    """

    name: str = attrs.field(validator=text)
    constituency: Constituency = attrs.field(
        converter=AsMember[Constituency], validator=instance_of(Constituency)
    )
    decision_body: DecisionBody | None = attrs.field(validator=optional(instance_of(DecisionBody)))
    controls: frozenset[Domain] = attrs.field(
        converter=AsMemberSet[Domain], validator=members_of(Domain)
    )
    host: Host | None = attrs.field(default=None, validator=optional(instance_of(Host)))
    self_described: Leadership | None = attrs.field(
        default=None,
        converter=AsOptionalMember[Leadership],
        validator=optional(instance_of(Leadership)),
    )
    legal_form: LegalForm | None = attrs.field(
        default=None,
        converter=AsOptionalMember[LegalForm],
        validator=optional(instance_of(LegalForm)),
    )
    activities: frozenset[Activity] = attrs.field(
        factory=frozenset, converter=AsMemberSet[Activity], validator=members_of(Activity)
    )
    communities: frozenset[str] = attrs.field(
        factory=frozenset,
        converter=text_set,
        validator=each_text,
    )
    reflects: frozenset[str] = attrs.field(
        factory=frozenset, converter=text_set, validator=each_text
    )
    diversity_approach: DiversityApproach | None = attrs.field(
        default=None,
        converter=AsOptionalMember[DiversityApproach],
        validator=optional(instance_of(DiversityApproach)),
    )
    infrastructure: frozenset[Infrastructure] | None = attrs.field(
        default=None,
        converter=AsOptionalMemberSet[Infrastructure],
        validator=optional(members_of(Infrastructure)),
    )
    reference: str | None = attrs.field(default=None, validator=optional_text)
    org_id: OrgId | None = attrs.field(default=None, validator=optional(instance_of(OrgId)))
    charity_number: str | None = attrs.field(default=None, validator=optional_text)
    company_number: str | None = attrs.field(default=None, validator=optional_text)
    # The facts the classification reads, gathered once when the group is built (see
    # classification._decide).  Equal facts share one tuple (see _interning).
    _facts: _Facts = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Gather the classification's facts once the validators have passed."""
        object.__setattr__(self, "_facts", self._gather_facts())

    def _gather_facts(self) -> _Facts:
        controls, host, body = self.controls, self.host, self.decision_body
        # The host is named only for the outside decisions the facts say it takes.
        outside = frozenset(Domain) - controls
        takes = frozenset() if host is None or host.takes is None else host.takes & outside
        host_name = host.name if host is not None and takes else None
        part_of_host = self.legal_form is LegalForm.PART_OF_HOST
        if body is None:
            kind, seats = None, SeatCount(0, 0, 0)
        else:
            kind, seats = body.kind, body.seats(self.constituency)
        facts: _Facts = (self.constituency, controls, host_name, takes, part_of_host, kind, *seats)
        return _FACTS.share(facts)

    @property
    def hosted(self) -> bool:
        """Whether another organisation hosts the group."""
        return self.host is not None

    def _repr_html_(self) -> str:
        """Render the group's facts as an HTML table for notebooks; private labels stay hidden.

        >>> group = Group(name="Riverside <Voices>", constituency=Constituency.CARERS,
        ...     decision_body=DecisionBody(members=[Member(label="J. Doe", private=True)]),
        ...     controls=[Domain.POLICY])
        >>> page = group._repr_html_()
        >>> "Riverside &lt;Voices&gt;" in page, "J. Doe" in page, "&lt;private&gt;" in page
        (True, False, True)
        """
        body = self.decision_body
        rows: list[tuple[str, object]] = [
            ("constituency", _words(self.constituency)),
            ("decision-making body", "not recorded" if body is None else _body_line(body)),
        ]
        if body is not None:
            rows += [(f"member {i}", _member_line(m)) for i, m in enumerate(body.members, 1)]
        rows.append(("decides itself", _words_of(self.controls) or "none of the key decisions"))
        if self.host is not None:
            takes = "not known" if self.host.takes is None else _words_of(self.host.takes)
            rows.append(
                (
                    "host",
                    f"{self.host.name} ({_host_words(self.host.kind)}; takes: {takes or 'none'})",
                )
            )
        optional: tuple[tuple[str, object], ...] = (
            ("describes itself as", self.self_described and _words(self.self_described)),
            ("legal form", self.legal_form and _words(self.legal_form)),
            ("activities", _words_of(self.activities)),
            ("communities served", ", ".join(sorted(self.communities))),
            ("membership reflects", ", ".join(sorted(self.reflects))),
            ("diversity approach", self.diversity_approach and _words(self.diversity_approach)),
            (
                "infrastructure",
                None if self.infrastructure is None else _words_of(self.infrastructure) or "none",
            ),
            ("reference", self.reference),
            ("org-id", self.org_id),
            ("charity number", self.charity_number),
            ("company number", self.company_number),
        )
        rows += [(label, value) for label, value in optional if value]
        return field_table(rows, caption=self.name)


def _words(choice: Choice) -> str:
    return str(choice.value).replace("_", " ")


def _host_words(kind: HostKind | None) -> str:
    return "kind not stated" if kind is None else _words(kind)


def _words_of(choices: Iterable[Choice]) -> str:
    return ", ".join(sorted(_words(choice) for choice in choices))


def _body_line(body: DecisionBody) -> str:
    voting = sum(member.voting for member in body.members)
    return f"{_words(body.kind)}: {len(body.members)} members, {voting} voting"


def _member_line(member: Member) -> str:
    """A member as a notebook shows them: roles, flags, and a label unless it is private."""
    parts = [_words_of(member.roles) or "neither role"]
    parts += [
        flag
        for flag, on in (
            ("non-voting", not member.voting),
            ("associate", member.associate),
            ("paid", member.paid),
        )
        if on
    ]
    if member.label is not None:
        parts.append("<private>" if member.private else member.label)
    return "; ".join(parts)

"""VI5xx: users' and carers' involvement in commissioning and what groups need for it (``G5``).

``G5(a)`` and ``G5(b)`` are instructions ("should be directly represented", "should begin at
the earliest possible stage"); ``G5(c)`` asks commissioners to *consider* infrastructure; what
``§2.18`` and ``§2.21`` report (token involvement, little awareness of the duty to involve) are
survey findings, and their rules are advice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from valuing_involvement.commissioners import Seat, Stage
from valuing_involvement.contracts import Representation
from valuing_involvement.groups import Group, Infrastructure
from valuing_involvement.roles import Role
from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import (
    Evidence,
    Hit,
    Modality,
    Subject,
    rule,
)

__all__ = ["RULES"]

_PEOPLE = {Role.SERVICE_USER: "service users", Role.CARER: "carers"}
_ONE = {Role.SERVICE_USER: "service user", Role.CARER: "carer"}
_INFRASTRUCTURE_ORDER = tuple(Infrastructure)


def _items(items: frozenset[Infrastructure]) -> str:
    return ", ".join(item.value for item in _INFRASTRUCTURE_ORDER if item in items)


def _body(seat: Seat) -> str:
    return seat.name or seat.body.value.replace("_", " ")


def _representation_unrecorded(ctx: Context) -> bool:
    """How the group is represented on commissioning bodies is not recorded."""
    return ctx.contract.representation is None


def _seats(ctx: PortfolioContext) -> tuple[Seat, ...]:
    involvement = ctx.portfolio.involvement
    return () if involvement is None else involvement.seats


def _holder_known(seat: Seat) -> bool:
    """Whether a seat says enough to tell a paid worker who is neither from anyone else."""
    return seat.holder_roles is not None and (bool(seat.holder_roles) or seat.paid is not None)


def _holders_unrecorded(ctx: PortfolioContext) -> bool:
    """No seat records enough of its holder (roles, and pay if neither) to tell."""
    return not any(_holder_known(seat) for seat in _seats(ctx))


def _constituency_unresolved(seats: tuple[Seat, ...], role: Role) -> bool:
    """Whether the seats leave open whether ``role``'s people hold one of their own."""
    theirs = [seat for seat in seats if role in seat.speaks_for.roles]
    held = any(role in seat.direct_for for seat in theirs)
    return not held and any(seat.holder_roles is None for seat in theirs)


def _direct_seats_unknown(ctx: PortfolioContext) -> bool:
    """No seat is recorded, or no constituency's seats are resolved (holders' roles unknown)."""
    seats = _seats(ctx)
    return not seats or all(
        _constituency_unresolved(seats, role) for role in (Role.SERVICE_USER, Role.CARER)
    )


def _stage_unknown(ctx: PortfolioContext) -> bool:
    """Involvement is not recorded as none and its first stage is not recorded."""
    involvement = ctx.portfolio.involvement
    return involvement is None or (
        involvement.involved is not False and involvement.starts_at is None
    )


def _involvement_unrecorded(field: str) -> Callable[[PortfolioContext], bool]:
    """Say when the involvement record's yes/no ``field`` is not recorded (or there is none)."""

    def unrecorded(ctx: PortfolioContext) -> bool:
        involvement = ctx.portfolio.involvement
        return involvement is None or getattr(involvement, field) is None

    unrecorded.__doc__ = f"No involvement is recorded, or its {field} is not."
    return unrecorded


@rule(
    code="VI501",
    name="paid-worker-representation",
    title="The group's members are spoken for on commissioning bodies by paid workers who are "
    "neither service users nor carers.",
    modality=Modality.SHOULD,
    citations=("G5(a)",),
    rationale="G5(a) asks that service users and carers sit on LITs, partnership boards and "
    "similar bodies themselves, rather than be represented by paid workers who are not users "
    "or carers.  A paid worker who is a user or carer is not what it objects to.",
    remedy="Arrange for the group's own users or carers to take the seats, with support to do so.",
    subject=Subject.CONTRACT,
    unknown=_representation_unrecorded,
)
def _paid_worker_representation(ctx: Context) -> Iterator[Hit]:
    if ctx.contract.representation is Representation.PAID_WORKERS:
        yield Hit(
            message="the group is represented on commissioning bodies by paid workers who are "
            "not service users or carers",
            path="$.representation",
            evidence={"representation": Representation.PAID_WORKERS.value},
        )


def _group_infrastructure_unrecorded(ctx: Context) -> bool:
    """The group or its infrastructure is not recorded."""
    return ctx.group is None or ctx.group.infrastructure is None


@rule(
    code="VI503",
    name="no-infrastructure-support",
    title="The group lacks premises or equipment and the agreement provides none of it.",
    modality=Modality.CONSIDER,
    citations=("G5(c)",),
    rationale="Commissioners should consider providing infrastructure -- photocopiers, "
    "telephones, computers, premises -- for groups that do not have access to them, so that "
    "they can take part in involvement.  What the commissioner already offers every group "
    "counts as provided (the same reading as VI505).",
    remedy="Consider providing, or arranging access to, the infrastructure the group lacks.",
    subject=Subject.CONTRACT,
    unknown=_group_infrastructure_unrecorded,
)
def _no_infrastructure_support(ctx: Context) -> Iterator[Hit]:
    if ctx.group is None or ctx.group.infrastructure is None:
        return
    lacking = frozenset(Infrastructure) - ctx.group.infrastructure
    offered = ctx.infrastructure_offered
    unmet = lacking - ctx.contract.infrastructure - (offered or frozenset())
    if unmet:
        said = "" if offered is None else ", nor does the commissioner offer it"
        yield Hit(
            message=f"the group lacks {_items(unmet)} and the agreement provides none of it{said}",
            path="$.infrastructure",
            evidence={"unmet": _items(unmet)},
        )


@rule(
    code="VI502",
    name="late-involvement",
    title="Users and carers are not involved in commissioning from its early stages.",
    modality=Modality.SHOULD,
    citations=("G5(b)",),
    rationale="G5(b) asks that user and carer involvement in commissioning begin at the earliest "
    "possible stage, and gives building the commissioning strategy as an example.  The order "
    "of the other stages is this library's, not the source's, which names only the strategy: "
    "a needs assessment is taken to come before it, so involvement from either meets G5(b), "
    "and involvement that starts only at the specification or later is reported.",
    remedy="Involve users and carers from the start, when the commissioning strategy is built.",
    subject=Subject.INVOLVEMENT,
    unknown=_stage_unknown,
)
def _late_involvement(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    stage = None if involvement is None else involvement.starts_at
    involved = None if involvement is None else involvement.involved
    evidence: dict[str, Evidence] = {
        "involved": involved,
        "starts_at": None if stage is None else stage.value,
    }
    if involved is False:
        yield Hit(
            message="users and carers take no part in commissioning",
            path="$.involvement.involved",
            evidence=evidence,
        )
    elif stage is None:
        yield Hit(
            message="the stage from which users and carers take part in commissioning is not "
            "recorded, so involvement from the strategy stage cannot be shown",
            path="$.involvement.starts_at",
            evidence=evidence,
        )
    elif stage.rank > Stage.STRATEGY.rank:
        yield Hit(
            message=f"users and carers take part in commissioning only from the "
            f"{stage.value.replace('_', ' ')} stage, after the strategy is built",
            path="$.involvement.starts_at",
            evidence=evidence,
        )


@rule(
    code="VI504",
    name="paid-worker-seats",
    title="A seat for users or carers on a commissioning body is taken by a paid worker who is "
    "neither.",
    modality=Modality.SHOULD,
    citations=("G5(a)",),
    rationale="G5(a) asks that users and carers be directly represented on the bodies that "
    "oversee commissioning, rather than by paid workers who are not users or carers.  A paid "
    "worker who holds the role the seat speaks for is direct representation; one who is a "
    "user or carer of the other constituency is not what G5(a) objects to, and whether that "
    "constituency has a seat of its own is VI506's question.",
    remedy="Give the seat to a service user or carer of the constituency it speaks for, with "
    "support to take it up.",
    subject=Subject.INVOLVEMENT,
    unknown=_holders_unrecorded,
)
def _paid_worker_seats(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    if involvement is None:
        return
    for index, seat in enumerate(involvement.seats):
        if seat.represented_by is Representation.PAID_WORKERS and not seat.holder_roles:
            people = seat.speaks_for.value.replace("_", " ").replace(" and ", " or ")
            yield Hit(
                message=f"the seat for {people} on the {_body(seat)} is taken by a paid worker "
                "who is neither a service user nor a carer of that constituency",
                path=f"$.involvement.seats[{index}]",
                evidence={
                    "body": seat.body.value,
                    "speaks_for": seat.speaks_for.value,
                    "paid": seat.paid,
                    "holder_roles": 0,
                },
            )


@rule(
    code="VI506",
    name="no-direct-seats",
    title="Service users, or carers, hold no seat of their own on any commissioning body.",
    modality=Modality.SHOULD,
    citations=("G5(a)", "§2.18"),
    rationale="G5(a) asks for both service users and carers to be directly represented.  "
    "Commissioners in §2.18 listed carers spoken for by carer support or development workers; "
    "seats held by users do not represent carers, nor the other way round.  With no seats "
    "recorded, nothing is known about them and nothing is reported.",
    remedy="Create a seat for the constituency that has none, held by one of its own.",
    subject=Subject.INVOLVEMENT,
    unknown=_direct_seats_unknown,
)
def _no_direct_seats(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    seats = () if involvement is None else involvement.seats
    if not seats:
        return  # no seats recorded: unknown, not "none held"
    for role in (Role.SERVICE_USER, Role.CARER):
        theirs = [seat for seat in seats if role in seat.speaks_for.roles]
        if any(role in seat.direct_for for seat in theirs):
            continue
        if any(seat.holder_roles is None for seat in theirs):
            continue  # someone whose roles are not recorded may be one of them
        others = sorted({_body(seat) for seat in theirs})
        said = f"; they are spoken for on the {' and '.join(others)} by others" if others else ""
        yield Hit(
            message=f"{_PEOPLE[role]} hold no seat of their own on any commissioning body{said}",
            path="$.involvement.seats",
            evidence={"role": role.value, "seats": len(seats), "seats_speaking_for": len(theirs)},
        )


def _needs(ctx: PortfolioContext, group: Group) -> frozenset[Infrastructure]:
    """What ``group`` lacks that neither the commissioner nor its agreements provide."""
    if group.infrastructure is None:
        return frozenset()
    provided = set(ctx.portfolio.commissioner.infrastructure_offered)
    for contract, funded in ctx.funded:
        if funded == group:
            provided |= contract.infrastructure
    return frozenset(Infrastructure) - group.infrastructure - provided


def _groups_infrastructure_unrecorded(ctx: PortfolioContext) -> bool:
    """No group's infrastructure is recorded."""
    return all(group.infrastructure is None for group in ctx.portfolio.groups)


@rule(
    code="VI505",
    name="no-infrastructure-offered",
    title="A group lacks premises or equipment, and the commissioner offers none of it.",
    modality=Modality.CONSIDER,
    citations=("G5(c)",),
    rationale="Commissioners should consider providing infrastructure for groups that do not "
    "have access to photocopiers, telephones, computers or premises.  Only a group's own "
    "needs say what is lacking; a group that has them needs nothing offered.",
    remedy="Consider offering the groups that lack them access to premises and equipment, or "
    "money for them.",
    subject=Subject.COMMISSIONER,
    unknown=_groups_infrastructure_unrecorded,
)
def _no_infrastructure_offered(ctx: PortfolioContext) -> Iterator[Hit]:
    for index, group in enumerate(ctx.portfolio.groups):
        unmet = _needs(ctx, group)
        if unmet:
            yield Hit(
                message=f"{group.name} lacks {_items(unmet)}, and neither the commissioner nor "
                "an agreement provides it",
                path="$.commissioner.infrastructure_offered",
                evidence={"group": index, "unmet": _items(unmet)},
            )


@rule(
    code="VI507",
    name="token-involvement",
    title="Users and carers attend commissioning meetings, but the decisions are taken elsewhere.",
    modality=Modality.FINDING,
    citations=("§2.18", "§2.23"),
    rationale="Of 29 groups in §2.18, 6 called their involvement limited; in their words, one "
    "called it token and two said the money or the commissioning decisions were settled "
    "outside the meetings they attend.  §2.23 lists tokenism among what does not work.  "
    "Taking part in tendering is one form of involvement commissioners listed in §2.18, and "
    "its absence is not called tokenism, so it is not reported here.",
    remedy="Take money decisions in the meetings where users and carers sit.",
    subject=Subject.INVOLVEMENT,
    unknown=_involvement_unrecorded("money_decided_outside"),
)
def _token_involvement(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    if involvement is None:
        return
    if involvement.money_decided_outside is True:
        yield Hit(
            message="money is decided outside the meetings users and carers attend",
            path="$.involvement.money_decided_outside",
            evidence={"money_decided_outside": True},
        )


@rule(
    code="VI508",
    name="duty-to-involve-not-known",
    title="The commissioner is not aware of its duties under section 11 of the Health and "
    "Social Care Act 2001.",
    modality=Modality.FINDING,
    citations=("§2.21",),
    rationale="The authors' impression in §2.21 was of a low level of awareness among "
    "commissioners of their duties under section 11 of the Health and Social Care Act 2001, "
    "which they would find worrying if so.  The report does not say what the section "
    "requires, and neither does this rule.",
    remedy="Check with the commissioner's advisers what the duties under that section, or any "
    "law that has since taken its place, ask of commissioning staff, and brief them.",
    subject=Subject.INVOLVEMENT,
    unknown=_involvement_unrecorded("duty_known"),
)
def _duty_not_known(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    if involvement is not None and involvement.duty_known is False:
        yield Hit(
            message="the commissioner is not aware of its duties under section 11 of the Health "
            "and Social Care Act 2001",
            path="$.involvement.duty_known",
            evidence={"duty_known": False},
        )


RULES = (
    _paid_worker_representation,
    _no_infrastructure_support,
    _late_involvement,
    _paid_worker_seats,
    _no_direct_seats,
    _no_infrastructure_offered,
    _token_involvement,
    _duty_not_known,
)

"""VI5xx: the group's involvement in commissioning and what it needs for it (``G5``)."""

from __future__ import annotations

from collections.abc import Iterator

from valuing_involvement.commissioners import Stage
from valuing_involvement.contracts import Representation
from valuing_involvement.groups import Infrastructure
from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import (
    Evidence,
    Hit,
    Modality,
    Subject,
    rule,
)

__all__ = ["RULES"]


@rule(
    code="VI501",
    name="paid-worker-representation",
    title="The group is represented on commissioning bodies by paid workers, not members.",
    modality=Modality.SHOULD,
    citations=("G5(a)",),
    rationale="Service users and carers should sit on LITs, partnership boards and similar bodies "
    "themselves, rather than be spoken for by workers who are neither.",
    remedy="Arrange for the group's own members to take the seats, with support to do so.",
    subject=Subject.CONTRACT,
)
def _paid_worker_representation(ctx: Context) -> Iterator[Hit]:
    if ctx.contract.representation is Representation.PAID_WORKERS:
        yield Hit(
            message="the group is represented on commissioning bodies by paid workers",
            path="$.representation",
            evidence={"representation": Representation.PAID_WORKERS.value},
        )


@rule(
    code="VI503",
    name="no-infrastructure-support",
    title="The group lacks premises or equipment and no infrastructure support is given.",
    modality=Modality.CONSIDER,
    citations=("G5(c)",),
    rationale="Groups without premises, phones, computers or photocopying struggle to take part; "
    "commissioners are asked to consider providing that infrastructure.",
    remedy="Provide, or arrange access to, the infrastructure the group lacks.",
    subject=Subject.CONTRACT,
)
def _no_infrastructure_support(ctx: Context) -> Iterator[Hit]:
    if ctx.group is None or ctx.group.infrastructure is None:
        return
    lacking = frozenset(Infrastructure) - ctx.group.infrastructure
    unmet = sorted(item.value for item in lacking - ctx.contract.infrastructure)
    if unmet:
        yield Hit(
            message=f"the group lacks {', '.join(unmet)} and the agreement provides none of it",
            path="$.infrastructure",
            evidence={"unmet": ", ".join(unmet)},
        )


@rule(
    code="VI502",
    name="late-involvement",
    title="Users and carers are not involved in commissioning from the strategy stage.",
    modality=Modality.SHOULD,
    citations=("G5(b)",),
    rationale="Involvement that starts after decisions are taken is token; it should begin at the "
    "earliest stage, when the strategy is built.",
    remedy="Involve users and carers in building the commissioning strategy.",
    subject=Subject.INVOLVEMENT,
)
def _late_involvement(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    stage = None if involvement is None else involvement.starts_at
    if stage is None or stage.rank > Stage.STRATEGY.rank:
        said = (
            "not at all"
            if stage is None
            else f"only from the {stage.value.replace('_', ' ')} stage"
        )
        yield Hit(
            message=f"users and carers are involved in commissioning {said}, not from the strategy",
            path="$.involvement.starts_at",
            evidence={"starts_at": None if stage is None else stage.value},
        )


@rule(
    code="VI504",
    name="paid-worker-seats",
    title="Users and carers are represented on a commissioning body by paid workers.",
    modality=Modality.SHOULD,
    citations=("G5(a)",),
    rationale="Users and carers should sit on LITs, partnership boards and similar bodies "
    "themselves, not be spoken for by workers who are neither.",
    remedy="Give the seat to a user or carer, with support to take it up.",
    subject=Subject.INVOLVEMENT,
)
def _paid_worker_seats(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    if involvement is None:
        return
    for index, seat in enumerate(involvement.seats):
        if seat.represented_by is Representation.PAID_WORKERS:
            body = seat.name or seat.body.value.replace("_", " ")
            yield Hit(
                message=f"users and carers are represented on the {body} by paid workers",
                path=f"$.involvement.seats[{index}]",
                evidence={"body": seat.body.value, "represented_by": seat.represented_by.value},
            )


@rule(
    code="VI506",
    name="no-direct-seats",
    title="Users and carers hold no seats of their own on commissioning bodies.",
    modality=Modality.SHOULD,
    citations=("G5(a)",),
    rationale="Direct representation on the bodies that oversee commissioning is the first "
    "involvement guideline.",
    remedy="Create seats for users and carers on the LIT or partnership board.",
    subject=Subject.INVOLVEMENT,
)
def _no_direct_seats(ctx: PortfolioContext) -> Iterator[Hit]:
    involvement = ctx.portfolio.involvement
    seats = () if involvement is None else involvement.seats
    if not any(seat.represented_by is Representation.DIRECT for seat in seats):
        yield Hit(
            message="users and carers hold no seats of their own on any commissioning body",
            path="$.involvement.seats",
            evidence={"seats": len(seats)},
        )


@rule(
    code="VI505",
    name="no-infrastructure-offered",
    title="No infrastructure is offered to groups that need it.",
    modality=Modality.CONSIDER,
    citations=("G5(c)",),
    rationale="Groups without premises, phones, computers or photocopying struggle to take part "
    "in involvement work.",
    remedy="Offer access to premises and equipment, or money for them.",
    subject=Subject.COMMISSIONER,
)
def _no_infrastructure_offered(ctx: PortfolioContext) -> Iterator[Hit]:
    if not ctx.portfolio.commissioner.infrastructure_offered:
        evidence: dict[str, Evidence] = {"infrastructure_offered": None}
        yield Hit(
            message="no premises, phones, computers or photocopying are offered to groups",
            path="$.commissioner.infrastructure_offered",
            evidence=evidence,
        )


RULES = (
    _paid_worker_representation,
    _no_infrastructure_support,
    _late_involvement,
    _paid_worker_seats,
    _no_direct_seats,
    _no_infrastructure_offered,
)

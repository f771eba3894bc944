"""VI5xx: the group's involvement in commissioning and what it needs for it (``G5``)."""

from __future__ import annotations

from collections.abc import Iterator

from valuing_involvement.contracts import Representation
from valuing_involvement.groups import Infrastructure
from valuing_involvement.rules._model import Context, Hit, Rule, Severity

__all__ = ["RULES"]


def _paid_worker_representation(ctx: Context) -> Iterator[Hit]:
    if ctx.contract.representation is Representation.PAID_WORKERS:
        yield Hit(
            message="the group is represented on commissioning bodies by paid workers",
            path="$.representation",
            evidence={"representation": Representation.PAID_WORKERS.value},
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


RULES = (
    Rule(
        code="VI501",
        name="paid-worker-representation",
        title="The group is represented on commissioning bodies by paid workers, not members.",
        severity=Severity.WARNING,
        citations=("G5(a)",),
        rationale=(
            "Service users and carers should sit on LITs, partnership boards and similar bodies "
            "themselves, rather than be spoken for by workers who are neither."
        ),
        remedy="Arrange for the group's own members to take the seats, with support to do so.",
        check=_paid_worker_representation,
    ),
    Rule(
        code="VI503",
        name="no-infrastructure-support",
        title="The group lacks premises or equipment and no infrastructure support is given.",
        severity=Severity.ADVICE,
        citations=("G5(c)",),
        rationale=(
            "Groups without premises, phones, computers or photocopying struggle to take part; "
            "commissioners are asked to consider providing that infrastructure."
        ),
        remedy="Provide, or arrange access to, the infrastructure the group lacks.",
        check=_no_infrastructure_support,
    ),
)

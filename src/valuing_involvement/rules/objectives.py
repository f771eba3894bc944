"""VI2xx: what the agreement is for, its aims and the roles it buys (``G2``, ``§2.15``)."""

from __future__ import annotations

from collections.abc import Iterator

from valuing_involvement.groups import Activity
from valuing_involvement.rules._model import Context, Hit, Rule, Severity

__all__ = ["RULES"]

_MORE_THAN_INVOLVEMENT = frozenset({Activity.SUPPORT, Activity.SERVICES})


def _only_involvement_bought(ctx: Context) -> Iterator[Hit]:
    if ctx.group is None or ctx.contract.roles_bought != {Activity.INVOLVEMENT}:
        return
    more = sorted(a.value for a in ctx.group.activities & _MORE_THAN_INVOLVEMENT)
    if more:
        yield Hit(
            message=(
                f"only involvement is bought, though the group also provides {' and '.join(more)}"
            ),
            path="$.roles_bought",
            evidence={"roles_bought": "involvement", "group_activities": ", ".join(more)},
        )


def _no_aims(ctx: Context) -> Iterator[Hit]:
    if not ctx.contract.aims:
        yield Hit(message="the agreement states no aims", path="$.aims", evidence={"aims": 0})


RULES = (
    Rule(
        code="VI201",
        name="only-involvement-bought",
        title="Only involvement is bought although the group also provides support or services.",
        severity=Severity.ADVICE,
        citations=("G2", "§2.6", "§2.14"),
        rationale=(
            "Groups want to do much more than involvement, and commissioners mostly buy "
            "involvement alone; the mismatch leaves what groups do best unfunded."
        ),
        remedy="Consider funding the group's support or service work alongside involvement.",
        check=_only_involvement_bought,
    ),
    Rule(
        code="VI202",
        name="no-aims",
        title="The agreement states no aims.",
        severity=Severity.WARNING,
        citations=("§2.15",),
        rationale=(
            "Agreements usually open with the general aim of the funded work; without one, "
            "neither side can judge later whether the aims were met."
        ),
        remedy="State the aims of the funded work in a sentence or two, agreed with the group.",
        check=_no_aims,
    ),
)

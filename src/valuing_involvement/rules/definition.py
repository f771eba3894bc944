"""VI1xx: whether a group funded as user/carer-led is really run or led (``G1(b)``, ``§2.1``)."""

from __future__ import annotations

from collections.abc import Iterator

from valuing_involvement.groups import Leadership
from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import (
    Hit,
    Modality,
    Subject,
    rule,
)
from valuing_involvement.rules._shared import answer

__all__ = ["RULES"]

_LEADING = (Leadership.RUN, Leadership.LED)


def _leadership_evidence(ctx: Context) -> dict[str, str | int | bool | None]:
    result = ctx.classification
    funded_as = ctx.contract.funded_as
    return {
        "funded_as": None if funded_as is None else funded_as.value,
        "leadership": None if result is None else result.leadership.value,
        "counting": None if result is None else result.counting,
        "decision_makers": None if result is None else result.decision_makers,
    }


@rule(
    code="VI101",
    name="funded-as-led-but-neither",
    title="The agreement funds the group as user/carer run or led, but it is neither.",
    modality=Modality.SHOULD,
    contradiction=True,
    citations=("G1(b)",),
    rationale="Commissioning user- and carer-led groups needs a working definition applied to the "
    "facts; a group whose decisions are mostly taken by others does not meet it, and "
    "funding it as if it did misdirects money meant to build user and carer capacity.",
    remedy="Check the group's decision-making body and which key decisions it takes itself; "
    "either fund it under another heading or agree steps towards user or carer control.",
    subject=Subject.CONTRACT,
)
def _funded_as_led_but_neither(ctx: Context) -> Iterator[Hit]:
    result = ctx.classification
    if ctx.contract.funded_as not in _LEADING or result is None or result.facts_missing:
        return
    if result.leadership is Leadership.NEITHER:
        yield Hit(
            message=(
                f"funded as user/carer {ctx.contract.funded_as.value}, but the group classifies "
                f"as neither: {result.counting} of {result.decision_makers} decision-makers count"
            ),
            path="$.funded_as",
            evidence=_leadership_evidence(ctx),
        )


@rule(
    code="VI102",
    name="leadership-unknown",
    title="The group's leadership cannot be established from the facts given.",
    modality=Modality.SHOULD,
    citations=("G1(b)",),
    rationale="Without knowing who sits on the decision-making body and what it controls, neither "
    "side can tell whether the agreement funds a user- or carer-led group.",
    remedy="Record the group's decision-making body, its members' roles and what it controls.",
    subject=Subject.CONTRACT,
)
def _leadership_unknown(ctx: Context) -> Iterator[Hit]:
    if ctx.classification is None:
        yield Hit(
            message="no facts about the group were given, so its leadership is unknown",
            path="$.group",
            evidence=_leadership_evidence(ctx),
        )
    elif ctx.classification.facts_missing:
        yield Hit(
            message="the group's decision-makers are not recorded, so its leadership is unknown",
            path="$.group.decision_body",
            evidence=_leadership_evidence(ctx),
        )


@rule(
    code="VI103",
    name="funded-as-run-but-led",
    title="The agreement funds the group as user/carer run, but it is only led.",
    modality=Modality.SHOULD,
    citations=("G1(b)", "§2.1"),
    rationale="A run group makes all its own decisions; when others sit on its body or hold its "
    "money, personnel or policy decisions, it is led, and the agreement should say so.",
    remedy="Describe the group as led, or agree how the outside decisions will pass to it.",
    subject=Subject.CONTRACT,
)
def _funded_as_run_but_led(ctx: Context) -> Iterator[Hit]:
    result = ctx.classification
    if ctx.contract.funded_as is not Leadership.RUN or result is None:
        return
    if result.leadership is Leadership.LED:
        outside = ", ".join(sorted(d.value for d in result.outside)) or "none"
        yield Hit(
            message=(
                "funded as user/carer run, but the group classifies as led: "
                f"{result.counting} of {result.decision_makers} decision-makers count and "
                f"decisions taken outside the group: {outside}"
            ),
            path="$.funded_as",
            evidence=_leadership_evidence(ctx),
        )


@rule(
    code="VI110",
    name="no-working-definition",
    title="The commissioner has no working definition of a user or carer group.",
    modality=Modality.SHOULD,
    citations=("G1(a)", "§2.2"),
    rationale="Without a clear definition a commissioner cannot tell which groups to fund, where "
    "the gaps are, or when capacity building is needed for groups to emerge.",
    remedy="Adopt a working definition, such as the model definition in G1(b).",
    subject=Subject.COMMISSIONER,
)
def _no_definition(ctx: PortfolioContext) -> Iterator[Hit]:
    return answer(ctx, "has_definition", "working definition of a user or carer group")


RULES = (
    _funded_as_led_but_neither,
    _leadership_unknown,
    _funded_as_run_but_led,
    _no_definition,
)

"""VI1xx: a working definition, and whether a group funded as run or led is one (``G1``).

``G1(a)`` calls a clear working definition important, an instruction (warning).  ``G1(b)``
offers a *model* definition of run and led groups ("Here is a model definition"), so a rule
that applies it to a group's facts rests on an example (advice) -- except where the facts
contradict what the agreement itself states, which is an error (VI101).
"""

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
    modality=Modality.EXAMPLE,
    contradiction=True,
    citations=("G1(b)", "§2.2"),
    rationale="The agreement states that it funds a user/carer run or led group, and by the model "
    "definition of G1(b) the group is neither: people who are not users or carers take most "
    "of its decisions.  §2.2 gives a group run or led by others, such as a therapy group or a "
    "day-centre drop-in, as one that does not count.  The agreement contradicts its own facts.",
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
    title="The agreement funds the group as user/carer run or led, but the facts to show it are "
    "missing.",
    modality=Modality.EXAMPLE,
    citations=("G1(b)",),
    rationale="The model definition of G1(b) turns on who sits on the group's decision-making "
    "body and which key decisions the group takes; without those facts an agreement's claim "
    "that the group is run or led cannot be checked.  Where the agreement claims neither, "
    "nothing depends on them and the rule stays silent.",
    remedy="Record the group's decision-making body, its members' roles and what it controls.",
    subject=Subject.CONTRACT,
)
def _leadership_unknown(ctx: Context) -> Iterator[Hit]:
    funded_as = ctx.contract.funded_as
    if funded_as is None or funded_as not in _LEADING:
        return
    if ctx.classification is None:
        yield Hit(
            message=f"funded as user/carer {funded_as.value}, but no facts about the group were "
            "given, so its leadership cannot be checked",
            path="$.group",
            evidence=_leadership_evidence(ctx),
        )
    elif ctx.classification.facts_missing:
        yield Hit(
            message=f"funded as user/carer {funded_as.value}, but the group's decision-makers are "
            "not recorded, so its leadership cannot be checked",
            path="$.group.decision_body",
            evidence=_leadership_evidence(ctx),
        )


@rule(
    code="VI103",
    name="funded-as-run-but-led",
    title="The agreement funds the group as user/carer run, but it is only led.",
    modality=Modality.EXAMPLE,
    citations=("G1(b)", "§2.1"),
    rationale="In the model definition of G1(b) a run group is one where users or carers make all "
    "the decisions; when others sit on its body, or an outside body takes its money, "
    "personnel or policy decisions (§2.1 asked groups about these three), it is led.",
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
    rationale="G1(a) calls a clear working definition important for commissioning groups that fit "
    "strategic objectives; §2.2 found 5 of 12 commissioners without one, and notes that a "
    "definition shows which groups to fund and where capacity building is needed.",
    remedy="Adopt a working definition, such as the model definition in G1(b).",
    subject=Subject.COMMISSIONER,
)
def _no_definition(ctx: PortfolioContext) -> Iterator[Hit]:
    return answer(ctx, "has_definition", "working definition of a user or carer group")


@rule(
    code="VI104",
    name="part-of-host-yet-independent",
    title="The group is recorded as part of its host, yet takes all its key decisions itself.",
    modality=Modality.FINDING,
    citations=("§2.1",),
    rationale="§2.1 asked groups whether they control their own money, personnel and policy "
    "decisions; a group that is part of another organisation does not usually take all "
    "three.  One of the two facts is likely wrong, and the class computed from them with it.",
    remedy="Check the group's legal form and which decisions its host takes, and correct one.",
    subject=Subject.CONTRACT,
)
def _part_of_host_yet_independent(ctx: Context) -> Iterator[Hit]:
    if ctx.classification is not None and ctx.classification.host_contradiction:
        yield Hit(
            message="the group is recorded as part of its host, yet takes its own money, "
            "personnel and policy decisions",
            path="$.group.legal_form",
            evidence={"legal_form": "part_of_host", "controls": 3},
        )


@rule(
    code="VI111",
    name="self-described-class-differs",
    title="The group describes itself as run, led or neither differently from its facts.",
    modality=Modality.FINDING,
    citations=("§2.1", "G1(b)"),
    rationale="The survey asked groups whether they are user or carer run, led or neither, and "
    "§2.1 reports their own answers (14, 12 and 3 of 29).  Where a group's own answer and "
    "the class its facts give under the model definition differ, the facts or the "
    "definition each side uses deserve a conversation, not a verdict.",
    remedy="Go through the decision-making body and the key decisions with the group.",
    subject=Subject.CONTRACT,
)
def _self_described_class_differs(ctx: Context) -> Iterator[Hit]:
    result, group = ctx.classification, ctx.group
    if result is None or group is None or result.facts_missing:
        return
    said = group.self_described
    if said is not None and said is not result.leadership:
        yield Hit(
            message=f"the group describes itself as {said.value}, but its facts give "
            f"{result.leadership.value}: {result.counting} of {result.decision_makers} "
            "decision-makers count",
            path="$.group.self_described",
            evidence={
                "self_described": said.value,
                "leadership": result.leadership.value,
                "counting": result.counting,
                "decision_makers": result.decision_makers,
            },
        )


RULES = (
    _funded_as_led_but_neither,
    _leadership_unknown,
    _funded_as_run_but_led,
    _part_of_host_yet_independent,
    _no_definition,
    _self_described_class_differs,
)

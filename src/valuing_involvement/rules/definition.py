"""VI1xx: a working definition, and whether a group funded as run or led is one (``G1``).

``G1(a)`` calls a clear working definition important, an instruction (warning).  ``G1(b)``
offers a *model* definition of run and led groups ("Here is a model definition"), so a rule
that applies it to a group's facts rests on an example (advice) -- except where the facts
contradict what the agreement itself states by the definition's own words, which is an error
(VI101: users or carers are not even a majority of the body).  Where a verdict depends on this
library's reading of "decides" (a body that takes none of the key decisions decides nothing),
it is advice (VI105).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from valuing_involvement.groups import Leadership
from valuing_involvement.rules._contexts import Context, PortfolioContext
from valuing_involvement.rules._kernel import (
    Hit,
    Modality,
    Subject,
    rule,
)
from valuing_involvement.rules._shared import answer, unanswered

__all__ = ["RULES"]

_LEADING = (Leadership.RUN, Leadership.LED)


def _majority(ctx: Context) -> bool:
    """Whether those who count are a strict majority of the decision-makers (``G1(b)``)."""
    result = ctx.classification
    return result is not None and 2 * result.counting > result.decision_makers


def _unclassified(ctx: Context) -> bool:
    """Whether the group's leadership cannot be worked out: no group, or no decision-makers."""
    return ctx.classification is None or ctx.classification.facts_missing


def _claim_unchecked(*claims: Leadership) -> Callable[[Context], bool]:
    """Say when a rule about agreements funding a group as one of ``claims`` cannot judge.

    It cannot when the agreement does not say how it funds the group (``funded_as`` unset:
    not even "neither"), or when it makes one of the claims and the group's leadership
    cannot be worked out.  An agreement that states another class has been judged: it
    claims nothing the rule checks.
    """

    def unchecked(ctx: Context) -> bool:
        funded_as = ctx.contract.funded_as
        return funded_as is None or (funded_as in claims and _unclassified(ctx))

    unchecked.__doc__ = (
        "The agreement does not say how it funds the group, or funds it as "
        f"{' or '.join(c.value for c in claims)} and the group's decision-makers are unknown."
    )
    return unchecked


#: VI101, VI102 and VI105 check a claim that the group is run or led; VI103 that it is run.
_LED_CLAIM_UNCHECKED = _claim_unchecked(*_LEADING)
_RUN_CLAIM_UNCHECKED = _claim_unchecked(Leadership.RUN)


def _self_description_unchecked(ctx: Context) -> bool:
    """The group, its own answer (run, led or neither) or its decision-makers are not recorded."""
    return ctx.group is None or ctx.group.self_described is None or _unclassified(ctx)


def _host_facts_unrecorded(ctx: Context) -> bool:
    """The group or its legal form is not recorded."""
    return ctx.group is None or ctx.group.legal_form is None


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
    title="The agreement funds the group as user/carer run or led, but users or carers are not "
    "a majority of its decision-makers.",
    modality=Modality.EXAMPLE,
    contradiction=True,
    citations=("G1(b)", "§2.2"),
    rationale="The agreement states that it funds a user/carer run or led group, yet by the "
    "model definition's own words (G1(b)) it is neither: users or carers are not a majority "
    "of its decision-making body, so people who are not users or carers take most of its "
    "decisions.  §2.2 says a group run or led by others, such as a therapy group or a "
    "day-centre drop-in, does not count as a user group for the purposes of the survey.  "
    "The agreement contradicts its own facts.  A group whose majority counts but whose body "
    "takes none of the key decisions is neither only by this library's reading, and is left "
    "to VI105 (advice).",
    remedy="Check the group's decision-making body and which key decisions it takes itself; "
    "either fund it under another heading or agree steps towards user or carer control.",
    subject=Subject.CONTRACT,
    unknown=_LED_CLAIM_UNCHECKED,
)
def _funded_as_led_but_neither(ctx: Context) -> Iterator[Hit]:
    result = ctx.classification
    if ctx.contract.funded_as not in _LEADING or result is None or result.facts_missing:
        return
    if result.leadership is Leadership.NEITHER and not _majority(ctx):
        yield Hit(
            message=(
                f"funded as user/carer {ctx.contract.funded_as.value}, but the group classifies "
                f"as neither: {result.counting} of {result.decision_makers} decision-makers "
                "count, not a majority"
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
    unknown=_LED_CLAIM_UNCHECKED,
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
    unknown=_RUN_CLAIM_UNCHECKED,
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
    code="VI105",
    name="funded-as-led-but-decides-nothing",
    title="The agreement funds the group as user/carer run or led; users or carers are a "
    "majority of its body, but the body takes none of the key decisions.",
    modality=Modality.EXAMPLE,
    citations=("G1(b)", "§2.1"),
    rationale="G1(b) as written makes a group led when users or carers are a majority of its "
    "management committee or other decision-making body but not the only decision-makers; it "
    "does not say what the body must decide.  This library reads a body whose group takes "
    "none of its money, personnel or policy decisions (the three §2.1 asked about) as "
    "deciding nothing that matters, and classifies the group as neither.  That verdict is our "
    "reading, not the source's, so it is advice: a group funded as run is at most led by the "
    "definition as written, and one funded as led may be.",
    remedy="Agree with the group and whoever takes its decisions which of them pass to the "
    "group's own body, and describe the group accordingly.",
    subject=Subject.CONTRACT,
    unknown=_LED_CLAIM_UNCHECKED,
)
def _funded_as_led_but_decides_nothing(ctx: Context) -> Iterator[Hit]:
    result = ctx.classification
    if ctx.contract.funded_as not in _LEADING or result is None or result.facts_missing:
        return
    if result.leadership is Leadership.NEITHER and _majority(ctx):
        written = "at most led" if ctx.contract.funded_as is Leadership.RUN else "led"
        yield Hit(
            message=(
                f"funded as user/carer {ctx.contract.funded_as.value}: {result.counting} of "
                f"{result.decision_makers} decision-makers count, a majority, but the group "
                f"takes none of its money, personnel or policy decisions; G1(b) as written "
                f"makes it {written}, and only this library's reading of what a body decides "
                "makes it neither"
            ),
            path="$.group.controls",
            evidence=_leadership_evidence(ctx),
        )


@rule(
    code="VI110",
    name="no-working-definition",
    title="The commissioner has no working definition of a user or carer group.",
    modality=Modality.SHOULD,
    citations=("G1(a)", "§2.2"),
    rationale="G1 asks commissioners to consider their definition, and G1(a) calls a clear "
    "working definition important for commissioning groups that fit strategic objectives; "
    "§2.2 found 5 of 12 commissioners without one, and notes that a definition shows which "
    "groups to fund and where capacity building is needed.  The heading's verb is "
    '"consider", but what it asks to consider is one\'s own definition, and the paragraph '
    "calls having one important: this library reads that as what G1 asks for (a warning); a "
    "local policy may lower it.",
    remedy="Adopt a working definition, such as the model definition in G1(b).",
    subject=Subject.COMMISSIONER,
    unknown=unanswered("has_definition"),
)
def _no_definition(ctx: PortfolioContext) -> Iterator[Hit]:
    return answer(ctx, "has_definition", "working definition of a user or carer group")


@rule(
    code="VI104",
    name="part-of-host-yet-independent",
    title="The group is recorded as part of its host, yet takes all its key decisions itself.",
    modality=Modality.FINDING,
    citations=("§2.1", "§2.3", "§2.6"),
    rationale="§2.1 asked groups whether they control their own money, personnel and policy "
    "decisions, and the class computed from a group's facts turns on the answer.  A group "
    "inside another organisation can be run or led by its users or carers (§2.3 and §2.6 name "
    "such groups within Mind and Rethink), so neither fact is wrong by itself, and the source "
    "does not say such groups usually lack these decisions.  This is the library's own check "
    "that the two facts were confirmed together: a group with no legal identity of its own "
    "may still depend on its host for some of them.",
    remedy="Confirm with the group and its host which key decisions the group takes itself.",
    subject=Subject.CONTRACT,
    unknown=_host_facts_unrecorded,
)
def _part_of_host_yet_independent(ctx: Context) -> Iterator[Hit]:
    if ctx.classification is not None and ctx.classification.host_contradiction:
        yield Hit(
            message="the group is recorded as part of its host and as taking its own money, "
            "personnel and policy decisions: confirm both",
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
    unknown=_self_description_unchecked,
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
    _funded_as_led_but_decides_nothing,
    _no_definition,
    _self_described_class_differs,
)

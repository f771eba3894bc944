"""VI0xx: waivers written into the agreement itself.

A waiver records that both sides agreed to set a rule aside for this agreement.  These rules
run after all the others, because they read what the others found.
"""

from __future__ import annotations

from collections.abc import Iterator

from valuing_involvement.rules._contexts import Context
from valuing_involvement.rules._kernel import (
    Hit,
    Modality,
    Severity,
    Subject,
    rule,
)

__all__ = ["RULES"]


@rule(
    code="VI001",
    name="unused-waiver",
    title="A waiver in the agreement matches no finding.",
    modality=Modality.BOOKKEEPING,
    severity=Severity.WARNING,
    citations=(),
    rationale="An agreement sets out mutual expectations; a waiver that waives nothing is either "
    "out of date or names the wrong rule, and hides the agreement's real terms.",
    remedy="Remove the waiver, or correct the rule code it names.",
    subject=Subject.WAIVER,
)
def _unused_waivers(ctx: Context) -> Iterator[Hit]:
    found = {finding.code for finding in ctx.findings}
    for index, waiver in enumerate(ctx.contract.waivers):
        # A waiver of a rule the policy switched off, or of one that could not judge for want of
        # a fact (an imported grant states no kind of agreement), cannot be called unused.
        if waiver.code not in found and waiver.code not in ctx.skipped | ctx.unjudged:
            yield Hit(
                message=f"the waiver of {waiver.code} matches no finding",
                path=f"$.waivers[{index}]",
                evidence={"code": waiver.code},
            )


@rule(
    code="VI002",
    name="expired-waiver",
    title="A waiver in the agreement has expired.",
    modality=Modality.BOOKKEEPING,
    severity=Severity.WARNING,
    citations=(),
    rationale="An expired waiver no longer sets the rule aside; both sides should revisit it.",
    remedy="Renew the waiver with both sides' agreement, or meet the rule.",
    subject=Subject.WAIVER,
)
def _expired_waivers(ctx: Context) -> Iterator[Hit]:
    for index, waiver in enumerate(ctx.contract.waivers):
        if waiver.until is not None and waiver.until < ctx.on:
            yield Hit(
                message=(
                    f"the waiver of {waiver.code} expired on {waiver.until.isoformat()}, "
                    f"before {ctx.on.isoformat()}"
                ),
                path=f"$.waivers[{index}]",
                evidence={"code": waiver.code, "until": waiver.until.isoformat()},
            )


RULES = (
    _unused_waivers,
    _expired_waivers,
)

"""VI6: the data quality of published 360Giving grants (one module for the VI6 series).

Checks in the spirit of 360Giving's own quality tool, grouped as it groups them: validity
(``VI60x``), accuracy (``VI61x``) and usefulness (``VI62x``).  Each check reads one grant of a
package as parsed JSON (:class:`~valuing_involvement.rules._model.GrantContext`), so a package
this library did not write can be checked too;
:func:`valuing_involvement.threesixty.quality_report` runs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import cast

from valuing_involvement.rules._model import Check, GrantContext, Hit, Registry, Rule, Severity

__all__ = ["QUALITY", "RULESET"]

_REQUIRED = (
    "id",
    "title",
    "description",
    "currency",
    "amountAwarded",
    "awardDate",
    "recipientOrganization",
    "fundingOrganization",
)
_TITLE_LIMIT = 140
_OPEN = "Published grants data is how groups and the public learn what is funded (G3(b))."


def _grant_check(check: Callable[[GrantContext], Iterator[Hit]]) -> Check:
    # Rule.check is typed for agreement and portfolio contexts only; until a rule's subject is
    # typed, a grant check passes through this one cast (the runner gives it a GrantContext).
    return cast("Check", check)


def _missing_fields(ctx: GrantContext) -> Iterator[Hit]:
    for key in _REQUIRED:
        if ctx.grant.get(key) in (None, "", []):
            yield Hit(
                message=f"required field {key} is missing",
                path=f"$.grants[{ctx.index}].{key}",
                evidence={"field": key},
            )


VI601 = Rule(
    code="VI601",
    name="grant-field-missing",
    title="A field 360Giving requires is missing.",
    severity=Severity.ERROR,
    citations=("G3(b)",),
    rationale=f"{_OPEN} A grant without it is invalid.",
    remedy="Fill the field in before publishing.",
    check=_grant_check(_missing_fields),
    subject="grant",
)


def _dates_of(ctx: GrantContext) -> tuple[dt.date | None, dt.date | None]:
    dates = ctx.grant.get("plannedDates")
    if not isinstance(dates, list) or not dates or not isinstance(dates[0], dict):
        return None, None
    days: list[dt.date | None] = []
    for key in ("startDate", "endDate"):
        try:
            days.append(dt.date.fromisoformat(str(dates[0].get(key))[:10]))
        except ValueError:
            days.append(None)
    return days[0], days[1]


def _start_after_end(ctx: GrantContext) -> Iterator[Hit]:
    start, end = _dates_of(ctx)
    if start is not None and end is not None and start > end:
        yield Hit(
            message=f"planned start {start.isoformat()} is after the end {end.isoformat()}",
            path=f"$.grants[{ctx.index}].plannedDates[0]",
            evidence={"startDate": start.isoformat(), "endDate": end.isoformat()},
        )


VI602 = Rule(
    code="VI602",
    name="planned-start-after-end",
    title="The planned start comes after the end.",
    severity=Severity.ERROR,
    citations=("G3(b)",),
    rationale=f"{_OPEN} Impossible dates mislead readers.",
    remedy="Correct the planned dates.",
    check=_grant_check(_start_after_end),
    subject="grant",
)


def _future_award(ctx: GrantContext) -> Iterator[Hit]:
    try:
        awarded = dt.date.fromisoformat(str(ctx.grant.get("awardDate"))[:10])
    except ValueError:
        return
    if awarded > ctx.on:
        yield Hit(
            message=f"award date {awarded.isoformat()} is after {ctx.on.isoformat()}",
            path=f"$.grants[{ctx.index}].awardDate",
            evidence={"awardDate": awarded.isoformat(), "on": ctx.on.isoformat()},
        )


VI611 = Rule(
    code="VI611",
    name="award-date-in-future",
    title="The award date is after the date of the check.",
    severity=Severity.WARNING,
    citations=("G3(b)",),
    rationale=f"{_OPEN} An award not yet made is not a grant.",
    remedy="Check the award date; publish awards once they are decided.",
    check=_grant_check(_future_award),
    subject="grant",
)


def _zero_amount(ctx: GrantContext) -> Iterator[Hit]:
    amount = ctx.grant.get("amountAwarded")
    if isinstance(amount, int | float) and not isinstance(amount, bool) and amount == 0:
        yield Hit(
            message="the amount awarded is zero",
            path=f"$.grants[{ctx.index}].amountAwarded",
            evidence={"amountAwarded": 0},
        )


VI612 = Rule(
    code="VI612",
    name="zero-amount",
    title="The amount awarded is zero.",
    severity=Severity.WARNING,
    citations=("G3(b)",),
    rationale=f"{_OPEN} A zero amount is usually a data error.",
    remedy="Give the amount awarded over the whole period.",
    check=_grant_check(_zero_amount),
    subject="grant",
)


def _title_is_description(ctx: GrantContext) -> Iterator[Hit]:
    title, description = ctx.grant.get("title"), ctx.grant.get("description")
    if isinstance(title, str) and title.strip() and title.strip() == str(description).strip():
        yield Hit(
            message="the description repeats the title",
            path=f"$.grants[{ctx.index}].description",
            evidence={"title": title},
        )


VI621 = Rule(
    code="VI621",
    name="title-repeats-description",
    title="The description repeats the title.",
    severity=Severity.ADVICE,
    citations=("G3(b)",),
    rationale=f"{_OPEN} A description should say what the grant is for.",
    remedy="Describe the funded work in a sentence or two.",
    check=_grant_check(_title_is_description),
    subject="grant",
)


def _long_title(ctx: GrantContext) -> Iterator[Hit]:
    title = ctx.grant.get("title")
    if isinstance(title, str) and len(title) > _TITLE_LIMIT:
        yield Hit(
            message=f"the title is {len(title)} characters, over {_TITLE_LIMIT}",
            path=f"$.grants[{ctx.index}].title",
            evidence={"length": len(title), "limit": _TITLE_LIMIT},
        )


VI622 = Rule(
    code="VI622",
    name="title-too-long",
    title="The title is longer than 140 characters.",
    severity=Severity.ADVICE,
    citations=("G3(b)",),
    rationale=f"{_OPEN} Long titles are cut off in listings.",
    remedy="Shorten the title and put the detail in the description.",
    check=_grant_check(_long_title),
    subject="grant",
)


def _unregistered_id_when_registered(ctx: GrantContext) -> Iterator[Hit]:
    recipients = ctx.grant.get("recipientOrganization")
    if not isinstance(recipients, list):
        return
    for position, org in enumerate(recipients):
        if not isinstance(org, dict) or not str(org.get("id", "")).startswith("360G-"):
            continue
        numbers = {k: org[k] for k in ("charityNumber", "companyNumber") if org.get(k)}
        if numbers:
            yield Hit(
                message=f"recipient id {org['id']} is a 360G- id though it has a registered number",
                path=f"$.grants[{ctx.index}].recipientOrganization[{position}].id",
                evidence={"id": str(org["id"]), **{k: str(v) for k, v in numbers.items()}},
            )


VI623 = Rule(
    code="VI623",
    name="unregistered-id-for-registered-group",
    title="A 360G- recipient id is used though a charity or company number is known.",
    severity=Severity.ADVICE,
    citations=("G3(b)",),
    rationale=f"{_OPEN} Registered identifiers let data be joined across funders.",
    remedy="Use the GB-CHC- or GB-COH- identifier.",
    check=_grant_check(_unregistered_id_when_registered),
    subject="grant",
)


#: 360Giving quality checks: VI60x validity, VI61x accuracy, VI62x usefulness.
QUALITY = Registry(rules=(VI601, VI602, VI611, VI612, VI621, VI622, VI623), parameters=())

#: The version of the quality checks, stamped on the reports they make.
RULESET = "360giving-quality-2026.11"

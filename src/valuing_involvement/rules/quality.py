"""VI6: the data quality of published 360Giving grants (one module for the VI6 series).

Checks in the spirit of 360Giving's own quality tool, grouped as it groups them: validity
(``VI60x``), accuracy (``VI61x``) and usefulness (``VI62x``).  Each check reads one grant of a
package as parsed JSON (:class:`~valuing_involvement.rules.GrantContext`), so a package
this library did not write can be checked too;
:func:`valuing_involvement.threesixty.quality_report` runs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from valuing_involvement.rules._contexts import GrantContext
from valuing_involvement.rules._kernel import Hit, Modality, Severity, Subject, rule

__all__ = ["RULES"]

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


@rule(
    code="VI601",
    name="grant-field-missing",
    title="A field 360Giving requires is missing.",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=("G3(b)",),
    rationale=f"{_OPEN} A grant without it is invalid.",
    remedy="Fill the field in before publishing.",
    subject=Subject.GRANT,
)
def _missing_fields(ctx: GrantContext) -> Iterator[Hit]:
    for key in _REQUIRED:
        if ctx.grant.get(key) in (None, "", []):
            yield Hit(
                message=f"required field {key} is missing",
                path=f"$.grants[{ctx.index}].{key}",
                evidence={"field": key},
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


@rule(
    code="VI602",
    name="planned-start-after-end",
    title="The planned start comes after the end.",
    modality=Modality.STANDARD,
    severity=Severity.ERROR,
    citations=("G3(b)",),
    rationale=f"{_OPEN} Impossible dates mislead readers.",
    remedy="Correct the planned dates.",
    subject=Subject.GRANT,
)
def _start_after_end(ctx: GrantContext) -> Iterator[Hit]:
    start, end = _dates_of(ctx)
    if start is not None and end is not None and start > end:
        yield Hit(
            message=f"planned start {start.isoformat()} is after the end {end.isoformat()}",
            path=f"$.grants[{ctx.index}].plannedDates[0]",
            evidence={"startDate": start.isoformat(), "endDate": end.isoformat()},
        )


@rule(
    code="VI611",
    name="award-date-in-future",
    title="The award date is after the date of the check.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=("G3(b)",),
    rationale=f"{_OPEN} An award not yet made is not a grant.",
    remedy="Check the award date; publish awards once they are decided.",
    subject=Subject.GRANT,
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


@rule(
    code="VI612",
    name="zero-amount",
    title="The amount awarded is zero.",
    modality=Modality.STANDARD,
    severity=Severity.WARNING,
    citations=("G3(b)",),
    rationale=f"{_OPEN} A zero amount is usually a data error.",
    remedy="Give the amount awarded over the whole period.",
    subject=Subject.GRANT,
)
def _zero_amount(ctx: GrantContext) -> Iterator[Hit]:
    amount = ctx.grant.get("amountAwarded")
    if isinstance(amount, int | float) and not isinstance(amount, bool) and amount == 0:
        yield Hit(
            message="the amount awarded is zero",
            path=f"$.grants[{ctx.index}].amountAwarded",
            evidence={"amountAwarded": 0},
        )


@rule(
    code="VI621",
    name="title-repeats-description",
    title="The description repeats the title.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=("G3(b)",),
    rationale=f"{_OPEN} A description should say what the grant is for.",
    remedy="Describe the funded work in a sentence or two.",
    subject=Subject.GRANT,
)
def _title_is_description(ctx: GrantContext) -> Iterator[Hit]:
    title, description = ctx.grant.get("title"), ctx.grant.get("description")
    if isinstance(title, str) and title.strip() and title.strip() == str(description).strip():
        yield Hit(
            message="the description repeats the title",
            path=f"$.grants[{ctx.index}].description",
            evidence={"title": title},
        )


@rule(
    code="VI622",
    name="title-too-long",
    title="The title is longer than 140 characters.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=("G3(b)",),
    rationale=f"{_OPEN} Long titles are cut off in listings.",
    remedy="Shorten the title and put the detail in the description.",
    subject=Subject.GRANT,
)
def _long_title(ctx: GrantContext) -> Iterator[Hit]:
    title = ctx.grant.get("title")
    if isinstance(title, str) and len(title) > _TITLE_LIMIT:
        yield Hit(
            message=f"the title is {len(title)} characters, over {_TITLE_LIMIT}",
            path=f"$.grants[{ctx.index}].title",
            evidence={"length": len(title), "limit": _TITLE_LIMIT},
        )


@rule(
    code="VI623",
    name="unregistered-id-for-registered-group",
    title="A 360G- recipient id is used though a charity or company number is known.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=("G3(b)",),
    rationale=f"{_OPEN} Registered identifiers let data be joined across funders.",
    remedy="Use the GB-CHC- or GB-COH- identifier.",
    subject=Subject.GRANT,
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


#: 360Giving quality checks: VI60x validity, VI61x accuracy, VI62x usefulness.
RULES = (
    _missing_fields,
    _start_after_end,
    _future_award,
    _zero_amount,
    _title_is_description,
    _long_title,
    _unregistered_id_when_registered,
)

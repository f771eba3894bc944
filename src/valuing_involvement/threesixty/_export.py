"""Publish agreements as a 360Giving package: :func:`export_package` (private module)."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from valuing_involvement.classification import classify_group
from valuing_involvement.commissioners import Commissioner
from valuing_involvement.contracts import Contract
from valuing_involvement.groups import Group
from valuing_involvement.orgids import _bare
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.threesixty._orgids import recipient_id
from valuing_involvement.threesixty._vocabulary import (
    CONSTITUENCY_TITLES,
    CONSTITUENCY_VOCABULARY,
    LEADERSHIP_TITLES,
    LEADERSHIP_VOCABULARY,
)

__all__ = ["export_package"]

_PROGRAMME = {"code": "user-carer-groups", "title": "Service user and carer groups"}


def _number(amount: decimal.Decimal) -> int | float:
    # JSON numbers: whole pounds as integers; pence as the float whose repr is the amount.
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _classifications(contract: Contract, group: Group) -> list[dict[str, Any]]:
    result = classify_group(group)
    leadership = contract.funded_as if result.facts_missing else result.leadership
    items = []
    if leadership is not None:
        items.append(
            {
                "vocabulary": LEADERSHIP_VOCABULARY,
                "code": leadership.value,
                "title": LEADERSHIP_TITLES[leadership],
            }
        )
    items.append(
        {
            "vocabulary": CONSTITUENCY_VOCABULARY,
            "code": group.constituency.value,
            "title": CONSTITUENCY_TITLES[group.constituency],
        }
    )
    return items


def _grant(  # noqa: PLR0913 -- the publisher's choices, each one a keyword
    contract: Contract,
    group: Group | None,
    funder: Commissioner | None,
    *,
    prefix: str,
    modified: str,
    data_source: str | None,
) -> dict[str, Any]:
    if contract.reference is None:
        raise ValueError(
            f"the agreement {contract.title or contract.commissioner!r} has no reference, "
            "so it has no 360Giving identifier"
        )
    name = group.name if group is not None else "the group"
    kind = contract.kind.value.replace("_", " ")
    title = contract.title or f"{name}: {kind}"
    roles = ", ".join(sorted(r.value.replace("_", " ") for r in contract.roles_bought))
    description = "\n".join(contract.aims) or f"A {kind} funding {name}" + (
        f" for {roles}." if roles else "."
    )
    period = contract.period
    grant: dict[str, Any] = {
        "id": f"360G-{_bare(prefix)}-{contract.reference}",
        "title": title,
        "description": description,
        "currency": "GBP",
        "amountAwarded": _number(contract.total_amount),
        "awardDate": (contract.awarded_on or period.start).isoformat(),
        "plannedDates": [
            {
                "startDate": period.start.isoformat(),
                "endDate": period.end.isoformat(),
                "duration": period.months,
            }
        ],
    }
    if group is not None:
        recipient: dict[str, Any] = {"id": str(recipient_id(group, prefix)), "name": group.name}
        if group.charity_number is not None:
            recipient["charityNumber"] = group.charity_number
        if group.company_number is not None:
            recipient["companyNumber"] = group.company_number
        grant["recipientOrganization"] = [recipient]
    funder_id = funder.org_id if funder is not None and funder.org_id is not None else None
    grant["fundingOrganization"] = [
        {
            "id": str(funder_id) if funder_id else f"360G-{_bare(prefix)}",
            "name": contract.commissioner,
        }
    ]
    grant["grantProgramme"] = [dict(_PROGRAMME)]
    if funder is not None and funder.area is not None:
        location: dict[str, Any] = {"name": funder.area, "countryCode": "GB"}
        if funder.area_code is not None:
            location |= {"geoCode": funder.area_code, "geoCodeType": "LAD"}
        grant["beneficiaryLocation"] = [location]
    if group is not None:
        grant["classifications"] = _classifications(contract, group)
    grant["dateModified"] = modified
    if data_source is not None:
        grant["dataSource"] = data_source
    return grant


def export_package(
    source: Portfolio | Iterable[Contract],
    *,
    prefix: str,
    modified: dt.datetime,
    funder: Commissioner | None = None,
    data_source: str | None = None,
) -> dict[str, Any]:
    """Export agreements as a 360Giving package, ``{"version": "1.4", "grants": [...]}``.

    ``prefix`` is the publisher's own 360Giving prefix (``360G-`` optional), never invented
    here; each grant's ``id`` is ``360G-<prefix>-<agreement reference>``.  ``modified`` is the
    time the data was last changed, with a time zone.  From a portfolio, the commissioner is
    the funder; from bare agreements, pass ``funder`` for its org-id and area.

    >>> import datetime as dt
    >>> from valuing_involvement import example_portfolio
    >>> package = export_package(
    ...     example_portfolio(), prefix="lowmoor",
    ...     modified=dt.datetime(2007, 4, 2, 9, 0, tzinfo=dt.timezone.utc),
    ... )
    >>> grant = package["grants"][0]
    >>> grant["id"], grant["amountAwarded"], grant["recipientOrganization"][0]["id"]
    ('360G-lowmoor-LJC-2007-014', 108000, '360G-lowmoor-LV-001')
    """
    if modified.tzinfo is None:
        raise ValueError("modified needs a time zone (360Giving dates are RFC 3339 date-times)")
    stamp = modified.isoformat()
    if isinstance(source, Portfolio):
        funder = source.commissioner
        pairs = [(c, source.group_of(c)) for c in source.contracts]
    else:
        pairs = [(c, c.group) for c in source]
    grants = [
        _grant(c, g, funder, prefix=prefix, modified=stamp, data_source=data_source)
        for c, g in pairs
    ]
    return {"version": "1.4", "grants": grants}

"""360Giving: publish agreements as 360Giving grants, read grants back, check their quality.

Local authorities publish their grants to voluntary groups in the 360Giving Data Standard
(version 1.4).  :func:`export_package` turns a portfolio's agreements into a 360Giving package,
:func:`export_csv` into the flat table of the standard's spreadsheet template, and
:func:`import_package` reads a package back into agreements.  :func:`quality_report` applies
checks in the spirit of 360Giving's own quality tool, grouped as it groups them: validity
(``VI60x``), accuracy (``VI61x``) and usefulness (``VI62x``).

What 360Giving cannot hold -- KPIs, committees, hosting, terms, waivers -- stays in the
library's own JSON; ``docs/interop.md`` lists what each direction keeps and loses.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from valuing_involvement.checking import _findings
from valuing_involvement.classification import classify_group
from valuing_involvement.commissioners import Commissioner
from valuing_involvement.contracts import AgreementKind, Contract
from valuing_involvement.funding import FundingPeriod
from valuing_involvement.groups import Constituency, Group, Leadership
from valuing_involvement.orgids import OrgId, OrgList, _bare
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.reports import Finding, Report
from valuing_involvement.rules._model import GrantContext, Hit, Registry, Rule, Severity
from valuing_involvement.serialization import InvalidDocument

__all__ = [
    "CSV_COLUMNS",
    "QUALITY",
    "VOCABULARY",
    "export_csv",
    "export_package",
    "import_package",
    "quality_group",
    "quality_report",
]

#: The vocabulary prefix of the classifications this library writes.
VOCABULARY = "valuing-involvement"
_CONSTITUENCY_VOCABULARY = f"{VOCABULARY}:constituency"
_LEADERSHIP_VOCABULARY = f"{VOCABULARY}:leadership"
_CONSTITUENCY_TITLES = {
    Constituency.SERVICE_USERS: "Service user group",
    Constituency.CARERS: "Carer group",
    Constituency.SERVICE_USERS_AND_CARERS: "Joint service user and carer group",
}
_LEADERSHIP_TITLES = {
    Leadership.RUN: "Service user or carer run (G1(b))",
    Leadership.LED: "Service user or carer led (G1(b))",
    Leadership.NEITHER: "Neither run nor led by service users or carers (G1(b))",
}
_PROGRAMME = {"code": "user-carer-groups", "title": "Service user and carer groups"}
_PENNY = decimal.Decimal("0.01")
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


def _number(amount: decimal.Decimal) -> int | float:
    # JSON numbers: whole pounds as integers; pence as the float whose repr is the amount.
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _recipient_id(group: Group, prefix: str) -> OrgId:
    if group.org_id is not None:
        return group.org_id
    for scheme, number in (
        (OrgList.CHARITY_ENGLAND_WALES, group.charity_number),
        (OrgList.COMPANY, group.company_number),
    ):
        if number is not None:
            try:
                return OrgId(scheme=scheme, identifier=number)
            except ValueError:
                continue
    local = _NOT_ID.sub("-", group.reference or group.name).strip("-._") or "group"
    return OrgId.unregistered(prefix, local)


def _classifications(contract: Contract, group: Group) -> list[dict[str, Any]]:
    result = classify_group(group)
    leadership = contract.funded_as if result.facts_missing else result.leadership
    items = []
    if leadership is not None:
        items.append(
            {
                "vocabulary": _LEADERSHIP_VOCABULARY,
                "code": leadership.value,
                "title": _LEADERSHIP_TITLES[leadership],
            }
        )
    items.append(
        {
            "vocabulary": _CONSTITUENCY_VOCABULARY,
            "code": group.constituency.value,
            "title": _CONSTITUENCY_TITLES[group.constituency],
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
        recipient: dict[str, Any] = {"id": str(_recipient_id(group, prefix)), "name": group.name}
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


#: The flat table's columns: 360Giving's spreadsheet-template titles, one row per grant.
CSV_COLUMNS: tuple[tuple[str, tuple[str | int, ...]], ...] = (
    ("Identifier", ("id",)),
    ("Title", ("title",)),
    ("Description", ("description",)),
    ("Currency", ("currency",)),
    ("Amount Awarded", ("amountAwarded",)),
    ("Award Date", ("awardDate",)),
    ("Planned Dates:Start Date", ("plannedDates", 0, "startDate")),
    ("Planned Dates:End Date", ("plannedDates", 0, "endDate")),
    ("Planned Dates:Duration (months)", ("plannedDates", 0, "duration")),
    ("Recipient Org:Identifier", ("recipientOrganization", 0, "id")),
    ("Recipient Org:Name", ("recipientOrganization", 0, "name")),
    ("Recipient Org:Charity Number", ("recipientOrganization", 0, "charityNumber")),
    ("Recipient Org:Company Number", ("recipientOrganization", 0, "companyNumber")),
    ("Beneficiary Location:Name", ("beneficiaryLocation", 0, "name")),
    ("Beneficiary Location:Country Code", ("beneficiaryLocation", 0, "countryCode")),
    ("Beneficiary Location:Geographic Code", ("beneficiaryLocation", 0, "geoCode")),
    ("Beneficiary Location:Geographic Code Type", ("beneficiaryLocation", 0, "geoCodeType")),
    ("Funding Org:Identifier", ("fundingOrganization", 0, "id")),
    ("Funding Org:Name", ("fundingOrganization", 0, "name")),
    ("Grant Programme:Code", ("grantProgramme", 0, "code")),
    ("Grant Programme:Title", ("grantProgramme", 0, "title")),
    ("Classifications:Vocabulary", ("classifications", 0, "vocabulary")),
    ("Classifications:Code", ("classifications", 0, "code")),
    ("Classifications:Title", ("classifications", 0, "title")),
    ("Last Modified", ("dateModified",)),
    ("Data Source", ("dataSource",)),
)


def _dig(grant: Mapping[str, Any], path: tuple[str | int, ...]) -> Any:
    value: Any = grant
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return ""
    return value


def export_csv(package: Mapping[str, Any]) -> str:
    """Flatten a package to the spreadsheet template's columns, one row per grant.

    Arrays contribute their first item, as the template's single columns do; the first
    classification is the group's leadership class.

    >>> print(export_csv({"grants": []}).splitlines()[0][:41])
    Identifier,Title,Description,Currency,Amo
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(title for title, _ in CSV_COLUMNS)
    for grant in package.get("grants", ()):
        writer.writerow(_dig(grant, path) for _, path in CSV_COLUMNS)
    return out.getvalue()


# -- import ---------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _text(grant: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str | None:
    value = grant.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _Bad(
            f"{path}.{key}", "expected a non-empty string" if required else "expected a string"
        )
    return value


def _first(
    grant: Mapping[str, Any], key: str, path: str, *, required: bool
) -> Mapping[str, Any] | None:
    items = grant.get(key)
    if items is None and not required:
        return None
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        raise _Bad(f"{path}.{key}", "expected an array holding at least one object")
    first: Mapping[str, Any] = items[0]
    return first


def _day(text: str | None, path: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise _Bad(path, f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _period(grant: Mapping[str, Any], path: str, awarded: dt.date) -> FundingPeriod:
    dates = _first(grant, "plannedDates", path, required=False)
    where = f"{path}.plannedDates[0]"
    if dates is None:
        return FundingPeriod.from_months(awarded, 12)
    start = _day(_text(dates, "startDate", where, required=False), f"{where}.startDate") or awarded
    end = _day(_text(dates, "endDate", where, required=False), f"{where}.endDate")
    try:
        if end is not None:
            return FundingPeriod(start=start, end=end)
        duration = dates.get("duration")
        months = (
            int(duration)
            if isinstance(duration, int | float) and not isinstance(duration, bool)
            else 12
        )
        return FundingPeriod.from_months(start, max(months, 1))
    except ValueError as exc:
        raise _Bad(where, str(exc)) from None


def _codes(grant: Mapping[str, Any]) -> dict[str, str]:
    found = {}
    for item in grant.get("classifications") or ():
        if isinstance(item, dict) and isinstance(item.get("code"), str):
            found[str(item.get("vocabulary"))] = item["code"]
    return found


def _org_id(text: str | None) -> OrgId | None:
    if text is None:
        return None
    try:
        return OrgId.parse(text)
    except ValueError:
        return None


def _contract(grant: object, path: str, prefix: str | None) -> Contract:
    if not isinstance(grant, dict):
        raise _Bad(path, "expected a grant object")
    grant_id = _text(grant, "id", path)
    title = _text(grant, "title", path)
    description = _text(grant, "description", path, required=False)
    amount = grant.get("amountAwarded")
    if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
        raise _Bad(f"{path}.amountAwarded", "expected a non-negative number")
    awarded = _day(_text(grant, "awardDate", path), f"{path}.awardDate")
    assert awarded is not None  # noqa: S101 -- awardDate is required above
    period = _period(grant, path, awarded)
    recipient = _first(grant, "recipientOrganization", path, required=True)
    funder = _first(grant, "fundingOrganization", path, required=True)
    assert recipient is not None and funder is not None  # noqa: PT018, S101 -- required above
    where = f"{path}.recipientOrganization[0]"
    codes = _codes(grant)
    org_id = _org_id(_text(recipient, "id", where, required=False))
    local = None
    if org_id is not None and org_id.scheme is OrgList.UNREGISTERED and prefix is not None:
        local = org_id.identifier.removeprefix(f"{_bare(prefix)}-")
    constituency = Constituency.SERVICE_USERS_AND_CARERS
    for member in Constituency:
        if codes.get(_CONSTITUENCY_VOCABULARY) == member.value:
            constituency = member
    group = Group(
        name=_text(recipient, "name", where) or "",
        constituency=constituency,
        decision_body=None,
        controls=(),
        org_id=org_id,
        charity_number=_text(recipient, "charityNumber", where, required=False),
        company_number=_text(recipient, "companyNumber", where, required=False),
        reference=local or None,
    )
    funded_as = next(
        (cls for cls in Leadership if codes.get(_LEADERSHIP_VOCABULARY) == cls.value), None
    )
    total = decimal.Decimal(repr(amount))
    per_year = (total * 12 / max(period.months, 1)).quantize(_PENNY)
    bare = f"360G-{_bare(prefix)}-" if prefix is not None else ""
    return Contract(
        commissioner=_text(funder, "name", f"{path}.fundingOrganization[0]") or "",
        kind=AgreementKind.GRANT_LETTER,
        amount_per_year=per_year,
        period=period,
        reference=grant_id.removeprefix(bare) if grant_id else None,
        title=title,
        awarded_on=awarded,
        group=group,
        funded_as=funded_as,
        aims=tuple(line for line in (description or "").split("\n") if line.strip()),
    )


def import_package(data: object, *, prefix: str | None = None) -> list[Contract]:
    """Read a 360Giving package (parsed JSON) into agreements, each holding its group.

    What a grant says is filled in; the rest is left unknown (no committee, no controls, no
    terms), so the agreement and group rules will say the facts are missing.  Keys this library
    does not use are ignored.  With ``prefix``, references lose their ``360G-<prefix>-`` start.
    Raises :class:`~valuing_involvement.InvalidDocument` naming every unreadable field.

    >>> import datetime as dt
    >>> from valuing_involvement import example_portfolio
    >>> package = export_package(example_portfolio(), prefix="lowmoor",
    ...                          modified=dt.datetime(2007, 4, 2, tzinfo=dt.timezone.utc))
    >>> [c.reference for c in import_package(package, prefix="lowmoor")][:2]
    ['LJC-2007-014', 'LJC-2007-021']
    """
    target = "360Giving package"
    if not isinstance(data, dict) or not isinstance(data.get("grants"), list):
        raise InvalidDocument([("$.grants", "expected an array of grants")], target=target)
    contracts, errors = [], []
    for index, grant in enumerate(data["grants"]):
        try:
            contracts.append(_contract(grant, f"$.grants[{index}]", prefix))
        except _Bad as exc:
            errors.append((exc.path, exc.message))
    if errors:
        raise InvalidDocument(errors, target=target)
    return contracts


# -- quality --------------------------------------------------------------------------------------

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


def _start_after_end(ctx: GrantContext) -> Iterator[Hit]:
    start, end = _dates_of(ctx)
    if start is not None and end is not None and start > end:
        yield Hit(
            message=f"planned start {start.isoformat()} is after the end {end.isoformat()}",
            path=f"$.grants[{ctx.index}].plannedDates[0]",
            evidence={"startDate": start.isoformat(), "endDate": end.isoformat()},
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


def _zero_amount(ctx: GrantContext) -> Iterator[Hit]:
    amount = ctx.grant.get("amountAwarded")
    if isinstance(amount, int | float) and not isinstance(amount, bool) and amount == 0:
        yield Hit(
            message="the amount awarded is zero",
            path=f"$.grants[{ctx.index}].amountAwarded",
            evidence={"amountAwarded": 0},
        )


def _title_is_description(ctx: GrantContext) -> Iterator[Hit]:
    title, description = ctx.grant.get("title"), ctx.grant.get("description")
    if isinstance(title, str) and title.strip() and title.strip() == str(description).strip():
        yield Hit(
            message="the description repeats the title",
            path=f"$.grants[{ctx.index}].description",
            evidence={"title": title},
        )


def _long_title(ctx: GrantContext) -> Iterator[Hit]:
    title = ctx.grant.get("title")
    if isinstance(title, str) and len(title) > _TITLE_LIMIT:
        yield Hit(
            message=f"the title is {len(title)} characters, over {_TITLE_LIMIT}",
            path=f"$.grants[{ctx.index}].title",
            evidence={"length": len(title), "limit": _TITLE_LIMIT},
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


def _quality(row: tuple[str, str, str, Severity, Any, str, str]) -> Rule:
    code, name, title, severity, check, why, fix = row
    return Rule(
        code=code,
        name=name,
        title=title,
        severity=severity,
        citations=("G3(b)",),
        rationale=why,
        remedy=fix,
        check=check,
        subject="grant",
    )


_OPEN = "Published grants data is how groups and the public learn what is funded (G3(b))."

#: 360Giving quality checks: VI60x validity, VI61x accuracy, VI62x usefulness.
QUALITY = Registry(
    rules=(
        _quality(
            (
                "VI601",
                "grant-field-missing",
                "A field 360Giving requires is missing.",
                Severity.ERROR,
                _missing_fields,
                f"{_OPEN} A grant without it is invalid.",
                "Fill the field in before publishing.",
            )
        ),
        _quality(
            (
                "VI602",
                "planned-start-after-end",
                "The planned start comes after the end.",
                Severity.ERROR,
                _start_after_end,
                f"{_OPEN} Impossible dates mislead readers.",
                "Correct the planned dates.",
            )
        ),
        _quality(
            (
                "VI611",
                "award-date-in-future",
                "The award date is after the date of the check.",
                Severity.WARNING,
                _future_award,
                f"{_OPEN} An award not yet made is not a grant.",
                "Check the award date; publish awards once they are decided.",
            )
        ),
        _quality(
            (
                "VI612",
                "zero-amount",
                "The amount awarded is zero.",
                Severity.WARNING,
                _zero_amount,
                f"{_OPEN} A zero amount is usually a data error.",
                "Give the amount awarded over the whole period.",
            )
        ),
        _quality(
            (
                "VI621",
                "title-repeats-description",
                "The description repeats the title.",
                Severity.ADVICE,
                _title_is_description,
                f"{_OPEN} A description should say what the grant is for.",
                "Describe the funded work in a sentence or two.",
            )
        ),
        _quality(
            (
                "VI622",
                "title-too-long",
                "The title is longer than 140 characters.",
                Severity.ADVICE,
                _long_title,
                f"{_OPEN} Long titles are cut off in listings.",
                "Shorten the title and put the detail in the description.",
            )
        ),
        _quality(
            (
                "VI623",
                "unregistered-id-for-registered-group",
                "A 360G- recipient id is used though a charity or company number is known.",
                Severity.ADVICE,
                _unregistered_id_when_registered,
                f"{_OPEN} Registered identifiers let data be joined across funders.",
                "Use the GB-CHC- or GB-COH- identifier.",
            )
        ),
    ),
    parameters=(),
)

_GROUPS = {"VI60": "validity", "VI61": "accuracy", "VI62": "usefulness"}
_QUALITY_SEVERITIES = {rule.code: rule.severity for rule in QUALITY}


def quality_group(finding: Finding) -> str:
    """The 360Giving quality group of a quality finding: validity, accuracy or usefulness.

    >>> from valuing_involvement import Severity
    >>> quality_group(Finding(code="VI622", name="n", severity=Severity.ADVICE, message="m",
    ...                       citations=("G3(b)",), path="$", remedy="r"))
    'usefulness'
    """
    return _GROUPS[finding.code[:4]]


def quality_report(package: Mapping[str, Any], *, on: dt.date) -> Report:
    """Check a 360Giving package's grants as 360Giving's quality tool would.

    ``on`` is the date of the check (an award after it is in the future); nothing reads the
    clock.  Findings carry codes ``VI60x`` (validity), ``VI61x`` (accuracy) and ``VI62x``
    (usefulness); :func:`quality_group` names the group.

    >>> import datetime as dt
    >>> report = quality_report({"grants": [{"id": "360G-x-1", "title": "T", "description": "T",
    ...                          "amountAwarded": 0}]}, on=dt.date(2007, 4, 1))
    >>> sorted({f.code for f in report.findings})
    ['VI601', 'VI612', 'VI621']
    """
    grants = package.get("grants")
    findings: list[Finding] = []
    for index, grant in enumerate(grants if isinstance(grants, list) else ()):
        if not isinstance(grant, dict):
            continue
        ctx = GrantContext(grant=grant, index=index, on=on)
        findings += _findings(QUALITY, ctx, _QUALITY_SEVERITIES)
    findings.sort(key=Finding.sort_key)
    count = len(grants) if isinstance(grants, list) else 0
    return Report(
        subject=f"360Giving package ({count} grants)",
        on=on,
        ruleset=RULESET,
        findings=tuple(findings),
    )


RULESET = "360giving-quality-2026.11"

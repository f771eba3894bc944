"""Publish agreements as a 360Giving package: :func:`export_package` (private module)."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
from collections.abc import Iterable
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from valuing_involvement._identifiers import bare_prefix
from valuing_involvement._standard360 import geo_code_type, is_uri, registered_prefix
from valuing_involvement.classification import classify_group
from valuing_involvement.commissioners import Commissioner
from valuing_involvement.contracts import AgreementKind, Contract
from valuing_involvement.groups import Group
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.threesixty._import import agreement_of
from valuing_involvement.threesixty._orgids import recipient_id
from valuing_involvement.threesixty._vocabulary import (
    CONSTITUENCY_TITLES,
    CONSTITUENCY_VOCABULARY,
    LEADERSHIP_TITLES,
    LEADERSHIP_VOCABULARY,
)

__all__ = [
    "DuplicateGrants",
    "amount_awarded",
    "export_notes",
    "export_package",
    "grant_id",
    "merge_packages",
]

_PENNY = decimal.Decimal("0.01")
_NOT_IN_ID = re.compile(r"[\s/\\\x00-\x1f\x7f]+")
_PROGRAMME = {"code": "user-carer-groups", "title": "Service user and carer groups"}


class DuplicateGrants(ValueError):
    """Two different grants would share an id: the package would break the schema."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = tuple(sorted(set(ids)))
        super().__init__(
            "grant ids must be unique in a package; these name different grants: "
            + ", ".join(self.ids)
        )


def grant_id(prefix: str, reference: str) -> str:
    """The 360Giving id of an agreement: whitespace, control characters and slashes become ``-``.

    A reference that is already a 360Giving id (an imported grant's, ``360G-...``, this
    publisher's or another's) is kept, never prefixed a second time.

    >>> grant_id("lowmoor", "LJC/2007 014")
    '360G-lowmoor-LJC-2007-014'
    >>> grant_id("360G-lowmoor", "360G-lowmoor-LJC-2007-014")
    '360G-lowmoor-LJC-2007-014'
    >>> grant_id("360G-ptc-gr", "360G-ptc-gr69")
    '360G-ptc-gr69'
    """
    local = _NOT_IN_ID.sub("-", reference).strip("-")
    if not local:
        raise ValueError(f"the reference {reference!r} leaves nothing for a grant id")
    if local[:5].upper() == "360G-" and len(local) > len("360G-"):
        return local
    return f"360G-{bare_prefix(prefix)}-{local}"


def amount_awarded(contract: Contract) -> decimal.Decimal:
    """The amount of the agreement as made, to the penny: whole months, then the part month.

    Each whole month is a twelfth of the yearly amount; days left over are that twelfth in
    proportion to the days of the month they fall in.

    >>> import datetime as dt, decimal
    >>> from valuing_involvement import AgreementKind, Contract, FundingPeriod
    >>> contract = Contract(commissioner="C", kind=AgreementKind.GRANT_LETTER,
    ...     amount_per_year=decimal.Decimal("12000"),
    ...     period=FundingPeriod(start=dt.date(2007, 4, 1), end=dt.date(2007, 9, 15)))
    >>> amount_awarded(contract)
    Decimal('5500.00')
    """
    period = contract.period
    monthly = contract.amount_per_year / 12
    if period is None:  # a length without dates: whole months only; no length, no amount
        if contract.length_months is None:
            raise ValueError(
                "the agreement's length is not known, so neither is the amount it awards"
            )
        return (monthly * contract.length_months).quantize(_PENNY)
    months = period.months
    part_start = period.start + relativedelta(months=months)
    part_days = (period.end - part_start).days + 1
    month_days = ((part_start + relativedelta(months=1)) - part_start).days
    total = monthly * months + monthly * part_days / month_days
    return total.quantize(_PENNY)


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


def _recipient(group: Group, funder: Commissioner | None, prefix: str) -> dict[str, Any]:
    area_code = funder.area_code if funder is not None else None
    jurisdiction = area_code[:1] if area_code else None
    recipient: dict[str, Any] = {
        "id": str(recipient_id(group, prefix, jurisdiction)),
        "name": group.name,
    }
    if group.charity_number is not None:
        recipient["charityNumber"] = group.charity_number
    if group.company_number is not None:
        recipient["companyNumber"] = group.company_number
    return recipient


def _location(funder: Commissioner) -> dict[str, Any]:
    location: dict[str, Any] = {"name": funder.area, "countryCode": "GB"}
    kind_of_area = geo_code_type(funder.area_code) if funder.area_code else None
    if funder.area_code is not None and kind_of_area is not None:
        location |= {"geoCode": funder.area_code, "geoCodeType": kind_of_area}
    return location


def _grant(  # noqa: PLR0913 -- the publisher's choices, each one a keyword
    contract: Contract,
    group: Group | None,
    funder: Commissioner | None,
    *,
    prefix: str,
    modified: str,
    data_source: str | None,
    funder_id: str | None,
) -> dict[str, Any]:
    name_of = contract.reference or contract.title or contract.commissioner
    if contract.reference is None:
        raise ValueError(
            f"the agreement {name_of!r} has no reference, so it has no 360Giving identifier"
        )
    if contract.awarded_on is None:
        raise ValueError(
            f"the agreement {name_of!r} has no award date (awarded_on): 360Giving needs the "
            "date of the decision to award, and the start of the period is not that"
        )
    name = group.name if group is not None else "the group"
    kind = "grant" if contract.kind is None else contract.kind.value.replace("_", " ")
    title = contract.title or f"{name}: {kind}"
    roles = ", ".join(sorted(r.value.replace("_", " ") for r in contract.roles_bought))
    description = "\n".join(contract.aims) or f"A {kind} funding {name}" + (
        f" for {roles}." if roles else "."
    )
    period = contract.period
    if period is not None:
        planned = [
            {
                "startDate": period.start.isoformat(),
                "endDate": period.end.isoformat(),
                "duration": period.months,
            }
        ]
    elif contract.length_months is not None:
        planned = [{"duration": contract.length_months}]  # a length stays a length
    else:
        raise ValueError(
            f"the agreement {name_of!r} has neither dates nor a length: 360Giving's amount "
            "awarded cannot be worked out from a yearly amount without one"
        )
    grant: dict[str, Any] = {
        "id": grant_id(prefix, contract.reference),
        "title": title,
        "description": description,
        "currency": "GBP",
        "amountAwarded": _number(amount_awarded(contract)),
        "awardDate": contract.awarded_on.isoformat(),
        "plannedDates": planned,
    }
    if group is not None:
        grant["recipientOrganization"] = [_recipient(group, funder, prefix)]
    if funder_id is None and funder is not None and funder.org_id is not None:
        funder_id = str(funder.org_id)
    grant["fundingOrganization"] = [
        {"id": funder_id or f"360G-{bare_prefix(prefix)}", "name": contract.commissioner}
    ]
    grant["grantProgramme"] = [dict(_PROGRAMME)]
    if funder is not None and funder.area is not None:
        grant["beneficiaryLocation"] = [_location(funder)]
    if group is not None:
        grant["classifications"] = _classifications(contract, group)
    grant["dateModified"] = (
        f"{contract.date_modified.isoformat()}T00:00:00+00:00"
        if contract.date_modified is not None
        else modified
    )
    if data_source is not None:
        grant["dataSource"] = data_source
    return grant


def _grant_of(
    contract: Contract, group: Group | None, funder: Commissioner | None, **choices: Any
) -> dict[str, Any]:
    """The agreement's grant: its published grant again when it was imported from one."""
    grant = _grant(contract, group, funder, **choices)
    published = json.loads(contract.published) if contract.published is not None else None
    return _republished(contract, group, grant, published) if isinstance(published, dict) else grant


#: What a grant and its agreement both say: the agreement's fields, then the grant's keys written
#: from them when the agreement no longer says what its published grant said.
_CARRIED: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("reference",), ("id",)),
    (("title",), ("title",)),
    (("aims",), ("description",)),
    (("commissioner",), ("fundingOrganization",)),
    (("amount_per_year", "period", "length_months"), ("amountAwarded", "plannedDates")),
    (("awarded_on",), ("awardDate",)),
    (("date_modified",), ("dateModified",)),
    (("group", "funded_as"), ("recipientOrganization", "classifications")),
)
#: The agreement's fields a 360Giving grant has a place for (the rest it cannot carry).
_PLACED = frozenset(
    {"kind", "group_reference", "published"} | {name for names, _ in _CARRIED for name in names}
)
_OURS = frozenset({CONSTITUENCY_VOCABULARY, LEADERSHIP_VOCABULARY})


def _import_prefix(reference: str | None, published_id: object) -> str | None:
    """The prefix the import stripped from the grant's id to make ``reference``, if any.

    >>> _import_prefix("gr69", "360G-ptc-gr69"), _import_prefix("360G-ptc-gr69", "360G-ptc-gr69")
    ('ptc', None)
    """
    if reference is None or not isinstance(published_id, str) or reference == published_id:
        return None
    stripped = published_id.removesuffix(f"-{reference}")
    if stripped == published_id or stripped[:5].upper() != "360G-" or len(stripped) <= 5:
        return None
    return stripped[5:]


def _rewritten(contract: Contract, group: Group | None, published: dict[str, Any]) -> list[str]:
    """The grant's keys that must be written from the agreement: what it no longer says alike."""
    said = agreement_of(published, _import_prefix(contract.reference, published.get("id")))
    if said is None:  # the published grant makes no agreement now: the agreement says it all
        return [key for _, keys in _CARRIED for key in keys]
    keys: list[str] = []
    for names, grant_keys in _CARRIED:
        if names[0] == "group":
            same = group == said.group and contract.funded_as == said.funded_as
        else:
            same = all(getattr(contract, name) == getattr(said, name) for name in names)
        if not same:
            keys.extend(grant_keys)
    return keys


def _first_replaced(items: object, first: object) -> list[Any]:
    rest = items[1:] if isinstance(items, list) else []
    return [first, *rest]


def _republished(
    contract: Contract, group: Group | None, fresh: dict[str, Any], published: dict[str, Any]
) -> dict[str, Any]:
    """The published grant again, with the keys the agreement changed written from ``fresh``."""
    grant = dict(published)
    for key in _rewritten(contract, group, published):
        if key == "fundingOrganization":
            funders = published.get(key)
            first = funders[0] if isinstance(funders, list) and funders else {}
            named = (dict(first) if isinstance(first, dict) else {}) | {
                "name": contract.commissioner
            }
            grant[key] = _first_replaced(funders, named)
        elif key in {"recipientOrganization", "plannedDates"}:
            if key in fresh:  # an agreement that forgot its group still had its recipient
                grant[key] = _first_replaced(published.get(key), fresh[key][0])
        elif key == "classifications":
            theirs = [
                item
                for item in published.get(key) or ()
                if not (isinstance(item, dict) and item.get("vocabulary") in _OURS)
            ]
            grant[key] = theirs + list(fresh.get(key, ()))
        elif key in fresh:
            grant[key] = fresh[key]
    return grant


def not_carried(contract: Contract) -> tuple[str, ...]:
    """The agreement's fields that hold something a 360Giving grant has no place for.

    An export loses them (``docs/interop.md``); :func:`export_notes` names them.

    >>> import decimal
    >>> from valuing_involvement import AgreementKind, Contract
    >>> not_carried(Contract(commissioner="C", kind=AgreementKind.SERVICE_LEVEL_AGREEMENT,
    ...     amount_per_year=decimal.Decimal(1000), period=None, length_months=12,
    ...     overheads_funded=True))
    ('kind', 'overheads_funded')

    A fact not stated (``None``) is nothing lost: an imported grant's support and terms are.

    >>> not_carried(Contract(commissioner="C", kind=None, amount_per_year=decimal.Decimal(1000),
    ...     period=None, length_months=12, support=None, terms=None))
    ()
    """
    found = ["kind"] if contract.kind not in (None, AgreementKind.GRANT_LETTER) else []
    for field in attrs.fields(Contract):
        if field.name in _PLACED or field.default is attrs.NOTHING:
            continue
        default = field.default
        factory = getattr(default, "factory", None)  # an attrs.Factory
        if factory is not None:
            default = factory()
        value = getattr(contract, field.name)
        if value is not None and value != default:  # a fact not stated is nothing to carry
            found.append(field.name)
    return tuple(found)


def export_notes(source: Portfolio | Iterable[Contract]) -> list[str]:
    """What an export of ``source`` cannot carry, or writes anew, one line an agreement.

    For each agreement: the fields a 360Giving grant has no place for (:func:`not_carried`);
    and, for an agreement imported from a grant (``published``), the grant's keys written from
    the agreement because it no longer says what the grant said (the rest is re-published
    exactly as it was).

    >>> import decimal
    >>> from valuing_involvement import AgreementKind, Contract
    >>> export_notes([Contract(commissioner="C", kind=AgreementKind.GRANT_LETTER,
    ...     reference="R1", amount_per_year=decimal.Decimal(1000), period=None,
    ...     length_months=12, overheads_funded=True)])
    ['R1: a 360Giving grant has no place for: overheads_funded']
    """
    if isinstance(source, Portfolio):
        pairs = [(c, source.group_of(c)) for c in source.contracts]
    else:
        pairs = [(c, c.group) for c in source]
    lines = []
    for contract, group in pairs:
        name = contract.reference or contract.title or contract.commissioner
        lost = not_carried(contract)
        if lost:
            lines.append(f"{name}: a 360Giving grant has no place for: {', '.join(lost)}")
        if contract.published is not None:
            published = json.loads(contract.published)
            if isinstance(published, dict):
                keys = _rewritten(contract, group, published)
                if keys:
                    lines.append(
                        f"{name}: written from the agreement, which changed what its published "
                        f"grant said: {', '.join(keys)}"
                    )
    return lines


def _unique(grants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept: dict[str, dict[str, Any]] = {}
    clashes = []
    for grant in grants:
        first = kept.setdefault(grant["id"], grant)
        if first is not grant and first != grant:
            clashes.append(grant["id"])
    if clashes:
        raise DuplicateGrants(clashes)
    return list(kept.values())


def _checked_uri(name: str, value: str | None) -> str | None:
    if value is not None and not is_uri(value):
        raise ValueError(f"{name} must be an absolute URI such as https://..., got {value!r}")
    return value


def export_package(  # noqa: PLR0913 -- the publisher's choices, each one a keyword
    source: Portfolio | Iterable[Contract],
    *,
    prefix: str,
    modified: dt.datetime,
    funder: Commissioner | None = None,
    funder_id: str | None = None,
    data_source: str | None = None,
    license: str | None = None,  # noqa: A002 -- the package schema's own name
) -> dict[str, Any]:
    """Export agreements as a 360Giving 1.4 package: its metadata and ``grants``.

    ``prefix`` is the publisher's own 360Giving prefix (``360G-`` optional), never invented
    here; each grant's ``id`` is ``360G-<prefix>-<agreement reference>`` (see
    :func:`grant_id`).  ``modified`` is the time the data was last changed, with a time zone;
    a grant whose agreement records its own ``date_modified`` carries that instead.  From a
    portfolio, the commissioner is the funder; from bare agreements, pass ``funder`` for its
    org-id and area, or ``funder_id`` for its org-id alone (it must have a registered
    prefix).  ``data_source`` and ``license`` must be absolute URIs.  Every agreement needs a
    reference and its award date (``awarded_on``).  An agreement imported from a grant
    (``published``) re-publishes that grant as it was, writing from the agreement only the keys
    whose meaning it changed (:func:`export_notes` names them).  The same agreement given twice is
    published once; two different agreements with the same id raise
    :class:`DuplicateGrants`.

    >>> import datetime as dt
    >>> from valuing_involvement import example_portfolio
    >>> package = export_package(
    ...     example_portfolio(), prefix="lowmoor",
    ...     modified=dt.datetime(2007, 4, 2, 9, 0, tzinfo=dt.timezone.utc),
    ... )
    >>> grant = package["grants"][0]
    >>> grant["id"], grant["amountAwarded"], grant["awardDate"]
    ('360G-lowmoor-LJC-2007-014', 108000, '2007-03-14')
    >>> package["publisher"]
    {'name': 'Lowmoor Joint Commissioning', 'identifier': 'GB-LAE-LWM'}
    """
    if modified.tzinfo is None:
        raise ValueError("modified needs a time zone (360Giving dates are RFC 3339 date-times)")
    _checked_uri("the data source", data_source)
    _checked_uri("the licence", license)
    if funder_id is not None and registered_prefix(funder_id) is None:
        raise ValueError(f"the funder id {funder_id!r} has no prefix of the org-id.guide register")
    stamp = rfc3339(modified)
    if isinstance(source, Portfolio):
        funder = source.commissioner
        pairs = [(c, source.group_of(c)) for c in source.contracts]
    else:
        pairs = [(c, c.group) for c in source]
    grants = _unique(
        [
            _grant_of(
                c,
                g,
                funder,
                prefix=prefix,
                modified=stamp,
                data_source=data_source,
                funder_id=funder_id,
            )
            for c, g in pairs
        ]
    )
    return package_of(grants, prefix=prefix, modified=modified, license=license)


def rfc3339(moment: dt.datetime) -> str:
    """Write an aware date-time as RFC 3339 requires: an offset in whole minutes.

    Python allows offsets with seconds (``+05:30:15``), which RFC 3339 and so 360Giving's
    schema do not; such a moment is written in UTC instead, the same instant.

    >>> zone = dt.timezone(dt.timedelta(hours=5, minutes=30, seconds=15))
    >>> rfc3339(dt.datetime(2007, 4, 2, 9, 0, tzinfo=zone))
    '2007-04-02T03:29:45+00:00'
    >>> rfc3339(dt.datetime(2007, 4, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    '2007-04-02T09:00:00+01:00'
    """
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a date-time needs a time zone to be written as RFC 3339")
    if offset % dt.timedelta(minutes=1):
        try:
            moment = moment.astimezone(dt.UTC)
        except OverflowError:
            raise ValueError(f"{moment} cannot be written in UTC") from None
    return moment.isoformat()


def package_of(
    grants: list[dict[str, Any]],
    *,
    prefix: str,
    modified: dt.datetime,
    license: str | None = None,  # noqa: A002 -- the package schema's own name
) -> dict[str, Any]:
    """Wrap grants in a 1.4 package with its metadata; the first grant's funder publishes.

    >>> import datetime as dt
    >>> package = package_of(
    ...     [], prefix="x", modified=dt.datetime(2007, 4, 2, tzinfo=dt.timezone.utc)
    ... )
    >>> package["identifier"], package["issued"]
    ('360G-x-20070402T000000Z', '2007-04-02T00:00:00+00:00')
    """
    package: dict[str, Any] = {
        "version": "1.4",
        "identifier": f"360G-{bare_prefix(prefix)}-{modified.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        "issued": rfc3339(modified),
    }
    funders = [org for grant in grants for org in grant.get("fundingOrganization", ())[:1]]
    if funders:
        publisher = {"name": funders[0]["name"]}
        if not funders[0]["id"].upper().startswith("360G"):
            publisher["identifier"] = funders[0]["id"]
        package["publisher"] = publisher
    if license is not None:
        package["license"] = license
    package["grants"] = grants
    return package


def merge_packages(packages: list[dict[str, Any]]) -> dict[str, Any]:
    """One package of several exports: the first one's metadata, every grant once.

    A grant in two of them is kept once; two different grants with one id raise
    :class:`DuplicateGrants`.

    >>> import datetime as dt
    >>> from valuing_involvement import example_portfolio
    >>> when = dt.datetime(2007, 4, 2, tzinfo=dt.timezone.utc)
    >>> one = export_package(example_portfolio(), prefix="lowmoor", modified=when)
    >>> len(merge_packages([one, one])["grants"]) == len(one["grants"])
    True
    """
    if not packages:
        return {"version": "1.4", "grants": []}
    merged = dict(packages[0])
    merged["grants"] = _unique([grant for package in packages for grant in package["grants"]])
    return merged

"""The usefulness checks of the VI6 series (``VI62x``, *advice*): right but less useful."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from valuing_involvement.rules._contexts import GrantContext
from valuing_involvement.rules._kernel import Hit, Modality, Severity, Subject, rule
from valuing_involvement.rules.quality._shared import (
    _CITE,
    _COMPANY,
    _OPEN,
    _TITLE_LIMIT,
    _at,
    _objects,
    _orgs,
    _text,
    _to_individual,
)

# -- usefulness ----------------------------------------------------------------------------


@rule(
    code="VI620",
    name="internal-org-id",
    title="A funder or recipient has an internal 360G- id.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} A registered id links the grant to other data; a 360G- id does not.",
    remedy="Use the organisation's registered id where it has one.",
    subject=Subject.GRANT,
)
def _internal_ids(ctx: GrantContext) -> Iterator[Hit]:
    for key, position, org in _orgs(ctx.grant):
        if _text(org.get("id")).upper().startswith("360G"):  # the tool needs no hyphen
            yield Hit(
                message=f"{key} id {org['id']} is internal to the publisher",
                path=_at(ctx, f".{key}[{position}].id"),
                evidence={"id": str(org["id"])},
            )


@rule(
    code="VI621",
    name="title-repeats-description",
    title="The description repeats the title.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} A description should say what the grant is for.",
    remedy="Describe the funded work in a sentence or two.",
    subject=Subject.GRANT,
)
def _title_is_description(ctx: GrantContext) -> Iterator[Hit]:
    title, description = ctx.grant.get("title"), ctx.grant.get("description")
    # Exactly the same text, as the tool compares them (U7): a description that is the title
    # and a space is another text.
    if isinstance(title, str) and title and title == description:
        yield Hit(
            message="the description repeats the title",
            path=_at(ctx, ".description"),
            evidence={"title": title},
        )


@rule(
    code="VI622",
    name="title-too-long",
    title="The title is longer than 140 characters.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Long titles are cut off in listings.",
    remedy="Shorten the title and put the detail in the description.",
    subject=Subject.GRANT,
)
def _long_title(ctx: GrantContext) -> Iterator[Hit]:
    title = ctx.grant.get("title")
    if isinstance(title, str) and len(title) > _TITLE_LIMIT:
        yield Hit(
            message=f"the title is {len(title)} characters, over {_TITLE_LIMIT}",
            path=_at(ctx, ".title"),
            evidence={"length": len(title), "limit": _TITLE_LIMIT},
        )


def registered_id_for(charity: str, company: str) -> str | None:
    """The org-id a valid charity or company number gives, or ``None`` for junk.

    >>> registered_id_for("SC012345", ""), registered_id_for("1123456", "")
    ('GB-SC-SC012345', 'GB-CHC-1123456')
    >>> registered_id_for("NIC100002", ""), registered_id_for("12", "junk") is None
    ('GB-NIC-100002', True)
    """
    number = charity.replace(" ", "").upper()
    if re.fullmatch(r"SC\d{6}", number):
        return f"GB-SC-{number}"
    if re.fullmatch(r"(NIC|XT|XR)?\d{6}", number) and not number.isdigit():
        return f"GB-NIC-{number.removeprefix('NIC')}" if number.startswith("NIC") else None
    if re.fullmatch(r"\d{6,7}", number):
        return f"GB-CHC-{number}"
    if _COMPANY.fullmatch(company.replace(" ", "").upper()):
        return f"GB-COH-{company.replace(' ', '').upper()}"
    return None


@rule(
    code="VI623",
    name="unregistered-id-for-registered-group",
    title="A 360G- recipient id is used though a valid charity or company number is known.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Registered identifiers let data be joined across funders.",
    remedy="Use the identifier of the register the number belongs to.",
    subject=Subject.GRANT,
)
def _unregistered_id_when_registered(ctx: GrantContext) -> Iterator[Hit]:
    for position, org in _objects(ctx.grant.get("recipientOrganization")):
        if not _text(org.get("id")).upper().startswith("360G-"):
            continue
        better = registered_id_for(_text(org.get("charityNumber")), _text(org.get("companyNumber")))
        if better is not None:
            yield Hit(
                message=f"recipient id {org['id']} is a 360G- id; its number gives {better}",
                path=_at(ctx, f".recipientOrganization[{position}].id"),
                evidence={"id": str(org["id"]), "suggested": better},
            )


@rule(
    code="VI624",
    name="recipient-without-number",
    title="A recipient organisation has neither a charity nor a company number.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Many user and carer groups are unregistered: the number, where there "
    "is one, is what links the grant to the register.",
    remedy="Give the charity or company number where the group has one.",
    subject=Subject.GRANT,
)
def _no_number(ctx: GrantContext) -> Iterator[Hit]:
    for position, org in _objects(ctx.grant.get("recipientOrganization")):
        if not _text(org.get("charityNumber")) and not _text(org.get("companyNumber")):
            yield Hit(
                message=f"recipient {_text(org.get('name')) or position} has no registered number",
                path=_at(ctx, f".recipientOrganization[{position}]"),
                evidence={"name": _text(org.get("name"))},
            )


def _has_place(org: Mapping[str, Any]) -> bool:
    return bool(_text(org.get("postalCode"))) or any(
        _text(loc.get("geoCode")) for _, loc in _objects(org.get("location"))
    )


@rule(
    code="VI625",
    name="location-missing",
    title="The grant or its recipient says too little about where it is.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Places let readers see what is funded near them.",
    remedy="Give a beneficiary location with a geoCode, and the recipient's postcode.",
    subject=Subject.GRANT,
)
def _location_missing(ctx: GrantContext) -> Iterator[Hit]:
    locations = _objects(ctx.grant.get("beneficiaryLocation"))
    recipients = _objects(ctx.grant.get("recipientOrganization"))
    if not locations:
        yield Hit(
            message="no beneficiary location",
            path=_at(ctx, ".beneficiaryLocation"),
            evidence={"check": "NoBeneficiaryLocation"},
        )
    for i, location in locations:
        # As the tool reads them (U13): any name but an empty one, even a blank one, and no
        # geoCode or an empty one.
        if location.get("name") and not location.get("geoCode"):
            yield Hit(
                message="a beneficiary location has a name but no geoCode",
                path=_at(ctx, f".beneficiaryLocation[{i}]"),
                evidence={"check": "BeneficiaryLocationNameButNoCode"},
            )
    for position, org in recipients:
        if not _has_place(org):
            yield Hit(
                message="the recipient has no postcode and no location with a geoCode",
                path=_at(ctx, f".recipientOrganization[{position}]"),
                evidence={"check": "IncompleteRecipientOrg"},
            )
    if not recipients:
        return
    first = recipients[0][1]
    if locations and not _text(first.get("postalCode")) and not _objects(first.get("location")):
        yield Hit(
            message="beneficiary locations are given, but the recipient has no place",
            path=_at(ctx, ".recipientOrganization[0]"),
            evidence={"check": "BeneficiaryButNotRecipientGeoData"},
        )
    if not locations and _objects(first.get("location")):
        yield Hit(
            message="the recipient has a location, but the grant has no beneficiary location",
            path=_at(ctx, ".beneficiaryLocation"),
            evidence={"check": "RecipientGeoDataButNoBeneficiary"},
        )


@rule(
    code="VI626",
    name="no-grant-programme",
    title="The grant names no grant programme.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} The programme tells applicants where the money comes from.",
    remedy="Name the programme the grant was made under.",
    subject=Subject.GRANT,
)
def _no_programme(ctx: GrantContext) -> Iterator[Hit]:
    if ctx.grant.get("grantProgramme") in (None, "", [], {}):
        yield Hit(
            message="no grant programme",
            path=_at(ctx, ".grantProgramme"),
            evidence={"field": "grantProgramme"},
        )


@rule(
    code="VI627",
    name="no-provenance",
    title="The grant has no last-modified date or no data source.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Readers need to know how fresh the data is and where it came from.",
    remedy="Give dateModified and dataSource on every grant.",
    subject=Subject.GRANT,
)
def _no_provenance(ctx: GrantContext) -> Iterator[Hit]:
    for key, check in (("dateModified", "NoLastModified"), ("dataSource", "NoDataSource")):
        if ctx.grant.get(key) in (None, ""):
            yield Hit(message=f"no {key}", path=_at(ctx, f".{key}"), evidence={"check": check})


@rule(
    code="VI628",
    name="no-duration",
    title="The grant's length is unknown: no planned duration, or no planned start and end.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} Groups plan on the length of their funding (§2.10).",
    remedy="Give the planned start and end dates, or the duration in months.",
    subject=Subject.GRANT,
)
def _no_duration(ctx: GrantContext) -> Iterator[Hit]:
    dates = _objects(ctx.grant.get("plannedDates"))
    first = dates[0][1] if dates else {}
    if first.get("duration") in (None, "") and not (
        _text(first.get("startDate")) and _text(first.get("endDate"))
    ):
        yield Hit(
            message="no planned duration or dates",
            path=_at(ctx, ".plannedDates"),
            evidence={"field": "plannedDates"},
        )


@rule(
    code="VI629",
    name="individual-without-details",
    title="A grant to an individual has no toIndividualsDetails.",
    modality=Modality.STANDARD,
    severity=Severity.ADVICE,
    citations=_CITE,
    rationale=f"{_OPEN} The purpose and reason codes say what such a grant is for, "
    "without naming the person.",
    remedy="Give toIndividualsDetails with its purpose and reason codes.",
    subject=Subject.GRANT,
)
def _individual_details(ctx: GrantContext) -> Iterator[Hit]:
    if _to_individual(ctx.grant) and not isinstance(ctx.grant.get("toIndividualsDetails"), dict):
        yield Hit(
            message="no toIndividualsDetails",
            path=_at(ctx, ".toIndividualsDetails"),
            evidence={"field": "toIndividualsDetails"},
        )


#: The checks of this group, in the catalogue's order.
RULES = (
    _internal_ids,
    _title_is_description,
    _long_title,
    _unregistered_id_when_registered,
    _no_number,
    _location_missing,
    _no_programme,
    _no_provenance,
    _no_duration,
    _individual_details,
)

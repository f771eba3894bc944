"""Organisation identifiers as 360Giving writes them: recipients' ids out, any id back (private)."""

from __future__ import annotations

import re

from valuing_involvement.groups import Group
from valuing_involvement.orgids import OrgId, OrgList

_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


def charity_id(number: str, jurisdiction: str | None = None) -> OrgId | None:
    """The org-id of a charity number, in the register its form and jurisdiction name.

    Scottish numbers start ``SC`` (``GB-SC``); Northern Ireland numbers start ``NIC`` or are
    six digits from a Northern Ireland body (``jurisdiction`` ``"N"``, as GSS codes start);
    other six or seven digit numbers are England and Wales (``GB-CHC``).  Anything else is no
    charity number this library can place: ``None``.

    >>> [str(charity_id(n)) for n in ("SC012345", "NIC100002", "1123456")]
    ['GB-SC-SC012345', 'GB-NIC-100002', 'GB-CHC-1123456']
    >>> str(charity_id("100002", "N")), charity_id("n/a")
    ('GB-NIC-100002', None)
    """
    text = re.sub(r"\s+", "", number).upper()
    if re.fullmatch(r"SC\d{6}", text):
        return OrgId(scheme=OrgList.CHARITY_SCOTLAND, identifier=text)
    if re.fullmatch(r"NIC\d{6}", text) or (jurisdiction == "N" and re.fullmatch(r"\d{6}", text)):
        return OrgId(scheme=OrgList.CHARITY_NORTHERN_IRELAND, identifier=text.removeprefix("NIC"))
    if re.fullmatch(r"\d{6,7}", text):
        return OrgId(scheme=OrgList.CHARITY_ENGLAND_WALES, identifier=text)
    return None


def recipient_id(group: Group, prefix: str, jurisdiction: str | None = None) -> OrgId:
    """The group's own org-id, else one made from a registered number, else a ``360G-`` id.

    >>> from valuing_involvement import example_groups
    >>> str(recipient_id(example_groups()[0], "lowmoor"))
    '360G-lowmoor-LV-001'
    """
    if group.org_id is not None:
        return group.org_id
    if group.charity_number is not None:
        found = charity_id(group.charity_number, jurisdiction)
        if found is not None:
            return found
    if group.company_number is not None:
        try:
            return OrgId(scheme=OrgList.COMPANY, identifier=group.company_number)
        except ValueError:
            pass
    local = _NOT_ID.sub("-", group.reference or group.name).strip("-._") or "group"
    return OrgId.unregistered(prefix, local)


def parse_org_id(text: str | None) -> OrgId | None:
    """An org-id read from a grant, or ``None`` for one this library cannot read.

    >>> parse_org_id("GB-CHC-1094112").scheme.value, parse_org_id("XX-1")
    ('GB-CHC', None)
    """
    if text is None:
        return None
    try:
        return OrgId.parse(text)
    except ValueError:
        return None

"""Organisation identifiers as 360Giving writes them: recipients' ids out, any id back (private)."""

from __future__ import annotations

import re

from valuing_involvement.groups import Group
from valuing_involvement.orgids import OrgId, OrgList

_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


def recipient_id(group: Group, prefix: str) -> OrgId:
    """The group's own org-id, else one made from a registered number, else a ``360G-`` id.

    >>> from valuing_involvement import example_groups
    >>> str(recipient_id(example_groups()[0], "lowmoor"))
    '360G-lowmoor-LV-001'
    """
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

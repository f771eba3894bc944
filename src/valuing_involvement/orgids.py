"""Organisation identifiers in the org-id.guide scheme, as 360Giving uses them.

An identifier is a list prefix and the organisation's number in that list:
``GB-CHC-1234567`` is charity 1234567 in England and Wales.  Unregistered groups, which many
user and carer groups are, take an identifier in the publisher's own 360Giving namespace,
``360G-<prefix>-<local id>``.  Formats that 360Giving's quality checks test are validated
exactly; the others must be a plain run of letters, digits and hyphens.
"""

from __future__ import annotations

import re

import attrs

from valuing_involvement._bounds import shown
from valuing_involvement._enums import Choice
from valuing_involvement._identifiers import GENERAL as _GENERAL
from valuing_involvement._identifiers import bare_prefix as _bare
from valuing_involvement._validators import FieldValueError, field_error, instance_of, to_member

__all__ = ["OrgId", "OrgList"]


class OrgList(Choice):
    """The registers an identifier can come from (org-id.guide list codes)."""

    CHARITY_ENGLAND_WALES = "GB-CHC"
    CHARITY_SCOTLAND = "GB-SC"
    CHARITY_NORTHERN_IRELAND = "GB-NIC"
    COMPANY = "GB-COH"
    MUTUALS = "GB-MPR"
    LOCAL_AUTHORITY_ENGLAND = "GB-LAE"
    LOCAL_AUTHORITY_SCOTLAND = "GB-LAS"
    PRINCIPAL_LOCAL_AUTHORITY = "GB-PLA"
    LOCAL_AUTHORITY_NORTHERN_IRELAND = "GB-LANI"
    NHS = "GB-NHS"
    UNREGISTERED = "360G"


_FORMATS = {
    # ASCII only: ``\d`` alone would take Arabic-Indic or full-width digits.
    OrgList.CHARITY_ENGLAND_WALES: re.compile(r"[0-9]{6,7}"),
    OrgList.COMPANY: re.compile(r"[A-Za-z0-9]{8}"),
    OrgList.CHARITY_SCOTLAND: re.compile(r"SC[0-9]{6}"),
    OrgList.CHARITY_NORTHERN_IRELAND: re.compile(r"[0-9]{6}"),
}
# Longest prefixes first, so GB-LANI is not read as GB-LA... and 360G never as GB-.
_PREFIXES = sorted(OrgList, key=lambda scheme: -len(scheme.value))


def _identifier_format(instance: OrgId, attribute: attrs.Attribute[str], value: str) -> None:
    pattern = _FORMATS.get(instance.scheme, _GENERAL)
    if not pattern.fullmatch(value):
        raise field_error(
            instance,
            attribute.name,
            f"{shown(value)} is not a valid {instance.scheme.value} identifier",
        )


def _scheme(value: OrgList | str) -> OrgList:
    return value if type(value) is OrgList else to_member(OrgList, value)


@attrs.frozen(kw_only=True, order=True)
class OrgId:
    """An organisation identifier: a register and the number in it.

    >>> OrgId.parse("GB-CHC-1094112")
    OrgId(scheme=<OrgList.CHARITY_ENGLAND_WALES: 'GB-CHC'>, identifier='1094112')
    >>> str(OrgId(scheme=OrgList.COMPANY, identifier="04325234"))
    'GB-COH-04325234'
    >>> OrgId.parse("GB-CHC-12")
    Traceback (most recent call last):
    ...
    valuing_involvement.errors.FieldValueError: OrgId.identifier: '12' is not a valid GB-CHC ...
    """

    scheme: OrgList = attrs.field(converter=_scheme, validator=instance_of(OrgList))
    identifier: str = attrs.field(validator=[instance_of(str), _identifier_format])

    @classmethod
    def parse(cls, text: str) -> OrgId:
        """Read an identifier such as ``GB-COH-04325234`` or ``360G-lowmoor-LV-001``.

        >>> OrgId.parse("360G-lowmoor-LV-001").scheme.value
        '360G'
        """
        for scheme in _PREFIXES:
            prefix = scheme.value + "-"
            if text.startswith(prefix) and len(text) > len(prefix):
                return cls(scheme=scheme, identifier=text[len(prefix) :])
        raise FieldValueError(
            "org_id", f"{shown(text)} does not start with a known register prefix"
        )

    @classmethod
    def unregistered(cls, prefix: str, local_id: str) -> OrgId:
        """The identifier of an unregistered group in a publisher's ``360G-`` namespace.

        >>> str(OrgId.unregistered("lowmoor", "LV-001"))
        '360G-lowmoor-LV-001'
        """
        return cls(scheme=OrgList.UNREGISTERED, identifier=f"{_bare(prefix)}-{local_id}")

    def __str__(self) -> str:
        """The identifier as written: register prefix, hyphen, number."""
        return f"{self.scheme.value}-{self.identifier}"

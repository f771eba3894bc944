"""VI6: the data quality of published 360Giving grants, one module per Data Quality Tool group.

The checks of 360Giving's own Data Quality Tool (DQT), run offline, grouped as the tool groups
them: **validity** (``VI60x``, severity *error*: the file is not valid 360Giving data),
**accuracy** (``VI61x``, *warning*: probably wrong) and **usefulness** (``VI62x``, *advice*:
right but less useful).  That grouping, and so each severity, is the Data Quality Tool's: it
makes only validity decisive and calls the rest advice, marking some accuracy checks critical
(those stay warnings here, with "critical" in their titles).  One deliberate difference: the
tool does not test ``geoCodeType`` against its codelist (the schema gives it no ``codelist``),
but the standard asks for a code from the list, so ``VI606`` does, as a warning.

Each check reads one grant of a package as parsed JSON
(:class:`~valuing_involvement.rules.GrantContext`), so a package this library did not write can
be checked too; the checks that compare grants (repeated ids, several funders) read the grants
before it and report the later one.  Date checks compare with ``ctx.on``, never the clock.
:func:`valuing_involvement.threesixty.quality_report` runs them.  ``CHECKS`` maps each of the
tool's checks (as ``DQT-CHECKS.md`` numbers them) to the rule code that implements it.

The checks live in ``_validity``, ``_accuracy`` and ``_usefulness`` (what they share in
``_shared``); this module holds the catalogue's order, the map to the tool's checks and the
retired codes.

Codes are never reused: ``RETIRED`` names the codes taken out of the catalogue and the code
that took over their check.
"""

from __future__ import annotations

from valuing_involvement.rules._codes import SERIES
from valuing_involvement.rules.quality import _accuracy, _usefulness, _validity

__all__ = ["CHECKS", "NOT_CHECKED", "RETIRED", "RULES"]

#: Codes no longer in the catalogue, each with the code that now makes its check.
#: (kept in the series table, ``rules/_codes.py``)
RETIRED = tuple(next(s for s in SERIES if s.module == "quality").retired.items())

#: The tool's checks these rules do not make, and why.
NOT_CHECKED = {
    "V12 extensions": "360Giving extensions are not bundled: a package naming one is checked "
    "against the core schema only (extension fields are additional fields, never errors)",
}

#: Each check of the Data Quality Tool (numbered as in DQT-CHECKS.md) and the rule making it.
CHECKS = {
    "V1 required fields": "VI601",
    "V2 one kind of recipient": "VI603",
    "V3 types": "VI603",
    "V4 date-time format": "VI603",
    "V5 date formats": "VI603",
    "V6 uri format": "VI603",
    "V7 closed value lists in the schema": "VI603",
    "V8 minimum": "VI603",
    "V9 at least one": "VI603",
    "V10 unique grant ids": "VI604",
    "V11 closed codelists": "VI605",
    "A1 ZeroAmountTest": "VI612",
    "A2 FundingOrgUnrecognisedPrefix": "VI616",
    "A3 RecipientOrgUnrecognisedPrefix": "VI616",
    "A4 RecipientOrgCharityNumber": "VI617",
    "A5 RecipientOrgCompanyNumber": "VI617",
    "A6 OrganizationIdLooksInvalid": "VI617",
    "A7 OrganizationIdUnexpectedChars": "VI610",
    "A8 GrantIdUnexpectedChars": "VI610",
    "A9 MoreThanOneFundingOrg": "VI618",
    "A10 LooksLikeEmail": "VI619",
    "A11 ImpossibleDates": "VI614",
    "A12 PlannedStartDateBeforeEndDate": "VI613",
    "A13 ActualStartDateBeforeEndDate": "VI613",
    "A14 FarFuturePlannedDates": "VI615",
    "A15 FarFutureActualDates": "VI615",
    "A16 FarPastDates": "VI615",
    "A17 PostDatedAwardDates": "VI611",
    "A18 RecipientIndDEI": "VI619",
    "A19 GeoCodePostcode": "VI619",
    "A20 MultiFundingNamesForOrgId": "VI618",
    "A21 MultiFundingOrgIdsForName": "VI618",
    "U1 RecipientOrg360GPrefix": "VI620",
    "U2 FundingOrg360GPrefix": "VI620",
    "U3 NoRecipientOrgCompanyCharityNumber": "VI624",
    "U4 IncompleteRecipientOrg": "VI625",
    "U5 NoGrantProgramme": "VI626",
    "U6 NoBeneficiaryLocation": "VI625",
    "U7 TitleDescriptionSame": "VI621",
    "U8 TitleLength": "VI622",
    "U9 NoLastModified": "VI627",
    "U10 NoDataSource": "VI627",
    "U11 RecipientIndWithoutToIndividualsDetails": "VI629",
    "U12 PlannedDurationNotPresent": "VI628",
    "U13 BeneficiaryLocationNameButNoCode": "VI625",
    "U14 BeneficiaryButNotRecipientGeoData": "VI625",
    "U15 RecipientGeoDataButNoBeneficiary": "VI625",
}

#: 360Giving quality checks: VI60x validity, VI61x accuracy, VI62x usefulness.
RULES = (*_validity.RULES, *_accuracy.RULES, *_usefulness.RULES)

"""Flatten a 360Giving package to the spreadsheet template: :func:`export_csv` (private module)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

__all__ = ["CSV_COLUMNS", "export_csv"]

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

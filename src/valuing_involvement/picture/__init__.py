"""The national picture: published 360Giving grants to mental health user and carer groups.

Given any 360Giving files, :func:`build_picture` selects the grants to mental health service
user and carer groups (:class:`Matcher`, driven by the table :data:`TERMS`, each selection
saying why), writes them to Parquet and measures them in DuckDB against what the guidelines
ask: length of funding (``G3(d)``, ``§2.12``), several funders (``§2.8``), size beside ``§2.9``,
by year, funder and area, side by side with the 2006-07 survey.  What the data cannot show is
listed with what it would need, never estimated.  Needs the ``picture`` extra (DuckDB, pyarrow,
ijson); ``docs/picture.md`` is the guide.
"""

from __future__ import annotations

from valuing_involvement.picture._pipeline import Picture, build_picture, select_grants
from valuing_involvement.picture._rows import COLUMNS
from valuing_involvement.picture.matching import Match, Matcher, Reason
from valuing_involvement.picture.measures import NOT_REPORTED, Table, measure_tables
from valuing_involvement.picture.terms import TERMS, THRESHOLD, Term, read_terms

__all__ = [
    "COLUMNS",
    "NOT_REPORTED",
    "TERMS",
    "THRESHOLD",
    "Match",
    "Matcher",
    "Picture",
    "Reason",
    "Table",
    "Term",
    "build_picture",
    "measure_tables",
    "read_terms",
    "select_grants",
]

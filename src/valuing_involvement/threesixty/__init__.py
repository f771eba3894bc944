"""360Giving: publish agreements as 360Giving grants, read grants back, check their quality.

Local authorities publish their grants to voluntary groups in the 360Giving Data Standard
(version 1.4).  :func:`export_package` turns a portfolio's agreements into a 360Giving package,
:func:`export_csv` into the flat table of the standard's spreadsheet template, and
:func:`import_package` reads a package back into agreements.  :func:`quality_report` applies
checks in the spirit of 360Giving's own quality tool, grouped as it groups them: validity
(``VI60x``), accuracy (``VI61x``) and usefulness (``VI62x``); the checks themselves are the VI6
rules of the one catalogue (:mod:`valuing_involvement.rules.quality`).

What 360Giving cannot hold -- KPIs, committees, hosting, terms, waivers -- stays in the
library's own JSON; ``docs/interop.md`` lists what each direction keeps and loses.

The parts live in private modules, one a direction (``_export``, ``_spreadsheet``,
``_import``, ``_quality``, with the ``_orgids`` and ``_vocabulary`` they share); this package
is their one public name.
"""

from __future__ import annotations

from valuing_involvement.threesixty._export import export_package
from valuing_involvement.threesixty._import import import_package
from valuing_involvement.threesixty._quality import quality_group, quality_report
from valuing_involvement.threesixty._spreadsheet import CSV_COLUMNS, export_csv
from valuing_involvement.threesixty._vocabulary import VOCABULARY

__all__ = [
    "CSV_COLUMNS",
    "VOCABULARY",
    "export_csv",
    "export_package",
    "import_package",
    "quality_group",
    "quality_report",
]

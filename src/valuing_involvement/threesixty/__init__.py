"""360Giving: publish agreements as 360Giving grants, read grants back, check their quality.

Local authorities publish their grants to voluntary groups in the 360Giving Data Standard
(version 1.4).  :func:`export_package` turns a portfolio's agreements into a 360Giving package,
:func:`export_csv` into the flat table of the standard's spreadsheet template (which
:func:`read_csv` reads back), :func:`import_grants` reads any publisher's grants without losing
or inventing anything, and :func:`import_package` turns them into agreements.  For national
files, :func:`iter_grants` streams a package's grants as plain dicts, :func:`iter_imported`
reads them into grants and agreements one at a time, and :func:`iter_quality` checks them in
one pass.
:func:`quality_report` applies
the checks of 360Giving's Data Quality Tool, offline,, grouped as it groups them: validity
(``VI60x``), accuracy (``VI61x``) and usefulness (``VI62x``); the checks themselves are the VI6
rules of the one catalogue (:mod:`valuing_involvement.rules.quality`).

What 360Giving cannot hold -- KPIs, committees, hosting, terms, waivers -- stays in the
library's own JSON; ``docs/interop.md`` lists what each direction keeps and loses.

The parts live in private modules, one a direction (``_export``, ``_spreadsheet``,
``_import``, ``_quality``, with the ``_orgids`` and ``_vocabulary`` they share); this package
is their one public name.
"""

from __future__ import annotations

from valuing_involvement.threesixty._export import (
    DuplicateGrants,
    amount_awarded,
    export_notes,
    export_package,
    grant_id,
    merge_packages,
    not_carried,
)
from valuing_involvement.threesixty._import import (
    NO_AGREEMENT,
    GrantFilter,
    Imported,
    ImportedGrant,
    ImportRecord,
    agreement_of,
    import_grants,
    import_package,
    iter_imported,
    summary_lines,
)
from valuing_involvement.threesixty._quality import iter_quality, quality_group, quality_report
from valuing_involvement.threesixty._spreadsheet import (
    CSV_COLUMNS,
    column_path,
    export_csv,
    read_csv,
    read_xlsx,
)
from valuing_involvement.threesixty._stream import iter_grants, streaming_backend
from valuing_involvement.threesixty._vocabulary import VOCABULARY

__all__ = [
    "CSV_COLUMNS",
    "NO_AGREEMENT",
    "VOCABULARY",
    "DuplicateGrants",
    "GrantFilter",
    "ImportRecord",
    "Imported",
    "ImportedGrant",
    "agreement_of",
    "amount_awarded",
    "column_path",
    "export_csv",
    "export_notes",
    "export_package",
    "grant_id",
    "import_grants",
    "import_package",
    "iter_grants",
    "iter_imported",
    "iter_quality",
    "merge_packages",
    "not_carried",
    "quality_group",
    "quality_report",
    "read_csv",
    "read_xlsx",
    "streaming_backend",
    "summary_lines",
]

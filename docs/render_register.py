"""Render docs/register.png: the groups sheet of a filled-in register, as a person sees it.

Run from the repository root: ``python docs/render_register.py``.  It fills the template
(counts layout) with six groups, keeps the first columns of the groups sheet, and renders
them with LibreOffice headless and pdftoppm when they are installed, or from the sheet's data with
matplotlib otherwise.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

from valuing_involvement.registers import read_register, template

HERE = Path(__file__).parent
GROUPS = [
    ("Fenwick Voices", "Service users", 6, 0, 1, "Money, personnel, policy", "FV-1"),
    ("Hill Carers", "Carers", 0, 5, 2, "Money; policy", "HC-2"),
    ("Riverside Forum", "Service users and carers", 3, 3, 0, "Money, personnel, policy", "RF-3"),
    ("Lowmoor Drop-in", "Service users", 1, 0, 4, "Policy", "LD-4"),
    ("Harbour Hearing Voices", "Service users", 4, 0, 0, "Money, policy", "HV-5"),
    ("Oak Carers Link", "Carers", 2, 2, 1, "", "OC-6"),
]
SHOWN = [
    "Group name",
    "Who the group is for",
    "Committee: voting service users",
    "Committee: voting carers",
    "Committee: non-voting paid workers",
    "Decisions the group takes itself",
    "Group reference",
]


def filled(folder: Path) -> Path:
    """The template, filled in with six groups as a commissioner would."""
    (file,) = template(folder, format="xlsx")
    book = openpyxl.load_workbook(file)
    sheet = book["groups"]
    header = [cell.value for cell in sheet[1]]
    for row, (name, who, users, carers, paid, controls, ref) in enumerate(GROUPS, start=3):
        values = dict(zip(SHOWN, (name, who, users, carers, paid, controls, ref), strict=True))
        for title, value in values.items():
            sheet.cell(row=row, column=header.index(title) + 1, value=value)
    book.save(file)
    assert len(read_register(file).groups) == len(GROUPS)  # noqa: S101 -- it must read back
    return file


def shot(file: Path, folder: Path) -> Path:
    """A one-sheet copy holding the columns shown, ready to render."""
    source = openpyxl.load_workbook(file)["groups"]
    header = [cell.value for cell in source[1]]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "groups"
    for column, title in enumerate(SHOWN, start=1):
        index = header.index(title) + 1
        for row in range(1, 3 + len(GROUPS)):
            written = source.cell(row=row, column=index).value
            cell = sheet.cell(row=row, column=column, value=written)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if row == 1:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDEBF7")
            elif row == 2:
                cell.font = Font(italic=True, color="808080")
        sheet.column_dimensions[chr(64 + column)].width = 24 if column in (1, 2, 6) else 15
    sheet.row_dimensions[1].height = 48
    for row in range(2, 3 + len(GROUPS)):
        sheet.row_dimensions[row].height = 18
    sheet.print_options.gridLines = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = folder / "shot.xlsx"
    book.save(out)
    return out


def render(file: Path, target: Path) -> str:
    """Render with LibreOffice and pdftoppm when both are installed, else with matplotlib."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is not None and pdftoppm is not None:
        folder = str(file.parent)
        subprocess.run(  # noqa: S603 -- a fixed command on our own file
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(file)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        stem = str(file.with_suffix(""))
        subprocess.run(  # noqa: S603
            [pdftoppm, "-png", "-r", "110", "-singlefile", f"{stem}.pdf", stem],
            check=True,
            capture_output=True,
            timeout=300,
        )
        _crop(Path(f"{stem}.png"), target)
        return "LibreOffice and pdftoppm"
    import matplotlib as mpl  # noqa: PLC0415

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    sheet = openpyxl.load_workbook(file).active
    rows = [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]
    figure, ax = plt.subplots(figsize=(13, 0.45 * len(rows) + 0.5))
    ax.axis("off")
    table = ax.table(cellText=rows[1:], colLabels=rows[0], loc="upper left", cellLoc="left")
    table.auto_set_font_size(value=False)
    table.set_fontsize(8)
    figure.savefig(target, dpi=120, bbox_inches="tight")
    return "matplotlib"


def _crop(image: Path, target: Path) -> None:
    """Trim the page's white margins, leaving a small border."""
    from PIL import Image, ImageChops  # noqa: PLC0415 -- matplotlib brings Pillow

    with Image.open(image) as page:
        rgb = page.convert("RGB")
        box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, "white")).getbbox()
        if box is not None:
            left, top, right, bottom = box
            rgb = rgb.crop((max(left - 12, 0), max(top - 12, 0), right + 12, bottom + 12))
        rgb.save(target)


def main() -> int:
    """Write docs/register.png."""
    with tempfile.TemporaryDirectory() as folder:
        file = filled(Path(folder))
        how = render(shot(file, Path(folder)), HERE / "register.png")
    print(f"docs/register.png rendered with {how}")  # noqa: T201 -- a script's one line
    return 0


if __name__ == "__main__":
    sys.exit(main())

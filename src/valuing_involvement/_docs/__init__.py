"""Documentation tooling (private): the generated blocks of the pages in ``docs/``.

A page's generated block sits between ``<!-- generated: NAME -->`` and ``<!-- end: NAME -->``
markers; a test fails when the block on disk differs from what the code makes now, and
``python -m valuing_involvement._docs docs`` rewrites every block in place.  The rule
catalogue and the coverage page are whole generated pages (``rules/_docs.py``).

>>> page = "<!-- generated: x -->@old@<!-- end: x -->@".replace("@", chr(10))
>>> refresh(page, {"x": lambda: "new" + chr(10)}).splitlines()
['<!-- generated: x -->', 'new', '<!-- end: x -->']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

__all__ = ["PAGES", "block", "refresh", "write"]


def block(page: str, name: str) -> str:
    """Return the generated block ``name`` of ``page``, without its markers.

    >>> block("<!-- generated: x -->@kept@<!-- end: x -->@".replace("@", chr(10)), "x").strip()
    'kept'
    """
    start, end = f"<!-- generated: {name} -->\n", f"<!-- end: {name} -->\n"
    return page[page.index(start) + len(start) : page.index(end)]


def refresh(page: str, makers: Mapping[str, Callable[[], str]]) -> str:
    """Return ``page`` with each generated block remade by its maker."""
    for name, make in makers.items():
        old = block(page, name)
        start = f"<!-- generated: {name} -->\n"
        page = page.replace(start + old, start + make(), 1)
    return page


def _makers() -> dict[str, Mapping[str, Callable[[], str]]]:
    from valuing_involvement._docs import fields, scorecard  # noqa: PLC0415 -- heavy, on demand

    return {"json.md": {"fields": fields.fields_markdown}, "scorecard.md": scorecard.BLOCKS}


#: The pages with generated blocks, by file name under ``docs/``.
PAGES = ("json.md", "scorecard.md")


def write(folder: str | Path) -> list[str]:
    """Rewrite the generated blocks of every page under ``folder``; return the pages changed."""
    changed = []
    for name, makers in _makers().items():
        path = Path(folder) / name
        text = path.read_text(encoding="utf-8")
        new = refresh(text, makers)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(name)
    return changed

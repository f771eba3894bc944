"""Small HTML tables for notebooks' ``_repr_html_``, every cell escaped (private).

It imports nothing of the package, so the model modules may use it without reaching the
logic above them (``tests/test_imports.py``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = ["cell", "field_table", "items", "table"]


def cell(value: object) -> str:
    """A value as escaped text for one cell: ``None`` is an empty cell.

    >>> cell("<b>"), cell(None), cell(3)
    ('&lt;b&gt;', '', '3')
    """
    return "" if value is None else html.escape(str(value))


def field_table(rows: Iterable[tuple[str, object]], *, caption: str, sections: bool = False) -> str:
    """A two-column table of labels and values; a row whose value is ``...`` heads a section.

    >>> field_table([("name", "<x>")], caption="a & b")
    '<table><caption>a &amp; b</caption><tbody><tr><th>name</th><td>&lt;x&gt;</td></tr></tbody></table>'
    >>> field_table([("money", ...), ("spent", 3)], caption="c", sections=True).count("colspan")
    1
    """  # noqa: E501
    body = "".join(
        f'<tr><th colspan="2" style="text-align:left">{cell(label)}</th></tr>'
        if sections and value is ...
        else f"<tr><th>{cell(label)}</th><td>{cell(value)}</td></tr>"
        for label, value in rows
    )
    return f"<table><caption>{cell(caption)}</caption><tbody>{body}</tbody></table>"


def table(head: Sequence[str], rows: Iterable[Sequence[object]], *, caption: str) -> str:
    """A table with a header row and one row per sequence of values.

    >>> table(["a"], [["<1>"]], caption="t")
    '<table><caption>t</caption><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;1&gt;</td></tr></tbody></table>'
    """
    header = "".join(f"<th>{cell(name)}</th>" for name in head)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return (
        f"<table><caption>{cell(caption)}</caption><thead><tr>{header}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def items(values: Iterable[object], *, ordered: bool = False) -> str:
    """A list of escaped items.

    >>> items(["a < b"])
    '<ul><li>a &lt; b</li></ul>'
    """
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{cell(v)}</li>" for v in values) + f"</{tag}>"

"""Sphinx configuration: the Markdown pages as chapters, the API reference from the docstrings.

``.ci/run`` builds the site with warnings as errors (the ``docs`` extra installs the tools)::

    sphinx-build -W --keep-going -b html docs site

Importing this file (pytest collects ``docs/`` for doctests) changes nothing: it holds
settings and one signature hook, which Sphinx connects through :func:`setup`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from valuing_involvement import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

project = "valuing-involvement"
author = "valuing-involvement developers"
release = __version__
version = __version__

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
root_doc = "index"
# The JSON schemas are files that pages link to, not pages.
exclude_patterns = ["schemas/**"]

# Links such as `json.md#group` point at headings, so headings get anchors.
myst_heading_anchors = 3

# Members in the order the source gives them (the order their docstrings refer to them), and
# types in the signature only, where the class docstring already explains each field.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
# The package imports its names on first use: the reference documents each one where users
# import it, so `valuing_involvement.Group` rather than `valuing_involvement.groups.Group`.
add_module_names = False

html_theme = "alabaster"
html_title = f"valuing-involvement {__version__}"


_FACTORY_DEFAULT = re.compile(r"=\s*NOTHING\b")


def factory_defaults(  # noqa: PLR0913, PLR0917 -- the arguments of Sphinx's event
    app: Sphinx | None,  # noqa: ARG001
    what: str,  # noqa: ARG001
    name: str,  # noqa: ARG001
    obj: object,  # noqa: ARG001
    options: object,  # noqa: ARG001
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None]:
    """Show a default that attrs builds with a factory as ``<factory>``, as dataclasses do.

    attrs' ``__init__`` shows such a default as its sentinel ``NOTHING``, which reads as "no
    default" although the argument may be left out.

    >>> factory_defaults(None, "class", "Member", None, None, "(*, roles: R = NOTHING)", None)
    ('(*, roles: R = <factory>)', None)
    """
    if signature is not None:
        signature = _FACTORY_DEFAULT.sub("= <factory>", signature)
    return signature, return_annotation


def setup(app: Sphinx) -> None:
    """Connect the signature hook (Sphinx calls this; a plain import does not).

    >>> class App:
    ...     def connect(self, event, handler):
    ...         print(event, handler.__name__)
    >>> setup(App())
    autodoc-process-signature factory_defaults
    """
    app.connect("autodoc-process-signature", factory_defaults)

"""Sphinx configuration: the Markdown pages as chapters, the API reference from the docstrings.

``.ci/run`` builds the site with warnings as errors (the ``docs`` extra installs the tools)::

    sphinx-build -W --keep-going -b html docs site

Importing this file (pytest collects ``docs/`` for doctests) changes nothing: it holds
settings and two hooks, which Sphinx connects through :func:`setup`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from valuing_involvement import __version__

if TYPE_CHECKING:
    from collections.abc import Mapping

    from docutils.nodes import Element, Node
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

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
# Defaults as the source writes them: `rules=RULES`, not the repr of the whole catalogue.
autodoc_preserve_defaults = True
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


#: The kinds of object a bare name may mean: a module's own names, never a class member.
_MODULE_LEVEL = frozenset({"class", "exception", "function", "data", "module"})


def documented_as(target: str, documented: Mapping[str, str]) -> str | None:
    """The one documented name that a docstring's reference to ``target`` means, if any.

    Docstrings name objects as their own module sees them (``Finding`` inside
    ``valuing_involvement.rules``), but the reference documents each object once, where users
    import it (``valuing_involvement.Finding``).  ``documented`` maps each documented name to
    its kind.  A name of the package is matched by its last part, and only by a module-level
    object (so ``scorecard.score`` never links to some ``Assessment.score``); anything else
    (``datetime.date``) only in full.

    >>> names = {
    ...     "valuing_involvement.Finding": "class",
    ...     "valuing_involvement.rules.run": "function",
    ...     "valuing_involvement.Assessment.score": "property",
    ... }
    >>> documented_as("Finding", names)
    'valuing_involvement.Finding'
    >>> documented_as("valuing_involvement.rules._kernel.run", names)
    'valuing_involvement.rules.run'
    >>> documented_as("valuing_involvement.scorecard.score", names) is None
    True
    >>> documented_as("datetime.date", names) is None
    True
    """
    short = target.rpartition(".")[2] if target.startswith("valuing_involvement.") else target
    found = [
        name
        for name, kind in documented.items()
        if name.startswith("valuing_involvement.")
        and name.endswith(f".{short}")
        and ("." in short or kind in _MODULE_LEVEL)
    ]
    return found[0] if len(found) == 1 else None


def _resolve_where_documented(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Node | None:
    """Resolve a Python reference Sphinx did not find to the name its object is documented as."""
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    # Only the names objects are documented under, not the canonical aliases autodoc adds.
    names = {name: entry.objtype for name, entry in domain.objects.items() if not entry.aliased}
    target = documented_as(node["reftarget"], names)
    if target is None:
        return None
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
    )


def setup(app: Sphinx) -> None:
    """Connect the hooks (Sphinx calls this; a plain import does not).

    >>> class App:
    ...     def connect(self, event, handler):
    ...         print(event, handler.__name__)
    >>> setup(App())
    autodoc-process-signature factory_defaults
    missing-reference _resolve_where_documented
    """
    app.connect("autodoc-process-signature", factory_defaults)
    app.connect("missing-reference", _resolve_where_documented)

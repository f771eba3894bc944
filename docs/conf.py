"""Sphinx configuration: the Markdown pages as chapters, the API reference from the docstrings.

``.ci/run`` builds the site with warnings as errors (the ``docs`` extra installs the tools)::

    sphinx-build -W --keep-going -b html docs site

Importing this file (pytest collects ``docs/`` for doctests) changes nothing: it holds
settings and its hooks, which Sphinx connects through :func:`setup`.
"""

from __future__ import annotations

import enum
import re
import sys
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
# Wide enough for the 100-column lines of the examples; a longer line scrolls (_static/custom.css,
# which alabaster loads), never cut at the edge.
html_theme_options = {"page_width": "1180px", "sidebar_width": "240px"}
html_static_path = ["_static"]
html_title = f"valuing-involvement {__version__}"


#: A path through a private module (``valuing_involvement.rules._kernel.Severity``), with the
#: ``~`` of a forward reference: signatures name the object as users import it instead.
_PRIVATE_PATH = re.compile(r"~?valuing_involvement(?:\.\w+)*?\._\w+(?:\.\w+)*?\.(\w+)\b")
#: attrs' generated ``__init__`` refers to a default it cannot inline through its table.
_ATTRS_DEFAULT = re.compile(r"^attr_dict\['(\w+)'\]\.default$")
#: Empty values a factory may build, shown as the literal a reader would write.
_EMPTY = {tuple: "()", list: "[]", dict: "{}", frozenset: "frozenset()", set: "set()"}


def _split_top_level(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` outside brackets and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return [*parts, text[start:]]


def _default_text(owner: object, name: str, written: str) -> str:
    """A default as a reader would write it, for the sentinels attrs' ``__init__`` shows.

    ``NOTHING`` (a default built by a factory) and ``attr_dict['name'].default`` (one attrs
    keeps in a table) become the value itself when it is short and plain (``()``, ``None``,
    ``Severity.ERROR``), else ``...``, the stubs' mark for "has a default".
    """
    found = _ATTRS_DEFAULT.match(written)
    if written != "NOTHING" and found is None:
        return written
    import attrs  # noqa: PLC0415 -- only when Sphinx runs the hook

    try:
        field = attrs.fields_dict(owner)[found[1] if found else name]  # type: ignore[arg-type]
    except (TypeError, KeyError, attrs.exceptions.NotAnAttrsClassError):
        return "..."
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return "..."
        default = default.factory()
    return _literal(default)


def _literal(default: object) -> str:
    """A short plain value as source code, else ``...``."""
    if type(default) in _EMPTY and not default:
        return _EMPTY[type(default)]
    if hasattr(default, "keys") and not default:  # a read-only mapping
        return "{}"
    if isinstance(default, enum.Enum):
        return f"{type(default).__name__}.{default.name}"
    text = repr(default)
    return text if len(text) <= 30 and "<" not in text else "..."


def readable_signature(  # noqa: PLR0913, PLR0917 -- the arguments of Sphinx's event
    app: Sphinx | None,  # noqa: ARG001
    what: str,  # noqa: ARG001
    name: str,  # noqa: ARG001
    obj: object,
    options: object,  # noqa: ARG001
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None]:
    """A signature as users read it: public names, and defaults as values.

    attrs' ``__init__`` shows a default built by a factory as its sentinel ``NOTHING`` and some
    others as ``attr_dict['name'].default``; annotations name private modules.

    >>> import attrs
    >>> @attrs.frozen(kw_only=True)
    ... class Member:
    ...     roles: tuple[str, ...] = attrs.field(factory=tuple)
    ...     paid: bool = False
    >>> readable_signature(
    ...     None, "class", "Member", Member, None,
    ...     "(*, roles: R = NOTHING, paid: bool = attr_dict['paid'].default)",
    ...     "~valuing_involvement.rules._kernel.Finding",
    ... )
    ('(*, roles: R = (), paid: bool = False)', 'Finding')
    """
    owner = obj if isinstance(obj, type) else None
    if signature is not None and signature.startswith("(") and signature.endswith(")"):
        params = []
        for written_param in _split_top_level(signature[1:-1], ","):
            head, equals, written = written_param.partition("=")
            param = written_param
            if equals and "=" not in written and ("(" not in head or ":" in head):
                param_name = head.split(":", 1)[0].strip().lstrip("*")
                param = f"{head}={' ' if written.startswith(' ') else ''}" + _default_text(
                    owner, param_name, written.strip()
                )
            params.append(param)
        signature = "(" + ",".join(params) + ")"
    if signature is not None:
        signature = _PRIVATE_PATH.sub(r"\1", signature)
    if return_annotation is not None:
        return_annotation = _PRIVATE_PATH.sub(r"\1", return_annotation)
    return signature, return_annotation


def data_docstring(  # noqa: PLR0913, PLR0917 -- the arguments of Sphinx's event
    app: Sphinx | None,  # noqa: ARG001
    what: str,
    name: str,
    obj: object,
    options: object,  # noqa: ARG001
    lines: list[str],
) -> None:
    """Document a constant by its ``#:`` comment where it is defined, not by its type's docstring.

    The package re-exports ``RULESET_VERSION`` from ``valuing_involvement.rules``; autodoc
    looks for the comment in the package and, finding none, shows ``str``'s docstring.
    """
    if what != "data" or obj.__doc__ != type(obj).__doc__:
        return
    comment = _doc_comment(name.rpartition(".")[2], obj)
    lines[:] = [*comment, ""] if comment else []


def _doc_comment(short: str, obj: object) -> list[str] | None:
    """The ``#:`` comment of the module of the package that defines ``short`` as ``obj``."""
    from sphinx.errors import PycodeError  # noqa: PLC0415 -- only when Sphinx runs the hook
    from sphinx.pycode import ModuleAnalyzer  # noqa: PLC0415

    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("valuing_involvement") or module is None:
            continue
        if getattr(module, short, None) is not obj:
            continue
        try:
            docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        except PycodeError:
            continue
        if ("", short) in docs:
            return list(docs["", short])
    return None


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
    autodoc-process-signature readable_signature
    autodoc-process-docstring data_docstring
    missing-reference _resolve_where_documented
    """
    app.connect("autodoc-process-signature", readable_signature)
    app.connect("autodoc-process-docstring", data_docstring)
    app.connect("missing-reference", _resolve_where_documented)

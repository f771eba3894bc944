"""The API reference (docs/api*.md) documents every public name once, and every page is a chapter.

Sphinx builds the site in CI (``.ci/run``); these checks read the pages' directives instead, so
a new public name left out of the reference fails here, in a second, rather than only in CI.
"""

import importlib
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
API_PAGES = sorted(DOCS.glob("api*.md"))
DIRECTIVE = re.compile(
    r"^\.\. (?:auto(?:class|function|exception|data)|py:data|py:function|py:class)::\s+(\S+)",
)
CURRENT = re.compile(r"^\.\. currentmodule::\s+(\S+)")

# The modules whose __all__ the reference must cover, and where their names are documented:
# a name the package re-exports is documented once, under the package.
PUBLIC_MODULES = [
    "valuing_involvement",
    "valuing_involvement.rules",
    "valuing_involvement.threesixty",
    "valuing_involvement.picture",
    "valuing_involvement.plots",
    "valuing_involvement.survey",
    "valuing_involvement.testing.strategies",
]


def documented(text):
    """The full dotted names a page's directives document, in order."""
    names = []
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if match := CURRENT.match(line):
            current = match.group(1)
        elif match := DIRECTIVE.match(line):
            name = match.group(1)
            if not name.startswith("valuing_involvement."):
                assert current is not None, f"{name} is documented before any currentmodule"
                name = f"{current}.{name}"
            names.append(name)
    return names


def resolve(dotted):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


ALL_DOCUMENTED = [name for page in API_PAGES for name in documented(page.read_text("utf-8"))]


def test_the_parser_reads_directives_under_their_current_module():
    text = (
        ".. currentmodule:: valuing_involvement\n\n"
        ".. autoclass:: Group\n   :members:\n\n"
        ".. autofunction:: valuing_involvement.rules.run\n"
        ".. currentmodule:: valuing_involvement.plots\n"
        ".. autofunction:: funding_timeline\n"
    )
    assert documented(text) == [
        "valuing_involvement.Group",
        "valuing_involvement.rules.run",
        "valuing_involvement.plots.funding_timeline",
    ]


@pytest.mark.parametrize("page", API_PAGES, ids=lambda page: page.name)
def test_every_api_page_documents_names(page):
    assert documented(page.read_text("utf-8")), f"{page.name} has no autodoc directive"


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_name_is_documented(module_name):
    package = importlib.import_module("valuing_involvement")
    module = importlib.import_module(module_name)
    missing = []
    for name in module.__all__:
        home = "valuing_involvement" if name in package.__all__ else module_name
        if f"{home}.{name}" not in ALL_DOCUMENTED:
            missing.append(f"{home}.{name}")
    assert not missing, f"add to docs/api*.md: {missing}"


def test_no_name_is_documented_twice():
    repeated = sorted({name for name in ALL_DOCUMENTED if ALL_DOCUMENTED.count(name) > 1})
    assert not repeated, repeated


def test_every_documented_name_exists():
    for name in ALL_DOCUMENTED:
        resolve(name)


def test_no_object_is_documented_under_two_names():
    """A class or function is documented where users import it, not again where it is defined."""
    seen = {}
    for name in ALL_DOCUMENTED:
        value = resolve(name)
        if isinstance(value, type) or callable(value):
            assert id(value) not in seen, f"{name} is {seen[id(value)]} again"
            seen[id(value)] = name


def toctree_entries(text):
    entries = []
    for block in re.findall(r"```\{toctree\}\n(.*?)```", text, flags=re.DOTALL):
        entries += [
            line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")
        ]
    return entries


def test_every_page_is_a_chapter_of_the_index():
    entries = toctree_entries((DOCS / "index.md").read_text("utf-8"))
    pages = sorted(page.stem for page in DOCS.glob("*.md") if page.stem != "index")
    assert sorted(entries) == pages

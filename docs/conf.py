"""Sphinx configuration: the Markdown pages as chapters, the API reference from the docstrings.

``.ci/run`` builds the site with warnings as errors (the ``docs`` extra installs the tools)::

    sphinx-build -W --keep-going -b html docs site

Settings only: importing this file (pytest collects ``docs/`` for doctests) changes nothing.
"""

from valuing_involvement import __version__

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

"""Load the picture's optional engines with a clear hint when missing (private module)."""

from __future__ import annotations

import importlib
from types import ModuleType

_HINT = 'the picture needs {name}: pip install "valuing-involvement[picture]"'


def need(name: str) -> ModuleType:
    """Import ``name`` (``duckdb``, ``pyarrow``, ``ijson``...) or fail with a pip hint.

    >>> need("json").__name__
    'json'
    """
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise ImportError(_HINT.format(name=name.split(".", maxsplit=1)[0])) from error

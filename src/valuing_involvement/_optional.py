"""Optional dependencies, imported when first needed (private).

A missing one raises an :class:`ImportError` that names the extra to install.
"""

from __future__ import annotations

from typing import Any

__all__ = ["pandas"]


def pandas() -> Any:  # noqa: ANN401 -- pandas is optional
    """The pandas module, or an :class:`ImportError` saying which extra to install."""
    try:
        import pandas as pd  # noqa: PLC0415 -- optional, imported only when asked for
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = 'dataframes need pandas: pip install "valuing-involvement[pandas]"'
        raise ImportError(msg) from exc
    return pd

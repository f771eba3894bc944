"""``python -m valuing_involvement._docs docs``: rewrite the generated blocks of the pages."""

import sys

from valuing_involvement._docs import write

if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    for page in write(sys.argv[1] if len(sys.argv) > 1 else "docs"):
        print(f"rewrote {page}")  # noqa: T201 -- a maintainer's command

"""Pausing Python's cyclic garbage collector around bulk work (private)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch of models is read, written or checked.

    Bulk work builds many objects and no reference cycles, so the collector's passes during it
    only re-scan live objects: on 100,000 agreements they took about 40% of a write and of a
    check.  Reference counting still frees everything; the collector is switched back on after,
    even on error, and left alone when the caller had already turned it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()

"""Read a 360Giving package grant by grant: :func:`iter_grants` (private module).

A national file holds about a million grants; parsed whole it takes gigabytes.  ijson, the
ecosystem's streaming JSON parser, reads one grant at a time -- with its C backend
(``yajl2_c``) when it is built, at close to the speed of :func:`json.load`.  ijson is an
optional extra (``valuing-involvement[stream]``); without it the file is parsed whole, so the
same code runs, only not in flat memory.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from valuing_involvement.errors import Problem
from valuing_involvement.serialization import InvalidDocument

__all__ = ["iter_grants", "streaming_backend"]

_TARGET = "360Giving package"


def _backend() -> ModuleType | None:
    try:
        import ijson  # type: ignore[import-untyped]  # noqa: PLC0415 -- optional extra
    except ImportError:
        return None
    try:
        backend: ModuleType = ijson.get_backend("yajl2_c")
    except ImportError:  # no C backend built: the pure Python one is still flat in memory
        backend = ijson
    return backend


def _json_error() -> type[Exception]:
    import ijson  # noqa: PLC0415 -- optional extra

    error: type[Exception] = ijson.JSONError
    return error


def _python_backend() -> ModuleType:
    import ijson  # noqa: PLC0415 -- optional extra

    backend: ModuleType = ijson.get_backend("python")
    return backend


def streaming_backend() -> str | None:
    """The ijson backend that :func:`iter_grants` uses, or ``None`` (the file is parsed whole).

    >>> streaming_backend() in ("yajl2_c", "yajl2_cffi", "yajl2", "python", None)
    True
    """
    backend = _backend()
    return None if backend is None else str(backend.backend_name)


def _syntax(message: str) -> InvalidDocument:
    return InvalidDocument(
        [Problem(location=(), code="syntax", message=f"not readable JSON: {message}")],
        target=_TARGET,
    )


def iter_grants(source: str | os.PathLike[str] | IO[bytes]) -> Iterator[dict[str, Any]]:
    """Yield the grants of a 360Giving package, one at a time, as plain dicts as published.

    ``source`` is a path or a binary file.  Numbers come as :func:`json.load` gives them
    (``int``, or ``float`` for a fraction), so a grant is the same whichever way it was read.
    A grant that is not an object is yielded as it is; the caller's reader reports it.  A file
    that is not JSON, or holds no ``grants`` array, raises
    :class:`~valuing_involvement.InvalidDocument` when the parser reaches the fault.

    >>> import io
    >>> data = b'{"grants": [{"id": "360G-x-1", "amountAwarded": 1234.56}]}'
    >>> list(iter_grants(io.BytesIO(data)))
    [{'id': '360G-x-1', 'amountAwarded': 1234.56}]
    """
    with contextlib.ExitStack() as stack:
        if isinstance(source, str | os.PathLike):
            stream: IO[bytes] = stack.enter_context(Path(source).open("rb"))
        else:
            stream = source
        backend = _backend()
        if backend is None:
            yield from _whole(stream)
            return
        start = stream.tell() if stream.seekable() else None
        count = 0
        try:
            for grant in backend.items(stream, "grants.item", use_float=True):
                count += 1
                yield grant
        except (ValueError, _json_error()) as exc:  # the place in the file follows on lines
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "overflow" not in message or start is None:
                raise _syntax(message) from None
            # yajl's numbers are 64-bit: a larger one is read again by ijson's Python backend,
            # from where the fast one stopped (the grants already given are skipped).
            stream.seek(start)
            slow = _python_backend().items(stream, "grants.item", use_float=True)
            try:
                for index, grant in enumerate(slow):
                    if index >= count:
                        count += 1
                        yield grant
            except (ValueError, _json_error()) as again:
                raise _syntax(str(again).splitlines()[0]) from None
        if count == 0 and start is not None and not _has_grants(backend, stream, start):
            raise InvalidDocument(
                [Problem(location=("grants",), code="missing", message="expected an array")],
                target=_TARGET,
            )


def _has_grants(backend: ModuleType, stream: IO[bytes], start: int) -> bool:
    """Whether a package that gave no grant holds a ``grants`` array (an empty one)."""
    stream.seek(start)
    events = backend.parse(stream)
    return any(prefix == "grants" and event == "start_array" for prefix, event, _ in events)


def _whole(stream: IO[bytes]) -> Iterator[dict[str, Any]]:
    try:
        data = json.load(stream)
    except ValueError as exc:
        raise _syntax(str(exc)) from None
    grants = data.get("grants") if isinstance(data, dict) else None
    if not isinstance(grants, list):
        raise InvalidDocument(
            [Problem(location=("grants",), code="missing", message="expected an array")],
            target=_TARGET,
        )
    yield from grants

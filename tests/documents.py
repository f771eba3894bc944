"""Helpers the tests share for walking and loading JSON documents (not a test module)."""

from valuing_involvement import InvalidDocument, from_json


def at(data, path):
    """The value reached from ``data`` by following ``path``, a sequence of keys and indexes."""
    for step in path:
        data = data[step]
    return data


def errors_or_none(text, cls):
    """Load, and return the errors if (and only if) an InvalidDocument is raised."""
    try:
        from_json(text, cls)
    except InvalidDocument as exc:
        return exc.errors
    return None

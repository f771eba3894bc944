"""Writing the command's output: JSON records, reports, statistics; a stream that never raises."""

from __future__ import annotations

import errno
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from valuing_involvement.reports import Report, render_text
from valuing_involvement.serialization import to_data
from valuing_involvement.statistics import Statistics

#: One record as JSON text, by CPython's C encoder (``json.dump`` with ``indent`` runs the
#: pure-Python one, which took 60% of a large check).
encode = json.JSONEncoder(ensure_ascii=False).encode


def json_array(records: Iterable[Any], out: TextIO) -> None:
    """Write a JSON array with one record a line: valid JSON, and quick to read with a pager."""
    separator = "[\n"
    for record in records:
        out.write(separator)
        out.write(encode(record))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


def write_reports(reports: Sequence[Report], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json_array(map(to_data, reports), out)
    elif fmt == "jsonl":
        out.writelines(encode(to_data(report)) + "\n" for report in reports)
    else:
        out.write("\n\n".join(render_text(report) for report in reports) + "\n")


def write_statistics(statistics: Statistics, fmt: str, out: TextIO) -> None:
    """Print findings counted by rule, most frequent first: text, or JSON records."""
    if fmt in ("json", "scorecard-json"):
        json.dump(statistics.to_records(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(str(statistics) + "\n")


class Output:
    """A text stream that never raises: it records the first failure and drops what follows.

    Text the stream's encoding cannot hold is written with backslash escapes instead.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.failure: OSError | ValueError | None = None

    def write(self, text: str) -> int:
        if self.failure is None:
            if self.stream is None:
                self.failure = OSError(errno.EBADF, "the stream is closed")
                return len(text)
            try:
                self.stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(self.stream, "encoding", None) or "utf-8"
                self.write(text.encode(encoding, "backslashreplace").decode(encoding))
            except (OSError, ValueError) as exc:  # ValueError: the file was closed
                self.failure = exc
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.failure is None and self.stream is not None:
            try:
                self.stream.flush()
            except (OSError, ValueError) as exc:
                self.failure = exc

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 -- the stream's own attributes
        return getattr(self.stream, name)

"""One respondent's answers, checked against the questionnaire, read from and written to files.

A :class:`Response` holds who answered (a group or a commissioner, by an id that names an
organisation or a code, never a person) and the answers by question number.  Every answer is
checked when the response is built: against the question's type and options, and against its
routing -- a sub-question answered where it is not asked is refused.  A question left blank is
simply absent.  Bad answers raise :class:`InvalidAnswers`, an
:class:`~valuing_involvement.InvalidInput` naming the respondent and each question.

Files: the form saves one response as JSON (``{"questionnaire": "groups", "respondent": ...,
"answers": {...}}``; a file may also hold a list of them), or a CSV with a ``questionnaire``
and a ``respondent`` column and one column per question (``Q1``, ``Q1a``; several ticked
options joined by ``;``).  Both round-trip exactly: a CSV cell a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``...) is written with a leading quote and read back without it
(see ``_csvcell``).
"""

from __future__ import annotations

import csv
import decimal
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import attrs

from valuing_involvement._csvcell import safe, unsafe
from valuing_involvement.errors import InvalidInput, Problem
from valuing_involvement.serialization import MAX_PROBLEMS, parse_json
from valuing_involvement.survey.questionnaires import (
    AnswerType,
    Question,
    Questionnaire,
    RespondentKind,
    questionnaire,
)

__all__ = [
    "Answer",
    "InvalidAnswers",
    "Response",
    "answer_files",
    "csv_header",
    "load_responses",
    "responses_from_bytes",
    "responses_from_csv",
    "responses_from_json",
    "responses_to_csv",
]

#: An answer: an option value (yes/no, one of) or free text; the ticked option values (several
#: of); a number; or a length of time in whole months.
Answer = str | tuple[str, ...] | decimal.Decimal | int

_MAX_TEXT = 20_000
_MAX_MONTHS = 600
_SEPARATOR = ";"


class InvalidAnswers(InvalidInput):
    """Answers that do not fit the questionnaire; each problem names the respondent and question.

    >>> try:
    ...     Response(kind="groups", respondent="group-01", answers={"1": "maybe"})
    ... except InvalidAnswers as exc:
    ...     print(exc.problems[0].path, "|", exc.problems[0].message)
    $.answers.1 | group-01, Q1: 'maybe' is not one of run, led, neither
    """


def _kind(value: RespondentKind | str) -> RespondentKind:
    try:
        return RespondentKind(value)
    except ValueError:
        problem = Problem(
            location=("questionnaire",),
            code="not-allowed",
            message=f"questionnaire must be groups or commissioners, got {value!r}",
        )
        raise InvalidAnswers([problem], target="answers") from None


def _respondent(_instance: object, _attribute: object, given: str) -> None:
    value: object = given  # a file may give anything here
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        problem = Problem(
            location=("respondent",),
            code="invalid",
            message="respondent must be a short id for the group or commissioner, not blank",
        )
        raise InvalidAnswers([problem], target="answers")


@attrs.frozen(kw_only=True)
class Response:
    """One respondent's answers, checked and put in the questionnaire's order.

    ``answers`` maps question numbers (``"1"``, ``"1a"``) to answers; values may be given as a
    file holds them (``"12"`` for a number, ``["money", "policy"]`` for ticked options) and are
    stored typed (:data:`Answer`).  ``None`` and blank values count as not answered.

    >>> r = Response(kind="groups", respondent="group-01",
    ...              answers={"4": ["policy", "money"], "19": "36", "12": "yes"})
    >>> r.answers["4"], r.answers["19"]
    (('money', 'policy'), 36)
    """

    kind: RespondentKind = attrs.field(converter=_kind)
    respondent: str = attrs.field(validator=_respondent)
    answers: Mapping[str, Answer] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        """Check every answer and store them typed, in the questionnaire's order."""
        object.__setattr__(self, "answers", _checked(self))

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire this response answers."""
        return questionnaire(self.kind)

    def to_json(self) -> dict[str, object]:
        """The response as the form saves it: numbers as strings, ticked options as a list.

        >>> Response(kind="commissioners", respondent="c1", answers={"15": "yes",
        ...          "15a": 38000}).to_json()["answers"]
        {'15': 'yes', '15a': '38000'}
        """
        answers: dict[str, object] = {}
        for number, value in self.answers.items():
            if isinstance(value, tuple):
                answers[number] = list(value)
            elif isinstance(value, decimal.Decimal):
                answers[number] = str(value)
            else:
                answers[number] = value
        return {"questionnaire": self.kind.value, "respondent": self.respondent, "answers": answers}


def _checked(response: Response) -> Mapping[str, Answer]:
    form = questionnaire(response.kind)
    raw: object = response.answers  # a file may give anything here
    problems: list[Problem] = []
    if not isinstance(raw, Mapping):
        problems.append(Problem(location=("answers",), code="wrong-type", message="not a map"))
        raise InvalidAnswers(problems, target=f"answers of {response.respondent}")
    typed: dict[str, Answer] = {}
    for number, value in raw.items():
        if not isinstance(number, str) or number not in form.numbers:  # keys of a file's map
            message = f"{response.respondent}: no question {number!r} in the {form.kind.value}'"
            problems.append(
                Problem(
                    location=("answers", str(number)),
                    code="unknown-field",
                    message=f"{message} questionnaire",
                )
            )
            continue
        if value is None or (isinstance(value, str | list | tuple) and not value):
            continue
        question = form.question(number)
        try:
            typed[number] = _answer(question, value)
        except ValueError as exc:
            code = "wrong-type" if isinstance(exc, _WrongType) else "not-allowed"
            if isinstance(exc, _OutOfRange):
                code = "out-of-range"
            problems.append(
                Problem(
                    location=("answers", number),
                    code=code,
                    message=f"{response.respondent}, {question.label}: {exc}",
                )
            )
    problems += _consistency(response.respondent, form, typed)
    if problems:
        raise InvalidAnswers(problems, target=f"answers of {response.respondent}")
    return MappingProxyType({n: typed[n] for n in form.numbers if n in typed})


def _consistency(
    respondent: str, form: Questionnaire, typed: Mapping[str, Answer]
) -> list[Problem]:
    """Answers that contradict others: beyond their bound, or where the routing does not ask."""
    problems: list[Problem] = []
    for number, value in typed.items():
        question = form.question(number)
        bound = typed.get(question.at_most or "")
        if (
            isinstance(value, decimal.Decimal)
            and isinstance(bound, decimal.Decimal)
            and value > bound
        ):
            problems.append(
                Problem(
                    location=("answers", number),
                    code="out-of-range",
                    message=f"{respondent}, {question.label}: {value} is more than the "
                    f"{bound} given for Q{question.at_most}",
                )
            )
        if question.when is not None and not form.applies(number, typed):
            asked = form.question(question.when.question).label
            problems.append(
                Problem(
                    location=("answers", number),
                    code="invalid",
                    message=f"{respondent}, {question.label}: answered, though it is "
                    f"asked only for some answers to {asked}",
                )
            )
    return problems


class _WrongType(ValueError):
    pass


class _OutOfRange(ValueError):
    pass


def _answer(question: Question, value: object) -> Answer:  # noqa: C901, PLR0912 -- one branch per answer type
    kind = question.answer
    if kind in {AnswerType.YES_NO, AnswerType.ONE_OF}:
        if not isinstance(value, str):
            raise _WrongType(f"expected one option as text, got {value!r}")
        if value not in question.values:
            raise ValueError(f"{value!r} is not one of {', '.join(question.values)}")
        return value
    if kind is AnswerType.SEVERAL_OF:
        ticked = value.split(_SEPARATOR) if isinstance(value, str) else value
        if not isinstance(ticked, list | tuple) or not all(isinstance(v, str) for v in ticked):
            raise _WrongType(f"expected a list of options, got {value!r}")
        chosen = {v.strip() for v in ticked}
        unknown = sorted(chosen - set(question.values))
        if unknown:
            raise ValueError(
                f"{', '.join(map(repr, unknown))} not among {', '.join(question.values)}"
            )
        exclusive = {o.value for o in question.options if o.exclusive} & chosen
        if exclusive and len(chosen) > 1:
            raise ValueError(f"{exclusive.pop()!r} cannot be ticked with other options")
        return tuple(v for v in question.values if v in chosen)
    if kind is AnswerType.TEXT:
        if not isinstance(value, str):
            raise _WrongType(f"expected text, got {value!r}")
        if len(value) > _MAX_TEXT:
            raise _OutOfRange(f"text longer than {_MAX_TEXT:,} characters")
        return value
    if kind is AnswerType.MONTHS:
        months = _whole(value)
        if not 1 <= months <= _MAX_MONTHS:
            raise _OutOfRange(f"a length of {months} months is outside 1 to {_MAX_MONTHS}")
        return months
    number = _number(value)
    if number < 0:
        raise _OutOfRange(f"expected a number not below 0, got {value!r}")
    if question.unit == "people" and number != number.to_integral_value():
        raise _WrongType(f"expected a whole number of people, got {value!r}")
    return number


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _WrongType(f"expected a whole number of months, got {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit() or len(text) > 6:
            raise _WrongType(f"expected a whole number of months, got {value!r}")
        return int(text)
    return value


def _number(value: object) -> decimal.Decimal:
    if isinstance(value, bool) or not isinstance(value, int | str | decimal.Decimal):
        raise _WrongType(f"expected a number, got {value!r}")
    text = str(value).strip().replace(",", "").removeprefix("£")
    if not text or len(text) > 20 or not text.isascii():
        raise _WrongType(f"expected a number, got {value!r}")
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise _WrongType(f"expected a number, got {value!r}") from None
    if not number.is_finite():
        raise _WrongType(f"expected a number, got {value!r}")
    return number


def _document(item: object, index: int | None) -> Response:
    where: tuple[int, ...] = () if index is None else (index,)
    if not isinstance(item, Mapping):
        raise InvalidAnswers(
            [Problem(location=where, code="wrong-type", message="expected a response object")]
        )
    unknown = sorted(set(item) - {"questionnaire", "respondent", "answers"})
    missing = [key for key in ("questionnaire", "respondent") if key not in item]
    problems = [
        Problem(location=(*where, key), code="unknown-field", message=f"unknown key {key!r}")
        for key in unknown
    ] + [
        Problem(location=(*where, key), code="missing", message=f"{key} is missing")
        for key in missing
    ]
    if problems:
        raise InvalidAnswers(problems)
    try:
        return Response(
            kind=item["questionnaire"],
            respondent=item["respondent"],
            answers=item.get("answers") or {},
        )
    except InvalidInput as exc:
        raise InvalidAnswers(
            [problem.within(*where) for problem in exc.problems], target=exc.target
        ) from None


def responses_from_json(text: str | bytes) -> tuple[Response, ...]:
    """Read one response, or a list of them, from JSON text.

    >>> responses_from_json('{"questionnaire": "groups", "respondent": "g1", '
    ...                     '"answers": {"13": "yes"}}')[0].answers
    mappingproxy({'13': 'yes'})
    """
    try:
        data = parse_json(text, target="answers")
    except InvalidInput as exc:
        raise InvalidAnswers(exc.problems, target="answers") from None
    if isinstance(data, list):
        return _all(_attempt(item, i) for i, item in enumerate(data))
    return (_document(data, None),)


def _attempt(item: object, index: int) -> Response | InvalidInput:
    try:
        return _document(item, index)
    except InvalidInput as exc:
        return exc


def _all(results: Iterable[Response | InvalidInput]) -> tuple[Response, ...]:
    """The responses, or one error with the first problems of the respondents, counting the rest.

    Past :data:`~valuing_involvement.serialization.MAX_PROBLEMS` problems the rest are counted in
    one last ``too-many`` problem, and each error is dropped as soon as it is counted: a file of
    a million bad responses costs the memory of one.
    """
    responses: list[Response] = []
    problems: list[Problem] = []
    more = 0
    for result in results:
        if isinstance(result, Response):
            if not problems:  # once one is bad, no response is returned
                responses.append(result)
            continue
        room = MAX_PROBLEMS - len(problems)
        problems += result.problems[:room]
        more += max(len(result.problems) - room, 0)
        responses.clear()
    if more:
        message = f"and {more:,} more problems, not listed"
        problems.append(Problem(location=(), code="too-many", message=message))
    if problems:
        raise InvalidAnswers(problems, target="answers")
    return tuple(responses)


def csv_header(kind: RespondentKind | str) -> tuple[str, ...]:
    """The CSV columns for ``kind``: questionnaire, respondent, then one per question.

    >>> csv_header("groups")[:5]
    ('questionnaire', 'respondent', 'QA1', 'Q1', 'Q2')
    """
    return ("questionnaire", "respondent", *(q.label for q in questionnaire(kind).questions))


def responses_from_csv(text: str) -> tuple[Response, ...]:
    r"""Read responses from CSV: a ``questionnaire`` and a ``respondent`` column, then ``Q1``...

    Blank cells are questions not answered; several ticked options are joined by ``;``.  A cell
    written with a leading quote against formula injection is read without it.

    >>> rows = "questionnaire,respondent,Q13,Q19\ngroups,g1,no,12\n"
    >>> responses_from_csv(rows)[0].answers
    mappingproxy({'13': 'no', '19': 12})
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _all(_rows(reader))
    except csv.Error as exc:
        raise InvalidAnswers(
            [Problem(location=(), code="syntax", message=f"not readable CSV: {exc}")]
        ) from None


def _rows(reader: csv.DictReader[str]) -> Iterator[Response | InvalidInput]:
    """Each row's response, or the error it raised, so every bad row is reported."""
    header = reader.fieldnames or []
    missing = [name for name in ("questionnaire", "respondent") if name not in header]
    if missing:
        for n in missing:
            yield InvalidAnswers([Problem(location=(0,), code="missing", message=f"no {n} column")])
        return
    for line, raw in enumerate(reader, start=1):
        if None in raw:  # csv's key for cells past the header's end
            problem = Problem(location=(line,), code="invalid", message="more cells than columns")
            yield InvalidAnswers([problem])
            continue
        row = {k: unsafe(v) if isinstance(v, str) else v for k, v in raw.items()}
        answers = {
            key.removeprefix("Q"): value
            for key, value in row.items()
            if key not in {"questionnaire", "respondent"}
        }
        try:
            yield Response(kind=row["questionnaire"], respondent=row["respondent"], answers=answers)
        except InvalidInput as exc:
            yield InvalidAnswers([p.within(line) for p in exc.problems], target=exc.target)


def responses_to_csv(responses: Sequence[Response]) -> str:
    """Write responses of one questionnaire as CSV, the columns of :func:`csv_header`.

    A cell a spreadsheet would run as a formula gets a leading quote, which
    :func:`responses_from_csv` takes off again.

    >>> r = Response(kind="groups", respondent="g1", answers={"4": ["money", "policy"]})
    >>> header, row = responses_to_csv([r]).splitlines()
    >>> row.split(",")[header.split(",").index("Q4")]
    'money;policy'
    """
    kinds = {r.kind for r in responses}
    if len(kinds) > 1:
        raise ValueError("one CSV holds the answers to one questionnaire")
    kind = kinds.pop() if kinds else RespondentKind.GROUPS
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_header(kind))
    numbers = questionnaire(kind).numbers
    for response in responses:
        cells = []
        for number in numbers:
            value = response.answers.get(number)
            if value is None:
                cells.append("")
            elif isinstance(value, tuple):
                cells.append(_SEPARATOR.join(value))
            else:
                cells.append(str(value))
        writer.writerow([safe(cell) for cell in (kind.value, response.respondent, *cells)])
    return out.getvalue()


def answer_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files ``paths`` name: each file as given, each folder's ``*.json`` and ``*.csv``.

    A folder's files come in name order.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in {".json", ".csv"})
        else:
            files.append(path)
    return files


def responses_from_bytes(data: bytes, name: str) -> tuple[Response, ...]:
    """Read the responses in one file's bytes: CSV when ``name`` ends ``.csv``, else JSON.

    Every problem is located under ``name``.

    >>> responses_from_bytes(b"", "a.json")
    Traceback (most recent call last):
    ...
    valuing_involvement.survey.answers.InvalidAnswers: invalid answers:
      $.a.json: not valid JSON: Expecting value at line 1 column 1
    """
    try:
        if name.lower().endswith(".csv"):
            try:
                text = data.decode("utf-8-sig")  # line ends kept: a cell may hold one
            except UnicodeDecodeError:
                problem = Problem(location=(), code="syntax", message="not UTF-8 text")
                raise InvalidAnswers([problem]) from None
            return responses_from_csv(text)
        return responses_from_json(data)
    except InvalidInput as exc:
        raise InvalidAnswers([p.within(name) for p in exc.problems], target="answers") from None


def load_responses(paths: Iterable[str | Path]) -> tuple[Response, ...]:
    """Read every response in ``paths``: JSON or CSV files, or folders of them.

    A folder is read for its ``*.json`` and ``*.csv`` files, in name order.  Every problem in
    every file is reported in one :class:`InvalidAnswers`, each located by file.
    """
    responses: list[Response] = []
    problems: list[Problem] = []
    for path in answer_files(paths):
        try:
            responses += responses_from_bytes(path.read_bytes(), path.name)
        except OSError as exc:
            message = exc.strerror or "cannot be read"
            problems.append(Problem(location=(path.name,), code="missing", message=message))
        except InvalidInput as exc:
            problems += exc.problems
    if problems:
        raise InvalidAnswers(problems, target="answers")
    return tuple(responses)

"""The survey again: the Appendix 4 questionnaires, forms to fill in, and chapter 2 rebuilt.

The questionnaires are data (:data:`GROUPS`, :data:`COMMISSIONERS`); :func:`render_form`
writes a self-contained HTML form for each, which saves answers on the person's own machine;
:func:`load_responses` reads them back, checked; :func:`tabulate` counts them into the
chapter-2 tables beside the 2007 figures.

>>> report = tabulate(reproduce_2007())
>>> report.groups, report.commissioners
(29, 12)
"""

from valuing_involvement.survey.answers import (
    Answer,
    InvalidAnswers,
    Response,
    answer_files,
    csv_header,
    load_responses,
    responses_from_bytes,
    responses_from_csv,
    responses_from_json,
    responses_to_csv,
)
from valuing_involvement.survey.chapter2 import (
    Chapter2,
    FreeText,
    Line,
    OwnView,
    Range,
    Table,
    reproduce_2007,
    tabulate,
)
from valuing_involvement.survey.facts import commissioner_from_response, group_from_response
from valuing_involvement.survey.forms import csv_template, render_form
from valuing_involvement.survey.measures import (
    BUDGET_RANGE,
    MEASURES,
    Denominator,
    Measure,
    RangeMeasure,
)
from valuing_involvement.survey.questionnaires import (
    COMMISSIONERS,
    GROUPS,
    AnswerType,
    Condition,
    Option,
    Question,
    Questionnaire,
    RespondentKind,
    questionnaire,
)

__all__ = [
    "BUDGET_RANGE",
    "COMMISSIONERS",
    "GROUPS",
    "MEASURES",
    "Answer",
    "AnswerType",
    "Chapter2",
    "Condition",
    "Denominator",
    "FreeText",
    "InvalidAnswers",
    "Line",
    "Measure",
    "Option",
    "OwnView",
    "Question",
    "Questionnaire",
    "Range",
    "RangeMeasure",
    "RespondentKind",
    "Response",
    "Table",
    "answer_files",
    "commissioner_from_response",
    "csv_header",
    "csv_template",
    "group_from_response",
    "load_responses",
    "questionnaire",
    "render_form",
    "reproduce_2007",
    "responses_from_bytes",
    "responses_from_csv",
    "responses_from_json",
    "responses_to_csv",
    "tabulate",
]

"""The survey: the questionnaires as data, answers checked and round-tripped, chapter 2 rebuilt."""

import argparse
import csv
import decimal
import io
import json
import re
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuing_involvement import FIGURES, Commissioner, Group, classify_group
from valuing_involvement.cli import main
from valuing_involvement.commissioners import Involvement, Strategy
from valuing_involvement.contracts import Contract, Requirement
from valuing_involvement.errors import InvalidInput
from valuing_involvement.portfolio import Portfolio
from valuing_involvement.survey import (
    BUDGET_RANGE,
    COMMISSIONERS,
    GROUPS,
    MEASURES,
    AnswerType,
    Denominator,
    InvalidAnswers,
    RespondentKind,
    Response,
    _commands,
    csv_header,
    csv_template,
    group_from_response,
    load_responses,
    questionnaire,
    render_form,
    reproduce_2007,
    responses_from_csv,
    responses_from_json,
    responses_to_csv,
    tabulate,
)
from valuing_involvement.survey.chapter2 import SURVEYED

# Appendix 4, question by question: every number the source gives.
SOURCE_NUMBERS = {
    RespondentKind.COMMISSIONERS: [
        "1",
        "1a",
        "2",
        "2a",
        "2b",
        "3",
        "3a",
        "3b",
        "4",
        "5",
        "5a",
        "6",
        "6a",
        "6b",
        "7",
        "8",
        "9",
        "9a",
        "10",
        "11",
        "11a",
        "11b",
        "12",
        "12a",
        "12b",
        "12c",
        "13",
        "14",
        "14a",
        "15",
        "15a",
        "16",
        "16a",
        "17",
        "18",
        "19",
        "20",
        "21",
    ],
    RespondentKind.GROUPS: [
        "1",
        "2",
        "3",
        "3a",
        "3b",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        "10a",
        "10b",
        "10c",
        "11",
        "11a",
        "11b",
        "12",
        "12a",
        "13",
        "13a",
        "13b",
        "13c",
        "14",
        "14a",
        "14b",
        "15",
        "16",
        "16a",
        "17",
        "17a",
        "18",
        "18a",
        "19",
        "20",
        "21",
    ],
}
# The source's own routing ("1a If YES", "3a If none", "10c If 'no'"), as question -> parent.
SOURCE_ROUTING = {
    RespondentKind.COMMISSIONERS: {
        "1a": "1", "5a": "5", "6a": "6", "11a": "11", "11b": "11a", "12a": "12", "12c": "12b",
        "14a": "14", "15a": "15", "16a": "16",
    },
    RespondentKind.GROUPS: {
        "3a": "3", "3b": "3", "10a": "10", "10b": "10a", "10c": "10a", "12a": "12", "13a": "13",
        "13b": "13a", "13c": "13a", "14b": "14a", "16a": "16", "17a": "17", "18a": "18",
    },
}  # fmt: skip
MODELS = {
    "Group": Group,
    "Commissioner": Commissioner,
    "Contract": Contract,
    "Portfolio": Portfolio,
    "Strategy": Strategy,
    "Involvement": Involvement,
    "Requirement": Requirement,
}


@pytest.mark.parametrize("kind", list(RespondentKind))
def test_every_question_of_appendix_4_is_there_in_order(kind):
    form = questionnaire(kind)
    source = [q.number for q in form.questions if not q.added]
    assert source == SOURCE_NUMBERS[kind]
    assert all(q.number.startswith("A") for q in form.questions if q.added)


@pytest.mark.parametrize("kind", list(RespondentKind))
def test_the_source_routing_is_kept(kind):
    form = questionnaire(kind)
    for number, parent in SOURCE_ROUTING[kind].items():
        assert form.question(number).when is not None, number
        assert form.question(number).when.question == parent, number


@pytest.mark.parametrize("kind", list(RespondentKind))
def test_every_routing_names_an_option_of_its_parent(kind):
    form = questionnaire(kind)
    for question in form.questions:
        if question.when is not None:
            parent = form.question(question.when.question)
            assert question.when.answers <= set(parent.values), question.number


@pytest.mark.parametrize("question", [*GROUPS.questions, *COMMISSIONERS.questions])
def test_every_filled_field_exists(question):
    if question.fills is None:
        return
    model, *path = question.fills.split(".")
    cls = MODELS[model]
    for step in path[:-1]:
        cls = attrs.fields_dict(cls)[step].type
        cls = cls if isinstance(cls, type) else MODELS[str(cls).split(" |")[0].split(".")[-1]]
    assert path[-1] in attrs.fields_dict(cls), question.fills


def test_the_fields_the_issue_names_are_filled():
    assert GROUPS.question("1").fills == "Group.self_described"
    assert GROUPS.question("2").fills == "Group.decision_body"
    assert GROUPS.question("4").fills == "Group.controls"
    assert GROUPS.question("12").fills == "Contract.business_plan.required"
    assert GROUPS.question("12a").fills == "Contract.business_plan.help_offered"
    assert GROUPS.question("19").fills == "Contract.period"
    assert COMMISSIONERS.question("4").fills == "Commissioner.body_type"
    assert COMMISSIONERS.question("11").fills == "Commissioner.expects_business_plans"
    assert COMMISSIONERS.question("15a").fills == "Commissioner.annual_budget"


def test_a_choice_needs_options_and_only_a_choice_has_them():
    from valuing_involvement.survey import Option, Question

    with pytest.raises(ValueError, match="options"):
        Question(number="1", text="t", answer=AnswerType.YES_NO)
    with pytest.raises(ValueError, match="options"):
        Question(
            number="1", text="t", answer=AnswerType.TEXT, options=(Option(value="a", label="A"),)
        )


# ---- answers -------------------------------------------------------------------------------


@st.composite
def responses(draw, kind=None):
    """Any valid response: each question that applies is answered or skipped."""
    kind = kind or draw(st.sampled_from(list(RespondentKind)))
    form = questionnaire(kind)
    answers = {}
    for question in form.questions:
        if not form.applies(question.number, answers) or draw(st.booleans()):
            continue
        value = draw(_answer(question))
        bound = answers.get(question.at_most)
        answers[question.number] = value if bound is None else min(value, bound)
    ident = draw(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30))
    respondent = ident.strip() or "respondent"
    return Response(kind=kind, respondent=respondent, answers=answers)


def _answer(question):
    if question.answer in {AnswerType.YES_NO, AnswerType.ONE_OF}:
        return st.sampled_from(question.values)
    if question.answer is AnswerType.SEVERAL_OF:
        ordinary = [o.value for o in question.options if not o.exclusive]
        exclusive = [(o.value,) for o in question.options if o.exclusive]
        chosen = st.sets(st.sampled_from(ordinary), min_size=1).map(
            lambda s: tuple(v for v in ordinary if v in s)
        )
        return st.one_of(chosen, *(st.just(e) for e in exclusive))
    if question.answer is AnswerType.MONTHS:
        return st.integers(1, 600)
    if question.unit == "people":
        return st.integers(0, 50).map(decimal.Decimal)
    if question.answer is AnswerType.NUMBER:
        return st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
    return st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1).filter(
        str.strip
    )


@given(responses())
def test_json_round_trip_is_lossless(response):
    text = json.dumps(response.to_json())
    assert responses_from_json(text) == (response,)


@given(st.lists(responses(RespondentKind.GROUPS), max_size=4))
def test_csv_round_trip_is_lossless(answers):
    assert responses_from_csv(responses_to_csv(answers)) == tuple(answers)


@given(responses())
def test_tabulating_any_answers_keeps_every_count_within_its_denominator(response):
    report = tabulate([response], free_text=True)
    for table in report.tables:
        assert sum(line.count for line in table.lines) == table.total <= 1
    texts = {(t.question, t.text) for t in report.free_text}
    for number, value in response.answers.items():
        if response.questionnaire.question(number).answer is AnswerType.TEXT:
            assert (f"Q{number}", value) in texts


@pytest.mark.parametrize(
    ("answers", "code", "words"),
    [
        ({"1": "maybe"}, "not-allowed", "Q1: 'maybe' is not one of run, led, neither"),
        ({"99": "yes"}, "unknown-field", "no question '99'"),
        ({"10": "no", "10a": "yes"}, "invalid", "Q10a: answered, though"),
        ({"3": ["none", "nhs"]}, "not-allowed", "cannot be ticked with other options"),
        ({"3": ["lottery"]}, "not-allowed", "'lottery' not among"),
        ({"19": "0"}, "out-of-range", "Q19"),
        ({"19": "three years"}, "wrong-type", "whole number of months"),
        ({"19": True}, "wrong-type", "whole number of months"),
        ({"2": "yes", "A2": "-1"}, "out-of-range", "not below 0"),
        ({"6": 3}, "wrong-type", "expected text"),
        ({"2": "yes", "A2": "4.5"}, "wrong-type", "whole number of people"),
        ({"2": "yes", "A2": "4", "A3": "5"}, "out-of-range", "QA3: 5 is more than the 4"),
        ({"1": ["run"]}, "wrong-type", "one option"),
    ],
)
def test_bad_answers_are_refused_naming_respondent_and_question(answers, code, words):
    with pytest.raises(InvalidAnswers) as caught:
        Response(kind="groups", respondent="group-07", answers=answers)
    (problem,) = caught.value.problems
    assert isinstance(caught.value, InvalidInput)
    assert problem.code == code
    assert problem.message.startswith("group-07")
    assert words in problem.message


def test_every_bad_answer_is_reported_not_only_the_first():
    with pytest.raises(InvalidAnswers) as caught:
        Response(kind="groups", respondent="g", answers={"1": "x", "13": "y", "12a": "yes"})
    assert [p.path for p in caught.value.problems] == [
        "$.answers.1",
        "$.answers.13",
        "$.answers.12a",
    ]


def test_blank_answers_count_as_unanswered():
    response = Response(kind="groups", respondent="g", answers={"1": "", "3": [], "6": None})
    assert dict(response.answers) == {}


def test_a_response_names_its_questionnaire_and_respondent():
    with pytest.raises(InvalidAnswers, match="groups or commissioners"):
        Response(kind="patients", respondent="g")
    with pytest.raises(InvalidAnswers, match="not blank"):
        Response(kind="groups", respondent="  ")


def test_a_folder_of_answers_loads_and_reports_every_bad_file(tmp_path):
    good = Response(kind="groups", respondent="g1", answers={"13": "yes"})
    (tmp_path / "a.json").write_text(json.dumps(good.to_json()), "utf-8")
    (tmp_path / "b.csv").write_text(responses_to_csv([good]).replace("g1", "g2"), "utf-8")
    (tmp_path / "notes.txt").write_text("ignored", "utf-8")
    assert [r.respondent for r in load_responses([tmp_path])] == ["g1", "g2"]
    (tmp_path / "c.json").write_text(
        '{"questionnaire": "groups", "respondent": "g3", "answers": {"13": "perhaps"}}', "utf-8"
    )
    (tmp_path / "d.json").write_text("{not json", "utf-8")
    with pytest.raises(InvalidAnswers) as caught:
        load_responses([tmp_path])
    assert [p.location[0] for p in caught.value.problems] == ["c.json", "d.json"]
    assert "g3, Q13" in caught.value.problems[0].message


def test_a_csv_needs_its_questionnaire_and_respondent_columns():
    with pytest.raises(InvalidAnswers, match="no questionnaire column"):
        responses_from_csv("respondent,Q1\ng,run\n")


# ---- facts --------------------------------------------------------------------------------


def test_a_groups_answers_build_the_facts_the_classification_reads():
    response = Response(
        kind="groups",
        respondent="Riverside Voices",
        answers={"A1": "carers", "1": "led", "2": "yes", "A2": "7", "A3": "4",
                 "4": ["money", "policy"], "8": "active"},
    )  # fmt: skip
    group = group_from_response(response)
    assert group.constituency.value == "carers"
    assert group.self_described.value == "led"
    assert {d.value for d in group.controls} == {"money", "policy"}
    seats = group.decision_body.seats(group.constituency)
    assert (seats.voting, seats.counting) == (7, 4)
    assert classify_group(group).leadership.value == "led"


def test_without_whom_it_is_for_or_its_controls_no_group_is_built():
    assert (
        group_from_response(Response(kind="groups", respondent="g", answers={"1": "run"})) is None
    )


# ---- chapter 2 -------------------------------------------------------------------------------


def test_the_2007_answers_give_back_every_2007_figure_exactly():
    report = tabulate(reproduce_2007())
    assert (report.groups, report.commissioners) == (29, 12)
    assert len(report.tables) == len(MEASURES)
    for table, measure in zip(report.tables, MEASURES, strict=True):
        figure = measure.reference
        assert table.reference_total == (figure.respondents or figure.total)
        assert table.total == table.reference_total, table.key
        shown = {line.category: line.count for line in table.lines}
        assert {c: shown.get(c) for c in figure.counts} == dict(figure.counts), table.key
        for line in table.lines:
            if line.reference is not None:
                assert line.count == line.reference, (table.key, line.category)
    budget = report.budget
    assert (budget.low, budget.high) == (budget.reference_low, budget.reference_high)
    assert budget.count == 7


def test_every_measure_uses_its_figures_kind_of_denominator():
    used = [m.figure for m in MEASURES]
    assert len(used) == len(set(used)), "a figure is set beside two measures"
    by_key = {f.key: f for f in FIGURES}
    for measure in MEASURES:
        figure = by_key[measure.figure]
        everyone = SURVEYED[measure.kind]
        size = figure.respondents or figure.total
        if measure.denominator is Denominator.RESPONDENTS:
            assert size == everyone, measure.key
        elif measure.denominator is Denominator.ASKED:
            parent = questionnaire(measure.kind).question(measure.question).when
            parent_measure = next(
                m for m in MEASURES if m.question == parent.question and m.kind is measure.kind
            )
            routed = sum(
                parent_measure.reference.counts[parent_measure.categorise(a)]
                for a in parent.answers
            )
            assert size == routed, measure.key
        else:
            assert size < everyone, measure.key
            assert "no answer" not in figure.counts, measure.key
        missing = set(figure.counts) - set(measure.examples) - {"no answer"}
        assert not missing, measure.key


def test_a_count_the_source_leaves_out_is_not_stated_never_zero():
    report = tabulate(reproduce_2007())
    table = next(t for t in report.tables if t.key == "non-monetary-support-groups")
    no = next(line for line in table.lines if line.category == "no")
    assert (no.count, no.reference) == (10, None)
    assert "not stated" in report.to_text()


def test_answers_outside_the_2007_categories_are_counted_against_zero():
    answers = [Response(kind="groups", respondent="g", answers={"19": 9})]
    table = next(t for t in tabulate(answers).tables if t.key == "funding-length-groups")
    nine = next(line for line in table.lines if line.category == "9")
    assert (nine.count, nine.reference) == (1, 0)


def test_a_questionnaire_nobody_answered_gives_no_tables():
    report = tabulate([Response(kind="groups", respondent="g", answers={})])
    assert report.tables
    assert all(
        m.kind is RespondentKind.GROUPS for m in MEASURES if m.key in {t.key for t in report.tables}
    )
    assert report.budget is None


def test_one_respondent_answering_twice_is_refused():
    twice = [Response(kind="groups", respondent="g", answers={})] * 2
    with pytest.raises(InvalidAnswers, match="more than once"):
        tabulate(twice)


def test_the_own_view_is_set_against_the_computed_class():
    report = tabulate(reproduce_2007())
    cells = {(c.own_view, c.computed): c.count for c in report.own_view}
    assert sum(cells.values()) == 29
    assert cells["run", "run"] == 14


def test_free_text_appears_only_when_asked_for():
    private = "Our chair is unwell this month"
    answers = [Response(kind="groups", respondent="g", answers={"21": private})]
    for render in ("to_text", "to_csv", "to_html"):
        assert private not in str(getattr(tabulate(answers), render)())
    assert private not in json.dumps(tabulate(answers).to_json())
    shown = tabulate(answers, free_text=True)
    assert private in shown.to_text()
    assert private in shown.to_html(charts=False)


def test_the_outputs_agree():
    report = tabulate(reproduce_2007())
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert len(rows) == sum(len(t.lines) for t in report.tables)
    data = report.to_json()
    assert json.loads(json.dumps(data)) == data
    frame = report.to_frame()
    assert list(frame["n"]) == [int(r["n"]) for r in rows]
    assert frame["n_2007"].isna().sum() == sum(1 for r in rows if r["n_2007"] == "")


def test_the_html_report_embeds_its_charts_and_fetches_nothing():
    page = tabulate(reproduce_2007()).to_html()
    assert page.count("data:image/svg+xml;base64,") == len(MEASURES)
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "<script" not in page


# ---- forms -------------------------------------------------------------------------------


class _Controls(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs, self.labels, self.fieldsets, self.legends = [], set(), 0, 0
        self.external = []

    def handle_starttag(self, tag, attributes):
        found = dict(attributes)
        if tag in {"input", "textarea", "select"}:
            self.inputs.append(found)
        if tag == "label":
            self.labels.add(found.get("for"))
        self.fieldsets += tag == "fieldset"
        self.legends += tag == "legend"
        for name in ("src", "href"):
            if found.get(name):
                self.external.append((tag, found[name]))
        if tag == "link":
            self.external.append((tag, found))


@pytest.mark.parametrize("kind", list(RespondentKind))
def test_the_form_labels_every_control_and_loads_nothing(kind):
    page = render_form(kind)
    parser = _Controls()
    parser.feed(page)
    assert parser.inputs
    assert all(control["id"] in parser.labels for control in parser.inputs)
    choices = [q for q in questionnaire(kind).questions if q.options]
    assert parser.fieldsets == parser.legends == len(choices)
    assert parser.external == []
    assert "@import" not in page
    assert "url(" not in page
    assert "px" not in re.search(r"<style>(.*?)</style>", page, re.DOTALL).group(1)
    assert "Nothing you enter here is sent anywhere" in page


@pytest.mark.parametrize("kind", list(RespondentKind))
def test_the_form_lists_the_questions_in_order_with_their_routing(kind):
    page = render_form(kind)
    numbers = re.findall(r'data-number="([^"]+)"', page)
    assert numbers == list(questionnaire(kind).numbers)
    routed = dict(re.findall(r'data-number="([^"]+)" data-type="\w+" data-when="([^"]+)"', page))
    assert routed == {
        q.number: q.when.question for q in questionnaire(kind).questions if q.when is not None
    }


def test_the_csv_template_has_a_column_per_question():
    header = next(csv.reader(io.StringIO(csv_template("groups"))))
    assert header == list(csv_header("groups"))
    assert len(header) == 2 + len(GROUPS.questions)
    assert responses_from_csv(csv_template("groups")) == ()


# ---- commands ------------------------------------------------------------------------------


def _run(argv):
    return main(argv)


def test_the_commands_are_wired_into_the_command_line():
    parser = argparse.ArgumentParser(prog="valuing-involvement")
    _commands.add_parser(parser.add_subparsers(dest="command", required=True))
    assert parser.parse_args(["survey", "x"]).run is _commands.run_survey
    assert parser.parse_args(["questionnaire", "groups"]).run is _commands.run_questionnaire


HOSTILE = {
    "empty.json": b"",
    "truncated.json": b'{"questionnaire": "groups", "respon',
    "binary.json": bytes(range(256)) * 4,
    "binary.csv": bytes(range(256)) * 4,
    "wrong-type.json": b"42",
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "nul.csv": b"questionnaire,respondent\x00,Q1\ngroups,g,run\n",
    "ragged.csv": b"questionnaire,respondent,Q1\ngroups,g,run,extra\n",
    "huge-cell.csv": b'questionnaire,respondent,Q21\ngroups,g,"' + b"y" * 200_000 + b'"\n',
    "oversized.json": b'[{"respondent": "' + b"y" * 5_000_000 + b'"}]',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_survey_command_refuses_hostile_files_with_exit_2(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    assert main(["survey", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("valuing-involvement: ")
    assert "Traceback" not in err


def test_the_survey_command_keeps_to_the_input_limit(tmp_path, capsys):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2048 + b"[]")
    assert main(["--max-input", "1K", "survey", str(path)]) == 2
    assert "input limit" in capsys.readouterr().err


def test_the_questionnaire_command_writes_the_form_and_the_template(tmp_path, capsys):
    assert _run(["questionnaire", "commissioners", "--format", "csv-template"]) == 0
    assert capsys.readouterr().out == csv_template("commissioners")
    out = tmp_path / "groups.html"
    assert _run(["questionnaire", "groups", "-o", str(out)]) == 0
    assert out.read_text("utf-8") == render_form("groups")


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
def test_the_survey_command_counts_a_folder(tmp_path, capsys, fmt):
    for response in reproduce_2007():
        (tmp_path / f"{response.respondent}.json").write_text(
            json.dumps(response.to_json()), "utf-8"
        )
    assert _run(["survey", str(tmp_path), "--format", fmt, "--no-charts"]) == 0
    out = capsys.readouterr().out
    assert "§2.15" in out
    if fmt == "json":
        assert json.loads(out)["groups"] == 29


def test_the_survey_command_reports_bad_answers_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "g.json"
    bad.write_text('{"questionnaire": "groups", "respondent": "g9", "answers": {"13": "x"}}')
    assert _run(["survey", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("valuing-involvement: g.json: g9, Q13:")
    assert "Traceback" not in err
    assert _run(["survey", str(tmp_path / "missing.json")]) == 2


def test_money_answers_keep_their_pence():
    response = Response(
        kind="commissioners", respondent="c", answers={"15": "yes", "15a": "£38,000.50"}
    )
    assert response.answers["15a"] == decimal.Decimal("38000.50")
    assert BUDGET_RANGE.reference.low == 38000

"""Each questionnaire as one self-contained HTML form, and a CSV header for other tools.

:func:`render_form` writes a page that needs no server and fetches nothing: its style and
script are inline, it loads no font, image or script from anywhere, and it sends nothing.
The questions appear in order; a sub-question appears only when the answer it depends on is
given.  "Save my answers" makes a JSON file and a CSV file in the browser (a ``Blob`` and a
download link) on the person's own machine; the page says so.  Every control has a label
(choices are a ``fieldset`` with a ``legend``), everything works from the keyboard, and sizes
are relative, so the page reads at 200% zoom.

:func:`csv_template` gives the header row a survey tool or spreadsheet can use instead.
"""

from __future__ import annotations

import html
import json

from valuing_involvement.survey.answers import csv_header
from valuing_involvement.survey.questionnaires import (
    AnswerType,
    Question,
    Questionnaire,
    RespondentKind,
    questionnaire,
)

__all__ = ["csv_template", "render_form"]

_CHOICES = {
    AnswerType.YES_NO: "radio",
    AnswerType.ONE_OF: "radio",
    AnswerType.SEVERAL_OF: "checkbox",
}
_WHO = {
    RespondentKind.GROUPS: "your group's name or a short code for it",
    RespondentKind.COMMISSIONERS: "your organisation's name or a short code for it",
}

_STYLE = """
:root{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.5;color:#0b0c0c;
background:#fff}
body{margin:0 auto;padding:1em;max-width:42em}
h1{font-size:1.6em;line-height:1.25}
.notice{border-left:0.3em solid #1d70b8;background:#f3f7fb;padding:0.5em 1em;margin:1em 0}
.question{margin:1.25em 0}
.sub{margin-left:1em;padding-left:1em;border-left:0.2em solid #b1b4b6}
fieldset{border:0;margin:0;padding:0}
legend,.question>label{font-weight:600;display:block;margin-bottom:0.3em;padding:0}
.num{display:inline-block;min-width:2.5em;color:#505a5f}
.hint{color:#505a5f;margin:0 0 0.3em}
.option{display:flex;align-items:flex-start;gap:0.5em;margin:0.25em 0}
.option input{width:1.25em;height:1.25em;margin-top:0.2em;flex:none}
input[type=text],input[type=number],textarea{font:inherit;width:100%;box-sizing:border-box;
padding:0.3em;border:0.125em solid #0b0c0c}
input[type=number]{max-width:12em}
textarea{min-height:4em}
button,.download{font:inherit;padding:0.4em 0.9em;margin:0.25em 0.5em 0.25em 0;
border:0.125em solid #0b0c0c;background:#f3f2f1;color:#0b0c0c;cursor:pointer}
button.primary{background:#00703c;color:#fff;border-color:#00703c}
.clear{font-size:0.9em;padding:0.1em 0.6em}
:focus{outline:0.2em solid #fd0;outline-offset:0.1em;box-shadow:0 0 0 0.35em #0b0c0c}
[hidden]{display:none!important}
#status{font-weight:600}
"""

_SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("survey");
  var questions = Array.prototype.slice.call(form.querySelectorAll(".question[data-number]"));
  var byNumber = {};
  questions.forEach(function (q) { byNumber[q.dataset.number] = q; });

  function answerOf(q) {
    var type = q.dataset.type;
    if (type === "radio") {
      var checked = q.querySelector("input:checked");
      return checked ? checked.value : null;
    }
    if (type === "checkbox") {
      var ticked = Array.prototype.slice.call(q.querySelectorAll("input:checked"))
        .map(function (box) { return box.value; });
      return ticked.length ? ticked : null;
    }
    var value = q.querySelector("input,textarea").value.trim();
    return value === "" ? null : value;
  }

  function applies(q) {
    if (!q.dataset.when) { return true; }
    var parent = byNumber[q.dataset.when];
    if (!parent || parent.hidden) { return false; }
    var wanted = JSON.parse(q.dataset.answers);
    var given = answerOf(parent);
    if (given === null) { return false; }
    var values = Array.isArray(given) ? given : [given];
    return values.some(function (v) { return wanted.indexOf(v) !== -1; });
  }

  function route() {
    questions.forEach(function (q) { q.hidden = !applies(q); });
  }

  form.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type === "checkbox" && box.checked) {
      var group = box.closest(".question");
      group.querySelectorAll("input[type=checkbox]").forEach(function (other) {
        if (other !== box && (box.dataset.exclusive || other.dataset.exclusive)) {
          other.checked = false;
        }
      });
    }
    route();
  });
  form.addEventListener("input", route);
  form.addEventListener("click", function (event) {
    var button = event.target.closest("button.clear");
    if (!button) { return; }
    var q = button.closest(".question");
    q.querySelectorAll("input").forEach(function (input) { input.checked = false; });
    route();
    q.querySelector("input").focus();
  });

  function collect() {
    var answers = {};
    questions.forEach(function (q) {
      if (q.hidden) { return; }
      var value = answerOf(q);
      if (value !== null) { answers[q.dataset.number] = value; }
    });
    return answers;
  }

  function csvCell(value) {
    var text = String(Array.isArray(value) ? value.join(";") : (value === undefined ? "" : value));
    // A cell a spreadsheet would run as a formula gets a leading quote, as the library's own
    // CSV files do (_csvcell.safe); reading the file back takes it off.
    if (/^'*[=+\\-@\\t\\r]/.test(text) && !/^[+-]?[0-9]+(\\.[0-9]+)?$/.test(text)) {
      text = "'" + text;
    }
    return /[",\\r\\n]/.test(text) ? "\\"" + text.replace(/"/g, "\\"\\"") + "\\"" : text;
  }

  function link(id, name, type, text) {
    var anchor = document.getElementById(id);
    if (anchor.href) { URL.revokeObjectURL(anchor.href); }
    anchor.href = URL.createObjectURL(new Blob([text], {type: type}));
    anchor.download = name;
    anchor.hidden = false;
    return anchor;
  }

  document.getElementById("save").addEventListener("click", function () {
    var who = document.getElementById("respondent");
    var status = document.getElementById("status");
    var respondent = who.value.trim();
    if (!respondent) {
      status.textContent = "Please fill in the name or code first (the first question).";
      who.focus();
      return;
    }
    var answers = collect();
    var record = {questionnaire: KIND, respondent: respondent, answers: answers};
    var row = [KIND, respondent].concat(HEADER.slice(2).map(function (column) {
      return answers[column.slice(1)];
    }));
    var base = KIND + "-answers-" + respondent.replace(/[^A-Za-z0-9_-]+/g, "-");
    var jsonLink = link("save-json", base + ".json", "application/json",
      JSON.stringify(record, null, 2) + "\\n");
    link("save-csv", base + ".csv", "text/csv",
      HEADER.map(csvCell).join(",") + "\\r\\n" + row.map(csvCell).join(",") + "\\r\\n");
    jsonLink.click();
    status.textContent = "Saved " + base + ".json on this computer. You can also save the " +
      "same answers as a spreadsheet file (CSV) with the link below.";
  });

  route();
}());
"""


def _attrs(question: Question) -> str:
    parts = [f'data-number="{html.escape(question.number)}"']
    parts.append(f'data-type="{_CHOICES.get(question.answer, "value")}"')
    if question.when is not None:
        wanted = sorted(question.when.answers)
        parts.append(f'data-when="{html.escape(question.when.question)}"')
        parts.append(f"data-answers='{html.escape(json.dumps(wanted), quote=False)}'")
    return " ".join(parts)


def _hint(question: Question, ident: str) -> tuple[str, str]:
    hint = question.hint
    if question.added:
        hint = f"{hint} (A question added in this edition.)".strip()
    if not hint:
        return "", ""
    return (
        f'<p class="hint" id="{ident}-hint">{html.escape(hint)}</p>',
        f' aria-describedby="{ident}-hint"',
    )


def _question(question: Question) -> str:
    ident = f"q{question.number}"
    title = f'<span class="num">{html.escape(question.label)}</span> {html.escape(question.text)}'
    hint, described = _hint(question, ident)
    classes = "question sub" if question.when is not None else "question"
    kind = _CHOICES.get(question.answer)
    if kind is not None:
        options = "".join(
            f'<div class="option"><input type="{kind}" id="{ident}-{html.escape(o.value)}" '
            f'name="{ident}" value="{html.escape(o.value)}"'
            + (' data-exclusive="1"' if o.exclusive else "")
            + f'><label for="{ident}-{html.escape(o.value)}">{html.escape(o.label)}</label></div>'
            for o in question.options
        )
        clear = (
            f'<button type="button" class="clear">Clear the answer to {html.escape(question.label)}'
            "</button>"
            if kind == "radio"
            else ""
        )
        return (
            f'<div class="{classes}" {_attrs(question)}><fieldset{described}>'
            f"<legend>{title}</legend>{hint}{options}{clear}</fieldset></div>"
        )
    if question.answer is AnswerType.TEXT:
        control = f'<textarea id="{ident}" name="{ident}" rows="3"{described}></textarea>'
    else:
        step = "1" if question.answer is AnswerType.MONTHS or question.unit == "people" else "any"
        unit = f" ({question.unit})" if question.unit not in {None, "people"} else ""
        title += html.escape(unit)
        control = (
            f'<input type="number" id="{ident}" name="{ident}" min="0" step="{step}" '
            f'inputmode="decimal"{described}>'
        )
    return (
        f'<div class="{classes}" {_attrs(question)}><label for="{ident}">{title}</label>'
        f"{hint}{control}</div>"
    )


def _script(form: Questionnaire) -> str:
    constants = (
        f"var KIND = {json.dumps(form.kind.value)};\n"
        f"var HEADER = {json.dumps(list(csv_header(form.kind)))};\n"
    )
    body = _SCRIPT.replace(
        '(function () {\n  "use strict";', '(function () {\n  "use strict";\n' + constants, 1
    )
    return body.replace("</", "<\\/")


def render_form(kind: RespondentKind | str) -> str:
    """One questionnaire as a self-contained HTML page (see the module's description).

    >>> page = render_form("groups")
    >>> "Nothing you enter" in page, "<script src" in page, 'id="q10a-yes"' in page
    (True, False, True)
    """
    form = questionnaire(kind)
    questions = "".join(_question(q) for q in form.questions)
    who = _WHO[form.kind]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'none'; "
        "connect-src 'none'; form-action 'none'\">"
        f"<title>{html.escape(form.title)}</title><style>{_STYLE}</style></head><body>"
        f"<main><h1>{html.escape(form.title)}</h1><p>{html.escape(form.introduction)}</p>"
        '<p class="notice"><strong>Nothing you enter here is sent anywhere.</strong> This page '
        "works without the internet. When you press \u201cSave my answers\u201d, your browser "
        "saves a file on this computer; you decide whom to give it to.</p>"
        '<form id="survey" novalidate>'
        '<div class="question"><label for="respondent"><span class="num">Name</span> '
        f"Who is answering: {html.escape(who)}</label>"
        '<p class="hint" id="respondent-hint">Please do not give a person\'s name.</p>'
        '<input type="text" id="respondent" name="respondent" autocomplete="organization" '
        'aria-describedby="respondent-hint"></div>'
        f"{questions}"
        '<div class="question"><button type="button" id="save" class="primary">'
        "Save my answers</button>"
        '<p id="status" role="status" aria-live="polite"></p>'
        '<a id="save-json" class="download" hidden>Save again as JSON</a>'
        '<a id="save-csv" class="download" hidden>Save as a spreadsheet file (CSV)</a></div>'
        f"</form></main><script>{_script(form)}</script></body></html>\n"
    )


def csv_template(kind: RespondentKind | str) -> str:
    """The CSV header row for ``kind``: one column per question, ready for a survey tool.

    >>> csv_template("commissioners").split(",")[:4]
    ['questionnaire', 'respondent', 'Q1', 'Q1a']
    """
    return ",".join(csv_header(kind)) + "\n"

"""CONTRIBUTING.md's "Adding a rule" works when followed literally, in a scratch copy.

The test takes the checklist's own snippets -- the parameters, the rule, its cases -- gives the
rule the next free code of the agreement series, adds each where the checklist says, runs the
documented commands that regenerate the pages, then runs the rule-case and docs checks on the
copy in a fresh interpreter.  If the checklist drifts from the code, this fails.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from valuing_involvement import RULES
from valuing_involvement.rules import series_of

ROOT = Path(__file__).parent.parent
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
SECTION = GUIDE[GUIDE.index("## Adding a rule") :]
#: The code the checklist's example uses.
EXAMPLE_CODE = "VI417"


def _blocks(language):
    """The fenced blocks of the section in ``language``, dedented as the checklist indents them."""
    found = re.findall(rf"\n( *)```{language}\n(.*?)\n\1```", SECTION, flags=re.DOTALL)
    return [
        "\n".join(line.removeprefix(indent) for line in body.splitlines()) + "\n"
        for indent, body in found
    ]


def _next_free(prefix):
    taken = {rule.code for rule in RULES.matching(prefix)}
    taken |= set(series_of(f"{prefix}00").retired)  # type: ignore[union-attr]
    return next(code for number in range(1, 100) if (code := f"{prefix}{number:02d}") not in taken)


def _run(args, copy):
    env = {**os.environ, "PYTHONPATH": str(copy / "src"), "HYPOTHESIS_PROFILE": "quick"}
    return subprocess.run(
        [sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True, check=False
    )


def test_the_checklist_names_every_series():
    from valuing_involvement.rules import SERIES

    for series in SERIES:
        assert f"| `{series.prefix}` | `{series.module}` |" in SECTION, series.prefix
    assert "severity=" not in "".join(_blocks("python"))


def test_following_the_checklist_adds_a_rule_in_one_module_and_its_case_folder(tmp_path):
    code = _next_free("VI4")
    parameters, check = (block.replace(EXAMPLE_CODE, code) for block in _blocks("python"))
    cases = re.findall(r"`tests/cases/" + EXAMPLE_CODE + r"/([\w-]+\.json)`", SECTION)
    assert len(cases) == len(_blocks("json")) == 2

    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "tests").mkdir()
    for name in ("test_rule_cases.py", "test_docs.py", "exemplar_checks.py"):
        shutil.copy(ROOT / "tests" / name, copy / "tests" / name)
    shutil.copytree(ROOT / "tests" / "cases", copy / "tests" / "cases")
    shutil.copytree(ROOT / "docs", copy / "docs", ignore=shutil.ignore_patterns("*.png"))
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(ROOT / name, copy / name)

    # Steps 3 to 5: the parameters, the rule and its place in RULES, all in the one module.
    module = copy / "src" / "valuing_involvement" / "rules" / "agreement.py"
    text = module.read_text(encoding="utf-8")
    assert text.count("\nPARAMETERS = (\n") == text.count("\nRULES = (\n") == 1
    indented = "".join(f"    {line}\n" if line else "\n" for line in parameters.splitlines())
    text = text.replace("\nPARAMETERS = (\n", "\nPARAMETERS = (\n" + indented)
    name = re.search(r"^def (\w+)\(", check, flags=re.MULTILINE).group(1)
    text = text.replace("\nRULES = (\n", f"\n{check}\n\nRULES = (\n    {name},\n")
    module.write_text(text, encoding="utf-8")
    # Step 6: the case folder.
    folder = copy / "tests" / "cases" / code
    folder.mkdir()
    for filename, body in zip(cases, _blocks("json"), strict=True):
        (folder / filename).write_text(body, encoding="utf-8")
    # Step 7: the documented commands regenerate the pages.
    for args, page in (
        (["rules", "--format", "markdown", "--cases", "tests/cases"], "rules.md"),
        (["rules", "--format", "coverage"], "coverage.md"),
    ):
        done = _run(["-m", "valuing_involvement", *args], copy)
        assert done.returncode == 0, done.stderr
        (copy / "docs" / page).write_text(done.stdout, encoding="utf-8")
    done = _run(["-m", "valuing_involvement._docs", "docs"], copy)
    assert done.returncode == 0, done.stderr

    shown = _run(["-c", f"from valuing_involvement import RULES; print(RULES[{code!r}])"], copy)
    assert f"code='{code}'" in shown.stdout, shown.stderr
    assert f"| {code} |" in (copy / "docs" / "rules.md").read_text(encoding="utf-8")
    done = _run(
        [
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "-k",
            f"{code} or docs",
            "tests/test_rule_cases.py",
            "tests/test_docs.py",
        ],
        copy,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout, done.stdout

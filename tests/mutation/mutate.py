"""Mutation-test one module of valuing_involvement against its own tests.

Usage, from the repository root (minutes a module, so not part of CI)::

    .venv/bin/python tests/mutation/mutate.py classification
    .venv/bin/python tests/mutation/mutate.py funding --jobs 2 --list
    .venv/bin/python tests/mutation/mutate.py funding --only 12,30   # re-test two survivors

Each mutant is one small change to the module's source: a comparison flipped (``<`` and
``<=``, ``==`` and ``!=``, ``is`` and ``is not``, ``in`` and ``not in``), ``and`` for ``or``,
an integer constant plus or minus one, ``+`` for ``-``, a ``not`` dropped, or a returned value
replaced by ``None``.  Decorator arguments (cache sizes) and docstrings are left alone.

A mutant is *caught* when ``tests/test_<module>.py`` or the module's own doctests fail (or time
out) against it.  The parent imports pytest and hypothesis once; each mutant runs in a forked
child that copies the package to a temporary directory, applies the change there and puts the
copy first on ``sys.path`` -- the working tree is never written.  Hypothesis runs the
``mutation`` profile (few examples, derandomized, no example database), so the same tests give
the same score on every run.  POSIX only (``os.fork``).

mutmut 3 was tried first: it skips every decorated function, so it cannot mutate properties
(``Classification.majority``, ``Leadership.rank``, ``FundingPeriod.days``) or the cached
``_decide`` -- the very code the scores are about.  See tests/MUTATION.md.
"""

# ruff: noqa: T201 -- a command-line tool prints its report
from __future__ import annotations

import argparse
import ast
import importlib
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "valuing_involvement"
HERE = Path(__file__).resolve().parent

_FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_SYMBOL = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}


@dataclass(frozen=True)
class Mutant:
    """One change: the ``index``-th mutation site, its source line and a description."""

    index: int
    line: int
    description: str


class _Mutator(ast.NodeTransformer):
    """Walk the tree in a fixed order; record every site, or apply the one at ``target``."""

    def __init__(self, target: int | None = None) -> None:
        self.target = target
        self.sites: list[Mutant] = []

    def _site(self, node: ast.AST, description: str) -> bool:
        index = len(self.sites)
        self.sites.append(Mutant(index, getattr(node, "lineno", 0), description))
        return index == self.target

    # -- parts never mutated -------------------------------------------------------------------

    def _body_only(self, node: ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef) -> ast.AST:
        # Skip decorators (cache sizes) and annotations; visit the body.
        node.body = [self.visit(statement) for statement in node.body]
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        node.args.kw_defaults = [d if d is None else self.visit(d) for d in node.args.kw_defaults]
        return self._body_only(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        return self._body_only(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_Assign(self, node: ast.Assign) -> ast.AST:
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return node
        return self.generic_visit(node)

    # -- the operators -------------------------------------------------------------------------

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for position, op in enumerate(node.ops):
            flipped = _FLIP.get(type(op))
            if flipped is not None and self._site(
                node, f"`{_SYMBOL[type(op)]}` -> `{_SYMBOL[flipped]}`"
            ):
                node.ops[position] = flipped()
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        is_and = isinstance(node.op, ast.And)
        if self._site(node, "`and` -> `or`" if is_and else "`or` -> `and`"):
            node.op = ast.Or() if is_and else ast.And()
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Add) and self._site(node, "`+` -> `-`"):
            node.op = ast.Sub()
        elif isinstance(node.op, ast.Sub) and self._site(node, "`-` -> `+`"):
            node.op = ast.Add()
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._site(node, "`not` dropped"):
            return node.operand
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if type(value) is int:
            for step in (1, -1):
                if self._site(node, f"`{value}` -> `{value + step}`"):
                    return ast.copy_location(ast.Constant(value + step), node)
        return node

    def visit_Return(self, node: ast.Return) -> ast.AST:
        self.generic_visit(node)
        if (
            node.value is not None
            and not (isinstance(node.value, ast.Constant) and node.value.value is None)
            and self._site(node, "returned value -> `None`")
        ):
            node.value = ast.Constant(None)
        return node


def mutants(source: str) -> list[Mutant]:
    """List the mutation sites of ``source``, in a fixed order."""
    mutator = _Mutator()
    mutator.visit(ast.parse(source))
    return mutator.sites


def mutate(source: str, index: int) -> str:
    """Return ``source`` with the ``index``-th mutation applied."""
    mutator = _Mutator(target=index)
    tree = ast.fix_missing_locations(mutator.visit(ast.parse(source)))
    return ast.unparse(tree)


def _warm_up() -> None:
    """Import the test tools once, in the parent, so each forked child starts warm.

    valuing_involvement itself is not imported here -- each child imports its own mutated copy.
    Hypothesis would import it through the package's entry point, so plugins are switched off
    here and the hook is called in the child instead.
    """
    os.environ["HYPOTHESIS_NO_PLUGINS"] = "1"
    sys.path.insert(0, str(HERE))
    for name in (
        "pytest",
        "_pytest.doctest",
        "hypothesis",
        "hypothesis.strategies",
        "hypothesis.extra.pytestplugin",
        "attrs",
        "cattrs",
        "cattrs.preconf.json",
        "dateutil.relativedelta",
        "dateutil.rrule",
        "hypothesis_profile",
    ):
        importlib.import_module(name)


# The tests that belong to a module: ``tests/test_<module>.py`` for a top-level module; a rule
# module (``rules/agreement``) has its own ``tests/test_rules_<name>.py`` plus the rule cases and
# the older test files that state its rules' behaviour.
_RULE_TESTS = ("test_rule_cases.py", "test_rules.py")
_EXTRA_TESTS: dict[str, tuple[str, ...]] = {
    "rules/agreement": ("test_continuity_agreement.py",),
    "rules/continuity": ("test_continuity_agreement.py",),
    "rules/involvement": ("test_involvement.py",),
    # the store of earlier grants is tested beside the quality runs that use it
    "_seen": ("test_quality_seen.py",),
}


def own_tests(module: str) -> list[Path]:
    """The test files run against each mutant of ``module`` (those that exist).

    >>> [path.name for path in own_tests("funding")], [path.name for path in own_tests("_fiscal")]
    (['test_funding.py'], ['test_fiscal.py'])
    >>> "test_rule_cases.py" in [path.name for path in own_tests("rules/waivers")]
    True
    """
    tests = ROOT / "tests"
    if not module.startswith("rules/"):
        # a private module's tests drop its underscore: _fiscal.py, tests/test_fiscal.py
        names: tuple[str, ...] = (f"test_{module.lstrip('_')}.py", *_EXTRA_TESTS.get(module, ()))
    else:
        own = f"test_rules_{module.removeprefix('rules/')}.py"
        names = (own, *_RULE_TESTS, *_EXTRA_TESTS.get(module, ()))
    return [tests / name for name in names if (tests / name).exists()]


def _child(module: str, source: str, mutant: Mutant | None) -> int:
    """In a forked child: build the mutated package copy and run the module's own tests."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    tmp = Path(tempfile.mkdtemp(prefix="vi-mutant-"))
    package_copy = tmp / "valuing_involvement"
    shutil.copytree(PACKAGE, package_copy, ignore=shutil.ignore_patterns("__pycache__"))
    if mutant is not None:
        (package_copy / f"{module}.py").write_text(mutate(source, mutant.index), "utf-8")
    sys.path.insert(0, str(tmp))
    os.environ["HYPOTHESIS_PROFILE"] = "mutation"
    try:
        register = importlib.import_module("valuing_involvement.testing._register")
        register._hypothesis_setup_hook()
        import pytest

        return int(
            pytest.main(
                [
                    "-x",
                    "--assert=plain",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "-p",
                    "hypothesis_profile",
                    *(str(path) for path in own_tests(module)),
                    str(package_copy / f"{module}.py"),
                ]
            )
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _start(module: str, source: str, mutant: Mutant | None) -> int:
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            status = _child(module, source, mutant)
        finally:
            os._exit(status)
    return pid


def _run_all(
    module: str, source: str, sites: list[Mutant | None], jobs: int, timeout: float
) -> list[bool]:
    """Test every mutant (``None``: the unmutated module), ``jobs`` at a time; True = passed."""
    passed: dict[int, bool] = {}
    running: dict[int, tuple[int, float]] = {}  # pid -> (position, started)
    waiting = list(enumerate(sites))
    while waiting or running:
        while waiting and len(running) < jobs:
            position, site = waiting.pop(0)
            running[_start(module, source, site)] = (position, time.monotonic())
        time.sleep(0.05)
        for pid, (position, started) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done == 0:
                if time.monotonic() - started < timeout:
                    continue
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                status = 1  # a mutant that hangs the tests is caught
            del running[pid]
            passed[position] = os.waitstatus_to_exitcode(status) == 0 if done else False
            site = sites[position]
            if site is not None:
                verdict = "survived" if passed[position] else "caught"
                print(f"  {site.index:3d} {verdict:8s} line {site.line:4d}", file=sys.stderr)
    return [passed[position] for position in range(len(sites))]


def main(argv: list[str] | None = None) -> int:
    """Mutate one module, run its tests against each mutant and print the score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "module",
        help="a module of valuing_involvement, e.g. classification or rules/agreement",
    )
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds a mutant")
    parser.add_argument("--list", action="store_true", help="only list the mutants")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated mutant numbers (as --list shows them): re-test these survivors",
    )
    args = parser.parse_args(argv)

    source = (PACKAGE / f"{args.module}.py").read_text("utf-8")
    sites = mutants(source)
    if args.only:
        chosen = {int(number) for number in args.only.split(",")}
        sites = [site for site in sites if site.index in chosen]
    if args.list:
        for site in sites:
            print(f"{site.index:3d}  line {site.line:4d}  {site.description}")
        return 0
    _warm_up()
    if not _run_all(args.module, source, [None], 1, args.timeout)[0]:
        print("the tests fail on the unmutated module: fix them first", file=sys.stderr)
        return 2
    passed = _run_all(args.module, source, list(sites), args.jobs, args.timeout)
    survivors = [site for site, ok in zip(sites, passed, strict=True) if ok]
    caught = len(sites) - len(survivors)
    lines = source.splitlines()
    for site in survivors:
        print(f"survived {site.index:3d}  line {site.line:4d}  {site.description:28s}", end="")
        print(f"  {lines[site.line - 1].strip()}")
    score = 100 * caught / len(sites) if sites else 100.0
    print(f"{args.module}.py: {len(sites)} mutants, {caught} caught, score {score:.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

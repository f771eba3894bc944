"""The import graph of the package: no cycles, and the models stand below the logic.

Every module under ``src/valuing_involvement`` is parsed, not imported, so every import counts:
those under ``if TYPE_CHECKING:``, those inside functions (lazy imports) and relative ones.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

import valuing_involvement

PACKAGE = "valuing_involvement"
ROOT = Path(valuing_involvement.__file__).parent

#: Modules that describe the domain.  They may import each other, never the logic above them.
MODEL_MODULES = frozenset(
    {
        "valuing_involvement._enums",
        "valuing_involvement._frozen",
        "valuing_involvement._html",
        "valuing_involvement._interning",
        "valuing_involvement._validators",
        "valuing_involvement._version",
        "valuing_involvement.commissioners",
        "valuing_involvement.contracts",
        "valuing_involvement.costs",
        "valuing_involvement.errors",
        "valuing_involvement.funding",
        "valuing_involvement.groups",
        "valuing_involvement.orgids",
        "valuing_involvement.portfolio",
        "valuing_involvement.roles",
    }
)

#: The logic that reads the models: a model module importing one of these (or a module below
#: one of them) is an error.
LOGIC_MODULES = (
    "valuing_involvement.assessment",
    "valuing_involvement.checking",
    "valuing_involvement.classification",
    "valuing_involvement.reports",
    "valuing_involvement.rules",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _imported(module: str, path: Path, known: frozenset[str]) -> set[str]:
    """The package's modules that ``module`` imports anywhere in its source."""
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # ``from package import module`` imports the module itself; the package edge counts
            # only when a name is not a module (a submodule importing its siblings this way
            # runs inside the package's own import, which is no cycle)
            names = {f"{target}.{alias.name}" for alias in node.names}
            found.update(names)
            if not names <= known:
                found.add(target)
    edges = set()
    for name in found:
        # ``from a.b import c`` names a.b.c when c is a module, else a.b: keep the deepest
        # module of the package that the name reaches
        deepest = name
        while deepest and deepest not in known:
            deepest = deepest.rpartition(".")[0]
        if deepest:
            edges.add(deepest)
    edges.discard(module)
    return edges


@functools.cache  # the sources do not change during a run; three tests read the graph
def import_graph() -> dict[str, set[str]]:
    """Each of the package's modules and the package's modules it imports (do not modify)."""
    sources = _sources()
    known = frozenset(sources)
    return {module: _imported(module, path, known) for module, path in sources.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle in ``graph`` as a list of modules (first repeated last), or ``None``."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path: list[str] = [start]
        on_path = {start}
        stack = [iter(sorted(graph[start]))]
        while stack:
            target = next(stack[-1], None)
            if target is None:
                stack.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                continue
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done:
                path.append(target)
                on_path.add(target)
                stack.append(iter(sorted(graph.get(target, ()))))
    return None


def test_the_graph_sees_every_kind_of_import():
    graph = import_graph()
    # a lazy import inside a function: the hook imports the strategies only when asked
    assert (
        "valuing_involvement.testing.strategies" in graph["valuing_involvement.testing._register"]
    )
    # an import under TYPE_CHECKING: the package's public API
    assert "valuing_involvement.groups" in graph["valuing_involvement"]
    # a plain import of a module of the package
    assert "valuing_involvement.groups" in graph["valuing_involvement.classification"]


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b", "c"}, "b": set(), "c": {"c2"}, "c2": {"c"}}, ["c", "c2", "c"]),
    ],
)
def test_find_cycle(graph, cycle):
    assert find_cycle(graph) == cycle


def test_the_package_has_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_every_listed_model_module_exists():
    assert set(MODEL_MODULES) <= set(_sources())


def test_models_stand_below_the_logic():
    graph = import_graph()
    wrong = sorted(
        f"{model} imports {target}"
        for model in MODEL_MODULES
        for target in graph[model]
        if any(target == logic or target.startswith(f"{logic}.") for logic in LOGIC_MODULES)
    )
    assert not wrong, "\n".join(wrong)


#: The engine: it runs any rule over any context, so it knows no model of the domain.
ENGINE_MODULES = (
    "valuing_involvement.rules._codes",
    "valuing_involvement.rules._kernel",
    "valuing_involvement.rules._paragraphs",
)

#: The domain's models (``MODEL_MODULES`` less the utilities every layer may use).
DOMAIN_MODULES = MODEL_MODULES - {
    "valuing_involvement._enums",
    "valuing_involvement._frozen",
    "valuing_involvement._html",
    "valuing_involvement._interning",
    "valuing_involvement._validators",
    "valuing_involvement._version",
    "valuing_involvement.errors",
}


def test_the_engine_knows_no_domain_model():
    graph = import_graph()

    def below(module, seen):
        for target in graph.get(module, ()):
            if target not in seen:
                seen.add(target)
                below(target, seen)
        return seen

    wrong = sorted(
        f"{engine} reaches {target}"
        for engine in ENGINE_MODULES
        for target in below(engine, set())
        if target in DOMAIN_MODULES
    )
    assert not wrong, "\n".join(wrong)


#: Private names still imported from a public module (none since the enum converters became one
#: factory, ``_enums.AsMember``); an entry added here must say why.
PRIVATE_IMPORTS_LEFT: frozenset[tuple[str, str]] = frozenset()


def _private_imports() -> set[tuple[str, str]]:
    """(importer, name) for each private name imported from another, public, module.

    A private module (``_shared``, ``_money``) is where shared internal helpers live, so any
    of its names may be imported; a public module's private names are its own.
    """
    sources = _sources()
    found = set()
    for module, path in sources.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(PACKAGE):
                continue
            if any(part.startswith("_") for part in node.module.split(".")):
                continue
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                if private and name not in sources and node.module != module:
                    found.add((module, name))
    return found


def test_no_module_imports_another_public_modules_private_name():
    found = _private_imports()
    assert found - PRIVATE_IMPORTS_LEFT == set()
    assert found >= PRIVATE_IMPORTS_LEFT, "an import has gone: remove it from the list"

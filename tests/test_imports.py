"""No import cycles between ``ucj_analysis`` modules, function-level imports included.

The package's source is read with :mod:`ast` (nothing is executed): every ``import`` and
``from ... import`` anywhere in a module (top level, inside functions, classes, ``try`` blocks)
becomes an edge to the ``ucj_analysis`` module it loads. Only ``if TYPE_CHECKING:`` blocks are
left out: they never run. A cycle is a strongly connected component of more than one module, or
a module that imports itself.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "ucj_analysis"


# --------------------------------------------------------------------------------------------
# the graph
# --------------------------------------------------------------------------------------------
def module_files(package_dir: Path, package: str = PACKAGE) -> dict[str, Path]:
    """Dotted module name -> source file, for every ``.py`` file of the package."""
    out = {}
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = [package, *path.relative_to(package_dir).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST):
    """Every Import / ImportFrom node, skipping the body of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _owner(name: str, modules: dict[str, Path]) -> str | None:
    """The longest known module that ``name`` is or lies inside (``a.b.c`` -> ``a.b``)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def import_graph(package_dir: Path, package: str = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package modules it imports (anywhere in its source).

    ``from pkg import sub`` is an edge to ``pkg.sub`` when ``sub`` is a module, otherwise to
    ``pkg`` (a name defined in its ``__init__``); ``import pkg.sub`` is an edge to ``pkg.sub``.
    Relative imports are resolved against the importing module's package.
    """
    modules = module_files(package_dir, package)
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, path in modules.items():
        is_pkg = path.name == "__init__.py"
        here = mod.split(".") if is_pkg else mod.split(".")[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _import_nodes(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base_parts = here[: len(here) - (node.level - 1)]
                    base = ".".join(base_parts + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.append(full if full in modules else base)
            for target in targets:
                owner = _owner(target, modules)
                if owner is not None and (target.split(".")[0] == package):
                    graph[mod].add(owner)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with a cycle (Tarjan), each sorted, longest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph.get(v, ()):
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found, key=lambda c: (-len(c), c))


def _path_in(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One concrete loop through a component, for the failure message (a -> b -> a)."""
    start = component[0]
    members = set(component)
    prev: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v] & members):
            if w == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return [*reversed(path), start]
            if w not in prev:
                prev[w] = v
                queue.append(w)
    return component


# --------------------------------------------------------------------------------------------
# the package
# --------------------------------------------------------------------------------------------
def test_the_package_has_no_import_cycle():
    graph = import_graph(ROOT / PACKAGE)
    assert len(graph) >= 20  # every module was read, subpackages included
    assert {"ucj_analysis.runner", "ucj_analysis.models.core"} <= set(graph)
    assert "ucj_analysis.loaders" in graph["ucj_analysis.batch.plan"]  # a function-level import
    loops = [" -> ".join(_path_in(graph, c)) for c in cycles(graph)]
    assert loops == [], "import cycles: " + "; ".join(loops)


# --------------------------------------------------------------------------------------------
# the checker itself, on small packages with known cycles
# --------------------------------------------------------------------------------------------
def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_a_function_level_cycle_is_found(tmp_path):
    root = _package(
        tmp_path,
        {
            "a.py": "import os\nfrom pkg import b\n",
            "b.py": "def f():\n    from pkg.c import g\n    return g\n",
            "c.py": "def g():\n    try:\n        from . import a\n    except ImportError:\n"
            "        pass\n",
            "d.py": "from pkg import a\n",
        },
    )
    graph = import_graph(root, "pkg")
    assert graph == {
        "pkg": set(), "pkg.a": {"pkg.b"}, "pkg.b": {"pkg.c"}, "pkg.c": {"pkg.a"},
        "pkg.d": {"pkg.a"},
    }  # fmt: skip
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]
    assert _path_in(graph, ["pkg.a", "pkg.b", "pkg.c"]) == ["pkg.a", "pkg.b", "pkg.c", "pkg.a"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # relative import two levels up from a subpackage, back to a top module
        (
            {
                "top.py": "from .sub import deep\n",
                "sub/__init__.py": "",
                "sub/deep.py": "class K:\n    def m(self):\n        from .. import top\n",
            },
            [["pkg.sub.deep", "pkg.top"]],
        ),
        # a name from the package's __init__ is an edge to the package itself
        (
            {
                "__init__.py": "from pkg.a import x\n",
                "a.py": "from pkg import __version__\nx = 1\n",
            },
            [["pkg", "pkg.a"]],
        ),  # fmt: skip
        # a module importing itself
        ({"a.py": "def f():\n    import pkg.a\n"}, [["pkg.a"]]),
        # imports only for type checkers never run: no cycle
        (
            {
                "a.py": "from pkg import b\n",
                "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                "    from pkg.a import A\nelse:\n    A = object\n",
            },
            [],
        ),
        # the same names outside the package are not edges
        ({"a.py": "import json\nfrom collections import abc\n"}, []),
    ],
)
def test_cycle_detection_cases(tmp_path, files, expected):
    assert cycles(import_graph(_package(tmp_path, files), "pkg")) == expected

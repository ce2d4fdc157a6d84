"""The import graph of src/jaxeff has no cycle (issue 15 "must show"; the former
circle gnn/graph.py <-> gnn/tflite.py went with the jaxeff.tflite package).

Every module is parsed with ``ast``; every ``import jaxeff.x`` / ``from jaxeff.x
import y`` / relative import anywhere in it (function-level ones included) is an
edge to the module it names (``from pkg import name`` is an edge to ``pkg.name``
when that is a module, else to ``pkg``). A package node is its ``__init__.py``; the
implicit import of a module's parent packages is not an edge (every package imports
its own submodules, so it would make each package a trivial cycle).
"""

import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parents[2] / "src"


def _modules() -> dict[str, pathlib.Path]:
    out = {}
    for p in (SRC / "jaxeff").rglob("*.py"):
        parts = list(p.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def import_graph() -> dict[str, set[str]]:
    """``{module: {jaxeff modules it imports}}`` for every module under src/jaxeff."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        is_pkg = path.name == "__init__.py"
        pkg = mod if is_pkg else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = pkg.split(".")
                    up = up[: len(up) - (node.level - 1)]
                    base = ".".join(up + ([base] if base else []))
                names = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base
                         for a in node.names]
            for n in names:
                while n and n not in mods:  # import jaxeff.a.b.func -> jaxeff.a.b
                    n = n.rpartition(".")[0]
                if n and n != mod:
                    graph[mod].add(n)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state and (c := visit(n)):
                return c
        state[m] = 2
        stack.pop()
        return None

    for m in sorted(graph):
        if m not in state and (c := visit(m)):
            return c
    return None


def test_graph_sees_known_edges():
    g = import_graph()
    assert "jaxeff.tflite.ir" in g["jaxeff.gnn.graph"]
    assert "jaxeff.tflite.reader" in g["jaxeff.isa.workloads"]
    assert not any(m.startswith("jaxeff.gnn") for m in g["jaxeff.tflite.reader"])
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_in_src_jaxeff():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)

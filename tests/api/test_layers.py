"""The package's layers (docs/architecture.md): imports go one way, and no module cycle exists.

Every import a module makes is read from its source, including imports made
inside functions (those are how the package keeps ``import stakeholders``
cheap, and they count as dependencies all the same). Imports under
``if TYPE_CHECKING:`` are left out: they exist for type checkers only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "stakeholders"

#: The layers, lowest first. A module may import from its own layer and the layers below it.
#: Every module of the package must be listed (by itself or by its package).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundations", ("errors", "ids", "text", "atomic", "migrations", "_lazy")),
    ("vocabularies", ("vocab", "crosswalk")),
    ("model", ("model", "field_types", "references", "validation_errors", "graph", "schema", "synthetic")),
    ("redaction", ("redaction",)),
    ("analysis", ("analysis",)),
    ("drawing and io", ("drawing", "io", "examples")),
    ("public API", ("__init__",)),
    ("cli", ("cli", "__main__")),
]

#: The convenience methods of :class:`~stakeholders.BuyingGroup` call the layer that does the work
#: (``group.save()`` is ``stakeholders.save(group)``). They are the only calls from a lower layer to a
#: higher one: listed here, each with the one module it may reach. Any other upward import fails.
CONVENIENCE: dict[tuple[str, str], str] = {
    ("stakeholders.model", "BuyingGroup.model_validate_json"): "stakeholders.io.files",
    ("stakeholders.model", "BuyingGroup.to_dict"): "stakeholders.io.files",
    ("stakeholders.model", "BuyingGroup.dumps"): "stakeholders.io.files",
    ("stakeholders.model", "BuyingGroup.save"): "stakeholders.io.files",
    ("stakeholders.model", "BuyingGroup.to_networkx"): "stakeholders.graph",
    ("stakeholders.model", "BuyingGroup.from_networkx"): "stakeholders.graph",
    ("stakeholders.model", "BuyingGroup._repr_mimebundle_"): "stakeholders.drawing",
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["stakeholders", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1] if len(parts) > 1 else parts
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def layer_of(module: str) -> int:
    rest = module.removeprefix("stakeholders").lstrip(".") or "__init__"
    top = rest.split(".")[0]
    for number, (_, names) in enumerate(LAYERS):
        if top in names:
            return number
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")


class _Imports(ast.NodeVisitor):
    """``(scope, imported module)`` pairs of one module; scope is ``Class.method``, a function name or ``""``."""

    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.package = module if is_package else module.rsplit(".", 1)[0]
        self.scope: list[str] = []
        self.found: list[tuple[str, str]] = []

    def _scoped(self, node: ast.AST, name: str) -> None:
        self.scope.append(name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scoped(node, node.name)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node, node.name)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._scoped(node, node.name)

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        ):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def _add(self, target: str) -> None:
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != self.module:
            self.found.append((".".join(self.scope), target))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] == "stakeholders":
                self._add(alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")[: len(self.package.split(".")) - node.level + 1]
            target = ".".join([*base, *([node.module] if node.module else [])])
        elif node.module and node.module.split(".")[0] == "stakeholders":
            target = node.module
        else:
            return
        for alias in node.names:  # ``from . import atomic`` imports a module
            if f"{target}.{alias.name}" in MODULES:
                self._add(f"{target}.{alias.name}")
                continue
            self._add(target)


def imports() -> list[tuple[str, str, str]]:
    """Every ``(module, scope, imported module)`` of the package."""
    edges = []
    for module, path in MODULES.items():
        visitor = _Imports(module, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        edges += [(module, scope, target) for scope, target in visitor.found]
    return edges


def _allowed_upward(module: str, scope: str, target: str) -> bool:
    wanted = CONVENIENCE.get((module, scope))
    return wanted is not None and (target == wanted or target.startswith(wanted + "."))


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_no_module_imports_from_a_higher_layer() -> None:
    upward = [
        f"{module} ({scope or 'module level'}) imports {target}: layer "
        f"{LAYERS[layer_of(module)][0]!r} is below {LAYERS[layer_of(target)][0]!r}"
        for module, scope, target in imports()
        if layer_of(target) > layer_of(module) and not _allowed_upward(module, scope, target)
    ]
    assert upward == []


def test_the_convenience_methods_are_the_only_exceptions_and_all_still_exist() -> None:
    used = {(module, scope) for module, scope, target in imports() if _allowed_upward(module, scope, target)}
    assert used == set(CONVENIENCE)


def test_no_import_cycle() -> None:
    G = nx.DiGraph()
    G.add_nodes_from(MODULES)
    G.add_edges_from(
        (module, target) for module, scope, target in imports() if not _allowed_upward(module, scope, target)
    )
    cycles = [sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1]
    assert cycles == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .model import BuyingGroup\n", ["stakeholders.model"]),
        ("def f():\n    from ..drawing import theme\n", ["stakeholders.drawing.theme"]),
        ("def f():\n    from ..drawing.rendering import render\n", ["stakeholders.drawing.rendering"]),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..drawing import chart\n", []),
        ("from .. import atomic\n", ["stakeholders.atomic"]),
    ],
    ids=[
        "module level",
        "a submodule inside a function",
        "a name inside a function",
        "type checking only",
        "a submodule by name",
    ],
)
def test_the_import_reader_sees_every_kind_of_import(source: str, expected: list[str]) -> None:
    """The checks above are only as good as this reader: it must see imports inside functions."""
    visitor = _Imports("stakeholders.analysis.flags", is_package=False)
    if source.startswith("from .model"):
        visitor = _Imports("stakeholders.redaction", is_package=False)
    visitor.visit(ast.parse(source))
    assert [target for _, target in visitor.found] == expected

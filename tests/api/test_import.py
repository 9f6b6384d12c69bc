"""The public API: cheap to import, complete, documented."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

import stakeholders

HEAVY = ("matplotlib", "graphviz", "pandas")


def test_import_does_not_load_heavy_packages() -> None:
    code = f"import json, sys, stakeholders; print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(result.stdout) == []
    assert result.stderr == ""


def test_loading_and_graphing_do_not_load_heavy_packages() -> None:
    code = (
        "import json, sys, stakeholders\n"
        "g = stakeholders.loads('customer: X\\npeople: [{name: A}, {name: B, reports_to: a}]')\n"
        "g.to_networkx(); stakeholders.dumps(g, 'json')\n"
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("name", stakeholders.__all__)
def test_every_name_in_all_exists(name: str) -> None:
    assert hasattr(stakeholders, name)


def test_all_has_no_duplicates() -> None:
    assert len(stakeholders.__all__) == len(set(stakeholders.__all__))


def test_version_is_a_string() -> None:
    assert isinstance(stakeholders.__version__, str)
    assert stakeholders.__version__.count(".") >= 1


PUBLIC = [
    "BuyingGroup",
    "Person",
    "Role",
    "Stance",
    "Disc",
    "RelationshipStage",
    "load",
    "loads",
    "BuyingGroup.save",
    "BuyingGroup.to_networkx",
    "BuyingGroup.from_networkx",
    "MapError",
]


@pytest.mark.parametrize("dotted", PUBLIC)
def test_public_name_exists_and_has_docstring(dotted: str) -> None:
    obj = stakeholders
    for part in dotted.split("."):
        obj = getattr(obj, part)
    doc = obj.__doc__
    assert doc is not None
    assert doc.strip() != ""


@pytest.mark.parametrize("name", [n for n in PUBLIC if "." not in n])
def test_public_name_is_in_all(name: str) -> None:
    assert name in stakeholders.__all__


def test_map_error_is_a_value_error() -> None:
    assert issubclass(stakeholders.MapError, ValueError)
    assert issubclass(stakeholders.MapError, stakeholders.StakeholdersError)
    with pytest.raises(ValueError):
        stakeholders.loads("customer: X\npeople: [{name: A, stance: frend}]")


def test_import_loads_no_submodule_until_a_name_is_used() -> None:
    """``import stakeholders`` is cheap (docs/benchmarks.md): names load on first use."""
    code = (
        "import json, sys, stakeholders\n"
        "before = sorted(m for m in sys.modules if m.startswith('stakeholders.'))\n"
        "pydantic_loaded = 'pydantic' in sys.modules\n"
        "stakeholders.loads\n"
        "after = sorted(m for m in sys.modules if m.startswith('stakeholders.'))\n"
        "print(json.dumps([before, pydantic_loaded, after]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    before, pydantic_loaded, after = json.loads(result.stdout)
    assert before == ["stakeholders._lazy"]  # the few lines that load the rest on first use
    assert not pydantic_loaded
    assert "stakeholders.io.contacts" not in after  # reading YAML does not load the other formats
    assert "stakeholders.io.files" in after
    assert "stakeholders.drawing.rendering" not in after


PACKAGES = sorted(
    ".".join(("stakeholders", *p.parent.relative_to(Path(stakeholders.__file__).parent).parts))
    for p in Path(stakeholders.__file__).parent.rglob("__init__.py")
)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_public_name_shares_its_name_with_a_module(package: str) -> None:
    """A public function named like a submodule gets hidden when the submodule is imported (graphviz's lesson)."""
    module = importlib.import_module(package)
    clashes = [name for name in module.__all__ if importlib.util.find_spec(f"{package}.{name}") is not None]
    assert clashes == []


def test_importing_the_drawing_modules_first_changes_no_public_name() -> None:
    code = (
        "import stakeholders.drawing.rendering, stakeholders.drawing.dot, stakeholders.cli, stakeholders\n"
        "import stakeholders.drawing as d\n"
        "print(callable(stakeholders.render), type(stakeholders.render).__name__, d.render is stakeholders.render)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.split() == ["True", "function", "True"]


def test_public_names_are_written_once_in_the_stub() -> None:
    """``__all__`` is derived from ``__init__.pyi``: every stub import is public, and nothing else but the version."""
    import ast
    from pathlib import Path

    stub = ast.parse((Path(stakeholders.__file__).parent / "__init__.pyi").read_text(encoding="utf-8"))
    imported = {alias.name for node in stub.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert set(stakeholders.__all__) == imported | {"__version__"}


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        stakeholders.no_such_name  # noqa: B018


def test_dir_lists_the_public_names() -> None:
    assert set(stakeholders.__all__) <= set(dir(stakeholders))


def test_submodules_are_reachable_from_the_package_as_before() -> None:
    """``stakeholders.io.limits.MAX_BYTES`` (docs/safety.md) works after a bare ``import stakeholders``."""
    code = (
        "import stakeholders\n"
        "print(stakeholders.io.limits.MAX_BYTES > 0, len(stakeholders.analysis.FLAGS),"
        " stakeholders.model.BuyingGroup is stakeholders.BuyingGroup, callable(stakeholders.render))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.split() == ["True", "18", "True", "True"]

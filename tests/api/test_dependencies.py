"""The declared range of every dependency is what the dependency matrix tests.

The oldest job of ``make matrix`` (scripts/matrix.sh) installs constraints/oldest.txt, which must pin
every floor of pyproject.toml exactly: a floor raised or lowered in one file and not the other would
test versions we do not declare, or declare versions nobody tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OLDEST = ROOT / "constraints" / "oldest.txt"


def _floors(requirements: list[str]) -> dict[str, Version]:
    """Each requirement's floor (its ``>=`` version); a requirement without one fails."""
    floors = {}
    for line in requirements:
        requirement = Requirement(line)
        lower = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
        assert len(lower) == 1, f"{line!r} in pyproject.toml needs exactly one floor (>=)"
        floors[canonicalize_name(requirement.name)] = lower[0]
    return floors


def _constraints() -> list[Requirement]:
    lines = (line.split("#", 1)[0].strip() for line in OLDEST.read_text(encoding="utf-8").splitlines())
    return [Requirement(line) for line in lines if line]


def _runtime_floors() -> dict[str, Version]:
    project = PYPROJECT["project"]
    return _floors([*project["dependencies"], *project["optional-dependencies"]["tables"]])


def test_the_oldest_constraints_pin_exactly_the_floors_of_pyproject() -> None:
    pinned = {}
    for requirement in _constraints():
        pins = [s for s in requirement.specifier if s.operator == "=="]
        if pins:
            assert len(pins) == 1 and len(requirement.specifier) == 1, f"{requirement}: one exact version"
            pinned[canonicalize_name(requirement.name)] = Version(pins[0].version)
    assert pinned == _runtime_floors()


def test_the_other_constraints_are_not_our_dependencies() -> None:
    """What else constraints/oldest.txt holds (numpy<2, ...) bounds what our dependencies need, never ours."""
    others = [r for r in _constraints() if not any(s.operator == "==" for s in r.specifier)]
    assert {canonicalize_name(r.name) for r in others}.isdisjoint(_runtime_floors())


def test_dev_tools_install_the_floors_of_the_tables_extra_or_newer() -> None:
    """The dev extra repeats pandas and openpyxl (the tests need them) with the same floors as ``tables``."""
    extras = PYPROJECT["project"]["optional-dependencies"]
    tables = _floors(extras["tables"])
    dev = {name: floor for name, floor in _floors([r for r in extras["dev"] if ">=" in r]).items() if name in tables}
    assert dev == tables


#: Imported but not declared, each for its reason (anything else imported must be a declared dependency).
NOT_DECLARED = {
    "pydantic_core": "pydantic's own core, pinned exactly by pydantic: its errors and schemas are pydantic's API",
    "numpy": "an optional speed-up of the influence ranking (analysis/influence_scores.py), pure Python without it",
}


def _imported_packages() -> dict[str, str]:
    """Top-level third-party modules the package imports (inside functions too), each with one file that does."""
    import ast

    found: dict[str, str] = {}
    for path in sorted((ROOT / "stakeholders").rglob("*.py*")):
        if path.suffix not in (".py", ".pyi"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "stakeholders":
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared() -> None:
    """typing_extensions was imported but not declared: a clean install worked only because pydantic brings it."""
    from importlib.metadata import packages_distributions

    distributions = packages_distributions()
    declared = set(_runtime_floors())
    imported = _imported_packages()
    assert "typing_extensions" in imported
    undeclared = {}
    for module, where in imported.items():
        if module in NOT_DECLARED:
            continue
        names = {canonicalize_name(d) for d in distributions.get(module, [])}
        assert names, f"{module} (imported in {where}) is not installed: which distribution provides it?"
        if not names & declared:
            undeclared[module] = where
    assert undeclared == {}, "imported but not in pyproject.toml's dependencies or the tables extra"
    assert set(NOT_DECLARED) <= set(imported), "a reason for a module no longer imported"

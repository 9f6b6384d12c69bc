"""What the wheel and the sdist hold, read from pyproject.toml (scripts/check_dist.sh builds and installs them)."""

from __future__ import annotations

import sys
from pathlib import Path

from stakeholders import examples

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_package_of_the_source_is_in_the_wheel() -> None:
    source = ROOT / "stakeholders"
    found = {".".join(("stakeholders", *p.parent.relative_to(source).parts)) for p in source.rglob("__init__.py")}
    listed = set(SETUPTOOLS["packages"])
    assert found <= listed
    assert listed - found == {"stakeholders.sample_maps"}


def test_the_wheel_holds_every_sample_map_from_examples() -> None:
    folder = ROOT / SETUPTOOLS["package-dir"]["stakeholders.sample_maps"]
    assert folder == ROOT / "examples"
    patterns = SETUPTOOLS["package-data"]["stakeholders.sample_maps"]
    shipped = sorted({p.stem for pattern in patterns for p in folder.glob(pattern)})
    assert shipped == examples.names()

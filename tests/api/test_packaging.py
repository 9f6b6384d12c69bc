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


def test_the_license_is_an_spdx_expression_with_its_file() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted" in text
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]  # PEP 639: the expression only


def test_the_classifiers_name_every_supported_python() -> None:
    project = PYPROJECT["project"]
    floor = int(project["requires-python"].removeprefix(">=3."))
    versions = {
        c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if c.startswith("Programming Language :: Python :: 3.")
    }
    assert versions == {f"3.{minor}" for minor in range(floor, 14)}


def test_the_project_urls_point_at_the_repository() -> None:
    urls = PYPROJECT["project"]["urls"]
    assert set(urls) == {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
    assert all(url.startswith(urls["Source"]) for url in urls.values())

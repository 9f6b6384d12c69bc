"""The public API: cheap to import, complete, documented."""

from __future__ import annotations

import json
import subprocess
import sys

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

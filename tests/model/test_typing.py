"""pyright (what VS Code uses) and mypy both type tests/model/typing_check.py without an error.

Vocabularies keep their enum types (no ``Any``), and ``Person(name="A")`` is a
complete call: the id is derived from the name. Each check is skipped when
its tool is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED = Path(__file__).with_name("typing_check.py")


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


@pytest.mark.parametrize("tool", ["pyright", "mypy"])
def test_typed_examples_type_check(tool: str) -> None:
    found = _tool(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed")
    result = subprocess.run([found, str(CHECKED)], cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_examples_run() -> None:
    """The checked file is real code: it runs, and its assert_type calls return their arguments."""
    import runpy

    runpy.run_path(str(CHECKED))

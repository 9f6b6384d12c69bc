"""The analyst notebook is committed with its outputs, and they are what its script makes now."""

from __future__ import annotations

import base64
import io
import runpy
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "analyst_walkthrough.ipynb"
SCRIPT = ROOT / "scripts" / "make_notebook.py"

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")


def _script() -> dict[str, Any]:
    return runpy.run_path(str(SCRIPT))


def _committed() -> Any:
    return nbformat.read(NOTEBOOK, as_version=4)


def _outputs(cell: Any, kind: str) -> list[Any]:
    return [o.get("data", {})[kind] for o in cell.get("outputs", []) if kind in o.get("data", {})]


def _cell(notebook: Any, start: str) -> Any:
    (found,) = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith(start)]
    return found


def _png_size(data: str) -> tuple[int, int]:
    from PIL import Image

    image = Image.open(io.BytesIO(base64.b64decode(data)))
    image.load()
    assert image.format == "PNG"
    return image.size


def test_committed_notebook_shows_the_chart_the_power_map_and_the_analysis_card() -> None:
    notebook = _committed()
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert all(c.outputs for c in code), "every code cell shows its output"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not [c for c in code if "execution" in c.metadata], "no timings: the file is the same on every run"
    (chart,) = _outputs(_cell(notebook, "sh.chart("), "image/png")  # PNG: GitHub shows no SVG output
    assert _png_size(chart)[0] > 1500
    (power_map,) = _outputs(_cell(notebook, "sh.power_map("), "image/png")
    assert _png_size(power_map) == (1400, 850)
    card = _cell(notebook, "analysis = sh.analyze(group)")
    (html,) = _outputs(card, "text/html")
    assert "红灯" in html and "下一步行动" in html
    assert _outputs(card, "text/markdown")
    (text,) = _outputs(card, "text/plain")
    assert text.startswith("<Analysis of") and len(text) <= 300


def test_committed_cells_are_the_scripts() -> None:
    fresh = _script()["notebook"]()
    assert [(c.cell_type, c.id, c.source) for c in _committed().cells] == [
        (c.cell_type, c.id, c.source) for c in fresh.cells
    ], "run scripts/make_notebook.py and commit the result"


def _comparable(notebook: Any) -> list[Any]:
    """Every output of every cell, with each image as its size: the bytes depend on the fonts installed."""
    out = []
    for cell in notebook.cells:
        for o in cell.get("outputs", []):
            if o.output_type == "stream" and o.name == "stderr":
                continue  # a kernel or font note of this machine, not the notebook's
            data = {k: (_png_size(v) if k == "image/png" else v) for k, v in o.get("data", {}).items()}
            out.append((cell.id, o.output_type, o.get("text"), data, o.get("execution_count")))
    return out


@pytest.mark.slow
def test_committed_outputs_are_what_the_script_makes_now() -> None:
    fresh = _script()["executed"](timeout=120)
    assert _comparable(fresh) == _comparable(_committed()), "run scripts/make_notebook.py and commit the result"
    assert fresh.metadata == _committed().metadata

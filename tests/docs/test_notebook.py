"""The analyst notebook runs top to bottom, so it never rots."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "analyst_walkthrough.ipynb"


@pytest.mark.slow
def test_notebook_runs_top_to_bottom(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    shutil.copy(ROOT / "examples" / "welding_soe.yaml", tmp_path)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    bundles = [o.get("data", {}) for o in outputs if o.get("output_type") in ("display_data", "execute_result")]
    assert any("image/svg+xml" in b for b in bundles), "the chart shows inline"
    assert any("text/html" in b for b in bundles), "the analysis shows as tables"
    assert (tmp_path / "out" / "welding_soe_review.png").stat().st_size > 10_000
    assert (tmp_path / "out" / "welding_soe_shared.pdf").read_bytes().startswith(b"%PDF")


def test_notebook_is_generated_from_its_script() -> None:
    nbformat = pytest.importorskip("nbformat")
    import runpy

    before = NOTEBOOK.read_text(encoding="utf-8")
    runpy.run_path(str(ROOT / "scripts" / "make_notebook.py"), run_name="__main__")
    assert NOTEBOOK.read_text(encoding="utf-8") == before, "run scripts/make_notebook.py and commit the result"
    nbformat.validate(nbformat.read(NOTEBOOK, as_version=4))

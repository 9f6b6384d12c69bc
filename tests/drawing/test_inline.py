"""The chart and the power map show themselves inline in Jupyter, through one display path."""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

import stakeholders
from stakeholders import BuyingGroup

ROOT = Path(__file__).resolve().parents[2]
WELDING = ROOT / "examples" / "welding_soe.yaml"


def _png(bundle: dict[str, object]) -> Image.Image:
    data = bundle["image/png"]
    assert isinstance(data, str)
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    image.load()
    assert image.format == "PNG"
    return image


def _small() -> BuyingGroup:
    people = "  - {name: 李娜, roles: decider, stance: supporter}\n  - {name: 王伟, stance: enemy}\n"
    return stakeholders.loads("customer: 江东\npeople:\n" + people)


def test_power_map_shows_inline_as_png_and_still_unpacks() -> None:
    IPython = pytest.importorskip("IPython.core.formatters")
    shown = stakeholders.power_map(_small(), lang="zh")
    figure, ax = shown
    assert figure is shown.figure and ax is shown.axes and ax.figure is figure
    data, _ = IPython.DisplayFormatter().format(shown)  # what Jupyter does with a cell's last value
    assert _png(data).size == (1400, 850)
    assert data["text/plain"].startswith("<PowerMap")
    assert shown.png() == shown.png()  # same map, same bytes


def test_power_map_display_never_imports_pyplot_and_closes_a_pyplot_figure() -> None:
    """Our own figure needs no pyplot; a figure of plt.subplots is closed once shown, so it is not shown twice."""
    code = textwrap.dedent(
        f"""
        import sys
        import stakeholders
        group = stakeholders.load({str(WELDING)!r})
        shown = stakeholders.power_map(group)
        assert "image/png" in shown._repr_mimebundle_()
        assert "matplotlib.pyplot" not in sys.modules, "pyplot imported"
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots()
        shown = stakeholders.power_map(group, ax)
        assert shown.figure is fig and plt.fignum_exists(fig.number)
        assert "image/png" in shown._repr_mimebundle_()
        assert not plt.fignum_exists(fig.number), "the pyplot figure would be shown a second time"
        print("ok")
        """
    )
    env = {**os.environ, "MPLBACKEND": "agg", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_chart_shows_as_png_when_asked() -> None:
    bundle = stakeholders.chart(_small(), lang="zh", format="png")._repr_mimebundle_()
    assert "image/svg+xml" not in bundle
    assert _png(bundle).size[0] > 100
    with pytest.raises(ValueError, match="svg or png"):
        stakeholders.chart(_small(), format="gif")

"""Drawing the organisation analysis chart (组织分析图) and the power map.

Heavy packages (graphviz, matplotlib) are imported inside the functions that
use them, so ``import stakeholders`` stays cheap.
"""

from __future__ import annotations

from .dot import DotNotFound, RenderError, RenderTimeout
from .notes import FontWarning
from .rendering import Chart, RenderNote, chart, draw, power_map, render, render_power_map, to_dot
from .view import Redaction

__all__ = [
    "Chart",
    "DotNotFound",
    "FontWarning",
    "Redaction",
    "RenderError",
    "RenderNote",
    "RenderTimeout",
    "chart",
    "draw",
    "power_map",
    "render",
    "render_power_map",
    "to_dot",
]

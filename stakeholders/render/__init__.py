"""Drawing the organisation analysis chart (组织分析图) and the power map.

Heavy packages (graphviz, matplotlib) are imported inside the functions that
use them, so ``import stakeholders`` stays cheap.
"""

from __future__ import annotations

from .chart import Chart, chart, draw, power_map, render, to_dot
from .dot import DotNotFound, RenderError, RenderTimeout
from .view import Redaction

__all__ = [
    "Chart",
    "DotNotFound",
    "Redaction",
    "RenderError",
    "RenderTimeout",
    "chart",
    "draw",
    "power_map",
    "render",
    "to_dot",
]

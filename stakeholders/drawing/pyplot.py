"""The matplotlib backend: the chart, the power map and saving them, in one import.

Used in notebooks and when Graphviz ``dot`` is missing. The work is done in
modules of their own, one concern each:

- :mod:`.mpl_fonts`: the CJK font registered with matplotlib, text measured and drawn;
- :mod:`.boxes` and :mod:`.layout`: what goes in a person box and where every box
  and unit goes (pure: no matplotlib);
- :mod:`.legend`: the title block, legend and callouts; :mod:`.paint`: the painter;
- :mod:`.org_chart`: the organisation chart; :mod:`.power_grid`: the power map;
- :mod:`.saving`: figures to PNG, SVG or PDF bytes, files written atomically.

Colours, symbols and fixed texts come from :mod:`.theme`.
"""

from __future__ import annotations

from .mpl_fonts import font_family
from .org_chart import PERSON_GID, UNIT_GID, draw_chart
from .power_grid import POWER_MAP_COLUMNS, POWER_MAP_GID, draw_power_map, high_influence_boundary
from .saving import PNG_DPI, figure_bytes, save_figure

__all__ = [
    "PERSON_GID",
    "PNG_DPI",
    "POWER_MAP_COLUMNS",
    "POWER_MAP_GID",
    "UNIT_GID",
    "draw_chart",
    "draw_power_map",
    "figure_bytes",
    "font_family",
    "high_influence_boundary",
    "save_figure",
]

"""Adding artists to matplotlib axes, in layout points: the painter and the measured blocks it draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .mpl_fonts import put

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

__all__ = ["LEGEND_SIZE", "LINESTYLES", "Block", "Painter", "root_figure"]

#: matplotlib line styles for the theme's Graphviz style names.
LINESTYLES = {"solid": "-", "dotted": ":", "dashed": "--"}
#: Font size of legend and callout texts, in points.
LEGEND_SIZE = 9.5


@dataclass
class Block:
    """A measured block (title, legend, callouts): texts (x, y, text, size, bold, colour) and swatches
    (kind, (x, y, width, line height, *style)), drawn at an offset by :meth:`Painter.draw`."""

    w: float = 0.0
    h: float = 0.0
    texts: list[tuple[float, float, str, float, bool, str]] = field(default_factory=list)
    shapes: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)


class Painter:
    """Adds artists to the axes, in layout points multiplied by ``scale``."""

    def __init__(self, ax: Axes, scale: float) -> None:
        self.ax = ax
        self.scale = scale

    def text(self, x: float, y: float, value: str, size: float, **kwargs: Any) -> Text:
        return put(self.ax, x, y, value, size * self.scale, **kwargs)

    def lw(self, width: float) -> float:
        return max(0.2, width * self.scale)

    def draw(self, d: Block, x0: float, y0: float) -> None:
        for kind, data in d.shapes:
            x, y, sw, lh, *rest = data
            x += x0
            y += y0
            if kind == "stance":
                s = rest[0]
                box = FancyBboxPatch(
                    (x, y - 1.0),
                    sw,
                    lh + 2.0,
                    boxstyle="round,pad=0,rounding_size=3",
                    facecolor=s.fill,
                    edgecolor=s.border,
                    linewidth=self.lw(max(1.0, s.penwidth * 0.7)),
                    linestyle="--" if s.dashed else "-",
                    zorder=2.0,
                )
                self.ax.add_artist(box)
                self.text(x + sw / 2, y, s.symbol, LEGEND_SIZE, bold=True, colour=s.font, ha="center")
            elif kind == "text":
                glyph, colour, bold = rest
                self.text(x, y, glyph, LEGEND_SIZE, bold=bold, colour=colour)
            elif kind == "line":
                style, width, arrow = rest
                self.ax.add_artist(
                    FancyArrowPatch(
                        (x, y + lh / 2),
                        (x + sw, y + lh / 2),
                        arrowstyle=arrow,
                        mutation_scale=9 * self.scale,
                        color=style.colour,
                        linewidth=self.lw(width),
                        linestyle=LINESTYLES.get(style.style, "-"),
                        shrinkA=0,
                        shrinkB=0,
                        zorder=2.0,
                    )
                )
        for x, y, value, size, bold, colour in d.texts:
            self.text(x0 + x, y0 + y, value, size, bold=bold, colour=colour)


def root_figure(ax: Axes) -> Figure:
    """The figure holding ``ax`` (the top one when ``ax`` is in a subfigure)."""
    figure: Any = ax.figure
    for _ in range(100):
        if isinstance(figure, Figure):
            return figure
        figure = figure.figure
    raise TypeError("the axes are not in a matplotlib Figure")

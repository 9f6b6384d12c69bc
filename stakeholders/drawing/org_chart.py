"""The organisation analysis chart drawn with matplotlib: boxes, units, lines, legend.

This is the backend used in notebooks and when Graphviz ``dot`` is missing, so
it lays the chart out itself (:mod:`.layout`, pure), without Graphviz.
:mod:`.view` has already decided every text, colour and symbol; this module
only places and draws them. Above ``LARGE_MAP`` people a box shows only the
name and the stance symbol, and a very large figure is scaled down (fonts with
it) to a bounded size. Nothing here touches pyplot, the backend or the user's
rcParams.
"""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from ..model import LineKind
from .boxes import TEXT_SIZE, box_content, text_height
from .dot import RenderNote
from .layout import UNIT_LABEL, Layout
from .legend import callouts_block, legend_block, title_block
from .mpl_fonts import text_w
from .paint import LINESTYLES, Painter, root_figure
from .theme import (
    CALLOUT_BORDER,
    CALLOUT_FILL,
    LABEL_BACKGROUND,
    LARGE_MAP,
    LEGEND_BORDER,
    LEGEND_FILL,
    LINE_STYLES,
    UNIT_LABEL_COLOUR,
    UNIT_STYLES,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .view import ChartView, EdgeView, PersonView

__all__ = ["PERSON_GID", "UNIT_GID", "draw_chart"]

#: Prefix of the ``gid`` of every person box patch (then the person's node id, e.g. ``person-p3``).
PERSON_GID = "person-"
#: Prefix of the ``gid`` of every unit rectangle (then its cluster id, e.g. ``unit-cluster_u0``).
UNIT_GID = "unit-"

MARGIN = 24.0  # around the chart, in points
#: Bounds of a figure drawn by :func:`draw_chart` (inches): larger layouts are scaled down.
MAX_SIDE_IN = 48.0
MAX_AREA_IN2 = 900.0
#: Below this scale the text of a scaled-down figure is under about 5 pt: drawing it gives a RenderNote.
SMALL_TEXT_SCALE = 0.5

# Curvature per line kind (matplotlib arc3 ``rad``), different so that two lines between
# the same pair of people stay apart.
_RAD = {
    LineKind.REPORTS_TO: 0.0,
    LineKind.DOTTED_LINE: 0.12,
    LineKind.INFLUENCE: 0.22,
    LineKind.DELEGATION: -0.28,
    LineKind.INTRODUCTION: 0.36,
}


def _person_patch(
    painter: Painter, p: PersonView, box: tuple[float, float, float, float], simple: bool
) -> FancyBboxPatch:
    x, y, w, h = box
    s = p.style
    patch = FancyBboxPatch(
        (x, y),
        w,
        h,
        boxstyle=f"round,pad=0,rounding_size={3 if simple else 6}",
        facecolor=s.fill,
        edgecolor=s.border,
        linewidth=painter.lw(s.penwidth * (0.6 if simple else 0.9)),
        linestyle=(0, (4, 2.5)) if s.dashed else "-",
        zorder=2.0,
    )
    patch.set_gid(f"{PERSON_GID}{p.node}")
    painter.ax.add_artist(patch)
    return patch


def _arc_point(a: tuple[float, float], b: tuple[float, float], rad: float, t: float) -> tuple[float, float]:
    """The point at ``t`` (0..1) of matplotlib's arc3 curve from ``a`` to ``b``, in data coordinates with y down.

    arc3 puts the control point at the middle plus ``rad`` times the chord turned by 90° in
    display space (y up); with the y axis inverted that is ``(-rad * dy, rad * dx)`` here.
    """
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    cx, cy = mx - rad * dy, my + rad * dx
    u = 1.0 - t
    return (
        u * u * a[0] + 2 * u * t * cx + t * t * b[0],
        u * u * a[1] + 2 * u * t * cy + t * t * b[1],
    )


def _label_point(
    a: tuple[float, float],
    b: tuple[float, float],
    rad: float,
    size: tuple[float, float],
    obstacles: list[tuple[float, float, float, float]],
) -> tuple[float, float]:
    """Where to put a line label: on the curve (or just beside it) where it covers the least of any box."""
    w, h = size
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length  # unit normal of the chord
    best: tuple[float, float, float] | None = None
    for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82):
        cx, cy = _arc_point(a, b, rad, t)
        for side in (0.0, 1.0, -1.0):
            x, y = cx + side * nx * (h / 2 + 3.0), cy + side * ny * (h / 2 + 3.0)
            covered = 0.0
            for ox, oy, ow, oh in obstacles:
                ix = min(x + w / 2, ox + ow) - max(x - w / 2, ox)
                iy = min(y + h / 2, oy + oh) - max(y - h / 2, oy)
                if ix > 0 and iy > 0:
                    covered += ix * iy
            if covered == 0.0:
                return x, y
            if best is None or covered < best[0]:
                best = (covered, x, y)
    assert best is not None
    return best[1], best[2]


def _border_point(
    box: tuple[float, float, float, float], toward: tuple[float, float], margin: float = 1.5
) -> tuple[float, float]:
    """Where the ray from the centre of ``box`` toward ``toward`` leaves the box (plus ``margin``)."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    dx, dy = toward[0] - cx, toward[1] - cy
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return cx, cy
    t = min(
        (w / 2 + margin) / abs(dx) if abs(dx) > 1e-9 else math.inf,
        (h / 2 + margin) / abs(dy) if abs(dy) > 1e-9 else math.inf,
    )
    return cx + dx * t, cy + dy * t


def _draw_edge(
    painter: Painter,
    e: EdgeView,
    boxes: dict[str, tuple[float, float, float, float]],
    obstacles: list[tuple[float, float, float, float]],
) -> None:
    """A line that does not shape the layout: a curve between the two boxes' borders.

    The ends are cut at the box borders here (along the curve's tangents) rather than by
    matplotlib's patch clipping, which costs ~10 ms a line and would make a 1,000-person map slow.
    """
    a, b = boxes[e.source], boxes[e.target]
    ca = (a[0] + a[2] / 2, a[1] + a[3] / 2)
    cb = (b[0] + b[2] / 2, b[1] + b[3] / 2)
    rad = _RAD.get(e.kind, 0.2)
    control = _arc_point(ca, cb, rad, 0.5)
    pa = _border_point(a, control if rad else cb)
    pb = _border_point(b, control if rad else ca)
    head = {"none": "-", "vee": "-|>", "normal": "-|>", "open": "->"}.get(e.style.arrowhead, "-|>")
    if e.mutual and head != "-":
        head = {"-|>": "<|-|>", "->": "<->"}.get(head, head)
    painter.ax.add_artist(
        FancyArrowPatch(
            pa,
            pb,
            connectionstyle=f"arc3,rad={rad}",
            arrowstyle=head,
            mutation_scale=11 * painter.scale,
            color=e.style.colour,
            linewidth=painter.lw(e.penwidth),
            linestyle=LINESTYLES.get(e.style.style, "-"),
            shrinkA=0.0,
            shrinkB=0.0,
            zorder=1.5,
        )
    )
    if e.label:
        size = (text_w(e.label, TEXT_SIZE) + 4.0, text_height(e.label, TEXT_SIZE) + 2.0)
        lx, ly = _label_point(pa, pb, rad, size, obstacles)
        painter.text(
            lx,
            ly,
            e.label,
            TEXT_SIZE,
            colour=e.style.colour,
            ha="center",
            va="center",
            zorder=3.2,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": LABEL_BACKGROUND, "edgecolor": "none", "alpha": 0.85},
        )


def _figure(ax: Axes | None, width: float, height: float) -> tuple[Figure, Axes, float]:
    """A new figure sized to the layout (scaled down when huge), or the given axes; returns the scale."""
    if ax is None:
        w_in, h_in = width / 72.0, height / 72.0
        scale = min(1.0, MAX_SIDE_IN / w_in, MAX_SIDE_IN / h_in, math.sqrt(MAX_AREA_IN2 / (w_in * h_in)))
        if scale < SMALL_TEXT_SCALE:
            warnings.warn(
                f"the chart is too large for one figure: it was shrunk to {scale:.0%} to stay within"
                f" {MAX_SIDE_IN:g} inches a side, so its text may be too small to read in a PNG; save it as SVG"
                " or PDF, which can be zoomed, or draw fewer people",
                RenderNote,
                stacklevel=5,
            )
        fig = Figure(figsize=(max(w_in * scale, 1.0), max(h_in * scale, 1.0)))
        fig.set_layout_engine("none")  # whatever the user's rcParams say
        new_ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        new_ax.set_xlim(0, width)
        new_ax.set_ylim(height, 0)
        new_ax.set_axis_off()
        return fig, new_ax, scale
    figure = root_figure(ax)
    bbox = ax.get_position()
    fw, fh = figure.get_size_inches()
    scale = min(bbox.width * fw * 72.0 / width, bbox.height * fh * 72.0 / height)
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return figure, ax, scale


def draw_chart(view: ChartView, ax: Axes | None = None) -> tuple[Figure, Axes]:
    """Draw the organisation analysis chart on ``ax`` (a new figure sized to the chart when ``None``)."""
    people = view.people
    simple = len(people) > LARGE_MAP
    contents = [box_content(p, view.lang, simple, text_w) for p in people]
    layout = Layout(view, [(c.w, c.h) for c in contents], text_w)
    root = layout.build()

    title = title_block(view)
    legend = legend_block(view, max(root.w, title.w, 900.0))
    callouts = callouts_block(view) if view.callouts else None
    gap = 18.0
    side_by_side = callouts is not None and legend.w + gap + callouts.w <= max(root.w, title.w, 1400.0)
    if callouts is None:
        footer_w, footer_h = legend.w, legend.h
    elif side_by_side:
        footer_w, footer_h = legend.w + gap + callouts.w, max(legend.h, callouts.h)
    else:
        footer_w, footer_h = max(legend.w, callouts.w), legend.h + gap + callouts.h
    inner_w = max(root.w, title.w, footer_w)
    chart_top = MARGIN + title.h + 22.0
    footer_top = chart_top + root.h + (30.0 if root.h else 0.0)
    width = inner_w + 2 * MARGIN
    height = footer_top + footer_h + MARGIN
    chart_x = MARGIN + (inner_w - root.w) / 2
    layout.place(root, chart_x, chart_top)

    fig, ax, scale = _figure(ax, width, height)
    painter = Painter(ax, scale)
    painter.draw(title, MARGIN, MARGIN)

    for rect in layout.rects:
        unit_style = UNIT_STYLES[rect.unit.related]
        fill = unit_style.fill
        cluster = FancyBboxPatch(
            (rect.x, rect.y),
            rect.w,
            rect.h,
            boxstyle="round,pad=0,rounding_size=8",
            facecolor=fill,
            edgecolor=unit_style.border,
            linewidth=painter.lw(1.0),
            linestyle="--" if unit_style.dashed else "-",
            zorder=0.5,
        )
        cluster.set_gid(f"{UNIT_GID}{rect.unit.cluster}")
        ax.add_artist(cluster)
        painter.text(
            rect.x + 8.0,
            rect.y + 5.0,
            rect.unit.label,
            UNIT_LABEL,
            bold=True,
            colour=UNIT_LABEL_COLOUR,
            zorder=2.6,
            bbox={"boxstyle": "square,pad=0.05", "facecolor": fill, "edgecolor": "none"},
        )

    if layout.segments:
        ax.add_collection(
            LineCollection(
                layout.segments,
                colors=LINE_STYLES[LineKind.REPORTS_TO].colour,
                linewidths=painter.lw(1.2),
                zorder=1.0,
                capstyle="round",
            ),
            autolim=False,
        )

    boxes: dict[str, tuple[float, float, float, float]] = {}
    for i, (p, content) in enumerate(zip(people, contents, strict=True)):
        box = layout.boxes[i]
        boxes[p.node] = box
        _person_patch(painter, p, box, simple)
        x, y, w, _ = box
        for run in content.runs:
            rx = x + w - run.dx if run.right else x + run.dx
            painter.text(
                rx,
                y + run.dy,
                run.text,
                run.size,
                bold=run.bold,
                colour=run.colour,
                ha="right" if run.right else "left",
            )

    index = layout.index
    # Line labels keep off person boxes and unit labels.
    obstacles = list(boxes.values()) + [
        (r.x + 8.0, r.y + 5.0, text_w(r.unit.label, UNIT_LABEL, True), text_height(r.unit.label, UNIT_LABEL))
        for r in layout.rects
    ]
    for e in view.edges:
        if e.source not in boxes or e.target not in boxes or e.source == e.target:
            continue
        if e.kind is LineKind.REPORTS_TO and (index[e.source], index[e.target]) in layout.tree_edges:
            continue
        _draw_edge(painter, e, boxes, obstacles)

    painter.draw(legend, MARGIN, footer_top)
    _frame(ax, painter, MARGIN, footer_top, legend.w, legend.h, LEGEND_FILL, LEGEND_BORDER)
    if callouts is not None:
        cx, cy = (MARGIN + legend.w + gap, footer_top) if side_by_side else (MARGIN, footer_top + legend.h + gap)
        _frame(ax, painter, cx, cy, callouts.w, callouts.h, CALLOUT_FILL, CALLOUT_BORDER)
        painter.draw(callouts, cx, cy)
    return fig, ax


def _frame(ax: Axes, painter: Painter, x: float, y: float, w: float, h: float, fill: str, border: str) -> None:
    ax.add_artist(Rectangle((x, y), w, h, facecolor=fill, edgecolor=border, linewidth=painter.lw(1.0), zorder=0.4))

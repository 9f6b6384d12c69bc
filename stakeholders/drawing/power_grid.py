"""The power map drawn with matplotlib: influence against stance, every person placed and named.

Not called ``power_map.py``: a module of that name would shadow the public
function :func:`stakeholders.drawing.power_map` once imported.

Who counts as high influence is decided by the analysis (``InfluenceScore.high``:
a rank share with floors), not here; the zone line is drawn between the lowest
high score and the highest other one (:func:`high_influence_boundary`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..vocab import Stance
from .boxes import LINE_SPACING
from .mpl_fonts import font, font_list, put, text_w
from .paint import root_figure
from .theme import (
    LABEL_BACKGROUND,
    LARGE_MAP,
    MUTED_TEXT,
    POWER_MAP_BOUNDARY,
    POWER_MAP_DIVIDER,
    POWER_MAP_LEADER,
    POWER_MAP_UNKNOWN_FRAME,
    POWER_MAP_UNKNOWN_HATCH,
    POWER_MAP_ZONES,
    STANCE_STYLES,
    text,
)
from .view import wrap

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .view import ChartView, PersonView

__all__ = ["POWER_MAP_COLUMNS", "POWER_MAP_GID", "draw_power_map", "high_influence_boundary"]

#: Prefix of the ``gid`` of every person label on the power map.
POWER_MAP_GID = "power-map-"

#: Power map columns (x from, x to) per stance: enemy … mentor left to right, unknown apart at the far right.
POWER_MAP_COLUMNS: dict[Stance, tuple[float, float]] = {
    Stance.ENEMY: (0.0, 1.0),
    Stance.OPPONENT: (1.0, 2.0),
    Stance.NEUTRAL: (2.0, 3.0),
    Stance.SUPPORTER: (3.0, 4.0),
    Stance.MENTOR: (4.0, 5.0),
    Stance.UNKNOWN: (5.45, 6.45),
}
#: Marker per stance, so the power map reads in grey scale too.
POWER_MAP_MARKERS: dict[Stance, str] = {
    Stance.MENTOR: "^",
    Stance.SUPPORTER: "o",
    Stance.NEUTRAL: "s",
    Stance.OPPONENT: "v",
    Stance.ENEMY: "X",
    Stance.UNKNOWN: "D",
}
#: How far below the boundary a person who is not high influence is drawn when their score
#: equals the lowest high score (a tie the ranking split).
TIE_GAP = 0.01


def _score(p: PersonView) -> float:
    return min(1.0, max(0.0, p.influence or 0.0))


def high_influence_boundary(people: Sequence[PersonView]) -> float:
    """The influence where the power map's high zones start, read from the analysis's ``high`` marks.

    The middle of the gap between the lowest score marked high and the highest
    score not marked high, so every high person is above the line and every
    other person below it (a missing side counts as 1.0 or 0.0; no one at all
    gives 0.5). When a tie in scores was split by the ranking, the line is at
    the tied score and the people not marked high are drawn just below it.

    >>> from types import SimpleNamespace as P
    >>> high_influence_boundary([P(influence=0.875, high=True), P(influence=0.375, high=False)])
    0.625
    """
    lowest_high = min((_score(p) for p in people if p.high), default=1.0)
    highest_other = max((_score(p) for p in people if not p.high), default=0.0)
    if lowest_high <= highest_other:
        return lowest_high
    return (lowest_high + highest_other) / 2


def _plotted(p: PersonView, boundary: float) -> float:
    """The influence a person's marker is drawn at: the score, kept below the line when not high."""
    score = _score(p)
    return score if p.high or score < boundary else max(0.0, boundary - TIE_GAP)


def draw_power_map(view: ChartView, ax: Axes | None = None) -> tuple[Figure, Axes]:
    """The power map: influence (y, 0..1) against stance (x), every person placed and labelled.

    Columns go enemy → mentor from left to right; unknown stands apart at the far
    right (unknown is never neutral). The top row holds the people the analysis marks
    high influence (``InfluenceScore.high``) and is split into *neutralise*, *win over*
    and *keep close*; the bottom band, *monitor*, holds everyone else. The line between
    them is :func:`high_influence_boundary`.
    """
    lang = view.lang
    family = font_list()
    if ax is None:
        fig = Figure(figsize=(14.0, 8.5))
        fig.set_layout_engine("none")
        ax = fig.add_axes((0.07, 0.11, 0.9, 0.8))
    else:
        fig = root_figure(ax)
    x_min, x_max = -0.08, POWER_MAP_COLUMNS[Stance.UNKNOWN][1] + 0.08
    y_min, y_max = -0.06, 1.1
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    bbox = ax.get_position()
    fw, fh = fig.get_size_inches()
    pt_x = bbox.width * fw * 72.0 / (x_max - x_min)  # points per data unit
    pt_y = bbox.height * fh * 72.0 / (y_max - y_min)
    crowded = len(view.people) > LARGE_MAP
    label_size = 6.5 if crowded else 9.0
    boundary = high_influence_boundary(view.people)

    # Zones.
    known = (POWER_MAP_COLUMNS[Stance.ENEMY][0], POWER_MAP_COLUMNS[Stance.MENTOR][1])
    unknown = POWER_MAP_COLUMNS[Stance.UNKNOWN]
    top_zones = [
        ("neutralise", POWER_MAP_COLUMNS[Stance.ENEMY][0], POWER_MAP_COLUMNS[Stance.OPPONENT][1]),
        ("win_over", *POWER_MAP_COLUMNS[Stance.NEUTRAL]),
        ("keep_close", POWER_MAP_COLUMNS[Stance.SUPPORTER][0], POWER_MAP_COLUMNS[Stance.MENTOR][1]),
        ("win_over", *unknown),
    ]
    for key, x0, x1 in top_zones:
        ax.add_patch(
            Rectangle(
                (x0, boundary),
                x1 - x0,
                y_max - boundary,
                facecolor=POWER_MAP_ZONES[key].fill,
                edgecolor="none",
                zorder=0,
            )
        )
        put(ax, x0 + 0.05, y_max - 0.02, text(key, lang), 12, bold=True, colour=POWER_MAP_ZONES[key].text, zorder=1)
    for x0, x1 in (known, unknown):
        ax.add_patch(
            Rectangle(
                (x0, y_min),
                x1 - x0,
                boundary - y_min,
                facecolor=POWER_MAP_ZONES["monitor"].fill,
                edgecolor="none",
                zorder=0,
            )
        )
    put(
        ax,
        known[0] + 0.05,
        y_min + 0.015,
        text("monitor", lang),
        12,
        bold=True,
        colour=POWER_MAP_ZONES["monitor"].text,
        va="bottom",
        zorder=1,
    )
    # The unknown column: hatched and framed, visibly apart.
    ax.add_patch(
        Rectangle(
            (unknown[0], y_min),
            unknown[1] - unknown[0],
            y_max - y_min,
            facecolor="none",
            edgecolor=POWER_MAP_UNKNOWN_HATCH,
            hatch="//",
            linewidth=0.0,
            alpha=0.35,
            zorder=0.2,
        )
    )
    ax.add_patch(
        Rectangle(
            (unknown[0], y_min),
            unknown[1] - unknown[0],
            y_max - y_min,
            facecolor="none",
            edgecolor=POWER_MAP_UNKNOWN_FRAME,
            linewidth=1.0,
            linestyle="--",
            zorder=0.3,
        )
    )
    for x0, x1 in (known, unknown):
        ax.plot([x0, x1], [boundary, boundary], color=POWER_MAP_BOUNDARY, linestyle="--", linewidth=1.2, zorder=0.5)
    for stance, (x0, _) in POWER_MAP_COLUMNS.items():
        if stance not in (Stance.ENEMY, Stance.UNKNOWN):
            ax.plot([x0, x0], [y_min, y_max], color=POWER_MAP_DIVIDER, linewidth=1.5, zorder=0.4)

    # People: the marker at the influence (`_plotted`: a tie split by the ranking is drawn just below the
    # line), in a lane of the stance column, and the name beside it.
    # Lanes, sides and (last) small vertical nudges of the name are tried in a fixed order, so labels do
    # not overlap and the same map always looks the same. A nudged name never crosses the boundary.
    placer = _Placer()
    gap = 3.0 / pt_x
    markers: dict[Stance, tuple[list[float], list[float], list[float]]] = {s: ([], [], []) for s in POWER_MAP_COLUMNS}
    order = sorted(range(len(view.people)), key=lambda i: (-(view.people[i].influence or 0.0), i))
    for i in order:
        p = view.people[i]
        influence = _plotted(p, boundary)
        x0, x1 = POWER_MAP_COLUMNS[p.stance]
        size = (18.0 if crowded else 40.0) + (90.0 if crowded else 260.0) * influence
        radius = math.sqrt(size) / 2 / pt_x
        marker_h = math.sqrt(size) / 2 / pt_y
        label_w = (text_w(p.name, label_size) + 2.0) / pt_x
        label_h = (label_size * LINE_SPACING * (p.name.count("\n") + 1) + 2.0) / pt_y
        high = bool(p.high)
        best: tuple[float, float, float, str, float] | None = None
        nudges = (0.0,) if crowded else (0.0, 1.0, -1.0, 2.0, -2.0)
        for nudge in nudges:
            ly = influence + nudge * label_h
            if nudge and ((ly >= boundary) != high or not -0.04 <= ly <= 1.08):
                continue
            for lane, side in ((0.1, "right"), (0.9, "left"), (0.5, "right"), (0.5, "left")):
                mx = x0 + lane * (x1 - x0)
                marker = (mx - radius, influence - marker_h, mx + radius, influence + marker_h)
                if side == "right":
                    label = (mx + radius + gap, ly - label_h / 2, mx + radius + gap + label_w, ly + label_h / 2)
                else:
                    label = (mx - radius - gap - label_w, ly - label_h / 2, mx - radius - gap, ly + label_h / 2)
                clashes = (
                    placer.clashes(label, markers_too=True)
                    + placer.clashes(marker, markers_too=False)
                    + 0.5 * placer.clashes(marker, markers_too=True, labels_too=False)
                )
                if best is None or clashes < best[0]:
                    best = (clashes, mx, ly, side, nudge)
                if clashes == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        _, mx, ly, side, nudge = best
        lx = mx + radius + gap if side == "right" else mx - radius - gap
        lw = label_w if side == "right" else -label_w
        placer.add((mx - radius, influence - marker_h, mx + radius, influence + marker_h), marker=True)
        placer.add((min(lx, lx + lw), ly - label_h / 2, max(lx, lx + lw), ly + label_h / 2), marker=False)
        xs, ys, sizes = markers[p.stance]
        xs.append(mx)
        ys.append(influence)
        sizes.append(size)
        text_ = put(
            ax,
            lx,
            ly,
            p.name,
            label_size,
            ha="left" if side == "right" else "right",
            va="center",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.12", "facecolor": LABEL_BACKGROUND, "edgecolor": "none", "alpha": 0.65},
        )
        text_.set_gid(f"{POWER_MAP_GID}{p.node}")
        if nudge:
            ax.plot([mx, lx], [influence, ly], color=POWER_MAP_LEADER, linewidth=0.6, zorder=2.5)
    for stance, (xs, ys, sizes) in markers.items():
        if not xs:
            continue
        s = STANCE_STYLES[stance]
        ax.scatter(
            xs,
            ys,
            s=sizes,
            marker=POWER_MAP_MARKERS[stance],
            c=[s.fill] * len(xs),
            edgecolors=[s.border] * len(xs),
            linewidths=1.6 if s.penwidth >= 2 else 1.0,
            zorder=3,
        )

    columns = sorted(POWER_MAP_COLUMNS.items(), key=lambda item: item[1][0])
    ax.set_xticks(
        [(x0 + x1) / 2 for _, (x0, x1) in columns],
        labels=[f"{STANCE_STYLES[s].symbol} {s.label(lang)}" for s, _ in columns],
    )
    ax.set_yticks([0.0, 0.25, 0.5, 0.75, 1.0])
    for tick in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        tick.set_fontfamily(family)
        tick.set_fontsize(10)
    ax.tick_params(axis="x", length=0)
    ax.set_xlabel(text("axis_stance", lang), family=family, fontsize=11, parse_math=False)
    ax.set_ylabel(text("axis_influence", lang), family=family, fontsize=11, parse_math=False)
    title_family, title_weight = font(text("power_map", lang), True)
    ax.set_title(
        text("power_map", lang), loc="left", family=title_family, fontsize=15, fontweight=title_weight, parse_math=False
    )
    customer = next((value for key, value in view.title_rows if key == text("customer", lang)), "")
    if customer:
        ax.set_title(
            wrap(customer, 70, 1)[0], loc="right", family=family, fontsize=10, color=MUTED_TEXT, parse_math=False
        )
    for spine in ax.spines.values():
        spine.set_visible(False)
    return fig, ax


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Placer:
    """Rectangles already placed on the power map, bucketed so a look-up stays fast for 1,000 people."""

    CELL = (0.25, 0.04)

    def __init__(self) -> None:
        self.buckets: dict[tuple[int, int], list[tuple[tuple[float, float, float, float], bool]]] = {}

    def _cells(self, rect: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        cx, cy = self.CELL
        return [
            (i, j)
            for i in range(math.floor(rect[0] / cx), math.floor(rect[2] / cx) + 1)
            for j in range(math.floor(rect[1] / cy), math.floor(rect[3] / cy) + 1)
        ]

    def add(self, rect: tuple[float, float, float, float], *, marker: bool) -> None:
        for cell in self._cells(rect):
            self.buckets.setdefault(cell, []).append((rect, marker))

    def clashes(self, rect: tuple[float, float, float, float], *, markers_too: bool, labels_too: bool = True) -> int:
        seen: set[tuple[float, float, float, float]] = set()
        for cell in self._cells(rect):
            for other, is_marker in self.buckets.get(cell, ()):
                wanted = markers_too if is_marker else labels_too
                if wanted and other not in seen and _overlap(rect, other):
                    seen.add(other)
        return len(seen)

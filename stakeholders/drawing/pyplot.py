"""The organisation analysis chart and the power map, drawn with matplotlib.

This is the backend used in notebooks and when Graphviz ``dot`` is missing, so
it lays the chart out itself, without Graphviz. :mod:`.view` has already
decided every text, colour and symbol; this module only places and draws them.

Layout (all sizes in points; the figure is sized from the layout):

- The chart is laid out unit by unit. A unit is a labelled rounded rectangle
  holding its own people, arranged as a top-down tree by their reporting lines
  inside the unit, with its sub-units as blocks below. A sub-unit block hangs
  under the person of the parent unit most of its people report to, so the
  manager is centred over it; unit rectangles never overlap. People without a
  unit form the top level, with the top-level units.
- Parents are centred over their children; boxes of one row are top-aligned
  and their children start on the same level. More than ``STACK_WIDTH`` leaf
  reports under one manager wrap into rows of ``STACK_WIDTH`` fed by a spine,
  so 300 direct reports stay readable. Only reporting lines shape the layout:
  influence, delegation, introduction and dotted lines are drawn as curves
  over the finished layout.
- Above ``LARGE_MAP`` people a box shows only the name and the stance symbol,
  and a very large figure is scaled down (fonts with it) to a bounded size.

Every user text is drawn literally (``parse_math=False``) with an explicit font
list — the CJK font from :func:`.fonts.cjk_font`, then the symbol fonts — so
Chinese never shows as boxes. Nothing here touches pyplot, the backend or the
user's rcParams.
"""

from __future__ import annotations

import functools
import io
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib import textpath
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from ..model import LineKind
from ..vocab import Role, Stance
from .dot import RenderNote
from .fonts import cjk_font, font_fallbacks
from .theme import (
    FACTION_SYMBOL,
    FLAG_SYMBOL,
    INSIDER_SYMBOL,
    LARGE_MAP,
    LINE_STYLES,
    NOMINAL_STYLE,
    ROLE_BADGES,
    STACK_WIDTH,
    STANCE_STYLES,
    badge_colour,
    text,
)
from .view import ChartView, EdgeView, PersonView, UnitView, display_width, wrap

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes
    from matplotlib.text import Text

__all__ = [
    "HIGH_INFLUENCE",
    "PERSON_GID",
    "POWER_MAP_COLUMNS",
    "POWER_MAP_GID",
    "UNIT_GID",
    "draw_chart",
    "draw_power_map",
    "font_family",
    "save_figure",
]

#: Influence (0..1) from which a person counts as high influence on the power map:
#: the middle of the scale, so the top row holds the people who can swing the decision
#: and the bottom band (monitor) the support base to widen (D8).
HIGH_INFLUENCE = 0.5

#: Prefix of the ``gid`` of every person box patch (then the person's node id, e.g. ``person-p3``).
PERSON_GID = "person-"
#: Prefix of the ``gid`` of every unit rectangle (then its cluster id, e.g. ``unit-cluster_u0``).
UNIT_GID = "unit-"
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

# Sizes, in points.
PAD = 6.0  # inside a person box
H_GAP = 16.0  # between neighbours in a row
V_GAP = 38.0  # between a manager's box and the row of reports
GRID_TOP = 12.0  # above the first row of stacked reports (its bus line)
GRID_GAP = 18.0  # between rows of stacked reports
UNIT_PAD = 10.0
UNIT_LABEL = 12.0  # unit label font size
MARGIN = 24.0
ROW_GAP = 2.0  # between text rows in a box
NAME_SIZE = 11.5
TEXT_SIZE = 8.5
BADGE_SIZE = 9.0
SIMPLE_SIZE = 9.0
LEGEND_SIZE = 9.5
TITLE_SIZE = 20.0
TITLE_ROW_SIZE = 10.5
MIN_BOX_W = 84.0
COLUMN_GAP = 24.0  # between blocks stacked in a column beside the main tree
SPINE = 14.0  # room left of wrapped rows of subtrees for the line feeding them
WRAP_WIDTH = 1800.0  # a row of subtrees under one manager wraps only when wider than this …
WRAP_ASPECT = 1.6  # … and wider than this many times its height
LINE_SPACING = 1.2

#: Bounds of a figure drawn by :func:`draw_chart` (inches): larger layouts are scaled down.
MAX_SIDE_IN = 48.0
MAX_AREA_IN2 = 900.0
#: Below this scale the text of a scaled-down figure is under about 5 pt: drawing it gives a RenderNote.
SMALL_TEXT_SCALE = 0.5
PNG_DPI = 150

_UNIT_STYLE = {False: ("#F7F9FB", "#B0B0B0", "-"), True: ("#FAFAF5", "#7F7F7F", "--")}
_LINESTYLES = {"solid": "-", "dotted": ":", "dashed": "--"}
# Curvature per line kind (matplotlib arc3 ``rad``), different so that two lines between
# the same pair of people stay apart.
_RAD = {
    LineKind.REPORTS_TO: 0.0,
    LineKind.DOTTED_LINE: 0.12,
    LineKind.INFLUENCE: 0.22,
    LineKind.DELEGATION: -0.28,
    LineKind.INTRODUCTION: 0.36,
}


# ---------------------------------------------------------------------------
# Fonts and text measurement
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def font_family() -> tuple[str, ...]:
    """The font list given to every text: the CJK family, the symbol fallbacks, DejaVu Sans.

    Registers the CJK font file (and its Bold sibling) with matplotlib's font
    manager once; does not touch rcParams.
    """
    choice = cjk_font()
    families: list[str] = []
    if choice.path is not None:
        name = _register(choice.path, choice.family)
        if name is not None:
            families.append(name)
    known = {entry.name for entry in fontManager.ttflist}
    for family in (*font_fallbacks(), "DejaVu Sans"):
        if family not in families and (family in known or family == "DejaVu Sans"):
            families.append(family)
    return tuple(families)


def _register(path: str, family: str) -> str | None:
    """Add the font file (and a Bold file beside it) to matplotlib; return the family name it knows."""
    registered = {entry.fname for entry in fontManager.ttflist}
    candidates = [path]
    bold = path.replace("Regular", "Bold")
    if bold != path and Path(bold).is_file():
        candidates.append(bold)
    for candidate in candidates:
        if candidate in registered:
            continue
        try:
            fontManager.addfont(candidate)
        except (OSError, RuntimeError, ValueError):
            if candidate == path:
                return None
    names = {entry.name for entry in fontManager.ttflist if entry.fname == path}
    if family in names:
        return family
    try:
        return str(FontProperties(fname=path).get_name())
    except (OSError, RuntimeError, ValueError):
        return None


def _family() -> list[str]:
    return list(font_family())


_BOLD_NAMES = ("bold", "heavy", "black", "semibold", "demibold", "extra bold", "ultrabold", "demi")


def _is_bold(weight: object) -> bool:
    return weight >= 600 if isinstance(weight, int) else str(weight).lower() in _BOLD_NAMES


@functools.lru_cache(maxsize=1)
def _bold_family() -> tuple[str, ...]:
    """The families of :func:`font_family` that have a bold face (empty when the main one has none).

    matplotlib logs a warning for every family of a list that has no bold face, so
    bold text only gets these.
    """
    families = font_family()
    bold = {entry.name for entry in fontManager.ttflist if _is_bold(entry.weight)}
    if not families or families[0] not in bold:
        return ()
    return tuple(f for f in families if f in bold)


@functools.cache
def _charmap(family: str) -> frozenset[int]:
    try:
        path = fontManager.findfont(FontProperties(family=[family]), fallback_to_default=False)
        return frozenset(get_font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


@functools.lru_cache(maxsize=1 << 14)
def _bold_ok(value: str) -> bool:
    """Whether ``value`` can be drawn bold: every character is in one of the bold families."""
    families = _bold_family()
    if not families:
        return False
    maps = [_charmap(f) for f in families]
    return all(ch.isspace() or any(ord(ch) in m for m in maps) for ch in value)


def _font(value: str, bold: bool) -> tuple[list[str], str]:
    """Family list and weight for a text: bold only when the bold faces cover it."""
    if bold and _bold_ok(value):
        return list(_bold_family()), "bold"
    return _family(), "normal"


@functools.lru_cache(maxsize=1 << 16)
def _width10(line: str, bold: bool) -> float:
    """Width in points of one line of text at 10 pt."""
    if not line.strip():
        return 2.8 * len(line)
    family, weight = _font(line, bold)
    prop = FontProperties(family=family, size=10, weight=weight)
    with warnings.catch_warnings():
        # Measuring only; a missing glyph is reported (once) when the text is drawn.
        warnings.filterwarnings("ignore", message=".*missing from font")
        width, _, _ = textpath.text_to_path.get_text_width_height_descent(line, prop, ismath=False)
    return float(width)


def _text_w(value: str, size: float, bold: bool = False) -> float:
    return max((_width10(line, bold) for line in value.split("\n")), default=0.0) * size / 10.0


def _text_h(value: str, size: float) -> float:
    return (value.count("\n") + 1) * size * LINE_SPACING


# ---------------------------------------------------------------------------
# Person boxes: what goes where, measured
# ---------------------------------------------------------------------------


@dataclass
class _Run:
    """One text in a box: ``dx`` from the left edge (or from the right edge when ``right``)."""

    dx: float
    dy: float
    text: str
    size: float
    bold: bool
    colour: str
    right: bool = False


@dataclass
class _BoxContent:
    w: float
    h: float
    runs: list[_Run]


def _wrap_parts(line: str, width: int) -> list[str]:
    """Wrap a " · "-separated line between its parts (so "★ coach" stays whole), then long parts."""
    lines: list[str] = []
    current = ""
    for part in line.split(" · "):
        joined = f"{current} · {part}" if current else part
        if current and display_width(joined) > width:
            lines.append(current + " ·")
            current = part
        else:
            current = joined
    lines.append(current)
    return [piece for text_ in lines for piece in wrap(text_, width)]


def _box_content(p: PersonView, lang: str, simple: bool) -> _BoxContent:
    fc = p.style.font
    head = (f"{FLAG_SYMBOL} " if p.flagged else "") + p.name
    if simple:
        label = f"{head}  {p.style.symbol}"
        w = _text_w(label, SIMPLE_SIZE) + 2 * 4.0
        return _BoxContent(
            max(w, 40.0), _text_h(label, SIMPLE_SIZE) + 2 * 4.0, [_Run(4.0, 4.0, label, SIMPLE_SIZE, False, fc)]
        )
    runs: list[_Run] = []
    widths: list[float] = []
    y = PAD
    head_h = _text_h(head, NAME_SIZE)
    runs.append(_Run(PAD, y, head, NAME_SIZE, True, fc))
    head_w = _text_w(head, NAME_SIZE, True)
    if p.disc:
        runs.append(_Run(PAD, y + 1.0, p.disc, BADGE_SIZE + 1, True, fc, right=True))
        head_w += 10.0 + _text_w(p.disc, BADGE_SIZE + 1, True)
    widths.append(head_w)
    y += head_h + ROW_GAP

    def add(value: str, size: float = TEXT_SIZE) -> None:
        nonlocal y
        runs.append(_Run(PAD, y, value, size, False, fc))
        widths.append(_text_w(value, size))
        y += _text_h(value, size) + ROW_GAP

    if p.title:
        add("\n".join(p.title))
    if p.badges:
        x = PAD
        for short, colour in p.badges:
            badge = f"[{short}]"
            runs.append(_Run(x, y, badge, BADGE_SIZE, True, badge_colour(colour, p.style.fill)))
            x += _text_w(badge, BADGE_SIZE, True) + 5.0
        widths.append(x - 5.0 - PAD)
        y += _text_h("x", BADGE_SIZE) + ROW_GAP
    add("\n".join(_wrap_parts(p.detail_line(), 40)))
    if p.factions:
        add("\n".join(p.factions))
    if (influence := p.influence_line(lang)) is not None:
        add(influence)
    w = max(MIN_BOX_W, max(widths) + 2 * PAD)
    return _BoxContent(w, y - ROW_GAP + PAD, runs)


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------


@dataclass(eq=False)
class _Node:
    """A piece of the layout: a person and their subtree, a grid of stacked reports, a unit block or a stack.

    ``parts`` are the pieces inside, with their offsets; ``anchor`` is the x where a line from above
    connects. ``ax``/``ay`` are set when the node is placed.
    """

    kind: str
    w: float = 0.0
    h: float = 0.0
    anchor: float = 0.0
    person: int = -1
    box_x: float = 0.0
    child_dy: float = 0.0
    spine: float = 0.0
    unit: UnitView | None = None
    cells: list[int] = field(default_factory=list)
    columns: int = 0
    cell_w: float = 0.0
    cell_h: float = 0.0
    manager: int | None = None
    parts: list[tuple[_Node, float, float]] = field(default_factory=list)
    entries: list[_Node] = field(default_factory=list)
    ax: float = 0.0
    ay: float = 0.0


@dataclass
class _Rect:
    unit: UnitView
    x: float
    y: float
    w: float
    h: float


class _Layout:
    """Places every person box and unit rectangle; collects the reporting-line segments."""

    def __init__(self, view: ChartView, sizes: list[tuple[float, float]]) -> None:
        self.view = view
        self.sizes = sizes
        self.index = {p.node: i for i, p in enumerate(view.people)}
        n = len(view.people)
        self.manager: list[int | None] = [None] * n
        for e in view.edges:
            if e.kind is LineKind.REPORTS_TO and e.source in self.index and e.target in self.index:
                target = self.index[e.target]
                if self.manager[target] is None and e.source != e.target:
                    self.manager[target] = self.index[e.source]
        self.units = {u.id: u for u in view.units}
        self.unit_of: list[str | None] = [p.unit if p.unit in self.units else None for p in view.people]
        self.members: dict[str | None, list[int]] = {}
        for i, unit in enumerate(self.unit_of):
            self.members.setdefault(unit, []).append(i)
        self.child_units: dict[str | None, list[str]] = {None: []}
        for u in view.units:
            parent = u.parent if u.parent in self.units else None
            self.child_units.setdefault(parent, []).append(u.id)
        self._under: dict[str | None, set[str]] = {}
        self.boxes: list[tuple[float, float, float, float]] = [(0.0, 0.0, 0.0, 0.0)] * n
        self.rects: list[_Rect] = []
        self.segments: list[tuple[tuple[float, float], tuple[float, float]]] = []
        self.tree_edges: set[tuple[int, int]] = set()

    # -- helpers ---------------------------------------------------------------

    def units_under(self, unit: str | None) -> set[str]:
        """The units inside ``unit`` (itself included); every unit for the top level."""
        if unit not in self._under:
            found: set[str] = set() if unit is None else {unit}
            stack = list(self.child_units.get(unit, []))
            while stack:
                current = stack.pop()
                if current not in found:
                    found.add(current)
                    stack.extend(self.child_units.get(current, []))
            self._under[unit] = found
        return self._under[unit]

    def people_under(self, unit: str) -> list[int]:
        inside = self.units_under(unit)
        return [i for i, u in enumerate(self.unit_of) if u in inside]

    # -- building (sizes, relative offsets) --------------------------------------

    def build(self) -> _Node:
        try:
            return self._content(None)
        except RecursionError:
            # A reporting chain deeper than Python's stack: give up the tree, keep every person.
            return self._grid(list(range(len(self.view.people))), None)

    def _content(self, unit: str | None, anchor: int | None = None) -> _Node:
        members = self.members.get(unit, [])
        mset = set(members)
        local_children: dict[int, list[int]] = {i: [] for i in members}
        roots: list[int] = []
        for i in members:
            m = self.manager[i]
            if m is not None and m in mset:
                local_children[m].append(i)
            else:
                roots.append(i)
        reached = self._reach(roots, local_children)
        for i in members:  # reporting cycles (the model forbids them; stay safe)
            if i not in reached:
                roots.append(i)
                reached |= self._reach([i], local_children)
        anchored: dict[int, list[str]] = {}
        unanchored: list[str] = []
        for child in self.child_units.get(unit, []):
            best = self._anchor(child, mset)
            if best is None:
                unanchored.append(child)
            else:
                anchored.setdefault(best, []).append(child)
        inner = self.units_under(unit) - ({unit} if unit is not None else set())
        lower = [i for i in roots if (m := self.manager[i]) is not None and self.unit_of[m] in inner]
        upper = [i for i in roots if i not in set(lower)]

        visited: set[int] = set()
        first = self._row_items(upper, local_children, anchored, visited) + [
            self._unit_node(child, None) for child in unanchored
        ]
        # Items the manager above the block connects down to stay in the first row. The others
        # (no line from above) go beside them, stacked in columns no taller than the row like a
        # sidebar; if that is still much wider than tall, they wrap side by side into further rows.
        connected = [item for item in first if anchor is not None and self._reports_to(item, anchor)]
        free = [item for item in first if item not in connected]
        columns = self._columns(free, max((item.h for item in first), default=0.0))
        target = max([900.0, *(item.w for item in first), *(2.4 * item.h for item in first)])
        rows: list[list[_Node]] = [connected + columns]
        if self._row_width(rows[0]) > target:
            rows = [connected]
            for item in free:
                if rows[-1] and self._row_width([*rows[-1], item]) > target:
                    rows.append([])
                rows[-1].append(item)
        rows.append(self._row_items(lower, local_children, anchored, visited))
        rows = [row for row in rows if row]
        node = _Node("stack")
        y = 0.0
        width = max((self._row_width(row) for row in rows), default=0.0)
        for row in rows:
            _align(row, self.sizes)
            x = (width - self._row_width(row)) / 2
            for item in row:
                node.parts.append((item, x, y))
                x += item.w + H_GAP
            y += max(item.h for item in row) + V_GAP
        node.w = width
        node.h = max(0.0, y - V_GAP)
        node.entries = first
        node.anchor = width / 2
        return node

    @staticmethod
    def _columns(items: list[_Node], height: float) -> list[_Node]:
        """Stack consecutive items into columns no taller than ``height`` (single items stay as they are)."""
        groups: list[list[_Node]] = []
        used = 0.0
        for item in items:
            if groups and used + COLUMN_GAP + item.h <= height:
                groups[-1].append(item)
                used += COLUMN_GAP + item.h
            else:
                groups.append([item])
                used = item.h
        columns: list[_Node] = []
        for group in groups:
            if len(group) == 1:
                columns.append(group[0])
                continue
            column = _Node("column")
            column.w = max(item.w for item in group)
            y = 0.0
            for item in group:
                column.parts.append((item, (column.w - item.w) / 2, y))
                y += item.h + COLUMN_GAP
            column.h = y - COLUMN_GAP
            column.anchor = column.w / 2
            columns.append(column)
        return columns

    def _anchor(self, child: str, members: set[int]) -> int | None:
        """The member of the parent unit a sub-unit hangs under.

        The one most of its people report to; failing that, the member their
        managers (in sibling units) report up to. ``None`` when no line leads there.
        """
        inside = self.units_under(child)
        direct: dict[int, int] = {}
        indirect: dict[int, int] = {}
        for j in self.people_under(child):
            m = self.manager[j]
            if m is None or self.unit_of[m] in inside:
                continue
            if m in members:
                direct[m] = direct.get(m, 0) + 1
                continue
            for _ in range(len(self.manager)):  # up the chain, bounded
                m = self.manager[m]
                if m is None or m in members:
                    break
            if m is not None and m in members:
                indirect[m] = indirect.get(m, 0) + 1
        counts = direct or indirect
        if not counts:
            return None
        return min(counts, key=lambda m: (-counts[m], m))

    @staticmethod
    def _reach(roots: list[int], children: dict[int, list[int]]) -> set[int]:
        seen: set[int] = set()
        stack = list(roots)
        while stack:
            i = stack.pop()
            if i not in seen:
                seen.add(i)
                stack.extend(children.get(i, []))
        return seen

    @staticmethod
    def _row_width(row: list[_Node]) -> float:
        return sum(item.w for item in row) + H_GAP * max(0, len(row) - 1)

    def _row_items(
        self, people: list[int], children: dict[int, list[int]], anchored: dict[int, list[str]], visited: set[int]
    ) -> list[_Node]:
        """Person subtrees side by side; more than STACK_WIDTH leaves are stacked in a grid."""
        leaves = [i for i in people if not children.get(i) and not anchored.get(i)]
        if len(leaves) <= STACK_WIDTH:
            return [self._person_node(i, children, anchored, visited) for i in people]
        managers = {self.manager[i] for i in leaves}
        manager = next(iter(managers)) if len(managers) == 1 else None
        leafset = set(leaves)
        items = [self._person_node(i, children, anchored, visited) for i in people if i not in leafset]
        visited.update(leaves)
        items.append(self._grid(leaves, manager))
        return items

    def _person_node(
        self, i: int, children: dict[int, list[int]], anchored: dict[int, list[str]], visited: set[int]
    ) -> _Node:
        visited.add(i)
        bw, bh = self.sizes[i]
        kids = [j for j in children.get(i, []) if j not in visited]
        items = self._row_items(kids, children, anchored, visited)
        items += [self._unit_node(u, i) for u in anchored.get(i, [])]
        node = _Node("person", person=i)
        if not items:
            node.w, node.h, node.anchor = bw, bh, bw / 2
            return node
        rows = _wrap(items)
        for row in rows:
            _align(row, self.sizes)
        # Wrapped rows hang left-aligned from a spine running down their left side.
        left = SPINE if len(rows) > 1 else 0.0
        xs: list[float] = []
        x = left
        for item in rows[0]:
            xs.append(x)
            x += item.w + H_GAP
        first = rows[0]
        mid = (xs[0] + first[0].anchor + xs[-1] + first[-1].anchor) / 2
        box_x = mid - bw / 2
        shift = 0.0
        if box_x < 0:
            shift, box_x = -box_x, 0.0
        node.box_x = box_x
        node.child_dy = bh + V_GAP
        node.spine = shift + SPINE / 2
        y = node.child_dy
        width = 0.0
        for row in rows:
            x = shift + left
            for item in row:
                node.parts.append((item, x, y))
                x += item.w + H_GAP
            width = max(width, x - H_GAP)
            y += max(item.h for item in row) + V_GAP
        node.w = max(width, box_x + bw)
        node.h = y - V_GAP
        node.anchor = box_x + bw / 2
        return node

    def _grid(self, cells: list[int], manager: int | None) -> _Node:
        columns = min(STACK_WIDTH, len(cells))
        rows = math.ceil(len(cells) / columns) if cells else 0
        cell_w = max((self.sizes[i][0] for i in cells), default=0.0)
        cell_h = max((self.sizes[i][1] for i in cells), default=0.0)
        node = _Node("grid", cells=cells, columns=columns, cell_w=cell_w, cell_h=cell_h, manager=manager)
        node.w = columns * cell_w + (columns - 1) * H_GAP
        top = GRID_TOP if manager is not None else 0.0
        node.h = top + rows * cell_h + max(0, rows - 1) * GRID_GAP
        # The spine runs down the gap in the middle of the grid, between two columns.
        half = columns // 2
        node.anchor = half * (cell_w + H_GAP) - H_GAP / 2 if columns > 1 else cell_w / 2
        return node

    def _unit_node(self, unit: str, manager: int | None) -> _Node:
        view = self.units[unit]
        content = self._content(unit, manager)
        label_w = _text_w(view.label, UNIT_LABEL, True) + 16.0
        inner_w = max(content.w, label_w)
        node = _Node("unit", unit=view, manager=manager)
        node.w = inner_w + 2 * UNIT_PAD
        head = _text_h(view.label, UNIT_LABEL) + 8.0
        node.h = head + content.h + (2 * UNIT_PAD if content.h else UNIT_PAD)
        node.parts = [(content, UNIT_PAD + (inner_w - content.w) / 2, head + UNIT_PAD)]
        node.entries = content.entries
        node.anchor = node.w / 2
        if manager is not None:
            xs = [
                UNIT_PAD + (inner_w - content.w) / 2 + dx + item.anchor
                for item, dx, _ in content.parts
                if item in content.entries and self._reports_to(item, manager)
            ]
            if xs:
                node.anchor = sum(xs) / len(xs)
        return node

    def _reports_to(self, item: _Node, manager: int) -> bool:
        if item.kind == "person":
            return self.manager[item.person] == manager
        return item.kind == "grid" and item.manager == manager

    # -- placing (absolute positions) ---------------------------------------------

    def place(self, node: _Node, x: float, y: float) -> None:
        node.ax, node.ay = x, y
        if node.kind == "person":
            i = node.person
            bw, bh = self.sizes[i]
            self.boxes[i] = (x + node.box_x, y, bw, bh)
        elif node.kind == "grid":
            self._place_grid(node, x, y)
        elif node.kind == "unit" and node.unit is not None:
            self.rects.append(_Rect(node.unit, x, y, node.w, node.h))
        for child, dx, dy in node.parts:
            self.place(child, x + dx, y + dy)
        if node.kind == "person" and node.parts:
            self._connect(node)

    def _connect(self, node: _Node) -> None:
        """The org-chart connector from a manager to the reports placed under them.

        One bus line above each row of reports, drops to each report; wrapped rows are fed
        by a spine down their left side.
        """
        i = node.person
        bx, by, bw, bh = self.boxes[i]
        cx = bx + bw / 2
        rows: dict[float, list[tuple[float, float]]] = {}
        for child, _, dy in node.parts:
            candidates = [child] if child.kind != "unit" else child.entries
            for item in candidates:
                if not self._reports_to(item, i):
                    continue
                if item.kind == "person":
                    x, y, w, _ = self.boxes[item.person]
                    rows.setdefault(dy, []).append((x + w / 2, y))
                    self.tree_edges.add((i, item.person))
                else:
                    rows.setdefault(dy, []).append((item.ax + item.anchor, item.ay))
        if not rows:
            return
        first_bus = node.ay + node.child_dy - V_GAP / 2
        self.segments.append(((cx, by + bh), (cx, first_bus)))
        spine = node.ax + node.spine
        wrapped = len({dy for _, _, dy in node.parts}) > 1
        last_bus = first_bus
        for dy, points in sorted(rows.items()):
            bus = node.ay + dy - V_GAP / 2
            xs = [px for px, _ in points]
            if bus == first_bus:
                xs.append(cx)
            if wrapped:
                xs.append(spine)
            if max(xs) - min(xs) > 0.1:
                self.segments.append(((min(xs), bus), (max(xs), bus)))
            for px, py in points:
                self.segments.append(((px, bus), (px, py)))
            last_bus = max(last_bus, bus)
        if wrapped and last_bus > first_bus:
            self.segments.append(((spine, first_bus), (spine, last_bus)))

    def _place_grid(self, node: _Node, x: float, y: float) -> None:
        top = y + (GRID_TOP if node.manager is not None else 0.0)
        last_bus = y
        for k, i in enumerate(node.cells):
            r, c = divmod(k, node.columns)
            cell_x = x + c * (node.cell_w + H_GAP)
            cell_y = top + r * (node.cell_h + GRID_GAP)
            bw, bh = self.sizes[i]
            self.boxes[i] = (cell_x + (node.cell_w - bw) / 2, cell_y, bw, bh)
        if node.manager is None:
            return
        spine = x + node.anchor
        rows = math.ceil(len(node.cells) / node.columns)
        for r in range(rows):
            row = node.cells[r * node.columns : (r + 1) * node.columns]
            bus = top + r * (node.cell_h + GRID_GAP) - 7.0
            xs = [self.boxes[i][0] + self.boxes[i][2] / 2 for i in row]
            self.segments.append(((min([*xs, spine]), bus), (max([*xs, spine]), bus)))
            for i, px in zip(row, xs, strict=True):
                self.segments.append(((px, bus), (px, self.boxes[i][1])))
                self.tree_edges.add((node.manager, i))
            last_bus = bus
        self.segments.append(((spine, y), (spine, last_bus)))


def _wrap(items: list[_Node]) -> list[list[_Node]]:
    """Split a row of subtrees into rows when it is much wider than it is tall (a huge map stays readable)."""
    total = sum(item.w for item in items) + H_GAP * (len(items) - 1)
    area = sum(item.w * (item.h + V_GAP) for item in items)
    target = max(WRAP_WIDTH, *(item.w for item in items), math.sqrt(WRAP_ASPECT * area))
    if total <= target:
        return [items]
    rows: list[list[_Node]] = [[]]
    width = 0.0
    for item in items:
        if rows[-1] and width + H_GAP + item.w > target:
            rows.append([])
            width = 0.0
        width += (H_GAP if rows[-1] else 0.0) + item.w
        rows[-1].append(item)
    return rows


def _align(row: list[_Node], sizes: list[tuple[float, float]]) -> None:
    """Start the reports of every person in a row on the same level (below the tallest box)."""
    band = max((sizes[item.person][1] for item in row if item.kind == "person"), default=0.0)
    for item in row:
        if item.kind != "person" or not item.parts:
            continue
        delta = band - sizes[item.person][1]
        if delta <= 0:
            continue
        item.parts = [(child, dx, dy + delta) for child, dx, dy in item.parts]
        item.child_dy += delta
        item.h += delta


# ---------------------------------------------------------------------------
# Title block, legend and callouts (measured, then drawn)
# ---------------------------------------------------------------------------


@dataclass
class _Draw:
    """A measured block (title, legend, callouts): texts (x, y, text, size, bold, colour) and swatches
    (kind, (x, y, width, line height, *style)), drawn at an offset by :meth:`_Painter.draw`."""

    w: float = 0.0
    h: float = 0.0
    texts: list[tuple[float, float, str, float, bool, str]] = field(default_factory=list)
    shapes: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)


def _title_block(view: ChartView) -> _Draw:
    d = _Draw()
    d.texts.append((0.0, 0.0, view.title, TITLE_SIZE, True, "#000000"))
    y = _text_h(view.title, TITLE_SIZE) + 6.0
    width = _text_w(view.title, TITLE_SIZE, True)
    key_w = max((_text_w(key, TITLE_ROW_SIZE) for key, _ in view.title_rows), default=0.0) + 12.0
    for key, value in view.title_rows:
        shown = "\n".join(wrap(value, 90))
        d.texts.append((0.0, y, key, TITLE_ROW_SIZE, False, "#555555"))
        d.texts.append((key_w, y, shown, TITLE_ROW_SIZE, False, "#000000"))
        width = max(width, key_w + _text_w(shown, TITLE_ROW_SIZE))
        y += _text_h(shown, TITLE_ROW_SIZE) + 2.0
    d.w, d.h = width, y
    return d


def _legend(view: ChartView, max_w: float) -> _Draw:
    """The legend as rows of swatches, one section per row (wrapped to ``max_w``)."""
    lang = view.lang
    size = LEGEND_SIZE
    lh = size * LINE_SPACING
    d = _Draw()
    pad = 10.0
    d.texts.append((pad, pad, text("legend", lang), size + 1.5, True, "#000000"))
    y = pad + (size + 1.5) * LINE_SPACING + 6.0
    # Each item: (swatch kind, swatch data, swatch width, label).
    sections: list[tuple[str, list[tuple[str, tuple[Any, ...], float, str]]]] = []
    stance_items = []
    for stance in (*Stance.ordered(), Stance.UNKNOWN):
        s = STANCE_STYLES[stance]
        stance_items.append(("stance", (s,), max(30.0, _text_w(s.symbol, size) + 14.0), stance.label(lang)))
    sections.append((text("stance", lang), stance_items))
    role_items = []
    for role in Role:
        badge = f"[{ROLE_BADGES[role].short[lang]}]"
        role_items.append(
            ("text", (badge, ROLE_BADGES[role].colour, True), _text_w(badge, size, True), role.label(lang))
        )
    sections.append((text("roles", lang), role_items))
    line_items: list[tuple[str, tuple[Any, ...], float, str]] = [
        ("line", (LINE_STYLES[LineKind.REPORTS_TO], 1.2, "-"), 30.0, text("reports_to", lang)),
        ("line", (LINE_STYLES[LineKind.DOTTED_LINE], 1.2, "-"), 30.0, text("dotted_line", lang)),
        ("line", (LINE_STYLES[LineKind.INFLUENCE], 2.4, "-|>"), 30.0, text("influence_line", lang)),
        ("line", (LINE_STYLES[LineKind.DELEGATION], 1.8, "-|>"), 30.0, text("real_delegation", lang)),
        ("line", (NOMINAL_STYLE, 1.8, "-|>"), 30.0, text("nominal_delegation", lang)),
        ("line", (LINE_STYLES[LineKind.INTRODUCTION], 1.2, "->"), 30.0, text("introduction", lang)),
    ]
    sections.append((text("lines", lang), line_items))
    markers: list[tuple[str, str]] = []
    if view.redaction.insiders:
        markers += [(INSIDER_SYMBOL[k], text(k.value, lang)) for k in INSIDER_SYMBOL]
    markers += [
        ("D/I/S/C", text("disc", lang)),
        ("■■■□□", text("influence", lang)),
        (FACTION_SYMBOL, text("faction", lang)),
        (FLAG_SYMBOL, text("flagged", lang)),
    ]
    sections.append(
        (text("markers", lang), [("text", (g, "#000000", False), _text_w(g, size), label) for g, label in markers])
    )
    if view.factions:
        faction_items = [
            ("text", (FACTION_SYMBOL, "#000000", False), _text_w(FACTION_SYMBOL, size), entry)
            for entry in view.factions
        ]
        sections.append((text("faction", lang), faction_items))
    sections = [(title[:1].upper() + title[1:], items) for title, items in sections]
    head_w = max(_text_w(title, size, True) for title, _ in sections) + 14.0
    right = pad + head_w
    widest = 0.0
    for title, items in sections:
        d.texts.append((pad, y, title, size, True, "#555555"))
        x = right
        for kind, data, sw, label in items:
            item_w = sw + 5.0 + _text_w(label, size) + 16.0
            if x > right and x + item_w > max_w - pad:
                x = right
                y += lh + 8.0
            d.shapes.append((kind, (x, y, sw, lh, *data)))
            d.texts.append((x + sw + 5.0, y, label, size, False, "#000000"))
            x += item_w
            widest = max(widest, x - 16.0)
        y += lh + 10.0
    d.w = widest + pad
    d.h = y - 10.0 + pad
    return d


def _callouts(view: ChartView) -> _Draw:
    d = _Draw()
    pad = 10.0
    heading = f"{FLAG_SYMBOL} {text('flags', view.lang)}"
    d.texts.append((pad, pad, heading, LEGEND_SIZE + 1.5, True, "#000000"))
    y = pad + (LEGEND_SIZE + 1.5) * LINE_SPACING + 6.0
    width = _text_w(heading, LEGEND_SIZE + 1.5, True)
    for line in view.callouts:
        shown = "\n".join(wrap(line, 70))
        d.texts.append((pad, y, shown, LEGEND_SIZE, False, "#000000"))
        width = max(width, _text_w(shown, LEGEND_SIZE))
        y += _text_h(shown, LEGEND_SIZE) + 4.0
    d.w = width + 2 * pad
    d.h = y - 4.0 + pad
    return d


# ---------------------------------------------------------------------------
# Drawing the chart
# ---------------------------------------------------------------------------


def _put(
    ax: Axes,
    x: float,
    y: float,
    value: str,
    size: float,
    *,
    bold: bool = False,
    colour: str = "#000000",
    ha: str = "left",
    va: str = "top",
    zorder: float = 3.0,
    **kwargs: Any,
) -> Text:
    """A text drawn literally (no mathtext) with the CJK font list."""
    family, weight = _font(value, bold)
    return ax.text(
        x,
        y,
        value,
        fontsize=size,
        fontweight=weight,
        color=colour,
        ha=ha,
        va=va,
        family=family,
        parse_math=False,
        linespacing=LINE_SPACING,
        zorder=zorder,
        **kwargs,
    )


class _Painter:
    """Adds artists to the axes, in layout points multiplied by ``scale``."""

    def __init__(self, ax: Axes, scale: float) -> None:
        self.ax = ax
        self.scale = scale

    def text(self, x: float, y: float, value: str, size: float, **kwargs: Any) -> Text:
        return _put(self.ax, x, y, value, size * self.scale, **kwargs)

    def lw(self, width: float) -> float:
        return max(0.2, width * self.scale)

    def draw(self, d: _Draw, x0: float, y0: float) -> None:
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
                        linestyle=_LINESTYLES.get(style.style, "-"),
                        shrinkA=0,
                        shrinkB=0,
                        zorder=2.0,
                    )
                )
        for x, y, value, size, bold, colour in d.texts:
            self.text(x0 + x, y0 + y, value, size, bold=bold, colour=colour)


def _person_patch(
    painter: _Painter, p: PersonView, box: tuple[float, float, float, float], simple: bool
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
    painter: _Painter,
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
            linestyle=_LINESTYLES.get(e.style.style, "-"),
            shrinkA=0.0,
            shrinkB=0.0,
            zorder=1.5,
        )
    )
    if e.label:
        size = (_text_w(e.label, TEXT_SIZE) + 4.0, _text_h(e.label, TEXT_SIZE) + 2.0)
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
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF", "edgecolor": "none", "alpha": 0.85},
        )


def _root_figure(ax: Axes) -> Figure:
    """The figure holding ``ax`` (the top one when ``ax`` is in a subfigure)."""
    figure: Any = ax.figure
    for _ in range(100):
        if isinstance(figure, Figure):
            return figure
        figure = figure.figure
    raise TypeError("the axes are not in a matplotlib Figure")


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
    figure = _root_figure(ax)
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
    contents = [_box_content(p, view.lang, simple) for p in people]
    layout = _Layout(view, [(c.w, c.h) for c in contents])
    root = layout.build()

    title = _title_block(view)
    legend = _legend(view, max(root.w, title.w, 900.0))
    callouts = _callouts(view) if view.callouts else None
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
    painter = _Painter(ax, scale)
    painter.draw(title, MARGIN, MARGIN)

    for rect in layout.rects:
        fill, border, style = _UNIT_STYLE[rect.unit.related]
        cluster = FancyBboxPatch(
            (rect.x, rect.y),
            rect.w,
            rect.h,
            boxstyle="round,pad=0,rounding_size=8",
            facecolor=fill,
            edgecolor=border,
            linewidth=painter.lw(1.0),
            linestyle=style,
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
            colour="#333333",
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
        (r.x + 8.0, r.y + 5.0, _text_w(r.unit.label, UNIT_LABEL, True), _text_h(r.unit.label, UNIT_LABEL))
        for r in layout.rects
    ]
    for e in view.edges:
        if e.source not in boxes or e.target not in boxes or e.source == e.target:
            continue
        if e.kind is LineKind.REPORTS_TO and (index[e.source], index[e.target]) in layout.tree_edges:
            continue
        _draw_edge(painter, e, boxes, obstacles)

    painter.draw(legend, MARGIN, footer_top)
    _frame(ax, painter, MARGIN, footer_top, legend.w, legend.h, "#FFFFFF", "#999999")
    if callouts is not None:
        cx, cy = (MARGIN + legend.w + gap, footer_top) if side_by_side else (MARGIN, footer_top + legend.h + gap)
        _frame(ax, painter, cx, cy, callouts.w, callouts.h, "#FFF4EC", "#C8501A")
        painter.draw(callouts, cx, cy)
    return fig, ax


def _frame(ax: Axes, painter: _Painter, x: float, y: float, w: float, h: float, fill: str, border: str) -> None:
    ax.add_artist(Rectangle((x, y), w, h, facecolor=fill, edgecolor=border, linewidth=painter.lw(1.0), zorder=0.4))


# ---------------------------------------------------------------------------
# The power map
# ---------------------------------------------------------------------------

_ZONE_FILL = {
    "neutralise": "#FBE1CF",
    "win_over": "#FFF3C4",
    "keep_close": "#D5EFE4",
    "monitor": "#F1F1F1",
}
_ZONE_TEXT = {
    "neutralise": "#8A3B00",
    "win_over": "#6B5500",
    "keep_close": "#0B4F3C",
    "monitor": "#555555",
}


def draw_power_map(view: ChartView, ax: Axes | None = None) -> tuple[Figure, Axes]:
    """The power map: influence (y, 0..1) against stance (x), every person placed and labelled.

    Columns go enemy → mentor from left to right; unknown stands apart at the far
    right (unknown is never neutral). The top row (influence ≥ ``HIGH_INFLUENCE``)
    is split into *neutralise*, *win over* and *keep close*; the bottom band is *monitor*.
    """
    lang = view.lang
    family = _family()
    if ax is None:
        fig = Figure(figsize=(14.0, 8.5))
        fig.set_layout_engine("none")
        ax = fig.add_axes((0.07, 0.11, 0.9, 0.8))
    else:
        fig = _root_figure(ax)
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
                (x0, HIGH_INFLUENCE),
                x1 - x0,
                y_max - HIGH_INFLUENCE,
                facecolor=_ZONE_FILL[key],
                edgecolor="none",
                zorder=0,
            )
        )
        _put(ax, x0 + 0.05, y_max - 0.02, text(key, lang), 12, bold=True, colour=_ZONE_TEXT[key], zorder=1)
    for x0, x1 in (known, unknown):
        ax.add_patch(
            Rectangle(
                (x0, y_min),
                x1 - x0,
                HIGH_INFLUENCE - y_min,
                facecolor=_ZONE_FILL["monitor"],
                edgecolor="none",
                zorder=0,
            )
        )
    _put(
        ax,
        known[0] + 0.05,
        y_min + 0.015,
        text("monitor", lang),
        12,
        bold=True,
        colour=_ZONE_TEXT["monitor"],
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
            edgecolor="#9A9A9A",
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
            edgecolor="#777777",
            linewidth=1.0,
            linestyle="--",
            zorder=0.3,
        )
    )
    for x0, x1 in (known, unknown):
        ax.plot([x0, x1], [HIGH_INFLUENCE, HIGH_INFLUENCE], color="#555555", linestyle="--", linewidth=1.2, zorder=0.5)
    for stance, (x0, _) in POWER_MAP_COLUMNS.items():
        if stance not in (Stance.ENEMY, Stance.UNKNOWN):
            ax.plot([x0, x0], [y_min, y_max], color="#FFFFFF", linewidth=1.5, zorder=0.4)

    # People: the marker at the exact influence, in a lane of the stance column, and the name beside it.
    # Lanes, sides and (last) small vertical nudges of the name are tried in a fixed order, so labels do
    # not overlap and the same map always looks the same. A nudged name never crosses HIGH_INFLUENCE.
    placer = _Placer()
    gap = 3.0 / pt_x
    markers: dict[Stance, tuple[list[float], list[float], list[float]]] = {s: ([], [], []) for s in POWER_MAP_COLUMNS}
    order = sorted(range(len(view.people)), key=lambda i: (-(view.people[i].influence or 0.0), i))
    for i in order:
        p = view.people[i]
        influence = min(1.0, max(0.0, p.influence or 0.0))
        x0, x1 = POWER_MAP_COLUMNS[p.stance]
        size = (18.0 if crowded else 40.0) + (90.0 if crowded else 260.0) * influence
        radius = math.sqrt(size) / 2 / pt_x
        marker_h = math.sqrt(size) / 2 / pt_y
        label_w = (_text_w(p.name, label_size) + 2.0) / pt_x
        label_h = (label_size * LINE_SPACING * (p.name.count("\n") + 1) + 2.0) / pt_y
        high = influence >= HIGH_INFLUENCE
        best: tuple[float, float, float, str, float] | None = None
        nudges = (0.0,) if crowded else (0.0, 1.0, -1.0, 2.0, -2.0)
        for nudge in nudges:
            ly = influence + nudge * label_h
            if nudge and ((ly >= HIGH_INFLUENCE) != high or not -0.04 <= ly <= 1.08):
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
        text_ = _put(
            ax,
            lx,
            ly,
            p.name,
            label_size,
            ha="left" if side == "right" else "right",
            va="center",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.12", "facecolor": "#FFFFFF", "edgecolor": "none", "alpha": 0.65},
        )
        text_.set_gid(f"{POWER_MAP_GID}{p.node}")
        if nudge:
            ax.plot([mx, lx], [influence, ly], color="#888888", linewidth=0.6, zorder=2.5)
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
    title_family, title_weight = _font(text("power_map", lang), True)
    ax.set_title(
        text("power_map", lang), loc="left", family=title_family, fontsize=15, fontweight=title_weight, parse_math=False
    )
    customer = next((value for key, value in view.title_rows if key == text("customer", lang)), "")
    if customer:
        ax.set_title(
            wrap(customer, 70, 1)[0], loc="right", family=family, fontsize=10, color="#555555", parse_math=False
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


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------


def save_figure(view: ChartView, path: Path, fmt: str, dpi: int = PNG_DPI) -> Path:
    """Draw the chart and write it to ``path`` as ``fmt`` (png at ``dpi``, svg, pdf), atomically."""
    from ..atomic import atomic_write

    path = Path(path)
    atomic_write(path, figure_bytes(lambda: draw_chart(view), fmt, dpi))
    return path


def figure_bytes(draw: Callable[[], tuple[Figure, Axes]], fmt: str, dpi: int = PNG_DPI) -> bytes:
    """The figure ``draw`` makes, saved as ``fmt`` (png at ``dpi``, svg, pdf): the one way figures are saved.

    The same map gives the same bytes (no dates, fixed SVG ids); SVG keeps text
    as text (``svg.fonttype: none``), set only for this save; the background is white.
    """
    fmt = fmt.lower()
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"cannot save format {fmt!r} (expected png, svg or pdf)")
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "stakeholders"}), warnings.catch_warnings():
        if not cjk_font().cjk:
            # fonts.cjk_font already warned once how to install a Chinese font.
            warnings.filterwarnings("ignore", message=".*missing from font")
        fig, _ = draw()
        try:
            fig.savefig(buffer, format=fmt, dpi=dpi if fmt == "png" else "figure", metadata=metadata, facecolor="white")
        finally:
            fig.clear()
    return buffer.getvalue()

"""Where every person box and unit rectangle of the matplotlib chart goes: a pure layout.

Nothing here imports matplotlib: box sizes come in (from :func:`.boxes.box_content`)
and text widths through a :class:`~.boxes.Measure`, so a layout can be computed
and tested without a drawing library. Sizes are in points, y grows downwards.

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..model import LineKind
from .boxes import Measure, text_height
from .theme import STACK_WIDTH
from .view import ChartView, UnitView

__all__ = ["Layout", "Node", "UnitRect"]

# Sizes, in points.
H_GAP = 16.0  # between neighbours in a row
V_GAP = 38.0  # between a manager's box and the row of reports
GRID_TOP = 12.0  # above the first row of stacked reports (its bus line)
GRID_GAP = 18.0  # between rows of stacked reports
UNIT_PAD = 10.0
UNIT_LABEL = 12.0  # unit label font size
COLUMN_GAP = 24.0  # between blocks stacked in a column beside the main tree
SPINE = 14.0  # room left of wrapped rows of subtrees for the line feeding them
WRAP_WIDTH = 1800.0  # a row of subtrees under one manager wraps only when wider than this …
WRAP_ASPECT = 1.6  # … and wider than this many times its height


@dataclass(eq=False)
class Node:
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
    parts: list[tuple[Node, float, float]] = field(default_factory=list)
    entries: list[Node] = field(default_factory=list)
    ax: float = 0.0
    ay: float = 0.0


@dataclass
class UnitRect:
    unit: UnitView
    x: float
    y: float
    w: float
    h: float


class Layout:
    """Places every person box and unit rectangle; collects the reporting-line segments."""

    def __init__(self, view: ChartView, sizes: list[tuple[float, float]], measure: Measure) -> None:
        self.view = view
        self.sizes = sizes
        self.measure = measure
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
        self.rects: list[UnitRect] = []
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

    def build(self) -> Node:
        try:
            return self._content(None)
        except RecursionError:
            # A reporting chain deeper than Python's stack: give up the tree, keep every person.
            return self._grid(list(range(len(self.view.people))), None)

    def _content(self, unit: str | None, anchor: int | None = None) -> Node:
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
        rows: list[list[Node]] = [connected + columns]
        if self._row_width(rows[0]) > target:
            rows = [connected]
            for item in free:
                if rows[-1] and self._row_width([*rows[-1], item]) > target:
                    rows.append([])
                rows[-1].append(item)
        rows.append(self._row_items(lower, local_children, anchored, visited))
        rows = [row for row in rows if row]
        node = Node("stack")
        y = 0.0
        width = max((self._row_width(row) for row in rows), default=0.0)
        for row in rows:
            align_row(row, self.sizes)
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
    def _columns(items: list[Node], height: float) -> list[Node]:
        """Stack consecutive items into columns no taller than ``height`` (single items stay as they are)."""
        groups: list[list[Node]] = []
        used = 0.0
        for item in items:
            if groups and used + COLUMN_GAP + item.h <= height:
                groups[-1].append(item)
                used += COLUMN_GAP + item.h
            else:
                groups.append([item])
                used = item.h
        columns: list[Node] = []
        for group in groups:
            if len(group) == 1:
                columns.append(group[0])
                continue
            column = Node("column")
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
    def _row_width(row: list[Node]) -> float:
        return sum(item.w for item in row) + H_GAP * max(0, len(row) - 1)

    def _row_items(
        self, people: list[int], children: dict[int, list[int]], anchored: dict[int, list[str]], visited: set[int]
    ) -> list[Node]:
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
    ) -> Node:
        visited.add(i)
        bw, bh = self.sizes[i]
        kids = [j for j in children.get(i, []) if j not in visited]
        items = self._row_items(kids, children, anchored, visited)
        items += [self._unit_node(u, i) for u in anchored.get(i, [])]
        node = Node("person", person=i)
        if not items:
            node.w, node.h, node.anchor = bw, bh, bw / 2
            return node
        rows = wrap_row(items)
        for row in rows:
            align_row(row, self.sizes)
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

    def _grid(self, cells: list[int], manager: int | None) -> Node:
        columns = min(STACK_WIDTH, len(cells))
        rows = math.ceil(len(cells) / columns) if cells else 0
        cell_w = max((self.sizes[i][0] for i in cells), default=0.0)
        cell_h = max((self.sizes[i][1] for i in cells), default=0.0)
        node = Node("grid", cells=cells, columns=columns, cell_w=cell_w, cell_h=cell_h, manager=manager)
        node.w = columns * cell_w + (columns - 1) * H_GAP
        top = GRID_TOP if manager is not None else 0.0
        node.h = top + rows * cell_h + max(0, rows - 1) * GRID_GAP
        # The spine runs down the gap in the middle of the grid, between two columns.
        half = columns // 2
        node.anchor = half * (cell_w + H_GAP) - H_GAP / 2 if columns > 1 else cell_w / 2
        return node

    def _unit_node(self, unit: str, manager: int | None) -> Node:
        view = self.units[unit]
        content = self._content(unit, manager)
        label_w = self.measure(view.label, UNIT_LABEL, True) + 16.0
        inner_w = max(content.w, label_w)
        node = Node("unit", unit=view, manager=manager)
        node.w = inner_w + 2 * UNIT_PAD
        head = text_height(view.label, UNIT_LABEL) + 8.0
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

    def _reports_to(self, item: Node, manager: int) -> bool:
        if item.kind == "person":
            return self.manager[item.person] == manager
        return item.kind == "grid" and item.manager == manager

    # -- placing (absolute positions) ---------------------------------------------

    def place(self, node: Node, x: float, y: float) -> None:
        node.ax, node.ay = x, y
        if node.kind == "person":
            i = node.person
            bw, bh = self.sizes[i]
            self.boxes[i] = (x + node.box_x, y, bw, bh)
        elif node.kind == "grid":
            self._place_grid(node, x, y)
        elif node.kind == "unit" and node.unit is not None:
            self.rects.append(UnitRect(node.unit, x, y, node.w, node.h))
        for child, dx, dy in node.parts:
            self.place(child, x + dx, y + dy)
        if node.kind == "person" and node.parts:
            self._connect(node)

    def _connect(self, node: Node) -> None:
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

    def _place_grid(self, node: Node, x: float, y: float) -> None:
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


def wrap_row(items: list[Node]) -> list[list[Node]]:
    """Split a row of subtrees into rows when it is much wider than it is tall (a huge map stays readable)."""
    total = sum(item.w for item in items) + H_GAP * (len(items) - 1)
    area = sum(item.w * (item.h + V_GAP) for item in items)
    target = max(WRAP_WIDTH, *(item.w for item in items), math.sqrt(WRAP_ASPECT * area))
    if total <= target:
        return [items]
    rows: list[list[Node]] = [[]]
    width = 0.0
    for item in items:
        if rows[-1] and width + H_GAP + item.w > target:
            rows.append([])
            width = 0.0
        width += (H_GAP if rows[-1] else 0.0) + item.w
        rows[-1].append(item)
    return rows


def align_row(row: list[Node], sizes: list[tuple[float, float]]) -> None:
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

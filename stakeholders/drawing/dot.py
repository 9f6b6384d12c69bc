"""The organisation analysis chart as Graphviz DOT, and running ``dot`` on it.

Building the DOT text is pure (no binary needed) and deterministic: the same input gives the
same text, byte for byte. Node ids are internal (``p0``, ``p1``, ...), never names; every text
a user typed goes into an HTML-like label, XML-escaped, so quotes, backslashes, ``<>``, ``{}|``,
``:`` and newlines show literally (rendering.md cases 1-3, 7).

The DOT text is assembled with the ``graphviz`` package (quoting of ids and attributes). Running
``dot`` goes through :mod:`subprocess` directly because ``graphviz.pipe`` has no time limit, and
a large map must fail with a clear message instead of hanging.
"""

from __future__ import annotations

import html
import math
import re
import shutil
import subprocess
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..errors import StakeholdersError
from ..model import LineKind
from ..vocab import Role, Stance
from . import theme
from .fonts import cjk_font, font_fallbacks, fontconfig_env
from .notes import RenderNote
from .theme import (
    FACTION_SYMBOL,
    FLAG_SYMBOL,
    LARGE_MAP,
    LINE_STYLES,
    NOMINAL_STYLE,
    ROLE_BADGES,
    STACK_WIDTH,
    STANCE_STYLES,
    badge_colour,
    legend_markers,
    text,
)
from .view import ChartView, EdgeView, PersonView, UnitView, pack, wrap

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import graphviz

__all__ = ["DotNotFound", "RenderError", "RenderNote", "RenderTimeout", "dot_source", "run_dot"]

#: In large maps leaves stack from this many on.
LARGE_STACK_WIDTH = 3


class RenderError(StakeholdersError, RuntimeError):
    """Drawing the chart failed."""


class DotNotFound(RenderError, FileNotFoundError):
    """The Graphviz ``dot`` program is not installed."""


class RenderTimeout(RenderError, TimeoutError):
    """``dot`` took longer than the time limit."""


def _e(value: str) -> str:
    """XML-escape user text for an HTML-like label; keep it literal."""
    # Graphviz expands \N, \G, \E, \T, \H and \L (node, graph, edge names) even in HTML-like labels,
    # and reads \\ as one backslash: doubling every backslash keeps the text literal.
    escaped = html.escape(value, quote=True).replace("\\", "\\\\")
    # Control characters (other than newline/tab) are not allowed in XML: show them as U+FFFD.
    return "".join(ch if ch in "\n\t" or ord(ch) >= 32 else "\ufffd" for ch in escaped)


def _lines(values: Iterable[str], align: str = "LEFT") -> str:
    return f'<BR ALIGN="{align}"/>'.join(_e(v) or " " for v in values)


def _font_face() -> str:
    font = cjk_font()
    return ",".join([font.family, *font_fallbacks()])


def _person_label(p: PersonView, lang: str) -> str:
    """The HTML-like label of one person's node."""
    return f"<{_person_card(p, lang)}>"


def _person_card(p: PersonView, lang: str) -> str:
    """One person's card as an HTML-like table (also used inside stacked blocks)."""
    s = p.style
    fc = s.font
    rows: list[str] = []
    head = f"<B>{_lines(p.name.split(chr(10)))}</B>"  # a long name comes wrapped (view.NAME_WIDTH)
    if p.flagged:
        head = f"{FLAG_SYMBOL} " + head
    right = f'<FONT POINT-SIZE="12" COLOR="{fc}"><B>{_e(p.disc)}</B></FONT>' if p.disc else " "
    rows.append(
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="13" COLOR="{fc}">{head}</FONT></TD>'
        f'<TD ALIGN="RIGHT">{right}</TD></TR>'
    )
    if p.title:
        rows.append(
            f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{fc}">'
            f"{_lines(p.title)}</FONT></TD></TR>"
        )
    if p.badges:
        badges = " ".join(
            f'<FONT POINT-SIZE="10" COLOR="{badge_colour(colour, s.fill)}"><B>[{_e(short)}]</B></FONT>'
            for short, colour in p.badges
        )
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{badges}</TD></TR>')
    rows.append(
        f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{fc}">'
        f"{_e(p.detail_line())}</FONT></TD></TR>"
    )
    for faction in p.factions:
        rows.append(
            f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{fc}">{_e(faction)}</FONT></TD></TR>'
        )
    if (influence := p.influence_line(lang)) is not None:
        rows.append(
            f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{fc}">{_e(influence)}</FONT></TD></TR>'
        )
    style = ' STYLE="dashed"' if s.dashed else ' STYLE="rounded"'
    border = max(1, round(s.penwidth))
    return (
        f'<TABLE BORDER="{border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
        f'BGCOLOR="{s.fill}" COLOR="{s.border}"{style}>{"".join(rows)}</TABLE>'
    )


def _cluster(parent: graphviz.Digraph, name: str) -> AbstractContextManager[graphviz.Digraph]:
    """``parent.subgraph(name=...)``, typed: given a name and no graph it is a context manager."""
    return cast("AbstractContextManager[graphviz.Digraph]", parent.subgraph(name=name))


def _title_label(view: ChartView) -> str:
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="22"><B>{_e(view.title)}</B></FONT></TD></TR>']
    for key, value in view.title_rows:
        rows.append(
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{theme.MUTED_TEXT}">{_e(key)}</FONT></TD>'
            f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="11">{_lines(wrap(value, 90))}</FONT></TD></TR>'
        )
    return f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>>'


def _cells(pairs: list[tuple[str, str]]) -> str:
    """One row of (swatch, label) cell pairs as an inner table."""
    return (
        '<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="1"><TR>'
        + "".join(f'{swatch}<TD ALIGN="LEFT">{_e(label)}  </TD>' for swatch, label in pairs)
        + "</TR></TABLE>"
    )


def _legend_label(view: ChartView) -> str:
    """The legend as rows of swatches: stance, roles, lines, markers, factions."""
    lang = view.lang
    stance_cells = []
    for stance in (*Stance.ordered(), Stance.UNKNOWN):
        s = STANCE_STYLES[stance]
        style = ' STYLE="dashed"' if s.dashed else ""
        stance_cells.append(
            (
                f'<TD BGCOLOR="{s.fill}" BORDER="1" COLOR="{s.border}"{style}>'
                f'<FONT COLOR="{s.font}"> {_e(s.symbol)} </FONT></TD>',
                stance.label(lang),
            )
        )
    role_cells = [
        (
            f'<TD><FONT COLOR="{ROLE_BADGES[r].colour}"><B>[{_e(ROLE_BADGES[r].short.pick(lang))}]</B></FONT></TD>',
            r.label(lang),
        )
        for r in Role
    ]
    line_rows = [
        ("━━", LINE_STYLES[LineKind.REPORTS_TO].colour, "reports_to"),
        ("┈┈", LINE_STYLES[LineKind.DOTTED_LINE].colour, "dotted_line"),
        ("⟶", LINE_STYLES[LineKind.INFLUENCE].colour[:7], "influence_line"),
        ("⟶", LINE_STYLES[LineKind.DELEGATION].colour, "real_delegation"),
        ("⇢", NOMINAL_STYLE.colour, "nominal_delegation"),
        ("⇢", LINE_STYLES[LineKind.INTRODUCTION].colour, "introduction"),
    ]
    if not view.redaction.insiders:  # a shared chart has no introduction lines (they point at the coach)
        line_rows = line_rows[:-1]
    line_cells = [
        (f'<TD><FONT COLOR="{colour}"><B>{glyph}</B></FONT></TD>', text(key, lang)) for glyph, colour, key in line_rows
    ]
    markers = legend_markers(lang, insiders=view.redaction.insiders)
    marker_cells = [(f"<TD>{_e(glyph)}</TD>", label) for glyph, label in markers]
    rows = [
        f'<TR><TD ALIGN="LEFT"><B>{_e(text("legend", lang))}</B></TD></TR>',
        f'<TR><TD ALIGN="LEFT">{_cells(stance_cells)}</TD></TR>',
        f'<TR><TD ALIGN="LEFT">{_cells(role_cells + marker_cells)}</TD></TR>',
        f'<TR><TD ALIGN="LEFT">{_cells(line_cells)}</TD></TR>',
    ]
    if view.factions:
        # Lines of whole entries: dot 2.4x refuses a text run of more than 16384 bytes between two tags.
        factions = pack([f"{FACTION_SYMBOL} {entry}" for entry in view.factions], 180)
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_lines(factions)}</TD></TR>')
    return (
        f'<TABLE BORDER="1" COLOR="{theme.LEGEND_BORDER}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
        f"{''.join(rows)}</TABLE>"
    )


def _callout_label(view: ChartView) -> str:
    rows = [f'<TR><TD ALIGN="LEFT"><B>{FLAG_SYMBOL} {_e(text("flags", view.lang))}</B></TD></TR>']
    for line in view.callouts:
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_lines(wrap(line, 70))}</TD></TR>')
    return (
        f'<TABLE BORDER="1" COLOR="{theme.CALLOUT_BORDER}" BGCOLOR="{theme.CALLOUT_FILL}" CELLBORDER="0"'
        f' CELLSPACING="0" CELLPADDING="3">{"".join(rows)}</TABLE>'
    )


def _footer_label(view: ChartView) -> str:
    """Legend and red-flag callouts side by side, under the chart."""
    cells = f'<TD VALIGN="TOP">{_legend_label(view)}</TD>'
    if view.callouts:
        cells += f'<TD VALIGN="TOP">{_callout_label(view)}</TD>'
    return f'<<TABLE BORDER="0" CELLSPACING="12" CELLPADDING="0"><TR>{cells}</TR></TABLE>>'


def _columns(count: int) -> int:
    """Columns of a stacked block: about square on paper (a box is about twice as wide as tall)."""
    return max(LARGE_STACK_WIDTH, min(count, math.ceil(math.sqrt(count / 2))))


def _stacks(
    view: ChartView, manager_of: dict[str, str | None], has_reports: set[str], width: int
) -> dict[tuple[str, str | None], list[str]]:
    """Groups of leaf reports (same manager, same unit) too many to stand side by side.

    They are drawn as a block of rows ``width`` wide, so 300 direct reports stay readable.
    """
    groups: dict[tuple[str, str | None], list[str]] = {}
    for p in view.people:
        manager = manager_of[p.node]
        if manager is None or p.node in has_reports:
            continue
        groups.setdefault((manager, p.unit), []).append(p.node)
    return {key: nodes for key, nodes in groups.items() if len(nodes) > width}


def dot_source(view: ChartView) -> str:
    """The DOT text of a chart view. Pure: no ``dot`` binary is needed."""
    import graphviz

    font = _font_face()
    g = graphviz.Digraph("organisation_chart", strict=False)
    g.attr(
        "graph",
        rankdir="TB",
        newrank="true",
        compound="true",
        charset="UTF-8",
        fontname=font,
        label=_footer_label(view),
        labelloc="b",
        labeljust="l",
        nodesep="0.25",
        ranksep="0.55",
        pad="0.3",
        splines="true",
        outputorder="edgesfirst",
        bgcolor=theme.BACKGROUND,
    )
    if len(view.people) > LARGE_MAP:
        g.attr("graph", nslimit="2", nslimit1="2", mclimit="0.2", searchsize="10")
    g.attr("node", shape="plain", fontname=font, fontsize="10")
    g.attr("edge", fontname=font, fontsize="9", arrowsize="0.7")

    units = {u.id: u for u in view.units}
    person_by_node = {p.node: p for p in view.people}
    manager_of: dict[str, str | None] = {p.node: None for p in view.people}
    has_reports: set[str] = set()
    for e in view.edges:
        if e.kind is LineKind.REPORTS_TO:
            manager_of[e.target] = e.source
            has_reports.add(e.source)
    threshold = STACK_WIDTH if len(view.people) <= LARGE_MAP else LARGE_STACK_WIDTH
    stacks = _stacks(view, manager_of, has_reports, threshold)
    columns = {key: _columns(len(nodes)) for key, nodes in stacks.items()}
    block_of = {key: f"stack_{nodes[0]}" for key, nodes in stacks.items()}

    def _block_label(key: tuple[str, str | None], members: list[str]) -> str:
        """Many leaf reports of one manager as one grid node; each card is a port for lines."""
        width = columns[key]
        count = text("direct_reports", view.lang).format(n=len(members))
        rows = [f'<TR><TD COLSPAN="{width}" ALIGN="LEFT"><FONT POINT-SIZE="10">{_e(count)}</FONT></TD></TR>']
        for start in range(0, len(members), width):
            cells = "".join(
                f'<TD PORT="{m}" VALIGN="TOP">{_person_card(person_by_node[m], view.lang)}</TD>'
                for m in members[start : start + width]
            )
            rows.append(f"<TR>{cells}</TR>")
        return (
            f'<<TABLE BORDER="1" STYLE="rounded" COLOR="{theme.STACK_BORDER}" CELLBORDER="0" CELLSPACING="6"'
            f' CELLPADDING="0">{"".join(rows)}</TABLE>>'
        )

    def endpoint(node: str) -> str:
        key = stacked.get(node)
        return node if key is None else f"{block_of[key]}:{node}"

    stacked = {node: key for key, nodes in stacks.items() for node in nodes}

    def add_people(container: graphviz.Digraph, nodes: list[str]) -> None:
        """Place people; a manager's many leaf reports of one unit go into a stacked block."""
        placed: set[tuple[str, str | None]] = set()
        for node in nodes:
            key = stacked.get(node)
            if key is None:
                container.node(node, label=_person_label(person_by_node[node], view.lang))
                continue
            if key in placed:
                continue
            placed.add(key)
            members = stacks[key]
            container.node(block_of[key], label=_block_label(key, members))

    def add_unit(parent: graphviz.Digraph, unit: UnitView) -> None:
        with _cluster(parent, unit.cluster) as c:
            c.attr(
                label=f"<<B>{_e(unit.label)}</B>>",
                style="dashed,rounded" if unit.related else "rounded",
                color=theme.UNIT_STYLES[unit.related].border,
                bgcolor=theme.UNIT_STYLES[unit.related].fill,
                fontsize="12",
                labeljust="l",
                margin="10",
            )
            add_people(c, unit.people)
            for child in unit.children:
                add_unit(c, units[child])

    with _cluster(g, "cluster_chart") as top:
        # The whole chart sits in one borderless cluster whose label is the title block.
        bg = theme.BACKGROUND
        top.attr(label=_title_label(view), labelloc="t", labeljust="l", color=bg, bgcolor=bg, margin="12")
        add_people(top, [p.node for p in view.people if p.unit is None])
        for unit in view.units:
            if unit.parent is None:
                add_unit(top, unit)

    def dot_node(node: str) -> str:
        key = stacked.get(node)
        return node if key is None else block_of[key]

    # The rank dot gives each box: its depth in the reporting forest (a block: its members' depth).
    depth: dict[str, int] = {}
    for p in view.people:
        chain: list[str] = []
        node: str | None = p.node
        while node is not None and node not in depth:
            chain.append(node)
            node = manager_of[node]
        base = depth[node] + 1 if node is not None else 0
        for offset, member in enumerate(reversed(chain)):
            depth[member] = base + offset

    for e, merged in _merge_parallel_lines(view.edges, dot_node, depth.__getitem__):
        both, label, penwidth = e.mutual, e.label or "", e.penwidth
        if merged:
            both = both or any(m.mutual or dot_node(m.source) != dot_node(e.source) for m in merged)
            label = ", ".join(dict.fromkeys(m.label for m in (e, *merged) if m.label))
            penwidth = max(penwidth, *(m.penwidth for m in merged))
        attrs = {
            "color": e.style.colour,
            "style": e.style.style,
            "arrowhead": e.style.arrowhead,
            "penwidth": f"{penwidth:g}",
        }
        if not e.style.constraint:
            attrs["constraint"] = "false"
        if both:
            attrs["dir"] = "both"
            attrs["arrowtail"] = e.style.arrowhead
        if label:
            # xlabel: placed after routing; a routed label on parallel edges crashes dot 2.43 (lost edge).
            attrs["xlabel"] = f"<{_e(label)}>"
            attrs["fontcolor"] = e.style.colour
        if e.kind is LineKind.REPORTS_TO:
            attrs["weight"] = "4"
            key = stacked.get(e.target)
            if key is not None:
                # One line from the manager to the block stands for all its members.
                if e.target == stacks[key][0]:
                    g.edge(e.source, block_of[key], **attrs)
                continue
        g.edge(endpoint(e.source), endpoint(e.target), **attrs)

    return str(g.source)


def _merge_parallel_lines(
    edges: list[EdgeView], dot_node: Callable[[str], str], rank: Callable[[str], int]
) -> Iterator[tuple[EdgeView, tuple[EdgeView, ...]]]:
    """The edges to draw, each with the other lines of the same style it stands for.

    Graphviz 2.43 loops forever (opposite lines) or aborts (parallel lines) when
    two non-constraining edges of one style join the same two nodes of one
    rank, e.g. two peers who each sway the other. So such lines between two
    boxes (or stacked blocks) of the same rank are drawn as one edge: the first
    in the file, with arrows at both ends when any goes the other way or is
    mutual, the widest pen and every label. Lines of different kinds, lines
    between ranks, and maps without such lines give the same edges in the same
    order as before.
    """

    first: dict[str, EdgeView] = {}
    others: dict[int, list[EdgeView]] = {}  # by id() of the edge drawn
    skip: set[int] = set()
    for e in edges:
        if e.style.constraint or rank(e.source) != rank(e.target):
            continue
        a, b = dot_node(e.source), dot_node(e.target)
        if a == b:
            continue
        # A text key, not a tuple: nothing more for the garbage collector to walk in large maps.
        key = f"{a} {b} {id(e.style)}" if a < b else f"{b} {a} {id(e.style)}"
        drawn = first.setdefault(key, e)
        if drawn is not e:
            others.setdefault(id(drawn), []).append(e)
            skip.add(id(e))
    for e in edges:
        if not skip or id(e) not in skip:
            yield e, tuple(others.get(id(e), ())) if others else ()


def run_dot(source: str, fmt: str, *, timeout: float = 120.0, dpi: int = 150) -> bytes:
    """Run Graphviz ``dot`` on ``source`` and return the ``fmt`` output (png, svg, pdf).

    Raises :class:`DotNotFound` when ``dot`` is missing, :class:`RenderTimeout`
    past ``timeout`` seconds, and :class:`RenderError` with dot's message when it fails.
    """
    exe = shutil.which("dot")
    if exe is None:
        raise DotNotFound(
            "the Graphviz program `dot` is not installed: install Graphviz (`sudo apt install graphviz` on"
            " Debian/Ubuntu, `brew install graphviz` on macOS, `winget install graphviz` on Windows), or draw with"
            " backend='matplotlib'"
        )
    args = [exe, f"-T{fmt}"]
    if fmt == "png":
        args.append(f"-Gdpi={dpi}")
    done = _run(args, source, timeout)
    if done.returncode != 0 and b"lost" in done.stderr:
        # Graphviz 2.4x sometimes fails to route a curved edge between clusters ("lost p5 p6
        # edge"); straight lines always route, so the chart is drawn rather than refused.
        done = _run([*args, "-Gsplines=line"], source, timeout)
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
        raise RenderError(f"Graphviz failed: {message}")
    if scaled := _SCALED.search(done.stderr):
        warnings.warn(
            f"the chart is too large for a {dpi}-dpi PNG: Graphviz shrank it to {float(scaled[1]):.0%} to fit its"
            " limit of 32,767 pixels a side, so its text may be too small to read; save it as SVG or PDF, which"
            " scale without a limit, or draw fewer people",
            RenderNote,
            stacklevel=4,
        )
    return done.stdout


#: Graphviz's note when a bitmap would pass its size limit (it then scales the whole image down).
_SCALED = re.compile(rb"too large for cairo-renderer bitmaps\. Scaling by ([0-9.]+)")


def _run(args: list[str], source: str, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        # The chosen font may not be one fontconfig knows (matplotlib's, a Mac or Windows folder's, mplfonts'):
        # then dot alone is given a fontconfig file that adds its folder.
        return subprocess.run(
            args, input=source.encode("utf-8"), capture_output=True, timeout=timeout, check=False, env=fontconfig_env()
        )
    except subprocess.TimeoutExpired:
        raise RenderTimeout(
            f"Graphviz took more than {timeout:g} s to lay out the chart; draw a smaller part of the map, raise"
            " the time limit (timeout=...), or use backend='matplotlib'"
        ) from None


def write_dot_output(
    source: str, path: Path, fmt: str, *, timeout: float = 120.0, dpi: int = 150, private: bool = False
) -> Path:
    """Render ``source`` with dot and write it to ``path`` atomically (a new file 0o600 when ``private``)."""
    from ..atomic import atomic_write

    data = run_dot(source, fmt, timeout=timeout, dpi=dpi)
    atomic_write(path, data, private=private)
    return path

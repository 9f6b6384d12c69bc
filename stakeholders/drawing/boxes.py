"""What goes in a person box, and the sizes of the matplotlib chart, in points.

Pure: nothing here imports matplotlib. Text widths come from a :class:`Measure`
(the matplotlib backend passes :func:`.mpl_fonts.text_w`, a test can pass a
simple estimate), so the layout (:mod:`.layout`) can be computed and tested
without a drawing library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .theme import FLAG_SYMBOL, badge_colour
from .view import PersonView, display_width, wrap

__all__ = ["LINE_SPACING", "BoxContent", "Measure", "Run", "box_content", "text_height", "wrap_parts"]

# Sizes, in points.
PAD = 6.0  # inside a person box
ROW_GAP = 2.0  # between text rows in a box
NAME_SIZE = 11.5
TEXT_SIZE = 8.5
BADGE_SIZE = 9.0
SIMPLE_SIZE = 9.0
MIN_BOX_W = 84.0
LINE_SPACING = 1.2


class Measure(Protocol):
    """The width in points of ``value`` (its widest line) drawn at ``size`` points."""

    def __call__(self, value: str, size: float, bold: bool = False) -> float: ...


def text_height(value: str, size: float) -> float:
    """The height in points of ``value`` (one row per line) drawn at ``size`` points."""
    return (value.count("\n") + 1) * size * LINE_SPACING


@dataclass
class Run:
    """One text in a box: ``dx`` from the left edge (or from the right edge when ``right``)."""

    dx: float
    dy: float
    text: str
    size: float
    bold: bool
    colour: str
    right: bool = False


@dataclass
class BoxContent:
    w: float
    h: float
    runs: list[Run]


def wrap_parts(line: str, width: int) -> list[str]:
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


def box_content(p: PersonView, lang: str, simple: bool, measure: Measure) -> BoxContent:
    """The texts of a person box, placed and measured (``simple``: name and stance symbol only)."""
    fc = p.style.font
    head = (f"{FLAG_SYMBOL} " if p.flagged else "") + p.name
    if simple:
        label = f"{head}  {p.style.symbol}"
        w = measure(label, SIMPLE_SIZE) + 2 * 4.0
        return BoxContent(
            max(w, 40.0), text_height(label, SIMPLE_SIZE) + 2 * 4.0, [Run(4.0, 4.0, label, SIMPLE_SIZE, False, fc)]
        )
    runs: list[Run] = []
    widths: list[float] = []
    y = PAD
    head_h = text_height(head, NAME_SIZE)
    runs.append(Run(PAD, y, head, NAME_SIZE, True, fc))
    head_w = measure(head, NAME_SIZE, True)
    if p.disc:
        runs.append(Run(PAD, y + 1.0, p.disc, BADGE_SIZE + 1, True, fc, right=True))
        head_w += 10.0 + measure(p.disc, BADGE_SIZE + 1, True)
    widths.append(head_w)
    y += head_h + ROW_GAP

    def add(value: str, size: float = TEXT_SIZE) -> None:
        nonlocal y
        runs.append(Run(PAD, y, value, size, False, fc))
        widths.append(measure(value, size))
        y += text_height(value, size) + ROW_GAP

    if p.title:
        add("\n".join(p.title))
    if p.badges:
        x = PAD
        for short, colour in p.badges:
            badge = f"[{short}]"
            runs.append(Run(x, y, badge, BADGE_SIZE, True, badge_colour(colour, p.style.fill)))
            x += measure(badge, BADGE_SIZE, True) + 5.0
        widths.append(x - 5.0 - PAD)
        y += text_height("x", BADGE_SIZE) + ROW_GAP
    add("\n".join(wrap_parts(p.detail_line(), 40)))
    if p.factions:
        add("\n".join(p.factions))
    if (influence := p.influence_line(lang)) is not None:
        add(influence)
    w = max(MIN_BOX_W, max(widths) + 2 * PAD)
    return BoxContent(w, y - ROW_GAP + PAD, runs)

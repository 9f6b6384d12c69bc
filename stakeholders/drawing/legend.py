"""The title block, the legend and the red-flag callouts of the matplotlib chart, measured.

Each is a :class:`~.paint.Block` of texts and swatches with its size, so the
chart can be laid out around it; :meth:`.paint.Painter.draw` draws it.
"""

from __future__ import annotations

from typing import Any

from ..model import LineKind
from ..vocab import Role, Stance
from .boxes import LINE_SPACING, text_height
from .mpl_fonts import text_w
from .paint import LEGEND_SIZE, Block
from .theme import (
    FACTION_SYMBOL,
    FLAG_SYMBOL,
    LINE_STYLES,
    MUTED_TEXT,
    NOMINAL_STYLE,
    ROLE_BADGES,
    STANCE_STYLES,
    TEXT_COLOUR,
    legend_markers,
    text,
)
from .view import ChartView, wrap

__all__ = ["callouts_block", "legend_block", "title_block"]

TITLE_SIZE = 20.0
TITLE_ROW_SIZE = 10.5


def title_block(view: ChartView) -> Block:
    """The chart title and the rows below it (customer, opportunity, milestone, date, status)."""
    d = Block()
    d.texts.append((0.0, 0.0, view.title, TITLE_SIZE, True, TEXT_COLOUR))
    y = text_height(view.title, TITLE_SIZE) + 6.0
    width = text_w(view.title, TITLE_SIZE, True)
    key_w = max((text_w(key, TITLE_ROW_SIZE) for key, _ in view.title_rows), default=0.0) + 12.0
    for key, value in view.title_rows:
        shown = "\n".join(wrap(value, 90))
        d.texts.append((0.0, y, key, TITLE_ROW_SIZE, False, MUTED_TEXT))
        d.texts.append((key_w, y, shown, TITLE_ROW_SIZE, False, TEXT_COLOUR))
        width = max(width, key_w + text_w(shown, TITLE_ROW_SIZE))
        y += text_height(shown, TITLE_ROW_SIZE) + 2.0
    d.w, d.h = width, y
    return d


def legend_block(view: ChartView, max_w: float) -> Block:
    """The legend as rows of swatches, one section per row (wrapped to ``max_w``)."""
    lang = view.lang
    size = LEGEND_SIZE
    lh = size * LINE_SPACING
    d = Block()
    pad = 10.0
    d.texts.append((pad, pad, text("legend", lang), size + 1.5, True, TEXT_COLOUR))
    y = pad + (size + 1.5) * LINE_SPACING + 6.0
    # Each item: (swatch kind, swatch data, swatch width, label).
    sections: list[tuple[str, list[tuple[str, tuple[Any, ...], float, str]]]] = []
    stance_items = []
    for stance in (*Stance.ordered(), Stance.UNKNOWN):
        s = STANCE_STYLES[stance]
        stance_items.append(("stance", (s,), max(30.0, text_w(s.symbol, size) + 14.0), stance.label(lang)))
    sections.append((text("stance", lang), stance_items))
    role_items = []
    for role in Role:
        badge = f"[{ROLE_BADGES[role].short.pick(lang)}]"
        role_items.append(
            ("text", (badge, ROLE_BADGES[role].colour, True), text_w(badge, size, True), role.label(lang))
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
    if not view.redaction.insiders:  # a shared chart has no introduction lines (they point at the coach)
        line_items = line_items[:-1]
    sections.append((text("lines", lang), line_items))
    markers = legend_markers(lang, insiders=view.redaction.insiders)
    sections.append(
        (text("markers", lang), [("text", (g, TEXT_COLOUR, False), text_w(g, size), label) for g, label in markers])
    )
    if view.factions:
        faction_items = [
            ("text", (FACTION_SYMBOL, TEXT_COLOUR, False), text_w(FACTION_SYMBOL, size), entry)
            for entry in view.factions
        ]
        sections.append((text("faction", lang), faction_items))
    sections = [(title[:1].upper() + title[1:], items) for title, items in sections]
    head_w = max(text_w(title, size, True) for title, _ in sections) + 14.0
    right = pad + head_w
    widest = 0.0
    for title, items in sections:
        d.texts.append((pad, y, title, size, True, MUTED_TEXT))
        x = right
        for kind, data, sw, label in items:
            item_w = sw + 5.0 + text_w(label, size) + 16.0
            if x > right and x + item_w > max_w - pad:
                x = right
                y += lh + 8.0
            d.shapes.append((kind, (x, y, sw, lh, *data)))
            d.texts.append((x + sw + 5.0, y, label, size, False, TEXT_COLOUR))
            x += item_w
            widest = max(widest, x - 16.0)
        y += lh + 10.0
    d.w = widest + pad
    d.h = y - 10.0 + pad
    return d


def callouts_block(view: ChartView) -> Block:
    """The red-flag callouts, one wrapped sentence each."""
    d = Block()
    pad = 10.0
    heading = f"{FLAG_SYMBOL} {text('flags', view.lang)}"
    d.texts.append((pad, pad, heading, LEGEND_SIZE + 1.5, True, TEXT_COLOUR))
    y = pad + (LEGEND_SIZE + 1.5) * LINE_SPACING + 6.0
    width = text_w(heading, LEGEND_SIZE + 1.5, True)
    for line in view.callouts:
        shown = "\n".join(wrap(line, 70))
        d.texts.append((pad, y, shown, LEGEND_SIZE, False, TEXT_COLOUR))
        width = max(width, text_w(shown, LEGEND_SIZE))
        y += text_height(shown, LEGEND_SIZE) + 4.0
    d.w = width + 2 * pad
    d.h = y - 4.0 + pad
    return d

"""Fonts for matplotlib: the CJK font registered, text measured and drawn literally.

:func:`.fonts.cjk_font` finds the font (fontconfig, shared with Graphviz); this
module registers its file with matplotlib's font manager once, without touching
the user's rcParams, and gives every text an explicit font list — the CJK font,
then the symbol fonts — so Chinese never shows as boxes. Bold is used only when
the bold faces cover every character (matplotlib warns for each family of a
list without a bold face). Every user text is drawn with ``parse_math=False``.
"""

from __future__ import annotations

import functools
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib import textpath
from matplotlib.font_manager import FontProperties, fontManager, get_font

from .boxes import LINE_SPACING
from .fonts import cjk_font, font_fallbacks
from .theme import TEXT_COLOUR

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

__all__ = ["font", "font_family", "font_list", "put", "text_w"]


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


def font_list() -> list[str]:
    """:func:`font_family` as a list, as matplotlib takes it."""
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


def font(value: str, bold: bool) -> tuple[list[str], str]:
    """Family list and weight for a text: bold only when the bold faces cover it."""
    if bold and _bold_ok(value):
        return list(_bold_family()), "bold"
    return font_list(), "normal"


@functools.lru_cache(maxsize=1 << 16)
def _width10(line: str, bold: bool) -> float:
    """Width in points of one line of text at 10 pt."""
    if not line.strip():
        return 2.8 * len(line)
    family, weight = font(line, bold)
    prop = FontProperties(family=family, size=10, weight=weight)
    with warnings.catch_warnings():
        # Measuring only; a missing glyph is reported (once) when the text is drawn.
        warnings.filterwarnings("ignore", message=".*missing from (current )?font")
        width, _, _ = textpath.text_to_path.get_text_width_height_descent(line, prop, ismath=False)
    return float(width)


def text_w(value: str, size: float, bold: bool = False) -> float:
    """Width in points of the widest line of ``value`` at ``size`` points (a :class:`~.boxes.Measure`)."""
    return max((_width10(line, bold) for line in value.split("\n")), default=0.0) * size / 10.0


def put(
    ax: Axes,
    x: float,
    y: float,
    value: str,
    size: float,
    *,
    bold: bool = False,
    colour: str = TEXT_COLOUR,
    ha: str = "left",
    va: str = "top",
    zorder: float = 3.0,
    **kwargs: Any,
) -> Text:
    """A text drawn literally (no mathtext) with the CJK font list."""
    family, weight = font(value, bold)
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

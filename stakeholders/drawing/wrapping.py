"""User text as every chart shows it: unshowable characters replaced, wrapped by display columns.

Shared by the Graphviz, matplotlib and Mermaid backends (re-exported by :mod:`.view`).
A CJK character takes two columns; Python's textwrap counts characters and
breaks only at spaces, which suits neither Chinese nor mixed text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NAME_WIDTH", "ONE_LINE_WIDTH", "chart_text", "display_width", "one_line", "pack", "wrap"]

#: Names are wrapped at this many columns (a CJK character counts two).
NAME_WIDTH = 40
#: Texts shown on one line (unit, competitor and faction names) are cut at this many columns.
ONE_LINE_WIDTH = 80

# Characters a chart never shows as they are: control characters (C0, DEL, C1) other than line breaks
# and tab, the bidirectional embedding/override/isolate controls (they would reorder the text around
# them: "Trojan Source"), and the non-characters U+FFFE/U+FFFF (not allowed in XML, so in SVG or DOT).
_UNSHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")


def chart_text(text_: str, *, lines: bool = True) -> str:
    """User text as every chart shows it (Graphviz, matplotlib, Mermaid).

    Line breaks (``\\r\\n``, ``\\r``, U+0085, U+2028, U+2029) become ``\\n`` and break the
    line, or a space where the text is shown on one line (``lines=False``); a tab is a space;
    other control characters, bidirectional controls (U+202A-U+202E, U+2066-U+2069) and
    U+FFFE/U+FFFF show as U+FFFD (�). Everything else is drawn literally.

    >>> chart_text("a\\r\\nb\\tc\\x1b\\u202ed")
    'a\\nb c��d'
    """
    text_ = _LINE_BREAKS.sub("\n", text_).replace("\t", " ")
    if not lines:
        text_ = text_.replace("\n", " ")
    return _UNSHOWN.sub("\ufffd", text_)


def one_line(text_: str, width: int = ONE_LINE_WIDTH) -> str:
    """:func:`chart_text` on one line, cut with "…" past ``width`` columns (unit, competitor and faction names).

    >>> one_line("Equipment\\ndepartment"), one_line("长" * 50, 10)
    ('Equipment department', '长长长长…')
    """
    text_ = chart_text(text_, lines=False)
    if len(text_) <= width // 2 or display_width(text_) <= width:
        return text_
    used = 0
    for end, ch in enumerate(text_):
        used += display_width(ch)
        if used > width - 1:  # room for the "…"
            return text_[:end] + "…"
    return text_  # pragma: no cover - display_width(text_) > width means the loop returns


def display_width(text_: str) -> int:
    """Columns the text takes: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text_)


def wrap(text_: str, width: int = 28, max_lines: int = 40) -> list[str]:
    """Wrap text to ``width`` columns, CJK counted as double width; keeps real newlines.

    Python's textwrap counts characters, not columns, and only breaks at
    spaces, which suits neither Chinese nor mixed text; hence this small helper.

    >>> wrap("Chief engineer and head of the technology centre", 20)
    ['Chief engineer and', 'head of the', 'technology centre']
    >>> wrap("总工程师、技术中心主任，决策小组成员", 16)
    ['总工程师、技术中', '心主任，决策小组', '成员']
    """
    lines: list[str] = []
    for paragraph in text_.split("\n"):
        current = ""
        for token in _tokens(paragraph):
            if current and token in _CLOSING and display_width(current + token) > width:
                # Closing punctuation never starts a line (Chinese line-breaking rule): let it overhang.
                current += token
                continue
            if current and display_width(current + token) > width:
                lines.append(current.rstrip())
                current = token.lstrip()
            else:
                current += token
            while display_width(current) > width:
                cut = _cut(current, width)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and display_width(last + "…") > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def pack(entries: list[str], width: int, gap: str = "    ") -> list[str]:
    """Lines of whole ``entries`` side by side, ``gap`` apart, each line within ``width`` columns.

    An entry is broken only when it is longer than a line on its own, so a
    legend never splits a name across lines the way wrapping the joined text does.

    >>> pack(["⚑ Tech camp — leader: Sun", "⚑ Money camp — leader: Chen (陈东升)"], 40)
    ['⚑ Tech camp — leader: Sun', '⚑ Money camp — leader: Chen (陈东升)']
    """
    lines: list[str] = []
    for entry in entries:
        pieces = wrap(entry, width)
        if lines and len(pieces) == 1 and display_width(lines[-1] + gap + pieces[0]) <= width:
            lines[-1] += gap + pieces[0]
        else:
            lines += pieces
    return lines


_CLOSING = frozenset("，。、；：？！）》」』】〕…,.;:?!)]}%")


def _tokens(text_: str) -> list[str]:
    """Words with their trailing space; each wide character is a token of its own."""
    tokens: list[str] = []
    current = ""
    for ch in text_:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            if current:
                tokens.append(current)
                current = ""
            tokens.append(ch)
        else:
            current += ch
            if ch == " ":
                tokens.append(current)
                current = ""
    if current:
        tokens.append(current)
    return tokens


def _cut(text_: str, width: int) -> int:
    used = 0
    for i, ch in enumerate(text_):
        used += display_width(ch)
        if used > width:
            return max(i, 1)
    return len(text_)

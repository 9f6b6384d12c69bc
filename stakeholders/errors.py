"""The exceptions of the library.

One base class, :class:`StakeholdersError`; every subclass also derives from
the builtin that fits, so callers can catch either.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Excerpt", "MapError", "Problem", "StakeholdersError"]


class StakeholdersError(Exception):
    """Base of every error raised on purpose by this library."""


#: The most characters an excerpt shows on either side of its column.
_EXCERPT_REACH = 60


@dataclass(frozen=True)
class Excerpt:
    """A line of the source file and a column in it, shown as the line with a ``^`` under the column.

    >>> print(Excerpt(4, "   stance: x", 4))
         4 |    stance: x
           |    ^

    The line is shown as :func:`printable` shows text (a control character escaped); the caret
    stands under the column on a terminal, wide (CJK) characters counted as two. A long line is cut
    around the column, with ``…``.
    """

    line: int
    """The 1-based line number."""
    text: str
    """The line of the file, without its line break."""
    column: int
    """The 1-based column (in characters) the caret points at."""

    def __str__(self) -> str:
        text = self.text.rstrip("\r\n")
        at = min(max(self.column - 1, 0), len(text))
        before, after = printable(text[:at]), printable(text[at:])
        if len(before) > _EXCERPT_REACH:
            before = "…" + before[-_EXCERPT_REACH:]
        if len(after) > _EXCERPT_REACH:
            after = after[:_EXCERPT_REACH] + "…"
        gutter = f"{self.line:>6} | "
        return f"{gutter}{before}{after}\n{' ' * (len(gutter) - 2)}| {' ' * _width(before)}^"


def _width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide and full-width characters two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text
    )


@dataclass(frozen=True)
class Problem:
    """One problem in a map: where it is, what is wrong, and the bad value.

    ``location`` reads like a path into the document, e.g. ``people[3].stance``;
    ``line`` is the 1-based line in the source file when it is known; ``excerpt``, for a syntax
    error, the line of the file with a caret under the place.
    """

    location: str
    message: str
    value: Any = None
    line: int | None = None
    code: str = "invalid"
    path: tuple[str | int, ...] = field(default=(), compare=False, repr=False)
    excerpt: Excerpt | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        where = self.location or "(document)"
        if self.line is not None:
            where = f"line {self.line}: {where}"
        return printable(f"{where}: {self.message}")


def printable(text: str) -> str:
    """``text`` on one line, with control and invisible characters (newlines, escapes, bidi overrides) escaped.

    Error messages quote the input; a hostile file must not break their lines or
    send escape sequences to a terminal.

    >>> print(printable("a\\nb\\x1b[2J\\u202e"))
    a\\nb\\x1b[2J\\u202e
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class MapError(StakeholdersError, ValueError):
    """A buying-group map is invalid. Holds every problem found, not only the first.

    >>> try:
    ...     import stakeholders
    ...     stakeholders.loads("customer: X\\npeople: [{name: A, stance: frend}]")
    ... except stakeholders.MapError as err:
    ...     print(err.problems[0].location)
    people[0].stance
    """

    def __init__(self, problems: Iterable[Problem], source: str | None = None, *, subject: str = "the map") -> None:
        self.problems: list[Problem] = list(problems)
        self.source = source
        self.subject = subject
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        head = f"{printable(self.source)}: " if self.source else ""
        noun = "problem" if count == 1 else "problems"
        lines = [f"{head}{count} {noun} in {self.subject}:"]
        for p in self.problems:
            lines.append(f"  {p}")
            if p.excerpt is not None:
                lines.append(str(p.excerpt))
        return "\n".join(lines)

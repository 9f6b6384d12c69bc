"""The exceptions of the library.

One base class, :class:`StakeholdersError`; every subclass also derives from
the builtin that fits, so callers can catch either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MapError", "Problem", "StakeholdersError"]


class StakeholdersError(Exception):
    """Base of every error raised on purpose by this library."""


@dataclass(frozen=True)
class Problem:
    """One problem in a map: where it is, what is wrong, and the bad value.

    ``location`` reads like a path into the document, e.g. ``people[3].stance``;
    ``line`` is the 1-based line in the source file when it is known.
    """

    location: str
    message: str
    value: Any = None
    line: int | None = None
    code: str = "invalid"
    path: tuple[str | int, ...] = field(default=(), compare=False, repr=False)

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
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)

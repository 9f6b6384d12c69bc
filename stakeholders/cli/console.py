"""What the command line says: notes on stderr beside a progress bar, summaries, warnings as notes."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from ..errors import MapError, StakeholdersError
from ..model import BuyingGroup
from ..text import Text, written_language

__all__ = [
    "Status",
    "UsageError",
    "error_text",
    "language_of",
    "notes",
    "progress",
    "report_error",
    "say",
    "summary",
    "wrote",
]

_NO_SUCH_FILE = Text("no such file: {}", "找不到文件：{}")

T = TypeVar("T")


class UsageError(StakeholdersError, ValueError):
    """A command was called wrongly (exit code 2): said after the command's usage, unless ``usage=False``."""

    def __init__(self, message: str, *, usage: bool = True) -> None:
        super().__init__(message)
        self.usage = usage


def say(text: str) -> None:
    """A note on stderr that does not break a progress bar."""
    try:
        from tqdm import tqdm

        tqdm.write(text, file=sys.stderr)
    except ImportError:  # pragma: no cover - tqdm is a dependency
        print(text, file=sys.stderr)


def progress(items: Sequence[T], what: str) -> Iterable[T]:
    """A progress bar on stderr for two or more files, when stderr is a terminal."""
    if len(items) < 2:
        return items
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return items
    bar: Iterable[T] = tqdm(items, desc=what, unit="file", file=sys.stderr, disable=None, leave=False)
    return bar


def summary(group: BuyingGroup, path: str) -> str:
    roles = sum(1 for p in group.people if p.roles)
    return (
        f"{path}: valid map of {group.customer}"
        + (f" — {group.opportunity}" if group.opportunity else "")
        + f"\n  {len(group.people)} people ({roles} with a decision role), {len(group.units)} units,"
        f" {len(group.lines)} lines, {len(group.factions)} factions, {len(group.team)} in our team,"
        f" {len(group.contacts)} contacts logged"
    )


def language_of(group: BuyingGroup) -> str:
    """zh when the map is written in Chinese (its customer or most names are), else en."""
    return written_language([group.customer, *(p.name for p in group.people)])


class Status:
    """The worst outcome so far: 0 ok, 1 a problem was reported."""

    code = 0


@contextlib.contextmanager
def notes(category: type[Warning]) -> Iterator[None]:
    """Warnings of ``category`` raised inside are printed as ``note: ...`` lines on stderr; others pass on."""
    import warnings

    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", category)
            yield
    finally:  # also when reading or drawing failed: the notes may say why
        for warning in caught:
            if issubclass(warning.category, category):
                say(f"note: {warning.message}")
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def wrote(path: str, count: int) -> None:
    """Say what was written: on stdout for one file, beside the progress bar for several."""
    if count > 1:
        say(f"wrote {path}")
    else:
        print(f"wrote {path}")


def error_text(err: Exception, command: str, lang: str | None = None) -> str:
    """The line (or lines) that report ``err``: a map's problems with their places, else ``stakeholders CMD: ...``.

    A file that does not exist is one line, ``no such file: PATH`` (and first in Chinese with ``--lang zh``).
    """
    if isinstance(err, MapError):
        return str(err)
    if isinstance(err, FileNotFoundError) and err.filename is not None and not isinstance(err, StakeholdersError):
        message = _NO_SUCH_FILE.en.format(err.filename)
        if lang == "zh":
            message = f"{_NO_SUCH_FILE.pick('zh').format(err.filename)} ({message})"
        return f"stakeholders {command}: {message}"
    return f"stakeholders {command}: {err}"


def report_error(err: Exception, command: str, lang: str | None = None) -> None:
    say(error_text(err, command, lang))

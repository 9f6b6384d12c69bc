"""Size limits on what the readers accept, so that a hostile file cannot hang them or exhaust memory.

- :data:`MAX_BYTES`: a map file (YAML, JSON, GraphML, GEXF, CSV) larger than
  this is refused with a :class:`~stakeholders.MapError` before it is parsed.
  Real maps are far smaller (a 2,000-person map with notes is about 1 MB); a
  20 MB map holds some 80,000 people and takes tens of seconds to read.
  Raise it (``stakeholders.io.limits.MAX_BYTES = ...``) to read a larger file on purpose.
- :data:`MAX_CELLS`: an Excel workbook is a zip of XML; one whose sheets
  unpack to more than :data:`MAX_BYTES` (a "zip bomb") is refused, as is a
  sheet of more than this many cells.
- :data:`MAX_ROWS`, :data:`MAX_COLUMNS`: a sheet that says it is larger (its
  ``<dimension ref>``) is refused before it is read, and one whose cells lie
  further out (the declaration may lie) as soon as such a cell is read. A tiny
  file can hold one cell at row 1,000,000: read as a table, it would be a
  million rows.

YAML aliases are bounded separately (:data:`stakeholders.io.documents.ALIAS_EXPANSION`).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import IO, Any

from ..errors import MapError, Problem

__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "check_path",
    "check_size",
    "check_workbook",
    "read_limited",
]

#: The largest file a reader accepts, in bytes (20 MiB).
MAX_BYTES = 20 * 2**20
#: The most cells read from one worksheet (counted up to the last value of each row).
MAX_CELLS = 2_000_000
#: The most rows of one worksheet (a 2,000-person map has 2,001).
MAX_ROWS = 100_000
#: The most columns of one worksheet (the people sheet of a map has about 40).
MAX_COLUMNS = 1_000


def _limit() -> int:
    return int(globals()["MAX_BYTES"])  # read when used, so that changing it takes effect


def check_size(size: int, source: str | None, what: str = "file") -> None:
    """Refuse more than :data:`MAX_BYTES` (bytes, or characters of a text)."""
    limit = _limit()
    if size > limit:
        raise MapError(
            [
                Problem(
                    "",
                    f"the {what} is {size / 2**20:.1f} MB, more than the {limit / 2**20:.0f} MB a map may have"
                    " (stakeholders.io.limits.MAX_BYTES); is it really a map?",
                    value=size,
                    code="too_large",
                )
            ],
            source,
        )


def check_path(path: str | os.PathLike[str], source: str | None) -> None:
    """:func:`check_size` of a file on disk, before reading it (an unreadable file is left to the reader)."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return
    check_size(size, source)


def read_limited(source: str | os.PathLike[str] | IO[bytes] | IO[str], name: str | None) -> bytes:
    """The bytes of a file or stream, refused past :data:`MAX_BYTES` without reading more than that.

    A file's size is checked before reading; a pipe or stream (which has no size) is
    read up to one byte past the limit. A text stream is encoded as UTF-8. A file that
    does not exist raises :class:`FileNotFoundError`; one that cannot be read, a
    :class:`~stakeholders.MapError`.
    """
    limit = _limit()
    try:
        if isinstance(source, (str, os.PathLike)):
            check_path(source, name)
            with open(source, "rb") as handle:
                data: bytes | str = handle.read(limit + 1)
        else:
            data = source.read(limit + 1)
    except FileNotFoundError:  # not a problem in a map: Python's own error, naming the file
        raise
    except OSError as err:
        raise MapError([Problem("", f"cannot read the file: {err.strerror or err}", code="io")], name) from None
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    check_size(len(raw), name)
    return raw


def check_workbook(source: str | os.PathLike[str] | IO[bytes] | bytes, name: str | None) -> None:
    """Refuse an .xlsx whose members unpack to more than :data:`MAX_BYTES` (a zip bomb).

    Not a zip at all: left to the workbook reader, which says so.
    """
    stream: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    position = stream.tell() if hasattr(stream, "tell") else None
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    finally:
        if position is not None:
            stream.seek(position)
    check_size(unpacked, name, "workbook unpacked")

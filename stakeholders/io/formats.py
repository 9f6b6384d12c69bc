"""The one table of file formats: :func:`read` and :func:`write` any of them, by suffix or by name.

Every format the package reads or writes has one :class:`Format` row in
:data:`FORMATS`: its name, its suffixes, its kind and the functions that read and
write it. The command line asks this table (``convert``, ``validate``, ``render``);
so do :func:`read` and :func:`write`.

- ``map``: the whole map, read back unchanged (YAML, JSON, an Excel workbook, GraphML, GEXF);
  an Excel file that is not such a workbook is read as a contact list;
- ``table``: one table of people (CSV): read as a contact list, written as the people table;
- ``chart``: drawn by :mod:`stakeholders.drawing` (PNG, SVG, PDF, Graphviz DOT, Mermaid); written only.

:func:`write` returns the :class:`~pathlib.Path` written for a path target and ``None``
for an open stream, as every writer of :mod:`stakeholders.io` does.

>>> import io, stakeholders
>>> g = stakeholders.loads("customer: X\\npeople: [{name: A}]")
>>> buffer = io.BytesIO()
>>> write(g, buffer, "graphml")
>>> _ = buffer.seek(0)
>>> read(buffer, "graphml") == g
True
>>> format_of("map.yml").name, format_of("chart.svg").kind
('yaml', 'chart')
"""

from __future__ import annotations

import io
import os
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, overload

from ..atomic import write_output
from ..drawing.rendering import FORMATS as DRAWN_FORMATS
from ..model import BuyingGroup
from .files import SUFFIXES

if TYPE_CHECKING:
    from .report import ImportReport

__all__ = ["FORMATS", "Format", "ImportNote", "format_of", "read", "write"]

Kind = Literal["map", "table", "chart"]
Source = str | os.PathLike[str] | IO[bytes]
Target = str | os.PathLike[str] | IO[bytes] | IO[str]


class ImportNote(UserWarning):
    """The report of a contact list read by :func:`read` without a ``report`` callback, when it has problems."""


@dataclass(frozen=True)
class Format:
    """One file format: how it is named and told apart, what it holds, and how it is read and written."""

    name: str
    suffixes: tuple[str, ...]
    kind: Kind
    description: str
    reader: Callable[..., BuyingGroup] | None = None
    """``reader(source, **options)``: a path or a binary stream to a map."""
    writer: Callable[..., None] | None = None
    """``writer(group, target, **options)``: writes to a path (atomically) or an open stream."""
    binary: bool = True
    """Whether the writer writes bytes (else text) to a stream."""
    options: tuple[str, ...] = ()
    """The options the reader takes besides ``report`` (those of :func:`~stakeholders.read_contacts`)."""
    terminal: bool = True
    """Whether what it writes may be shown on a terminal: text (YAML, JSON, XML, DOT, SVG), not PNG, PDF or XLSX."""

    @property
    def suffix(self) -> str:
        """The suffix a new file of this format gets."""
        return self.suffixes[0]


# ---------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------


def _read_document(fmt: str) -> Callable[..., BuyingGroup]:
    def reader(source: Source) -> BuyingGroup:
        from .files import load, loads
        from .limits import read_limited

        if isinstance(source, (str, os.PathLike)):
            return load(source, format=fmt)
        name = str(getattr(source, "name", "<stream>"))
        return loads(read_limited(source, name), format=fmt, source=name)

    return reader


def _read_contacts(source: Source, report: Callable[[ImportReport], None] | None = None, **options: Any) -> BuyingGroup:
    from .contacts import read_contacts

    group, found = read_contacts(source, **options)
    if report is not None:
        report(found)
    elif found.problems:
        warnings.warn(found.text(), ImportNote, stacklevel=4)
    return group


def _read_xlsx(source: Source, report: Callable[[ImportReport], None] | None = None, **options: Any) -> BuyingGroup:
    """A map written by :func:`~stakeholders.write_xlsx` (sheets ``group`` and ``people``), else a contact list."""
    from .sheets import sheet_names

    names = sheet_names(source)
    if names is not None and {"group", "people"} <= set(names):
        from .tables import read_xlsx

        return read_xlsx(source, header_row=options.get("header_row"))
    return _read_contacts(source, report, **options)


def _read_graphml(source: Source) -> BuyingGroup:
    from .graphml import read_graphml

    return read_graphml(source)


def _read_gexf(source: Source) -> BuyingGroup:
    from .gexf import read_gexf

    return read_gexf(source)


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------


def _write_document(fmt: str) -> Callable[..., None]:
    def writer(group: BuyingGroup, target: Target, *, redact: bool = False) -> None:
        from ..redaction import holds_private
        from .files import dumps

        write_output(target, dumps(group, format=fmt, redact=redact), private=not redact and holds_private(group))

    return writer


def _write_csv(group: BuyingGroup, target: Target, *, redact: bool = False) -> None:
    from .tables import write_csv

    write_csv(group, target, redact=redact)  # type: ignore[arg-type]  # a text stream, or a path


def _write_xlsx(group: BuyingGroup, target: Target, *, redact: bool = False) -> None:
    from .tables import write_xlsx

    write_xlsx(group, target, redact=redact)  # type: ignore[arg-type]  # a binary stream, or a path


def _write_graphml(group: BuyingGroup, target: Target, *, redact: bool = False) -> None:
    from .graphml import write_graphml

    write_graphml(group, target, redact=redact)  # type: ignore[arg-type]  # a binary stream, or a path


def _write_gexf(group: BuyingGroup, target: Target, *, redact: bool = False) -> None:
    from .gexf import write_gexf

    write_gexf(group, target, redact=redact)  # type: ignore[arg-type]  # a binary stream, or a path


def _write_mermaid(
    group: BuyingGroup, target: Target, *, lang: str = "en", redact: bool = False, names: Any = None, **_: Any
) -> None:
    """Mermaid text; in a Markdown file (``.md``) inside a ```` ```mermaid ```` block. Other options are ignored."""
    from ..drawing.mermaid import write_mermaid

    write_mermaid(group, target, lang=lang, redact=redact, names=names)  # type: ignore[arg-type]  # text streams


def _write_dot(
    group: BuyingGroup,
    target: Target,
    *,
    lang: str = "en",
    redact: bool = False,
    names: Any = None,
    flags: bool = False,
    analysis: Any = None,
    **_: Any,
) -> None:
    """Graphviz DOT text of the chart (no ``dot`` binary needed). Drawing-only options are ignored."""
    from ..drawing import to_dot
    from ..drawing.view import is_private_chart

    text = to_dot(group, lang=lang, redact=redact, names=names, flags=flags, analysis=analysis)
    write_output(target, text, private=is_private_chart(group, redact))


def _write_image(fmt: str) -> Callable[..., None]:
    def writer(group: BuyingGroup, target: Target, **options: Any) -> None:
        from ..drawing import render

        if isinstance(target, (str, os.PathLike)):
            render(group, Path(target), format=fmt, **options)
            return
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            drawn = render(group, Path(folder) / f"chart.{fmt}", format=fmt, **options)
            target.write(drawn.read_bytes())  # type: ignore[arg-type]  # images go to binary streams

    return writer


_CONTACTS = ("mapping", "customer", "opportunity", "sheet", "header_row")
_IMAGES = {"png": "PNG image", "svg": "SVG image", "pdf": "PDF document"}

#: Every format, by name, in the order they are listed in messages.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("yaml", SUFFIXES["yaml"], "map", "YAML map", _read_document("yaml"), _write_document("yaml"), False),
        Format("json", SUFFIXES["json"], "map", "JSON map", _read_document("json"), _write_document("json"), False),
        Format("csv", (".csv", ".tsv", ".txt"), "table", "contact list", _read_contacts, _write_csv, False, _CONTACTS),
        Format(
            "xlsx",
            (".xlsx", ".xlsm"),
            "map",
            "Excel (map or contacts)",
            _read_xlsx,
            _write_xlsx,
            True,
            _CONTACTS,
            False,
        ),
        Format("graphml", (".graphml",), "map", "GraphML", _read_graphml, _write_graphml),
        Format("gexf", (".gexf",), "map", "GEXF", _read_gexf, _write_gexf),
        Format("mermaid", (".mmd", ".mermaid", ".md"), "chart", "Mermaid flowchart", None, _write_mermaid, False),
        Format("dot", (".dot", ".gv"), "chart", "Graphviz DOT", None, _write_dot, False),
    )
} | {  # the images stakeholders.drawing draws
    name: Format(name, (f".{name}",), "chart", _IMAGES[name], None, _write_image(name), terminal=name == "svg")
    for name in DRAWN_FORMATS
}

Use = Literal["read", "write"]


def _usable(fmt: Format, use: Use | None, kinds: tuple[Kind, ...] | None) -> bool:
    if use == "read" and fmt.reader is None:
        return False
    if use == "write" and fmt.writer is None:
        return False
    return kinds is None or fmt.kind in kinds


def names(use: Use | None = None, kinds: tuple[Kind, ...] | None = None) -> list[str]:
    """The names of the formats that can be read (``use="read"``) or written, of the given kinds."""
    return [f.name for f in FORMATS.values() if _usable(f, use, kinds)]


def format_of(
    path: str | os.PathLike[str] | None,
    format: str | None = None,
    *,
    use: Use | None = None,
    kinds: tuple[Kind, ...] | None = None,
) -> Format:
    """The format named ``format`` (a name or a suffix), else the one of ``path``'s suffix.

    Raises :class:`ValueError` listing the known names or suffixes (those that can be
    read or written, when ``use`` is given, of ``kinds`` when given).
    """
    usable = [f for f in FORMATS.values() if _usable(f, use, kinds)]
    doing = {"read": "read", "write": "write", None: "use"}[use]
    if format is not None:
        key = format.lower()
        for fmt in usable:
            if key == fmt.name or key in fmt.suffixes or f".{key}" in fmt.suffixes:
                return fmt
        raise ValueError(f"cannot {doing} format {format!r} (expected one of: {', '.join(f.name for f in usable)})")
    if path is None:
        raise ValueError(f"no file name to tell the format from: name it (one of: {', '.join(f.name for f in usable)})")
    suffix = Path(path).suffix.lower()
    for fmt in usable:
        if suffix in fmt.suffixes:
            return fmt
    known = ", ".join(s for f in usable for s in f.suffixes)
    raise ValueError(f"{path}: cannot tell the format from the suffix {suffix!r} (expected one of: {known})")


def read(source: Source, format: str | None = None, **options: Any) -> BuyingGroup:
    """Read a map from a path or a binary stream, in the format of its suffix or ``format``.

    A contact list (CSV, or an Excel file that is not a map workbook) takes the
    options of :func:`~stakeholders.read_contacts` (``mapping``, ``customer``,
    ``opportunity``, ``sheet``, ``header_row``; a map workbook takes ``header_row``)
    and ``report``: a function given the :class:`~stakeholders.io.report.ImportReport`; without it, a report with
    problems is issued as an :class:`ImportNote` warning. A stream needs ``format``.
    Raises :class:`ValueError` for an unknown format, :class:`~stakeholders.MapError`
    (a :class:`ValueError`) for a file that is not a valid map.
    """
    path = source if isinstance(source, (str, os.PathLike)) else None
    if path is None and format is None:
        raise ValueError("reading a stream needs format= (one of: " + ", ".join(names("read")) + ")")
    fmt = format_of(path, format, use="read")
    assert fmt.reader is not None
    unknown = set(options) - {*fmt.options, "report"}
    if unknown:
        raise TypeError(f"reading {fmt.name} takes no option {', '.join(sorted(unknown))}")
    if not fmt.options:
        options.pop("report", None)  # only contact lists have a report
    return fmt.reader(source, **options)


@overload
def write(group: BuyingGroup, target: str | os.PathLike[str], format: str | None = None, **options: Any) -> Path: ...
@overload
def write(group: BuyingGroup, target: IO[bytes] | IO[str], format: str | None = None, **options: Any) -> None: ...
def write(group: BuyingGroup, target: Target, format: str | None = None, **options: Any) -> Path | None:
    """Write ``group`` to a path (atomically) or an open stream, in the format of the suffix or ``format``.

    Options: ``redact`` for every format; for charts also those of
    :func:`~stakeholders.render` (``lang``, ``names``, ``flags``, ``analysis``, and
    ``backend``, ``dpi``, ``timeout`` for images). Binary formats (Excel, GraphML,
    GEXF, images) go to binary streams, the others to text streams; ``sys.stdout``
    is handled either way. Returns the :class:`~pathlib.Path` written, or ``None`` for a stream.
    """
    path = target if isinstance(target, (str, os.PathLike)) else None
    if path is None and format is None:
        raise ValueError("writing to a stream needs format= (one of: " + ", ".join(names("write")) + ")")
    fmt = format_of(path, format, use="write")
    assert fmt.writer is not None
    if path is not None:
        fmt.writer(group, path, **options)
        return Path(path)
    stream: Any = target
    if stream is sys.stdout or (isinstance(stream, io.TextIOWrapper) and fmt.binary):
        buffer: Any = io.BytesIO() if fmt.binary else io.StringIO()
        fmt.writer(group, buffer, **options)
        data = buffer.getvalue()
        out: Any = stream.buffer if isinstance(data, bytes) else stream
        out.write(data)
        stream.flush()
        return None
    fmt.writer(group, stream, **options)
    return None

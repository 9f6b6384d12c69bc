"""XML documents (GraphML, GEXF) parsed safely, with the line of every element.

:func:`parse_xml` is the only place where the package parses an XML file. It
refuses any DTD (``<!DOCTYPE>``): entity declarations are how XML bombs
("billion laughs") and external-entity reads work, and ``ATTLIST`` defaults or
parameter entities change what a file says without showing it. Neither
GraphML nor GEXF uses a DTD. The refusal is made by the parser itself, on the
decoded document, so it holds in every encoding (UTF-8 with or without a byte
order mark, UTF-16 and UTF-32 in either byte order, Latin-1 and the other
encodings a file may declare) and wherever the declaration stands.

The readers hand networkx the tree serialised again by ElementTree (which never
writes a DTD), so networkx never parses the bytes of the file itself.

What a reader leaves out of a file (a second graph, a nested graph, a
hyperedge, ...) is reported as a :class:`GraphFileNote` warning with its lines
(:func:`note_ignored`), never dropped silently.
"""

from __future__ import annotations

import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from ..errors import MapError, Problem, printable

__all__ = ["GraphFileNote", "XMLDocument", "local_name", "note_ignored", "parse_xml", "with_defaults"]


class GraphFileNote(UserWarning):
    """Something in a GraphML or GEXF file that a map cannot hold and was left out, with its lines."""


@dataclass
class XMLDocument:
    """A parsed XML file: its root element and the line where each element starts."""

    root: ET.Element
    lines: dict[int, int] = field(default_factory=dict)
    """The 1-based line of each element's start tag, by ``id(element)`` (the tree keeps the elements alive)."""

    def line(self, element: ET.Element) -> int | None:
        """The line of ``element``'s start tag."""
        return self.lines.get(id(element))

    def clean_bytes(self) -> bytes:
        """The document written again by ElementTree as UTF-8: no DTD, no entities, what the tree holds."""
        return bytes(ET.tostring(self.root, encoding="utf-8"))


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def local_name(tag: str) -> str:
    """An element's name without its namespace (``{http://...}graph`` is ``graph``)."""
    return tag.rsplit("}", 1)[-1]


def _name(raw: str) -> str:
    # expat joins a namespace and a name with the separator "}": ElementTree's "{namespace}name".
    return "{" + raw if "}" in raw else raw


#: The first four bytes of UTF-32 text (with a byte order mark, or ``<`` in either byte order), which expat cannot read.
_UTF32 = {
    b"\x00\x00\xfe\xff": "utf-32",
    b"\xff\xfe\x00\x00": "utf-32",
    b"\x00\x00\x00<": "utf-32-be",
    b"<\x00\x00\x00": "utf-32-le",
}

#: Bytes fed to the parser at a time: after a refusal, expat finishes at most this much of the file.
_CHUNK = 1 << 16


def _bilingual(en: str, zh: str) -> str:
    return f"{en} / {zh}"


def parse_xml(raw: bytes, what: str, source: str | None) -> XMLDocument:
    """Parse GraphML or GEXF bytes into an element tree; a DTD or a syntax error is a :class:`MapError` with its line.

    Why expat directly (the standard library's parser, which ElementTree and
    networkx use too) rather than ``defusedxml``: defusedxml refuses a DTD by
    setting these same expat handlers (``forbid_dtd``: ``StartDoctypeDeclHandler``;
    ``forbid_entities``: ``EntityDeclHandler``; ``forbid_external``:
    ``ExternalEntityRefHandler``), but on ElementTree's parser, which does not
    give the line of an element; the readers need it to say where what they leave
    out is. So the tree is built here (:class:`xml.etree.ElementTree.TreeBuilder`)
    with the handlers set, without a dependency.
    """
    encoding = None
    codec = _UTF32.get(raw[:4])
    if codec is not None:  # expat reads UTF-8, UTF-16, Latin-1 and ASCII; UTF-32 is decoded first
        try:
            raw = raw.decode(codec).encode("utf-8", "surrogatepass")
        except UnicodeDecodeError as err:
            problem = Problem(
                "", f"not valid {what}: not UTF-32 text (bad byte at offset {err.start})", code="encoding"
            )
            raise MapError([problem], source) from None
        encoding = "utf-8"  # overrides the encoding="UTF-32" the file declares
    parser = expat.ParserCreate(encoding, namespace_separator="}")
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = builder.start(_name(tag), {_name(key): value for key, value in attrs.items()})
        lines[id(element)] = parser.CurrentLineNumber

    def end(tag: str) -> None:
        builder.end(_name(tag))

    def refuse_dtd(*_: Any) -> None:
        raise _Refused(
            _bilingual(
                f"the file declares a DTD (<!DOCTYPE>) at column {parser.CurrentColumnNumber + 1};"
                f" {what} files from Gephi, yEd or networkx never need one (it is how XML entity bombs and"
                " external-entity reads work)",
                f"文件在第 {parser.CurrentColumnNumber + 1} 列声明了 DTD（<!DOCTYPE>）；"
                f"Gephi、yEd、networkx 写的 {what} 文件从不需要 DTD（XML 实体炸弹和外部实体读取都靠它）",
            )
        )

    def refuse_entity(*_: Any) -> int:
        refuse_dtd()
        return 0  # pragma: no cover - refuse_dtd raises

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    # Any DTD is refused when its declaration starts, before its internal subset is read; the other
    # handlers can only be reached through a DTD and are set too, so that nothing depends on one handler.
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.UnparsedEntityDeclHandler = refuse_dtd
    parser.AttlistDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        for offset in range(0, max(len(raw), 1), _CHUNK):
            parser.Parse(raw[offset : offset + _CHUNK], False)
        parser.Parse(b"", True)
        root = builder.close()
    except _Refused as err:
        problem = Problem("", f"not valid {what}: {err.message}", line=parser.CurrentLineNumber, code="syntax")
        raise MapError([problem], source) from None
    except expat.ExpatError as err:
        message = _bilingual(
            f"not valid {what}: {printable(expat.ErrorString(err.code) or str(err))} at column {err.offset + 1}",
            f"不是有效的 {what} 文件",
        )
        raise MapError([Problem("", message, line=err.lineno, code="syntax")], source) from None
    except (
        AssertionError,
        IndexError,
        RecursionError,
        MemoryError,
    ) as err:  # pragma: no cover - TreeBuilder on odd input
        raise MapError([Problem("", f"not valid {what}: {printable(str(err))}", code="syntax")], source) from None
    return XMLDocument(root, lines)


def note_ignored(document: XMLDocument, ignored: Iterable[tuple[str, ET.Element]], source: str | None) -> None:
    """One :class:`GraphFileNote` per kind of thing left out (``(description, element)`` pairs), with their lines."""
    found: dict[str, list[int | None]] = {}
    for description, element in ignored:
        found.setdefault(description, []).append(document.line(element))
    head = f"{printable(source)}: " if source else ""
    for description, lines in found.items():
        shown = ", ".join(str(line) for line in lines[:10]) + (", …" if len(lines) > 10 else "")
        where = f"line {shown}" if len(lines) == 1 else f"lines {shown} ({len(lines):,} times)"
        warnings.warn(
            f"{head}{where}: {description}",
            GraphFileNote,
            stacklevel=_outside_the_package(),
        )


def with_defaults(G: Any) -> None:
    """Give every node and edge the attribute defaults of the file (a ``<default>`` of a GraphML key or GEXF attribute).

    networkx keeps them in ``G.graph["node_default"]`` and ``G.graph["edge_default"]``
    without applying them; in both formats a value left out is the default.
    """
    for items, defaults in ((G.nodes(data=True), "node_default"), (G.edges(data=True), "edge_default")):
        for *_, attrs in items:
            for key, value in G.graph.get(defaults, {}).items():
                attrs.setdefault(key, value)


def _outside_the_package() -> int:
    """The stack level of the first caller outside the package, so that a warning points at the user's code."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith("stakeholders"):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level

"""GraphML (for yEd, Gephi, Cytoscape and networkx): ``write_graphml`` / ``read_graphml``.

The file holds the graph of :func:`~stakeholders.graph.to_networkx`: one node
per person (id = the person's id, a ``label`` with the name, and every field
of the person as a ``<data>`` attribute), one edge per line with its ``kind``,
and the rest of the map as graph attributes. Vocabulary values are ids;
lists and nested records are JSON text (see :mod:`stakeholders.io._attributes`).
``networkx.read_graphml`` reads the file; :func:`read_graphml` turns it back
into the same map.

>>> import io, stakeholders
>>> g = stakeholders.loads("customer: X\\npeople: [{name: 王总, roles: 决策者}, {name: 李工, reports_to: 王总}]")
>>> buffer = io.BytesIO()
>>> write_graphml(g, buffer)
>>> _ = buffer.seek(0)
>>> read_graphml(buffer) == g
True
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import IO, overload

from ..errors import MapError, Problem, printable
from ..model import BuyingGroup
from .xmldoc import note_ignored, parse_xml, with_defaults

__all__ = ["read_graphml", "to_graphml", "write_graphml"]


def to_graphml(group: BuyingGroup, *, redact: bool = False) -> str:
    """The map as GraphML text. ``redact=True`` leaves out coach/informant markings and private data."""
    import networkx as nx

    from ._attributes import plain_graph

    return "\n".join(nx.generate_graphml(plain_graph(group, redact=redact))) + "\n"


@overload
def write_graphml(group: BuyingGroup, path: str | os.PathLike[str], *, redact: bool = False) -> Path: ...
@overload
def write_graphml(group: BuyingGroup, path: IO[bytes], *, redact: bool = False) -> None: ...
def write_graphml(group: BuyingGroup, path: str | os.PathLike[str] | IO[bytes], *, redact: bool = False) -> Path | None:
    """Write the map as GraphML to a path (atomically) or a binary stream; returns the path (``None`` for a stream)."""
    from ..atomic import write_output
    from ..redaction import holds_private

    write_output(path, to_graphml(group, redact=redact).encode("utf-8"), private=not redact and holds_private(group))
    return Path(path) if isinstance(path, (str, os.PathLike)) else None


#: GraphML's namespace; networkx reads elements in it only.
_NS = "{http://graphml.graphdrawing.org/xmlns}"


def _nodes(graph: ET.Element) -> str:
    count = len(list(graph.iter(f"{_NS}node")))
    return f"{count} node" if count == 1 else f"{count} nodes"


def _ignored(graph: ET.Element) -> Iterator[tuple[str, ET.Element, ET.Element]]:
    """What ``networkx.read_graphml`` would leave out of (or fail on in) a graph: (description, element, parent).

    networkx reads the first ``<graph>`` of the file with its nodes and edges, and
    the graph nested in a yEd group node (``yfiles.foldertype="group"``) as nodes of
    the same graph; every other nested graph, hyperedge, port and locator is left out.
    """
    for child in graph:
        if child.tag == f"{_NS}hyperedge":
            ends = len(child.findall(f"{_NS}endpoint"))
            yield (
                f"a <hyperedge> joining {ends} node{'' if ends == 1 else 's'} was ignored:"
                " a map's lines join two people"
                f" / 忽略了连接 {ends} 个节点的超边（hyperedge）：图中的连线只连接两个人",
                child,
                graph,
            )
        elif child.tag in (f"{_NS}node", f"{_NS}edge"):
            nested = child.findall(f"{_NS}graph")
            group = child.tag == f"{_NS}node" and child.get("yfiles.foldertype") == "group"
            if group and nested:
                yield from _ignored(nested[0])
                nested = nested[1:]
            for inner in nested:
                people = _nodes(inner)
                yield (
                    f"a nested <graph> ({people}) in {child.tag[len(_NS) :]} {child.get('id')!r} was ignored:"
                    " only yEd group nodes are read as part of the map"
                    f" / 忽略了嵌套在 {child.get('id')!r} 中的子图（{people}）：只读取 yEd 分组节点",
                    inner,
                    child,
                )
            for other in (*child.findall(f"{_NS}port"), *child.findall(f"{_NS}locator")):
                name = other.tag[len(_NS) :]
                yield (
                    f"a <{name}> of a node or edge was ignored: a map has no {name}s / 忽略了节点或连线的 <{name}>",
                    other,
                    child,
                )


def _ignored_in(root: ET.Element) -> list[tuple[str, ET.Element, ET.Element]]:
    graphs = root.findall(f"{_NS}graph")
    found = list(_ignored(graphs[0])) if graphs else []
    for other in graphs[1:]:
        found.append(
            (
                f"a second <graph> ({_nodes(other)}) was ignored: a map file holds one buying group,"
                " the first graph / 忽略了第二个图：一个文件只保存一个采购组织（第一个图）",
                other,
                root,
            )
        )
    return found


def read_graphml(path: str | os.PathLike[str] | IO[bytes]) -> BuyingGroup:
    """Read a map from GraphML written by :func:`write_graphml` (through ``networkx.read_graphml``).

    Raises :class:`~stakeholders.MapError` when the file is not GraphML or not a map,
    or declares a DTD. What the map cannot hold (a second or nested graph, a
    hyperedge, a port) is left out with a :class:`~stakeholders.io.xmldoc.GraphFileNote`
    warning that gives its lines. Values the file leaves to a key's ``<default>`` are read as that default.
    """
    import networkx as nx

    from ..graph import from_networkx
    from ._attributes import unplain_graph
    from .limits import read_limited

    source = str(path) if isinstance(path, (str, os.PathLike)) else None
    document = parse_xml(read_limited(path, source), "GraphML", source)
    ignored = _ignored_in(document.root)
    note_ignored(document, ((description, element) for description, element, _ in ignored), source)
    for _, element, parent in ignored:
        parent.remove(element)  # networkx fails on a hyperedge and warns of a port without saying where
    try:
        G = nx.read_graphml(io.BytesIO(document.clean_bytes()), force_multigraph=True)
    except Exception as err:  # networkx and ElementTree fail in many ways (KeyError, ParseError...) on damaged files
        raise MapError([Problem("", f"not valid GraphML: {printable(str(err))}", code="syntax")], source) from None
    del document
    with_defaults(G)
    try:
        return from_networkx(unplain_graph(G))
    except MapError as err:
        raise MapError(err.problems, source) from None

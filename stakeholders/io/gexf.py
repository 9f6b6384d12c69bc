"""GEXF (for Gephi): ``write_gexf`` / ``read_gexf``.

People are nodes (labelled with the name, coloured by stance), lines are
edges with their ``kind``; every field is a GEXF attribute, with vocabulary
values as ids and lists or nested records as JSON text. GEXF has no graph
attributes, so the rest of the map (customer, units, team, factions, contact
log, ...) is kept as JSON in the file's ``<meta><description>``.
``networkx.read_gexf`` reads the people and lines; :func:`read_gexf` reads
the meta data too and gives back the same map.

>>> import io, stakeholders
>>> g = stakeholders.loads("customer: X\\nunits: [{name: HQ}]\\npeople: [{name: A, unit: hq}, {name: B}]")
>>> buffer = io.BytesIO()
>>> write_gexf(g, buffer)
>>> _ = buffer.seek(0)
>>> read_gexf(buffer) == g
True
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import IO, Any, overload
from xml.sax.saxutils import escape

from ..errors import MapError, Problem, printable
from ..model import BuyingGroup
from .xmldoc import local_name, note_ignored, parse_xml, with_defaults

__all__ = ["read_gexf", "to_gexf", "write_gexf"]

_KEY = "stakeholders"


def _rgb(colour: str) -> dict[str, int]:
    colour = colour.lstrip("#")
    return {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16)}


def to_gexf(group: BuyingGroup, *, redact: bool = False) -> str:
    """The map as GEXF 1.2 text. ``redact=True`` leaves out coach/informant markings and private data."""
    import networkx as nx

    from ..drawing.theme import STANCE_STYLES
    from ._attributes import JSON_GRAPH, json_text, plain_graph, plain_value

    G = plain_graph(group, redact=redact)
    graph_data = dict(G.graph)
    G.graph.clear()
    G.graph["name"] = plain_value(group.customer)  # as every text: XML cannot hold control characters raw
    stances = {p.id: p.stance for p in group.people}
    for node, attrs in G.nodes(data=True):
        stance = stances.get(node)
        if stance is not None:
            attrs["viz"] = {"color": {**_rgb(STANCE_STYLES[stance].fill), "a": 1.0}}
    text = "\n".join(nx.generate_gexf(G, version="1.2draft"))
    structured = {k: json.loads(v) if k in JSON_GRAPH else v for k, v in graph_data.items()}
    description = f"<description>{escape(json_text({_KEY: structured}))}</description>"
    if "</meta>" not in text:  # pragma: no cover - networkx always writes a meta element
        raise RuntimeError("networkx wrote GEXF without a <meta> element")
    return text.replace("</meta>", f"<keywords>stakeholders buying-group map</keywords>{description}</meta>", 1) + "\n"


@overload
def write_gexf(group: BuyingGroup, path: str | os.PathLike[str], *, redact: bool = False) -> Path: ...
@overload
def write_gexf(group: BuyingGroup, path: IO[bytes], *, redact: bool = False) -> None: ...
def write_gexf(group: BuyingGroup, path: str | os.PathLike[str] | IO[bytes], *, redact: bool = False) -> Path | None:
    """Write the map as GEXF to a path (atomically) or a binary stream; returns the path (``None`` for a stream)."""
    from ..atomic import write_output
    from ..redaction import holds_private

    write_output(path, to_gexf(group, redact=redact).encode("utf-8"), private=not redact and holds_private(group))
    return Path(path) if isinstance(path, (str, os.PathLike)) else None


def _graph_data(root: ET.Element) -> dict[str, Any]:
    for element in root.iter():
        if local_name(element.tag) == "description":
            try:
                data = json.loads(element.text or "")
            except ValueError:
                continue
            if isinstance(data, dict) and isinstance(data.get(_KEY), dict):
                found: dict[str, Any] = data[_KEY]
                return found
    return {}


def _ignored_in(root: ET.Element) -> list[tuple[str, ET.Element, ET.Element]]:
    """What ``networkx.read_gexf`` leaves out of a file, or reads into attributes a map has no field for.

    (description, element, parent): a second ``<graph>``, hyperedges, and the times
    of a dynamic graph (``<spells>``, ``<slices>``): a map is one buying group at one time.
    """
    found: list[tuple[str, ET.Element, ET.Element]] = []
    graphs = [child for child in root if local_name(child.tag) == "graph"]
    for other in graphs[1:]:
        found.append(
            (
                "a second <graph> was ignored: a map file holds one buying group, the first graph"
                " / 忽略了第二个图：一个文件只保存一个采购组织（第一个图）",
                other,
                root,
            )
        )
    if not graphs:
        return found
    stack = [graphs[0]]
    while stack:
        parent = stack.pop()
        for element in parent:
            name = local_name(element.tag)
            if name in ("hyperedge", "hyperedges"):
                found.append(
                    (
                        f"a <{name}> was ignored: a map's lines join two people"
                        f" / 忽略了超边（{name}）：图中的连线只连接两个人",
                        element,
                        parent,
                    )
                )
            elif name in ("spells", "slices"):
                found.append(
                    (
                        f"the <{name}> (the times a node or edge exists) were ignored: a map describes one moment"
                        f" / 忽略了节点或连线的时间段（{name}）：一张图只描述一个时刻",
                        element,
                        parent,
                    )
                )
            else:
                stack.append(element)
    return found


def _unplain_name(name: Any) -> Any:
    """The graph's name as :func:`to_gexf` wrote the customer (``=json:`` text for control characters)."""
    from ._attributes import unplain_value

    try:
        return unplain_value(name)
    except ValueError:  # a name that merely starts like the marker (from another tool): as written
        return name


def read_gexf(path: str | os.PathLike[str] | IO[bytes]) -> BuyingGroup:
    """Read a map from GEXF written by :func:`write_gexf` (through ``networkx.read_gexf``).

    A GEXF file from elsewhere (e.g. saved by Gephi without the meta data)
    gives its people and lines; ``customer`` is then the graph's name, and the
    units and competitors people refer to are named by their ids.
    Raises :class:`~stakeholders.MapError` when the file is not GEXF or not a map.
    """
    import networkx as nx

    from ..graph import from_networkx
    from ._attributes import unplain_graph
    from .limits import read_limited

    source = str(path) if isinstance(path, (str, os.PathLike)) else None
    document = parse_xml(read_limited(path, source), "GEXF", source)
    graph = _graph_data(document.root)
    ignored = _ignored_in(document.root)
    note_ignored(document, ((description, element) for description, element, _ in ignored), source)
    for _, element, parent in ignored:
        parent.remove(element)
    try:
        G = nx.read_gexf(io.BytesIO(document.clean_bytes()), node_type=str, version="1.2draft")
    except Exception as err:  # networkx and ElementTree fail in many ways (KeyError, ParseError...) on damaged files
        raise MapError([Problem("", f"not valid GEXF: {printable(str(err))}", code="syntax")], source) from None
    del document
    with_defaults(G)
    if not graph:
        # Not written by write_gexf (e.g. saved by Gephi): name the map after the graph and
        # give the units and competitors the people refer to a name of their own id.
        graph = {"customer": _unplain_name(G.graph.get("name")) or "unknown customer"}
        for section, key in (("units", "unit"), ("competitors", "favours")):
            found = dict.fromkeys(str(a[key]) for _, a in G.nodes(data=True) if a.get(key))
            if found:
                graph[section] = json.dumps([{"id": ident, "name": ident} for ident in found])
    for _, attrs in G.nodes(data=True):
        if "name" not in attrs and "label" in attrs:
            attrs["name"] = attrs["label"]
    try:
        return from_networkx(unplain_graph(G, graph))
    except MapError as err:
        raise MapError(err.problems, source) from None

"""Plain attribute values for graph file formats (GraphML, GEXF), and back.

Those formats hold strings, numbers and booleans only, in XML. The graph of
:func:`~stakeholders.graph.to_networkx` is made plain:

- vocabulary values become their ids, dates ISO text;
- lists, mappings and models (roles, concerns, private, units, team, ...)
  become JSON text, read back by field name;
- ``None`` and empty lists or mappings are left out (they are the defaults);
- a text that XML cannot hold as it is (control characters, a carriage
  return that XML would turn into a newline) or that starts with the marker
  is written as ``=json:`` followed by the text as a JSON string.

:func:`unplain_graph` inverts :func:`plain_graph`, so
``from_networkx(unplain_graph(plain_graph(g))) == g``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import networkx as nx
from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from ..errors import MapError, Problem
from ..graph import to_networkx
from ..model import BuyingGroup, Line, Person
from ..redaction import redacted
from ..vocab import Vocabulary

__all__ = ["JSON_GRAPH", "MARK", "plain_graph", "plain_value", "unplain_graph", "unplain_value"]

MARK = "=json:"
_XML_UNSAFE = re.compile("[^\x09\x0a\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: Attributes whose values are JSON text: the person's and the graph's structured fields.
_JSON_NODE = frozenset({"roles", "concerns", "judgements", "private"})
JSON_GRAPH = frozenset({"competitors", "units", "team", "relationships", "factions", "contacts", "checklist"})


def _jsonable(value: Any) -> Any:
    """``value`` as JSON-ready data; each model through its own ``model_dump``.

    Not ``to_jsonable_python`` on a model: its type inference takes the serializer
    straight off the model's class, and a class that has only been validated
    inside another model (``defer_build``: the parent's schema holds it) still
    has pydantic's placeholder there, a ``MockValSer``: TypeError. ``model_dump``
    builds the class on first use, as its validation does.
    """
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {to_jsonable_python(key): _jsonable(item) for key, item in value.items()}
    return to_jsonable_python(value)


def json_text(value: Any) -> str:
    """JSON of a value, readable (non-ASCII kept) unless XML could not hold it."""
    data = _jsonable(value)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=True) if _XML_UNSAFE.search(text) else text


def _text(value: str) -> str:
    if _XML_UNSAFE.search(value) or value.startswith(MARK):
        return MARK + json.dumps(value, ensure_ascii=True)
    return value


def plain_value(value: Any) -> Any:
    """A value a graph file can hold; ``None`` for a value to leave out."""
    if value is None:
        return None
    if isinstance(value, Vocabulary):
        return value.value
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        dumped = value.model_dump(mode="json", exclude_defaults=True, by_alias=True)
        return json_text(dumped) if dumped else None
    if isinstance(value, list | tuple | dict):
        return json_text(value) if value else None
    raise TypeError(f"cannot store a {type(value).__name__} in a graph file")


def unplain_value(value: Any, structured: bool = False) -> Any:
    """Invert :func:`plain_value` for one attribute; :class:`ValueError` for JSON text that does not parse."""
    if isinstance(value, str):
        if value.startswith(MARK):
            found = json.loads(value[len(MARK) :])
            if not isinstance(found, str):
                raise ValueError(f"{MARK} must be followed by a JSON string")
            return found
        if structured:
            return json.loads(value)
    return value


def _plain_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in attrs.items():
        plain = plain_value(value)
        if plain is not None:
            out[key] = plain
    return out


def plain_graph(group: BuyingGroup, *, redact: bool = False) -> nx.MultiDiGraph:
    """:func:`~stakeholders.graph.to_networkx` with plain attribute values, and a ``label`` (the name) per node."""
    G = to_networkx(redacted(group) if redact else group)
    H = nx.MultiDiGraph()
    H.graph.update(_plain_attrs(G.graph))
    for node, attrs in G.nodes(data=True):
        H.add_node(_text(node), label=_text(attrs["name"]), **_plain_attrs(attrs))
    for source, target, key, attrs in G.edges(keys=True, data=True):
        H.add_edge(_text(source), _text(target), key=key, **_plain_attrs(attrs))
    return H


_PERSON_FIELDS = frozenset(Person.model_fields)
_EDGE_FIELDS = frozenset(
    {"kind", "line_index", "position", *(f for f in Line.model_fields if f not in ("source", "target"))}
)


def unplain_graph(G: nx.Graph, graph: dict[str, Any] | None = None) -> nx.MultiDiGraph:
    """The graph :func:`~stakeholders.graph.from_networkx` expects, from a graph read back from a file.

    ``graph`` replaces the graph attributes (GEXF keeps them elsewhere). Node
    attributes that are not fields of a person (``label``, and what a viewer
    may add) are dropped, as are edge attributes that are not fields of a line
    (``id``, ``weight``, ...).
    """
    H = nx.MultiDiGraph()
    source = G.graph if graph is None else graph
    problems: list[Problem] = []

    def value(where: str, raw: Any, structured: bool = False) -> Any:
        try:
            return unplain_value(raw, structured)
        except (ValueError, RecursionError) as err:  # JSON text that does not parse (JSONDecodeError is a ValueError)
            problems.append(Problem(where, f"not valid JSON text: {err}", value=raw, code="syntax"))
            return None

    H.graph.update(
        {k: value(f"graph.{k}", v, k in JSON_GRAPH) for k, v in source.items() if k in BuyingGroup.model_fields}
    )
    nodes: dict[Any, Any] = {}
    for node, attrs in G.nodes(data=True):
        nodes[node] = value(f"node {node!r}", node)
        if nodes[node] is None:
            continue
        H.add_node(
            nodes[node],
            **{k: value(f"node {node!r}.{k}", v, k in _JSON_NODE) for k, v in attrs.items() if k in _PERSON_FIELDS},
        )
    multi: Any = G  # a MultiGraph takes keys=, which the type of nx.Graph does not say
    edges = (
        multi.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    )
    for source_node, target, _, attrs in edges:
        where = f"edge {source_node!r} → {target!r}"
        kept = {k: value(f"{where}.{k}", v) for k, v in attrs.items() if k in _EDGE_FIELDS}
        if nodes[source_node] is not None and nodes[target] is not None:
            H.add_edge(nodes[source_node], nodes[target], **kept)
    if problems:
        raise MapError(problems)
    return H

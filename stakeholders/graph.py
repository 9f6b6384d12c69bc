"""The map as a networkx graph, and back.

``to_networkx(group)`` returns a :class:`networkx.MultiDiGraph`:

- one node per customer person, keyed by the person's id, with every field of
  the person as a node attribute (enums stay enums; they are ``str`` subclasses);
- one edge per line, with a ``kind`` attribute: ``reports_to`` and
  ``dotted_line`` (from the manager to the report, top-down), ``influence``,
  ``delegation`` and ``introduction`` (from ``source`` to ``target``), plus the
  line's own fields (``strength``, ``mutual``, ``delegation``, ...) and
  ``line_index``, its position in ``group.lines`` (dotted lines carry
  ``position``, their place in the person's ``dotted_line_to``);
- everything else (customer, units, team, relationships, factions, contacts,
  ...) in ``G.graph``.

``from_networkx(G)`` inverts it: ``from_networkx(to_networkx(g)) == g``.
"""

from __future__ import annotations

import copy
from enum import Enum
from typing import Any

import networkx as nx
from pydantic import BaseModel

from .errors import MapError, Problem
from .model import BuyingGroup, LineKind

__all__ = ["from_networkx", "to_networkx"]

_PERSON_EDGE_FIELDS = ("reports_to", "dotted_line_to")


def to_networkx(group: BuyingGroup) -> nx.MultiDiGraph:
    """The map as a :class:`networkx.MultiDiGraph` (people as nodes, lines as edges).

    >>> import stakeholders
    >>> g = stakeholders.loads("customer: X\\npeople: [{name: A}, {name: B, reports_to: a}]")
    >>> G = g.to_networkx()
    >>> list(G.edges(data="kind"))
    [('a', 'b', 'reports_to')]
    """
    G = nx.MultiDiGraph()
    # Copies: editing the graph must not change the group behind its back (no checks run there).
    G.graph.update(
        {name: _copy(getattr(group, name)) for name in type(group).model_fields if name not in ("people", "lines")}
    )
    fields: dict[type[BaseModel], list[str]] = {}  # per class, looked up once: model_fields is not free
    for person in group.people:
        names = fields.get(type(person))
        if names is None:
            names = fields[type(person)] = [
                n for n in type(person).model_fields if n not in ("id", *_PERSON_EDGE_FIELDS)
            ]
        G.add_node(person.id, **{name: _copy(getattr(person, name)) for name in names})
    for person in group.people:
        if person.reports_to is not None:
            G.add_edge(person.reports_to, person.id, kind=LineKind.REPORTS_TO.value)
        for position, manager in enumerate(person.dotted_line_to):
            G.add_edge(manager, person.id, kind=LineKind.DOTTED_LINE.value, position=position)
    for index, line in enumerate(group.lines):
        names = fields.get(type(line))
        if names is None:
            names = fields[type(line)] = [n for n in type(line).model_fields if n not in ("kind", "source", "target")]
        attrs = {name: _copy(getattr(line, name)) for name in names}
        G.add_edge(line.source, line.target, kind=line.kind.value, line_index=index, **attrs)
    return G


def _copy(value: Any) -> Any:
    """A copy of a mutable attribute value (lists, dicts, models); scalars as they are.

    The same as ``copy.deepcopy``, which keeps strings, numbers, ``None`` and enum members
    as they are; lists and dicts of only those are copied directly, without its machinery.
    """
    if isinstance(value, list):
        return list(value) if all(map(_atomic, value)) else copy.deepcopy(value)
    if isinstance(value, dict):
        return dict(value) if all(map(_atomic, value)) and all(map(_atomic, value.values())) else copy.deepcopy(value)
    return copy.deepcopy(value) if isinstance(value, BaseModel) else value


_ATOMIC = frozenset({str, int, float, bool, type(None)})


def _atomic(value: Any) -> bool:
    """Kept as it is by ``copy.deepcopy``: an immutable scalar or an enum member."""
    return type(value) in _ATOMIC or isinstance(value, Enum)


def from_networkx(G: nx.Graph) -> BuyingGroup:
    """Rebuild a map from a graph shaped like :func:`to_networkx` output.

    Node attributes become person fields; edges with ``kind`` ``reports_to`` or
    ``dotted_line`` become ``reports_to`` / ``dotted_line_to``; other edges become
    ``lines``. Problems (a person with two line managers, an edge with no kind)
    raise :class:`~stakeholders.MapError`.
    """
    problems: list[Problem] = []
    data: dict[str, Any] = dict(G.graph)
    people: dict[Any, dict[str, Any]] = {}
    for node, attrs in G.nodes(data=True):
        people[node] = {"id": node, **attrs}
    lines: list[tuple[float, dict[str, Any]]] = []
    dotted: dict[Any, list[tuple[float, Any]]] = {}
    edges = (
        G.edges(data=True, keys=True)
        if isinstance(G, nx.MultiGraph)
        else ((u, v, None, d) for u, v, d in G.edges(data=True))
    )
    for position, (source, target, key, attrs) in enumerate(edges):
        where = f"edge {source!r} → {target!r}" + (f" (key {key!r})" if key is not None else "")
        kind = attrs.get("kind")
        if kind is None:
            problems.append(Problem(where, "edge has no 'kind' attribute", code="missing"))
            continue
        try:
            kind = LineKind.parse(kind)
        except ValueError as err:
            problems.append(Problem(where, str(err), value=kind, code="unknown_vocabulary"))
            continue
        if kind is LineKind.REPORTS_TO:
            report = people[target]
            if report.get("reports_to") not in (None, source):
                problems.append(
                    Problem(
                        where,
                        f"{target!r} already reports to {report['reports_to']!r}; a person has one line manager",
                        code="two_managers",
                    )
                )
            report["reports_to"] = source
        elif kind is LineKind.DOTTED_LINE:
            order = attrs.get("position", position)
            dotted.setdefault(target, []).append((order if isinstance(order, (int, float)) else position, source))
        else:
            line = {k: v for k, v in attrs.items() if k not in ("kind", "line_index")}
            line.update({"kind": kind, "from": source, "to": target})
            order = attrs.get("line_index", position)
            lines.append((order if isinstance(order, (int, float)) else position, line))
    if problems:
        raise MapError(problems, source="networkx graph")
    for target, managers in dotted.items():
        people[target]["dotted_line_to"] = [m for _, m in sorted(managers, key=lambda item: item[0])]
    data["people"] = list(people.values())
    data["lines"] = [line for _, line in sorted(lines, key=lambda item: item[0])]
    return BuyingGroup.model_validate(data)

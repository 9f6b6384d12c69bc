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
from pathlib import Path
from typing import IO, overload

from ..errors import MapError, Problem, printable
from ..model import BuyingGroup

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


def read_graphml(path: str | os.PathLike[str] | IO[bytes]) -> BuyingGroup:
    """Read a map from GraphML written by :func:`write_graphml` (through ``networkx.read_graphml``).

    Raises :class:`~stakeholders.MapError` when the file is not GraphML or not a map.
    """
    import networkx as nx

    from ..graph import from_networkx
    from ._attributes import read_xml, unplain_graph

    source = str(path) if isinstance(path, (str, os.PathLike)) else None
    raw = read_xml(path, "GraphML", source)
    try:
        G = nx.read_graphml(io.BytesIO(raw), force_multigraph=True)
    except Exception as err:  # networkx and ElementTree fail in many ways (KeyError, ParseError...) on damaged files
        raise MapError([Problem("", f"not valid GraphML: {printable(str(err))}", code="syntax")], source) from None
    try:
        return from_networkx(unplain_graph(G))
    except MapError as err:
        raise MapError(err.problems, source) from None

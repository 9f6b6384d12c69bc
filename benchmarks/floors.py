"""The floors: what each step cannot avoid, measured on the same input as the step.

- **plain pydantic**: pydantic-core validating the same document into models of
  the same shape (same fields, aliases, defaults and nesting), without the
  library's reference checks, vocabulary aliases and id derivation;
- **bare YAML**: PyYAML's C loader turning the same text into plain data;
- **bare networkx**: a ``MultiDiGraph`` with the same nodes and edges, no attributes;
- **bare graphviz**: the ``graphviz`` package writing one plain node per person
  and one edge per line;
- **bare dot**: ``dot -Tpng`` on the library's own DOT text, same resolution;
- **bare matplotlib**: one figure of the chart's size with a text box per
  person and a line per edge, saved the same way.
"""

from __future__ import annotations

import subprocess
import types
from enum import Enum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from stakeholders import BuyingGroup

__all__ = ["bare_dot", "bare_graphviz", "bare_matplotlib", "bare_networkx", "plain_model"]


def _plain(annotation: Any) -> Any:
    """The annotation with vocabularies as ``str``, our models as their plain mirrors, validators gone."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _plain(args[0])
    if origin in (Union, types.UnionType):
        return Union[tuple(_plain(a) for a in args)]  # noqa: UP007 - built at run time
    if origin is list:
        return list[_plain(args[0])]  # type: ignore[misc]
    if origin is dict:
        return dict[_plain(args[0]), _plain(args[1])]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return str
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return plain_model(annotation)
    return annotation


def _field(info: FieldInfo) -> Any:
    if info.default_factory is not None:
        return Field(default_factory=info.default_factory, alias=info.alias)
    if info.is_required():
        return Field(alias=info.alias)
    return Field(default=info.default, alias=info.alias)


@cache
def plain_model(model: type[BaseModel] = BuyingGroup) -> type[BaseModel]:
    """A plain pydantic model of the same shape as ``model`` (and its nested models)."""
    fields: dict[str, Any] = {
        name: (_plain(info.rebuild_annotation()), _field(info)) for name, info in model.model_fields.items()
    }
    plain: type[BaseModel] = create_model(
        f"Plain{model.__name__}", __config__=ConfigDict(populate_by_name=True), **fields
    )
    return plain


def bare_networkx(nodes: list[str], edges: list[tuple[str, str]]) -> Any:
    """A MultiDiGraph with the same nodes and edges, no attributes."""
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    return G


def bare_graphviz(nodes: list[tuple[str, str]], edges: list[tuple[str, str]]) -> str:
    """DOT text with one plain node per person (its name as label) and one edge per line."""
    import graphviz

    g = graphviz.Digraph("floor")
    for node, label in nodes:
        g.node(node, label=label)
    for source, target in edges:
        g.edge(source, target)
    return str(g.source)


def bare_dot(source: str, dpi: int = 150) -> bytes:
    """``dot -Tpng`` on ``source`` (with the library's resolution), the PNG bytes."""
    done = subprocess.run(["dot", "-Tpng", f"-Gdpi={dpi}"], input=source.encode("utf-8"), capture_output=True)
    return done.stdout


def bare_matplotlib(size: tuple[int, int], dpi: int, labels: list[str], edges: int, path: str) -> None:
    """One figure of ``size`` pixels with a boxed text per label and ``edges`` line segments, saved as PNG."""
    import math

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    width, height = size
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    columns = max(1, math.ceil(math.sqrt(len(labels) * width / max(height, 1))))
    places = [
        ((i % columns) / columns, (i // columns) / max(1, math.ceil(len(labels) / columns))) for i in range(len(labels))
    ]
    for (x, y), label in zip(places, labels, strict=True):
        ax.text(x, y, label, fontsize=7, bbox={"boxstyle": "round", "facecolor": "#F0F0F0"})
    if places:
        segments = [(places[i % len(places)], places[(i * 7 + 3) % len(places)]) for i in range(edges)]
        ax.add_collection(LineCollection(segments, linewidths=1.0))
    figure.savefig(path, format="png", dpi=dpi)

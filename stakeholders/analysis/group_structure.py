"""Group structure: Johnston & Bonoma's buying-centre measures.

- ``size``: how many people take part;
- ``vertical_involvement``: how many levels of the hierarchy take part (the
  deepest reporting chain, counted in levels; 1 when nobody reports to anyone);
- ``lateral_involvement``: how many units (departments and related
  institutions) take part;
- ``connectedness``: the share of pairs of people linked directly by any line
  (reporting, dotted, influence, delegation, introduction), i.e. the density
  of the communication network, from 0 to 1;
- ``isolated``: people linked to nobody, whom the chart shows apart.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..model import BuyingGroup
from .built import built
from .context import Context

__all__ = ["Structure", "structure", "structure_of"]


class Structure(BaseModel):
    """Buying-centre structure measures."""

    model_config = ConfigDict(frozen=True)

    size: int
    vertical_involvement: int
    lateral_involvement: int
    connectedness: float
    isolated: list[str]
    units: list[str]
    """Ids of the units that take part (have people)."""


def structure(group: BuyingGroup) -> Structure:
    """Size, vertical and lateral involvement, and connectedness of the group.

    >>> import stakeholders
    >>> g = stakeholders.loads("customer: X\\npeople: [{name: A}, {name: B, reports_to: a}, {name: C}]")
    >>> s = structure(g)
    >>> s.size, s.vertical_involvement, round(s.connectedness, 2), s.isolated
    (3, 2, 0.33, ['c'])
    """
    return structure_of(Context(group))


def structure_of(ctx: Context) -> Structure:
    """:func:`structure` of the context's group."""
    group, facts = ctx.group, ctx.facts
    links = facts.links()
    n = len(group.people)
    pairs = n * (n - 1) / 2
    linked = sum(len(v) for v in links.values()) / 2
    units = list(dict.fromkeys(p.unit for p in group.people if p.unit is not None))
    return built(
        Structure,
        size=n,
        vertical_involvement=(facts.max_depth + 1) if n else 0,
        lateral_involvement=len(units),
        connectedness=linked / pairs if pairs else 0.0,
        isolated=[p for p, v in links.items() if not v],
        units=units,
    )

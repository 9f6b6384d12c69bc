"""Influence: who really has power in the group, and why (D6, D8).

Each person's score in [0, 1] is a weighted average of components, each in
[0, 1]:

- ``position``: formal place in the reporting tree (the top is 1, each level
  down less); for someone outside any tree, estimated from their layer;
- ``authority``: formal authority as recorded (low 1/3, medium 2/3, high 1);
- ``recorded_influence``: real influence as judged by the analyst;
- ``role``: the strongest decision role held (decider 1, evaluator 0.6, user 0.3);
  a *real* delegation passes the delegator's role value on, a nominal one does not;
- ``network``: PageRank over the informal influence lines (weighted by their
  strength), real delegations and, more weakly, reporting lines, so that
  swaying a powerful person makes one powerful;
- ``faction``: leading a faction (more for a larger one) or belonging to one.

A component that cannot be known for a person (no recorded level, no lines in
the map) is left out and the other weights are scaled up, and the breakdown
says so. Power can therefore differ from title: a chief engineer with strong
influence lines and a faction behind him outranks his nominal superior.
"""

from __future__ import annotations

import math
import operator
import sys
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..model import BuyingGroup, LineKind
from ..vocab import Layer, Role
from ._facts import Facts, facts_of, in_id_order
from .built import built
from .weights import COMPONENTS, Weights, as_weights

__all__ = ["Component", "InfluenceScore", "influence", "is_high_influence", "pagerank", "score_influence"]

_LAYER_POSITION = {
    Layer.DECISION: 1.0,
    Layer.DEPARTMENT_MANAGEMENT: 0.6,
    Layer.TECHNICAL_MANAGEMENT: 0.6,
    Layer.FINANCE_MANAGEMENT: 0.6,
    Layer.USER: 0.3,
    Layer.OPERATOR: 0.15,
}


class Component(BaseModel):
    """One part of an influence score."""

    model_config = ConfigDict(frozen=True)

    name: str
    value: float | None
    """The component in [0, 1]; ``None`` when it cannot be known for this person."""
    weight: float
    """The weight actually applied (after scaling up for missing components)."""
    contribution: float
    """``value * weight``: what this component adds to the score."""
    note: str
    """Where the value comes from, in plain words."""


class InfluenceScore(BaseModel):
    """A person's influence score, rank and breakdown."""

    model_config = ConfigDict(frozen=True)

    person: str
    name: str
    score: float
    rank: int
    high: bool
    """High influence, THE definition the whole package reads (see :func:`is_high_influence`): in the
    top share of the ranking (``Weights.high_influence_share``, at least three people) with a score
    of at least ``high_influence_floor``, or a score of at least ``high_influence_score`` whatever
    the rank."""
    components: list[Component]

    def explain(self) -> str:
        """One line per component: why this person has this score."""
        lines = [f"{self.name}: influence {self.score:.2f} (rank {self.rank})"]
        for c in self.components:
            if c.value is None:
                lines.append(f"  {c.name}: not known ({c.note})")
            else:
                lines.append(f"  {c.name}: {c.value:.2f} × {c.weight:.2f} = {c.contribution:.3f} ({c.note})")
        return "\n".join(lines)


def is_high_influence(score: InfluenceScore) -> bool:
    """Whether ``score`` counts as *high influence*: the one definition of the package.

    Set by :func:`influence` as :attr:`InfluenceScore.high` (rank share with
    floors, docs/analysis.md "Ranking and high influence"). Every analysis rule
    that means "high influence" (key people, powerful opponents, overlooked
    seniors, champions, the right person of our team) and the charts (the power
    map's bands) read it here rather than cutting the score themselves.
    """
    return score.high


def pagerank(
    nodes: list[str], edges: Mapping[str, Mapping[str, float]], damping: float = 0.85, tol: float = 1e-10
) -> dict[str, float]:
    """Weighted PageRank by power iteration, in pure Python (no SciPy needed).

    ``edges[u][v]`` is the weight of the link u → v (u endorses v). Dangling
    nodes spread their rank evenly. Deterministic for the same input. Large
    graphs use NumPy when it is installed, adding the same numbers in the same
    order, so the result is the same to the last bit.
    """
    n = len(nodes)
    if n == 0:
        return {}
    # Plain lists indexed by position instead of dicts keyed by id: the same additions in the
    # same order (so the same floats, bit for bit), without hashing in the inner loop.
    index: dict[str, int] = {}
    for u in nodes:
        index.setdefault(u, len(index))
    out_weight = {u: sum(targets.values()) for u, targets in edges.items()}
    dangling = [index[u] for u in nodes if out_weight.get(u, 0.0) <= 0]
    links = [
        (index[u], total, [(index[v], w) for v, w in targets.items()])
        if total >= sys.float_info.min
        # A subnormal total (strengths like 1e-313) would overflow ``rank / total`` to inf and every
        # score to NaN: such a node's weights are normalised first (its shares are then exact).
        else (index[u], 1.0, [(index[v], w / total) for v, w in targets.items()])
        for u, targets in edges.items()
        if not (total := out_weight[u]) <= 0
    ]
    positions = None if len(index) == n else [index[u] for u in nodes]
    spread = _spread_with_numpy(links) if sum(len(t) for _, _, t in links) >= _NUMPY_FROM else None
    rank = [1.0 / n] * len(index)
    for _ in range(200):
        dangling_rank = sum([rank[i] for i in dangling])
        base = (1.0 - damping) / n + damping * dangling_rank / n
        if spread is not None:
            new = spread(rank, base, damping)
        else:
            new = [base] * len(index)
            for u_at, total, targets in links:
                share = damping * rank[u_at] / total
                for v_at, w in targets:
                    new[v_at] += share * w
        if positions is None:
            delta = sum(map(abs, map(operator.sub, new, rank)))
        else:
            delta = sum([abs(new[i] - rank[i]) for i in positions])
        rank = new
        if delta < tol * n:
            break
    return dict(zip(index, rank, strict=True))


#: From this many links on, PageRank spreads rank with NumPy (when installed).
_NUMPY_FROM = 5_000

Spread = Callable[[list[float], float, float], list[float]]


def _spread_with_numpy(links: list[tuple[int, float, list[tuple[int, float]]]]) -> Spread | None:
    """One power-iteration step with NumPy, or ``None`` when NumPy is not installed.

    The step of :func:`pagerank`, edge by edge in the same order: each share is
    ``damping * rank[u] / total`` times the weight, as in Python, and
    ``numpy.add.at`` adds them one after the other into the target's rank,
    starting from ``base``. IEEE arithmetic does each operation alike, so the
    floats are the same; only the loop runs in C.
    """
    try:
        import numpy as np
    except ImportError:  # an optional speed-up: pure Python otherwise
        return None
    sources = np.array([u_at for u_at, _, targets in links for _ in targets], dtype=np.intp)
    totals = np.array([total for _, total, targets in links for _ in targets], dtype=np.float64)
    targets_at = np.array([v_at for _, _, targets in links for v_at, _ in targets], dtype=np.intp)
    weights = np.array([w for _, _, targets in links for _, w in targets], dtype=np.float64)

    def spread(rank: list[float], base: float, damping: float) -> list[float]:
        current = np.array(rank, dtype=np.float64)
        new = np.full(len(rank), base, dtype=np.float64)
        with np.errstate(all="ignore"):  # as in Python: an overflow gives inf, quietly
            np.add.at(new, targets_at, damping * current[sources] / totals * weights)  # (d * rank / total) * w
        result: list[float] = new.tolist()
        return result

    return spread


def _network(group: BuyingGroup, weights: Weights) -> dict[str, float] | None:
    """Normalised PageRank over endorsement links; ``None`` when the map has no lines at all."""
    edges: dict[str, dict[str, float]] = {}

    def link(u: str, v: str, w: float) -> None:
        if w > 0:
            edges.setdefault(u, {})
            edges[u][v] = edges[u].get(v, 0.0) + w

    for line in group.lines:
        if line.kind is LineKind.INFLUENCE:
            # "source sways target": the target's attention endorses the source.
            link(line.target, line.source, line.strength)
            if line.mutual:
                link(line.source, line.target, line.strength)
        elif line.kind is LineKind.DELEGATION and not line.nominal:
            link(line.source, line.target, 1.0)
    # Formal lines count too, more weakly: a report's attention endorses the manager.
    for person in group.people:
        if person.reports_to is not None:
            link(person.id, person.reports_to, weights.reporting_link)
        for manager in person.dotted_line_to:
            link(person.id, manager, weights.dotted_link)
    if not edges:
        return None
    nodes = [p.id for p in group.people]
    pr = pagerank(nodes, edges, damping=weights.damping)
    low, high = min(pr.values()), max(pr.values())
    if high - low <= 1e-12:
        return dict.fromkeys(nodes, 0.0)
    return {u: (pr[u] - low) / (high - low) for u in nodes}


def _role_values(group: BuyingGroup, weights: Weights) -> tuple[dict[str, float], dict[str, str]]:
    value_of = {
        Role.DECIDER: weights.role_decider,
        Role.TECHNICAL_EVALUATOR: weights.role_evaluator,
        Role.COMMERCIAL_EVALUATOR: weights.role_evaluator,
        Role.USER: weights.role_user,
    }
    values: dict[str, float] = {}
    notes: dict[str, str] = {}
    for person in group.people:
        values[person.id] = max((value_of[r] for r in person.roles), default=0.0)
        notes[person.id] = ", ".join(r.value for r in person.roles) or "no decision role"
    real = [line for line in group.lines if line.kind is LineKind.DELEGATION and not line.nominal]
    # A real delegation passes on a share of the delegator's role value; chains (GM → A → B)
    # are followed to a fixed point, so the order of the lines in the file does not matter.
    for _ in range(len(real)):
        changed = False
        for line in real:
            passed = values[line.source] * weights.delegated_role
            if passed > values[line.target] + 1e-12:
                values[line.target] = passed
                notes[line.target] = notes[line.target].split("; ")[0] + f"; real delegation from {line.source}"
                changed = True
        if not changed:
            break
    return values, notes


def influence(group: BuyingGroup, *, weights: Weights | Mapping[str, Any] | None = None) -> list[InfluenceScore]:
    """Score and rank every person's influence, with the breakdown of each score.

    Returns the scores ordered by rank (rank 1 first). Equal scores are ranked by id, so the result
    does not depend on the order of the file.

    >>> import stakeholders
    >>> g = stakeholders.loads('''
    ... customer: X
    ... people:
    ...   - {name: GM, roles: decider}
    ...   - {name: Engineer, reports_to: gm, roles: technical_evaluator}
    ... ''')
    >>> for score in influence(g):
    ...     print(score.rank, score.name)
    1 GM
    2 Engineer
    """
    group = in_id_order(group)
    return score_influence(group, as_weights(weights), facts_of(group))


def _faction_values(group: BuyingGroup) -> dict[str, tuple[float, str]]:
    """Person id → (faction component, note): leading a faction (more for a larger one) or belonging to one."""
    faction_value: dict[str, tuple[float, str]] = {}
    if group.factions:
        largest = max(len(f.members) for f in group.factions) or 1
        for faction in group.factions:
            for member in faction.members:
                current = faction_value.get(member, (0.0, ""))
                if current[0] < 0.25:
                    faction_value[member] = (0.25, f"member of {faction.name}")
            if faction.leader is not None:
                value = 0.5 + 0.5 * len(faction.members) / largest
                if value > faction_value.get(faction.leader, (0.0, ""))[0]:
                    faction_value[faction.leader] = (value, f"leads {faction.name} ({len(faction.members)} members)")
    return faction_value


def score_influence(group: BuyingGroup, w: Weights, facts: Facts) -> list[InfluenceScore]:
    """:func:`influence` with the weights and facts already at hand (what the analysis context calls)."""
    base = w.normalised()
    weights_nominal = w.nominal_formal
    network = _network(group, w)
    roles, role_notes = _role_values(group, w)
    faction_value = _faction_values(group)
    heights = facts.tree_heights()
    main = facts.main_root()
    max_depth = heights.get(main, 0) if main is not None else 0
    nominal = facts.nominal_delegates()

    raw: list[tuple[str, float, list[tuple[str, float | None, str]]]] = []
    for person in group.people:
        parts: list[tuple[str, float | None, str]] = []
        depth = facts.depth[person.id]
        if person.id in facts.in_tree and facts.root[person.id] == main:
            parts.append(("position", 1.0 - depth / (max_depth + 1), f"level {depth + 1} of {max_depth + 1}"))
        elif person.layer is not None:
            parts.append(("position", _LAYER_POSITION[person.layer], f"layer {person.layer.value}"))
        elif person.id in facts.in_tree:
            # A smaller hierarchy (e.g. a related institution): aligned with the bottom of the main one.
            height = heights[facts.root[person.id]]
            value = (height - depth + 1) / (max(max_depth, height) + 1)
            parts.append(("position", value, f"level {depth + 1} of a separate hierarchy of {height + 1}"))
        else:
            parts.append(("position", None, "not in a reporting line and no layer"))
        parts.append(
            ("authority", person.authority.fraction, f"recorded {person.authority.value}")
            if person.authority is not None
            else ("authority", None, "not recorded")
        )
        if person.id in nominal:
            # D6: the formal power (title and authority) a nominal delegation seems to give is on paper only.
            delegator = facts.name(nominal[person.id])
            parts = [
                (name, value * weights_nominal, f"{note}; × {weights_nominal:g}: nominal delegation from {delegator}")
                if name in ("position", "authority") and value is not None
                else (name, value, note)
                for name, value, note in parts
            ]
        parts.append(
            ("recorded_influence", person.influence.fraction, f"judged {person.influence.value}")
            if person.influence is not None
            else ("recorded_influence", None, "not recorded")
        )
        parts.append(("role", roles[person.id], role_notes[person.id]))
        if network is None:
            parts.append(("network", None, "the map has no lines between people"))
        else:
            parts.append(("network", network[person.id], "PageRank over influence, delegation and reporting lines"))
        if group.factions:
            value, note = faction_value.get(person.id, (0.0, "in no faction"))
            parts.append(("faction", value, note))
        else:
            parts.append(("faction", None, "the map has no factions"))
        available = sum(base[name] for name, value, _ in parts if value is not None)
        score = 0.0
        if available > 0:
            score = sum(base[name] * value for name, value, _ in parts if value is not None) / available
        raw.append((person.id, min(1.0, max(0.0, score)), parts))

    order = sorted(range(len(raw)), key=lambda i: (-round(raw[i][1], 12), raw[i][0]))  # ties: by id
    high_count = max(3, math.ceil(w.high_influence_share * len(raw)))
    floor = w.high_influence_floor
    results: list[InfluenceScore] = []
    for rank, i in enumerate(order, start=1):
        ident, score, parts = raw[i]
        available = sum(base[name] for name, value, _ in parts if value is not None) or 1.0
        # Built without validation: every value is a float (or None) and a str computed just above.
        components = [
            built(
                Component,
                name=name,
                value=value,
                weight=(base[name] / available) if value is not None else 0.0,
                contribution=(base[name] / available * value) if value is not None else 0.0,
                note=note,
            )
            for name, value, note in parts
        ]
        assert [c.name for c in components] == list(COMPONENTS)
        results.append(
            built(
                InfluenceScore,
                person=ident,
                name=facts.name(ident),
                score=round(score, 6),
                rank=rank,
                high=(rank <= high_count and score >= floor) or score >= w.high_influence_score,
                components=components,
            )
        )
    return results

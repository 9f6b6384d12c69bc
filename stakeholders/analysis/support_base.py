"""Support: how broad and how strong our support is (支援面, D8).

- ``index``: the influence-weighted average stance of the people whose stance is
  known, on a scale from -1 (everyone an enemy) to +1 (everyone a mentor):
  ``sum(influence × stance) / sum(influence)`` with mentor +1, supporter +0.5,
  neutral 0, opponent -0.5, enemy -1. People of unknown stance are left out of
  it and counted on their own, never as neutral.
- the support base: the share of people, and of influence, at supporter or better;
- per decision role: the best and the worst known stance among its holders;
- per faction: its own index and counts;
- champions (a coach or mentor with high influence) told apart from mere coaches.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..model import BuyingGroup
from ..vocab import Insider, Role, Stance
from .built import built
from .context import Context
from .influence_scores import InfluenceScore, is_high_influence
from .weights import Weights

__all__ = ["FactionBalance", "RoleCoverage", "Support", "stance_index", "support", "support_of"]


class RoleCoverage(BaseModel):
    """How the holders of one decision role stand toward us."""

    model_config = ConfigDict(frozen=True)

    role: Role
    holders: list[str]
    best: Stance | None
    """Best known stance among the holders; ``None`` if no holder's stance is known."""
    worst: Stance | None
    unknown: list[str]
    """Holders whose stance is unknown."""
    covered: bool
    """At least one holder is a supporter or better."""


class FactionBalance(BaseModel):
    """How a faction stands toward us."""

    model_config = ConfigDict(frozen=True)

    faction: str
    name: str
    leader: str | None
    leader_stance: Stance | None
    index: float | None
    """The faction's own influence-weighted stance index; ``None`` if no member's stance is known."""
    supporters: int
    neutral: int
    against: int
    unknown: int


class Support(BaseModel):
    """The support picture of the whole group."""

    model_config = ConfigDict(frozen=True)

    index: float | None
    """Influence-weighted stance index in [-1, 1]; ``None`` if no stance is known."""
    people: int
    supporters: list[str]
    """People at supporter or better, best first."""
    against: list[str]
    """People at opponent or worse."""
    unknown: list[str]
    """People whose stance is unknown (never counted as neutral)."""
    people_share: float
    """Share of all people at supporter or better."""
    influence_share: float
    """Share of all influence held by people at supporter or better."""
    unknown_people_share: float
    unknown_influence_share: float
    by_role: list[RoleCoverage]
    by_faction: list[FactionBalance]
    champions: list[str]
    """Coaches or mentors who also hold high influence."""
    coaches: list[str]
    """Coaches who are not champions (too little influence to carry the deal)."""
    allies: list[str]
    """Mentors and coaches: people who actively help us win (盟友)."""


def stance_value(stance: Stance) -> float | None:
    """Mentor +1, supporter +0.5, neutral 0, opponent -0.5, enemy -1; ``None`` for unknown."""
    score = stance.score
    return None if score is None else score / 2


def stance_index(
    group: BuyingGroup, scores: Mapping[str, float], stances: Mapping[str, Stance] | None = None
) -> float | None:
    """The influence-weighted stance index of ``group`` for the given influence ``scores``.

    ``stances`` overrides some people's stance (used to test a move without copying the group).
    """
    total = weighted = 0.0
    for person in group.people:
        stance = stances.get(person.id, person.stance) if stances else person.stance
        value = stance_value(stance)
        if value is None:
            continue
        w = scores.get(person.id, 0.0)
        total += w
        weighted += w * value
    if total <= 0:
        known = [v for p in group.people if (v := stance_value(p.stance)) is not None]
        return sum(known) / len(known) if known else None
    return weighted / total


def support(
    group: BuyingGroup,
    *,
    weights: Weights | Mapping[str, Any] | None = None,
    scores: list[InfluenceScore] | None = None,
) -> Support:
    """The support index, support base, role coverage, faction balance and champions."""
    return support_of(Context(group, weights=weights, scores=scores))


def _by_role(group: BuyingGroup) -> list[RoleCoverage]:
    by_role: list[RoleCoverage] = []
    for role in Role:
        holders = [p for p in group.people if role in p.roles]
        known = [p.stance for p in holders if p.stance.known]
        by_role.append(
            built(
                RoleCoverage,
                role=role,
                holders=[p.id for p in holders],
                best=max(known) if known else None,
                worst=min(known) if known else None,
                unknown=[p.id for p in holders if not p.stance.known],
                covered=any(s.is_support for s in known),
            )
        )
    return by_role


def _by_faction(ctx: Context, score_of: Mapping[str, float]) -> list[FactionBalance]:
    people = ctx.facts.people
    by_faction: list[FactionBalance] = []
    for faction in ctx.group.factions:
        members = [people[m] for m in faction.members]
        sub_total = sub_weighted = 0.0
        for member in members:
            value = stance_value(member.stance)
            if value is not None:
                sub_total += score_of[member.id]
                sub_weighted += score_of[member.id] * value
        known_values = [v for m in members if (v := stance_value(m.stance)) is not None]
        if sub_total > 0:
            index: float | None = sub_weighted / sub_total
        else:
            index = sum(known_values) / len(known_values) if known_values else None
        by_faction.append(
            built(
                FactionBalance,
                faction=faction.id,
                name=faction.name,
                leader=faction.leader,
                leader_stance=people[faction.leader].stance if faction.leader else None,
                index=index,
                supporters=sum(1 for m in members if m.stance.is_support),
                neutral=sum(1 for m in members if m.stance is Stance.NEUTRAL),
                against=sum(1 for m in members if m.stance.is_against),
                unknown=sum(1 for m in members if not m.stance.known),
            )
        )
    return by_faction


def _allies(ctx: Context) -> tuple[list[str], list[str], list[str]]:
    """Champions, coaches who are not champions, and allies, each by rank."""
    champions: list[str] = []
    coaches: list[str] = []
    allies: list[str] = []
    by_id = ctx.by_id
    for person in ctx.group.people:
        helps = person.insider is Insider.COACH or person.stance is Stance.MENTOR
        if not helps:
            continue
        allies.append(person.id)
        score = by_id[person.id]
        if (
            is_high_influence(score)
            and score.score >= ctx.weights.champion_min_influence
            and not person.stance.is_against
        ):
            champions.append(person.id)
        elif person.insider is Insider.COACH:
            coaches.append(person.id)
    rank_of = ctx.rank_of
    return (
        sorted(champions, key=rank_of.__getitem__),
        sorted(coaches, key=rank_of.__getitem__),
        sorted(allies, key=rank_of.__getitem__),
    )


def support_of(ctx: Context) -> Support:
    """:func:`support` of the context's group (what :func:`~stakeholders.analysis.analyze` calls)."""
    group, facts, rank_of = ctx.group, ctx.facts, ctx.rank_of
    score_of = {s.person: s.score for s in ctx.scores}
    # math.fsum is exactly rounded: a share can never pass 1 by adding in another order than the total.
    total_influence = math.fsum(score_of.values())
    supporters = sorted(
        (p.id for p in group.people if p.stance.is_support),
        key=lambda i: (-(facts.people[i].stance.score or 0), rank_of[i]),
    )
    against = sorted((p.id for p in group.people if p.stance.is_against), key=rank_of.__getitem__)
    unknown = [p.id for p in group.people if not p.stance.known]
    n = len(group.people) or 1
    champions, coaches, allies = _allies(ctx)

    def share(ids: list[str]) -> float:
        return math.fsum(score_of[i] for i in ids) / total_influence if total_influence > 0 else 0.0

    # Built without validation: every value was computed just above with its field's type.
    return built(
        Support,
        index=stance_index(group, score_of),
        people=len(group.people),
        supporters=supporters,
        against=against,
        unknown=unknown,
        people_share=len(supporters) / n,
        influence_share=share(supporters),
        unknown_people_share=len(unknown) / n,
        unknown_influence_share=share(unknown),
        by_role=_by_role(group),
        by_faction=_by_faction(ctx, score_of),
        champions=champions,
        coaches=coaches,
        allies=allies,
    )

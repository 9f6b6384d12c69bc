"""Relationship per person (D5): stage, interest quadrant, and whether the
strongest relationship is held by the right person of our team.

"Right person" follows the manuals' habit of matching levels: the decision
layer (deciders, the decision layer, people of high influence) should
be held by our manager or executive; technical people by our presales
engineer, seller or manager; everyone else by anyone of us.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..model import BuyingGroup, Person
from ..vocab import InterestType, Layer, RelationshipStage, Role, TeamRole
from .built import built
from .context import Context
from .influence_scores import InfluenceScore
from .weights import Weights

__all__ = ["PersonRelationship", "expected_team_roles", "relationships", "relationships_of"]

_SENIOR = frozenset({TeamRole.MANAGER, TeamRole.EXECUTIVE})
_TECHNICAL = frozenset({TeamRole.PRESALES, TeamRole.SELLER, TeamRole.MANAGER})
_ANYONE = frozenset(TeamRole)


def expected_team_roles(person: Person, top_influence: bool = False) -> frozenset[TeamRole]:
    """Which of our team roles should hold the relationship with ``person``."""
    if Role.DECIDER in person.roles or person.layer is Layer.DECISION or top_influence:
        return _SENIOR
    if Role.TECHNICAL_EVALUATOR in person.roles or person.layer is Layer.TECHNICAL_MANAGEMENT:
        return _TECHNICAL
    return _ANYONE


class PersonRelationship(BaseModel):
    """Our relationship with one customer person."""

    model_config = ConfigDict(frozen=True)

    person: str
    stage: RelationshipStage | None
    """As given on the person, else the best across our team; ``None`` if nothing is recorded."""
    stage_given: bool
    """The stage was written on the person rather than derived from our team's relationships."""
    interest_type: InterestType | None
    strongest_member: str | None
    """Our team member with the best relationship to this person."""
    expected_roles: list[TeamRole]
    right_person: bool | None
    """Is the strongest relationship held by a fitting member of our team? ``None`` when we have none."""
    contacted: bool | None


def relationships(
    group: BuyingGroup,
    *,
    weights: Weights | Mapping[str, Any] | None = None,
    scores: list[InfluenceScore] | None = None,
) -> list[PersonRelationship]:
    """Per person: relationship stage, interest quadrant, and right-person check."""
    return relationships_of(Context(group, weights=weights, scores=scores))


def relationships_of(ctx: Context) -> list[PersonRelationship]:
    """:func:`relationships` of the context's group."""
    group, facts, top = ctx.group, ctx.facts, ctx.high
    members = {m.id: m for m in group.team}
    order = list(TeamRole).index
    in_order: dict[frozenset[TeamRole], list[TeamRole]] = {}
    result: list[PersonRelationship] = []
    for person in group.people:
        expected = expected_team_roles(person, person.id in top)
        member_id = facts.best_member.get(person.id)
        right = None if member_id is None else members[member_id].role in expected
        roles = in_order.get(expected)
        if roles is None:
            roles = in_order[expected] = sorted(expected, key=order)
        result.append(
            built(
                PersonRelationship,
                person=person.id,
                stage=facts.stage[person.id],
                stage_given=person.stage is not None,
                interest_type=person.interest_type,
                strongest_member=member_id,
                expected_roles=list(roles),
                right_person=right,
                contacted=facts.contacted[person.id],
            )
        )
    return result

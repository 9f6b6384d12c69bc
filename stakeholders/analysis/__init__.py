"""Analysis of a buying group: pure functions of a group, each callable alone.

:func:`analyze` runs them all and returns an :class:`Analysis`, a pydantic
model that serialises to JSON and prints a readable report in English or
Chinese (``analysis.report(lang="zh")``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..model import BuyingGroup, gc_paused
from ._facts import facts_of
from .flags import FLAGS, Flag, FlagInfo, Severity, Status, StatusLevel, overall_status, red_flags
from .influence import Component, InfluenceScore, influence
from .milestones import Criterion, CriterionStatus, MilestoneReadiness, milestone_readiness
from .moves import Approach, NextMoves, PowerPath, StanceMove, next_moves, path_to_power, stance_moves
from .relationship import PersonRelationship, relationships
from .structure import Structure, structure
from .support import FactionBalance, RoleCoverage, Support, stance_index, support
from .weights import Weights, as_weights

__all__ = [
    "FLAGS",
    "Analysis",
    "Approach",
    "Component",
    "Criterion",
    "CriterionStatus",
    "FactionBalance",
    "Flag",
    "FlagInfo",
    "InfluenceScore",
    "MilestoneReadiness",
    "NextMoves",
    "PersonRelationship",
    "PowerPath",
    "RoleCoverage",
    "Severity",
    "StanceMove",
    "Status",
    "StatusLevel",
    "Structure",
    "Support",
    "Weights",
    "analyze",
    "influence",
    "milestone_readiness",
    "next_moves",
    "overall_status",
    "path_to_power",
    "red_flags",
    "relationships",
    "stance_index",
    "stance_moves",
    "structure",
    "support",
]


class Analysis(BaseModel):
    """Everything :func:`analyze` finds about a group."""

    model_config = ConfigDict(frozen=True)

    customer: str
    opportunity: str | None
    as_of: date | None
    weights: Weights
    influence: list[InfluenceScore]
    support: Support
    structure: Structure
    relationships: list[PersonRelationship]
    flags: list[Flag]
    status: Status
    milestones: list[MilestoneReadiness]
    next_moves: NextMoves
    names: dict[str, str]
    """Person id → name, so the report and other tools need not keep the group."""
    deciders: list[str]
    """Ids of the people holding the decider role."""
    team_recorded: bool
    """Whether the map records our own team (needed for the path to power)."""

    def flag_codes(self) -> list[str]:
        """The codes of the flags that fired, without repeats, most severe first."""
        return list(dict.fromkeys(f.code for f in self.flags))

    def score_of(self, person: str) -> InfluenceScore:
        for score in self.influence:
            if score.person == person:
                return score
        raise KeyError(f"no person with id {person!r}")

    def report(self, lang: str = "en") -> str:
        """A readable report in English (``"en"``) or Chinese (``"zh"``)."""
        from .report import report

        return report(self, lang=lang)


def analyze(
    group: BuyingGroup,
    *,
    as_of: date | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
    redact: bool = False,
) -> Analysis:
    """Score, rank and check a buying group.

    ``as_of`` is the date of the analysis (default: the map's ``as_of``); it
    only matters for ``stale_contact``. ``weights`` overrides the documented
    defaults (a :class:`Weights` or a mapping such as ``{"network": 0.3}``).

    >>> import stakeholders
    >>> g = stakeholders.loads('''
    ... customer: X
    ... people:
    ...   - {name: Boss, roles: decider, stance: supporter, contacted: true}
    ... ''')
    >>> analyze(g).flag_codes()
    ['no_coach', 'single_threaded', 'role_uncovered', 'competitor_backers_unknown']

    ``redact=True`` analyses the map as shared copies hold it (no coach markings,
    private data or notes; see docs/safety.md), for a report that leaves the team.
    """
    if redact:
        from .shared import redacted_analysis

        return redacted_analysis(group, as_of=as_of, weights=weights)
    # Large groups: no garbage-collector passes over the growing heap (see model.gc_paused).
    with gc_paused(people=len(group.people)):
        w = as_weights(weights)
        facts = facts_of(group)
        scores = influence(group, weights=w, _facts=facts)
        sup = support(group, weights=w, scores=scores, _facts=facts)
        moves = next_moves(group, weights=w, scores=scores, _facts=facts)
        flags = red_flags(
            group, as_of=as_of, weights=w, scores=scores, support_=sup, path_found=moves.path is not None, _facts=facts
        )
        return Analysis(
            customer=group.customer,
            opportunity=group.opportunity,
            as_of=as_of or group.as_of,
            weights=w,
            influence=scores,
            support=sup,
            structure=structure(group, _facts=facts),
            relationships=relationships(group, scores=scores, _facts=facts),
            flags=flags,
            status=overall_status(flags),
            milestones=milestone_readiness(group, scores=scores, _facts=facts),
            next_moves=moves,
            names={p.id: p.name for p in group.people},
            deciders=[p.id for p in facts.deciders()],
            team_recorded=bool(group.team),
        )

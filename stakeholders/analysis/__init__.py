"""Analysis of a buying group: pure functions of a group, each callable alone.

:func:`analyze` runs them all and returns an :class:`Analysis`, a pydantic
model that serialises to JSON and prints a readable report in English or
Chinese (``analysis.report(lang="zh")``).

Where things live: one module per measure (``influence``, ``support``,
``structure``, ``relationship``, ``milestones``, ``moves``), the red-flag
rules in ``rules`` (one function per flag code) run by ``flags``, the shared
analysis ``context``, the ``result`` model, the ``pipeline`` that runs every
measure on one context, and ``run`` with :func:`analyze`. This module only
re-exports.
"""

from __future__ import annotations

from .flags import FLAGS, Flag, FlagInfo, Severity, Status, StatusLevel, overall_status, red_flags
from .group_structure import Structure, structure
from .influence_scores import Component, InfluenceScore, influence, is_high_influence
from .milestones import Criterion, CriterionStatus, MilestoneReadiness, milestone_readiness
from .moves import Approach, NextMoves, PowerPath, StanceMove, next_moves, path_to_power, stance_moves
from .relationship import PersonRelationship, relationships
from .result import Analysis
from .run import analyze
from .support_base import FactionBalance, RoleCoverage, Support, stance_index, support
from .weights import Weights

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
    "is_high_influence",
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

"""Every measure on one analysis context, gathered into an :class:`~.result.Analysis`."""

from __future__ import annotations

from ..model import gc_paused
from .built import built
from .context import Context
from .flags import overall_status, red_flags_of
from .group_structure import structure_of
from .milestones import milestone_readiness_of
from .moves import next_moves_of
from .relationship import relationships_of
from .result import Analysis
from .support_base import support_of

__all__ = ["analysis_of"]


def analysis_of(ctx: Context) -> Analysis:
    """The analysis of the context's group: each measure once, sharing the context's facts and scores."""
    group = ctx.group
    # Large groups: no garbage-collector passes over the growing heap (see model.gc_paused).
    with gc_paused(people=len(group.people)):
        flags = red_flags_of(ctx)
        # Built without validation: every part is a model the measures just built.
        return built(
            Analysis,
            customer=group.customer,
            opportunity=group.opportunity,
            as_of=ctx.as_of,
            weights=ctx.weights,
            influence=ctx.scores,
            support=ctx.once(support_of),
            structure=structure_of(ctx),
            relationships=relationships_of(ctx),
            flags=flags,
            status=overall_status(flags),
            milestones=milestone_readiness_of(ctx),
            next_moves=ctx.once(next_moves_of),
            names={p.id: p.name for p in group.people},
            deciders=[p.id for p in ctx.deciders],
            team_recorded=bool(group.team),
        )

"""The entry point of the analysis: :func:`analyze`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..model import BuyingGroup
from .context import Context
from .pipeline import analysis_of
from .result import Analysis
from .shared import redacted_analysis
from .weights import Weights

__all__ = ["analyze"]


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
    defaults (a :class:`~stakeholders.analysis.Weights` or a mapping such as ``{"network": 0.3}``).

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
        return redacted_analysis(group, as_of=as_of, weights=weights)
    return analysis_of(Context(group, weights=weights, as_of=as_of))

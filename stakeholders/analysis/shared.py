"""The analysis of a redacted map: what a shared report or chart may say.

:func:`redacted_analysis` is the analysis of the redacted map, so nothing a
shared report or chart says (flags, path to the decider, milestone criteria)
depends on what was left out; the ``no_coach`` flag is dropped and the
``coach_developed`` criterion reads *unknown*, since the shared copy cannot tell.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..model import BuyingGroup
from ..redaction import redacted
from .built import built
from .context import Context
from .flags import overall_status
from .milestones import CriterionStatus
from .pipeline import analysis_of
from .result import Analysis
from .weights import Weights

__all__ = ["INSIDER_FLAGS", "SharedAnalysis", "is_shared", "redacted_analysis"]

#: Flags that speak about coach markings, which a shared copy does not have.
INSIDER_FLAGS = frozenset({"no_coach"})
#: Milestone criteria that depend on coach markings.
_INSIDER_CRITERIA = frozenset({"coach_developed"})


def redacted_analysis(
    group: BuyingGroup,
    *,
    as_of: date | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
) -> Analysis:
    """The analysis of :func:`redacted` ``(group)``, for shared reports and charts."""
    analysis = analysis_of(Context(redacted(group), weights=weights, as_of=as_of))
    flags = [f for f in analysis.flags if f.code not in INSIDER_FLAGS]
    milestones = [
        ms.model_copy(
            update={
                "criteria": [
                    c.model_copy(
                        update={
                            "status": CriterionStatus.UNKNOWN,
                            "people": [],
                            "note": "withheld: coach markings are left out of shared copies",
                        }
                    )
                    if c.id in _INSIDER_CRITERIA
                    else c
                    for c in ms.criteria
                ]
            }
        )
        for ms in analysis.milestones
    ]
    fields = {name: getattr(analysis, name) for name in type(analysis).model_fields}
    fields.update(flags=flags, status=overall_status(flags), milestones=milestones)
    return built(SharedAnalysis, **fields)  # every value is already a part of an Analysis


class SharedAnalysis(Analysis):
    """The analysis of a redacted map: safe to show in a shared chart or report (see :func:`is_shared`)."""


def is_shared(analysis: Analysis) -> bool:
    """Whether ``analysis`` came from :func:`redacted_analysis`."""
    return isinstance(analysis, SharedAnalysis)

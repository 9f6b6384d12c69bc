"""The analysis of a redacted map: what a shared report or chart may say.

:func:`redacted_analysis` is the analysis of the redacted map, so nothing a
shared report or chart says (flags, path to the decider, milestone criteria)
depends on what was left out; the ``no_coach`` flag is dropped and the
``coach_developed`` criterion reads *unknown*, since the shared copy cannot tell.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import BuyingGroup
from ..redaction import redacted

if TYPE_CHECKING:
    from . import Analysis, Weights

__all__ = ["INSIDER_FLAGS", "is_shared", "redacted_analysis"]

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
    from . import analyze
    from .flags import overall_status
    from .milestones import CriterionStatus

    analysis = analyze(redacted(group), as_of=as_of, weights=weights)
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
    return _shared_class()(**fields)


_SHARED: type[Analysis] | None = None


def _shared_class() -> type[Analysis]:
    """:class:`~stakeholders.analysis.Analysis` marked as computed from a redacted map (see :func:`is_shared`)."""
    global _SHARED
    if _SHARED is None:
        from . import Analysis

        class SharedAnalysis(Analysis):
            """The analysis of a redacted map: safe to show in a shared chart or report."""

        _SHARED = SharedAnalysis
    return _SHARED


def is_shared(analysis: Analysis) -> bool:
    """Whether ``analysis`` came from :func:`redacted_analysis`."""
    return _SHARED is not None and isinstance(analysis, _SHARED)

"""The analysis as tables: :func:`~stakeholders.to_frame` of an :class:`~stakeholders.Analysis`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .rows import frame_of as _frame, plain as _plain

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis import Analysis

__all__ = ["ANALYSIS_TABLES", "analysis_frame"]

#: The tables of an analysis.
ANALYSIS_TABLES = ("influence", "components", "flags", "roles", "factions", "relationships", "milestones", "moves")


def analysis_frame(analysis: Analysis, what: str) -> pd.DataFrame:
    names = analysis.names
    if what == "influence":
        component_names = list(dict.fromkeys(c.name for s in analysis.influence for c in s.components))
        rows = []
        for s in analysis.influence:
            row: dict[str, Any] = {"rank": s.rank, "person": s.person, "name": s.name, "score": s.score, "high": s.high}
            row.update({c.name: c.value for c in s.components})
            rows.append(row)
        return _frame(rows, ["rank", "person", "name", "score", "high", *component_names])
    if what == "components":
        rows = [
            {"person": s.person, "name": s.name, "component": c.name, **c.model_dump(exclude={"name"})}
            for s in analysis.influence
            for c in s.components
        ]
        return _frame(rows, ["person", "name", "component", "value", "weight", "contribution", "note"])
    if what == "flags":
        rows = [
            {
                "code": f.code,
                "severity": f.severity.value,
                "people": list(f.people),
                "names": [names.get(p, p) for p in f.people],
                "message_en": f.message_en,
                "message_zh": f.message_zh,
            }
            for f in analysis.flags
        ]
        return _frame(rows, ["code", "severity", "people", "names", "message_en", "message_zh"])
    if what == "roles":
        rows = [_plain(cov.model_dump()) for cov in analysis.support.by_role]
        return _frame(rows, ["role", "holders", "best", "worst", "unknown", "covered"])
    if what == "factions":
        rows = [_plain(fac.model_dump()) for fac in analysis.support.by_faction]
        columns = ["faction", "name", "leader", "leader_stance", "index", "supporters", "neutral", "against", "unknown"]
        return _frame(rows, columns)
    if what == "relationships":
        from ..analysis import PersonRelationship

        rows = [{"name": names.get(r.person, r.person), **_plain(r.model_dump())} for r in analysis.relationships]
        columns = ["person", "name", *(c for c in PersonRelationship.model_fields if c != "person")]
        return _frame(rows, columns)
    if what == "milestones":
        rows = [
            {"milestone": ms.milestone.value, "number": ms.milestone.number, **_plain(c.model_dump())}
            for ms in analysis.milestones
            for c in ms.criteria
        ]
        return _frame(rows, ["milestone", "number", "id", "status", "label_en", "label_zh", "people", "note"])
    if what == "moves":
        rows = [_plain(m.model_dump()) for m in analysis.next_moves.stance_moves]
        return _frame(rows, ["person", "name", "current", "target", "gain"])
    raise ValueError(f"unknown analysis table {what!r} (expected one of: {', '.join(ANALYSIS_TABLES)})")

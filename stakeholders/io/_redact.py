"""A copy of a map without what must stay out of anything shared (D7, D11).

:func:`redacted` is what every exporter's ``redact=True`` writes or draws. It leaves out:

- coach and informant markings (``insider``, D7: coaches must be protected);
- the private profile of every person (D11: birthday, phone, family, ...);
- every ``notes`` and ``evidence`` field (people, units, competitors, our
  team, relationships, lines, factions, judgements): free text that often says
  who told us what, or what a person does for us. They go everywhere, not only
  around coaches: notes missing only where a coach is would point at the coach;
- the notes of the contact log: place, content, what went well or fell short,
  lessons, agreements and next plan (date, channel and participants stay).

So a redacted copy is a function of the rest of the map only: two maps that
differ only in what is left out give the same shared copy, byte for byte
(tests/test_privacy.py checks this for every format).

:func:`redacted_analysis` is the analysis of the redacted map, so nothing a
shared report or chart says (flags, path to the decider, milestone criteria)
depends on what was left out; the ``no_coach`` flag is dropped and the
``coach_developed`` criterion reads *unknown*, since the shared copy cannot tell.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..model import BuyingGroup, PrivateProfile

if TYPE_CHECKING:
    from ..analysis import Analysis, Weights

__all__ = ["CONTACT_NOTES", "INSIDER_FLAGS", "NOTE_FIELDS", "is_shared", "redacted", "redacted_analysis"]

#: Fields of a contact-log entry left out of shared copies.
CONTACT_NOTES = ("place", "content", "went_well", "fell_short", "lessons", "agreements", "next_plan")
#: Free-text fields left out of every record of a shared copy.
NOTE_FIELDS = ("notes", "evidence")
#: Flags that speak about coach markings, which a shared copy does not have.
INSIDER_FLAGS = frozenset({"no_coach"})
#: Milestone criteria that depend on coach markings.
_INSIDER_CRITERIA = frozenset({"coach_developed"})


def _without_notes(item: BaseModel, *extra: str) -> Any:
    fields = [name for name in (*NOTE_FIELDS, *extra) if name in type(item).model_fields]
    if not any(getattr(item, name) is not None for name in fields):
        return item
    return item.model_copy(update=dict.fromkeys(fields))


def redacted(group: BuyingGroup) -> BuyingGroup:
    """``group`` without coach/informant markings, private data, notes and evidence (``redact=True``)."""
    people = [
        _without_notes(person).model_copy(
            update={
                "insider": None,
                "private": PrivateProfile(),
                "judgements": {k: _without_notes(j) for k, j in person.judgements.items()},
            }
        )
        for person in group.people
    ]
    update: dict[str, Any] = {"people": people}
    for section in ("units", "competitors", "team", "relationships", "lines", "factions"):
        update[section] = [_without_notes(item) for item in getattr(group, section)]
    update["contacts"] = [_without_notes(c, *CONTACT_NOTES) for c in group.contacts]
    return group.model_copy(update=update)


def redacted_analysis(
    group: BuyingGroup,
    *,
    as_of: date | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
) -> Analysis:
    """The analysis of :func:`redacted` ``(group)``, for shared reports and charts."""
    from ..analysis import analyze
    from ..analysis.flags import overall_status
    from ..analysis.milestones import CriterionStatus

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
        from ..analysis import Analysis

        class SharedAnalysis(Analysis):
            """The analysis of a redacted map: safe to show in a shared chart or report."""

        _SHARED = SharedAnalysis
    return _SHARED


def is_shared(analysis: Analysis) -> bool:
    """Whether ``analysis`` came from :func:`redacted_analysis`."""
    return _SHARED is not None and isinstance(analysis, _SHARED)

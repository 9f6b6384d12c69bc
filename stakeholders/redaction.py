"""A copy of a map without what must stay out of anything shared (D7, D11).

:func:`redacted` is what every exporter's ``redact=True`` writes or draws. It leaves out:

- coach and informant markings (``insider``, D7: coaches must be protected);
- every ``introduction`` line (who can introduce us to whom): coaches open doors
  to the decider (D7), so such a line is a coach's signature even when the
  marking is gone. All of them go, not only those from a coach or informant:
  a line kept only where no insider is would point at the insider, and a
  coach nobody marked opens doors too;
- the private profile of every person (D11: birthday, phone, family, ...);
- every ``notes`` and ``evidence`` field (people, units, competitors, our
  team, relationships, lines, factions, judgements): free text that often says
  who told us what, or what a person does for us. They go everywhere, not only
  around coaches: notes missing only where a coach is would point at the coach;
- the notes of the contact log: place, content, what went well or fell short,
  lessons, agreements and next plan (date, channel and participants stay).

So a redacted copy is a function of the rest of the map only: two maps that
differ only in what is left out give the same shared copy, byte for byte
(tests/safety/test_privacy.py checks this for every format).

The analysis of a redacted map is :func:`stakeholders.analysis.shared.redacted_analysis`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .model import BuyingGroup, LineKind, PrivateProfile

__all__ = ["CONTACT_NOTES", "INSIDER_LINES", "NOTE_FIELDS", "holds_private", "redacted", "shows_insiders"]

#: Fields of a contact-log entry left out of shared copies.
CONTACT_NOTES = ("place", "content", "went_well", "fell_short", "lessons", "agreements", "next_plan")
#: Free-text fields left out of every record of a shared copy.
NOTE_FIELDS = ("notes", "evidence")
#: Kinds of line left out of shared copies: they single out an insider (D7: coaches open doors).
INSIDER_LINES = frozenset({LineKind.INTRODUCTION})


def _without_notes(item: BaseModel, *extra: str) -> Any:
    fields = [name for name in (*NOTE_FIELDS, *extra) if name in type(item).model_fields]
    if not any(getattr(item, name) is not None for name in fields):
        return item
    return item.model_copy(update=dict.fromkeys(fields))


def redacted(group: BuyingGroup) -> BuyingGroup:
    """``group`` without coach/informant markings, introduction lines, private data, notes and evidence."""
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
    for section in ("units", "competitors", "team", "relationships", "factions"):
        update[section] = [_without_notes(item) for item in getattr(group, section)]
    update["lines"] = [_without_notes(line) for line in group.lines if line.kind not in INSIDER_LINES]
    update["contacts"] = [_without_notes(c, *CONTACT_NOTES) for c in group.contacts]
    return group.model_copy(update=update)


def holds_private(group: BuyingGroup) -> bool:
    """Whether ``group`` holds anything :func:`redacted` leaves out: a new file of it is created 0o600.

    Used by every map writer (YAML, JSON, CSV, XLSX, GraphML, GEXF) when it writes without redaction.
    """
    return redacted(group) != group


def shows_insiders(group: BuyingGroup) -> bool:
    """Whether ``group`` marks a coach or informant or has an introduction line.

    What an unredacted chart or report shows of a map's private data (they never show
    private profiles or notes): when this holds, a new chart or report file is created 0o600.
    """
    return any(p.insider is not None for p in group.people) or any(ln.kind in INSIDER_LINES for ln in group.lines)

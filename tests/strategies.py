"""Hypothesis strategies that produce VALID buying-group maps.

:func:`documents` draws a plain document (the dict a YAML file holds), written
the way people write files by hand: vocabulary values as ids, English labels,
Chinese labels or upper case; ids sometimes given and sometimes left to be
derived from the name. :func:`groups` validates it into a
:class:`~stakeholders.BuyingGroup`.

Everything drawn is legal: references point at existing objects, ``reports_to``
and unit parents form forests (no cycles), a faction's leader is one of its
members, ``contacted: false`` never comes with a ``last_contact`` and a person
recorded as never contacted is never in the contact log.

Names and free text never look like a YAML 1.2 float (``1e5``, ``0E0``,
``-.5``): the library writes some of them unquoted and reads them back as
numbers, a known bug pinned by
``test_files.py::test_text_that_looks_like_a_yaml_float_round_trips``.
"""

from __future__ import annotations

import re
import string
from datetime import date
from typing import Any

from hypothesis import strategies as st

from stakeholders import (
    BuyingGroup,
    ChecklistItem,
    CompetitorPosition,
    Confidence,
    DelegationType,
    Disc,
    Insider,
    JudgedField,
    Layer,
    Level,
    Milestone,
    Ownership,
    RelationshipStage,
    Role,
    Stance,
    TeamRole,
    UnitKind,
    derive_id,
)
from stakeholders.vocab import Vocabulary

__all__ = ["YAML_FLOAT", "documents", "free_text", "groups", "names"]

#: Text that YAML 1.2's core schema reads as a float.
YAML_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def _not_a_yaml_float(text: str) -> bool:
    return YAML_FLOAT.fullmatch(text) is None or not any(c in text for c in ".eE")


# Names: ASCII, Chinese (simplified and traditional), a few accented and other
# scripts, and emoji. Names are stripped by the model, so whitespace-only names
# are not drawn.
_NAME_CHARS = st.one_of(
    st.sampled_from(string.ascii_letters + string.digits + " .-'()·"),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from("王李张陳劉趙總經理éçñßøЖΩ"),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
)
names = st.text(_NAME_CHARS, min_size=1, max_size=12).filter(lambda text: text.strip() != "").filter(_not_a_yaml_float)

# Free text (titles, notes, evidence ...): any Unicode text that can be encoded
# (no lone surrogates), control characters and line separators included.
free_text = st.text(st.characters(codec="utf-8"), max_size=30).filter(_not_a_yaml_float)

_ID_CHARS = st.one_of(
    st.sampled_from(string.ascii_lowercase + string.digits + "_"),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def spelling(vocabulary: type[Vocabulary]) -> st.SearchStrategy[str]:
    """A member of ``vocabulary`` written as its id, a label in any language, or upper case."""

    def spellings(member: Vocabulary) -> st.SearchStrategy[str]:
        return st.sampled_from(
            [member.value, member.value.upper(), member.label("en"), member.label("zh"), member.label("zh_hant")]
        )

    return st.sampled_from(list(vocabulary)).flatmap(spellings)


def _ids(draw: st.DrawFn, items: list[dict[str, Any]], prefix: str) -> list[str]:
    """Give each item an id: left out (derived from the name) when that is unique, else explicit.

    Explicit ids contain '-', which :func:`derive_id` never produces, so they
    cannot collide with derived ones.
    """
    used: set[str] = set()
    ids: list[str] = []
    for position, item in enumerate(items):
        derived = derive_id(item["name"])
        if derived and derived not in used and draw(st.booleans()):
            used.add(derived)
            ids.append(derived)
        else:
            ident = draw(st.text(_ID_CHARS, min_size=1, max_size=6)) + f"-{prefix}{position}"
            item["id"] = ident
            ids.append(ident)
    return ids


def _forest(draw: st.DrawFn, size: int) -> list[int | None]:
    """A random parent for each of ``size`` nodes such that parents form a forest (no cycles)."""
    order = draw(st.permutations(range(size)))
    parent: list[int | None] = [None] * size
    for rank, node in enumerate(order):
        if rank and draw(st.booleans()):
            parent[node] = order[draw(st.integers(0, rank - 1))]
    return parent


def _subset(draw: st.DrawFn, ids: list[str], max_size: int | None = None) -> list[str]:
    """A subset of ``ids`` in their original order."""
    if not ids:
        return []
    chosen = draw(st.sets(st.sampled_from(range(len(ids))), max_size=max_size))
    return [ids[i] for i in sorted(chosen)]


def _optional(draw: st.DrawFn, target: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """Set ``target[key]`` to a drawn value, or leave it out."""
    if draw(st.booleans()):
        target[key] = draw(strategy)


def _private(draw: st.DrawFn) -> dict[str, Any]:
    profile: dict[str, Any] = {}
    _optional(draw, profile, "birthday", dates)
    for key in ("education", "hometown", "family", "address", "phone", "email", "notes"):
        _optional(draw, profile, key, free_text)
    _optional(draw, profile, "hobbies", st.lists(free_text, max_size=3))
    return profile


def _judgements(draw: st.DrawFn) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for judged in draw(st.sets(st.sampled_from(list(JudgedField)), max_size=4)):
        entry: dict[str, Any] = {}
        _optional(draw, entry, "confidence", spelling(Confidence))
        _optional(draw, entry, "evidence", free_text)
        result[judged.value] = entry
    return result


@st.composite
def documents(draw: st.DrawFn, max_people: int = 8) -> dict[str, Any]:
    """A valid map as the plain data a YAML or JSON file holds."""
    doc: dict[str, Any] = {"customer": draw(names)}
    _optional(draw, doc, "opportunity", free_text)
    _optional(draw, doc, "milestone", spelling(Milestone))
    _optional(draw, doc, "ownership", spelling(Ownership))
    _optional(draw, doc, "as_of", dates)
    _optional(draw, doc, "description", free_text)
    checklist = draw(st.dictionaries(spelling(ChecklistItem), st.booleans(), max_size=4))
    if checklist and len({ChecklistItem.parse(key) for key in checklist}) == len(checklist):
        doc["checklist"] = checklist

    competitors = [{"name": name} for name in draw(st.lists(names, max_size=3))]
    competitor_ids = _ids(draw, competitors, "c")
    for competitor in competitors:
        _optional(draw, competitor, "position", spelling(CompetitorPosition))
        _optional(draw, competitor, "notes", free_text)

    units = [{"name": name} for name in draw(st.lists(names, max_size=4))]
    unit_ids = _ids(draw, units, "u")
    for unit, parent in zip(units, _forest(draw, len(units)), strict=True):
        if parent is not None:
            unit["parent"] = unit_ids[parent]
        _optional(draw, unit, "kind", spelling(UnitKind))

    people = [{"name": name} for name in draw(st.lists(names, max_size=max_people))]
    person_ids = _ids(draw, people, "p")
    for position, (person, manager) in enumerate(zip(people, _forest(draw, len(people)), strict=True)):
        if manager is not None:
            person["reports_to"] = person_ids[manager]
        others = person_ids[:position] + person_ids[position + 1 :]
        # Dotted-line managers in any order: from_networkx keeps it.
        dotted = draw(st.permutations(_subset(draw, others, max_size=2)))
        if dotted:
            person["dotted_line_to"] = dotted
        _optional(draw, person, "title", free_text)
        if unit_ids:
            _optional(draw, person, "unit", st.sampled_from(unit_ids))
        _optional(draw, person, "roles", st.lists(spelling(Role), max_size=3))
        _optional(draw, person, "layer", spelling(Layer))
        _optional(draw, person, "stance", spelling(Stance))
        _optional(draw, person, "disc", spelling(Disc))
        _optional(draw, person, "authority", spelling(Level))
        _optional(draw, person, "influence", spelling(Level))
        _optional(draw, person, "insider", spelling(Insider))
        if competitor_ids:
            _optional(draw, person, "favours", st.sampled_from(competitor_ids))
        _optional(draw, person, "concerns", st.lists(free_text, max_size=3))
        _optional(draw, person, "background", free_text)
        _optional(draw, person, "personal_interest_met", st.booleans())
        _optional(draw, person, "organisational_interest_met", st.booleans())
        _optional(draw, person, "stage", spelling(RelationshipStage))
        _optional(draw, person, "contacted", st.booleans())
        if person.get("contacted") is not False:
            _optional(draw, person, "last_contact", dates)
        if draw(st.booleans()):
            person["judgements"] = _judgements(draw)
        if draw(st.booleans()):
            person["private"] = _private(draw)
        _optional(draw, person, "notes", free_text)

    team = [{"name": name} for name in draw(st.lists(names, max_size=3))]
    team_ids = _ids(draw, team, "t")
    for member in team:
        _optional(draw, member, "role", spelling(TeamRole))
        _optional(draw, member, "title", free_text)

    relationships: list[dict[str, Any]] = []
    if team_ids and person_ids:
        for _ in range(draw(st.integers(0, 4))):
            relationship = {
                "member": draw(st.sampled_from(team_ids)),
                "person": draw(st.sampled_from(person_ids)),
                "stage": draw(spelling(RelationshipStage)),
            }
            _optional(draw, relationship, "since", dates)
            _optional(draw, relationship, "notes", free_text)
            relationships.append(relationship)

    lines: list[dict[str, Any]] = []
    if len(person_ids) >= 2:
        for _ in range(draw(st.integers(0, 6))):
            source, target = draw(st.permutations(person_ids).map(lambda ids: ids[:2]))
            kind = draw(st.sampled_from(["influence", "delegation", "introduction", "影响", "授权", "引荐"]))
            line: dict[str, Any] = {"kind": kind, "from": source, "to": target}
            _optional(
                draw,
                line,
                "strength",
                st.floats(0, 1) | st.sampled_from(["strong", "medium", "weak", "强", "中", "弱"]),
            )
            _optional(draw, line, "mutual", st.booleans())
            if kind in ("delegation", "授权"):
                _optional(draw, line, "delegation", spelling(DelegationType))
                _optional(draw, line, "scope", free_text)
            _optional(draw, line, "confidence", spelling(Confidence))
            _optional(draw, line, "evidence", free_text)
            _optional(draw, line, "notes", free_text)
            lines.append(line)

    factions = [{"name": name} for name in draw(st.lists(names, max_size=2))]
    _ids(draw, factions, "f")
    for faction in factions:
        members = _subset(draw, person_ids)
        faction["members"] = members
        if members and draw(st.booleans()):
            faction["leader"] = draw(st.sampled_from(members))
        _optional(draw, faction, "notes", free_text)

    contacts: list[dict[str, Any]] = []
    reachable = [
        ident for ident, person in zip(person_ids, people, strict=True) if person.get("contacted") is not False
    ]
    for _ in range(draw(st.integers(0, 3))):
        contact: dict[str, Any] = {"date": draw(dates)}
        # Someone recorded as never contacted (contacted: false) cannot appear in the log.
        contact["people"] = _subset(draw, reachable, max_size=3)
        contact["team"] = _subset(draw, team_ids, max_size=2)
        for key in ("channel", "place", "content", "went_well", "fell_short", "lessons", "agreements", "next_plan"):
            _optional(draw, contact, key, free_text)
        contacts.append(contact)

    for key, value in (
        ("competitors", competitors),
        ("units", units),
        ("people", people),
        ("team", team),
        ("relationships", relationships),
        ("lines", lines),
        ("factions", factions),
        ("contacts", contacts),
    ):
        if value or draw(st.booleans()):
            doc[key] = value
    return doc


def groups(max_people: int = 8) -> st.SearchStrategy[BuyingGroup]:
    """Valid random :class:`~stakeholders.BuyingGroup` objects."""
    return documents(max_people=max_people).map(BuyingGroup.model_validate)

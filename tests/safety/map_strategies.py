"""Cheap hypothesis strategies for the differential suite: valid maps with awkward text everywhere.

:func:`awkward_documents` draws a plain map document (what a YAML file holds) that the
model accepts, using every feature of the format: a units tree, people with roles,
stance, DISC, authority, influence, stage, insider, favoured competitor, reporting and
dotted lines, judgements and private profiles, influence, delegation and introduction
lines, factions, our team with relationships, competitors, the contact log and the
checklist. Every text is drawn from :data:`AWKWARD` (texts formats like to change:
``nan``, ``None``, ``~``, ``=1+1``, ``007``, ``1e5``, ``]]>``, CR, control characters,
bidi overrides, emoji, Chinese in both scripts, very long texts, ...) or is any UTF-8
text. Names are texts with a letter in them (the model strips names and refuses blank
ones); ids are given or derived from the name, and explicit ids are awkward too
(``nan``, ``007``, ``=1+1``, ``a,b``) but never two look-alikes of each other.

Speed matters (docs/safety.md: 20,000 examples in a few minutes): every strategy used
inside a draw is built once, at import, and optional fields are chosen with one drawn
bitmask instead of one draw each. ``tests/strategies.py`` builds strategies while
drawing and costs about ten times more per map.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from hypothesis import strategies as st

from stakeholders import (
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
    normalise_id,
)
from stakeholders.vocab import Vocabulary

__all__ = ["AWKWARD", "ID_TEXTS", "awkward_documents", "free_texts", "look_alike_ids", "name_texts"]

#: Texts that some format likes to change: null and number look-alikes, spreadsheet formula starts,
#: XML and CSV syntax, line breaks, control and invisible characters, scripts and very long texts.
AWKWARD = [
    "nan", "NaN", "None", "none", "null", "NULL", "~", "true", "False", "yes", "No", "n/a", "-", "—", "无",
    "=1+1", "+1", "-1", "@x", "=HYPERLINK(\"x\")", "'=1", "''+1", "\t=1", "007", "0777", "1e5", "0E0", "-.5",
    "1_000", "0x1F", "2024-01-02", "2024/1/2", "1:30", ".inf",
    "<tag a='1'>&amp;</tag>", "]]>", "<![CDATA[x]]>", "&lt;", "&#0;", '"quoted"', "'single'", "a,b", "a;b",
    "a; b", "a、b", "a|b", "a/b", "[\"a\"]", "[not, a, list]", "{a: b}", "#comment", "- item", "key: value",
    "=json:x", "=json:\"x\"", " leading", "trailing ", "  ", " ", "", "a\nb", "a\r\nb", "a\rb", "CFO\r=1+1",
    "\r", "\n", "\ttab", "line\u2028sep", "\x85next", "nul\x00", "bell\x07", "\x01", "esc\x1b[2J", "\x7f",
    "\ufffe", "\uffff", "\u202eevil\u202c", "\u2067rtl\u2069", "שלום", "مرحبا", "li\u200bna", "\ufeffbom",
    "jose\u0301", "ｌｉ", "Ⅻ", "💼 emoji", "👨‍👩‍👧", "张总：“技术派”", "總經理", "王建国", "陳", "x" * 3000,
    "长" * 1500,
]  # fmt: skip

#: Explicit ids that look like other things. The model normalises them (docs/format.md, "ids"), so
#: ``a,b`` and ``a b`` are one id, ``a_b``: :func:`_identify` gives each item one of another key.
ID_TEXTS = [
    "nan", "none", "null", "true", "~1", "007", "0777", "1e5", "=1+1", "+2", "-3", "@x", "a,b", "a;b", "a/b",
    "a b", "'q", "[x]", "张三", "張三", "王", "💼x", "x" * 150, "Boss", "ＢＯＳＳ", "li\u200bna", "jose\u0301",
]  # fmt: skip


def _mixed(seed: int, count: int) -> list[str]:
    """``count`` texts made of two awkward texts and random characters (any code point but surrogates)."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        noise = "".join(chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0xD800)])) for _ in range(3))
        texts.append(rng.choice(AWKWARD[:-3]) + rng.choice([noise, "", " "]) + rng.choice(AWKWARD[:-3]))
    return texts


#: Any text the model accepts in a free-text field, awkward ones most often. One draw each: a
#: pool of awkward texts and their combinations, and now and then any text at all (no lone surrogates).
free_texts = st.one_of(st.sampled_from(AWKWARD + _mixed(12, 400)), st.text(st.characters(codec="utf-8"), max_size=6))
_LETTERS = "AzéЖ王陳李總💼ש"
_NAMES = [text for text in AWKWARD + _mixed(13, 400) if text.strip()]
#: Names: the model strips them and refuses blank ones; awkward texts, and such texts around a letter.
_FRAMED = [f"{a}{letter}{b}" for a, letter, b in zip(AWKWARD, _LETTERS * 9, AWKWARD[::-1], strict=False)]
name_texts = st.sampled_from(_NAMES + _FRAMED)
_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
_BOOL = st.booleans()
_STRENGTH = st.one_of(
    st.sampled_from([0.0, 1.0, 0.5, 0.1 + 0.2, 1e-300, 5e-324, 1 / 3, "strong", "weak", "强", "中"]),
    st.floats(0, 1),
)


def _spellings(vocabulary: type[Vocabulary]) -> st.SearchStrategy[str]:
    """A member written as its id, its upper case, or a label in English, 简体 or 繁體 (one draw)."""
    spelt = {
        text
        for member in vocabulary
        for text in (
            member.value,
            member.value.upper(),
            member.label("en"),
            member.label("zh"),
            member.label("zh_hant"),
        )
    }
    return st.sampled_from(sorted(spelt))


_ROLE, _LAYER, _STANCE, _DISC, _LEVEL = (_spellings(v) for v in (Role, Layer, Stance, Disc, Level))
_INSIDER, _STAGE, _CONFIDENCE = (_spellings(v) for v in (Insider, RelationshipStage, Confidence))
_MILESTONE, _OWNERSHIP, _UNIT_KIND = (_spellings(v) for v in (Milestone, Ownership, UnitKind))
_POSITION, _TEAM_ROLE, _DELEGATION = (_spellings(v) for v in (CompetitorPosition, TeamRole, DelegationType))
_LINE_KIND = st.sampled_from(["influence", "delegation", "introduction", "影响", "授权", "引荐", "Influence"])
_CHECKLIST = st.lists(st.tuples(st.sampled_from(list(ChecklistItem)), _BOOL), max_size=4)
_JUDGED = st.lists(st.sampled_from(list(JudgedField)), max_size=4, unique=True)
_SMALL = st.integers(0, 5)
_MASK = st.integers(0, 2**24 - 1)
_INDEX = st.integers(0, 10**6)

# Optional fields of a person, one bit each of a drawn mask: (key, strategy).
_PERSON_FIELDS: list[tuple[str, st.SearchStrategy[Any]]] = [
    ("title", free_texts),
    ("layer", _LAYER),
    ("stance", _STANCE),
    ("disc", _DISC),
    ("authority", _LEVEL),
    ("influence", _LEVEL),
    ("insider", _INSIDER),
    ("background", free_texts),
    ("personal_interest_met", _BOOL),
    ("organisational_interest_met", _BOOL),
    ("stage", _STAGE),
    ("notes", free_texts),
]
_PRIVATE_FIELDS = ["education", "hometown", "family", "address", "phone", "email", "notes"]
_CONTACT_FIELDS = ["channel", "place", "content", "went_well", "fell_short", "lessons", "agreements", "next_plan"]


def _key(text: str) -> str:
    """What two ids that look alike have in common: the id the model reads (docs/format.md)."""
    return normalise_id(text)


def _identify(draw: st.DrawFn, items: list[dict[str, Any]], prefix: str) -> list[str]:
    """An id for each item: derived from its name when that is unique, otherwise an awkward explicit id."""
    used: set[str] = set()
    ids: list[str] = []
    start = draw(_INDEX)
    for position, item in enumerate(items):
        derived = derive_id(item["name"])
        if derived and len(derived) <= 200 and _key(derived) not in used and draw(_BOOL):
            ident = derived
        else:
            ident = ID_TEXTS[(start + position) % len(ID_TEXTS)]
            if _key(ident) in used:
                ident = f"{ident}-{prefix}{position}"
            item["id"] = ident
        used.add(_key(ident))
        ids.append(ident)
    return ids


def _forest(draw: st.DrawFn, size: int) -> list[int | None]:
    """A parent for each of ``size`` nodes (or none) forming a forest; parents may come later in the file."""
    order = draw(st.permutations(range(size))) if size > 1 else list(range(size))
    parent: list[int | None] = [None] * size
    mask = draw(_MASK)
    for rank, node in enumerate(order):
        if rank and mask >> rank & 1:
            parent[node] = order[draw(_INDEX) % rank]
    return parent


def _pick(draw: st.DrawFn, ids: list[str], most: int) -> list[str]:
    """Up to ``most`` distinct ids, in a drawn order."""
    if not ids:
        return []
    mask = draw(_MASK)
    chosen = [ident for position, ident in enumerate(ids) if mask >> position & 1][:most]
    return chosen[::-1] if mask >> 23 & 1 else chosen


def _named(draw: st.DrawFn, most: int) -> list[dict[str, Any]]:
    return [{"name": draw(name_texts)} for _ in range(draw(_SMALL) % (most + 1))]


@st.composite
def awkward_documents(draw: st.DrawFn, max_people: int = 5) -> dict[str, Any]:
    """A valid map document with awkward text in every text field (see the module's docstring)."""
    mask = draw(_MASK)
    doc: dict[str, Any] = {"customer": draw(name_texts)}
    group_fields = [
        ("opportunity", free_texts),
        ("milestone", _MILESTONE),
        ("ownership", _OWNERSHIP),
        ("as_of", _DATES),
        ("description", free_texts),
    ]
    for bit, (key, strategy) in enumerate(group_fields):
        if mask >> bit & 1:
            doc[key] = draw(strategy)
    if mask >> 5 & 1:
        doc["checklist"] = {item.value: value for item, value in draw(_CHECKLIST)}

    competitors = _named(draw, 2)
    competitor_ids = _identify(draw, competitors, "c")
    for competitor in competitors:
        bits = draw(_MASK)
        if bits & 1:
            competitor["position"] = draw(_POSITION)
        if bits & 2:
            competitor["notes"] = draw(free_texts)

    units = _named(draw, 3)
    unit_ids = _identify(draw, units, "u")
    for unit, parent in zip(units, _forest(draw, len(units)), strict=True):
        bits = draw(_MASK)
        if parent is not None:
            unit["parent"] = unit_ids[parent]
        if bits & 1:
            unit["kind"] = draw(_UNIT_KIND)
        if bits & 2:
            unit["notes"] = draw(free_texts)

    people: list[dict[str, Any]] = [
        {"name": draw(name_texts)} for _ in range(draw(st.sampled_from(range(max_people + 1))))
    ]
    person_ids = _identify(draw, people, "p")
    for position, (person, manager) in enumerate(zip(people, _forest(draw, len(people)), strict=True)):
        bits = draw(_MASK)
        if manager is not None:
            person["reports_to"] = person_ids[manager]
        if bits >> 23 & 1:
            others = person_ids[:position] + person_ids[position + 1 :]
            person["dotted_line_to"] = _pick(draw, others, 2)
        for bit, (key, strategy) in enumerate(_PERSON_FIELDS):
            if bits >> bit & 1:
                person[key] = draw(strategy)
        if bits >> 12 & 1:
            person["roles"] = [draw(_ROLE) for _ in range(draw(_SMALL) % 3)]
        if bits >> 13 & 1:
            person["concerns"] = [draw(free_texts) for _ in range(draw(_SMALL) % 3)]
        if unit_ids and bits >> 14 & 1:
            person["unit"] = unit_ids[draw(_INDEX) % len(unit_ids)]
        if competitor_ids and bits >> 15 & 1:
            person["favours"] = competitor_ids[draw(_INDEX) % len(competitor_ids)]
        if bits >> 16 & 1:
            person["contacted"] = draw(_BOOL)
        if bits >> 17 & 1 and person.get("contacted") is not False:
            person["last_contact"] = draw(_DATES)
        if bits >> 18 & 1:
            person["judgements"] = {
                judged.value: {"confidence": draw(_CONFIDENCE), "evidence": draw(free_texts)}
                for judged in draw(_JUDGED)
            }
        if bits >> 19 & 1:
            private_bits = draw(_MASK)
            private: dict[str, Any] = {
                key: draw(free_texts) for bit, key in enumerate(_PRIVATE_FIELDS) if private_bits >> bit & 1
            }
            if private_bits >> 10 & 1:
                private["birthday"] = draw(_DATES)
            if private_bits >> 11 & 1:
                private["hobbies"] = [draw(free_texts) for _ in range(draw(_SMALL) % 3)]
            person["private"] = private

    team = _named(draw, 2)
    team_ids = _identify(draw, team, "t")
    for member in team:
        bits = draw(_MASK)
        if bits & 1:
            member["role"] = draw(_TEAM_ROLE)
        if bits & 2:
            member["title"] = draw(free_texts)

    relationships: list[dict[str, Any]] = []
    if team_ids and person_ids:
        for _ in range(draw(_SMALL) % 4):
            relationship: dict[str, Any] = {
                "member": team_ids[draw(_INDEX) % len(team_ids)],
                "person": person_ids[draw(_INDEX) % len(person_ids)],
                "stage": draw(_STAGE),
            }
            bits = draw(_MASK)
            if bits & 1:
                relationship["since"] = draw(_DATES)
            if bits & 2:
                relationship["notes"] = draw(free_texts)
            relationships.append(relationship)

    lines: list[dict[str, Any]] = []
    if len(person_ids) >= 2:
        for _ in range(draw(_SMALL) % 5):
            source = draw(_INDEX) % len(person_ids)
            target = (source + 1 + draw(_INDEX) % (len(person_ids) - 1)) % len(person_ids)
            kind = draw(_LINE_KIND)
            line: dict[str, Any] = {"kind": kind, "from": person_ids[source], "to": person_ids[target]}
            bits = draw(_MASK)
            if bits & 1:
                line["strength"] = draw(_STRENGTH)
            if bits & 2:
                line["mutual"] = draw(_BOOL)
            if bits & 4 and kind in ("delegation", "授权"):
                line["delegation"] = draw(_DELEGATION)
            if bits & 8 and kind in ("delegation", "授权"):
                line["scope"] = draw(free_texts)
            if bits & 16:
                line["confidence"] = draw(_CONFIDENCE)
            if bits & 32:
                line["evidence"] = draw(free_texts)
            if bits & 64:
                line["notes"] = draw(free_texts)
            lines.append(line)

    factions = _named(draw, 2)
    _identify(draw, factions, "f")
    for faction in factions:
        members = _pick(draw, person_ids, 4)
        faction["members"] = members
        bits = draw(_MASK)
        if members and bits & 1:
            faction["leader"] = members[draw(_INDEX) % len(members)]
        if bits & 2:
            faction["notes"] = draw(free_texts)

    contacts: list[dict[str, Any]] = []
    reachable = [
        ident for ident, person in zip(person_ids, people, strict=True) if person.get("contacted") is not False
    ]
    for _ in range(draw(_SMALL) % 3):
        contact: dict[str, Any] = {
            "date": draw(_DATES),
            "people": _pick(draw, reachable, 3),
            "team": _pick(draw, team_ids, 2),
        }
        bits = draw(_MASK)
        for bit, key in enumerate(_CONTACT_FIELDS):
            if bits >> bit & 1:
                contact[key] = draw(free_texts)
        contacts.append(contact)

    sections = [
        ("competitors", competitors),
        ("units", units),
        ("people", people),
        ("team", team),
        ("relationships", relationships),
        ("lines", lines),
        ("factions", factions),
        ("contacts", contacts),
    ]
    for bit, (key, value) in enumerate(sections):
        if value or mask >> (8 + bit) & 1:
            doc[key] = value
    return doc


#: Pairs of ids that look the same to a reader: one person each is a duplicate id, not two people.
look_alike_ids = st.sampled_from(
    [
        ("jos\u00e9", "jose\u0301"),  # NFC and NFD
        ("li", "ｌｉ"),  # full width
        ("lina", "li\u200bna"),  # a zero-width space
        ("Boss", "boss"),  # case
        ("wang", "\u202ewang"),  # a bidi override
        ("zhang", "zhang\u2060"),  # a word joiner
        ("ﬁnance", "finance"),  # a ligature
    ]
)

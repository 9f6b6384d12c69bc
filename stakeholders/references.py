"""Cross-references inside a map: the ids each section defines, and the checks that use them.

An index of the ids a document defines (and the reporting and unit cycles) is
computed from the raw document before validation and handed to every validator
as context (``stakeholders_index``), so ``reports_to``, ``unit``, faction
members, ... are checked together with every other field, and one
:class:`~stakeholders.MapError` lists every problem of a document at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationInfo
from typing_extensions import LiteralString

from .field_types import scalar_text
from .ids import derive_id, normalise_id
from .validation_errors import fail

__all__ = [
    "Index",
    "build_index",
    "check_duplicate",
    "field_of",
    "index_of",
    "reference_id",
    "require",
]


@dataclass(frozen=True)
class Cycle:
    """A cycle of ``reports_to`` or ``parent`` as seen from one of its members: ``ids[at]``.

    Every member shares the one list of ids, so a cycle of n ids costs n, not n².
    """

    ids: list[str]
    at: int

    def text(self, shown: int = 12) -> str:
        """``a → b → c → a`` from this member, shortened for a long cycle so that each message stays short."""
        n = len(self.ids)
        first = [self.ids[(self.at + k) % n] for k in range(min(n, shown))]
        if n <= shown:
            return " → ".join([*first, first[0]])
        return " → ".join(first) + f" → … ({n:,} in all) → {first[0]}"


@dataclass
class Index:
    ids: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    person_cycles: dict[str, Cycle] = field(default_factory=dict)
    in_contact_log: set[str] = field(default_factory=set)
    unit_cycles: dict[str, Cycle] = field(default_factory=dict)

    def known(self, kind: str, ident: str) -> bool:
        return ident in self.ids.get(kind, {})

    def duplicates(self, kind: str, ident: str) -> list[int]:
        places = self.ids.get(kind, {}).get(ident, [])
        return places if len(places) > 1 else []


def field_of(item: Any, key: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(key)
    return getattr(item, key, None)


def reference_id(value: Any) -> str | None:
    """A written id or reference as the model reads it (:func:`normalise_id`); ``None`` when it is no id."""
    ident = scalar_text(value)  # `id: 7` is the id "7", as the model reads it
    if isinstance(ident, str):
        return normalise_id(ident) or None
    return None


def _item_id(item: Any) -> str | None:
    ident = field_of(item, "id")
    if ident is not None:
        # An invalid id is reported by validation, never replaced by one derived from the name.
        return reference_id(ident)
    name = scalar_text(field_of(item, "name"))
    if isinstance(name, str) and name.strip():
        return derive_id(name) or None
    return None


def _cycles(parent_of: dict[str, str]) -> dict[str, Cycle]:
    """For every id on a cycle of ``parent_of``, the cycle seen from it.

    Linear in the number of ids: each id is walked once. A walk stops at an id an
    earlier walk has finished with; an id met again in the same walk closes a cycle.
    """
    result: dict[str, Cycle] = {}
    done: set[str] = set()
    for start in parent_of:
        if start in done:
            continue
        path: list[str] = []
        at: dict[str, int] = {}  # position of each id of this walk in ``path``
        node: str | None = start
        while node is not None and node not in done and node not in at:
            at[node] = len(path)
            path.append(node)
            node = parent_of.get(node)
        if node is not None and node in at:
            cycle = path[at[node] :]
            if len(cycle) > 1:
                for i, member in enumerate(cycle):
                    result[member] = Cycle(cycle, i)
        done.update(path)
    return result


def build_index(data: Any) -> Index:
    index = Index()
    sections = {
        "people": "people",
        "units": "units",
        "team": "team",
        "competitors": "competitors",
        "factions": "factions",
    }
    for section, kind in sections.items():
        items = field_of(data, section)
        table: dict[str, list[int]] = {}
        if isinstance(items, (list, tuple)):
            for position, item in enumerate(items):
                ident = _item_id(item)
                if ident is not None:
                    table.setdefault(ident, []).append(position)
        index.ids[kind] = table
    contacts = field_of(data, "contacts")
    if isinstance(contacts, (list, tuple)):
        for contact in contacts:
            people = field_of(contact, "people")
            if isinstance(people, (list, tuple)):
                index.in_contact_log.update(i for p in people if (i := reference_id(p)) is not None)
    for section, key, target in (("people", "reports_to", "person_cycles"), ("units", "parent", "unit_cycles")):
        parent_of: dict[str, str] = {}
        items = field_of(data, section)
        if isinstance(items, (list, tuple)):
            for item in items:
                ident, parent = _item_id(item), field_of(item, key)
                parent = reference_id(parent)
                if ident is not None and parent is not None:
                    parent_of.setdefault(ident, parent)
        setattr(index, target, _cycles(parent_of))
    return index


def index_of(info: ValidationInfo) -> Index | None:
    context = info.context
    if isinstance(context, dict):
        found = context.get("stakeholders_index")
        if isinstance(found, Index):
            return found
    return None


_KIND_WORD: dict[str, LiteralString] = {
    "people": "person",
    "units": "unit",
    "team": "team member",
    "competitors": "competitor",
    "factions": "faction",
}


def require(info: ValidationInfo, kind: str, ident: str | None) -> None:
    """Raise when ``ident`` is not defined in section ``kind`` of the document."""
    index = index_of(info)
    if ident is None or index is None or index.known(kind, ident):
        return
    word = _KIND_WORD[kind]
    choices = list(index.ids.get(kind, {}))
    close = difflib.get_close_matches(ident, choices, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    if not choices:
        hint = f"; the map defines no {kind}"
    raise fail(
        f"unknown_{word.replace(' ', '_')}",
        "unknown {word} {ident!r} (not defined under '{kind}'{hint})",
        {"word": word, "ident": ident, "kind": kind, "hint": hint},
    )


def check_duplicate(info: ValidationInfo, kind: str, ident: str) -> None:
    index = index_of(info)
    if index is None:
        return
    places = index.duplicates(kind, ident)
    if places:
        # At most a few places: with thousands of duplicates, listing all in every message is quadratic.
        where = ", ".join(f"{kind}[{p}]" for p in places[:5])
        if len(places) > 5:
            where += f" and {len(places) - 5:,} more"
        raise fail(
            "duplicate_id",
            "duplicate id {ident!r} (used by {where}); ids must be unique, give each one an explicit id",
            {"ident": ident, "where": where},
        )

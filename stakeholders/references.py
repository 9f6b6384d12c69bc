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
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo
from typing_extensions import LiteralString

from .field_types import Id, scalar_text
from .ids import derive_id, normalise_id
from .validation_errors import fail

__all__ = [
    "CompetitorRef",
    "Index",
    "PersonRef",
    "TeamRef",
    "UnitRef",
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
    """section → id → the positions of the entries with that id."""
    names: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """section → display name (as the model stores it: trimmed) → the ids of the entries with that name."""
    person_cycles: dict[str, Cycle] = field(default_factory=dict)
    in_contact_log: set[str] = field(default_factory=set)
    unit_cycles: dict[str, Cycle] = field(default_factory=dict)
    _hints: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def known(self, kind: str, ident: str) -> bool:
        return ident in self.ids.get(kind, {})

    def resolve(self, kind: str, value: Any) -> str | list[str] | None:
        """What a reference to section ``kind`` written as ``value`` means (docs/format.md, "Ids and references").

        An id of the section first (as :func:`reference_id` normalises it); else the id of the one entry whose
        display name is ``value`` exactly (trimmed); the ids of all of them when several share that name;
        ``None`` when it names nothing.
        """
        ident = reference_id(value)
        if ident is not None and self.known(kind, ident):
            return ident
        text = scalar_text(value)  # a name of no letter or digit (an emoji) is no id, yet a name
        owners = self.names.get(kind, {}).get(text.strip()) if isinstance(text, str) else None
        if not owners:
            return None
        return owners[0] if len(owners) == 1 else owners

    def hints(self, kind: str) -> dict[str, str]:
        """For "did you mean": every id of ``kind``, and the id form of every name, to what to suggest.

        Built once per section, on the first unknown reference, so that many unknown references stay linear.
        """
        found = self._hints.get(kind)
        if found is None:
            found = {normalise_id(name): name for name in self.names.get(kind, {})}
            found.pop("", None)
            found.update({ident: ident for ident in self.ids.get(kind, {})})
            self._hints[kind] = found
        return found

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


def _name_of(item: Any) -> str | None:
    """The display name of an entry as the model stores it (numbers as text, trimmed)."""
    name = scalar_text(field_of(item, "name"))
    return (name.strip() or None) if isinstance(name, str) else None


def _resolved(index: Index, kind: str, value: Any) -> str | None:
    """A reference as :meth:`Index.resolve` reads it; its normalised text when it names nothing or several."""
    found = index.resolve(kind, value)
    return found if isinstance(found, str) else reference_id(value)


def build_index(data: Any) -> Index:
    """The ids and names every section defines, the reporting and unit cycles, the people of the contact log.

    One pass over the document (plus one over each reference), so validation stays linear in its size.
    """
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
        names: dict[str, list[str]] = {}
        if isinstance(items, (list, tuple)):
            for position, item in enumerate(items):
                ident = _item_id(item)
                if ident is not None:
                    table.setdefault(ident, []).append(position)
                    name = _name_of(item)
                    if name is not None:
                        owners = names.setdefault(name, [])
                        if ident not in owners:
                            owners.append(ident)
        index.ids[kind] = table
        index.names[kind] = names
    contacts = field_of(data, "contacts")
    if isinstance(contacts, (list, tuple)):
        for contact in contacts:
            people = field_of(contact, "people")
            if isinstance(people, (list, tuple)):
                index.in_contact_log.update(i for p in people if (i := _resolved(index, "people", p)) is not None)
    for section, key, target in (("people", "reports_to", "person_cycles"), ("units", "parent", "unit_cycles")):
        parent_of: dict[str, str] = {}
        items = field_of(data, section)
        if isinstance(items, (list, tuple)):
            for item in items:
                ident, parent = _item_id(item), _resolved(index, section, field_of(item, key))
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
    choices = index.hints(kind)
    close = difflib.get_close_matches(ident, list(choices), n=1)
    hint = f"; did you mean {choices[close[0]]!r}?" if close else ""
    if not choices:
        hint = f"; the map defines no {kind}"
    raise fail(
        f"unknown_{word.replace(' ', '_')}",
        "unknown {word} {ident!r} (not defined under '{kind}'{hint})",
        {"word": word, "ident": ident, "kind": kind, "hint": hint},
    )


_KIND_ZH: dict[str, str] = {
    "people": "人",
    "units": "部门",
    "team": "我方成员",
    "competitors": "竞争对手",
    "factions": "派系",
}


def _resolver(kind: str) -> Any:
    """A before-validator: a reference written as an id or as a display name becomes the id it means."""

    def resolve(value: Any, info: ValidationInfo) -> Any:
        index = index_of(info)
        if index is None:
            return value  # outside a whole map (an assignment, a lone Person): ids only
        found = index.resolve(kind, value)
        if isinstance(found, list):
            name = str(scalar_text(value)).strip()
            ids = ", ".join(found[:5]) + (f" and {len(found) - 5:,} more" if len(found) > 5 else "")
            ids_zh = "、".join(found[:5]) + (f" 等 {len(found):,} 个" if len(found) > 5 else "")
            raise fail(
                "ambiguous_reference",
                "{name!r} is the name of {count} {kind} ({ids}); write the id of the one you mean"
                " / 有 {count} 个{kind_zh}都叫“{name}”（{ids_zh}），请改用 id 写明是哪一个",
                {
                    "name": name,
                    "count": len(found),
                    "kind": kind,
                    "ids": ids,
                    "kind_zh": _KIND_ZH[kind],
                    "ids_zh": ids_zh,
                },
            )
        return value if found is None else found  # None: reported by the id checks, with "did you mean"

    return BeforeValidator(resolve)


#: A reference to a person, a unit, a team member or a competitor: written as an id or a display name, stored as the id.
PersonRef = Annotated[Id, _resolver("people")]
UnitRef = Annotated[Id, _resolver("units")]
TeamRef = Annotated[Id, _resolver("team")]
CompetitorRef = Annotated[Id, _resolver("competitors")]


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

"""Facts about a group that every measure needs, computed once in linear time.

Not public: the measures take the group first and build these facts when no
one hands them over, so each measure can be called alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel

from ..model import BuyingGroup, Competitor, Faction, LineKind, Person, TeamMember, Unit
from ..vocab import Insider, Level, RelationshipStage, Role

_Entry = TypeVar("_Entry", Person, Unit, Competitor, TeamMember, Faction)


@dataclass
class Facts:
    group: BuyingGroup
    people: dict[str, Person] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    depth: dict[str, int] = field(default_factory=dict)
    root: dict[str, str] = field(default_factory=dict)
    """The top of each person's reporting tree."""
    reports: dict[str, list[str]] = field(default_factory=dict)
    in_tree: set[str] = field(default_factory=set)
    stage: dict[str, RelationshipStage | None] = field(default_factory=dict)
    best_member: dict[str, str] = field(default_factory=dict)
    last_contact: dict[str, date] = field(default_factory=dict)
    contacted: dict[str, bool | None] = field(default_factory=dict)
    _deciders: list[Person] | None = field(default=None, repr=False)
    _links: dict[str, set[str]] | None = field(default=None, repr=False)

    @property
    def max_depth(self) -> int:
        return max((self.depth[p] for p in self.in_tree), default=0)

    def tree_heights(self) -> dict[str, int]:
        """Deepest level (0-based) of each reporting tree, keyed by its top person."""
        heights: dict[str, int] = {}
        for ident in self.in_tree:
            top = self.root[ident]
            heights[top] = max(heights.get(top, 0), self.depth[ident])
        return heights

    def main_root(self) -> str | None:
        """The top of the largest reporting tree: the customer's own hierarchy (of two as large: the smaller id)."""
        sizes: dict[str, int] = {}
        for ident in self.in_tree:
            sizes[self.root[ident]] = sizes.get(self.root[ident], 0) + 1
        if not sizes:
            return None
        return min(sizes, key=lambda r: (-sizes[r], r))

    def nominal_delegates(self) -> dict[str, str]:
        """People holding authority only by a nominal delegation → who delegated it."""
        return {
            line.target: line.source for line in self.group.lines if line.kind is LineKind.DELEGATION and line.nominal
        }

    def deciders(self) -> list[Person]:
        if self._deciders is None:
            self._deciders = [p for p in self.group.people if Role.DECIDER in p.roles]
        return list(self._deciders)

    def links(self) -> dict[str, set[str]]:
        """:func:`undirected_links` of the group, computed once (read-only: shared by the measures)."""
        if self._links is None:
            self._links = undirected_links(self.group)
        return self._links

    def top_decider(self, rank_of: dict[str, int]) -> Person | None:
        """The most influential decider: the one who makes the final call."""
        deciders = self.deciders()
        return min(deciders, key=lambda p: rank_of[p.id]) if deciders else None

    def coaches(self) -> list[Person]:
        return [p for p in self.group.people if p.insider is Insider.COACH]

    def name(self, ident: str) -> str:
        person = self.people.get(ident)
        return person.name if person is not None else ident


def in_id_order(group: BuyingGroup) -> BuyingGroup:
    """``group`` with every section in a canonical order, so that no result depends on the file's order.

    People, units, competitors, team members and factions by id; lines by their ends, kind and
    then every other field; relationships by person and member; contacts by date. Every tie the
    analysis breaks by position ("the first in the file") is thus broken by id, and every list it
    gives in "file order" is in id order. The lists inside an entry (roles, ``dotted_line_to``,
    faction members) keep their order. A shallow copy; the group itself is not changed.
    """

    def by_id(items: list[_Entry]) -> list[_Entry]:
        return sorted(items, key=lambda item: item.id)

    def fields(model: BaseModel) -> str:
        return model.model_dump_json()

    update: dict[str, Any] = {
        "people": by_id(group.people),
        "units": by_id(group.units),
        "competitors": by_id(group.competitors),
        "team": by_id(group.team),
        "factions": by_id(group.factions),
        "lines": sorted(group.lines, key=lambda line: (line.source, line.target, line.kind.value, fields(line))),
        "relationships": sorted(group.relationships, key=lambda rel: (rel.person, rel.member, fields(rel))),
        "contacts": sorted(group.contacts, key=lambda contact: (contact.date, fields(contact))),
    }
    if all(update[name] == getattr(group, name) for name in update):
        return group
    return group.model_copy(update=update)


def key_people(group: BuyingGroup, high: set[str]) -> list[Person]:
    """Key people: a decision role, high influence (ids in ``high``) or high formal authority."""
    return [p for p in group.people if p.roles or p.id in high or p.authority is Level.HIGH]


def facts_of(group: BuyingGroup) -> Facts:
    """Index the group: people by id, hierarchy depth, relationships, contacts."""
    facts = Facts(group=group)
    for position, person in enumerate(group.people):
        facts.people[person.id] = person
        facts.order[person.id] = position
        facts.reports.setdefault(person.id, [])
    for person in group.people:
        if person.reports_to is not None:
            facts.reports[person.reports_to].append(person.id)
            facts.in_tree.add(person.id)
            facts.in_tree.add(person.reports_to)
    # Depth along reports_to (validated acyclic); memoised walk, linear overall.
    for person in group.people:
        chain: list[str] = []
        node: str | None = person.id
        while node is not None and node not in facts.depth:
            chain.append(node)
            node = facts.people[node].reports_to
        base = facts.depth[node] + 1 if node is not None else 0
        top = facts.root[node] if node is not None else chain[-1]
        for offset, member in enumerate(reversed(chain)):
            facts.depth[member] = base + offset
            facts.root[member] = top
    best: dict[str, tuple[RelationshipStage, str]] = {}
    for rel in group.relationships:
        current = best.get(rel.person)
        if current is None or rel.stage > current[0]:
            best[rel.person] = (rel.stage, rel.member)
    for contact in group.contacts:
        for ident in contact.people:
            seen = facts.last_contact.get(ident)
            if seen is None or contact.date > seen:
                facts.last_contact[ident] = contact.date
    for person in group.people:
        if person.last_contact is not None:
            seen = facts.last_contact.get(person.id)
            if seen is None or person.last_contact > seen:
                facts.last_contact[person.id] = person.last_contact
        found = best.get(person.id)
        if found is not None:
            facts.best_member[person.id] = found[1]
        facts.stage[person.id] = person.stage if person.stage is not None else (found[0] if found else None)
        if person.contacted is not None:
            facts.contacted[person.id] = person.contacted
        elif person.id in facts.last_contact:
            facts.contacted[person.id] = True
        else:
            stage = facts.stage[person.id]
            facts.contacted[person.id] = True if stage is not None and stage > RelationshipStage.STRANGER else None
    return facts


def undirected_links(group: BuyingGroup) -> dict[str, set[str]]:
    """Who is linked to whom by any line (reporting included), ignoring direction."""
    links: dict[str, set[str]] = {p.id: set() for p in group.people}
    # The pairs of group.iter_lines(), in its order, without building each line's attributes.
    for person in group.people:
        if person.reports_to is not None:
            links[person.reports_to].add(person.id)
            links[person.id].add(person.reports_to)
        for manager in person.dotted_line_to:
            links[manager].add(person.id)
            links[person.id].add(manager)
    for line in group.lines:
        links[line.source].add(line.target)
        links[line.target].add(line.source)
    return links


REPORTING = (LineKind.REPORTS_TO, LineKind.DOTTED_LINE)

"""People assembled from the rows of a contact list, then made into a valid map.

:class:`Drafts` is the half of the contact reader that does not know columns:
it keeps the people being built (:class:`Draft`), the units and competitors
named so far and every :class:`~stakeholders.io.report.ImportProblem`; it
resolves managers named by id or name (adding people named only as a
manager), builds the map document and validates it, dropping (and reporting)
any value the model refuses. :mod:`stakeholders.io.contacts` reads the cells into it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import MapError, Problem
from ..field_types import MAX_ID_LENGTH
from ..ids import derive_id, normalise_id
from ..model import BuyingGroup
from ..vocab import Vocabulary
from .cells import cell_text as _text
from .report import ImportProblem
from .salesforce import case_safe_id

__all__ = ["CRM_KEY", "Draft", "Drafts", "shown"]

#: The key of a person read with a Salesforce id: ``CRM_KEY`` + the 18-character id (never a name's key).
CRM_KEY = "salesforce:"


def _cut(ident: str, length: int) -> str:
    """``ident`` cut to ``length``, still a normal id (:func:`~stakeholders.ids.normalise_id`): no ``_`` at its end."""
    return normalise_id(ident[:length]) or "x"


@dataclass
class Draft:
    """One person being assembled from one or more rows."""

    key: str
    row: int
    data: dict[str, Any] = field(default_factory=dict)
    source: dict[str, tuple[int, str]] = field(default_factory=dict)
    """field → (row, header) it was read from, to place later problems."""
    notes: list[str] = field(default_factory=list)
    refs: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)
    """reports_to / dotted_line_to → [(written value, row, header)]"""


def shown(value: Any) -> Any:
    """A value as a message shows it: a vocabulary member by its id."""
    return value.value if isinstance(value, Vocabulary) else value


class Drafts:
    """The people, units and competitors of a contact list being read, and the problems found."""

    def __init__(self, source: str, problems: Iterable[ImportProblem] = (), *, add_managers: bool = True) -> None:
        self.source = source
        self.add_managers = add_managers
        """Add a manager who has no row with only a name (else: keep the value in notes, a warning)."""
        self.problems: list[ImportProblem] = list(problems)
        self.people: dict[str, Draft] = {}
        self.units: dict[str, str] = {}
        self.competitors: dict[str, str] = {}
        self.group_values: dict[str, tuple[str, int, str]] = {}

    def problem(
        self,
        row: int | None,
        column: str | None,
        value: Any,
        message: str,
        code: str,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        written = None if value is None else _text(shown(value))
        self.problems.append(
            ImportProblem(row=row, column=column, value=written, message=message, severity=severity, code=code)
        )

    # -- fields of a person -------------------------------------------------

    def keep(self, draft: Draft, header: str, value: Any) -> None:
        draft.notes.append(f"{header}: {_text(value)}")

    def assign(self, draft: Draft, number: int, header: str, target: str, value: Any) -> None:
        """Set a single-valued field; a different value from another row or column is reported."""
        path = target.split(".")
        holder = draft.data
        for part in path[:-1]:
            holder = holder.setdefault(part, {})
        old = holder.get(path[-1])
        if old is None or old == value:
            holder[path[-1]] = value
            draft.source.setdefault(target, (number, header))
            return
        first_row, first_header = draft.source.get(target, (draft.row, header))
        self.problem(
            number,
            header,
            value if not isinstance(value, Vocabulary) else value.value,
            f"{shown(value)!r} differs from {shown(old)!r} (row {first_row}, column {first_header!r});"
            " the first is kept",
            "conflict",
            "warning",
        )
        self.keep(draft, header, shown(value))

    def add(self, draft: Draft, number: int, target: str, header: str, items: Iterable[Any]) -> None:
        path = target.split(".")
        holder = draft.data
        for part in path[:-1]:
            holder = holder.setdefault(part, {})
        current = holder.setdefault(path[-1], [])
        earlier = list(current)  # from the person's other rows: merged, not repeated
        for item in items:  # one cell's items as written, a repeated one included (the model keeps it)
            if item not in earlier:
                current.append(item)
        draft.source.setdefault(target, (number, header))

    def named(self, table: dict[str, str], name: str) -> str:
        """The id of the unit or competitor called ``name``, added on first use.

        Derived from the name, cut to the longest id the model takes: a name may be longer than an id.
        """
        if name in table:
            return table[name]
        base = _cut(derive_id(name) or "x", MAX_ID_LENGTH)
        ident, n = base, 2
        while ident in table.values():
            suffix = f"_{n}"
            ident, n = _cut(base, MAX_ID_LENGTH - len(suffix)) + suffix, n + 1
        table[name] = ident
        return ident

    # -- references between people -----------------------------------------

    def resolve(self) -> None:
        ids = set(self.people)
        by_name: dict[str, list[str]] = {}
        for key, draft in self.people.items():
            by_name.setdefault(draft.data["name"], []).append(key)
            by_name.setdefault(draft.data["name"].casefold(), []).append(key)
        added: dict[str, Draft] = {}
        for draft in list(self.people.values()):
            for target, refs in draft.refs.items():
                for written, number, header in refs:
                    ident = self.person_id(written, ids, by_name, added, draft, number, header, target)
                    if ident is None:
                        continue
                    if ident == draft.key:
                        self.problem(
                            number, header, written, "a person cannot report to themself; not read", "self_reference"
                        )
                        continue
                    ident = (self.people.get(ident) or added[ident]).data["id"]
                    if target == "reports_to":
                        self.assign(draft, number, header, "reports_to", ident)
                    else:
                        self.add(draft, number, "dotted_line_to", header, [ident])
        self.people.update(added)

    def person_id(
        self,
        written: str,
        ids: set[str],
        by_name: dict[str, list[str]],
        added: dict[str, Draft],
        draft: Draft,
        number: int,
        header: str,
        target: str,
    ) -> str | None:
        crm_id = case_safe_id(written)
        if crm_id is not None and f"{CRM_KEY}{crm_id}" in ids:
            return f"{CRM_KEY}{crm_id}"
        if written in ids:
            return written
        matches = list(dict.fromkeys(by_name.get(written, []) or by_name.get(written.casefold(), [])))
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            self.problem(
                number,
                header,
                written,
                f"{written!r} names {len(matches)} people ({', '.join(matches)}); write the id; not read",
                "ambiguous_reference",
            )
            self.keep(draft, header, written)
            return None
        key = derive_id(written)
        if key in added:
            return key
        if key in ids:
            return key
        close = difflib.get_close_matches(written, [d.data["name"] for d in self.people.values()], n=1, cutoff=0.75)
        if not self.add_managers and not close and key:
            what, what_zh = ("no contact with the Salesforce id", "Salesforce id 为") if crm_id else ("no contact", "")
            manager_zh = "直属上级" if target == "reports_to" else "虚线上级"
            whose = draft.data["name"]
            self.problem(
                number,
                header,
                written,
                f"{what} {written!r} in the export (the {target} of {whose!r}); kept in notes"
                f" / 导出文件里找不到{what_zh}「{written}」的联系人（{whose} 的{manager_zh}），已记在备注里",
                "unknown_person",
                "warning",
            )
            self.keep(draft, header, written)
            return None
        if close or not key:
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.problem(
                number, header, written, f"no person {written!r} in the list{hint}; kept in notes", "unknown_person"
            )
            self.keep(draft, header, written)
            return None
        person = Draft(key=key, row=number)
        person.data.update({"id": key, "name": written})
        person.notes.append(f"added by the import: named in row {number}, column {header}, but has no row")
        added[key] = person
        self.problem(
            number,
            header,
            written,
            f"{written!r} has no row of their own: added to the map with only a name"
            f" ({target} of {draft.data['name']!r})",
            "added_person",
            "warning",
        )
        return key

    # -- the map -----------------------------------------------------------

    def document(self, customer: str | None, opportunity: str | None) -> dict[str, Any]:
        name = customer or (self.group_values.get("customer") or (None,))[0]
        if not name:
            name = Path(self.source).stem if self.source and not self.source.startswith("<") else "unknown customer"
            self.problem(
                None,
                None,
                None,
                f"no customer column and no customer given: named the map {name!r} (give --customer)",
                "no_customer",
                "warning",
            )
        doc: dict[str, Any] = {"customer": name}
        opp = opportunity if opportunity is not None else (self.group_values.get("opportunity") or (None,))[0]
        if opp is not None:
            doc["opportunity"] = opp
        if self.competitors:
            doc["competitors"] = [{"id": i, "name": n} for n, i in self.competitors.items()]
        if self.units:
            doc["units"] = [{"id": i, "name": n} for n, i in self.units.items()]
        people = []
        for draft in self.people.values():
            person = dict(draft.data)
            if draft.notes:
                kept = "; ".join(draft.notes)
                person["notes"] = f"{person['notes']}\n{kept}" if person.get("notes") else kept
            people.append(person)
        doc["people"] = people
        return doc

    def validate(self, doc: dict[str, Any]) -> BuyingGroup:
        drafts = list(self.people.values())
        for _ in range(len(drafts) * 3 + 5):
            try:
                return BuyingGroup.model_validate(doc)
            except MapError as err:
                self.drop(doc, drafts, err.problems)
        raise MapError([Problem("", "the contact list could not be made into a valid map")], self.source)

    def drop(self, doc: dict[str, Any], drafts: list[Draft], problems: list[Problem]) -> None:
        dropped = False
        for problem in problems:
            path = problem.path
            if len(path) >= 3 and path[0] == "people" and isinstance(path[1], int) and isinstance(path[2], str):
                index, name = path[1], path[2]
                person = doc["people"][index]
                draft = drafts[index] if index < len(drafts) else None
                target = name if name != "private" or len(path) < 4 else f"private.{path[3]}"
                number, header = (
                    (draft.source.get(target) or draft.source.get(name) or (draft.row, None)) if draft else (None, None)
                )
                value = person.pop(name, None)
                if name in ("private", "judgements") and isinstance(value, dict) and len(path) >= 4:
                    value = dict(value)
                    inner = value.pop(str(path[3]), None)
                    if value:
                        person[name] = value
                    value = inner
                self.problem(
                    number,
                    header,
                    value if not isinstance(value, (list, dict)) else None,
                    f"{problem.message}; not read",
                    problem.code,
                )
                dropped = True
        if not dropped:
            raise MapError(problems, self.source)

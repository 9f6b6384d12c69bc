"""Contact lists in: a CSV or Excel (.xlsx) list of people becomes a map, with a report.

CRM exports and hand-kept spreadsheets hold one person per row. A
:class:`ColumnMapping` says which column holds which field; presets cover our
own column names (``"stakeholders"``), Chinese headers (``"zh"``: 姓名, 职位,
部门, 上级, 角色, 立场, 性格, 关系 …) and a Salesforce export of Contacts with
OpportunityContactRole (``"salesforce"``). ``"auto"`` (the default) picks the
preset that recognises most of the headers.

Nothing is dropped silently. :func:`read_contacts` returns the map *and* an
:class:`ImportReport` listing, with its row and column, every value that could
not be used (kept in the person's notes as ``column: value``), every column no
mapping knows, every person added because they were named as a manager but
had no row, and every repeated row merged into one person. Rows are counted as
a spreadsheet shows them: the header is row 1.

The parts live beside this module: the mappings in :mod:`~stakeholders.io.mappings`
and :mod:`~stakeholders.io.presets`, the reading of CSV and Excel files in
:mod:`~stakeholders.io.sheets`, cells to values in :mod:`~stakeholders.io.cells` and
the report in :mod:`~stakeholders.io.report`; their public names are importable from here too.

>>> import io
>>> text = "姓名,职位,上级,角色,立场\\n王总,总经理,,决策者,中立者\\n李工,总工,王总,Technical Buyer,Champion\\n"
>>> group, report = read_contacts(io.StringIO(text), customer="华东厂")
>>> [(p.id, p.reports_to, [r.value for r in p.roles], p.stance.value) for p in group.people]
[('王总', None, ['decider'], 'neutral'), ('李工', '王总', ['technical_evaluator'], 'mentor')]
>>> report.mapping, report.ok
('zh', True)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Any

from ..crosswalk import FIELDS as CROSSWALK_FIELDS, RefusedTerm, interpret
from ..errors import MapError, Problem, StakeholdersError
from ..ids import derive_id
from ..model import BuyingGroup
from ..vocab import Confidence, Vocabulary
from .cells import (
    cell_bool as _bool,
    cell_date as _date,
    cell_text as _text,
    formula_safe as formula_safe,
    is_blank as _blank,
    is_cjk as _cjk,
    join_list as join_list,
    means_none as _none,
    split_list as split_list,
)
from .drafts import CRM_KEY, Draft, Drafts
from .mappings import (
    BOOL_TARGETS as _BOOL_TARGETS,
    DATE_TARGETS as _DATE_TARGETS,
    GROUP_TARGETS as _GROUP_TARGETS,
    PRIVATE_TEXT as _PRIVATE_TEXT,
    TARGETS as TARGETS,
    TEXT_TARGETS as _TEXT_TARGETS,
    VOCAB_TARGETS as _VOCAB_TARGETS,
    ColumnMapping as ColumnMapping,
    MappingError as MappingError,
    header_key as _header_key,
)
from .presets import PRESETS as PRESETS, auto_mapping, load_mapping as load_mapping
from .report import ImportProblem as ImportProblem, ImportReport as ImportReport
from .salesforce import case_safe_id
from .sheets import Sheet as _Sheet, check_header_row, read_sheet as _read_sheet

__all__ = [
    "PRESETS",
    "TARGETS",
    "ColumnMapping",
    "ImportProblem",
    "ImportReport",
    "MappingError",
    "load_mapping",
    "read_contacts",
]


def _items(value: Any, target: str) -> list[str]:
    """The items of a list cell (items of a JSON array are taken as they are)."""
    return split_list(value if isinstance(value, str) else _text(value), target)


class _Reader(Drafts):
    """Reads the cells of a :class:`~stakeholders.io.sheets.Sheet` into people, as its mapping says."""

    def __init__(self, mapping: ColumnMapping, sheet: _Sheet, source: str) -> None:
        super().__init__(source, sheet.notes, add_managers=not mapping.crm_export)
        self.mapping = mapping
        self.sheet = sheet
        self.columns: dict[str, str | None] = {}
        self.ignored: list[str] = []

    # -- columns -----------------------------------------------------------

    def plan(self) -> list[tuple[int, str, str]]:
        """(cell index, header, target) of every column that is read."""
        plan: list[tuple[int, str, str]] = []
        seen: dict[str, int] = {}
        for index, header in enumerate(self.sheet.headers):
            if header == "":
                if any(len(r) > index and not _blank(r[index]) for _, r in self.sheet.rows):
                    self.problem(
                        None,
                        f"#{index + 1}",
                        None,
                        f"column {index + 1} has values but no header; not read",
                        "no_header",
                    )
                continue
            key = _header_key(header)
            if key in seen:
                self.problem(
                    None,
                    header,
                    None,
                    f"the header appears twice (columns {seen[key] + 1} and {index + 1}); the second is not read",
                    "duplicate_column",
                )
                continue
            seen[key] = index
            known, target = self.mapping.target(header)
            self.columns[header] = target
            if not known:
                self.problem(
                    None,
                    header,
                    None,
                    "no field is mapped to this column; not read (name its field in a mapping file)",
                    "unmapped_column",
                    "warning",
                )
            elif target is None:
                self.ignored.append(header)
            else:
                plan.append((index, header, target))
        plan = self.one_key(plan)
        if not any(t in ("name", "first_name", "last_name") for _, _, t in plan):
            raise ValueError(
                f"no column holds the name (headers: {', '.join(self.sheet.headers)});"
                f" the mapping {self.mapping.name!r} expects one of: "
                + ", ".join(h for h, t in self.mapping.columns.items() if t == "name")
            )
        return plan

    def one_key(self, plan: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
        """The plan with one ``salesforce_id`` column: the one the mapping lists first.

        An export of OpportunityContactRole holds ``Id`` (the role's id) beside ``ContactId``: the
        contact's id is the key, the other is listed as not read.
        """
        keys = [entry for entry in plan if entry[2] == "salesforce_id"]
        if len(keys) < 2:
            return plan
        order = [_header_key(h) for h, t in self.mapping.columns.items() if t == "salesforce_id"]
        chosen = min(keys, key=lambda e: order.index(_header_key(e[1])) if _header_key(e[1]) in order else len(order))
        for entry in keys:
            if entry is not chosen:
                self.columns[entry[1]] = None
                self.ignored.append(entry[1])
        return [e for e in plan if e[2] != "salesforce_id" or e is chosen]

    # -- rows --------------------------------------------------------------

    def read(self) -> None:
        plan = self.plan()
        width = len(self.sheet.headers)
        for number, cells in self.sheet.rows:
            extra = [c for c in cells[width:] if not _blank(c)]
            if extra:
                self.problem(
                    number,
                    None,
                    None,
                    f"{len(extra)} cells beyond the last column ({', '.join(map(_text, extra))[:80]}); not read",
                    "extra_cells",
                )
            values = [
                (header, target, cells[index])
                for index, header, target in plan
                if index < len(cells) and not _blank(cells[index])
            ]
            self.row(number, values)

    def row(self, number: int, values: list[tuple[str, str, Any]]) -> None:
        by_target: dict[str, list[tuple[str, Any]]] = {}
        for header, target, value in values:
            by_target.setdefault(target, []).append((header, value))
        name = self.name_of(number, by_target)
        if name is None:
            if values:
                shown = "; ".join(f"{h}: {_text(v)}" for h, _, v in values)[:120]
                self.problem(number, None, None, f"the row has no name; not read ({shown})", "no_name")
            return
        explicit = [_text(v) for _, v in by_target.get("id", [])]
        crm_id = self.crm_id(number, by_target)
        key = f"{CRM_KEY}{crm_id}" if crm_id else explicit[0] if explicit else derive_id(name)
        if not key or key == CRM_KEY:
            self.problem(number, None, name, f"cannot derive an id from the name {name!r}; add an id column", "no_id")
            return
        draft = self.people.get(key) or self.same_person(key, name, crm_id)
        if draft is None:
            draft = self.people[key] = Draft(key=key, row=number)
            keyed = crm_id is not None or any(k.startswith(CRM_KEY) for k in self.people)
            draft.data["id"] = self.free_id(explicit[0] if explicit else name, crm_id or "") if keyed else key
            draft.data["name"] = name
            if crm_id:
                draft.notes.append(f"Salesforce id: {crm_id}")
        elif draft.data["name"] != name:
            self.problem(
                number,
                None,
                name,
                f"same id {key!r} as row {draft.row} ({draft.data['name']!r}) but another name; the first name is kept",
                "conflict",
                "warning",
            )
        else:
            self.problem(
                number,
                None,
                name,
                f"{name!r} was already read in row {draft.row}: the rows are merged into one person",
                "merged",
                "warning",
            )
        for target, cells in by_target.items():
            if target in ("id", "salesforce_id", "name", "first_name", "last_name"):
                continue
            for header, value in cells:
                self.cell(draft, number, header, target, value)

    def same_person(self, key: str, name: str, crm_id: str | None) -> Draft | None:
        """The person a row of an export is, when one of its rows has the Salesforce id and another has not.

        A row without an id is the one person of that name keyed by a Salesforce id; a row with an id is the
        person read by name before (that person is keyed by the id from now on). ``None`` when it is no one,
        or when the name is two people's.
        """
        if crm_id is None:
            named = [d for k, d in self.people.items() if k.startswith(CRM_KEY) and d.data.get("name") == name]
            return named[0] if len(named) == 1 else None
        by_name = [k for k, d in self.people.items() if not k.startswith(CRM_KEY) and d.data.get("name") == name]
        if len(by_name) != 1:
            return None
        draft = self.people.pop(by_name[0])
        draft.key = key
        draft.notes.append(f"Salesforce id: {crm_id}")
        self.people[key] = draft
        return draft

    def crm_id(self, number: int, by_target: dict[str, list[tuple[str, Any]]]) -> str | None:
        """The row's Salesforce id in its 18-character form; a cell that is not one is reported."""
        for header, value in by_target.get("salesforce_id", []):
            found = case_safe_id(_text(value))
            if found is None:
                self.problem(
                    number,
                    header,
                    value,
                    "not a Salesforce id (15 or 18 letters and digits); the row is keyed by the name"
                    " / 不是 Salesforce id（应为 15 或 18 位字母和数字），按姓名识别此人",
                    "invalid_value",
                    "warning",
                )
            return found
        return None

    def free_id(self, written: str, crm_id: str) -> str:
        """An id for a contact keyed by its Salesforce id: from the name, ``_2``… when another has it."""
        base = derive_id(written) or crm_id.casefold()
        taken = {d.data["id"] for d in self.people.values() if "id" in d.data}
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}_{n}", n + 1
        return ident

    def name_of(self, number: int, by_target: dict[str, list[tuple[str, Any]]]) -> str | None:
        names = [_text(v) for _, v in by_target.get("name", [])]
        if names:
            return names[0]
        first = " ".join(_text(v) for _, v in by_target.get("first_name", []))
        last = " ".join(_text(v) for _, v in by_target.get("last_name", []))
        if not first and not last:
            return None
        if _cjk(first + last):
            return (last + first).strip()
        return f"{first} {last}".strip()

    def cell(self, draft: Draft, number: int, header: str, target: str, value: Any) -> None:
        if target in _GROUP_TARGETS:
            text = _text(value)
            found = self.group_values.get(target)
            if found is None:
                self.group_values[target] = (text, number, header)
            elif found[0] != text:
                self.problem(
                    number,
                    header,
                    text,
                    f"another {target} than in row {found[1]} ({found[0]!r}); a map is for one {target}:"
                    " the first is kept",
                    "conflict",
                    "warning",
                )
            return
        try:
            if target in _TEXT_TARGETS or target in _PRIVATE_TEXT or target.endswith(".evidence"):
                self.assign(draft, number, header, target, _text(value))
            elif target == "roles":
                self.roles(draft, number, header, value)
            elif target in _VOCAB_TARGETS:
                self.vocabulary(draft, number, header, target, value)
            elif target.endswith(".confidence"):
                self.assign(draft, number, header, target, self.word(target, value, Confidence))
            elif target in _BOOL_TARGETS:
                self.assign(draft, number, header, target, _bool(value))
            elif target in _DATE_TARGETS:
                self.assign(draft, number, header, target, _date(value, self.mapping.dates))
            elif target == "unit":
                if not _none(value):
                    self.assign(draft, number, header, target, self.named(self.units, _text(value)))
            elif target == "favours":
                if not _none(value):
                    self.assign(draft, number, header, target, self.named(self.competitors, _text(value)))
            elif target in ("reports_to", "dotted_line_to"):
                parts = [value] if target == "reports_to" else _items(value, target)
                refs = draft.refs.setdefault(target, [])
                for part in parts:  # the same manager on the person's next row is not read twice
                    if not _none(part) and (_text(part), header) not in {(r[0], r[2]) for r in refs}:
                        refs.append((_text(part), number, header))
            elif target in ("concerns", "private.hobbies"):
                self.add(draft, number, target, header, [str(item) for item in _items(value, target)])
            else:  # pragma: no cover - every target is handled above
                raise ValueError(f"cannot read target {target!r}")
        except RefusedTerm as err:
            self.problem(number, header, value, f"{err}; kept in notes", "refused_term", "warning")
            self.keep(draft, header, value)
        except ValueError as err:
            self.problem(number, header, value, f"{err}; kept in notes", "invalid_value")
            self.keep(draft, header, value)

    def word(self, target: str, value: Any, vocabulary: type[Vocabulary]) -> Vocabulary:
        text = _text(value)
        mapped = self._mapped(target, text)
        return vocabulary.parse(mapped if mapped is not None else text)

    def _mapped(self, target: str, text: str) -> str | None:
        words = self.mapping.values.get(target, {})
        for written, ours in words.items():
            if _header_key(written) == _header_key(text):
                if ours is None:
                    raise RefusedTerm(f"{text!r} has no equivalent in the mapping {self.mapping.name!r}")
                return ours
        return None

    def vocabulary(self, draft: Draft, number: int, header: str, target: str, value: Any) -> None:
        text = _text(value)
        mapped = self._mapped(target, text)
        if target in CROSSWALK_FIELDS:
            field_, member = interpret(target, mapped if mapped is not None else text)
        else:
            field_, member = target, _VOCAB_TARGETS[target].parse(mapped if mapped is not None else text)
        if field_ != target:
            self.problem(
                number, header, text, f"read as {field_}: {member.value} (the crosswalk's meaning)", "moved", "warning"
            )
        self.assign(draft, number, header, field_, member)

    def roles(self, draft: Draft, number: int, header: str, value: Any) -> None:
        roles = []
        for item in _items(value, "roles"):
            if _none(item):
                continue
            part = str(item)
            try:
                mapped = self._mapped("roles", part)
                field_, member = interpret("roles", mapped if mapped is not None else part)
            except RefusedTerm as err:
                self.problem(number, header, part, f"{err}; kept in notes", "refused_term", "warning")
                self.keep(draft, header, part)
                continue
            except ValueError as err:
                if self.mapping.crm_export:  # the CRM's own picklist value: not a typo
                    self.problem(
                        number,
                        header,
                        part,
                        f"{part!r} is not one of our roles (a value of the CRM's role list); kept in notes"
                        f" / 「{part}」不是本工具的决策角色（CRM 自己的角色值），已记在备注里",
                        "unmapped_role",
                        "warning",
                    )
                else:
                    self.problem(number, header, part, f"{err}; kept in notes", "invalid_value")
                self.keep(draft, header, part)
                continue
            if field_ == "roles":
                roles.append(member)
            else:
                self.problem(
                    number,
                    header,
                    part,
                    f"{part!r} is not a decision role: read as {field_}: {member.value}",
                    "moved",
                    "warning",
                )
                self.assign(draft, number, header, field_, member)
        self.add(draft, number, "roles", header, roles)


def read_contacts(
    source: str | os.PathLike[str] | IO[str] | IO[bytes],
    mapping: str | os.PathLike[str] | Mapping[str, Any] | ColumnMapping = "auto",
    *,
    customer: str | None = None,
    opportunity: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
) -> tuple[BuyingGroup, ImportReport]:
    """Read a contact list (``.csv`` or ``.xlsx``, a path or an open file) into a map.

    ``mapping`` is ``"auto"`` (pick the preset that knows most headers), a
    preset name (``"stakeholders"``, ``"zh"``, ``"salesforce"``), a
    :class:`ColumnMapping`, a mapping in the same shape, or the path of a YAML or
    JSON mapping file. ``customer`` and ``opportunity`` name the map when the
    list has no such column. ``sheet`` picks a worksheet of an .xlsx file.
    ``header_row`` is the row of the headers, counted as a spreadsheet does (1
    is the first row); by default it is the first row that holds most of the
    mapping's headers (of any ready mapping for ``"auto"``), so title rows
    above the header are skipped, and reported.

    Every person gets an id derived from the name (or from an id column); rows
    of the same person are merged. A column of Salesforce ids (the
    ``salesforce`` preset's ``Id`` / Contact ID) is the key of the rows and of
    the manager columns, in its 15- or 18-character form; the id is kept in
    the person's notes. Departments become units, favoured
    competitors become competitors, and managers are resolved by id or name.
    CSV files may be UTF-8 (with or without BOM), UTF-16 or GB18030 (GBK), and
    separated by commas, tabs or semicolons.

    Returns ``(group, report)``; raises :class:`~stakeholders.MapError` (a
    :class:`ValueError`) when the file cannot be read as a list at all (not
    text or not a workbook, no header, no name column) and :class:`MappingError`
    for a bad mapping.
    """
    name = str(source) if isinstance(source, (str, os.PathLike)) else str(getattr(source, "name", "<stream>"))
    check_header_row(header_row)
    try:
        auto = isinstance(mapping, str) and mapping == "auto"
        given = None if auto else load_mapping(mapping)
        known = [h for m in (PRESETS.values() if given is None else [given]) for h in m.columns]
        sheet_, name = _read_sheet(source, sheet, header_row=header_row, known=known)
        chosen = auto_mapping(sheet_.headers) if given is None else given
        reader = _Reader(chosen, sheet_, name)
        reader.read()
        reader.resolve()
        doc = reader.document(customer, opportunity)
    except MapError as err:  # a sheet past the size limits
        raise MapError(err.problems, name, subject="the contact list") from None
    except StakeholdersError:  # MappingError (a bad mapping), openpyxl missing
        raise
    except ValueError as err:  # the file cannot be read as a list at all (UnicodeDecodeError included)
        raise MapError([Problem("", str(err), code="unreadable")], name, subject="the contact list") from None
    group = reader.validate(doc)
    report = ImportReport(
        source=name,
        mapping=chosen.name,
        rows=len(sheet_.rows),
        people=len(group.people),
        columns=reader.columns,
        ignored=reader.ignored,
        problems=sorted(reader.problems, key=lambda p: (p.row or 0, p.severity != "error")),
    )
    return group, report

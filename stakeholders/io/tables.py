"""The map and its analysis as pandas DataFrames, and a map built back from tables.

pandas is optional (``pip install 'stakeholders[tables]'``) and imported only
inside these functions.

- :func:`to_frame` gives one table: a section of the map (``people``,
  ``lines``, ``units``, …, plus ``edges``: every line including reporting
  lines) or, for an :class:`~stakeholders.Analysis`, a part of the analysis
  (``influence``, ``flags``, ``milestones``, …).
- :func:`to_frames` gives every section of the map; :func:`from_frames`
  inverts it: ``from_frames(to_frames(group)) == group``.
- :func:`write_xlsx` / :func:`read_xlsx` keep a whole map in an Excel
  workbook, one sheet per section, losslessly. :func:`write_csv` writes the
  people table alone (a CSV holds one table; :func:`csv_left_out` says what it leaves out).

In the tables vocabulary values are their ids, nested fields are flattened
into dotted columns (``private.phone``, ``judgements.stance.confidence``), and
lists stay lists (in CSV and Excel cells they are written ``a; b``, or as a
JSON array when an item holds a ``;``).
"""

from __future__ import annotations

import io
import json
import math
import os
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, overload

from pydantic import BaseModel

from ..errors import MapError, Problem
from ..model import (
    BuyingGroup,
    ChecklistItem,
    Competitor,
    Contact,
    Faction,
    Line,
    Person,
    Relationship,
    TeamMember,
    Unit,
)
from ..redaction import holds_private, redacted
from .analysis_tables import ANALYSIS_TABLES as ANALYSIS_TABLES, analysis_frame as _analysis_frame
from .cells import ExactText, exact_cell, formula_safe, join_list, split_list
from .rows import columns_of as _columns, frame_of as _frame, pandas_module as _pandas, plain as _plain, row_of as _row

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis import Analysis

__all__ = [
    "ANALYSIS_TABLES",
    "ID_TABLES",
    "MAP_TABLES",
    "csv_left_out",
    "from_frames",
    "read_xlsx",
    "to_frame",
    "to_frames",
    "write_csv",
    "write_xlsx",
]

#: The tables of a map, in the order :func:`to_frames` and :func:`write_xlsx` give them.
MAP_TABLES = ("group", "people", "units", "competitors", "team", "relationships", "lines", "factions", "contacts")

_SECTION_MODELS: dict[str, type[BaseModel]] = {
    "people": Person,
    "units": Unit,
    "competitors": Competitor,
    "team": TeamMember,
    "relationships": Relationship,
    "lines": Line,
    "factions": Faction,
    "contacts": Contact,
}
_GROUP_FIELDS = ("schema_version", "customer", "opportunity", "milestone", "ownership", "as_of", "description")


def _group_row(group: BuyingGroup) -> tuple[dict[str, Any], list[str]]:
    row = {name: _plain(getattr(group, name)) for name in _GROUP_FIELDS}
    columns: list[str] = list(_GROUP_FIELDS)
    for item in ChecklistItem:
        columns.append(f"checklist.{item.value}")
        if item in group.checklist:
            row[f"checklist.{item.value}"] = group.checklist[item]
    return row, columns


#: The tables whose rows have an ``id``: :func:`to_frame` gives it as the index, named ``id``.
ID_TABLES = ("people", "units", "competitors", "team", "factions")


def _map_frame(group: BuyingGroup, what: str, *, typed: bool = True) -> pd.DataFrame:
    """One table of the map; ``typed``: vocabulary columns as categoricals and the id as the index.

    Untyped, as the files are written: every value as its id (``unknown`` too) and ``id`` a column.
    """
    model: type[BaseModel] | None
    if what == "group":
        row, columns = _group_row(group)
        rows, model = [row], BuyingGroup
    elif what == "edges":
        rows = [{"from": s, "to": t, "kind": kind.value, **attrs} for s, t, kind, attrs in group.iter_lines()]
        columns = ["from", "to", "kind", *(c for c in _columns(Line) if c not in ("kind", "from", "to"))]
        model = Line
    else:
        model = _SECTION_MODELS[what]
        rows, columns = [_row(item) for item in getattr(group, what)], _columns(model)
    frame = _frame(rows, columns, model if typed else None)
    return frame.set_index("id") if typed and what in ID_TABLES else frame


def to_frame(obj: BuyingGroup | Analysis, what: str | None = None, *, redact: bool = False) -> pd.DataFrame:
    """One table of a map or of an analysis as a :class:`pandas.DataFrame`.

    For a map, ``what`` is one of :data:`MAP_TABLES` (default ``"people"``) or
    ``"edges"`` (every line, reporting lines included, as ``from``/``to``/``kind``).
    For an analysis, one of :data:`ANALYSIS_TABLES` (default ``"influence"``).
    ``redact=True`` leaves out coach/informant markings and private profiles.

    The tables of :data:`ID_TABLES` (people, units, competitors, team, factions) are indexed by
    the ``id`` (``frame.loc["wang"]``); the others (group, lines, relationships, contacts, edges)
    by their position in the map, from 0. Vocabulary columns (stance, disc, stage, kind, …) are
    categoricals whose categories are the vocabulary's ids; stance, relationship stage, the levels
    and the milestone are ordered from the lowest up (``frame.stance >= "supporter"``), and a stance
    of ``unknown``, outside that order, is a missing value (``frame.stance.isna()``).

    >>> import stakeholders
    >>> g = stakeholders.loads("customer: X\\npeople: [{name: A, stance: 支持者}, {name: B, reports_to: a}]")
    >>> people = to_frame(g)
    >>> people[["name", "reports_to", "stance"]]  # doctest: +NORMALIZE_WHITESPACE
       name reports_to     stance
    id
    a     A       None  supporter
    b     B          a        NaN
    >>> people["stance"].cat.categories.tolist()
    ['enemy', 'opponent', 'neutral', 'supporter', 'mentor']
    >>> "no_coach" in to_frame(stakeholders.analyze(g), "flags")["code"].tolist()
    True
    """
    from ..analysis import Analysis

    if isinstance(obj, Analysis):
        return _analysis_frame(obj, what or "influence")
    if not isinstance(obj, BuyingGroup):
        raise TypeError(f"to_frame takes a BuyingGroup or an Analysis, not {type(obj).__name__}")
    what = what or "people"
    if what not in (*MAP_TABLES, "edges"):
        raise ValueError(f"unknown table {what!r} (expected one of: {', '.join((*MAP_TABLES, 'edges'))})")
    return _map_frame(redacted(obj) if redact else obj, what)


def to_frames(group: BuyingGroup, *, redact: bool = False) -> dict[str, pd.DataFrame]:
    """Every table of the map, by name (:data:`MAP_TABLES`), as :func:`to_frame` gives them.

    :func:`from_frames` rebuilds the map.
    """
    source = redacted(group) if redact else group
    return {what: _map_frame(source, what) for what in MAP_TABLES}


# ---------------------------------------------------------------------------
# Tables back into a map
# ---------------------------------------------------------------------------

_LIST_COLUMNS = {
    "people": {"dotted_line_to", "roles", "concerns", "private.hobbies"},
    "factions": {"members"},
    "contacts": {"people", "team"},
}


def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA and NaT: an empty cell."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _python(value: Any) -> Any:
    """numpy and pandas scalars to Python ones; timestamps to dates."""
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if hasattr(value, "item") and not isinstance(value, (str, bytes, list, dict)):
        try:
            return value.item()
        except (TypeError, ValueError):
            return value
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        array: Any = value  # a numpy array
        return array.tolist()
    return value


def decode_list(text: str) -> list[str]:
    """A list cell as :func:`encode_list` writes it: ``a; b`` or a JSON array (see :mod:`~stakeholders.io.cells`)."""
    return split_list(text)


def encode_list(items: list[Any]) -> str:
    """A list as one cell: ``a; b``, or a JSON array when that would not read back the same."""
    return join_list([str(_plain(x)) for x in items])


def _column_name(column: Any) -> str:
    """A header as text: a date as ISO text, anything else as ``str`` (a number, ``None``)."""
    value = _python(column)
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def _column_problems(frame: Any, section: str) -> list[Problem]:
    """Headers a table cannot be read with: one written twice, or a dotted one inside another column's value."""
    names = [_column_name(c) for c in frame.columns]
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(
                Problem(
                    section,
                    f"the column {name!r} appears twice / 列 {name!r} 重复",
                    value=name,
                    code="duplicate_column",
                )
            )
        seen.add(name)
    for name in sorted(seen):
        parts = name.split(".")
        for end in range(1, len(parts)):
            prefix = ".".join(parts[:end])
            if prefix in seen:
                message = (
                    f"the column {name!r} would be a field inside the column {prefix!r}, which holds a value"
                    f" / 列 {name!r} 与列 {prefix!r} 冲突"
                )
                problems.append(Problem(section, message, value=name, code="column_conflict"))
                break
    return problems


def _records(frame: Any, section: str) -> list[dict[str, Any]]:
    lists = _LIST_COLUMNS.get(section, set())
    names = [_column_name(c) for c in frame.columns]
    records: list[dict[str, Any]] = []
    for raw in frame.itertuples(index=False, name=None):
        record: dict[str, Any] = {}
        for column, value in zip(names, raw, strict=True):
            if isinstance(value, (list, tuple)):
                value = [_python(v) for v in value]
            elif _missing(value):
                continue
            else:
                value = _python(value)
            if column in lists and isinstance(value, str):
                value = split_list(value, column)  # a; b — a, b — a、b — ["a", "b"] — ['a', 'b']
            _put(record, column.split("."), value)
        records.append(record)
    return records


def _with_columns(frame: Any) -> Any:
    """A table with its named index (``id``, as :func:`to_frame` gives it, or any other) as columns."""
    names = [n for n in getattr(frame.index, "names", [None]) if n is not None]
    return frame.reset_index(allow_duplicates=True) if names else frame


def _named_entries(records: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    """Units (or competitors) made from the names the people use in ``field``, which then holds their ids.

    An id is derived from each name (a number is added when two names give the same id).
    """
    from ..field_types import MAX_ID_LENGTH
    from ..ids import derive_id

    ids: dict[str, str] = {}
    for record in records:
        if field not in record:
            continue
        name = _column_name(record[field])
        if name not in ids:
            base = (derive_id(name) or "x")[:MAX_ID_LENGTH]
            ident, n = base, 2
            while ident in ids.values():
                ident = f"{base[: MAX_ID_LENGTH - len(str(n)) - 1]}_{n}"
                n += 1
            ids[name] = ident
        record[field] = ids[name]
    return [{"id": ident, "name": name} for name, ident in ids.items()]


def _put(record: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        record = record.setdefault(part, {})
    record[path[-1]] = value


def from_frames(
    frames: Mapping[str, pd.DataFrame] | pd.DataFrame, *, customer: str | None = None, source: str | None = None
) -> BuyingGroup:
    """Build a map from tables shaped like :func:`to_frames` output.

    ``frames`` maps table names (:data:`MAP_TABLES`) to DataFrames; missing
    tables are empty. A single DataFrame is read as the ``people`` table, and
    ``customer`` then names the map. A named index (``id``, as :func:`to_frame`
    gives it) is read as a column; categorical columns as their values. Missing
    cells (``None``, ``NaN``) are left out. A list cell (``roles``,
    ``dotted_line_to``, ``concerns``, ``members``, …) may be a list, or text as
    people type it or CSV gives it back: ``user; technical_evaluator``,
    ``user, technical_evaluator``, ``user、technical_evaluator``, a JSON array or
    a Python list (``['decider']``); the items of ``concerns`` and hobbies are
    texts, split at ``;`` ``；`` ``、`` and line breaks, not at commas.

    Without a ``units`` table, the departments the people table names in
    ``unit`` become units (the id derived from the name, the name kept), and
    without a ``competitors`` table, the names in ``favours`` become
    competitors, as :func:`~stakeholders.read_contacts` does.

    Problems raise :class:`~stakeholders.MapError` with locations such as
    ``people[3].stance``: row 3 (counting from 0) of the people table.
    """
    if not isinstance(frames, Mapping):
        frames = {"people": frames}
    frames = {name: _with_columns(frame) for name, frame in frames.items()}
    unknown = [name for name in frames if name not in MAP_TABLES]
    if unknown:
        expected = ", ".join(MAP_TABLES)
        problems = [
            Problem(str(n), f"unknown table {n!r} (expected: {expected})", code="unknown_table") for n in unknown
        ]
        raise MapError(problems, source or "tables")
    problems = [problem for name, frame in frames.items() for problem in _column_problems(frame, name)]
    if problems:
        raise MapError(problems, source or "tables")
    doc: dict[str, Any] = {}
    if "group" in frames:
        rows = _records(frames["group"], "group")
        if len(rows) != 1:
            raise MapError([Problem("group", f"the group table must have one row, it has {len(rows)}")], source)
        doc.update(rows[0])
        if "checklist" in doc:
            doc["checklist"] = {k: v for k, v in doc["checklist"].items() if v is not None}
    if customer is not None:
        doc["customer"] = customer
    for section in _SECTION_MODELS:
        if section in frames:
            records = _records(frames[section], section)
            if section == "people":
                for record in records:
                    judgements = record.get("judgements")
                    if isinstance(judgements, dict):
                        record["judgements"] = {k: v for k, v in judgements.items() if v}
                for field, table in (("unit", "units"), ("favours", "competitors")):
                    if table not in frames:
                        doc[table] = _named_entries(records, field)
            doc[section] = records
    try:
        return BuyingGroup.model_validate(doc)
    except MapError as err:
        raise MapError(err.problems, source or "tables") from None


# ---------------------------------------------------------------------------
# Files: XLSX (the whole map) and CSV (the people table)
# ---------------------------------------------------------------------------


def _sheet_text(value: Any, column: str | None = None) -> Any:
    """A cell value as a workbook holds it exactly, and as a contact list reads it back.

    A text that reading would change (an empty or whitespace-only text, surrounding spaces,
    control characters, a carriage return: see :func:`~stakeholders.io.cells.exact_cell`) is
    written as ``=json:"..."``, the same marker as in GraphML and GEXF; both readers decode it.
    """
    if isinstance(value, float) and math.isfinite(value) and float(f"{value:.16g}") != value:
        return repr(value)  # openpyxl writes 16 digits; a strength needing 17 goes as its text, read back exactly
    return exact_cell(value, column, xml=True) if isinstance(value, str) else value


def _unsheet_text(value: Any) -> Any:
    """A cell as read (marked texts already decoded): an empty cell is missing; texts such as "nan" stay texts."""
    if isinstance(value, ExactText):
        return str(value)
    if value == "":
        return None
    return value


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame whose cells a spreadsheet can hold: lists as text (as a contact list splits them), dicts as JSON.

    The ``id`` index of :func:`to_frame` is a column again.
    """
    out = _with_columns(frame).copy()
    for column in out.columns:
        out[column] = [
            join_list([str(_plain(x)) for x in v], str(column))
            if isinstance(v, list)
            else json.dumps(v, ensure_ascii=False)
            if isinstance(v, dict)
            else v
            for v in out[column]
        ]
    return out


def _sheet_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`_cells` with every text as a workbook holds it exactly (:func:`_sheet_text`)."""
    out = _cells(frame)
    for column in out.columns:
        out[column] = [_sheet_text(v, str(column)) for v in out[column]]
    return out


@overload
def write_xlsx(group: BuyingGroup, path: str | os.PathLike[str], *, redact: bool = False) -> Path: ...
@overload
def write_xlsx(group: BuyingGroup, path: IO[bytes], *, redact: bool = False) -> None: ...
def write_xlsx(group: BuyingGroup, path: str | os.PathLike[str] | IO[bytes], *, redact: bool = False) -> Path | None:
    """Write the whole map to an Excel workbook: one sheet per table of :data:`MAP_TABLES`.

    :func:`read_xlsx` reads it back unchanged. Needs pandas and openpyxl.
    Returns the path written, or ``None`` for a stream.
    """
    pd = _pandas()
    from ..atomic import write_output

    source = redacted(group) if redact else group
    frames = {what: _map_frame(source, what, typed=False) for what in MAP_TABLES}
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            _sheet_cells(frame).to_excel(writer, sheet_name=name, index=False)
        for sheet in writer.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # text such as "=1+1" or "=cmd|..." stays text, never a formula
                        cell.data_type = "s"
    write_output(path, buffer.getvalue(), private=not redact and holds_private(group))  # 0o600 when private
    return Path(path) if isinstance(path, (str, os.PathLike)) else None


def _known_columns(table: str) -> list[str]:
    """The columns :func:`write_xlsx` writes in a table's sheet (to find its header row below titles)."""
    if table == "group":
        return [*_GROUP_FIELDS, *(f"checklist.{item.value}" for item in ChecklistItem)]
    return _columns(_SECTION_MODELS[table])


def read_xlsx(path: str | os.PathLike[str] | IO[bytes], *, header_row: int | None = None) -> BuyingGroup:
    """Read a map written by :func:`write_xlsx` (a workbook with a ``people`` sheet and a ``group`` sheet).

    A sheet whose header is below title rows is read from its header: the first row naming most of
    the table's columns, or row ``header_row`` of every sheet (1 is the first row, as in Excel).
    The rows above it, merged cells and formulas without a saved value are reported as
    :class:`~stakeholders.io.sheets.SheetNote` warnings.
    """
    import warnings

    from .limits import check_workbook
    from .sheets import CellNote, SheetNote, check_header_row, header_index, rows_above, workbook_sheets

    _pandas()
    check_header_row(header_row)
    source = str(path) if isinstance(path, (str, os.PathLike)) else None
    check_workbook(path, source)
    notes: list[CellNote] = []
    try:
        sheets = workbook_sheets(path, name=source, notes=notes)
    except (MapError, FileNotFoundError):  # a missing file is Python's own error, as for every reader
        raise
    except OSError as err:
        raise MapError([Problem("", f"cannot read the file: {err.strerror or err}", code="io")], source) from None
    except ValueError as err:  # not a readable workbook, or a damaged sheet
        raise MapError([Problem("", str(err), code="syntax")], source) from None
    missing = [name for name in ("group", "people") if name not in sheets]
    if missing:
        raise MapError(
            [
                Problem(
                    "",
                    f"this workbook has no {' and no '.join(repr(m) for m in missing)} sheet, so it is not a map"
                    " written by stakeholders; read a contact list with read_contacts() instead",
                    code="document_type",
                )
            ],
            source,
        )
    headers: dict[str, int] = {}
    for name, rows in sheets.items():
        if name in MAP_TABLES and any(rows):
            try:
                headers[name] = header_index(rows, _known_columns(name), header_row)
            except ValueError as err:
                raise MapError([Problem(f"sheet {name!r}", str(err), code="no_header")], source) from None
    for name, index in headers.items():
        titles = rows_above(sheets[name], index)
        if titles is not None:
            text = f"sheet {name!r}: {titles.en} / 工作表 {name!r}：{titles.zh}"
            warnings.warn(text, SheetNote, stacklevel=2)
    for note in notes:  # merged cells, formulas without a saved value: read as empty, and said so
        if note.row > headers.get(note.sheet, 0):  # a title above the header is said once, above
            warnings.warn(note.text(), SheetNote, stacklevel=2)
    known = {
        name: _sheet_frame(rows[headers.get(name, 0) :], name, source).map(_unsheet_text)
        for name, rows in sheets.items()
        if name in MAP_TABLES
    }
    return from_frames(known, source=source)


def _sheet_frame(rows: list[list[Any]], sheet: str, source: str | None) -> pd.DataFrame:
    """A worksheet's rows as a table: the first row is the header, blank rows are skipped.

    A header written twice, or a column with values but no header, is a :class:`~stakeholders.MapError`.
    """
    from openpyxl.utils import get_column_letter

    pd = _pandas()
    rows = [row for row in rows if any(v is not None and (v != "" or isinstance(v, ExactText)) for v in row)]
    if not rows:
        return pd.DataFrame()
    width = max(len(row) for row in rows)
    header = [*rows[0], *[None] * (width - len(rows[0]))]
    while header and header[-1] is None and all(len(r) < len(header) or r[len(header) - 1] is None for r in rows):
        header.pop()
    columns: list[str] = []
    keep: list[int] = []
    problems: list[Problem] = []
    for index, name in enumerate(header):
        letter = get_column_letter(index + 1)
        where = f"sheet {sheet!r}, column {letter}"
        if name is None or name == "":
            if any(len(row) > index and row[index] is not None for row in rows[1:]):
                problems.append(
                    Problem(where, "the column has values but no header / 此列有值但没有表头", code="no_header")
                )
            continue
        column = _python(name).isoformat() if isinstance(name, (date, datetime)) else str(name)
        if column in columns:
            first = get_column_letter(columns.index(column) + 1)
            message = f"the header {column!r} is written twice (columns {first} and {letter}) / 表头 {column!r} 重复"
            problems.append(Problem(where, message, value=column, code="duplicate_column"))
        columns.append(column)
        keep.append(index)
    if problems:
        raise MapError(problems, source)
    body = [[_xlsx_value(row[i] if i < len(row) else None) for i in keep] for row in rows[1:]]
    return pd.DataFrame(body, columns=columns, dtype=object)


def _xlsx_value(value: Any) -> Any:
    """A cell as pandas reads it: empty as ``""``, a whole float as an int."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


@overload
def write_csv(group: BuyingGroup, path: str | os.PathLike[str], *, redact: bool = False) -> Path: ...
@overload
def write_csv(group: BuyingGroup, path: IO[str], *, redact: bool = False) -> None: ...
def write_csv(group: BuyingGroup, path: str | os.PathLike[str] | IO[str], *, redact: bool = False) -> Path | None:
    """Write the people table as CSV (UTF-8 with BOM, so Excel shows Chinese); returns the path (``None`` for a stream).

    A CSV holds one table: units are written by name in the ``unit`` column and
    favoured competitors by name in ``favours``, so :func:`~stakeholders.read_contacts`
    reads the file back into people, units and competitors; lines, our team,
    relationships, factions, contacts and the checklist are not in it
    (:func:`csv_left_out` names what a map loses).
    """
    import csv

    from ..atomic import write_output

    source = redacted(group) if redact else group
    units = {u.id: u.name for u in source.units}
    competitors = {c.id: c.name for c in source.competitors}
    columns = _columns(Person)
    if redact:
        columns = [c for c in columns if not c.startswith("private.") and c != "insider"]
    columns = ["customer", "opportunity", *columns]
    buffer = io.StringIO()
    # CRLF, as RFC 4180 and Excel write CSV: the csv module quotes a field holding any character of the line
    # terminator, so a text holding a carriage return or a line feed is always quoted, never a break of the record.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for person in source.people:
        row = _row(person)
        row["customer"] = source.customer
        row["opportunity"] = source.opportunity
        if person.unit is not None:
            row["unit"] = units.get(person.unit, person.unit)
        if person.favours is not None:
            row["favours"] = competitors.get(person.favours, person.favours)
        writer.writerow([_csv_cell(row.get(c), c) for c in columns])
    # A BOM, so that Excel reads the file as UTF-8; created 0o600 when it holds private data.
    write_output(path, buffer.getvalue(), bom=True, private=not redact and holds_private(group))
    return Path(path) if isinstance(path, (str, os.PathLike)) else None


def csv_left_out(group: BuyingGroup, *, redact: bool = False) -> list[str]:
    """The sections of ``group`` that :func:`write_csv` leaves out (a CSV holds the people table only)."""
    source = redacted(group) if redact else group
    left_out = [s for s in ("lines", "team", "relationships", "factions", "contacts") if getattr(source, s)]
    if source.checklist:
        left_out.append("checklist")
    for name in ("milestone", "ownership", "as_of", "description"):
        if getattr(source, name) is not None:
            left_out.append(name)
    return left_out


def _csv_cell(value: Any, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # as read_contacts splits this column back
        return formula_safe(join_list([str(_plain(x)) for x in value], column)) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return formula_safe(exact_cell(str(value), column))

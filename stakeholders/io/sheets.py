"""Reading spreadsheets: CSV text and Excel workbooks, as rows of cells.

:func:`workbook_rows` is the one XLSX reader of the package: the contact reader,
:func:`~stakeholders.read_xlsx` and the format registry (is this workbook a map?) all
read workbooks through it. It reads with openpyxl (read-only, values not formulas);
zip bombs are refused first, then sheets past :data:`~stakeholders.io.limits.MAX_ROWS`
rows or :data:`~stakeholders.io.limits.MAX_COLUMNS` columns, by their declared size before
reading and by the cells that hold values while reading (a declared size may lie). Merged
cells and formulas without a saved value read as empty and are reported (:class:`CellNote`).
:func:`read_sheet` gives a contact list, CSV or Excel, as a :class:`Sheet`.

:func:`header_index` finds the header row of a sheet with title rows above it (merged or not):
the first row whose cells match known column names best, or the row given as ``header_row``
(1-based, as a spreadsheet counts).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import MapError, Problem, StakeholdersError
from ..text import Text
from .cells import decode_cell, is_blank, unquoted_formula
from .report import ImportProblem

__all__ = [
    "CellNote",
    "Sheet",
    "SheetNote",
    "check_header_row",
    "csv_rows",
    "decode_text",
    "header_index",
    "read_sheet",
    "rows_above",
    "sheet_names",
    "workbook_rows",
    "workbook_sheets",
]

Workbook = str | os.PathLike[str] | IO[bytes]


@dataclass
class Sheet:
    """The header and the non-blank rows of a contact list, with notes on how it was read."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    """(row number in the file, cells)"""
    notes: list[ImportProblem] = field(default_factory=list)


def decode_text(raw: bytes, notes: list[ImportProblem]) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as err:
                raise ValueError(
                    f"the file starts with a {codec.upper()} byte order mark but is not {codec.upper()} text"
                    f" (bad byte at offset {err.start})"
                ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as err:
        raise ValueError(f"the file is neither UTF-8 nor GB18030 text (bad byte at offset {err.start})") from None
    notes.append(
        ImportProblem(
            row=None,
            column=None,
            value=None,
            message="the file is not UTF-8; read it as GB18030 (GBK), as Excel on Chinese Windows saves CSV",
            severity="warning",
            code="encoding",
        )
    )
    return text


def csv_rows(text: str) -> list[list[str]]:
    """The rows of CSV text; the separator (comma, tab, semicolon, bar) is told from the header line."""
    header = text.lstrip("\r\n").split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",\t;|").delimiter
    except csv.Error:
        delimiter = ","
    from .limits import MAX_BYTES

    # A field may be as long as a whole file the readers accept (the csv module's default is 131,072 characters).
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [[decode_cell(unquoted_formula(cell)) for cell in row] for row in reader]
    except csv.Error as err:
        raise ValueError(f"line {reader.line_num}: not readable as CSV ({err})") from None


@contextmanager
def _workbook(source: Workbook) -> Iterator[Any]:
    """An openpyxl workbook, read-only, with cached values instead of formulas; closed after."""
    try:
        import openpyxl
    except ImportError:
        raise StakeholdersError("reading .xlsx files needs openpyxl: pip install 'stakeholders[tables]'") from None
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as err:  # zipfile, XML and openpyxl errors: not a readable workbook
        raise ValueError(f"not a readable Excel workbook ({type(err).__name__}: {err})") from None
    try:
        yield workbook
    finally:
        workbook.close()


class SheetNote(UserWarning):
    """A cell of a map workbook read as empty by :func:`~stakeholders.read_xlsx`: merged, or a formula without a value.

    A contact list reports the same in its :class:`~stakeholders.io.report.ImportReport`.
    """


@dataclass(frozen=True)
class CellNote:
    """A cell of a workbook read differently from what a spreadsheet shows: where, and what happened."""

    sheet: str
    row: int
    column: int
    """1-based, as a spreadsheet counts (A is 1)."""
    message: Text

    @property
    def cell(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.column)}{self.row}"

    def text(self) -> str:
        """``sheet 'people', cell C7: ...`` in English, then in Chinese."""
        en = f"sheet {self.sheet!r}, cell {self.cell}: {self.message.en}"
        return f"{en} / 工作表 {self.sheet!r} 单元格 {self.cell}：{self.message.zh}"


_UNSAVED = Text(
    "a formula without a saved value, read as empty; open and save the file in Excel, or type the value",
    "公式没有保存的值，按空白读取；请用 Excel 打开并保存文件，或直接填写数值",
)


def _merged(cells: str) -> Text:
    return Text.compose(
        "merged with {cells}: the other cells of the range read as empty (the value is in this cell only)",
        "与 {cells} 合并：合并区域的其他单元格按空白读取（值只在此单元格中）",
        cells=cells,
    )


def _too_large(title: str, what: Text, limit: str, source: str | None) -> MapError:
    """Raise the limit on purpose to read such a sheet (``stakeholders.io.limits.MAX_ROWS = ...``)."""
    message = Text.compose(
        "this sheet {what} (stakeholders.io.limits.{limit}); is it really a contact list or a map?",
        "此工作表{what}（stakeholders.io.limits.{limit}）；确定是联系人列表或客户地图吗？",
        what=what,
        limit=limit,
    )
    location = f"sheet {title!r}"
    return MapError([Problem(location, f"{message.en} / {message.zh}", code="too_large")], source)


def _check_size(title: str, rows: int, columns: int, source: str | None, *, declared: bool) -> None:
    """Refuse a sheet past :data:`~stakeholders.io.limits.MAX_ROWS` or :data:`~stakeholders.io.limits.MAX_COLUMNS`.

    ``declared``: ``rows`` and ``columns`` are the sheet's declared size, else the place of a value.
    """
    from . import limits

    for count, limit, name, en, zh in (
        (rows, limits.MAX_ROWS, "MAX_ROWS", "row", "行"),
        (columns, limits.MAX_COLUMNS, "MAX_COLUMNS", "column", "列"),
    ):
        if count <= limit:
            continue
        if declared:
            what = Text.compose(
                "says it has {count:,} {en}s, more than the {limit:,} a sheet may have",
                "声明有 {count:,} {zh}，超过上限 {limit:,} {zh}",
                count=count,
                en=en,
                zh=zh,
                limit=limit,
            )
        else:
            what = Text.compose(
                "has a value in {en} {count:,}, past the {limit:,} {en}s a sheet may have",
                "在第 {count:,} {zh}有值，超过上限 {limit:,} {zh}",
                count=count,
                en=en,
                zh=zh,
                limit=limit,
            )
        raise _too_large(title, what, name, source)


def _parser(ws: Any) -> Any:
    """openpyxl's own sheet parser, the one its read-only sheets stream with, noting formulas without a value.

    Read directly rather than through ``ws.iter_rows`` so that the reading does not trust the
    sheet's ``<dimension>`` (which openpyxl pads every row to and stops at), sees each row's
    number without filling the rows in between, and learns the merged ranges.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        unsaved: list[tuple[int, int]]

        def parse_cell(self, element: Any) -> Any:
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                self.unsaved.append((cell["row"], cell["column"]))
            return cell

    book = ws.parent
    options: dict[str, Any] = {"data_only": True, "epoch": book.epoch, "date_formats": book._date_formats}
    if hasattr(book, "_timedelta_formats"):
        options["timedelta_formats"] = book._timedelta_formats
    parser = Parser(ws._get_source(), ws._shared_strings, **options)
    parser.unsaved = []
    return parser


def _rows(ws: Any, source: str | None, notes: list[CellNote]) -> list[list[Any]]:
    """The rows of a sheet up to its last value, refused past the limits of :mod:`~stakeholders.io.limits`.

    The declared size (``<dimension ref>``) is checked before reading, and the rows and
    columns that hold values again while reading, since the declaration may lie.
    """
    from openpyxl.worksheet.cell_range import CellRange

    from . import limits

    title = str(ws.title)
    _check_size(title, ws.max_row or 0, ws.max_column or 0, source, declared=True)
    rows: list[list[Any]] = []
    cells = 0
    try:
        parser = _parser(ws)
        for number, found in parser.parse():
            values = {cell["column"]: cell["value"] for cell in found if cell["value"] is not None}
            if not values:
                continue
            _check_size(title, number, max(values), source, declared=False)
            row: list[Any] = [None] * max(values)
            for column, value in values.items():
                row[column - 1] = decode_cell(value)
            rows.extend([] for _ in range(number - 1 - len(rows)))
            rows.append(row)
            cells += len(row)
            if cells > limits.MAX_CELLS:
                raise OverflowError(f"more than {limits.MAX_CELLS:,} cells (stakeholders.io.limits.MAX_CELLS)")
    except MapError:
        raise
    except Exception as err:  # a damaged sheet inside a readable workbook, or far too big a sheet
        raise ValueError(f"cannot read the sheet {title!r} ({type(err).__name__}: {err})") from None
    notes += [CellNote(title, r, c, _UNSAVED) for r, c in parser.unsaved]
    for merged in getattr(parser.merged_cells, "mergeCell", None) or ():
        try:
            cells_of = CellRange(merged.ref)
        except (TypeError, ValueError):
            continue
        if cells_of.size["rows"] * cells_of.size["columns"] > 1:
            notes.append(CellNote(title, cells_of.min_row, cells_of.min_col, _merged(str(merged.ref))))
    return rows


def workbook_rows(
    source: Workbook, sheet: str | None = None, *, name: str | None = None, notes: list[CellNote] | None = None
) -> list[list[Any]]:
    """The rows of one worksheet (the first when ``sheet`` is ``None``), as the cells' values.

    Cells written by :func:`~stakeholders.io.cells.exact_cell` are decoded; merged cells and
    formulas without a saved value are added to ``notes``. Raises :class:`ValueError` for a file
    that is not a readable workbook, a damaged sheet, or a missing ``sheet``; a
    :class:`~stakeholders.MapError` (``name`` is its source) for a sheet past the size limits;
    :class:`OSError` when the file cannot be read.
    """
    found: list[CellNote] = [] if notes is None else notes
    with _workbook(source) as workbook:
        if sheet is None:
            ws = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            ws = workbook[sheet]
        else:
            raise ValueError(f"no sheet {sheet!r} (the workbook has: {', '.join(workbook.sheetnames)})")
        return _rows(ws, name, found)


def workbook_sheets(
    source: Workbook, *, name: str | None = None, notes: list[CellNote] | None = None
) -> dict[str, list[list[Any]]]:
    """The rows of every worksheet, by name (errors and notes as for :func:`workbook_rows`)."""
    found: list[CellNote] = [] if notes is None else notes
    with _workbook(source) as workbook:
        return {ws.title: _rows(ws, name, found) for ws in workbook.worksheets}


def sheet_names(source: Workbook) -> list[str] | None:
    """The names of the worksheets; ``None`` when ``source`` is not a readable workbook (or openpyxl is missing)."""
    position = source.tell() if not isinstance(source, (str, os.PathLike)) else None
    try:
        with _workbook(source) as workbook:
            return list(workbook.sheetnames)
    except (StakeholdersError, ValueError, OSError):
        return None
    finally:
        if position is not None and not isinstance(source, (str, os.PathLike)):
            source.seek(position)


#: How many non-blank rows at the top of a sheet are looked at for the header (titles sit above it).
HEADER_SEARCH = 20


def check_header_row(header_row: int | None) -> None:
    """Refuse a ``header_row`` that is not a row number (1 is the first row, as a spreadsheet counts)."""
    if header_row is not None and (isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1):
        raise ValueError(
            f"header_row counts rows as a spreadsheet does, from 1: {header_row!r} is not a row number"
            f" / header_row 是表头所在的行号（从 1 开始，与 Excel 一致）：{header_row!r} 不是行号"
        )


def _blank_row(row: Sequence[Any]) -> bool:
    return all(is_blank(c) for c in row)


def header_index(rows: Sequence[Sequence[Any]], known: Iterable[str], header_row: int | None = None) -> int:
    """The index in ``rows`` (row 1 is index 0) of the header row.

    ``header_row`` (1-based) when given; else, among the first :data:`HEADER_SEARCH` rows that are not
    blank, the first whose cells name most of the ``known`` columns (compared as headers are: without
    case, spaces or punctuation); the first non-blank row when none names any. Raises :class:`ValueError`
    for a sheet without a row, and for a ``header_row`` that is blank or past the last row.
    """
    from .mappings import header_key

    check_header_row(header_row)
    if header_row is not None:
        if header_row > len(rows) or _blank_row(rows[header_row - 1]):
            raise ValueError(
                f"row {header_row} is empty, so it cannot be the header row (header_row / --header-row)"
                f" / 第 {header_row} 行是空行，不能作为表头行"
            )
        return header_row - 1
    filled = [index for index, row in enumerate(rows) if not _blank_row(row)][:HEADER_SEARCH]
    if not filled:
        raise ValueError("the file has no header row (it is empty) / 文件是空的，没有表头行")
    keys = {header_key(k) for k in known}

    def score(index: int) -> int:
        return len({header_key(c) for c in rows[index] if isinstance(c, str) and not is_blank(c)} & keys)

    best = max(filled, key=score)  # the first of the best
    return best if score(best) > 0 else filled[0]


def rows_above(rows: Sequence[Sequence[Any]], header: int) -> Text | None:
    """What to say of the rows above the header row (titles, not read); ``None`` when there are none."""
    above = [number for number, row in enumerate(rows[:header], start=1) if not _blank_row(row)]
    if not above:
        return None
    first, last = above[0], above[-1]
    rows_en = (
        f"row {first}, above the header (row {header + 1}), is a title"
        if first == last
        else (f"rows {first}–{last}, above the header (row {header + 1}), are titles")
    )
    rows_zh = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
    return Text.compose(
        "{rows_en}: not read; give header_row= (--header-row) if the header is another row",
        "表头在第 {row} 行，上方的{rows_zh}按标题处理，未读取；如表头在其他行，请用 header_row=（--header-row）指定",
        rows_en=rows_en,
        rows_zh=rows_zh,
        row=header + 1,
    )


def _sheet(
    rows: list[list[Any]],
    notes: list[ImportProblem],
    cells: Sequence[CellNote] = (),
    *,
    header_row: int | None = None,
    known: Iterable[str] = (),
) -> Sheet:
    index = header_index(rows, known, header_row)
    headers = ["" if is_blank(h) else str(h).strip() for h in rows[index]]
    while headers and headers[-1] == "":
        headers.pop()
    titles = rows_above(rows, index)
    if titles is not None:
        message = f"{titles.en} / {titles.zh}"
        notes.append(
            ImportProblem(row=None, column=None, value=None, message=message, severity="warning", code="title_rows")
        )
    for note in cells:  # merged cells and formulas without a value: warnings at their row and column
        if note.row <= index:  # a title above the header (often merged): not read, said above
            continue
        column = headers[note.column - 1] if note.column <= len(headers) and headers[note.column - 1] else None
        notes.append(
            ImportProblem(
                row=note.row, column=column, value=None, message=note.text(), severity="warning", code="cell_read_empty"
            )
        )
    numbered = [(number, list(row)) for number, row in enumerate(rows, start=1) if number > index + 1]
    return Sheet(headers=headers, rows=[(n, r) for n, r in numbered if not _blank_row(r)], notes=notes)


def _contact_sheet(source: Workbook, sheet: str | None) -> str | None:
    """The sheet to read: ``sheet``, or ``people`` in a map written by :func:`~stakeholders.write_xlsx`."""
    if sheet is not None:
        return sheet
    names = sheet_names(source)
    return "people" if names is not None and {"group", "people"} <= set(names) else None


def _workbook_sheet(source: Workbook, sheet: str | None, name: str, notes: list[ImportProblem], **header: Any) -> Sheet:
    cells: list[CellNote] = []
    rows = workbook_rows(source, _contact_sheet(source, sheet), name=name, notes=cells)
    return _sheet(rows, notes, cells, **header)


def read_sheet(
    source: str | os.PathLike[str] | IO[str] | IO[bytes],
    sheet: str | None,
    *,
    header_row: int | None = None,
    known: Iterable[str] = (),
) -> tuple[Sheet, str]:
    """A contact list, CSV or Excel (a path or an open file), and its name for messages.

    The header is row ``header_row`` (1-based), else the row that names most of the ``known``
    columns (:func:`header_index`). Raises :class:`ValueError` when the file cannot be read as a list at all.
    """
    from .limits import check_workbook, read_limited

    header: dict[str, Any] = {"header_row": header_row, "known": tuple(known)}
    notes: list[ImportProblem] = []
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = str(path)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            check_workbook(path, name)
            return _workbook_sheet(path, sheet, name, notes, **header), name
        if path.suffix.lower() == ".xls":
            raise ValueError("old Excel .xls files are not read: save the sheet as .xlsx or .csv")
        raw = read_limited(path, name)
    else:
        name = getattr(source, "name", "<stream>")
        raw = read_limited(source, str(name))
        if raw[:4] == b"PK\x03\x04":  # an .xlsx read from a stream: read from memory, never spooled to disk
            check_workbook(raw, str(name))
            return _workbook_sheet(io.BytesIO(raw), sheet, str(name), notes, **header), str(name)
    return _sheet(csv_rows(decode_text(raw, notes)), notes, **header), str(name)

"""Reading spreadsheets: CSV text and Excel workbooks, as rows of cells.

:func:`workbook_rows` is the one XLSX reader of the package (openpyxl, read-only,
values not formulas, at most :data:`~stakeholders.io.limits.MAX_CELLS` cells a
sheet, zip bombs refused first): the contact reader, :func:`~stakeholders.read_xlsx`
and the format registry (is this workbook a map?) all read workbooks through it.
:func:`read_sheet` gives a contact list, CSV or Excel, as a :class:`Sheet`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import StakeholdersError
from .cells import is_blank, unquoted_formula
from .report import ImportProblem

__all__ = ["Sheet", "csv_rows", "decode_text", "read_sheet", "sheet_names", "workbook_rows"]

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
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[unquoted_formula(cell) for cell in row] for row in rows]


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


def _rows(ws: Any) -> list[list[Any]]:
    from .limits import MAX_CELLS

    rows: list[list[Any]] = []
    cells = 0
    try:
        for row in ws.iter_rows(values_only=True):
            rows.append(list(row))
            cells += len(row)
            if cells > MAX_CELLS:
                raise OverflowError(f"more than {MAX_CELLS:,} cells")
    except Exception as err:  # a damaged sheet inside a readable workbook, or far too big a sheet
        raise ValueError(f"cannot read the sheet {ws.title!r} ({type(err).__name__}: {err})") from None
    return rows


def workbook_rows(source: Workbook, sheet: str | None = None) -> list[list[Any]]:
    """The rows of one worksheet (the first when ``sheet`` is ``None``), as the cells' values.

    Raises :class:`ValueError` for a file that is not a readable workbook, a damaged
    or too large sheet, or a missing ``sheet``; :class:`OSError` when the file cannot be read.
    """
    with _workbook(source) as workbook:
        if sheet is None:
            ws = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            ws = workbook[sheet]
        else:
            raise ValueError(f"no sheet {sheet!r} (the workbook has: {', '.join(workbook.sheetnames)})")
        return _rows(ws)


def workbook_sheets(source: Workbook) -> dict[str, list[list[Any]]]:
    """The rows of every worksheet, by name (errors as for :func:`workbook_rows`)."""
    with _workbook(source) as workbook:
        return {ws.title: _rows(ws) for ws in workbook.worksheets}


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


def _sheet(rows: list[list[Any]], notes: list[ImportProblem]) -> Sheet:
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if not all(is_blank(c) for c in row)]
    if not numbered:
        raise ValueError("the file has no header row (it is empty)")
    _, header = numbered[0]
    headers = ["" if is_blank(h) else str(h).strip() for h in header]
    while headers and headers[-1] == "":
        headers.pop()
    return Sheet(headers=headers, rows=[(n, list(r)) for n, r in numbered[1:]], notes=notes)


def read_sheet(source: str | os.PathLike[str] | IO[str] | IO[bytes], sheet: str | None) -> tuple[Sheet, str]:
    """A contact list, CSV or Excel (a path or an open file), and its name for messages.

    Raises :class:`ValueError` when the file cannot be read as a list at all.
    """
    from .limits import check_workbook, read_limited

    notes: list[ImportProblem] = []
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = str(path)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            check_workbook(path, name)
            return _sheet(workbook_rows(path, sheet), notes), name
        if path.suffix.lower() == ".xls":
            raise ValueError("old Excel .xls files are not read: save the sheet as .xlsx or .csv")
        raw = read_limited(path, name)
    else:
        name = getattr(source, "name", "<stream>")
        raw = read_limited(source, str(name))
        if raw[:4] == b"PK\x03\x04":  # an .xlsx read from a stream: read from memory, never spooled to disk
            check_workbook(raw, str(name))
            return _sheet(workbook_rows(io.BytesIO(raw), sheet), notes), str(name)
    return _sheet(csv_rows(decode_text(raw, notes)), notes), str(name)

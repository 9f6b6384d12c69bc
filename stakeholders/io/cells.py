"""The cells of a spreadsheet or CSV file, and the values they hold.

- :func:`split_list` / :func:`join_list`: the one codec of list cells, used by
  the contact reader, :func:`~stakeholders.write_csv` and the Excel workbooks of
  :mod:`~stakeholders.io.tables` (``a; b``, or a JSON array when an item holds a separator);
- :func:`formula_safe` / :func:`unquoted_formula`: CSV cells that a spreadsheet
  would run as formulas get a leading ``'`` (at the start and after every line break), which reading removes;
- :func:`exact_cell` / :func:`decode_cell`: a text that reading would change (an empty or
  whitespace-only text, surrounding spaces, a text reading takes for "none") is written as
  ``=json:"..."`` and read back exactly, as :class:`ExactText`;
- :func:`cell_text`, :func:`cell_bool`, :func:`cell_date`: a cell as text, yes/no or a date,
  as people write them (是/否, ``2024年5月4日``, ``5/4/2024`` with a day/month order).
"""

from __future__ import annotations

import ast
import json
import re
import unicodedata
from datetime import date, datetime
from typing import Any

__all__ = [
    "FORMULA_START",
    "MARK",
    "NONE_WORDS",
    "ExactText",
    "cell_bool",
    "cell_date",
    "cell_text",
    "decode_cell",
    "exact_cell",
    "formula_safe",
    "is_blank",
    "is_cjk",
    "join_list",
    "means_none",
    "split_list",
    "unquoted_formula",
]


#: What Excel, LibreOffice and Google Sheets read as the start of a formula in a CSV cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` with a ``'`` where a spreadsheet would run it as a formula (CSV injection).

    A shared CSV is opened in Excel: a name such as ``=HYPERLINK(...)`` or
    ``@SUM(...)`` would become a live formula. The quote (OWASP's advice) makes
    the cell text and is hidden by Excel; :func:`~stakeholders.read_contacts`
    removes it again, so the library's own CSV reads back unchanged. A text that
    already starts with quotes before such a character gets one more, so it too
    reads back as written. Numbers such as ``-3`` are left alone.

    Every line of a text is guarded, not only the first: a program that splits
    records at any line break (a bare carriage return included) would start a
    cell with the line after it.

    >>> formula_safe("CFO\\r=1+1")
    "CFO\\r'=1+1"
    """
    head, *rest = _LINES.split(text, maxsplit=1)
    guarded = _guard_line(text, FORMULA_START)
    if not rest:
        return guarded
    start = len(guarded) - len(text)  # 0 or 1: the quote added at the start
    first, tail = guarded[: start + len(head)], text[len(head) :]
    parts = _LINES.split(tail)  # ["", break, line, break, line, ...]
    for index in range(2, len(parts), 2):
        parts[index] = _guard_line(parts[index], _LINE_FORMULA_START)
    return first + "".join(parts)


def _guard_line(text: str, starts: tuple[str, ...]) -> str:
    core = text.lstrip("'")
    if not core.startswith(starts):
        return text
    if core == text and _PLAIN_NUMBER.fullmatch(text):
        return text  # a number such as -3 or +1.5e3, which a spreadsheet reads as one
    return "'" + text


#: A line break as any spreadsheet or CSV reader may take it.
_LINES = re.compile(r"(\r\n|\r|\n)")
#: What starts a formula on a line after a line break (a line never starts with the break itself).
_LINE_FORMULA_START = ("=", "+", "-", "@", "\t")

#: A number as spreadsheets read it: ASCII digits only (not Python's ``inf``, ``1_000`` or full-width digits).
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def unquoted_formula(cell: str) -> str:
    """Undo :func:`formula_safe`: ``'=x`` as written by ``write_csv`` is ``=x``, and so on every line."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START):
        cell = cell[1:]
    if "\n" not in cell and "\r" not in cell:
        return cell
    head, *_ = _LINES.split(cell, maxsplit=1)
    parts = _LINES.split(cell[len(head) :])
    for index in range(2, len(parts), 2):
        line = parts[index]
        if line.startswith("'") and line.lstrip("'").startswith(_LINE_FORMULA_START):
            parts[index] = line[1:]
    return head + "".join(parts)


#: The marker of a cell holding a text as a JSON string (the same as GraphML's and GEXF's, io/_attributes.MARK).
MARK = "=json:"
#: What an XML document (an XLSX sheet) cannot hold as it is; a carriage return would be read as a line feed.
_XML_UNSAFE = re.compile("[^\x09\x0a\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Columns whose "none" words (``-``, ``无``, ``n/a``) a contact list reads as no value.
_NONE_COLUMNS = frozenset({"unit", "favours", "reports_to", "dotted_line_to", "roles"})


class ExactText(str):
    """A cell's text to take exactly as it is: written as ``=json:"..."`` (:func:`exact_cell`).

    It is never blank, never trimmed or normalised, and never read as a "none" word.
    """


def exact_cell(text: str, column: str | None = None, *, xml: bool = False) -> str:
    """``text`` as a cell that reading gives back exactly: the text itself, or ``=json:"..."``.

    Reading a spreadsheet takes an empty or whitespace-only cell as missing, trims the
    spaces around a text, normalises it to NFC and reads ``-``, ``无`` or ``n/a`` in a
    ``column`` such as ``unit`` as no value. A text that would not survive that, or that
    starts with the marker, is written marked. ``xml``: also a text an XLSX sheet cannot
    hold (control characters, a carriage return).

    >>> exact_cell("CFO"), exact_cell(" "), exact_cell("无", "unit"), exact_cell("无", "title")
    ('CFO', '=json:" "', '=json:"无"', '无')
    """
    changed = (
        text.strip() != text
        or text == ""
        or text.startswith(MARK)
        or unicodedata.normalize("NFC", text) != text
        or (column in _NONE_COLUMNS and text.casefold() in NONE_WORDS)
    )
    unsafe = xml and _XML_UNSAFE.search(text) is not None
    if not (changed or unsafe):
        return text
    return MARK + json.dumps(text, ensure_ascii=unsafe)


def decode_cell(value: Any) -> Any:
    """A cell as written by :func:`exact_cell`: ``=json:"..."`` is an :class:`ExactText`; anything else as it is."""
    if isinstance(value, str) and value.startswith(MARK):
        try:
            decoded = json.loads(value[len(MARK) :])
        except ValueError:
            return value
        if isinstance(decoded, str):
            return ExactText(decoded)
    return value


def means_none(value: Any) -> bool:
    """A cell reading takes as "no value" in a column such as ``unit``: ``-``, ``无``, ``n/a`` (never an exact text)."""
    return not isinstance(value, ExactText) and cell_text(value).casefold() in NONE_WORDS


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return isinstance(value, str) and not isinstance(value, ExactText) and value.strip() == ""


NONE_WORDS = {"", "-", "—", "–", "n/a", "na", "无", "無", "没有", "沒有", "none", "/"}
_TRUE = {"true", "yes", "y", "1", "是", "有", "已", "已接触", "已接觸", "见过", "見過", "✓", "√", "x", "对", "對"}
_FALSE = {
    "false",
    "no",
    "n",
    "0",
    "否",
    "无",
    "無",
    "未",
    "没有",
    "沒有",
    "未接触",
    "未接觸",
    "没见过",
    "沒見過",
    "✗",
    "×",
}
#: How the items of a list cell are separated (see :func:`split_list`). A JSON array of texts is always read.
_TABLE_SPLIT = re.compile(r"\s*;\s*")
_TEXT_LIST_SPLIT = re.compile(r"\s*[;；、\n]\s*")
_LIST_SPLIT = re.compile(r"\s*[;；、,，/|\n]\s*")

#: List columns of a contact list read as lines of text (a comma belongs to the text).
_TEXT_LISTS = frozenset({"concerns", "private.hobbies"})


def _separators(target: str | None) -> re.Pattern[str]:
    if target is None:
        return _TABLE_SPLIT
    return _TEXT_LIST_SPLIT if target in _TEXT_LISTS else _LIST_SPLIT


def split_list(text: str, target: str | None = None) -> list[str]:
    """The items of a list cell: a JSON array of texts (as :func:`join_list` writes it), else split at separators.

    ``target`` is the field of a contact list the cell is read into: people type
    ``a、b`` or ``a, b`` by hand, so an id list (roles, dotted-line managers) is
    also split at ``, / |`` and full-width separators, and a text list (concerns,
    hobbies) at ``;``, ``；``, ``、`` and line breaks. ``None`` is a cell of one of our
    own tables (:func:`~stakeholders.write_xlsx`): items are separated by ``;`` only.
    The items of a JSON array, or of a Python list as pandas writes a list to CSV
    (``['decider']``), are taken exactly (:class:`ExactText`); the items split at
    separators are trimmed and normalised to NFC, as every other cell.
    """
    stripped = text.strip()
    if stripped.startswith("[") and stripped.endswith("]"):
        found = _array(stripped)
        if isinstance(found, list) and all(isinstance(item, str) for item in found):
            return [ExactText(item) for item in found]
    parts = _separators(target).split(unicodedata.normalize("NFC", stripped))
    return [part for part in parts if part]


def _array(text: str) -> Any:
    """A JSON array, or a Python list as ``str(list)`` and pandas' CSV write it (``['decider']``); else ``None``."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return ast.literal_eval(text)  # literals only: never runs code
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def join_list(items: list[str], target: str | None = None) -> str:
    """A list as one cell that :func:`split_list` reads back as the same items: ``a; b``, else a JSON array.

    A JSON array also when the cell would start with the marker of an exact text (``=json:``), or when
    an item is a word a contact list reads as "none" (``-``, ``无``) in a ``target`` column.
    """
    simple = "; ".join(items)
    if (
        split_list(simple, target) == items
        and not simple.startswith(MARK)
        and not (target in _NONE_COLUMNS and any(item.casefold() in NONE_WORDS for item in items))
    ):
        return simple
    return json.dumps(items, ensure_ascii=False)


def cell_text(value: Any) -> str:
    """A cell as text, trimmed and normalised to NFC; an :class:`ExactText` as it is."""
    if isinstance(value, ExactText):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def cell_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = unicodedata.normalize("NFKC", cell_text(value)).casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"not a yes/no value: {cell_text(value)!r} (expected yes/no, true/false, 是/否)")


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"), "ymd"),
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), "xxy"),
)


def cell_date(value: Any, order: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    text = text.split("T")[0].split(" ")[0]
    for pattern, kind in _DATE_PATTERNS:
        found = pattern.match(text)
        if found is None:
            continue
        a, b, c = (int(x) for x in found.groups())
        try:
            if kind == "ymd":
                return date(a, b, c)
            if order == "mdy":
                return date(c, a, b)
            if order == "dmy":
                return date(c, b, a)
        except ValueError as err:
            raise ValueError(f"not a real date: {text!r} ({err})") from None
        raise ValueError(
            f"ambiguous date {text!r}: day/month or month/day? write 2024-05-04,"
            " or set dates: dmy or mdy in the mapping"
        )
    raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)")


def is_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)

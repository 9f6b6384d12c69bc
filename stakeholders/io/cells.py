"""The cells of a spreadsheet or CSV file, and the values they hold.

- :func:`split_list` / :func:`join_list`: the one codec of list cells, used by
  the contact reader, :func:`~stakeholders.write_csv` and the Excel workbooks of
  :mod:`~stakeholders.io.tables` (``a; b``, or a JSON array when an item holds a separator);
- :func:`formula_safe` / :func:`unquoted_formula`: CSV cells that a spreadsheet
  would run as formulas get a leading ``'``, which reading removes;
- :func:`cell_text`, :func:`cell_bool`, :func:`cell_date`: a cell as text, yes/no or a date,
  as people write them (是/否, ``2024年5月4日``, ``5/4/2024`` with a day/month order).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime
from typing import Any

__all__ = [
    "FORMULA_START",
    "NONE_WORDS",
    "cell_bool",
    "cell_date",
    "cell_text",
    "formula_safe",
    "is_blank",
    "is_cjk",
    "join_list",
    "split_list",
    "unquoted_formula",
]


#: What Excel, LibreOffice and Google Sheets read as the start of a formula in a CSV cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula (CSV injection).

    A shared CSV is opened in Excel: a name such as ``=HYPERLINK(...)`` or
    ``@SUM(...)`` would become a live formula. The quote (OWASP's advice) makes
    the cell text and is hidden by Excel; :func:`~stakeholders.read_contacts`
    removes it again, so the library's own CSV reads back unchanged. A text that
    already starts with quotes before such a character gets one more, so it too
    reads back as written. Numbers such as ``-3`` are left alone.
    """
    core = text.lstrip("'")
    if not core.startswith(FORMULA_START):
        return text
    if core == text and _PLAIN_NUMBER.fullmatch(text):
        return text  # a number such as -3 or +1.5e3, which a spreadsheet reads as one
    return "'" + text


#: A number as spreadsheets read it: ASCII digits only (not Python's ``inf``, ``1_000`` or full-width digits).
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def unquoted_formula(cell: str) -> str:
    """Undo :func:`formula_safe`: ``'=x`` as written by ``write_csv`` is ``=x``."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START) else cell


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return isinstance(value, str) and value.strip() == ""


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
    """
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            found = json.loads(stripped)
        except ValueError:
            found = None
        if isinstance(found, list) and all(isinstance(item, str) for item in found):
            return found
    return [part for part in _separators(target).split(stripped) if part]


def join_list(items: list[str], target: str | None = None) -> str:
    """A list as one cell that :func:`split_list` reads back as the same items: ``a; b``, else a JSON array."""
    simple = "; ".join(items)
    return simple if split_list(simple, target) == items else json.dumps(items, ensure_ascii=False)


def cell_text(value: Any) -> str:
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

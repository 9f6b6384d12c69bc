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

>>> import io
>>> text = "姓名,职位,上级,角色,立场\\n王总,总经理,,决策者,中立者\\n李工,总工,王总,Technical Buyer,Champion\\n"
>>> group, report = read_contacts(io.StringIO(text), customer="华东厂")
>>> [(p.id, p.reports_to, [r.value for r in p.roles], p.stance.value) for p in group.people]
[('王总', None, ['decider'], 'neutral'), ('李工', '王总', ['technical_evaluator'], 'mentor')]
>>> report.mapping, report.ok
('zh', True)
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..crosswalk import FIELDS as CROSSWALK_FIELDS, RefusedTerm, interpret
from ..errors import MapError, Problem, StakeholdersError, printable
from ..ids import derive_id
from ..model import BuyingGroup, JudgedField, PrivateProfile
from ..vocab import Confidence, Disc, Insider, Layer, Level, RelationshipStage, Vocabulary

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


class MappingError(StakeholdersError, ValueError):
    """A column mapping is invalid (unknown preset, unknown target field, unreadable file)."""


# ---------------------------------------------------------------------------
# Targets: what a column can hold
# ---------------------------------------------------------------------------

_VOCAB_TARGETS: dict[str, type[Vocabulary]] = {
    "stance": CROSSWALK_FIELDS["stance"],
    "insider": Insider,
    "layer": Layer,
    "disc": Disc,
    "authority": Level,
    "influence": Level,
    "stage": RelationshipStage,
}
_TEXT_TARGETS = ("id", "name", "first_name", "last_name", "title", "background", "notes", "customer", "opportunity")
_BOOL_TARGETS = ("contacted", "personal_interest_met", "organisational_interest_met")
_DATE_TARGETS = ("last_contact", "private.birthday")
_REF_TARGETS = ("unit", "reports_to", "favours")
_LIST_TARGETS = ("roles", "dotted_line_to", "concerns", "private.hobbies")
_PRIVATE_TEXT = tuple(f"private.{name}" for name in PrivateProfile.model_fields if name not in ("birthday", "hobbies"))
_JUDGEMENTS = tuple(f"judgements.{j.value}.{part}" for j in JudgedField for part in ("confidence", "evidence"))

#: Every field a column can be mapped to.
TARGETS: tuple[str, ...] = (
    *_TEXT_TARGETS,
    "unit",
    "reports_to",
    "dotted_line_to",
    "roles",
    *_VOCAB_TARGETS,
    "favours",
    "concerns",
    *_BOOL_TARGETS,
    "last_contact",
    "private.birthday",
    "private.hobbies",
    *_PRIVATE_TEXT,
    *_JUDGEMENTS,
)
_GROUP_TARGETS = ("customer", "opportunity")


def _header_key(text: str) -> str:
    """Headers are compared NFKC-normalised, case-folded, without spaces, '_', '-', '.', ':' or '*'."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s_\-.:*：]+", "", text)


class ColumnMapping(BaseModel):
    """Which column of a contact list holds which field of a person.

    ``columns`` maps a header, as written in the file (compared without case,
    spaces or punctuation), to a target in :data:`TARGETS`, or to ``None`` for a
    column that is known and deliberately not read (it is still listed in the
    report). ``values`` maps, per target, a word used in the file to one of our
    values, or to ``None`` for a word that has no equivalent (kept in notes and
    reported); words not listed there are read as usual: our ids, labels,
    aliases and the crosswalk. ``dates`` says how to read a date such as
    ``5/4/2024``: ``"mdy"`` or ``"dmy"``; ISO dates and ``2024年5月4日`` are always read.

    In a YAML or JSON file, ``base`` names a preset to extend::

        base: zh
        columns:
          客户姓名: name
          是否见过: contacted
        values:
          roles: {老板: decider}
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "custom"
    columns: dict[str, str | None] = Field(default_factory=dict)
    values: dict[str, dict[str, str | None]] = Field(default_factory=dict)
    dates: Literal["ymd", "mdy", "dmy"] = "ymd"

    @field_validator("columns")
    @classmethod
    def _known_targets(cls, value: dict[str, str | None]) -> dict[str, str | None]:
        bad = [
            f"{header!r}: {target!r}"
            for header, target in value.items()
            if target is not None and target not in TARGETS
        ]
        if bad:
            raise ValueError(f"unknown target field for {', '.join(bad)} (expected one of: {', '.join(TARGETS)})")
        return value

    @field_validator("values")
    @classmethod
    def _known_value_targets(cls, value: dict[str, dict[str, str | None]]) -> dict[str, dict[str, str | None]]:
        bad = [target for target in value if target not in TARGETS]
        if bad:
            raise ValueError(f"unknown target field {', '.join(map(repr, bad))} under 'values'")
        return value

    def target(self, header: str) -> tuple[bool, str | None]:
        """``(known, target)`` for a header of the file."""
        key = _header_key(header)
        for written, target in self.columns.items():
            if _header_key(written) == key:
                return True, target
        return False, None

    def extended(self, other: Mapping[str, Any]) -> ColumnMapping:
        """This mapping with the columns and values of ``other`` added (``other`` wins)."""
        values = {k: dict(v) for k, v in self.values.items()}
        for target, words in (other.get("values") or {}).items():
            values.setdefault(target, {}).update(words or {})
        return ColumnMapping(
            name=str(other.get("name", f"{self.name}+custom")),
            columns={**self.columns, **(other.get("columns") or {})},
            values=values,
            dates=other.get("dates", self.dates),
        )


def _own_columns() -> dict[str, str | None]:
    """Our own field names as headers; private fields also without the ``private.`` prefix."""
    columns: dict[str, str | None] = {t: t for t in TARGETS}
    for name in PrivateProfile.model_fields:
        if name != "notes":
            columns[name] = f"private.{name}"
    return columns


_ZH: dict[str, str | None] = {
    "编号": "id",
    "ID": "id",
    "姓名": "name",
    "名字": "name",
    "联系人": "name",
    "職位": "title",
    "职位": "title",
    "职务": "title",
    "職務": "title",
    "头衔": "title",
    "部门": "unit",
    "部門": "unit",
    "所属部门": "unit",
    "所屬部門": "unit",
    "单位": "unit",
    "上级": "reports_to",
    "上級": "reports_to",
    "直属上级": "reports_to",
    "直屬上級": "reports_to",
    "汇报对象": "reports_to",
    "虚线上级": "dotted_line_to",
    "虛線上級": "dotted_line_to",
    "虚线汇报": "dotted_line_to",
    "角色": "roles",
    "决策角色": "roles",
    "決策角色": "roles",
    "层级": "layer",
    "層級": "layer",
    "客户类型": "layer",
    "立场": "stance",
    "立場": "stance",
    "态度": "stance",
    "態度": "stance",
    "性格": "disc",
    "性格类型": "disc",
    "性格類型": "disc",
    "DISC": "disc",
    "职权": "authority",
    "職權": "authority",
    "正式权力": "authority",
    "影响力": "influence",
    "影響力": "influence",
    "内线": "insider",
    "內線": "insider",
    "教练/线人": "insider",
    "倾向": "favours",
    "傾向": "favours",
    "倾向对手": "favours",
    "倾向竞争对手": "favours",
    "傾向競爭對手": "favours",
    "关注点": "concerns",
    "關注點": "concerns",
    "背景": "background",
    "关系": "stage",
    "關係": "stage",
    "关系阶段": "stage",
    "關係階段": "stage",
    "已接触": "contacted",
    "已接觸": "contacted",
    "是否接触": "contacted",
    "是否接觸": "contacted",
    "最近接触": "last_contact",
    "最近接觸": "last_contact",
    "最近联系": "last_contact",
    "最近聯繫": "last_contact",
    "上次接触": "last_contact",
    "个人利益满足": "personal_interest_met",
    "組織利益滿足": "organisational_interest_met",
    "组织利益满足": "organisational_interest_met",
    "個人利益滿足": "personal_interest_met",
    "备注": "notes",
    "備註": "notes",
    "电话": "private.phone",
    "電話": "private.phone",
    "手机": "private.phone",
    "手機": "private.phone",
    "邮箱": "private.email",
    "郵箱": "private.email",
    "电子邮件": "private.email",
    "電子郵件": "private.email",
    "生日": "private.birthday",
    "出生日期": "private.birthday",
    "学历": "private.education",
    "學歷": "private.education",
    "籍贯": "private.hometown",
    "籍貫": "private.hometown",
    "家庭": "private.family",
    "爱好": "private.hobbies",
    "愛好": "private.hobbies",
    "兴趣爱好": "private.hobbies",
    "地址": "private.address",
    "客户": "customer",
    "客戶": "customer",
    "客户名称": "customer",
    "客戶名稱": "customer",
    "项目": "opportunity",
    "項目": "opportunity",
    "项目名称": "opportunity",
    "專案": "opportunity",
}

_SALESFORCE: dict[str, str | None] = {
    "Contact ID": "id",
    "ContactId": "id",
    "Contact: Contact ID": "id",
    "Id": None,
    "Full Name": "name",
    "Contact Name": "name",
    "Contact: Full Name": "name",
    "Name": "name",
    "First Name": "first_name",
    "Contact: First Name": "first_name",
    "Last Name": "last_name",
    "Contact: Last Name": "last_name",
    "Salutation": None,
    "Title": "title",
    "Contact: Title": "title",
    "Department": "unit",
    "Contact: Department": "unit",
    "Reports To": "reports_to",
    "ReportsToId": "reports_to",
    "Reports To: Full Name": "reports_to",
    "Role": "roles",
    "Contact Role": "roles",
    "Is Primary": None,
    "IsPrimary": None,
    "Primary": None,
    "Email": "private.email",
    "Phone": "private.phone",
    "Business Phone": "private.phone",
    "Mobile": None,
    "MobilePhone": None,
    "Mobile Phone": None,
    "Fax": None,
    "Birthdate": "private.birthday",
    "Description": "notes",
    "Last Activity": "last_contact",
    "LastActivityDate": "last_contact",
    "Account Name": "customer",
    "Account: Account Name": "customer",
    "AccountId": None,
    "Account ID": None,
    "Opportunity Name": "opportunity",
    "Opportunity: Opportunity Name": "opportunity",
    "OpportunityId": None,
    "Opportunity ID": None,
    "Contact Owner": None,
    "OwnerId": None,
    "Lead Source": None,
    "LeadSource": None,
    "Mailing Street": None,
    "Mailing City": None,
    "Mailing State/Province": None,
    "Mailing Zip/Postal Code": None,
    "Mailing Country": None,
    "MailingStreet": None,
    "MailingCity": None,
    "MailingState": None,
    "MailingPostalCode": None,
    "MailingCountry": None,
    "Created Date": None,
    "CreatedDate": None,
    "Last Modified Date": None,
    "LastModifiedDate": None,
}

#: The ready mappings, by name. ``"auto"`` is not one: it picks among these.
PRESETS: dict[str, ColumnMapping] = {
    "stakeholders": ColumnMapping(name="stakeholders", columns=_own_columns()),
    "zh": ColumnMapping(name="zh", columns=_ZH),
    "salesforce": ColumnMapping(name="salesforce", columns=_SALESFORCE, dates="mdy"),
}


def load_mapping(spec: str | os.PathLike[str] | Mapping[str, Any] | ColumnMapping) -> ColumnMapping:
    """A :class:`ColumnMapping` from a preset name, a YAML/JSON file, a mapping, or itself.

    Raises :class:`MappingError` naming the problem.
    """
    if isinstance(spec, ColumnMapping):
        return spec
    if isinstance(spec, Mapping):
        data = dict(spec)
        base_name = data.pop("base", None)
        try:
            if base_name is None:
                return ColumnMapping.model_validate(data)
            return load_mapping(str(base_name)).extended(data)
        except ValueError as err:
            raise MappingError(f"invalid column mapping: {err}") from None
    text = os.fspath(spec)
    if text in PRESETS:
        return PRESETS[text]
    path = Path(text)
    if not path.suffix:
        raise MappingError(f"unknown mapping {text!r} (expected a preset: auto, {', '.join(PRESETS)}; or a file)")
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise MappingError(f"{path}: cannot read the mapping file: {err.strerror or err}") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw)
        else:
            import yaml

            data = yaml.safe_load(raw)
    except ValueError as err:
        raise MappingError(f"{path}: not valid JSON or YAML: {err}") from None
    if not isinstance(data, Mapping):
        raise MappingError(f"{path}: a mapping file holds 'columns' (and optionally 'base', 'values', 'dates')")
    try:
        return load_mapping(data)
    except MappingError as err:
        raise MappingError(f"{path}: {err}") from None


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


class ImportProblem(BaseModel):
    """One thing the import could not take as it was: where, what, and what was done."""

    model_config = ConfigDict(frozen=True)

    row: int | None
    """The row in the file, counted as a spreadsheet does (header = 1); ``None`` for the whole file."""
    column: str | None
    """The header of the column, as written in the file."""
    value: str | None
    message: str
    severity: Literal["error", "warning"]
    """``error``: a value could not be used (it is kept in the person's notes); ``warning``: read differently."""
    code: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        place = ", ".join(where) or "file"
        return printable(f"{place}: {self.severity}: {self.message}")  # the message quotes the cell: no escapes


class ImportReport(BaseModel):
    """What :func:`read_contacts` did with a contact list."""

    source: str
    mapping: str
    """The name of the mapping used (for ``auto``, the preset it picked)."""
    rows: int
    """Data rows read (blank rows not counted)."""
    people: int
    """People in the map, including managers added because rows named them."""
    columns: dict[str, str | None]
    """Every header of the file and the field it was read into (``None``: not read)."""
    ignored: list[str] = Field(default_factory=list)
    """Columns the mapping knows and deliberately does not read (e.g. Salesforce's Lead Source)."""
    problems: list[ImportProblem] = Field(default_factory=list)

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors

    def text(self) -> str:
        """The report as lines ``source: row N, column 'X': severity: message``."""
        head = (
            f"{self.source}: {self.rows} rows, {self.people} people (mapping: {self.mapping});"
            f" {len(self.errors)} errors, {len(self.warnings)} warnings"
        )
        lines = [head]
        if self.ignored:
            lines.append(f"{self.source}: columns the mapping does not read: {', '.join(self.ignored)}")
        lines += [f"{self.source}: {p}" for p in self.problems]
        return "\n".join(map(printable, lines))

    def __str__(self) -> str:
        return self.text()


# ---------------------------------------------------------------------------
# Reading the rows
# ---------------------------------------------------------------------------


@dataclass
class _Sheet:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    """(row number in the file, cells)"""
    notes: list[ImportProblem] = field(default_factory=list)


def _decode(raw: bytes, notes: list[ImportProblem]) -> str:
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


def _csv_rows(text: str) -> list[list[str]]:
    """The rows of CSV text; the separator (comma, tab, semicolon, bar) is told from the header line."""
    header = text.lstrip("\r\n").split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",\t;|").delimiter
    except csv.Error:
        delimiter = ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[_unquoted_formula(cell) for cell in row] for row in rows]


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


def _unquoted_formula(cell: str) -> str:
    """Undo :func:`formula_safe`: ``'=x`` as written by ``write_csv`` is ``=x``."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START) else cell


def _xlsx_rows(path: Path, sheet: str | None) -> list[list[Any]]:
    from .limits import MAX_CELLS

    try:
        import openpyxl
    except ImportError:
        raise StakeholdersError("reading .xlsx files needs openpyxl: pip install 'stakeholders[tables]'") from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as err:  # zipfile, XML and openpyxl errors: not a readable workbook
        raise ValueError(f"not a readable Excel workbook ({type(err).__name__}: {err})") from None
    try:
        if sheet is None:
            ws = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            ws = workbook[sheet]
        else:
            raise ValueError(f"no sheet {sheet!r} (the workbook has: {', '.join(workbook.sheetnames)})")
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
    finally:
        workbook.close()


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return isinstance(value, str) and value.strip() == ""


def _sheet(rows: list[list[Any]], notes: list[ImportProblem]) -> _Sheet:
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if not all(_blank(c) for c in row)]
    if not numbered:
        raise ValueError("the file has no header row (it is empty)")
    _, header = numbered[0]
    headers = ["" if _blank(h) else str(h).strip() for h in header]
    while headers and headers[-1] == "":
        headers.pop()
    return _Sheet(headers=headers, rows=[(n, list(r)) for n, r in numbered[1:]], notes=notes)


def _read_sheet(source: str | os.PathLike[str] | IO[str] | IO[bytes], sheet: str | None) -> tuple[_Sheet, str]:
    from .limits import check_workbook, read_limited

    notes: list[ImportProblem] = []
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = str(path)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            check_workbook(path, name)
            return _sheet(_xlsx_rows(path, sheet), notes), name
        if path.suffix.lower() == ".xls":
            raise ValueError("old Excel .xls files are not read: save the sheet as .xlsx or .csv")
        raw = read_limited(path, name)
    else:
        name = getattr(source, "name", "<stream>")
        raw = read_limited(source, str(name))
        if raw[:4] == b"PK\x03\x04":  # an .xlsx read from a stream
            check_workbook(raw, str(name))
            buffer = Path(_spool(raw))
            try:
                return _sheet(_xlsx_rows(buffer, sheet), notes), str(name)
            finally:
                buffer.unlink()
    return _sheet(_csv_rows(_decode(raw, notes)), notes), str(name)


def _spool(raw: bytes) -> str:
    import tempfile

    fd, name = tempfile.mkstemp(suffix=".xlsx")
    with os.fdopen(fd, "wb") as handle:
        handle.write(raw)
    return name


# ---------------------------------------------------------------------------
# Cells to values
# ---------------------------------------------------------------------------

_NONE_WORDS = {"", "-", "—", "–", "n/a", "na", "无", "無", "没有", "沒有", "none", "/"}
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
_LIST_SPLIT = re.compile(r"\s*[;；、,，/|\n]\s*")
_TEXT_LIST_SPLIT = re.compile(r"\s*[;；、\n]\s*")


#: List columns read as lines of text (a comma belongs to the text); other lists also split at , / |.
_TEXT_LISTS = frozenset({"concerns", "private.hobbies"})


def split_list(text: str, target: str) -> list[str]:
    """The items of a list cell: a JSON array of texts (as :func:`join_list` writes), else split at separators."""
    if text.startswith("["):
        try:
            found = json.loads(text)
        except ValueError:
            found = None
        if isinstance(found, list) and found and all(isinstance(item, str) for item in found):
            return found
    return [part for part in (_TEXT_LIST_SPLIT if target in _TEXT_LISTS else _LIST_SPLIT).split(text) if part]


def join_list(items: list[str], target: str) -> str:
    """A list as one cell that :func:`split_list` reads back as the same items: ``a; b``, else a JSON array."""
    simple = "; ".join(items)
    return simple if split_list(simple, target) == items else json.dumps(items, ensure_ascii=False)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = unicodedata.normalize("NFKC", _text(value)).casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"not a yes/no value: {_text(value)!r} (expected yes/no, true/false, 是/否)")


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"), "ymd"),
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), "xxy"),
)


def _date(value: Any, order: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
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


def _cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


# ---------------------------------------------------------------------------
# Building the people
# ---------------------------------------------------------------------------


@dataclass
class _Draft:
    """One person being assembled from one or more rows."""

    key: str
    row: int
    data: dict[str, Any] = field(default_factory=dict)
    source: dict[str, tuple[int, str]] = field(default_factory=dict)
    """field → (row, header) it was read from, to place later problems."""
    notes: list[str] = field(default_factory=list)
    refs: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)
    """reports_to / dotted_line_to → [(written value, row, header)]"""


class _Reader:
    def __init__(self, mapping: ColumnMapping, sheet: _Sheet, source: str) -> None:
        self.mapping = mapping
        self.sheet = sheet
        self.source = source
        self.problems: list[ImportProblem] = list(sheet.notes)
        self.group_values: dict[str, tuple[str, int, str]] = {}
        self.people: dict[str, _Draft] = {}
        self.units: dict[str, str] = {}
        self.competitors: dict[str, str] = {}
        self.columns: dict[str, str | None] = {}
        self.ignored: list[str] = []

    def problem(
        self,
        row: int | None,
        column: str | None,
        value: Any,
        message: str,
        code: str,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        shown = None if value is None else _text(_shown(value))
        self.problems.append(
            ImportProblem(row=row, column=column, value=shown, message=message, severity=severity, code=code)
        )

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
        if not any(t in ("name", "first_name", "last_name") for _, _, t in plan):
            raise ValueError(
                f"no column holds the name (headers: {', '.join(self.sheet.headers)});"
                f" the mapping {self.mapping.name!r} expects one of: "
                + ", ".join(h for h, t in self.mapping.columns.items() if t == "name")
            )
        return plan

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
        key = explicit[0] if explicit else derive_id(name)
        if not key:
            self.problem(number, None, name, f"cannot derive an id from the name {name!r}; add an id column", "no_id")
            return
        draft = self.people.get(key)
        if draft is None:
            draft = self.people[key] = _Draft(key=key, row=number)
            draft.data["id"] = key
            draft.data["name"] = name
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
            if target in ("id", "name", "first_name", "last_name"):
                continue
            for header, value in cells:
                self.cell(draft, number, header, target, value)

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

    def keep(self, draft: _Draft, header: str, value: Any) -> None:
        draft.notes.append(f"{header}: {_text(value)}")

    def assign(self, draft: _Draft, number: int, header: str, target: str, value: Any) -> None:
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
            f"{_shown(value)!r} differs from {_shown(old)!r} (row {first_row}, column {first_header!r});"
            " the first is kept",
            "conflict",
            "warning",
        )
        self.keep(draft, header, _shown(value))

    def add(self, draft: _Draft, number: int, target: str, header: str, items: Iterable[Any]) -> None:
        path = target.split(".")
        holder = draft.data
        for part in path[:-1]:
            holder = holder.setdefault(part, {})
        current = holder.setdefault(path[-1], [])
        for item in items:
            if item not in current:
                current.append(item)
        draft.source.setdefault(target, (number, header))

    def cell(self, draft: _Draft, number: int, header: str, target: str, value: Any) -> None:
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
                if _text(value).casefold() not in _NONE_WORDS:
                    self.assign(draft, number, header, target, self.named(self.units, _text(value)))
            elif target == "favours":
                if _text(value).casefold() not in _NONE_WORDS:
                    self.assign(draft, number, header, target, self.named(self.competitors, _text(value)))
            elif target in ("reports_to", "dotted_line_to"):
                parts = [_text(value)] if target == "reports_to" else split_list(_text(value), target)
                for part in parts:
                    if part.casefold() not in _NONE_WORDS:
                        draft.refs.setdefault(target, []).append((part, number, header))
            elif target in ("concerns", "private.hobbies"):
                self.add(draft, number, target, header, split_list(_text(value), target))
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

    def vocabulary(self, draft: _Draft, number: int, header: str, target: str, value: Any) -> None:
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

    def roles(self, draft: _Draft, number: int, header: str, value: Any) -> None:
        roles = []
        for part in split_list(_text(value), "roles"):
            if part.casefold() in _NONE_WORDS:
                continue
            try:
                mapped = self._mapped("roles", part)
                field_, member = interpret("roles", mapped if mapped is not None else part)
            except RefusedTerm as err:
                self.problem(number, header, part, f"{err}; kept in notes", "refused_term", "warning")
                self.keep(draft, header, part)
                continue
            except ValueError as err:
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

    def named(self, table: dict[str, str], name: str) -> str:
        """The id of the unit or competitor called ``name``, added on first use."""
        if name in table:
            return table[name]
        base = derive_id(name) or "x"
        ident, n = base, 2
        while ident in table.values():
            ident, n = f"{base}_{n}", n + 1
        table[name] = ident
        return ident

    # -- references between people -----------------------------------------

    def resolve(self) -> None:
        ids = set(self.people)
        by_name: dict[str, list[str]] = {}
        for key, draft in self.people.items():
            by_name.setdefault(draft.data["name"], []).append(key)
            by_name.setdefault(draft.data["name"].casefold(), []).append(key)
        added: dict[str, _Draft] = {}
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
        added: dict[str, _Draft],
        draft: _Draft,
        number: int,
        header: str,
        target: str,
    ) -> str | None:
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
        if close or not key:
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.problem(
                number, header, written, f"no person {written!r} in the list{hint}; kept in notes", "unknown_person"
            )
            self.keep(draft, header, written)
            return None
        person = _Draft(key=key, row=number)
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
        opp = opportunity or (self.group_values.get("opportunity") or (None,))[0]
        if opp:
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

    def drop(self, doc: dict[str, Any], drafts: list[_Draft], problems: list[Problem]) -> None:
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


def _shown(value: Any) -> Any:
    return value.value if isinstance(value, Vocabulary) else value


def read_contacts(
    source: str | os.PathLike[str] | IO[str] | IO[bytes],
    mapping: str | os.PathLike[str] | Mapping[str, Any] | ColumnMapping = "auto",
    *,
    customer: str | None = None,
    opportunity: str | None = None,
    sheet: str | None = None,
) -> tuple[BuyingGroup, ImportReport]:
    """Read a contact list (``.csv`` or ``.xlsx``, a path or an open file) into a map.

    ``mapping`` is ``"auto"`` (pick the preset that knows most headers), a
    preset name (``"stakeholders"``, ``"zh"``, ``"salesforce"``), a
    :class:`ColumnMapping`, a mapping in the same shape, or the path of a YAML or
    JSON mapping file. ``customer`` and ``opportunity`` name the map when the
    list has no such column. ``sheet`` picks a worksheet of an .xlsx file.

    Every person gets an id derived from the name (or from an id column); rows
    of the same person are merged. Departments become units, favoured
    competitors become competitors, and managers are resolved by id or name.
    CSV files may be UTF-8 (with or without BOM), UTF-16 or GB18030 (GBK), and
    separated by commas, tabs or semicolons.

    Returns ``(group, report)``; raises :class:`~stakeholders.MapError` (a
    :class:`ValueError`) when the file cannot be read as a list at all (not
    text or not a workbook, no header, no name column) and :class:`MappingError`
    for a bad mapping.
    """
    name = str(source) if isinstance(source, (str, os.PathLike)) else str(getattr(source, "name", "<stream>"))
    try:
        sheet_, name = _read_sheet(source, sheet)
        chosen = _auto(sheet_.headers) if isinstance(mapping, str) and mapping == "auto" else load_mapping(mapping)
        reader = _Reader(chosen, sheet_, name)
        reader.read()
        reader.resolve()
        doc = reader.document(customer, opportunity)
    except StakeholdersError:  # MapError, MappingError (a bad mapping), openpyxl missing
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


def _auto(headers: list[str]) -> ColumnMapping:
    """The preset that recognises most headers (ties: stakeholders, zh, salesforce)."""
    best, score = PRESETS["stakeholders"], -1
    for preset in PRESETS.values():
        found = sum(1 for h in headers if h and preset.target(h)[0])
        if found > score:
            best, score = preset, found
    return best

"""Spreadsheets from the outside: bounded sheets, exact texts, no formula after a line break, no silent drops.

Regression tests of issue 12 (tables): a cell at row 1,000,000 or column XFD, a lying ``<dimension>``,
a CSV field over the csv module's 131,072 characters, odd and repeated headers, a carriage return in a
CSV cell, texts such as ``nan``, ``None``, ``~``, ``" "`` or ``007`` through our own CSV and XLSX and
through the contact import of them, merged cells and formulas without a saved value.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import stakeholders
from stakeholders import BuyingGroup, MapError

pd = pytest.importorskip("pandas")
openpyxl = pytest.importorskip("openpyxl")

# -- a workbook written by hand -------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _cell(ref: str, text: str) -> str:
    if text.startswith("<c"):  # a cell written as XML
        return text
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(rows: dict[int, list[tuple[str, str]]], dimension: str | None, title: str = "people") -> bytes:
    """An .xlsx of one sheet: ``rows`` maps row numbers to (column letter, text) cells; ``dimension`` as declared."""
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    )
    rels = (
        f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/officeDocument"'
        ' Target="xl/workbook.xml"/></Relationships>'
    )
    book = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
        f'<sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    book_rels = (
        f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/worksheet"'
        ' Target="worksheets/sheet1.xml"/></Relationships>'
    )
    body = "".join(
        f'<row r="{n}">' + "".join(_cell(f"{col}{n}", text) for col, text in cells) + "</row>"
        for n, cells in sorted(rows.items())
    )
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = f'<worksheet xmlns="{_MAIN}">{declared}<sheetData>{body}</sheetData></worksheet>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", book_rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def far_cell(row: int = 1_000_000, column: str = "A", declared: bool = True) -> bytes:
    """A contact list with one stray cell far away (a 2 KB file)."""
    dimension = f"A1:{column}{row}" if declared else None
    return workbook({1: [("A", "name")], 2: [("A", "Wang")], row: [(column, "x")]}, dimension)


# -- 1. sheets bounded by rows and columns --------------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "declared", "limit"),
    [
        (1_000_000, "A", True, "MAX_ROWS"),
        (1_000_000, "A", False, "MAX_ROWS"),
        (5, "XFD", True, "MAX_COLUMNS"),
        (5, "XFD", False, "MAX_COLUMNS"),
    ],
)
def test_a_far_cell_refuses_the_sheet_with_its_name_and_the_limit(
    row: int, column: str, declared: bool, limit: str
) -> None:
    data = far_cell(row, column, declared)
    assert len(data) < 22_000
    with pytest.raises(MapError) as caught:
        stakeholders.read_contacts(io.BytesIO(data))
    problem = caught.value.problems[0]
    assert problem.code == "too_large" and problem.location == "sheet 'people'"
    assert limit in problem.message and "工作表" in problem.message
    assert caught.value.subject == "the contact list"


def test_a_map_workbook_with_a_far_cell_is_refused(tmp_path: Path) -> None:
    group = stakeholders.loads("customer: X\npeople: [{name: Wang}]")
    stakeholders.write_xlsx(group, tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(tmp_path / "map.xlsx")
    book["lines"]["A1000000"] = "x"
    book.save(tmp_path / "map.xlsx")
    with pytest.raises(MapError) as caught:
        stakeholders.read_xlsx(tmp_path / "map.xlsx")
    assert [(p.location, p.code) for p in caught.value.problems] == [("sheet 'lines'", "too_large")]
    assert "MAX_ROWS" in caught.value.problems[0].message


def test_a_limit_can_be_raised_on_purpose(monkeypatch: pytest.MonkeyPatch) -> None:
    from stakeholders.io import limits

    data = far_cell(200_001)
    with pytest.raises(MapError, match="MAX_ROWS"):
        stakeholders.read_contacts(io.BytesIO(data))
    monkeypatch.setattr(limits, "MAX_ROWS", 300_000)
    group, _report = stakeholders.read_contacts(io.BytesIO(data))
    assert [p.name for p in group.people] == ["Wang", "x"]
    monkeypatch.setattr(limits, "MAX_COLUMNS", 10)
    with pytest.raises(MapError, match="MAX_COLUMNS"):
        stakeholders.read_contacts(io.BytesIO(far_cell(3, "K")))


def test_a_dimension_that_says_less_does_not_drop_rows() -> None:
    rows = {1: [("A", "name"), ("B", "title")], 2: [("A", "Wang")], 3: [("A", "Li"), ("B", "CFO")]}
    group, _report = stakeholders.read_contacts(io.BytesIO(workbook(rows, "A1:A2")))
    assert [(p.name, p.title) for p in group.people] == [("Wang", None), ("Li", "CFO")]


# -- 2. every failure is a MapError with a place -------------------------------------------------


def test_a_csv_field_longer_than_the_csv_module_default_is_read(tmp_path: Path) -> None:
    notes = "n" * 200_000
    (tmp_path / "list.csv").write_text(f"name,notes\nWang,{notes}\n", encoding="utf-8")
    group, report = stakeholders.read_contacts(tmp_path / "list.csv")
    assert group.people[0].notes == notes[:100_000] or report.problems


def test_a_long_csv_field_our_own_csv_holds_reads_back(tmp_path: Path) -> None:
    concerns = [f"{i:05d}" + "c" * 20_000 for i in range(8)]  # one cell of 160,000 characters
    group = BuyingGroup(customer="X", people=[{"name": "Wang", "concerns": concerns}])
    stakeholders.write_csv(group, tmp_path / "people.csv")
    again, report = stakeholders.read_contacts(tmp_path / "people.csv")
    assert again.people[0].concerns == concerns and report.ok


def test_cli_validate_of_a_long_csv_field_prints_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stakeholders.cli import main

    (tmp_path / "list.csv").write_text("name,notes\nWang," + "n" * 200_000 + "\n", encoding="utf-8")
    main(["validate", str(tmp_path / "list.csv")])
    assert "Traceback" not in capsys.readouterr().err


def _map_workbook(tmp_path: Path, header: list[Any]) -> Path:
    group = stakeholders.loads("customer: X\npeople: [{name: Wang, title: CFO}]")
    stakeholders.write_xlsx(group, tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(tmp_path / "map.xlsx")
    sheet = book["people"]
    for index, name in enumerate(header, start=sheet.max_column + 1):
        sheet.cell(1, index, name)
        sheet.cell(2, index, "v")
    book.save(tmp_path / "map.xlsx")
    return tmp_path / "map.xlsx"


@pytest.mark.parametrize(
    ("header", "code"),
    [(["name"], "duplicate_column"), (["name.1"], "column_conflict"), (["title.x"], "column_conflict")],
)
def test_read_xlsx_refuses_repeated_and_dotted_headers_with_their_place(
    tmp_path: Path, header: list[Any], code: str
) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.read_xlsx(_map_workbook(tmp_path, header))
    assert [p.code for p in caught.value.problems] == [code]
    assert "people" in caught.value.problems[0].location


@pytest.mark.parametrize("header", [[5], [datetime(2024, 5, 4)], ["private"], ["x."], [" "]])
def test_read_xlsx_with_odd_headers_gives_a_map_error(tmp_path: Path, header: list[Any]) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.read_xlsx(_map_workbook(tmp_path, header))
    assert all(p.location for p in caught.value.problems)


def test_read_xlsx_refuses_values_without_a_header(tmp_path: Path) -> None:
    path = _map_workbook(tmp_path, [])
    book = openpyxl.load_workbook(path)
    sheet = book["people"]
    sheet.cell(2, sheet.max_column + 2, "orphan")
    book.save(path)
    with pytest.raises(MapError) as caught:
        stakeholders.read_xlsx(path)
    assert [p.code for p in caught.value.problems] == ["no_header"]


@pytest.mark.parametrize(
    "columns",
    [
        ["name", "name"],
        ["name", "name.1"],
        ["name", "private", "private.phone"],
        ["name", None],
        ["name", 5],
        ["name", datetime(2024, 5, 4)],
        ["name", ""],
        ["name", "a..b"],
    ],
)
def test_from_frames_with_odd_headers_gives_a_map_error(columns: list[Any]) -> None:
    frame = pd.DataFrame([["Wang", *["v"] * (len(columns) - 1)]], columns=columns)
    with pytest.raises(MapError) as caught:
        stakeholders.from_frames(frame, customer="X")
    assert caught.value.problems


@pytest.mark.parametrize("header", ["", "5", "2024-05-04", "name.1", "None"])
def test_read_contacts_with_odd_headers_reports_them(header: str) -> None:
    text = f"name,{header},name\nWang,v,Li\n"
    group, report = stakeholders.read_contacts(io.StringIO(text))
    assert [p.name for p in group.people] == ["Wang"] and report.problems


def test_read_contacts_of_a_workbook_with_odd_headers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", None, 5, datetime(2024, 5, 4), "name"])
    sheet.append(["Wang", "a", "b", "c", "d"])
    book.save(tmp_path / "list.xlsx")
    group, report = stakeholders.read_contacts(tmp_path / "list.xlsx")
    assert [p.name for p in group.people] == ["Wang"]
    assert {p.code for p in report.problems} >= {"no_header", "unmapped_column", "duplicate_column"}


# -- 3. no formula after a line break --------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?[0-9]+")


def _physical_cells(text: str) -> list[str]:
    """The cells as a reader that splits records at any line break and cells at commas sees them."""
    return [cell for line in re.split(r"\r\n|\r|\n", text) for cell in line.split(",")]


@pytest.mark.parametrize(
    "title", ["CFO\r=1+1", "CFO\n=1+1", "CFO\r\n@SUM(A1)", "a\r\r+1", "x\n\t=cmd|' /C calc'!A0", "a\r-2+3"]
)
def test_a_line_break_never_starts_a_formula_and_reads_back(tmp_path: Path, title: str) -> None:
    group = BuyingGroup(customer="X", people=[{"name": "Wang", "title": title}, {"name": "Li", "title": "CTO"}])
    stakeholders.write_csv(group, tmp_path / "people.csv")
    raw = (tmp_path / "people.csv").read_bytes().decode("utf-8-sig")
    starting = [c.strip('"') for c in _physical_cells(raw) if c.lstrip('"').startswith(("=", "+", "@", "\t", "-"))]
    assert not [c for c in starting if not _NUMBER.fullmatch(c)]  # a plain number such as +1 is left as it is
    records = list(csv.reader(io.StringIO(raw, newline="")))
    assert len(records) == 3  # the header and two people: a carriage return does not end a record
    again, report = stakeholders.read_contacts(tmp_path / "people.csv")
    assert [p.title for p in again.people] == [title, "CTO"] and report.ok


def test_csv_records_end_with_crlf_and_every_cell_holding_a_break_is_quoted(tmp_path: Path) -> None:
    group = BuyingGroup(customer="X", people=[{"name": "Wang", "title": "a\rb", "notes": "c\nd"}])
    stakeholders.write_csv(group, tmp_path / "people.csv")
    raw = (tmp_path / "people.csv").read_bytes().decode("utf-8-sig")
    assert raw.endswith("\r\n") and '"a\rb"' in raw and '"c\nd"' in raw


def test_xlsx_never_holds_a_formula(tmp_path: Path) -> None:
    texts = ["=1+1", "CFO\r=1+1", "@SUM(A1)", "+1", "=json:x"]
    group = BuyingGroup(customer="=X", people=[{"name": t, "title": t, "notes": t} for t in texts])
    stakeholders.write_xlsx(group, tmp_path / "map.xlsx")
    with zipfile.ZipFile(tmp_path / "map.xlsx") as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not [s for s in sheets if b"<f>" in s or b"<f " in s]
    assert stakeholders.read_xlsx(tmp_path / "map.xlsx") == group


# -- 4. our own tables read back every text the model accepts --------------------------------------

AWKWARD = [
    "nan", "NaN", "None", "none", "null", "NULL", "NA", "N/A", "n/a", "~", "-", "—", "/", "无", "没有", "",
    " ", "  ", "\t", "007", "0123", "1e5", "-3", "TRUE", "false", "12345678901234567890", "a, b", "a; b",
    "a、b", '["x"]', "[x]", "x\ny", "x\r\ny", "CFO\r=1+1", "  lead", "trail  ", "'=1", "=json:\"x\"", "e\u0301",
    "2024-05-04", "是",
]  # fmt: skip

_texts = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.lists(st.sampled_from([*AWKWARD, "x", " ", "\r", "\n", ",", '"', "'", "="]), max_size=4).map("".join),
)
_names = _texts.filter(lambda t: t.strip() != "" and t.strip() == t)


def _xml_safe(text: str) -> bool:
    return not re.search("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", text)


def _group(name: str, text: str, unit: str) -> BuyingGroup:
    return BuyingGroup(
        customer="X",
        opportunity=text,
        units=[{"id": "u", "name": unit}],
        competitors=[{"id": "c", "name": unit}],
        people=[
            {
                "id": "w",
                "name": name,
                "title": text,
                "notes": text,
                "background": text,
                "concerns": [text, "x"],
                "unit": "u",
                "favours": "c",
                "private": {"phone": text, "hobbies": [text]},
                "judgements": {"stance": {"confidence": "likely", "evidence": text}},
            },
            {"name": "Li", "reports_to": "w", "dotted_line_to": ["w"]},
        ],
    )


def _people(group: BuyingGroup) -> list[tuple[Any, ...]]:
    return [
        (p.name, p.title, p.notes, p.background, p.concerns, p.private, p.judgements, p.reports_to, p.dotted_line_to)
        for p in group.people
    ]


def _check_csv(group: BuyingGroup, path: Path) -> None:
    stakeholders.write_csv(group, path)
    again, report = stakeholders.read_contacts(path)
    assert _people(again) == _people(group), report.text()
    assert [u.name for u in again.units] == [u.name for u in group.units]
    assert [c.name for c in again.competitors] == [c.name for c in group.competitors]
    assert again.opportunity == group.opportunity
    assert report.ok, report.text()


def _check_xlsx(group: BuyingGroup, path: Path) -> None:
    stakeholders.write_xlsx(group, path)
    assert stakeholders.read_xlsx(path) == group
    again, report = stakeholders.read_contacts(path)
    assert _people(again) == _people(group), report.text()
    assert report.ok, report.text()


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_texts_read_back_from_our_csv_and_xlsx(tmp_path: Path, text: str) -> None:
    name = text if text.strip() and text.strip() == text else "Wang"
    unit = name if unicodedata.normalize("NFC", name) == name else "U"
    group = _group(name, text, unit)
    _check_csv(group, tmp_path / "people.csv")
    _check_xlsx(group, tmp_path / "map.xlsx")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_names, text=_texts, unit=_names)
def test_any_text_the_model_accepts_reads_back_from_our_tables(tmp_path: Path, name: str, text: str, unit: str) -> None:
    try:
        group = _group(name, text, unit)
    except MapError:
        return  # not a text the model accepts there (e.g. an underivable id)
    _check_csv(group, tmp_path / "people.csv")
    if _xml_safe(name) and _xml_safe(unit):
        _check_xlsx(group, tmp_path / "map.xlsx")


def test_missing_means_an_empty_cell_in_a_hand_made_csv() -> None:
    text = "name,title,notes,unit\nWang,,   ,-\nLi,nan,None,无\n"
    group, _report = stakeholders.read_contacts(io.StringIO(text))
    assert [(p.title, p.notes, p.unit) for p in group.people] == [(None, None, None), ("nan", "None", None)]


# -- 5. merged cells and formulas without a saved value are reported ---------------------------------


def _list_with_merged_and_formula(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "people"
    sheet.append(["name", "unit", "title"])
    sheet.append(["Wang", "Sales", '=UPPER("cfo")'])  # openpyxl saves a formula without a value
    sheet.append(["Li", None, "CTO"])
    sheet.merge_cells("B2:B3")
    book.save(path)
    return path


def test_contact_import_reports_merged_cells_and_unsaved_formulas_with_their_place(tmp_path: Path) -> None:
    group, report = stakeholders.read_contacts(_list_with_merged_and_formula(tmp_path / "list.xlsx"))
    assert [(p.name, p.title, p.unit) for p in group.people] == [("Wang", None, "sales"), ("Li", "CTO", None)]
    warned = {(p.row, p.column, p.code): p.message for p in report.warnings}
    assert "formula without a saved value" in warned[(2, "title", "cell_read_empty")]
    assert "cell C2" in warned[(2, "title", "cell_read_empty")] and "公式" in warned[(2, "title", "cell_read_empty")]
    assert "merged with B2:B3" in warned[(2, "unit", "cell_read_empty")]
    assert "sheet 'people', cell B2" in warned[(2, "unit", "cell_read_empty")]


def test_read_xlsx_warns_of_merged_cells_and_unsaved_formulas(tmp_path: Path) -> None:
    from stakeholders.io.sheets import SheetNote

    group = stakeholders.loads("customer: X\npeople: [{name: Wang}, {name: Li}]")
    stakeholders.write_xlsx(group, tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(tmp_path / "map.xlsx")
    sheet = book["people"]
    column = [c.value for c in sheet[1]].index("title") + 1
    sheet.cell(2, column, "=1+1")
    sheet.merge_cells(start_row=2, start_column=column + 1, end_row=3, end_column=column + 1)
    book.save(tmp_path / "map.xlsx")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = stakeholders.read_xlsx(tmp_path / "map.xlsx")
    notes = [str(w.message) for w in caught if issubclass(w.category, SheetNote)]
    assert again.people[0].title is None
    assert any("sheet 'people'" in n and "formula without a saved value" in n for n in notes), notes
    assert any("merged with" in n for n in notes), notes


def test_a_formula_with_a_saved_value_is_read_without_a_warning() -> None:
    saved = '<c r="B2"><f>1+1</f><v>2</v></c>'
    data = workbook({1: [("A", "name"), ("B", "title")], 2: [("A", "Wang"), ("B", saved)]}, None)
    group, report = stakeholders.read_contacts(io.BytesIO(data))
    assert group.people[0].title == "2"
    assert not [p for p in report.problems if p.code == "cell_read_empty"]

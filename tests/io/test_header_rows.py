"""Header rows below titles: found in a contact list (XLSX, CSV) and in a map workbook, or given as ``header_row``.

Issue 13: an XLSX with a merged title row above the header took the title as the header.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import stakeholders
from stakeholders import MapError

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("pandas")

_HEADER = ["姓名", "职位", "上级", "角色", "立场"]
_ROWS = [["周总", "总经理", None, "决策者", "中立者"], ["李工", "总工程师", "周总", "技术评估者", "支持者"]]


def _contact_list(titles: list[list[Any]], *, merged: bool = True, blank_between: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for title in titles:
        sheet.append(title)
        if merged and len(title) == 1:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=len(_HEADER))
    if blank_between:
        sheet.append([])
        sheet.append([None])
    for row in [_HEADER, *_ROWS]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _people(group: stakeholders.BuyingGroup) -> list[tuple[Any, ...]]:
    return [(p.name, p.title, p.reports_to, [r.value for r in p.roles], p.stance.value) for p in group.people]


_EXPECTED = [
    ("周总", "总经理", None, ["decider"], "neutral"),
    ("李工", "总工程师", "周总", ["technical_evaluator"], "supporter"),
]


def test_a_merged_title_row_above_the_header_is_skipped_and_said() -> None:
    data = _contact_list([["华西厂 客户组织名单（2026年3月）"]])
    group, report = stakeholders.read_contacts(io.BytesIO(data), customer="华西厂")
    assert _people(group) == _EXPECTED
    assert report.ok and report.mapping == "zh" and report.rows == 2
    titles = [p for p in report.warnings if p.code == "title_rows"]
    assert len(titles) == 1 and "row 1" in titles[0].message and "第 1 行" in titles[0].message
    assert not [p for p in report.problems if p.code in ("cell_read_empty", "unmapped_column")]  # the merged title
    assert group.person("李工").notes is None


def test_several_title_rows_with_several_cells_and_blank_rows() -> None:
    titles = [["客户：华西厂", None, None, "日期：2026-03-01"], ["机密 内部使用"]]
    data = _contact_list(titles, merged=False, blank_between=True)
    group, report = stakeholders.read_contacts(io.BytesIO(data), customer="华西厂")
    assert _people(group) == _EXPECTED
    assert "rows 1–2" in next(p.message for p in report.warnings if p.code == "title_rows")


def test_rows_are_still_numbered_as_excel_shows_them() -> None:
    data = _contact_list([["名单"], ["2026"]])
    rows = [["周总", "总经理", None, "决策者", "支持着"]]
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.active.append(rows[0])
    buffer = io.BytesIO()
    book.save(buffer)
    _, report = stakeholders.read_contacts(io.BytesIO(buffer.getvalue()), customer="X")
    assert [(p.row, p.column) for p in report.errors] == [(6, "立场")]


def test_a_csv_with_a_title_line() -> None:
    text = "华西厂 联系人\n" + "\n".join(",".join(c or "" for c in row) for row in [_HEADER, *_ROWS]) + "\n"
    group, report = stakeholders.read_contacts(io.StringIO(text), customer="华西厂")
    assert _people(group) == _EXPECTED
    assert [p.code for p in report.warnings] == ["title_rows"]


def test_the_header_row_given_counts_as_excel_does() -> None:
    data = _contact_list([["Contacts"], ["name", "title"]], merged=False)  # a decoy header in row 2
    group, report = stakeholders.read_contacts(io.BytesIO(data), customer="X", header_row=3)
    assert _people(group) == _EXPECTED
    assert "rows 1–2" in next(p.message for p in report.warnings if p.code == "title_rows")
    with pytest.raises(MapError, match="no column holds the name"):
        stakeholders.read_contacts(io.BytesIO(data), customer="X", header_row=1)


@pytest.mark.parametrize("header_row", [0, -1, True, 1.5, "3"])
def test_a_header_row_that_is_not_a_row_number_is_refused(header_row: Any) -> None:
    with pytest.raises(ValueError, match="from 1"):
        stakeholders.read_contacts(io.BytesIO(_contact_list([])), header_row=header_row)


@pytest.mark.parametrize("header_row", [50, 2])
def test_a_header_row_that_is_blank_or_past_the_end_is_an_error(header_row: int) -> None:
    data = _contact_list([["Title"]], blank_between=True)  # row 2 is blank
    with pytest.raises(MapError, match=f"row {header_row} is empty") as caught:
        stakeholders.read_contacts(io.BytesIO(data), customer="X", header_row=header_row)
    assert "表头" in str(caught.value)


def test_without_titles_nothing_changes() -> None:
    group, report = stakeholders.read_contacts(io.BytesIO(_contact_list([])), customer="X")
    assert _people(group) == _EXPECTED and not report.problems


_TITLE = st.text(alphabet="华西厂客户组织名单年月日机密内部 0123456789-：", min_size=1, max_size=20).filter(str.strip)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(_TITLE | st.none(), min_size=1, max_size=6), max_size=5), st.booleans())
def test_any_title_rows_above_the_header_are_skipped(titles: list[list[str | None]], merged: bool) -> None:
    data = _contact_list(titles, merged=merged)
    group, report = stakeholders.read_contacts(io.BytesIO(data), customer="X")
    assert _people(group) == _EXPECTED
    assert report.ok and report.rows == 2
    assert any(p.code == "title_rows" for p in report.warnings) == any(any(c for c in t) for t in titles)


def _map_workbook_with_titles(tmp_path: Path, group: stakeholders.BuyingGroup, rows: int) -> Path:
    path = tmp_path / "map.xlsx"
    stakeholders.write_xlsx(group, path)
    book = openpyxl.load_workbook(path)
    sheet = book["people"]
    sheet.insert_rows(1, rows)
    sheet.cell(1, 1, "People of the map")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    book.save(path)
    return path


def test_a_map_workbook_with_a_title_above_a_sheet_reads_back(
    tmp_path: Path, small_group: stakeholders.BuyingGroup
) -> None:
    from stakeholders.io.sheets import SheetNote

    path = _map_workbook_with_titles(tmp_path, small_group, 2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert stakeholders.read_xlsx(path) == small_group
    notes = [str(w.message) for w in caught if issubclass(w.category, SheetNote)]
    assert len(notes) == 1 and "sheet 'people'" in notes[0] and "row 1" in notes[0], notes
    with warnings.catch_warnings(), pytest.raises(MapError):  # row 1, the title, is no header of the people table
        warnings.simplefilter("ignore")
        stakeholders.read_xlsx(path, header_row=1)


def test_a_map_workbook_header_row_is_given_for_every_sheet(tmp_path: Path) -> None:
    group = stakeholders.loads("customer: X\npeople: [{name: Wang}]")
    path = tmp_path / "map.xlsx"
    stakeholders.write_xlsx(group, path)
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        sheet.insert_rows(1, 1)
        sheet.cell(1, 1, "title")
    book.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert stakeholders.read_xlsx(path, header_row=2) == group
        assert stakeholders.io.read(path, header_row=2) == group

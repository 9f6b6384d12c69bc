"""Contact lists in: CSV and Excel, column mappings, the report; nothing dropped silently."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import stakeholders
from stakeholders import ColumnMapping, ImportReport, MappingError, Role, Stance, read_contacts
from stakeholders.io.contacts import PRESETS, TARGETS, load_mapping

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "contacts_zh.csv"


def read(text: str, **options: Any) -> tuple[stakeholders.BuyingGroup, ImportReport]:
    options.setdefault("customer", "X")
    return read_contacts(io.StringIO(text), **options)


def codes(report: ImportReport) -> list[str]:
    return [p.code for p in report.problems]


# -- the example list --------------------------------------------------------


def test_example_list_reads_without_problems() -> None:
    group, report = read_contacts(EXAMPLE)
    assert report.ok and report.problems == []
    assert report.mapping == "zh"
    assert (report.rows, report.people) == (16, 16)
    assert group.customer == "西南航空精密部件有限公司"
    assert group.opportunity == "钛合金机匣激光焊接工作站（3台）"
    boss = group.person("周振华")
    assert boss.roles == [Role.DECIDER]
    assert boss.stance is Stance.NEUTRAL
    assert boss.contacted is False
    chen = group.person("陈志强")
    assert chen.roles == [Role.TECHNICAL_EVALUATOR, Role.USER]
    assert chen.reports_to == "吴建平"
    assert group.unit(chen.unit or "").name == "设备部"
    wang = group.person("王立新")
    assert wang.insider is stakeholders.Insider.COACH
    assert wang.last_contact == date(2026, 11, 12)
    assert wang.concerns == ["工艺稳定性", "焊缝一次合格率"]
    assert wang.private.phone == "138-0000-0105"
    assert group.competitor(group.person("赵刚").favours or "").name == "海克激光"
    assert group.person("郑海燕").stance is Stance.UNKNOWN


def test_example_list_as_xlsx_reads_the_same(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import csv

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with EXAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    workbook.save(tmp_path / "contacts.xlsx")
    group, report = read_contacts(tmp_path / "contacts.xlsx")
    assert report.ok
    assert group == read_contacts(EXAMPLE)[0]


def test_xlsx_cells_of_other_types(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from datetime import datetime

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["姓名", "已接触", "最近接触", "电话"])
    sheet.append(["王总", True, datetime(2026, 5, 4), 13800000001])
    workbook.create_sheet("其他")
    workbook.save(tmp_path / "list.xlsx")
    group, _ = read_contacts(tmp_path / "list.xlsx", customer="X", sheet="名单")
    person = group.person("王总")
    assert (person.contacted, person.last_contact, person.private.phone) == (True, date(2026, 5, 4), "13800000001")
    with pytest.raises(ValueError, match="no sheet 'missing'"):
        read_contacts(tmp_path / "list.xlsx", customer="X", sheet="missing")


@pytest.mark.parametrize(
    ("encoding", "separator"), [("utf-8", ","), ("utf-8-sig", ","), ("gb18030", ","), ("utf-16", "\t"), ("utf-8", ";")]
)
def test_encodings_and_separators(encoding: str, separator: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8-sig")
    if separator != ",":
        import csv

        out = io.StringIO()
        csv.writer(out, delimiter=separator, lineterminator="\n").writerows(csv.reader(io.StringIO(text)))
        text = out.getvalue()
    group, report = read_contacts(io.BytesIO(text.encode(encoding)))
    assert group == read_contacts(EXAMPLE)[0]
    assert codes(report) == (["encoding"] if encoding == "gb18030" else [])


# -- Salesforce -----------------------------------------------------------------

MARIA, TOM = "0035g00000AbCdE", "0035g00000BbCdE"  # fictitious 15-character ids
SF_HEADER = "Contact ID,First Name,Last Name,Title,Reports To,Role,Account Name,Opportunity Name,Lead Source\n"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("Business User", ["user"]),
        ("Decision Maker", ["decider"]),
        ("Economic Buyer", ["decider"]),
        ("Economic Decision Maker", ["decider"]),
        ("Technical Buyer", ["technical_evaluator"]),
        ("Evaluator", []),
        ("Executive Sponsor", []),
        ("Influencer", []),
        ("Other", []),
    ],
)
def test_salesforce_standard_roles(role: str, expected: list[str]) -> None:
    text = SF_HEADER + f"{MARIA},Maria,Lopez,COO,,{role},Acme,Retrofit,Web\n"
    group, report = read_contacts(io.StringIO(text), mapping="salesforce")
    person = group.person("maria_lopez")
    assert person.name == "Maria Lopez"
    assert [r.value for r in person.roles] == expected
    assert (group.customer, group.opportunity) == ("Acme", "Retrofit")
    assert report.ignored == ["Lead Source"]
    assert f"Salesforce id: {MARIA}AAV" in (person.notes or "")
    if expected:
        assert report.problems == []
    else:
        (problem,) = report.problems
        assert (problem.row, problem.column, problem.severity) == (2, "Role", "warning")
        assert f"Role: {role}" in (person.notes or "")


def test_salesforce_contact_with_two_roles_is_one_person() -> None:
    text = SF_HEADER + (
        f"{MARIA},Maria,Lopez,COO,,Economic Buyer,Acme,Retrofit,\n"
        f"{TOM},Tom,Baker,Engineer,Maria Lopez,Technical Buyer,Acme,Retrofit,\n"
        f"{TOM},Tom,Baker,Engineer,Maria Lopez,Business User,Acme,Retrofit,\n"
    )
    group, report = read_contacts(io.StringIO(text))
    assert report.mapping == "salesforce"
    tom = group.person("Tom Baker")
    assert tom.roles == [Role.TECHNICAL_EVALUATOR, Role.USER]
    assert tom.reports_to == group.person("Maria Lopez").id == "maria_lopez"  # ids from the names
    assert codes(report) == ["merged"]


def test_chinese_names_from_first_and_last_name() -> None:
    group, _ = read_contacts(io.StringIO(SF_HEADER + f"{MARIA},伟,王,总经理,,,X,,\n"), mapping="salesforce")
    assert group.people[0].name == "王伟"


# -- the report: row, column, problem -------------------------------------------


def test_bad_cells_are_reported_with_row_and_column_and_kept_in_notes() -> None:
    text = "姓名,立场,性格,已接触,最近接触\n王总,支持着,X型,也许,2026-13-01\n李工,支持者,C型,是,2026/5/4\n"
    group, report = read(text)
    assert not report.ok
    found = {(p.row, p.column, p.code) for p in report.problems}
    assert found == {(2, "立场", "invalid_value"), (2, "性格", "invalid_value"), (2, "已接触", "invalid_value")} | {
        (2, "最近接触", "invalid_value")
    }
    notes = group.person("王总").notes or ""
    for kept in ("立场: 支持着", "性格: X型", "已接触: 也许", "最近接触: 2026-13-01"):
        assert kept in notes
    li = group.person("李工")
    assert (li.stance, li.contacted, li.last_contact) == (Stance.SUPPORTER, True, date(2026, 5, 4))
    text_report = report.text()
    assert "row 2, column '立场': error: unknown stance '支持着'" in text_report


def test_rows_without_a_name_and_unknown_columns_are_reported() -> None:
    text = "姓名,职位,微信号\n王总,总经理,wz123\n,工程师,\n\n李工,,\n"
    group, report = read(text)
    assert [p.name for p in group.people] == ["王总", "李工"]
    problems = {(p.row, p.column, p.code, p.severity) for p in report.problems}
    assert (None, "微信号", "unmapped_column", "warning") in problems
    assert (3, None, "no_name", "error") in problems
    assert report.rows == 3  # blank rows are not data


def test_a_file_without_a_name_column_is_refused() -> None:
    with pytest.raises(ValueError, match="no column holds the name"):
        read("职位,部门\n总经理,办公室\n")


def test_manager_without_a_row_is_added_and_a_typo_is_not() -> None:
    text = "姓名,上级\n王总,集团董事长\n李工,王总\nMaria Lopez,王总\nTom,Maria Lopz\n"
    group, report = read(text)
    assert group.person("李工").reports_to == "王总"
    assert group.person("王总").reports_to == "集团董事长"
    assert group.person("集团董事长").name == "集团董事长"
    assert group.person("tom").reports_to is None
    by_code = {p.code: p for p in report.problems}
    assert (by_code["added_person"].row, by_code["added_person"].severity) == (2, "warning")
    assert "did you mean 'Maria Lopez'" in by_code["unknown_person"].message
    assert "上级: Maria Lopz" in (group.person("tom").notes or "")


def test_a_reporting_cycle_is_reported_not_fatal() -> None:
    group, report = read("姓名,上级\nA,B\nB,A\nC,A\n")
    assert {p.code for p in report.errors} == {"reporting_cycle"}
    assert group.person("c").reports_to == "a"


def test_words_of_another_field_move_there() -> None:
    group, report = read("姓名,角色\nA,Champion\nB,Coach; Technical Buyer\n")
    assert group.person("a").stance is Stance.MENTOR
    assert group.person("b").insider is stakeholders.Insider.COACH
    assert group.person("b").roles == [Role.TECHNICAL_EVALUATOR]
    assert codes(report) == ["moved", "moved"]


def test_conflicting_values_of_one_person_are_reported() -> None:
    group, report = read("姓名,立场\n王总,支持者\n王总,反对者\n")
    assert group.person("王总").stance is Stance.SUPPORTER
    assert {p.code for p in report.problems} == {"merged", "conflict"}


def test_customer_from_the_file_name_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "华西厂.csv"
    path.write_text("姓名\n王总\n", encoding="utf-8")
    group, report = read_contacts(path)
    assert group.customer == "华西厂"
    assert codes(report) == ["no_customer"]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12), min_size=1))
def test_nothing_is_dropped_silently(stances: list[str]) -> None:
    """Every stance cell is read into the person, or reported at its row and column (and kept or moved)."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["姓名", "立场"])
    for index, stance in enumerate(stances):
        writer.writerow([f"人{index}", stance])
    group, report = read(out.getvalue())
    reported = {(p.row, p.column) for p in report.problems}
    for index, stance in enumerate(stances):
        person = group.person(f"人{index}")
        if stance.strip() == "" or person.stance is not Stance.UNKNOWN:
            continue
        try:
            if Stance.parse(stance) is Stance.UNKNOWN:
                continue
        except ValueError:
            pass
        assert (index + 2, "立场") in reported, stance
        moved = {(p.row, p.code) for p in report.problems} & {(index + 2, "moved")}
        # Moved to its field (e.g. a role), or kept in the notes (cells are read NFKC-normalised).
        kept = unicodedata.normalize("NFKC", stance.strip()) in unicodedata.normalize("NFKC", person.notes or "")
        assert moved or kept


# -- mappings ---------------------------------------------------------------------


def test_a_mapping_file_extends_a_preset(tmp_path: Path) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text("base: zh\ncolumns:\n  客户姓名: name\n  小组: null\nvalues:\n  roles: {老板: decider}\n", "utf-8")
    mapping = load_mapping(path)
    assert mapping.target("客户姓名") == (True, "name")
    assert mapping.target("职位") == (True, "title")
    group, report = read("客户姓名,角色,小组\n王总,老板,A\n", mapping=path)
    assert group.person("王总").roles == [Role.DECIDER]
    assert report.ignored == ["小组"]


def test_headers_match_without_case_spaces_or_punctuation() -> None:
    mapping = PRESETS["salesforce"]
    assert mapping.target("first_name") == (True, "first_name")
    assert mapping.target(" FIRST NAME: ") == (True, "first_name")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"columns": {"姓名": "nmae"}}, "unknown target field"),
        ({"base": "nope"}, "unknown mapping 'nope'"),
        ("nope", "unknown mapping 'nope'"),
        ({"columns": {}, "colums": {}}, "colums"),
    ],
)
def test_bad_mappings_are_refused_clearly(spec: Any, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        load_mapping(spec)


def test_every_preset_maps_only_to_known_targets() -> None:
    for preset in PRESETS.values():
        assert isinstance(preset, ColumnMapping)
        assert {t for t in preset.columns.values() if t is not None} <= set(TARGETS)
        assert "name" in preset.columns.values()


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2026-05-04", "ymd", date(2026, 5, 4)),
        ("2026/5/4", "ymd", date(2026, 5, 4)),
        ("2026年5月4日", "ymd", date(2026, 5, 4)),
        ("5/4/2026", "mdy", date(2026, 5, 4)),
        ("4/5/2026", "dmy", date(2026, 5, 4)),
        ("2026-05-04T10:00:00", "ymd", date(2026, 5, 4)),
    ],
)
def test_dates(text: str, order: str, expected: date) -> None:
    mapping = load_mapping({"base": "zh", "dates": order})
    group, report = read(f"姓名,最近接触\nA,{text}\n", mapping=mapping)
    assert report.ok, report.text()
    assert group.people[0].last_contact == expected


def test_ambiguous_date_is_reported() -> None:
    _, report = read("姓名,最近接触\nA,5/4/2026\n")
    assert "ambiguous date" in report.errors[0].message


def test_csv_written_by_the_library_reads_back(tmp_path: Path) -> None:
    group = read_contacts(EXAMPLE)[0]
    stakeholders.write_csv(group, tmp_path / "people.csv")
    again, report = read_contacts(tmp_path / "people.csv")
    assert report.mapping == "stakeholders" and report.problems == []
    assert again == group


FORMULAS = ["=1+1", '=HYPERLINK("http://x","点我")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "'=already", "'-3", "'x"]


@pytest.mark.parametrize("name", FORMULAS)
def test_csv_cells_never_start_a_formula_and_read_back(tmp_path: Path, name: str) -> None:
    """CSV injection: a text a spreadsheet would run as a formula is written with a leading quote."""
    group = stakeholders.BuyingGroup(customer="=CMD()", people=[{"name": name, "title": "-3"}, {"name": "B"}])
    path = tmp_path / "people.csv"
    stakeholders.write_csv(group, path)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    for cell in (cell for row in rows[1:] for cell in row):
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not cell.startswith("-") or cell == "-3", cell  # numbers stay numbers
    again, report = read_contacts(path)
    assert report.problems == []
    assert again == group


@given(st.text(alphabet=st.sampled_from("=+-@'\t\r1.e李 _３infa"), max_size=8))
def test_any_text_survives_the_formula_guard(text: str) -> None:
    from stakeholders.io.cells import formula_safe, unquoted_formula as _unquoted_formula

    written = formula_safe(text)
    assert _unquoted_formula(written) == text
    if written.startswith(("=", "+", "-", "@", "\t", "\r")):  # only a plain ASCII number may start like a formula
        assert re.fullmatch(r"[+-][0-9.]+(e[+-]?[0-9]+)?", written), written


@pytest.mark.parametrize("text", ["-inf", "+nan", "-1_000", "-３", "+Infinity"])
def test_only_ascii_numbers_are_left_unquoted(text: str) -> None:
    from stakeholders.io.contacts import formula_safe

    assert formula_safe(text) == "'" + text
    assert formula_safe("-12.5e3") == "-12.5e3"


@given(
    st.lists(
        st.text(alphabet=st.sampled_from("=+-@'1a李 ,，、;[]\"/|"), min_size=1, max_size=6).map(str.strip).filter(bool),
        min_size=1,
        max_size=3,
        unique=True,  # the reader merges repeated items
    )
)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_list_cells_are_guarded_and_read_back(tmp_path: Path, concerns: list[str]) -> None:
    """A list is one CSV cell (``a; b``, or a JSON array when separators are in the items): it reads back
    item for item, and its first item could start a formula too."""
    group = stakeholders.BuyingGroup(
        customer="C", people=[{"name": "A", "concerns": concerns, "private": {"hobbies": concerns}}]
    )
    path = tmp_path / "list.csv"
    stakeholders.write_csv(group, path)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    starts = [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@"))]
    assert all(re.fullmatch(r"[+-][0-9]+", cell) for cell in starts), starts  # a number is no formula
    again, report = read_contacts(path)
    assert report.problems == [], report.text()
    assert again.people[0].concerns == group.people[0].concerns
    assert again.people[0].private.hobbies == group.people[0].private.hobbies


def test_the_import_report_escapes_what_it_quotes() -> None:
    """A cell with terminal escapes or bidi overrides never reaches the terminal raw through the report."""
    _, report = read("姓名,立场\nA,\x1b[2J支持着\u202e\n")
    assert report.problems, report
    for text in (report.text(), str(report), str(report.problems[0])):
        assert "\x1b" not in text and "\u202e" not in text, text
        assert "\\x1b[2J" in text


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("dup.yaml", "columns:\n  Name: name\n  Name: title\n", "line 3: duplicate key 'Name'"),
        (
            "bomb.yaml",
            "a: &l0 [x,x,x,x,x,x,x,x,x]\n"
            + "".join(f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 7)),
            "alias",
        ),
        ("bad.json", "{bad", "line 1: not valid JSON"),
    ],
    ids=["duplicate key", "alias bomb", "broken JSON"],
)
def test_mapping_files_are_parsed_as_safely_as_map_files(tmp_path: Path, name: str, text: str, expected: str) -> None:
    """A mapping file goes through the map files' parser: size limit, alias bombs, duplicate keys, a line."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError, match=re.escape(f"{path}: not valid JSON or YAML: ") + ".*" + re.escape(expected)):
        load_mapping(str(path))


def test_a_list_cell_keeps_a_repeated_item_as_the_map_does() -> None:
    """Our CSV of a person with concerns ['nan', 'nan'] reads back with both: only other rows are merged."""
    group = stakeholders.BuyingGroup(customer="X", people=[{"name": "A", "concerns": ["nan", "nan"]}])
    buffer = io.StringIO()
    stakeholders.write_csv(group, buffer)
    again, _ = read_contacts(io.BytesIO(buffer.getvalue().encode()), customer="X")
    assert again.people[0].concerns == ["nan", "nan"]

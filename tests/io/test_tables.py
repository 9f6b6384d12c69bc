"""Tables: the map and its analysis as DataFrames; a map built back from tables; Excel and CSV files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import groups

import stakeholders
from stakeholders import BuyingGroup, MapError, from_frames, to_frame, to_frames
from stakeholders.io.tables import ANALYSIS_TABLES, MAP_TABLES, decode_list, encode_list

pd = pytest.importorskip("pandas")


def test_people_table(small_group: BuyingGroup) -> None:
    frame = to_frame(small_group)
    assert list(frame["id"]) == [p.id for p in small_group.people]
    wang = frame.set_index("id").loc["wang"]
    assert wang["roles"] == ["technical_evaluator", "user"]
    assert wang["stance"] == "mentor"
    assert wang["insider"] == "coach"
    assert wang["judgements.stance.confidence"] == "confirmed"
    assert frame.set_index("id").loc["赵工", "private.hobbies"] == ["fishing"]
    assert frame["stance"].map(lambda s: isinstance(s, str)).all()  # ids, not enum objects


def test_redacted_tables_leave_out_insiders_and_private_data(small_group: BuyingGroup) -> None:
    frame = to_frame(small_group, redact=True)
    assert frame["insider"].isna().all()
    assert frame["private.birthday"].isna().all() and frame["private.hobbies"].map(len).eq(0).all()


def test_edges_table_has_every_line(small_group: BuyingGroup) -> None:
    edges = to_frame(small_group, "edges")
    assert len(edges) == sum(1 for _ in small_group.iter_lines())
    assert set(edges["kind"]) == {"reports_to", "dotted_line", "influence", "delegation"}


@pytest.mark.parametrize("what", MAP_TABLES)
def test_every_map_table(any_group: BuyingGroup, what: str) -> None:
    frame = to_frame(any_group, what)
    expected = 1 if what == "group" else len(getattr(any_group, what))
    assert len(frame) == expected


@pytest.mark.parametrize("what", ANALYSIS_TABLES)
def test_every_analysis_table(any_group: BuyingGroup, what: str) -> None:
    analysis = stakeholders.analyze(any_group)
    frame = to_frame(analysis, what)
    assert isinstance(frame, pd.DataFrame)
    if what == "influence":
        assert list(frame["person"]) == [s.person for s in analysis.influence]
        assert frame["score"].dtype.kind == "f"
        assert frame["rank"].is_monotonic_increasing
    if what == "flags":
        assert list(frame["code"]) == [f.code for f in analysis.flags]


def test_unknown_table_is_refused(small_group: BuyingGroup) -> None:
    with pytest.raises(ValueError, match="unknown table 'peple'"):
        to_frame(small_group, "peple")
    with pytest.raises(ValueError, match="unknown analysis table"):
        to_frame(stakeholders.analyze(small_group), "people")
    with pytest.raises(TypeError):
        to_frame("not a group")  # type: ignore[arg-type]


def test_frames_round_trip(any_group: BuyingGroup) -> None:
    assert from_frames(to_frames(any_group)) == any_group


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(groups())
def test_frames_round_trip_of_generated_maps(group: BuyingGroup) -> None:
    assert from_frames(to_frames(group)) == group


def test_xlsx_round_trip(any_group: BuyingGroup, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    stakeholders.write_xlsx(any_group, tmp_path / "map.xlsx")
    assert stakeholders.read_xlsx(tmp_path / "map.xlsx") == any_group
    sheets = pd.read_excel(tmp_path / "map.xlsx", sheet_name=None)
    assert list(sheets) == list(MAP_TABLES)


def test_a_workbook_that_is_not_a_map_is_refused(tmp_path: Path) -> None:
    pd.DataFrame({"姓名": ["王总"]}).to_excel(tmp_path / "list.xlsx", index=False)
    with pytest.raises(ValueError, match="read_contacts"):
        stakeholders.read_xlsx(tmp_path / "list.xlsx")


def test_people_table_through_csv_text(small_group: BuyingGroup) -> None:
    """A table that went through CSV (NaN for empty cells, lists as text) builds the same people."""
    frames = {
        name: pd.read_csv(io.StringIO(_cells(frame).to_csv(index=False)))
        for name, frame in to_frames(small_group).items()
    }
    again = from_frames(frames)
    assert [p.model_dump() for p in again.people] == [p.model_dump() for p in small_group.people]


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    from stakeholders.io.tables import _cells as cells

    return cells(frame)


def test_a_single_people_table_with_a_customer() -> None:
    frame = pd.DataFrame(
        {"name": ["王总", "李工"], "reports_to": [None, "王总"], "roles": ["决策者", "技术评估者; 使用者"]}
    )
    group = from_frames(frame, customer="X")
    assert group.person("李工").reports_to == "王总"
    assert [r.value for r in group.person("李工").roles] == ["technical_evaluator", "user"]


def test_problems_name_the_row(small_group: BuyingGroup) -> None:
    frames = to_frames(small_group)
    frames["people"].loc[2, "stance"] = "frend"
    with pytest.raises(MapError) as caught:
        from_frames(frames)
    assert [p.location for p in caught.value.problems] == ["people[2].stance"]


@pytest.mark.parametrize(
    "items", [[], ["a"], ["a", "b"], ["a;b", "c"], [" x "], ["[draft]"], ['["x"]'], ["a", ""], ["价格、付款"]]
)
def test_list_cells_read_back(items: list[str]) -> None:
    text = encode_list(items)
    assert decode_list(text) == items or (items == [] and decode_list(text) == [])


def test_importing_tables_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = "import sys, stakeholders.io.tables, stakeholders.io.contacts; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"

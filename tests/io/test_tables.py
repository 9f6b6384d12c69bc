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
    assert list(frame.index) == [p.id for p in small_group.people] and frame.index.name == "id"
    assert "id" not in frame.columns
    wang = frame.loc["wang"]
    assert wang["roles"] == ["technical_evaluator", "user"]
    assert wang["stance"] == "mentor"
    assert wang["insider"] == "coach"
    assert wang["judgements.stance.confidence"] == "confirmed"
    assert frame.loc["赵工", "private.hobbies"] == ["fishing"]
    assert frame["stance"].dropna().map(lambda s: type(s) is str).all()  # ids, not enum objects


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
    people = frames["people"]
    people["stance"] = people["stance"].astype(object)  # a categorical takes only its categories
    people.iloc[2, people.columns.get_loc("stance")] = "frend"
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


@pytest.mark.parametrize("what", ["people", "units", "competitors", "team", "factions"])
def test_tables_of_identified_entries_are_indexed_by_id(any_group: BuyingGroup, what: str) -> None:
    frame = to_frame(any_group, what)
    assert frame.index.name == "id"
    assert list(frame.index) == [item.id for item in getattr(any_group, what)]


@pytest.mark.parametrize("what", ["group", "lines", "relationships", "contacts", "edges"])
def test_other_tables_are_indexed_by_position(any_group: BuyingGroup, what: str) -> None:
    frame = to_frame(any_group, what)
    assert frame.index.name is None and list(frame.index) == list(range(len(frame)))


def test_vocabulary_columns_are_categoricals_in_vocabulary_order() -> None:
    from stakeholders.vocab import Disc, Role

    group = stakeholders.loads(
        "customer: X\nteam: [{name: Me}]\npeople:\n"
        "  - {name: A, stance: 支持者, disc: D, influence: high, roles: [decider]}\n"
        "  - {name: B, stance: 反对者, influence: low}\n"
        "  - {name: C}\n"
        "relationships: [{member: me, person: a, stage: friend}]\n"
    )
    people = to_frame(group)
    disc = people["disc"]
    assert isinstance(disc.dtype, pd.CategoricalDtype) and not disc.cat.ordered
    assert list(disc.cat.categories) == [d.value for d in Disc]
    assert list(people["stance"].cat.categories) == ["enemy", "opponent", "neutral", "supporter", "mentor"]
    assert people["stance"].cat.ordered
    assert list(people.index[people["stance"] >= "neutral"]) == ["a"]
    assert list(people.index[people["stance"] < "neutral"]) == ["b"]
    assert list(people.index[people["stance"].isna()]) == ["c"]  # unknown: outside the order, never compared
    assert people["influence"].cat.ordered and list(people["influence"].cat.categories) == ["low", "medium", "high"]
    assert people["influence"].max() == "high"
    assert people["roles"].tolist() == [[Role.DECIDER.value], [], []]  # a list column stays lists
    stage = to_frame(group, "relationships")["stage"]
    assert stage.cat.ordered and list(stage.cat.categories) == ["stranger", "acquaintance", "friend", "close_friend"]
    assert isinstance(to_frame(group, "team")["role"].dtype, pd.CategoricalDtype)
    assert isinstance(to_frame(group, "group")["milestone"].dtype, pd.CategoricalDtype)
    assert from_frames(to_frames(group)) == group


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(groups())
def test_categoricals_hold_every_value(group: BuyingGroup) -> None:
    """Every vocabulary value is in its categories: none becomes missing but a stance of unknown."""
    from stakeholders.io.rows import vocabulary_of
    from stakeholders.model import Person

    people = to_frame(group)
    for column in people.columns:
        if vocabulary_of(Person, column) is not None:
            assert isinstance(people[column].dtype, pd.CategoricalDtype), column
    assert people["stance"].isna().sum() == sum(p.stance.value == "unknown" for p in group.people)


_ROLE_CELLS = {
    "user; technical_evaluator": ["user", "technical_evaluator"],
    "user, technical_evaluator": ["user", "technical_evaluator"],
    "user，technical_evaluator": ["user", "technical_evaluator"],
    "user、technical_evaluator": ["user", "technical_evaluator"],
    "['decider']": ["decider"],
    "['user', 'technical_evaluator']": ["user", "technical_evaluator"],
    '["decider", "user"]': ["decider", "user"],
    "决策者、使用者": ["decider", "user"],
}


@pytest.mark.parametrize("cell", list(_ROLE_CELLS))
def test_list_cells_as_people_type_them_or_csv_gives_them(cell: str) -> None:
    frame = pd.DataFrame({"name": ["王总", "李工"], "roles": [cell, ["user"]], "dotted_line_to": ["李工", None]})
    group = from_frames(frame, customer="X")
    assert [r.value for r in group.person("王总").roles] == _ROLE_CELLS[cell]
    assert [r.value for r in group.person("李工").roles] == ["user"]  # a real list
    assert group.person("王总").dotted_line_to == ["李工"]


def test_text_lists_are_not_split_at_commas() -> None:
    frame = pd.DataFrame({"name": ["王总"], "concerns": ["price, delivery; 质量、交期"]})
    assert from_frames(frame, customer="X").person("王总").concerns == ["price, delivery", "质量", "交期"]


def test_a_people_table_written_by_pandas_to_csv_reads_back(any_group: BuyingGroup) -> None:
    """pandas writes lists as ``['a', 'b']`` and the id index as a column: both read back."""
    frames = to_frames(any_group)
    text = frames["people"].to_csv()
    frames["people"] = pd.read_csv(io.StringIO(text), index_col="id", dtype=object, keep_default_na=False).replace(
        "", None
    )
    assert from_frames(frames).people == any_group.people


def test_without_a_units_table_units_are_made_from_the_names() -> None:
    frame = pd.DataFrame(
        {
            "name": ["王总", "李工", "Anna Berg"],
            "unit": ["总经办", "技术中心", "Quality Assurance"],
            "reports_to": [None, "王总", "李工"],
            "favours": [None, "ACME Welding", None],
        }
    )
    group = from_frames(frame, customer="X")
    assert [(u.id, u.name) for u in group.units] == [
        ("总经办", "总经办"),
        ("技术中心", "技术中心"),
        ("quality_assurance", "Quality Assurance"),
    ]
    assert [p.unit for p in group.people] == ["总经办", "技术中心", "quality_assurance"]
    assert [(c.id, c.name) for c in group.competitors] == [("acme_welding", "ACME Welding")]
    assert group.person("李工").favours == "acme_welding"


def test_with_a_units_table_an_unknown_unit_is_still_an_error(small_group: BuyingGroup) -> None:
    frames = to_frames(small_group)
    frames["people"].iloc[0, frames["people"].columns.get_loc("unit")] = "nowhere"
    with pytest.raises(MapError, match="nowhere"):
        from_frames(frames)


def test_an_id_both_as_index_and_as_column_is_an_error(small_group: BuyingGroup) -> None:
    people = to_frame(small_group)
    people.insert(0, "id", people.index)
    with pytest.raises(MapError, match="'id' appears twice"):
        from_frames({**to_frames(small_group), "people": people})

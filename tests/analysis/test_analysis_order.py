"""The analysis does not depend on the order of the file: ties are broken by id (issue 12).

The same map with its people, lines, units (and every other section) in
another order must give the same analysis, to the byte: scores, ranks, high
influence, flags, next moves, paths, tables and the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from strategies import groups

import stakeholders
from stakeholders import BuyingGroup, analyze
from stakeholders.analysis import influence

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
#: Sections whose order is the order of the file, not part of what the map says.
SECTIONS = ("people", "lines", "units", "factions", "team", "competitors", "relationships", "contacts")


def _shuffled(group: BuyingGroup, draw: st.DrawFn) -> BuyingGroup:
    document: dict[str, Any] = group.to_dict()
    for section in SECTIONS:
        if document.get(section):
            document[section] = draw(st.permutations(document[section]))
    return BuyingGroup.model_validate(document)


def assert_same_analysis(group: BuyingGroup, other: BuyingGroup) -> None:
    assert analyze(other).model_dump_json() == analyze(group).model_dump_json()
    assert analyze(other, redact=True).model_dump_json() == analyze(group, redact=True).model_dump_json()
    assert analyze(other).report("zh") == analyze(group).report("zh")
    assert influence(other) == influence(group)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_example_maps_in_any_order_give_the_same_analysis(path: Path, data: st.DataObject) -> None:
    group = stakeholders.load(path)
    assert_same_analysis(group, _shuffled(group, data.draw))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(group=groups(max_people=8), data=st.data())
def test_generated_maps_in_any_order_give_the_same_analysis(group: BuyingGroup, data: st.DataObject) -> None:
    assert_same_analysis(group, _shuffled(group, data.draw))


def _two_trees(first: str, second: str) -> BuyingGroup:
    trees = {
        "a": [{"id": "a_top", "name": "A top"}, {"id": "a_low", "name": "A low", "reports_to": "a_top"}],
        "b": [{"id": "b_top", "name": "B top"}, {"id": "b_low", "name": "B low", "reports_to": "b_top"}],
    }
    return BuyingGroup(customer="X", people=trees[first] + trees[second])


def test_the_main_hierarchy_of_two_trees_of_one_size_is_the_one_whose_top_has_the_smaller_id() -> None:
    for order in (("a", "b"), ("b", "a")):
        scores = {s.person: s for s in influence(_two_trees(*order))}
        assert scores["a_top"].components[0].note == "level 1 of 2"
        assert scores["b_top"].components[0].note == "level 1 of a separate hierarchy of 2"
        assert scores["a_top"].rank == 1


def test_equal_scores_are_ranked_by_id() -> None:
    people = [{"id": ident, "name": ident.upper()} for ident in ("c", "a", "b")]
    group = BuyingGroup(customer="X", people=people)
    assert [(s.person, s.rank) for s in influence(group)] == [("a", 1), ("b", 2), ("c", 3)]
    assert [s.person for s in analyze(group).influence] == ["a", "b", "c"]

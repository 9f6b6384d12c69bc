"""References by id or by exact display name (issue 13): stored as the id, ambiguity is an error.

docs/format.md, "Ids and references": a reference is looked up as an id first, then as the exact
name of one entry; a name several entries share is an error naming their ids.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

import stakeholders
from stakeholders import BuyingGroup, MapError
from stakeholders.ids import normalise_id
from tests.strategies import names


def problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(MapError) as caught:
        BuyingGroup.model_validate(document)
    return [(p.location, p.message) for p in caught.value.problems]


def test_reports_to_by_name_finds_a_person_with_another_id() -> None:
    group = stakeholders.loads("customer: X\npeople:\n- {id: ww, name: Wang Wei}\n- {name: Li, reports_to: Wang Wei}\n")
    assert group.person("li").reports_to == "ww"
    assert "reports_to: ww" in group.dumps()  # saving writes the id


def test_every_reference_takes_a_display_name_and_stores_the_id() -> None:
    document = {
        "customer": "X",
        "competitors": [{"id": "c1", "name": "西门子"}],
        "units": [{"id": "u1", "name": "设备部"}, {"id": "u2", "name": "设备科", "parent": "设备部"}],
        "people": [
            {"id": "p1", "name": "王总", "unit": "设备部", "favours": "西门子"},
            {"id": "p2", "name": "Li Gong", "reports_to": "王总", "dotted_line_to": ["王总"], "unit": "设备科"},
        ],
        "team": [{"id": "t1", "name": "小张"}],
        "relationships": [{"member": "小张", "person": "Li Gong", "stage": "friend"}],
        "lines": [{"kind": "delegation", "from": "王总", "to": "Li Gong"}],
        "factions": [{"name": "F", "leader": "王总", "members": ["王总", "Li Gong"]}],
        "contacts": [{"date": "2024-01-01", "people": ["Li Gong"], "team": ["小张"]}],
    }
    group = BuyingGroup.model_validate(document)
    wang, li = group.people
    assert (wang.unit, wang.favours) == ("u1", "c1")
    assert (li.reports_to, li.dotted_line_to, li.unit) == ("p1", ["p1"], "u2")
    assert group.units[1].parent == "u1"
    assert (group.relationships[0].member, group.relationships[0].person) == ("t1", "p2")
    assert (group.lines[0].source, group.lines[0].target) == ("p1", "p2")
    assert (group.factions[0].leader, group.factions[0].members) == ("p1", ["p1", "p2"])
    assert (group.contacts[0].people, group.contacts[0].team) == (["p2"], ["t1"])
    saved = group.to_dict()
    assert "王总" not in str(saved["people"][1]) and saved["people"][1]["reports_to"] == "p1"
    assert BuyingGroup.model_validate(saved) == group


def test_a_name_two_people_share_is_an_error_listing_their_ids() -> None:
    found = problems(
        {
            "customer": "X",
            "people": [
                {"id": "w1", "name": "Wang Wei"},
                {"id": "w2", "name": "Wang Wei"},
                {"name": "Li", "reports_to": "Wang Wei"},
            ],
        }
    )
    assert len(found) == 1
    location, message = found[0]
    assert location == "people[2].reports_to"
    assert "'Wang Wei' is the name of 2 people (w1, w2)" in message
    assert "有 2 个人都叫“Wang Wei”（w1、w2）" in message


def test_an_id_wins_over_another_entrys_name() -> None:
    group = BuyingGroup.model_validate(
        {
            "customer": "X",
            "people": [
                {"id": "li_na", "name": "Zhang"},
                {"id": "p2", "name": "Li Na"},
                {"name": "Q", "reports_to": "Li Na"},
            ],
        }
    )
    assert group.person("q").reports_to == "li_na"


def test_names_are_matched_exactly_not_loosely() -> None:
    found = problems(
        {"customer": "X", "people": [{"id": "ww", "name": "Wang Wei"}, {"name": "Li", "reports_to": "WANG WEI"}]}
    )
    assert found == [
        (
            "people[1].reports_to",
            "unknown person 'wang_wei' (not defined under 'people'; did you mean 'Wang Wei'?) (got 'WANG WEI')",
        )
    ]


def test_a_unit_reference_by_a_shared_name_is_ambiguous_too() -> None:
    found = problems(
        {
            "customer": "X",
            "units": [{"id": "u1", "name": "设备部"}, {"id": "u2", "name": "设备部"}],
            "people": [{"name": "A", "unit": "设备部"}],
        }
    )
    assert [loc for loc, _ in found] == ["people[0].unit"]
    assert "u1, u2" in found[0][1] and "有 2 个部门都叫“设备部”" in found[0][1]


def test_cycles_and_the_contact_log_follow_names() -> None:
    cycle = problems(
        {
            "customer": "X",
            "people": [
                {"id": "a1", "name": "Alpha", "reports_to": "Beta"},
                {"id": "b1", "name": "Beta", "reports_to": "Alpha"},
            ],
        }
    )
    assert [m for _, m in cycle] == [
        "reporting cycle: a1 → b1 → a1 (got 'Beta')",
        "reporting cycle: b1 → a1 → b1 (got 'Alpha')",
    ]
    contact = problems(
        {
            "customer": "X",
            "people": [{"id": "a1", "name": "Alpha", "contacted": False}],
            "contacts": [{"date": "2024-01-01", "people": ["Alpha"]}],
        }
    )
    assert [m for _, m in contact] == ["contacted is false but the contact log lists 'a1'; remove one of them"]


def test_a_self_reference_by_name_is_refused() -> None:
    found = problems({"customer": "X", "people": [{"id": "a1", "name": "Alpha", "reports_to": "Alpha"}]})
    assert found == [("people[0].reports_to", "a person cannot report to themself ('a1') (got 'Alpha')")]


def test_look_ups_take_a_name_too() -> None:
    group = BuyingGroup(
        customer="X", people=[{"id": "ww", "name": "Wang Wei"}, {"id": "a", "name": "Dup"}, {"id": "b", "name": "Dup"}]
    )
    assert group.person("Wang Wei").id == "ww"
    with pytest.raises(KeyError, match=r"2 entries \(a, b\)"):
        group.person("Dup")


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=6, unique_by=str.strip), st.data())
def test_any_reference_by_name_resolves_to_that_persons_id(people: list[str], data: st.DataObject) -> None:
    entries: list[dict[str, Any]] = [{"id": f"p{i}", "name": name} for i, name in enumerate(people)]
    target = data.draw(st.integers(0, len(people) - 1))
    written = people[target]
    # An id wins over a name: a name that is, once normalised, another person's id means that person.
    if normalise_id(written) in {e["id"] for e in entries} or written.strip() == "Writer":
        return
    entries.append({"id": "writer", "name": "Writer", "reports_to": written, "dotted_line_to": [written]})
    group = BuyingGroup.model_validate({"customer": "X", "people": entries})
    writer = group.person("writer")
    assert writer.reports_to == f"p{target}" and writer.dotted_line_to == [f"p{target}"]
    assert BuyingGroup.model_validate(group.to_dict()) == group


def test_references_by_name_stay_linear() -> None:
    def build(n: int) -> float:
        people: list[dict[str, Any]] = [{"id": f"p{i}", "name": f"Person {i}"} for i in range(n)]
        for i in range(1, n):
            people[i]["reports_to"] = f"Person {i - 1}"
        start = time.perf_counter()
        BuyingGroup.model_validate({"customer": "X", "people": people})
        return time.perf_counter() - start

    build(200)  # warm up the model
    small, large = min(build(500) for _ in range(3)), min(build(4000) for _ in range(3))
    assert large < small * 8 * 3  # 8× the people: far less than the 64× of a per-reference scan

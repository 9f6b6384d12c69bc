"""Explicit ids and references are normalised as derived ids are: look-alikes are one id (issue 12).

Two ids that a reader cannot tell apart (NFC and NFD, full-width letters, a
zero-width space, upper and lower case, a bidi override) must not be two people:
in a shared map that would let someone spoof a person or a reference.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given, strategies as st

import stakeholders
from stakeholders import BuyingGroup, MapError, derive_id

LOOK_ALIKES = [
    pytest.param(unicodedata.normalize("NFC", "josé"), unicodedata.normalize("NFD", "josé"), id="nfc-nfd"),
    pytest.param("li", "ｌｉ", id="full-width"),
    pytest.param("lina", "li\u200bna", id="zero-width-space"),
    pytest.param("lina", "li\u2060na\ufeff", id="word-joiner-bom"),
    pytest.param("Boss", "boss", id="case"),
    pytest.param("boss", "\u202eboss\u202c", id="bidi-override"),
    pytest.param("boss", "bo\u00adss", id="soft-hyphen"),
    pytest.param("王建国", "王建国\ufe0f", id="variation-selector"),
]

#: Each section with an id, and a minimal entry of it.
SECTIONS: dict[str, dict[str, Any]] = {
    "people": {"name": "Someone"},
    "units": {"name": "Some unit"},
    "team": {"name": "Some seller"},
    "competitors": {"name": "Some rival"},
    "factions": {"name": "Some faction"},
}


def problems_of(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(MapError) as caught:
        BuyingGroup(**document)
    return [(p.location, p.code) for p in caught.value.problems]


@pytest.mark.parametrize(("first", "second"), LOOK_ALIKES)
@pytest.mark.parametrize("section", list(SECTIONS))
def test_look_alike_ids_are_a_duplicate_id(section: str, first: str, second: str) -> None:
    entries = [{**SECTIONS[section], "id": first}, {**SECTIONS[section], "name": "Other", "id": second}]
    assert problems_of({"customer": "X", section: entries}) == [
        (f"{section}[0].id", "duplicate_id"),
        (f"{section}[1].id", "duplicate_id"),
    ]


@pytest.mark.parametrize(("first", "second"), LOOK_ALIKES)
def test_a_look_alike_reference_resolves_to_the_same_person(first: str, second: str) -> None:
    group = BuyingGroup(
        customer="X",
        units=[{"name": "Dept", "id": first}, {"name": "Sub", "parent": second}],
        competitors=[{"name": "Rival", "id": first}],
        team=[{"name": "Seller", "id": first}],
        people=[
            {"name": "Boss", "id": first, "unit": second},
            {"name": "Report", "reports_to": second, "dotted_line_to": [second], "favours": second},
        ],
        lines=[{"kind": "influence", "from": second, "to": "report"}],
        factions=[{"name": "F", "id": first, "leader": second, "members": [first, second]}],
        relationships=[{"member": second, "person": second, "stage": "friend"}],
        contacts=[{"date": "2024-05-01", "people": [second], "team": [second]}],
    )
    boss = group.people[0].id
    assert boss == derive_id(first) == derive_id(second)
    assert group.people[1].reports_to == boss and group.people[1].dotted_line_to == [boss]
    assert group.units[1].parent == group.units[0].id == boss
    assert group.people[0].unit == boss and group.people[1].favours == boss
    assert (group.lines[0].source, group.factions[0].leader, group.factions[0].members) == (boss, boss, [boss])
    assert (group.relationships[0].member, group.relationships[0].person) == (boss, boss)
    assert group.contacts[0].people == [boss] and group.contacts[0].team == [boss]
    assert group.person(first) is group.person(second) is group.people[0]
    assert stakeholders.analyze(group).score_of(second).person == boss


@pytest.mark.parametrize(("first", "second"), LOOK_ALIKES)
def test_a_look_alike_reporting_cycle_is_found(first: str, second: str) -> None:
    people = [{"name": "A", "id": first, "reports_to": "b"}, {"name": "B", "reports_to": second}]
    assert ("people[0].reports_to", "reporting_cycle") in problems_of({"customer": "X", "people": people})


def test_a_contact_log_entry_written_as_a_look_alike_contradicts_contacted_false() -> None:
    document = {
        "customer": "X",
        "people": [{"name": "Li", "id": "Li", "contacted": False}],
        "contacts": [{"date": "2024-05-01", "people": ["ｌｉ"]}],
    }
    assert problems_of(document) == [("people[0]", "contradiction")]


def test_explicit_ids_are_normalised_as_derived_ids_are() -> None:
    # The name and the explicit id written the same way give the same id.
    for text in ["Li Na", "ＬＩ\u200b ＮＡ", "Equipment Dept.", "王 建国 (总工)", "\u202eBoss"]:
        assert BuyingGroup(customer="X", people=[{"name": "N", "id": text}]).people[0].id == derive_id(text)
    assert derive_id("Li\u200bNa") == "lina"  # invisible characters are removed, not a word break


def test_an_id_without_letters_or_digits_is_refused_with_its_place() -> None:
    for text in ["---", "\u200b", "()"]:
        with pytest.raises(MapError) as caught:
            BuyingGroup(customer="X", people=[{"name": "A", "id": text}])
        (problem,) = caught.value.problems
        assert (problem.location, problem.code) == ("people[0].id", "invalid_id")
        assert "no letter or digit" in problem.message
    with pytest.raises(MapError) as caught:
        BuyingGroup(customer="X", people=[{"name": "A"}, {"name": "B", "reports_to": "\u202e"}])
    assert [(p.location, p.code) for p in caught.value.problems] == [("people[1].reports_to", "invalid_id")]


def test_a_saved_map_with_ids_that_normalisation_changes_loads_and_round_trips() -> None:
    # A map written before ids were normalised: upper case and full-width ids, referenced as written.
    old = """\
schema_version: 1
customer: ACME
units:
  - {id: Eng, name: Engineering}
  - {id: Eng-Lab, name: Lab, parent: Eng}
people:
  - {id: Boss, name: Wang, unit: Eng}
  - {id: ＬＩ, name: Li, reports_to: Boss, unit: Eng-Lab}
  - {name: Chen, reports_to: ＬＩ, dotted_line_to: [Boss]}
lines:
  - {kind: influence, from: ＬＩ, to: Boss}
"""
    group = stakeholders.loads(old)
    assert [p.id for p in group.people] == ["boss", "li", "chen"]
    assert [(p.reports_to, p.unit) for p in group.people] == [(None, "eng"), ("boss", "eng_lab"), ("li", None)]
    assert group.people[2].dotted_line_to == ["boss"] and (group.lines[0].source, group.lines[0].target) == (
        "li",
        "boss",
    )
    text = group.dumps()
    again = stakeholders.loads(text)
    assert again == group and again.dumps() == text
    assert stakeholders.loads(group.dumps("json"), format="json") == group


@given(st.text(max_size=30))
def test_normalising_is_idempotent(text: str) -> None:
    once = derive_id(text)
    assert derive_id(once) == once
    assert once == once.strip("_") and "__" not in once


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=20))
def test_every_id_the_model_accepts_is_already_normal(text: str) -> None:
    try:
        group = BuyingGroup(customer="X", people=[{"name": "A", "id": text}, {"name": "B", "reports_to": text}])
    except MapError:
        return
    assert group.people[0].id == derive_id(text) == group.people[1].reports_to
    assert BuyingGroup(**group.to_dict()) == group

"""Unit tests of the analysis functions on small hand-built maps with known answers."""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import stakeholders
from stakeholders import Analysis, BuyingGroup, MapError, Stance, Weights, analyze, synthetic
from stakeholders.analysis import (
    CriterionStatus,
    influence,
    milestone_readiness,
    next_moves,
    path_to_power,
    red_flags,
    relationships,
    stance_moves,
    structure,
    support,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MET, UNMET, UNKNOWN = CriterionStatus.MET, CriterionStatus.UNMET, CriterionStatus.UNKNOWN


@cache
def example(name: str) -> BuyingGroup:
    return stakeholders.load(EXAMPLES / f"{name}.yaml")


def make(people: list[dict[str, Any]], **rest: Any) -> BuyingGroup:
    return BuyingGroup.model_validate({"customer": "Unit Co.", "people": people, **rest})


def scores(group: BuyingGroup, **kw: Any) -> dict[str, float]:
    return {s.person: s.score for s in influence(group, **kw)}


def component(group: BuyingGroup, person: str, name: str, **kw: Any) -> Any:
    score = next(s for s in influence(group, **kw) if s.person == person)
    return next(c for c in score.components if c.name == name)


def criteria(group: BuyingGroup) -> dict[str, Any]:
    return {c.id: c for m in milestone_readiness(group) for c in m.criteria}


# ---------------------------------------------------------------------------
# Weights
# ---------------------------------------------------------------------------


def test_weights_override_by_mapping_and_instance() -> None:
    group = example("welding_soe")
    default = analyze(group)
    by_mapping = analyze(group, weights={"network": 0.6, "faction": 0.3})
    by_instance = analyze(group, weights=Weights(network=0.6, faction=0.3))
    assert by_mapping.weights == by_instance.weights == Weights(network=0.6, faction=0.3)
    assert by_mapping.model_dump_json() == by_instance.model_dump_json()
    assert by_mapping.influence != default.influence
    # More weight on the informal network and factions lifts the chief engineer to the top (D6).
    assert by_mapping.influence[0].person == "孙立军"
    # The weights actually applied are the overrides, normalised (all components known here).
    sun = {c.name: c for c in by_mapping.score_of("孙立军").components}
    total = 0.20 + 0.15 + 0.20 + 0.20 + 0.6 + 0.3
    assert math.isclose(sun["network"].weight, 0.6 / total)
    assert math.isclose(sun["faction"].weight, 0.3 / total)


def test_a_single_component_weight_gives_that_component() -> None:
    group = make(
        [
            {"id": "a", "name": "A", "influence": "high"},
            {"id": "b", "name": "B", "influence": "low"},
            {"id": "c", "name": "C"},
        ]
    )
    only = {"position": 0, "authority": 0, "recorded_influence": 1, "role": 0, "network": 0, "faction": 0}
    got = scores(group, weights=only)
    assert math.isclose(got["a"], 1.0) and math.isclose(got["b"], round(1 / 3, 6)) and got["c"] == 0.0


@pytest.mark.parametrize(
    ("weights", "field", "fragment"),
    [
        pytest.param({"netwrk": 0.3}, "netwrk", "unknown weight 'netwrk' (did you mean 'network'?)", id="unknown-name"),
        pytest.param({"position": -1}, "position", "greater than or equal to 0 (got -1)", id="negative"),
        pytest.param({"damping": 1.5}, "damping", "less than 1 (got 1.5)", id="damping-over-1"),
        pytest.param({"stale_days": 0}, "stale_days", "greater than or equal to 1 (got 0)", id="stale-days-0"),
        pytest.param({"role": "much"}, "role", "(got 'much')", id="not-a-number"),
        pytest.param({"high_influence_share": 0}, "high_influence_share", "greater than 0 (got 0)", id="share-0"),
        pytest.param({"delegated_role": 1.5}, "delegated_role", "(got 1.5)", id="delegated-role-over-1"),
        pytest.param({"nominal_formal": -0.5}, "nominal_formal", "(got -0.5)", id="nominal-formal-negative"),
        pytest.param({"high_influence_floor": 2}, "high_influence_floor", "(got 2)", id="floor-over-1"),
    ],
)
def test_bad_weights_raise_map_error_naming_the_field(weights: dict[str, Any], field: str, fragment: str) -> None:
    with pytest.raises(MapError) as err:
        analyze(example("water_pump_spin"), weights=weights)
    (problem,) = err.value.problems
    assert problem.location == f"weights.{field}"
    assert fragment in problem.message
    assert str(err.value) == f"1 problem in the weights:\n  weights.{field}: {problem.message}"


def test_all_bad_weights_are_reported_at_once() -> None:
    with pytest.raises(MapError) as err:
        influence(example("water_pump_spin"), weights={"netwrk": 0.3, "damping": 0, "xyzzy": 1})
    assert str(err.value).startswith("3 problems in the weights:\n")
    assert sorted(p.location for p in err.value.problems) == ["weights.damping", "weights.netwrk", "weights.xyzzy"]
    unknown = next(p for p in err.value.problems if p.location == "weights.xyzzy")
    assert unknown.message.startswith("unknown weight 'xyzzy' (expected one of: position, authority, ")


def test_every_part_accepts_weights() -> None:
    # relationships() and milestone_readiness() take weights= like the other parts, and agree with analyze.
    group = example("music_academy_hvac")
    weights = {"high_influence_share": 0.5, "network": 0.4}
    a = analyze(group, weights=weights)
    assert relationships(group, weights=weights) == a.relationships
    assert milestone_readiness(group, weights=weights) == a.milestones
    assert red_flags(group, weights=weights) == a.flags
    assert next_moves(group, weights=weights) == a.next_moves
    with pytest.raises(MapError, match=r"weights\.netwrk"):
        relationships(group, weights={"netwrk": 1})
    with pytest.raises(MapError, match=r"weights\.netwrk"):
        milestone_readiness(group, weights={"netwrk": 1})


def test_all_zero_component_weights_are_rejected() -> None:
    zero = dict.fromkeys(["position", "authority", "recorded_influence", "role", "network", "faction"], 0)
    with pytest.raises(MapError, match="at least one influence component"):
        influence(example("water_pump_spin"), weights=zero)


# ---------------------------------------------------------------------------
# Influence breakdown and delegation
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["welding_soe", "private_chairman", "music_academy_hvac", "water_pump_spin"])
def test_breakdown_components_sum_to_the_score(name: str) -> None:
    for s in influence(example(name)):
        assert [c.name for c in s.components] == [
            "position",
            "authority",
            "recorded_influence",
            "role",
            "network",
            "faction",
        ]
        assert math.isclose(sum(c.contribution for c in s.components), s.score, abs_tol=1e-6)
        known = [c for c in s.components if c.value is not None]
        assert math.isclose(sum(c.weight for c in known), 1.0)
        for c in s.components:
            assert math.isclose(c.contribution, (c.value or 0.0) * c.weight)
        text = s.explain()
        assert f"rank {s.rank}" in text and all(c.name in text for c in s.components)


def test_unknown_components_are_left_out_and_said_so() -> None:
    group = make([{"id": "a", "name": "A", "roles": "user"}])
    s = influence(group)[0]
    parts = {c.name: c for c in s.components}
    assert parts["authority"].value is None and parts["authority"].weight == 0.0
    assert parts["network"].value is None and "no lines" in parts["network"].note
    assert parts["role"].weight == 1.0 and s.score == 0.3  # only the role is known: user 0.3
    assert "authority: not known (not recorded)" in s.explain()


def _delegation_map(kind: str | None) -> BuyingGroup:
    people = [
        {"id": "gm", "name": "GM", "roles": "decider", "authority": "high", "influence": "high"},
        {"id": "deputy", "name": "Deputy", "roles": "user", "authority": "medium", "influence": "medium"},
        {"id": "eng", "name": "Engineer", "roles": "technical_evaluator", "influence": "medium"},
    ]
    lines = [{"kind": "influence", "from": "eng", "to": "gm", "strength": 0.5}]
    if kind is not None:
        lines.append({"kind": "delegation", "from": "gm", "to": "deputy", "delegation": kind})
    return make(people, lines=lines)


def test_nominal_delegation_transfers_no_power_real_does() -> None:
    none, nominal, real = (_delegation_map(k) for k in (None, "nominal", "real"))
    # D6 (假授权): a nominal delegation passes no role and no network weight; the delegate's recorded
    # authority counts only × nominal_formal (0.5), with a note. Nobody else's score changes.
    base, with_nominal = scores(none), scores(nominal)
    assert {k: v for k, v in with_nominal.items() if k != "deputy"} == {k: v for k, v in base.items() if k != "deputy"}
    assert with_nominal["deputy"] < base["deputy"]
    assert component(nominal, "deputy", "role").value == 0.3
    assert component(nominal, "deputy", "network").value == component(none, "deputy", "network").value
    authority = component(nominal, "deputy", "authority")
    assert math.isclose(authority.value, 2 / 3 * 0.5)
    assert authority.note == "recorded medium; × 0.5: nominal delegation from GM"
    # The factor is a weight: at 1 the nominal delegation changes nothing at all.
    assert scores(nominal, weights={"nominal_formal": 1.0}) == base
    # A real one passes on delegated_role (0.8) × the delegator's role value, and counts in the network.
    role = component(real, "deputy", "role")
    assert math.isclose(role.value, 0.8 * 1.0) and role.note == "user; real delegation from gm"
    assert component(real, "deputy", "authority").note == "recorded medium"
    assert component(real, "deputy", "network").value > component(nominal, "deputy", "network").value
    assert scores(real)["deputy"] > base["deputy"] > with_nominal["deputy"]
    assert component(real, "deputy", "role", weights={"delegated_role": 1.0}).value == 1.0
    # A delegation never lowers the delegate's own role value.
    assert component(real, "deputy", "role", weights={"delegated_role": 0.2}).value == 0.3


def _chain(order: list[int]) -> BuyingGroup:
    people = [
        {"id": "gm", "name": "GM", "roles": "decider"},
        {"id": "a", "name": "A", "roles": "user"},
        {"id": "b", "name": "B"},
    ]
    lines = [{"kind": "delegation", "from": "gm", "to": "a"}, {"kind": "delegation", "from": "a", "to": "b"}]
    return make(people, lines=[lines[i] for i in order])


def test_real_delegation_chains_pass_a_share_at_each_step() -> None:
    group = _chain([0, 1])
    assert math.isclose(component(group, "a", "role").value, 0.8)
    b = component(group, "b", "role")
    assert math.isclose(b.value, 0.8 * 0.8) and b.note == "no decision role; real delegation from a"


def test_scores_do_not_depend_on_the_order_of_lines() -> None:
    # Chains are followed to a fixed point: GM → A → B gives B the same share whichever line comes first.
    assert influence(_chain([0, 1])) == influence(_chain([1, 0]))


def test_delegation_cycles_settle() -> None:
    people = [{"id": "a", "name": "A", "roles": "decider"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}]
    lines = [
        {"kind": "delegation", "from": "a", "to": "b"},
        {"kind": "delegation", "from": "b", "to": "c"},
        {"kind": "delegation", "from": "c", "to": "a"},
    ]
    group = make(people, lines=lines)
    values = [component(group, p, "role").value for p in ("a", "b", "c")]
    assert values == pytest.approx([1.0, 0.8, 0.64])


def test_power_can_differ_from_title() -> None:
    # A chief engineer under a deputy, with strong influence lines to the top and a faction.
    group = make(
        [
            {"id": "gm", "name": "GM", "roles": "decider", "authority": "high", "influence": "high"},
            {"id": "deputy", "name": "Deputy", "reports_to": "gm", "authority": "high", "influence": "low"},
            {
                "id": "chief",
                "name": "Chief",
                "reports_to": "deputy",
                "roles": "technical_evaluator",
                "authority": "medium",
                "influence": "high",
            },
            {"id": "eng", "name": "Eng", "reports_to": "chief", "roles": "technical_evaluator"},
        ],
        lines=[
            {"kind": "influence", "from": "chief", "to": "gm", "strength": 0.9},
            {"kind": "influence", "from": "chief", "to": "deputy", "strength": 0.9},
        ],
        factions=[{"name": "Engineers", "leader": "chief", "members": ["chief", "eng"]}],
    )
    ranks = {s.person: s.rank for s in influence(group)}
    assert ranks["chief"] < ranks["deputy"]


# ---------------------------------------------------------------------------
# Support
# ---------------------------------------------------------------------------


def test_champions_versus_mere_coaches() -> None:
    group = make(
        [
            {
                "id": "star",
                "name": "Star",
                "roles": "decider",
                "insider": "coach",
                "stance": "supporter",
                "authority": "medium",
                "influence": "high",
            },
            {
                "id": "mentor",
                "name": "Mentor",
                "roles": "technical_evaluator",
                "stance": "mentor",
                "authority": "high",
                "influence": "high",
            },
            {"id": "small", "name": "Small", "insider": "coach", "stance": "supporter", "influence": "low"},
            {"id": "spy", "name": "Spy", "insider": "informant", "stance": "neutral", "influence": "low"},
            *({"id": f"x{i}", "name": f"X{i}", "influence": "low"} for i in range(4)),
        ]
    )
    sup = support(group)
    # D7: a coach or mentor with high influence is a champion; a low-influence coach is a mere coach.
    assert sup.champions == ["star", "mentor"]
    assert sup.coaches == ["small"]
    # Allies: mentors and coaches (an informant only passes information).
    assert sup.allies == ["star", "mentor", "small"]
    # The threshold is a weight: above everyone's score nobody is a champion.
    strict = support(group, weights={"champion_min_influence": 1.0})
    assert strict.champions == [] and strict.coaches == ["star", "small"]


def test_per_role_best_and_worst_and_unknown() -> None:
    group = make(
        [
            {"id": "t1", "name": "T1", "roles": "technical_evaluator", "stance": "mentor"},
            {"id": "t2", "name": "T2", "roles": "technical_evaluator", "stance": "opponent"},
            {"id": "t3", "name": "T3", "roles": "technical_evaluator"},
            {"id": "c1", "name": "C1", "roles": ["commercial_evaluator", "user"]},
            {"id": "u1", "name": "U1", "roles": "user", "stance": "neutral"},
        ]
    )
    by_role = {r.role.value: r for r in support(group).by_role}
    tech = by_role["technical_evaluator"]
    assert (tech.holders, tech.best, tech.worst, tech.unknown, tech.covered) == (
        ["t1", "t2", "t3"],
        Stance.MENTOR,
        Stance.OPPONENT,
        ["t3"],
        True,
    )
    com = by_role["commercial_evaluator"]
    # Only an unknown holder: no best or worst, not covered — unknown is not neutral.
    assert (com.best, com.worst, com.unknown, com.covered) == (None, None, ["c1"], False)
    user = by_role["user"]
    assert (user.best, user.worst, user.unknown, user.covered) == (Stance.NEUTRAL, Stance.NEUTRAL, ["c1"], False)
    decider = by_role["decider"]
    assert (decider.holders, decider.covered) == ([], False)


def test_faction_balance() -> None:
    group = make(
        [
            {"id": "a", "name": "A", "stance": "supporter", "influence": "high"},
            {"id": "b", "name": "B", "stance": "neutral", "influence": "medium"},
            {"id": "c", "name": "C", "stance": "opponent", "influence": "high", "roles": "user"},
            {"id": "d", "name": "D", "influence": "low"},
            {"id": "e", "name": "E", "stance": "mentor"},
        ],
        factions=[
            {"id": "f", "name": "F", "leader": "c", "members": ["a", "b", "c", "d"]},
            {"id": "g", "name": "G", "members": ["d"]},
        ],
    )
    w = scores(group)
    f, g = support(group).by_faction
    assert (f.faction, f.leader, f.leader_stance) == ("f", "c", Stance.OPPONENT)
    assert (f.supporters, f.neutral, f.against, f.unknown) == (1, 1, 1, 1)
    expected = (w["a"] * 0.5 + w["c"] * -0.5) / (w["a"] + w["b"] + w["c"])
    assert f.index is not None and math.isclose(f.index, expected)
    # A faction whose only member's stance is unknown has no index (not 0).
    assert (g.index, g.leader, g.leader_stance, g.unknown) == (None, None, None, 1)


def test_support_index_and_base_by_hand() -> None:
    group = make(
        [
            {"id": "a", "name": "A", "stance": "mentor", "influence": "high"},
            {"id": "b", "name": "B", "stance": "enemy", "influence": "low"},
            {"id": "c", "name": "C", "influence": "medium"},
        ]
    )
    w = scores(group)  # only recorded influence is known: 1, 1/3, 2/3
    sup = support(group)
    assert sup.index is not None and math.isclose(sup.index, (w["a"] - w["b"]) / (w["a"] + w["b"]))
    assert (sup.supporters, sup.against, sup.unknown) == (["a"], ["b"], ["c"])
    assert math.isclose(sup.people_share, 1 / 3) and math.isclose(sup.unknown_people_share, 1 / 3)
    assert math.isclose(sup.influence_share, w["a"] / sum(w.values()))
    assert math.isclose(sup.unknown_influence_share, w["c"] / sum(w.values()))
    # Nobody's stance known: no index at all.
    assert support(make([{"name": "Nobody"}])).index is None


def test_stance_moves_by_hand() -> None:
    group = make(
        [
            {"id": "a", "name": "A", "stance": "neutral", "influence": "high"},
            {"id": "b", "name": "B", "stance": "mentor", "influence": "high"},
            {"id": "c", "name": "C", "stance": "enemy", "influence": "low"},
            {"id": "d", "name": "D", "influence": "high"},
        ]
    )
    moves = stance_moves(group, limit=None)
    # Mentor has no step left; unknown has no known stance to step from.
    assert [m.person for m in moves] == ["a", "c"]
    assert [(m.current, m.target) for m in moves] == [
        (Stance.NEUTRAL, Stance.SUPPORTER),
        (Stance.ENEMY, Stance.OPPONENT),
    ]
    w = scores(group)
    total = w["a"] + w["b"] + w["c"]
    assert math.isclose(moves[0].gain, 0.5 * w["a"] / total, abs_tol=1e-6)
    assert stance_moves(group, limit=1) == moves[:1]


# ---------------------------------------------------------------------------
# Structure
# ---------------------------------------------------------------------------


def test_structure_measures_on_a_known_map() -> None:
    group = make(
        [
            {"id": "a", "name": "A", "unit": "u1"},
            {"id": "b", "name": "B", "unit": "u1", "reports_to": "a"},
            {"id": "c", "name": "C", "unit": "u2", "reports_to": "b", "dotted_line_to": ["a"]},
            {"id": "d", "name": "D", "unit": "u3"},
            {"id": "e", "name": "E"},
        ],
        units=[{"id": u, "name": u.upper()} for u in ("u1", "u2", "u3", "unused")],
        lines=[
            {"kind": "influence", "from": "d", "to": "a"},
            {"kind": "introduction", "from": "a", "to": "b"},  # a second line on a linked pair
        ],
    )
    s = structure(group)
    assert s.size == 5
    assert s.vertical_involvement == 3  # a → b → c
    assert s.lateral_involvement == 3 and s.units == ["u1", "u2", "u3"]  # "unused" has nobody
    # Linked pairs: a-b, b-c, a-c (dotted), a-d: 4 of 10.
    assert math.isclose(s.connectedness, 0.4)
    assert s.isolated == ["e"]


def test_structure_of_flat_and_empty_maps() -> None:
    flat = structure(make([{"name": "A"}, {"name": "B"}]))
    assert (flat.size, flat.vertical_involvement, flat.lateral_involvement, flat.connectedness) == (2, 1, 0, 0.0)
    assert flat.isolated == ["a", "b"]
    empty = structure(make([]))
    assert (empty.size, empty.vertical_involvement, empty.connectedness, empty.isolated) == (0, 0, 0.0, [])


# ---------------------------------------------------------------------------
# Relationships
# ---------------------------------------------------------------------------


def test_right_person_follows_high_influence_not_the_top_three() -> None:
    # Six commercial evaluators of high recorded influence and authority all score above
    # high_influence_score (0.65): the sixth is high influence too, so our seller is the wrong level.
    big = [
        {"id": f"c{i}", "name": f"C{i}", "roles": "commercial_evaluator", "influence": "high", "authority": "high"}
        for i in range(6)
    ]
    team = [{"id": "seller", "name": "Seller", "role": "seller"}]
    group = make(big, team=team, relationships=[{"member": "seller", "person": "c5", "stage": "friend"}])
    c5 = next(s for s in influence(group) if s.person == "c5")
    assert c5.rank == 6 and c5.high
    rel = {r.person: r for r in relationships(group)}["c5"]
    assert ([r.value for r in rel.expected_roles], rel.right_person) == (["manager", "executive"], False)
    # Three people of little influence fill the top three but none is high: anyone of us may hold them.
    small = make(
        [{"id": f"u{i}", "name": f"U{i}", "roles": "user", "influence": "low"} for i in range(3)],
        team=team,
        relationships=[{"member": "seller", "person": "u0", "stage": "friend"}],
    )
    assert not any(s.high for s in influence(small))
    assert {r.person: r for r in relationships(small)}["u0"].right_person is True


def test_high_influence_is_the_top_share_above_a_floor_or_a_high_score() -> None:
    # Three people of low influence are the "top three", but none reaches high_influence_floor (0.45).
    small = make([{"id": f"u{i}", "name": f"U{i}", "roles": "user", "influence": "low"} for i in range(3)])
    assert all(s.score < 0.45 and not s.high for s in influence(small))
    assert all(s.high for s in influence(small, weights={"high_influence_floor": 0.3}))
    # Ten people all scoring ~0.91 are all high (at least high_influence_score, 0.65, whatever the rank) ...
    ten = make(
        [
            {"id": f"d{i}", "name": f"D{i}", "roles": "decider", "influence": "high", "authority": "medium"}
            for i in range(10)
        ]
    )
    assert all(s.high for s in influence(ten))
    # ... and with that score out of reach, only the top share: ceil(0.34 × 10) = 4 people.
    assert [s.high for s in influence(ten, weights={"high_influence_score": 0.95})] == [True] * 4 + [False] * 6
    assert sum(s.high for s in influence(ten, weights={"high_influence_score": 0.95, "high_influence_share": 0.1})) == 3


def test_relationships_right_person_and_quadrant() -> None:
    group = make(
        [
            {"id": "boss", "name": "Boss", "roles": "decider", "influence": "high", "authority": "high"},
            {"id": "vp", "name": "VP", "layer": "decision", "influence": "high", "authority": "high"},
            {"id": "big", "name": "Big", "influence": "high", "authority": "high"},
            {
                "id": "eng",
                "name": "Eng",
                "roles": "technical_evaluator",
                "influence": "low",
                "personal_interest_met": True,
                "organisational_interest_met": False,
            },
            {"id": "eng2", "name": "Eng2", "roles": "technical_evaluator", "influence": "low"},
            {"id": "op", "name": "Op", "layer": "operator", "influence": "low", "stage": "friend"},
            {"id": "nobody", "name": "Nobody", "influence": "low"},
        ],
        team=[
            {"id": "seller", "name": "Seller", "role": "seller"},
            {"id": "pre", "name": "Pre", "role": "presales"},
            {"id": "mgr", "name": "Mgr", "role": "manager"},
            {"id": "partner", "name": "Partner", "role": "partner"},
        ],
        relationships=[
            {"member": "seller", "person": "boss", "stage": "friend"},  # a decider held by a seller: wrong level
            {"member": "seller", "person": "vp", "stage": "acquaintance"},
            {"member": "mgr", "person": "vp", "stage": "friend"},  # the strongest is the manager: right
            {"member": "pre", "person": "eng", "stage": "acquaintance"},  # technical held by presales: right
            {"member": "partner", "person": "eng2", "stage": "friend"},  # technical held by a partner: wrong
            {"member": "partner", "person": "op", "stage": "acquaintance"},  # anyone may hold an operator
        ],
    )
    rel = {r.person: r for r in relationships(group)}
    assert (rel["boss"].strongest_member, rel["boss"].right_person) == ("seller", False)
    assert [r.value for r in rel["boss"].expected_roles] == ["manager", "executive"]
    assert rel["vp"].stage is not None and rel["eng"].interest_type is not None and rel["op"].stage is not None
    assert (rel["vp"].strongest_member, rel["vp"].right_person, rel["vp"].stage.value) == ("mgr", True, "friend")
    assert (rel["eng"].right_person, rel["eng"].interest_type.value) == (True, "friend")
    assert rel["eng2"].right_person is False
    # The stage written on the person wins over our team's relationships.
    assert (rel["op"].stage.value, rel["op"].stage_given, rel["op"].right_person) == ("friend", True, True)
    assert (rel["nobody"].strongest_member, rel["nobody"].right_person, rel["nobody"].stage) == (None, None, None)
    assert rel["nobody"].contacted is None and rel["vp"].contacted is True


# ---------------------------------------------------------------------------
# Milestone readiness
# ---------------------------------------------------------------------------


def _milestone_map(**changes: Any) -> BuyingGroup:
    people: dict[str, dict[str, Any]] = {
        "boss": {
            "id": "boss",
            "name": "Boss",
            "roles": "decider",
            "stance": "supporter",
            "disc": "D",
            "background": "founder",
            "contacted": True,
            "authority": "high",
            "influence": "high",
        },
        "tech": {
            "id": "tech",
            "name": "Tech",
            "roles": "technical_evaluator",
            "stance": "mentor",
            "disc": "C",
            "background": "engineer",
            "insider": "coach",
            "contacted": True,
            "influence": "medium",
        },
        "buyer": {
            "id": "buyer",
            "name": "Buyer",
            "roles": "commercial_evaluator",
            "stance": "supporter",
            "disc": "S",
            "background": "purchasing",
            "contacted": True,
            "influence": "medium",
        },
        "user": {
            "id": "user",
            "name": "User",
            "roles": "user",
            "stance": "supporter",
            "disc": "I",
            "background": "workshop",
            "contacted": True,
            "influence": "low",
        },
    }
    for ident, fields in changes.items():
        if fields is None:
            del people[ident]
        else:
            people.setdefault(ident, {"id": ident, "name": ident.title()}).update(fields)
    return make(
        list(people.values()),
        team=[{"id": "exec", "name": "Exec", "role": "executive"}],
        relationships=[
            {"member": "exec", "person": "boss", "stage": "friend"},
            {"member": "exec", "person": "buyer", "stage": "friend"},
        ],
        factions=[{"name": "All", "leader": "boss", "members": ["boss", "tech"]}],
        checklist={
            "procurement_process_known": True,
            "specs_in_tender": True,
            "tender_writer_known": True,
            "tender_reviewer_known": True,
        },
    )


def test_milestones_all_met_when_everything_is_in_place() -> None:
    readiness = milestone_readiness(_milestone_map())
    assert [m.milestone.value for m in readiness] == [
        "deep_contact",
        "technical_breakthrough",
        "commercial_breakthrough",
    ]
    assert all(m.ready for m in readiness), [(c.id, c.status) for m in readiness for c in m.criteria]
    c = criteria(_milestone_map())
    assert [c.id for c in readiness[0].criteria] == [
        "organisation_known",
        "key_profiles_complete",
        "coach_developed",
        "key_decider_found",
        "procurement_process_known",
        "factions_analysed",
    ]
    assert c["coach_developed"].people == ["tech"]
    assert (c["key_decider_found"].people, c["key_decider_found"].note) == (
        ["boss"],
        "the top decider Boss has been contacted",
    )
    assert (c["supporter_holds_power"].people, c["supporter_holds_power"].note) == (
        ["boss"],
        "our most influential supporter is Boss (rank 1)",
    )


@pytest.mark.parametrize(
    ("changes", "ident", "status", "people"),
    [
        pytest.param({"user": None}, "organisation_known", UNMET, [], id="role-without-holder"),
        pytest.param({"buyer": {"disc": None}}, "key_profiles_complete", UNMET, ["buyer"], id="profile-gap"),
        pytest.param({"tech": {"insider": None}}, "coach_developed", UNMET, [], id="no-coach"),
        pytest.param({"boss": {"contacted": False}}, "key_decider_found", UNMET, ["boss"], id="decider-not-met"),
        # The top (most influential) decider counts: meeting a minor decider is not enough.
        pytest.param(
            {"boss": {"contacted": False}, "d2": {"roles": "decider", "stance": "supporter", "contacted": True}},
            "key_decider_found",
            UNMET,
            ["boss"],
            id="only-a-minor-decider-met",
        ),
        pytest.param({"boss": {"background": None}}, "key_profiles_complete", UNMET, ["boss"], id="no-background"),
        pytest.param({"tech": {"stance": "unknown"}}, "key_profiles_complete", UNMET, ["tech"], id="stance-unknown"),
        # Key people include high formal authority; a profile does not need a decision role.
        pytest.param(
            {"chair": {"authority": "high", "contacted": True}},
            "key_profiles_complete",
            UNMET,
            ["chair"],
            id="high-authority-without-profile",
        ),
        pytest.param(
            {"chair": {"authority": "high", "disc": "D", "background": "b", "stance": "neutral", "contacted": True}},
            "key_profiles_complete",
            MET,
            [],
            id="profile-needs-no-role",
        ),
        pytest.param({"tech": {"stance": "neutral"}}, "technical_deciders_accept", UNMET, ["tech"], id="tech-neutral"),
        pytest.param(
            {"t2": {"roles": "technical_evaluator"}},
            "technical_deciders_accept",
            UNKNOWN,
            ["t2", "tech"],
            id="tech-one-unknown",
        ),
        # firm = mentor, or supporter at friend stage or closer; Tech (mentor) and Buyer (friend) are firm.
        pytest.param(
            {"t2": {"roles": "technical_evaluator", "stance": "supporter"}},
            "evaluators_firm",
            UNMET,
            ["buyer", "t2", "tech"],
            id="evaluator-supporter-not-firm",
        ),
        pytest.param({"boss": {"stance": "neutral"}}, "top_level_support", UNMET, ["boss"], id="decider-neutral"),
        pytest.param({"boss": {"stance": "unknown"}}, "top_level_support", UNKNOWN, ["boss"], id="decider-unknown"),
        pytest.param(
            {"boss": {"stance": "neutral"}}, "supporter_holds_power", UNMET, ["tech"], id="supporter-without-power"
        ),
        # The top decider does not need to rank first, and a supporter who ranks first need not be a decider.
        pytest.param(
            {
                "boss": {"influence": "low", "authority": "low"},
                "star": {"influence": "high", "authority": "high", "layer": "decision", "stance": "neutral"},
            },
            "supporter_holds_power",
            MET,
            ["boss"],
            id="top-decider-not-rank-1",
        ),
        pytest.param(
            {
                "boss": {"stance": "neutral", "influence": "low", "authority": "low"},
                "tech": {"authority": "high", "influence": "high", "layer": "decision"},
            },
            "supporter_holds_power",
            MET,
            ["tech"],
            id="rank-1-supporter",
        ),
        # A supporting decider who is not the top decider (and not rank 1) does not hold the final power.
        pytest.param(
            {"boss": {"stance": "neutral"}, "d2": {"roles": "decider", "stance": "supporter", "contacted": True}},
            "supporter_holds_power",
            UNMET,
            ["d2"],
            id="minor-decider-supports",
        ),
        pytest.param(
            {"boss": {"contacted": False}}, "no_overlooked_senior", UNMET, ["boss"], id="top-decider-never-met"
        ),
        pytest.param(
            {"vp": {"authority": "high", "contacted": False}}, "no_overlooked_senior", UNMET, ["vp"], id="senior-never"
        ),
        pytest.param({"vp": {"authority": "high"}}, "no_overlooked_senior", UNKNOWN, ["vp"], id="senior-unrecorded"),
        pytest.param(
            {"boss": {"stance": "neutral"}}, "decider_relationship_firm", UNKNOWN, [], id="no-supporting-decider"
        ),
        pytest.param(
            {"d2": {"roles": "decider", "stance": "mentor"}, "boss": {"stance": "neutral"}},
            "decider_relationship_firm",
            UNKNOWN,
            ["d2"],
            id="supporting-decider-no-stage",
        ),
    ],
)
def test_milestone_criterion(changes: dict[str, Any], ident: str, status: CriterionStatus, people: list[str]) -> None:
    found = criteria(_milestone_map(**changes))[ident]
    assert (found.status, found.people) == (status, people)


def test_decider_relationship_not_firm_below_friend() -> None:
    group = _milestone_map()
    doc = group.to_dict()
    doc["relationships"][0]["stage"] = "acquaintance"
    assert criteria(BuyingGroup.model_validate(doc))["decider_relationship_firm"].status is UNMET


@pytest.mark.parametrize(
    ("checklist", "expected"),
    [
        pytest.param({}, (UNKNOWN, UNKNOWN, UNKNOWN), id="not-recorded"),
        pytest.param(
            {"specs_in_tender": True, "tender_writer_known": False, "tender_reviewer_known": True},
            (MET, UNMET, MET),
            id="ids",
        ),
        pytest.param({"技术参数已写入标书": False, "已知标书撰写人": True}, (UNMET, MET, UNKNOWN), id="chinese-labels"),
    ],
)
def test_milestone_checklist(checklist: dict[str, bool], expected: tuple[CriterionStatus, ...]) -> None:
    group = make([{"name": "A"}], checklist=checklist)
    c = criteria(group)
    assert (c["specs_in_tender"].status, c["tender_writer_known"].status, c["tender_reviewer_known"].status) == expected
    assert c["procurement_process_known"].status is UNKNOWN


@pytest.mark.parametrize(
    ("checklist", "expected"),
    [({}, UNKNOWN), ({"procurement_process_known": True}, MET), ({"已了解采购流程": False}, UNMET)],
)
def test_procurement_process_known_comes_from_the_checklist(
    checklist: dict[str, bool], expected: CriterionStatus
) -> None:
    # D9 milestone 2 / D8: understand the customer's procurement process; checked at deep contact.
    found = criteria(make([{"name": "A"}], checklist=checklist))["procurement_process_known"]
    assert (found.status, found.people) == (expected, [])


def test_supporter_holding_a_nominal_delegation_does_not_hold_power() -> None:
    # D6/D9: the GM ranks first and supports us, but his authority is a nominal delegation from the owner.
    group = make(
        [
            {"id": "owner", "name": "Owner", "roles": "decider", "stance": "neutral", "influence": "low"},
            {
                "id": "gm",
                "name": "GM",
                "roles": "decider",
                "stance": "supporter",
                "authority": "high",
                "influence": "high",
                "layer": "decision",
            },
        ],
        lines=[{"kind": "delegation", "from": "owner", "to": "gm", "delegation": "nominal"}],
    )
    assert influence(group)[0].person == "gm"
    found = criteria(group)["supporter_holds_power"]
    assert (found.status, found.people) == (UNMET, ["gm"])
    assert found.note == "our most influential supporter is GM (rank 1); authority only by a nominal delegation"


def test_key_decider_found_notes_tell_never_from_unrecorded() -> None:
    never = criteria(_milestone_map(boss={"contacted": False}))["key_decider_found"]
    assert never.note == "the top decider Boss has never been contacted"
    unrecorded = criteria(make([{"name": "Boss", "roles": "decider"}]))["key_decider_found"]
    assert (unrecorded.status, unrecorded.note) == (UNMET, "no contact with the top decider Boss is recorded")


def test_key_profiles_unknown_without_key_people() -> None:
    found = criteria(make([{"name": "A"}, {"name": "B", "influence": "low"}]))["key_profiles_complete"]
    assert (found.status, found.people, found.note) == (UNKNOWN, [], "no key people recorded")


def test_milestones_on_an_empty_map() -> None:
    c = criteria(make([]))
    assert c["key_profiles_complete"].status is UNKNOWN
    assert c["key_decider_found"].status is UNMET and c["key_decider_found"].note == "no decider identified"
    assert c["technical_deciders_accept"].status is UNKNOWN
    assert c["factions_analysed"].status is UNKNOWN
    assert c["supporter_holds_power"].status is UNMET


# ---------------------------------------------------------------------------
# Path to power
# ---------------------------------------------------------------------------


def _path_map(relationships: list[dict[str, Any]], coach: dict[str, Any] | None = None, **extra: Any) -> BuyingGroup:
    return make(
        [
            {"id": "boss", "name": "Boss", "roles": "decider", "authority": "high", "influence": "high"},
            {
                "id": "coach",
                "name": "Coach",
                "insider": "coach",
                "stance": "neutral",
                "reports_to": "boss",
                **(coach or {}),
            },
            {"id": "fan", "name": "Fan", "stance": "supporter", "reports_to": "coach"},
            {"id": "cold", "name": "Cold", "stance": "neutral", "reports_to": "boss"},
            {"id": "foe", "name": "Foe", "stance": "opponent"},
        ],
        team=[{"id": "s", "name": "Seller"}, {"id": "m", "name": "Manager", "role": "manager"}],
        relationships=relationships,
        lines=[{"kind": "introduction", "from": "foe", "to": "boss"}],
        **extra,
    )


def test_path_direct() -> None:
    path = path_to_power(_path_map([{"member": "m", "person": "boss", "stage": "acquaintance"}]))
    assert path is not None and (path.member, path.member_name, path.people, path.decider) == (
        "m",
        "Manager",
        ["boss"],
        "boss",
    )
    assert path.length == 1


def test_path_through_friendly_intermediaries() -> None:
    # We know the supporter Fan; Fan → Coach (an insider counts as friendly) → Boss.
    group = _path_map([{"member": "s", "person": "fan", "stage": "friend"}])
    path = path_to_power(group)
    assert path is not None and (path.member, path.people) == ("s", ["fan", "coach", "boss"])
    assert "no_path_to_decider" not in analyze(group).flag_codes()
    assert "Seller → Fan → Coach → Boss" in analyze(group).report()


def test_path_through_the_contact_log() -> None:
    # A logged meeting with our team member also counts as knowing the person.
    group = _path_map([], contacts=[{"date": "2026-01-05", "people": ["coach"], "team": ["m"]}])
    path = path_to_power(group)
    assert path is not None and (path.member, path.people) == ("m", ["coach", "boss"])


@pytest.mark.parametrize(
    "relationships",
    [
        pytest.param([{"member": "s", "person": "cold", "stage": "friend"}], id="neutral-intermediary"),
        pytest.param([{"member": "s", "person": "foe", "stage": "friend"}], id="opponent-intermediary"),
        pytest.param([{"member": "s", "person": "boss", "stage": "stranger"}], id="stranger-is-not-known"),
        pytest.param([], id="we-know-nobody"),
    ],
)
def test_path_blocked_by_unfriendly_people(relationships: list[dict[str, Any]]) -> None:
    group = _path_map(relationships)
    assert path_to_power(group) is None
    a = analyze(group)
    assert [f.people for f in a.flags if f.code == "no_path_to_decider"] == [["boss"]]
    assert "no friendly path found" in a.report() and "未找到友好路径" in a.report("zh")


@pytest.mark.parametrize(
    ("coach", "carries"),
    [
        pytest.param({"insider": "informant", "stance": "neutral"}, True, id="neutral-informant"),
        pytest.param({"insider": "informant", "stance": "opponent"}, False, id="informant-against-us"),
        pytest.param({"insider": "coach", "stance": "enemy"}, False, id="coach-against-us"),
        pytest.param({"insider": "informant", "stance": "unknown"}, True, id="informant-stance-unknown"),
    ],
)
def test_an_insider_against_us_does_not_carry_the_path(coach: dict[str, Any], carries: bool) -> None:
    # We know the supporter Fan, who reports to the insider, who reports to the Boss.
    path = path_to_power(_path_map([{"member": "s", "person": "fan", "stage": "friend"}], coach=coach))
    assert (path is not None) is carries
    if path is not None:
        assert path.people == ["fan", "coach", "boss"]


def test_path_starts_from_our_strongest_relationship() -> None:
    # The seller (first in our team) is an acquaintance of the Boss, the manager a friend: the manager's
    # relationship is the one to use, whatever the order of the records.
    known = [
        {"member": "s", "person": "boss", "stage": "acquaintance"},
        {"member": "m", "person": "boss", "stage": "friend"},
    ]
    for records in (known, known[::-1]):
        path = path_to_power(_path_map(records))
        assert path is not None and (path.member, path.people) == ("m", ["boss"])
    # A relationship past "stranger" is preferred to a meeting in the contact log.
    group = _path_map(
        [{"member": "m", "person": "boss", "stage": "acquaintance"}],
        contacts=[{"date": "2026-01-05", "people": ["boss"], "team": ["s"]}],
    )
    path = path_to_power(group)
    assert path is not None and path.member == "m"
    assert {r.person: r.strongest_member for r in relationships(group)}["boss"] == "m"


def test_path_needs_a_team_and_a_decider() -> None:
    no_team = make([{"name": "Boss", "roles": "decider"}])
    assert path_to_power(no_team) is None
    assert "our team is not recorded" in analyze(no_team).report()
    no_decider = make(
        [{"name": "A"}], team=[{"name": "S"}], relationships=[{"member": "s", "person": "a", "stage": "friend"}]
    )
    assert path_to_power(no_decider) is None


def test_path_goes_to_the_most_influential_decider() -> None:
    group = make(
        [
            {"id": "minor", "name": "Minor", "roles": "decider", "influence": "low"},
            {"id": "major", "name": "Major", "roles": "decider", "influence": "high", "authority": "high"},
        ],
        team=[{"id": "s", "name": "S"}],
        relationships=[
            {"member": "s", "person": "minor", "stage": "friend"},
            {"member": "s", "person": "major", "stage": "acquaintance"},
        ],
    )
    path = path_to_power(group)
    assert path is not None and path.decider == "major" and path.people == ["major"]


# ---------------------------------------------------------------------------
# Next moves: approaches
# ---------------------------------------------------------------------------


def test_approaches_give_disc_advice_and_concerns() -> None:
    group = make(
        [
            {"id": "d", "name": "Dora", "roles": "decider", "disc": "D", "concerns": ["payback", "delivery date"]},
            {"id": "c", "name": "Carl", "roles": "technical_evaluator", "disc": "C", "concerns": "leak rate"},
            {"id": "x", "name": "Xena", "roles": "user"},
            *({"id": f"n{i}", "name": f"N{i}"} for i in range(5)),
        ]
    )
    moves = next_moves(group)
    lines = {a.person: a for a in moves.approaches}
    # Only key people (a decision role, high influence or high authority) get an approach line.
    assert set(lines) >= {"d", "c", "x"}
    assert (
        lines["d"].line_en
        == "Dora (decider) — D: give a short decision summary; let them decide; cares about payback, delivery date"
    )
    assert (
        "D型" in lines["d"].line_zh
        and "让对方拍板" in lines["d"].line_zh
        and "payback、delivery date" in lines["d"].line_zh
    )
    assert "C: bring data, specifications and proof" in lines["c"].line_en and "leak rate" in lines["c"].line_en
    assert "拿出数据" in lines["c"].line_zh
    assert "DISC unknown" in lines["x"].line_en and "concerns unknown" in lines["x"].line_en
    assert "性格未知" in lines["x"].line_zh and "关注点未知" in lines["x"].line_zh
    # find_out lists key people of unknown stance, most influential first.
    assert moves.find_out[:3] == ["d", "c", "x"]


# ---------------------------------------------------------------------------
# Analysis as a whole: JSON, report, functions called alone
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["welding_soe", "private_chairman", "music_academy_hvac", "water_pump_spin"])
def test_analysis_json_round_trip(name: str) -> None:
    a = analyze(example(name))
    assert Analysis.model_validate_json(a.model_dump_json()) == a


@pytest.mark.parametrize("name", ["welding_soe", "music_academy_hvac"])
def test_functions_called_alone_agree_with_analyze(name: str) -> None:
    group = example(name)
    a = analyze(group)
    assert influence(group) == a.influence
    assert support(group) == a.support
    assert structure(group) == a.structure
    assert relationships(group) == a.relationships
    assert red_flags(group) == a.flags
    assert milestone_readiness(group) == a.milestones
    assert next_moves(group) == a.next_moves


def test_report_languages() -> None:
    group = make(
        [{"id": "boss", "name": "王总", "roles": "decider", "contacted": False}],
        opportunity="Line 3",
        as_of="2026-11-20",
    )
    a = analyze(group)
    en, zh = a.report(lang="en"), a.report(lang="zh")
    assert a.flags
    for flag in a.flags:
        assert flag.message_en in en and flag.message_zh not in en
        assert flag.message_zh in zh and flag.message_en not in zh
    assert "We have never contacted the decider 王总." in en
    assert "我们从未接触过决策者王总。" in zh
    assert en.startswith("Buying-group analysis: Unit Co. — Line 3") and "as of 2026-11-20" in en
    assert zh.startswith("采购决策小组分析：Unit Co.") and "总体状态：红" in zh
    assert a.report("zh-CN") == zh
    with pytest.raises(ValueError, match="unknown language"):
        a.report("fr")


def test_analyze_as_of_overrides_the_map_date() -> None:
    group = example("welding_soe")
    assert group.as_of is not None
    later = analyze(group, as_of=group.as_of.replace(year=2027))
    assert later.as_of is not None and later.as_of.year == 2027
    stale = next(f for f in later.flags if f.code == "stale_contact")
    assert "钱卫东" in stale.people  # met 2026-11-08: fresh in 2026, stale a year later


def test_decider_contact_in_the_log_with_contacted_false_is_refused() -> None:
    # The contradiction is a validation error, so the analysis never says "never contacted" about a
    # decider the log shows we met.
    people = [{"id": "boss", "name": "Boss", "roles": "decider", "contacted": False}]
    contacts = [{"date": "2026-11-01", "people": ["boss"]}]
    with pytest.raises(MapError) as caught:
        make(people, contacts=contacts)
    (problem,) = caught.value.problems
    assert (problem.location, problem.code) == ("people[0]", "contradiction")
    assert (
        "decider_not_contacted" not in analyze(make([{**people[0], "contacted": None}], contacts=contacts)).flag_codes()
    )


def _models(value: object) -> Iterator[BaseModel]:
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from _models(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _models(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _models(item)


@pytest.mark.parametrize("redact", [False, True], ids=["full", "redacted"])
def test_result_models_are_built_whole_without_validation(redact: bool) -> None:
    """The analysis builds its results unvalidated (analysis/built.py): every field, in declaration order."""
    group = synthetic.generate(60, 3)
    analysis = analyze(group, redact=redact)
    seen = set()
    for model in _models(analysis):
        assert list(model.__dict__) == list(type(model).model_fields), type(model).__name__
        if not isinstance(model, Weights):  # the weights are the caller's input, not a result
            assert model.model_fields_set == set(type(model).model_fields), type(model).__name__
        seen.add(type(model).__name__)
    assert {"InfluenceScore", "Component", "Support", "Flag", "Criterion", "PersonRelationship"} <= seen
    # The same results as validating them again.
    assert type(analysis).model_validate(analysis.model_dump()) == analysis


@pytest.mark.parametrize("strength", [2.2250738585e-313, 5e-324, 1e-300], ids=["subnormal", "smallest", "tiny"])
def test_a_vanishing_influence_strength_gives_finite_scores(strength: float) -> None:
    """Found by hypothesis: a subnormal strength overflowed ``rank / total`` and made every network score NaN."""
    group = BuyingGroup.model_validate(
        {
            "customer": "X",
            "people": [{"name": "A"}, {"name": "B"}],
            "lines": [{"kind": "influence", "from": "a", "to": "b", "strength": strength}],
        }
    )
    for score in analyze(group).influence:
        assert all(math.isfinite(c.contribution) for c in score.components), score
        assert math.isclose(sum(c.contribution for c in score.components), score.score, abs_tol=1e-5)

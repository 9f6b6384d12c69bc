"""Property tests of the analysis (hypothesis).

Two sources of maps: ``groups()`` from tests/strategies.py (every field of the
format, any spelling) for the invariants and determinism, and ``maps()`` below,
a denser strategy of the fields the analysis reads (roles, stances, levels,
lines, factions, team, contacts), written with plain ids so that a map can be
changed and validated again.
"""

from __future__ import annotations

import copy
import math
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st
from strategies import groups

import stakeholders
from stakeholders import BuyingGroup, MapError, Stance, analyze
from stakeholders.analysis import FLAGS, Severity, StatusLevel, influence, stance_index, stance_moves, support
from stakeholders.analysis.moves import step_up

AS_OF = date(2026, 11, 20)
STANCES = [s.value for s in Stance]
LEVELS = ["low", "medium", "high"]
ROLES = ["decider", "technical_evaluator", "commercial_evaluator", "user"]
LAYERS = ["decision", "department_management", "technical_management", "finance_management", "user", "operator"]

Doc = dict[str, Any]


def _maybe(draw: st.DrawFn, target: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        target[key] = draw(strategy)


@st.composite
def maps(draw: st.DrawFn, min_people: int = 1, max_people: int = 9) -> Doc:
    """A valid map document whose people are p0, p1, ... and whose team is t0, t1, ..."""
    n = draw(st.integers(min_people, max_people))
    ids = [f"p{i}" for i in range(n)]
    doc: Doc = {"customer": "Prop Co.", "competitors": [{"id": "rival", "name": "Rival"}]}
    _maybe(draw, doc, "milestone", st.sampled_from(["visit", "deep_contact", "commercial_breakthrough"]))
    if draw(st.booleans()):
        doc["as_of"] = AS_OF.isoformat()
    people: list[dict[str, Any]] = []
    for i, ident in enumerate(ids):
        p: dict[str, Any] = {"id": ident, "name": f"Person {i}"}
        if i and draw(st.booleans()):
            p["reports_to"] = ids[draw(st.integers(0, i - 1))]  # earlier people only: no cycles
        _maybe(draw, p, "roles", st.lists(st.sampled_from(ROLES), max_size=2, unique=True))
        _maybe(draw, p, "stance", st.sampled_from(STANCES))
        _maybe(draw, p, "authority", st.sampled_from(LEVELS))
        _maybe(draw, p, "influence", st.sampled_from(LEVELS))
        _maybe(draw, p, "layer", st.sampled_from(LAYERS))
        _maybe(draw, p, "insider", st.sampled_from(["coach", "informant"]))
        _maybe(draw, p, "favours", st.just("rival"))
        _maybe(draw, p, "disc", st.sampled_from(["D", "I", "S", "C"]))
        contacted = draw(st.sampled_from([None, True, False]))
        if contacted is not None:
            p["contacted"] = contacted
        if contacted is not False and draw(st.booleans()):
            p["last_contact"] = (AS_OF - timedelta(days=draw(st.integers(0, 90)))).isoformat()
        if draw(st.booleans()):
            p["judgements"] = {"stance": {"confidence": draw(st.sampled_from(["guess", "likely", "confirmed"]))}}
        people.append(p)
    doc["people"] = people
    team = [
        {"id": f"t{i}", "name": f"Member {i}", "role": role}
        for i, role in enumerate(
            draw(st.lists(st.sampled_from(["seller", "presales", "manager", "executive", "partner"]), max_size=3))
        )
    ]
    doc["team"] = team
    if team:
        doc["relationships"] = [
            {"member": draw(st.sampled_from(team))["id"], "person": draw(st.sampled_from(ids)), "stage": stage}
            for stage in draw(
                st.lists(st.sampled_from(["stranger", "acquaintance", "friend", "close_friend"]), max_size=4)
            )
        ]
    if n >= 2:
        lines = []
        for _ in range(draw(st.integers(0, 6))):
            source, target = draw(st.permutations(ids).map(lambda xs: xs[:2]))
            kind = draw(st.sampled_from(["influence", "delegation", "introduction"]))
            line: dict[str, Any] = {"kind": kind, "from": source, "to": target}
            if kind == "influence":
                line["strength"] = draw(st.sampled_from([0.2, 0.5, 0.9]))
                _maybe(draw, line, "mutual", st.booleans())
            if kind == "delegation":
                line["delegation"] = draw(st.sampled_from(["real", "nominal"]))
            lines.append(line)
        doc["lines"] = lines
    factions = []
    for j in range(draw(st.integers(0, 2))):
        members = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4, unique=True))
        faction: dict[str, Any] = {"id": f"f{j}", "name": f"Faction {j}", "members": members}
        _maybe(draw, faction, "leader", st.sampled_from(members))
        factions.append(faction)
    doc["factions"] = factions
    # Someone recorded as never contacted (contacted: false) cannot be in the contact log.
    reachable = [p["id"] for p in people if p.get("contacted") is not False]
    if team and draw(st.booleans()):
        doc["contacts"] = [
            {
                "date": (AS_OF - timedelta(days=draw(st.integers(0, 60)))).isoformat(),
                "people": draw(st.lists(st.sampled_from(reachable), max_size=2, unique=True)) if reachable else [],
                "team": [draw(st.sampled_from(team))["id"]],
            }
        ]
    return doc


def validate(doc: Doc) -> BuyingGroup:
    return BuyingGroup.model_validate(doc)


def with_stance(doc: Doc, ident: str, stance: Stance) -> BuyingGroup:
    changed = copy.deepcopy(doc)
    next(p for p in changed["people"] if p["id"] == ident)["stance"] = stance.value
    return validate(changed)


def not_contacted_deciders(group: BuyingGroup) -> set[str]:
    return {i for f in analyze(group).flags if f.code == "decider_not_contacted" for i in f.people}


# ---------------------------------------------------------------------------
# Support index
# ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(maps())
def test_one_step_toward_mentor_never_lowers_the_support_index(doc: Doc) -> None:
    group = validate(doc)
    before = support(group).index
    for person in group.people:
        target = step_up(person.stance)
        if target is person.stance:
            continue  # mentor (no step left) or unknown (no known stance to step from)
        after = support(with_stance(doc, person.id, target)).index
        assert before is not None and after is not None
        assert after >= before - 1e-12, (person.id, person.stance, target, before, after)


@settings(max_examples=60, deadline=None)
@given(maps())
def test_unknown_is_never_counted_as_neutral(doc: Doc) -> None:
    group = validate(doc)
    scores = {s.person: s.score for s in influence(group)}
    before = support(group)
    for person in group.people:
        if person.stance is not Stance.UNKNOWN:
            continue
        after = support(with_stance(doc, person.id, Stance.NEUTRAL))
        # The unknown count changes: the person moves out of `unknown` ...
        assert person.id in before.unknown and person.id not in after.unknown
        assert len(after.unknown) == len(before.unknown) - 1
        assert after.unknown_people_share < before.unknown_people_share
        # ... and their faction's counts move from unknown to neutral.
        for fb, fa in zip(before.by_faction, after.by_faction, strict=True):
            member = person.id in next(f for f in group.factions if f.id == fb.faction).members
            assert (fa.unknown, fa.neutral) == (
                (fb.unknown - 1, fb.neutral + 1) if member else (fb.unknown, fb.neutral)
            )
        # The index now counts them at 0: unknown was left out, not read as neutral.
        total = sum(scores[p.id] for p in group.people if p.stance.known)
        if before.index is None:
            assert after.index == 0.0
        elif total > 0 and scores[person.id] > 0:
            assert after.index is not None
            assert math.isclose(after.index, before.index * total / (total + scores[person.id]), abs_tol=1e-9)


@settings(max_examples=60, deadline=None)
@given(maps())
def test_stance_move_gains_equal_a_full_rescore(doc: Doc) -> None:
    group = validate(doc)
    scores = influence(group)
    score_of = {s.person: s.score for s in scores}
    before = support(group).index
    moves = {m.person: m for m in stance_moves(group, scores=scores, limit=None)}
    for person in group.people:
        target = step_up(person.stance)
        if target is person.stance:
            assert person.id not in moves
            continue
        changed = with_stance(doc, person.id, target)
        # A full re-score of the changed copy, through support() and through stance_index().
        rescored = support(changed).index
        assert rescored is not None and before is not None
        assert stance_index(changed, score_of) == rescored
        gain = rescored - before
        if person.id in moves:
            assert moves[person.id].target is target
            assert math.isclose(moves[person.id].gain, gain, abs_tol=2e-6)
        else:
            assert gain <= 1e-9  # left out only when the move gains nothing
    listed = list(moves.values())
    assert [m.gain for m in listed] == sorted((m.gain for m in listed), reverse=True)


# ---------------------------------------------------------------------------
# Contact with the decider
# ---------------------------------------------------------------------------


@st.composite
def maps_with_a_decider(draw: st.DrawFn) -> tuple[Doc, str]:
    doc = draw(maps())
    chosen = draw(st.sampled_from(doc["people"]))
    chosen["roles"] = sorted({*chosen.get("roles", []), "decider"})
    return doc, chosen["id"]


@settings(max_examples=60, deadline=None)
@given(maps_with_a_decider(), st.sampled_from(["contacted", "contact_log", "last_contact"]))
def test_recording_a_contact_with_the_decider_never_adds_decider_not_contacted(case: tuple[Doc, str], how: str) -> None:
    doc, decider = case
    before = not_contacted_deciders(validate(doc))
    changed = copy.deepcopy(doc)
    person = next(p for p in changed["people"] if p["id"] == decider)
    explicit_no = person.get("contacted") is False
    if how == "contacted":
        person["contacted"] = True
    elif how == "last_contact":
        person.pop("contacted", None)
        person["last_contact"] = AS_OF.isoformat()
    else:
        changed.setdefault("contacts", []).append({"date": AS_OF.isoformat(), "people": [decider]})
        if explicit_no:
            # A log entry contradicting 'contacted: false' is refused, not silently believed or ignored.
            with pytest.raises(MapError, match="contacted is false but the contact log lists"):
                validate(changed)
            return
    after = not_contacted_deciders(validate(changed))
    assert after <= before
    assert decider not in after


# ---------------------------------------------------------------------------
# Determinism and ranges, on the full-format strategy
# ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(groups())
def test_same_input_same_output(group: BuyingGroup) -> None:
    first = analyze(group).model_dump_json()
    assert analyze(group).model_dump_json() == first
    assert analyze(group.model_copy(deep=True)).model_dump_json() == first
    # After a file round trip too (control characters included: YAML writes them double-quoted).
    for format in ("json", "yaml"):
        assert analyze(stakeholders.loads(group.dumps(format), format=format)).model_dump_json() == first


@settings(max_examples=60, deadline=None)
@given(maps())
def test_same_input_same_output_after_a_yaml_round_trip(doc: Doc) -> None:
    group = validate(doc)
    first = analyze(group)
    again = analyze(stakeholders.loads(group.dumps("yaml")))
    assert again.model_dump_json() == first.model_dump_json()
    assert again.report("zh") == first.report("zh") and again.report() == first.report()


@settings(max_examples=60, deadline=None)
@given(st.one_of(groups(), maps().map(validate)))
def test_scores_ranks_and_indices_are_in_range(group: BuyingGroup) -> None:
    a = analyze(group)
    n = len(group.people)
    assert sorted(s.person for s in a.influence) == sorted(p.id for p in group.people)
    assert [s.rank for s in a.influence] == list(range(1, n + 1))
    assert all(0.0 <= s.score <= 1.0 for s in a.influence)
    assert [s.score for s in a.influence] == sorted((s.score for s in a.influence), reverse=True)
    for s in a.influence:
        assert math.isclose(sum(c.contribution for c in s.components), s.score, abs_tol=1e-5)
        assert all(c.value is None or 0.0 <= c.value <= 1.0 for c in s.components)
    sup = a.support
    assert sup.index is None or -1.0 <= sup.index <= 1.0
    assert (sup.index is None) == all(not p.stance.known for p in group.people)
    for share in (sup.people_share, sup.influence_share, sup.unknown_people_share, sup.unknown_influence_share):
        assert 0.0 <= share <= 1.0  # exactly: a share is never rounded past 1
    for fb in sup.by_faction:
        assert fb.index is None or -1.0 <= fb.index <= 1.0
    assert 0.0 <= a.structure.connectedness <= 1.0
    # Flags: known codes, people of the map, status decided by the most severe.
    ids = {p.id for p in group.people}
    assert all(f.code in FLAGS and set(f.people) <= ids for f in a.flags)
    severities = {f.severity for f in a.flags}
    expected = (
        StatusLevel.RED
        if Severity.HIGH in severities
        else StatusLevel.AMBER
        if Severity.MEDIUM in severities
        else StatusLevel.GREEN
    )
    assert a.status.level is expected


def test_a_share_of_everyone_is_exactly_one() -> None:
    """Nobody's stance known: the unknown share is 1, not 1.0000000000000002 (the sum taken in another order)."""
    layers = ["operator", "technical_management", "department_management", "decision"]
    layers += ["decision", "decision", "user", "finance_management"]
    authority = ["high", "medium", "low", "low", "medium", "high", "low", "high"]
    people: list[Doc] = [{"name": f"P{i}", "authority": authority[i], "layer": layers[i]} for i in range(8)]
    people[4]["reports_to"], people[6]["reports_to"], people[7]["reports_to"] = "p3", "p2", "p1"
    assert support(BuyingGroup(customer="X", people=people)).unknown_influence_share == 1.0

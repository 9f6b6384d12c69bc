"""Every red flag of stakeholders.analysis.FLAGS, on small maps built for it.

For each code there is one map on which the flag must fire (with the right
people) and one map on which its condition is false (it must not fire). The
maps start from ``baseline()``, a healthy eight-person deal on which no flag at
all fires (status green), and change one thing each.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from stakeholders import BuyingGroup, analyze
from stakeholders.analysis import FLAGS, Severity, StatusLevel, overall_status, red_flags

AS_OF = date(2026, 11, 20)
RECENT = AS_OF - timedelta(days=5)

Doc = dict[str, Any]


def baseline() -> Doc:
    """A healthy deal: every check of the analysis passes.

    - the decider (boss) supports us, we met him recently and our seller is his friend;
    - every decision role has a supporter; the technical evaluator is our coach;
    - support is spread over four supporters (no single thread);
    - the only opponent-leaning person is a neutral who favours the competitor
      (so we know who backs the competitor);
    - no nominal delegation, no faction, no guessed judgement, everyone key met recently.
    """
    recent = RECENT.isoformat()
    return {
        "customer": "Baseline Co.",
        "milestone": "initiation",
        "as_of": AS_OF.isoformat(),
        "competitors": [{"id": "rival", "name": "Rival Ltd"}],
        "people": [
            {
                "id": "boss",
                "name": "Boss",
                "title": "General manager",
                "roles": ["decider"],
                "layer": "decision",
                "stance": "supporter",
                "authority": "high",
                "influence": "high",
                "contacted": True,
                "last_contact": recent,
            },
            {
                "id": "tech",
                "name": "Tech",
                "reports_to": "boss",
                "roles": ["technical_evaluator"],
                "stance": "supporter",
                "insider": "coach",
                "authority": "medium",
                "influence": "medium",
                "contacted": True,
                "last_contact": recent,
            },
            {
                "id": "buyer",
                "name": "Buyer",
                "reports_to": "boss",
                "roles": ["commercial_evaluator"],
                "stance": "supporter",
                "authority": "medium",
                "influence": "medium",
                "contacted": True,
                "last_contact": recent,
            },
            {
                "id": "user",
                "name": "User",
                "reports_to": "tech",
                "roles": ["user"],
                "stance": "supporter",
                "authority": "low",
                "influence": "low",
                "contacted": True,
                "last_contact": recent,
            },
            {
                "id": "clerk",
                "name": "Clerk",
                "reports_to": "buyer",
                "roles": ["commercial_evaluator"],
                "stance": "neutral",
                "favours": "rival",
                "authority": "low",
                "influence": "low",
                "contacted": True,
                "last_contact": recent,
            },
            {"id": "op1", "name": "Op One", "reports_to": "user", "layer": "operator", "stance": "neutral"},
            {"id": "op2", "name": "Op Two", "reports_to": "user", "layer": "operator", "stance": "neutral"},
            {"id": "op3", "name": "Op Three", "reports_to": "clerk", "layer": "operator", "stance": "neutral"},
        ],
        "team": [{"id": "seller", "name": "Seller", "role": "seller"}],
        "relationships": [{"member": "seller", "person": "boss", "stage": "friend"}],
    }


def person(doc: Doc, ident: str) -> dict[str, Any]:
    return next(p for p in doc["people"] if p["id"] == ident)


def edit(doc: Doc, ident: str, **fields: Any) -> Doc:
    """Set (or, with None, remove) fields of one person."""
    target = person(doc, ident)
    for key, value in fields.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    return doc


def build(change: Callable[[Doc], Any] | None = None) -> BuyingGroup:
    doc = copy.deepcopy(baseline())
    if change is not None:
        change(doc)
    return BuyingGroup.model_validate(doc)


def flags_of(group: BuyingGroup, code: str) -> list[list[str]]:
    """The people of every flag with ``code`` (one list per flag raised)."""
    return [f.people for f in analyze(group).flags if f.code == code]


# ---------------------------------------------------------------------------
# The baseline itself
# ---------------------------------------------------------------------------


def test_baseline_raises_no_flag_and_is_green() -> None:
    # If this fails, every "does not fire" case below proves less than it claims.
    analysis = analyze(build())
    assert analysis.flags == []
    assert analysis.status.level is StatusLevel.GREEN
    assert analysis.status.reasons == []


# ---------------------------------------------------------------------------
# One map per flag on which it fires, with the people concerned
# ---------------------------------------------------------------------------


def _no_coach(doc: Doc) -> None:
    edit(doc, "tech", insider=None)


def _decider_unknown(doc: Doc) -> None:
    edit(doc, "boss", roles=None)


def _decider_not_contacted(doc: Doc) -> None:
    edit(doc, "boss", contacted=False, last_contact=None)
    doc["relationships"] = []


def _decider_stance_unknown(doc: Doc) -> None:
    edit(doc, "boss", stance="unknown")


def _decider_against(doc: Doc) -> None:
    edit(doc, "boss", stance="opponent")


def _powerful_opponent(doc: Doc) -> None:
    # The buyer ranks among the top three (medium influence, reports to the boss).
    edit(doc, "buyer", stance="enemy", favours="rival")


def _supporters_lack_power(doc: Doc) -> None:
    # Only the low-level user still supports us; the buyer opposes us.
    edit(doc, "boss", stance="neutral")
    edit(doc, "tech", stance="neutral")
    edit(doc, "buyer", stance="opponent")


def _overlooked_senior(doc: Doc) -> None:
    doc["people"].append({"id": "vp", "name": "Vice President", "title": "VP", "authority": "high", "contacted": False})


def _single_threaded(doc: Doc) -> None:
    for ident in ("tech", "buyer", "user"):
        edit(doc, ident, stance="neutral")


def _key_stance_unknown(doc: Doc) -> None:
    edit(doc, "clerk", stance="unknown")


def _role_uncovered(doc: Doc) -> None:
    edit(doc, "buyer", stance="neutral")


def _nominal_delegation(doc: Doc) -> None:
    # We rely on our coach, whose authority is only on paper, while the boss who delegated it is neutral.
    edit(doc, "boss", stance="neutral")
    doc["lines"] = [{"kind": "delegation", "from": "boss", "to": "tech", "delegation": "nominal"}]


def _faction_led_by_opponent(doc: Doc) -> None:
    edit(doc, "op1", stance="opponent")
    doc["factions"] = [{"id": "shop", "name": "Shop floor", "leader": "op1", "members": ["op1", "op2"]}]


def _competitor_backers_unknown(doc: Doc) -> None:
    edit(doc, "clerk", favours=None)


def _enemy_competitor_unknown(doc: Doc) -> None:
    edit(doc, "op1", stance="enemy")


def _stale_contact(doc: Doc) -> None:
    edit(doc, "buyer", last_contact=(AS_OF - timedelta(days=45)).isoformat())


def _low_confidence(doc: Doc) -> None:
    edit(doc, "boss", judgements={"stance": {"confidence": "guess", "evidence": "hearsay"}})


def _no_path_to_decider(doc: Doc) -> None:
    # We only know op1, a neutral: reachable, but a neutral will not carry us to the boss.
    doc["relationships"] = [{"member": "seller", "person": "op1", "stage": "acquaintance"}]


FIRES: dict[str, tuple[Callable[[Doc], None], list[list[str]]]] = {
    "no_coach": (_no_coach, [[]]),
    "decider_unknown": (_decider_unknown, [[]]),
    "decider_not_contacted": (_decider_not_contacted, [["boss"]]),
    "decider_stance_unknown": (_decider_stance_unknown, [["boss"]]),
    "decider_against": (_decider_against, [["boss"]]),
    "powerful_opponent": (_powerful_opponent, [["buyer"]]),
    "supporters_lack_power": (_supporters_lack_power, [["user", "buyer"]]),
    "overlooked_senior": (_overlooked_senior, [["vp"]]),
    "single_threaded": (_single_threaded, [["boss"]]),
    "key_stance_unknown": (_key_stance_unknown, [["clerk"]]),
    "role_uncovered": (_role_uncovered, [["buyer", "clerk"]]),
    "nominal_delegation": (_nominal_delegation, [["tech", "boss"]]),
    "faction_led_by_opponent": (_faction_led_by_opponent, [["op1"]]),
    "competitor_backers_unknown": (_competitor_backers_unknown, [[]]),
    "enemy_competitor_unknown": (_enemy_competitor_unknown, [["op1"]]),
    "stale_contact": (_stale_contact, [["buyer"]]),
    "low_confidence": (_low_confidence, [["boss"]]),
    "no_path_to_decider": (_no_path_to_decider, [["boss"]]),
}


def test_every_flag_code_has_a_firing_and_a_quiet_case() -> None:
    assert set(FIRES) == set(FLAGS)
    assert set(QUIET) == set(FLAGS)


@pytest.mark.parametrize("code", sorted(FIRES), ids=str)
def test_flag_fires_on_a_map_built_for_it(code: str) -> None:
    change, people = FIRES[code]
    raised = [f for f in analyze(build(change)).flags if f.code == code]
    assert [f.people for f in raised] == people
    for flag in raised:
        assert flag.severity is FLAGS[code].severity
        assert flag.message_en and flag.message_zh and flag.message_en != flag.message_zh


# ---------------------------------------------------------------------------
# One map per flag on which its condition is false
# ---------------------------------------------------------------------------


def _coach_is_informant_only(doc: Doc) -> None:
    # An informant is not a coach, but here the coach is still there as well.
    edit(doc, "clerk", insider="informant")


def _decider_role_moves(doc: Doc) -> None:
    # The boss is no longer the decider, but the technical evaluator now is.
    edit(doc, "boss", roles=None)
    edit(doc, "tech", roles=["technical_evaluator", "decider"])


def _one_supporter_covers_a_role(doc: Doc) -> None:
    # The buyer turns neutral, but the clerk (also a commercial evaluator) supports us.
    edit(doc, "buyer", stance="neutral")
    edit(doc, "clerk", stance="supporter")


def _two_comparable_supporters(doc: Doc) -> None:
    # Boss and coach support us; neither holds 80% of our supporters' influence.
    edit(doc, "buyer", stance="neutral")
    edit(doc, "user", stance="neutral")


def _decider_contact_only_in_log(doc: Doc) -> None:
    # Contact recorded only through the contact log (no 'contacted' field).
    edit(doc, "boss", contacted=None, last_contact=None)
    doc["contacts"] = [{"date": RECENT.isoformat(), "people": ["boss"]}]


def _decider_contact_only_by_relationship(doc: Doc) -> None:
    # A relationship past "stranger" also proves we met the decider.
    edit(doc, "boss", contacted=None, last_contact=None)


def _decider_neutral(doc: Doc) -> None:
    # Neutral is a known stance: neither "unknown" nor "against".
    edit(doc, "boss", stance="neutral")


def _low_influence_opponent(doc: Doc) -> None:
    # An operator at the bottom of an eight-person map is not a high-influence opponent.
    edit(doc, "op1", stance="opponent", favours="rival")


def _supporters_stronger_than_opponent(doc: Doc) -> None:
    edit(doc, "op1", stance="opponent", favours="rival")


def _senior_contacted(doc: Doc) -> None:
    doc["people"].append({"id": "vp", "name": "Vice President", "authority": "high", "contacted": True})


def _unrelated_senior_decider(doc: Doc) -> None:
    # Deciders are checked by decider_not_contacted, not by overlooked_senior.
    doc["people"].append(
        {"id": "vp", "name": "Vice President", "roles": ["decider"], "stance": "supporter", "contacted": True}
    )


def _unknown_but_not_key(doc: Doc) -> None:
    # An operator with no decision role and little influence: not a key person.
    edit(doc, "op1", stance="unknown")


def _nominal_delegation_to_neutral(doc: Doc) -> None:
    # A neutral boss: a nominal delegation to someone we do not rely on, and a real one to our coach.
    edit(doc, "boss", stance="neutral")
    doc["lines"] = [
        {"kind": "delegation", "from": "boss", "to": "op2", "delegation": "nominal"},
        {"kind": "delegation", "from": "boss", "to": "tech", "delegation": "real"},
    ]


def _faction_led_by_supporter(doc: Doc) -> None:
    edit(doc, "op2", stance="opponent", favours="rival")
    doc["factions"] = [{"id": "eng", "name": "Engineers", "leader": "tech", "members": ["tech", "user", "op2"]}]


def _enemy_with_competitor(doc: Doc) -> None:
    edit(doc, "op1", stance="enemy", favours="rival")


def _stale_but_not_key(doc: Doc) -> None:
    # op1 has no decision role and low influence; last seen long ago does not matter.
    edit(doc, "op1", last_contact=(AS_OF - timedelta(days=200)).isoformat())


def _contact_29_days_ago(doc: Doc) -> None:
    edit(doc, "buyer", last_contact=(AS_OF - timedelta(days=29)).isoformat())


def _guess_on_non_key_person(doc: Doc) -> None:
    edit(doc, "op1", judgements={"stance": {"confidence": "guess"}})
    edit(doc, "boss", judgements={"stance": {"confidence": "confirmed"}})


def _path_through_coach(doc: Doc) -> None:
    # We know only the user; the user (supporter) → tech (coach) → boss.
    doc["relationships"] = [{"member": "seller", "person": "user", "stage": "acquaintance"}]


QUIET: dict[str, Callable[[Doc], None]] = {
    "no_coach": _coach_is_informant_only,
    "decider_unknown": _decider_role_moves,
    "decider_not_contacted": _decider_contact_only_in_log,
    "decider_stance_unknown": _decider_neutral,
    "decider_against": _decider_neutral,
    "powerful_opponent": _low_influence_opponent,
    "supporters_lack_power": _supporters_stronger_than_opponent,
    "overlooked_senior": _senior_contacted,
    "single_threaded": _two_comparable_supporters,
    "key_stance_unknown": _unknown_but_not_key,
    "role_uncovered": _one_supporter_covers_a_role,
    "nominal_delegation": _nominal_delegation_to_neutral,
    "faction_led_by_opponent": _faction_led_by_supporter,
    "competitor_backers_unknown": _enemy_with_competitor,
    "enemy_competitor_unknown": _enemy_with_competitor,
    "stale_contact": _contact_29_days_ago,
    "low_confidence": _guess_on_non_key_person,
    "no_path_to_decider": _path_through_coach,
}


@pytest.mark.parametrize("code", sorted(QUIET), ids=str)
def test_flag_does_not_fire_when_its_condition_is_false(code: str) -> None:
    assert flags_of(build(QUIET[code]), code) == []


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_decider_contact_only_by_relationship, id="relationship-friend"),
        pytest.param(_senior_contacted, id="baseline-plus-contacted-vp"),
        pytest.param(_unrelated_senior_decider, id="second-decider"),
    ],
)
def test_more_maps_where_contact_flags_stay_quiet(change: Callable[[Doc], None]) -> None:
    codes = {f.code for f in analyze(build(change)).flags}
    assert not codes & {"decider_not_contacted", "overlooked_senior"}


# ---------------------------------------------------------------------------
# Details of individual flags
# ---------------------------------------------------------------------------


def test_no_coach_is_high_from_deep_contact_on() -> None:
    # D9: developing a coach is a work standard of the deep-contact milestone.
    def late(doc: Doc) -> None:
        _no_coach(doc)
        doc["milestone"] = "deep_contact"

    early = [f for f in analyze(build(_no_coach)).flags if f.code == "no_coach"]
    later = [f for f in analyze(build(late)).flags if f.code == "no_coach"]
    assert [f.severity for f in early] == [Severity.MEDIUM]
    assert [f.severity for f in later] == [Severity.HIGH]


def test_decider_not_contacted_when_contact_is_not_recorded() -> None:
    # D8: not knowing that we ever met the top decider is as dangerous as knowing we did not.
    def unrecorded(doc: Doc) -> None:
        edit(doc, "boss", contacted=None, last_contact=None)
        doc["relationships"] = []

    assert flags_of(build(unrecorded), "decider_not_contacted") == [["boss"]]


@pytest.mark.parametrize(
    ("delegator", "delegate", "fires"),
    [
        pytest.param("neutral", {"stance": "supporter", "insider": None}, True, id="supporter-from-neutral"),
        pytest.param("unknown", {"stance": "neutral", "insider": "coach"}, True, id="coach-from-unknown"),
        pytest.param("opponent", {"stance": "mentor", "insider": None}, True, id="mentor-from-opponent"),
        # The delegator supports us too: the nominal delegation costs us nothing.
        pytest.param("supporter", {"stance": "supporter", "insider": "coach"}, False, id="delegator-supports-us"),
        pytest.param("mentor", {"stance": "supporter", "insider": None}, False, id="delegator-is-a-mentor"),
        # We do not rely on the delegate: neutral and no insider.
        pytest.param("neutral", {"stance": "neutral", "insider": None}, False, id="delegate-not-relied-on"),
        # An informant is not someone we rely on for power.
        pytest.param("neutral", {"stance": "neutral", "insider": "informant"}, False, id="delegate-informant"),
    ],
)
def test_nominal_delegation_needs_a_delegate_we_rely_on_and_a_delegator_not_with_us(
    delegator: str, delegate: dict[str, Any], fires: bool
) -> None:
    def change(doc: Doc) -> None:
        edit(doc, "boss", stance=delegator)
        edit(doc, "tech", **delegate)
        doc["lines"] = [{"kind": "delegation", "from": "boss", "to": "tech", "delegation": "nominal"}]

    assert flags_of(build(change), "nominal_delegation") == ([["tech", "boss"]] if fires else [])


def test_overlooked_senior_tells_never_contacted_from_not_recorded() -> None:
    def two(doc: Doc) -> None:
        doc["people"].append(
            {"id": "vp", "name": "Vice President", "title": "VP", "authority": "high", "contacted": False}
        )
        doc["people"].append({"id": "cfo", "name": "CFO", "authority": "high"})

    (flag,) = [f for f in analyze(build(two)).flags if f.code == "overlooked_senior"]
    assert flag.people == ["cfo", "vp"]
    assert flag.message_en == (
        "High authority or influence, no contact with us: CFO (no title; no contact recorded), "
        "Vice President (VP; never contacted)."
    )
    assert (
        flag.message_zh == "权力或影响力很高却未与我们接触：CFO（无职位；无接触记录）、Vice President（VP；从未接触）。"
    )


def test_high_authority_makes_a_key_person() -> None:
    # A chairman of the committee with high formal authority, no decision role and little influence:
    # still a key person, so his unknown stance, old contact and guessed judgement all matter.
    def chair(doc: Doc) -> None:
        doc["people"].append(
            {
                "id": "chair",
                "name": "Chair",
                "authority": "high",
                "influence": "low",
                "contacted": True,
                "last_contact": (AS_OF - timedelta(days=45)).isoformat(),
                "judgements": {"influence": {"confidence": "guess"}},
            }
        )

    a = analyze(build(chair))
    assert not a.score_of("chair").high
    for code in ("key_stance_unknown", "stale_contact", "low_confidence"):
        assert flags_of(build(chair), code) == [["chair"]], code
    assert a.next_moves.find_out == ["chair"]
    assert "chair" in [x.person for x in a.next_moves.approaches]
    # Without the high authority he is nobody the flags look at.
    quiet = analyze(build(lambda doc: (chair(doc), edit(doc, "chair", authority="medium"))))
    assert not {"key_stance_unknown", "stale_contact", "low_confidence"} & set(quiet.flag_codes())
    assert quiet.next_moves.find_out == []


def test_supporters_lack_power_with_no_supporter_names_the_opponent() -> None:
    def nobody(doc: Doc) -> None:
        for p in doc["people"]:
            p["stance"] = "neutral"
        edit(doc, "buyer", stance="opponent")

    assert flags_of(build(nobody), "supporters_lack_power") == [["buyer"]]


def test_single_threaded_by_share_of_support_influence() -> None:
    # Two supporters, but one holds at least `single_thread_share` of their influence.
    def lopsided(doc: Doc) -> None:
        for ident in ("tech", "buyer"):
            edit(doc, ident, stance="neutral")

    group = build(lopsided)
    assert [f.people for f in analyze(group).flags if f.code == "single_threaded"] == []
    strict = analyze(group, weights={"single_thread_share": 0.5})
    assert [f.people for f in strict.flags if f.code == "single_threaded"] == [["boss"]]


def test_role_uncovered_for_a_role_nobody_holds() -> None:
    def no_users(doc: Doc) -> None:
        edit(doc, "user", roles=None)

    raised = [f for f in analyze(build(no_users)).flags if f.code == "role_uncovered"]
    assert [f.people for f in raised] == [[]]
    assert "user" in raised[0].message_en.lower()


def test_stale_contact_needs_a_date_and_counts_days() -> None:
    group = build(_stale_contact)
    dated = [f for f in analyze(group).flags if f.code == "stale_contact"]
    assert "45 days" in dated[0].message_en and "45天" in dated[0].message_zh
    # Analysed as of an earlier date, the same contact is fresh.
    earlier = analyze(group, as_of=AS_OF - timedelta(days=20))
    assert "stale_contact" not in earlier.flag_codes()

    # Without any analysis date the flag is not evaluated.
    def undated(doc: Doc) -> None:
        _stale_contact(doc)
        del doc["as_of"]

    assert flags_of(build(undated), "stale_contact") == []
    # stale_days is a weight: 60 days makes 45 days acceptable.
    assert "stale_contact" not in analyze(group, weights={"stale_days": 60}).flag_codes()


def test_low_confidence_names_the_guessed_fields() -> None:
    def guesses(doc: Doc) -> None:
        edit(
            doc,
            "tech",
            judgements={"disc": {"confidence": "guess"}, "influence": {"confidence": "guess"}},
        )

    raised = [f for f in analyze(build(guesses)).flags if f.code == "low_confidence"]
    assert [f.people for f in raised] == [["tech"]]
    assert "DISC type" in raised[0].message_en and "influence" in raised[0].message_en


def test_no_path_to_decider_needs_our_team() -> None:
    # Without our team in the map the path cannot be judged: no flag.
    def no_team(doc: Doc) -> None:
        doc["team"] = []
        doc["relationships"] = []

    assert flags_of(build(no_team), "no_path_to_decider") == []


def test_red_flags_alone_matches_analyze() -> None:
    # red_flags can be called alone and gives what analyze gives.
    group = build(_supporters_lack_power)
    assert red_flags(group) == analyze(group).flags


def test_flags_are_sorted_most_severe_first() -> None:
    def many(doc: Doc) -> None:
        _low_confidence(doc)
        _no_coach(doc)
        _decider_against(doc)

    weights = [f.severity.weight for f in analyze(build(many)).flags]
    assert weights == sorted(weights, reverse=True)
    assert len(set(weights)) == 3


def test_low_influence_opponent_in_a_small_map_is_not_powerful() -> None:
    # In a map of three everyone is in the "top three"; high influence also needs high_influence_floor.
    group = BuyingGroup.model_validate(
        {
            "customer": "Small Co.",
            "people": [
                {"name": "Boss", "roles": "decider", "stance": "supporter", "influence": "high", "contacted": True},
                {"name": "Eng", "roles": "technical_evaluator", "stance": "supporter", "influence": "medium"},
                {"name": "Op", "layer": "operator", "stance": "opponent", "influence": "low"},
            ],
        }
    )
    a = analyze(group)
    assert not a.score_of("op").high
    assert "powerful_opponent" not in a.flag_codes()
    # Eng (medium influence, a technical evaluator) is high influence and was never recorded as met; Op is not.
    assert [f.people for f in a.flags if f.code == "overlooked_senior"] == [["eng"]]


# ---------------------------------------------------------------------------
# Overall status
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "level", "reasons"),
    [
        # Any high-severity flag makes the deal red; here the decider opposes us
        # (and, being the most influential person, is also a powerful opponent).
        pytest.param(
            _decider_against,
            StatusLevel.RED,
            ["decider_against", "powerful_opponent", "supporters_lack_power"],
            id="red-decider-against",
        ),
        # Only medium flags: amber; all of them are the reasons.
        pytest.param(
            lambda d: (_no_coach(d), _stale_contact(d)),
            StatusLevel.AMBER,
            ["no_coach", "stale_contact"],
            id="amber-no-coach-stale",
        ),
        # Low-severity flags alone leave the deal green.
        pytest.param(_low_confidence, StatusLevel.GREEN, [], id="green-only-a-guess"),
        pytest.param(None, StatusLevel.GREEN, [], id="green-baseline"),
    ],
)
def test_overall_status(change: Callable[[Doc], Any] | None, level: StatusLevel, reasons: list[str]) -> None:
    analysis = analyze(build(change))
    assert analysis.status.level is level
    assert analysis.status.reasons == reasons
    assert overall_status(analysis.flags) == analysis.status

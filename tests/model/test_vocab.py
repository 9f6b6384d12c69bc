"""Vocabularies: parsing of labels and synonyms, canonical ids on output, order, labels."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

import stakeholders
from stakeholders import (
    CompetitorPosition,
    Confidence,
    DelegationType,
    Disc,
    Insider,
    InterestType,
    JudgedField,
    Layer,
    Level,
    LineKind,
    MapError,
    Milestone,
    Ownership,
    RelationshipStage,
    Role,
    Stance,
    TeamRole,
    UnitKind,
)
from stakeholders.vocab import Vocabulary, normalise_language


def _all_vocabularies() -> list[type[Vocabulary]]:
    found: dict[str, type[Vocabulary]] = {}
    pending = list(Vocabulary.__subclasses__())
    while pending:
        cls = pending.pop()
        found[f"{cls.__module__}.{cls.__qualname__}"] = cls
        pending.extend(cls.__subclasses__())
    return [found[name] for name in sorted(found)]


VOCABULARIES = _all_vocabularies()
FOUNDATION = [
    Stance,
    Role,
    Disc,
    RelationshipStage,
    Layer,
    Insider,
    Confidence,
    DelegationType,
    Level,
    UnitKind,
    TeamRole,
    Milestone,
    Ownership,
    CompetitorPosition,
    InterestType,
    LineKind,
    JudgedField,
]


def _spellings(member: Vocabulary) -> list[str]:
    """Every spelling a member is declared with: id, name, labels and aliases."""
    return [member.value, member.name, *(member.label(lang) for lang in ("en", "zh", "zh_hant")), *member._aliases]


# (vocabulary, input as written by a person, canonical id)
PARSE_CASES: list[tuple[type[Vocabulary], str, str]] = [
    # Stance (D3)
    (Stance, "良师益友", "mentor"),
    (Stance, "良師益友", "mentor"),
    (Stance, "Champion", "mentor"),
    (Stance, "CHAMPION", "mentor"),
    (Stance, "Mentor", "mentor"),
    (Stance, "支持者", "supporter"),
    (Stance, "Supportive", "supporter"),
    (Stance, "中立者", "neutral"),
    (Stance, "NEUTRAL", "neutral"),
    (Stance, "反对者", "opponent"),
    (Stance, "反對者", "opponent"),
    (Stance, "Detractor", "opponent"),
    (Stance, "死敌", "enemy"),
    (Stance, "死敵", "enemy"),
    (Stance, "Anti-Sponsor", "enemy"),
    (Stance, "blocker", "enemy"),
    (Stance, "未知", "unknown"),
    (Stance, "?", "unknown"),
    (Stance, "  supporter  ", "supporter"),
    # Role (D2)
    (Role, "决策者", "decider"),
    (Role, "決策者", "decider"),
    (Role, "Economic Buyer", "decider"),
    (Role, "economic-buyer", "decider"),
    (Role, "DECIDER", "decider"),
    (Role, "技术评估者", "technical_evaluator"),
    (Role, "技術評估者", "technical_evaluator"),
    (Role, "Technical Buyer", "technical_evaluator"),
    (Role, "technical evaluator", "technical_evaluator"),
    (Role, "Technical_Evaluator", "technical_evaluator"),
    (Role, "商务评估者", "commercial_evaluator"),
    (Role, "商務評估者", "commercial_evaluator"),
    (Role, "Purchaser", "commercial_evaluator"),
    (Role, "使用者", "user"),
    (Role, "End User", "user"),
    # Disc (D4)
    (Disc, "D型", "dominance"),
    (Disc, "Ｄ型", "dominance"),  # full-width letter, NFKC-normalised
    (Disc, "D", "dominance"),
    (Disc, "d", "dominance"),
    (Disc, "Dominance", "dominance"),
    (Disc, "I型", "influence"),
    (Disc, "i", "influence"),
    (Disc, "S型", "steadiness"),
    (Disc, "Amiable", "steadiness"),
    (Disc, "C型", "conscientiousness"),
    (Disc, "Analytical", "conscientiousness"),
    # Relationship stage (D5)
    (RelationshipStage, "社会人", "stranger"),
    (RelationshipStage, "社會人", "stranger"),
    (RelationshipStage, "STRANGER", "stranger"),
    (RelationshipStage, "熟人", "acquaintance"),
    (RelationshipStage, "Acquaintance", "acquaintance"),
    (RelationshipStage, "朋友", "friend"),
    (RelationshipStage, "挚友", "close_friend"),
    (RelationshipStage, "摯友", "close_friend"),
    (RelationshipStage, "Close Friend", "close_friend"),
    (RelationshipStage, "close-friend", "close_friend"),
    # Layer: the six kinds of customer (D2)
    (Layer, "决策层", "decision"),
    (Layer, "決策層", "decision"),
    (Layer, "Executive", "decision"),
    (Layer, "部门管理层", "department_management"),
    (Layer, "部門管理層", "department_management"),
    (Layer, "技术部门管理层", "technical_management"),
    (Layer, "技術部門管理層", "technical_management"),
    (Layer, "财务部门管理层", "finance_management"),
    (Layer, "財務部門管理層", "finance_management"),
    (Layer, "FINANCE", "finance_management"),
    (Layer, "使用者", "user"),
    (Layer, "操作者", "operator"),
    (Layer, "Operations", "operator"),
    # Insider (D7)
    (Insider, "教练", "coach"),
    (Insider, "教練", "coach"),
    (Insider, "Coach", "coach"),
    (Insider, "线人", "informant"),
    (Insider, "線人", "informant"),
    (Insider, "SPY", "informant"),
    # Confidence
    (Confidence, "已确认", "confirmed"),
    (Confidence, "已確認", "confirmed"),
    (Confidence, "Verified", "confirmed"),
    (Confidence, "较可能", "likely"),
    (Confidence, "較可能", "likely"),
    (Confidence, "Probably", "likely"),
    (Confidence, "猜测", "guess"),
    (Confidence, "猜測", "guess"),
    (Confidence, "HUNCH", "guess"),
    # Delegation type (D6)
    (DelegationType, "真授权", "real"),
    (DelegationType, "真授權", "real"),
    (DelegationType, "Genuine", "real"),
    (DelegationType, "假授权", "nominal"),
    (DelegationType, "假授權", "nominal"),
    (DelegationType, "On Paper", "nominal"),
    # Level
    (Level, "高", "high"),
    (Level, "強", "high"),
    (Level, "中", "medium"),
    (Level, "Moderate", "medium"),
    (Level, "低", "low"),
    (Level, "LOW", "low"),
    # Unit kind (D1)
    (UnitKind, "部门", "department"),
    (UnitKind, "部門", "department"),
    (UnitKind, "关联机构", "related_institution"),
    (UnitKind, "關聯機構", "related_institution"),
    (UnitKind, "Design Institute", "related_institution"),
    (UnitKind, "设计院", "related_institution"),
    # Team role
    (TeamRole, "销售", "seller"),
    (TeamRole, "銷售", "seller"),
    (TeamRole, "Account Manager", "seller"),
    (TeamRole, "售前工程师", "presales"),
    (TeamRole, "售前工程師", "presales"),
    (TeamRole, "CEO", "executive"),
    # Milestone (D9)
    (Milestone, "深度接触", "deep_contact"),
    (Milestone, "深度接觸", "deep_contact"),
    (Milestone, "Deep Contact", "deep_contact"),
    (Milestone, "deep-contact", "deep_contact"),
    (Milestone, "技术突破", "technical_breakthrough"),
    (Milestone, "商務突破", "commercial_breakthrough"),
    (Milestone, "项目立项", "initiation"),
    (Milestone, "現場投標", "bidding"),
    # Ownership (D6)
    (Ownership, "国有企业", "state_owned"),
    (Ownership, "國有企業", "state_owned"),
    (Ownership, "国企", "state_owned"),
    (Ownership, "SOE", "state_owned"),
    (Ownership, "State-Owned Enterprise", "state_owned"),
    (Ownership, "私营企业", "private"),
    (Ownership, "私營企業", "private"),
    # Competitor position (D12)
    (CompetitorPosition, "领导者", "leader"),
    (CompetitorPosition, "領導者", "leader"),
    (CompetitorPosition, "Market Leader", "leader"),
    (CompetitorPosition, "替代品竞争者", "substitute"),
    (CompetitorPosition, "Status Quo", "budget"),
    # Interest type (D5)
    (InterestType, "局外人", "outsider"),
    (InterestType, "合作伙伴", "partner"),
    (InterestType, "合作夥伴", "partner"),
    (InterestType, "Supplier", "supplier"),
    # Line kind
    (LineKind, "影响", "influence"),
    (LineKind, "影響", "influence"),
    (LineKind, "授权", "delegation"),
    (LineKind, "授權", "delegation"),
    (LineKind, "引荐", "introduction"),
    (LineKind, "引薦", "introduction"),
    (LineKind, "Solid Line", "reports_to"),
    (LineKind, "Dotted", "dotted_line"),
    # Judged field
    (JudgedField, "立场", "stance"),
    (JudgedField, "立場", "stance"),
    (JudgedField, "Personality", "disc"),
    (JudgedField, "性格", "disc"),
    (JudgedField, "role", "roles"),
]


@pytest.mark.parametrize(
    ("vocabulary", "text", "canonical"),
    PARSE_CASES,
    ids=[f"{v.__name__}-{text.strip()}" for v, text, _ in PARSE_CASES],
)
def test_parse_to_canonical_id(vocabulary: type[Vocabulary], text: str, canonical: str) -> None:
    member = vocabulary.parse(text)
    assert type(member) is vocabulary
    assert member.value == canonical
    assert str(member) == canonical
    assert vocabulary.parse(member) is member


def test_parse_cases_cover_every_member_of_the_core_vocabularies() -> None:
    covered = {(v, canonical) for v, _, canonical in PARSE_CASES}
    for vocabulary in (Stance, Role, Disc, RelationshipStage, Layer, Insider, Confidence, DelegationType):
        missing = [m.value for m in vocabulary if (vocabulary, m.value) not in covered]
        assert missing == [], f"{vocabulary.__name__}: no parse case for {missing}"


# The same spellings as written in a file, and the canonical id they are written back as.
# (field description, YAML document with {value}, path in to_dict(), input, canonical id)
DOCUMENT_CASES: list[tuple[str, str, tuple[Any, ...], str, str]] = [
    ("stance", "people: [{{name: A, stance: {value}}}]", ("people", 0, "stance"), "良师益友", "mentor"),
    ("stance-hant", "people: [{{name: A, stance: {value}}}]", ("people", 0, "stance"), "反對者", "opponent"),
    ("roles", "people: [{{name: A, roles: [{value}]}}]", ("people", 0, "roles", 0), "決策者", "decider"),
    ("role-single", "people: [{{name: A, roles: {value}}}]", ("people", 0, "roles", 0), "End User", "user"),
    ("disc", "people: [{{name: A, disc: {value}}}]", ("people", 0, "disc"), "C型", "conscientiousness"),
    ("layer", "people: [{{name: A, layer: {value}}}]", ("people", 0, "layer"), "財務部門管理層", "finance_management"),
    ("insider", "people: [{{name: A, insider: {value}}}]", ("people", 0, "insider"), "线人", "informant"),
    ("influence", "people: [{{name: A, influence: {value}}}]", ("people", 0, "influence"), "高", "high"),
    ("stage", "people: [{{name: A, stage: {value}}}]", ("people", 0, "stage"), "摯友", "close_friend"),
    (
        "judgement-key",
        "people: [{{name: A, judgements: {{{value}: {{confidence: guess}}}}}}]",
        ("people", 0, "judgements", "disc", "confidence"),
        "性格",
        "guess",
    ),
    (
        "judgement-confidence",
        "people: [{{name: A, judgements: {{stance: {{confidence: {value}}}}}}}]",
        ("people", 0, "judgements", "stance", "confidence"),
        "已確認",
        "confirmed",
    ),
    ("milestone", "milestone: {value}", ("milestone",), "商务突破", "commercial_breakthrough"),
    ("ownership", "ownership: {value}", ("ownership",), "私營企業", "private"),
    ("unit-kind", "units: [{{name: U, kind: {value}}}]", ("units", 0, "kind"), "關聯機構", "related_institution"),
    ("team-role", "team: [{{name: T, role: {value}}}]", ("team", 0, "role"), "售前工程師", "presales"),
    (
        "competitor-position",
        "competitors: [{{name: R, position: {value}}}]",
        ("competitors", 0, "position"),
        "跟隨者",
        "follower",
    ),
    (
        "relationship-stage",
        "people: [{{name: A}}]\nteam: [{{name: T}}]\nrelationships: [{{member: t, person: a, stage: {value}}}]",
        ("relationships", 0, "stage"),
        "熟人",
        "acquaintance",
    ),
    (
        "line-kind",
        "people: [{{name: A}}, {{name: B}}]\nlines: [{{kind: {value}, from: a, to: b}}]",
        ("lines", 0, "kind"),
        "引薦",
        "introduction",
    ),
    (
        "delegation",
        "people: [{{name: A}}, {{name: B}}]\nlines: [{{kind: delegation, from: a, to: b, delegation: {value}}}]",
        ("lines", 0, "delegation"),
        "假授權",
        "nominal",
    ),
    (
        "line-confidence",
        "people: [{{name: A}}, {{name: B}}]\nlines: [{{kind: influence, from: a, to: b, confidence: {value}}}]",
        ("lines", 0, "confidence"),
        "猜測",
        "guess",
    ),
]


@pytest.mark.parametrize(
    ("template", "path", "text", "canonical"),
    [case[1:] for case in DOCUMENT_CASES],
    ids=[case[0] for case in DOCUMENT_CASES],
)
def test_canonical_id_written_back_on_dump(template: str, path: tuple[Any, ...], text: str, canonical: str) -> None:
    group = stakeholders.loads("customer: X\n" + template.format(value=text))
    node: Any = group.to_dict()
    for part in path:
        node = node[part]
    assert node == canonical
    yaml_text = stakeholders.dumps(group)
    json_text = stakeholders.dumps(group, "json")
    assert text not in yaml_text
    assert text not in json_text
    assert f'"{canonical}"' in json_text
    assert canonical in yaml_text


def test_fixture_dump_holds_only_canonical_ids(small_group: stakeholders.BuyingGroup, small_yaml: str) -> None:
    text = stakeholders.dumps(small_group)
    for written in (
        "stance: supporter",
        "stance: mentor",
        "stance: enemy",
        "disc: dominance",
        "milestone: deep_contact",
    ):
        assert written in text
    for label in ("支持者", "死敌", "D型", "深度接触", "决策者", "关联机构", "Champion"):
        assert label in small_yaml
        assert label not in text


# -- stance order (D3) --------------------------------------------------------

ORDER = ["mentor", "supporter", "neutral", "opponent", "enemy"]
PAIRS = [(better, worse) for i, better in enumerate(ORDER) for worse in ORDER[i + 1 :]]


def test_stance_order_from_best_to_worst() -> None:
    assert [s.value for s in Stance.ordered()] == ORDER
    assert sorted([Stance.ENEMY, Stance.MENTOR, Stance.NEUTRAL, Stance.OPPONENT, Stance.SUPPORTER]) == list(
        reversed(Stance.ordered())
    )
    assert [Stance(v).score for v in ORDER] == [2, 1, 0, -1, -2]


@pytest.mark.parametrize(("better", "worse"), PAIRS, ids=[f"{a}>{b}" for a, b in PAIRS])
def test_stance_comparisons(better: str, worse: str) -> None:
    a, b = Stance(better), Stance(worse)
    assert a > b
    assert a >= b
    assert b < a
    assert b <= a
    assert not a < b
    assert not a <= b
    assert a != b


@pytest.mark.parametrize("other", [*ORDER, "unknown"])
def test_unknown_stance_cannot_be_compared(other: str) -> None:
    unknown, known = Stance.UNKNOWN, Stance(other)
    for compare in (
        lambda: unknown < known,
        lambda: unknown <= known,
        lambda: unknown > known,
        lambda: unknown >= known,
        lambda: known < unknown,
        lambda: known <= unknown,
        lambda: known > unknown,
        lambda: known >= unknown,
    ):
        with pytest.raises(TypeError, match="unknown"):
            compare()


def test_unknown_stance_is_not_neutral() -> None:
    assert Stance.UNKNOWN.score is None
    assert Stance.UNKNOWN != Stance.NEUTRAL
    assert not Stance.UNKNOWN.known
    assert not Stance.UNKNOWN.is_support
    assert not Stance.UNKNOWN.is_against
    assert Stance.UNKNOWN not in Stance.ordered()
    person = stakeholders.Person(name="A")
    assert person.stance is Stance.UNKNOWN


def test_stance_support_and_against() -> None:
    assert [s.value for s in Stance if s.is_support] == ["mentor", "supporter"]
    assert [s.value for s in Stance if s.is_against] == ["opponent", "enemy"]
    assert Stance.NEUTRAL.known


def test_stance_compared_with_text_raises() -> None:
    with pytest.raises(TypeError):
        _ = Stance.MENTOR > "supporter"


def test_relationship_stage_order() -> None:
    stages = [RelationshipStage.parse(s) for s in ("社会人", "熟人", "朋友", "挚友")]
    assert stages == sorted(stages)
    assert [s.level for s in stages] == [0, 1, 2, 3]
    assert RelationshipStage.FRIEND > RelationshipStage.ACQUAINTANCE >= RelationshipStage.ACQUAINTANCE
    assert max(stages) is RelationshipStage.CLOSE_FRIEND


def test_milestone_numbers_follow_the_manual() -> None:
    assert [m.number for m in Milestone] == list(range(1, 9))
    assert Milestone.DEEP_CONTACT.number == 4


@pytest.mark.parametrize(
    ("personal", "organisational", "expected"),
    [(False, False, "outsider"), (True, False, "friend"), (False, True, "supplier"), (True, True, "partner")],
)
def test_interest_type_from_interests(personal: bool, organisational: bool, expected: str) -> None:
    assert InterestType.from_interests(personal, organisational).value == expected
    person = stakeholders.Person(name="A", personal_interest_met=personal, organisational_interest_met=organisational)
    assert person.interest_type is InterestType(expected)


def test_disc_letters_and_approaches() -> None:
    assert [d.letter for d in Disc] == ["D", "I", "S", "C"]
    for member in Disc:
        assert member.approach
        assert member.approach_label("zh") != member.approach_label("en")
        assert member.approach_label("zh-TW")


def test_level_fractions() -> None:
    assert Level.LOW.fraction < Level.MEDIUM.fraction < Level.HIGH.fraction == 1.0


# -- labels ------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
MEMBERS = [(v, m) for v in VOCABULARIES for m in v]


@pytest.mark.parametrize(("vocabulary", "member"), MEMBERS, ids=[f"{v.__name__}.{m.name}" for v, m in MEMBERS])
def test_every_member_has_labels_in_three_languages(vocabulary: type[Vocabulary], member: Vocabulary) -> None:
    for lang in ("en", "zh", "zh_hant"):
        assert member.label(lang).strip() != ""
    assert _CJK.search(member.label("zh")), "the Simplified Chinese label has no Chinese characters"
    assert _CJK.search(member.label("zh_hant")), "the Traditional Chinese label has no Chinese characters"
    assert member.label("zh-CN") == member.label("zh")
    assert member.label("zh-TW") == member.label("zh_hant")
    assert member.label("EN") == member.label("en")


@pytest.mark.parametrize(("vocabulary", "member"), MEMBERS, ids=[f"{v.__name__}.{m.name}" for v, m in MEMBERS])
def test_member_is_a_string_equal_to_its_id(vocabulary: type[Vocabulary], member: Vocabulary) -> None:
    assert member == member.value
    assert hash(member) == hash(member.value)
    assert member.value in {member}
    assert re.fullmatch(r"[a-z][a-z0-9_]*", member.value), "ids are lower snake_case"


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        Stance.MENTOR.label("fr")
    assert normalise_language("zh-Hant") == "zh_hant"
    assert normalise_language("繁體") == "zh_hant"
    assert normalise_language("简体") == "zh"


# -- aliases never collide -----------------------------------------------------


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=[v.__name__ for v in VOCABULARIES])
def test_aliases_never_collide(vocabulary: type[Vocabulary]) -> None:
    """Each spelling (id, name, label, alias), as compared, belongs to exactly one member."""
    owners: dict[str, set[str]] = {}
    for member in vocabulary:
        for spelling in _spellings(member):
            owners.setdefault(_compare_key(spelling), set()).add(member.value)
    collisions = {key: sorted(members) for key, members in owners.items() if len(members) > 1}
    assert collisions == {}
    for member in vocabulary:
        for spelling in _spellings(member):
            assert vocabulary.parse(spelling) is member, spelling


def _compare_key(text: str) -> str:
    from stakeholders.vocab import _key

    return _key(text)


SPELLINGS = [(v, m, s) for v, m in MEMBERS for s in _spellings(m)]


def _mangle(text: str, data: st.DataObject) -> str:
    """Change what parsing must ignore: case, surrounding space, the separators - _ and space."""
    text = data.draw(st.sampled_from([text, text.upper(), text.lower(), text.title(), text.swapcase()]))
    separator = data.draw(st.sampled_from(["_", " ", "-"]))
    text = re.sub(r"[ _-]", separator, text)
    return data.draw(st.sampled_from(["", " ", "  "])) + text + data.draw(st.sampled_from(["", " ", "\t"]))


@settings(max_examples=300, deadline=None)
@given(choice=st.sampled_from(SPELLINGS), data=st.data())
def test_any_spelling_in_any_case_parses_to_its_own_member(choice: tuple[Any, Any, str], data: st.DataObject) -> None:
    vocabulary, member, spelling = choice
    assert vocabulary.parse(_mangle(spelling, data)) is member


# -- unknown values ------------------------------------------------------------


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=[v.__name__ for v in VOCABULARIES])
def test_unknown_value_message_lists_valid_ids(vocabulary: type[Vocabulary]) -> None:
    with pytest.raises(ValueError) as caught:
        vocabulary.parse("no-such-value")
    message = str(caught.value)
    assert f"unknown {vocabulary.kind_name()} 'no-such-value'" in message
    for member in vocabulary:
        assert member.value in message


@pytest.mark.parametrize("value", [None, 3, 2.5, True, ["mentor"], {"stance": "mentor"}])
def test_non_text_values_are_unknown(value: Any) -> None:
    with pytest.raises(ValueError, match="unknown stance"):
        Stance.parse(value)


def test_unknown_value_in_a_file_lists_valid_ids() -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads("customer: X\npeople: [{name: A, disc: X型}]")
    (problem,) = caught.value.problems
    assert problem.location == "people[0].disc"
    assert "unknown DISC type 'X型'" in problem.message
    assert "dominance, influence, steadiness, conscientiousness" in problem.message


# -- "did you mean": a typo of a value gets the nearest spelling, in English and Chinese --


@pytest.mark.parametrize(
    ("vocabulary", "typo", "meant", "zh"),
    [
        (Stance, "suporter", "'supporter'", "是不是想写「supporter」（支持者）？"),
        (Stance, "supportr", "'supporter'", "是不是想写「supporter」（支持者）？"),
        (Stance, "支持着", "'支持者' (supporter)", "是不是想写「支持者」？"),
        (Stance, "支特者", "'支持者' (supporter)", "是不是想写「支持者」？"),
        (Role, "decidr", "'decider'", "是不是想写「decider」（决策者）？"),
        (Role, "决策着", "'决策者' (decider)", "是不是想写「决策者」？"),
        (Role, "決策着", "'決策者' (decider)", "是不是想寫「決策者」？"),
        (Role, "Decison Maker", "'Decision Maker' (decider)", "是不是想写「Decision Maker」（决策者）？"),
    ],
)
def test_a_typo_gets_did_you_mean_in_both_languages(
    vocabulary: type[Vocabulary], typo: str, meant: str, zh: str
) -> None:
    with pytest.raises(ValueError) as caught:
        vocabulary.parse(typo)
    message = str(caught.value)
    assert message.startswith(f"unknown {vocabulary.kind_name()} {typo!r} (expected one of:")
    assert message.endswith(f"; did you mean {meant}? / {zh}")


def test_did_you_mean_reaches_a_map_file() -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads("customer: X\npeople:\n  - name: A\n    stance: 支持着\n    roles: [decidr]\n")
    messages = {p.location: p.message for p in caught.value.problems}
    assert "did you mean '支持者' (supporter)? / 是不是想写「支持者」？" in messages["people[0].stance"]
    assert "did you mean 'decider'?" in messages["people[0].roles[0]"]


@pytest.mark.parametrize("value", ["banana", "x", "", "   ", 3, "Influencer"])
def test_nothing_close_no_suggestion(value: object) -> None:
    with pytest.raises(ValueError) as caught:
        Role.parse(value)
    assert "did you mean" not in str(caught.value)


_VOCABULARIES = [v for v in _all_vocabularies() if len(v)]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_one_letter_off_an_id_suggests_a_real_spelling(data: st.DataObject) -> None:
    """Any id of five letters or more with one letter dropped or changed gets a suggestion that parses."""
    vocabulary = data.draw(st.sampled_from(_VOCABULARIES))
    member = data.draw(st.sampled_from([m for m in vocabulary if len(m.value) >= 5] or list(vocabulary)))
    word = member.value
    at = data.draw(st.integers(0, len(word) - 1))
    letter = data.draw(st.sampled_from("qxzjk"))
    typo = word[:at] + data.draw(st.sampled_from(["", letter])) + word[at + 1 :]
    try:
        vocabulary.parse(typo)
    except ValueError:
        pass
    else:
        return  # the typo is itself a spelling (an alias): nothing to suggest
    close = vocabulary.closest(typo)
    if len(word) >= 5:
        assert close is not None, typo
    if close is not None:
        spelling, found = close
        assert vocabulary.parse(spelling) is found
        assert f"did you mean {spelling!r}" in vocabulary.unknown_message(typo)

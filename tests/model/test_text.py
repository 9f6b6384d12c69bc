"""stakeholders.text: composed texts keep the map's words as written; language tags read as BCP-47."""

from __future__ import annotations

import pytest

from stakeholders.text import Text, normalise_language


def test_compose_fills_each_language() -> None:
    stance = Text("enemy", "死敌", "死敵")
    t = Text.compose("The decider {name} is an {stance}.", "决策者{name}是{stance}。", name="余华", stance=stance)
    assert (t.en, t.zh) == ("The decider 余华 is an enemy.", "决策者余华是死敌。")
    assert (t.pick("en"), t.pick("zh")) == (t.en, t.zh)
    assert t.pick("zh_hant") == "決策者余华是死敵。"
    assert t.zh_hant is None


def test_compose_values_are_verbatim_and_numbers_take_format_specs() -> None:
    t = Text.compose("{name} ({score:.2f})", "{name}（{score:.2f}）", name="于明", score=0.5)
    assert (t.en, t.zh, t.pick("zh_hant")) == ("于明 (0.50)", "于明（0.50）", "于明（0.50）")
    # Without compose the whole Simplified text is converted: that is what compose avoids.
    assert Text(t.en, t.zh).pick("zh_hant") == "於明（0.50）"


def test_compose_nests_and_joins() -> None:
    people = Text.join(", ", "、", ["余华", Text.compose("{n}（{t}）", "{n}（{t}）", n="于明", t=Text("x", "无职位"))])
    outer = Text.compose("Unknown: {people}.", "立场未知：{people}。", people=people)
    assert outer.en == "Unknown: 余华, 于明（x）."
    assert outer.zh == "立场未知：余华、于明（无职位）。"
    assert outer.pick("zh_hant") == "立場未知：余华、于明（無職位）。"
    assert Text.join(", ", "、", []).pick("zh_hant") == ""


def test_hand_written_traditional_wins() -> None:
    t = Text.compose("{n}", "{n}后", n="余华")
    assert Text(t.en, t.zh, "手寫").pick("zh_hant") == "手寫"


def test_composed_text_equals_and_hashes_by_its_strings() -> None:
    t = Text.compose("a {n}", "甲{n}", n="余华")
    plain = Text("a 余华", "甲余华")
    assert t == plain and hash(t) == hash(plain)
    assert "余华" not in repr(Text.compose("{n}", "{n}", n="x")).split("zh_hant")[1]


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("zh-Hant", "zh_hant"),
        ("zh-Hant-TW", "zh_hant"),
        ("zh-TW", "zh_hant"),
        ("zh-HK", "zh_hant"),
        ("zh-MO", "zh_hant"),
        ("ZH_hant_hk", "zh_hant"),
        ("zh_hant", "zh_hant"),
        ("繁體", "zh_hant"),
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh-Hans", "zh"),
        ("zh-Hans-CN", "zh"),
        ("zh-SG", "zh"),
        ("zh-hans-tw", "zh"),
        ("ZH_CN", "zh"),
        ("cn", "zh"),
        ("中文", "zh"),
        ("简体", "zh"),
        ("en", "en"),
        ("en-GB", "en"),
        ("en_US", "en"),
        ("EN", "en"),
        ("English", "en"),
        (" en ", "en"),
    ],
)
def test_normalise_language_reads_bcp47(tag: str, lang: str) -> None:
    assert normalise_language(tag) == lang
    assert Text("E", "简", "繁").pick(tag) == {"en": "E", "zh": "简", "zh_hant": "繁"}[lang]


@pytest.mark.parametrize("tag", ["fr", "de-DE", "zh-Latn", "zh-FR", "en-", "zh--TW", "", "english-GB", "hant"])
def test_normalise_language_rejects_other_tags(tag: str) -> None:
    with pytest.raises(ValueError, match=r"unknown language .*\(expected one of: en, zh, zh-Hant\)"):
        normalise_language(tag)

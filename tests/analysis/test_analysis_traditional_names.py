"""Traditional Chinese output shows the map's words exactly as written (names, concerns, competitors)."""

from __future__ import annotations

from pathlib import Path

import pytest

import stakeholders
from stakeholders import analyze
from stakeholders.analysis import Flag, FlagInfo
from stakeholders.analysis.milestones import Criterion, CriterionStatus
from stakeholders.analysis.moves import Approach
from stakeholders.analysis.report import report

EXAMPLES = Path(__file__).parents[2] / "examples"

_MAP = """\
customer: 客户
competitors:
  - {id: rival, name: 上海恒力}
people:
  - {name: 余华, roles: decider, stance: enemy, contacted: false, disc: D, concerns: [项目按期投产], favours: rival}
  - {name: 于明, roles: user, stance: unknown, authority: high, concerns: [发展规划, 后续维护]}
"""


@pytest.fixture(scope="module")
def analysis() -> stakeholders.Analysis:
    return analyze(stakeholders.loads(_MAP))


def _flag(analysis: stakeholders.Analysis, code: str) -> Flag:
    return next(f for f in analysis.flags if f.code == code)


def test_flag_names_are_not_converted(analysis: stakeholders.Analysis) -> None:
    not_contacted = _flag(analysis, "decider_not_contacted")
    assert not_contacted.message("zh_hant") == "我們從未接觸過決策者余华。"
    assert not_contacted.message("zh-TW") == not_contacted.message("zh_hant")
    against = _flag(analysis, "decider_against")
    assert against.message("zh_hant") == "決策者余华是死敵。"  # the hand-written Traditional stance label
    assert _flag(analysis, "key_stance_unknown").message("zh_hant") == "以下關鍵人物立場未知：于明。"
    opponent = _flag(analysis, "powerful_opponent").message("zh_hant")
    assert opponent == "余华是影響力很高的死敵（傾向上海恒力）（排名第1）。"
    senior = _flag(analysis, "overlooked_senior").message("zh_hant")
    assert senior == "權力或影響力很高卻未與我們接觸：于明（無職位；無接觸記錄）。"
    for flag in analysis.flags:
        hant = flag.message("zh_hant")
        assert "餘華" not in hant and "於明" not in hant and "恆力" not in hant


def test_english_and_simplified_are_unchanged(analysis: stakeholders.Analysis) -> None:
    flag = _flag(analysis, "decider_against")
    assert (flag.message("en"), flag.message("zh")) == ("The decider 余华 is an enemy.", "决策者余华是死敌。")
    assert (flag.message_en, flag.message_zh) == (flag.message("en"), flag.message("zh"))
    assert (flag.text.en, flag.text.zh) == (flag.message_en, flag.message_zh)


def test_approach_line_keeps_names_and_concerns(analysis: stakeholders.Analysis) -> None:
    lines = {a.name: a for a in analysis.next_moves.approaches}
    assert lines["余华"].line("zh_hant") == "余华（決策者）—— D型：給出簡短的決策摘要，讓對方拍板；關注项目按期投产"
    assert lines["于明"].line("zh_hant") == "于明（使用者）—— 性格未知：先觀察其決策方式；關注发展规划、后续维护"
    assert lines["于明"].line("zh") == "于明（使用者）—— 性格未知：先观察其决策方式；关注发展规划、后续维护"


def test_report_shows_each_name_in_one_script(analysis: stakeholders.Analysis) -> None:
    hant = report(analysis, lang="zh_hant")
    assert "余华" in hant and "于明" in hant and "決策者余华" in hant
    assert "餘華" not in hant and "於明" not in hant
    assert report(analysis, lang="zh-Hant-TW") == hant


def test_example_report_names_one_person_in_one_script() -> None:
    analysis = analyze(stakeholders.load(EXAMPLES / "music_academy_hvac.yaml"))
    hant = report(analysis, lang="zh_hant")
    assert "宋文渊" in hant and "宋文淵" not in hant


def test_read_back_rebuilds_the_text_from_the_fields(analysis: stakeholders.Analysis) -> None:
    back = type(analysis).model_validate_json(analysis.model_dump_json())
    assert back == analysis
    flag = _flag(back, "decider_against")
    # Read back from JSON only the two strings are known: the whole Simplified message is converted.
    assert flag.message("zh_hant") == "決策者餘華是死敵。"
    assert flag.message("en") == "The decider 余华 is an enemy."


def test_models_built_by_a_caller_use_their_own_fields() -> None:
    info = FlagInfo(code="my_flag", severity="low", title_en="Mine", title_zh="我的标记", condition="never")
    assert (info.title("en"), info.title("zh"), info.title("zh_hant")) == ("Mine", "我的标记", "我的標記")
    flag = Flag(code="my_flag", severity="low", people=[], message_en="M", message_zh="决策者")
    assert flag.message("zh_hant") == "決策者"
    approach = Approach(person="p", name="于明", line_en="L", line_zh="于明")
    assert approach.line("en") == "L"
    criterion = Criterion(
        id="c", label_en="Coach", label_zh="已发展教练", status=CriterionStatus.MET, people=[], note=""
    )
    assert criterion.label("zh_hant") == "已發展教練"
    changed = _copy_message(flag)
    assert changed.message("zh") == "新消息"


def _copy_message(flag: Flag) -> Flag:
    # A copy with other strings does not keep the old composed text.
    return flag.model_copy(update={"message_en": "New", "message_zh": "新消息"})


def test_copied_flag_with_other_strings_drops_the_composed_text(analysis: stakeholders.Analysis) -> None:
    copied = _copy_message(_flag(analysis, "decider_against"))
    assert (copied.message("en"), copied.message("zh_hant")) == ("New", "新消息")
    same = _flag(analysis, "decider_against").model_copy()
    assert same.message("zh_hant") == "決策者余华是死敵。"

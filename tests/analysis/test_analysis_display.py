"""An analysis in a notebook: a card (HTML, Markdown) in the map's language and a short repr."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from strategies import groups

import stakeholders
from stakeholders import Analysis, BuyingGroup, analyze
from stakeholders.analysis import Status, StatusLevel
from stakeholders.synthetic import generate

ROOT = Path(__file__).resolve().parents[2]
SHORT_REPR = 300  # stakeholders.analysis.report.SHORT_REPR: the issue asks for under about 300 characters


def _welding() -> Analysis:
    return analyze(stakeholders.load(ROOT / "examples" / "welding_soe.yaml"))


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser


def test_a_chinese_map_shows_a_chinese_card() -> None:
    analysis = _welding()
    for card in (analysis._repr_html_(), analysis._repr_markdown_()):
        assert "总体状态" in card and "红灯" in card
        assert "我们从未接触过决策者赵国强。" in card  # the top flag, in the report's words
        assert "赵国强" in card and "下一步行动" in card and "通往决策者的路径" in card
        assert "Red flags" not in card
    assert len(analysis._repr_markdown_()) < 3000
    assert analysis.card("en").count("Red flags") == 1 and "RED" in analysis.card("en")


def test_an_english_map_shows_an_english_card() -> None:
    group = stakeholders.loads("customer: Acme\npeople:\n  - {name: Boss, roles: decider, stance: supporter}\n")
    card = analyze(group)._repr_html_()
    assert "Status" in card and "Next moves" in card and "总体状态" not in card
    level = analyze(group).status.level.label("en").upper()
    assert f"<strong>{level}</strong>" in card


@pytest.mark.parametrize(
    ("level", "lang", "word"),
    [
        (StatusLevel.RED, "zh", "红灯"),
        (StatusLevel.AMBER, "zh", "黄灯"),
        (StatusLevel.GREEN, "zh", "绿灯"),
        (StatusLevel.GREEN, "zh_hant", "綠燈"),
        (StatusLevel.AMBER, "en", "AMBER"),
    ],
)
def test_the_status_is_a_traffic_light(level: StatusLevel, lang: str, word: str) -> None:
    analysis = _welding().model_copy(update={"status": Status(level=level, reasons=[])})
    assert f"**{word}**" in analysis.card(lang) and f"<strong>{word}</strong>" in analysis.card(lang, "html")
    assert word in analysis.report(lang).splitlines()[2]


_HOSTILE = st.text(alphabet="<>&\"'*_[]`|~$#-+.1 李a\\", min_size=1, max_size=12).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None)
@given(customer=_HOSTILE, name=_HOSTILE)
def test_every_text_is_escaped(customer: str, name: str) -> None:
    group = BuyingGroup(customer=customer, people=[{"id": "p1", "name": name, "roles": ["decider"]}])
    analysis = analyze(group)
    parsed = _parsed(analysis._repr_html_())
    assert parsed.tags <= {"div", "p", "strong", "br", "ul", "li"}
    assert customer.strip() in "".join(parsed.text)
    markdown = analysis._repr_markdown_()
    assert "<" not in markdown.replace("\\<", "")  # no raw HTML reaches the Markdown renderer


@given(st.text(max_size=30))
def test_markdown_escaping_keeps_the_text(text: str) -> None:
    from stakeholders.analysis.report import _md

    escaped = _md(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == " ".join(text.split())
    assert not re.search(r"(?<!\\)[*_`<>|\[\]$&~]", escaped.replace("\\\\", ""))
    assert not re.match(r"\d+[.)]|[-+#>=]", escaped)


def test_repr_is_one_short_line_even_for_a_big_map() -> None:
    analysis = analyze(generate(300, seed=3))
    text = repr(analysis)
    assert "\n" not in text and len(text) <= SHORT_REPR
    assert text.startswith(f"<Analysis of {analysis.customer!r}: 300 people, status {analysis.status.level.value}")
    assert analysis.flag_codes()[0] in text


@settings(max_examples=30, deadline=None)
@given(groups(max_people=6), st.text(min_size=100, max_size=400))
def test_repr_stays_short(group: BuyingGroup, customer: str) -> None:
    analysis = analyze(group.model_copy(update={"customer": customer}))
    text = repr(analysis)
    assert len(text) <= SHORT_REPR and text.startswith("<Analysis of ")
    codes = analysis.flag_codes()
    if not codes:
        assert text.endswith(", no flags>")
        return
    shown = text.rsplit("; flags: ", 1)[1].removesuffix(">").split(", ")
    left_out = int(shown.pop()[1:-5]) if re.fullmatch(r"\+\d+ more", shown[-1]) else 0
    assert shown == codes[: len(shown)] and len(shown) + left_out == len(codes)


def test_str_is_the_report_in_the_maps_language() -> None:
    analysis = _welding()
    assert str(analysis) == analysis.report("zh") and analysis.lang == "zh"


def test_jupyter_shows_the_card_and_a_short_text() -> None:
    formatters = pytest.importorskip("IPython.core.formatters")
    data, _ = formatters.DisplayFormatter().format(_welding())
    assert "红灯" in data["text/html"] and "红灯" in data["text/markdown"]
    assert len(data["text/plain"]) <= SHORT_REPR


_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # an id such as decider_not_contacted or recorded_influence


@pytest.mark.parametrize("lang", ["zh", "zh_hant"])
@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_a_chinese_report_and_card_name_flags_and_components_in_chinese(example: str, lang: str) -> None:
    analysis = analyze(stakeholders.load(ROOT / "examples" / example))
    for text in (analysis.report(lang), analysis.card(lang), analysis.card(lang, format="html")):
        assert not _CODE.findall(text), _CODE.findall(text)
    if analysis.status.reasons:
        assert "（依據" in analysis.report(lang) or "（依据" in analysis.report(lang)
    english = analysis.report("en")
    assert all(code in english for code in analysis.status.reasons)  # English keeps the codes --fail-on takes

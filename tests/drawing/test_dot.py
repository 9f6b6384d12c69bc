"""The Graphviz backend: DOT as text, and real renders by `dot` checked by parsing."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import stakeholders
from stakeholders import BuyingGroup, loads, to_dot
from stakeholders.drawing import DotNotFound, RenderTimeout, render
from stakeholders.drawing.dot import run_dot
from stakeholders.drawing.fonts import cjk_font

EXAMPLES = sorted(Path(__file__).resolve().parents[2].joinpath("examples").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.exe


def svg_of(group: BuyingGroup, **options: object) -> ET.Element:
    data = run_dot(to_dot(group, **options), "svg")  # type: ignore[arg-type]
    return ET.fromstring(data)


def svg_texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def node_groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]


def node_y(root: ET.Element) -> dict[str, float]:
    """The vertical centre of each node's first text, keyed by the node's DOT id."""
    result = {}
    for g in node_groups(root):
        title = g.find(f"{SVG}title")
        text = g.find(f".//{SVG}text")
        if title is not None and text is not None:
            result[title.text or ""] = float(text.get("y", "0"))
    return result


def group_of(*names: str, **extra: object) -> BuyingGroup:
    return BuyingGroup(
        customer="Literal text test", people=[{"id": f"x{i}", "name": n} for i, n in enumerate(names)], **extra
    )


# -- DOT as text --------------------------------------------------------------------


def test_same_input_gives_the_same_dot_byte_for_byte() -> None:
    """rendering.md case 10."""
    group = stakeholders.load(EXAMPLES[0])
    first = to_dot(group, lang="zh", flags=True)
    assert first == to_dot(group, lang="zh", flags=True)
    assert first == to_dot(loads(stakeholders.dumps(group)), lang="zh", flags=True)


def test_node_ids_are_internal_never_names() -> None:
    group = group_of("CFO: 李娜", 'A "B" <C>')
    dot = to_dot(group)
    assert re.search(r"^\s*p0 \[label=<", dot, re.M)
    assert re.search(r"^\s*p1 \[label=<", dot, re.M)
    assert "CFO: 李娜" in dot
    assert '"CFO: 李娜"' not in dot and "CFO:" not in dot.split("label=")[0]


@pytest.mark.parametrize(
    "lang, words", [("en", ["Legend", "supporter", "reports to"]), ("zh", ["图例", "支持者", "汇报"])]
)
def test_fixed_texts_follow_the_language(lang: str, words: list[str]) -> None:
    dot = to_dot(stakeholders.load(EXAMPLES[0]), lang=lang)
    for word in words:
        assert word in dot


def test_each_person_shows_the_required_content() -> None:
    group = loads(
        """
customer: ACME
opportunity: Line 3
milestone: deep_contact
as_of: 2026-11-20
competitors: [{name: Rival}]
team: [{name: Seller}]
people:
  - {name: Boss, title: General manager, roles: [decider], stance: opponent, disc: D, favours: rival}
  - {name: Coach, roles: [user, technical_evaluator], stance: mentor, insider: coach, reports_to: boss}
relationships: [{member: seller, person: coach, stage: friend}]
factions: [{name: Modernisers, leader: coach, members: [coach]}]
"""
    )
    dot = to_dot(group)
    for expected in (
        "Boss",
        "General manager",
        "[DEC]",
        "Rival",
        "opponent",
        "[USER]",
        "[TECH]",
        "★ coach",
        "relationship: friend",
        "⚑ Modernisers (leader)",
        "influence ",
        "(#1)",
        "ACME",
        "Line 3",
        "deep contact",
        "2026-11-20",
    ):
        assert expected in dot, expected
    assert re.search(r">D<", dot), "DISC letter"


def test_line_kinds_have_their_own_styles() -> None:
    group = loads(
        """
customer: X
people: [{name: A}, {name: B, reports_to: a, dotted_line_to: [c]}, {name: C}]
lines:
  - {kind: influence, from: c, to: a, strength: 0.2}
  - {kind: influence, from: b, to: c, strength: 1.0, mutual: true}
  - {kind: delegation, from: a, to: b, delegation: nominal}
  - {kind: introduction, from: c, to: b}
"""
    )
    dot = to_dot(group)
    edges = {line.strip() for line in dot.splitlines() if "->" in line}
    reporting = next(e for e in edges if e.startswith("p0 -> p1") and "solid" in e)
    assert "constraint=false" not in reporting
    dotted = next(e for e in edges if e.startswith("p2 -> p1") and "dotted" in e)
    assert "constraint=false" in dotted
    weak = next(e for e in edges if e.startswith("p2 -> p0"))
    strong = next(e for e in edges if e.startswith("p1 -> p2"))
    width = lambda e: float(re.search(r"penwidth=([\d.]+)", e).group(1))  # noqa: E731
    assert width(strong) > width(weak)
    assert "constraint=false" in weak and "dir=both" in strong
    nominal = next(e for e in edges if e.startswith("p0 -> p1") and "nominal" in e)
    assert "dashed" in nominal
    assert "can introduce" in next(e for e in edges if e.startswith("p2 -> p1") and "introduce" in e)


def test_redaction_hides_insiders_and_names() -> None:
    group = stakeholders.load(EXAMPLES[0])
    coaches = [p for p in group.people if p.insider is not None]
    assert coaches, "the example has a coach or informant"
    plain = to_dot(group, lang="zh")
    assert "教练" in plain or "线人" in plain
    redacted = to_dot(group, lang="zh", redact=True)
    assert "★" not in redacted and "◆" not in redacted and "教练" not in redacted and "线人" not in redacted
    initials = to_dot(group, lang="zh", redact=True, names="initials")
    for person in group.people:
        assert person.name not in initials


# -- rendered by the real dot -------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("name", ['A "B" <C>', "C:\\dept\\", "<lambda> <map>", "Budget $5M-$8M", "emoji 🚀 ok"])
def test_literal_names_render(name: str) -> None:
    """rendering.md case 1: the label shows literally."""
    root = svg_of(group_of(name))
    assert name in svg_texts(root)


@needs_dot
def test_name_with_colon_makes_exactly_one_node() -> None:
    """rendering.md case 2: `:` is never read as a port."""
    root = svg_of(group_of("CFO: 李娜"))
    assert len(node_groups(root)) == 1
    assert "CFO: 李娜" in svg_texts(root)


@needs_dot
def test_real_newline_breaks_and_typed_backslash_n_stays() -> None:
    """rendering.md case 3."""
    group = BuyingGroup(
        customer="X",
        people=[
            {"id": "a", "name": "A", "title": "line one\nline two"},
            {"id": "b", "name": "B", "title": "typed \\n stays"},
        ],
    )
    texts = svg_texts(svg_of(group))
    assert "line one" in texts and "line two" in texts
    assert "typed \\n stays" in texts


@needs_dot
@pytest.mark.parametrize("text", ["{R&D|Sales}", "Ops {EMEA}", "<N>"])
def test_record_syntax_never_breaks_the_label(text: str) -> None:
    """rendering.md case 7: no 'bad label format'."""
    group = BuyingGroup(
        customer=text, units=[{"id": "u", "name": text}], people=[{"id": "a", "name": text, "title": text, "unit": "u"}]
    )
    done = subprocess.run(["dot", "-Tsvg"], input=to_dot(group).encode(), capture_output=True, check=False)
    assert done.returncode == 0
    assert b"bad label" not in done.stderr and b"Warning" not in done.stderr, done.stderr
    assert svg_texts(ET.fromstring(done.stdout)).count(text) >= 2


@needs_dot
def test_isolated_person_appears_and_influence_does_not_move_ranks() -> None:
    """rendering.md case 9."""
    base = {
        "customer": "X",
        "people": [
            {"name": "Boss"},
            {"name": "Mid", "reports_to": "boss"},
            {"name": "Low", "reports_to": "mid"},
            {"name": "Alone"},
        ],
    }
    plain = node_y(svg_of(BuyingGroup(**base)))
    assert len(plain) == 4
    lines = [
        {"kind": "influence", "from": "low", "to": "boss", "strength": 1.0},
        {"kind": "influence", "from": "alone", "to": "mid"},
    ]
    swayed = node_y(svg_of(BuyingGroup(**base, lines=lines)))
    order = lambda ys: sorted(ys, key=lambda k: ys[k])  # noqa: E731
    assert order(plain)[:3] == order(swayed)[:3] or [plain[k] for k in ("p0", "p1", "p2")] == [
        swayed[k] for k in ("p0", "p1", "p2")
    ]
    assert plain["p0"] < plain["p1"] < plain["p2"]
    assert swayed["p0"] < swayed["p1"] < swayed["p2"]


@needs_dot
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_render_every_person_in_svg(example: Path) -> None:
    group = stakeholders.load(example)
    for lang in ("en", "zh"):
        root = svg_of(group, lang=lang, flags=True)
        assert len(node_groups(root)) == len(group.people)
        texts = " ".join(svg_texts(root))
        for person in group.people:
            assert person.name in texts


@needs_dot
def test_chinese_resolves_to_a_cjk_font_in_png_and_pdf(tmp_path: Path) -> None:
    """rendering.md case 6: glyphs, not boxes; checked through the font dot really used."""
    font = cjk_font()
    assert font.cjk, "a CJK font must be installed by the README's set-up"
    group = stakeholders.load(next(p for p in EXAMPLES if "soe" in p.stem))
    dot = to_dot(group, lang="zh")
    done = subprocess.run(
        ["dot", "-v", "-Tpng", "-o", str(tmp_path / "c.png")], input=dot.encode(), capture_output=True, check=True
    )
    resolved = [line for line in done.stderr.decode().splitlines() if "resolved to" in line]
    assert resolved and all("CJK" in line for line in resolved), resolved
    pdf = render(group, tmp_path / "c.pdf", lang="zh", backend="graphviz").read_bytes()
    assert pdf.startswith(b"%PDF") and b"NotoSansCJK" in pdf


@needs_dot
def test_png_has_real_properties(tmp_path: Path) -> None:
    from PIL import Image

    group = stakeholders.load(EXAMPLES[0])
    path = render(group, tmp_path / "chart.png", lang="zh", backend="graphviz", flags=True)
    with Image.open(path) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert width > 1000 and height > 600
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50  # drawn, not blank


@needs_dot
def test_300_direct_reports_are_stacked_and_finish(tmp_path: Path) -> None:
    """rendering.md case 8: wide levels stacked into a block, never hangs."""
    people = [{"name": "Boss"}] + [{"name": f"Report {i}", "reports_to": "boss"} for i in range(300)]
    group = BuyingGroup(customer="Wide", people=people)
    root = svg_of(group)
    assert len(node_groups(root)) == 2  # the manager and one block of 300 cards
    texts = svg_texts(root)
    assert all(f"Report {i}" in texts for i in range(300))
    width = float(root.get("width", "0pt").removesuffix("pt"))
    height = float(root.get("height", "0pt").removesuffix("pt"))
    assert width / height < 4, "the block is stacked, not one long row"


@needs_dot
def test_2000_people_finish_within_the_time_bound(tmp_path: Path) -> None:
    from stakeholders.synthetic import generate

    group = generate(2000, seed=3)
    path = render(group, tmp_path / "big.svg", backend="graphviz", timeout=300)
    assert path.stat().st_size > 0


@needs_dot
def test_timeout_fails_with_a_clear_message(tmp_path: Path) -> None:
    from stakeholders.synthetic import generate

    with pytest.raises(RenderTimeout, match=r"more than .* s to lay out"):
        render(generate(400, seed=1), tmp_path / "x.png", backend="graphviz", timeout=0.01)
    assert not (tmp_path / "x.png").exists()


def test_missing_dot_gives_a_readable_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(DotNotFound, match="Graphviz program `dot` is not installed"):
        run_dot("digraph {}", "svg")


def test_unknown_format_and_backend_are_clear_errors(tmp_path: Path) -> None:
    group = group_of("A")
    with pytest.raises(ValueError, match="cannot draw format 'gif'"):
        render(group, tmp_path / "a.gif")
    with pytest.raises(ValueError, match="unknown backend 'tikz'"):
        render(group, tmp_path / "a.png", backend="tikz")


@needs_dot
def test_chart_displays_inline_as_svg() -> None:
    chart = stakeholders.chart(group_of("李娜"), lang="zh")
    bundle = chart._repr_mimebundle_()
    assert "image/svg+xml" in bundle and "李娜" in bundle["image/svg+xml"]


def test_chart_without_dot_shows_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from stakeholders.drawing.dot import RenderError

    def fail(*args: object, **kwargs: object) -> bytes:
        raise RenderError("Graphviz failed: boom")

    monkeypatch.setattr(stakeholders.Chart, "pipe", fail)
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/dot")
    bundle = stakeholders.chart(group_of("A"))._repr_mimebundle_()
    assert list(bundle) == ["text/plain"] and "could not draw the chart" in bundle["text/plain"]


@needs_dot
def test_buying_group_displays_inline() -> None:
    bundle = group_of("李娜")._repr_mimebundle_()
    assert "image/svg+xml" in bundle and "李娜" in bundle["image/svg+xml"]


@needs_dot
def test_long_titles_show_in_full() -> None:
    title = "Deputy general manager for " + "production, equipment and safety " * 6
    assert len(title) > 200
    texts = " ".join(svg_texts(svg_of(BuyingGroup(customer="X", people=[{"name": "A", "title": title}]))))
    assert " ".join(title.split()) in " ".join(texts.split())


@needs_dot
def test_a_png_graphviz_must_shrink_comes_with_a_note() -> None:
    """Graphviz scales a bitmap past 32,767 pixels down to fit, silently; the library says so and what to do."""
    from stakeholders.drawing import RenderNote

    wide = "digraph { node [shape=box width=2]; " + " ".join(f"n{i}" for i in range(250)) + " }"
    with pytest.warns(RenderNote, match=r"too large for a 150-dpi PNG: Graphviz shrank it to \d+%.*SVG or PDF"):
        run_dot(wide, "png", dpi=150)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run_dot(wide, "svg")  # vector output has no such limit
        run_dot(wide, "png", dpi=20)  # small enough at a low resolution


@needs_dot
def test_faction_legend_keeps_each_entry_whole() -> None:
    """Entries are packed into legend lines whole: a leader's name is never split across two lines."""
    names = [f"成员{i}号（{'甲乙丙丁戊己庚辛'[i]}）" for i in range(8)]
    people = [{"id": f"p{i}", "name": name} for i, name in enumerate(names)]
    factions = [{"name": f"派系{i} " + "long name " * 3, "leader": f"p{i}", "members": [f"p{i}"]} for i in range(8)]
    group = BuyingGroup(customer="X", people=people, factions=factions)
    entries = [t for t in svg_texts(svg_of(group)) if "派系" in t]
    assert len(entries) >= 2, entries  # more than one legend line
    for name in names:
        assert any(name in t for t in entries), (name, entries)

"""The matplotlib backend: chart and power map drawn, checked on artists and on the saved files.

Warnings are errors in this suite (pyproject), and every drawing is also rendered
(Agg), so a missing-glyph warning for Chinese fails the test. Text is checked on
the figure's Text artists; PNG, SVG and PDF are checked by their real properties.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Patch
from matplotlib.text import Text

import stakeholders
from stakeholders import BuyingGroup, Stance, analyze
from stakeholders.drawing.dot import STACK_WIDTH
from stakeholders.drawing.fonts import cjk_font
from stakeholders.drawing.pyplot import (
    PERSON_GID,
    POWER_MAP_COLUMNS,
    POWER_MAP_GID,
    UNIT_GID,
    draw_chart,
    draw_power_map,
    high_influence_boundary,
    save_figure,
)
from stakeholders.drawing.theme import text
from stakeholders.drawing.view import ChartView, chart_view

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"
STANCES = ["mentor", "supporter", "neutral", "opponent", "enemy", "unknown"]

Box = tuple[float, float, float, float]


# -- helpers -------------------------------------------------------------------------


@cache
def example(path: Path) -> BuyingGroup:
    return stakeholders.load(path)


def view_of(group: BuyingGroup, lang: str = "en", **options: Any) -> ChartView:
    return chart_view(group, lang=lang, analysis=analyze(group), **options)


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text)]


def rendered(fig: Figure) -> Figure:
    """Draw the figure with Agg so font problems (missing glyphs, mathtext) surface now."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        FigureCanvasAgg(fig).draw()  # type: ignore[no-untyped-call]
    return fig


def person_patches(fig: Figure) -> dict[str, Patch]:
    return {
        str(p.get_gid())[len(PERSON_GID) :]: p
        for p in fig.findobj(Patch)
        if str(p.get_gid() or "").startswith(PERSON_GID)
    }


def boxes_of(fig: Figure, gid_prefix: str) -> dict[str, Box]:
    """Data-space rectangles (x, y, w, h; y pointing down) of the patches with this gid prefix."""
    found: dict[str, Box] = {}
    for patch in fig.findobj(FancyBboxPatch):
        gid = str(patch.get_gid() or "")
        if gid.startswith(gid_prefix):
            found[gid[len(gid_prefix) :]] = (patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height())
    return found


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def inside(a: Box, b: Box) -> bool:
    eps = 1e-6
    return (
        a[0] >= b[0] - eps
        and a[1] >= b[1] - eps
        and a[0] + a[2] <= b[0] + b[2] + eps
        and a[1] + a[3] <= b[1] + b[3] + eps
    )


def group_of(*names: str, **extra: Any) -> BuyingGroup:
    return BuyingGroup(
        customer="Literal text test", people=[{"id": f"x{i}", "name": n} for i, n in enumerate(names)], **extra
    )


def wide_group(reports: int = 300) -> BuyingGroup:
    people: list[dict[str, Any]] = [{"id": "boss", "name": "Boss", "title": "CEO", "stance": "supporter"}]
    people += [
        {"id": f"r{i}", "name": f"Report {i}", "reports_to": "boss", "stance": STANCES[i % 6]} for i in range(reports)
    ]
    return BuyingGroup(customer="Wide", people=people)


def account_map(divisions: int = 8, departments: int = 5, staff: int = 24) -> BuyingGroup:
    """A 1,009-person account: CEO, divisions, departments, staff, with units nested the same way."""
    units: list[dict[str, Any]] = [{"id": "hq", "name": "Headquarters"}]
    people: list[dict[str, Any]] = [{"id": "ceo", "name": "CEO", "unit": "hq", "roles": ["decider"]}]
    lines: list[dict[str, Any]] = []
    for d in range(divisions):
        units.append({"id": f"d{d}", "name": f"Division {d}", "parent": "hq"})
        people.append({"id": f"d{d}h", "name": f"Head D{d}", "unit": f"d{d}", "reports_to": "ceo"})
        for k in range(departments):
            unit = f"d{d}k{k}"
            units.append({"id": unit, "name": f"Department {d}.{k}", "parent": f"d{d}"})
            people.append({"id": f"{unit}h", "name": f"Head {d}.{k}", "unit": unit, "reports_to": f"d{d}h"})
            people += [
                {
                    "id": f"{unit}s{j}",
                    "name": f"Staff {d}.{k}.{j}",
                    "unit": unit,
                    "reports_to": f"{unit}h",
                    "stance": STANCES[j % 6],
                }
                for j in range(staff)
            ]
        lines.append({"kind": "influence", "from": f"d{d}h", "to": "ceo", "strength": "strong"})
    return BuyingGroup(customer="Account", units=units, people=people, lines=lines)


def check_layout(fig: Figure, view: ChartView) -> None:
    """Person boxes never overlap; unit rectangles are nested or apart; people sit in their unit."""
    boxes = boxes_of(fig, PERSON_GID)
    assert len(boxes) == len(view.people)
    ordered = sorted(boxes.values())
    for i, a in enumerate(ordered):  # sweep on x: only neighbours that can overlap
        for b in ordered[i + 1 :]:
            if b[0] >= a[0] + a[2]:
                break
            assert not overlap(a, b), (a, b)
    units = boxes_of(fig, UNIT_GID)
    assert len(units) == len(view.units)
    rects = list(units.values())
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not overlap(a, b) or inside(a, b) or inside(b, a), (a, b)
    cluster = {u.id: u.cluster for u in view.units}
    for p in view.people:
        if p.unit is not None:
            assert inside(boxes[p.node], units[cluster[p.unit]]), p.name


# -- the examples, in English and Chinese ---------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_chart_shows_every_person(path: Path, lang: str) -> None:
    view = view_of(example(path), lang, flags=True)
    fig, ax = draw_chart(view)
    assert ax.figure is fig
    rendered(fig)
    shown = texts(fig)
    for person in view.people:
        assert any(person.name in t for t in shown), person.name
    assert len(person_patches(fig)) == len(view.people)
    assert text("legend", lang) in shown
    assert view.title in shown
    flat = [t.replace("\n", "").replace(" ", "") for t in shown]
    for callout in view.callouts:  # wrapped into lines in the box
        assert any(callout[:20].replace(" ", "") in t for t in flat), callout
    check_layout(fig, view)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_power_map_places_every_person_in_the_right_zone(path: Path, lang: str) -> None:
    view = view_of(example(path), lang)
    fig, _ = draw_power_map(view)
    rendered(fig)
    labels = {
        str(t.get_gid())[len(POWER_MAP_GID) :]: t
        for t in fig.findobj(Text)
        if str(t.get_gid() or "").startswith(POWER_MAP_GID)
    }
    assert len(labels) == len(view.people)
    for person in view.people:
        label = labels[person.node]
        assert label.get_text() == person.name
        x, y = label.get_position()
        x0, x1 = POWER_MAP_COLUMNS[person.stance]
        assert x0 <= x <= x1, (person.name, person.stance, x)
        assert person.influence is not None
        # High influence is what the analysis says (InfluenceScore.high), not a cut on the score.
        boundary = high_influence_boundary(view.people)
        if person.high:
            assert y >= boundary, person.name
        else:
            assert y < boundary, person.name
    shown = texts(fig)
    for key in ("neutralise", "win_over", "keep_close", "monitor", "power_map", "axis_stance", "axis_influence"):
        assert text(key, lang) in shown, key


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_saves_png_svg_and_pdf(path: Path, lang: str, tmp_path: Path) -> None:
    from PIL import Image

    view = view_of(example(path), lang, flags=True)
    png = save_figure(view, tmp_path / "chart.png", "png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.width > 1000 and image.height > 800
        colours = image.convert("RGB").getcolors(1 << 20)
        assert colours is not None and len(colours) > 20  # a real picture, not a blank page

    svg = save_figure(view, tmp_path / "chart.svg", "svg")
    root = ET.parse(svg).getroot()
    svg_texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for person in view.people:
        assert any(person.name in t for t in svg_texts), person.name

    pdf = save_figure(view, tmp_path / "chart.pdf", "pdf")
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    if lang == "zh" and cjk_font().cjk:
        assert cjk_font().family.replace(" ", "").lower().encode() in content.lower()
    assert not list(tmp_path.glob(".*.tmp")), "atomic write left a temporary file"


def test_save_figure_rejects_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="gif"):
        save_figure(view_of(group_of("A")), tmp_path / "x.gif", "gif")


# -- literal text (rendering.md cases 1, 3, 4, 5) -------------------------------------


@pytest.mark.parametrize("name", ['A "B" <C>', "C:\\dept\\", "<lambda> <map>"])
def test_literal_names_show_as_typed(name: str, tmp_path: Path) -> None:
    """Case 1."""
    view = view_of(group_of(name))
    fig, _ = draw_chart(view)
    assert name in texts(rendered(fig))
    svg = save_figure(view, tmp_path / "x.svg", "svg")
    assert name in ["".join(t.itertext()) for t in ET.parse(svg).getroot().iter(f"{SVG}text")]


def test_real_newline_breaks_and_typed_backslash_n_stays() -> None:
    """Case 3."""
    group = BuyingGroup(
        customer="X",
        people=[
            {"id": "a", "name": "A", "title": "line one\nline two"},
            {"id": "b", "name": "B", "title": "typed \\n stays"},
        ],
    )
    fig, _ = draw_chart(view_of(group))
    rendered(fig)
    by_text = {t.get_text(): t for t in fig.findobj(Text)}
    assert "line one\nline two" in by_text
    assert "typed \\n stays" in by_text
    renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call]
    two_lines = by_text["line one\nline two"].get_window_extent(renderer).height
    one_line = by_text["typed \\n stays"].get_window_extent(renderer).height
    assert two_lines > 1.6 * one_line


def test_dollar_signs_never_start_mathtext(tmp_path: Path) -> None:
    """Case 4: `Budget $5M-$8M` and `$$` render literally."""
    group = BuyingGroup(
        customer="$$",
        opportunity="Budget $5M-$8M",
        units=[{"id": "u", "name": "Cost $ centre"}],
        people=[
            {"id": "a", "name": "Budget $5M-$8M", "unit": "u"},
            {"id": "b", "name": "$$", "title": "$x^2$", "reports_to": "a"},
        ],
    )
    view = view_of(group)
    fig, _ = draw_chart(view)
    shown = texts(rendered(fig))
    for literal in ("Budget $5M-$8M", "$$", "$x^2$", "Cost $ centre"):
        assert literal in shown
    fig, _ = draw_power_map(view)
    assert "$$" in texts(rendered(fig))
    for fmt in ("png", "svg", "pdf"):
        save_figure(view, tmp_path / f"x.{fmt}", fmt)


def test_chinese_draws_without_missing_glyphs(tmp_path: Path) -> None:
    """Case 5: Chinese text, CJK punctuation, symbols and emoji: no missing-glyph warning in any format."""
    group = BuyingGroup(
        customer="江东汽车底盘零部件有限公司（集团全资子公司）",
        opportunity="副车架机器人弧焊生产线，预算约2600万元",
        units=[{"id": "u", "name": "设备部"}, {"id": "r", "name": "集团设计院", "kind": "关联机构"}],
        people=[
            {
                "id": "a",
                "name": "赵国强",
                "title": "总经理、党委副书记",
                "unit": "u",
                "roles": ["决策者"],
                "stance": "中立者",
            },
            {
                "id": "b",
                "name": "王建国 🚀",
                "title": "设备部部长「技术」",
                "unit": "u",
                "reports_to": "a",
                "insider": "教练",
            },
            {"id": "c", "name": "李娜", "unit": "r", "stance": "死敌", "favours": "德科焊接"},
        ],
        competitors=[{"id": "德科焊接", "name": "德科焊接"}],
        lines=[{"kind": "delegation", "from": "a", "to": "b", "delegation": "nominal"}],
    )
    view = view_of(group, "zh", flags=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, _ = draw_chart(view)
        rendered(fig)
        fig, _ = draw_power_map(view)
        rendered(fig)
        for fmt in ("png", "svg", "pdf"):
            save_figure(view, tmp_path / f"x.{fmt}", fmt)
    shown = texts(draw_chart(view)[0])
    for literal in ("赵国强", "王建国 🚀", "假授权", "设备部部长「技术」", "集团设计院 (关联机构)"):
        assert any(literal in t for t in shown), literal


# -- layout -----------------------------------------------------------------------------


def test_managers_above_reports_and_influence_does_not_move_anyone() -> None:
    """Case 9: a person with no lines appears; influence lines leave the layout as it was."""
    base: dict[str, Any] = {
        "customer": "X",
        "people": [
            {"name": "Boss"},
            {"name": "Mid", "reports_to": "boss"},
            {"name": "Low", "reports_to": "mid"},
            {"name": "Alone"},
        ],
    }
    plain_view = view_of(BuyingGroup(**base))
    plain = boxes_of(draw_chart(plain_view)[0], PERSON_GID)
    assert len(plain) == 4
    assert plain["p0"][1] < plain["p1"][1] < plain["p2"][1]
    lines = [
        {"kind": "influence", "from": "low", "to": "boss", "strength": 1.0},
        {"kind": "influence", "from": "alone", "to": "mid", "mutual": True},
        {"kind": "introduction", "from": "alone", "to": "boss"},
    ]
    swayed = boxes_of(draw_chart(view_of(BuyingGroup(**base, lines=lines)))[0], PERSON_GID)
    assert {k: (b[0], b[1]) for k, b in swayed.items()} == {k: (b[0], b[1]) for k, b in plain.items()}


def test_300_direct_reports_are_stacked_and_finish() -> None:
    group = wide_group(300)
    start = time.perf_counter()
    view = view_of(group)
    fig, _ = draw_chart(view)
    rendered(fig)
    print(f"300 direct reports: {time.perf_counter() - start:.2f} s")
    names = {t.split("  ")[0] for t in texts(fig)}  # boxes show "name  symbol" on big maps
    assert all(p.name in names for p in view.people)
    boxes = boxes_of(fig, PERSON_GID)
    columns = {round(b[0] + b[2] / 2, 3) for node, b in boxes.items() if node != "p0"}
    assert len(columns) == STACK_WIDTH
    width, height = fig.get_size_inches()
    assert height > width  # stacked, not 300 boxes side by side
    check_layout(fig, view)


def test_1000_person_account_map_finishes_and_shows_everyone(tmp_path: Path) -> None:
    group = account_map()
    assert len(group.people) > 1000
    start = time.perf_counter()
    view = view_of(group)
    fig, _ = draw_chart(view)
    print(f"1,000 people, draw: {time.perf_counter() - start:.2f} s")
    shown = texts(fig)
    names = {t.split("  ")[0].removeprefix("⚠ ") for t in shown}  # boxes show "name  symbol" on big maps
    assert all(p.name in names for p in view.people)
    assert len(person_patches(fig)) == len(view.people)
    check_layout(fig, view)
    width, height = fig.get_size_inches()
    assert max(width, height) <= 48.0 and width * height <= 900.0 + 1e-6
    start = time.perf_counter()
    png = save_figure(view, tmp_path / "big.png", "png")
    print(f"1,000 people, PNG: {time.perf_counter() - start:.2f} s")
    assert png.read_bytes().startswith(b"\x89PNG")
    start = time.perf_counter()
    fig, _ = draw_power_map(view)
    rendered(fig)
    print(f"1,000 people, power map: {time.perf_counter() - start:.2f} s")
    assert len([t for t in fig.findobj(Text) if str(t.get_gid() or "").startswith(POWER_MAP_GID)]) == len(view.people)


def test_draws_on_the_callers_axes() -> None:
    fig = Figure(figsize=(8, 6))
    ax = fig.add_subplot(1, 2, 1)
    other = fig.add_subplot(1, 2, 2)
    view = view_of(example(EXAMPLES[0]))
    got_fig, got_ax = draw_chart(view, ax)
    assert got_fig is fig and got_ax is ax
    assert len(person_patches(fig)) == len(view.people)
    got_fig, got_ax = draw_power_map(view, other)
    assert got_fig is fig and got_ax is other
    rendered(fig)


# -- privacy --------------------------------------------------------------------------


@pytest.mark.parametrize("draw", [draw_chart, draw_power_map])
def test_redaction_hides_insiders_and_names(draw: Any) -> None:
    group = example(ROOT / "examples" / "welding_soe.yaml")
    assert any(p.insider for p in group.people)
    full = texts(draw_chart(view_of(group, "zh"))[0])
    assert any("★" in t for t in full) and any("◆" in t for t in full)
    hidden = texts(draw(view_of(group, "zh", redact=True))[0])
    assert not any("★" in t or "◆" in t for t in hidden)
    assert not any(text("coach", "zh") in t for t in hidden)
    initials = texts(draw(view_of(group, "zh", redact=True, names="initials"))[0])
    for person in group.people:
        assert not any(person.name in t for t in initials), person.name


# -- no global state ----------------------------------------------------------------------


def test_library_leaves_pyplot_backend_and_rcparams_alone(tmp_path: Path) -> None:
    """Drawing and saving never import pyplot, switch the backend or change rcParams."""
    script = f"""
import sys, matplotlib
before = {{k: matplotlib.rcParams[k] for k in ("svg.fonttype", "font.family", "pdf.fonttype", "figure.dpi")}}
import stakeholders
from pathlib import Path
from stakeholders.drawing.pyplot import draw_chart, draw_power_map, save_figure
from stakeholders.drawing.view import chart_view
g = stakeholders.load({str(EXAMPLES[0])!r})
v = chart_view(g, lang="zh", analysis=stakeholders.analyze(g))
draw_chart(v); draw_power_map(v)
for fmt in ("png", "svg", "pdf"):
    save_figure(v, Path({str(tmp_path)!r}) / ("x." + fmt), fmt)
after = {{k: matplotlib.rcParams[k] for k in before}}
assert before == after, (before, after)
assert "matplotlib.pyplot" not in sys.modules
print("ok")
"""
    done = subprocess.run([sys.executable, "-W", "error", "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "findfont" not in done.stderr, done.stderr
    assert done.stdout.strip() == "ok"


def test_the_power_map_bands_follow_the_analysis_high_influence() -> None:
    """Every person the analysis marks high is above the zone line, every other below (not a 0.5 cut)."""
    for path in EXAMPLES:
        view = view_of(example(path))
        boundary = high_influence_boundary(view.people)
        for person in view.people:
            assert person.influence is not None and person.high is not None
            assert (person.influence >= boundary) == person.high, (path.stem, person.name, boundary)
    assert POWER_MAP_COLUMNS[Stance.ENEMY][0] < POWER_MAP_COLUMNS[Stance.MENTOR][0]
    known_right = max(POWER_MAP_COLUMNS[s][1] for s in Stance.ordered())
    assert POWER_MAP_COLUMNS[Stance.UNKNOWN][0] > known_right  # apart, never read as neutral
    assert matplotlib.rcParams["svg.fonttype"] == matplotlib.rcParamsDefault["svg.fonttype"]


def test_a_figure_shrunk_past_readable_text_comes_with_a_note(tmp_path: Path) -> None:
    """matplotlib scales a huge layout down to 48 inches a side; when its text gets tiny the library says so."""
    from stakeholders.drawing import RenderNote
    from stakeholders.synthetic import generate

    with pytest.warns(RenderNote, match=r"shrunk to \d+% .*SVG or PDF"):
        stakeholders.render(generate(1000, 1), tmp_path / "big.svg", backend="matplotlib")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 300 people: scaled a little, still readable
        stakeholders.render(generate(300, 1), tmp_path / "mid.svg", backend="matplotlib")


def test_the_power_map_is_saved_like_the_chart(tmp_path: Path) -> None:
    """Same map, same bytes; SVG text stays text (searchable, selectable); no save date in the file."""
    from stakeholders.drawing import render_power_map

    group = stakeholders.load(EXAMPLES[0])
    first = render_power_map(group, tmp_path / "a.svg").read_bytes()
    second = render_power_map(group, tmp_path / "b.svg").read_bytes()
    assert first == second
    assert first.count(b"<text") >= len(group.people)
    assert b"<dc:date>" not in first

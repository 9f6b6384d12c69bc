"""Renderer injection: hostile text in every drawn field is shown literally, and never changes the chart's structure.

Every text field the chart draws (person names and titles, unit, competitor
and faction names, customer, opportunity, flag messages) is filled with DOT,
HTML-label and record metacharacters, control characters, bidirectional
overrides, Mermaid syntax, mathtext and huge strings. Then:

- Graphviz: the DOT text parses with the real ``dot`` (exit 0, no "Error" or
  "syntax" on stderr); the SVG has exactly one node group per person and one
  edge group per line; every label line is an SVG text equal to the input
  after the documented transformations (:func:`stakeholders.drawing.view.chart_text`:
  line breaks break the line, a tab is a space, other control characters,
  bidi controls and U+FFFE/U+FFFF show as U+FFFD; long names and titles are
  wrapped, and cut with "…" after 40 lines);
- matplotlib: drawing and saving PNG, SVG and PDF raise nothing (missing-glyph
  warnings are errors here), every text artist has mathtext off, and each
  name is the text of an artist, literally;
- Mermaid: every line of the flowchart is a well-formed statement.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from safety_counts import Tally

import stakeholders
from stakeholders import BuyingGroup
from stakeholders.drawing import render_power_map
from stakeholders.drawing.view import NAME_WIDTH, ONE_LINE_WIDTH, display_width, wrap

TALLY = Tally("injection")
SVG = "{http://www.w3.org/2000/svg}"

HOSTILE = [
    # DOT syntax, quoting and escapes
    'A "B" <C>',
    "C:\\dept\\",
    "\\",
    '\\"',
    "\\n typed",
    "\\l\\r\\N\\G\\E\\T\\H",
    "a -> b",
    "a -- b",
    "x; y",
    "node [shape=box, label=pwned]",
    "} subgraph cluster_x { label=x",
    "digraph G { a -> b }",
    "CFO: 李娜",
    "port:n:sw",
    "// comment",
    "/* comment */",
    "# comment",
    # HTML-like labels and XML
    "<B>bold</B>",
    "<BR/>",
    "</TD></TR></TABLE>>",
    "<TABLE><TR><TD>x</TD></TR></TABLE>",
    "&",
    "&amp;",
    "&lt;not a tag&gt;",
    "&#x41;&#65;",
    "&bogus;",
    "<!-- c -->",
    "<![CDATA[x]]>",
    "]]>",
    "<lambda> <map>",
    # records
    "{R&D|Sales}",
    "Ops {EMEA}",
    "<N>",
    "a|b|c",
    # mathtext and format strings
    "$$",
    "Budget $5M-$8M",
    "$x^2$",
    r"$\frac{a}{b}$",
    "%s %d {0} {name}",
    # Mermaid
    'p0["x"] --> p1',
    "end",
    "classDef x fill:#f00",
    "click p0 callback",
    "#quot;",
    # whitespace, control characters, invisible and bidi
    "line\nbreak",
    "cr\r\nlf",
    "tab\there",
    "nul\x00byte",
    "bell\x07 esc\x1b[31m",
    "del\x7f c1\x85 csi\x9b",
    "\u202eevil\u202c override",
    "\u2066isolate\u2069",
    "rlm\u200f zwsp\u200b bom\ufeff",
    "non\ufffe chars\uffff",
    "sep\u2028line\u2029para",
    "  spaces  inside  ",
    # scripts
    "张总（总经理）",
    "張總經理",
    "Ωmega Ж ß é",
    "emoji 💼🤝🏽",
    "Ａ全角ＡＢＣ",
    "combining é̃",
    # huge
    "W" * 2000,
    "长" * 1500,
    ("word " * 1900).strip(),
]


def expected_text(value: str, *, lines: bool = True) -> str:
    """The documented transformation, written independently of the library's code."""
    out = []
    value = value.replace("\r\n", "\n")
    for ch in value:
        if ch in "\r\x85\u2028\u2029" or ch == "\n":
            out.append("\n" if lines else " ")
        elif ch == "\t":
            out.append(" ")
        elif (
            unicodedata.category(ch) == "Cc"
        ) or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def _hostile_group(strings: list[str]) -> BuyingGroup:
    people = []
    units = []
    competitors = []
    factions = []
    lines = []
    for i, value in enumerate(strings):
        units.append({"id": f"u{i}", "name": value})
        competitors.append({"id": f"c{i}", "name": value})
        people.append(
            {
                "id": f"p{i}",
                "name": value,
                "title": value,
                "unit": f"u{i}",
                "stance": "enemy",
                "favours": f"c{i}",
                "roles": ["user"],
            }
        )
        factions.append({"id": f"f{i}", "name": value, "leader": f"p{i}", "members": [f"p{i}"]})
        if i:
            kind = ("influence", "delegation", "introduction")[i % 3]
            lines.append({"kind": kind, "from": f"p{i - 1}", "to": f"p{i}"})
    return BuyingGroup(
        customer=strings[0],
        opportunity=" / ".join(strings[:8]),
        people=people,
        units=units,
        competitors=competitors,
        factions=factions,
        lines=lines,
    )


def _one_line(value: str) -> str:
    """A name shown on one line (competitor, faction, unit): stripped by the model, cut at 80 columns."""
    text = expected_text(value.strip(), lines=False)
    if display_width(text) <= ONE_LINE_WIDTH:
        return text
    text = text[:ONE_LINE_WIDTH]
    while display_width(text + "…") > ONE_LINE_WIDTH:
        text = text[:-1]
    return text + "…"


def _names(value: str) -> str:
    """A person's name as shown: the model strips it, the chart wraps it."""
    return "\n".join(wrap(expected_text(value.strip()), NAME_WIDTH))


@pytest.fixture(scope="module", autouse=True)
def _write_counts() -> Iterator[None]:
    yield
    TALLY.note(
        "summary",
        f"{len(HOSTILE)} hostile strings, each in every drawn field (person name and title, unit, competitor and"
        " faction names, customer, opportunity, flag messages), drawn with Graphviz (DOT parsed by `dot`, SVG"
        " checked), matplotlib (PNG, SVG, PDF) and Mermaid.",
    )
    TALLY.write()


# -- Graphviz ------------------------------------------------------------------------------------


def _svg(dot_text: str) -> ET.Element:
    done = subprocess.run(["dot", "-Tsvg"], input=dot_text.encode("utf-8"), capture_output=True, timeout=300)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Error" not in stderr and "syntax" not in stderr.lower(), stderr
    return ET.fromstring(done.stdout)


def _groups(svg: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if g.get("class") == kind]


def _texts(element: ET.Element) -> list[str]:
    return [("".join(t.itertext())).replace("\xa0", " ") for t in element.iter(f"{SVG}text")]


@pytest.mark.exe
@pytest.mark.skipif(shutil.which("dot") is None, reason="needs the Graphviz dot binary")
@pytest.mark.parametrize("flags", [False, True], ids=["plain", "with-flags"])
def test_graphviz_draws_hostile_text_literally(flags: bool) -> None:
    group = _hostile_group(HOSTILE)
    svg = _svg(stakeholders.to_dot(group, flags=flags))
    nodes = _groups(svg, "node")
    assert len(nodes) == len(group.people), "a label created or swallowed a node"
    assert len(_groups(svg, "edge")) == len(group.lines)
    for node in nodes:  # node ids are internal, never text from the map
        assert re.fullmatch(r"p\d+", "".join(node.find(f"{SVG}title").itertext()))  # type: ignore[union-attr]
    by_node = {"".join(n.find(f"{SVG}title").itertext()): _texts(n) for n in nodes}  # type: ignore[union-attr]
    all_texts = _texts(svg)
    for i, value in enumerate(HOSTILE):
        texts = by_node[f"p{i}"]
        for line in _names(value).split("\n"):
            assert line.strip() == "" or line in texts, (value, line, texts)
        title = wrap(expected_text(value), 30)
        for line in title:
            assert line.strip() == "" or line in texts, (value, line, texts)
        detail = [t for t in texts if "enemy" in t]
        assert detail and _one_line(value) in "".join(detail), (value, texts)
        TALLY.add("Graphviz labels checked")
    for text in all_texts:
        assert not any(unicodedata.category(ch) == "Cc" for ch in text), repr(text)
        assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff"), repr(text)
    # The units' cluster labels and the title block are literal too.
    for value in HOSTILE:
        assert _one_line(value) in all_texts or f"{_one_line(value)} (related institution)" in all_texts, value
    TALLY.add("Graphviz charts")


@pytest.mark.exe
@pytest.mark.skipif(shutil.which("dot") is None, reason="needs the Graphviz dot binary")
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_graphviz_one_hostile_name_in_a_hierarchy(value: str) -> None:
    """A hostile name at every place of a small hierarchy: still 3 nodes and 3 lines."""
    group = BuyingGroup(
        customer=value,
        people=[
            {"id": "a", "name": value, "title": value, "roles": ["decider"], "insider": "coach"},
            {"id": "b", "name": value + " 2", "reports_to": "a", "dotted_line_to": []},
            {"id": "c", "name": "C", "reports_to": "a", "dotted_line_to": ["b"]},
        ],
    )
    for redact in (False, True):
        svg = _svg(stakeholders.to_dot(group, flags=True, redact=redact))
        assert len(_groups(svg, "node")) == 3
        assert len(_groups(svg, "edge")) == 3
        texts = _texts(svg)
        for line in _names(value).split("\n"):
            assert line.strip() == "" or line in texts
    TALLY.add("Graphviz hierarchies")


# -- matplotlib ------------------------------------------------------------------------------------


def _artist_texts(figure: Any) -> list[Any]:
    from matplotlib.text import Text

    return [t for t in figure.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("what", ["chart", "power_map"])
def test_matplotlib_draws_hostile_text_literally(what: str, tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    group = _hostile_group(HOSTILE[:45])  # the huge ones are drawn below, one at a time
    draw = stakeholders.draw if what == "chart" else stakeholders.power_map
    figure, _ = draw(group, flags=True) if what == "chart" else draw(group)
    try:
        artists = _artist_texts(figure)
        for artist in artists:  # fixed texts (axis ticks) may parse math: they hold no "$"
            assert artist.get_parse_math() is False or "$" not in artist.get_text(), artist.get_text()
            assert not artist.get_usetex(), artist.get_text()
        assert sum(1 for a in artists if a.get_parse_math() is False) >= len(HOSTILE[:45])
        shown = [a.get_text() for a in artists]
        for value in HOSTILE[:45]:
            name = _names(value)
            assert any(name == text or text.endswith(name) for text in shown), (value, name)
            TALLY.add("matplotlib labels checked")
        figure.canvas.draw()  # mathtext would fail here ("$$")
    finally:
        plt.close(figure)
    if what == "chart":
        for fmt in ("png", "svg", "pdf"):
            path = stakeholders.render(group, tmp_path / f"chart.{fmt}", backend="matplotlib")
            assert path.stat().st_size > 1000
            TALLY.add(f"matplotlib {fmt.upper()} files")
    else:
        for fmt in ("png", "svg", "pdf"):
            path = render_power_map(group, tmp_path / f"map.{fmt}")
            assert path.stat().st_size > 1000


@pytest.mark.slow
def test_matplotlib_huge_and_odd_strings_one_at_a_time(tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    for value in HOSTILE[45:]:
        group = _hostile_group([value, value + "2"])
        figure, _ = stakeholders.draw(group, flags=True)
        try:
            shown = [a.get_text() for a in _artist_texts(figure)]
            assert any(text.endswith(_names(value)) for text in shown), value
            figure.canvas.draw()
        finally:
            plt.close(figure)
        stakeholders.render(group, tmp_path / "chart.svg", backend="matplotlib")
        TALLY.add("matplotlib labels checked")


def test_matplotlib_svg_text_is_literal(tmp_path: Path) -> None:
    group = _hostile_group(HOSTILE[:30])
    path = stakeholders.render(group, tmp_path / "chart.svg", backend="matplotlib")
    texts = [t.replace("\xa0", " ") for t in _texts(ET.parse(path).getroot())]
    joined = "\n".join(texts)
    for value in HOSTILE[:30]:
        for line in _names(value).split("\n"):
            assert line.strip() in joined, (value, line)


# -- Mermaid ---------------------------------------------------------------------------------------

_MERMAID_LINE = re.compile(
    r"flowchart TD"
    r'|\s*subgraph u\d+\["[^"\n]*"\]'
    r"|\s*end"
    r'|\s*p\d+\["[^"\n]*"\]'
    r'|\s*p\d+ (?:---|-\.-|==>|<==>|-->|-\.->)(?:\|"[^"\n]*"\|)? p\d+'
    r"|\s*classDef \w+ [\w:#.,\- ]+"
    r"|\s*class p\d+ \w+"
)


def test_mermaid_statements_stay_well_formed() -> None:
    group = _hostile_group(HOSTILE)
    text = stakeholders.to_mermaid(group)
    for line in text.splitlines():
        assert _MERMAID_LINE.fullmatch(line), repr(line)
    assert text.count('["') == len(group.people) + len(group.units)
    TALLY.add("Mermaid charts")


def test_the_transformation_is_the_documented_one() -> None:
    from stakeholders.drawing.view import chart_text

    for value in HOSTILE:
        assert chart_text(value) == expected_text(value)
        assert chart_text(value, lines=False) == expected_text(value, lines=False)

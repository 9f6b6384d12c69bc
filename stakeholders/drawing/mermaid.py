"""Mermaid flowcharts of the chart, for Markdown documents (GitHub, GitLab, mkdocs).

:func:`to_mermaid` draws the same view as the Graphviz and matplotlib charts
(:func:`~stakeholders.drawing.view.chart_view`): people boxed by unit, with
name, title, stance (colour and symbol) and roles; solid reporting lines,
dotted-line managers, thick influence arrows, delegation and introduction
lines with their labels. It is text only: no binary, no network.

>>> import stakeholders
>>> g = stakeholders.loads("customer: X\\npeople: [{name: Boss, stance: 支持者}, {name: Eng, reports_to: boss}]")
>>> print(to_mermaid(g), end="")
flowchart TD
    p0["Boss<br/>+ supporter"]
    p1["Eng<br/>? unknown"]
    p0 --- p1
    classDef supporter fill:#BFE6D8,stroke:#1E8F6E,color:#000000,stroke-width:1.5px
    classDef unknown fill:#FFFFFF,stroke:#555555,color:#000000,stroke-width:1px,stroke-dasharray:4 3
    class p0 supporter
    class p1 unknown
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..model import BuyingGroup, LineKind
from ..vocab import Stance

if TYPE_CHECKING:
    from .view import ChartView, NameStyle, PersonView, Redaction

__all__ = ["to_mermaid", "write_mermaid"]

_ARROWS = {
    LineKind.REPORTS_TO: ("---", None),
    LineKind.DOTTED_LINE: ("-.-", None),
    LineKind.INFLUENCE: ("==>", None),
    LineKind.DELEGATION: ("-->", "-.->"),
    LineKind.INTRODUCTION: ("-.->", None),
}


def _escape(text: str) -> str:
    """Text inside a quoted Mermaid label: entity codes for the characters Mermaid would read."""
    out = []
    for ch in text:
        if ch == "#":
            out.append("#35;")
        elif ch == '"':
            out.append("#quot;")
        elif ch == "<":
            out.append("#lt;")
        elif ch == ">":
            out.append("#gt;")
        elif ch == "&":
            out.append("#amp;")
        elif ch in "\r\n\t" or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _label(person: PersonView, lang: str) -> str:
    lines = [person.name, *person.title]
    badges = " ".join(short for short, _ in person.badges)
    detail = person.detail_line()
    lines.append(f"{detail} · {badges}" if badges else detail)
    return "<br/>".join(_escape(line) for line in lines)


def _style(stance: Stance) -> str:
    from .theme import STANCE_STYLES

    s = STANCE_STYLES[stance]
    style = f"fill:{s.fill},stroke:{s.border},color:{s.font},stroke-width:{s.penwidth:g}px"
    return style + (",stroke-dasharray:4 3" if s.dashed else "")


def _mermaid(view: ChartView) -> str:
    out = ["flowchart TD"]
    people = {p.node: p for p in view.people}
    units = {u.id: u for u in view.units}

    def unit_block(unit_id: str, depth: int) -> None:
        unit = units[unit_id]
        pad = "    " * depth
        out.append(f'{pad}subgraph {unit.cluster.removeprefix("cluster_")}["{_escape(unit.label)}"]')
        for node in unit.people:
            out.append(f'{pad}    {node}["{_label(people[node], view.lang)}"]')
        for child in unit.children:
            unit_block(child, depth + 1)
        out.append(f"{pad}end")

    for unit in view.units:
        if unit.parent is None:
            unit_block(unit.id, 1)
    for person in view.people:
        if person.unit is None:
            out.append(f'    {person.node}["{_label(person, view.lang)}"]')
    for edge in view.edges:
        arrow, nominal = _ARROWS[edge.kind]
        if edge.kind is LineKind.DELEGATION and edge.style.style == "dashed" and nominal is not None:
            arrow = nominal
        if edge.kind is LineKind.INFLUENCE and edge.mutual:
            arrow = "<==>"
        if edge.label:
            out.append(f'    {edge.source} {arrow}|"{_escape(edge.label)}"| {edge.target}')
        else:
            out.append(f"    {edge.source} {arrow} {edge.target}")
    used = list(dict.fromkeys(p.stance for p in view.people))
    for stance in used:
        out.append(f"    classDef {stance.value} {_style(stance)}")
    for person in view.people:
        out.append(f"    class {person.node} {person.stance.value}")
    return "\n".join(out) + "\n"


def to_mermaid(
    group: BuyingGroup,
    *,
    lang: str = "en",
    redact: bool | Redaction = False,
    names: NameStyle | None = None,
) -> str:
    """The organisation chart as a Mermaid flowchart (paste it into a ```` ```mermaid ```` block).

    ``lang``, ``redact`` and ``names`` work as for :func:`~stakeholders.render`.
    """
    from .view import chart_view

    return _mermaid(chart_view(group, lang=lang, redact=redact, names=names))


def write_mermaid(
    group: BuyingGroup,
    path: str | os.PathLike[str] | IO[str],
    *,
    lang: str = "en",
    redact: bool | Redaction = False,
    names: NameStyle | None = None,
) -> Path | None:
    """Write :func:`to_mermaid` text to a file (atomically) or a text stream; the Path written, ``None`` for a stream.

    A Markdown file (``.md``) gets the text inside a ```` ```mermaid ```` block, so that it shows as a chart.
    """
    from ..atomic import write_output
    from .view import chart_view

    view = chart_view(group, lang=lang, redact=redact, names=names)
    text = _mermaid(view)
    if not isinstance(path, (str, os.PathLike)):
        write_output(path, text)
        return None
    if Path(path).suffix.lower() == ".md":
        text = f"```mermaid\n{text}```\n"
    write_output(path, text, private=view.private)  # a new file 0o600 when it shows coach markings
    return Path(path)

"""The readable report of an :class:`~stakeholders.analysis.Analysis`, in English or Chinese.

Every fixed word is a :class:`~stakeholders.text.Text`, picked with
:meth:`Text.pick`, so a Traditional Chinese report (``lang="zh_hant"``) is
Traditional throughout, the messages and labels included.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Literal

from ..text import Text, normalise_language
from .flags import FLAGS
from .weights import COMPONENT_NAMES

if TYPE_CHECKING:
    from .flags import Flag
    from .influence_scores import InfluenceScore
    from .moves import StanceMove
    from .result import Analysis

__all__ = ["CARD_ITEMS", "SHORT_REPR", "card", "report", "short_repr"]

_TEXT: dict[str, Text] = {
    "title": Text("Buying-group analysis", "采购决策小组分析"),
    "as_of": Text("as of", "日期"),
    "status": Text("Status", "总体状态"),
    "decided_by": Text("decided by", "依据"),
    "influence": Text("Influence ranking", "影响力排名"),
    "support": Text("Support", "支持情况"),
    "index": Text("support index (-1 … +1)", "支持指数（-1 … +1）"),
    "base": Text("support base", "支援面"),
    "of_people": Text("of people", "人数占比"),
    "of_influence": Text("of influence", "影响力占比"),
    "unknown": Text("stance unknown", "立场未知"),
    "champions": Text("champions", "拥护者"),
    "coaches": Text("coaches without much influence", "影响力有限的教练"),
    "roles": Text("By role", "按角色"),
    "factions": Text("By faction", "按派系"),
    "structure": Text("Structure", "组织结构"),
    "flags": Text("Red flags", "风险警示"),
    "none": Text("none", "无"),
    "milestones": Text("Milestone readiness", "里程碑准备度"),
    "moves": Text("Next moves", "下一步行动"),
    "win_over": Text("Win over (largest gain in support index first)", "争取对象（按支持指数提升排序）"),
    "find_out": Text("Find out the stance of", "需要摸清立场"),
    "path": Text("Path to the decider", "通往决策者的路径"),
    "no_path": Text("no friendly path found", "未找到友好路径"),
    "no_team": Text("our team is not recorded in the map", "图中未记录我方团队"),
    "approach": Text("How to approach key people", "如何接触关键人物"),
    "top_influence": Text("Most influential", "影响力最大的人"),
    "more": Text("… and {n} more", "另有 {n} 项"),
    "light": Text("{level}", "{level}灯"),
}


_STRUCTURE = (
    "size {size}; vertical involvement {vertical} levels; lateral involvement {lateral} units;"
    " connectedness {connectedness:.2f}",
    "规模 {size} 人；纵向参与 {vertical} 级；横向参与 {lateral} 个部门；连通度 {connectedness:.2f}",
)


class _Writer:
    """The lines of a report in one language, with that language's separators."""

    def __init__(self, analysis: Analysis, lang: str) -> None:
        self.analysis = analysis
        self.lang = normalise_language(lang)
        zh = self.lang != "en"
        self.sep = "、" if zh else ", "
        self.colon = "：" if zh else ": "
        self.out: list[str] = []

    def t(self, key: str) -> str:
        return _TEXT[key].pick(self.lang)

    def flag_name(self, code: str) -> str:
        """A flag as the report names it: its code in English (what ``--fail-on`` takes), its title in Chinese."""
        return code if self.lang == "en" else FLAGS[code].title(self.lang)

    def names(self, ids: list[str]) -> str:
        return self.sep.join(self.analysis.names.get(i, i) for i in ids)

    def heading(self, key: str) -> None:
        self.out.append("")
        self.out.append(f"## {self.t(key)}")


def report(analysis: Analysis, lang: str = "en") -> str:
    """Format ``analysis`` as plain text in ``lang`` (``en``, ``zh`` or ``zh_hant``)."""
    w = _Writer(analysis, lang)
    _head(w)
    _influence(w)
    _support(w)
    _structure_and_flags(w)
    _milestones(w)
    _moves(w)
    return "\n".join(w.out) + "\n"


def _head(w: _Writer) -> None:
    analysis, colon = w.analysis, w.colon
    head = f"{w.t('title')}{colon}{analysis.customer}"
    if analysis.opportunity:
        head += f" — {analysis.opportunity}"
    w.out.append(head)
    if analysis.as_of:
        w.out.append(f"{w.t('as_of')} {analysis.as_of.isoformat()}")
    w.out.append(f"{w.t('status')}{colon}{_light(w)} {_decided_by(w)}")


def _light(w: _Writer) -> str:
    """The status as a traffic light: RED in English, 红灯 in Chinese."""
    light = _TEXT["light"]
    return Text.compose(light.en, light.zh, level=w.analysis.status.level.text).pick(w.lang).upper()


def _decided_by(w: _Writer) -> str:
    reasons = w.sep.join(w.flag_name(code) for code in w.analysis.status.reasons) or w.t("none")
    opening, closing = ("(", ")") if w.lang == "en" else ("（", "）")
    return f"{opening}{w.t('decided_by')}{w.colon}{reasons}{closing}"


def _influence(w: _Writer) -> None:
    w.heading("influence")
    scores = w.analysis.influence
    for s in scores[: max(10, sum(1 for x in scores if x.high))]:
        w.out.append(f"{s.rank:>3}. {s.name:<16} {_score_line(w, s)}")


def _score_line(w: _Writer, s: InfluenceScore) -> str:
    top = sorted((c for c in s.components if c.value is not None), key=lambda c: -c.contribution)[:2]
    why = w.sep.join(f"{COMPONENT_NAMES[c.name].pick(w.lang)} {c.value:.2f}" for c in top if c.value is not None)
    mark = " *" if s.high else ""
    return f"{s.score:.2f}{mark}  ({why})"


def _support(w: _Writer) -> None:
    sup, colon, lang, out = w.analysis.support, w.colon, w.lang, w.out
    w.heading("support")
    index = "n/a" if sup.index is None else f"{sup.index:+.2f}"
    out.append(f"{w.t('index')}{colon}{index}")
    out.append(
        f"{w.t('base')}{colon}{sup.people_share:.0%} {w.t('of_people')}, "
        f"{sup.influence_share:.0%} {w.t('of_influence')}"
    )
    out.append(f"{w.t('unknown')}{colon}{len(sup.unknown)} ({sup.unknown_influence_share:.0%} {w.t('of_influence')})")
    if sup.champions:
        out.append(f"{w.t('champions')}{colon}{w.names(sup.champions)}")
    if sup.coaches:
        out.append(f"{w.t('coaches')}{colon}{w.names(sup.coaches)}")
    out.append(f"{w.t('roles')}{colon.strip()}")
    for cov in sup.by_role:
        best = cov.best.label(lang) if cov.best else "?"
        worst = cov.worst.label(lang) if cov.worst else "?"
        out.append(
            f"  {cov.role.label(lang)}: {len(cov.holders)} — {best} … {worst}"
            + (f" (+{len(cov.unknown)} ?)" if cov.unknown else "")
        )
    if sup.by_faction:
        out.append(f"{w.t('factions')}{colon.strip()}")
        for fac in sup.by_faction:
            idx = "n/a" if fac.index is None else f"{fac.index:+.2f}"
            out.append(f"  {fac.name}: {idx} (+{fac.supporters} ={fac.neutral} -{fac.against} ?{fac.unknown})")


def _structure_and_flags(w: _Writer) -> None:
    st = w.analysis.structure
    w.heading("structure")
    text = Text.compose(
        *_STRUCTURE,
        size=st.size,
        vertical=st.vertical_involvement,
        lateral=st.lateral_involvement,
        connectedness=st.connectedness,
    )
    w.out.append(text.pick(w.lang))
    w.heading("flags")
    if not w.analysis.flags:
        w.out.append(w.t("none"))
    for flag in w.analysis.flags:
        w.out.append(_flag_line(w, flag))


def _flag_line(w: _Writer, flag: Flag) -> str:
    severity = flag.severity.label(w.lang)
    if w.lang == "en":  # the code, as --fail-on and the JSON name it
        return f"[{severity}] {flag.code}: {flag.message(w.lang)}"
    return f"[{severity}] {flag.message(w.lang)}"  # in Chinese the sentence says it all


def _milestones(w: _Writer) -> None:
    w.heading("milestones")
    for ms in w.analysis.milestones:
        w.out.append(f"{ms.milestone.label(w.lang)}:")
        for c in ms.criteria:
            w.out.append(f"  [{c.status.label(w.lang)}] {c.label(w.lang)}")


def _moves(w: _Writer) -> None:
    colon, lang, out = w.colon, w.lang, w.out
    moves = w.analysis.next_moves
    w.heading("moves")
    if moves.stance_moves:
        out.append(f"{w.t('win_over')}{colon.strip()}")
        for m in moves.stance_moves:
            out.append(f"  {_move_line(w, m)}")
    if moves.find_out:
        out.append(f"{w.t('find_out')}{colon}{w.names(moves.find_out)}")
    path = _path_line(w)
    if path is not None:
        out.append(path)
    if moves.approaches:
        out.append(f"{w.t('approach')}{colon.strip()}")
        for a in moves.approaches:
            out.append(f"  {a.line(lang)}")


def _move_line(w: _Writer, m: StanceMove) -> str:
    return f"{m.name}: {m.current.label(w.lang)} → {m.target.label(w.lang)} (+{m.gain:.3f})"


def _path_line(w: _Writer) -> str | None:
    analysis, colon = w.analysis, w.colon
    path = analysis.next_moves.path
    if path is not None:
        chain = " → ".join([path.member_name, *(analysis.names.get(i, i) for i in path.people)])
        return f"{w.t('path')}{colon}{chain}"
    if analysis.deciders:
        return f"{w.t('path')}{colon}{w.t('no_path' if analysis.team_recorded else 'no_team')}"
    return None


# The card: the head of the report for a notebook, in the report's words.

CARD_ITEMS = 3
"""How many flags, people and stance moves the card lists; the report lists them all."""


def _top(w: _Writer, lines: list[str]) -> list[str]:
    if len(lines) <= CARD_ITEMS:
        return lines
    more = _TEXT["more"]
    return [*lines[:CARD_ITEMS], Text.compose(more.en, more.zh, n=len(lines) - CARD_ITEMS).pick(w.lang)]


def _card_sections(w: _Writer) -> list[tuple[str, list[str]]]:
    analysis, colon = w.analysis, w.colon
    moves = analysis.next_moves
    flags = [_flag_line(w, f) for f in analysis.flags] or [w.t("none")]
    people = [f"{s.rank}. {s.name} {_score_line(w, s)}" for s in analysis.influence]
    next_moves = _top(w, [_move_line(w, m) for m in moves.stance_moves])
    if moves.find_out:
        next_moves.append(f"{w.t('find_out')}{colon}{w.names(moves.find_out)}")
    path = _path_line(w)
    if path is not None:
        next_moves.append(path)
    sections = [("flags", _top(w, flags)), ("top_influence", _top(w, people)), ("moves", next_moves)]
    return [(w.t(key), lines) for key, lines in sections if lines]


#: Every character Markdown reads as markup inside a line (or as HTML, or as LaTeX in Jupyter): escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")


#: What starts a block when it opens a line or a list item: a list number, a bullet, a heading, a quote.
_MARKDOWN_BLOCK = re.compile(r"^(\d+[.)]|[-+#>=])")


def _md(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _MARKDOWN_BLOCK.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)


def card(analysis: Analysis, lang: str = "en", format: Literal["markdown", "html"] = "markdown") -> str:
    """The head of the report as a card: the status, the top flags, the most influential people and
    the next moves, as Markdown or HTML, in ``lang``. Every text is escaped, so a name shows as written."""
    if format not in ("markdown", "html"):
        raise ValueError(f"unknown card format {format!r} (expected 'markdown' or 'html')")
    w = _Writer(analysis, lang)
    title = f"{w.t('title')}{w.colon}{analysis.customer}"
    if analysis.opportunity:
        title += f" — {analysis.opportunity}"
    status, light, decided_by = w.t("status"), _light(w), _decided_by(w)
    sections = _card_sections(w)
    if format == "html":
        e = html.escape
        out = [
            '<div class="stakeholders-analysis">',
            f"<p><strong>{e(title)}</strong><br>{e(status)}{e(w.colon)}<strong>{e(light)}</strong> {e(decided_by)}</p>",
        ]
        for heading, lines in sections:
            items = "".join(f"<li>{e(line)}</li>" for line in lines)
            out.append(f"<p><strong>{e(heading)}</strong></p><ul>{items}</ul>")
        out.append("</div>")
        return "\n".join(out)
    md = [f"**{_md(title)}**", "", f"{_md(status)}{w.colon}**{_md(light)}** {_md(decided_by)}"]
    for heading, lines in sections:
        md += ["", f"**{_md(heading)}**", "", *(f"- {_md(line)}" for line in lines)]
    return "\n".join(md) + "\n"


SHORT_REPR = 300
"""The longest :func:`short_repr`, whatever the size of the map."""


def short_repr(analysis: Analysis) -> str:
    """One line: the customer, how many people, the status and the flag codes, at most :data:`SHORT_REPR` long."""
    customer = repr(analysis.customer)
    if len(customer) > 64:
        customer = customer[:62] + "…" + customer[-1]
    head = f"<Analysis of {customer}: {len(analysis.names)} people, status {analysis.status.level.value}"
    codes = analysis.flag_codes()
    if not codes:
        return head + ", no flags>"
    room = SHORT_REPR - len(head) - len("; flags: >") - len(", +999 more")
    shown: list[str] = []
    for code in codes:
        if len(", ".join([*shown, code])) > room:
            break
        shown.append(code)
    more = f", +{len(codes) - len(shown)} more" if len(shown) < len(codes) else ""
    return f"{head}; flags: {', '.join(shown)}{more}>"

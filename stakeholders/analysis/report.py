"""The readable report of an :class:`~stakeholders.analysis.Analysis`, in English or Chinese.

Every fixed word is a :class:`~stakeholders.text.Text`, picked with
:meth:`Text.pick`, so a Traditional Chinese report (``lang="zh_hant"``) is
Traditional throughout, the messages and labels included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import Text, normalise_language

if TYPE_CHECKING:
    from .result import Analysis

__all__ = ["report"]

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
    status = analysis.status
    reasons = w.sep.join(status.reasons) or w.t("none")
    w.out.append(f"{w.t('status')}{colon}{status.level.label(w.lang).upper()} ({w.t('decided_by')}{colon}{reasons})")


def _influence(w: _Writer) -> None:
    w.heading("influence")
    scores = w.analysis.influence
    for s in scores[: max(10, sum(1 for x in scores if x.high))]:
        top = sorted((c for c in s.components if c.value is not None), key=lambda c: -c.contribution)[:2]
        why = w.sep.join(f"{c.name} {c.value:.2f}" for c in top if c.value is not None)
        mark = " *" if s.high else ""
        w.out.append(f"{s.rank:>3}. {s.name:<16} {s.score:.2f}{mark}  ({why})")


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
        w.out.append(f"[{flag.severity.label(w.lang)}] {flag.code}: {flag.message(w.lang)}")


def _milestones(w: _Writer) -> None:
    w.heading("milestones")
    for ms in w.analysis.milestones:
        w.out.append(f"{ms.milestone.label(w.lang)}:")
        for c in ms.criteria:
            w.out.append(f"  [{c.status.label(w.lang)}] {c.label(w.lang)}")


def _moves(w: _Writer) -> None:
    analysis, colon, lang, out = w.analysis, w.colon, w.lang, w.out
    moves = analysis.next_moves
    w.heading("moves")
    if moves.stance_moves:
        out.append(f"{w.t('win_over')}{colon.strip()}")
        for m in moves.stance_moves:
            out.append(f"  {m.name}: {m.current.label(lang)} → {m.target.label(lang)} (+{m.gain:.3f})")
    if moves.find_out:
        out.append(f"{w.t('find_out')}{colon}{w.names(moves.find_out)}")
    if moves.path is not None:
        chain = " → ".join([moves.path.member_name, *(analysis.names.get(i, i) for i in moves.path.people)])
        out.append(f"{w.t('path')}{colon}{chain}")
    elif analysis.deciders:
        out.append(f"{w.t('path')}{colon}{w.t('no_path' if analysis.team_recorded else 'no_team')}")
    if moves.approaches:
        out.append(f"{w.t('approach')}{colon.strip()}")
        for a in moves.approaches:
            out.append(f"  {a.line(lang)}")

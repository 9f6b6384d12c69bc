"""The readable report of an :class:`~stakeholders.analysis.Analysis`, in English or Chinese."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..vocab import normalise_language

if TYPE_CHECKING:
    from . import Analysis

__all__ = ["report"]

_TEXT = {
    "title": ("Buying-group analysis", "采购决策小组分析"),
    "as_of": ("as of", "日期"),
    "status": ("Status", "总体状态"),
    "decided_by": ("decided by", "依据"),
    "influence": ("Influence ranking", "影响力排名"),
    "support": ("Support", "支持情况"),
    "index": ("support index (-1 … +1)", "支持指数（-1 … +1）"),
    "base": ("support base", "支援面"),
    "of_people": ("of people", "人数占比"),
    "of_influence": ("of influence", "影响力占比"),
    "unknown": ("stance unknown", "立场未知"),
    "champions": ("champions", "拥护者"),
    "coaches": ("coaches without much influence", "影响力有限的教练"),
    "roles": ("By role", "按角色"),
    "factions": ("By faction", "按派系"),
    "structure": ("Structure", "组织结构"),
    "flags": ("Red flags", "风险警示"),
    "none": ("none", "无"),
    "milestones": ("Milestone readiness", "里程碑准备度"),
    "moves": ("Next moves", "下一步行动"),
    "win_over": ("Win over (largest gain in support index first)", "争取对象（按支持指数提升排序）"),
    "find_out": ("Find out the stance of", "需要摸清立场"),
    "path": ("Path to the decider", "通往决策者的路径"),
    "no_path": ("no friendly path found", "未找到友好路径"),
    "no_team": ("our team is not recorded in the map", "图中未记录我方团队"),
    "approach": ("How to approach key people", "如何接触关键人物"),
}


def _t(key: str, zh: bool) -> str:
    return _TEXT[key][1 if zh else 0]


def report(analysis: Analysis, lang: str = "en") -> str:
    """Format ``analysis`` as plain text in ``lang`` (``en`` or ``zh``)."""
    zh = normalise_language(lang) != "en"
    name = analysis.names.get
    sep = "、" if zh else ", "
    colon = "：" if zh else ": "
    out: list[str] = []
    head = f"{_t('title', zh)}{colon}{analysis.customer}"
    if analysis.opportunity:
        head += f" — {analysis.opportunity}"
    out.append(head)
    if analysis.as_of:
        out.append(f"{_t('as_of', zh)} {analysis.as_of.isoformat()}")
    status = analysis.status
    reasons = sep.join(status.reasons) or _t("none", zh)
    out.append(
        f"{_t('status', zh)}{colon}{status.level.label('zh' if zh else 'en').upper()} "
        f"({_t('decided_by', zh)}{colon}{reasons})"
    )

    out.append("")
    out.append(f"## {_t('influence', zh)}")
    for s in analysis.influence[: max(10, sum(1 for x in analysis.influence if x.high))]:
        top = sorted((c for c in s.components if c.value is not None), key=lambda c: -c.contribution)[:2]
        why = sep.join(f"{c.name} {c.value:.2f}" for c in top if c.value is not None)
        mark = " *" if s.high else ""
        out.append(f"{s.rank:>3}. {s.name:<16} {s.score:.2f}{mark}  ({why})")

    sup = analysis.support
    out.append("")
    out.append(f"## {_t('support', zh)}")
    index = "n/a" if sup.index is None else f"{sup.index:+.2f}"
    out.append(f"{_t('index', zh)}{colon}{index}")
    out.append(
        f"{_t('base', zh)}{colon}{sup.people_share:.0%} {_t('of_people', zh)}, "
        f"{sup.influence_share:.0%} {_t('of_influence', zh)}"
    )
    out.append(
        f"{_t('unknown', zh)}{colon}{len(sup.unknown)} ({sup.unknown_influence_share:.0%} {_t('of_influence', zh)})"
    )
    if sup.champions:
        out.append(f"{_t('champions', zh)}{colon}{sep.join(name(i, i) for i in sup.champions)}")
    if sup.coaches:
        out.append(f"{_t('coaches', zh)}{colon}{sep.join(name(i, i) for i in sup.coaches)}")
    out.append(f"{_t('roles', zh)}{colon.strip()}")
    for cov in sup.by_role:
        best = cov.best.label("zh" if zh else "en") if cov.best else "?"
        worst = cov.worst.label("zh" if zh else "en") if cov.worst else "?"
        out.append(
            f"  {cov.role.label('zh' if zh else 'en')}: {len(cov.holders)} — {best} … {worst}"
            + (f" (+{len(cov.unknown)} ?)" if cov.unknown else "")
        )
    if sup.by_faction:
        out.append(f"{_t('factions', zh)}{colon.strip()}")
        for fac in sup.by_faction:
            idx = "n/a" if fac.index is None else f"{fac.index:+.2f}"
            out.append(f"  {fac.name}: {idx} (+{fac.supporters} ={fac.neutral} -{fac.against} ?{fac.unknown})")

    st = analysis.structure
    out.append("")
    out.append(f"## {_t('structure', zh)}")
    if zh:
        out.append(
            f"规模 {st.size} 人；纵向参与 {st.vertical_involvement} 级；横向参与 {st.lateral_involvement} 个部门；"
            f"连通度 {st.connectedness:.2f}"
        )
    else:
        out.append(
            f"size {st.size}; vertical involvement {st.vertical_involvement} levels; lateral involvement "
            f"{st.lateral_involvement} units; connectedness {st.connectedness:.2f}"
        )

    out.append("")
    out.append(f"## {_t('flags', zh)}")
    if not analysis.flags:
        out.append(_t("none", zh))
    for flag in analysis.flags:
        out.append(f"[{flag.severity.label('zh' if zh else 'en')}] {flag.code}: {flag.message('zh' if zh else 'en')}")

    out.append("")
    out.append(f"## {_t('milestones', zh)}")
    for ms in analysis.milestones:
        out.append(f"{ms.milestone.label('zh' if zh else 'en')}:")
        for c in ms.criteria:
            label = c.label_zh if zh else c.label_en
            out.append(f"  [{c.status.label('zh' if zh else 'en')}] {label}")

    moves = analysis.next_moves
    out.append("")
    out.append(f"## {_t('moves', zh)}")
    if moves.stance_moves:
        out.append(f"{_t('win_over', zh)}{colon.strip()}")
        for m in moves.stance_moves:
            lang_code = "zh" if zh else "en"
            out.append(f"  {m.name}: {m.current.label(lang_code)} → {m.target.label(lang_code)} (+{m.gain:.3f})")
    if moves.find_out:
        out.append(f"{_t('find_out', zh)}{colon}{sep.join(name(i, i) for i in moves.find_out)}")
    if moves.path is not None:
        chain = " → ".join([moves.path.member_name, *(name(i, i) for i in moves.path.people)])
        out.append(f"{_t('path', zh)}{colon}{chain}")
    elif analysis.deciders:
        out.append(f"{_t('path', zh)}{colon}{_t('no_path' if analysis.team_recorded else 'no_team', zh)}")
    if moves.approaches:
        out.append(f"{_t('approach', zh)}{colon.strip()}")
        for a in moves.approaches:
            out.append(f"  {a.line_zh if zh else a.line_en}")
    return "\n".join(out) + "\n"

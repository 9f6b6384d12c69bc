"""Where every colour, symbol and fixed text of the chart is decided.

Stance is shown by colour *and* by a symbol and border weight, so the chart
survives grey-scale printing and colour blindness. The palette is built on
Okabe & Ito's colour-blind-safe colours (bluish green for support,
orange/vermillion for opposition).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import LineKind
from ..vocab import Insider, Role, Stance, normalise_language

__all__ = [
    "LARGE_MAP",
    "LINE_STYLES",
    "ROLE_BADGES",
    "STACK_WIDTH",
    "STANCE_STYLES",
    "LineStyle",
    "RoleBadge",
    "StanceStyle",
    "badge_colour",
    "text",
]


@dataclass(frozen=True)
class StanceStyle:
    fill: str
    border: str
    font: str
    symbol: str
    penwidth: float
    dashed: bool = False


STANCE_STYLES: dict[Stance, StanceStyle] = {
    Stance.MENTOR: StanceStyle("#1E8F6E", "#0B4F3C", "#FFFFFF", "++", 3.0),
    Stance.SUPPORTER: StanceStyle("#BFE6D8", "#1E8F6E", "#000000", "+", 1.5),
    Stance.NEUTRAL: StanceStyle("#EEEEEE", "#777777", "#000000", "=", 1.0),
    Stance.OPPONENT: StanceStyle("#F6C88A", "#C26A00", "#000000", "−", 1.5),
    Stance.ENEMY: StanceStyle("#C8501A", "#6E2600", "#FFFFFF", "−−", 3.0),
    Stance.UNKNOWN: StanceStyle("#FFFFFF", "#555555", "#000000", "?", 1.0, dashed=True),
}


@dataclass(frozen=True)
class RoleBadge:
    short: dict[str, str]
    colour: str


ROLE_BADGES: dict[Role, RoleBadge] = {
    Role.DECIDER: RoleBadge({"en": "DEC", "zh": "决", "zh_hant": "決"}, "#004C8C"),
    Role.TECHNICAL_EVALUATOR: RoleBadge({"en": "TECH", "zh": "技", "zh_hant": "技"}, "#006E7F"),
    Role.COMMERCIAL_EVALUATOR: RoleBadge({"en": "COM", "zh": "商", "zh_hant": "商"}, "#8E2C6B"),
    Role.USER: RoleBadge({"en": "USER", "zh": "用", "zh_hant": "用"}, "#4D4D4D"),
}


def badge_colour(colour: str, fill: str) -> str:
    """A role badge's colour on a box filled with ``fill``: white on the two dark stance fills."""
    dark = {STANCE_STYLES[Stance.MENTOR].fill, STANCE_STYLES[Stance.ENEMY].fill}
    return "#FFFFFF" if fill in dark else colour


#: Leaf reports shown side by side under one manager before they are stacked (both backends).
STACK_WIDTH = 6
#: Above this many people, charts simplify: dot bounds its costly passes, boxes shrink.
LARGE_MAP = 150

INSIDER_SYMBOL = {Insider.COACH: "★", Insider.INFORMANT: "◆"}
FLAG_SYMBOL = "⚠"
FACTION_SYMBOL = "⚑"


@dataclass(frozen=True)
class LineStyle:
    colour: str
    style: str
    arrowhead: str
    constraint: bool


LINE_STYLES: dict[LineKind, LineStyle] = {
    LineKind.REPORTS_TO: LineStyle("#333333", "solid", "none", True),
    LineKind.DOTTED_LINE: LineStyle("#333333", "dotted", "none", False),
    LineKind.INFLUENCE: LineStyle("#0072B2B0", "solid", "vee", False),
    LineKind.DELEGATION: LineStyle("#7B3F99", "solid", "normal", False),
    LineKind.INTRODUCTION: LineStyle("#009E73", "dashed", "open", False),
}

NOMINAL_STYLE = LineStyle("#7B3F99", "dashed", "normal", False)

_TEXT: dict[str, tuple[str, str, str]] = {
    "chart": ("Organisation analysis chart", "组织分析图", "組織分析圖"),
    "customer": ("Customer", "客户", "客戶"),
    "opportunity": ("Opportunity", "项目", "專案"),
    "milestone": ("Milestone", "里程碑", "里程碑"),
    "date": ("Date", "日期", "日期"),
    "status": ("Status", "状态", "狀態"),
    "legend": ("Legend", "图例", "圖例"),
    "stance": ("Stance", "立场", "立場"),
    "roles": ("Roles", "角色", "角色"),
    "lines": ("Lines", "连线", "連線"),
    "markers": ("Markers", "标记", "標記"),
    "influence": ("influence", "影响力", "影響力"),
    "reports_to": ("reports to (solid)", "汇报（实线）", "匯報（實線）"),
    "dotted_line": ("dotted-line manager", "虚线汇报", "虛線匯報"),
    "influence_line": ("influence (thicker = stronger)", "影响（越粗越强）", "影響（越粗越強）"),
    "real_delegation": ("real delegation", "真授权", "真授權"),
    "nominal_delegation": ("nominal delegation", "假授权", "假授權"),
    "introduction": ("can introduce", "可引荐", "可引薦"),
    "coach": ("coach", "教练", "教練"),
    "informant": ("informant", "线人", "線人"),
    "flagged": ("red flag", "风险", "風險"),
    "faction": ("faction", "派系", "派系"),
    "leader": ("leader", "领袖", "領袖"),
    "favours": ("favours", "倾向", "傾向"),
    "stage": ("relationship", "关系", "關係"),
    "disc": ("DISC", "性格", "性格"),
    "related_institution": ("related institution", "关联机构", "關聯機構"),
    "flags": ("Red flags", "风险警示", "風險警示"),
    "more_flags": ("more", "更多", "更多"),
    "no_title": ("", "", ""),
    "power_map": ("Power map: influence against stance", "权力地图：影响力与立场", "權力地圖：影響力與立場"),
    "keep_close": ("KEEP CLOSE", "保持紧密", "保持緊密"),
    "win_over": ("WIN OVER", "争取", "爭取"),
    "neutralise": ("NEUTRALISE", "化解", "化解"),
    "monitor": ("MONITOR (widen the base)", "关注（扩大支援面）", "關注（擴大支援面）"),
    "axis_stance": ("stance toward us", "对我方的立场", "對我方的立場"),
    "axis_influence": ("influence (0–1)", "影响力（0–1）", "影響力（0–1）"),
    "people": ("people", "人", "人"),
    "direct_reports": ("{n} direct reports", "{n} 名直接下属", "{n} 名直接下屬"),
}


def text(key: str, lang: str = "en") -> str:
    """A fixed text of the chart in ``lang`` (``en``, ``zh``, ``zh_hant``)."""
    en, zh, zh_hant = _TEXT[key]
    return {"en": en, "zh": zh, "zh_hant": zh_hant}[normalise_language(lang)]

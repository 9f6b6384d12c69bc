"""Where every colour, symbol and fixed text of the chart is decided.

Stance is shown by colour *and* by a symbol and border weight, so the chart
survives grey-scale printing and colour blindness. The palette is built on
Okabe & Ito's colour-blind-safe colours (bluish green for support,
orange/vermillion for opposition).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import LineKind
from ..text import Text
from ..vocab import Insider, Role, Stance

__all__ = [
    "BACKGROUND",
    "CALLOUT_BORDER",
    "CALLOUT_FILL",
    "LARGE_MAP",
    "LEGEND_BORDER",
    "LEGEND_FILL",
    "LINE_STYLES",
    "POWER_MAP_ZONES",
    "ROLE_BADGES",
    "STACK_WIDTH",
    "STANCE_STYLES",
    "TEXTS",
    "UNIT_STYLES",
    "LineStyle",
    "RoleBadge",
    "StanceStyle",
    "UnitStyle",
    "ZoneStyle",
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
    short: Text
    colour: str


ROLE_BADGES: dict[Role, RoleBadge] = {
    Role.DECIDER: RoleBadge(Text("DEC", "决", "決"), "#004C8C"),
    Role.TECHNICAL_EVALUATOR: RoleBadge(Text("TECH", "技", "技"), "#006E7F"),
    Role.COMMERCIAL_EVALUATOR: RoleBadge(Text("COM", "商", "商"), "#8E2C6B"),
    Role.USER: RoleBadge(Text("USER", "用", "用"), "#4D4D4D"),
}


#: Role badges on the two dark stance fills (mentor, enemy) are drawn in this colour.
BADGE_ON_DARK = "#FFFFFF"


def badge_colour(colour: str, fill: str) -> str:
    """A role badge's colour on a box filled with ``fill``: white on the two dark stance fills."""
    dark = {STANCE_STYLES[Stance.MENTOR].fill, STANCE_STYLES[Stance.ENEMY].fill}
    return BADGE_ON_DARK if fill in dark else colour


# -- Text, frames and units ------------------------------------------------------------------

#: Background of every chart and power map (both backends).
BACKGROUND = "white"
#: Ordinary text: names in the legend and callouts, the title, title-row values.
TEXT_COLOUR = "#000000"
#: Secondary text: title-row keys, legend section names, the customer on the power map.
MUTED_TEXT = "#555555"
#: Unit labels (matplotlib).
UNIT_LABEL_COLOUR = "#333333"
#: The frame around the legend.
LEGEND_FILL = "#FFFFFF"
LEGEND_BORDER = "#999999"
#: The frame around a block of stacked reports (Graphviz).
STACK_BORDER = "#999999"
#: The red-flag callouts box.
CALLOUT_FILL = "#FFF4EC"
CALLOUT_BORDER = "#C8501A"
#: Behind the label of a line (delegation, introduction) and a name on the power map.
LABEL_BACKGROUND = "#FFFFFF"


@dataclass(frozen=True)
class UnitStyle:
    fill: str
    border: str
    dashed: bool


#: Unit rectangles by "is a related institution": a light fill, dashed for related institutions.
UNIT_STYLES: dict[bool, UnitStyle] = {
    False: UnitStyle("#F7F9FB", "#B0B0B0", False),
    True: UnitStyle("#FAFAF5", "#7F7F7F", True),
}


# -- The power map ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ZoneStyle:
    fill: str
    text: str


#: Power-map zones: the band's fill and the colour of its name.
POWER_MAP_ZONES: dict[str, ZoneStyle] = {
    "neutralise": ZoneStyle("#FBE1CF", "#8A3B00"),
    "win_over": ZoneStyle("#FFF3C4", "#6B5500"),
    "keep_close": ZoneStyle("#D5EFE4", "#0B4F3C"),
    "monitor": ZoneStyle("#F1F1F1", "#555555"),
}
#: The hatching and the dashed frame that set the unknown column apart.
POWER_MAP_UNKNOWN_HATCH = "#9A9A9A"
POWER_MAP_UNKNOWN_FRAME = "#777777"
#: The dashed line between the high-influence zones and the monitor band.
POWER_MAP_BOUNDARY = "#555555"
#: The thin lines between stance columns.
POWER_MAP_DIVIDER = "#FFFFFF"
#: The leader from a marker to a name moved up or down to avoid another one.
POWER_MAP_LEADER = "#888888"


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

#: Every fixed text of the chart, by key; a language is picked with :meth:`Text.pick`.
TEXTS: dict[str, Text] = {
    "chart": Text("Organisation analysis chart", "组织分析图", "組織分析圖"),
    "customer": Text("Customer", "客户", "客戶"),
    "opportunity": Text("Opportunity", "项目", "專案"),
    "milestone": Text("Milestone", "里程碑", "里程碑"),
    "date": Text("Date", "日期", "日期"),
    "status": Text("Status", "状态", "狀態"),
    "legend": Text("Legend", "图例", "圖例"),
    "stance": Text("Stance", "立场", "立場"),
    "roles": Text("Roles", "角色", "角色"),
    "lines": Text("Lines", "连线", "連線"),
    "markers": Text("Markers", "标记", "標記"),
    "influence": Text("influence", "影响力", "影響力"),
    "reports_to": Text("reports to (solid)", "汇报（实线）", "匯報（實線）"),
    "dotted_line": Text("dotted-line manager", "虚线汇报", "虛線匯報"),
    "influence_line": Text("influence (thicker = stronger)", "影响（越粗越强）", "影響（越粗越強）"),
    "real_delegation": Text("real delegation", "真授权", "真授權"),
    "nominal_delegation": Text("nominal delegation", "假授权", "假授權"),
    "introduction": Text("can introduce", "可引荐", "可引薦"),
    "coach": Text("coach", "教练", "教練"),
    "informant": Text("informant", "线人", "線人"),
    "flagged": Text("red flag", "风险", "風險"),
    "faction": Text("faction", "派系", "派系"),
    "leader": Text("leader", "领袖", "領袖"),
    "favours": Text("favours", "倾向", "傾向"),
    "stage": Text("relationship", "关系", "關係"),
    "disc": Text("DISC", "性格", "性格"),
    "related_institution": Text("related institution", "关联机构", "關聯機構"),
    "flags": Text("Red flags", "风险警示", "風險警示"),
    "more_flags": Text("… +{n} more", "……另有 {n} 条", "……另有 {n} 條"),
    "no_title": Text("", "", ""),
    "power_map": Text("Power map: influence against stance", "权力地图：影响力与立场", "權力地圖：影響力與立場"),
    "keep_close": Text("KEEP CLOSE", "保持紧密", "保持緊密"),
    "win_over": Text("WIN OVER", "争取", "爭取"),
    "neutralise": Text("NEUTRALISE", "化解", "化解"),
    "monitor": Text("MONITOR (widen the base)", "关注（扩大支援面）", "關注（擴大支援面）"),
    "axis_stance": Text("stance toward us", "对我方的立场", "對我方的立場"),
    "axis_influence": Text("influence (0–1)", "影响力（0–1）", "影響力（0–1）"),
    "people": Text("people", "人", "人"),
    "direct_reports": Text("{n} direct reports", "{n} 名直接下属", "{n} 名直接下屬"),
}


def text(key: str, lang: str = "en") -> str:
    """A fixed text of the chart in ``lang`` (``en``, ``zh``, ``zh_hant``): ``TEXTS[key].pick(lang)``."""
    return TEXTS[key].pick(lang)


def legend_markers(lang: str, *, insiders: bool) -> list[tuple[str, str]]:
    """The legend's markers, as ``(glyph, label)`` rows, the same in both backends (coach marks only when shown)."""
    rows = [(INSIDER_SYMBOL[k], text(k.value, lang)) for k in INSIDER_SYMBOL] if insiders else []
    return [
        *rows,
        ("D/I/S/C", text("disc", lang)),
        ("■■■□□", text("influence", lang)),
        (FACTION_SYMBOL, text("faction", lang)),
        (FLAG_SYMBOL, text("flagged", lang)),
    ]

"""What the chart shows, decided once for both backends.

:func:`chart_view` turns a group (and optionally its analysis) into plain data:
one :class:`PersonView` per person with every text already chosen, translated
and redacted; the unit clusters; the lines with their styles; the title block,
legend and red-flag callouts. The Graphviz and matplotlib backends only lay
this out, so both draw the same content. Nothing here imports a drawing library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from ..model import BuyingGroup, LineKind
from ..vocab import Role, Stance, UnitKind, normalise_language
from .theme import (
    FACTION_SYMBOL,
    FLAG_SYMBOL,
    INSIDER_SYMBOL,
    LINE_STYLES,
    NOMINAL_STYLE,
    ROLE_BADGES,
    STANCE_STYLES,
    LineStyle,
    StanceStyle,
    text,
)
from .wrapping import NAME_WIDTH, ONE_LINE_WIDTH, chart_text, display_width, one_line, pack, wrap

if TYPE_CHECKING:
    from ..analysis import Analysis

__all__ = [
    "NAME_WIDTH",
    "ONE_LINE_WIDTH",
    "ChartView",
    "EdgeView",
    "NameStyle",
    "PersonView",
    "Redaction",
    "UnitView",
    "chart_text",
    "chart_view",
    "display_width",
    "is_private_chart",
    "one_line",
    "pack",
    "wrap",
]

NameStyle = Literal["full", "initials", "role"]


@dataclass(frozen=True)
class Redaction:
    """What to leave out of a chart that will be shared.

    ``redact=True`` means ``Redaction(insiders=False, private=False)``: no
    coach/informant markings (D7: coaches must be protected) and no private
    profile (D11). ``names`` can replace names by initials or by roles.
    """

    insiders: bool = True
    """Show coach and informant markers."""
    private: bool = True
    """Allow private-profile data (the chart never draws it; kept for exporters)."""
    names: NameStyle = "full"

    @classmethod
    def of(cls, redact: bool | Redaction, names: NameStyle | None = None) -> Redaction:
        base = redact if isinstance(redact, Redaction) else (cls(False, False) if redact else cls())
        if names is not None and names != base.names:
            base = cls(base.insiders, base.private, names)
        if base.names not in ("full", "initials", "role"):
            raise ValueError(f"unknown names option {base.names!r} (expected full, initials or role)")
        return base


@dataclass
class PersonView:
    id: str
    node: str
    name: str
    title: list[str]
    stance: Stance
    stance_label: str
    style: StanceStyle
    badges: list[tuple[str, str]]
    """(short text, colour) per decision role."""
    disc: str | None
    stage: str | None
    insider: str | None
    """Marker and label, e.g. "★ coach"; ``None`` when absent or redacted."""
    favours: str | None
    influence: float | None
    rank: int | None
    high: bool | None
    """High influence as the analysis decides it (``InfluenceScore.high``); ``None`` without one."""
    factions: list[str]
    flagged: bool
    unit: str | None

    @property
    def influence_bar(self) -> str:
        if self.influence is None:
            return ""
        filled = round(self.influence * 5)
        return "■" * filled + "□" * (5 - filled)

    def influence_line(self, lang: str) -> str | None:
        """``influence ■■■□□ 0.55 (#4)``; ``None`` when the chart has no analysis."""
        if self.influence is None:
            return None
        rank = f" (#{self.rank})" if self.rank is not None else ""
        return f"{text('influence', lang)} {self.influence_bar} {self.influence:.2f}{rank}"

    def detail_line(self) -> str:
        """Stance, stage, insider marker and favoured competitor on one line."""
        parts = [f"{self.style.symbol} {self.stance_label}"]
        if self.stage:
            parts.append(self.stage)
        if self.insider:
            parts.append(self.insider)
        if self.favours:
            parts.append(f"→ {self.favours}")
        return " · ".join(parts)


@dataclass
class UnitView:
    id: str
    cluster: str
    label: str
    related: bool
    parent: str | None
    people: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass
class EdgeView:
    source: str
    target: str
    kind: LineKind
    style: LineStyle
    penwidth: float
    label: str | None
    mutual: bool


@dataclass
class ChartView:
    lang: str
    title: str
    title_rows: list[tuple[str, str]]
    people: list[PersonView]
    units: list[UnitView]
    edges: list[EdgeView]
    callouts: list[str]
    factions: list[str]
    """The legend entry of every faction: its name and its leader ("name — leader: X")."""
    redaction: Redaction
    private: bool = False
    """Whether the chart shows what a shared chart leaves out (see :func:`is_private_chart`)."""

    def person(self, ident: str) -> PersonView:
        for p in self.people:
            if p.id == ident:
                return p
        raise KeyError(ident)


def is_private_chart(group: BuyingGroup, redact: bool | Redaction) -> bool:
    """Whether a chart of ``group`` drawn with ``redact`` shows private data: a new file of it is created 0o600.

    A chart never draws private profiles or notes; unredacted it does draw coach and
    informant markers and introduction lines (D7), so it is private when the map has any.
    """
    from ..redaction import shows_insiders

    return Redaction.of(redact).insiders and shows_insiders(group)


def _initials(name: str) -> str:
    name = name.strip()
    if not name:
        return "?"
    if display_width(name[0]) == 2:
        return name[0] + "某"
    return ".".join(part[0].upper() for part in name.split() if part) + "."


def _display_names(group: BuyingGroup, style: NameStyle, lang: str) -> dict[str, str]:
    if style == "full":
        return {p.id: p.name for p in group.people}
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for person in group.people:
        if style == "initials":
            base = _initials(person.name)
        else:
            base = "/".join(r.label(lang) for r in person.roles) or (person.title or text("people", lang))
        counts[base] = counts.get(base, 0) + 1
        names[person.id] = base
    seen: dict[str, int] = {}
    for person in group.people:
        base = names[person.id]
        if counts[base] > 1:
            seen[base] = seen.get(base, 0) + 1
            names[person.id] = f"{base} {seen[base]}"
    return names


def chart_view(
    group: BuyingGroup,
    *,
    lang: str = "en",
    redact: bool | Redaction = False,
    names: NameStyle | None = None,
    analysis: Analysis | None = None,
    flags: bool = False,
    max_callouts: int = 6,
) -> ChartView:
    """Decide the chart's content: texts, styles, clusters, lines, legend and callouts.

    ``analysis`` supplies influence and red flags (computed when ``flags`` is
    true and none is given); without it influence bars are left out.
    """
    lang = normalise_language(lang)
    redaction = Redaction.of(redact, names)
    private = is_private_chart(group, redaction)
    if not redaction.insiders:
        # A shared chart draws the redacted map, with the analysis of that map: no flag, path or
        # criterion it shows can depend on coach markings, private data or notes.
        from ..analysis.shared import is_shared, redacted_analysis
        from ..redaction import redacted

        if analysis is not None and not is_shared(analysis):
            analysis = redacted_analysis(group, as_of=analysis.as_of, weights=analysis.weights)
        elif analysis is None and flags:
            analysis = redacted_analysis(group)
        group = redacted(group)
    if analysis is None and flags:
        from ..analysis import analyze

        analysis = analyze(group)
    shown = {k: chart_text(v) for k, v in _display_names(group, redaction.names, lang).items()}
    from ..analysis._facts import facts_of

    facts = facts_of(group)
    scores = {s.person: s for s in analysis.influence} if analysis is not None else {}
    # Mark on the chart only the people concerned by high-severity flags; the callouts list the rest.
    flagged = (
        {p for f in analysis.flags if f.severity.value == "high" for p in f.people}
        if (analysis is not None and flags)
        else set()
    )
    competitor_names = {c.id: c.name for c in group.competitors}
    faction_of: dict[str, list[str]] = {}
    for faction in group.factions:
        for member in faction.members:
            mark = f"{FACTION_SYMBOL} {one_line(faction.name)}"
            if member == faction.leader:
                mark += f" ({text('leader', lang)})"
            faction_of.setdefault(member, []).append(mark)

    people: list[PersonView] = []
    for index, person in enumerate(group.people):
        insider = None
        if person.insider is not None and redaction.insiders:
            insider = f"{INSIDER_SYMBOL[person.insider]} {text(person.insider.value, lang)}"
        favours = None
        if person.favours and (person.stance.is_against or person.stance is Stance.UNKNOWN):
            favours = one_line(competitor_names.get(person.favours, person.favours))
        stage = facts.stage.get(person.id)
        score = scores.get(person.id)
        title = person.title if redaction.names == "full" or redaction.names == "initials" else None
        people.append(
            PersonView(
                id=person.id,
                node=f"p{index}",
                name="\n".join(wrap(shown[person.id], NAME_WIDTH)),
                title=wrap(chart_text(title), 30) if title else [],
                stance=person.stance,
                stance_label=person.stance.label(lang),
                style=STANCE_STYLES[person.stance],
                badges=[(ROLE_BADGES[r].short.pick(lang), ROLE_BADGES[r].colour) for r in Role if r in person.roles],
                disc=person.disc.letter if person.disc is not None else None,
                stage=None if stage is None else f"{text('stage', lang)}: {stage.label(lang)}",
                insider=insider,
                favours=favours,
                influence=score.score if score is not None else None,
                rank=score.rank if score is not None else None,
                high=score.high if score is not None else None,
                factions=faction_of.get(person.id, []),
                flagged=person.id in flagged,
                unit=person.unit,
            )
        )

    units: list[UnitView] = []
    by_unit: dict[str, UnitView] = {}
    for index, unit in enumerate(group.units):
        related = unit.kind is UnitKind.RELATED_INSTITUTION
        label = one_line(unit.name) + (f" ({text('related_institution', lang)})" if related else "")
        view = UnitView(id=unit.id, cluster=f"cluster_u{index}", label=label, related=related, parent=unit.parent)
        units.append(view)
        by_unit[unit.id] = view
    for view in units:
        if view.parent is not None:
            by_unit[view.parent].children.append(view.id)
    for pv in people:
        if pv.unit is not None:
            by_unit[pv.unit].people.append(pv.node)

    node_of = {p.id: p.node for p in people}
    edges: list[EdgeView] = []
    for source, target, kind, attrs in group.iter_lines():
        style = LINE_STYLES[kind]
        edge_label: str | None = None
        penwidth = 1.2
        if kind is LineKind.INFLUENCE:
            penwidth = 0.8 + 3.2 * float(attrs.get("strength", 0.5))
        elif kind is LineKind.DELEGATION:
            nominal = attrs.get("delegation") == "nominal"
            style = NOMINAL_STYLE if nominal else style
            edge_label = text("nominal_delegation" if nominal else "real_delegation", lang)
            penwidth = 1.8
        elif kind is LineKind.INTRODUCTION:
            edge_label = text("introduction", lang)
        edges.append(
            EdgeView(
                source=node_of[source],
                target=node_of[target],
                kind=kind,
                style=style,
                penwidth=round(penwidth, 2),
                label=edge_label,
                mutual=bool(attrs.get("mutual", False)),
            )
        )

    title_rows: list[tuple[str, str]] = [(text("customer", lang), chart_text(group.customer))]
    if group.opportunity:
        title_rows.append((text("opportunity", lang), chart_text(group.opportunity)))
    if group.milestone is not None:
        title_rows.append((text("milestone", lang), group.milestone.label(lang)))
    when: date | None = (analysis.as_of if analysis is not None else None) or group.as_of
    if when is not None:
        title_rows.append((text("date", lang), when.isoformat()))
    if analysis is not None and flags:
        title_rows.append((text("status", lang), analysis.status.level.label(lang).upper()))

    callouts: list[str] = []
    if analysis is not None and flags:
        shown_flags = analysis.flags
        if redaction.names != "full":
            # Flag sentences name people; with names hidden keep only the impersonal ones.
            shown_flags = [f for f in shown_flags if not f.people]
        messages = [f"{FLAG_SYMBOL} {chart_text(f.message(lang), lines=False)}" for f in shown_flags]
        callouts = messages[:max_callouts]
        if len(messages) > max_callouts:
            callouts.append(text("more_flags", lang).format(n=len(messages) - max_callouts))

    factions = [
        one_line(f.name)
        + (
            f" — {text('leader', lang)}{': ' if lang == 'en' else '：'}{one_line(shown[f.leader])}"
            if f.leader in shown
            else ""
        )
        for f in group.factions
    ]
    return ChartView(
        lang=lang,
        title=text("chart", lang),
        title_rows=title_rows,
        people=people,
        units=units,
        edges=edges,
        callouts=callouts,
        factions=factions,
        redaction=redaction,
        private=private,
    )

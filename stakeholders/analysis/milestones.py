"""Milestone readiness (D9): the manual's work standard for deep contact,
technical breakthrough and commercial breakthrough, criterion by criterion.

Each criterion is ``met``, ``unmet`` or ``unknown`` (the map does not say), with
the people that are the evidence. Facts the map cannot derive (are our specs in
the tender? who writes it?) come from the map's ``checklist``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..model import BuyingGroup, ChecklistItem, LineKind, Person
from ..text import Text
from ..vocab import Level, Milestone, RelationshipStage, Role, Stance, Vocabulary, _named
from .built import Translated, built
from .context import Context
from .influence_scores import InfluenceScore, is_high_influence
from .weights import Weights

__all__ = ["Criterion", "CriterionStatus", "MilestoneReadiness", "milestone_readiness", "milestone_readiness_of"]


@_named("criterion status")
class CriterionStatus(Vocabulary):
    MET = ("met", Text("met", "已达成", "已達成"))
    UNMET = ("unmet", Text("not met", "未达成", "未達成"))
    UNKNOWN = ("unknown", Text("unknown", "未知", "未知"))


class Criterion(Translated):
    """One criterion of a milestone's work standard."""

    model_config = ConfigDict(frozen=True)

    id: str
    label_en: str
    label_zh: str
    status: CriterionStatus
    people: list[str]
    """The people that are the evidence (those lacking, or those who meet it)."""
    note: str
    _text_fields = ("label_en", "label_zh")

    def label(self, lang: str = "en") -> str:
        """The label in ``lang`` (``en``, ``zh`` or ``zh_hant``, through :meth:`Text.pick`)."""
        return self.text.pick(lang)


class MilestoneReadiness(BaseModel):
    """Readiness for one milestone."""

    model_config = ConfigDict(frozen=True)

    milestone: Milestone
    criteria: list[Criterion]

    @property
    def ready(self) -> bool:
        return all(c.status is CriterionStatus.MET for c in self.criteria)


MET, UNMET, UNKNOWN = CriterionStatus.MET, CriterionStatus.UNMET, CriterionStatus.UNKNOWN


def _all_support(people: list[Person], firm: dict[str, bool] | None = None) -> CriterionStatus:
    """Met if every one supports (firmly, when ``firm`` is given); unmet if any is neutral or against."""
    if not people:
        return UNKNOWN

    def ok(p: Person) -> bool:
        return p.stance.is_support and (firm is None or firm[p.id])

    if all(ok(p) for p in people):
        return MET
    if any(p.stance.known and not ok(p) for p in people):
        return UNMET
    return UNKNOWN


def _checklist(group: BuyingGroup, item: ChecklistItem) -> CriterionStatus:
    value = group.checklist.get(item)
    return UNKNOWN if value is None else (MET if value else UNMET)


def milestone_readiness(
    group: BuyingGroup,
    *,
    weights: Weights | Mapping[str, Any] | None = None,
    scores: list[InfluenceScore] | None = None,
) -> list[MilestoneReadiness]:
    """Criteria of deep contact, technical and commercial breakthrough as met / unmet / unknown."""
    return milestone_readiness_of(Context(group, weights=weights, scores=scores))


def milestone_readiness_of(ctx: Context) -> list[MilestoneReadiness]:
    """:func:`milestone_readiness` of the context's group."""
    return [
        built(MilestoneReadiness, milestone=Milestone.DEEP_CONTACT, criteria=_deep_contact(ctx)),
        built(MilestoneReadiness, milestone=Milestone.TECHNICAL_BREAKTHROUGH, criteria=_technical(ctx)),
        built(MilestoneReadiness, milestone=Milestone.COMMERCIAL_BREAKTHROUGH, criteria=_commercial(ctx)),
    ]


def _crit(ident: str, label: Text, status: CriterionStatus, ids: list[str], note: str) -> Criterion:
    # Built without validation: the values are computed by this module with the fields' types.
    return built(
        Criterion,
        {"_text": label},
        id=ident,
        label_en=label.en,
        label_zh=label.zh,
        status=status,
        people=ids,
        note=note,
    )


def _top_decider_found(ctx: Context) -> tuple[CriterionStatus, str]:
    top_decider = ctx.facts.top_decider(ctx.rank_of)
    if top_decider is None:
        return UNMET, "no decider identified"
    contacted = ctx.facts.contacted[top_decider.id]
    if contacted is True:
        return MET, f"the top decider {top_decider.name} has been contacted"
    if contacted is False:
        return UNMET, f"the top decider {top_decider.name} has never been contacted"
    return UNMET, f"no contact with the top decider {top_decider.name} is recorded"


def _deep_contact(ctx: Context) -> list[Criterion]:
    group, facts, key = ctx.group, ctx.facts, ctx.key
    top_decider = facts.top_decider(ctx.rank_of)
    missing_roles = [r for r in Role if not any(r in p.roles for p in group.people)]
    incomplete = [p.id for p in key if not (p.background and p.disc and p.stance.known)]
    coaches = [p.id for p in facts.coaches()]
    found, found_note = _top_decider_found(ctx)
    return [
        _crit(
            "organisation_known",
            Text("The whole buying organisation is known", "掌握完整的采购组织"),
            UNMET if missing_roles else MET,
            [],
            "roles without a holder: " + ", ".join(r.value for r in missing_roles)
            if missing_roles
            else "every decision role has a holder",
        ),
        _crit(
            "key_profiles_complete",
            Text("Background, personality and stance known for each key person", "每位关键人物的背景、性格和立场已知"),
            UNKNOWN if not key else (UNMET if incomplete else MET),
            incomplete,
            "no key people recorded"
            if not key
            else ("key people with gaps listed" if incomplete else "all key people profiled"),
        ),
        _crit(
            "coach_developed",
            Text("A coach has been developed", "已发展教练"),
            MET if coaches else UNMET,
            coaches,
            "coaches listed" if coaches else "nobody is marked as a coach",
        ),
        _crit(
            "key_decider_found",
            Text("The right key decider is found and contacted", "找到并接触了关键决策人"),
            found,
            [top_decider.id] if top_decider else [],
            found_note,
        ),
        _crit(
            "procurement_process_known",
            Text("The customer's procurement process is understood", "已了解客户采购流程"),
            _checklist(group, ChecklistItem.PROCUREMENT_PROCESS_KNOWN),
            [],
            "from the map's checklist",
        ),
        _crit(
            "factions_analysed",
            Text("Factions are analysed", "已完成派系分析"),
            MET if group.factions else UNKNOWN,
            [f.leader for f in group.factions if f.leader],
            f"{len(group.factions)} faction(s) recorded" if group.factions else "no factions recorded",
        ),
    ]


def _technical(ctx: Context) -> list[Criterion]:
    technical = [p for p in ctx.group.people if Role.TECHNICAL_EVALUATOR in p.roles]
    return [
        _crit(
            "technical_deciders_accept",
            Text("The technical decision-makers accept our product", "技术决策者认可我们的产品"),
            _all_support(technical),
            [p.id for p in technical],
            "technical evaluators and their stances: "
            + (", ".join(f"{p.name} {p.stance.value}" for p in technical) or "none recorded"),
        ),
        _crit(
            "specs_in_tender",
            Text("Our specs, brand and model are written into the tender", "技术参数和品牌型号写入标书"),
            _checklist(ctx.group, ChecklistItem.SPECS_IN_TENDER),
            [],
            "from the map's checklist",
        ),
    ]


def _supporter_holds_power(ctx: Context) -> tuple[CriterionStatus, Person | None]:
    """Whether our most influential supporter really holds final power, and who that supporter is."""
    group, by_id = ctx.group, ctx.by_id
    top_decider = ctx.facts.top_decider(ctx.rank_of)
    supporters = [p for p in group.people if p.stance.is_support]
    top_supporter = min(supporters, key=lambda p: by_id[p.id].rank) if supporters else None
    real_from_top = {
        line.target
        for line in group.lines
        if line.kind is LineKind.DELEGATION
        and not line.nominal
        and top_decider is not None
        and line.source == top_decider.id
    }
    if top_supporter is None or top_supporter.id in ctx.facts.nominal_delegates():
        return UNMET, top_supporter  # no supporter, or one whose authority is only a nominal delegation (D6)
    if (
        top_supporter is top_decider
        or by_id[top_supporter.id].rank == 1
        or (top_supporter.id in real_from_top and Role.DECIDER in top_supporter.roles)
    ):
        # The top decider, the most influential person, or a decider by the top decider's real
        # delegation (a real delegation of a narrower scope leaves the delegate without the decider role).
        return MET, top_supporter
    return UNMET, top_supporter


def _decider_relationship(ctx: Context) -> tuple[CriterionStatus, list[Person]]:
    supporting_deciders = [d for d in ctx.deciders if d.stance.is_support]
    stages = [ctx.facts.stage[d.id] for d in supporting_deciders]
    if not supporting_deciders or all(s is None for s in stages):
        return UNKNOWN, supporting_deciders
    if any(s is not None and s >= RelationshipStage.FRIEND for s in stages):
        return MET, supporting_deciders
    return UNMET, supporting_deciders


def _commercial(ctx: Context) -> list[Criterion]:
    group, facts, by_id, deciders = ctx.group, ctx.facts, ctx.by_id, ctx.deciders
    people = group.people
    top_decider = facts.top_decider(ctx.rank_of)
    nominal = facts.nominal_delegates()
    evaluators = [p for p in people if Role.TECHNICAL_EVALUATOR in p.roles or Role.COMMERCIAL_EVALUATOR in p.roles]
    firm = {
        p.id: p.stance is Stance.MENTOR
        or (facts.stage[p.id] is not None and facts.stage[p.id] >= RelationshipStage.FRIEND)
        for p in people
    }
    power, top_supporter = _supporter_holds_power(ctx)
    seniors = [p for p in people if is_high_influence(by_id[p.id]) or p.authority is Level.HIGH or p is top_decider]
    never = [p.id for p in seniors if facts.contacted[p.id] is False]
    unrecorded = [p.id for p in seniors if facts.contacted[p.id] is None]
    relationship, supporting_deciders = _decider_relationship(ctx)
    return [
        _crit(
            "evaluators_firm",
            Text("Key evaluators are firm supporters acting for us", "评估小组关键人物是坚定的支持者"),
            _all_support(evaluators, firm),
            [p.id for p in evaluators],
            "firm = mentor, or supporter with a relationship at friend or closer",
        ),
        _crit(
            "top_level_support",
            Text("Actual support from the top decision level", "获得最高决策层的实际支持"),
            _all_support(deciders),
            [d.id for d in deciders],
            ", ".join(f"{d.name} {d.stance.value}" for d in deciders) or "no decider identified",
        ),
        _crit(
            "supporter_holds_power",
            Text("The person supporting us really holds final power", "支持我们的人真正握有最终权力"),
            power,
            [top_supporter.id] if top_supporter else [],
            f"our most influential supporter is {top_supporter.name} (rank {by_id[top_supporter.id].rank})"
            + ("; authority only by a nominal delegation" if top_supporter.id in nominal else "")
            if top_supporter
            else "we have no supporter",
        ),
        _crit(
            "no_overlooked_senior",
            Text("No senior person with influence is overlooked", "没有被忽视的有影响力的高层"),
            UNMET if never else (UNKNOWN if unrecorded else MET),
            never or unrecorded,
            "never contacted" if never else ("contact not recorded" if unrecorded else "all seniors contacted"),
        ),
        _crit(
            "decider_relationship_firm",
            Text("Our relationship with the supporting decider will hold", "与支持我们的决策者关系稳固"),
            relationship,
            [d.id for d in supporting_deciders],
            "friend or closer counts as firm",
        ),
        *_tender_criteria(group),
    ]


def _tender_criteria(group: BuyingGroup) -> list[Criterion]:
    return [
        _crit(
            "tender_writer_known",
            Text("We know who writes the tender", "知道谁撰写标书"),
            _checklist(group, ChecklistItem.TENDER_WRITER_KNOWN),
            [],
            "from the map's checklist",
        ),
        _crit(
            "tender_reviewer_known",
            Text("We know who reviews the tender", "知道谁审核标书"),
            _checklist(group, ChecklistItem.TENDER_REVIEWER_KNOWN),
            [],
            "from the map's checklist",
        ),
    ]

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
from ..vocab import Level, Milestone, RelationshipStage, Role, Stance, Vocabulary, _named
from ._facts import Facts, facts_of, key_people
from .influence import InfluenceScore, influence
from .weights import Weights

__all__ = ["Criterion", "CriterionStatus", "MilestoneReadiness", "milestone_readiness"]


@_named("criterion status")
class CriterionStatus(Vocabulary):
    MET = ("met", "met", "已达成", "已達成")
    UNMET = ("unmet", "not met", "未达成", "未達成")
    UNKNOWN = ("unknown", "unknown", "未知", "未知")


class Criterion(BaseModel):
    """One criterion of a milestone's work standard."""

    model_config = ConfigDict(frozen=True)

    id: str
    label_en: str
    label_zh: str
    status: CriterionStatus
    people: list[str]
    """The people that are the evidence (those lacking, or those who meet it)."""
    note: str


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
    _facts: Facts | None = None,
) -> list[MilestoneReadiness]:
    """Criteria of deep contact, technical and commercial breakthrough as met / unmet / unknown."""
    facts = _facts or facts_of(group)
    scores = scores if scores is not None else influence(group, weights=weights, _facts=facts)
    by_id = {s.person: s for s in scores}
    rank_of = {s.person: s.rank for s in scores}
    people = group.people
    deciders = facts.deciders()
    top_decider = facts.top_decider(rank_of)
    nominal = facts.nominal_delegates()
    key = key_people(group, {s.person for s in scores if s.high})

    def crit(ident: str, en: str, zh: str, status: CriterionStatus, ids: list[str], note: str) -> Criterion:
        return Criterion(id=ident, label_en=en, label_zh=zh, status=status, people=ids, note=note)

    # -- deep contact ---------------------------------------------------------
    missing_roles = [r for r in Role if not any(r in p.roles for p in people)]
    incomplete = [p.id for p in key if not (p.background and p.disc and p.stance.known)]
    coaches = [p.id for p in facts.coaches()]
    if top_decider is None:
        found, found_note = UNMET, "no decider identified"
    elif facts.contacted[top_decider.id] is True:
        found, found_note = MET, f"the top decider {top_decider.name} has been contacted"
    elif facts.contacted[top_decider.id] is False:
        found, found_note = UNMET, f"the top decider {top_decider.name} has never been contacted"
    else:
        found, found_note = UNMET, f"no contact with the top decider {top_decider.name} is recorded"
    deep = [
        crit(
            "organisation_known",
            "The whole buying organisation is known",
            "掌握完整的采购组织",
            UNMET if missing_roles else MET,
            [],
            "roles without a holder: " + ", ".join(r.value for r in missing_roles)
            if missing_roles
            else "every decision role has a holder",
        ),
        crit(
            "key_profiles_complete",
            "Background, personality and stance known for each key person",
            "每位关键人物的背景、性格和立场已知",
            UNKNOWN if not key else (UNMET if incomplete else MET),
            incomplete,
            "no key people recorded"
            if not key
            else ("key people with gaps listed" if incomplete else "all key people profiled"),
        ),
        crit(
            "coach_developed",
            "A coach has been developed",
            "已发展教练",
            MET if coaches else UNMET,
            coaches,
            "coaches listed" if coaches else "nobody is marked as a coach",
        ),
        crit(
            "key_decider_found",
            "The right key decider is found and contacted",
            "找到并接触了关键决策人",
            found,
            [top_decider.id] if top_decider else [],
            found_note,
        ),
        crit(
            "procurement_process_known",
            "The customer's procurement process is understood",
            "已了解客户采购流程",
            _checklist(group, ChecklistItem.PROCUREMENT_PROCESS_KNOWN),
            [],
            "from the map's checklist",
        ),
        crit(
            "factions_analysed",
            "Factions are analysed",
            "已完成派系分析",
            MET if group.factions else UNKNOWN,
            [f.leader for f in group.factions if f.leader],
            f"{len(group.factions)} faction(s) recorded" if group.factions else "no factions recorded",
        ),
    ]

    # -- technical breakthrough -----------------------------------------------
    technical = [p for p in people if Role.TECHNICAL_EVALUATOR in p.roles]
    tech = [
        crit(
            "technical_deciders_accept",
            "The technical decision-makers accept our product",
            "技术决策者认可我们的产品",
            _all_support(technical),
            [p.id for p in technical],
            "technical evaluators and their stances: "
            + (", ".join(f"{p.name} {p.stance.value}" for p in technical) or "none recorded"),
        ),
        crit(
            "specs_in_tender",
            "Our specs, brand and model are written into the tender",
            "技术参数和品牌型号写入标书",
            _checklist(group, ChecklistItem.SPECS_IN_TENDER),
            [],
            "from the map's checklist",
        ),
    ]

    # -- commercial breakthrough ----------------------------------------------
    evaluators = [p for p in people if Role.TECHNICAL_EVALUATOR in p.roles or Role.COMMERCIAL_EVALUATOR in p.roles]
    firm = {
        p.id: p.stance is Stance.MENTOR
        or (facts.stage[p.id] is not None and facts.stage[p.id] >= RelationshipStage.FRIEND)
        for p in people
    }
    supporters = [p for p in people if p.stance.is_support]
    top_supporter = min(supporters, key=lambda p: by_id[p.id].rank) if supporters else None
    real_from_top = {
        line.target
        for line in group.lines
        if line.kind is LineKind.DELEGATION
        and not line.nominal
        and top_decider is not None
        and line.source == top_decider.id
    }
    if top_supporter is None or top_supporter.id in nominal:
        power = UNMET  # no supporter, or one whose authority is only a nominal delegation (D6)
    elif (
        top_supporter is top_decider
        or by_id[top_supporter.id].rank == 1
        or (top_supporter.id in real_from_top and Role.DECIDER in top_supporter.roles)
    ):
        # The top decider, the most influential person, or a decider by the top decider's real
        # delegation (a real delegation of a narrower scope leaves the delegate without the decider role).
        power = MET
    else:
        power = UNMET
    seniors = [p for p in people if by_id[p.id].high or p.authority is Level.HIGH or p is top_decider]
    never = [p.id for p in seniors if facts.contacted[p.id] is False]
    unrecorded = [p.id for p in seniors if facts.contacted[p.id] is None]
    supporting_deciders = [d for d in deciders if d.stance.is_support]
    stages = [facts.stage[d.id] for d in supporting_deciders]
    if not supporting_deciders or all(s is None for s in stages):
        relationship = UNKNOWN
    elif any(s is not None and s >= RelationshipStage.FRIEND for s in stages):
        relationship = MET
    else:
        relationship = UNMET
    commercial = [
        crit(
            "evaluators_firm",
            "Key evaluators are firm supporters acting for us",
            "评估小组关键人物是坚定的支持者",
            _all_support(evaluators, firm),
            [p.id for p in evaluators],
            "firm = mentor, or supporter with a relationship at friend or closer",
        ),
        crit(
            "top_level_support",
            "Actual support from the top decision level",
            "获得最高决策层的实际支持",
            _all_support(deciders),
            [d.id for d in deciders],
            ", ".join(f"{d.name} {d.stance.value}" for d in deciders) or "no decider identified",
        ),
        crit(
            "supporter_holds_power",
            "The person supporting us really holds final power",
            "支持我们的人真正握有最终权力",
            power,
            [top_supporter.id] if top_supporter else [],
            f"our most influential supporter is {top_supporter.name} (rank {by_id[top_supporter.id].rank})"
            + ("; authority only by a nominal delegation" if top_supporter.id in nominal else "")
            if top_supporter
            else "we have no supporter",
        ),
        crit(
            "no_overlooked_senior",
            "No senior person with influence is overlooked",
            "没有被忽视的有影响力的高层",
            UNMET if never else (UNKNOWN if unrecorded else MET),
            never or unrecorded,
            "never contacted" if never else ("contact not recorded" if unrecorded else "all seniors contacted"),
        ),
        crit(
            "decider_relationship_firm",
            "Our relationship with the supporting decider will hold",
            "与支持我们的决策者关系稳固",
            relationship,
            [d.id for d in supporting_deciders],
            "friend or closer counts as firm",
        ),
        crit(
            "tender_writer_known",
            "We know who writes the tender",
            "知道谁撰写标书",
            _checklist(group, ChecklistItem.TENDER_WRITER_KNOWN),
            [],
            "from the map's checklist",
        ),
        crit(
            "tender_reviewer_known",
            "We know who reviews the tender",
            "知道谁审核标书",
            _checklist(group, ChecklistItem.TENDER_REVIEWER_KNOWN),
            [],
            "from the map's checklist",
        ),
    ]
    return [
        MilestoneReadiness(milestone=Milestone.DEEP_CONTACT, criteria=deep),
        MilestoneReadiness(milestone=Milestone.TECHNICAL_BREAKTHROUGH, criteria=tech),
        MilestoneReadiness(milestone=Milestone.COMMERCIAL_BREAKTHROUGH, criteria=commercial),
    ]

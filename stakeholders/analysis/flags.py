"""Red flags: the pointed questions of the manuals' milestone plans (D7-D9, D12).

Each flag has a stable ``code`` other tools can store, a severity, the people
concerned and a sentence in English and in Chinese. :data:`FLAGS` describes
every code; docs/analysis.md explains each in plain words. The overall status
is red when any high-severity flag fires, amber when any medium one does, and
green otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..model import BuyingGroup, LineKind
from ..vocab import Confidence, Insider, Level, Milestone, Role, Stance, Vocabulary, _named
from ._facts import Facts, facts_of, key_people
from .influence import InfluenceScore, influence
from .support import Support, support
from .weights import Weights, as_weights

__all__ = ["FLAGS", "Flag", "FlagInfo", "Severity", "Status", "StatusLevel", "overall_status", "red_flags"]


@_named("severity")
class Severity(Vocabulary):
    HIGH = ("high", "high", "高", "高")
    MEDIUM = ("medium", "medium", "中", "中")
    LOW = ("low", "low", "低", "低")

    @property
    def weight(self) -> int:
        return {Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1}[self]


@_named("status")
class StatusLevel(Vocabulary):
    RED = ("red", "red", "红", "紅")
    AMBER = ("amber", "amber", "黄", "黃", "yellow")
    GREEN = ("green", "green", "绿", "綠")


class FlagInfo(BaseModel):
    """What a flag code means."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    title_en: str
    title_zh: str
    condition: str
    """When it fires, in plain words."""


def _info(code: str, severity: Severity, en: str, zh: str, condition: str) -> FlagInfo:
    return FlagInfo(code=code, severity=severity, title_en=en, title_zh=zh, condition=condition)


#: Every flag code, its default severity, its title and its condition.
FLAGS: dict[str, FlagInfo] = {
    i.code: i
    for i in (
        _info(
            "no_coach",
            Severity.MEDIUM,
            "No coach",
            "没有教练",
            "Nobody is marked as a coach (D7). High from the deep-contact milestone on.",
        ),
        _info("decider_unknown", Severity.HIGH, "Decider unknown", "决策者不明", "Nobody holds the decider role."),
        _info(
            "decider_not_contacted",
            Severity.HIGH,
            "Decider not contacted",
            "未接触决策者",
            "A decider has no recorded contact with us (D8: very dangerous by the end of a project).",
        ),
        _info(
            "decider_stance_unknown",
            Severity.MEDIUM,
            "Decider's stance unknown",
            "决策者立场未知",
            "A decider's stance is unknown.",
        ),
        _info(
            "decider_against",
            Severity.HIGH,
            "Decider against us",
            "决策者反对我们",
            "A decider is an opponent or an enemy.",
        ),
        _info(
            "powerful_opponent",
            Severity.HIGH,
            "Powerful opponent",
            "有影响力的反对者",
            "An opponent or enemy has high influence.",
        ),
        _info(
            "supporters_lack_power",
            Severity.HIGH,
            "Supporters lack power",
            "支持者影响力不足",
            "Our most influential supporter has less influence than our most influential opponent.",
        ),
        _info(
            "overlooked_senior",
            Severity.MEDIUM,
            "Overlooked senior person",
            "被忽视的高层",
            "Someone (not a decider) with high authority or high influence has no contact with us: never"
            " contacted, or no contact recorded.",
        ),
        _info(
            "single_threaded",
            Severity.MEDIUM,
            "Single-threaded",
            "单线联系",
            "All our support rests on one person: one supporter, or one holding most of our supporters' influence.",
        ),
        _info(
            "key_stance_unknown",
            Severity.MEDIUM,
            "Key person's stance unknown",
            "关键人物立场未知",
            "A key person (decision role, high influence or high authority) other than a decider has an unknown"
            " stance.",
        ),
        _info(
            "role_uncovered",
            Severity.MEDIUM,
            "Role without a supporter",
            "角色缺少支持者",
            "A decision role (D2) has no holder at supporter or better.",
        ),
        _info(
            "nominal_delegation",
            Severity.HIGH,
            "Relying on a nominal delegation",
            "依赖假授权",
            "Someone we rely on (a supporter, mentor or coach) holds authority only by a nominal delegation (D6),"
            " and the person who delegated it is not a supporter.",
        ),
        _info(
            "faction_led_by_opponent",
            Severity.MEDIUM,
            "Faction led by an opponent",
            "派系由反对者领导",
            "A faction's leader is an opponent or an enemy.",
        ),
        _info(
            "competitor_backers_unknown",
            Severity.MEDIUM,
            "Competitors' backers unknown",
            "不清楚谁支持竞争对手",
            "Nobody is recorded as favouring any competitor: a blind spot, not good news (D12).",
        ),
        _info(
            "enemy_competitor_unknown",
            Severity.LOW,
            "Enemy's competitor unknown",
            "死敌支持的竞争对手不明",
            "An enemy has no favoured competitor recorded (D3: an enemy supports a competitor).",
        ),
        _info(
            "stale_contact",
            Severity.MEDIUM,
            "Stale contact",
            "联系中断",
            "A key person was last contacted more than `stale_days` days before the analysis date.",
        ),
        _info(
            "low_confidence",
            Severity.LOW,
            "Judgement is a guess",
            "判断仅为猜测",
            "A key person's stance, role, DISC type or influence is marked as a guess.",
        ),
        _info(
            "no_path_to_decider",
            Severity.MEDIUM,
            "No path to the decider",
            "没有通往决策者的路径",
            "No chain of friendly people links our team to the top decider.",
        ),
    )
}


class Flag(BaseModel):
    """One red flag raised on a map."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    people: list[str]
    message_en: str
    message_zh: str

    def message(self, lang: str = "en") -> str:
        return self.message_zh if lang.lower().startswith("zh") else self.message_en


class Status(BaseModel):
    """Overall status and the flags that decided it."""

    model_config = ConfigDict(frozen=True)

    level: StatusLevel
    reasons: list[str]
    """Codes of the flags that decided the level (all flags of the deciding severity)."""


def overall_status(flags: list[Flag]) -> Status:
    """Red if any high-severity flag, amber if any medium one, else green."""
    for severity, level in ((Severity.HIGH, StatusLevel.RED), (Severity.MEDIUM, StatusLevel.AMBER)):
        codes = list(dict.fromkeys(f.code for f in flags if f.severity is severity))
        if codes:
            return Status(level=level, reasons=codes)
    return Status(level=StatusLevel.GREEN, reasons=[])


def _names(facts: Facts, ids: list[str], sep: str = ", ") -> str:
    return sep.join(facts.name(i) for i in ids)


def red_flags(
    group: BuyingGroup,
    *,
    as_of: date | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
    scores: list[InfluenceScore] | None = None,
    support_: Support | None = None,
    path_found: bool | None = None,
    _facts: Facts | None = None,
) -> list[Flag]:
    """Every red flag that fires on ``group``, most severe first.

    ``as_of`` (default: the map's ``as_of``) is the date for ``stale_contact``;
    without either date that flag is not evaluated. ``path_found`` tells whether
    a friendly path to the decider exists (computed when not given).
    """
    w = as_weights(weights)
    facts = _facts or facts_of(group)
    scores = scores if scores is not None else influence(group, weights=w, _facts=facts)
    sup = support_ if support_ is not None else support(group, weights=w, scores=scores, _facts=facts)
    by_id = {s.person: s for s in scores}
    people = facts.people
    flags: list[Flag] = []

    def add(code: str, ids: list[str], en: str, zh: str, severity: Severity | None = None) -> None:
        flags.append(
            Flag(code=code, severity=severity or FLAGS[code].severity, people=ids, message_en=en, message_zh=zh)
        )

    deciders = facts.deciders()
    key = key_people(group, {s.person for s in scores if s.high})
    late = group.milestone is not None and group.milestone.number >= Milestone.DEEP_CONTACT.number

    if not facts.coaches():
        add(
            "no_coach",
            [],
            "Nobody is marked as a coach: develop an insider who guides us.",
            "尚未发展教练：需要培养一位能指导我们的内部人士。",
            Severity.HIGH if late else None,
        )
    if not deciders:
        add(
            "decider_unknown",
            [],
            "Nobody holds the decider role: find out who makes the final call.",
            "没有人担任决策者角色：需要弄清谁最终拍板。",
        )
    for d in deciders:
        if facts.contacted[d.id] is not True:
            add(
                "decider_not_contacted",
                [d.id],
                f"We have never contacted the decider {d.name}."
                if facts.contacted[d.id] is False
                else f"No contact with the decider {d.name} is recorded.",
                f"我们从未接触过决策者{d.name}。"
                if facts.contacted[d.id] is False
                else f"没有与决策者{d.name}接触的记录。",
            )
        if not d.stance.known:
            add(
                "decider_stance_unknown",
                [d.id],
                f"The stance of the decider {d.name} is unknown.",
                f"决策者{d.name}的立场未知。",
            )
        elif d.stance.is_against:
            add(
                "decider_against",
                [d.id],
                f"The decider {d.name} is an {d.stance.label('en')}.",
                f"决策者{d.name}是{d.stance.label('zh')}。",
            )
    for p in group.people:
        if p.stance.is_against and by_id[p.id].high:
            rival = f" (favours {_competitor(group, p.favours)})" if p.favours else ""
            rival_zh = f"（倾向{_competitor(group, p.favours)}）" if p.favours else ""
            add(
                "powerful_opponent",
                [p.id],
                f"{p.name} is a high-influence {p.stance.label('en')}{rival} (rank {by_id[p.id].rank}).",
                f"{p.name}是影响力很高的{p.stance.label('zh')}{rival_zh}（排名第{by_id[p.id].rank}）。",
            )
    if sup.against:
        top_against = max(sup.against, key=lambda i: by_id[i].score)
        top_support = max(sup.supporters, key=lambda i: by_id[i].score) if sup.supporters else None
        if top_support is None or by_id[top_support].score < by_id[top_against].score:
            if top_support is None:
                en = f"We have no supporter, while {people[top_against].name} opposes us."
                zh = f"我们没有支持者，而{people[top_against].name}反对我们。"
                ids = [top_against]
            else:
                en = (
                    f"Our strongest supporter {people[top_support].name} ({by_id[top_support].score:.2f}) has less "
                    f"influence than our strongest opponent {people[top_against].name} "
                    f"({by_id[top_against].score:.2f})."
                )
                zh = (
                    f"我们最有力的支持者{people[top_support].name}（{by_id[top_support].score:.2f}）影响力低于"
                    f"最有力的反对者{people[top_against].name}（{by_id[top_against].score:.2f}）。"
                )
                ids = [top_support, top_against]
            add("supporters_lack_power", ids, en, zh)
    overlooked = [
        p
        for p in group.people
        if Role.DECIDER not in p.roles
        and (by_id[p.id].high or p.authority is Level.HIGH)
        and facts.contacted[p.id] is not True
    ]
    if overlooked:
        add(
            "overlooked_senior",
            [p.id for p in overlooked],
            "High authority or influence, no contact with us: "
            + ", ".join(
                f"{p.name} ({p.title or 'no title'}; "
                + ("never contacted" if facts.contacted[p.id] is False else "no contact recorded")
                + ")"
                for p in overlooked
            )
            + ".",
            "权力或影响力很高却未与我们接触："
            + "、".join(
                f"{p.name}（{p.title or '无职位'}；"
                + ("从未接触" if facts.contacted[p.id] is False else "无接触记录")
                + "）"
                for p in overlooked
            )
            + "。",
        )
    if sup.supporters:
        support_total = sum(by_id[i].score for i in sup.supporters)
        top = max(sup.supporters, key=lambda i: by_id[i].score)
        share = by_id[top].score / support_total if support_total > 0 else 1.0
        if len(sup.supporters) == 1 or share >= w.single_thread_share:
            add(
                "single_threaded",
                [top],
                f"Our support rests on one person: {people[top].name} ({len(sup.supporters)} supporter(s) in all).",
                f"我们的支持完全依赖一个人：{people[top].name}（共{len(sup.supporters)}位支持者）。",
            )
    unknown_key = [p for p in key if Role.DECIDER not in p.roles and not p.stance.known]
    if unknown_key:
        add(
            "key_stance_unknown",
            [p.id for p in unknown_key],
            "The stance of these key people is unknown: " + ", ".join(p.name for p in unknown_key) + ".",
            "以下关键人物立场未知：" + "、".join(p.name for p in unknown_key) + "。",
        )
    for coverage in sup.by_role:
        if coverage.covered or (coverage.role is Role.DECIDER and not coverage.holders):
            continue
        label_en, label_zh = coverage.role.label("en"), coverage.role.label("zh")
        if coverage.holders:
            en = f"No {label_en} supports us (holders: {_names(facts, coverage.holders)})."
            zh = f"没有{label_zh}支持我们（担任者：{_names(facts, coverage.holders, '、')}）。"
        else:
            en, zh = f"Nobody is recorded as {label_en}.", f"尚未识别{label_zh}。"
        add("role_uncovered", list(coverage.holders), en, zh)
    for line in group.lines:
        if line.kind is LineKind.DELEGATION and line.nominal:
            target, source = people[line.target], people[line.source]
            # We rely on the delegate (a supporter or coach) while the real holder of the power is
            # not on our side; if the delegator supports us too, the nominal delegation costs nothing.
            if (target.stance.is_support or target.insider is Insider.COACH) and not source.stance.is_support:
                add(
                    "nominal_delegation",
                    [line.target, line.source],
                    f"We rely on {target.name}, whose authority from {people[line.source].name} is only nominal.",
                    f"我们依赖的{target.name}从{people[line.source].name}处获得的只是假授权。",
                )
    for balance in sup.by_faction:
        if balance.leader is not None and balance.leader_stance is not None and balance.leader_stance.is_against:
            leader = people[balance.leader]
            add(
                "faction_led_by_opponent",
                [balance.leader],
                f"Faction {balance.name} is led by {leader.name}, an {leader.stance.label('en')}.",
                f"派系“{balance.name}”由{leader.stance.label('zh')}{leader.name}领导。",
            )
    if group.people and not any(p.favours for p in group.people):
        add(
            "competitor_backers_unknown",
            [],
            "Nobody is recorded as favouring a competitor: find out who backs them.",
            "没有记录任何人倾向竞争对手：需要查清谁在支持对手。",
        )
    for p in group.people:
        if p.stance is Stance.ENEMY and not p.favours:
            add(
                "enemy_competitor_unknown",
                [p.id],
                f"{p.name} is an enemy, but which competitor they back is unknown.",
                f"{p.name}是死敌，但不清楚其支持哪家竞争对手。",
            )
    when = as_of or group.as_of
    if when is not None:
        limit = when - timedelta(days=w.stale_days)
        stale = [(p, last) for p in key if (last := facts.last_contact.get(p.id)) is not None and last < limit]
        if stale:
            add(
                "stale_contact",
                [p.id for p, _ in stale],
                f"No contact for more than {w.stale_days} days with: "
                + ", ".join(f"{p.name} ({(when - last).days} days)" for p, last in stale)
                + ".",
                f"超过{w.stale_days}天未联系："
                + "、".join(f"{p.name}（{(when - last).days}天）" for p, last in stale)
                + "。",
            )
    guessed = [(p, [f for f, j in p.judgements.items() if j.confidence is Confidence.GUESS]) for p in key]
    guessed = [(p, fields) for p, fields in guessed if fields]
    if guessed:
        add(
            "low_confidence",
            [p.id for p, _ in guessed],
            "Only a guess: "
            + "; ".join(f"{p.name}'s " + ", ".join(f.label("en") for f in fields) for p, fields in guessed)
            + ".",
            "仅为猜测："
            + "；".join(f"{p.name}的" + "、".join(f.label("zh") for f in fields) for p, fields in guessed)
            + "。",
        )
    if deciders and group.team:
        if path_found is None:
            from .moves import path_to_power

            path_found = path_to_power(group, scores=scores, _facts=facts) is not None
        if not path_found:
            top_decider = min(deciders, key=lambda d: by_id[d.id].rank)
            add(
                "no_path_to_decider",
                [top_decider.id],
                f"No chain of friendly people leads from our team to the decider {top_decider.name}.",
                f"从我们团队到决策者{top_decider.name}之间没有一条由友好人士组成的路径。",
            )
    flags.sort(key=lambda f: -f.severity.weight)
    return flags


def _competitor(group: BuyingGroup, ident: str | None) -> str:
    for competitor in group.competitors:
        if competitor.id == ident:
            return competitor.name
    return ident or "?"

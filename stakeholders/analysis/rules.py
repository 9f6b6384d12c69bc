"""The red-flag rules: one function per flag, named by its code (D7-D9, D12).

Each rule is registered with :func:`rule`: its stable code (the function's
name, so ``grep -rn "def supporters_lack_power"`` finds it), its default
severity, its title in English and Chinese and, in plain words, when it fires.
A rule reads one :class:`~stakeholders.analysis.context.Context` and yields a
:class:`Finding` per time it fires: the people concerned and the message.
:func:`~stakeholders.analysis.flags.red_flags` runs the rules in the order
they are registered here, which is the order of
:data:`~stakeholders.analysis.FLAGS`; rules registered with ``each=`` run once
per item (each decider), one item after the other through all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ..model import BuyingGroup, LineKind, Person
from ..text import Text
from ..vocab import Confidence, Insider, Level, Milestone, Role, Stance
from .context import Context
from .influence_scores import is_high_influence
from .moves import path_to_power_of
from .rule_registry import RULES, Finding, Rule, Severity, rule
from .support_base import support_of

__all__ = ["RULES", "Finding", "Rule", "Severity", "rule"]


def _deciders(ctx: Context) -> list[Person]:
    return ctx.deciders


def _names(ctx: Context, ids: list[str]) -> Text:
    """The names of ``ids``, joined with ``, `` in English and ``、`` in Chinese, shown as written."""
    return Text.join(", ", "、", [ctx.facts.name(i) for i in ids])


_NO_TITLE = Text("no title", "无职位")
_NEVER_CONTACTED = Text("never contacted", "从未接触")
_NO_CONTACT_RECORDED = Text("no contact recorded", "无接触记录")


def _competitor(group: BuyingGroup, ident: str | None) -> str:
    for competitor in group.competitors:
        if competitor.id == ident:
            return competitor.name
    return ident or "?"


@rule(
    "no_coach",
    Severity.MEDIUM,
    Text("No coach", "没有教练"),
    condition="Nobody is marked as a coach (D7). High from the deep-contact milestone on.",
)
def no_coach(ctx: Context) -> Iterator[Finding]:
    if ctx.facts.coaches():
        return
    milestone = ctx.group.milestone
    late = milestone is not None and milestone.number >= Milestone.DEEP_CONTACT.number
    yield Finding(
        [],
        Text(
            "Nobody is marked as a coach: develop an insider who guides us.",
            "尚未发展教练：需要培养一位能指导我们的内部人士。",
        ),
        Severity.HIGH if late else None,
    )


@rule(
    "decider_unknown",
    Severity.HIGH,
    Text("Decider unknown", "决策者不明"),
    condition="Nobody holds the decider role.",
)
def decider_unknown(ctx: Context) -> Iterator[Finding]:
    if not ctx.deciders:
        yield Finding(
            [],
            Text(
                "Nobody holds the decider role: find out who makes the final call.",
                "没有人担任决策者角色：需要弄清谁最终拍板。",
            ),
        )


@rule(
    "decider_not_contacted",
    Severity.HIGH,
    Text("Decider not contacted", "未接触决策者"),
    condition="A decider has no recorded contact with us (D8: very dangerous by the end of a project).",
    each=_deciders,
)
def decider_not_contacted(ctx: Context, d: Person) -> Iterator[Finding]:
    contacted = ctx.facts.contacted[d.id]
    if contacted is True:
        return
    if contacted is False:
        message = Text.compose(
            "We have never contacted the decider {name}.", "我们从未接触过决策者{name}。", name=d.name
        )
    else:
        message = Text.compose(
            "No contact with the decider {name} is recorded.", "没有与决策者{name}接触的记录。", name=d.name
        )
    yield Finding([d.id], message)


@rule(
    "decider_stance_unknown",
    Severity.MEDIUM,
    Text("Decider's stance unknown", "决策者立场未知"),
    condition="A decider's stance is unknown.",
    each=_deciders,
)
def decider_stance_unknown(ctx: Context, d: Person) -> Iterator[Finding]:
    if not d.stance.known:
        yield Finding(
            [d.id],
            Text.compose("The stance of the decider {name} is unknown.", "决策者{name}的立场未知。", name=d.name),
        )


@rule(
    "decider_against",
    Severity.HIGH,
    Text("Decider against us", "决策者反对我们"),
    condition="A decider is an opponent or an enemy.",
    each=_deciders,
)
def decider_against(ctx: Context, d: Person) -> Iterator[Finding]:
    if d.stance.known and d.stance.is_against:
        yield Finding(
            [d.id],
            Text.compose(
                "The decider {name} is an {stance}.", "决策者{name}是{stance}。", name=d.name, stance=d.stance.text
            ),
        )


@rule(
    "powerful_opponent",
    Severity.HIGH,
    Text("Powerful opponent", "有影响力的反对者"),
    condition="An opponent or enemy has high influence.",
)
def powerful_opponent(ctx: Context) -> Iterator[Finding]:
    for p in ctx.group.people:
        score = ctx.by_id[p.id]
        if not (p.stance.is_against and is_high_influence(score)):
            continue
        rival = (
            Text.compose(
                " (favours {competitor})", "（倾向{competitor}）", competitor=_competitor(ctx.group, p.favours)
            )
            if p.favours
            else ""
        )
        yield Finding(
            [p.id],
            Text.compose(
                "{name} is a high-influence {stance}{rival} (rank {rank}).",
                "{name}是影响力很高的{stance}{rival}（排名第{rank}）。",
                name=p.name,
                stance=p.stance.text,
                rival=rival,
                rank=score.rank,
            ),
        )


@rule(
    "supporters_lack_power",
    Severity.HIGH,
    Text("Supporters lack power", "支持者影响力不足"),
    condition="Our most influential supporter has less influence than our most influential opponent.",
)
def supporters_lack_power(ctx: Context) -> Iterator[Finding]:
    sup, by_id, people = ctx.once(support_of), ctx.by_id, ctx.facts.people
    if not sup.against:
        return
    top_against = max(sup.against, key=lambda i: by_id[i].score)
    if not sup.supporters:
        yield Finding(
            [top_against],
            Text.compose(
                "We have no supporter, while {name} opposes us.",
                "我们没有支持者，而{name}反对我们。",
                name=people[top_against].name,
            ),
        )
        return
    top_support = max(sup.supporters, key=lambda i: by_id[i].score)
    ours, theirs = by_id[top_support].score, by_id[top_against].score
    if ours < theirs:
        ally, rival = people[top_support].name, people[top_against].name
        yield Finding(
            [top_support, top_against],
            Text.compose(
                "Our strongest supporter {ally} ({ours:.2f}) has less influence than our strongest opponent"
                " {rival} ({theirs:.2f}).",
                "我们最有力的支持者{ally}（{ours:.2f}）影响力低于最有力的反对者{rival}（{theirs:.2f}）。",
                ally=ally,
                ours=ours,
                rival=rival,
                theirs=theirs,
            ),
        )


@rule(
    "overlooked_senior",
    Severity.MEDIUM,
    Text("Overlooked senior person", "被忽视的高层"),
    condition="Someone (not a decider) with high authority or high influence has no contact with us: never"
    " contacted, or no contact recorded.",
)
def overlooked_senior(ctx: Context) -> Iterator[Finding]:
    contacted = ctx.facts.contacted
    overlooked = [
        p
        for p in ctx.group.people
        if Role.DECIDER not in p.roles
        and (is_high_influence(ctx.by_id[p.id]) or p.authority is Level.HIGH)
        and contacted[p.id] is not True
    ]
    if not overlooked:
        return
    each = Text.join(
        ", ",
        "、",
        [
            Text.compose(
                "{name} ({title}; {contact})",
                "{name}（{title}；{contact}）",
                name=p.name,
                title=p.title or _NO_TITLE,
                contact=_NEVER_CONTACTED if contacted[p.id] is False else _NO_CONTACT_RECORDED,
            )
            for p in overlooked
        ],
    )
    yield Finding(
        [p.id for p in overlooked],
        Text.compose(
            "High authority or influence, no contact with us: {people}.",
            "权力或影响力很高却未与我们接触：{people}。",
            people=each,
        ),
    )


@rule(
    "single_threaded",
    Severity.MEDIUM,
    Text("Single-threaded", "单线联系"),
    condition="All our support rests on one person: one supporter, or one holding most of our supporters' influence.",
)
def single_threaded(ctx: Context) -> Iterator[Finding]:
    supporters, by_id = ctx.once(support_of).supporters, ctx.by_id
    if not supporters:
        return
    support_total = sum(by_id[i].score for i in supporters)
    top = max(supporters, key=lambda i: by_id[i].score)
    share = by_id[top].score / support_total if support_total > 0 else 1.0
    if len(supporters) == 1 or share >= ctx.weights.single_thread_share:
        name = ctx.facts.people[top].name
        yield Finding(
            [top],
            Text.compose(
                "Our support rests on one person: {name} ({count} supporter(s) in all).",
                "我们的支持完全依赖一个人：{name}（共{count}位支持者）。",
                name=name,
                count=len(supporters),
            ),
        )


@rule(
    "key_stance_unknown",
    Severity.MEDIUM,
    Text("Key person's stance unknown", "关键人物立场未知"),
    condition="A key person (decision role, high influence or high authority) other than a decider has an"
    " unknown stance.",
)
def key_stance_unknown(ctx: Context) -> Iterator[Finding]:
    unknown = [p for p in ctx.key if Role.DECIDER not in p.roles and not p.stance.known]
    if unknown:
        yield Finding(
            [p.id for p in unknown],
            Text.compose(
                "The stance of these key people is unknown: {people}.",
                "以下关键人物立场未知：{people}。",
                people=Text.join(", ", "、", [p.name for p in unknown]),
            ),
        )


@rule(
    "role_uncovered",
    Severity.MEDIUM,
    Text("Role without a supporter", "角色缺少支持者"),
    condition="A decision role (D2) has no holder at supporter or better.",
)
def role_uncovered(ctx: Context) -> Iterator[Finding]:
    for coverage in ctx.once(support_of).by_role:
        if coverage.covered or (coverage.role is Role.DECIDER and not coverage.holders):
            continue  # a role without a decider is decider_unknown's business
        role = coverage.role.text
        if coverage.holders:
            message = Text.compose(
                "No {role} supports us (holders: {holders}).",
                "没有{role}支持我们（担任者：{holders}）。",
                role=role,
                holders=_names(ctx, coverage.holders),
            )
        else:
            message = Text.compose("Nobody is recorded as {role}.", "尚未识别{role}。", role=role)
        yield Finding(list(coverage.holders), message)


@rule(
    "nominal_delegation",
    Severity.HIGH,
    Text("Relying on a nominal delegation", "依赖假授权"),
    condition="Someone we rely on (a supporter, mentor or coach) holds authority only by a nominal delegation"
    " (D6), and the person who delegated it is not a supporter.",
)
def nominal_delegation(ctx: Context) -> Iterator[Finding]:
    people = ctx.facts.people
    for line in ctx.group.lines:
        if line.kind is not LineKind.DELEGATION or not line.nominal:
            continue
        target, source = people[line.target], people[line.source]
        # We rely on the delegate (a supporter or coach) while the real holder of the power is
        # not on our side; if the delegator supports us too, the nominal delegation costs nothing.
        if (target.stance.is_support or target.insider is Insider.COACH) and not source.stance.is_support:
            yield Finding(
                [line.target, line.source],
                Text.compose(
                    "We rely on {target}, whose authority from {source} is only nominal.",
                    "我们依赖的{target}从{source}处获得的只是假授权。",
                    target=target.name,
                    source=source.name,
                ),
            )


@rule(
    "faction_led_by_opponent",
    Severity.MEDIUM,
    Text("Faction led by an opponent", "派系由反对者领导"),
    condition="A faction's leader is an opponent or an enemy.",
)
def faction_led_by_opponent(ctx: Context) -> Iterator[Finding]:
    for balance in ctx.once(support_of).by_faction:
        if balance.leader is None or balance.leader_stance is None or not balance.leader_stance.is_against:
            continue
        leader = ctx.facts.people[balance.leader]
        yield Finding(
            [balance.leader],
            Text.compose(
                "Faction {faction} is led by {leader}, an {stance}.",
                "派系“{faction}”由{stance}{leader}领导。",
                faction=balance.name,
                leader=leader.name,
                stance=leader.stance.text,
            ),
        )


@rule(
    "competitor_backers_unknown",
    Severity.MEDIUM,
    Text("Competitors' backers unknown", "不清楚谁支持竞争对手"),
    condition="Nobody is recorded as favouring any competitor: a blind spot, not good news (D12).",
)
def competitor_backers_unknown(ctx: Context) -> Iterator[Finding]:
    people = ctx.group.people
    if people and not any(p.favours for p in people):
        yield Finding(
            [],
            Text(
                "Nobody is recorded as favouring a competitor: find out who backs them.",
                "没有记录任何人倾向竞争对手：需要查清谁在支持对手。",
            ),
        )


@rule(
    "enemy_competitor_unknown",
    Severity.LOW,
    Text("Enemy's competitor unknown", "死敌支持的竞争对手不明"),
    condition="An enemy has no favoured competitor recorded (D3: an enemy supports a competitor).",
)
def enemy_competitor_unknown(ctx: Context) -> Iterator[Finding]:
    for p in ctx.group.people:
        if p.stance is Stance.ENEMY and not p.favours:
            yield Finding(
                [p.id],
                Text.compose(
                    "{name} is an enemy, but which competitor they back is unknown.",
                    "{name}是死敌，但不清楚其支持哪家竞争对手。",
                    name=p.name,
                ),
            )


@rule(
    "stale_contact",
    Severity.MEDIUM,
    Text("Stale contact", "联系中断"),
    condition="A key person was last contacted more than `stale_days` days before the analysis date.",
)
def stale_contact(ctx: Context) -> Iterator[Finding]:
    when, days = ctx.as_of, ctx.weights.stale_days
    if when is None:
        return  # without a date of the analysis, staleness cannot be judged
    limit = when - timedelta(days=days)
    last_contact = ctx.facts.last_contact
    stale = [(p, last) for p in ctx.key if (last := last_contact.get(p.id)) is not None and last < limit]
    if stale:
        yield Finding(
            [p.id for p, _ in stale],
            Text.compose(
                "No contact for more than {days} days with: {people}.",
                "超过{days}天未联系：{people}。",
                days=days,
                people=Text.join(
                    ", ",
                    "、",
                    [
                        Text.compose("{name} ({days} days)", "{name}（{days}天）", name=p.name, days=(when - last).days)
                        for p, last in stale
                    ],
                ),
            ),
        )


@rule(
    "low_confidence",
    Severity.LOW,
    Text("Judgement is a guess", "判断仅为猜测"),
    condition="A key person's stance, role, DISC type or influence is marked as a guess.",
)
def low_confidence(ctx: Context) -> Iterator[Finding]:
    guessed = [(p, [f for f, j in p.judgements.items() if j.confidence is Confidence.GUESS]) for p in ctx.key]
    guessed = [(p, fields) for p, fields in guessed if fields]
    if guessed:
        yield Finding(
            [p.id for p, _ in guessed],
            Text.compose(
                "Only a guess: {people}.",
                "仅为猜测：{people}。",
                people=Text.join(
                    "; ",
                    "；",
                    [
                        Text.compose(
                            "{name}'s {fields}",
                            "{name}的{fields}",
                            name=p.name,
                            fields=Text.join(", ", "、", [f.text for f in fields]),
                        )
                        for p, fields in guessed
                    ],
                ),
            ),
        )


def path_found(ctx: Context) -> bool:
    """Whether a friendly path leads from our team to the top decider (given to the context or computed)."""
    return ctx.once(path_to_power_of) is not None


@rule(
    "no_path_to_decider",
    Severity.MEDIUM,
    Text("No path to the decider", "没有通往决策者的路径"),
    condition="No chain of friendly people links our team to the top decider.",
)
def no_path_to_decider(ctx: Context) -> Iterator[Finding]:
    if not ctx.deciders or not ctx.group.team or ctx.once(path_found):
        return
    top = min(ctx.deciders, key=lambda d: ctx.rank_of[d.id])
    yield Finding(
        [top.id],
        Text.compose(
            "No chain of friendly people leads from our team to the decider {name}.",
            "从我们团队到决策者{name}之间没有一条由友好人士组成的路径。",
            name=top.name,
        ),
    )

"""Next moves: what to do next, computed rather than guessed.

- ``stance_moves``: for each person whose stance is known and below mentor, the
  support index is re-scored with that person one step better; the people whose
  step raises the index most come first.
- ``find_out``: key people whose stance is unknown, most influential first.
- ``path_to_power``: the shortest chain of friendly people from our team to the
  top decider, along our relationships and any line of the map (reporting,
  dotted, influence, delegation, introduction); every person between us and the
  decider must be a supporter or better, a coach or an informant.
- ``approaches``: per key person, how to talk to them (DISC, D4) and what they
  care about (D2), in one line.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..model import BuyingGroup, Person
from ..text import Text
from ..vocab import RelationshipStage, Stance
from .built import Translated, built
from .context import Context
from .influence_scores import InfluenceScore
from .support_base import stance_value
from .weights import Weights

__all__ = [
    "Approach",
    "NextMoves",
    "PowerPath",
    "StanceMove",
    "next_moves",
    "next_moves_of",
    "path_to_power",
    "path_to_power_of",
    "stance_moves",
]

_STEP_UP = {
    Stance.ENEMY: Stance.OPPONENT,
    Stance.OPPONENT: Stance.NEUTRAL,
    Stance.NEUTRAL: Stance.SUPPORTER,
    Stance.SUPPORTER: Stance.MENTOR,
}


def step_up(stance: Stance) -> Stance:
    """One step toward mentor; mentor and unknown stay as they are."""
    return _STEP_UP.get(stance, stance)


class StanceMove(BaseModel):
    """Winning one person one step over, and what it does to the support index."""

    model_config = ConfigDict(frozen=True)

    person: str
    name: str
    current: Stance
    target: Stance
    gain: float
    """Rise of the support index if this person moved one step toward mentor."""


class PowerPath(BaseModel):
    """A chain from one of our team to the decider."""

    model_config = ConfigDict(frozen=True)

    member: str
    """Our team member at the start of the chain."""
    member_name: str
    people: list[str]
    """Customer people along the chain; the last one is the decider."""
    decider: str

    @property
    def length(self) -> int:
        return len(self.people)


class Approach(Translated):
    """How to approach one key person."""

    model_config = ConfigDict(frozen=True)

    person: str
    name: str
    line_en: str
    line_zh: str
    _text_fields = ("line_en", "line_zh")

    def line(self, lang: str = "en") -> str:
        """The line in ``lang`` (``en``, ``zh`` or ``zh_hant``, through :meth:`Text.pick`)."""
        return self.text.pick(lang)


class NextMoves(BaseModel):
    model_config = ConfigDict(frozen=True)

    stance_moves: list[StanceMove]
    find_out: list[str]
    path: PowerPath | None
    approaches: list[Approach]


def stance_moves(
    group: BuyingGroup,
    *,
    weights: Weights | Mapping[str, Any] | None = None,
    scores: list[InfluenceScore] | None = None,
    limit: int | None = 5,
) -> list[StanceMove]:
    """The people whose one-step stance improvement would raise the support index most."""
    return stance_moves_of(Context(group, weights=weights, scores=scores), limit=limit)


def stance_moves_of(ctx: Context, limit: int | None = 5) -> list[StanceMove]:
    """:func:`stance_moves` of the context's group."""
    group, rank_of = ctx.group, ctx.rank_of
    score_of = {s.person: s.score for s in ctx.scores}
    # The index is sum(w * v) / sum(w) over people of known stance (see support.stance_index).
    # A known person moving one step leaves sum(w) unchanged, so the new index is
    # re-scored incrementally in O(1) per person instead of O(n).
    known = [(p, v) for p in group.people if (v := stance_value(p.stance)) is not None]
    total = sum(score_of.get(p.id, 0.0) for p, _ in known)
    weighted = sum(score_of.get(p.id, 0.0) * v for p, v in known)
    # Ranked first and built after: only the moves returned become StanceMove models.
    found: list[tuple[float, int, Person, Stance]] = []
    for person, value in known:
        target = step_up(person.stance)
        if target is person.stance:
            continue
        step = (stance_value(target) or 0.0) - value
        if total > 0:
            gain = (weighted + score_of.get(person.id, 0.0) * step) / total - weighted / total
        else:
            gain = step / len(known)
        if gain > 1e-12:
            found.append((round(gain, 6), rank_of[person.id], person, target))
    found.sort(key=lambda m: (-m[0], m[1]))
    return [
        built(StanceMove, person=person.id, name=person.name, current=person.stance, target=target, gain=gain)
        for gain, _, person, target in (found if limit is None else found[:limit])
    ]


def _friendly(person: Person) -> bool:
    """Will carry us further: a supporter or better, or an insider who is not against us."""
    return person.stance.is_support or (person.insider is not None and not person.stance.is_against)


def _carry_order(ctx: Context) -> dict[str, tuple[bool, float, int, str]]:
    """Who carries us best, first: an insider, then the warmer stance, then the closer relationship, then the id.

    Of two friendly paths of one length, the path through the better person is taken (a coach opens
    doors, D7), and the result never depends on the order of the file.
    """
    facts = ctx.facts
    order: dict[str, tuple[bool, float, int, str]] = {}
    for person in ctx.group.people:
        value = stance_value(person.stance)
        stage = facts.stage[person.id]
        order[person.id] = (
            person.insider is None,
            -(value if value is not None else -2.0),
            -(stage.level if stage is not None else -1),
            person.id,
        )
    return order


def path_to_power(group: BuyingGroup, *, scores: list[InfluenceScore] | None = None) -> PowerPath | None:
    """The shortest friendly chain from our team to the most influential decider, or ``None``.

    Of several chains of one length, the one through the best-placed people (insiders, warmer stances,
    closer relationships; then ids) is taken.
    """
    return path_to_power_of(Context(group, scores=scores))


def _known_by(ctx: Context) -> dict[str, str]:
    """Who of us knows whom: our strongest relationship past "stranger", else a logged contact together."""
    facts, group = ctx.facts, ctx.group
    known_by: dict[str, str] = {
        ident: member
        for ident, member in facts.best_member.items()
        if (stage := facts.stage[ident]) is not None and stage > RelationshipStage.STRANGER
    }
    team_order = {m.id: i for i, m in enumerate(group.team)}
    for contact in group.contacts:
        for member in sorted(contact.team, key=team_order.__getitem__):
            for ident in contact.people:
                known_by.setdefault(ident, member)
    return known_by


def path_to_power_of(ctx: Context) -> PowerPath | None:
    """:func:`path_to_power` of the context's group."""
    group, facts = ctx.group, ctx.facts
    if not ctx.deciders or not group.team:
        return None
    decider = facts.top_decider(ctx.rank_of)
    assert decider is not None
    known_by = _known_by(ctx)
    links = facts.links()
    carry = _carry_order(ctx)
    start = sorted((p.id for p in group.people if p.id in known_by), key=carry.__getitem__)
    parent: dict[str, str | None] = dict.fromkeys(start)
    queue = deque(start)
    while queue:
        node = queue.popleft()
        if node == decider.id:
            chain = [node]
            while (prev := parent[chain[-1]]) is not None:
                chain.append(prev)
            chain.reverse()
            member = known_by[chain[0]]
            member_name = next(m.name for m in group.team if m.id == member)
            return built(PowerPath, member=member, member_name=member_name, people=chain, decider=decider.id)
        if not _friendly(facts.people[node]):
            continue  # we can reach this person, but they will not carry us further
        for nxt in sorted(links[node], key=carry.__getitem__):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return None


_NO_ROLE = Text("no decision role", "无决策角色")
_DISC_UNKNOWN = Text("DISC unknown: observe how they decide", "性格未知：先观察其决策方式")
_CONCERNS_UNKNOWN = Text("; concerns unknown", "；关注点未知")


def approaches(group: BuyingGroup, key_people: list[Person]) -> list[Approach]:
    """One line per key person: DISC-based approach and concerns."""
    result: list[Approach] = []
    for person in key_people:
        roles = Text.join("/", "/", [r.text for r in person.roles]) if person.roles else _NO_ROLE
        if person.disc is not None:
            disc = person.disc
            approach = Text(disc.approach_label("en"), disc.approach_label("zh"), disc.approach_label("zh_hant"))
            how = Text.compose(
                "{letter}: {approach}", "{disc}：{approach}", letter=disc.letter, disc=disc.text, approach=approach
            )
        else:
            how = _DISC_UNKNOWN
        cares = (
            Text.compose(
                "; cares about {concerns}", "；关注{concerns}", concerns=Text.join(", ", "、", person.concerns)
            )
            if person.concerns
            else _CONCERNS_UNKNOWN
        )
        line = Text.compose(
            "{name} ({roles}) — {how}{cares}",
            "{name}（{roles}）—— {how}{cares}",
            name=person.name,
            roles=roles,
            how=how,
            cares=cares,
        )
        result.append(
            built(Approach, {"_text": line}, person=person.id, name=person.name, line_en=line.en, line_zh=line.zh)
        )
    return result


def next_moves(
    group: BuyingGroup,
    *,
    weights: Weights | Mapping[str, Any] | None = None,
    scores: list[InfluenceScore] | None = None,
) -> NextMoves:
    """Stance moves, people to find out about, the path to power and approaches."""
    return next_moves_of(Context(group, weights=weights, scores=scores))


def next_moves_of(ctx: Context) -> NextMoves:
    """:func:`next_moves` of the context's group."""
    key = sorted(ctx.key, key=lambda p: ctx.rank_of[p.id])
    return built(
        NextMoves,
        stance_moves=stance_moves_of(ctx),
        find_out=[p.id for p in key if not p.stance.known],
        path=ctx.once(path_to_power_of),
        approaches=approaches(ctx.group, key),
    )

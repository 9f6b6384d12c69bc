"""Seeded, deterministic generator of realistic buying-group maps.

For benchmarks and tests: the same ``(people, seed)`` always gives the same
map, on every platform and Python version (only :class:`random.Random` with an
integer seed is used). The shape follows real accounts:

- a reporting pyramid 4-8 levels deep (fewer only for maps of fewer than four
  people), about six reports per manager, so a 25-person map has a general
  manager, two or three vice presidents, directors and staff, and a
  10,000-person map is six or seven levels deep with no executive drowning in
  hundreds of direct reports; some managers have none (specialists);
- units: a division per vice president, departments below some directors,
  teams below some managers further down; in maps of 40 people or more, one or
  two related institutions (a design institute, a parent company) with their
  own small hierarchy outside the main one;
- about two influence lines per person, mostly between people who work
  together (peers, the manager's peers, the same division), some across the
  organisation; a few mutual; some real and nominal delegations from the top;
  introductions; dotted lines to the manager's manager;
- factions around vice presidents and directors, their members mostly from
  the leader's own division;
- decision roles concentrated at the top, layers recorded for some people,
  stances spread with many unknown, more contact and more relationships with
  senior people, a contact log.

>>> g = generate(50, seed=1)
>>> len(g.people), g == generate(50, seed=1)
(50, True)
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from typing import Any

from .model import BuyingGroup

__all__ = ["generate", "generate_document"]

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红海燕东升立文博"
_TITLES = ["总经理", "副总经理", "总监", "部长", "副部长", "主任", "经理", "主管", "工程师", "专员"]
_STANCES = [
    "mentor",
    "supporter",
    "supporter",
    "neutral",
    "neutral",
    "neutral",
    "opponent",
    "enemy",
    "unknown",
    "unknown",
]
_CONCERNS = ["price", "delivery time", "service", "quality", "energy saving", "safety", "local support", "career"]
_LAYER_BY_LEVEL = {
    0: ["decision"],
    1: ["decision", "department_management", "technical_management", "finance_management"],
    2: ["department_management", "technical_management", "finance_management"],
}
_AS_OF = date(2026, 11, 20)


def _name(rng: random.Random, index: int) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN) + f"{index}"


def _levels(people: int, depth: int, rng: random.Random) -> list[int]:
    """How many people stand on each level of a pyramid ``depth`` levels deep holding ``people``."""
    if depth <= 1:
        return [people]
    # The growth ratio r with 1 + r + ... + r**(depth - 1) == people, by bisection.
    low, high = 1.0, float(max(2, people))
    for _ in range(60):
        mid = (low + high) / 2
        total = sum(mid**k for k in range(depth))
        low, high = (mid, high) if total < people else (low, mid)
    sizes = [1] + [max(1, round(low**k * rng.uniform(0.85, 1.15))) for k in range(1, depth - 1)]
    # The bottom level takes the rest; shrink the widest upper level while the rest is too small.
    while people - sum(sizes) < 1:
        widest = max(range(1, len(sizes)), key=lambda k: sizes[k])
        sizes[widest] -= 1
    return [*sizes, people - sum(sizes)]


def _depth(people: int, rng: random.Random, depth: int | None) -> int:
    if depth is None:
        span = rng.uniform(4.0, 9.0)
        depth = round(math.log(max(people, 2)) / math.log(span)) + 1
        depth = min(8, max(4, depth))
    return max(1, min(depth, people))


def generate_document(people: int, seed: int = 0, *, depth: int | None = None) -> dict[str, Any]:
    """The plain-data document of a generated map (what a YAML file would hold).

    ``depth`` fixes the number of levels of the main hierarchy (default: 4-8,
    deeper for larger maps). Deterministic: the same arguments give the same
    document.
    """
    if people < 1:
        raise ValueError("a generated map needs at least one person")
    rng = random.Random(seed)

    # -- hierarchy ---------------------------------------------------------
    # A few people (3 %, in maps of 40 or more) work for related institutions
    # with a small hierarchy of their own; the rest form the customer's pyramid.
    outside = round(people * 0.03) if people >= 40 else 0
    main = people - outside
    sizes = _levels(main, _depth(main, rng, depth), rng)
    level: list[int] = []
    parent: list[int | None] = []
    previous: list[int] = []
    for k, size in enumerate(sizes):
        current = []
        for _ in range(size):
            parent.append(rng.choice(previous) if previous else None)
            level.append(k)
            current.append(len(level) - 1)
        previous = current
    institutions = [outside] if outside < 8 else [outside // 2, outside - outside // 2]
    institution_of: dict[int, int] = {}
    for n, size in enumerate(institutions):
        head = len(level)
        deputies = max(1, round(math.sqrt(size)))
        for j in range(size):
            index = len(level)
            institution_of[index] = n
            if j == 0:
                parent.append(None)
                level.append(1)  # a head of a related institution ranks like a vice president
            else:
                # A shallow hierarchy: the head, a few deputies, their staff.
                manager = head if j <= deputies else rng.randrange(head + 1, head + 1 + deputies)
                parent.append(manager)
                level.append(level[manager] + 1)

    # The document lists people as people write them: each manager followed by their team.
    children: list[list[int]] = [[] for _ in range(people)]
    roots: list[int] = []
    for i, boss in enumerate(parent):
        (roots if boss is None else children[boss]).append(i)
    order: list[int] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(children[node]))
    position = {old: new for new, old in enumerate(order)}
    pid = {old: f"p{new}" for old, new in position.items()}
    senior = [i for i in order if level[i] <= 2]

    # -- units ---------------------------------------------------------------
    units: list[dict[str, Any]] = [{"id": "u_board", "name": "Board"}]
    unit_of: dict[int, str] = {}
    division = 0
    for i in order:
        boss = parent[i]
        inherited = unit_of[boss] if boss is not None else None
        if i in institution_of and boss is None:
            ident = f"u_inst{institution_of[i] + 1}"
            units.append({"id": ident, "name": f"Institute {institution_of[i] + 1}", "kind": "related_institution"})
            unit_of[i] = ident
        elif i in institution_of:
            unit_of[i] = inherited or "u_board"
        elif level[i] == 0:
            unit_of[i] = "u_board"
        elif level[i] == 1:
            division += 1
            ident = f"u_div{division}"
            units.append({"id": ident, "name": f"Division {division}"})
            unit_of[i] = ident
        elif children[i] and (
            (level[i] == 2 and rng.random() < 0.7) or (level[i] == 3 and len(sizes) >= 6 and rng.random() < 0.5)
        ):
            ident = f"u_{pid[i]}"
            kind = "Department" if level[i] == 2 else "Team"
            units.append({"id": ident, "name": f"{kind} {pid[i][1:]}", "parent": inherited})
            unit_of[i] = ident
        else:
            unit_of[i] = inherited or "u_board"
    competitors = [{"id": f"c{k}", "name": f"Rival {k}"} for k in range(3)]

    # Branch: the division (or institution) each person belongs to, for local lines and factions.
    branch: dict[int, int] = {}
    members_of: dict[int, list[int]] = {}
    for i in order:
        boss = parent[i]
        top = i if boss is None or level[i] <= 1 else branch[boss]
        branch[i] = top
        members_of.setdefault(top, []).append(i)

    # -- people --------------------------------------------------------------
    persons: list[dict[str, Any]] = []
    for i in order:
        lv = level[i]
        roles: list[str] = []
        if i not in institution_of and (lv == 0 or (lv == 1 and rng.random() < 0.2)):
            roles.append("decider")
        if lv in (1, 2) and rng.random() < 0.4:
            roles.append(rng.choice(["technical_evaluator", "commercial_evaluator"]))
        if lv >= 3 and rng.random() < 0.3:
            roles.append("user")
        stance = rng.choice(_STANCES)
        person: dict[str, Any] = {
            "id": pid[i],
            "name": _name(rng, len(persons)),
            "title": _TITLES[min(lv * 2 + rng.randint(0, 1), len(_TITLES) - 1)],
            "unit": unit_of[i],
            "roles": roles,
            "stance": stance,
            "disc": rng.choice(["dominance", "influence", "steadiness", "conscientiousness"]),
            "authority": "high" if lv <= 1 else ("medium" if lv <= 3 else "low"),
            "influence": rng.choice(["low", "medium", "high"]),
        }
        boss = parent[i]
        if boss is not None:
            person["reports_to"] = pid[boss]
        if rng.random() < 0.3:
            person["layer"] = rng.choice(_LAYER_BY_LEVEL.get(lv, ["user", "user", "operator"]))
        if stance in ("enemy", "opponent") and rng.random() < 0.7:
            person["favours"] = rng.choice(competitors)["id"]
        if rng.random() < 0.05:
            person["insider"] = rng.choice(["coach", "informant"])
        if rng.random() < (0.8 if lv <= 1 else 0.5 if lv <= 3 else 0.25):
            person["contacted"] = True
            person["last_contact"] = _AS_OF - timedelta(days=rng.randint(1, 120))
        if lv <= 2 and rng.random() < 0.5:
            person["concerns"] = rng.sample(_CONCERNS, 2)
            person["background"] = f"{rng.randint(5, 30)} years in the industry"
        if rng.random() < 0.1:
            person["judgements"] = {"stance": {"confidence": "guess", "evidence": "heard from a colleague"}}
        if boss is not None and rng.random() < 0.05:
            grand = parent[boss]
            if grand is not None:
                person["dotted_line_to"] = [pid[grand]]
        persons.append(person)

    # -- lines ---------------------------------------------------------------
    def colleague(i: int) -> int:
        """Someone person ``i`` works with: a peer, a peer of the manager, or the same division."""
        roll = rng.random()
        boss = parent[i]
        grand = parent[boss] if boss is not None else None
        if roll < 0.4 and boss is not None:
            return rng.choice(children[boss])
        if roll < 0.6 and grand is not None:
            return rng.choice(children[grand])
        if roll < 0.85:
            return rng.choice(members_of[branch[i]])
        return rng.randrange(people)

    lines: list[dict[str, Any]] = []
    for i in order:
        for _ in range(2):
            j = colleague(i)
            if j != i:
                lines.append(
                    {
                        "kind": "influence",
                        "from": pid[i],
                        "to": pid[j],
                        "strength": round(rng.uniform(0.2, 1.0), 2),
                        "mutual": rng.random() < 0.1,
                    }
                )
    top_root = order[0]
    for i in children[top_root]:
        if rng.random() < 0.3:
            kind = rng.choice(["real", "nominal"])
            lines.append({"kind": "delegation", "from": pid[top_root], "to": pid[i], "delegation": kind})
    for i in order:
        if rng.random() < 0.01:
            j = rng.choice(senior)  # an introduction upwards
            if j != i:
                lines.append({"kind": "introduction", "from": pid[i], "to": pid[j]})

    # -- factions --------------------------------------------------------------
    factions: list[dict[str, Any]] = []
    leaders = [i for i in order if level[i] in (1, 2) and i not in institution_of]
    count = min(len(leaders), max(1, round(math.sqrt(people) / 2)))
    for k, leader in enumerate(rng.sample(leaders, count) if leaders else []):
        own = members_of[branch[leader]]
        size = rng.randint(2, max(4, round(math.sqrt(people) / 2)))
        chosen = {leader}
        for _ in range(size):
            chosen.add(rng.choice(own) if rng.random() < 0.8 else rng.randrange(people))
        factions.append(
            {
                "id": f"f{k}",
                "name": f"Faction {k + 1}",
                "leader": pid[leader],
                "members": [pid[m] for m in sorted(chosen, key=position.__getitem__)],
            }
        )

    # -- our side ------------------------------------------------------------
    team = [
        {"id": "t_seller", "name": "Seller", "role": "seller"},
        {"id": "t_presales", "name": "Presales", "role": "presales"},
        {"id": "t_manager", "name": "Manager", "role": "manager"},
        {"id": "t_exec", "name": "Executive", "role": "executive"},
    ]
    relationships = []
    for i in order:
        if rng.random() < (0.6 if level[i] <= 1 else 0.3 if level[i] <= 3 else 0.1):
            relationships.append(
                {
                    "member": rng.choice(team)["id"],
                    "person": pid[i],
                    "stage": rng.choice(["stranger", "acquaintance", "friend", "close_friend"]),
                }
            )
    contacts = []
    for k in range(max(1, people // 10)):
        contacts.append(
            {
                "date": _AS_OF - timedelta(days=rng.randint(1, 200)),
                "channel": rng.choice(["visit", "phone", "dinner", "WeChat"]),
                "people": sorted({pid[rng.choice(senior)], pid[rng.choice(order)]}),
                "team": [rng.choice(team)["id"]],
                "content": f"meeting {k}",
            }
        )
    return {
        "customer": f"Generated customer {seed}",
        "opportunity": f"Generated opportunity with {people} people",
        "milestone": "deep_contact",
        "ownership": "state_owned",
        "as_of": _AS_OF,
        "competitors": competitors,
        "units": units,
        "people": persons,
        "team": team,
        "relationships": relationships,
        "lines": lines,
        "factions": factions,
        "contacts": contacts,
    }


def generate(people: int, seed: int = 0, *, depth: int | None = None) -> BuyingGroup:
    """A generated, valid :class:`BuyingGroup` of ``people`` people."""
    return BuyingGroup.model_validate(generate_document(people, seed, depth=depth))

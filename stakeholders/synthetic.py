"""Seeded, deterministic generator of realistic buying-group maps.

For benchmarks and tests: the same ``(people, seed)`` always gives the same
map. The shape follows real accounts: a reporting hierarchy 4-8 levels deep
with wide lower levels, units per top-level branch (a few marked as related
institutions), about two influence lines per person, some delegations (real
and nominal) and introductions, factions led by senior people, decision roles
concentrated at the top, stances spread with some unknown, our team with
relationships, and a contact log.

>>> g = generate(50, seed=1)
>>> len(g.people), g == generate(50, seed=1)
(50, True)
"""

from __future__ import annotations

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


def _name(rng: random.Random, index: int) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN) + f"{index}"


def generate_document(people: int, seed: int = 0, *, depth: int | None = None) -> dict[str, Any]:
    """The plain-data document of a generated map (what a YAML file would hold)."""
    if people < 1:
        raise ValueError("a generated map needs at least one person")
    rng = random.Random(seed)
    max_depth = depth if depth is not None else rng.randint(4, 8)
    as_of = date(2026, 11, 20)

    # Hierarchy: each new person reports to an earlier one, preferring levels above the deepest.
    level: list[int] = [0]
    parent: list[int | None] = [None]
    by_level: dict[int, list[int]] = {0: [0]}
    for i in range(1, people):
        target_level = min(max_depth - 1, 1 + int(rng.random() ** 0.6 * (max_depth - 1)))
        candidates = by_level.get(target_level - 1) or by_level[max(k for k in by_level if k < target_level)]
        boss = rng.choice(candidates)
        parent.append(boss)
        level.append(level[boss] + 1)
        by_level.setdefault(level[-1], []).append(i)

    # Units: one per level-1 branch (some related institutions), nested one level below.
    branch: list[int] = [0] * people
    for i in range(1, people):
        branch[i] = i if level[i] == 1 else branch[parent[i]]  # type: ignore[index]
    top_units = sorted({b for b in branch if b != 0})
    units: list[dict[str, Any]] = [{"id": "u_board", "name": "Board"}]
    unit_of: dict[int, str] = {0: "u_board"}
    for n, b in enumerate(top_units):
        unit = {"id": f"u{b}", "name": f"Unit {n + 1}"}
        if n % 7 == 6:
            unit["kind"] = "related_institution"
        units.append(unit)
    sub_units: dict[int, str] = {}
    for i in range(1, people):
        if level[i] == 2 and rng.random() < 0.5:
            sub = f"u{branch[i]}_{i}"
            sub_units[i] = sub
            units.append({"id": sub, "name": f"Team {i}", "parent": f"u{branch[i]}"})
    for i in range(1, people):
        node: int | None = i
        while node is not None and node not in sub_units and level[node] > 2:
            node = parent[node]
        unit_of[i] = sub_units[node] if node is not None and node in sub_units else f"u{branch[i]}"
    competitors = [{"id": f"c{k}", "name": f"Rival {k}"} for k in range(3)]

    persons: list[dict[str, Any]] = []
    for i in range(people):
        roles: list[str] = []
        if level[i] == 0 or (level[i] == 1 and rng.random() < 0.2):
            roles.append("decider")
        if level[i] in (1, 2) and rng.random() < 0.4:
            roles.append(rng.choice(["technical_evaluator", "commercial_evaluator"]))
        if level[i] >= 3 and rng.random() < 0.3:
            roles.append("user")
        stance = rng.choice(_STANCES)
        person: dict[str, Any] = {
            "id": f"p{i}",
            "name": _name(rng, i),
            "title": _TITLES[min(level[i] * 2 + rng.randint(0, 1), len(_TITLES) - 1)],
            "unit": unit_of[i],
            "roles": roles,
            "stance": stance,
            "disc": rng.choice(["dominance", "influence", "steadiness", "conscientiousness"]),
            "authority": "high" if level[i] <= 1 else ("medium" if level[i] <= 3 else "low"),
            "influence": rng.choice(["low", "medium", "high"]),
        }
        if parent[i] is not None:
            person["reports_to"] = f"p{parent[i]}"
        if stance in ("enemy", "opponent") and rng.random() < 0.7:
            person["favours"] = rng.choice(competitors)["id"]
        if rng.random() < 0.05:
            person["insider"] = rng.choice(["coach", "informant"])
        if rng.random() < 0.5:
            person["contacted"] = True
            person["last_contact"] = as_of - timedelta(days=rng.randint(1, 120))
        if rng.random() < 0.1:
            person["judgements"] = {"stance": {"confidence": "guess", "evidence": "heard from a colleague"}}
        if rng.random() < 0.05 and parent[i] is not None and level[i] >= 2:
            grand = parent[parent[i]]  # type: ignore[index]
            if grand is not None:
                person["dotted_line_to"] = [f"p{grand}"]
        persons.append(person)

    lines: list[dict[str, Any]] = []
    for i in range(people):
        for _ in range(2):
            j = rng.randrange(people)
            if j != i:
                lines.append(
                    {
                        "kind": "influence",
                        "from": f"p{i}",
                        "to": f"p{j}",
                        "strength": round(rng.uniform(0.2, 1.0), 2),
                        "mutual": rng.random() < 0.1,
                    }
                )
    for i in range(1, people):
        if level[i] == 1 and rng.random() < 0.3:
            lines.append(
                {"kind": "delegation", "from": "p0", "to": f"p{i}", "delegation": rng.choice(["real", "nominal"])}
            )
    factions: list[dict[str, Any]] = []
    leaders = [i for i in range(people) if level[i] in (1, 2)]
    for k, leader in enumerate(rng.sample(leaders, min(len(leaders), max(1, people // 40))) if leaders else []):
        members = sorted({leader, *rng.sample(range(people), min(people, rng.randint(2, 8)))})
        factions.append(
            {"id": f"f{k}", "name": f"Faction {k + 1}", "leader": f"p{leader}", "members": [f"p{m}" for m in members]}
        )
    team = [
        {"id": "t_seller", "name": "Seller", "role": "seller"},
        {"id": "t_presales", "name": "Presales", "role": "presales"},
        {"id": "t_manager", "name": "Manager", "role": "manager"},
        {"id": "t_exec", "name": "Executive", "role": "executive"},
    ]
    relationships = []
    for i in range(people):
        if rng.random() < 0.3:
            relationships.append(
                {
                    "member": rng.choice(team)["id"],
                    "person": f"p{i}",
                    "stage": rng.choice(["stranger", "acquaintance", "friend", "close_friend"]),
                }
            )
    contacts = []
    for k in range(max(1, people // 10)):
        contacts.append(
            {
                "date": as_of - timedelta(days=rng.randint(1, 200)),
                "channel": "visit",
                "people": sorted({f"p{rng.randrange(people)}" for _ in range(2)}),
                "team": [rng.choice(team)["id"]],
                "content": f"meeting {k}",
            }
        )
    return {
        "customer": f"Generated customer {seed}",
        "opportunity": f"Generated opportunity with {people} people",
        "milestone": "deep_contact",
        "ownership": "state_owned",
        "as_of": as_of,
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

"""Shared fixtures: a small canonical buying group, and the example maps.

``small_group`` is built from :data:`SMALL_GROUP_YAML`, written the way a
seller writes a file by hand (Chinese labels, English synonyms, ids left out
and derived from names). It covers nested units and a related institution,
roles/stance/DISC, ``reports_to`` and ``dotted_line_to``, an influence line and
a delegation line, a faction, our team with relationships, and a contact.

A test that takes ``any_group`` runs once for the canonical group and once for
every file in ``examples/`` (globbed when the tests are collected).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import stakeholders
from stakeholders import BuyingGroup

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# The long fuzzing run of the safety tests (docs/safety.md): STAKEHOLDERS_FUZZ=1, or
# `pytest --hypothesis-profile fuzz`. Each fuzz test sets its own share of the examples.
# In CI (CI=true) examples are derandomized: the same commit tries the same examples, so a run that
# passed before submitting passes in CI; locally every run explores new examples.
_IN_CI = bool(os.environ.get("CI"))
settings.register_profile(
    "fuzz", deadline=None, suppress_health_check=list(HealthCheck), print_blob=True, derandomize=_IN_CI
)
settings.register_profile("ci", derandomize=True)
if os.environ.get("STAKEHOLDERS_FUZZ") == "1":
    settings.load_profile("fuzz")
elif _IN_CI:
    settings.load_profile("ci")

SMALL_GROUP_YAML = """\
customer: 华东汽车零部件厂
opportunity: Welding line upgrade
milestone: 深度接触
ownership: 国企
as_of: 2024-05-01
competitors:
  - name: Rival Weld
    position: leader
units:
  - name: Headquarters
  - id: equipment
    name: 设备部
    parent: headquarters
  - id: workshop
    name: 焊接车间
    parent: equipment
  - id: purchasing
    name: 采购部
    parent: headquarters
  - id: design_institute
    name: 省设计院
    kind: 关联机构
people:
  - name: 张总
    title: 总经理
    unit: headquarters
    roles: 决策者
    stance: 支持者
    disc: D型
    layer: 决策层
    influence: high
  - id: wang
    name: 王建国
    title: 设备部部长
    unit: equipment
    reports_to: 张总
    roles: [technical_evaluator, user]
    stance: Champion
    disc: C
    insider: 教练
    judgements:
      stance: {confidence: confirmed, evidence: said so at dinner}
  - name: Li Na
    title: 采购经理
    unit: purchasing
    reports_to: 张总
    dotted_line_to: [wang]
    roles: commercial evaluator
    stance: 死敌
    favours: rival_weld
    disc: I型
    contacted: true
    last_contact: 2024-04-20
  - name: 赵工
    unit: workshop
    reports_to: wang
    roles: 使用者
    stance: neutral
    private:
      birthday: 1980-02-03
      hobbies: fishing
team:
  - name: Chen Ming
    role: 销售
  - id: liu
    name: 刘工
    role: presales
relationships:
  - member: chen_ming
    person: 张总
    stage: 熟人
    since: 2024-01-10
  - member: liu
    person: wang
    stage: friend
lines:
  - kind: influence
    from: 赵工
    to: wang
    strength: strong
  - kind: delegation
    from: 张总
    to: li_na
    delegation: nominal
    scope: price negotiation
factions:
  - name: 技术派
    leader: wang
    members: [wang, 赵工]
contacts:
  - date: 2024-04-20
    channel: dinner
    people: [li_na, wang]
    team: [chen_ming]
    content: discussed the tender specs
"""


def example_paths() -> list[Path]:
    """Every example map in examples/, in a stable order."""
    return sorted(p for pattern in ("*.yaml", "*.yml", "*.json") for p in EXAMPLES.glob(pattern))


@pytest.fixture
def small_yaml() -> str:
    return SMALL_GROUP_YAML


@pytest.fixture
def small_group() -> BuyingGroup:
    return stakeholders.loads(SMALL_GROUP_YAML, source="small_group")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run tests that take ``any_group`` over the canonical group and every example file."""
    if "any_group_source" in metafunc.fixturenames:
        sources: list[Path | None] = [None, *example_paths()]
        ids = ["small_group", *(f"examples/{p.name}" for p in example_paths())]
        metafunc.parametrize("any_group_source", sources, ids=ids)


@pytest.fixture
def any_group(any_group_source: Path | None) -> BuyingGroup:
    if any_group_source is None:
        return stakeholders.loads(SMALL_GROUP_YAML, source="small_group")
    return stakeholders.load(any_group_source)

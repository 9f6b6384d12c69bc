"""Code that pyright and mypy must both accept as typed: checked by tests/model/test_typing.py.

It runs too (pytest imports it with the doctests), so every line is real code:
``assert_type`` checks the type statically and returns its argument at run time.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import assert_type

from stakeholders import BuyingGroup, Competitor, Disc, Faction, LineKind, Person, Role, Stance, TeamMember, Unit
from stakeholders.crosswalk import FIELDS, interpret
from stakeholders.model import ChecklistItem, JudgedField
from stakeholders.text import Text
from stakeholders.vocab import Vocabulary

# Only the name is needed: the id is derived from it.
person = Person(name="Li Na")
assert_type(person.id, str)
assert_type(Unit(name="Finance").id, str)
assert_type(Competitor(name="Rival").id, str)
assert_type(TeamMember(name="Wang").id, str)
assert_type(Faction(name="Old guard").id, str)
group = BuyingGroup(customer="ACME", people=[person])
assert_type(group.person("li_na"), Person)

# Vocabularies keep their enum types.
assert_type(Stance.MENTOR, Literal[Stance.MENTOR])
assert_type(Stance.MENTOR.label("zh"), str)
assert_type(Stance.MENTOR.text, Text)
assert_type(Stance.parse("支持者"), Stance)
assert_type(Stance.MENTOR.score, int | None)
assert_type(Role.parse("决策者"), Role)
assert_type(Disc.DOMINANCE.approach_label("zh_hant"), str)
assert_type(Disc.DOMINANCE.approach_text, Text)
assert_type(LineKind.parse("influence"), LineKind)
assert_type(JudgedField.parse("立场"), JudgedField)
assert_type(ChecklistItem.SPECS_IN_TENDER.label(), str)
assert_type(person.stance, Stance)
assert_type(person.roles, list[Role])
assert_type(FIELDS["roles"], type[Vocabulary])
assert_type(interpret("roles", "Coach"), tuple[str, Vocabulary])

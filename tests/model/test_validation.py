"""Validation: every problem a map can have, with its message, location and line.

Each case is a YAML document (line 1 is always ``customer: X`` unless the case
is about the customer) and the problems it must produce: location, 1-based YAML
line, a fragment of the message, and the machine-readable code.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import pytest
from pydantic import ValidationError

import stakeholders
from stakeholders import BuyingGroup, MapError, Person, Problem, Stance
from stakeholders.io.documents import parse as _parse


def doc(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def problems_of(text: str, *, format: str = "yaml") -> list[Problem]:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(text, format=format)
    return caught.value.problems


class Expect(NamedTuple):
    location: str
    line: int | None
    fragment: str
    code: str


class Case(NamedTuple):
    id: str
    text: str
    expected: list[Expect]


TWO = "people: [{name: A}, {name: B}]"  # line 2 in the documents below

CASES = [
    # -- unknown references --------------------------------------------------
    Case(
        "reports_to-unknown",
        doc("customer: X", "people:", "  - name: A", "    reports_to: zz"),
        [Expect("people[0].reports_to", 4, "unknown person 'zz' (not defined under 'people')", "unknown_person")],
    ),
    Case(
        "reports_to-did-you-mean",
        doc("customer: X", "people:", "  - id: wang", "    name: 王", "  - name: B", "    reports_to: wnag"),
        [
            Expect(
                "people[1].reports_to",
                6,
                "unknown person 'wnag' (not defined under 'people'; did you mean 'wang'?)",
                "unknown_person",
            )
        ],
    ),
    Case(
        "dotted_line_to-unknown",
        doc("customer: X", "people:", "  - name: A", "    dotted_line_to: [a_b]", "  - name: B"),
        [Expect("people[0].dotted_line_to", 4, "unknown person 'a_b'", "unknown_person")],
    ),
    Case(
        "line-from-and-to-unknown",
        doc("customer: X", TWO, "lines:", "  - kind: influence", "    from: zz", "    to: yy"),
        [
            Expect("lines[0].from", 5, "unknown person 'zz'", "unknown_person"),
            Expect("lines[0].to", 6, "unknown person 'yy'", "unknown_person"),
        ],
    ),
    Case(
        "faction-member-unknown",
        doc("customer: X", TWO, "factions:", "  - name: F", "    members: [a, qq]"),
        [Expect("factions[0].members", 5, "unknown person 'qq'", "unknown_person")],
    ),
    Case(
        "faction-leader-unknown",
        doc("customer: X", TWO, "factions:", "  - name: F", "    leader: qq", "    members: [a]"),
        [Expect("factions[0].leader", 5, "unknown person 'qq'", "unknown_person")],
    ),
    Case(
        "relationship-person-unknown",
        doc(
            "customer: X",
            TWO,
            "team: [{name: T}]",
            "relationships:",
            "  - member: t",
            "    person: c",
            "    stage: friend",
        ),
        [Expect("relationships[0].person", 6, "unknown person 'c'", "unknown_person")],
    ),
    Case(
        "relationship-member-unknown",
        doc(
            "customer: X",
            TWO,
            "team: [{name: T}]",
            "relationships:",
            "  - member: q",
            "    person: a",
            "    stage: friend",
        ),
        [
            Expect(
                "relationships[0].member",
                5,
                "unknown team member 'q' (not defined under 'team')",
                "unknown_team_member",
            )
        ],
    ),
    Case(
        "contact-people-unknown",
        doc("customer: X", TWO, "contacts:", "  - date: 2024-01-01", "    people: [a, zz]"),
        [Expect("contacts[0].people", 5, "unknown person 'zz'", "unknown_person")],
    ),
    Case(
        "contact-team-unknown",
        doc("customer: X", TWO, "contacts:", "  - date: 2024-01-01", "    team: [q]"),
        [
            Expect(
                "contacts[0].team",
                5,
                "unknown team member 'q' (not defined under 'team'; the map defines no team)",
                "unknown_team_member",
            )
        ],
    ),
    Case(
        "unit-unknown",
        doc("customer: X", "units: [{name: Sales}]", "people:", "  - name: A", "    unit: sale"),
        [
            Expect(
                "people[0].unit",
                5,
                "unknown unit 'sale' (not defined under 'units'; did you mean 'sales'?)",
                "unknown_unit",
            )
        ],
    ),
    Case(
        "unit-unknown-no-units",
        doc("customer: X", "people:", "  - name: A", "    unit: sales"),
        [
            Expect(
                "people[0].unit",
                4,
                "unknown unit 'sales' (not defined under 'units'; the map defines no units)",
                "unknown_unit",
            )
        ],
    ),
    Case(
        "unit-parent-unknown",
        doc("customer: X", "units:", "  - name: U", "  - name: V", "    parent: w"),
        [Expect("units[1].parent", 5, "unknown unit 'w'", "unknown_unit")],
    ),
    Case(
        "competitor-unknown-none-defined",
        doc("customer: X", "people:", "  - name: A", "    stance: enemy", "    favours: acme"),
        [
            Expect(
                "people[0].favours",
                5,
                "unknown competitor 'acme' (not defined under 'competitors'; the map defines no competitors)",
                "unknown_competitor",
            )
        ],
    ),
    Case(
        "competitor-unknown-did-you-mean",
        doc("customer: X", "competitors: [{name: ACME Corp}]", "people:", "  - name: A", "    favours: acme_crop"),
        [
            Expect(
                "people[0].favours",
                5,
                "unknown competitor 'acme_crop' (not defined under 'competitors'; did you mean 'acme_corp'?)",
                "unknown_competitor",
            )
        ],
    ),
    # -- duplicate ids --------------------------------------------------------
    Case(
        "duplicate-person-ids",
        doc("customer: X", "people:", "  - id: a", "    name: A", "  - id: a", "    name: Another"),
        [
            Expect("people[0].id", 3, "duplicate id 'a' (used by people[0], people[1])", "duplicate_id"),
            Expect("people[1].id", 5, "duplicate id 'a' (used by people[0], people[1])", "duplicate_id"),
        ],
    ),
    Case(
        "duplicate-ids-derived-from-identical-names",
        doc("customer: X", "people:", "  - name: Li Na", "    title: buyer", "  - name: Li Na", "    title: engineer"),
        [
            Expect("people[0].id", 3, "duplicate id 'li_na'", "duplicate_id"),
            Expect("people[1].id", 5, "duplicate id 'li_na'", "duplicate_id"),
        ],
    ),
    Case(
        "duplicate-ids-derived-from-names-that-differ-in-case",
        doc("customer: X", "people:", "  - name: 李娜", "  - name: 李 娜", "  - name: 李-娜"),
        [
            Expect(
                "people[1].id",
                4,
                "duplicate id '李_娜' (used by people[1], people[2]); ids must be unique, give each one an explicit id",
                "duplicate_id",
            ),
            Expect("people[2].id", 5, "duplicate id '李_娜'", "duplicate_id"),
        ],
    ),
    Case(
        "duplicate-unit-ids",
        doc("customer: X", "units:", "  - name: Sales", "  - id: sales", "    name: Sales Dept"),
        [
            Expect("units[0].id", 3, "duplicate id 'sales' (used by units[0], units[1])", "duplicate_id"),
            Expect("units[1].id", 4, "duplicate id 'sales' (used by units[0], units[1])", "duplicate_id"),
        ],
    ),
    Case(
        "duplicate-team-ids",
        doc("customer: X", "team:", "  - name: Chen", "  - name: CHEN"),
        [
            Expect("team[0].id", 3, "duplicate id 'chen' (used by team[0], team[1])", "duplicate_id"),
            Expect("team[1].id", 4, "duplicate id 'chen' (used by team[0], team[1])", "duplicate_id"),
        ],
    ),
    Case(
        "duplicate-competitor-ids",
        doc("customer: X", "competitors:", "  - name: R", "  - name: r"),
        [
            Expect("competitors[0].id", 3, "duplicate id 'r'", "duplicate_id"),
            Expect("competitors[1].id", 4, "duplicate id 'r'", "duplicate_id"),
        ],
    ),
    Case(
        "duplicate-faction-ids",
        doc("customer: X", "factions:", "  - name: F", "  - name: F"),
        [
            Expect("factions[0].id", 3, "duplicate id 'f'", "duplicate_id"),
            Expect("factions[1].id", 4, "duplicate id 'f'", "duplicate_id"),
        ],
    ),
    # -- cycles and self-references ---------------------------------------------
    Case(
        "reporting-2-cycle",
        doc("customer: X", "people:", "  - name: A", "    reports_to: b", "  - name: B", "    reports_to: a"),
        [
            Expect("people[0].reports_to", 4, "reporting cycle: a → b → a", "reporting_cycle"),
            Expect("people[1].reports_to", 6, "reporting cycle: b → a → b", "reporting_cycle"),
        ],
    ),
    Case(
        "reporting-3-cycle-all-members-reported-not-their-reports",
        doc(
            "customer: X",
            "people:",
            "  - name: A",
            "    reports_to: b",
            "  - name: B",
            "    reports_to: c",
            "  - name: C",
            "    reports_to: a",
            "  - name: D",
            "    reports_to: a",
        ),
        [
            Expect("people[0].reports_to", 4, "reporting cycle: a → b → c → a", "reporting_cycle"),
            Expect("people[1].reports_to", 6, "reporting cycle: b → c → a → b", "reporting_cycle"),
            Expect("people[2].reports_to", 8, "reporting cycle: c → a → b → c", "reporting_cycle"),
        ],
    ),
    Case(
        "reports-to-self",
        doc("customer: X", "people:", "  - name: A", "    reports_to: a"),
        [Expect("people[0].reports_to", 4, "a person cannot report to themself ('a')", "reports_to_self")],
    ),
    Case(
        "reports-to-self-explicit-id",
        doc("customer: X", "people:", "  - id: 张总", "    name: Zhang", "    reports_to: 张总"),
        [Expect("people[0].reports_to", 5, "a person cannot report to themself ('张总')", "reports_to_self")],
    ),
    Case(
        "dotted-line-to-self",
        doc("customer: X", TWO.replace("{name: A}", "{name: A, dotted_line_to: [b, a]}")),
        [
            Expect(
                "people[0].dotted_line_to", 2, "a person cannot have a dotted line to themself ('a')", "reports_to_self"
            )
        ],
    ),
    Case(
        "unit-parent-self",
        doc("customer: X", "units:", "  - name: U", "    parent: u"),
        [Expect("units[0].parent", 4, "a unit cannot be its own parent ('u')", "parent_self")],
    ),
    Case(
        "unit-parent-cycle",
        doc(
            "customer: X",
            "units:",
            "  - name: U",
            "    parent: v",
            "  - name: V",
            "    parent: w",
            "  - name: W",
            "    parent: u",
        ),
        [
            Expect("units[0].parent", 4, "units nest in a cycle: u → v → w → u", "unit_cycle"),
            Expect("units[1].parent", 6, "units nest in a cycle: v → w → u → v", "unit_cycle"),
            Expect("units[2].parent", 8, "units nest in a cycle: w → u → v → w", "unit_cycle"),
        ],
    ),
    Case(
        "line-to-self",
        doc("customer: X", TWO, "lines:", "  - kind: influence", "    from: a", "    to: a"),
        [Expect("lines[0]", 4, "a line cannot go from a person to themself ('a')", "line_self")],
    ),
    # -- strength ---------------------------------------------------------------
    Case(
        "strength-1.5",
        doc("customer: X", TWO, "lines:", "  - {kind: influence, from: a, to: b,", "     strength: 1.5}"),
        [
            Expect(
                "lines[0].strength", 5, "strength 1.5 is out of range (expected a number from 0 to 1)", "strength_range"
            )
        ],
    ),
    Case(
        "strength-minus-0.1",
        doc("customer: X", TWO, "lines:", "  - kind: influence", "    from: a", "    to: b", "    strength: -0.1"),
        [
            Expect(
                "lines[0].strength",
                7,
                "strength -0.1 is out of range (expected a number from 0 to 1)",
                "strength_range",
            )
        ],
    ),
    Case(
        "strength-abc",
        doc("customer: X", TWO, "lines:", "  - kind: influence", "    from: a", "    to: b", "    strength: abc"),
        [
            Expect(
                "lines[0].strength",
                7,
                "strength 'abc' is not a number (expected 0 to 1, or strong / medium / weak)",
                "strength",
            )
        ],
    ),
    Case(
        "strength-true",
        doc("customer: X", TWO, "lines:", "  - kind: influence", "    from: a", "    to: b", "    strength: true"),
        [Expect("lines[0].strength", 7, "strength must be a number from 0 to 1, not True", "strength")],
    ),
    Case(
        "strength-nan",
        doc("customer: X", TWO, "lines:", "  - kind: influence", "    from: a", "    to: b", "    strength: .nan"),
        [Expect("lines[0].strength", 7, "out of range", "strength_range")],
    ),
    # -- factions ---------------------------------------------------------------
    Case(
        "faction-leader-not-member",
        doc("customer: X", TWO, "factions:", "  - name: F", "    leader: a", "    members: [b]"),
        [
            Expect(
                "factions[0]",
                4,
                "faction leader 'a' is not among its members (b); add the leader to members",
                "leader_not_member",
            )
        ],
    ),
    Case(
        "faction-leader-without-members",
        doc("customer: X", TWO, "factions:", "  - name: F", "    leader: a"),
        [Expect("factions[0]", 4, "faction leader 'a' is not among its members (none)", "leader_not_member")],
    ),
    # -- vocabulary, fields, types ----------------------------------------------
    Case(
        "unknown-stance",
        doc("customer: X", "people:", "  - name: A", "    stance: frend"),
        [
            Expect(
                "people[0].stance",
                4,
                "unknown stance 'frend' (expected one of: mentor, supporter, neutral, opponent, enemy, unknown;",
                "unknown_vocabulary",
            )
        ],
    ),
    Case(
        "unknown-role-in-list",
        doc("customer: X", "people:", "  - name: A", "    roles:", "      - 决策者", "      - boss"),
        [
            Expect(
                "people[0].roles[1]",
                6,
                "unknown role 'boss' (expected one of: decider, technical_evaluator, commercial_evaluator, user;",
                "unknown_vocabulary",
            )
        ],
    ),
    Case(
        "unknown-milestone",
        doc("customer: X", "milestone: closing"),
        [
            Expect(
                "milestone",
                2,
                "unknown milestone 'closing' (expected one of: customer_planning, visit,",
                "unknown_vocabulary",
            )
        ],
    ),
    Case(
        "unknown-judgement-key",
        doc("customer: X", "people:", "  - name: A", "    judgements:", "      stanse: {confidence: guess}"),
        [
            Expect(
                "people[0].judgements.stanse.[key]",
                5,
                "unknown judged field 'stanse' (expected one of: stance, roles, disc, influence",
                "unknown_vocabulary",
            )
        ],
    ),
    Case(
        "unknown-person-field-did-you-mean",
        doc("customer: X", "people:", "  - name: A", "    stnace: supporter"),
        [Expect("people[0].stnace", 4, "unknown field 'stnace' (did you mean 'stance'?)", "extra_forbidden")],
    ),
    Case(
        "unknown-top-level-field-did-you-mean",
        doc("customer: X", "oportunity: welding"),
        [Expect("oportunity", 2, "unknown field 'oportunity' (did you mean 'opportunity'?)", "extra_forbidden")],
    ),
    Case(
        "unknown-line-field-did-you-mean-alias",
        doc("customer: X", TWO, "lines:", "  - kind: influence", "    from: a", "    to: b", "    strenght: 0.5"),
        [Expect("lines[0].strenght", 7, "unknown field 'strenght' (did you mean 'strength'?)", "extra_forbidden")],
    ),
    Case(
        "unknown-nested-field-did-you-mean",
        doc("customer: X", "people:", "  - name: A", "    private:", "      brithday: 1980-01-01"),
        [
            Expect(
                "people[0].private.brithday",
                5,
                "unknown field 'brithday' (did you mean 'birthday'?)",
                "extra_forbidden",
            )
        ],
    ),
    Case(
        "unknown-field-no-close-match-lists-fields",
        doc("customer: X", "units:", "  - name: U", "    zzzzzz: 1"),
        [
            Expect(
                "units[0].zzzzzz",
                4,
                "unknown field 'zzzzzz' (expected one of: id, name, kind, parent, notes)",
                "extra_forbidden",
            )
        ],
    ),
    Case(
        "missing-customer",
        doc("opportunity: X", "people: [{name: A}]"),
        [Expect("customer", 1, "required field 'customer' is missing", "missing")],
    ),
    Case(
        "missing-relationship-stage",
        doc("customer: X", TWO, "team: [{name: T}]", "relationships:", "  - member: t", "    person: a"),
        [Expect("relationships[0].stage", 5, "required field 'stage' is missing", "missing")],
    ),
    Case(
        "customer-not-text",
        doc("customer: [a, b]"),
        [Expect("customer", 1, "valid string", "string_type")],
    ),
    Case(
        "people-not-a-list",
        doc("customer: X", "people:", "  name: A"),
        [Expect("people", 2, "expected a list, got dict", "list_type")],
    ),
    Case(
        "person-not-a-mapping",
        doc("customer: X", "people:", "  - A", "  - name: B"),
        [Expect("people[0]", 3, "expected a mapping of fields, got str 'A'", "model_type")],
    ),
    Case(
        "units-not-a-list",
        doc("customer: X", TWO, "units: yes"),
        [Expect("units", 3, "expected a list, got str 'yes'", "list_type")],
    ),
    Case(
        "dotted_line_to-not-a-list",
        doc("customer: X", "people:", "  - name: A", "  - name: B", "    dotted_line_to: {a: 1}"),
        [Expect("people[1].dotted_line_to", 5, "expected a list, got dict", "list_type")],
    ),
    Case(
        "contacted-not-a-boolean",
        doc("customer: X", "people:", "  - name: A", "    contacted: maybe"),
        [Expect("people[0].contacted", 4, "valid boolean", "bool_parsing")],
    ),
    Case(
        "impossible-date",
        doc("customer: X", "as_of: 2024-02-30"),
        [Expect("as_of", 2, "(got '2024-02-30')", "date_from_datetime_parsing")],
    ),
    Case(
        "impossible-month-in-contact",
        doc("customer: X", "contacts:", "  - date: 2025-13-01"),
        [Expect("contacts[0].date", 3, "(got '2025-13-01')", "date_from_datetime_parsing")],
    ),
    Case(
        "impossible-birthday",
        doc("customer: X", "people:", "  - name: A", "    private: {birthday: 1990-02-29}"),
        [Expect("people[0].private.birthday", 4, "(got '1990-02-29')", "date_from_datetime_parsing")],
    ),
    Case(
        "contacted-false-with-last-contact",
        doc("customer: X", "people:", "  - name: A", "    contacted: false", "    last_contact: 2024-03-01"),
        [
            Expect(
                "people[0]", 3, "contacted is false but last_contact is 2024-03-01; remove one of them", "contradiction"
            )
        ],
    ),
    Case(
        "contacted-false-but-in-the-contact-log",
        doc(
            "customer: X",
            "people:",
            "  - name: A",
            "    contacted: false",
            "contacts:",
            "  - date: 2024-03-01",
            "    people: [a]",
        ),
        [
            Expect(
                "people[0]",
                3,
                "contacted is false but the contact log lists 'a'; remove one of them",
                "contradiction",
            )
        ],
    ),
    Case(
        "reports_to-under-lines",
        doc("customer: X", TWO, "lines:", "  - kind: reports_to", "    from: a", "    to: b"),
        [
            Expect(
                "lines[0].kind",
                4,
                "reports_to lines are written on the person ('reports_to' / 'dotted_line_to'), not under 'lines'",
                "line_kind",
            )
        ],
    ),
    Case(
        "dotted-line-under-lines-in-chinese",
        doc("customer: X", TWO, "lines:", "  - kind: 虚线汇报", "    from: a", "    to: b"),
        [Expect("lines[0].kind", 4, "dotted_line lines are written on the person", "line_kind")],
    ),
    Case(
        "delegation-type-on-influence-line",
        doc("customer: X", TWO, "lines:", "  - kind: influence", "    from: a", "    to: b", "    delegation: real"),
        [
            Expect(
                "lines[0]", 4, "'delegation: real' only applies to delegation lines, not influence", "delegation_field"
            )
        ],
    ),
    Case(
        "name-from-which-no-id-can-be-derived",
        doc("customer: X", "people:", "  - name: '!!!'"),
        [Expect("people[0]", 3, "cannot derive an id from the name '!!!'; give an explicit id", "underivable_id")],
    ),
    Case(
        "schema-version-negative",  # 0 is the pre-release draft, migrated (test_migration.py)
        doc("customer: X", "schema_version: -1"),
        [
            Expect(
                "schema_version",
                2,
                "unknown schema_version -1 (this version of stakeholders reads 0, 1)",
                "schema_version",
            )
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_problem_message_location_and_line(case: Case) -> None:
    problems = problems_of(case.text)
    got = [(p.location, p.line, p.code) for p in problems]
    assert got == [(e.location, e.line, e.code) for e in case.expected]
    for problem, expected in zip(problems, case.expected, strict=True):
        assert expected.fragment in problem.message
        assert str(problem) == f"line {expected.line}: {expected.location}: {problem.message}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_same_problems_from_json_without_lines(case: Case) -> None:
    """The same document as JSON gives the same problems; JSON problems carry no line."""
    data = _parse(case.text, "yaml", None)[1]
    text = json.dumps(data, default=str)
    problems = problems_of(text, format="json")
    assert [(p.location, p.code) for p in problems] == [(e.location, e.code) for e in case.expected]
    assert all(p.line is None for p in problems)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_map_error_text_contains_every_problem(case: Case) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(case.text, source="deal.yaml")
    err = caught.value
    text = str(err)
    count = len(case.expected)
    assert text.startswith(f"deal.yaml: {count} problem{'s' if count > 1 else ''} in the map:\n")
    for problem in err.problems:
        assert f"  {problem}\n" in text + "\n"
    assert err.source == "deal.yaml"


# -- strength: accepted values ---------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("strong", 1.0),
        ("Strong", 1.0),
        ("high", 1.0),
        ("强", 1.0),
        ("強", 1.0),
        ("medium", 0.6),
        ("moderate", 0.6),
        ("中", 0.6),
        ("weak", 0.3),
        ("low", 0.3),
        ("弱", 0.3),
        ("0", 0.0),
        ("1", 1.0),
        ("0.25", 0.25),
        ("'0.7'", 0.7),
    ],
)
def test_accepted_strength_values(written: str, value: float) -> None:
    group = stakeholders.loads(
        doc("customer: X", TWO, "lines:", f"  - {{kind: influence, from: a, to: b, strength: {written}}}")
    )
    assert group.lines[0].strength == pytest.approx(value)


@pytest.mark.parametrize(
    ("strength", "code"), [(1.5, "strength_range"), (-0.1, "strength_range"), ("abc", "strength"), (True, "strength")]
)
def test_bad_strength_in_json(strength: Any, code: str) -> None:
    data = {
        "customer": "X",
        "people": [{"name": "A"}, {"name": "B"}],
        "lines": [{"kind": "influence", "from": "a", "to": "b", "strength": strength}],
    }
    (problem,) = problems_of(json.dumps(data), format="json")
    assert (problem.location, problem.code, problem.value) == ("lines[0].strength", code, strength)
    assert repr(strength) in problem.message


def test_default_strength_is_half() -> None:
    group = stakeholders.loads(doc("customer: X", TWO, "lines: [{kind: influence, from: a, to: b}]"))
    assert group.lines[0].strength == 0.5


def test_integer_strength_out_of_range_in_yaml() -> None:
    # YAML 1.2 integers are numbers: 'strength: 2' gets the range message, not a "not a number" one.
    (problem,) = problems_of(doc("customer: X", TWO, "lines:", "  - {kind: influence, from: a, to: b, strength: 2}"))
    assert (problem.location, problem.line, problem.code, problem.value) == (
        "lines[0].strength",
        4,
        "strength_range",
        2,
    )
    assert "strength 2 is out of range (expected a number from 0 to 1)" in problem.message


# -- schema version ------------------------------------------------------------


def test_schema_version_newer_than_supported_json() -> None:
    newer = stakeholders.SCHEMA_VERSION + 1
    (problem,) = problems_of(json.dumps({"customer": "X", "schema_version": newer}), format="json")
    assert problem.location == "schema_version"
    assert problem.code == "schema_version"
    assert (
        f"this file has schema_version {newer}, but this version of stakeholders reads up to "
        f"{stakeholders.SCHEMA_VERSION}; upgrade stakeholders to read it"
    ) in problem.message


def test_schema_version_newer_than_supported_direct() -> None:
    with pytest.raises(MapError, match="upgrade stakeholders"):
        BuyingGroup(customer="X", schema_version=stakeholders.SCHEMA_VERSION + 1)


def test_schema_version_newer_than_supported_yaml() -> None:
    newer = stakeholders.SCHEMA_VERSION + 1
    (problem,) = problems_of(doc("customer: X", f"schema_version: {newer}"))
    assert (problem.location, problem.line, problem.code) == ("schema_version", 2, "schema_version")
    assert "upgrade stakeholders" in problem.message


def test_current_schema_version_loads() -> None:
    group = stakeholders.loads(doc("customer: X", f"schema_version: {stakeholders.SCHEMA_VERSION}"))
    assert group.schema_version == stakeholders.SCHEMA_VERSION


# -- many problems at once ---------------------------------------------------------

MANY = doc(
    "customer: X",  # 1
    "milestone: closing",  # 2  unknown milestone
    "units:",  # 3
    "  - name: U",  # 4
    "    parent: nowhere",  # 5  unknown unit parent
    "people:",  # 6
    "  - name: A",  # 7
    "    stance: frend",  # 8  unknown stance
    "    reports_to: zz",  # 9  unknown person
    "  - name: B",  # 10
    "    reports_to: b",  # 11 reports to self
    "    unit: v",  # 12 unknown unit
    "    favours: acme",  # 13 unknown competitor
    "    titel: boss",  # 14 unknown field
    "  - name: C",  # 15
    "    contacted: false",  # 16
    "    last_contact: 2024-01-01",  # 17 contradiction (reported at the person, line 15)
    "  - name: c",  # 18 duplicate id (with the previous person)
    "team: [{name: T}]",  # 19
    "relationships:",  # 20
    "  - {member: q, person: a, stage: friend}",  # 21 unknown member
    "lines:",  # 22
    "  - {kind: influence, from: a, to: nobody, strength: 1.5}",  # 23 unknown person, strength out of range
    "factions:",  # 24
    "  - {name: F, leader: a, members: [b]}",  # 25 leader not a member
    "contacts:",  # 26
    "  - {date: 2024-02-30, people: [ghost]}",  # 27 impossible date, unknown person
)


def test_many_problems_are_all_reported_at_once() -> None:
    problems = problems_of(MANY)
    found = {(p.location, p.line) for p in problems}
    expected = {
        ("milestone", 2),
        ("units[0].parent", 5),
        ("people[0].stance", 8),
        ("people[0].reports_to", 9),
        ("people[1].reports_to", 11),
        ("people[1].unit", 12),
        ("people[1].favours", 13),
        ("people[1].titel", 14),
        ("people[2].id", 15),
        ("people[3].id", 18),
        ("relationships[0].member", 21),
        ("lines[0].to", 23),
        ("lines[0].strength", 23),
        ("factions[0]", 25),
        ("contacts[0].date", 27),
        ("contacts[0].people", 27),
    }
    assert found == expected
    assert len(problems) == 16
    # The contradiction of people[2] is hidden by its duplicate-id problem (field errors stop
    # pydantic's after-validators); every other problem is there.
    with pytest.raises(MapError) as caught:
        stakeholders.loads(MANY.replace("  - name: c\n", "  - name: D\n"))
    locations = [p.location for p in caught.value.problems]
    assert "people[2]" in locations
    assert len(locations) == 15


# -- questionable but legal ---------------------------------------------------------


def test_questionable_but_legal_data_loads() -> None:
    group = stakeholders.loads(
        doc(
            "customer: X",
            "people:",
            "  - name: Boss",
            "    roles: decider",  # a decider whose stance is unknown
            "  - name: Foe",
            "    stance: enemy",  # an enemy tied to no competitor
            "  - name: Nobody",  # nothing recorded at all
            "  - name: Friendly",
            "    stance: mentor",
            "    contacted: false",  # a mentor we never met
            "factions:",
            "  - name: Empty",  # a faction with no members and no leader
        )
    )
    boss, foe, nobody, friendly = group.people
    assert boss.stance is Stance.UNKNOWN
    assert boss.roles == [stakeholders.Role.DECIDER]
    assert foe.stance is Stance.ENEMY
    assert foe.favours is None
    assert nobody.roles == []
    assert friendly.contacted is False
    assert group.factions[0].members == []


def test_repeated_references_are_deduplicated() -> None:
    group = stakeholders.loads(
        doc(
            "customer: X",
            TWO,
            "factions: [{name: F, members: [a, b, a]}]",
            "contacts: [{date: 2024-01-01, people: [b, b]}]",
        )
    )
    assert group.factions[0].members == ["a", "b"]
    assert group.contacts[0].people == ["b"]


def test_problem_records_the_bad_value() -> None:
    (problem,) = problems_of(doc("customer: X", "people:", "  - name: A", "    stance: frend"))
    assert problem.value == "frend"
    assert problem.path == ("people", 0, "stance")


# -- direct construction -------------------------------------------------------------


def test_direct_construction_checks_references() -> None:
    with pytest.raises(MapError) as caught:
        BuyingGroup(
            customer="ACME",
            people=[{"name": "A", "reports_to": "zz"}, {"name": "B"}],
            lines=[{"kind": "influence", "from": "a", "to": "q"}],
        )
    problems = caught.value.problems
    assert [(p.location, p.code) for p in problems] == [
        ("people[0].reports_to", "unknown_person"),
        ("lines[0].to", "unknown_person"),
    ]
    assert all(p.line is None for p in problems)


def test_direct_construction_with_person_objects_checks_references() -> None:
    person = Person(name="A", reports_to="zz")  # fine alone: the group is not known yet
    assert person.reports_to == "zz"
    with pytest.raises(MapError, match=r"people\[0\]\.reports_to: unknown person 'zz'"):
        BuyingGroup(customer="ACME", people=[person])


def test_direct_construction_checks_cycles_and_duplicates() -> None:
    with pytest.raises(MapError) as caught:
        BuyingGroup(
            customer="ACME",
            people=[Person(name="A", reports_to="b"), Person(name="B", reports_to="a"), Person(id="a", name="Other")],
        )
    codes = sorted(p.code for p in caught.value.problems)
    assert codes.count("duplicate_id") == 2
    assert "reporting_cycle" in codes


def test_model_validate_raises_map_error() -> None:
    with pytest.raises(MapError, match="unknown unit 'x'"):
        BuyingGroup.model_validate({"customer": "X", "people": [{"name": "A", "unit": "x"}]})
    with pytest.raises(MapError, match="not valid JSON"):
        BuyingGroup.model_validate_json("{customer")


def test_valid_direct_construction() -> None:
    group = BuyingGroup(
        customer="ACME", people=[Person(name="Li Na", roles=["决策者"]), {"name": "Wang", "reports_to": "li_na"}]
    )
    assert [p.id for p in group.people] == ["li_na", "wang"]
    assert group.people[0].roles == [stakeholders.Role.DECIDER]


def test_missing_name_is_one_problem() -> None:
    # The id is optional (derived from the name): only the name is reported.
    problems = problems_of(doc("customer: X", "people:", "  - title: boss"))
    assert [(p.location, p.line, p.code) for p in problems] == [("people[0].name", 3, "missing")]
    assert problems[0].message == "required field 'name' is missing"


def test_same_judgement_in_two_spellings_is_an_error() -> None:
    problems = problems_of(
        doc(
            "customer: X",
            "people:",
            "  - name: A",
            "    judgements:",
            "      stance: {confidence: confirmed}",
            "      立场: {confidence: guess}",
        )
    )
    assert [(p.location, p.line, p.code) for p in problems] == [("people[0].judgements", 4, "duplicate_key")]
    assert "'stance' and '立场' are the same judged field (stance); keep one of them" in problems[0].message


def test_same_checklist_item_in_two_spellings_is_an_error() -> None:
    problems = problems_of(doc("customer: X", "checklist:", "  specs_in_tender: true", "  技术参数已写入标书: false"))
    assert [(p.location, p.line, p.code) for p in problems] == [("checklist", 2, "duplicate_key")]
    assert "are the same checklist item (specs_in_tender); keep one of them" in problems[0].message


def test_contacted_false_contradicting_the_contact_log_in_python() -> None:
    with pytest.raises(MapError, match="contacted is false but the contact log lists 'a'; remove one of them"):
        BuyingGroup(
            customer="X", people=[{"name": "A", "contacted": False}], contacts=[{"date": "2026-11-01", "people": ["a"]}]
        )
    # Not recorded, or true, is consistent with the log.
    for contacted in (None, True):
        person: dict[str, Any] = {"name": "A"} if contacted is None else {"name": "A", "contacted": contacted}
        BuyingGroup(customer="X", people=[person], contacts=[{"date": "2026-11-01", "people": ["a"]}])


@pytest.mark.parametrize(
    ("build", "location"),
    [
        pytest.param(lambda: Person(name="A", stance="frend"), "stance", id="person-bad-stance"),
        pytest.param(lambda: Person(title="boss"), "name", id="person-no-name"),
        pytest.param(
            lambda: stakeholders.Line(kind="influence", source="a", target="b", strength=2),
            "strength",
            id="line-strength",
        ),
        pytest.param(lambda: stakeholders.Unit(name="U", kind="nonsense"), "kind", id="unit-kind"),
    ],
)
def test_every_model_built_directly_raises_map_error(build: Any, location: str) -> None:
    # Not pydantic's ValidationError: one exception type for every invalid input.
    with pytest.raises(MapError) as caught:
        build()
    assert not isinstance(caught.value, ValidationError)
    assert [p.location for p in caught.value.problems] == [location]


def test_assignments_are_validated() -> None:
    group = stakeholders.loads(doc("customer: X", TWO))
    person = group.person("a")
    person.stance = "支持者"  # type: ignore[assignment]
    assert person.stance is Stance.SUPPORTER
    with pytest.raises(MapError) as caught:
        person.stance = "frend"  # type: ignore[assignment]
    (problem,) = caught.value.problems
    assert (problem.location, problem.code) == ("stance", "unknown_vocabulary")
    assert person.stance is Stance.SUPPORTER

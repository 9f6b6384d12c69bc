"""Schema versions: files carry schema_version; older versions are migrated with a note, newer ones refused.

Version 0 is the pre-release draft (stakeholders/migrations.py): personal data on
the person, ``coach: true`` / ``informant: true`` flags, and ``links`` with
``source``/``target``. A file without ``schema_version`` is read as the current version.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import groups

import stakeholders
from stakeholders import SCHEMA_VERSION, BuyingGroup, MapError, MigrationNote
from stakeholders.cli import main
from stakeholders.migrations import VERSIONS, migrate

DRAFT = """\
schema_version: 0
customer: 华东汽车零部件厂
people:
  - name: 张总
    roles: decider
    birthday: 1970-05-01
    hobbies: [golf, 书法]
    phone: "138 0000 0000"
  - name: 王工
    reports_to: 张总
    coach: true
    hometown: 苏州
    private: {email: wang@example.com}
  - name: Li Na
    informant: true
    coach: false
  - name: 赵工
    coach: false
links:
  - kind: influence
    source: 王工
    target: 张总
    strength: strong
  - kind: introduction
    source: 王工
    target: li_na
"""

CURRENT = """\
schema_version: 1
customer: 华东汽车零部件厂
people:
  - name: 张总
    roles: decider
    private: {birthday: 1970-05-01, hobbies: [golf, 书法], phone: "138 0000 0000"}
  - name: 王工
    reports_to: 张总
    insider: coach
    private: {email: wang@example.com, hometown: 苏州}
  - name: Li Na
    insider: informant
  - name: 赵工
lines:
  - {kind: influence, from: 王工, to: 张总, strength: strong}
  - {kind: introduction, from: 王工, to: li_na}
"""


def load_draft(text: str = DRAFT, **kwargs: object) -> tuple[BuyingGroup, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        group = stakeholders.loads(text, **kwargs)  # type: ignore[arg-type]
    return group, [w for w in caught if issubclass(w.category, MigrationNote)]


def test_version_0_is_migrated_to_the_current_version() -> None:
    group, notes = load_draft()
    assert group == stakeholders.loads(CURRENT)
    assert group.schema_version == SCHEMA_VERSION
    (note,) = notes
    text = str(note.message)
    assert text.startswith("read schema_version 0 (the pre-release draft) and migrated it to 1: ")
    assert "moved personal data under 'private' (people[0].birthday, people[0].hobbies, people[0].phone" in text
    assert "'coach: true' is now 'insider: coach' (people[1])" in text
    assert "'informant: true' is now 'insider: informant' (people[2])" in text
    assert "'links' (source/target) are now 'lines' (from/to): 2 moved" in text
    assert text.endswith("save the map to write the current format")


def test_the_note_names_the_file_and_points_at_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stakeholders.load(path)
    (note,) = [w for w in caught if issubclass(w.category, MigrationNote)]
    assert str(note.message).startswith(f"{path}: read schema_version 0")
    assert note.filename == __file__  # the warning points at the code that loaded the file


def test_saving_a_migrated_map_writes_the_current_version(tmp_path: Path) -> None:
    group, _ = load_draft()
    path = group.save(tmp_path / "map.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"schema_version: {SCHEMA_VERSION}\n")
    assert "links:" not in text and "coach: true" not in text
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no note the second time: the file is current now
        assert stakeholders.load(path) == group


def test_json_and_direct_validation_migrate_too() -> None:
    expected, _ = load_draft()
    document = json.loads(json.dumps(stakeholders.loads(CURRENT).to_dict()))
    draft, _ = migrate({"schema_version": 0, "customer": "X"})
    assert draft == {"schema_version": 1, "customer": "X"}
    with pytest.warns(MigrationNote, match="read schema_version 0"):
        as_json = stakeholders.loads(json.dumps(_draft_document()), format="json")
    with pytest.warns(MigrationNote):
        direct = BuyingGroup.model_validate(_draft_document())
    with pytest.warns(MigrationNote):
        constructed = BuyingGroup(**_draft_document())
    assert as_json == direct == constructed == expected
    assert BuyingGroup.model_validate(document) == expected


def _draft_document() -> dict[str, object]:
    import yaml

    data = yaml.safe_load(DRAFT)
    data["people"][0]["birthday"] = data["people"][0]["birthday"].isoformat()
    return dict(data)


def test_migration_does_not_change_its_input() -> None:
    data = _draft_document()
    before = json.dumps(data, sort_keys=True)
    migrated, notes = migrate(data)
    assert notes and migrated is not data
    assert json.dumps(data, sort_keys=True) == before


def test_a_file_without_schema_version_is_read_as_the_current_version() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        group = stakeholders.loads("customer: X\npeople: [{name: A, insider: coach}]\n")
        empty = stakeholders.loads("customer: X\nschema_version:\n")
    assert group.schema_version == empty.schema_version == SCHEMA_VERSION
    # Without a version, draft-only fields are not guessed at: they are errors with a hint.
    with pytest.raises(MapError) as caught:
        stakeholders.loads("customer: X\npeople: [{name: A, coach: true}]\n")
    (problem,) = caught.value.problems
    assert problem.location == "people[0].coach" and problem.line == 2


def test_a_newer_version_is_refused_naming_both_versions() -> None:
    newer = SCHEMA_VERSION + 1
    with pytest.raises(MapError) as caught:
        stakeholders.loads(f"customer: X\nschema_version: {newer}\npeople: [{{name: A, future_field: 1}}]\n")
    (problem,) = caught.value.problems  # only the version: the rest may be valid in the newer format
    assert (problem.location, problem.line, problem.code) == ("schema_version", 2, "schema_version")
    assert problem.message == (
        f"this file has schema_version {newer}, but this version of stakeholders reads up to {SCHEMA_VERSION};"
        " upgrade stakeholders to read it"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "unknown schema_version -1 (this version of stakeholders reads 0, 1)"),
        ("'1'", "schema_version must be a whole number (one of 0, 1), not '1'"),
        ("1.0", "schema_version must be a whole number (one of 0, 1), not 1.0"),
        ("true", "schema_version must be a whole number (one of 0, 1), not True"),
        ("[1]", "schema_version must be a whole number (one of 0, 1), not [1]"),
    ],
)
def test_a_malformed_version_is_refused(value: str, message: str) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(f"customer: X\nschema_version: {value}\n")
    (problem,) = caught.value.problems
    assert (problem.location, problem.line, problem.message) == ("schema_version", 2, message)


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        (
            "people: [{name: A, phone: '1', private: {phone: '2'}}]",
            "people[0].phone",
            "'phone' is given both on the person (version 0) and under 'private'",
        ),
        ("people: [{name: A, coach: true, informant: true}]", "people[0]", "either a coach or an informant"),
        ("people: [{name: A, coach: yes}]", "people[0].coach", "must be true or false in a version 0 map"),
        ("people: [{name: A, coach: true, insider: informant}]", "people[0].insider", "both given"),
        ("links: {a: b}", "links", "'links' must be a list of lines"),
    ],
)
def test_draft_documents_that_cannot_be_migrated(text: str, location: str, message: str) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(f"schema_version: 0\ncustomer: X\n{text}\n")
    (problem,) = caught.value.problems
    assert problem.location == location and message in problem.message
    assert problem.line == 3


def test_a_migrated_map_is_validated_like_any_other() -> None:
    with pytest.warns(MigrationNote), pytest.raises(MapError) as caught:
        stakeholders.loads("schema_version: 0\ncustomer: X\nlinks: [{kind: influence, source: a, target: b}]\n")
    assert {p.location for p in caught.value.problems} == {"lines[0].from", "lines[0].to"}


def test_every_known_version_has_a_migration_to_the_next() -> None:
    from stakeholders.migrations import _STEPS

    assert sorted(VERSIONS) == list(range(SCHEMA_VERSION + 1))
    assert sorted(_STEPS) == list(range(SCHEMA_VERSION))


def test_cli_validate_prints_the_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "valid map of 华东汽车零部件厂" in out
    assert f"note: {path}: read schema_version 0 (the pre-release draft) and migrated it to 1" in err


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(group=groups(max_people=5))
def test_property_a_current_map_written_as_a_draft_migrates_back(group: BuyingGroup) -> None:
    """Write a valid map the version-0 way (the inverse of the migration): it reads back the same."""
    doc = json.loads(group.dumps("json"))
    doc["schema_version"] = 0
    for person in doc.get("people", []):
        private = person.pop("private", {})
        for key in list(private):
            if key != "notes":
                person[key] = private.pop(key)
        if private:
            person["private"] = private
        insider = person.pop("insider", None)
        if insider is not None:
            person[insider] = True
    if "lines" in doc:
        doc["links"] = [
            {{"from": "source", "to": "target"}.get(k, k): v for k, v in line.items()} for line in doc.pop("lines")
        ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MigrationNote)
        assert BuyingGroup.model_validate(doc) == group
        assert stakeholders.loads(json.dumps(doc), format="json") == group

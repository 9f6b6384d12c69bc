"""The vocabulary crosswalk: other methods' words beside ours; unambiguous ones accepted, the rest refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import stakeholders
from stakeholders import Insider, MapError, Role, Stance
from stakeholders.crosswalk import (
    FIELDS,
    FRAMEWORKS,
    TERMS,
    RefusedTerm,
    Term,
    crosswalk_markdown,
    interpret,
    lookup,
    refusal_hint,
)

ROOT = Path(__file__).resolve().parents[2]

MAPPED = [(t, s) for t in TERMS if not t.refused for s in (t.term, *t.spellings)]
REFUSED = [(t, s) for t in TERMS if t.refused for s in (t.term, *t.spellings)]


def _id(item: tuple[Term, str]) -> str:
    return f"{item[0].framework}:{item[1]}"


@pytest.mark.parametrize("item", MAPPED, ids=[_id(i) for i in MAPPED])
def test_mapped_term_is_accepted_in_its_own_field(item: tuple[Term, str]) -> None:
    term, spelling = item
    assert term.field is not None
    assert FIELDS[term.field].parse(spelling).value == term.value
    assert FIELDS[term.field].parse(spelling.upper()).value == term.value


@pytest.mark.parametrize("item", MAPPED, ids=[_id(i) for i in MAPPED])
def test_mapped_term_written_where_its_framework_writes_it(item: tuple[Term, str]) -> None:
    term, spelling = item
    field, member = interpret(FRAMEWORKS[term.framework].column, spelling)
    assert (field, member.value) == (term.field, term.value)


@pytest.mark.parametrize("item", REFUSED, ids=[_id(i) for i in REFUSED])
def test_refused_term_is_refused_with_the_reason(item: tuple[Term, str]) -> None:
    term, spelling = item
    for vocabulary in FIELDS.values():
        with pytest.raises(ValueError):
            vocabulary.parse(spelling)
    with pytest.raises(RefusedTerm, match="is refused") as caught:
        interpret("roles", spelling)
    assert term.note in str(caught.value)


@pytest.mark.parametrize("spelling", ["Influencer", "Gatekeeper", "Evaluator", "Executive Sponsor", "影响者"])
def test_refused_role_in_a_map_file_explains_itself(spelling: str) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(f"customer: X\npeople: [{{name: A, roles: ['{spelling}']}}]")
    (problem,) = caught.value.problems
    assert problem.location == "people[0].roles[0]"
    assert "expected one of: decider" in problem.message
    assert "is refused" in problem.message


@pytest.mark.parametrize(
    ("field", "text", "written"),
    [("roles", "Champion", "stance: mentor"), ("roles", "Coach", "insider: coach"), ("stance", "Coach", "insider")],
)
def test_a_word_of_another_field_says_where_it_belongs(field: str, text: str, written: str) -> None:
    with pytest.raises(MapError, match=written):
        stakeholders.loads(f"customer: X\npeople: [{{name: A, {field}: {text}}}]")


def test_unknown_word_keeps_the_usual_message() -> None:
    assert refusal_hint(Role, "boss") is None
    with pytest.raises(ValueError, match=r"unknown role 'boss' \(expected one of"):
        interpret("roles", "boss")


def test_every_word_has_one_meaning() -> None:
    for term in TERMS:
        for spelling in (term.term, *term.spellings):
            meanings = {(t.field, t.value) for t in lookup(spelling)}
            assert len(meanings) == 1, (spelling, meanings)


@pytest.mark.parametrize(
    ("framework", "words"),
    [
        ("miller_heiman", {"Economic", "User", "Technical", "Coach"}),
        ("altify", {"Mentor", "Supporter", "Neutral", "Non-Supporter", "Enemy"}),
        ("meddicc", {"Economic Buyer", "Champion"}),
        ("webster_wind", {"Users", "Influencers", "Buyers", "Deciders", "Gatekeepers"}),
        (
            "salesforce",
            {
                "Business User",
                "Decision Maker",
                "Economic Buyer",
                "Economic Decision Maker",
                "Evaluator",
                "Executive Sponsor",
                "Influencer",
                "Technical Buyer",
                "Other",
            },
        ),
        ("zh_decision_chain", {"决策者", "影响者", "使用者", "把关者", "教练", "线人"}),
    ],
)
def test_the_issue_s_frameworks_are_covered(framework: str, words: set[str]) -> None:
    assert words <= {t.term for t in TERMS if t.framework == framework}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Economic Buyer", Role.DECIDER),
        ("economic-buyer", Role.DECIDER),
        ("Technical Buyer", Role.TECHNICAL_EVALUATOR),
        ("Business User", Role.USER),
        ("Deciders", Role.DECIDER),
        ("Buyers", Role.COMMERCIAL_EVALUATOR),
        ("拍板人", Role.DECIDER),
        ("Non-Supporter", Stance.OPPONENT),
        ("Champion", Stance.MENTOR),
        ("Coach", Insider.COACH),
        ("线人", Insider.INFORMANT),
    ],
)
def test_words_accepted_in_a_map_file(text: str, expected: Role | Stance | Insider) -> None:
    field = {Role: "roles", Stance: "stance", Insider: "insider"}[type(expected)]
    group = stakeholders.loads(f"customer: X\npeople: [{{name: A, {field}: '{text}'}}]")
    value = getattr(group.people[0], field)
    assert (value[0] if field == "roles" else value) is expected


def test_docs_page_is_generated_from_the_table() -> None:
    page = (ROOT / "docs" / "crosswalk.md").read_text(encoding="utf-8")
    assert page == crosswalk_markdown(), "docs/crosswalk.md is stale: regenerate it (see its first line)"


def test_docs_page_lists_every_term_and_framework() -> None:
    page = crosswalk_markdown()
    for framework in FRAMEWORKS.values():
        assert framework.name in page
    for term in TERMS:
        assert f"| {term.term} |" in page
        if term.refused:
            assert term.note in page


def test_vocabularies_read_the_terms_without_the_crosswalk_module() -> None:
    """One source, one direction: stakeholders.vocab holds the terms and never imports stakeholders.crosswalk."""
    code = (
        "import sys\n"
        "from stakeholders.vocab import Role\n"
        "assert Role.parse('Economic Buyer') is Role.DECIDER\n"
        "try:\n"
        "    Role.parse('Influencer')\n"
        "except ValueError as err:\n"
        "    assert 'is refused' in str(err), err\n"
        "assert 'stakeholders.crosswalk' not in sys.modules, 'stakeholders.vocab imported the crosswalk'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_crosswalk_terms_are_the_vocabularies_terms() -> None:
    from stakeholders.vocab import methods

    assert TERMS is methods.TERMS and FIELDS is methods.FIELDS
    assert list(FIELDS) == ["roles", "stance", "insider"] and FIELDS["roles"] is Role


@pytest.mark.parametrize("item", MAPPED, ids=[_id(i) for i in MAPPED])
def test_mapped_term_is_listed_once_among_the_aliases(item: tuple[Term, str]) -> None:
    """A term's spelling is an alias of its member exactly once, whether the member declares it or the table does."""
    from stakeholders.vocab import _key

    term, spelling = item
    assert term.field is not None and term.value is not None
    member = FIELDS[term.field].parse(term.value)
    own = [s for s in (member.value, member.name, *(member.label(x) for x in ("en", "zh", "zh_hant"))) if s]
    found = [a for a in (*own, *member._aliases) if _key(a) == _key(spelling)]
    assert len(found) >= 1
    assert len([a for a in member._aliases if _key(a) == _key(spelling)]) <= 1

"""Reading and writing map files: YAML and JSON, round trips, encodings, atomic saving."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from strategies import groups

import stakeholders
import stakeholders.io
from stakeholders import BuyingGroup, MapError, derive_id
from stakeholders.io import files

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- loads / dumps / load / save --------------------------------------------------


def test_loads_yaml_and_json_give_the_same_group(small_group: BuyingGroup) -> None:
    as_json = stakeholders.dumps(small_group, "json")
    assert json.loads(as_json)["customer"] == "华东汽车零部件厂"
    assert stakeholders.loads(as_json, format="json") == small_group
    assert stakeholders.loads(stakeholders.dumps(small_group)) == small_group
    assert stakeholders.loads(stakeholders.dumps(small_group, "yml"), format="yml") == small_group


def test_dumps_writes_readable_unicode(small_group: BuyingGroup) -> None:
    for format in ("yaml", "json"):
        text = stakeholders.dumps(small_group, format)
        assert "张总" in text
        assert "\\u" not in text
        assert text.endswith("\n")


def test_dumps_leaves_out_defaults(small_group: BuyingGroup) -> None:
    data = yaml.safe_load(stakeholders.dumps(small_group))
    zhao = next(p for p in data["people"] if p["name"] == "赵工")
    assert "dotted_line_to" not in zhao
    assert "judgements" not in zhao
    chen = next(m for m in data["team"] if m["name"] == "Chen Ming")
    assert chen == {"name": "Chen Ming"}  # role seller is the default, id is derived


def test_group_methods_match_functions(small_group: BuyingGroup, tmp_path: Path) -> None:
    assert small_group.dumps() == stakeholders.dumps(small_group)
    assert small_group.dumps("json") == stakeholders.dumps(small_group, format="json")
    assert small_group.to_dict() == yaml.safe_load(stakeholders.dumps(small_group, "json"))
    path = small_group.save(tmp_path / "m.yaml")
    assert path == tmp_path / "m.yaml"
    assert path.read_text(encoding="utf-8") == small_group.dumps()


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".YAML", ".Json"])
def test_save_and_load_by_suffix(small_group: BuyingGroup, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"map{suffix}"
    returned = stakeholders.save(small_group, path)
    assert returned == path
    text = path.read_text(encoding="utf-8")
    expected_format = "json" if suffix.lower() == ".json" else "yaml"
    assert text == stakeholders.dumps(small_group, expected_format)
    if expected_format == "json":
        json.loads(text)
    assert stakeholders.load(path) == small_group
    assert stakeholders.load(str(path)) == small_group


def test_format_argument_overrides_the_suffix(small_group: BuyingGroup, tmp_path: Path) -> None:
    path = tmp_path / "map.txt"
    stakeholders.save(small_group, path, format="json")
    assert json.loads(path.read_text(encoding="utf-8"))["customer"] == small_group.customer
    assert stakeholders.load(path, format="json") == small_group


@pytest.mark.parametrize("name", ["map.txt", "map.toml", "map", "map.yaml.bak"])
def test_unknown_suffix_is_a_value_error(small_group: BuyingGroup, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(ValueError, match="cannot tell the format from the suffix"):
        stakeholders.save(small_group, path)
    assert not path.exists()
    path.write_text("customer: X\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"expected \.yaml, \.yml or \.json"):
        stakeholders.load(path)


@pytest.mark.parametrize("format", ["xml", "toml", ""])
def test_unknown_format_is_a_value_error(small_group: BuyingGroup, format: str) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        stakeholders.dumps(small_group, format)
    with pytest.raises(ValueError, match="unknown format"):
        stakeholders.loads("customer: X", format=format)


@pytest.mark.parametrize(
    ("reader", "suffix"),
    [
        (stakeholders.load, ".yaml"),
        (stakeholders.load, ".json"),
        (stakeholders.read_contacts, ".csv"),
        (stakeholders.read_xlsx, ".xlsx"),
        (stakeholders.read_graphml, ".graphml"),
        (stakeholders.read_gexf, ".gexf"),
        (stakeholders.io.read, ".yaml"),
        (stakeholders.io.read, ".xlsx"),
    ],
)
def test_a_missing_file_is_python_s_file_not_found_error(tmp_path: Path, reader: Any, suffix: str) -> None:
    """Not "1 problem in the map": the file is not there, and Python says so as it does for open()."""
    path = tmp_path / f"missing{suffix}"
    with pytest.raises(FileNotFoundError) as caught:
        reader(path)
    assert not isinstance(caught.value, MapError)
    assert caught.value.filename == str(path)
    assert str(path) in str(caught.value)


def test_a_file_that_cannot_be_read_is_still_a_map_error(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(MapError, match="cannot read the file") as caught:
        stakeholders.load(folder)
    assert caught.value.source == str(folder)


# -- lossless round trips ----------------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_load_save_load_is_lossless(any_group: BuyingGroup, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"copy{suffix}"
    stakeholders.save(any_group, path)
    again = stakeholders.load(path)
    assert again == any_group
    stakeholders.save(again, path)
    assert stakeholders.load(path) == any_group
    assert path.read_text(encoding="utf-8") == stakeholders.dumps(any_group, suffix[1:])


def test_examples_are_globbed_at_test_time(request: pytest.FixtureRequest) -> None:
    from conftest import EXAMPLES, example_paths

    found = sorted(p for pattern in ("*.yaml", "*.yml", "*.json") for p in EXAMPLES.glob(pattern))
    assert example_paths() == found
    for path in found:
        assert isinstance(stakeholders.load(path), BuyingGroup)


@FAST
@given(group=groups())
def test_property_yaml_round_trip(group: BuyingGroup) -> None:
    assert stakeholders.loads(stakeholders.dumps(group)) == group


@FAST
@given(group=groups())
def test_property_json_round_trip(group: BuyingGroup) -> None:
    assert stakeholders.loads(stakeholders.dumps(group, "json"), format="json") == group


@FAST
@given(group=groups())
def test_property_dumps_is_deterministic(group: BuyingGroup) -> None:
    for format in ("yaml", "json"):
        text = stakeholders.dumps(group, format)
        assert stakeholders.dumps(group, format) == text
        # The written form is canonical: reading it back and writing again changes nothing.
        assert stakeholders.dumps(stakeholders.loads(text, format=format), format) == text
        assert stakeholders.dumps(group.model_copy(deep=True), format) == text


@FAST
@given(group=groups(max_people=4))
def test_property_save_load_round_trip(group: BuyingGroup, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("prop")
    for name in ("m.yaml", "m.json"):
        path = stakeholders.save(group, folder / name)
        assert stakeholders.load(path) == group


@pytest.mark.parametrize(
    "notes",
    [
        "line 1\nline 2",
        "trailing newline\n",
        "  leading spaces\nx",
        "tab\tinside\nx",
        "crlf\r\nx",
        "a\u2028b\nc",
        "\n",
        "a\x85b",
        "a\nb\x85c",
        "bell\x07 and del\x7f\n",
        "nul\x00",
        "bom\ufeff inside",
    ],
    ids=[
        "multi-line",
        "trailing-newline",
        "leading-spaces",
        "tab",
        "crlf",
        "line-separator",
        "only-newline",
        "next-line",
        "next-line-in-block",
        "controls",
        "nul",
        "bom-inside",
    ],
)
def test_multi_line_text_round_trips(notes: str) -> None:
    group = BuyingGroup(customer="X", people=[{"name": "A", "notes": notes}])
    for format in ("yaml", "json"):
        assert stakeholders.loads(stakeholders.dumps(group, format), format=format).people[0].notes == notes


def test_multi_line_text_is_written_as_a_block() -> None:
    group = BuyingGroup(customer="X", description="first line\nsecond line")
    assert "description: |-\n  first line\n  second line\n" in stakeholders.dumps(group)


# -- ids derived from names -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("李娜", "李娜"),
        ("Li Na", "li_na"),
        ("  王 建国 (总工) ", "王_建国_总工"),
        ("Ｌｉ　Ｎａ", "li_na"),  # full-width letters and space
        ("O'Brien-Smith", "o_brien_smith"),
        ("張總經理", "張總經理"),
        ("Zhang_San", "zhang_san"),
        ("ÉLODIE", "élodie"),
        ("R&D 部门", "r_d_部门"),
    ],
)
def test_derived_ids(name: str, ident: str) -> None:
    assert derive_id(name) == ident
    group = stakeholders.loads(
        f"customer: X\npeople:\n  - name: {json.dumps(name)}\n  - name: Other\n    reports_to: {ident}\n"
    )
    assert group.people[0].id == ident
    assert group.people[1].reports_to == ident
    written = yaml.safe_load(stakeholders.dumps(group))
    assert "id" not in written["people"][0], "a derived id is not written"


def test_explicit_ids_that_differ_from_the_derived_one_are_written() -> None:
    group = stakeholders.loads("customer: X\npeople:\n  - {id: zhang, name: 张总}\n  - {id: li_na, name: Li Na}\n")
    written = yaml.safe_load(stakeholders.dumps(group))
    assert written["people"] == [{"id": "zhang", "name": "张总"}, {"name": "Li Na"}]


# -- saving: permissions and atomicity --------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o444])
def test_save_keeps_the_old_files_permission_bits(small_group: BuyingGroup, tmp_path: Path, mode: int) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("customer: old\n", encoding="utf-8")
    path.chmod(mode)
    stakeholders.save(small_group, path)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert stakeholders.load(path) == small_group


def test_save_new_file_uses_the_umask(small_group: BuyingGroup, tmp_path: Path) -> None:
    """A map with nothing private (here the redacted copy); a private one is 0o600 (tests/safety/test_privacy.py)."""
    from stakeholders.redaction import redacted

    old = os.umask(0o027)
    try:
        path = stakeholders.save(redacted(small_group), tmp_path / "new.yaml")
        private = stakeholders.save(small_group, tmp_path / "private.yaml")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def _break(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(f"simulated failure in {name}")

    monkeypatch.setattr(files.os, name, boom)


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_failed_save_leaves_the_old_file_intact(
    small_group: BuyingGroup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "map.yaml"
    original = "customer: Old Customer\npeople: [{name: A}]\n"
    path.write_text(original, encoding="utf-8")
    _break(failing, monkeypatch)
    with pytest.raises(OSError, match=f"simulated failure in {failing}"):
        stakeholders.save(small_group, path)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == original
    assert stakeholders.load(path).customer == "Old Customer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"], "a temporary file was left behind"


def test_failed_write_leaves_the_old_file_intact(
    small_group: BuyingGroup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.json"
    stakeholders.save(BuyingGroup(customer="Old"), path)
    before = path.read_bytes()

    real_fdopen = os.fdopen

    class FailingFile:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> FailingFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            raise OSError("disk full")

    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: FailingFile(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="disk full"):
        stakeholders.save(small_group, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert stakeholders.load(path) == BuyingGroup(customer="Old")
    assert [p.name for p in tmp_path.iterdir()] == ["map.json"]


def test_save_through_a_symlink_writes_the_target(small_group: BuyingGroup, tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("customer: Old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(target.name)
    stakeholders.save(small_group, link)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert stakeholders.load(target) == small_group
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the target's permissions are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]


def test_save_into_a_missing_folder_fails_cleanly(small_group: BuyingGroup, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        stakeholders.save(small_group, tmp_path / "no" / "such" / "map.yaml")
    assert list(tmp_path.iterdir()) == []


def test_save_overwrites_and_leaves_no_temporary_files(small_group: BuyingGroup, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    for _ in range(3):
        stakeholders.save(small_group, path)
    assert [p.name for p in tmp_path.iterdir()] == ["map.yaml"]


# -- YAML details ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "key", "first"),
    [
        ("customer: X\ncustomer: Y\n", 2, "customer", 1),
        ("customer: X\npeople:\n  - name: A\n    stance: mentor\n    stance: enemy\n", 5, "stance", 4),
        ("customer: X\npeople: [{name: A, name: B}]\n", 2, "name", 2),
    ],
    ids=["top-level", "in-a-person", "flow-mapping"],
)
def test_duplicate_yaml_keys_are_an_error_with_line(text: str, line: int, key: str, first: int) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(text)
    (problem,) = caught.value.problems
    assert problem.line == line
    assert problem.code == "duplicate_key"
    assert problem.message == f"duplicate key {key!r} (first at line {first}); each key may appear once"


def test_yaml_merge_keys_may_be_overridden() -> None:
    group = stakeholders.loads(
        "customer: X\npeople:\n  - &base {name: A, stance: neutral}\n  - <<: *base\n    name: B\n"
    )
    assert [p.name for p in group.people] == ["A", "B"]
    assert group.people[1].stance.value == "neutral"


def test_a_key_written_twice_next_to_a_merge_key_is_still_a_duplicate() -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads("customer: X\npeople:\n  - &base {name: A}\n  - <<: *base\n    name: B\n    name: C\n")
    (problem,) = caught.value.problems
    assert (problem.code, problem.line) == ("duplicate_key", 6)


@pytest.mark.parametrize("word", ["No", "no", "Yes", "ON", "off", "y", "n", "NO"])
def test_yaml_1_2_booleans_names_stay_text(word: str) -> None:
    group = stakeholders.loads(f"customer: {word}\npeople:\n  - name: {word}\n    title: {word}\n")
    assert group.customer == word
    assert group.people[0].name == word
    assert group.people[0].title == word
    assert stakeholders.loads(stakeholders.dumps(group)) == group


@pytest.mark.parametrize(("word", "value"), [("true", True), ("True", True), ("false", False), ("FALSE", False)])
def test_yaml_true_and_false_are_booleans(word: str, value: bool) -> None:
    group = stakeholders.loads(f"customer: X\npeople:\n  - name: A\n    contacted: {word}\n")
    assert group.people[0].contacted is value


@pytest.mark.parametrize("text", ["1:30", "0777", "0o17", "1_000", "0b101", "12e", "1,5"])
def test_yaml_1_1_numbers_stay_text(text: str) -> None:
    # YAML 1.2 core: no sexagesimal (1:30 = 90), no 1.1 octal (0777), no underscores or binary.
    group = stakeholders.loads(f"customer: X\npeople:\n  - name: A\n    title: {text}\n")
    assert group.people[0].title == text
    assert stakeholders.loads(stakeholders.dumps(group)) == group


@pytest.mark.parametrize(
    ("text", "value"),
    [("1", 1.0), ("0", 0.0), ("0.25", 0.25), (".5", 0.5), ("5e-1", 0.5), ("+0.5", 0.5), ("0x1", 1.0)],
)
def test_yaml_1_2_numbers_are_numbers(text: str, value: float) -> None:
    line = f"  - {{kind: influence, from: a, to: b, strength: {text}}}\n"
    group = stakeholders.loads(f"customer: X\npeople: [{{name: A}}, {{name: B}}]\nlines:\n{line}")
    assert group.lines[0].strength == pytest.approx(value)
    # A number where text is expected is taken as its text (the number's own spelling).
    titled = stakeholders.loads(f"customer: X\npeople:\n  - name: A\n    title: {text}\n")
    number = float(int(text, 16)) if text.startswith("0x") else float(text)
    assert titled.people[0].title == str(int(number) if text.lstrip("+").isdigit() or text.startswith("0x") else number)


@pytest.mark.parametrize(
    "text",
    ["12", "-3", "+1", "0777", "0x1F", "1.5", ".5", "1.", "+1.5", "1.5E+3", ".inf", "-.Inf", ".NaN", "null", "~"],
)
def test_text_that_looks_like_a_number_round_trips(text: str) -> None:
    group = BuyingGroup(customer=text, people=[{"id": "a", "name": "A", "title": text, "concerns": [text]}])
    written = stakeholders.dumps(group)
    assert f"title: '{text}'" in written  # quoted, so that no YAML reader takes it for a number
    assert stakeholders.loads(written) == group


def test_text_that_looks_like_a_yaml_float_round_trips() -> None:
    for text in ["1e5", "0E0", "1.5e3", "-2E+3", ".5e3", "-.5", "+.5"]:
        group = BuyingGroup(customer="X", people=[{"name": "A", "title": text}])
        assert stakeholders.loads(stakeholders.dumps(group)) == group, text


@pytest.mark.parametrize(
    "text", ["del\x7f", "bell\x07", "c1\x80\x9f", "next-line\x85", "line-sep\u2028x", "para-sep\u2029x", "nul\x00"]
)
def test_non_printable_text_is_written_double_quoted(text: str) -> None:
    group = BuyingGroup(customer="X", people=[{"name": "A", "title": text}])
    written = stakeholders.dumps(group)
    assert '  title: "' in written
    assert all(c not in written for c in "\x7f\x07\x80\x9f\x85\u2028\u2029\x00")  # escaped, not raw
    assert stakeholders.loads(written) == group


def test_dates_are_written_unquoted() -> None:
    group = stakeholders.loads(
        "customer: X\nas_of: 2026-11-20\npeople:\n  - name: A\n    last_contact: 2026-11-08\n"
        "    private: {birthday: 1980-02-03}\nteam: [{name: T}]\n"
        "relationships: [{member: t, person: a, stage: friend, since: 2024-01-10}]\n"
        "contacts: [{date: 2026-11-01, people: [a]}]\n"
    )
    written = stakeholders.dumps(group)
    for line in ("as_of: 2026-11-20", "last_contact: 2026-11-08", "birthday: 1980-02-03", "since: 2024-01-10"):
        assert line in written
    assert "date: 2026-11-01" in written and "'20" not in written
    # A text field holding a date-like text stays quoted text.
    titled = BuyingGroup(customer="X", people=[{"name": "A", "title": "2026-11-20"}])
    assert "title: '2026-11-20'" in stakeholders.dumps(titled)
    assert stakeholders.loads(stakeholders.dumps(titled)) == titled


def test_unsafe_yaml_tags_are_rejected() -> None:
    with pytest.raises(MapError, match="could not determine a constructor"):
        stakeholders.loads("customer: !!python/object/apply:os.system ['true']\n")


def test_several_yaml_documents_are_an_error() -> None:
    with pytest.raises(MapError, match="not valid YAML") as caught:
        stakeholders.loads("customer: X\n---\ncustomer: Y\n")
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("customer: X\npeople: [\n", 3),
        ("customer: X\n  bad: indentation\n", 2),
        ('customer: X\npeople:\n  - name: A\n  - name: "B\n', 5),
        ("customer: X\n\tpeople: []\n", 2),
    ],
    ids=["unclosed-flow", "bad-indentation", "unclosed-quote", "tab-indent"],
)
def test_yaml_syntax_errors_give_a_line(text: str, line: int) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(text)
    (problem,) = caught.value.problems
    assert problem.code == "syntax"
    assert problem.line == line
    assert problem.message.startswith("not valid YAML: ")
    assert f"line {line}: " in str(caught.value)


def _excerpt(err: MapError) -> tuple[str, str]:
    """The excerpt under the first problem: the quoted line of the file (after the gutter), and the caret's cells."""
    lines = str(err).splitlines()
    code, caret = lines[2], lines[3]
    gutter = code.index(" | ") + 3
    assert caret.index("| ") + 2 == gutter and caret.rstrip().endswith("^") and caret.count("^") == 1
    return code[gutter:], caret[gutter:]


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


@pytest.mark.parametrize(
    ("text", "number", "shown", "under"),
    [
        ("customer: X\npeople:\n  - name: 王伟\n   stance: x\n", 4, "   stance: x", "   "),
        ("customer: 华西厂: X\n", 1, "customer: 华西厂: X", "customer: 华西厂"),
        ("customer: X\n\tpeople: []\n", 2, "\\tpeople: []", ""),
        ("customer: X\ncustomer: Y\n", 2, "customer: Y", ""),
        ("customer: 王伟\x07\n", 1, "customer: 王伟\\x07", "customer: 王伟"),
        ("customer: X\npeople: [\n", 2, "people: [", "people: ["),  # at the end: the last line written
        ('customer: X\npeople:\n  - name: A\n  - name: "B\n', 4, '  - name: "B', "  - name: "),
    ],
    ids=["indentation", "colon", "tab", "duplicate-key", "control-character", "unclosed-flow", "unclosed-quote"],
)
def test_yaml_syntax_errors_show_the_line_and_a_caret(text: str, number: int, shown: str, under: str) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(text)
    code, caret = _excerpt(caught.value)
    assert code == shown
    assert str(caught.value).splitlines()[2].lstrip().startswith(f"{number} | ")
    assert caret == " " * _cells(under) + "^"  # under the place, wide characters counted as two cells
    assert caught.value.problems[0].excerpt is not None and caught.value.problems[0].excerpt.line == number


@settings(max_examples=60, deadline=None)
@given(name=st.text(alphabet="abcXYZ王伟华西厂總經理", min_size=1, max_size=150))
def test_the_caret_stands_under_the_column_after_wide_characters(name: str) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(f"customer: {name}: x\n")
    code, caret = _excerpt(caught.value)
    assert code.endswith(": x")
    before = code[: code.rindex(": x")]  # the second colon is the place YAML refuses
    assert len(caret) - 1 == _cells(before)
    if len(name) > 50:  # a long line is cut around the place, with an ellipsis
        assert code.startswith("…")


def test_json_syntax_errors_show_the_line_and_a_caret() -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads('{"customer": "王",\n "people": [}\n', format="json")
    assert _excerpt(caught.value) == (' "people": [}', " " * len(' "people": [') + "^")


def test_json_syntax_errors_give_a_line(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text('{"customer": "X",\n "people": [}\n', encoding="utf-8")
    with pytest.raises(MapError) as caught:
        stakeholders.load(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line) == ("syntax", 2)
    assert problem.message.startswith("not valid JSON: ")
    assert str(caught.value).startswith(f"{path}: 1 problem in the map:")


def test_file_problems_carry_the_file_name_and_line(tmp_path: Path) -> None:
    path = tmp_path / "deal.yaml"
    path.write_text("customer: X\npeople:\n  - name: A\n    stance: frend\n", encoding="utf-8")
    with pytest.raises(MapError) as caught:
        stakeholders.load(path)
    assert caught.value.source == str(path)
    assert str(caught.value) == (
        f"{path}: 1 problem in the map:\n  line 4: people[0].stance: {caught.value.problems[0].message}"
    )


# -- encodings and garbage -------------------------------------------------------------

CHINESE_MAP = "customer: 华东汽车零部件厂\npeople:\n  - name: 张总\n    stance: 支持者\n"


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_utf8_bom_loads(tmp_path: Path, suffix: str) -> None:
    text = CHINESE_MAP if suffix == ".yaml" else json.dumps(yaml.safe_load(CHINESE_MAP), ensure_ascii=False)
    path = tmp_path / f"bom{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    group = stakeholders.load(path)
    assert group.customer == "华东汽车零部件厂"
    assert group.people[0].id == "张总"
    assert stakeholders.loads(path.read_bytes(), format=suffix[1:]) == group


def test_utf16_with_bom_loads(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes(CHINESE_MAP.encode("utf-16"))
    assert stakeholders.load(path).people[0].name == "张总"


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_gbk_file_gives_a_clear_error(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(CHINESE_MAP.encode(codec))
    with pytest.raises(MapError) as caught:
        stakeholders.load(path)
    (problem,) = caught.value.problems
    assert problem.code == "encoding"
    assert "not UTF-8" in problem.message
    assert "GBK" in problem.message
    assert "iconv -f GBK -t UTF-8" in problem.message
    assert caught.value.source == str(path)


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        bytes(range(256)) * 4,
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"\xc3\x28\xa0\xa1\xfe\xff\x80",
    ],
    ids=["png", "all-bytes", "zip", "jpeg", "invalid-utf8"],
)
def test_binary_garbage_gives_a_map_error(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(garbage)
    with pytest.raises(MapError) as caught:
        stakeholders.load(path)
    assert caught.value.problems[0].code in {"encoding", "syntax", "document_type"}
    with pytest.raises(MapError):
        stakeholders.loads(garbage)


@pytest.mark.parametrize(
    ("text", "format", "kind"),
    [
        ("- a\n- b\n", "yaml", "a list"),
        ("just text\n", "yaml", "a str"),
        ("", "yaml", "empty"),
        ("# only a comment\n", "yaml", "empty"),
        ("~\n", "yaml", "empty"),
        ("3.5\n", "yaml", "a float"),
        ("[1, 2]", "json", "a list"),
        ('"text"', "json", "a str"),
        ("null", "json", "empty"),
    ],
)
def test_non_mapping_documents_give_map_error(text: str, format: str, kind: str) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(text, format=format)
    (problem,) = caught.value.problems
    assert problem.code == "document_type"
    assert problem.message == f"a map must be a mapping with at least 'customer', but this document is {kind}"


# -- schema_version is always written --------------------------------------------------


def test_schema_version_is_always_written() -> None:
    group = BuyingGroup(customer="X")
    text = stakeholders.dumps(group)
    assert text.startswith(f"schema_version: {stakeholders.SCHEMA_VERSION}\n")
    assert text == f"schema_version: {stakeholders.SCHEMA_VERSION}\ncustomer: X\n"
    assert json.loads(stakeholders.dumps(group, "json")) == {
        "schema_version": stakeholders.SCHEMA_VERSION,
        "customer": "X",
    }
    assert stakeholders.loads("customer: X\n").to_dict()["schema_version"] == stakeholders.SCHEMA_VERSION


@FAST
@given(group=groups(max_people=3))
def test_property_schema_version_comes_first(group: BuyingGroup) -> None:
    assert stakeholders.dumps(group).startswith("schema_version: ")
    assert next(iter(json.loads(stakeholders.dumps(group, "json")))) == "schema_version"


# -- integers longer than Python reads -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt", "line", "column"),
    [
        ('{"customer": ' + "1" * 5000 + "}", "json", 1, 14),
        (
            '{"customer": "X",\n "notes": "'
            + "2" * 5000
            + '\\" 3",\n "people": [{"name": "A", "influence": -'
            + "1" * 5000
            + "}]}",
            "json",
            3,
            40,
        ),
        ("customer: " + "1" * 5000 + "\n", "yaml", 1, 11),
        ("customer: X\npeople: [{name: A, influence: " + "1" * 5000 + "}]\n", "yaml", 2, 31),
    ],
    ids=["json-text-field", "json-number-field-after-a-long-string", "yaml-text-field", "yaml-number-field"],
)
def test_an_integer_past_pythons_digit_limit_is_a_map_error_with_its_place(
    text: str, fmt: str, line: int, column: int
) -> None:
    with pytest.raises(MapError) as caught:
        stakeholders.loads(text, format=fmt)
    problem = caught.value.problems[0]
    assert problem.line == line and f"at column {column}:" in problem.message, problem
    assert "5,000 digits" in problem.message and "位" in problem.message
    assert len(str(caught.value)) < 500  # the digits are not quoted back


def test_an_integer_at_pythons_digit_limit_is_read() -> None:
    assert stakeholders.loads('{"customer": ' + "7" * 4300 + "}", format="json").customer == "7" * 4300

"""The documentation in docs/ stays true to the code.

- the generated files and regions are up to date (``scripts/gen_docs.py --check``);
- every flag, weight and model field is documented;
- the Python examples run and the YAML examples load;
- the worked example's numbers match a fresh run;
- relative links point to existing pages and headings.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

import stakeholders
from stakeholders import model
from stakeholders.analysis import FLAGS, Weights

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))

_FENCE = re.compile(r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
_REGION = re.compile(
    r"<!-- BEGIN generated:(?P<name>[\w-]+).*?-->\n(?P<body>.*?)<!-- END generated:(?P=name) -->", re.DOTALL
)


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def region(text: str, name: str) -> str:
    for match in _REGION.finditer(text):
        if match["name"] == name:
            return match["body"]
    raise AssertionError(f"no generated region {name!r}")


def without_regions(text: str) -> str:
    return _REGION.sub("", text)


def code_blocks(lang: str) -> list[tuple[str, int, str]]:
    blocks = []
    for page in PAGES:
        for number, match in enumerate(
            m for m in _FENCE.finditer(page.read_text(encoding="utf-8")) if m["lang"] == lang
        ):
            blocks.append((page.name, number, match["body"]))
    return blocks


def test_generated_docs_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_expected_pages_exist() -> None:
    for name in ("index.md", "domain.md", "format.md", "analysis.md", "vocabulary.md", "flags.md", "schema.json"):
        assert (DOCS / name).is_file(), name


def test_every_flag_is_explained_in_analysis_page() -> None:
    text = read("analysis.md")
    for code, info in FLAGS.items():
        assert f"### {code}\n" in text, f"flag {code} has no section in docs/analysis.md"
        section = text.split(f"### {code}\n", 1)[1].split("\n### ", 1)[0]
        assert f"Severity: **{info.severity.value}**" in section
        assert "*What to do:*" in section


def test_every_weight_is_documented_with_its_default() -> None:
    text = region(read("analysis.md"), "weights")
    defaults = Weights()
    for name in Weights.model_fields:
        row = re.search(rf"^\| `{name}` \| ([^|]+) \|", text, re.MULTILINE)
        assert row is not None, f"Weights.{name} is not in the weights table of docs/analysis.md"
        assert float(row[1]) == pytest.approx(float(getattr(defaults, name))), name


def _format_models() -> list[type[BaseModel]]:
    return [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type)
        and issubclass(obj, BaseModel)
        and obj.__module__ == model.__name__
        and obj.model_fields
    ]


def test_every_model_field_is_in_format_page() -> None:
    text = read("format.md")
    models = _format_models()
    assert model.Person in models and model.BuyingGroup in models
    for cls in models:
        for name, info in cls.model_fields.items():
            written = info.alias or name
            assert f"`{written}`" in text, f"{cls.__name__}.{written} is not documented in docs/format.md"


def test_every_vocabulary_value_is_in_vocabulary_page() -> None:
    text = read("vocabulary.md")
    for cls in (stakeholders.Role, stakeholders.Stance, stakeholders.Disc, model.ChecklistItem, model.LineKind):
        for member in cls:
            assert f"| `{member.value}` |" in text, f"{cls.__name__}.{member.value}"


def test_domain_page_uses_the_real_ids() -> None:
    text = read("domain.md")
    for cls in (
        stakeholders.Role,
        stakeholders.Layer,
        stakeholders.Stance,
        stakeholders.Disc,
        stakeholders.RelationshipStage,
        stakeholders.InterestType,
        stakeholders.Milestone,
        stakeholders.CompetitorPosition,
    ):
        for member in cls:
            assert f"`{member.value}`" in text, f"{cls.__name__}.{member.value} missing from docs/domain.md"


@pytest.mark.parametrize(
    ("page", "number", "code"), [pytest.param(*block, id=f"{block[0]}-{block[1]}") for block in code_blocks("python")]
)
def test_python_examples_run(
    page: str, number: int, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run where a reader runs them, a checkout after `make demo` (examples/ and the out/ folder), but in a
    # temporary folder: the files the examples write land there, not in the repository.
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "docs").symlink_to(DOCS)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    exec(compile(code, f"docs/{page} (python block {number})", "exec"), {"__name__": "__docs__"})


def test_there_are_python_examples() -> None:
    pages = {page for page, _, _ in code_blocks("python")}
    assert {"index.md", "format.md", "analysis.md"} <= pages


def test_yaml_maps_in_docs_load() -> None:
    loaded = 0
    for page in PAGES:
        text = without_regions(page.read_text(encoding="utf-8"))
        for match in _FENCE.finditer(text):
            if match["lang"] == "yaml" and re.search(r"^customer:", match["body"], re.MULTILINE):
                group = stakeholders.loads(match["body"], source=f"docs/{page.name}")
                assert stakeholders.loads(group.dumps()) == group
                loaded += 1
    assert loaded >= 1


def test_annotated_example_uses_every_section() -> None:
    text = without_regions(read("format.md"))
    example = next(m["body"] for m in _FENCE.finditer(text) if m["lang"] == "yaml" and "people:" in m["body"])
    group = stakeholders.loads(example)
    for section in (
        "competitors",
        "units",
        "people",
        "team",
        "relationships",
        "lines",
        "factions",
        "contacts",
        "checklist",
    ):
        assert getattr(group, section), f"the annotated example in docs/format.md has no {section}"
    assert {line.kind.value for line in group.lines} == {"influence", "delegation", "introduction"}


def test_worked_example_matches_a_fresh_run() -> None:
    body = region(read("analysis.md"), "worked-example")
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \|[^\n]*\| ([\d.]+) \| (yes|no) \|$", body, re.MULTILINE)
    assert len(rows) >= 3, "the worked example has no ranking table"
    analysis = stakeholders.analyze(stakeholders.load(ROOT / "examples" / "welding_soe.yaml"))
    for (rank, name, score, high), fresh in zip(rows, analysis.influence[: len(rows)], strict=True):
        assert int(rank) == fresh.rank
        assert name.strip() == fresh.name
        assert score == f"{fresh.score:.2f}"
        assert (high == "yes") == fresh.high
    top3 = [name.strip() for _, name, _, _ in rows[:3]]
    assert top3 == [s.name for s in analysis.influence[:3]]
    assert f"Status **{analysis.status.level.value}**" in body
    for flag in analysis.flags:
        assert f"`{flag.code}`" in body


def test_map_error_example_is_real() -> None:
    body = region(read("format.md"), "map-error")
    bad = re.search(r"```yaml\n(.*?)```", body, re.DOTALL)
    assert bad is not None
    with pytest.raises(stakeholders.MapError) as caught:
        stakeholders.loads(bad[1], source="bad.yaml")
    assert str(caught.value) in body


def _slug(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(text: str) -> set[str]:
    text = _FENCE.sub("", text)
    return {_slug(m[1]) for m in re.finditer(r"^#{1,6} (.+)$", text, re.MULTILINE)}


def test_relative_links_resolve() -> None:
    for page in PAGES:
        text = _FENCE.sub("", page.read_text(encoding="utf-8"))
        text = re.sub(r"`[^`\n]*`", "", text)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, fragment = target.partition("#")
            path = page if not file else (page.parent / file)
            assert path.exists(), f"{page.name}: broken link {target}"
            if fragment and path.suffix == ".md":
                assert fragment in _anchors(path.read_text(encoding="utf-8")), f"{page.name}: no anchor {target}"

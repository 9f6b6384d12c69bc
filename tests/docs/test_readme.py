"""The README's code blocks run, and its two set-up commands are what .ci/run and the Makefile use."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import stakeholders

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Source"]
BLOB = f"{SOURCE}/blob/main/"
RAW = SOURCE.replace("https://github.com/", "https://raw.githubusercontent.com/") + "/main/"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def test_quickstart_runs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """In an empty folder, as after ``pip install``: the quickstart reads a sample map of the package."""
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    code = blocks("python")
    assert code, "the README has a Python quickstart"
    done = subprocess.run([sys.executable, "-c", code[0]], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "welding_soe.png").stat().st_size > 10_000
    original = stakeholders.load(ROOT / "examples/welding_soe.yaml")
    assert stakeholders.load(tmp_path / "out" / "welding_soe.json") == original
    assert "赵国强" in done.stdout  # the top of the ranking is printed


def test_yaml_example_in_the_readme_loads() -> None:
    (sample,) = [b for b in blocks("yaml") if "customer:" in b]
    group = stakeholders.loads(sample)
    assert group.person("孙立军").reports_to == "赵国强"
    assert group.person("孙立军").disc is stakeholders.Disc.CONSCIENTIOUSNESS


def test_the_two_commands_are_the_ci_and_make_targets() -> None:
    bash = "\n".join(blocks("bash"))
    assert "make demo" in bash and "make test" in bash
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)


def test_readme_picture_exists() -> None:
    """The picture is the repository's file, by its absolute (raw) address, so a package index shows it too."""
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert pictures
    for target in pictures:
        assert target.startswith(RAW), target
        assert (ROOT / target.removeprefix(RAW)).is_file(), target


def test_readme_links_are_absolute_and_point_at_files_of_the_repository() -> None:
    """A package index shows the README without the repository around it: a relative link would break there."""
    links = re.findall(r"(?<!!)\[[^\]]*\]\(([^)]+)\)", README)
    assert links
    for target in links:
        assert target.startswith(("https://", "http://")), target
        if target.startswith(BLOB):
            assert (ROOT / target.removeprefix(BLOB).split("#")[0]).exists(), target

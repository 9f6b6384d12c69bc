"""The README's code blocks run, and its two set-up commands are what .ci/run and the Makefile use."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import stakeholders

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def test_quickstart_runs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "examples").symlink_to(ROOT / "examples")
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
    for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / target).is_file(), target

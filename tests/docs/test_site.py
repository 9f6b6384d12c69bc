"""The documentation site builds with warnings as errors (mkdocs --strict), API reference included.

What a reader sees is checked on the built pages: no Sphinx role shown as text (``:func:`` before a name),
no private base class, the doctests as code blocks, a chart on the home page, and gallery charts that open
at full size. ``scripts/screenshot_docs.py`` takes screenshots of the same pages to look at.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_docs_site_builds_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "BuyingGroup" in api and "analyze" in api and "MapError" in api
    for page in ("domain", "format", "analysis", "chart", "crosswalk", "cli"):
        assert (site / page / "index.html").is_file(), page
    check_api_page(api)
    check_pictures(site)
    shutil.rmtree(site)


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def check_api_page(api: str) -> None:
    """The roles were shown as text (``:func:stakeholders.load``, 39 times); ``Bases: _Model`` headed the models."""
    text = text_of(api)
    shown = re.findall(r":(?:py:)?(?:func|class|meth|data|mod|attr|exc|obj|const):\S*", text)
    assert shown == [], f"Sphinx roles shown as text on the API page: {shown[:5]}"
    assert not re.search(r"Bases:\s*_", text), "a private base class is shown"
    assert re.search(r'<a class="autorefs autorefs-internal"[^>]*href="#stakeholders\.load"', api), (
        "no role became a link"
    )
    assert "directly::" not in text, "reStructuredText's :: is shown"
    assert '<span class="gp">&gt;&gt;&gt; </span>' in api, "the doctests are not highlighted code blocks"


def check_pictures(site: Path) -> None:
    """The home page shows a chart; each gallery chart is a link to its own full-size file."""
    home = (site / "index.html").read_text(encoding="utf-8")
    pictures = re.findall(r'<img[^>]*src="([^"]+\.png)"', home)
    assert pictures and all((site / src).is_file() for src in pictures), pictures
    gallery = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<a class="chart" href="([^"]+)"><img[^>]*src="([^"]+)"', gallery)
    assert len(linked) == len(re.findall(r"<img", gallery)) >= 8, "every gallery chart is a link"
    for href, src in linked:
        assert href == src and (site / "gallery" / href).is_file(), href
    assert '<link rel="canonical" href="https://' in home, "site_url is set"

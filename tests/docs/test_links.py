"""Every link and image of README.md, docs/ and examples/ points inside the repository or to a public address.

examples/README.md named the domain notes by a path of one machine (``/work/shared/domain.md``): nobody who
cloned the repository, read it on GitHub or on the package index could follow it.
"""

from __future__ import annotations

import ipaddress
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

markdown = pytest.importorskip("markdown")  # Python-Markdown, what mkdocs renders the site with

ROOT = Path(__file__).resolve().parents[2]
SOURCE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Source"]
#: Addresses of a file of the repository: on GitHub's pages and as the raw file (the README's picture).
IN_REPOSITORY = (
    f"{SOURCE}/blob/main/",
    f"{SOURCE}/tree/main/",
    SOURCE.replace("https://github.com/", "https://raw.githubusercontent.com/") + "/main/",
)
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md"), *(ROOT / "examples").rglob("*.md")])
#: A path of somebody's machine, in a link or in the text (a code span is read as a path too).
LOCAL_PATH = re.compile(r"(?<![\w.])(?:file://|/(?:work|home|Users|root|mnt)/|[A-Z]:\\Users\\)")


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        self.targets += [value for name, value in attrs if name == wanted and value is not None]


def targets(text: str) -> list[str]:
    """Every link and image address of a Markdown text, as mkdocs reads it (reference links included)."""
    parser = _Targets()
    parser.feed(markdown.markdown(text, extensions=["attr_list", "tables", "fenced_code"]))
    return parser.targets


def problem(page: Path, target: str) -> str | None:
    """Why ``target``, a link or image of ``page``, cannot be followed by a reader of the repository; else None."""
    parts = urlsplit(target)
    if parts.scheme in ("http", "https"):
        for prefix in IN_REPOSITORY:
            if target.startswith(prefix):
                path = unquote(urlsplit(target[len(prefix) :]).path)
                return None if (ROOT / path).exists() else f"no file {path} in the repository"
        host = (parts.hostname or "").lower()
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            public = "." in host and host != "localhost" and not host.endswith((".local", ".localhost", ".internal"))
        else:
            public = address.is_global
        return None if public else f"{host or 'no host'} is not a public host"
    if parts.scheme == "mailto":
        return None
    if parts.scheme or parts.netloc or target.startswith(("/", "~", "\\")):
        return "an absolute path or a local address: a reader of the repository cannot follow it"
    path = unquote(parts.path)
    if not path:
        return None  # an anchor of the same page
    resolved = (page.parent / path).resolve()
    if not resolved.is_relative_to(ROOT):
        return "a path outside the repository"
    return None if resolved.exists() else f"no file {path}"


@pytest.mark.parametrize("page", PAGES, ids=[str(page.relative_to(ROOT)) for page in PAGES])
def test_every_link_can_be_followed(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    found = {target: problem(page, target) for target in targets(text)}
    assert {target: why for target, why in found.items() if why} == {}
    local = [line for line in text.splitlines() if LOCAL_PATH.search(line)]
    assert local == [], f"{page.relative_to(ROOT)} names a path of one machine"


def test_the_pages_are_read() -> None:
    """The page list and the parser see what they should: the pages, their links and the README's picture."""
    assert {"README.md", "docs/index.md", "docs/gallery.md", "examples/README.md"} <= {
        str(page.relative_to(ROOT)) for page in PAGES
    }
    readme = targets((ROOT / "README.md").read_text(encoding="utf-8"))
    assert any(target.endswith("welding_soe_zh_graphviz.png") for target in readme)
    assert targets("[a][b] and ![c](d.png)\n\n[b]: https://example.org/x\n") == ["https://example.org/x", "d.png"]
    assert targets("`[not](a-link)`\n\n```\n[nor](this)\n```\n") == []


@pytest.mark.parametrize(
    "target",
    [
        "/work/shared/domain.md",
        "file:///home/me/domain.md",
        "/home/me/notes.md",
        "http://localhost:8000/",
        "http://127.0.0.1/chart.png",
        "http://192.168.1.10/chart.png",
        "https://intranet/",
        "../../outside.md",
        "no-such-page.md",
        f"{SOURCE}/blob/main/no/such/file.md",
        SOURCE.replace("https://github.com/", "https://raw.githubusercontent.com/") + "/main/docs/gallery/none.png",
    ],
)
def test_a_link_nobody_can_follow_is_refused(target: str) -> None:
    assert problem(ROOT / "docs" / "index.md", target) is not None


@pytest.mark.parametrize(
    "target",
    [
        "domain.md",
        "domain.md#stances",
        "#the-documentation",
        "gallery/welding_soe_zh_graphviz.png",
        "../examples/README.md",
        f"{SOURCE}/blob/main/docs/domain.md",
        f"{SOURCE}/tree/main/docs",
        "https://www.graphviz.org/download/",
        "mailto:someone@example.org",
    ],
)
def test_a_link_inside_the_repository_or_public_is_accepted(target: str) -> None:
    assert problem(ROOT / "docs" / "index.md", target) is None


def test_the_site_names_the_project_address() -> None:
    """mkdocs.yml's repo_url is pyproject.toml's Source: one address for the project."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(rf"^repo_url: {re.escape(SOURCE)}\s", config, re.M)
    assert re.search(r"^site_url: https://\S+/$", config, re.M)

"""The docs site's griffe extension (scripts/griffe_sphinx_roles.py): Sphinx roles become cross-references."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

pytest.importorskip("griffe")

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("griffe_sphinx_roles", ROOT / "scripts" / "griffe_sphinx_roles.py")
assert _spec is not None and _spec.loader is not None
roles = importlib.util.module_from_spec(_spec)
sys.modules["griffe_sphinx_roles"] = roles
_spec.loader.exec_module(roles)

NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}(\.[A-Za-z_][A-Za-z0-9_]{0,8}){0,3}", fullmatch=True)
ROLE_NAMES = st.sampled_from(["func", "class", "meth", "data", "mod", "attr", "exc", "obj", "const", "py:func"])


@given(role=ROLE_NAMES, name=NAMES, short=st.booleans(), before=st.text(alphabet="ab 组织:.,", max_size=10))
def test_no_role_is_left_as_text(role: str, name: str, short: bool, before: str) -> None:
    text = f"{before}:{role}:`{'~' if short else ''}{name}` after"
    out = roles.convert(text)
    assert not re.search(r":(?:py:)?[a-z]+:`", out)
    (identifier,) = re.findall(r'<autoref identifier="([^"]+)" optional><code>([^<]+)</code></autoref>', out)
    shown = name.rsplit(".", 1)[-1] if short else name
    assert identifier[1].removesuffix("()") == shown
    assert identifier[0].endswith(name) and identifier[0].startswith("stakeholders")
    assert out.startswith(before) and out.endswith(" after")


def test_names_resolve_in_the_scope_of_the_docstring() -> None:
    import griffe

    package = griffe.load("stakeholders", search_paths=[str(ROOT)], allow_inspection=False)
    model = package["model"]
    out = roles.convert(":class:`BuyingGroup` and :func:`~stakeholders.load` and :mod:`difflib`", model)
    assert 'identifier="stakeholders.model.BuyingGroup"' in out and "<code>BuyingGroup</code>" in out
    assert 'identifier="stakeholders.load"' in out and "<code>load()</code>" in out
    assert "<code>difflib</code>" in out


def test_explicit_title_literal_blocks_and_doctests() -> None:
    out = roles.convert(":func:`the loader <stakeholders.load>`")
    assert 'identifier="stakeholders.load"' in out and "<code>the loader</code>" in out
    doc = "Build one directly::\n\n    >>> 1 + 1\n    2\n\nThen more."
    assert roles.convert(doc) == "Build one directly:\n\n```pycon\n>>> 1 + 1\n2\n```\n\nThen more."
    # a doctest right under a paragraph is fenced too, after a blank line
    assert roles.convert("Text:\n>>> x\n1") == "Text:\n\n```pycon\n>>> x\n1\n```"

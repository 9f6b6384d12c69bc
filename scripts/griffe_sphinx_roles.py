"""A griffe extension for the docs site: Sphinx's inline roles become mkdocstrings cross-references.

The docstrings are written in Sphinx style (``:param:`` fields, ``:func:`load``` roles). mkdocstrings'
Sphinx parser reads the fields but leaves inline roles as text, so the API page showed ``:func:`` before
every name. No maintained griffe or mkdocstrings extension converts them (griffe-sphinx reads ``#:``
attribute comments, not roles), hence this one, registered in mkdocs.yml.

Each ``:role:`target``` (also ``:py:role:``, ``~target`` and ``title <target>``) becomes an *optional*
autorefs cross-reference: a link when the target is rendered on the site, plain code otherwise, never a
warning under ``mkdocs build --strict``. A name is resolved in the scope of the object whose docstring it
is in (``BuyingGroup`` in ``stakeholders.model``), then as a public name (``stakeholders.NAME``).
It also ends a paragraph's reStructuredText ``::`` (a literal block follows) with one colon, as Sphinx
shows it, and fences the indented ``>>>`` examples as Python console code, so they are highlighted and
wrap (docs/stylesheets/extra.css) instead of being cut off.
"""

from __future__ import annotations

import html
import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?P<role>func|class|meth|data|mod|attr|exc|obj|const):`(?P<body>[^`]+)`")
EXPLICIT = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
CALLABLE_ROLES = {"func", "meth"}
PACKAGE = "stakeholders"


def resolve(scope: griffe.Object | None, target: str) -> str:
    """The full path of ``target`` seen from ``scope``: the object's own scope first, then the public API."""
    if target.startswith(PACKAGE + ".") or target == PACKAGE:
        return target
    head, _, rest = target.partition(".")
    while scope is not None:
        try:
            path = scope.resolve(head)
        except (griffe.NameResolutionError, KeyError, ValueError):
            scope = scope.parent
            continue
        return f"{path}.{rest}" if rest else path
    return f"{PACKAGE}.{target}"


def role_to_autoref(match: re.Match[str], scope: griffe.Object | None) -> str:
    """One role as an optional cross-reference: ``<autoref identifier=... optional><code>...</code></autoref>``."""
    role, body = match["role"], match["body"].strip()
    explicit = EXPLICIT.match(body)
    title, target = (explicit["title"], explicit["target"]) if explicit else (None, body)
    short = target.startswith("~")
    target = target.lstrip("~.")
    if title is None:
        title = target.rsplit(".", 1)[-1] if short else target
        if role in CALLABLE_ROLES and not title.endswith(")"):
            title += "()"
    identifier = html.escape(resolve(scope, target), quote=True)
    return f'<autoref identifier="{identifier}" optional><code>{html.escape(title)}</code></autoref>'


def fence_doctests(text: str) -> str:
    """Indented ``>>>`` blocks (after ``::`` or not) as fenced ``pycon`` blocks, at the paragraph's indent."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith(">>>") and (not out or not out[-1].strip() or out[-1].rstrip().endswith(":")):
            indent = len(line) - len(stripped)
            block: list[str] = []
            while i < len(lines) and lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) >= indent:
                block.append(lines[i][indent:])
                i += 1
            if out and out[-1].strip():
                out.append("")
            out += ["```pycon", *block, "```"]
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def convert(text: str, scope: griffe.Object | None = None) -> str:
    """A docstring's text with roles as cross-references, ``::`` as ``:`` and doctests fenced."""
    text = ROLE.sub(lambda match: role_to_autoref(match, scope), text)
    text = re.sub(r"(\S)::[ \t]*$", r"\1:", text, flags=re.M)
    text = re.sub(r"^([ \t]*)::[ \t]*$", r"", text, flags=re.M)
    return fence_doctests(text)


class SphinxRoles(griffe.Extension):
    """Rewrite every docstring of the package once it is loaded (the parse happens later, at render time)."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        seen: set[int] = set()
        stack: list[griffe.Object] = [pkg]
        while stack:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if obj.docstring is not None:
                obj.docstring.value = convert(obj.docstring.value, obj)
            stack += [member for member in obj.members.values() if not member.is_alias]

"""Generated regions of the docs pages, shared by scripts/gen_docs.py and scripts/safety_page.py.

A region is the text between ``<!-- BEGIN generated:NAME ... -->`` and
``<!-- END generated:NAME -->``; a generator function gives its body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

_REGION = re.compile(
    r"(?P<begin><!-- BEGIN generated:(?P<name>[\w-]+)[^\n]*-->\n)"
    r"(?P<body>.*?)(?P<end><!-- END generated:(?P=name) -->)",
    re.DOTALL,
)


def fill_regions(text: str, generators: dict[str, Callable[[], str]], where: str) -> str:
    """``text`` with every generated region filled by its generator; an unknown or missing region is an error."""
    found: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in generators:
            raise SystemExit(f"generated docs: {where} has an unknown generated region {name!r}")
        found.add(name)
        begin = f"<!-- BEGIN generated:{name} (scripts/gen_docs.py; do not edit by hand) -->\n"
        return begin + generators[name]() + "\n" + match["end"]

    result = _REGION.sub(replace, text)
    missing = set(generators) - found
    if missing:
        raise SystemExit(f"generated docs: {where} lacks the generated regions {sorted(missing)}")
    return result


def md_cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(headers: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    headers = list(headers)
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)

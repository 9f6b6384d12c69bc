#!/usr/bin/env python3
"""The numbers of docs/safety.md, from docs/safety-counts.json.

The safety tests (tests/safety/test_fuzz.py, test_hostile.py, test_injection.py,
test_privacy.py, test_atomic.py, test_roundtrip.py, test_differential.py) count what they check; a
run with the ``fuzz`` profile (``.ci/run`` does one) writes the counts to
docs/safety-counts.json and calls :func:`write_page`, which fills the region
``safety-numbers`` of docs/safety.md. tests/safety/test_fuzz.py checks in every run
that the page shows what the JSON holds, so the page cannot go stale.

Usage::

    python scripts/safety_page.py           # rewrite the region from the JSON
    python scripts/safety_page.py --check   # exit 1 if the page differs from the JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _regions import fill_regions, table  # noqa: E402

PAGE = ROOT / "docs" / "safety.md"
COUNTS = ROOT / "docs" / "safety-counts.json"
NAME = "safety-numbers"


def _n(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _run_line(section: dict[str, Any]) -> str:
    run = section.get("run", {})
    return (
        f"*Last run: {run.get('finished', '?')}, Python {run.get('python', '?')}, {run.get('cpus', '?')} CPUs,"
        f" hypothesis profile `{run.get('profile', '?')}`"
        + (f", {section['seconds']} s" if "seconds" in section else "")
        + ".*"
    )


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    return table(header, [[_n(c) for c in row] for row in rows]).split("\n")


def render(data: dict[str, Any]) -> str:
    """The markdown of the region, from the counts."""
    out: list[str] = []
    fuzz = data.get("fuzz")
    if fuzz:
        counts = fuzz["counts"]
        loaded, refused = fuzz.get("loaded", {}), fuzz.get("refused", {})
        out += [
            "### Fuzzing",
            "",
            f"**{_n(fuzz.get('total', sum(counts.values())))} hypothesis examples** in the last full run (the"
            f" `fuzz` profile is set to {_n(fuzz.get('target', 10_000))}; a run of fewer than 10,000 fails),"
            f" calling the readers {_n(fuzz.get('calls', sum(counts.values())))} times. Every call either"
            " loaded a map (which was then saved and read back unchanged) or raised a `MapError` with"
            " well-formed problems; nothing else escaped. For the command line, *loaded* is exit code 0 and"
            " *refused* exit code 1 with a message.",
            "",
            *_table(
                ("reader and input", "calls", "loaded", "refused with MapError"),
                [(f"`{name}`", n, loaded.get(name, 0), refused.get(name, 0)) for name, n in counts.items()],
            ),
            "",
            _run_line(fuzz),
            "",
        ]
    for key, title in (
        ("hostile", "Hostile files"),
        ("roundtrip", "Round trips"),
        ("differential", "Every format agrees (differential and metamorphic)"),
        ("injection", "Renderer injection"),
        ("atomic", "No lost work"),
        ("privacy", "Private data"),
    ):
        section = data.get(key)
        if not section:
            continue
        out += [f"### {title}", ""]
        if "summary" in section:
            out += [section["summary"], ""]
        rows = section.get("rows")
        if rows:
            out += [*_table(tuple(section["columns"]), [tuple(r) for r in rows]), ""]
        elif section.get("counts"):
            out += [*_table(("checked", "count"), list(section["counts"].items())), ""]
        out += [_run_line(section), ""]
    if not out:
        out = ["*No full run recorded yet: run `make fuzz` or `.ci/run`.*"]
    return "\n".join(out).rstrip("\n")


def load_counts() -> dict[str, Any]:
    if not COUNTS.exists():
        return {}
    data: dict[str, Any] = json.loads(COUNTS.read_text(encoding="utf-8"))
    return data


def page_text() -> str:
    """docs/safety.md as it should be: the region filled from the counts."""
    text = PAGE.read_text(encoding="utf-8")
    return fill_regions(text, {NAME: lambda: render(load_counts())}, "safety.md")


def write_page() -> None:
    text = page_text()
    if text != PAGE.read_text(encoding="utf-8"):
        PAGE.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page differs from the counts")
    args = parser.parse_args(argv)
    if args.check:
        if page_text() != PAGE.read_text(encoding="utf-8"):
            print("out of date: docs/safety.md (run python scripts/safety_page.py)")
            return 1
        return 0
    write_page()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate the chart gallery: every example, in English and Chinese, with both backends.

    python scripts/gallery.py            # writes docs/gallery/*.png and docs/gallery.md

The README's picture and the docs home page's are one of these files. Run it after changing the chart.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import stakeholders  # noqa: E402
from stakeholders.drawing import render, render_power_map  # noqa: E402

GALLERY = ROOT / "docs" / "gallery"
LANGS = {"en": "English", "zh": "中文"}
BACKENDS = ("graphviz", "matplotlib")
DPI = 100  # enough to read on screen; keeps the gallery small in the repository


def picture(alt: str, name: str) -> str:
    """A chart shown as wide as the text column, as a link to the full-size file (docs/stylesheets/extra.css)."""
    return f"[![{alt}](gallery/{name})](gallery/{name}){{ .chart }}"


def main() -> int:
    GALLERY.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Gallery",
        "",
        "Every example map drawn by both backends in both languages, with red-flag callouts, and its",
        "power map. Click a chart to open it at full size. Regenerate with `make docs` (or",
        "`python scripts/gallery.py`).",
        "",
    ]
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        group = stakeholders.load(example)
        analysis = stakeholders.analyze(group)
        lines += [f"## {example.stem}", "", f"*{group.customer}* — {group.opportunity or ''}", ""]
        for lang, language in LANGS.items():
            for backend in BACKENDS:
                name = f"{example.stem}_{lang}_{backend}.png"
                render(group, GALLERY / name, backend=backend, lang=lang, flags=True, analysis=analysis, dpi=DPI)
                lines += [f"### {language}, {backend}", "", picture(f"{example.stem} {lang} {backend}", name), ""]
            name = f"{example.stem}_{lang}_power_map.png"
            render_power_map(group, GALLERY / name, lang=lang, analysis=analysis, dpi=DPI)
            lines += [f"### {language}, power map", "", picture(f"{example.stem} {lang} power map", name), ""]
            print(f"drew {example.stem} ({lang})")
    (ROOT / "docs" / "gallery.md").write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

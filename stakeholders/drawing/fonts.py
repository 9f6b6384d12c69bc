"""Finding a font that can draw Chinese, for both backends.

Graphviz resolves font names through fontconfig, matplotlib through its own
font manager; both need a font with CJK glyphs or Chinese turns into boxes.
We look for well-known CJK families with ``fc-list`` (fontconfig's own tool,
so no font-matching code is written here) and register the file with
matplotlib's ``fontManager.addfont`` without touching the user's rcParams.
When none is found, one warning says how to fix it.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import warnings
from dataclasses import dataclass

__all__ = ["CJK_FAMILIES", "FontWarning", "cjk_font", "font_fallbacks"]

#: CJK-capable families, best first. Noto Sans CJK SC comes with Debian's fonts-noto-cjk.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)

#: Families tried after the main one for symbols and emoji.
SYMBOL_FAMILIES = ("Symbola", "Noto Emoji", "DejaVu Sans")

FIX = (
    "install a CJK font, e.g. `apt-get install fonts-noto-cjk` (Debian/Ubuntu) or run `make setup`;"
    " or pip install mplfonts for matplotlib"
)


class FontWarning(UserWarning):
    """No Chinese-capable font was found: Chinese text would show as boxes."""


@dataclass(frozen=True)
class FontChoice:
    family: str
    path: str | None
    cjk: bool


def _fc_list(query: str) -> list[tuple[str, str]]:
    """(family, file) pairs from fontconfig for a query such as ``:lang=zh``."""
    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(
            ["fc-list", query, "family", "file"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    pairs: list[tuple[str, str]] = []
    for line in out.splitlines():
        path, _, families = line.partition(": ")
        for family in families.split(","):
            if family.strip():
                pairs.append((family.strip(), path.strip()))
    return pairs


@functools.lru_cache(maxsize=1)
def cjk_font() -> FontChoice:
    """The best CJK-capable font on this machine, or a fallback with ``cjk=False``.

    Warns once (:class:`FontWarning`) when no CJK font exists.
    """
    found = _fc_list(":lang=zh")
    by_family: dict[str, str] = {}
    for family, path in found:
        by_family.setdefault(family, path)
    for family in CJK_FAMILIES:
        if family in by_family:
            return FontChoice(family, _regular(family, by_family[family], found), True)
    if found:
        family, path = sorted(found)[0]
        return FontChoice(family, path, True)
    warnings.warn(
        f"no Chinese-capable font found; Chinese text will show as boxes. To fix: {FIX}", FontWarning, stacklevel=3
    )
    return FontChoice("DejaVu Sans", None, False)


def _regular(family: str, default: str, found: list[tuple[str, str]]) -> str:
    """Prefer the Regular file of a family (fc-list may list the Bold one first)."""
    paths = sorted({p for f, p in found if f == family})
    for path in paths:
        if "Regular" in path:
            return path
    return default


@functools.lru_cache(maxsize=1)
def font_fallbacks() -> tuple[str, ...]:
    """Symbol/emoji families installed here, tried after the main font."""
    installed = {family for family, _ in _fc_list("")}
    return tuple(f for f in SYMBOL_FAMILIES if f in installed)

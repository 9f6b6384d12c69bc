"""Finding a font that can draw Chinese, for both backends.

Graphviz resolves font names through fontconfig (or Core Text on some macOS
builds), matplotlib through its own font manager; both need a font with CJK
glyphs or Chinese turns into boxes. The font is looked for in this order, the
first place that has one wins:

1. fontconfig (``fc-list :lang=zh``), where its tools are installed: Linux, and
   macOS with Homebrew's Graphviz;
2. matplotlib's font manager: the system fonts it found (it reads the Windows
   registry and the usual Mac and Windows folders) and every font registered
   with ``fontManager.addfont``, e.g. by ``mplfonts init``;
3. the usual font folders of the platform (:func:`font_folders`), for a font
   installed after matplotlib built its font cache;
4. the fonts the ``mplfonts`` package ships (found without importing it).

In each place the families of :data:`CJK_FAMILIES` come first (in that order),
then any font with Chinese glyphs. The chosen file is registered with matplotlib's
``fontManager.addfont`` (:mod:`.mpl_fonts`) without touching the user's rcParams;
Graphviz is given the family name, and when the font is not one fontconfig
knows, a fontconfig file adding its folder (:func:`fontconfig_env`). When no
font is found, one :class:`~.notes.FontWarning` gives advice for this platform.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from .notes import FontWarning

__all__ = [
    "CJK_FAMILIES",
    "FontChoice",
    "FontWarning",
    "cjk_font",
    "font_advice",
    "font_fallbacks",
    "font_folders",
    "fontconfig_env",
]

#: CJK-capable families, best first. Noto Sans CJK SC comes with Debian's fonts-noto-cjk (and mplfonts);
#: PingFang SC, Hiragino Sans GB and STHeiti with macOS; Microsoft YaHei, DengXian and SimHei with Windows.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "DengXian",
    "SimHei",
    "Droid Sans Fallback",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Songti SC",
    "SimSun",
    "AR PL UMing CN",
    "Arial Unicode MS",
)

#: Families tried after the main one for symbols and emoji.
SYMBOL_FAMILIES = ("Symbola", "Noto Emoji", "DejaVu Sans")

#: Characters a font must have to count as Chinese-capable (when its family is not a known one).
_PROBE = "中文组织"

#: Font files, by suffix (lower case).
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


@dataclass(frozen=True)
class FontChoice:
    """The font both backends draw with: its family, its file, whether it has Chinese, where it was found.

    ``source`` is ``"fontconfig"``, ``"matplotlib"``, ``"folder"``, ``"mplfonts"`` or ``"none"``.
    """

    family: str
    path: str | None
    cjk: bool
    source: str = "fontconfig"


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


def font_folders() -> list[Path]:
    """The usual font folders of this platform (those that exist are read)."""
    home = Path.home()
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        local = os.environ.get("LOCALAPPDATA", str(home / "AppData" / "Local"))
        return [Path(windir) / "Fonts", Path(local) / "Microsoft" / "Windows" / "Fonts"]
    return [
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
    ]


def _mplfonts_folder() -> Path | None:
    """The folder of fonts the ``mplfonts`` package ships, found without importing the package."""
    try:
        spec = importlib.util.find_spec("mplfonts")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return folder if folder.is_dir() else None


def _face_families(path: str) -> list[str]:
    """The family name of each face of a font file (one for .ttf/.otf, several for a collection)."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return []
    families = [font.family_name]
    for index in range(1, int(getattr(font, "num_faces", 1))):
        try:
            families.append(FT2Font(path, face_index=index).family_name)  # type: ignore[call-arg,unused-ignore]
        except (OSError, RuntimeError, ValueError, TypeError):  # TypeError: matplotlib before face_index
            break
    return families


def _has_chinese(path: str) -> bool:
    """Whether the font file has glyphs for Chinese characters (checked with FreeType, as matplotlib draws)."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
        return all(font.get_char_index(ord(ch)) for ch in _PROBE)
    except (OSError, RuntimeError, ValueError):
        return False


def _folder_fonts(folders: Iterable[Path]) -> list[tuple[str, str]]:
    """(family, file) pairs of the font files in ``folders`` and their subfolders."""
    pairs: list[tuple[str, str]] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        files = sorted(str(p) for p in folder.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES and p.is_file())
        for path in files:
            pairs.extend((family, path) for family in _face_families(path))
    return pairs


def _matplotlib_fonts() -> list[tuple[str, str]]:
    """(family, file) pairs matplotlib's font manager knows: system fonts and those added with ``addfont``."""
    from matplotlib.font_manager import fontManager

    return [(entry.name, str(entry.fname)) for entry in fontManager.ttflist]


def _pick(found: list[tuple[str, str]], known_cjk: bool) -> tuple[str, str] | None:
    """The best (family, file): a family of :data:`CJK_FAMILIES` first, then any font with Chinese glyphs.

    ``known_cjk``: every font of ``found`` has Chinese (fontconfig's ``:lang=zh``), no need to look.
    """
    by_family: dict[str, str] = {}
    for family, path in found:
        by_family.setdefault(family, path)
    for family in CJK_FAMILIES:
        if family in by_family:
            return family, _regular(family, by_family[family], found)
    checked: dict[str, bool] = {}
    for family, path in sorted(found):
        if known_cjk or checked.setdefault(path, _has_chinese(path)):
            return family, path
    return None


def _sources() -> list[tuple[str, Callable[[], list[tuple[str, str]]]]]:
    """Where fonts are looked for, in order (see the module's docstring)."""
    mplfonts = _mplfonts_folder()
    return [
        ("fontconfig", lambda: _fc_list(":lang=zh")),
        ("matplotlib", _matplotlib_fonts),
        ("folder", lambda: _folder_fonts(font_folders())),
        ("mplfonts", lambda: _folder_fonts([mplfonts] if mplfonts is not None else [])),
    ]


@functools.lru_cache(maxsize=1)
def cjk_font() -> FontChoice:
    """The best CJK-capable font on this machine, or a fallback with ``cjk=False``.

    Warns once (:class:`FontWarning`) when no CJK font exists, with advice for this platform.
    """
    for source, find in _sources():
        picked = _pick(find(), known_cjk=source == "fontconfig")
        if picked is not None:
            return FontChoice(picked[0], picked[1], True, source)
    warnings.warn(font_advice(), FontWarning, stacklevel=3)
    return FontChoice("DejaVu Sans", None, False, "none")


def _regular(family: str, default: str, found: list[tuple[str, str]]) -> str:
    """Prefer the Regular file of a family (fc-list may list the Bold one first)."""
    paths = sorted({p for f, p in found if f == family})
    for path in paths:
        if "Regular" in path:
            return path
    return default


def _linux_distribution() -> set[str]:
    """The ids of this Linux distribution and those it is like (``/etc/os-release``), lower case."""
    try:
        import platform

        release = platform.freedesktop_os_release()
    except (OSError, AttributeError):
        return set()
    return {word.lower() for key in ("ID", "ID_LIKE") for word in release.get(key, "").split()}


def font_advice(platform: str | None = None, distribution: Iterable[str] | None = None) -> str:
    """The one line said when no Chinese font is found: what to install here, in English and Chinese.

    ``platform`` is a ``sys.platform`` value (this machine's by default); ``distribution`` the
    Linux distribution ids (read from ``/etc/os-release`` by default).
    """
    platform = sys.platform if platform is None else platform
    pip = "pip install mplfonts"
    if platform == "darwin":
        en = f"macOS ships PingFang SC and Hiragino Sans GB: turn them back on in Font Book, or run `{pip}`"
        zh = f"macOS 自带苹方（PingFang SC）和冬青黑体（Hiragino Sans GB），请在“字体册”里重新启用，或运行 `{pip}`"
    elif platform == "win32":
        en = f"Windows ships Microsoft YaHei: add it back in Settings > Personalization > Fonts, or run `{pip}`"
        zh = f"Windows 自带微软雅黑（Microsoft YaHei），请在“设置 > 个性化 > 字体”里装回，或运行 `{pip}`"
    else:
        ids = _linux_distribution() if distribution is None else set(distribution)
        if ids & {"debian", "ubuntu"}:
            command = "sudo apt install fonts-noto-cjk"
        elif ids & {"fedora", "rhel", "centos"}:
            command = "sudo dnf install google-noto-sans-cjk-fonts"
        else:
            command = "install Noto Sans CJK from your distribution's packages"
        en = f"run `{command}`, or `{pip}`"
        zh = f"请运行 `{command}`，或 `{pip}`"
    return (
        f"no font with Chinese characters found, so Chinese text shows as boxes; to fix: {en}"
        f" / 没有找到中文字体，中文会显示成方框。解决：{zh}"
    )


@functools.lru_cache(maxsize=1)
def font_fallbacks() -> tuple[str, ...]:
    """Symbol/emoji families installed here, tried after the main font."""
    installed = {family for family, _ in _fc_list("")}
    if not installed and cjk_font().source != "fontconfig":
        installed = {family for family, _ in _matplotlib_fonts()}
    return tuple(f for f in SYMBOL_FAMILIES if f in installed)


@functools.lru_cache(maxsize=1)
def _fontconfig_file(folder: str, base: str) -> str:
    """A fontconfig file that reads ``base`` (the usual configuration) and adds ``folder``.

    Written once per process into a temporary folder removed at exit.
    """
    from ..atomic import atomic_write

    directory = tempfile.mkdtemp(prefix="stakeholders-fonts-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = Path(directory) / "stakeholders-fonts.conf"
    atomic_write(
        path,
        (
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
            f'  <include ignore_missing="yes">{escape(base)}</include>\n'
            f"  <dir>{escape(folder)}</dir>\n</fontconfig>\n"
        ).encode(),
    )
    return str(path)


def fontconfig_env() -> dict[str, str] | None:
    """The environment for Graphviz's ``dot`` when the chosen font is not one fontconfig knows, else None.

    ``FONTCONFIG_FILE`` then names a file that includes the usual configuration
    (the one named by ``FONTCONFIG_FILE`` already, or the system's ``fonts.conf``)
    and adds the font's folder, so ``dot`` finds the family by name. Only the
    ``dot`` subprocess gets it; with fontconfig's own fonts nothing changes.
    """
    font = cjk_font()
    if font.path is None or font.source == "fontconfig":
        return None
    base = os.environ.get("FONTCONFIG_FILE") or "fonts.conf"  # a relative name: the system's configuration folder
    return {**os.environ, "FONTCONFIG_FILE": _fontconfig_file(str(Path(font.path).parent), base)}

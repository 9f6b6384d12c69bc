"""Finding a Chinese font without fontconfig's tools: matplotlib, the Mac and Windows folders, mplfonts.

Each platform is simulated on this machine: ``fc-list`` hidden, matplotlib's font list
without CJK fonts, ``sys.platform`` and the folders set, and a real CJK font of this
machine linked into a temporary folder. Chinese must then be drawn with that font by
both backends, and with no font at all one ``note:`` line gives this platform's advice.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.ft2font import FT2Font

import stakeholders
from stakeholders.cli import main
from stakeholders.drawing import FontWarning, RenderNote, fonts, mpl_fonts
from stakeholders.drawing.dot import run_dot

ROOT = Path(__file__).resolve().parents[2]
CHINESE_MAP = ROOT / "examples" / "welding_soe.yaml"
SOURCE_FONT = fonts._regular(
    "Noto Sans CJK SC", "", fonts._fc_list(":lang=zh")
)  # a real CJK font of this machine, found the Linux way
needs_font = pytest.mark.skipif(not SOURCE_FONT, reason="needs Noto Sans CJK (fonts-noto-cjk) on this machine")
needs_dot = pytest.mark.exe


def _has_chinese(path: str) -> bool:
    try:
        return FT2Font(path).get_char_index(ord("中")) != 0
    except (OSError, RuntimeError):
        return False


def _clear_caches() -> None:
    fonts.cjk_font.cache_clear()
    fonts.font_fallbacks.cache_clear()
    for cached in (
        mpl_fonts.font_family,
        mpl_fonts._bold_family,
        mpl_fonts._charmap,
        mpl_fonts._bold_ok,
        mpl_fonts._width10,
    ):
        cached.cache_clear()
    findfont_cache = getattr(fontManager, "_findfont_cached", None)
    if findfont_cache is not None:
        findfont_cache.cache_clear()


@pytest.fixture
def bare(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A machine without fc-list, whose matplotlib knows no CJK font and whose home is ``tmp_path``."""
    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "fc-list" else which(name, *a, **k))
    monkeypatch.setattr(fontManager, "ttflist", [e for e in fontManager.ttflist if not _has_chinese(e.fname)])
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "path", [p for p in sys.path if "mplfonts" not in p])
    _clear_caches()
    yield tmp_path
    _clear_caches()


def _link_font(folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / (name or Path(SOURCE_FONT).name)
    try:  # a hard link (or a copy): matplotlib resolves symbolic links to the system's file
        os.link(SOURCE_FONT, link)
    except OSError:
        shutil.copyfile(SOURCE_FONT, link)
    return link


def _assert_matplotlib_draws_chinese_with(path: Path) -> None:
    """The chart's font list resolves to ``path``, and drawing Chinese reports no missing glyph."""
    family = mpl_fonts.font_list()
    resolved = fontManager.findfont(FontProperties(family=family), fallback_to_default=False)
    assert Path(resolved) == path, (resolved, family)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = stakeholders.render(
            stakeholders.load(CHINESE_MAP), path.parent / "chart.png", backend="matplotlib", lang="zh"
        )
    assert png.read_bytes().startswith(b"\x89PNG")
    assert not [w for w in caught if "missing from" in str(w.message)], [str(w.message) for w in caught]


def _dot_resolves(tmp_path: Path) -> list[str]:
    """The fonts ``dot -v`` resolves for a Chinese chart, with the environment the library gives dot."""
    env = fonts.fontconfig_env()
    assert env is not None
    done = subprocess.run(
        ["dot", "-v", "-Tpng", "-o", str(tmp_path / "dot.png")],
        input=stakeholders.to_dot(stakeholders.load(CHINESE_MAP), lang="zh").encode(),
        capture_output=True,
        check=True,
        env=env,
    )
    return [line for line in done.stderr.decode().splitlines() if "resolved to" in line]


def _family(found: str) -> str:
    """The family without its face: matplotlib before 3.11 names a .ttc by its first face (Noto Sans CJK JP)."""
    return found.removesuffix(" SC").removesuffix(" JP")


@needs_font
def test_a_mac_font_folder_is_found_without_fc_list(bare: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert Path.home() / "Library" / "Fonts" in fonts.font_folders()
    assert Path("/System/Library/Fonts") in fonts.font_folders()
    link = _link_font(bare / "Library" / "Fonts")
    choice = fonts.cjk_font()
    assert (_family(choice.family), Path(choice.path or ""), choice.cjk, choice.source) == (
        "Noto Sans CJK",
        link,
        True,
        "folder",
    )
    monkeypatch.setattr(sys, "platform", "linux")  # drawing itself runs on this machine
    _assert_matplotlib_draws_chinese_with(link)


@needs_font
def test_a_windows_user_font_folder_is_found_without_fc_list(bare: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(bare / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(bare / "AppData" / "Local"))
    assert fonts.font_folders() == [
        bare / "Windows" / "Fonts",
        bare / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts",
    ]
    link = _link_font(bare / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts", "msyh.ttc")
    choice = fonts.cjk_font()
    assert (_family(choice.family), Path(choice.path or ""), choice.source) == ("Noto Sans CJK", link, "folder")


@needs_font
def test_a_font_registered_with_matplotlib_is_used(bare: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "font_folders", lambda: [], raising=False)
    link = _link_font(bare / "registered", "MyCompanyHei.ttc")
    fontManager.addfont(str(link))
    choice = fonts.cjk_font()
    assert (Path(choice.path or ""), choice.cjk, choice.source) == (link, True, "matplotlib")
    _assert_matplotlib_draws_chinese_with(link)


@needs_font
def test_a_font_of_unknown_family_counts_when_it_has_chinese_glyphs(
    bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = _link_font(bare / "fonts")
    monkeypatch.setattr(fonts, "font_folders", lambda: [bare / "fonts"], raising=False)
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("Some Other Hei",))
    assert fonts.cjk_font().path == str(link)


@needs_font
def test_the_fonts_mplfonts_ships_are_found_without_importing_it(bare: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`pip install mplfonts` is advised: then its fonts must be found, whether or not `mplfonts init` ran."""
    monkeypatch.setattr(fonts, "font_folders", lambda: [], raising=False)
    package = bare / "site" / "mplfonts"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("raise AssertionError('mplfonts was imported')\n")
    link = _link_font(package / "fonts", "NotoSansCJKsc-Regular.otf")
    monkeypatch.syspath_prepend(str(bare / "site"))
    choice = fonts.cjk_font()
    assert (Path(choice.path or ""), choice.source) == (link, "mplfonts")
    assert "mplfonts" not in sys.modules
    _assert_matplotlib_draws_chinese_with(link)


@needs_font
@needs_dot
def test_graphviz_is_told_the_folder_of_a_font_fontconfig_does_not_know(
    bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A system whose fontconfig has no CJK font: dot finds the chosen font through the generated file only."""
    monkeypatch.setattr(fonts, "font_folders", lambda: [bare / "fonts"], raising=False)
    link = _link_font(bare / "fonts")
    system = bare / "system-fonts.conf"  # the "system" configuration: DejaVu only
    system.write_text(
        '<?xml version="1.0"?>\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>'
        f"<cachedir>{bare / 'cache'}</cachedir></fontconfig>\n"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(system))
    fonts._fontconfig_file.cache_clear()
    assert fonts.cjk_font().source == "folder"
    resolved = _dot_resolves(bare)
    assert resolved and all(str(link.parent) in line for line in resolved), resolved
    # the same chart rendered by the library: the PNG is written, without a font note
    with warnings.catch_warnings():
        warnings.simplefilter("error", RenderNote)
        assert run_dot(stakeholders.to_dot(stakeholders.load(CHINESE_MAP), lang="zh"), "png").startswith(b"\x89PNG")
    fonts._fontconfig_file.cache_clear()


def test_with_fontconfig_fonts_graphviz_runs_as_before() -> None:
    if not fonts.cjk_font().cjk or fonts.cjk_font().source != "fontconfig":
        pytest.skip("this machine's CJK font is not a fontconfig one")
    assert fonts.fontconfig_env() is None


@pytest.fixture
def no_font(bare: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(fonts, "font_folders", lambda: [], raising=False)
    return bare


ADVICE = [
    ("linux", ["debian"], "sudo apt install fonts-noto-cjk"),
    ("linux", ["ubuntu", "debian"], "sudo apt install fonts-noto-cjk"),
    ("linux", ["fedora"], "sudo dnf install google-noto-sans-cjk-fonts"),
    ("linux", ["arch"], "install Noto Sans CJK from your distribution's packages"),
    ("darwin", [], "macOS ships PingFang SC"),
    ("win32", [], "Windows ships Microsoft YaHei"),
]


@pytest.mark.parametrize(("platform", "distribution", "advice"), ADVICE)
def test_no_chinese_font_warns_once_with_this_platforms_advice(
    no_font: Path, monkeypatch: pytest.MonkeyPatch, platform: str, distribution: list[str], advice: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(fonts, "_linux_distribution", lambda: set(distribution), raising=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        choice = fonts.cjk_font()
        fonts.cjk_font()
        stakeholders.to_dot(stakeholders.load(CHINESE_MAP), lang="zh")
    assert not choice.cjk
    assert [w.category for w in caught] == [FontWarning] and issubclass(FontWarning, RenderNote)
    message = str(caught[0].message)
    assert advice in message and "pip install mplfonts" in message and "没有找到中文字体" in message
    assert "\n" not in message and "make" not in message


@pytest.mark.parametrize(("platform", "distribution", "advice"), ADVICE[::2] + ADVICE[5:])
def test_the_cli_prints_one_note_line_and_exits_0(
    no_font: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    platform: str,
    distribution: list[str],
    advice: str,
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(fonts, "_linux_distribution", lambda: set(distribution), raising=False)
    for backend in ("matplotlib", "graphviz") if shutil.which("dot") else ("matplotlib",):
        _clear_caches()
        out = no_font / f"{backend}.svg"
        assert main(["render", str(CHINESE_MAP), "-o", str(out), "--backend", backend]) == 0
        err = capsys.readouterr().err
        lines = err.splitlines()
        notes = [line for line in lines if "Chinese" in line]
        assert len(notes) == 1 and notes[0].startswith("note: no font with Chinese characters found"), err
        assert advice in notes[0]
        assert "Warning" not in err and "warn(" not in err and "make setup" not in err
        assert re.search(r"\.py:\d+", err) is None, err
        assert out.is_file()

"""Saving a matplotlib figure: the same map gives the same bytes, written atomically."""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib

from .fonts import cjk_font
from .org_chart import draw_chart
from .theme import BACKGROUND

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .view import ChartView

__all__ = ["PNG_DPI", "drawn_figure_bytes", "figure_bytes", "save_figure"]

PNG_DPI = 150


def save_figure(view: ChartView, path: Path, fmt: str, dpi: int = PNG_DPI) -> Path:
    """Draw the chart and write it to ``path`` as ``fmt`` (png at ``dpi``, svg, pdf), atomically.

    A new file is created 0o600 when the chart shows coach markings or introductions (``view.private``).
    """
    from ..atomic import atomic_write

    path = Path(path)
    atomic_write(path, figure_bytes(lambda: draw_chart(view), fmt, dpi), private=view.private)
    return path


def figure_bytes(draw: Callable[[], tuple[Figure, Axes]], fmt: str, dpi: int = PNG_DPI) -> bytes:
    """The figure ``draw`` makes, saved as ``fmt`` (png at ``dpi``, svg, pdf): the one way figures are saved.

    The same map gives the same bytes (no dates, fixed SVG ids); SVG keeps text
    as text (``svg.fonttype: none``), set only for this save; the background is white.
    """
    _format(fmt)
    with _saving():
        fig, _ = draw()
        try:
            return drawn_figure_bytes(fig, fmt, dpi)
        finally:
            fig.clear()


def drawn_figure_bytes(fig: Figure, fmt: str, dpi: int = PNG_DPI) -> bytes:
    """A figure already drawn (the power map a notebook shows), saved as :func:`figure_bytes` saves; kept as it is."""
    fmt = _format(fmt)
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    buffer = io.BytesIO()
    with _saving():
        fig.savefig(buffer, format=fmt, dpi=dpi if fmt == "png" else "figure", metadata=metadata, facecolor=BACKGROUND)
    return buffer.getvalue()


def _format(fmt: str) -> str:
    if fmt.lower() not in ("png", "svg", "pdf"):
        raise ValueError(f"cannot save format {fmt!r} (expected png, svg or pdf)")
    return fmt.lower()


@contextlib.contextmanager
def _saving() -> Iterator[None]:
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "stakeholders"}), warnings.catch_warnings():
        if not cjk_font().cjk:
            # fonts.cjk_font already warned once how to install a Chinese font.
            warnings.filterwarnings("ignore", message=".*missing from (current )?font")
        yield

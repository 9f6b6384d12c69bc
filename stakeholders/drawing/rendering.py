"""The public drawing functions: ``to_dot``, ``draw``, ``power_map``, ``render`` and ``Chart``."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ..model import BuyingGroup
from .dot import RenderNote
from .inline import INLINE_DPI, INLINE_FORMATS, close_pyplot_figure, mimebundle
from .view import ChartView, NameStyle, Redaction, chart_view

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis import Analysis

__all__ = ["Chart", "PowerMap", "RenderNote", "chart", "draw", "power_map", "render", "render_power_map", "to_dot"]

Backend = Literal["graphviz", "matplotlib"]
#: The image formats drawn here (the format registry, stakeholders.io.formats, lists them from here).
FORMATS = ("png", "svg", "pdf")


def _view(
    group: BuyingGroup,
    *,
    lang: str,
    redact: bool | Redaction,
    names: NameStyle | None,
    flags: bool,
    analysis: Analysis | None,
) -> ChartView:
    if analysis is None:  # the chart shows every person's influence, so it always needs the analysis
        from ..analysis import analyze

        analysis = analyze(group, redact=not Redaction.of(redact, names).insiders)
    return chart_view(group, lang=lang, redact=redact, names=names, analysis=analysis, flags=flags)


def to_dot(
    group: BuyingGroup,
    *,
    lang: str = "en",
    redact: bool | Redaction = False,
    names: NameStyle | None = None,
    flags: bool = False,
    analysis: Analysis | None = None,
) -> str:
    """The chart as Graphviz DOT text; needs no ``dot`` binary.

    ``lang`` is ``"en"`` or ``"zh"`` (or ``"zh_hant"``) for every fixed text;
    ``redact=True`` leaves out coach/informant markings and private data;
    ``names`` may be ``"initials"`` or ``"role"`` to hide names; ``flags=True``
    adds red-flag callouts from the analysis.

    >>> import stakeholders
    >>> g = stakeholders.loads("customer: X\\npeople: [{name: 'CFO: 李娜'}]")
    >>> text = stakeholders.to_dot(g)
    >>> "p0 [label=" in text and "CFO: 李娜" in text
    True
    """
    from .dot import dot_source

    return dot_source(_view(group, lang=lang, redact=redact, names=names, flags=flags, analysis=analysis))


def draw(
    group: BuyingGroup,
    ax: Axes | None = None,
    *,
    lang: str = "en",
    redact: bool | Redaction = False,
    names: NameStyle | None = None,
    flags: bool = False,
    analysis: Analysis | None = None,
) -> tuple[Figure, Axes]:
    """Draw the chart with matplotlib on ``ax`` (a new figure when ``None``); returns ``(figure, axes)``.

    Never switches the matplotlib backend or calls ``plt.show()``.
    """
    from .org_chart import draw_chart

    view = _view(group, lang=lang, redact=redact, names=names, flags=flags, analysis=analysis)
    return draw_chart(view, ax)


class PowerMap(NamedTuple):
    """The power map drawn by :func:`power_map`: unpacks as ``figure, ax`` and shows itself inline in Jupyter.

    In a notebook it shows as a PNG without ``%matplotlib inline`` or ``plt.show()``; a figure of
    pyplot's (``ax`` from ``plt.subplots``) is closed once shown, so it is not shown a second time.
    """

    figure: Figure
    axes: Axes

    def png(self, dpi: int = INLINE_DPI) -> bytes:
        """The power map as PNG bytes, as it shows inline (14 × 8.5 inches at 100 dpi: 1400 × 850 pixels)."""
        from .saving import drawn_figure_bytes

        return drawn_figure_bytes(self.figure, "png", dpi)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **_: Any) -> dict[str, Any]:
        bundle = mimebundle(lambda: ("png", self.png()), repr(self))
        close_pyplot_figure(self.figure)
        return bundle

    def __repr__(self) -> str:
        return f"<PowerMap: {self.figure!r}>"


def power_map(
    group: BuyingGroup,
    ax: Axes | None = None,
    *,
    lang: str = "en",
    redact: bool | Redaction = False,
    names: NameStyle | None = None,
    analysis: Analysis | None = None,
) -> PowerMap:
    """The power map grid: influence against stance, every person placed and labelled,
    the zones named (keep close, win over, neutralise, monitor). matplotlib.

    Returns a :class:`PowerMap`: ``figure, ax = sh.power_map(group)`` as before, and in a
    notebook ``sh.power_map(group)`` shows the picture inline.
    """
    from .power_grid import draw_power_map

    view = _view(group, lang=lang, redact=redact, names=names, flags=False, analysis=analysis)
    return PowerMap(*draw_power_map(view, ax))


def render_power_map(
    group: BuyingGroup,
    path: str | Path,
    *,
    lang: str = "en",
    redact: bool | Redaction = False,
    names: NameStyle | None = None,
    analysis: Analysis | None = None,
    format: str | None = None,
    dpi: int = 150,
) -> Path:
    """Save the power map (see :func:`power_map`) to ``path`` (png, svg, pdf), atomically.

    A new file is created 0o600 when drawn unredacted from a map with coach markings or introductions.
    """
    from ..atomic import atomic_write
    from .power_grid import draw_power_map
    from .saving import figure_bytes

    path = Path(path)
    fmt = _format_of(path, format)
    view = _view(group, lang=lang, redact=redact, names=names, flags=False, analysis=analysis)
    data = figure_bytes(lambda: draw_power_map(view, None), fmt, dpi)
    atomic_write(path, data, private=view.private)
    return path


def _format_of(path: Path, format: str | None) -> str:
    fmt = (format or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"{path}: cannot draw format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    return fmt


def _backend(backend: str | None) -> Backend:
    if backend is None:
        if shutil.which("dot") is not None:
            return "graphviz"
        warnings.warn(
            "Graphviz `dot` is not installed: drawing with matplotlib instead (install graphviz for the full layout)",
            RenderNote,
            stacklevel=3,
        )
        return "matplotlib"
    if backend not in ("graphviz", "matplotlib"):
        raise ValueError(f"unknown backend {backend!r} (expected 'graphviz' or 'matplotlib')")
    return backend  # type: ignore[return-value]


def render(
    group: BuyingGroup,
    path: str | Path,
    *,
    backend: str | None = None,
    lang: str = "en",
    redact: bool | Redaction = False,
    names: NameStyle | None = None,
    flags: bool = False,
    analysis: Analysis | None = None,
    format: str | None = None,
    timeout: float = 120.0,
    dpi: int = 150,
) -> Path:
    """Draw the chart to ``path``; the format (png, svg, pdf) comes from the suffix.

    ``backend`` is ``"graphviz"`` or ``"matplotlib"``; by default graphviz when
    ``dot`` is installed, else matplotlib with a :class:`RenderNote`. ``dpi``
    sets the resolution of PNG output; ``timeout`` bounds Graphviz's layout
    time. The file is written atomically. A :class:`RenderNote` warning says
    when a large chart had to be shrunk so much that its text may be too small
    to read (docs/chart.md, "Large maps").
    """
    path = Path(path)
    fmt = _format_of(path, format)
    chosen = _backend(backend)
    view = _view(group, lang=lang, redact=redact, names=names, flags=flags, analysis=analysis)
    if chosen == "graphviz":
        from .dot import dot_source, write_dot_output

        return write_dot_output(dot_source(view), path, fmt, timeout=timeout, dpi=dpi, private=view.private)
    from .saving import save_figure

    return save_figure(view, path, fmt, dpi=dpi)


class Chart:
    """A chart of a group with its options; shows itself inline in notebooks.

    ``format`` is how it shows: ``"svg"`` or ``"png"``; by default SVG from Graphviz, or PNG from
    matplotlib when ``dot`` is missing. ``format="png"`` for a notebook to be read on GitHub, which
    does not show SVG outputs.

    >>> import stakeholders
    >>> c = stakeholders.chart(stakeholders.loads("customer: X\\npeople: [{name: A}]"), lang="zh")
    >>> c.source.startswith("digraph organisation_chart")
    True
    """

    def __init__(self, group: BuyingGroup, *, format: str | None = None, **options: Any) -> None:
        if format is not None and format not in INLINE_FORMATS:
            raise ValueError(f"a chart shows inline as svg or png, not {format!r}")
        self.group = group
        self.format = format
        self.options = options

    @property
    def source(self) -> str:
        """The DOT text."""
        return to_dot(self.group, **self.options)

    def pipe(self, format: str = "svg", *, backend: str | None = None) -> bytes:
        """The chart as bytes in ``format``."""
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / f"chart.{format}"
            render(self.group, target, backend=backend, **self.options)
            return target.read_bytes()

    def render(self, path: str | Path, **kwargs: Any) -> Path:
        return render(self.group, path, **{**self.options, **kwargs})

    def _picture(self) -> tuple[str, bytes]:
        backend = "graphviz" if shutil.which("dot") is not None else "matplotlib"
        fmt = self.format or ("svg" if backend == "graphviz" else "png")
        return fmt, self.pipe(fmt, backend=backend)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **_: Any) -> dict[str, Any]:
        """SVG from Graphviz when ``dot`` exists, else PNG from matplotlib (or ``format``); never a traceback."""
        return mimebundle(self._picture, repr(self))

    def __repr__(self) -> str:
        return f"<Chart of {self.group.customer!r}: {len(self.group.people)} people>"


def chart(group: BuyingGroup, *, format: str | None = None, **options: Any) -> Chart:
    """A :class:`Chart` of ``group`` (same options as :func:`to_dot`), for notebooks;
    ``format="png"`` shows it as PNG rather than SVG (see :class:`Chart`)."""
    return Chart(group, format=format, **options)

"""How a picture shows itself inline in Jupyter: the one display path of the chart and the power map.

IPython asks an object for ``_repr_mimebundle_``; the picture answers with SVG text or
base64 PNG and a short ``text/plain``. A picture that cannot be drawn says why in plain
text, never with a traceback.
"""

from __future__ import annotations

import base64
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .dot import RenderError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["INLINE_DPI", "INLINE_FORMATS", "close_pyplot_figure", "mimebundle"]

#: The formats a picture may show itself in.
INLINE_FORMATS = ("svg", "png")
#: The resolution of a matplotlib picture shown inline.
INLINE_DPI = 100


def mimebundle(picture: Callable[[], tuple[str, bytes]], text: str) -> dict[str, Any]:
    """The display bundle of ``picture()``, which returns ``(format, bytes)`` with format ``svg`` or ``png``."""
    try:
        fmt, data = picture()
    except RenderError as err:
        return {"text/plain": f"{text}\n(could not draw the chart: {err})"}
    if fmt == "svg":
        return {"image/svg+xml": data.decode("utf-8"), "text/plain": text}
    return {"image/png": base64.b64encode(data).decode("ascii"), "text/plain": text}


def close_pyplot_figure(figure: Figure) -> None:
    """Close ``figure`` in pyplot when pyplot manages it (a figure of ``plt.subplots``), so that
    ``%matplotlib inline`` does not show it a second time after its picture. Never imports pyplot."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None and getattr(figure.canvas, "manager", None) is not None:
        pyplot.close(figure)

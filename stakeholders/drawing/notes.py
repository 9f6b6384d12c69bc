"""The warning categories of drawing: notes on how a chart was drawn.

The command line prints every :class:`RenderNote` (its subclasses included) as
one ``note: ...`` line on stderr (``cli/console.py``, ``notes``); in Python they
are ordinary warnings of a named category, which a caller can filter.
"""

from __future__ import annotations

__all__ = ["FontWarning", "RenderNote"]


class RenderNote(UserWarning):
    """A note about how a chart was drawn (e.g. matplotlib used because ``dot`` is missing)."""


class FontWarning(RenderNote):
    """No Chinese-capable font was found: Chinese text would show as boxes.

    Given once per process; its message says how to install a font on this platform.
    """

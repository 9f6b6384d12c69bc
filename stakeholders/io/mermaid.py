"""Mermaid output moved to :mod:`stakeholders.drawing.mermaid`, beside the other chart backends.

Kept so that ``stakeholders.io.to_mermaid`` and ``stakeholders.io.mermaid`` still import.
"""

from ..drawing.mermaid import to_mermaid, write_mermaid

__all__ = ["to_mermaid", "write_mermaid"]

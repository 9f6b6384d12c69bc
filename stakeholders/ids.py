"""Deterministic ids derived from names.

An id that is left out of a file is derived from the name: NFKC-normalised,
lower-cased, every run of characters that are neither letters nor digits
replaced by ``_``. Chinese characters are letters, so ``李娜`` stays ``李娜``
and a file can say ``reports_to: 李娜``.

>>> derive_id("Li Na")
'li_na'
>>> derive_id("  王 建国 (总工) ")
'王_建国_总工'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["derive_id"]

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def derive_id(name: str) -> str:
    """The id used for an object whose file gives only a name."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return _NOT_WORD.sub("_", text).strip("_")

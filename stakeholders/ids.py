"""Ids: derived from names, and every explicit id normalised the same way.

An id that is left out of a file is derived from the name; an id that is
written (``id: Boss``), and every reference to one (``reports_to: Boss``), is
normalised by the same function, so that two spellings that look alike are
one id. The steps: invisible characters (Unicode's *default ignorable* code
points: zero-width spaces and joiners, bidi controls, variation selectors,
soft hyphens) are removed, the text is NFKC-normalised and case-folded, and
every run of characters that are neither letters nor digits is replaced by
``_``, with none at either end. Chinese characters are letters, so ``李娜``
stays ``李娜`` and a file can say ``reports_to: 李娜``.

>>> derive_id("Li Na")
'li_na'
>>> derive_id("  王 建国 (总工) ")
'王_建国_总工'
>>> normalise_id("Ｌｉ\\u200bNa") == normalise_id("lina")
True
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["derive_id", "normalise_id"]

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)

# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt, Unicode 15.1): characters
# that are drawn as nothing. The standard library has no accessor for the property, so the ranges are here.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]+"
)


def normalise_id(text: str) -> str:
    """The canonical form of an id: what an explicit id, a reference and a derived id are compared as.

    Idempotent: ``normalise_id(normalise_id(x)) == normalise_id(x)``. Empty when ``text`` holds no
    letter or digit.
    """
    text = unicodedata.normalize("NFKC", _IGNORABLE.sub("", text))
    # Case folding can leave text that NFKC changes again (a decomposed letter): normalise once more.
    text = unicodedata.normalize("NFKC", text.casefold())
    return _NOT_WORD.sub("_", _IGNORABLE.sub("", text)).strip("_")


def derive_id(name: str) -> str:
    """The id used for an object whose file gives only a name (:func:`normalise_id` of the name)."""
    return normalise_id(name)

"""Salesforce record ids: the 15-character case-sensitive form and the 18-character case-safe form.

Salesforce shows a record id in two forms: 15 characters, where case matters (``003Ab00000AbCdE`` and
``003ab00000abcde`` are two records), and 18 characters, the same 15 followed by a 3-character suffix that
encodes which of them are capitals, so that the id survives tools that ignore case. A report export
usually holds the 15-character form, the API and Data Loader the 18-character one; a contact's ``Id`` and
another contact's ``ReportsToId`` may come in either. :func:`case_safe_id` gives the one 18-character
form of both, with the case of the first 15 characters restored from the suffix, so that the two forms
match and two 15-character ids that differ only in case never do.

>>> case_safe_id("a0RE000000IJmcN")
'a0RE000000IJmcNMAT'
>>> case_safe_id("A0RE000000IJMCNMAT")  # an 18-character id whose case was lost
'a0RE000000IJmcNMAT'
>>> case_safe_id("Maria Lopez") is None
True
"""

from __future__ import annotations

import re

__all__ = ["case_safe_id"]

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_FORM = re.compile(r"[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?")


def _suffix(ident: str) -> str:
    """The 3 characters that say, 5 characters at a time, which of the 15 are capitals (bit i: character i)."""
    return "".join(
        _ALPHABET[sum(1 << i for i, char in enumerate(ident[start : start + 5]) if "A" <= char <= "Z")]
        for start in (0, 5, 10)
    )


def case_safe_id(text: str) -> str | None:
    """The 18-character form of a Salesforce id written in either form; ``None`` for any other text.

    An 18-character id is read without regard to case: its suffix gives the case of the first 15
    characters. Its suffix must be one a Salesforce id can have, else it is not an id (``None``).
    """
    text = text.strip()
    if not _FORM.fullmatch(text):
        return None
    if len(text) == 15:
        return text + _suffix(text)
    suffix = text[15:].upper()
    if any(char not in _ALPHABET for char in suffix):
        return None
    bits = [_ALPHABET.index(char) for char in suffix]
    restored = "".join(
        char.upper() if bits[i // 5] >> (i % 5) & 1 else char.lower() for i, char in enumerate(text[:15])
    )
    if _suffix(restored) != suffix:  # a capital flagged where a digit stands: not a Salesforce id
        return None
    return restored + suffix

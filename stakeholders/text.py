"""Text shown to people, in English, Simplified and Traditional Chinese: one type, one way to pick.

Every fixed or generated text the library shows (vocabulary labels, chart
words, flag titles and messages, criteria, advice) is a :class:`Text`, and a
language is picked in one place, :meth:`Text.pick`, after
:func:`normalise_language` has read the language tag.

Traditional Chinese is written by hand where it differs in more than script
(a vocabulary label, a chart word). Where it is not given — the messages
that are composed at run time with people's names in them — :meth:`Text.pick`
converts the Simplified text with OpenCC (``s2t``), so a Traditional chart
never mixes scripts. That conversion is the one place where Traditional text
is derived from Simplified text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

__all__ = ["LANGUAGES", "Lang", "Text", "normalise_language", "to_traditional"]

#: Languages every text is available in: English, Simplified and Traditional Chinese.
LANGUAGES = ("en", "zh", "zh_hant")

Lang = Literal["en", "zh", "zh_hant"]

_LANGUAGE_ALIASES: dict[str, Lang] = {
    "en": "en",
    "english": "en",
    "zh": "zh",
    "zh_cn": "zh",
    "zh_hans": "zh",
    "zh_sg": "zh",
    "cn": "zh",
    "中文": "zh",
    "简体": "zh",
    "zh_hant": "zh_hant",
    "zh_tw": "zh_hant",
    "zh_hk": "zh_hant",
    "繁體": "zh_hant",
}


def normalise_language(lang: str) -> Lang:
    """Return ``"en"``, ``"zh"`` or ``"zh_hant"`` for a language tag.

    >>> normalise_language("zh-CN"), normalise_language("zh-TW"), normalise_language("EN")
    ('zh', 'zh_hant', 'en')
    """
    key = str(lang).strip().lower().replace("-", "_")
    try:
        return _LANGUAGE_ALIASES[key]
    except KeyError:
        raise ValueError(f"unknown language {lang!r} (expected one of: en, zh, zh-Hant)") from None


@cache
def _converter() -> object:
    import opencc  # imported on first use: only Traditional output needs it

    return opencc.OpenCC("s2t")


@cache
def to_traditional(simplified: str) -> str:
    """Simplified Chinese converted to Traditional characters (OpenCC ``s2t``).

    >>> to_traditional("决策者从未接触")
    '決策者從未接觸'
    """
    if not simplified or simplified.isascii():
        return simplified
    return str(_converter().convert(simplified))  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Text:
    """One text in English and Chinese; ``zh_hant`` when Traditional differs in more than script.

    >>> t = Text("Decider never met", "从未接触决策者")
    >>> t.pick("en"), t.pick("zh-CN"), t.pick("zh-TW")
    ('Decider never met', '从未接触决策者', '從未接觸決策者')
    >>> Text("Mentor", "良师益友", "良師益友").pick("zh_hant")
    '良師益友'
    """

    en: str
    zh: str
    zh_hant: str | None = None

    def pick(self, lang: str = "en") -> str:
        """The text in ``lang`` (any tag :func:`normalise_language` reads)."""
        chosen = normalise_language(lang)
        if chosen == "en":
            return self.en
        if chosen == "zh":
            return self.zh
        return self.zh_hant if self.zh_hant is not None else to_traditional(self.zh)

    def format(self, **values: object) -> Text:
        """The same text with ``{name}`` fields filled in every language."""
        return Text(
            self.en.format(**values),
            self.zh.format(**values),
            None if self.zh_hant is None else self.zh_hant.format(**values),
        )

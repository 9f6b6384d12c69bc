"""Text shown to people, in English, Simplified and Traditional Chinese: one type, one way to pick.

Every fixed or generated text the library shows (vocabulary labels, chart
words, flag titles and messages, criteria, advice) is a :class:`Text`, and a
language is picked in one place, :meth:`Text.pick`, after
:func:`normalise_language` has read the language tag.

Traditional Chinese is written by hand where it differs in more than script
(a vocabulary label, a chart word). Where it is not given, :meth:`Text.pick`
converts the Simplified text with OpenCC (``s2t``), so a Traditional chart
never mixes scripts. That conversion is the one place where Traditional text
is derived from Simplified text. Text from the map (a name, a concern, a
title) is never converted: messages composed at run time are built with
:meth:`Text.compose`, and only their fixed words are converted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

__all__ = ["LANGUAGES", "Lang", "Text", "normalise_language", "to_traditional", "written_language"]

#: Languages every text is available in: English, Simplified and Traditional Chinese.
LANGUAGES = ("en", "zh", "zh_hant")

Lang = Literal["en", "zh", "zh_hant"]

_LANGUAGE_ALIASES: dict[str, Lang] = {
    "en": "en",
    "english": "en",
    "zh": "zh",
    "cn": "zh",
    "中文": "zh",
    "简体": "zh",
    "zh_hant": "zh_hant",
    "繁體": "zh_hant",
}

#: BCP-47 script and region subtags of Chinese that mean Traditional or Simplified characters.
_HANT_SUBTAGS = frozenset({"hant", "tw", "hk", "mo"})
_HANS_SUBTAGS = frozenset({"hans", "cn", "sg", "my"})


def normalise_language(lang: str) -> Lang:
    """Return ``"en"``, ``"zh"`` or ``"zh_hant"`` for a language tag.

    BCP-47 tags are read by their subtags, in any case and with ``-`` or ``_``:
    ``en`` with any region is English; ``zh`` with the script ``Hant`` or the
    region TW, HK or MO is Traditional Chinese, any other ``zh`` Simplified.

    >>> normalise_language("zh-CN"), normalise_language("zh-TW"), normalise_language("EN")
    ('zh', 'zh_hant', 'en')
    >>> normalise_language("zh-Hant-TW"), normalise_language("zh_Hans_CN"), normalise_language("en-GB")
    ('zh_hant', 'zh', 'en')
    """
    key = str(lang).strip().lower().replace("-", "_")
    alias = _LANGUAGE_ALIASES.get(key)
    if alias is not None:
        return alias
    primary, *subtags = key.split("_")
    if subtags and all(subtags):
        if primary == "en" and all(t.isalnum() for t in subtags):
            return "en"
        if primary == "zh" and all(t in _HANT_SUBTAGS or t in _HANS_SUBTAGS for t in subtags):
            # The script decides; without one, the region (zh-TW is Traditional, zh-CN Simplified).
            script = "hant" if "hant" in subtags else "hans" if "hans" in subtags else subtags[0]
            return "zh_hant" if script in _HANT_SUBTAGS else "zh"
    raise ValueError(f"unknown language {lang!r} (expected one of: en, zh, zh-Hant)")


def written_language(texts: Iterable[str]) -> Lang:
    """``"zh"`` when most of ``texts`` (a map's customer and names) are written in Chinese, else ``"en"``.

    The language the command line and the notebook display pick for a map when none is given.

    >>> written_language(["江东汽车", "赵国强", "Li Na"]), written_language(["Acme", "赵国强"])
    ('zh', 'en')
    """
    import unicodedata

    items = list(texts)
    cjk = sum(1 for t in items if any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in t))
    return "zh" if cjk * 2 > len(items) else "en"


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

    A text composed at run time from the map's words (names, concerns,
    titles) is built with :meth:`compose`, so that those words are shown
    exactly as written in every language; only the fixed words around them are
    converted to Traditional characters.
    """

    en: str
    zh: str
    zh_hant: str | None = None
    zh_template: str | None = field(default=None, compare=False, repr=False, kw_only=True)
    """The Simplified template of a composed text (see :meth:`compose`)."""
    values: Mapping[str, object] | None = field(default=None, compare=False, repr=False, kw_only=True)
    """The values filled into :attr:`zh_template`."""

    @classmethod
    def compose(cls, en_template: str, zh_template: str, /, **values: object) -> Text:
        """A text with ``{name}`` fields (:meth:`str.format`) filled with ``values`` in each language.

        A :class:`Text` value is picked in the language being filled; any other
        value (a name, a number) is shown as it is in every language. ``en`` and
        ``zh`` are the filled strings; Traditional Chinese converts only the
        template with OpenCC, then fills in the values, so a name written in
        Simplified-looking characters (余华, 于明) is never rewritten.

        >>> t = Text.compose("The decider {name} is an {stance}.", "决策者{name}是{stance}。",
        ...                  name="余华", stance=Text("enemy", "死敌", "死敵"))
        >>> t.en, t.zh
        ('The decider 余华 is an enemy.', '决策者余华是死敌。')
        >>> t.pick("zh_hant")
        '決策者余华是死敵。'
        >>> t == Text('The decider 余华 is an enemy.', '决策者余华是死敌。')
        True
        """
        return cls(
            en_template.format(**_picked(values, "en")),
            zh_template.format(**_picked(values, "zh")),
            zh_template=zh_template,
            values=values,
        )

    @classmethod
    def join(cls, en_sep: str, zh_sep: str, parts: Iterable[Text | str], /) -> Text:
        """``parts`` joined with ``en_sep`` in English and ``zh_sep`` in Chinese (a composed text).

        >>> Text.join(", ", "、", ["于明", Text("no title", "无职位")]).pick("zh_hant")
        '于明、無職位'
        """
        values = {f"p{i}": part for i, part in enumerate(parts)}
        fields = ["{" + key + "}" for key in values]
        return cls.compose(en_sep.join(fields), zh_sep.join(fields), **values)

    def pick(self, lang: str = "en") -> str:
        """The text in ``lang`` (any tag :func:`normalise_language` reads)."""
        chosen = normalise_language(lang)
        if chosen == "en":
            return self.en
        if chosen == "zh":
            return self.zh
        if self.zh_hant is not None:
            return self.zh_hant
        if self.zh_template is not None and self.values is not None:
            return to_traditional(self.zh_template).format(**_picked(self.values, "zh_hant"))
        return to_traditional(self.zh)


def _picked(values: Mapping[str, object], lang: Lang) -> dict[str, object]:
    return {key: value.pick(lang) if isinstance(value, Text) else value for key, value in values.items()}

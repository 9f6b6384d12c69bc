"""The base of every vocabulary: a ``str`` enum with a canonical id, labels and aliases.

Members are declared as ``NAME = (id, Text(english, simplified, traditional), (alias, ...))``;
the labels are a :class:`~stakeholders.text.Text` and picked with :meth:`Text.pick`.
The words other sales methods use for a member (:mod:`stakeholders.vocab.methods`)
are accepted too: a vocabulary named with ``field=`` reads them from there, so
each such word is written once.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema
from typing_extensions import Self

from ..text import Text
from .methods import FIELDS, TERMS, refusal_hint, spelling_key

__all__ = ["Vocabulary"]

_key = spelling_key

V = TypeVar("V", bound="Vocabulary")


def _has_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


def _named(kind: str, *, field: str | None = None) -> Callable[[type[V]], type[V]]:
    """Class decorator: the vocabulary's name in messages ("stance", "role", ...).

    ``field`` is the field of a person whose words other sales methods name
    (``roles``, ``stance``, ``insider``): the crosswalk's terms that mean a member
    of this vocabulary become aliases of that member.
    """

    def decorate(cls: type[V]) -> type[V]:
        type.__setattr__(cls, "_kind_name", kind)
        if field is not None:
            FIELDS[field] = cls
            for member in cls:
                member._aliases = member._aliases + _method_spellings(member, field)
        return cls

    return decorate


def _method_spellings(member: Vocabulary, field: str) -> tuple[str, ...]:
    """The crosswalk's spellings of ``member`` that its own id, labels and aliases do not already give."""
    seen = {_key(s) for s in member._spellings()}
    found: list[str] = []
    for term in TERMS:
        if term.field == field and term.value == member.value:
            for spelling in (term.term, *term.spellings):
                if _key(spelling) not in seen:
                    seen.add(_key(spelling))
                    found.append(spelling)
    return tuple(found)


class Vocabulary(str, Enum):
    """Base of all vocabularies: a canonical id plus labels and aliases.

    Members are declared as ``NAME = (id, Text(en, zh, zh_hant), (alias, ...))``.
    """

    _value_: str
    _text: Text
    _aliases: tuple[str, ...]

    def __new__(cls, value: str, text: Text, aliases: tuple[str, ...] = ()) -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj._text = text
        obj._aliases = tuple(aliases)
        return obj

    @classmethod
    def kind_name(cls) -> str:
        """The vocabulary's name as used in messages, e.g. ``"stance"``."""
        return str(getattr(cls, "_kind_name", cls.__name__.lower()))

    def __str__(self) -> str:
        return str(self.value)

    @property
    def text(self) -> Text:
        """The member's label in every language."""
        return self._text

    def label(self, lang: str = "en") -> str:
        """The label of this value in ``lang`` (``en``, ``zh`` or ``zh_hant``)."""
        return self._text.pick(lang)

    def _spellings(self) -> tuple[str, ...]:
        """Every spelling that means this member: id, name, labels and aliases."""
        labels = (self.label(lang) for lang in ("en", "zh", "zh_hant"))
        return (str(self.value), self.name, *labels, *self._aliases)

    @classmethod
    def _lookup(cls) -> dict[str, Self]:
        table: dict[str, Self] | None = cls.__dict__.get("_lookup_table")
        if table is None:
            table = {}
            for member in cls:
                for spelling in member._spellings():
                    table.setdefault(_key(spelling), member)
            type.__setattr__(cls, "_lookup_table", table)
        return table

    @classmethod
    def parse(cls, value: Any) -> Self:
        """Return the member for an id, a label (any language) or an alias.

        Raises :class:`ValueError` naming the valid ids when nothing matches.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            found = cls._lookup().get(_key(value))
            if found is not None:
                return found
        raise ValueError(cls.unknown_message(value))

    @classmethod
    def unknown_message(cls, value: Any) -> str:
        valid = ", ".join(m.value for m in cls)
        examples = ", ".join(m.label("zh") for m in list(cls)[:2])
        message = (
            f"unknown {cls.kind_name()} {value!r} "
            f"(expected one of: {valid}; Chinese labels such as {examples} are accepted too)"
        )
        # Words of other sales methods (Influencer, Gatekeeper, Champion as a role, ...): say why they are refused.
        hint = refusal_hint(cls, value)
        if hint:
            return f"{message} — {hint}"
        close = cls.closest(value)
        if close is None:
            return message
        spelling, member = close
        label = member.label("zh")
        en = repr(spelling) if spelling == member.value else f"{spelling!r} ({member.value})"
        zh = f"「{spelling}」" if spelling in (label, member.label("zh_hant")) else f"「{spelling}」（{label}）"
        write = "寫" if spelling != label and spelling == member.label("zh_hant") else "写"
        return f"{message}; did you mean {en}? / 是不是想{write}{zh}？"

    @classmethod
    def closest(cls, value: object) -> tuple[str, Self] | None:
        """The spelling of a member nearest to a mistyped ``value``, and that member; ``None`` when none is close.

        The one "did you mean" rule of the vocabularies: :func:`difflib.get_close_matches` over every
        spelling (ids, labels in both scripts, aliases), compared as input is (case and separators aside).
        A typo of one character in a Chinese label of three (支持着) is close; so is one of an id.

        >>> from stakeholders.vocab import Stance
        >>> Stance.closest("suporter"), Stance.closest("支持着")
        (('supporter', <Stance.SUPPORTER: 'supporter'>), ('支持者', <Stance.SUPPORTER: 'supporter'>))
        >>> Stance.closest("banana") is None
        True
        """
        if not isinstance(value, str) or not value.strip():
            return None
        spellings = cls._spellings_by_key()
        found = difflib.get_close_matches(_key(value), list(spellings), n=1)
        if not found:
            return None
        spelling, member = spellings[found[0]]
        if _has_cjk(value) and spelling not in (member.label("zh"), member.label("zh_hant")):
            spelling = member.label("zh")  # 支持着 is near the alias 支持: the label 支持者 is what was meant
        return spelling, member

    @classmethod
    def _spellings_by_key(cls) -> dict[str, tuple[str, Self]]:
        table: dict[str, tuple[str, Self]] | None = cls.__dict__.get("_spelling_table")
        if table is None:
            table = {}
            for member in cls:
                for spelling in member._spellings():
                    table.setdefault(_key(spelling), (spelling, member))
            type.__setattr__(cls, "_spelling_table", table)
        return table

    @classmethod
    def _coerce(cls, value: Any) -> Any:
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            found = cls._lookup().get(_key(value))
            if found is not None:
                return found
        raise PydanticCustomError(
            "unknown_vocabulary",
            "{message}",
            {"message": cls.unknown_message(value), "vocabulary": cls.kind_name()},
        )

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(cls._coerce, handler(source))

    def _schema_spellings(self) -> tuple[str, ...]:
        """Further spellings the JSON Schema lists for this member (besides the id and Chinese labels)."""
        return ()

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        accepted: list[str] = [m.value for m in cls]
        for m in cls:
            for extra in (m.label("zh"), m.label("zh_hant"), *m._schema_spellings()):
                if extra not in accepted:
                    accepted.append(extra)
        return {
            "type": "string",
            "enum": accepted,
            "title": cls.__name__,
            "description": (
                f"A {cls.kind_name()}: one of the ids "
                + ", ".join(m.value for m in cls)
                + ", or its Chinese label. Files written by the library always hold the id."
            ),
        }

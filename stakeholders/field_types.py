"""The value types of the model's fields and the validators they share.

``Id``, ``Name`` and ``FreeText`` (text fields that also take a number or a date as
its text), ``Strength`` (0..1 or strong / medium / weak), single values where
a list is expected, vocabulary-keyed mappings without duplicate spellings,
ids derived from names, and the ``schema_version`` check.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from .ids import derive_id, normalise_id
from .migrations import SCHEMA_VERSION
from .validation_errors import SURROGATE, fail
from .vocab import Vocabulary

__all__ = [
    "IN_ORDER",
    "MAX_ID_LENGTH",
    "FreeText",
    "Id",
    "Name",
    "Strength",
    "check_schema_version",
    "date_only",
    "dedupe",
    "derive_missing_id",
    "list_of",
    "one_or_many",
    "scalar_text",
    "unique_keys",
]


def _strip_text(value: Any) -> Any:
    value = _text_from_scalar(value)
    return value.strip() if isinstance(value, str) else value


def _text_from_scalar(value: Any) -> Any:
    """A number or date where text is expected (``title: 12``, ``id: 7``) is taken as its text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, str) and SURROGATE.search(value):
        # Only reachable from Python (files are decoded first): such text could never be saved.
        raise fail(
            "surrogate",
            "text holds a lone surrogate ({char!r}), which is not a character; check how the text was decoded",
            {"char": SURROGATE.findall(value)[0]},
        )
    return value


#: The longest id the model takes (a name may be longer).
MAX_ID_LENGTH = 200
#: The id of an entry whose name is missing, so that only the name is reported.
_NO_ID = "?"


def _id(value: Any) -> Any:
    """An id or a reference to one, in its canonical form (:func:`~stakeholders.ids.normalise_id`).

    ``Boss``, ``boss``, full-width ``ｂｏｓｓ`` and ``bo\u200bss`` are one id, so look-alikes are a
    duplicate id, never two people, and a reference resolves whichever way it is spelled.
    """
    value = _strip_text(value)
    if not isinstance(value, str) or not value or value == _NO_ID:
        return value  # not text, or empty: reported by the type and length checks
    ident = normalise_id(value)
    if not ident:
        raise fail(
            "invalid_id",
            "the id {value!r} has no letter or digit; ids are compared by their letters and digits",
            {"value": value},
        )
    return ident


Id = Annotated[str, BeforeValidator(_id), Field(min_length=1, max_length=MAX_ID_LENGTH)]
FreeText = Annotated[str, BeforeValidator(_text_from_scalar), Field(max_length=100_000)]
"""Free text a person writes (a title, a note); not :class:`stakeholders.text.Text`, the library's translated text."""
Name = Annotated[str, BeforeValidator(_strip_text), Field(min_length=1, max_length=10_000)]


def derive_missing_id(data: Any) -> Any:
    # Only a missing id is derived: `id: 0` is the id "0", and `id: ""` an error, as _item_id reads them.
    if isinstance(data, dict) and data.get("id") is None:
        name = scalar_text(data.get("name"))
        rest = {k: v for k, v in data.items() if k != "id"}
        if isinstance(name, str) and name.strip():
            derived = derive_id(name)
            if derived:
                return {"id": derived, **rest}
            raise fail(
                "underivable_id",
                "cannot derive an id from the name {name!r}; give an explicit id",
                {"name": name},
            )
        # Only the name is the problem (missing, blank or not text): don't also report the optional id as missing.
        return {"id": _NO_ID, **rest}
    return data


def scalar_text(value: Any) -> Any:
    """A number or date as the text the model makes of it (``name: 2024``); other values as they are."""
    if isinstance(value, (int, float, date)) and not isinstance(value, bool):
        return _text_from_scalar(value)
    return value


def unique_keys(vocabulary: type[Vocabulary]) -> Any:
    """A before-validator: two spellings of one key (``stance`` and ``立场``) are an error, not last-wins."""

    def check(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        seen: dict[Vocabulary, Any] = {}
        for key in value:
            try:
                member = vocabulary.parse(key)
            except ValueError:
                continue  # reported by the field's own validation, with the valid keys
            if member in seen:
                raise fail(
                    "duplicate_key",
                    "{first!r} and {second!r} are the same {kind} ({id}); keep one of them",
                    {"first": seen[member], "second": key, "kind": vocabulary.kind_name(), "id": member.value},
                )
            seen[member] = key
        return value

    return BeforeValidator(check)


def _in_vocabulary_order(value: dict[Any, Any]) -> dict[Any, Any]:
    """Keys in their vocabulary's order, so that a map is written the same whatever order it was read in."""
    return dict(sorted(value.items(), key=lambda item: list(type(item[0]).__members__.values()).index(item[0])))


IN_ORDER = AfterValidator(_in_vocabulary_order)


def list_of(value: Any) -> Any:
    """Accept a single value where a list is expected (``roles: decider``)."""
    if value is None:
        return []
    if isinstance(value, (str, Vocabulary)):
        return [value]
    return value


def one_or_many(vocabulary: type[Vocabulary] | None) -> WithJsonSchema:
    """JSON Schema of a list field that also accepts a single value (``roles: decider``)."""
    if vocabulary is None:
        item: dict[str, Any] = {"type": "string"}
    else:
        accepted = list(
            dict.fromkeys(
                [m.value for m in vocabulary] + [m.label(lang) for m in vocabulary for lang in ("zh", "zh_hant")]
            )
        )
        item = {"type": "string", "enum": accepted}
    return WithJsonSchema({"anyOf": [item, {"type": "array", "items": item}]})


def dedupe(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _strength(value: Any) -> Any:
    if isinstance(value, str):
        words = {
            "strong": 1.0,
            "强": 1.0,
            "強": 1.0,
            "high": 1.0,
            "medium": 0.6,
            "moderate": 0.6,
            "中": 0.6,
            "weak": 0.3,
            "弱": 0.3,
            "low": 0.3,
        }
        key = value.strip().casefold()
        if key in words:
            return words[key]
        try:
            return float(key)
        except ValueError:
            raise fail(
                "strength",
                "strength {value!r} is not a number (expected 0 to 1, or strong / medium / weak)",
                {"value": value},
            ) from None
    if isinstance(value, bool):
        raise fail("strength", "strength must be a number from 0 to 1, not {value!r}", {"value": value})
    if isinstance(value, (int, float)) and not 0 <= value <= 1:
        raise fail(
            "strength_range",
            "strength {value!r} is out of range (expected a number from 0 to 1)",
            {"value": value},
        )
    return value


_STRENGTH_WORDS = ["strong", "medium", "weak", "强", "中", "弱"]
Strength = Annotated[
    float,
    BeforeValidator(_strength),
    Field(ge=0, le=1, allow_inf_nan=False),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "string", "enum": _STRENGTH_WORDS}],
            "description": "How strong the influence is: a number from 0 to 1, or strong / medium / weak.",
        }
    ),
]


def date_only(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


def check_schema_version(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value > SCHEMA_VERSION:
        raise fail(
            "schema_version",
            "this file has schema_version {found}, but this version of stakeholders reads up to {supported};"
            " upgrade stakeholders to read it",
            {"found": value, "supported": SCHEMA_VERSION},
        )
    return value

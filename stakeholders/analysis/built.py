"""Result models built from values the analysis has just computed, without validating them again.

pydantic's ``model_construct`` skips validation but, looping over the fields in
Python, costs twice a validated construction for the small result models of
the analysis. :func:`built` does only what ``model_construct`` does for them
(every field given, in the order the model declares them; no aliases,
defaults, extras or post-init; private attributes given or left at their
defaults), so an analysis builds its
result objects without validating them and without that overhead. A test
(tests/analysis) checks that every model of an analysis holds every field in
declaration order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from ..text import Text

__all__ = ["built", "text_of"]

M = TypeVar("M", bound=BaseModel)

_new = object.__new__
_set = object.__setattr__  # the result models are frozen


def built(cls: type[M], _private: Mapping[str, Any] | None = None, /, **values: Any) -> M:
    """An instance of ``cls`` holding ``values`` as they are: every field, already of its type.

    The same instance ``cls.model_construct(**values)`` gives (equal, with the same
    fields set), for a model without aliases, extras or ``model_post_init``, when
    ``values`` names every field in declaration order. A model with private
    attributes gets them from ``_private``, or their defaults.
    """
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    private_attributes = cls.__private_attributes__
    if private_attributes:
        private = {name: attribute.get_default() for name, attribute in private_attributes.items()}
        if _private:
            private.update(_private)
        _set(model, "__pydantic_private__", private)
    else:
        _set(model, "__pydantic_private__", None)
    return model


def text_of(text: Text | None, en: str, zh: str) -> Text:
    """``text`` (a result model's private composed Text) when it still holds ``en`` and ``zh``, else ``Text(en, zh)``.

    A model read back from JSON, built by a caller or copied with other field
    values has only its fields to go by.
    """
    return text if text is not None and text.en == en and text.zh == zh else Text(en, zh)

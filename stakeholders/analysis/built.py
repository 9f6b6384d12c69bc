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
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, PrivateAttr

from ..text import Text

__all__ = ["Translated", "built"]

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


class Translated(BaseModel):
    """A result model whose text is stored as two JSON fields (``<name>_en``, ``<name>_zh``) and picked as a Text.

    The fields stay what other tools read; the model also keeps the composed
    :class:`~stakeholders.text.Text` the analysis built (private, not
    serialised), so that words from the map (names, concerns) are shown exactly
    as written in Traditional Chinese too. A model read back from JSON, built by
    a caller or copied with other field values has only its fields to go by:
    its text is then ``Text(en, zh)``. Subclasses name their two fields in
    ``_text_fields``.
    """

    _text_fields: ClassVar[tuple[str, str]]
    _text: Text | None = PrivateAttr(default=None)

    def model_post_init(self, context: Any, /) -> None:
        # Validated models fill it too: pydantic compares private attributes, so a model
        # and its JSON round trip stay equal (Text equality ignores the composition).
        if self._text is None:
            self._text = Text(*self._stored())

    def _stored(self) -> tuple[str, str]:
        en, zh = self._text_fields
        return getattr(self, en), getattr(self, zh)

    @property
    def text(self) -> Text:
        """The text in every language: the composed one while it still holds the fields, else ``Text(en, zh)``."""
        en, zh = self._stored()
        text = self._text
        return text if text is not None and text.en == en and text.zh == zh else Text(en, zh)

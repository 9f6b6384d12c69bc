"""Result models built from values the analysis has just computed, without validating them again.

pydantic's ``model_construct`` skips validation but, looping over the fields in
Python, costs twice a validated construction for the small result models of
the analysis. :func:`built` does only what ``model_construct`` does for them
(every field given, in the order the model declares them; no aliases,
defaults, extras, private attributes or post-init), so an analysis builds its
result objects without validating them and without that overhead. A test
(tests/analysis) checks that every model of an analysis holds every field in
declaration order.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["built"]

M = TypeVar("M", bound=BaseModel)

_new = object.__new__
_set = object.__setattr__  # the result models are frozen


def built(cls: type[M], **values: Any) -> M:
    """An instance of ``cls`` holding ``values`` as they are: every field, already of its type.

    The same instance ``cls.model_construct(**values)`` gives (equal, with the same
    fields set), for a model without aliases, extras, private attributes or
    ``model_post_init``, when ``values`` names every field in declaration order.
    """
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model

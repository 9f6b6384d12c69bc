"""Validation errors of the model: raising them (:func:`fail`) and turning pydantic's into a :class:`MapError`.

:func:`map_error` reads pydantic's :class:`~pydantic.ValidationError` and writes
one :class:`~stakeholders.Problem` per error: a location such as
``people[2].stance``, a message a person can act on ("unknown field 'stnce'
(did you mean 'stance'?)"), the value and a code.
"""

from __future__ import annotations

import difflib
import re
import reprlib
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError
from typing_extensions import LiteralString

from .errors import MapError, Problem

__all__ = ["SURROGATE", "fail", "map_error"]


def fail(code: LiteralString, template: str, values: dict[str, Any]) -> PydanticCustomError:
    """A validation error whose message is ``template`` formatted with ``values`` (``!r`` allowed)."""
    context = {"message": template.format(**values), **values}
    # pydantic cannot render a lone surrogate (text that is not valid Unicode): show it escaped.
    return PydanticCustomError(code, "{message}", {k: _no_surrogate(v) for k, v in context.items()})


def _no_surrogate(value: Any) -> Any:
    if isinstance(value, str) and SURROGATE.search(value):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


SURROGATE = re.compile("[\ud800-\udfff]")


def _location(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _fields_at(loc: tuple[Any, ...], model: type[BaseModel]) -> list[str]:
    """The field names allowed at a location, for 'did you mean' hints."""
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            break
        annotation = info.annotation
        inner = getattr(annotation, "__args__", None) or (annotation,)
        nested = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
        if not nested:
            break
        model = nested[0]
    names: list[str] = []
    for name, info in model.model_fields.items():
        names.append(info.alias or name)
    return names


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = 200
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = _REPR.maxfrozenset = _REPR.maxdeque = 30
_REPR.maxlevel = 4


def _short(value: Any) -> str:
    """A short repr, in bounded time: a value may be huge, or shared many times through YAML aliases."""
    try:
        return _REPR.repr(value)
    except Exception:  # a value whose own __repr__ fails: name its type
        return f"<{type(value).__name__}>"


def _problem(error: Mapping[str, Any], model: type[BaseModel]) -> Problem:
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "invalid")
    value = error.get("input")
    message = str(error.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        field_name = str(loc[-1]) if loc else "?"
        allowed = _fields_at(loc[:-1], model)
        close = difflib.get_close_matches(field_name, allowed, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "expected one of: " + ", ".join(allowed)
        message = f"unknown field {field_name!r} ({hint})"
    elif kind == "missing":
        message = f"required field {str(loc[-1])!r} is missing" if loc else "required field missing"
    elif kind in {"model_type", "model_attributes_type", "dict_type"}:
        message = f"expected a mapping of fields, got {type(value).__name__} {_short(value):.60}"
    elif kind == "list_type":
        message = f"expected a list, got {type(value).__name__} {_short(value):.60}"
    elif value is not None and not isinstance(value, (dict, list)) and (shown := _short(value)) not in message:
        message = f"{message} (got {shown[:80]}{'…' if len(shown) > 80 else ''})"
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return Problem(location=_location(loc), message=message, value=value, code=str(kind), path=loc)


def map_error(err: ValidationError, model: type[BaseModel], source: str | None = None) -> MapError:
    """Convert a pydantic :class:`ValidationError` into a :class:`MapError`.

    ``model`` is where the locations start (the whole map: ``BuyingGroup``), for "did you mean" hints.
    """
    problems = [_problem(e, model) for e in err.errors(include_url=False)]
    return MapError(problems, source=source)

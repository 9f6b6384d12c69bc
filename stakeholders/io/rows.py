"""Records of a map as flat table rows: the columns of a section and a row per item (pandas optional).

The shared ground of :mod:`~stakeholders.io.tables` and :mod:`~stakeholders.io.analysis_tables`:
vocabulary values become their ids, nested fields dotted columns (``private.phone``,
``judgements.stance.confidence``); lists stay lists. In a section's table (:func:`frame_of` with
its model) a vocabulary column is a pandas categorical (:func:`categories_of`).
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..model import JudgedField, Person, PrivateProfile
from ..vocab import Confidence, Level, Milestone, RelationshipStage, Stance, Vocabulary

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["categories_of", "columns_of", "frame_of", "pandas_module", "plain", "row_of", "vocabulary_of"]


def pandas_module() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("tables need pandas: pip install 'stakeholders[tables]'") from None
    return pd


def plain(value: Any) -> Any:
    """Enums to ids, models to dicts, recursively; dates and scalars as they are."""
    if isinstance(value, Vocabulary):
        return value.value
    if isinstance(value, BaseModel):
        return {k: plain(getattr(value, k)) for k in type(value).model_fields}
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def columns_of(model: type[BaseModel]) -> list[str]:
    """The flat columns of a section: field names (aliases), nested models and judgements dotted."""
    columns: list[str] = []
    for name, info in model.model_fields.items():
        written = info.alias or name
        if model is Person and name == "private":
            columns += [f"private.{f}" for f in PrivateProfile.model_fields]
        elif model is Person and name == "judgements":
            columns += [f"judgements.{j.value}.{part}" for j in JudgedField for part in ("confidence", "evidence")]
        else:
            columns.append(written)
    return columns


def row_of(item: BaseModel) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, info in type(item).model_fields.items():
        value = plain(getattr(item, name))
        if isinstance(item, Person) and name == "private":
            row.update({f"private.{k}": v for k, v in value.items()})
        elif isinstance(item, Person) and name == "judgements":
            for judged, judgement in value.items():
                row[f"judgements.{judged}.confidence"] = judgement["confidence"]
                row[f"judgements.{judged}.evidence"] = judgement["evidence"]
        else:
            row[info.alias or name] = value
    return row


#: The ordered vocabularies, from the lowest to the highest as pandas compares categories. ``unknown`` is
#: outside the order of stances (comparing it raises), so in a table it is a missing value.
ORDERED: dict[type[Vocabulary], tuple[Vocabulary, ...]] = {
    Stance: tuple(reversed(Stance.ordered())),
    RelationshipStage: tuple(RelationshipStage),
    Level: tuple(Level),
    Milestone: tuple(Milestone),
}


def categories_of(vocabulary: type[Vocabulary]) -> tuple[list[str], bool]:
    """The categories of a vocabulary column and whether they are ordered.

    Unordered: every id in the vocabulary's order. Ordered (:data:`ORDERED`: stance, relationship
    stage, levels, milestone): from the lowest to the highest, so ``frame.stance >= "supporter"``
    means supporter or mentor; a stance of ``unknown`` is a missing value, never compared.
    """
    if vocabulary in ORDERED:
        return [m.value for m in ORDERED[vocabulary]], True
    return [m.value for m in vocabulary], False


def _vocabulary_in(annotation: Any) -> type[Vocabulary] | None:
    """The vocabulary of a field holding one value (``Stance``, ``Level | None``); ``None`` for lists and others."""
    if isinstance(annotation, type):
        return annotation if issubclass(annotation, Vocabulary) else None
    if get_origin(annotation) in (Union, types.UnionType):
        found = [v for v in map(_vocabulary_in, get_args(annotation)) if v is not None]
        return found[0] if len(found) == 1 else None
    return None


def vocabulary_of(model: type[BaseModel], column: str) -> type[Vocabulary] | None:
    """The vocabulary a column of ``model``'s table holds one value of (``judgements.stance.confidence`` too)."""
    if column.startswith("judgements.") and column.endswith(".confidence"):
        return Confidence
    for name, info in model.model_fields.items():
        if (info.alias or name) == column:
            return _vocabulary_in(info.annotation)
    return None


def frame_of(rows: list[dict[str, Any]], columns: list[str], model: type[BaseModel] | None = None) -> pd.DataFrame:
    """A table of ``rows``; with ``model``, its vocabulary columns are categoricals (:func:`categories_of`)."""
    pd = pandas_module()
    frame = pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=columns, dtype=object)
    frame = frame.infer_objects()
    for column in columns:
        vocabulary = None if model is None else vocabulary_of(model, column)
        if vocabulary is None:
            continue
        categories, ordered = categories_of(vocabulary)
        values = frame[column].where(frame[column] != Stance.UNKNOWN.value) if vocabulary is Stance else frame[column]
        if set(values.dropna()) <= set(categories):  # a value outside them would be lost: the column stays as it is
            frame[column] = pd.Categorical(values, categories=categories, ordered=ordered)
    return frame

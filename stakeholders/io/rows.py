"""Records of a map as flat table rows: the columns of a section and a row per item (pandas optional).

The shared ground of :mod:`~stakeholders.io.tables` and :mod:`~stakeholders.io.analysis_tables`:
vocabulary values become their ids, nested fields dotted columns (``private.phone``,
``judgements.stance.confidence``); lists stay lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..model import JudgedField, Person, PrivateProfile
from ..vocab import Vocabulary

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["columns_of", "frame_of", "pandas_module", "plain", "row_of"]


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


def frame_of(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    pd = pandas_module()
    frame = pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=columns, dtype=object)
    return frame.infer_objects()

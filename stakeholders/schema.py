"""The JSON Schema of the map file format, for editors and other tools.

The published copy is ``docs/schema.json``; a test keeps it equal to
:func:`json_schema`.
"""

from __future__ import annotations

from typing import Any

from .model import SCHEMA_VERSION, BuyingGroup

__all__ = ["json_schema"]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a map file.

    It lists the canonical ids of every vocabulary and their Chinese labels;
    English synonyms accepted on input are documented in docs/format.md.
    """
    schema = BuyingGroup.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://stakeholders.invalid/schema/v{SCHEMA_VERSION}.json",
        "title": "stakeholders buying-group map",
        **{k: v for k, v in schema.items() if k != "title"},
    }

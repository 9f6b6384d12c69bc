"""Column mappings of contact lists: which column holds which field of a person.

A :class:`ColumnMapping` maps the headers of a file to the fields of :data:`TARGETS`;
the ready ones are in :mod:`stakeholders.io.presets`. Headers (and words mapped
under ``values``) are compared as :func:`header_key` normalises them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..crosswalk import FIELDS as CROSSWALK_FIELDS
from ..errors import StakeholdersError
from ..model import JudgedField, PrivateProfile
from ..vocab import Disc, Insider, Layer, Level, RelationshipStage, Vocabulary

__all__ = [
    "BOOL_TARGETS",
    "DATE_TARGETS",
    "GROUP_TARGETS",
    "PRIVATE_TEXT",
    "TARGETS",
    "TEXT_TARGETS",
    "VOCAB_TARGETS",
    "ColumnMapping",
    "MappingError",
    "header_key",
    "own_columns",
]


class MappingError(StakeholdersError, ValueError):
    """A column mapping is invalid (unknown preset, unknown target field, unreadable file)."""


# ---------------------------------------------------------------------------
# Targets: what a column can hold
# ---------------------------------------------------------------------------

VOCAB_TARGETS: dict[str, type[Vocabulary]] = {
    "stance": CROSSWALK_FIELDS["stance"],
    "insider": Insider,
    "layer": Layer,
    "disc": Disc,
    "authority": Level,
    "influence": Level,
    "stage": RelationshipStage,
}
TEXT_TARGETS = ("id", "name", "first_name", "last_name", "title", "background", "notes", "customer", "opportunity")
BOOL_TARGETS = ("contacted", "personal_interest_met", "organisational_interest_met")
DATE_TARGETS = ("last_contact", "private.birthday")
PRIVATE_TEXT = tuple(f"private.{name}" for name in PrivateProfile.model_fields if name not in ("birthday", "hobbies"))
_JUDGEMENTS = tuple(f"judgements.{j.value}.{part}" for j in JudgedField for part in ("confidence", "evidence"))

#: Every field a column can be mapped to.
TARGETS: tuple[str, ...] = (
    *TEXT_TARGETS,
    "salesforce_id",
    "unit",
    "reports_to",
    "dotted_line_to",
    "roles",
    *VOCAB_TARGETS,
    "favours",
    "concerns",
    *BOOL_TARGETS,
    "last_contact",
    "private.birthday",
    "private.hobbies",
    *PRIVATE_TEXT,
    *_JUDGEMENTS,
)
GROUP_TARGETS = ("customer", "opportunity")


def header_key(text: str) -> str:
    """Headers are compared NFKC-normalised, case-folded, without spaces, '_', '-', '.', ':' or '*'."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s_\-.:*：]+", "", text)


class ColumnMapping(BaseModel):
    """Which column of a contact list holds which field of a person.

    ``columns`` maps a header, as written in the file (compared without case,
    spaces or punctuation), to a target in :data:`TARGETS`, or to ``None`` for a
    column that is known and deliberately not read (it is still listed in the
    report). ``values`` maps, per target, a word used in the file to one of our
    values, or to ``None`` for a word that has no equivalent (kept in notes and
    reported); words not listed there are read as usual: our ids, labels,
    aliases and the crosswalk. ``dates`` says how to read a date such as
    ``5/4/2024``: ``"mdy"`` or ``"dmy"``; ISO dates and ``2024年5月4日`` are always read.

    ``crm_export`` says the list is a CRM's export (the ``salesforce`` preset):
    its role column holds the CRM's picklist, so a value we have no word for
    is kept in notes with a warning, not an error; and its rows are the
    contacts of one query, so a manager who matches no row is kept in the
    person's notes with a warning, never added as a person with only a name
    (or a bare CRM id).

    A column mapped to ``salesforce_id`` holds the Salesforce id of the row's
    contact: it is the key of the rows (rows of one contact are merged) and
    what the manager columns refer to, in its 15- or 18-character form
    (:func:`~stakeholders.io.salesforce.case_safe_id`). The person's id is
    still derived from the name, and the 18-character id is kept in the
    person's notes (``Salesforce id: 003…``).

    In a YAML or JSON file, ``base`` names a preset to extend::

        base: zh
        columns:
          客户姓名: name
          是否见过: contacted
        values:
          roles: {老板: decider}
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "custom"
    columns: dict[str, str | None] = Field(default_factory=dict)
    values: dict[str, dict[str, str | None]] = Field(default_factory=dict)
    dates: Literal["ymd", "mdy", "dmy"] = "ymd"
    crm_export: bool = False

    @field_validator("columns")
    @classmethod
    def _known_targets(cls, value: dict[str, str | None]) -> dict[str, str | None]:
        bad = [
            f"{header!r}: {target!r}"
            for header, target in value.items()
            if target is not None and target not in TARGETS
        ]
        if bad:
            raise ValueError(f"unknown target field for {', '.join(bad)} (expected one of: {', '.join(TARGETS)})")
        return value

    @field_validator("values")
    @classmethod
    def _known_value_targets(cls, value: dict[str, dict[str, str | None]]) -> dict[str, dict[str, str | None]]:
        bad = [target for target in value if target not in TARGETS]
        if bad:
            raise ValueError(f"unknown target field {', '.join(map(repr, bad))} under 'values'")
        return value

    def target(self, header: str) -> tuple[bool, str | None]:
        """``(known, target)`` for a header of the file."""
        key = header_key(header)
        for written, target in self.columns.items():
            if header_key(written) == key:
                return True, target
        return False, None

    def extended(self, other: Mapping[str, Any]) -> ColumnMapping:
        """This mapping with the columns and values of ``other`` added (``other`` wins)."""
        values = {k: dict(v) for k, v in self.values.items()}
        for target, words in (other.get("values") or {}).items():
            values.setdefault(target, {}).update(words or {})
        return ColumnMapping(
            name=str(other.get("name", f"{self.name}+custom")),
            columns={**self.columns, **(other.get("columns") or {})},
            values=values,
            dates=other.get("dates", self.dates),
            crm_export=other.get("crm_export", self.crm_export),
        )


def own_columns() -> dict[str, str | None]:
    """Our own field names as headers; private fields also without the ``private.`` prefix."""
    columns: dict[str, str | None] = {t: t for t in TARGETS}
    for name in PrivateProfile.model_fields:
        if name != "notes":
            columns[name] = f"private.{name}"
    return columns

"""The buying-group model (domain.md D1-D7, D11, D12): data and validation only.

A :class:`BuyingGroup` holds the customer's people, our own team, the units
(departments and related institutions), the lines between people (formal
reporting, dotted-line managers, informal influence, delegation, introduction),
factions, our relationships with each person and a contact log.

Cross-references (``reports_to``, ``unit``, faction members, ...) are checked
while the document is validated, together with every other field, so one
:class:`~stakeholders.MapError` lists every problem of a document at once.
"""

from __future__ import annotations

import difflib
import gc
import re
import reprlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .errors import MapError, Problem
from .ids import derive_id
from .migrations import SCHEMA_VERSION, upgrade
from .vocab import (
    CompetitorPosition,
    Confidence,
    DelegationType,
    Disc,
    Insider,
    InterestType,
    Layer,
    Level,
    Milestone,
    Ownership,
    RelationshipStage,
    Role,
    Stance,
    TeamRole,
    UnitKind,
    Vocabulary,
    _named,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "SCHEMA_VERSION",
    "BuyingGroup",
    "ChecklistItem",
    "Competitor",
    "Contact",
    "Faction",
    "JudgedField",
    "Judgement",
    "Line",
    "LineKind",
    "Person",
    "PrivateProfile",
    "Relationship",
    "TeamMember",
    "Unit",
]


@_named("line kind")
class LineKind(Vocabulary):
    """Kinds of line between two people. ``reports_to`` and ``dotted_line`` are
    written on the person; the others in the group's ``lines``."""

    REPORTS_TO = ("reports_to", "reports to", "汇报", "匯報", "line manager", "solid line", "上级")
    DOTTED_LINE = ("dotted_line", "dotted line", "虚线汇报", "虛線匯報", "dotted", "matrix")
    INFLUENCE = ("influence", "influence", "影响", "影響", "influences", "informal influence")
    DELEGATION = ("delegation", "delegation", "授权", "授權", "delegates", "authorisation", "authorization")
    INTRODUCTION = ("introduction", "introduction", "引荐", "引薦", "introduces", "can introduce", "介绍")


@_named("judged field")
class JudgedField(Vocabulary):
    """The judgement-based fields of a person that may carry a confidence."""

    STANCE = ("stance", "stance", "立场", "立場")
    ROLES = ("roles", "roles", "角色", "角色", "role")
    DISC = ("disc", "DISC type", "性格", "性格", "personality")
    INFLUENCE = ("influence", "influence", "影响力", "影響力")


@_named("checklist item")
class ChecklistItem(Vocabulary):
    """Facts of a deal the map cannot derive, recorded by the analyst for milestone readiness (D9)."""

    PROCUREMENT_PROCESS_KNOWN = (
        "procurement_process_known",
        "procurement process known",
        "已了解采购流程",
        "已了解採購流程",
    )
    SPECS_IN_TENDER = (
        "specs_in_tender",
        "our specs written into the tender",
        "技术参数已写入标书",
        "技術參數已寫入標書",
        "specs written our way",
    )
    TENDER_WRITER_KNOWN = ("tender_writer_known", "tender writer known", "已知标书撰写人", "已知標書撰寫人")
    TENDER_REVIEWER_KNOWN = ("tender_reviewer_known", "tender reviewer known", "已知标书审核人", "已知標書審核人")


# ---------------------------------------------------------------------------
# Reference checking: an index of the ids a document defines, computed from the
# raw document before validation and handed to every validator as context.
# ---------------------------------------------------------------------------


@dataclass
class _Index:
    ids: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    person_cycles: dict[str, list[str]] = field(default_factory=dict)
    in_contact_log: set[str] = field(default_factory=set)
    unit_cycles: dict[str, list[str]] = field(default_factory=dict)

    def known(self, kind: str, ident: str) -> bool:
        return ident in self.ids.get(kind, {})

    def duplicates(self, kind: str, ident: str) -> list[int]:
        places = self.ids.get(kind, {}).get(ident, [])
        return places if len(places) > 1 else []


def _get(item: Any, key: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(key)
    return getattr(item, key, None)


def _item_id(item: Any) -> str | None:
    ident = _scalar_text(_get(item, "id"))  # `id: 7` is the id "7", as the model reads it
    if isinstance(ident, str) and ident.strip():
        return ident.strip()
    if ident is not None:
        return None  # an invalid id: reported by validation, never replaced by one derived from the name
    name = _scalar_text(_get(item, "name"))
    if isinstance(name, str) and name.strip():
        return derive_id(name) or None
    return None


def _cycles(parent_of: dict[str, str]) -> dict[str, list[str]]:
    """For every id on a cycle of ``parent_of``, the cycle starting at it."""
    result: dict[str, list[str]] = {}
    for start in parent_of:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node not in seen and node not in result:
            seen.append(node)
            node = parent_of.get(node)
        if node is not None and node in seen:
            cycle = seen[seen.index(node) :]
            if len(cycle) > 1:
                for i, member in enumerate(cycle):
                    result[member] = cycle[i:] + cycle[:i]
    return result


def _build_index(data: Any) -> _Index:
    index = _Index()
    sections = {
        "people": "people",
        "units": "units",
        "team": "team",
        "competitors": "competitors",
        "factions": "factions",
    }
    for section, kind in sections.items():
        items = _get(data, section)
        table: dict[str, list[int]] = {}
        if isinstance(items, (list, tuple)):
            for position, item in enumerate(items):
                ident = _item_id(item)
                if ident is not None:
                    table.setdefault(ident, []).append(position)
        index.ids[kind] = table
    contacts = _get(data, "contacts")
    if isinstance(contacts, (list, tuple)):
        for contact in contacts:
            people = _get(contact, "people")
            if isinstance(people, (list, tuple)):
                index.in_contact_log.update(p.strip() for p in people if isinstance(p, str))
    for section, key, target in (("people", "reports_to", "person_cycles"), ("units", "parent", "unit_cycles")):
        parent_of: dict[str, str] = {}
        items = _get(data, section)
        if isinstance(items, (list, tuple)):
            for item in items:
                ident, parent = _item_id(item), _get(item, key)
                if ident is not None and isinstance(parent, str) and parent.strip():
                    parent_of.setdefault(ident, parent.strip())
        setattr(index, target, _cycles(parent_of))
    return index


def _index_of(info: ValidationInfo) -> _Index | None:
    context = info.context
    if isinstance(context, dict):
        found = context.get("stakeholders_index")
        if isinstance(found, _Index):
            return found
    return None


_KIND_WORD = {
    "people": "person",
    "units": "unit",
    "team": "team member",
    "competitors": "competitor",
    "factions": "faction",
}


def _require(info: ValidationInfo, kind: str, ident: str | None) -> None:
    """Raise when ``ident`` is not defined in section ``kind`` of the document."""
    index = _index_of(info)
    if ident is None or index is None or index.known(kind, ident):
        return
    word = _KIND_WORD[kind]
    choices = list(index.ids.get(kind, {}))
    close = difflib.get_close_matches(ident, choices, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    if not choices:
        hint = f"; the map defines no {kind}"
    raise _fail(
        f"unknown_{word.replace(' ', '_')}",
        "unknown {word} {ident!r} (not defined under '{kind}'{hint})",
        {"word": word, "ident": ident, "kind": kind, "hint": hint},
    )


def _check_duplicate(info: ValidationInfo, kind: str, ident: str) -> None:
    index = _index_of(info)
    if index is None:
        return
    places = index.duplicates(kind, ident)
    if places:
        # At most a few places: with thousands of duplicates, listing all in every message is quadratic.
        where = ", ".join(f"{kind}[{p}]" for p in places[:5])
        if len(places) > 5:
            where += f" and {len(places) - 5:,} more"
        raise _fail(
            "duplicate_id",
            "duplicate id {ident!r} (used by {where}); ids must be unique, give each one an explicit id",
            {"ident": ident, "where": where},
        )


def _fail(code: str, template: str, values: dict[str, Any]) -> PydanticCustomError:
    """A validation error whose message is ``template`` formatted with ``values`` (``!r`` allowed)."""
    context = {"message": template.format(**values), **values}
    # pydantic cannot render a lone surrogate (text that is not valid Unicode): show it escaped.
    return PydanticCustomError(code, "{message}", {k: _no_surrogate(v) for k, v in context.items()})


def _no_surrogate(value: Any) -> Any:
    if isinstance(value, str) and _SURROGATE.search(value):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def _strip_text(value: Any) -> Any:
    value = _text_from_scalar(value)
    return value.strip() if isinstance(value, str) else value


def _text_from_scalar(value: Any) -> Any:
    """A number or date where text is expected (``title: 12``, ``id: 7``) is taken as its text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, str) and _SURROGATE.search(value):
        # Only reachable from Python (files are decoded first): such text could never be saved.
        raise _fail(
            "surrogate",
            "text holds a lone surrogate ({char!r}), which is not a character; check how the text was decoded",
            {"char": _SURROGATE.findall(value)[0]},
        )
    return value


Id = Annotated[str, BeforeValidator(_strip_text), Field(min_length=1, max_length=200)]
Text = Annotated[str, BeforeValidator(_text_from_scalar), Field(max_length=100_000)]
Name = Annotated[str, BeforeValidator(_strip_text), Field(min_length=1, max_length=10_000)]


def _derive_missing_id(data: Any) -> Any:
    # Only a missing id is derived: `id: 0` is the id "0", and `id: ""` an error, as _item_id reads them.
    if isinstance(data, dict) and data.get("id") is None:
        name = _scalar_text(data.get("name"))
        rest = {k: v for k, v in data.items() if k != "id"}
        if isinstance(name, str) and name.strip():
            derived = derive_id(name)
            if derived:
                return {"id": derived, **rest}
            raise _fail(
                "underivable_id",
                "cannot derive an id from the name {name!r}; give an explicit id",
                {"name": name},
            )
        # Only the name is the problem (missing, blank or not text): don't also report the optional id as missing.
        return {"id": "?", **rest}
    return data


def _scalar_text(value: Any) -> Any:
    """A number or date as the text the model makes of it (``name: 2024``); other values as they are."""
    if isinstance(value, (int, float, date)) and not isinstance(value, bool):
        return _text_from_scalar(value)
    return value


def _unique_keys(vocabulary: type[Vocabulary]) -> Any:
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
                raise _fail(
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


_IN_ORDER = AfterValidator(_in_vocabulary_order)


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        revalidate_instances="always",
        validate_assignment=True,
        use_enum_values=False,
        str_max_length=100_000,
        # Built on first use, not at import: keeps `import stakeholders` cheap (docs/benchmarks.md).
        defer_build=True,
    )

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as err:
            raise map_error(err, model=type(self)) from None

    # Tell pydantic this __init__ only validates, as BaseModel's does, so that nested
    # validation keeps calling the validator directly (with its context).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    def __setattr__(self, name: str, value: Any) -> None:
        """Assignments are validated too (``person.stance = "支持者"`` works); errors are MapError."""
        try:
            super().__setattr__(name, value)
        except ValidationError as err:
            raise map_error(err, model=type(self)) from None


def _id_optional(schema: dict[str, Any]) -> None:
    """In the JSON Schema, ``id`` is optional: it is derived from the name when left out."""
    required = schema.get("required")
    if isinstance(required, list) and "id" in required:
        required.remove("id")


class _Identified(_Model):
    """An object with an id; the id is derived from the name when left out."""

    model_config = ConfigDict(json_schema_extra=_id_optional)

    _section: ClassVar[str] = ""

    @model_validator(mode="before")
    @classmethod
    def _fill_id(cls, data: Any) -> Any:
        return _derive_missing_id(data)

    @field_validator("id", check_fields=False)
    @classmethod
    def _unique(cls, value: str, info: ValidationInfo) -> str:
        _check_duplicate(info, cls._section, value)
        return value


# ---------------------------------------------------------------------------
# The customer side
# ---------------------------------------------------------------------------


class Judgement(_Model):
    """How sure the analyst is of one judgement about a person, and why."""

    confidence: Confidence = Confidence.LIKELY
    evidence: Text | None = Field(default=None, description="A short note on what the judgement rests on.")


class PrivateProfile(_Model):
    """Personal data from the customer profile card (D11), held apart from the rest.

    Kept out of anything shared when redaction is on.
    """

    birthday: date | None = None
    education: Text | None = None
    hometown: Text | None = Field(default=None, description="Native place (籍贯).")
    family: Text | None = None
    hobbies: list[Text] = Field(default_factory=list)
    address: Text | None = None
    phone: Text | None = None
    email: Text | None = None
    notes: Text | None = None

    @field_validator("hobbies", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in type(self).model_fields)


def _list_of(value: Any) -> Any:
    """Accept a single value where a list is expected (``roles: decider``)."""
    if value is None:
        return []
    if isinstance(value, (str, Vocabulary)):
        return [value]
    return value


def _one_or_many(vocabulary: type[Vocabulary] | None) -> WithJsonSchema:
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


def _dedupe(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


class Person(_Identified):
    """A person of the customer's buying group.

    Only ``name`` is required. ``stance`` is ``unknown`` until the analyst
    records one; ``unknown`` is never read as neutral.
    """

    _section: ClassVar[str] = "people"

    id: Id = Field(description="Stable id; derived from the name when left out.")
    name: Name
    title: Text | None = Field(default=None, description="Job title (职位).")
    unit: Id | None = Field(default=None, description="Id of the unit (department or institution).")
    reports_to: Id | None = Field(default=None, description="Id of the formal line manager (solid line).")
    dotted_line_to: list[Id] = Field(default_factory=list, description="Ids of dotted-line managers.")
    roles: Annotated[list[Role], BeforeValidator(_list_of), _one_or_many(Role)] = Field(
        default_factory=list, description="Roles in the decision (D2): zero or more."
    )
    layer: Layer | None = Field(default=None, description="Which of the six kinds of customer (D2).")
    stance: Stance = Field(default=Stance.UNKNOWN, description="Stance toward us (D3).")
    disc: Disc | None = Field(default=None, description="DISC personality type (D4).")
    authority: Level | None = Field(default=None, description="Formal authority as recorded: low/medium/high.")
    influence: Level | None = Field(default=None, description="Real influence as judged: low/medium/high.")
    insider: Insider | None = Field(default=None, description="Coach or informant (D7). Sensitive.")
    favours: Id | None = Field(default=None, description="Id of the competitor this person leans to (D12).")
    concerns: Annotated[list[Text], BeforeValidator(_list_of), _one_or_many(None)] = Field(
        default_factory=list, description="What this person cares about (关注点, D2)."
    )
    background: Text | None = Field(default=None, description="Background (背景).")
    personal_interest_met: bool | None = Field(default=None, description="Do we meet their personal interest? (D5)")
    organisational_interest_met: bool | None = Field(
        default=None, description="Do we meet their organisation's interest? (D5)"
    )
    stage: RelationshipStage | None = Field(
        default=None, description="Relationship stage given directly; otherwise the best across our team."
    )
    contacted: bool | None = Field(default=None, description="Have we met this person? None: not recorded.")
    last_contact: date | None = None
    judgements: Annotated[dict[JudgedField, Judgement], _unique_keys(JudgedField), _IN_ORDER] = Field(
        default_factory=dict, description="Confidence and evidence for stance, roles, DISC and influence."
    )
    private: PrivateProfile = Field(default_factory=PrivateProfile, description="Personal data (D11).")
    notes: Text | None = None

    @field_validator("roles", mode="after")
    @classmethod
    def _unique_roles(cls, value: list[Role]) -> list[Role]:
        return _dedupe(value)

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str | None, info: ValidationInfo) -> str | None:
        _require(info, "units", value)
        return value

    @field_validator("favours")
    @classmethod
    def _known_competitor(cls, value: str | None, info: ValidationInfo) -> str | None:
        _require(info, "competitors", value)
        return value

    @field_validator("reports_to")
    @classmethod
    def _valid_manager(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        if value == info.data.get("id"):
            raise _fail("reports_to_self", "a person cannot report to themself ({ident!r})", {"ident": value})
        _require(info, "people", value)
        index = _index_of(info)
        own = info.data.get("id")
        if index is not None and own in index.person_cycles:
            cycle = " → ".join([*index.person_cycles[own], own])
            raise _fail("reporting_cycle", "reporting cycle: {cycle}", {"cycle": cycle})
        return value

    @field_validator("dotted_line_to")
    @classmethod
    def _valid_dotted(cls, value: list[str], info: ValidationInfo) -> list[str]:
        own = info.data.get("id")
        for ident in value:
            if ident == own:
                raise _fail(
                    "reports_to_self", "a person cannot have a dotted line to themself ({ident!r})", {"ident": ident}
                )
            _require(info, "people", ident)
        return _dedupe(value)

    @model_validator(mode="after")
    def _consistent_contact(self, info: ValidationInfo) -> Person:
        if self.contacted is False and self.last_contact is not None:
            raise _fail(
                "contradiction",
                "contacted is false but last_contact is {date}; remove one of them",
                {"date": self.last_contact.isoformat()},
            )
        index = _index_of(info)
        if self.contacted is False and index is not None and self.id in index.in_contact_log:
            raise _fail(
                "contradiction",
                "contacted is false but the contact log lists {ident!r}; remove one of them",
                {"ident": self.id},
            )
        return self

    @property
    def interest_type(self) -> InterestType | None:
        """Outsider / friend / supplier / partner (D5), derived; ``None`` if either interest is unrecorded."""
        if self.personal_interest_met is None or self.organisational_interest_met is None:
            return None
        return InterestType.from_interests(self.personal_interest_met, self.organisational_interest_met)

    def confidence(self, judged: JudgedField | str) -> Confidence | None:
        """The recorded confidence of a judgement, or ``None`` when none was recorded."""
        found = self.judgements.get(JudgedField.parse(judged))
        return found.confidence if found else None

    def label(self) -> str:
        return self.name


class Unit(_Identified):
    """A department or a related institution (D1). Units nest through ``parent``."""

    _section: ClassVar[str] = "units"

    id: Id
    name: Name
    kind: UnitKind = UnitKind.DEPARTMENT
    parent: Id | None = None
    notes: Text | None = None

    @field_validator("parent")
    @classmethod
    def _valid_parent(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        own = info.data.get("id")
        if value == own:
            raise _fail("parent_self", "a unit cannot be its own parent ({ident!r})", {"ident": value})
        _require(info, "units", value)
        index = _index_of(info)
        if index is not None and own in index.unit_cycles:
            cycle = " → ".join([*index.unit_cycles[own], own])
            raise _fail("unit_cycle", "units nest in a cycle: {cycle}", {"cycle": cycle})
        return value


class Competitor(_Identified):
    """A competitor in the deal (D12)."""

    _section: ClassVar[str] = "competitors"

    id: Id
    name: Name
    position: CompetitorPosition | None = None
    notes: Text | None = None


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
            raise _fail(
                "strength",
                "strength {value!r} is not a number (expected 0 to 1, or strong / medium / weak)",
                {"value": value},
            ) from None
    if isinstance(value, bool):
        raise _fail("strength", "strength must be a number from 0 to 1, not {value!r}", {"value": value})
    if isinstance(value, (int, float)) and not 0 <= value <= 1:
        raise _fail(
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


class Line(_Model):
    """A line between two people, other than formal and dotted reporting.

    - ``influence``: ``source`` sways ``target``; ``strength`` 0..1; ``mutual`` if both ways.
    - ``delegation``: ``source`` delegates authority to ``target``, ``real`` or ``nominal`` (D6).
    - ``introduction``: ``source`` can introduce us to ``target`` (D7: coaches open doors).
    """

    kind: LineKind
    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    strength: Strength = 0.5
    mutual: bool = False
    delegation: DelegationType | None = Field(default=None, description="For delegation lines: real or nominal.")
    scope: Text | None = Field(default=None, description="For delegation lines: what is delegated.")
    confidence: Confidence | None = None
    evidence: Text | None = None
    notes: Text | None = None

    @field_validator("kind")
    @classmethod
    def _not_reporting(cls, value: LineKind) -> LineKind:
        if value in (LineKind.REPORTS_TO, LineKind.DOTTED_LINE):
            raise _fail(
                "line_kind",
                "{kind} lines are written on the person ('reports_to' / 'dotted_line_to'), not under 'lines'",
                {"kind": value.value},
            )
        return value

    @field_validator("source", "target")
    @classmethod
    def _known_person(cls, value: str, info: ValidationInfo) -> str:
        _require(info, "people", value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Line:
        if self.source == self.target:
            raise _fail("line_self", "a line cannot go from a person to themself ({ident!r})", {"ident": self.source})
        if self.kind is LineKind.DELEGATION:
            if self.delegation is None:
                self.delegation = DelegationType.REAL
        elif self.delegation is not None:
            raise _fail(
                "delegation_field",
                "'delegation: {value}' only applies to delegation lines, not {kind}",
                {"value": self.delegation.value, "kind": self.kind.value},
            )
        return self

    @property
    def nominal(self) -> bool:
        return self.delegation is DelegationType.NOMINAL


class Faction(_Identified):
    """A faction inside the decision group (派系, D1): a leader and members."""

    _section: ClassVar[str] = "factions"

    id: Id
    name: Name
    leader: Id | None = None
    members: list[Id] = Field(default_factory=list)
    notes: Text | None = None

    @field_validator("members")
    @classmethod
    def _known_members(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for ident in value:
            _require(info, "people", ident)
        return _dedupe(value)

    @field_validator("leader")
    @classmethod
    def _known_leader(cls, value: str | None, info: ValidationInfo) -> str | None:
        _require(info, "people", value)
        return value

    @model_validator(mode="after")
    def _leader_is_member(self) -> Faction:
        if self.leader is not None and self.leader not in self.members:
            raise _fail(
                "leader_not_member",
                "faction leader {leader!r} is not among its members ({members}); add the leader to members",
                {"leader": self.leader, "members": ", ".join(self.members) or "none"},
            )
        return self


# ---------------------------------------------------------------------------
# Our side
# ---------------------------------------------------------------------------


class TeamMember(_Identified):
    """A member of our own team: seller, presales engineer, manager, executive, partner."""

    _section: ClassVar[str] = "team"

    id: Id
    name: Name
    role: TeamRole = TeamRole.SELLER
    title: Text | None = None
    notes: Text | None = None


class Relationship(_Model):
    """The relationship stage (D5) between one of our team and one customer person."""

    member: Id = Field(description="Id of our team member.")
    person: Id = Field(description="Id of the customer person.")
    stage: RelationshipStage
    since: date | None = None
    notes: Text | None = None

    @field_validator("member")
    @classmethod
    def _known_member(cls, value: str, info: ValidationInfo) -> str:
        _require(info, "team", value)
        return value

    @field_validator("person")
    @classmethod
    def _known_person(cls, value: str, info: ValidationInfo) -> str:
        _require(info, "people", value)
        return value


def _date_only(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


class Contact(_Model):
    """One entry of the contact record card (客户联系记录卡, D11)."""

    date: Annotated[date, BeforeValidator(_date_only)]
    channel: Text | None = Field(default=None, description="Visit, phone, dinner, WeChat, ...")
    place: Text | None = None
    people: list[Id] = Field(default_factory=list, description="Ids of the customer people who took part.")
    team: list[Id] = Field(default_factory=list, description="Ids of our team members who took part.")
    content: Text | None = None
    went_well: Text | None = None
    fell_short: Text | None = None
    lessons: Text | None = None
    agreements: Text | None = Field(default=None, description="New agreements reached.")
    next_plan: Text | None = None

    @field_validator("people")
    @classmethod
    def _known_people(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for ident in value:
            _require(info, "people", ident)
        return _dedupe(value)

    @field_validator("team")
    @classmethod
    def _known_team(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for ident in value:
            _require(info, "team", ident)
        return _dedupe(value)


# ---------------------------------------------------------------------------
# The group
# ---------------------------------------------------------------------------


#: From this many people on, building a group or its analysis pauses the garbage collector.
LARGE_GROUP = 1_000
#: From this many characters of YAML on (about 1,000 people), reading it pauses the garbage collector.
LARGE_TEXT = 300_000


@contextmanager
def gc_paused(*, people: int = 0, chars: int = 0) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large group (its text, or its analysis) is built.

    Tens of thousands of objects that all stay alive make the collector walk the
    whole growing heap again and again: a third of the time at 10,000 people,
    and the reason time grew faster than the map. Nothing built here forms
    reference cycles, so there is nothing for it to find; it is switched back
    on at the end if it was on. Small inputs (fewer than :data:`LARGE_GROUP`
    ``people`` and :data:`LARGE_TEXT` ``chars``) leave it alone.
    """
    if (people < LARGE_GROUP and chars < LARGE_TEXT) or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _people_in(document: Any) -> int:
    people = _get(document, "people")
    return len(people) if isinstance(people, (list, tuple)) else 0


def _schema_version(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value > SCHEMA_VERSION:
        raise _fail(
            "schema_version",
            "this file has schema_version {found}, but this version of stakeholders reads up to {supported};"
            " upgrade stakeholders to read it",
            {"found": value, "supported": SCHEMA_VERSION},
        )
    return value


class BuyingGroup(_Model):
    """The customer's buying group: the whole map.

    Build one from a file with :func:`stakeholders.load`, from text with
    :func:`stakeholders.loads`, or directly::

        >>> from stakeholders import BuyingGroup
        >>> group = BuyingGroup(customer="ACME", people=[{"name": "Li Na", "roles": ["decider"]}])
        >>> group.people[0].id, group.people[0].stance.value
        ('li_na', 'unknown')

    Invalid data raises :class:`~stakeholders.MapError` listing every problem.
    """

    schema_version: Annotated[
        int,
        BeforeValidator(_schema_version),
        Field(ge=1),
        WithJsonSchema({"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION}),
    ] = SCHEMA_VERSION
    customer: Name = Field(description="The customer organisation.")
    opportunity: Text | None = Field(default=None, description="The deal or project.")
    milestone: Milestone | None = Field(default=None, description="The current sales milestone (D9).")
    ownership: Ownership | None = Field(default=None, description="Kind of customer organisation (D6).")
    as_of: date | None = Field(default=None, description="The date the map describes.")
    description: Text | None = None
    competitors: list[Competitor] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    team: list[TeamMember] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    lines: list[Line] = Field(default_factory=list)
    factions: list[Faction] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list, description="The contact log (D11).")
    checklist: Annotated[dict[ChecklistItem, bool], _unique_keys(ChecklistItem), _IN_ORDER] = Field(
        default_factory=dict, description="Deal facts the map cannot derive, e.g. specs_in_tender: true (D9)."
    )

    # -- construction ------------------------------------------------------

    def __init__(self, **data: Any) -> None:
        data = upgrade(data)  # an older schema_version is migrated, a newer one refused
        try:
            with gc_paused(people=_people_in(data)):
                self.__pydantic_validator__.validate_python(
                    data, self_instance=self, context={"stakeholders_index": _build_index(data)}
                )
        except ValidationError as err:
            raise map_error(err) from None

    # Tell pydantic this __init__ only validates, as BaseModel's does, so that
    # model_validate() keeps calling the validator directly (with its context)
    # instead of routing through __init__.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        **kwargs: Any,
    ) -> BuyingGroup:
        """Validate a mapping (e.g. parsed YAML) into a group; raises :class:`MapError`.

        A document of an older ``schema_version`` is migrated first, with a
        :class:`~stakeholders.MigrationNote` warning (see :mod:`stakeholders.migrations`).
        """
        obj = upgrade(obj)
        merged = {**(context or {}), "stakeholders_index": _build_index(obj)}
        try:
            with gc_paused(people=_people_in(obj)):
                return super().model_validate(
                    obj, strict=strict, from_attributes=from_attributes, context=merged, **kwargs
                )
        except ValidationError as err:
            raise map_error(err) from None

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        context: Any | None = None,
        **kwargs: Any,
    ) -> BuyingGroup:
        from .io.files import read_document

        # As stakeholders.loads reads JSON: size limit, decoding, duplicate keys and syntax errors with a line.
        _, data = read_document(json_data if isinstance(json_data, str) else bytes(json_data), "json", None)
        return cls.model_validate(data, strict=strict, context=context)

    # -- look-ups ----------------------------------------------------------

    def person(self, ident: str) -> Person:
        """The person with this id; :class:`KeyError` naming the id otherwise."""
        for person in self.people:
            if person.id == ident:
                return person
        raise KeyError(f"no person with id {ident!r}")

    def unit(self, ident: str) -> Unit:
        for unit in self.units:
            if unit.id == ident:
                return unit
        raise KeyError(f"no unit with id {ident!r}")

    def member(self, ident: str) -> TeamMember:
        for member in self.team:
            if member.id == ident:
                return member
        raise KeyError(f"no team member with id {ident!r}")

    def competitor(self, ident: str) -> Competitor:
        for competitor in self.competitors:
            if competitor.id == ident:
                return competitor
        raise KeyError(f"no competitor with id {ident!r}")

    def with_role(self, role: Role | str) -> list[Person]:
        """The people holding ``role`` (accepts ids, labels and aliases)."""
        wanted = Role.parse(role)
        return [p for p in self.people if wanted in p.roles]

    def stage_of(self, ident: str) -> RelationshipStage | None:
        """A person's relationship stage: as given, else the best across our team, else ``None``."""
        person = self.person(ident)
        if person.stage is not None:
            return person.stage
        stages = [r.stage for r in self.relationships if r.person == ident]
        return max(stages) if stages else None

    def relationships_of(self, ident: str) -> list[Relationship]:
        return [r for r in self.relationships if r.person == ident]

    def last_contact_of(self, ident: str) -> date | None:
        """The latest contact date from the person's record and the contact log."""
        person = self.person(ident)
        dates = [c.date for c in self.contacts if ident in c.people]
        if person.last_contact is not None:
            dates.append(person.last_contact)
        return max(dates) if dates else None

    def was_contacted(self, ident: str) -> bool | None:
        """Whether we have met the person: ``True``, ``False`` or ``None`` (not recorded).

        Derived from ``contacted``, ``last_contact``, the contact log and any
        relationship past ``stranger``.
        """
        person = self.person(ident)
        if person.contacted is not None:
            return person.contacted
        if self.last_contact_of(ident) is not None:
            return True
        stage = self.stage_of(ident)
        if stage is not None and stage > RelationshipStage.STRANGER:
            return True
        return None

    def iter_lines(self) -> Iterator[tuple[str, str, LineKind, dict[str, Any]]]:
        """Every line of the map, reporting lines included, as ``(source, target, kind, attributes)``.

        Reporting lines go from the manager to the report, top-down.
        """
        for person in self.people:
            if person.reports_to is not None:
                yield person.reports_to, person.id, LineKind.REPORTS_TO, {}
            for manager in person.dotted_line_to:
                yield manager, person.id, LineKind.DOTTED_LINE, {}
        for line in self.lines:
            attrs = line.model_dump(exclude={"kind", "source", "target"}, exclude_none=True, mode="json")
            yield line.source, line.target, line.kind, attrs

    # -- files and graphs --------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The map as plain data, in the form files hold (defaults and derived ids left out)."""
        from .io.files import to_document

        return to_document(self)

    def dumps(self, format: str = "yaml", *, redact: bool = False) -> str:
        """The map as YAML (default) or JSON text; ``redact=True`` for a copy to share."""
        from .io.files import dumps

        return dumps(self, format=format, redact=redact)

    def save(self, path: str | Path, *, format: str | None = None, redact: bool = False) -> Path:
        """Write the map to ``path`` (format from the suffix: .yaml/.yml/.json), atomically.

        The text goes to a temporary file beside the target, is flushed to disk,
        then renamed over the old file, so a crash mid-write leaves the old file intact.
        """
        from .io.files import save

        return save(self, path, format=format, redact=redact)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The map as a :class:`networkx.MultiDiGraph` (see :func:`stakeholders.graph.to_networkx`)."""
        from .graph import to_networkx

        return to_networkx(self)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, Any]:
        """Show the organisation analysis chart inline in Jupyter (SVG, or PNG without Graphviz)."""
        from .drawing import chart

        return chart(self)._repr_mimebundle_(include, exclude)

    @classmethod
    def from_networkx(cls, G: nx.MultiDiGraph) -> BuyingGroup:
        """Rebuild a map from :meth:`to_networkx` output."""
        from .graph import from_networkx

        return from_networkx(G)


# ---------------------------------------------------------------------------
# Turning pydantic's errors into MapError problems
# ---------------------------------------------------------------------------


def _location(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_FIELDS_BY_MODEL: dict[str, list[str]] = {}


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


def map_error(err: ValidationError, source: str | None = None, model: type[BaseModel] | None = None) -> MapError:
    """Convert a pydantic :class:`ValidationError` into a :class:`MapError`.

    ``model`` is where the locations start (default: the whole map), for "did you mean" hints.
    """
    problems = [_problem(e, model or BuyingGroup) for e in err.errors(include_url=False)]
    return MapError(problems, source=source)

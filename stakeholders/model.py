"""The buying-group model (domain.md D1-D7, D11, D12): data and validation only.

A :class:`BuyingGroup` holds the customer's people, our own team, the units
(departments and related institutions), the lines between people (formal
reporting, dotted-line managers, informal influence, delegation, introduction),
factions, our relationships with each person and a contact log.

Cross-references (``reports_to``, ``unit``, faction members, ...) are checked
while the document is validated, together with every other field, so one
:class:`~stakeholders.MapError` lists every problem of a document at once.

This module is longer than 500 lines on purpose: it holds the models of the
file format and nothing else, one class per section of a map, because
docs/format.md documents (and tests/docs checks) exactly the models defined
here. Their helpers live beside it: :mod:`stakeholders.field_types` (the value
types and shared validators), :mod:`stakeholders.references` (the id index and
reference checks) and :mod:`stakeholders.validation_errors` (pydantic's errors
as a :class:`~stakeholders.MapError`). The vocabularies :class:`LineKind`,
:class:`JudgedField` and :class:`ChecklistItem` live in :mod:`stakeholders.vocab`
and are re-exported here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, TypeVar

from pydantic import (
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

from .field_types import (
    IN_ORDER,
    FreeText,
    Id,
    Name,
    Strength,
    check_schema_version,
    date_only,
    dedupe,
    derive_missing_id,
    list_of,
    one_or_many,
    unique_keys,
)
from .ids import normalise_id
from .migrations import SCHEMA_VERSION, upgrade
from .references import (
    CompetitorRef,
    PersonRef,
    TeamRef,
    UnitRef,
    build_index,
    check_duplicate,
    field_of,
    index_of,
    require,
)
from .validation_errors import fail, map_error
from .vocab import (
    ChecklistItem,
    CompetitorPosition,
    Confidence,
    DelegationType,
    Disc,
    Insider,
    InterestType,
    JudgedField,
    Layer,
    Level,
    LineKind,
    Milestone,
    Ownership,
    RelationshipStage,
    Role,
    Stance,
    TeamRole,
    UnitKind,
)

if TYPE_CHECKING:
    import networkx as nx

_Entry = TypeVar("_Entry", "Person", "Unit", "TeamMember", "Competitor")

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
            raise map_error(err, type(self)) from None

    # Tell pydantic this __init__ only validates, as BaseModel's does, so that nested
    # validation keeps calling the validator directly (with its context).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    def __setattr__(self, name: str, value: Any) -> None:
        """Assignments are validated too (``person.stance = "支持者"`` works); errors are MapError."""
        try:
            super().__setattr__(name, value)
        except ValidationError as err:
            raise map_error(err, type(self)) from None


def _derived_later() -> str:
    """The default of ``id`` as type checkers and ``model_construct`` see it.

    Validation never uses it: :func:`~stakeholders.field_types.derive_missing_id`
    derives a missing id from the name before the fields are validated. The
    default only tells type checkers that ``Person(name="Li Na")`` is complete.
    """
    return ""


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
        return derive_missing_id(data)

    @field_validator("id", check_fields=False)
    @classmethod
    def _unique(cls, value: str, info: ValidationInfo) -> str:
        check_duplicate(info, cls._section, value)
        return value


# ---------------------------------------------------------------------------
# The customer side
# ---------------------------------------------------------------------------


class Judgement(_Model):
    """How sure the analyst is of one judgement about a person, and why."""

    confidence: Confidence = Confidence.LIKELY
    evidence: FreeText | None = Field(default=None, description="A short note on what the judgement rests on.")


class PrivateProfile(_Model):
    """Personal data from the customer profile card (D11), held apart from the rest.

    Kept out of anything shared when redaction is on.
    """

    birthday: date | None = None
    education: FreeText | None = None
    hometown: FreeText | None = Field(default=None, description="Native place (籍贯).")
    family: FreeText | None = None
    hobbies: list[FreeText] = Field(default_factory=list)
    address: FreeText | None = None
    phone: FreeText | None = None
    email: FreeText | None = None
    notes: FreeText | None = None

    @field_validator("hobbies", mode="before")
    @classmethod
    def one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in type(self).model_fields)


class Person(_Identified):
    """A person of the customer's buying group.

    Only ``name`` is required. ``stance`` is ``unknown`` until the analyst
    records one; ``unknown`` is never read as neutral.
    """

    _section: ClassVar[str] = "people"

    id: Id = Field(default_factory=_derived_later, description="Stable id; derived from the name when left out.")
    name: Name
    title: FreeText | None = Field(default=None, description="Job title (职位).")
    unit: UnitRef | None = Field(default=None, description="Id of the unit (department or institution).")
    reports_to: PersonRef | None = Field(default=None, description="Id of the formal line manager (solid line).")
    dotted_line_to: list[PersonRef] = Field(default_factory=list, description="Ids of dotted-line managers.")
    roles: Annotated[list[Role], BeforeValidator(list_of), one_or_many(Role)] = Field(
        default_factory=list, description="Roles in the decision (D2): zero or more."
    )
    layer: Layer | None = Field(default=None, description="Which of the six kinds of customer (D2).")
    stance: Stance = Field(default=Stance.UNKNOWN, description="Stance toward us (D3).")
    disc: Disc | None = Field(default=None, description="DISC personality type (D4).")
    authority: Level | None = Field(default=None, description="Formal authority as recorded: low/medium/high.")
    influence: Level | None = Field(default=None, description="Real influence as judged: low/medium/high.")
    insider: Insider | None = Field(default=None, description="Coach or informant (D7). Sensitive.")
    favours: CompetitorRef | None = Field(default=None, description="Id of the competitor this person leans to (D12).")
    concerns: Annotated[list[FreeText], BeforeValidator(list_of), one_or_many(None)] = Field(
        default_factory=list, description="What this person cares about (关注点, D2)."
    )
    background: FreeText | None = Field(default=None, description="Background (背景).")
    personal_interest_met: bool | None = Field(default=None, description="Do we meet their personal interest? (D5)")
    organisational_interest_met: bool | None = Field(
        default=None, description="Do we meet their organisation's interest? (D5)"
    )
    stage: RelationshipStage | None = Field(
        default=None, description="Relationship stage given directly; otherwise the best across our team."
    )
    contacted: bool | None = Field(default=None, description="Have we met this person? None: not recorded.")
    last_contact: date | None = None
    judgements: Annotated[dict[JudgedField, Judgement], unique_keys(JudgedField), IN_ORDER] = Field(
        default_factory=dict, description="Confidence and evidence for stance, roles, DISC and influence."
    )
    private: PrivateProfile = Field(default_factory=PrivateProfile, description="Personal data (D11).")
    notes: FreeText | None = None

    @field_validator("roles", mode="after")
    @classmethod
    def _unique_roles(cls, value: list[Role]) -> list[Role]:
        return dedupe(value)

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str | None, info: ValidationInfo) -> str | None:
        require(info, "units", value)
        return value

    @field_validator("favours")
    @classmethod
    def _known_competitor(cls, value: str | None, info: ValidationInfo) -> str | None:
        require(info, "competitors", value)
        return value

    @field_validator("reports_to")
    @classmethod
    def _valid_manager(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        if value == info.data.get("id"):
            raise fail("reports_to_self", "a person cannot report to themself ({ident!r})", {"ident": value})
        require(info, "people", value)
        index = index_of(info)
        own = info.data.get("id")
        if index is not None and own in index.person_cycles:
            raise fail("reporting_cycle", "reporting cycle: {cycle}", {"cycle": index.person_cycles[own].text()})
        return value

    @field_validator("dotted_line_to")
    @classmethod
    def _valid_dotted(cls, value: list[str], info: ValidationInfo) -> list[str]:
        own = info.data.get("id")
        for ident in value:
            if ident == own:
                raise fail(
                    "reports_to_self", "a person cannot have a dotted line to themself ({ident!r})", {"ident": ident}
                )
            require(info, "people", ident)
        return dedupe(value)

    @model_validator(mode="after")
    def _consistent_contact(self, info: ValidationInfo) -> Person:
        if self.contacted is False and self.last_contact is not None:
            raise fail(
                "contradiction",
                "contacted is false but last_contact is {date}; remove one of them",
                {"date": self.last_contact.isoformat()},
            )
        index = index_of(info)
        if self.contacted is False and index is not None and self.id in index.in_contact_log:
            raise fail(
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

    id: Id = Field(default_factory=_derived_later)
    name: Name
    kind: UnitKind = UnitKind.DEPARTMENT
    parent: UnitRef | None = None
    notes: FreeText | None = None

    @field_validator("parent")
    @classmethod
    def _valid_parent(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        own = info.data.get("id")
        if value == own:
            raise fail("parent_self", "a unit cannot be its own parent ({ident!r})", {"ident": value})
        require(info, "units", value)
        index = index_of(info)
        if index is not None and own in index.unit_cycles:
            raise fail("unit_cycle", "units nest in a cycle: {cycle}", {"cycle": index.unit_cycles[own].text()})
        return value


class Competitor(_Identified):
    """A competitor in the deal (D12)."""

    _section: ClassVar[str] = "competitors"

    id: Id = Field(default_factory=_derived_later)
    name: Name
    position: CompetitorPosition | None = None
    notes: FreeText | None = None


class Line(_Model):
    """A line between two people, other than formal and dotted reporting.

    - ``influence``: ``source`` sways ``target``; ``strength`` 0..1; ``mutual`` if both ways.
    - ``delegation``: ``source`` delegates authority to ``target``, ``real`` or ``nominal`` (D6).
    - ``introduction``: ``source`` can introduce us to ``target`` (D7: coaches open doors).
    """

    kind: LineKind
    source: PersonRef = Field(alias="from")
    target: PersonRef = Field(alias="to")
    strength: Strength = 0.5
    mutual: bool = False
    delegation: DelegationType | None = Field(default=None, description="For delegation lines: real or nominal.")
    scope: FreeText | None = Field(default=None, description="For delegation lines: what is delegated.")
    confidence: Confidence | None = None
    evidence: FreeText | None = None
    notes: FreeText | None = None

    @field_validator("kind")
    @classmethod
    def _not_reporting(cls, value: LineKind) -> LineKind:
        if value in (LineKind.REPORTS_TO, LineKind.DOTTED_LINE):
            raise fail(
                "line_kind",
                "{kind} lines are written on the person ('reports_to' / 'dotted_line_to'), not under 'lines'",
                {"kind": value.value},
            )
        return value

    @field_validator("source", "target")
    @classmethod
    def _known_person(cls, value: str, info: ValidationInfo) -> str:
        require(info, "people", value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Line:
        if self.source == self.target:
            raise fail("line_self", "a line cannot go from a person to themself ({ident!r})", {"ident": self.source})
        if self.kind is LineKind.DELEGATION:
            if self.delegation is None:
                self.delegation = DelegationType.REAL
        elif self.delegation is not None:
            raise fail(
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

    id: Id = Field(default_factory=_derived_later)
    name: Name
    leader: PersonRef | None = None
    members: list[PersonRef] = Field(default_factory=list)
    notes: FreeText | None = None

    @field_validator("members")
    @classmethod
    def _known_members(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for ident in value:
            require(info, "people", ident)
        return dedupe(value)

    @field_validator("leader")
    @classmethod
    def _known_leader(cls, value: str | None, info: ValidationInfo) -> str | None:
        require(info, "people", value)
        return value

    @model_validator(mode="after")
    def _leader_is_member(self) -> Faction:
        if self.leader is not None and self.leader not in self.members:
            raise fail(
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

    id: Id = Field(default_factory=_derived_later)
    name: Name
    role: TeamRole = TeamRole.SELLER
    title: FreeText | None = None
    notes: FreeText | None = None


class Relationship(_Model):
    """The relationship stage (D5) between one of our team and one customer person."""

    member: TeamRef = Field(description="Id of our team member.")
    person: PersonRef = Field(description="Id of the customer person.")
    stage: RelationshipStage
    since: date | None = None
    notes: FreeText | None = None

    @field_validator("member")
    @classmethod
    def _known_member(cls, value: str, info: ValidationInfo) -> str:
        require(info, "team", value)
        return value

    @field_validator("person")
    @classmethod
    def _known_person(cls, value: str, info: ValidationInfo) -> str:
        require(info, "people", value)
        return value


class Contact(_Model):
    """One entry of the contact record card (客户联系记录卡, D11)."""

    date: Annotated[date, BeforeValidator(date_only)]
    channel: FreeText | None = Field(default=None, description="Visit, phone, dinner, WeChat, ...")
    place: FreeText | None = None
    people: list[PersonRef] = Field(default_factory=list, description="Ids of the customer people who took part.")
    team: list[TeamRef] = Field(default_factory=list, description="Ids of our team members who took part.")
    content: FreeText | None = None
    went_well: FreeText | None = None
    fell_short: FreeText | None = None
    lessons: FreeText | None = None
    agreements: FreeText | None = Field(default=None, description="New agreements reached.")
    next_plan: FreeText | None = None

    @field_validator("people")
    @classmethod
    def _known_people(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for ident in value:
            require(info, "people", ident)
        return dedupe(value)

    @field_validator("team")
    @classmethod
    def _known_team(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for ident in value:
            require(info, "team", ident)
        return dedupe(value)


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
    people = field_of(document, "people")
    return len(people) if isinstance(people, (list, tuple)) else 0


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
        BeforeValidator(check_schema_version),
        Field(ge=1),
        WithJsonSchema({"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION}),
    ] = SCHEMA_VERSION
    customer: Name = Field(description="The customer organisation.")
    opportunity: FreeText | None = Field(default=None, description="The deal or project.")
    milestone: Milestone | None = Field(default=None, description="The current sales milestone (D9).")
    ownership: Ownership | None = Field(default=None, description="Kind of customer organisation (D6).")
    as_of: date | None = Field(default=None, description="The date the map describes.")
    description: FreeText | None = None
    competitors: list[Competitor] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    team: list[TeamMember] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    lines: list[Line] = Field(default_factory=list)
    factions: list[Faction] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list, description="The contact log (D11).")
    checklist: Annotated[dict[ChecklistItem, bool], unique_keys(ChecklistItem), IN_ORDER] = Field(
        default_factory=dict, description="Deal facts the map cannot derive, e.g. specs_in_tender: true (D9)."
    )

    # -- construction ------------------------------------------------------

    def __init__(self, **data: Any) -> None:
        data = upgrade(data)  # an older schema_version is migrated, a newer one refused
        try:
            with gc_paused(people=_people_in(data)):
                self.__pydantic_validator__.validate_python(
                    data, self_instance=self, context={"stakeholders_index": build_index(data)}
                )
        except ValidationError as err:
            raise map_error(err, BuyingGroup) from None

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
        merged = {**(context or {}), "stakeholders_index": build_index(obj)}
        try:
            with gc_paused(people=_people_in(obj)):
                return super().model_validate(
                    obj, strict=strict, from_attributes=from_attributes, context=merged, **kwargs
                )
        except ValidationError as err:
            raise map_error(err, BuyingGroup) from None

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
        """The person with this id (written any way that normalises to it) or this exact name; else KeyError."""
        return self._find(self.people, ident, "person")

    def unit(self, ident: str) -> Unit:
        return self._find(self.units, ident, "unit")

    def member(self, ident: str) -> TeamMember:
        return self._find(self.team, ident, "team member")

    def competitor(self, ident: str) -> Competitor:
        return self._find(self.competitors, ident, "competitor")

    @staticmethod
    def _find(items: list[_Entry], ident: str, word: str) -> _Entry:
        """By id (written any way that normalises to it), else by exact display name, as references are read."""
        wanted = normalise_id(ident)
        for item in items:
            if item.id in (ident, wanted):
                return item
        named = [item for item in items if item.name == ident.strip()]
        if len(named) == 1:
            return named[0]
        if named:
            ids = ", ".join(item.id for item in named)
            raise KeyError(
                f"{ident!r} is the name of {len(named)} entries ({ids}); give the id / 有多个同名条目，请给出 id"
            )
        raise KeyError(f"no {word} with id or name {ident!r}")

    def with_role(self, role: Role | str) -> list[Person]:
        """The people holding ``role`` (accepts ids, labels and aliases)."""
        wanted = Role.parse(role)
        return [p for p in self.people if wanted in p.roles]

    def stage_of(self, ident: str) -> RelationshipStage | None:
        """A person's relationship stage: as given, else the best across our team, else ``None``."""
        person = self.person(ident)
        if person.stage is not None:
            return person.stage
        stages = [r.stage for r in self.relationships if r.person == person.id]
        return max(stages) if stages else None

    def relationships_of(self, ident: str) -> list[Relationship]:
        wanted = (ident, normalise_id(ident))
        return [r for r in self.relationships if r.person in wanted]

    def last_contact_of(self, ident: str) -> date | None:
        """The latest contact date from the person's record and the contact log."""
        person = self.person(ident)
        dates = [c.date for c in self.contacts if person.id in c.people]
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

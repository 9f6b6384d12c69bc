"""stakeholders: map, score and draw a customer's buying group.

The public names other tools import are listed in ``__all__`` and kept stable.
``import stakeholders`` stays cheap: matplotlib, graphviz and pandas are only
imported by the functions that draw or build tables.
"""

from __future__ import annotations

from .analysis import Analysis, Weights, analyze
from .errors import MapError, Problem, StakeholdersError
from .ids import derive_id
from .io.files import dumps, load, loads, save
from .model import (
    SCHEMA_VERSION,
    BuyingGroup,
    ChecklistItem,
    Competitor,
    Contact,
    Faction,
    JudgedField,
    Judgement,
    Line,
    LineKind,
    Person,
    PrivateProfile,
    Relationship,
    TeamMember,
    Unit,
)
from .render import Chart, Redaction, chart, draw, power_map, render, to_dot
from .schema import json_schema
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
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "BuyingGroup",
    "Chart",
    "ChecklistItem",
    "Competitor",
    "CompetitorPosition",
    "Confidence",
    "Contact",
    "DelegationType",
    "Disc",
    "Faction",
    "Insider",
    "InterestType",
    "JudgedField",
    "Judgement",
    "Layer",
    "Level",
    "Line",
    "LineKind",
    "MapError",
    "Milestone",
    "Ownership",
    "Person",
    "PrivateProfile",
    "Problem",
    "Redaction",
    "Relationship",
    "RelationshipStage",
    "Role",
    "StakeholdersError",
    "Stance",
    "TeamMember",
    "TeamRole",
    "Unit",
    "UnitKind",
    "Weights",
    "__version__",
    "analyze",
    "chart",
    "derive_id",
    "draw",
    "dumps",
    "json_schema",
    "load",
    "loads",
    "power_map",
    "render",
    "save",
    "to_dot",
]

"""stakeholders: map, score and draw a customer's buying group.

The public names other tools import are listed in ``__all__`` and kept stable.
``import stakeholders`` stays cheap: matplotlib, graphviz and pandas are only
imported by the functions that draw or build tables.
"""

from __future__ import annotations

from .analysis import Analysis, Weights, analyze
from .errors import MapError, Problem, StakeholdersError
from .ids import derive_id
from .io.contacts import ColumnMapping, ImportProblem, ImportReport, MappingError, read_contacts
from .io.files import dumps, load, loads, save
from .io.gexf import read_gexf, to_gexf, write_gexf
from .io.graphml import read_graphml, to_graphml, write_graphml
from .io.mermaid import to_mermaid, write_mermaid
from .io.tables import from_frames, read_xlsx, to_frame, to_frames, write_csv, write_xlsx
from .migrations import MigrationNote
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
    "ColumnMapping",
    "Competitor",
    "CompetitorPosition",
    "Confidence",
    "Contact",
    "DelegationType",
    "Disc",
    "Faction",
    "ImportProblem",
    "ImportReport",
    "Insider",
    "InterestType",
    "JudgedField",
    "Judgement",
    "Layer",
    "Level",
    "Line",
    "LineKind",
    "MapError",
    "MappingError",
    "MigrationNote",
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
    "from_frames",
    "json_schema",
    "load",
    "loads",
    "power_map",
    "read_contacts",
    "read_gexf",
    "read_graphml",
    "read_xlsx",
    "render",
    "save",
    "to_dot",
    "to_frame",
    "to_frames",
    "to_gexf",
    "to_graphml",
    "to_mermaid",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_mermaid",
    "write_xlsx",
]

"""stakeholders: map, score and draw a customer's buying group.

The public names other tools import are listed in ``__all__`` and kept stable.
``import stakeholders`` stays cheap: matplotlib, graphviz and pandas are only
imported by the functions that draw or build tables.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from . import _lazy

if TYPE_CHECKING:  # for type checkers and the API docs; at run time the names load on first use
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

#: Where each public name lives: ``import stakeholders`` loads none of these modules,
#: the first use of a name imports its module (PEP 562, see ``_lazy.py``). Importing them
#: all up front cost about 1.6× ``import pydantic, networkx`` (docs/benchmarks.md).
_LAZY: dict[str, str] = {
    "Analysis": ".analysis",
    "Weights": ".analysis",
    "analyze": ".analysis",
    "MapError": ".errors",
    "Problem": ".errors",
    "StakeholdersError": ".errors",
    "derive_id": ".ids",
    "ColumnMapping": ".io.contacts",
    "ImportProblem": ".io.contacts",
    "ImportReport": ".io.contacts",
    "MappingError": ".io.contacts",
    "read_contacts": ".io.contacts",
    "dumps": ".io.files",
    "load": ".io.files",
    "loads": ".io.files",
    "save": ".io.files",
    "read_gexf": ".io.gexf",
    "to_gexf": ".io.gexf",
    "write_gexf": ".io.gexf",
    "read_graphml": ".io.graphml",
    "to_graphml": ".io.graphml",
    "write_graphml": ".io.graphml",
    "to_mermaid": ".io.mermaid",
    "write_mermaid": ".io.mermaid",
    "from_frames": ".io.tables",
    "read_xlsx": ".io.tables",
    "to_frame": ".io.tables",
    "to_frames": ".io.tables",
    "write_csv": ".io.tables",
    "write_xlsx": ".io.tables",
    "MigrationNote": ".migrations",
    "SCHEMA_VERSION": ".model",
    "BuyingGroup": ".model",
    "ChecklistItem": ".model",
    "Competitor": ".model",
    "Contact": ".model",
    "Faction": ".model",
    "JudgedField": ".model",
    "Judgement": ".model",
    "Line": ".model",
    "LineKind": ".model",
    "Person": ".model",
    "PrivateProfile": ".model",
    "Relationship": ".model",
    "TeamMember": ".model",
    "Unit": ".model",
    "Chart": ".render",
    "Redaction": ".render",
    "chart": ".render",
    "draw": ".render",
    "power_map": ".render",
    "render": ".render",
    "to_dot": ".render",
    "json_schema": ".schema",
    "CompetitorPosition": ".vocab",
    "Confidence": ".vocab",
    "DelegationType": ".vocab",
    "Disc": ".vocab",
    "Insider": ".vocab",
    "InterestType": ".vocab",
    "Layer": ".vocab",
    "Level": ".vocab",
    "Milestone": ".vocab",
    "Ownership": ".vocab",
    "RelationshipStage": ".vocab",
    "Role": ".vocab",
    "Stance": ".vocab",
    "TeamRole": ".vocab",
    "UnitKind": ".vocab",
}

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


__getattr__, __dir__ = _lazy.attach(__name__, _LAZY)


class _Package(types.ModuleType):
    """The package's module: a subpackage never hides the public name it shares.

    ``stakeholders.render`` is the drawing function, and ``stakeholders/render/`` is
    the package that holds it. When that package is first imported, Python sets
    ``stakeholders.render`` to the package; with the names loaded lazily this could
    happen after the function was looked up (``import stakeholders.cli`` imports it),
    and ``stakeholders.render(...)`` would then fail. Setting a public name to a
    module is ignored here, so the name keeps (or loads on first use) its object.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

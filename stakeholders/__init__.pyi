# The public API of ``stakeholders``, written once.
#
# Type checkers and the API docs read the names from here, and at run time
# ``stakeholders/_lazy.py`` (lazy_loader.attach_stub) reads the same imports to
# load each name on first use, so ``import stakeholders`` stays cheap. ``__all__``
# is these names and ``__version__``. To add a public name, add it here only.

from .analysis import (
    Analysis as Analysis,
    Weights as Weights,
    analyze as analyze,
)
from .drawing.mermaid import (
    to_mermaid as to_mermaid,
    write_mermaid as write_mermaid,
)
from .drawing.rendering import (
    Chart as Chart,
    chart as chart,
    draw as draw,
    power_map as power_map,
    render as render,
    to_dot as to_dot,
)
from .drawing.view import (
    Redaction as Redaction,
)
from .errors import (
    MapError as MapError,
    Problem as Problem,
    StakeholdersError as StakeholdersError,
)
from .ids import (
    derive_id as derive_id,
    normalise_id as normalise_id,
)
from .io.contacts import (
    ColumnMapping as ColumnMapping,
    ImportProblem as ImportProblem,
    ImportReport as ImportReport,
    MappingError as MappingError,
    read_contacts as read_contacts,
)
from .io.files import (
    dumps as dumps,
    load as load,
    loads as loads,
    save as save,
)
from .io.gexf import (
    read_gexf as read_gexf,
    to_gexf as to_gexf,
    write_gexf as write_gexf,
)
from .io.graphml import (
    read_graphml as read_graphml,
    to_graphml as to_graphml,
    write_graphml as write_graphml,
)
from .io.tables import (
    from_frames as from_frames,
    read_xlsx as read_xlsx,
    to_frame as to_frame,
    to_frames as to_frames,
    write_csv as write_csv,
    write_xlsx as write_xlsx,
)
from .migrations import (
    SCHEMA_VERSION as SCHEMA_VERSION,
    MigrationNote as MigrationNote,
)
from .model import (
    BuyingGroup as BuyingGroup,
    Competitor as Competitor,
    Contact as Contact,
    Faction as Faction,
    Judgement as Judgement,
    Line as Line,
    Person as Person,
    PrivateProfile as PrivateProfile,
    Relationship as Relationship,
    TeamMember as TeamMember,
    Unit as Unit,
)
from .schema import (
    json_schema as json_schema,
)
from .vocab import (
    ChecklistItem as ChecklistItem,
    CompetitorPosition as CompetitorPosition,
    Confidence as Confidence,
    DelegationType as DelegationType,
    Disc as Disc,
    Insider as Insider,
    InterestType as InterestType,
    JudgedField as JudgedField,
    Layer as Layer,
    Level as Level,
    LineKind as LineKind,
    Milestone as Milestone,
    Ownership as Ownership,
    RelationshipStage as RelationshipStage,
    Role as Role,
    Stance as Stance,
    TeamRole as TeamRole,
    UnitKind as UnitKind,
)

__version__: str
__all__: list[str]

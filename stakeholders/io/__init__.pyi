# The public names of ``stakeholders.io``, written once (see ``stakeholders/_lazy.py``).

from .contacts import read_contacts as read_contacts
from .files import dumps as dumps, load as load, loads as loads, save as save
from .formats import read as read, write as write
from .gexf import read_gexf as read_gexf, write_gexf as write_gexf
from .graphml import read_graphml as read_graphml, write_graphml as write_graphml
from .mermaid import to_mermaid as to_mermaid, write_mermaid as write_mermaid
from .tables import (
    from_frames as from_frames,
    read_xlsx as read_xlsx,
    to_frame as to_frame,
    to_frames as to_frames,
    write_csv as write_csv,
    write_xlsx as write_xlsx,
)

__all__: list[str]

"""Reading and writing maps: one module per format.

- :mod:`~stakeholders.io.files`: YAML and JSON map files;
- :mod:`~stakeholders.io.contacts`: contact lists (CSV, Excel) in, with a column mapping and a report;
- :mod:`~stakeholders.io.tables`: pandas DataFrames, Excel workbooks and CSV out;
- :mod:`~stakeholders.io.graphml`, :mod:`~stakeholders.io.gexf`: graph files for yEd and Gephi;
- :mod:`~stakeholders.io.mermaid`: Mermaid flowcharts for Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _lazy

if TYPE_CHECKING:  # the names load on first use: reading YAML does not import the XML or Excel code
    from .contacts import read_contacts
    from .files import dumps, load, loads, save
    from .gexf import read_gexf, write_gexf
    from .graphml import read_graphml, write_graphml
    from .mermaid import to_mermaid, write_mermaid
    from .tables import from_frames, read_xlsx, to_frame, to_frames, write_csv, write_xlsx

_LAZY: dict[str, str] = {
    "read_contacts": ".contacts",
    "dumps": ".files",
    "load": ".files",
    "loads": ".files",
    "save": ".files",
    "read_gexf": ".gexf",
    "write_gexf": ".gexf",
    "read_graphml": ".graphml",
    "write_graphml": ".graphml",
    "to_mermaid": ".mermaid",
    "write_mermaid": ".mermaid",
    "from_frames": ".tables",
    "read_xlsx": ".tables",
    "to_frame": ".tables",
    "to_frames": ".tables",
    "write_csv": ".tables",
    "write_xlsx": ".tables",
}

__getattr__, __dir__ = _lazy.attach(__name__, _LAZY)

__all__ = [
    "dumps",
    "from_frames",
    "load",
    "loads",
    "read_contacts",
    "read_gexf",
    "read_graphml",
    "read_xlsx",
    "save",
    "to_frame",
    "to_frames",
    "to_mermaid",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_mermaid",
    "write_xlsx",
]

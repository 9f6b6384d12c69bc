"""Reading and writing maps: one module per format.

- :mod:`~stakeholders.io.files`: YAML and JSON map files;
- :mod:`~stakeholders.io.contacts`: contact lists (CSV, Excel) in, with a column mapping and a report;
- :mod:`~stakeholders.io.tables`: pandas DataFrames, Excel workbooks and CSV out;
- :mod:`~stakeholders.io.graphml`, :mod:`~stakeholders.io.gexf`: graph files for yEd and Gephi;
- :mod:`~stakeholders.io.formats`: the one table of formats, with :func:`read` and :func:`write` by suffix.

Mermaid flowcharts are drawn by :mod:`stakeholders.drawing.mermaid` (still importable from here).
The public names are written once, in ``__init__.pyi``, and load on first use: reading
YAML does not import the XML or Excel code.
"""

from .. import _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, __file__)

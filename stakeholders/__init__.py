"""stakeholders: map, score and draw a customer's buying group.

The public names other tools import are written once, in ``__init__.pyi``,
and kept stable; ``__all__`` lists them. ``import stakeholders`` stays cheap:
each name's module is imported on first use (``_lazy.py``), and matplotlib,
graphviz and pandas only by the functions that draw or build tables.
"""

from . import _lazy

__version__ = "0.1.0"

__getattr__, __dir__, __all__ = _lazy.attach(__name__, __file__, extra=("__version__",))

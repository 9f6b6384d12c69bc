"""Reading and writing maps: one module per format."""

from .files import dumps, load, loads, save

__all__ = ["dumps", "load", "loads", "save"]

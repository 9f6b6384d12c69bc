"""Public names loaded on first use (PEP 562), so ``import stakeholders`` stays cheap.

A package lists where each of its names lives; :func:`attach` gives it the module
``__getattr__`` and ``__dir__`` that import a name's module the first time the
name is used. Type checkers and the API docs read the same names from the
package's ``if TYPE_CHECKING:`` imports.

Written here rather than taken from ``lazy_loader`` (scientific-python): these
twenty lines are all that is needed, and a library whose point is a cheap
import should not add a dependency to import.
"""

from __future__ import annotations

import importlib
import importlib.util
import types
from collections.abc import Callable, Mapping
from typing import Any


def attach(package: str, names: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``names`` map a public name to its module.

    Module paths are relative to the package (``".io.files"``). A loaded name is
    stored in the package, so later uses are plain attribute look-ups. Any other
    name that is a submodule (``stakeholders.io``, ``stakeholders.analysis``) is
    imported on first use too, as if the package had imported it.
    """
    module = importlib.import_module(package)
    own = f"{package}."

    def __getattr__(name: str) -> Any:
        where = names.get(name)
        if where is not None:
            value = getattr(importlib.import_module(where, package), name)
            setattr(module, name, value)
            return value
        if not name.startswith("__") and importlib.util.find_spec(f"{package}.{name}") is not None:
            # A submodule, as an eager package would have it: ``stakeholders.io.limits.MAX_BYTES``.
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        loaded = (
            name
            for name, value in vars(module).items()
            if name.startswith("__") or (isinstance(value, types.ModuleType) and value.__name__.startswith(own))
        )
        return sorted({*names, *loaded})

    return __getattr__, __dir__

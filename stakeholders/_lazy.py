"""Public names loaded on first use, read from the package's ``.pyi`` stub.

A package writes its public names once, as the imports of its ``__init__.pyi``
stub. Type checkers and the API docs read that stub; at run time
:func:`attach` hands it to ``lazy_loader.attach_stub`` (scientific-python),
which imports a name's module the first time the name is used, so
``import stakeholders`` loads neither pydantic nor networkx until a name needs
them (docs/benchmarks.md).

Two things are added to what ``lazy_loader`` does:

- ``__all__`` is the stub's names plus the given extras (``__version__``),
  in the order ruff keeps ``__all__`` lists in (constants, classes, the rest);
- any other submodule (``stakeholders.io.limits``) is imported on first use too,
  as if the package had imported it eagerly.
"""

from __future__ import annotations

import importlib
import importlib.util
import types

import lazy_loader

TYPE_CHECKING = False  # typing is not imported at run time: this module is on the path of every import
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def _isort_order(name: str) -> tuple[int, str]:
    """Constants first, then classes, then everything else (ruff's RUF022 "isort-style")."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2), name


def attach(
    package: str, filename: str, *, extra: tuple[str, ...] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package``, from the stub beside ``filename``."""
    stub_getattr, _, names = lazy_loader.attach_stub(package, filename)
    public = sorted({*names, *extra}, key=_isort_order)
    module = importlib.import_module(package)
    own = f"{package}."

    def __getattr__(name: str) -> Any:
        if name in names:
            return stub_getattr(name)
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
        return sorted({*public, *loaded})

    return __getattr__, __dir__, public

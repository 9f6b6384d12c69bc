"""Graph files do not depend on pydantic having built each model class on its own.

The models are built on first use (``defer_build``, docs/benchmarks.md). A class that is only
ever validated inside its parent (a unit inside a map) is built into the parent's schema; on
pydantic 2.6 to 2.13 its own ``__pydantic_serializer__`` stays a placeholder (``MockValSer``), which
pydantic-core's type inference (``to_jsonable_python``) refuses: ``to_graphml`` and ``to_gexf``
failed with ``TypeError: 'MockValSer' object is not an instance of 'SchemaSerializer'``. The oldest
job of the dependency matrix (``make matrix``) runs on such a version; here the placeholder is put
back by hand, so that the newest pydantic, which copes with its own placeholder, shows it too.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

from stakeholders import BuyingGroup
from stakeholders.io.gexf import read_gexf, to_gexf
from stakeholders.io.graphml import read_graphml, to_graphml
from stakeholders.model import _Model


class _Placeholder:
    """Stands for an unbuilt serializer: usable through Python attribute access only, as ``MockValSer`` is."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _model_classes() -> list[type[_Model]]:
    found: list[type[_Model]] = []
    todo = list(_Model.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


@pytest.mark.parametrize(("write", "read"), [(to_graphml, read_graphml), (to_gexf, read_gexf)], ids=["graphml", "gexf"])
@pytest.mark.parametrize("redact", [False, True], ids=["full", "redacted"])
def test_graph_files_with_unbuilt_model_classes(any_group: BuyingGroup, write: Any, read: Any, redact: bool) -> None:
    expected = write(any_group, redact=redact)
    with pytest.MonkeyPatch.context() as patch:
        for cls in _model_classes():
            cls.model_rebuild(force=True)  # the real serializer, for the placeholder to hand on to
            patch.setattr(cls, "__pydantic_serializer__", _Placeholder(cls.__pydantic_serializer__))
        assert any(cls.__name__ == "Unit" for cls in _model_classes())
        text = write(any_group, redact=redact)
    assert text == expected
    if not redact:
        assert read(io.BytesIO(text.encode())) == any_group

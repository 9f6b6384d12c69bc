"""The published JSON Schema validates real files, so editors and other tools can rely on it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from strategies import groups

import stakeholders
from stakeholders.io.documents import Loader as _Loader

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(stakeholders.json_schema())


def test_published_schema_is_the_libraries_schema() -> None:
    published = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
    assert published == stakeholders.json_schema()
    jsonschema.Draft202012Validator.check_schema(published)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_hand_written_examples_validate(example: Path) -> None:
    """Examples use Chinese labels, DISC letters and derived ids: all accepted by the schema."""
    data = yaml.load(example.read_text(encoding="utf-8"), Loader=_Loader)
    data = json.loads(json.dumps(data, default=str, ensure_ascii=False))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(groups())
def test_files_the_library_writes_validate(group: stakeholders.BuyingGroup) -> None:
    document = json.loads(stakeholders.dumps(group, format="json"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert errors == []


def test_schema_rejects_what_the_library_rejects() -> None:
    bad = {
        "customer": "X",
        "people": [{"name": "A", "stance": "frend"}],
        "lines": [{"kind": "influence", "from": "a", "to": "b", "strength": 1.5}],
    }
    messages = [e.message for e in VALIDATOR.iter_errors(bad)]
    assert any("frend" in m for m in messages)
    assert len(messages) >= 2

"""Reading and writing maps as YAML and JSON files written for humans.

- Documents are parsed by :mod:`stakeholders.io.documents`: safe YAML only, duplicate
  keys an error, YAML 1.2 booleans, alias bombs refused.
- Every problem is reported with its location in the document and, for files,
  its line number.
- Saving is atomic: temporary file, flush to disk, rename over the old file,
  keeping the old file's permissions.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .. import atomic
from ..errors import MapError, Problem
from ..ids import derive_id
from ..migrations import upgrade
from ..model import BuyingGroup
from .documents import Loader, line_of, read_document as read_document  # read_document: BuyingGroup.model_validate_json
from .limits import read_limited

__all__ = ["dumps", "load", "loads", "save", "to_document"]

#: The suffixes of each format this module reads and writes; the format registry
#: (:mod:`stakeholders.io.formats`) takes them from here.
SUFFIXES: dict[str, tuple[str, ...]] = {"yaml": (".yaml", ".yml"), "json": (".json",)}


def _validate(data: Any, node: Any, source: str | None) -> BuyingGroup:
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        problem = Problem(
            "", f"a map must be a mapping with at least 'customer', but this document is {kind}", code="document_type"
        )
        raise MapError([problem], source)
    try:
        data = upgrade(data, source, stacklevel=4)  # older versions are migrated, with a MigrationNote
        return BuyingGroup.model_validate(data)
    except MapError as err:
        problems = err.problems
        if node is not None:
            problems = [replace(p, line=line_of(node, p.path)) for p in problems]
        raise MapError(problems, source) from None


def _format_of(path: Path, format: str | None) -> str:
    if format is not None:
        key = format.lower()
        for name, suffixes in SUFFIXES.items():
            if key == name or key in suffixes or f".{key}" in suffixes:
                return name
        raise ValueError(f"unknown format {format!r} (expected {' or '.join(SUFFIXES)})")
    suffix = path.suffix.lower()
    for name, suffixes in SUFFIXES.items():
        if suffix in suffixes:
            return name
    known = [s for suffixes in SUFFIXES.values() for s in suffixes]
    raise ValueError(
        f"{path}: cannot tell the format from the suffix {path.suffix!r}"
        f" (expected {', '.join(known[:-1])} or {known[-1]})"
    )


def loads(text: str | bytes, *, format: str = "yaml", source: str | None = None) -> BuyingGroup:
    """Read a map from YAML (default) or JSON text.

    Raises :class:`~stakeholders.MapError` listing every problem with its location.

    >>> group = loads('''
    ... customer: 华东汽车零部件厂
    ... people:
    ...   - name: 张总
    ...     roles: 决策者
    ...     stance: 支持者
    ... ''')
    >>> group.people[0].id, group.people[0].stance.value
    ('张总', 'supporter')
    """
    node, data = read_document(text, _format_of(Path("x"), format), source)
    return _validate(data, node, source)


def load(path: str | os.PathLike[str], *, format: str | None = None) -> BuyingGroup:
    """Read a map from a ``.yaml``/``.yml`` or ``.json`` file."""
    path = Path(path)
    fmt = _format_of(path, format)
    node, data = read_document(read_limited(path, str(path)), fmt, str(path))
    return _validate(data, node, str(path))


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _drop_derived_ids(items: list[dict[str, Any]]) -> None:
    for item in items:
        name = item.get("name")
        if isinstance(name, str) and item.get("id") == derive_id(name):
            del item["id"]


def to_document(group: BuyingGroup) -> dict[str, Any]:
    """The map as plain data in file form: defaults left out, ids left out where derived from the name."""
    doc = group.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for section in ("competitors", "units", "people", "team", "factions"):
        _drop_derived_ids(doc.get(section, []))
    return {"schema_version": group.schema_version, **doc}


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _NON_PRINTABLE.search(value):
        # Characters YAML cannot hold raw (DEL, C0/C1 controls, NEL, ...): double quotes escape them.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if "\n" in value and not any(c in value for c in "\r\t") and value == value.rstrip(" "):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


# What the YAML reader refuses unescaped (PyYAML's Reader.NON_PRINTABLE), plus the line
# separators that would change the text's lines.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]")


_Dumper.add_representer(str, _str_representer)
# Quote every plain scalar that either YAML 1.1 or our YAML 1.2 reading would take for a
# non-string (yes, 1e5, 0x1F, ...), so text always reads back as text.
_Dumper.yaml_implicit_resolvers = {
    first: list(yaml.SafeDumper.yaml_implicit_resolvers.get(first, []))
    + list(Loader.yaml_implicit_resolvers.get(first, []))
    for first in set(yaml.SafeDumper.yaml_implicit_resolvers) | set(Loader.yaml_implicit_resolvers)
}


_DATE_FIELDS = frozenset({"as_of", "birthday", "last_contact", "date", "since"})


def _dates_as_dates(value: Any, key: str | None = None) -> Any:
    """Turn ISO date strings of date fields back into dates, so YAML writes them unquoted."""
    if isinstance(value, dict):
        return {k: _dates_as_dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_dates(v) for v in value]
    if key in _DATE_FIELDS and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def dumps(group: BuyingGroup, format: str = "yaml", *, redact: bool = False) -> str:
    """The map as YAML (default) or JSON text; ``loads(dumps(g)) == g``.

    ``redact=True`` writes a copy to share: without coach/informant markings,
    private profiles, judgement evidence and notes that could reveal them (see docs/safety.md).
    """
    fmt = _format_of(Path("x"), format)
    if redact:
        from ..redaction import redacted

        group = redacted(group)
    doc = to_document(group)
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    text: str = yaml.dump(
        _dates_as_dates(doc), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    return text


def save(group: BuyingGroup, path: str | os.PathLike[str], *, format: str | None = None, redact: bool = False) -> Path:
    """Write ``group`` to ``path`` atomically; returns the path. ``redact=True``: a copy to share (see :func:`dumps`).

    The text is written to a temporary file in the same folder, flushed and
    synced to disk, given the old file's permissions (or the usual ones for a
    new file), and renamed over the target: readers see the old file or the new
    one, never a half-written one. A new file holding private data (not redacted,
    and with private profiles, coach markings, introductions or notes) is readable
    by its owner only (0o600); an existing file keeps its permissions.
    """
    from ..redaction import holds_private

    path = Path(path)
    text = dumps(group, format=_format_of(path, format), redact=redact)
    atomic.atomic_write(path, text.encode("utf-8"), private=not redact and holds_private(group))
    return path

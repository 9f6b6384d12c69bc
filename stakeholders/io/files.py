"""Reading and writing maps as YAML and JSON files written for humans.

- Only safe YAML loading; duplicate keys are an error, not a silent overwrite.
- Booleans are YAML 1.2's ``true``/``false`` only, so a person named ``No`` or a
  title ``On`` stays text.
- Every problem is reported with its location in the document and, for files,
  its line number.
- Saving is atomic: temporary file, flush to disk, rename over the old file,
  keeping the old file's permissions.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .. import atomic
from ..errors import MapError, Problem, printable
from ..ids import derive_id
from ..migrations import upgrade
from ..model import BuyingGroup, gc_paused
from .limits import check_size, read_limited

__all__ = ["dumps", "load", "loads", "save", "to_document"]

_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


# ---------------------------------------------------------------------------
# YAML loader: safe, strict about duplicate keys, YAML 1.2 booleans
# ---------------------------------------------------------------------------

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that rejects duplicate keys and reads only true/false as booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# YAML 1.1 reads 1:30 as the integer 90 (sexagesimal) and 0777 as octal. Integers and floats
# are resolved as YAML 1.2's core schema does instead, so such values stay text.
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first_line: int, others: Sequence[Any] = ()) -> None:
        super().__init__(key)
        self.key, self.line, self.first_line, self.others = key, line, first_line, others


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a key written twice is an error, as in YAML (json.loads would keep the last)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key, 0, 0, list(result))
            seen.add(key)
    return result


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    # Duplicates are checked among the keys written in this mapping; keys merged in with
    # `<<: *anchor` may be overridden, as YAML allows.
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, f"unhashable key {key!r}", key_node.start_mark
            ) from None
        if key in seen:
            raise _DuplicateKey(key, key_node.start_mark.line + 1, seen[key])
        seen[key] = key_node.start_mark.line + 1
    loader.flatten_mapping(node)
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date or time; an impossible one (2025-13-01) stays text so validation can name its place."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError, OverflowError):  # AttributeError: `!!timestamp` on a text that is no date
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _checked(kind: str, construct: Any) -> Any:
    """PyYAML's number constructors raise IndexError or ValueError on ``!!int ''``: a YAML error instead."""

    def checked(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, IndexError, KeyError, AttributeError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not {kind}", node.start_mark
            ) from None

    return checked


_Loader.add_constructor("tag:yaml.org,2002:int", _checked("an integer", yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float", _checked("a number", yaml.SafeLoader.construct_yaml_float))
_Loader.add_constructor("tag:yaml.org,2002:bool", _checked("a boolean", yaml.SafeLoader.construct_yaml_bool))


def _yaml_node_and_data(text: str) -> tuple[Any, Any]:
    loader = _Loader(text)
    try:
        # A large file makes hundreds of thousands of nodes that all stay alive: see model.gc_paused.
        with gc_paused(chars=len(text)):
            node = loader.get_single_node()
            if node is not None:
                _check_aliases(node, len(text))
            data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


#: Aliases (``*name``) may make a document at most this many times larger than its text, plus _ALIAS_ALLOWANCE.
ALIAS_EXPANSION = 10
_ALIAS_ALLOWANCE = 100_000


class _AliasBomb(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _check_aliases(root: yaml.Node, text_length: int) -> None:
    """Refuse alias bombs ("billion laughs") and recursive aliases before anything is built.

    Every alias is the same node object as its anchor, so the size of the document once
    the aliases are expanded is counted over the node graph in linear time.
    """
    limit = ALIAS_EXPANSION * text_length + _ALIAS_ALLOWANCE
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            total = 1 + sum(size[id(child)] for child in children)
            if total > limit:
                raise _AliasBomb(
                    f"aliases (*name) expand this document to more than {ALIAS_EXPANSION} times its size"
                    " (an alias bomb?); write the repeated parts out",
                    node.start_mark.line + 1,
                )
            size[key] = total
            continue
        if key in size:
            continue
        if key in on_path:
            raise _AliasBomb(
                "an alias (*name) refers to the node that contains it: a map cannot hold a recursive structure",
                node.start_mark.line + 1,
            )
        if isinstance(node, yaml.ScalarNode):
            size[key] = 1 + len(node.value)
            continue
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


# ---------------------------------------------------------------------------
# Locations: map a problem's path onto a line of the YAML source
# ---------------------------------------------------------------------------


def _line_of(node: Any, path: Sequence[str | int]) -> int | None:
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            if part == "[key]":
                break
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    node = value_node
                    line = key_node.start_mark.line + 1
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def _decode(raw: bytes, source: str | None) -> str:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MapError([Problem("", "this is a binary file, not a YAML or JSON map", code="encoding")], source)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        hint = ""
        try:
            raw.decode("gb18030")
            hint = " It looks like GBK/GB18030 Chinese text: convert it with `iconv -f GBK -t UTF-8`."
        except UnicodeDecodeError:
            pass
        raise MapError(
            [Problem("", f"the file is not UTF-8 text (bad byte at offset {err.start}).{hint}", code="encoding")],
            source,
        ) from None


def _parse(text: str, fmt: str, source: str | None) -> tuple[Any, Any]:
    """Parse text into (node or None, data); syntax errors become MapError with a line."""
    if fmt == "json":
        try:
            return None, json.loads(text, object_pairs_hook=_json_object)
        except _DuplicateKey as err:
            problem = Problem(
                "",
                f"duplicate key {err.key!r} in a JSON object (keys: {', '.join(map(str, err.others))[:200]});"
                " each key may appear once",
                value=err.key,
                code="duplicate_key",
            )
            raise MapError([problem], source) from None
        except json.JSONDecodeError as err:
            problem = Problem("", f"not valid JSON: {err.msg}", line=err.lineno, code="syntax")
            raise MapError([problem], source) from None
        except RecursionError:
            raise MapError([Problem("", "the JSON document is nested too deeply", code="syntax")], source) from None
    try:
        return _yaml_node_and_data(text)
    except _AliasBomb as err:
        raise MapError([Problem("", err.message, line=err.line, code="alias")], source) from None
    except _DuplicateKey as err:
        problem = Problem(
            "",
            f"duplicate key {err.key!r} (first at line {err.first_line}); each key may appear once",
            value=err.key,
            line=err.line,
            code="duplicate_key",
        )
        raise MapError([problem], source) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        what = err.problem or str(err)
        raise MapError([Problem("", f"not valid YAML: {what}", line=line, code="syntax")], source) from None
    except yaml.reader.ReaderError as err:
        # A character YAML does not allow (a control character, U+FFFE, a lone surrogate): say which, and where.
        # libyaml counts the position in bytes of the UTF-8 text, PyYAML's own reader in characters.
        if _BaseLoader is not yaml.SafeLoader:
            line = text.encode("utf-8", "surrogatepass").count(b"\n", 0, err.position) + 1
        else:  # pragma: no cover - without libyaml
            line = text.count("\n", 0, err.position) + 1
        what = f"#x{err.character:04x}" if isinstance(err.character, int) else repr(err.character)
        problem = Problem("", f"not valid YAML: character {what} is not allowed in YAML text", line=line, code="syntax")
        raise MapError([problem], source) from None
    except yaml.YAMLError as err:
        message = " ".join(str(err).split())
        raise MapError([Problem("", f"not valid YAML: {message}", code="syntax")], source) from None
    except RecursionError:
        raise MapError([Problem("", "the YAML document is nested too deeply", code="syntax")], source) from None
    except (ValueError, TypeError, OverflowError, IndexError, KeyError, AttributeError) as err:
        # PyYAML's constructors of explicit tags (!!set, !!omap, !!binary ...) fail in many ways on odd input.
        raise MapError([Problem("", f"not valid YAML: {printable(str(err))}", code="syntax")], source) from None


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
            problems = [replace(p, line=_line_of(node, p.path)) for p in problems]
        raise MapError(problems, source) from None


def _format_of(path: Path, format: str | None) -> str:
    if format is not None:
        fmt = format.lower().lstrip(".")
        if fmt in ("yaml", "yml", "json"):
            return "json" if fmt == "json" else "yaml"
        raise ValueError(f"unknown format {format!r} (expected yaml or json)")
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(
            f"{path}: cannot tell the format from the suffix {path.suffix!r} (expected .yaml, .yml or .json)"
        ) from None


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


def read_document(text: str | bytes, fmt: str, source: str | None) -> tuple[Any, Any]:
    """Text or bytes to (YAML node or ``None``, plain data): size limit, decoding, parsing, as every reader does."""
    check_size(len(text), source, "text")
    if not isinstance(text, str):
        text = _decode(bytes(text), source)
    return _parse(text, fmt, source)


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
    + list(_Loader.yaml_implicit_resolvers.get(first, []))
    for first in set(yaml.SafeDumper.yaml_implicit_resolvers) | set(_Loader.yaml_implicit_resolvers)
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
    one, never a half-written one.
    """
    path = Path(path)
    text = dumps(group, format=_format_of(path, format), redact=redact)
    atomic.atomic_write(path, text.encode("utf-8"))
    return path

"""YAML and JSON documents, parsed safely, with the line of every node.

This module knows documents, not maps: :func:`read_document` turns text or bytes
into plain data (and, for YAML, the node tree, so that :func:`line_of` can give the
line of a problem's path). :mod:`stakeholders.io.files` makes a map of the data.

- Only safe YAML loading; duplicate keys are an error, not a silent overwrite
  (in JSON too).
- Booleans are YAML 1.2's ``true``/``false`` only, so a person named ``No`` or a
  title ``On`` stays text; ``1:30`` and ``0777`` stay text too.
- Alias bombs and recursive aliases are refused before anything is built
  (:data:`ALIAS_EXPANSION`).
- Syntax errors, bad encodings and characters YAML does not allow become a
  :class:`~stakeholders.MapError` with the line.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any

import yaml

from ..errors import Excerpt, MapError, Problem, printable
from ..model import gc_paused
from .limits import check_size

__all__ = ["ALIAS_EXPANSION", "Loader", "decode", "line_of", "parse", "read_document", "yaml_node_and_data"]


# ---------------------------------------------------------------------------
# YAML loader: safe, strict about duplicate keys, YAML 1.2 booleans
# ---------------------------------------------------------------------------

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that rejects duplicate keys and reads only true/false as booleans."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# YAML 1.1 reads 1:30 as the integer 90 (sexagesimal) and 0777 as octal. Integers and floats
# are resolved as YAML 1.2's core schema does instead, so such values stay text.
Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in Loader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first_line: int, others: Sequence[Any] = (), column: int = 0) -> None:
        super().__init__(key)
        self.key, self.line, self.first_line, self.others, self.column = key, line, first_line, others, column


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
            raise _DuplicateKey(key, key_node.start_mark.line + 1, seen[key], column=key_node.start_mark.column + 1)
        seen[key] = key_node.start_mark.line + 1
    loader.flatten_mapping(node)
    return loader.construct_mapping(node, deep=deep)


Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date or time; an impossible one (2025-13-01) stays text so validation can name its place."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError, OverflowError):  # AttributeError: `!!timestamp` on a text that is no date
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _int_digits() -> int:
    """The most digits Python turns into an integer (``sys.set_int_max_str_digits``; 0: no limit)."""
    get = getattr(sys, "get_int_max_str_digits", None)
    return int(get()) if get is not None else 0


def _too_many_digits(count: int, where: str = "") -> str:
    limit = _int_digits()
    return (
        f"an integer of {count:,} digits{where}: more than the {limit:,} digits Python reads"
        " (sys.set_int_max_str_digits); no field of a map needs one, put it in quotes to keep it as text"
        f" / 整数有 {count:,} 位，超过 Python 能读取的 {limit:,} 位；请加引号写成文本"
    )


def _checked(kind: str, construct: Any) -> Any:
    """PyYAML's number constructors raise IndexError or ValueError on ``!!int ''``: a YAML error instead."""

    def checked(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, IndexError, KeyError, AttributeError, OverflowError):
            text = str(node.value)
            digits = sum(1 for ch in text if ch.isdigit())
            limit = _int_digits()
            if kind == "an integer" and limit and digits > limit:
                message = _too_many_digits(digits, f" at column {node.start_mark.column + 1}")
            else:
                message = f"{text[:50]!r}{'…' if len(text) > 50 else ''} is not {kind}"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from None

    return checked


Loader.add_constructor("tag:yaml.org,2002:int", _checked("an integer", yaml.SafeLoader.construct_yaml_int))
Loader.add_constructor("tag:yaml.org,2002:float", _checked("a number", yaml.SafeLoader.construct_yaml_float))
Loader.add_constructor("tag:yaml.org,2002:bool", _checked("a boolean", yaml.SafeLoader.construct_yaml_bool))


def yaml_node_and_data(text: str) -> tuple[Any, Any]:
    loader = Loader(text)
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
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, mark.line + 1, mark.column + 1


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
                    node.start_mark,
                )
            size[key] = total
            continue
        if key in size:
            continue
        if key in on_path:
            raise _AliasBomb(
                "an alias (*name) refers to the node that contains it: a map cannot hold a recursive structure",
                node.start_mark,
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


def line_of(node: Any, path: Sequence[str | int]) -> int | None:
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
# Decoding and parsing
# ---------------------------------------------------------------------------


def decode(raw: bytes, source: str | None) -> str:
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


class _LongInteger(Exception):
    pass


def _json_int(text: str) -> int:
    """A JSON integer; one past Python's digit limit is an error with its place, not a bare ValueError."""
    limit = _int_digits()
    if limit and len(text) - text.startswith("-") > limit:
        raise _LongInteger(text)
    return int(text)


#: A JSON string (skipped) or a JSON number: the tokens to scan for the place of an integer.
_JSON_STRING_OR_NUMBER = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?')


def _long_integer_problem(text: str) -> Problem:
    """The problem of the first JSON integer past the digit limit, at its line and column."""
    limit = _int_digits()
    for match in _JSON_STRING_OR_NUMBER.finditer(text):
        token = match.group()
        if token[0] != '"' and not any(ch in token for ch in ".eE") and len(token) - token.startswith("-") > limit:
            start = match.start()
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            digits = len(token) - token.startswith("-")
            return Problem("", _too_many_digits(digits, f" at column {column}"), line=line, code="syntax")
    return Problem("", _too_many_digits(limit + 1), code="syntax")  # pragma: no cover - the scanner found one


_YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def excerpt_of(text: str, line: int, column: int, *, json_text: bool = False) -> Excerpt | None:
    """The ``line`` (1-based) of ``text`` with a caret under ``column``; ``None`` past the end or on a blank line.

    Lines are counted as the parser counts them: JSON breaks lines at ``\\n`` only, YAML also at
    ``\\r`` and the Unicode line breaks.
    """
    lines = text.split("\n") if json_text else _YAML_BREAK.split(text)
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return None
    return Excerpt(line, lines[line - 1], column)


def _last_line_before(text: str, line: int) -> Excerpt | None:
    lines = _YAML_BREAK.split(text)[: line - 1]
    for number in range(len(lines), 0, -1):
        if lines[number - 1].strip():
            return Excerpt(number, lines[number - 1], len(lines[number - 1].rstrip()) + 1)
    return None


def parse(text: str, fmt: str, source: str | None) -> tuple[Any, Any]:
    """Parse text into (node or None, data); syntax errors become MapError with a line."""
    if fmt == "json":
        try:
            return None, json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)
        except _LongInteger:
            raise MapError([_long_integer_problem(text)], source) from None
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
            excerpt = excerpt_of(text, err.lineno, err.colno, json_text=True)
            problem = Problem("", f"not valid JSON: {err.msg}", line=err.lineno, code="syntax", excerpt=excerpt)
            raise MapError([problem], source) from None
        except RecursionError:
            raise MapError([Problem("", "the JSON document is nested too deeply", code="syntax")], source) from None
    try:
        return yaml_node_and_data(text)
    except _AliasBomb as err:
        excerpt = excerpt_of(text, err.line, err.column)
        raise MapError([Problem("", err.message, line=err.line, code="alias", excerpt=excerpt)], source) from None
    except _DuplicateKey as err:
        problem = Problem(
            "",
            f"duplicate key {err.key!r} (first at line {err.first_line}); each key may appear once",
            value=err.key,
            line=err.line,
            code="duplicate_key",
            excerpt=excerpt_of(text, err.line, err.column),
        )
        raise MapError([problem], source) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        what = err.problem or str(err)
        excerpt = None
        for shown in (err.problem_mark, err.context_mark):  # at the end of the file: where the open part began
            excerpt = excerpt or (excerpt_of(text, shown.line + 1, shown.column + 1) if shown is not None else None)
        if excerpt is None and line is not None:  # both at the end: the last line written, the caret after it
            excerpt = _last_line_before(text, line)
        problem = Problem("", f"not valid YAML: {what}", line=line, code="syntax", excerpt=excerpt)
        raise MapError([problem], source) from None
    except yaml.reader.ReaderError as err:
        # A character YAML does not allow (a control character, U+FFFE, a lone surrogate): say which, and where.
        # libyaml counts the position in bytes of the UTF-8 text, PyYAML's own reader in characters.
        if _BaseLoader is not yaml.SafeLoader:
            before = text.encode("utf-8", "surrogatepass")[: err.position].decode("utf-8", "surrogatepass")
        else:  # pragma: no cover - without libyaml
            before = text[: err.position]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        what = f"#x{err.character:04x}" if isinstance(err.character, int) else repr(err.character)
        problem = Problem(
            "",
            f"not valid YAML: character {what} is not allowed in YAML text",
            line=line,
            code="syntax",
            excerpt=excerpt_of(text, line, column),
        )
        raise MapError([problem], source) from None
    except yaml.YAMLError as err:
        message = " ".join(str(err).split())
        raise MapError([Problem("", f"not valid YAML: {message}", code="syntax")], source) from None
    except RecursionError:
        raise MapError([Problem("", "the YAML document is nested too deeply", code="syntax")], source) from None
    except (ValueError, TypeError, OverflowError, IndexError, KeyError, AttributeError) as err:
        # PyYAML's constructors of explicit tags (!!set, !!omap, !!binary ...) fail in many ways on odd input.
        raise MapError([Problem("", f"not valid YAML: {printable(str(err))}", code="syntax")], source) from None


def read_document(text: str | bytes, fmt: str, source: str | None) -> tuple[Any, Any]:
    """Text or bytes to (YAML node or ``None``, plain data): size limit, decoding, parsing, as every reader does."""
    check_size(len(text), source, "text")
    if not isinstance(text, str):
        text = decode(bytes(text), source)
    return parse(text, fmt, source)

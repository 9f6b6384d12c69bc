"""Fuzzing every loader: any input either loads or raises MapError with locations.

Loaders covered: :func:`~stakeholders.loads` / :func:`~stakeholders.load`
(YAML and JSON, text and bytes), :meth:`BuyingGroup.model_validate`,
:func:`~stakeholders.graph.from_networkx`, :func:`~stakeholders.from_frames`,
:func:`~stakeholders.read_xlsx`, :func:`~stakeholders.read_contacts` (CSV and
XLSX), :func:`~stakeholders.read_graphml`, :func:`~stakeholders.read_gexf` and
the command line's ``validate``.

Inputs: arbitrary documents built from the format's own keys and vocabulary,
arbitrary Python values, the example maps mutated (values, keys, types and
references changed, entries deleted, duplicated or wrapped), valid generated
maps with random text in every field, YAML fragments (tags, anchors, flow and
block syntax), random bytes, and files of every format damaged at the text or
byte level.

Whatever loads must also save: a group that loads is written back as YAML and
JSON and read again unchanged.

Normal runs try a few examples per test. The ``fuzz`` profile (registered in
conftest.py; ``STAKEHOLDERS_FUZZ=1`` or ``--hypothesis-profile fuzz``) tries
:data:`FUZZ_TOTAL` examples across these tests; ``.ci/run`` runs it, and the
count of examples per loader goes to docs/safety.md (see safety_counts.py).
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import csv
import io
import json
import math
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from conftest import EXAMPLES as EXAMPLES_DIR, SMALL_GROUP_YAML, example_paths
from hypothesis import given, settings, strategies as st
from safety_counts import Tally, budget_settings, fuzzing
from strategies import documents, groups

import stakeholders
from stakeholders import BuyingGroup, MapError, Problem, model as model_module, vocab
from stakeholders.cli import main
from stakeholders.graph import from_networkx, to_networkx
from stakeholders.io import contacts as contacts_module
from stakeholders.io.documents import yaml_node_and_data

pd = pytest.importorskip("pandas")
openpyxl = pytest.importorskip("openpyxl")

TALLY = Tally("fuzz")
LOADED: Counter[str] = Counter()
#: Hypothesis examples run per fuzz test (each example calls one or more loaders).
EXAMPLES: Counter[str] = Counter()
REFUSED: Counter[str] = Counter()

# Documents with schema_version 0 are migrated with a note; that is tested in test_migration.py.
pytestmark = [
    pytest.mark.filterwarnings("ignore::stakeholders.MigrationNote"),
    # A generated cell starting with "=" is a formula without a saved value: read as empty with this
    # note, which tests/io/test_sheets.py checks.
    pytest.mark.filterwarnings("ignore::stakeholders.io.sheets.SheetNote"),
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),  # whole files are drawn
]

# -- how many examples ---------------------------------------------------------------

#: Examples per test in a normal run.
NORMAL_EXAMPLES = 12
#: Share of the fuzz profile's examples per test (relative weights), and the total they add up to.
FUZZ_TOTAL = 12_000
_WEIGHTS = {
    "loads_text": 10,
    "loads_yaml_fragments": 12,
    "loads_bytes": 6,
    "load_files": 3,
    "documents": 12,
    "python_values": 8,
    "mutated_examples": 12,
    "random_text_in_every_field": 8,
    "schema_versions": 3,
    "from_networkx": 6,
    "from_networkx_mutated": 4,
    "from_frames": 5,
    "read_xlsx": 1.5,
    "contacts_csv": 6,
    "contacts_xlsx": 1.5,
    "graphml": 4,
    "gexf": 3,
    "cli_validate": 3,
}
_FUZZ_EXAMPLES = {name: math.ceil(FUZZ_TOTAL * w / sum(_WEIGHTS.values())) for name, w in _WEIGHTS.items()}


def fuzz(name: str) -> settings:
    """Settings of one fuzz test: a few examples normally, its share of FUZZ_TOTAL in the fuzz profile."""
    return budget_settings(_FUZZ_EXAMPLES[name], NORMAL_EXAMPLES)


@pytest.fixture(scope="module", autouse=True)
def _write_counts() -> Iterator[None]:
    started = time.monotonic()
    yield
    total = sum(EXAMPLES.values())
    TALLY.note("total", total)
    TALLY.note("calls", sum(TALLY.counts.values()))
    TALLY.note("examples", dict(sorted(EXAMPLES.items())))
    TALLY.note("target", FUZZ_TOTAL)
    TALLY.note("seconds", round(time.monotonic() - started))
    TALLY.note("loaded", dict(sorted(LOADED.items())))
    TALLY.note("refused", dict(sorted(REFUSED.items())))
    if fuzzing() and len(EXAMPLES) == len(_WEIGHTS):  # the whole module ran in the fuzz profile
        assert total >= FUZZ_TOTAL >= 10_000, f"only {total} fuzz examples ran: {dict(EXAMPLES)}"
    TALLY.write()


# -- the contract --------------------------------------------------------------------


def check_error(err: MapError) -> None:
    """A MapError is well-formed: problems with a location string and a message, printable."""
    assert err.problems, "a MapError without problems"
    for problem in err.problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.location, str)
        assert isinstance(problem.message, str) and problem.message.strip()
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)
    text = str(err)
    assert text.splitlines()[0].endswith(":")
    # One line per problem, and two more under each syntax problem: the line of the file and the caret.
    excerpts = sum(1 for p in err.problems if p.excerpt is not None)
    assert len(text.splitlines()) == len(err.problems) + 1 + 2 * excerpts
    for problem in err.problems:
        if problem.excerpt is not None:
            shown, caret = str(problem.excerpt).split("\n")
            assert shown.isprintable() and caret.rstrip().endswith("^"), (shown, caret)


def outcome(name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a loader: return what it gives, or None after checking the MapError it raised.

    Any other exception propagates and fails the test (that is the point).
    """
    TALLY.add(name)
    try:
        result = fn(*args, **kwargs)
    except MapError as err:
        check_error(err)
        REFUSED[name] += 1
        return None
    LOADED[name] += 1
    return result


def saves(group: BuyingGroup) -> None:
    """What loads also saves and reads back the same, as YAML and as JSON."""
    assert stakeholders.loads(stakeholders.dumps(group)) == group
    assert stakeholders.loads(stakeholders.dumps(group, "json"), format="json") == group


# -- vocabulary of the format ---------------------------------------------------------

_MODELS = {
    "group": BuyingGroup,
    "people": model_module.Person,
    "units": model_module.Unit,
    "competitors": model_module.Competitor,
    "team": model_module.TeamMember,
    "relationships": model_module.Relationship,
    "lines": model_module.Line,
    "factions": model_module.Faction,
    "contacts": model_module.Contact,
    "private": model_module.PrivateProfile,
    "judgement": model_module.Judgement,
}


def _keys(model: Any) -> list[str]:
    return sorted({alias for name, info in model.model_fields.items() for alias in (name, info.alias) if alias})


KEYS = {section: _keys(model) for section, model in _MODELS.items()}
ALL_KEYS = sorted({k for keys in KEYS.values() for k in keys})
_VOCABULARIES = [v for v in vars(vocab).values() if isinstance(v, type) and issubclass(v, vocab.Vocabulary)]
_VOCABULARIES += [model_module.LineKind, model_module.JudgedField, model_module.ChecklistItem]
SPELLINGS = sorted(
    {
        text
        for v in _VOCABULARIES
        if v is not vocab.Vocabulary
        for m in v
        for text in (m.value, m.label("en"), m.label("zh"), m.label("zh_hant"))
    }
)
IDS = ["a", "b", "c", "张总", "wang", "hq", "x"]
NAMES = ["A", "B", "C", "张总", "Wang", "HQ", " ", "", "?!", "CFO: 李娜", 'A "B" <C>', "C:\\dept\\"]

_text = st.text(max_size=20)
_any_text = st.text(st.characters(codec=None), max_size=40)  # surrogates included
_big = st.sampled_from(["x" * 100_001, "长" * 10_001, "\n" * 5000, "a" * 201, "<" * 3000])

json_scalars: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    _text,
    st.sampled_from(SPELLINGS),
    st.sampled_from(IDS + NAMES),
    st.dates().map(date.isoformat),
    st.sampled_from(["2024-02-30", "2024-13-01", "9999-12-31", "0000-01-01", "1:30", "0x1F", ".inf", "-.nan"]),
)
json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(ALL_KEYS + SPELLINGS[:40]) | _text, inner, max_size=4)
    ),
    max_leaves=12,
)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


class _Odd:
    """An object no loader knows."""

    def __repr__(self) -> str:
        return "<odd>"


python_scalars: st.SearchStrategy[Any] = st.one_of(
    json_scalars,
    st.binary(max_size=8),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(timezone.utc)),
    st.decimals(allow_nan=True),
    st.complex_numbers(max_magnitude=10),
    st.just(_Odd()),
    st.just(float("nan")),
    st.just(math.inf),
    st.sampled_from(list(vocab.Stance) + list(vocab.Role)),
    st.just(Decimal("1e400")),
    _any_text,
    _big,
)
python_values: st.SearchStrategy[Any] = st.recursive(
    python_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.frozensets(st.sampled_from(IDS), max_size=3)
        | st.dictionaries(st.sampled_from(ALL_KEYS) | python_scalars.filter(_hashable), inner, max_size=4)
    ),
    max_leaves=12,
)


def _item(section: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keys = st.sampled_from(KEYS[section])
    entry = st.dictionaries(keys, values, max_size=6)
    named = st.builds(lambda d, n: {"name": n, **d}, entry, st.sampled_from(NAMES + IDS))
    return st.one_of(entry, named, entry.map(lambda d: {**d, "id": d.get("id", "a")}), values)


def _documents(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Documents shaped like maps (the format's keys), with any values in them."""
    sections = {section: st.lists(_item(section, values), max_size=4) | values for section in list(_MODELS)[1:9]}
    optional: dict[Any, st.SearchStrategy[Any]] = {
        **sections,
        **{k: values for k in KEYS["group"] if k not in sections},
        "customer": st.sampled_from(NAMES) | values,
        "schema_version": st.sampled_from([0, 1, 2, -1, "1", 1.0, True, None]) | values,
        "checklist": st.dictionaries(st.sampled_from(SPELLINGS) | _text, values, max_size=3) | values,
    }
    mapping = st.fixed_dictionaries({}, optional=optional)
    extra = st.dictionaries(_text, values, max_size=2)
    return st.one_of(
        mapping,
        st.builds(lambda m, e: {**m, **e}, mapping, extra),
        values,
    )


def _jsonable(value: Any) -> Any:
    """The value with keys as text and dates as ISO text, so that json.dumps takes it."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _dump_yaml(value: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: huge texts would take long otherwise
    return str(yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False))


# -- loads and load --------------------------------------------------------------------


@fuzz("loads_text")
@given(text=st.text(st.characters(codec=None)) | st.text(), fmt=st.sampled_from(["yaml", "json"]))
def test_loads_any_text(text: str, fmt: str) -> None:
    EXAMPLES["loads_text"] += 1
    group = outcome("loads text (YAML/JSON)", stakeholders.loads, text, format=fmt)
    if group is not None:
        saves(group)


_FRAGMENTS = [
    *(f"{k}: " for k in ALL_KEYS),
    "customer: X\n",
    "people:\n",
    "  - name: A\n",
    "  - ",
    "    ",
    "\n",
    " ",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: *a\n",
    "<<: ",
    "? ",
    "|\n",
    ">-\n",
    "'",
    '"',
    "#",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "---\n",
    "...\n",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!binary ",
    "!!timestamp ",
    "!!set ",
    "!!omap ",
    "!!pairs ",
    "!!seq ",
    "!!map ",
    "!!merge ",
    "!!python/object:os.system ",
    "!!python/name:os.system ",
    "!local ",
    "!<tag:yaml.org,2002:str> ",
    "2024-13-45",
    "2024-02-29T25:61:00",
    "2001-12-14t21:59:43.10-05:00",
    "0x",
    "0o7",
    "1e400",
    "-.inf",
    ".nan",
    "99999999999999999999999999",
    "~",
    "null",
    "true",
    "No",
    "\t",
    "\ufeff",
    "\x85",
    "\u2028",
    "\x00",
    "\x7f",
    "\ud800",
    *SPELLINGS[:30],
    *IDS,
]


@fuzz("loads_yaml_fragments")
@given(parts=st.lists(st.sampled_from(_FRAGMENTS) | _text, max_size=40))
def test_loads_yaml_built_from_fragments(parts: list[str]) -> None:
    EXAMPLES["loads_yaml_fragments"] += 1
    group = outcome("loads YAML fragments", stakeholders.loads, "customer: X\n" + "".join(parts))
    if group is not None:
        saves(group)
    outcome("loads YAML fragments", stakeholders.loads, "".join(parts))


_PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n"]
_VALID = SMALL_GROUP_YAML


@fuzz("loads_bytes")
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.binary(max_size=200)
    | st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "gbk", "gb18030", "big5", "latin-1"]).map(
        lambda codec: _VALID.encode(codec, errors="replace")
    ),
    cut=st.integers(0, 5000),
    fmt=st.sampled_from(["yaml", "json"]),
)
def test_loads_any_bytes(prefix: bytes, body: bytes, cut: int, fmt: str) -> None:
    EXAMPLES["loads_bytes"] += 1
    data = prefix + body
    outcome("loads bytes", stakeholders.loads, data, format=fmt)
    outcome("loads bytes", stakeholders.loads, data[:cut], format=fmt)


_LOAD_DIR = Path(tempfile.mkdtemp(prefix="stakeholders-fuzz-"))
atexit.register(shutil.rmtree, _LOAD_DIR, True)


@fuzz("load_files")
@given(
    doc=_documents(json_values),
    suffix=st.sampled_from([".yaml", ".yml", ".json"]),
    damage=st.sampled_from(["none", "truncate", "garbage", "bom", "gbk"]),
    at=st.integers(0, 10_000),
)
def test_load_any_file(doc: Any, suffix: str, damage: str, at: int) -> None:
    EXAMPLES["load_files"] += 1
    text = json.dumps(_jsonable(doc), ensure_ascii=False) if suffix == ".json" else _dump_yaml(doc)
    data = text.encode("utf-8")
    if damage == "truncate":
        data = data[: at % (len(data) + 1)]
    elif damage == "garbage":
        data = data[:at] + bytes([at % 256, 0xFF, 0xC3]) + data[at:]
    elif damage == "bom":
        data = b"\xef\xbb\xbf" + data
    elif damage == "gbk":
        data = text.encode("gbk", errors="replace")
    path = _LOAD_DIR / f"map{suffix}"
    path.write_bytes(data)
    group = outcome("load file", stakeholders.load, path)
    if group is not None:
        saves(group)


# -- documents and Python values ------------------------------------------------------


@fuzz("documents")
@given(doc=_documents(json_values))
def test_documents_load_or_fail_cleanly(doc: Any) -> None:
    EXAMPLES["documents"] += 1
    as_yaml = outcome("loads YAML documents", stakeholders.loads, _dump_yaml(doc))
    as_json = outcome("loads JSON documents", stakeholders.loads, json.dumps(_jsonable(doc)), format="json")
    direct = outcome("BuyingGroup.model_validate", BuyingGroup.model_validate, doc)
    for group in (as_yaml, as_json, direct):
        if group is not None:
            saves(group)
    # The same document gives the same verdict whichever way it comes in.
    assert (as_yaml is None) == (direct is None)


@fuzz("python_values")
@given(doc=_documents(python_values))
def test_model_validate_any_python_value(doc: Any) -> None:
    EXAMPLES["python_values"] += 1
    group = outcome("BuyingGroup.model_validate (any Python value)", BuyingGroup.model_validate, doc)
    if group is not None:
        saves(group)
    if isinstance(doc, dict) and all(isinstance(k, str) for k in doc):
        outcome("BuyingGroup(**fields)", lambda: BuyingGroup(**doc))


# -- mutated examples --------------------------------------------------------------------


def _raw(text: str) -> Any:
    return yaml_node_and_data(text)[1]


EXAMPLE_DOCS = [_raw(SMALL_GROUP_YAML)] + [
    _raw(p.read_text(encoding="utf-8")) if p.suffix != ".json" else json.loads(p.read_text(encoding="utf-8"))
    for p in example_paths()
]
EXAMPLE_IDS = sorted(
    {
        str(item.get("id") or item.get("name"))
        for doc in EXAMPLE_DOCS
        for section in ("people", "units", "team", "competitors", "factions")
        for item in doc.get(section, [])
        if isinstance(item, dict)
    }
)


def _places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a document."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, child in node.items():
                found.append((node, key))
                stack.append(child)
        elif isinstance(node, list):
            for index, child in enumerate(node):
                found.append((node, index))
                stack.append(child)
    return found


_MUTATIONS = ["set", "delete", "rename", "add", "wrap", "unwrap", "duplicate", "reference", "retype", "text"]


@st.composite
def mutated_examples(draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(draw(st.sampled_from(EXAMPLE_DOCS)))
    for _ in range(draw(st.integers(1, 5))):
        places = _places(doc)
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        old = container[key]
        op = draw(st.sampled_from(_MUTATIONS))
        if op == "set":
            container[key] = draw(python_values)
        elif op == "delete":
            del container[key]
        elif op == "rename" and isinstance(container, dict):
            new_key = draw(st.sampled_from(ALL_KEYS) | _text | st.integers())
            container[new_key] = container.pop(key)
        elif op == "add" and isinstance(container, dict):
            container[draw(st.sampled_from(ALL_KEYS) | _text)] = draw(json_values)
        elif op == "add":
            container.insert(draw(st.integers(0, len(container))), draw(json_values))
        elif op == "wrap":
            container[key] = draw(st.sampled_from([[old], {"value": old}, {"name": old}]))
        elif op == "unwrap" and isinstance(old, (list, dict)) and old:
            container[key] = next(iter(old.values())) if isinstance(old, dict) else old[0]
        elif op == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(old))
        elif op == "reference":
            container[key] = draw(st.sampled_from(EXAMPLE_IDS) | st.sampled_from(IDS))
        elif op == "retype":
            container[key] = draw(
                st.sampled_from([str(old), [old], None, 0, 1.5, True, {"x": old}, date(2024, 1, 1), -1, ""])
            )
        elif op == "text":
            container[key] = draw(_big if draw(st.integers(0, 19)) == 0 else _any_text)
    return doc


@fuzz("mutated_examples")
@given(doc=mutated_examples())
def test_mutated_examples_load_or_fail_cleanly(doc: Any) -> None:
    EXAMPLES["mutated_examples"] += 1
    direct = outcome("mutated examples (model_validate)", BuyingGroup.model_validate, doc)
    if direct is not None:
        saves(direct)
    try:
        text = _dump_yaml(doc)
    except (yaml.YAMLError, TypeError):
        return  # a value plain YAML cannot hold (e.g. an object): model_validate above covers it
    outcome("mutated examples (loads YAML)", stakeholders.loads, text)
    try:
        as_json = json.dumps(_jsonable(doc), ensure_ascii=False)
    except (TypeError, ValueError):
        return
    outcome("mutated examples (loads JSON)", stakeholders.loads, as_json, format="json")


# -- random text in every field ------------------------------------------------------------


@st.composite
def random_text_everywhere(draw: st.DrawFn) -> Any:
    """A valid generated map with any text (control, bidi, surrogates, huge) in its text fields."""
    doc = draw(documents(max_people=4))
    for container, key in _places(doc):
        if isinstance(container[key], str) and draw(st.booleans()):
            # Mostly any text a file can hold; now and then a lone surrogate or a text past the length limits.
            kind = draw(st.integers(0, 49))
            strategy = _big if kind == 0 else _any_text if kind < 5 else st.text() | st.sampled_from(_ODD_TEXTS)
            container[key] = draw(strategy)
    return doc


_ODD_TEXTS = [
    "\u202e",
    "\u202dabc\u202c",
    "\x00",
    "\x1b[2J",
    " ",
    "\t",
    "\r\n",
    "\ufeff",
    "\u2028",
    "\x85",
    "$$",
    "{a|b}",
]


@fuzz("random_text_in_every_field")
@given(doc=random_text_everywhere())
def test_random_text_in_every_field(doc: Any) -> None:
    EXAMPLES["random_text_in_every_field"] += 1
    group = outcome("random text in every field (model_validate)", BuyingGroup.model_validate, doc)
    if group is not None:
        saves(group)
    try:
        text = _dump_yaml(doc)
    except UnicodeEncodeError:
        return
    outcome("random text in every field (loads YAML)", stakeholders.loads, text)


@fuzz("schema_versions")
@given(
    version=st.integers(-3, 5) | st.sampled_from(["0", "1", "2", 1.0, 0.5, True, None, [], {}]),
    body=_documents(json_values),
)
def test_any_schema_version(version: Any, body: Any) -> None:
    EXAMPLES["schema_versions"] += 1
    doc = {"schema_version": version, "customer": "X", **(body if isinstance(body, dict) else {})}
    doc["schema_version"] = version
    group = outcome("schema_version", stakeholders.loads, _dump_yaml(doc))
    if group is not None:
        assert group.schema_version == stakeholders.SCHEMA_VERSION
        assert version is None or (isinstance(version, int) and not isinstance(version, bool))
        assert version is None or 0 <= version <= stakeholders.SCHEMA_VERSION


# -- networkx --------------------------------------------------------------------------------

_node_ids = st.sampled_from(IDS) | st.integers(-3, 3) | st.tuples(st.integers(0, 2)) | _text
_EDGE_KEYS = ["kind", "line_index", "position", *KEYS["lines"]]
_KINDS = [k.value for k in model_module.LineKind] + ["影响", "授权", "reports to", "nope", ""]


@st.composite
def graphs(draw: st.DrawFn) -> nx.Graph:
    G = draw(st.sampled_from([nx.MultiDiGraph, nx.DiGraph, nx.Graph, nx.MultiGraph]))()
    G.graph.update(draw(st.dictionaries(st.sampled_from(KEYS["group"]) | _text, json_values | python_values)))
    if draw(st.booleans()):
        G.graph.setdefault("customer", draw(st.sampled_from(NAMES)))
    nodes = draw(st.lists(_node_ids, max_size=6, unique_by=repr))
    for node in nodes:
        G.add_node(node)
        attrs = draw(st.dictionaries(st.sampled_from(KEYS["people"]) | _text, python_values, max_size=5))
        if draw(st.booleans()):
            attrs.setdefault("name", draw(st.sampled_from(NAMES)))
        G.nodes[node].update(attrs)
    if nodes:
        for _ in range(draw(st.integers(0, 6))):
            source, target = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
            attrs = draw(st.dictionaries(st.sampled_from(_EDGE_KEYS) | _text, python_values, max_size=4))
            if draw(st.booleans()):
                attrs["kind"] = draw(st.sampled_from(_KINDS))
            G.add_edge(source, target)
            data = G.get_edge_data(source, target)
            (data[max(data)] if G.is_multigraph() else data).update(attrs)
    return G


@fuzz("from_networkx")
@given(G=graphs())
def test_from_networkx_any_graph(G: nx.Graph) -> None:
    EXAMPLES["from_networkx"] += 1
    group = outcome("from_networkx", from_networkx, G)
    if group is not None:
        saves(group)


EXAMPLE_GROUPS = [stakeholders.loads(SMALL_GROUP_YAML)] + [stakeholders.load(p) for p in example_paths()]


@st.composite
def mutated_graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    G = to_networkx(draw(st.sampled_from(EXAMPLE_GROUPS)))
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(["graph", "node", "edge", "remove_node", "remove_edge", "add_edge"]))
        if where == "graph":
            G.graph[draw(st.sampled_from(KEYS["group"]))] = draw(python_values)
        elif where == "node" and len(G):
            node = draw(st.sampled_from(sorted(G.nodes, key=repr)))
            G.nodes[node][draw(st.sampled_from(KEYS["people"]) | _text)] = draw(python_values)
        elif where == "edge" and G.number_of_edges():
            u, v, k = draw(st.sampled_from(sorted(G.edges(keys=True), key=repr)))
            G.edges[u, v, k][draw(st.sampled_from(_EDGE_KEYS))] = draw(python_values | st.sampled_from(_KINDS))
        elif where == "remove_node" and len(G):
            G.remove_node(draw(st.sampled_from(sorted(G.nodes, key=repr))))
        elif where == "remove_edge" and G.number_of_edges():
            G.remove_edge(*draw(st.sampled_from(sorted(G.edges(keys=True), key=repr))))
        elif where == "add_edge" and len(G):
            nodes = sorted(G.nodes, key=repr)
            G.add_edge(
                draw(st.sampled_from(nodes)),
                draw(st.sampled_from(nodes) | _node_ids),
                kind=draw(st.sampled_from(_KINDS)),
            )
    return G


@fuzz("from_networkx_mutated")
@given(G=mutated_graphs())
def test_from_networkx_mutated_graph(G: nx.MultiDiGraph) -> None:
    EXAMPLES["from_networkx_mutated"] += 1
    group = outcome("from_networkx (mutated maps)", from_networkx, G)
    if group is not None:
        saves(group)


# -- tables ------------------------------------------------------------------------------------


def _cell_values() -> st.SearchStrategy[Any]:
    import numpy as np

    return st.one_of(
        json_scalars,
        st.just(None),
        st.just(float("nan")),
        st.just(pd.NA),
        st.just(pd.NaT),
        st.datetimes().map(pd.Timestamp),
        st.integers(-5, 5).map(np.int64),
        st.floats().map(np.float64),
        st.lists(json_scalars, max_size=3),
        st.dictionaries(st.sampled_from(SPELLINGS[:20]) | _text, json_scalars, max_size=2),
        st.dates(),
        st.binary(max_size=4),
        _any_text,
    )


def _set_cell(frame: Any, row: int, column: str, value: Any) -> Any:
    values = list(frame[column]) if column in frame.columns else [None] * len(frame)
    values[row] = value
    frame = frame.copy()
    frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


@st.composite
def mutated_frames(draw: st.DrawFn) -> Any:
    group = draw(st.sampled_from(EXAMPLE_GROUPS) | groups(max_people=4))
    frames = dict(stakeholders.to_frames(group))
    cells = _cell_values()
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(frames)))
        frame = frames[name]
        op = draw(st.sampled_from(["cell", "cell", "cell", "column", "drop", "rows", "empty", "missing"]))
        if op == "cell" and len(frame) and len(frame.columns):
            row = draw(st.integers(0, len(frame) - 1))
            frames[name] = _set_cell(frame, row, draw(st.sampled_from(list(frame.columns))), draw(cells))
        elif op == "column" and len(frame):
            frames[name] = _set_cell(frame, 0, draw(st.sampled_from(ALL_KEYS) | _text), draw(cells))
        elif op == "drop" and len(frame.columns):
            frames[name] = frame.drop(columns=[draw(st.sampled_from(list(frame.columns)))])
        elif op == "rows":
            frames[name] = pd.concat([frame, frame], ignore_index=True)
        elif op == "empty":
            frames[name] = pd.DataFrame()
        elif op == "missing":
            del frames[name]
            if not frames:
                frames["group"] = pd.DataFrame([{"customer": "X"}])
    if draw(st.booleans()):
        frames[draw(_text)] = pd.DataFrame()
    return frames


@fuzz("from_frames")
@given(frames=mutated_frames())
def test_from_frames_any_tables(frames: dict[str, Any]) -> None:
    EXAMPLES["from_frames"] += 1
    group = outcome("from_frames", stakeholders.from_frames, frames)
    if group is not None:
        saves(group)
    if "people" in frames:
        outcome("from_frames (people table alone)", stakeholders.from_frames, frames["people"], customer="X")


_XLSX_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")  # what openpyxl refuses to write
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\\x00-\x1f\ud800-\udfff']")


@fuzz("read_xlsx")
@given(frames=mutated_frames(), damage=st.sampled_from(["none", "none", "truncate", "flip"]), at=st.integers(0, 9999))
def test_read_xlsx_any_workbook(frames: dict[str, Any], damage: str, at: int) -> None:
    EXAMPLES["read_xlsx"] += 1
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            cells = frame.map(
                lambda v: (
                    _XLSX_UNSAFE.sub("", v)
                    if isinstance(v, str)
                    else json.dumps(_jsonable(v), default=str)
                    if isinstance(v, (list, dict, bytes))
                    else v
                )
            )
            cells.columns = [_XLSX_UNSAFE.sub("", str(c)) for c in cells.columns]
            cells.to_excel(writer, sheet_name=(_SHEET_UNSAFE.sub("", str(name))[:31].strip() or "x"), index=False)
    data = buffer.getvalue()
    if damage == "truncate":
        data = data[: at % len(data)]
    elif damage == "flip":
        at %= len(data)
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    group = outcome("read_xlsx", stakeholders.read_xlsx, io.BytesIO(data))
    if group is not None:
        saves(group)


# -- contact lists -------------------------------------------------------------------------------

_HEADERS = sorted(
    {h for preset in contacts_module.PRESETS.values() for h in preset.columns} | set(contacts_module.TARGETS)
)
_CELL_TEXT = st.one_of(
    st.sampled_from(NAMES + IDS + SPELLINGS),
    st.sampled_from(
        ["2024/5/4", "5/4/2024", "2024年5月4日", "2024-02-30", "yes", "否", "✓", "a; b", "a、b", "-", "n/a"]
    ),
    st.sampled_from(['"', '""', "\r\n", "=cmd|' /C calc'!A0", "\x00", "\t", ";", ","]),
    _text,
)


@st.composite
def contact_lists(draw: st.DrawFn) -> list[list[Any]]:
    headers = draw(st.lists(st.sampled_from(_HEADERS) | _text, min_size=0, max_size=8))
    if draw(st.booleans()):
        headers = ["name", *headers]
    rows = [headers]
    for _ in range(draw(st.integers(0, 6))):
        rows.append(draw(st.lists(_CELL_TEXT, max_size=len(headers) + 2)))
    return rows


@fuzz("contacts_csv")
@given(
    rows=contact_lists(),
    delimiter=st.sampled_from([",", "\t", ";", "|"]),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5", "latin-1"]),
    damage=st.sampled_from(["none", "none", "garbage", "truncate"]),
    at=st.integers(0, 999),
)
def test_read_contacts_any_csv(rows: list[list[Any]], delimiter: str, codec: str, damage: str, at: int) -> None:
    EXAMPLES["contacts_csv"] += 1
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\n").writerows(rows)
    data = text.getvalue().encode(codec, errors="replace")
    if damage == "garbage":
        data = data[:at] + b"\xff\xfe\x00\x81" + data[at:]
    elif damage == "truncate":
        data = data[:at]
    stream = io.BytesIO(data)
    stream.name = "contacts.csv"
    result = outcome("read_contacts (CSV)", stakeholders.read_contacts, stream)
    if result is not None:
        group, report = result
        saves(group)
        assert report.text()


_xlsx_cells = st.one_of(
    _CELL_TEXT.map(lambda v: _XLSX_UNSAFE.sub("", v)),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
)


@fuzz("contacts_xlsx")
@given(rows=contact_lists(), extra=st.lists(st.lists(_xlsx_cells, max_size=6), max_size=4), sheet=st.none() | _text)
def test_read_contacts_any_xlsx(rows: list[list[Any]], extra: list[list[Any]], sheet: str | None) -> None:
    EXAMPLES["contacts_xlsx"] += 1
    workbook = openpyxl.Workbook()
    ws = workbook.active
    for row in [*rows, *extra]:
        ws.append([_XLSX_UNSAFE.sub("", c) if isinstance(c, str) else c for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    stream = io.BytesIO(buffer.getvalue())
    stream.name = "contacts.xlsx"
    result = outcome("read_contacts (XLSX)", stakeholders.read_contacts, stream, sheet=sheet)
    if result is not None:
        saves(result[0])


# -- GraphML and GEXF -----------------------------------------------------------------------------

GRAPHML_TEXTS = [stakeholders.to_graphml(g) for g in EXAMPLE_GROUPS]
GEXF_TEXTS = [stakeholders.to_gexf(g) for g in EXAMPLE_GROUPS]
_XML_PIECES = st.sampled_from(
    [
        "",
        "<",
        ">",
        "&",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "]]>",
        "<![CDATA[x]]>",
        '"',
        "=json:",
        '=json:"\\ud800"',
        "=json:{",
        "[1]",
        "{}",
        '{"a": 1}',
        "null",
        "true",
        "NaN",
        "1e999",
        "<node id='zz'/>",
        "<edge source='a' target='zz'/>",
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!ENTITY x SYSTEM "file:///etc/passwd">',
        "&b;",
    ]
)


@st.composite
def damaged_xml(draw: st.DrawFn, texts: list[str]) -> bytes:
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["value", "value", "value", "delete_line", "duplicate_line", "insert", "bytes"]))
        lines = text.split("\n")
        if op == "value":
            values = list(re.finditer(r">([^<>]*)</", text)) + list(re.finditer(r'="([^"]*)"', text))
            if values:
                found = draw(st.sampled_from(values))
                new = draw(_XML_PIECES | st.sampled_from(SPELLINGS + IDS) | _text.map(_xml_escape))
                text = text[: found.start(1)] + new + text[found.end(1) :]
        elif op == "delete_line" and lines:
            del lines[draw(st.integers(0, len(lines) - 1))]
            text = "\n".join(lines)
        elif op == "duplicate_line" and lines:
            at = draw(st.integers(0, len(lines) - 1))
            lines.insert(at, lines[at])
            text = "\n".join(lines)
        elif op == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(_XML_PIECES) + text[at:]
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8))
    return data


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@fuzz("graphml")
@given(data=damaged_xml(GRAPHML_TEXTS))
def test_read_graphml_any_file(data: bytes) -> None:
    EXAMPLES["graphml"] += 1
    group = outcome("read_graphml", stakeholders.read_graphml, io.BytesIO(data))
    if group is not None:
        saves(group)


@fuzz("gexf")
@given(data=damaged_xml(GEXF_TEXTS))
def test_read_gexf_any_file(data: bytes) -> None:
    EXAMPLES["gexf"] += 1
    group = outcome("read_gexf", stakeholders.read_gexf, io.BytesIO(data))
    if group is not None:
        saves(group)


# -- the command line ------------------------------------------------------------------------------

_CLI_DIR = Path(tempfile.mkdtemp(prefix="stakeholders-cli-fuzz-"))
atexit.register(shutil.rmtree, _CLI_DIR, True)


@fuzz("cli_validate")
@given(
    suffix=st.sampled_from([".yaml", ".json", ".csv", ".xlsx", ".graphml", ".gexf", ".txt", ".yml", ".tsv"]),
    data=st.binary(max_size=300)
    | _documents(json_values).map(lambda d: _dump_yaml(d).encode())
    | damaged_xml(GRAPHML_TEXTS)
    | damaged_xml(GEXF_TEXTS),
)
def test_cli_validate_any_file(suffix: str, data: bytes) -> None:
    EXAMPLES["cli_validate"] += 1
    path = _CLI_DIR / f"input{suffix}"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    TALLY.add("CLI validate")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(path)])
    assert code in (0, 1), (code, err.getvalue())
    (REFUSED if code else LOADED)["CLI validate"] += 1
    if code == 1:
        assert err.getvalue().strip(), "exit code 1 without a message"
        assert "Traceback" not in err.getvalue()
    else:
        assert "valid map" in out.getvalue()


def test_the_fuzz_profile_adds_up_to_the_promised_total() -> None:
    assert sum(_FUZZ_EXAMPLES.values()) >= FUZZ_TOTAL >= 10_000
    assert set(_FUZZ_EXAMPLES) == set(_WEIGHTS)


def test_the_mutated_examples_are_the_example_maps() -> None:
    assert EXAMPLES_DIR.is_dir() and len(EXAMPLE_DOCS) == len(example_paths()) + 1 >= 4


def test_the_safety_page_shows_the_numbers_of_the_last_full_run() -> None:
    """docs/safety.md shows what docs/safety-counts.json holds (both are written by a fuzz run)."""
    from safety_counts import COUNTS_FILE, page_module

    page = page_module()
    assert page.page_text() == page.PAGE.read_text(encoding="utf-8"), "run: python scripts/safety_page.py"
    if COUNTS_FILE.exists():
        counts = json.loads(COUNTS_FILE.read_text(encoding="utf-8"))
        assert counts["fuzz"]["total"] >= 10_000, "the last full run tried fewer than 10,000 examples"

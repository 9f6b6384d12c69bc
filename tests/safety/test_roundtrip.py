"""Round trips between every lossless form of a map: YAML ↔ JSON ↔ model ↔ networkx ↔ GraphML ↔ GEXF ↔ tables ↔ XLSX.

test_files.py, test_graph.py, test_tables.py and test_interchange.py check each
format against the model one at a time. Here maps go through *chains* of
formats in random order, and must come out equal to what went in, with the
same YAML text byte for byte: generated maps (tests/strategies.py), maps with
the most awkward text in every field, the example maps and big synthetic maps
(stakeholders.synthetic). (CSV holds the people table only and Mermaid is a
drawing: neither is lossless, by design.)
"""

from __future__ import annotations

import atexit
import io
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from safety_counts import Tally, fuzzing
from strategies import documents, groups

import stakeholders
from stakeholders import BuyingGroup
from stakeholders.graph import from_networkx, to_networkx
from stakeholders.synthetic import generate

pytest.importorskip("pandas")
pytest.importorskip("openpyxl")

TALLY = Tally("roundtrip")
_DIR = Path(tempfile.mkdtemp(prefix="stakeholders-roundtrip-"))
atexit.register(shutil.rmtree, _DIR, True)


def _xlsx(group: BuyingGroup) -> BuyingGroup:
    buffer = io.BytesIO()
    stakeholders.write_xlsx(group, buffer)
    return stakeholders.read_xlsx(io.BytesIO(buffer.getvalue()))


def _graphml(group: BuyingGroup) -> BuyingGroup:
    return stakeholders.read_graphml(io.BytesIO(stakeholders.to_graphml(group).encode("utf-8")))


def _gexf(group: BuyingGroup) -> BuyingGroup:
    return stakeholders.read_gexf(io.BytesIO(stakeholders.to_gexf(group).encode("utf-8")))


def _saved(suffix: str) -> Callable[[BuyingGroup], BuyingGroup]:
    def through_file(group: BuyingGroup) -> BuyingGroup:
        path = _DIR / f"map{suffix}"
        stakeholders.save(group, path)
        return stakeholders.load(path)

    return through_file


#: One step each: the map into a form and back.
STEPS: dict[str, Callable[[BuyingGroup], BuyingGroup]] = {
    "YAML text": lambda g: stakeholders.loads(stakeholders.dumps(g)),
    "JSON text": lambda g: stakeholders.loads(stakeholders.dumps(g, "json"), format="json"),
    "YAML file": _saved(".yaml"),
    "JSON file": _saved(".json"),
    "model (dict)": lambda g: BuyingGroup.model_validate(g.to_dict()),
    "model (python dump)": lambda g: BuyingGroup.model_validate(g.model_dump()),
    "model (JSON)": lambda g: BuyingGroup.model_validate_json(g.model_dump_json(by_alias=True)),
    "networkx": lambda g: from_networkx(to_networkx(g)),
    "GraphML": _graphml,
    "GEXF": _gexf,
    "DataFrames": lambda g: stakeholders.from_frames(stakeholders.to_frames(g)),
    "XLSX": _xlsx,
}


@pytest.fixture(scope="module", autouse=True)
def _write_counts() -> Iterator[None]:
    yield
    TALLY.note(
        "summary",
        f"Each map went through a chain of these forms and came back equal, YAML text identical: {', '.join(STEPS)}.",
    )
    TALLY.write()


def through(group: BuyingGroup, chain: list[str]) -> None:
    """Send ``group`` through ``chain``; after every step it is the same map, written the same."""
    text = stakeholders.dumps(group)
    current = group
    for step in chain:
        current = STEPS[step](current)
        TALLY.add(step)
        assert current == group, f"{step} changed the map (after {chain})"
    assert stakeholders.dumps(current) == text
    assert stakeholders.dumps(current, "json") == stakeholders.dumps(group, "json")


_chains = st.lists(st.sampled_from(sorted(STEPS)), min_size=2, max_size=6)
_SETTINGS = settings(max_examples=400 if fuzzing() else 20, deadline=None, suppress_health_check=list(HealthCheck))


@_SETTINGS
@given(group=groups(max_people=6), chain=_chains)
def test_generated_maps_survive_any_chain_of_formats(group: BuyingGroup, chain: list[str]) -> None:
    through(group, chain)
    TALLY.add("generated maps")


# Text that formats like to change: markers, look-alikes of numbers, dates, booleans and null,
# whitespace at the ends, line ends, control and invisible characters, XML and CSV syntax.
AWKWARD = [
    "=json:x",
    '=json:"x"',
    "nan",
    "NaN",
    "None",
    "null",
    "~",
    "true",
    "No",
    "1e5",
    "0x1F",
    "0777",
    "1:30",
    "2024-01-02",
    " leading",
    "trailing ",
    "a\r\nb",
    "a\rb",
    "\ttab",
    "line\u2028sep",
    "\x85next",
    "nul\x00",
    "esc\x1b[2J",
    "\u202eevil\u202c",
    "\ufeffbom",
    "<tag attr='1'>&amp;</tag>",
    "]]>",
    "a;b",
    "a; b",
    '"quoted"',
    "[not, a, list]",
    "{a: b}",
    "#comment",
    "- item",
    "key: value",
    "💼 emoji",
    "张总：“技术派”",
    "x" * 3000,
]
_awkward = st.sampled_from(AWKWARD) | st.text(max_size=12)


@st.composite
def awkward_groups(draw: st.DrawFn) -> BuyingGroup:
    """Valid maps whose free-text fields hold awkward text."""
    doc = draw(documents(max_people=4))
    text_keys = {
        "title", "notes", "background", "evidence", "scope", "description", "opportunity",
        "content", "place", "channel", "went_well", "fell_short", "lessons", "agreements", "next_plan",
        "education", "hometown", "family", "address", "phone", "email",
    }  # fmt: skip
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in text_keys and isinstance(value, str):
                    node[key] = draw(_awkward)
                elif key in ("concerns", "hobbies") and isinstance(value, list):
                    node[key] = draw(st.lists(_awkward, max_size=3))
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return BuyingGroup.model_validate(doc)


@_SETTINGS
@given(group=awkward_groups(), chain=_chains)
def test_awkward_text_survives_any_chain_of_formats(group: BuyingGroup, chain: list[str]) -> None:
    through(group, chain)
    TALLY.add("maps with awkward text")


def test_every_awkward_text_in_every_field_of_every_format() -> None:
    people = [
        {"id": f"p{i}", "name": f"P{i}", "title": text, "notes": text, "background": text, "concerns": [text]}
        for i, text in enumerate(AWKWARD)
    ]
    group = BuyingGroup(customer="X", description="\n".join(AWKWARD[:-1]), people=people)
    through(group, list(STEPS))


def test_example_maps_through_every_format(any_group: BuyingGroup) -> None:
    through(any_group, list(STEPS))
    TALLY.add("example maps")


@pytest.mark.slow
@pytest.mark.parametrize("size", [200, 2000] if fuzzing() else [200])  # 2,000 people: ~15 s, in the fuzz run
def test_synthetic_maps_through_every_format(size: int) -> None:
    group = generate(size, seed=size)
    through(group, list(STEPS))
    TALLY.add(f"synthetic map of {size} people")


def test_graph_views_agree() -> None:
    """networkx sees the same people and lines whichever file the graph came from."""
    group = generate(60, seed=3)
    G = to_networkx(group)
    for step in ("GraphML", "GEXF", "XLSX", "JSON text"):
        H = to_networkx(STEPS[step](group))
        assert sorted(G.nodes) == sorted(H.nodes)
        assert sorted((u, v, d["kind"]) for u, v, d in G.edges(data=True)) == sorted(
            (u, v, d["kind"]) for u, v, d in H.edges(data=True)
        )
    assert json.loads(stakeholders.dumps(group, "json")) == group.to_dict()

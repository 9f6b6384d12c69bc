"""Interchange: GraphML and GEXF (read back with networkx), Mermaid, the JSON Schema."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import groups

import stakeholders
from stakeholders import BuyingGroup, LineKind, MapError
from stakeholders.drawing.mermaid import to_mermaid
from stakeholders.io.gexf import read_gexf, to_gexf, write_gexf
from stakeholders.io.graphml import read_graphml, to_graphml, write_graphml

ROOT = Path(__file__).resolve().parents[2]

FORMATS = [
    pytest.param(write_graphml, read_graphml, nx.read_graphml, id="graphml"),
    pytest.param(write_gexf, read_gexf, nx.read_gexf, id="gexf"),
]


@pytest.mark.parametrize(("write", "read", "nx_read"), FORMATS)
def test_round_trip(any_group: BuyingGroup, tmp_path: Path, write, read, nx_read) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "map.xml"
    write(any_group, path)
    assert read(path) == any_group


@pytest.mark.parametrize(("write", "read", "nx_read"), FORMATS)
def test_networkx_reads_people_and_lines(any_group: BuyingGroup, tmp_path: Path, write, read, nx_read) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "map.xml"
    write(any_group, path)
    G = nx_read(path)
    assert list(G.nodes) == [p.id for p in any_group.people]
    for person in any_group.people:
        attrs = G.nodes[person.id]
        assert attrs["name"] == person.name
        assert attrs["stance"] == person.stance.value
        if person.roles:
            assert json.loads(attrs["roles"]) == [r.value for r in person.roles]
    kinds = sorted(d["kind"] for _, _, d in G.edges(data=True))
    assert kinds == sorted(kind.value for _, _, kind, _ in any_group.iter_lines())


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(groups())
def test_round_trip_of_generated_maps(group: BuyingGroup) -> None:
    for write, read in ((write_graphml, read_graphml), (write_gexf, read_gexf)):
        buffer = io.BytesIO()
        write(group, buffer)
        buffer.seek(0)
        assert read(buffer) == group


def test_graphml_keeps_the_map_in_graph_attributes(small_group: BuyingGroup) -> None:
    buffer = io.BytesIO(to_graphml(small_group).encode("utf-8"))
    G = nx.read_graphml(buffer)
    assert G.graph["customer"] == small_group.customer
    assert [u["name"] for u in json.loads(G.graph["units"])] == [u.name for u in small_group.units]


def test_gexf_colours_people_by_stance(small_group: BuyingGroup) -> None:
    G = nx.read_gexf(io.BytesIO(to_gexf(small_group).encode("utf-8")))
    mentor = G.nodes["wang"]
    assert mentor["label"] == "王建国"
    assert mentor["viz"]["color"]["g"] == 0x8F  # the mentor fill #1E8F6E
    assert G.graph["name"] == small_group.customer


def test_gexf_without_the_meta_data_gives_people_and_lines(small_group: BuyingGroup) -> None:
    text = to_gexf(small_group)
    start, end = text.index("<description>"), text.index("</description>") + len("</description>")
    group = read_gexf(io.BytesIO((text[:start] + text[end:]).encode("utf-8")))
    assert group.customer == small_group.customer
    assert [p.name for p in group.people] == [p.name for p in small_group.people]


@pytest.mark.parametrize("text", [to_graphml, to_gexf])
def test_redacted_files_hold_no_private_data_or_insiders(small_group: BuyingGroup, text) -> None:  # type: ignore[no-untyped-def]
    written = text(small_group, redact=True)
    assert "coach" not in written and "fishing" not in written and "1980-02-03" not in written
    assert "fishing" in text(small_group)


@pytest.mark.parametrize(("read", "name"), [(read_graphml, "GraphML"), (read_gexf, "GEXF")])
def test_a_broken_file_is_a_map_error(read, name: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MapError, match=f"not valid {name}"):
        read(io.BytesIO(b"<graphml><node"))


def test_text_xml_cannot_hold_survives(small_group: BuyingGroup) -> None:
    group = small_group.model_copy(deep=True)
    group.people[0].notes = "line\r\nbreak\x01 \ufffe =json:x"
    group.customer = '=json:"quoted"'
    for write, read in ((write_graphml, read_graphml), (write_gexf, read_gexf)):
        buffer = io.BytesIO()
        write(group, buffer)
        buffer.seek(0)
        assert read(buffer) == group


# -- Mermaid ---------------------------------------------------------------------


def test_mermaid_of_a_small_map() -> None:
    group = stakeholders.loads(
        """
customer: X
units: [{name: HQ}]
people:
  - {name: Boss, unit: hq, roles: decider, stance: supporter}
  - {name: 'Eng "the" <one> #1', reports_to: boss, roles: [technical_evaluator, user]}
lines:
  - {kind: influence, from: eng_the_one_1, to: boss, mutual: true}
  - {kind: delegation, from: boss, to: eng_the_one_1, delegation: nominal}
"""
    )
    assert to_mermaid(group) == (
        "flowchart TD\n"
        '    subgraph u0["HQ"]\n'
        '        p0["Boss<br/>+ supporter · DEC"]\n'
        "    end\n"
        '    p1["Eng #quot;the#quot; #lt;one#gt; #35;1<br/>? unknown · TECH USER"]\n'
        "    p0 --- p1\n"
        "    p1 <==> p0\n"
        '    p0 -.->|"nominal delegation"| p1\n'
        "    classDef supporter fill:#BFE6D8,stroke:#1E8F6E,color:#000000,stroke-width:1.5px\n"
        "    classDef unknown fill:#FFFFFF,stroke:#555555,color:#000000,stroke-width:1px,stroke-dasharray:4 3\n"
        "    class p0 supporter\n"
        "    class p1 unknown\n"
    )


def test_mermaid_has_every_person_and_line(any_group: BuyingGroup) -> None:
    text = to_mermaid(any_group, lang="zh", redact=True)
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    assert sum(1 for line in lines if line.strip().startswith("class p")) == len(any_group.people)
    edges = [line for line in lines if line.strip().startswith("p") and "[" not in line]
    # Redacted: every line but the introductions (they point at the coach, docs/safety.md).
    assert len(edges) == sum(1 for line in any_group.iter_lines() if line[2] is not LineKind.INTRODUCTION)
    assert "教练" not in text  # redacted
    assert text.count("subgraph") == text.count("    end") == len(any_group.units)


# -- JSON Schema -------------------------------------------------------------------


def test_schema_command_prints_the_published_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from stakeholders.cli import main

    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == stakeholders.json_schema()


def test_example_maps_validate_against_the_schema(any_group: BuyingGroup) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(any_group.dumps("json")), stakeholders.json_schema())

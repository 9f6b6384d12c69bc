"""GraphML and GEXF from the outside: no DTD in any encoding, texts XML cannot hold, what the readers leave out."""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from stakeholders import BuyingGroup, MapError
from stakeholders.io.gexf import read_gexf, to_gexf
from stakeholders.io.graphml import read_graphml, to_graphml
from stakeholders.io.xmldoc import GraphFileNote

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
GEXF = "http://www.gexf.net/1.2draft"

READERS = [pytest.param(read_graphml, "graphml", id="graphml"), pytest.param(read_gexf, "gexf", id="gexf")]


def _document(fmt: str, dtd: str, customer: str = "&x;", encoding: str = "UTF-8", before: str = "") -> str:
    """A small GraphML or GEXF map whose customer is ``customer``, with ``dtd`` before the root."""
    head = f'<?xml version="1.0" encoding="{encoding}"?>{before}{dtd}'
    if fmt == "graphml":
        return (
            f'{head}<graphml xmlns="{GRAPHML}"><key id="d0" for="graph" attr.name="customer" attr.type="string"/>'
            '<key id="d1" for="node" attr.name="name" attr.type="string"/><graph edgedefault="directed">'
            f'<data key="d0">{customer}</data><node id="a"><data key="d1">A</data></node></graph></graphml>'
        )
    return (
        f'{head}<gexf xmlns="{GEXF}" version="1.2"><graph name="{customer}" defaultedgetype="directed">'
        '<nodes><node id="a" label="A"/></nodes></graph></gexf>'
    )


ENTITY = '<!DOCTYPE r [<!ENTITY x "EVIL">]>'
ENCODINGS = [
    ("UTF-8", "utf-8"),
    ("UTF-8", "utf-8-sig"),
    ("UTF-16", "utf-16"),  # with a byte order mark
    ("UTF-16", "utf-16-le"),  # without one: expat tells the byte order from "<"
    ("UTF-16", "utf-16-be"),
    ("UTF-32", "utf-32"),
    ("UTF-32", "utf-32-be"),
    ("ISO-8859-1", "latin-1"),
    ("windows-1252", "cp1252"),
]


def _refused(read: Callable[[Any], BuyingGroup], data: bytes) -> MapError:
    with pytest.raises(MapError) as caught:
        read(io.BytesIO(data))
    problem = caught.value.problems[0]
    assert "DTD (<!DOCTYPE>)" in problem.message and "DTD" in problem.message.split(" / ")[1]
    assert problem.line is not None and problem.code == "syntax"
    assert "EVIL" not in str(caught.value)
    return caught.value


@pytest.mark.parametrize(("read", "fmt"), READERS)
@pytest.mark.parametrize(("declared", "codec"), ENCODINGS, ids=[c for _, c in ENCODINGS])
def test_an_internal_entity_is_refused_in_every_encoding(read, fmt: str, declared: str, codec: str) -> None:  # type: ignore[no-untyped-def]
    _refused(read, _document(fmt, ENTITY, encoding=declared).encode(codec))


@pytest.mark.parametrize(("read", "fmt"), READERS)
@pytest.mark.parametrize(
    "dtd",
    [
        '<!DOCTYPE r [<!ATTLIST node label CDATA "EVIL">]>',  # an ATTLIST default changes what a file says
        "<!DOCTYPE r [<!ENTITY % p \"<!ENTITY x 'EVIL'>\"> %p;]>",  # a parameter entity
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>',  # an external entity
        '<!DOCTYPE r SYSTEM "http://example.invalid/evil.dtd">',  # an external DTD
        "<!DOCTYPE r>",
    ],
    ids=["attlist", "parameter-entity", "external-entity", "external-dtd", "bare-doctype"],
)
@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be"])
def test_every_kind_of_dtd_is_refused(read, fmt: str, dtd: str, codec: str) -> None:  # type: ignore[no-untyped-def]
    encoding = "UTF-16" if codec.startswith("utf-16") else "UTF-8"
    _refused(read, _document(fmt, dtd, customer="X", encoding=encoding).encode(codec))


@pytest.mark.parametrize(("read", "fmt"), READERS)
def test_a_dtd_after_64_kb_of_comment_is_refused(read, fmt: str) -> None:  # type: ignore[no-untyped-def]
    comment = "<!--" + "x" * 70_000 + "-->\n"
    dtd = '<!DOCTYPE r [<!ATTLIST node label CDATA "EVIL">]>'
    error = _refused(read, _document(fmt, dtd, customer="X", before=comment).encode())
    assert error.problems[0].line == 2


@pytest.mark.parametrize(("read", "fmt"), READERS)
def test_a_dtd_inside_the_document_is_a_syntax_error_with_its_line(read, fmt: str) -> None:  # type: ignore[no-untyped-def]
    text = _document(fmt, "", customer="X").replace("<graph", f"\n\n{ENTITY}<graph", 1)
    with pytest.raises(MapError) as caught:
        read(io.BytesIO(text.encode()))
    problem = caught.value.problems[0]
    assert problem.line == 3 and problem.code == "syntax" and "EVIL" not in str(caught.value)
    assert " / " in problem.message  # in English and Chinese


@pytest.mark.parametrize(("read", "fmt"), READERS)
@pytest.mark.parametrize(("declared", "codec"), ENCODINGS, ids=[c for _, c in ENCODINGS])
def test_a_file_without_a_dtd_is_read_in_every_encoding(read, fmt: str, declared: str, codec: str) -> None:  # type: ignore[no-untyped-def]
    customer = "Müller & Söhne" if declared in ("ISO-8859-1", "windows-1252") else "Müller & 王"
    data = _document(fmt, "", customer=customer.replace("&", "&amp;"), encoding=declared).encode(codec)
    assert read(io.BytesIO(data)).customer == customer


def test_our_own_files_read_back_in_utf_16_and_utf_32(small_group: BuyingGroup) -> None:
    for text, read in ((to_graphml(small_group), read_graphml), (to_gexf(small_group), read_gexf)):
        body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
        for codec in ("utf-16", "utf-16-le", "utf-32"):
            declared = "UTF-16" if "16" in codec else "UTF-32"
            data = f'<?xml version="1.0" encoding="{declared}"?>{body}'.encode(codec)
            assert read(io.BytesIO(data)) == small_group


# -- texts XML cannot hold --------------------------------------------------------------------

#: Text the model accepts and XML 1.0 cannot hold raw, or that a parser would change.
AWKWARD = [
    "ACME\x01",
    "\x1b[2J",
    "a\x00b",
    "tab\there",
    "cr\rlf\r\n",
    "\ufffe\uffff",
    "\x7f\x85\u2028",
    '=json:"x"',
    "<b>&amp;\"'</b> ]]>",
    "\u202eevil",
    "华东汽车零部件厂",
    "emoji 👩\u200d💼",
    "  spaces  ",
]


@pytest.mark.parametrize("text", AWKWARD, ids=range(len(AWKWARD)))
def test_a_customer_xml_cannot_hold_is_written_as_valid_xml_and_read_back(text: str) -> None:
    group = BuyingGroup.model_validate({"customer": text, "people": [{"name": "A", "title": text}]})
    for to_text, read, nx_read in ((to_graphml, read_graphml, nx.read_graphml), (to_gexf, read_gexf, nx.read_gexf)):
        data = to_text(group).encode("utf-8")
        nx_read(io.BytesIO(data))  # valid XML for other tools (Gephi, networkx)
        assert read(io.BytesIO(data)) == group


def test_gexf_from_elsewhere_is_named_after_the_graph_as_written() -> None:
    group = BuyingGroup.model_validate({"customer": "ACME\x01", "people": [{"name": "A"}]})
    text = to_gexf(group)
    start, end = text.index("<description>"), text.index("</description>") + len("</description>")
    assert read_gexf(io.BytesIO((text[:start] + text[end:]).encode())).customer == "ACME\x01"


_CHARACTERS = st.characters(codec="utf-8") | st.sampled_from(["\x00", "\x01", "\x1f", "\r", "\ufffe", "\uffff", "<"])
_TEXTS = st.text(_CHARACTERS, max_size=30) | st.sampled_from(AWKWARD)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(customer=_TEXTS, name=_TEXTS, title=_TEXTS, unit=_TEXTS, notes=_TEXTS)
def test_any_text_the_model_accepts_round_trips(customer: str, name: str, title: str, unit: str, notes: str) -> None:
    assume(customer.strip() and name.strip() and unit.strip())
    group = BuyingGroup.model_validate(
        {
            "customer": customer,
            "opportunity": notes,
            "description": notes,
            "units": [{"id": "u", "name": unit, "notes": notes}],
            "people": [
                {"id": "p", "name": name, "title": title, "unit": "u", "notes": notes, "concerns": [title, notes]},
                {"id": "b", "name": title.strip() or "B", "reports_to": "p"},
            ],
            "lines": [{"kind": "influence", "from": "b", "to": "p", "notes": notes}],
        }
    )
    for to_text, read in ((to_graphml, read_graphml), (to_gexf, read_gexf)):
        with warnings.catch_warnings():
            warnings.simplefilter("error", GraphFileNote)
            assert read(io.BytesIO(to_text(group).encode("utf-8"))) == group


# -- what the readers leave out is said, with its line -------------------------------------------


def _notes(read: Callable[[Any], BuyingGroup], text: str) -> tuple[BuyingGroup, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        group = read(io.BytesIO(text.encode()))
    assert all(issubclass(w.category, GraphFileNote) for w in caught), [str(w.message) for w in caught]
    return group, [str(w.message) for w in caught]


_KEYS = (
    f'<graphml xmlns="{GRAPHML}"><key id="d0" for="graph" attr.name="customer" attr.type="string"/>'
    '<key id="d1" for="node" attr.name="name" attr.type="string"/>'
)


def _named(text: str) -> str:
    """GraphML nodes ``<node id="a"/>`` given a name (the map needs one): ``<node id="a"><data>a</data></node>``."""
    return re.sub(
        r'<node id="([^"]*)"(/?)>',
        lambda m: f'<node id="{m[1]}"><data key="d1">{m[1]}</data>' + ("</node>" if m[2] else ""),
        text,
    )


def test_graphml_a_second_graph_is_a_note_with_its_line() -> None:
    text = _KEYS + '<graph edgedefault="directed"><data key="d0">X</data><node id="a"/></graph>\n\n'
    text += '<graph edgedefault="directed"><node id="b"/><node id="c"/></graph></graphml>'
    group, notes = _notes(read_graphml, _named(text))
    assert [p.id for p in group.people] == ["a"]
    assert len(notes) == 1 and notes[0].startswith("line 3: a second <graph> (2 nodes) was ignored")


def test_graphml_a_nested_graph_is_a_note_and_a_yed_group_is_read() -> None:
    text = _KEYS + '<graph edgedefault="directed"><data key="d0">X</data>\n<node id="a">\n'
    text += '<graph id="a:" edgedefault="directed"><node id="a::x"/></graph></node>\n'
    text += '<node id="g" yfiles.foldertype="group"><data key="d1">g</data>'
    text += '<graph id="g:" edgedefault="directed"><node id="g::y"/></graph></node>'
    text += "</graph></graphml>"
    group, notes = _notes(read_graphml, _named(text))
    assert [p.name for p in group.people] == ["a", "g", "g::y"]  # networkx reads a yEd group's nodes
    assert len(notes) == 1 and notes[0].startswith("line 3: a nested <graph> (1 node) in node 'a' was ignored")


def test_graphml_hyperedges_and_ports_are_notes_not_errors() -> None:
    text = _KEYS + '<graph edgedefault="directed"><data key="d0">X</data>\n'
    text += '<node id="a"><port name="p"/></node><node id="b"/><node id="c"/>\n'
    text += '<hyperedge><endpoint node="a"/><endpoint node="b"/><endpoint node="c"/></hyperedge>\n'
    text += '<hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge>\n<edge source="a" target="b"/>'
    text += "</graph></graphml>"
    with pytest.raises(MapError, match="kind"):  # the edge has no kind: the file is read up to the map's own checks
        _notes(read_graphml, _named(text))
    text = text.replace('<edge source="a" target="b"/>', "")
    group, notes = _notes(read_graphml, _named(text))
    assert [p.id for p in group.people] == ["a", "b", "c"]
    assert [n.split(" was ignored")[0] for n in notes] == [
        "line 2: a <port> of a node or edge",
        "line 3: a <hyperedge> joining 3 nodes",
        "line 4: a <hyperedge> joining 2 nodes",
    ]


def test_graphml_a_key_default_is_the_value_of_nodes_without_one() -> None:
    text = _KEYS + '<key id="d2" for="node" attr.name="stance" attr.type="string"><default>supporter</default></key>'
    text += '<graph edgedefault="directed"><data key="d0">X</data><node id="a"/>'
    text += '<node id="b"><data key="d1">b</data><data key="d2">opponent</data></node></graph></graphml>'
    group = read_graphml(io.BytesIO(_named(text).encode()))
    assert [p.stance.value for p in group.people] == ["supporter", "opponent"]


_GEXF_HEAD = f'<gexf xmlns="{GEXF}" version="1.2"><graph name="X" defaultedgetype="directed">'


def test_gexf_hyperedges_spells_and_a_second_graph_are_notes_with_their_lines() -> None:
    text = _GEXF_HEAD + '\n<nodes><node id="a" label="A">\n<spells><spell start="1" end="2"/></spells></node>'
    text += '<node id="b" label="B"/></nodes>\n<hyperedges><hyperedge id="h"/></hyperedges>'
    text += '</graph>\n<graph name="Y"><nodes><node id="c" label="C"/></nodes></graph></gexf>'
    group, notes = _notes(read_gexf, text)
    assert [p.name for p in group.people] == ["A", "B"] and group.customer == "X"
    assert sorted(n.split(":")[0] + ":" + n.split(":")[1].split(" was")[0] for n in notes) == [
        "line 3: the <spells> (the times a node or edge exists) were ignored",
        "line 4: a <hyperedges>",
        "line 5: a second <graph>",
    ], notes


def test_gexf_an_attribute_default_is_the_value_of_nodes_without_one() -> None:
    text = (
        _GEXF_HEAD + '<attributes class="node"><attribute id="0" title="stance" type="string">'
        "<default>supporter</default></attribute></attributes>"
        '<nodes><node id="a" label="A"/><node id="b" label="B"><attvalues><attvalue for="0" value="opponent"/>'
        "</attvalues></node></nodes></graph></gexf>"
    )
    group = read_gexf(io.BytesIO(text.encode()))
    assert [p.stance.value for p in group.people] == ["supporter", "opponent"]


@pytest.mark.parametrize(("read", "fmt"), READERS)
def test_many_left_out_elements_make_one_short_note(read, fmt: str) -> None:  # type: ignore[no-untyped-def]
    if fmt == "graphml":
        text = _KEYS + '<graph edgedefault="directed"><data key="d0">X</data><node id="a"/>'
        text = _named(text + "<hyperedge/>\n" * 5000 + "</graph></graphml>")
    else:
        text = _GEXF_HEAD + '<nodes><node id="a" label="A"/></nodes>' + "<hyperedge/>\n" * 5000 + "</graph></gexf>"
    _, notes = _notes(read, text)
    assert len(notes) == 1 and "(5,000 times)" in notes[0] and len(notes[0]) < 400

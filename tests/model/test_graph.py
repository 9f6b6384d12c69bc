"""The map as a networkx MultiDiGraph, and back."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import groups

import stakeholders
from stakeholders import BuyingGroup, LineKind, MapError, Stance
from stakeholders.graph import from_networkx, to_networkx

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_people_are_nodes_with_their_fields(small_group: BuyingGroup) -> None:
    G = small_group.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    assert list(G.nodes) == [p.id for p in small_group.people]
    wang = G.nodes["wang"]
    assert wang["name"] == "王建国"
    assert wang["stance"] is Stance.MENTOR
    assert wang["roles"] == [stakeholders.Role.TECHNICAL_EVALUATOR, stakeholders.Role.USER]
    assert "reports_to" not in wang
    assert "dotted_line_to" not in wang
    assert "id" not in wang


def test_every_line_is_an_edge_with_a_kind(small_group: BuyingGroup) -> None:
    G = small_group.to_networkx()
    edges = sorted((u, v, kind) for u, v, kind in G.edges(data="kind"))
    assert edges == sorted(
        [
            ("张总", "wang", "reports_to"),
            ("张总", "li_na", "reports_to"),
            ("wang", "赵工", "reports_to"),
            ("wang", "li_na", "dotted_line"),
            ("赵工", "wang", "influence"),
            ("张总", "li_na", "delegation"),
        ]
    )
    assert all(kind in {k.value for k in LineKind} for _, _, kind in G.edges(data="kind"))
    expected_edges = sum((p.reports_to is not None) + len(p.dotted_line_to) for p in small_group.people)
    assert G.number_of_edges() == expected_edges + len(small_group.lines)


def test_edges_match_iter_lines(any_group: BuyingGroup) -> None:
    G = any_group.to_networkx()
    from_graph = sorted((u, v, kind) for u, v, kind in G.edges(data="kind"))
    from_group = sorted((u, v, kind.value) for u, v, kind, _ in any_group.iter_lines())
    assert from_graph == from_group
    assert set(G.nodes) == {p.id for p in any_group.people}


def test_reporting_edges_go_from_manager_to_report(small_group: BuyingGroup) -> None:
    G = small_group.to_networkx()
    for person in small_group.people:
        if person.reports_to is not None:
            kinds = [d["kind"] for d in G.get_edge_data(person.reports_to, person.id).values()]
            assert "reports_to" in kinds
            assert not G.has_edge(person.id, person.reports_to) or all(
                d["kind"] != "reports_to" for d in G.get_edge_data(person.id, person.reports_to).values()
            )


def test_line_attributes_are_on_the_edges(small_group: BuyingGroup) -> None:
    G = small_group.to_networkx()
    (influence,) = [d for _, _, d in G.edges(data=True) if d["kind"] == "influence"]
    assert influence["strength"] == 1.0
    assert influence["line_index"] == 0
    assert influence["mutual"] is False
    (delegation,) = [d for _, _, d in G.edges(data=True) if d["kind"] == "delegation"]
    assert delegation["delegation"] is stakeholders.DelegationType.NOMINAL
    assert delegation["scope"] == "price negotiation"
    assert delegation["line_index"] == 1


def test_everything_else_is_in_the_graph_attributes(small_group: BuyingGroup) -> None:
    G = small_group.to_networkx()
    assert G.graph["customer"] == small_group.customer
    assert G.graph["units"] == small_group.units
    assert G.graph["factions"] == small_group.factions
    assert G.graph["contacts"] == small_group.contacts
    assert "people" not in G.graph
    assert "lines" not in G.graph


def test_networkx_algorithms_accept_the_graph(small_group: BuyingGroup) -> None:
    G = small_group.to_networkx()
    reporting = nx.subgraph_view(G, filter_edge=lambda u, v, k: G.edges[u, v, k]["kind"] == "reports_to")
    assert nx.descendants(reporting, "张总") == {"wang", "li_na", "赵工"}
    assert nx.ancestors(reporting, "赵工") == {"wang", "张总"}
    assert nx.is_directed_acyclic_graph(reporting)
    assert next(iter(nx.topological_sort(reporting))) == "张总"
    assert nx.descendants(G, "赵工") == {"wang", "li_na"}
    centrality = nx.betweenness_centrality(G)
    assert max(centrality, key=centrality.get) == "wang"
    assert nx.is_weakly_connected(G)
    assert nx.shortest_path(G, "赵工", "li_na") == ["赵工", "wang", "li_na"]
    assert dict(G.in_degree())["li_na"] == 3


def test_pagerank_runs_on_the_graph(small_group: BuyingGroup) -> None:
    """nx.pagerank needs scipy, which is not a dependency; without it, use networkx's pure-Python version."""
    G = small_group.to_networkx()
    try:
        import scipy  # noqa: F401
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pagerank
    else:
        pagerank = nx.pagerank
    ranks = pagerank(G, weight="strength")
    assert set(ranks) == {p.id for p in small_group.people}
    assert sum(ranks.values()) == pytest.approx(1.0)


def test_module_functions_and_methods_agree(small_group: BuyingGroup) -> None:
    G = to_networkx(small_group)
    assert nx.utils.graphs_equal(G, small_group.to_networkx())
    assert from_networkx(G) == BuyingGroup.from_networkx(G) == small_group


# -- round trips ------------------------------------------------------------------------


def test_from_networkx_inverts_to_networkx(any_group: BuyingGroup) -> None:
    assert from_networkx(to_networkx(any_group)) == any_group


def test_from_networkx_after_editing_the_graph(small_group: BuyingGroup) -> None:
    G = small_group.to_networkx()
    G.nodes["赵工"]["stance"] = "支持者"
    G.add_node("new", name="New Person")
    G.add_edge("张总", "new", kind="reports_to")
    G.add_edge("new", "li_na", kind="influence", strength=0.2)
    group = from_networkx(G)
    assert group.person("赵工").stance is Stance.SUPPORTER
    assert group.person("new").reports_to == "张总"
    assert group.lines[-1].source == "new"
    assert group.lines[-1].strength == 0.2


def test_from_networkx_validates_references() -> None:
    G = nx.MultiDiGraph(customer="X")
    G.add_node("a", name="A", unit="nowhere")
    with pytest.raises(MapError, match="unknown unit 'nowhere'"):
        from_networkx(G)


@FAST
@given(group=groups())
def test_property_from_networkx_inverts_to_networkx(group: BuyingGroup) -> None:
    G = to_networkx(group)
    assert G.number_of_nodes() == len(group.people)
    assert G.number_of_edges() == len(list(group.iter_lines()))
    assert from_networkx(G) == group


@FAST
@given(group=groups())
def test_property_graph_survives_a_file_round_trip(group: BuyingGroup) -> None:
    again = stakeholders.loads(stakeholders.dumps(from_networkx(to_networkx(group))))
    assert nx.utils.graphs_equal(to_networkx(again), to_networkx(group))


def test_from_networkx_keeps_dotted_line_order() -> None:
    group = stakeholders.loads("customer: X\npeople: [{name: A}, {name: B}, {name: C, dotted_line_to: [b, a]}]")
    G = to_networkx(group)
    # Dotted edges carry their place in the person's dotted_line_to.
    assert sorted((u, d["position"]) for u, _, d in G.in_edges("c", data=True) if d["kind"] == "dotted_line") == [
        ("a", 1),
        ("b", 0),
    ]
    assert from_networkx(G).person("c").dotted_line_to == ["b", "a"]


# -- errors ------------------------------------------------------------------------------


def _base_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(customer="X")
    for ident in ("a", "b", "c"):
        G.add_node(ident, name=ident.upper())
    return G


def test_edge_with_no_kind_is_an_error() -> None:
    G = _base_graph()
    G.add_edge("a", "b")
    with pytest.raises(MapError) as caught:
        from_networkx(G)
    (problem,) = caught.value.problems
    assert problem.location == "edge 'a' → 'b' (key 0)"
    assert problem.message == "edge has no 'kind' attribute"
    assert problem.code == "missing"
    assert caught.value.source == "networkx graph"


def test_two_line_managers_is_an_error() -> None:
    G = _base_graph()
    G.add_edge("a", "c", kind="reports_to")
    G.add_edge("b", "c", kind="reports_to")
    with pytest.raises(MapError) as caught:
        from_networkx(G)
    (problem,) = caught.value.problems
    assert problem.location == "edge 'b' → 'c' (key 0)"
    assert problem.message == "'c' already reports to 'a'; a person has one line manager"
    assert problem.code == "two_managers"


def test_unknown_edge_kind_is_an_error() -> None:
    G = _base_graph()
    G.add_edge("a", "b", kind="friendship")
    with pytest.raises(MapError) as caught:
        from_networkx(G)
    (problem,) = caught.value.problems
    assert problem.code == "unknown_vocabulary"
    assert "unknown line kind 'friendship'" in problem.message
    assert "influence" in problem.message


def test_all_graph_problems_are_reported_at_once() -> None:
    G = _base_graph()
    G.add_edge("a", "b")
    G.add_edge("a", "c", kind="reports_to")
    G.add_edge("b", "c", kind="reports_to")
    G.add_edge("c", "a", kind="nonsense")
    with pytest.raises(MapError) as caught:
        from_networkx(G)
    assert sorted(p.code for p in caught.value.problems) == ["missing", "two_managers", "unknown_vocabulary"]


def test_graph_cycle_is_an_error() -> None:
    G = _base_graph()
    G.add_edge("a", "b", kind="reports_to")
    G.add_edge("b", "a", kind="reports_to")
    with pytest.raises(MapError, match="reporting cycle"):
        from_networkx(G)


def test_plain_digraph_is_accepted() -> None:
    G = nx.DiGraph(customer="X")
    G.add_node("a", name="A")
    G.add_node("b", name="B")
    G.add_edge("a", "b", kind="汇报")
    group = from_networkx(G)
    assert group.person("b").reports_to == "a"


def test_node_without_name_is_an_error() -> None:
    G = _base_graph()
    G.add_edge("a", "zz", kind="influence")  # adds node 'zz' with no attributes
    with pytest.raises(MapError, match=r"people\[3\]\.name: required field 'name' is missing"):
        from_networkx(G)


def test_editing_the_graph_does_not_change_the_group(small_group: BuyingGroup) -> None:
    before = small_group.model_copy(deep=True)
    G = small_group.to_networkx()
    G.nodes["wang"]["roles"].append(stakeholders.Role.DECIDER)
    G.nodes["wang"]["judgements"].clear()
    G.graph["units"][0].name = "changed"
    G.graph["checklist"]["specs_in_tender"] = True
    next(d for _, _, d in G.edges(data=True) if d["kind"] == "influence")["notes"] = "changed"
    assert small_group == before
    # ... while the edited graph turns into the edited map.
    edited = from_networkx(G)
    assert edited.person("wang").roles[-1] is stakeholders.Role.DECIDER
    assert edited.person("wang").judgements == {} and edited.checklist
    assert edited.units[0].name == "changed" and edited.lines[0].notes == "changed"

"""network_metrics equals networkx, metric by metric, on hand-worked and random graphs."""

from __future__ import annotations

import copy
import json
import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosgraph.analysis.compiled import compile_graph
from cosgraph.analysis.metrics import _reached_by, network_metrics, subgraph_where
from cosgraph.analysis.views import tie_graph
from cosgraph.errors import CosgraphError
from cosgraph.model import Sector, TripodRole

FLOAT_KEYS = ("betweenness", "closeness", "clustering")
LOOSE_KEYS = ("pagerank", "eigenvector")


def random_tie_graph(seed: int, n: int = 80, p: float = 0.04) -> nx.DiGraph:
    """A directed gnp graph plus a separate small cycle and isolates, string ids, weights."""
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    G.add_edges_from([(n, n + 1), (n + 1, n + 2), (n + 2, n)])
    G.add_nodes_from([n + 3, n + 4])
    T = nx.relabel_nodes(G, {v: f"n{v:03d}" for v in G})
    for u, v in T.edges:
        T.edges[u, v]["weight"] = float(rng.integers(1, 5))
    for node in T:
        T.nodes[node]["kind"] = "person" if rng.random() < 0.7 else "organization"
    return T


def demo_like_map(seed: int = 20170301) -> nx.MultiDiGraph:
    """A projected map shaped like the demo coalition: 124 people, 38 organizations."""
    rng = np.random.default_rng(seed)
    sectors = [s.value for s in Sector]
    roles = [r.value for r in TripodRole]
    G = nx.MultiDiGraph()
    people = [f"person-{i:03d}" for i in range(124)]
    orgs = [f"org-{i:02d}" for i in range(38)]
    for p in people:
        picked = rng.choice(sectors, size=int(rng.integers(0, 3)), replace=False)
        G.add_node(p, kind="person", sectors=list(picked), tripod_role=roles[rng.integers(3)])
    for o in orgs:
        G.add_node(o, kind="organization", sector=sectors[rng.integers(len(sectors))])
    for p in people:
        for q in rng.choice(people, size=int(rng.integers(0, 5)), replace=False):
            if q != p:
                G.add_edge(p, q, key="KNOWS", type="KNOWS", strength=float(rng.integers(1, 4)))
                if rng.random() < 0.3:
                    G.add_edge(p, q, key="TRUSTS", type="TRUSTS")
        for o in rng.choice(orgs, size=int(rng.integers(0, 3)), replace=False):
            G.add_edge(p, o, key="MEMBER_OF", type="MEMBER_OF")
    for _ in range(40):
        a, b = rng.choice(orgs, size=2, replace=False)
        G.add_edge(a, b, key="PARTNERS_WITH", type="PARTNERS_WITH")
    return G


def columns(result, keys):
    rows = result.by_id()
    return {key: {node: getattr(row, key) for node, row in rows.items()} for key in keys}


def assert_close(ours: dict, reference: dict, tol: float) -> None:
    assert ours.keys() == {str(k) for k in reference}
    for node, value in reference.items():
        assert ours[str(node)] == pytest.approx(value, abs=tol), node


# --- hand-worked ------------------------------------------------------------------


def test_hand_worked_path_with_a_pendant():
    # a -> b -> c -> d, and e isolated.
    T = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    T.add_node("e")
    rows = network_metrics(T).by_id()
    # b lies on a->c and a->d: 2 of the (n-1)(n-2) = 12 ordered pairs.
    assert rows["b"].betweenness == pytest.approx(2 / 12)
    assert rows["c"].betweenness == pytest.approx(2 / 12)
    assert rows["a"].betweenness == 0.0
    # d is reached by c (1), b (2), a (3): r = 3, S = 6 -> (3/6) * (3/4).
    assert rows["d"].closeness == pytest.approx(0.375)
    # a is reached by nobody.
    assert rows["a"].closeness == 0.0
    # b is reached by a only: (1/1) * (1/4).
    assert rows["b"].closeness == pytest.approx(0.25)
    assert (rows["b"].in_degree, rows["b"].out_degree, rows["b"].degree) == (1, 1, 2)
    assert rows["b"].reach_2 == 3  # a, c, d
    assert rows["a"].reach_2 == 2
    assert rows["e"].reach_2 == 0
    assert all(row.clustering == 0.0 for row in rows.values())
    # The path's components: {a,b,c,d} has radius 2cos(pi/5) > 0, so e gets 0.
    assert rows["e"].eigenvector == 0.0
    assert rows["b"].eigenvector == pytest.approx(rows["c"].eigenvector)
    assert rows["b"].eigenvector > rows["a"].eigenvector > 0


def test_triangle_clustering_and_pagerank_are_uniform():
    T = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    rows = network_metrics(T).by_id()
    for row in rows.values():
        assert row.clustering == 1.0
        assert row.pagerank == pytest.approx(1 / 3)
        assert row.eigenvector == pytest.approx(1 / math.sqrt(3))


def test_eigenvector_splits_over_components_with_the_same_radius():
    T = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x")])
    T.add_edge("p", "q")  # radius 1 < 2: gets 0
    rows = network_metrics(T).by_id()
    for node in "abcxyz":
        assert rows[node].eigenvector == pytest.approx(1 / math.sqrt(6))
    assert rows["p"].eigenvector == 0.0
    assert sum(row.eigenvector**2 for row in rows.values()) == pytest.approx(1.0)


def test_eigenvector_over_many_equal_dyads():
    T = nx.DiGraph([("a", "b"), ("c", "d"), ("e", "f")])
    T.add_node("g")
    rows = network_metrics(T).by_id()
    for node in "abcdef":
        assert rows[node].eigenvector == pytest.approx(1 / math.sqrt(6))
    assert rows["g"].eigenvector == 0.0


def test_eigenvector_of_a_graph_without_ties_is_uniform():
    T = nx.DiGraph()
    T.add_nodes_from(["a", "b", "c", "d"])
    rows = network_metrics(T).by_id()
    assert [rows[n].eigenvector for n in "abcd"] == pytest.approx([0.5] * 4)
    assert [rows[n].pagerank for n in "abcd"] == pytest.approx([0.25] * 4)
    assert network_metrics(T).modularity is None


def test_empty_graph_gives_no_rows():
    result = network_metrics(nx.DiGraph())
    assert result.nodes == [] and result.n_communities == 0


# --- equal to networkx ------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_metrics_equal_networkx_on_random_graphs(seed):
    T = random_tie_graph(seed)
    assert nx.number_weakly_connected_components(T) >= 3
    U = T.to_undirected()
    ours = columns(network_metrics(T, seed=seed), FLOAT_KEYS + LOOSE_KEYS + ("reach_2",))
    assert_close(ours["betweenness"], nx.betweenness_centrality(T), 1e-9)
    assert_close(ours["closeness"], nx.closeness_centrality(T), 1e-9)
    assert_close(ours["clustering"], nx.clustering(U), 1e-9)
    assert_close(ours["pagerank"], nx.pagerank(T, tol=1e-12, max_iter=10_000), 1e-6)
    reach = {v: len(nx.single_source_shortest_path_length(U, v, cutoff=2)) - 1 for v in U}
    assert ours["reach_2"] == reach
    # networkx refuses disconnected graphs: compare on the dominant component.
    giant = max(nx.connected_components(U), key=len)
    reference = dict.fromkeys(U, 0.0)
    reference.update(nx.eigenvector_centrality_numpy(U.subgraph(giant)))
    assert_close(ours["eigenvector"], reference, 1e-6)


def test_metrics_equal_networkx_on_a_demo_like_map():
    T = tie_graph(demo_like_map())
    U = T.to_undirected()
    ours = columns(network_metrics(T), FLOAT_KEYS + LOOSE_KEYS + ("degree",))
    assert_close(ours["betweenness"], nx.betweenness_centrality(T), 1e-9)
    assert_close(ours["closeness"], nx.closeness_centrality(T), 1e-9)
    assert_close(ours["clustering"], nx.clustering(U), 1e-9)
    assert_close(ours["pagerank"], nx.pagerank(T, tol=1e-12, max_iter=10_000), 1e-6)
    assert ours["degree"] == dict(T.degree)
    giant = max(nx.connected_components(U), key=len)
    reference = dict.fromkeys(U, 0.0)
    reference.update(nx.eigenvector_centrality_numpy(U.subgraph(giant)))
    assert_close(ours["eigenvector"], reference, 1e-6)


def test_metrics_equal_networkx_on_a_connected_graph():
    T = nx.relabel_nodes(nx.gnp_random_graph(60, 0.15, seed=7, directed=True), str)
    U = T.to_undirected()
    assert nx.is_connected(U)
    ours = columns(network_metrics(T), ("eigenvector", "degree", "in_degree", "out_degree"))
    assert_close(ours["eigenvector"], nx.eigenvector_centrality_numpy(U), 1e-6)
    assert ours["degree"] == dict(T.degree)
    assert ours["in_degree"] == dict(T.in_degree)
    assert ours["out_degree"] == dict(T.out_degree)


@pytest.mark.parametrize("seed", [4, 5])
def test_compiled_kernel_equals_networkx_kernel(seed):
    T = random_tie_graph(seed, n=60, p=0.05)
    compiled = network_metrics(T, kernel="compiled").by_id()
    reference = network_metrics(T, kernel="networkx").by_id()
    for node, row in reference.items():
        ours = compiled[node]
        for key in FLOAT_KEYS:
            assert getattr(ours, key) == pytest.approx(getattr(row, key), abs=1e-9)
        for key in LOOSE_KEYS:
            assert getattr(ours, key) == pytest.approx(getattr(row, key), abs=1e-6)
        assert (ours.reach_2, ours.degree, ours.community) == (
            row.reach_2,
            row.degree,
            row.community,
        )


edge_lists = st.lists(
    st.tuples(st.integers(0, 11), st.integers(0, 11)).filter(lambda e: e[0] != e[1]),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(edges=edge_lists, isolates=st.integers(0, 3))
def test_compiled_kernel_equals_networkx_kernel_on_any_small_graph(edges, isolates):
    T = nx.DiGraph(edges)
    T.add_nodes_from(range(100, 100 + isolates))
    if len(T) == 0:
        return
    compiled = network_metrics(T).by_id()
    reference = network_metrics(T, kernel="networkx").by_id()
    for node, row in reference.items():
        for key in FLOAT_KEYS:
            assert getattr(compiled[node], key) == pytest.approx(getattr(row, key), abs=1e-9)
        for key in LOOSE_KEYS:
            assert getattr(compiled[node], key) == pytest.approx(getattr(row, key), abs=1e-6)
        assert compiled[node].reach_2 == row.reach_2


def test_reached_by_counts_ancestors_both_ways():
    T = random_tie_graph(8, n=120, p=0.015)
    C = compile_graph(T)
    expected = [len(nx.ancestors(T, node)) for node in C.ids]
    assert _reached_by(C).tolist() == expected
    assert _reached_by(C, bitset_components=0).tolist() == expected


# --- communities, top, subsets ----------------------------------------------------


def test_community_labels_are_reproducible_for_a_seed():
    T = random_tie_graph(9, n=150, p=0.03)
    first = [row.community for row in network_metrics(T, seed=11).nodes]
    again = [row.community for row in network_metrics(copy.deepcopy(T), seed=11).nodes]
    assert first == again
    sizes = np.bincount(first)
    assert list(sizes) == sorted(sizes, reverse=True)


def test_top_keeps_the_highest_pagerank():
    T = random_tie_graph(3)
    every = network_metrics(T)
    best = network_metrics(T, top=5)
    assert [row.id for row in best.nodes] == [row.id for row in every.nodes[:5]]
    ranks = [row.pagerank for row in every.nodes]
    assert ranks == sorted(ranks, reverse=True)
    assert min(r.pagerank for r in best.nodes) >= max(r.pagerank for r in every.nodes[5:])


def test_subgraph_metrics_use_only_the_subgraph():
    T = random_tie_graph(2)
    people = subgraph_where(T, kind="person")
    assert set(people) == {n for n, k in T.nodes(data="kind") if k == "person"}
    rows = network_metrics(people).by_id()
    assert set(rows) == set(people)
    assert_close(
        {n: r.betweenness for n, r in rows.items()}, nx.betweenness_centrality(people), 1e-9
    )


def test_subgraph_where_reads_the_metrics_rows():
    T = random_tie_graph(2)
    metrics = network_metrics(T)
    community = subgraph_where(T, metrics, community=0)
    expected = {row.id for row in metrics.nodes if row.community == 0}
    assert set(community) == expected and len(expected) > 0


# --- contract ---------------------------------------------------------------------


def test_input_graph_is_not_mutated():
    T = random_tie_graph(1)
    before = copy.deepcopy(T)
    C = compile_graph(T)
    network_metrics(T, compiled=C)
    network_metrics(T, kernel="networkx")
    assert nx.utils.graphs_equal(T, before)
    assert list(T.nodes(data=True)) == list(before.nodes(data=True))


def test_compiled_graph_is_reused_and_checked():
    T = random_tie_graph(1)
    C = compile_graph(T)
    assert network_metrics(T, compiled=C) == network_metrics(T)
    other = T.copy()
    other.add_edge("n000", "new")
    with pytest.raises(CosgraphError, match="another graph"):
        network_metrics(other, compiled=C)


def test_bad_inputs_raise_cosgraph_errors():
    with pytest.raises(CosgraphError, match="nx.DiGraph"):
        network_metrics(nx.MultiDiGraph([(1, 2)]))
    with pytest.raises(CosgraphError, match="self-loop"):
        network_metrics(nx.DiGraph([(1, 1)]))
    T = nx.DiGraph()
    T.add_edge(1, 2, weight=-1.0)
    with pytest.raises(CosgraphError, match="positive"):
        network_metrics(T)
    with pytest.raises(CosgraphError, match="top"):
        network_metrics(nx.DiGraph([(1, 2)]), top=-1)


def test_result_serialises_to_json_and_flat_rows():
    G = nx.MultiDiGraph()
    G.add_node("ana", kind="person", sectors=["faith"])
    G.add_node("bo", kind="person")
    G.add_node("clinic", kind="organization", sector="health_care")
    G.add_edge("ana", "bo", key="KNOWS", type="KNOWS", strength=3.0)
    G.add_edge("bo", "clinic", key="MEMBER_OF", type="MEMBER_OF")
    result = network_metrics(tie_graph(G))
    data = json.loads(json.dumps(result.model_dump(mode="json")))
    assert [row["id"] for row in data["nodes"]] == [row.id for row in result.nodes]
    rows = result.table_rows()
    assert set(rows[0]) == set(data["nodes"][0])
    assert all(isinstance(v, str | int | float | bool) for row in rows for v in row.values())

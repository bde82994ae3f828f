"""boundary_spanners: brokerage by hand and by brute force, Burt and betweenness vs networkx."""

from __future__ import annotations

import copy
import itertools
import json

import networkx as nx
import numpy as np
import pytest

from cosgraph.analysis.compiled import compile_graph
from cosgraph.analysis.spanners import boundary_spanners, group_of_attribute
from cosgraph.analysis.views import tie_graph
from cosgraph.errors import CosgraphError

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def grouped(edges, groups: dict[str, str | None], by: str = "team") -> nx.DiGraph:
    T = nx.DiGraph()
    for node, group in groups.items():
        T.add_node(node, **({by: group} if group is not None else {}))
    T.add_edges_from(edges)
    return T


def roles_of(result, node: str) -> dict[str, int]:
    brokerage = result.by_id()[node].brokerage
    return {role: getattr(brokerage, role) for role in ROLES}


def only(role: str) -> dict[str, int]:
    return {r: int(r == role) for r in ROLES}


# --- brokerage by hand ------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "c", "role"),
    [
        ("X", "X", "X", "coordinator"),
        ("X", "Y", "X", "itinerant"),
        ("X", "X", "Y", "representative"),  # broker shares the source's group
        ("X", "Y", "Y", "gatekeeper"),  # broker shares the target's group
        ("X", "Y", "Z", "liaison"),
    ],
)
def test_each_role_on_a_single_two_path(a, b, c, role):
    T = grouped([("a", "b"), ("b", "c")], {"a": a, "b": b, "c": c})
    result = boundary_spanners(T, by="team")
    assert roles_of(result, "b") == only(role)
    assert result.by_id()["b"].brokerage.total == 1
    assert roles_of(result, "a") == only("none") == roles_of(result, "c")


def test_a_tie_from_source_to_target_closes_the_two_path_but_target_to_source_does_not():
    groups = {"a": "X", "b": "Y", "c": "Z"}
    closed = boundary_spanners(grouped([("a", "b"), ("b", "c"), ("a", "c")], groups), by="team")
    assert roles_of(closed, "b") == only("none")
    backwards = boundary_spanners(grouped([("a", "b"), ("b", "c"), ("c", "a")], groups), by="team")
    # A directed 3-cycle: each node brokers the next pair, all liaison.
    assert roles_of(backwards, "b") == only("liaison")
    assert roles_of(backwards, "a") == only("liaison")


def test_a_reciprocated_tie_is_not_a_two_path_back_to_the_source():
    result = boundary_spanners(grouped([("a", "b"), ("b", "a")], {"a": "X", "b": "X"}), by="team")
    assert roles_of(result, "b") == only("none")


def test_one_broker_in_every_role():
    # b (group Y) hears from a1 (X) and a2 (Y), tells c1 (X), c2 (Y), c3 (Z):
    # a1-b-c1 X,Y,X itinerant; a1-b-c2 X,Y,Y gatekeeper; a1-b-c3 X,Y,Z liaison;
    # a2-b-c1 Y,Y,X representative; a2-b-c2 Y,Y,Y coordinator; a2-b-c3 Y,Y,Z representative.
    groups = {"a1": "X", "a2": "Y", "b": "Y", "c1": "X", "c2": "Y", "c3": "Z"}
    edges = [("a1", "b"), ("a2", "b"), ("b", "c1"), ("b", "c2"), ("b", "c3")]
    result = boundary_spanners(grouped(edges, groups), by="team")
    assert roles_of(result, "b") == {
        "coordinator": 1,
        "itinerant": 1,
        "representative": 2,
        "gatekeeper": 1,
        "liaison": 1,
    }
    assert result.by_id()["b"].brokerage.total == 6
    # Close a1 -> c3 and a2 -> c1: liaison and one representative go.
    closed = boundary_spanners(grouped(edges + [("a1", "c3"), ("a2", "c1")], groups), by="team")
    assert roles_of(closed, "b") == {
        "coordinator": 1,
        "itinerant": 1,
        "representative": 1,
        "gatekeeper": 1,
        "liaison": 0,
    }


def test_ungrouped_nodes_take_part_in_no_two_path():
    groups = {"a": "X", "b": None, "c": "X", "d": "Y"}
    T = grouped([("a", "b"), ("b", "c"), ("c", "d"), ("b", "d"), ("d", "a")], groups)
    result = boundary_spanners(T, by="team")
    assert result.by_id()["b"].group is None
    assert roles_of(result, "b") == only("none")
    # c brokers b -> c -> d? b has no group: not counted.  d brokers c -> d -> a: X,Y,X.
    assert roles_of(result, "c") == only("none")
    assert roles_of(result, "d") == only("itinerant")


def brute_force_brokerage(T: nx.DiGraph, group_of) -> dict:
    """sna::brokerage, transcribed: every open two-path i -> j -> k, classified at j."""
    counts = {node: dict.fromkeys(ROLES, 0) for node in T}
    group = {node: group_of(data) for node, data in T.nodes(data=True)}
    for j in T:
        for i in T.predecessors(j):
            for k in T.successors(j):
                if k == i or T.has_edge(i, k):
                    continue
                gi, gj, gk = group[i], group[j], group[k]
                if gi is None or gj is None or gk is None:
                    continue
                if gi == gj == gk:
                    role = "coordinator"
                elif gi == gj:
                    role = "representative"
                elif gj == gk:
                    role = "gatekeeper"
                elif gi == gk:
                    role = "itinerant"
                else:
                    role = "liaison"
                counts[j][role] += 1
    return counts


def random_grouped_graph(seed: int, n: int = 70, p: float = 0.08) -> nx.DiGraph:
    rng = np.random.default_rng(seed)
    T = nx.relabel_nodes(nx.gnp_random_graph(n, p, seed=seed, directed=True), lambda v: f"p{v}")
    sectors = ["health_care", "faith", "education", "business"]
    for node in T:
        r = rng.random()
        if r < 0.5:
            T.nodes[node]["sectors"] = [sectors[rng.integers(4)], "resident"]
        elif r < 0.9:
            T.nodes[node]["sector"] = sectors[rng.integers(4)]
        # else: no sector at all
        T.nodes[node]["kind"] = "person"
    for u, v in T.edges:
        T.edges[u, v]["weight"] = float(rng.integers(1, 4))
    T.add_nodes_from(["lone1", "lone2"])
    return T


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_brokerage_equals_brute_force_on_random_graphs(seed):
    T = random_grouped_graph(seed)
    result = boundary_spanners(T)
    expected = brute_force_brokerage(T, group_of_attribute("sector"))
    assert sum(sum(c.values()) for c in expected.values()) > 50
    for node, counts in expected.items():
        assert roles_of(result, node) == counts, node


def test_group_of_callable_replaces_the_attribute():
    T = random_grouped_graph(4)

    def parity(data):
        return None if "sector" not in data else len(data["sector"]) % 2

    result = boundary_spanners(T, by="parity", group_of=parity)
    expected = brute_force_brokerage(T, parity)
    for node, counts in expected.items():
        assert roles_of(result, node) == counts
    assert {g.group for g in result.groups} == {"0", "1"}


# --- Burt, betweenness, cut points vs networkx --------------------------------------


def nan_to_none(values: dict) -> dict:
    return {str(k): None if np.isnan(v) else v for k, v in values.items()}


def assert_same(ours: dict, reference: dict, tol: float = 1e-9) -> None:
    assert ours.keys() == reference.keys()
    for node, value in reference.items():
        if value is None:
            assert ours[node] is None, node
        else:
            assert ours[node] == pytest.approx(value, abs=tol), node


def burt_effective_size(T: nx.DiGraph, weight: str | None = None) -> dict:
    """Burt's effective size, written with networkx's own mutual-weight helpers.

    networkx's ``effective_size(G)`` for all nodes (3.6) takes a faster sparse path
    that divides ``m_vw`` by ``w``'s largest mutual weight instead of ``v``'s, and
    its per-node path returns NaN for a node with in-ties only; this follows the
    documented formula for every node that has a tie.
    """
    nmw = nx.algorithms.structuralholes.normalized_mutual_weight
    result = {}
    for u in T:
        alters = set(nx.all_neighbors(T, u))
        if not alters:
            result[u] = float("nan")
            continue
        result[u] = sum(
            1
            - sum(
                nmw(T, u, w, weight=weight) * nmw(T, v, w, norm=max, weight=weight) for w in alters
            )
            for v in alters
        )
    return result


@pytest.mark.parametrize("seed", [0, 1])
def test_constraint_and_effective_size_equal_networkx(seed):
    T = random_grouped_graph(seed, n=60, p=0.06)
    result = boundary_spanners(T).by_id()
    assert_same({n: r.constraint for n, r in result.items()}, nan_to_none(nx.constraint(T)))
    ours = {n: r.effective_size for n, r in result.items()}
    assert_same(ours, nan_to_none(burt_effective_size(T)))
    with_out_ties = [n for n in T if T.out_degree(n) > 0]
    per_node = nx.effective_size(T, nodes=with_out_ties)
    assert_same({n: ours[n] for n in with_out_ties}, nan_to_none(per_node))
    weighted = boundary_spanners(T, weight="weight").by_id()
    assert_same(
        {n: r.constraint for n, r in weighted.items()},
        nan_to_none(nx.constraint(T, weight="weight")),
    )
    assert_same(
        {n: r.effective_size for n, r in weighted.items()},
        nan_to_none(burt_effective_size(T, weight="weight")),
    )


def test_effective_size_equals_networkx_default_where_mutual_weights_are_equal():
    # No reciprocated ties and no weights: every mutual weight is 1, where networkx's
    # all-nodes path and the formula agree.
    G = nx.gnp_random_graph(80, 0.08, seed=3, directed=True)
    T = nx.DiGraph((u, v) for u, v in G.edges if not (G.has_edge(v, u) and v < u))
    T.add_nodes_from(G)
    assert not any(T.has_edge(v, u) for u, v in T.edges)
    result = boundary_spanners(T).by_id()
    assert_same({n: r.effective_size for n, r in result.items()}, nan_to_none(nx.effective_size(T)))


def test_effective_size_by_hand_with_a_reciprocated_tie():
    # a <-> b, b -> c, c -> a, c -> d.  Ego a: M_ab = 2, M_ac = 1, so p_ab = 2/3,
    # p_ac = 1/3; b's largest mutual weight is 2, c's is 1.
    # alter b: 1 - p_ac * M_bc / 2 = 1 - 1/6; alter c: 1 - p_ab * M_cb / 1 = 1/3.
    T = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "a"), ("c", "d")])
    rows = boundary_spanners(T).by_id()
    assert rows["a"].effective_size == pytest.approx(5 / 6 + 1 / 3)
    assert rows["d"].effective_size == pytest.approx(1.0)  # one alter, no redundancy
    assert rows["d"].constraint == pytest.approx(1.0)


def test_constraint_by_hand_on_a_star_and_a_triangle():
    # Star: centre tied to 3 leaves (one way each): p = 1/3 per leaf, c = 3 * (1/3)^2.
    star = nx.DiGraph([("c", "x"), ("c", "y"), ("z", "c")])
    rows = boundary_spanners(star).by_id()
    assert rows["c"].constraint == pytest.approx(1 / 3)
    assert rows["c"].effective_size == pytest.approx(3.0)
    assert rows["x"].constraint == pytest.approx(1.0)
    # Triangle, all ties mutual: p = 1/2; each local (1/2 + 1/4)^2; c = 2 * 9/16.
    tri = nx.DiGraph([(u, v) for u in "abc" for v in "abc" if u != v])
    rows = boundary_spanners(tri).by_id()
    assert rows["a"].constraint == pytest.approx(9 / 8)
    assert rows["a"].effective_size == pytest.approx(2 - 2 * (1 / 2))


@pytest.mark.parametrize("seed", [0, 5])
def test_betweenness_cut_points_and_bridges_equal_networkx(seed):
    T = random_grouped_graph(seed, n=80, p=0.03)
    U = T.to_undirected()
    result = boundary_spanners(T)
    rows = result.by_id()
    for key, values in {
        "directed": nx.betweenness_centrality(T),
        "directed_raw": nx.betweenness_centrality(T, normalized=False),
        "undirected": nx.betweenness_centrality(U),
        "undirected_raw": nx.betweenness_centrality(U, normalized=False),
    }.items():
        assert_same({n: getattr(r.betweenness, key) for n, r in rows.items()}, values)
    cut = set(nx.articulation_points(U))
    assert cut and {n for n, r in rows.items() if r.articulation_point} == cut
    expected_bridges = sorted(tuple(sorted(e)) for e in nx.bridges(U))
    assert expected_bridges and result.bridges == expected_bridges


def test_spanners_equal_references_on_a_demo_like_map():
    rng = np.random.default_rng(20170301)
    G = nx.MultiDiGraph()
    sectors = ["health_care", "faith", "education", "government", "business"]
    for i in range(120):
        G.add_node(f"p{i}", kind="person", sectors=[sectors[rng.integers(5)]])
    for i in range(30):
        G.add_node(f"o{i}", kind="organization", sector=sectors[rng.integers(5)])
    for i in range(120):
        for j in rng.choice(120, size=3, replace=False):
            if j != i:
                G.add_edge(f"p{i}", f"p{j}", key="KNOWS", type="KNOWS")
        G.add_edge(f"p{i}", f"o{rng.integers(30)}", key="MEMBER_OF", type="MEMBER_OF")
    T = tie_graph(G)
    result = boundary_spanners(T)
    expected = brute_force_brokerage(T, group_of_attribute("sector"))
    for node, counts in expected.items():
        assert roles_of(result, node) == counts
    rows = result.by_id()
    assert_same({n: r.constraint for n, r in rows.items()}, nan_to_none(nx.constraint(T)))
    assert_same({n: r.betweenness.directed for n, r in rows.items()}, nx.betweenness_centrality(T))


# --- E-I index --------------------------------------------------------------------


def test_ei_index_by_hand():
    # X = {a, b}, Y = {c}; a<->b counted once (internal), b-c and a-c external.
    T = grouped([("a", "b"), ("b", "a"), ("b", "c"), ("c", "a")], {"a": "X", "b": "X", "c": "Y"})
    result = boundary_spanners(T, by="team")
    groups = {g.group: g for g in result.groups}
    assert (groups["X"].internal_ties, groups["X"].external_ties) == (1, 2)
    assert groups["X"].ei_index == pytest.approx((2 - 1) / 3)
    assert (groups["Y"].size, groups["Y"].internal_ties, groups["Y"].external_ties) == (1, 0, 2)
    assert groups["Y"].ei_index == 1.0
    assert result.ei_index == pytest.approx((2 - 1) / 3)


def test_ei_index_equals_a_pair_count():
    T = random_grouped_graph(6)
    result = boundary_spanners(T)
    group = {n: group_of_attribute("sector")(d) for n, d in T.nodes(data=True)}
    pairs = {frozenset(e) for e in T.edges}
    for g in result.groups:
        inside = sum(1 for p in pairs if all(group[x] == g.group for x in p))
        outside = sum(
            1
            for p in pairs
            if None not in {group[x] for x in p} and sum(group[x] == g.group for x in p) == 1
        )
        assert (g.internal_ties, g.external_ties) == (inside, outside)
        assert g.ei_index == pytest.approx((outside - inside) / (outside + inside))


# --- attributes, contract ---------------------------------------------------------


def test_sector_reads_sector_or_first_of_sectors():
    T = nx.DiGraph()
    T.add_node("nurse", kind="person", sectors=["health_care", "faith"])
    T.add_node("church", kind="organization", sector="faith")
    T.add_node("newcomer", kind="person", sectors=[])
    T.add_edges_from([("nurse", "church"), ("church", "newcomer")])
    rows = boundary_spanners(T).by_id()
    assert (rows["nurse"].group, rows["church"].group, rows["newcomer"].group) == (
        "health_care",
        "faith",
        None,
    )


def test_isolates_have_no_constraint_and_nothing_else_breaks():
    T = nx.DiGraph([("a", "b")])
    T.add_node("alone")
    rows = boundary_spanners(T).by_id()
    assert rows["alone"].constraint is None and rows["alone"].effective_size is None
    assert boundary_spanners(nx.DiGraph()).nodes == []


def test_input_not_mutated_compiled_reused_and_json():
    T = random_grouped_graph(7)
    before = copy.deepcopy(T)
    C = compile_graph(T)
    result = boundary_spanners(T, compiled=C)
    assert nx.utils.graphs_equal(T, before)
    assert list(T.nodes(data=True)) == list(before.nodes(data=True))
    assert boundary_spanners(T) == result
    data = json.loads(json.dumps(result.model_dump(mode="json")))
    first = data["nodes"][0]
    assert set(first["betweenness"]) == {"directed", "directed_raw", "undirected", "undirected_raw"}
    assert set(first["brokerage"]) == set(ROLES) | {"total"}
    rows = result.table_rows()
    assert all(
        v is None or isinstance(v, str | int | float | bool) for row in rows for v in row.values()
    )
    assert rows[0]["betweenness_directed"] == result.nodes[0].betweenness.directed
    assert len(result.group_rows()) == len(result.groups)


def test_non_positive_weight_is_refused():
    T = nx.DiGraph()
    T.add_edge("a", "b", strength=0.0)
    with pytest.raises(CosgraphError, match="positive"):
        boundary_spanners(T, weight="strength")


def test_all_roles_sum_over_brokers_to_open_two_paths():
    T = random_grouped_graph(8)
    result = boundary_spanners(T, group_of=lambda data: "one")
    open_paths = sum(
        1
        for j in T
        for i, k in itertools.product(T.predecessors(j), T.successors(j))
        if i != k and not T.has_edge(i, k)
    )
    assert sum(r.brokerage.coordinator for r in result.nodes) == open_paths
    assert sum(r.brokerage.total for r in result.nodes) == open_paths


def test_a_graph_without_ties_has_no_constraint_and_no_brokers():
    """Before: numpy refused NaN into an integer array (found by the explorer)."""
    T = nx.DiGraph()
    T.add_node("a", sector="x")
    T.add_node("b", sector="y")
    result = boundary_spanners(T)
    assert [n.constraint for n in result.nodes] == [None, None]
    assert all(n.brokerage.total == 0 for n in result.nodes)

"""Power mapping on hand-built maps whose quadrants, paths and tripod shares are known.

The main map (``_town``), drawn by hand::

    rosa --KNOWS--> kim <--TRUSTS-- dee --KNOWS--> lee        sam (no ties)
                                     |                         ivy (no social ties)
                                 MEMBER_OF
                                     v
                                    city

    lee  --DECIDES(skeptic)--> zoning        ivy --INFLUENCES(champion)--> zoning
    city --DECIDES-->          parks         kim --INFLUENCES(supporter)--> lee
    (nobody decides clinic_hours)

Undirected hop distances: rosa-lee 3 (rosa, kim, dee, lee), rosa-city 3, sam none.
"""

from __future__ import annotations

import copy
import json

import networkx as nx
import numpy as np
import pytest
from cosgraph.loaders import read_map
from hypothesis import given, settings
from hypothesis import strategies as st

from cosgraph.analysis.power import ActorPower, power_map, quadrant, standing, trust_paths
from cosgraph.demo import demo_folder
from cosgraph.errors import CosgraphError
from cosgraph.store import open_store


def _person(G: nx.MultiDiGraph, pid: str, role: str | None, power: int, interest: int) -> None:
    G.add_node(
        pid, kind="person", name=pid.title(), tripod_role=role, power=power, interest=interest
    )


def _tie(G: nx.MultiDiGraph, u: str, v: str, kind: str, **data: object) -> None:
    G.add_edge(u, v, key=kind, type=kind, **data)


def _town() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    _person(G, "rosa", "lived_experience", 1, 5)
    _person(G, "sam", "lived_experience", 0, 0)
    _person(G, "kim", "community_connector", 3, 3)
    _person(G, "lee", "formal_leader", 5, 2)
    _person(G, "dee", "formal_leader", 2, 4)
    _person(G, "ivy", None, 0, 0)
    G.add_node("city", kind="organization", power=4, interest=1)
    G.add_node("coalition", kind="community")
    for lever in ("zoning", "parks", "clinic_hours"):
        G.add_node(lever, kind="lever", lever_kind="policy")
    _tie(G, "rosa", "kim", "KNOWS")
    _tie(G, "dee", "kim", "TRUSTS", strength=3.0)
    _tie(G, "dee", "lee", "KNOWS")
    _tie(G, "dee", "city", "MEMBER_OF")
    _tie(G, "lee", "zoning", "DECIDES", stance="skeptic")
    _tie(G, "city", "parks", "DECIDES")
    _tie(G, "ivy", "zoning", "INFLUENCES", stance="champion")
    _tie(G, "kim", "lee", "INFLUENCES", stance="supporter")
    for member in ("rosa", "kim", "lee"):
        _tie(G, member, "coalition", "MEMBER_OF")
    return G


def test_quadrants_follow_the_cut_at_three() -> None:
    result = power_map(_town())
    assert {a.id: a.quadrant for a in result.actors} == {
        "rosa": "keep_informed",
        "sam": "monitor",
        "kim": "manage_closely",
        "lee": "keep_satisfied",
        "dee": "keep_informed",
        "ivy": "monitor",
        "city": "keep_satisfied",
    }
    assert result.high_cut == 3
    assert [quadrant(p, i) for p, i in [(3, 2), (2, 3), (3, 3), (2, 2)]] == [
        "keep_satisfied",
        "keep_informed",
        "manage_closely",
        "monitor",
    ]


def test_trust_paths_ignore_direction_and_run_from_resident_to_decider() -> None:
    levers = {lv.id: lv for lv in power_map(_town()).levers}
    paths = {(p.resident, p.decider): p for p in levers["zoning"].paths}
    assert paths["rosa", "lee"].path == ["rosa", "kim", "dee", "lee"]
    assert paths["rosa", "lee"].length == 3
    assert paths["sam", "lee"].length is None and paths["sam", "lee"].path == []
    # MEMBER_OF is a tie a resident can travel along to reach an organization.
    parks = {(p.resident, p.decider): p for p in levers["parks"].paths}
    assert parks["rosa", "city"].path == ["rosa", "kim", "dee", "city"]
    assert levers["zoning"].nearest_resident == "rosa"
    assert levers["zoning"].nearest_distance == 3


def test_levers_beyond_k_and_without_deciders_are_flagged() -> None:
    assert power_map(_town(), k=2).unreached_levers == ["zoning", "parks", "clinic_hours"]
    assert power_map(_town(), k=3).unreached_levers == ["clinic_hours"]
    clinic = power_map(_town()).levers[2]
    assert clinic.deciders == [] and clinic.paths == [] and not clinic.reached


def test_deciders_influencers_and_stances() -> None:
    zoning = power_map(_town()).levers[0]
    assert zoning.deciders == ["lee"]
    assert zoning.influencers == ["ivy", "kim"]
    assert [(s.actor, s.tie, s.via, s.stance) for s in zoning.stances] == [
        ("lee", "DECIDES", None, "skeptic"),
        ("ivy", "INFLUENCES", None, "champion"),
        ("kim", "INFLUENCES", "lee", "supporter"),
    ]
    parks = power_map(_town()).levers[1]
    assert parks.influencers == [] and [s.stance for s in parks.stances] == [None]


def test_tripod_balance_of_whole_map() -> None:
    tripod = power_map(_town()).tripod
    assert tripod.team is None and tripod.members == 6 and tripod.unassigned == 1
    assert tripod.power_holders == ["lee", "city"]
    legs = {leg.role: leg for leg in tripod.legs}
    assert (legs["formal_leader"].count, legs["formal_leader"].share) == (2, 0.4)
    assert (legs["community_connector"].count, legs["community_connector"].share) == (1, 0.2)
    assert (legs["lived_experience"].count, legs["lived_experience"].share) == (2, 0.4)
    # lee 0, dee 1 -> 0.5; kim 2; rosa 3 and sam unreachable -> 3.0 over 1 of 2.
    assert legs["formal_leader"].mean_distance_to_power == 0.5
    assert legs["community_connector"].mean_distance_to_power == 2.0
    assert legs["lived_experience"].mean_distance_to_power == 3.0
    assert legs["lived_experience"].reach_power == 1


def test_tripod_balance_of_a_team_counts_its_direct_members() -> None:
    tripod = power_map(_town(), team="coalition").tripod
    assert tripod.members == 3 and tripod.unassigned == 0
    assert [(leg.role, leg.count, leg.mean_distance_to_power) for leg in tripod.legs] == [
        ("formal_leader", 1, 0.0),
        ("community_connector", 1, 2.0),
        ("lived_experience", 1, 3.0),
    ]
    assert all(leg.share == pytest.approx(1 / 3) for leg in tripod.legs)


def test_power_four_makes_a_holder_without_a_lever() -> None:
    G = nx.MultiDiGraph()
    _person(G, "res", "lived_experience", 0, 5)
    _person(G, "boss", "formal_leader", 4, 0)
    _person(G, "mid", "formal_leader", 3, 0)
    _tie(G, "res", "mid", "KNOWS")
    _tie(G, "mid", "boss", "KNOWS")
    result = power_map(G)
    assert result.tripod.power_holders == ["boss"]
    legs = {leg.role: leg for leg in result.tripod.legs}
    assert legs["lived_experience"].mean_distance_to_power == 2.0
    assert legs["formal_leader"].mean_distance_to_power == 0.5


def test_resident_who_decides_is_at_distance_zero() -> None:
    G = nx.MultiDiGraph()
    _person(G, "res", "lived_experience", 2, 5)
    G.add_node("garden", kind="lever", lever_kind="environment")
    _tie(G, "res", "garden", "DECIDES", stance="champion")
    lever = power_map(G, k=0).levers[0]
    assert (lever.paths[0].length, lever.paths[0].path, lever.reached) == (0, ["res"], True)


def _pagerank_by_power_iteration(nodes: list[str], edges: list[tuple[str, str]]) -> np.ndarray:
    """PageRank with damping 0.85; a node with no out-ties spreads its rank evenly."""
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    M = np.zeros((n, n))
    for u, v in edges:
        M[index[v], index[u]] = 1.0
    out = M.sum(axis=0)
    M[:, out == 0] = 1.0 / n
    M[:, out > 0] /= out[out > 0]
    rank = np.full(n, 1.0 / n)
    for _ in range(500):
        rank = 0.85 * M @ rank + 0.15 / n
    return rank


def test_influence_blends_declared_power_with_undirected_pagerank_standing() -> None:
    G = _town()
    result = power_map(G, network_weight=0.5)
    nodes = ["rosa", "sam", "kim", "lee", "dee", "ivy", "city"]
    # MEMBER_OF (dee -> city) is affiliation and gives no standing; the other ties count
    # both ways.
    ties = [("rosa", "kim"), ("dee", "kim"), ("dee", "lee")]
    rank = _pagerank_by_power_iteration(nodes, ties + [(v, u) for u, v in ties])
    standing = rank / rank.max()
    actors = {a.id: a for a in result.actors}
    for i, node in enumerate(nodes):
        assert actors[node].standing == pytest.approx(standing[i], abs=1e-6)
        expected = 0.5 * actors[node].power / 5 + 0.5 * standing[i]
        assert actors[node].influence == pytest.approx(expected, abs=1e-6)
    assert actors["kim"].standing == pytest.approx(1.0)
    # Declared power alone when the network is given no weight.
    assert [a.influence for a in power_map(G, network_weight=0.0).actors] == [
        0.2,
        0.0,
        0.6,
        1.0,
        0.4,
        0.0,
        0.8,
    ]


def test_result_serialises_and_flattens_every_section() -> None:
    result = power_map(_town())
    json.dumps(result.model_dump(mode="json"))
    # tripod: the three legs and the people with no tripod role (issue 19)
    sizes = {"actors": 7, "levers": 3, "stances": 4, "paths": 4, "tripod": 4}
    for section, size in sizes.items():
        rows = result.table_rows(section)  # type: ignore[arg-type]
        assert len(rows) == size
        assert len({tuple(r) for r in rows}) == 1
        for row in rows:
            assert all(v is None or isinstance(v, str | int | float | bool) for v in row.values())
    # paths name people, the ids kept in their own column (issue 19)
    assert result.table_rows("paths")[0]["path"] == "Rosa > Kim > Dee > Lee"
    assert result.table_rows("paths")[0]["path_ids"] == "rosa > kim > dee > lee"
    with pytest.raises(CosgraphError):
        result.table_rows("nothing")  # type: ignore[arg-type]


def test_input_graph_is_not_mutated() -> None:
    G = _town()
    before = (
        copy.deepcopy(list(G.nodes(data=True))),
        copy.deepcopy(list(G.edges(keys=True, data=True))),
    )
    power_map(G, team="coalition")
    assert (list(G.nodes(data=True)), list(G.edges(keys=True, data=True))) == before


@pytest.mark.parametrize(
    "options", [{"k": -1}, {"team": "nobody"}, {"network_weight": 1.5}, {"network_weight": -0.1}]
)
def test_bad_options_raise_cosgraph_error(options: dict[str, object]) -> None:
    with pytest.raises(CosgraphError):
        power_map(_town(), **options)  # type: ignore[arg-type]


def test_empty_map() -> None:
    result = power_map(nx.MultiDiGraph())
    assert result.actors == [] and result.levers == [] and result.unreached_levers == []
    assert [leg.share for leg in result.tripod.legs] == [None, None, None]


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 8),
    ties=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=14),
    deciders=st.lists(st.integers(0, 7), min_size=1, max_size=3),
)
def test_path_lengths_match_undirected_shortest_paths(
    n: int, ties: list[tuple[int, int]], deciders: list[int]
) -> None:
    G = nx.MultiDiGraph()
    for i in range(n):
        _person(G, f"p{i}", "lived_experience" if i % 2 else "formal_leader", i % 6, 0)
    G.add_node("lever", kind="lever", lever_kind="system")
    plain = nx.Graph()
    plain.add_nodes_from(f"p{i}" for i in range(n))
    for u, v in ties:
        if u < n and v < n and u != v:
            _tie(G, f"p{u}", f"p{v}", "KNOWS")
            plain.add_edge(f"p{u}", f"p{v}")
    for d in {d % n for d in deciders}:
        _tie(G, f"p{d}", "lever", "DECIDES")
    for path in power_map(G).levers[0].paths:
        if nx.has_path(plain, path.resident, path.decider):
            assert path.length == nx.shortest_path_length(plain, path.resident, path.decider)
            assert path.path[0] == path.resident and path.path[-1] == path.decider
            assert all(plain.has_edge(a, b) for a, b in nx.utils.pairwise(path.path))
        else:
            assert path.length is None


@settings(max_examples=40, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=15),
    sources=st.lists(st.integers(0, 11), min_size=1, max_size=3),
)
def test_trust_paths_reach_the_nearest_source(
    edges: list[tuple[int, int]], sources: list[int]
) -> None:
    U = nx.Graph()
    U.add_nodes_from(f"n{i}" for i in range(10))
    U.add_edges_from((f"n{u}", f"n{v}") for u, v in edges if u != v)
    found = trust_paths(U, [f"n{s}" for s in sources])  # n10, n11 are not in U
    inside = [f"n{s}" for s in sources if f"n{s}" in U]
    for node in U:
        lengths = [nx.shortest_path_length(U, node, s) for s in inside if nx.has_path(U, node, s)]
        if not lengths:
            assert node not in found
            continue
        path = found[node]
        assert len(path) - 1 == min(lengths)
        assert path[0] == node and path[-1] in inside
        assert all(U.has_edge(a, b) for a, b in nx.utils.pairwise(path))


def test_standing_equals_networkx_pagerank_of_the_undirected_contact_ties() -> None:
    karate = nx.karate_club_graph()
    G = nx.MultiDiGraph()
    G.add_nodes_from((str(n), {"kind": "person"}) for n in karate)
    G.add_node("club", kind="organization")
    kinds = ["KNOWS", "TRUSTS", "PARTNERS_WITH"]
    for i, (u, v) in enumerate(karate.edges()):
        a, b = (str(u), str(v)) if i % 3 else (str(v), str(u))  # one direction, either way
        _tie(G, a, b, kinds[i % 3])
        _tie(G, a, "club", "MEMBER_OF")  # affiliation: gives no standing
    U = nx.relabel_nodes(nx.Graph(karate), str)
    U.add_node("club")  # isolated among the contact ties
    expected = nx.pagerank(U, alpha=0.85, weight=None, tol=1e-12, max_iter=10_000)
    top = max(expected.values())
    assert standing(G) == pytest.approx({n: r / top for n, r in expected.items()}, rel=1e-5)


def _rank_sink(hubs: int = 60) -> nx.MultiDiGraph:
    """A preferential-attachment coalition of ``hubs`` people (ties one way or both),
    and a three-person pocket that six of its least-connected people name, naming
    nobody back."""
    rng = np.random.default_rng(1)
    main = nx.barabasi_albert_graph(hubs, 2, seed=1)
    G = nx.MultiDiGraph()
    G.add_nodes_from((str(n), {"kind": "person", "degree": d}) for n, d in main.degree())
    for u, v in main.edges():
        a, b = (str(u), str(v)) if rng.random() < 0.5 else (str(v), str(u))
        _tie(G, a, b, "KNOWS")
        if rng.random() < 0.5:
            _tie(G, b, a, "KNOWS")
    pocket = ["x", "y", "z"]
    G.add_nodes_from(pocket, kind="person")
    for a in pocket:
        for b in pocket:
            if a != b:
                _tie(G, a, b, "TRUSTS")
    least = sorted(main, key=lambda n: (main.degree(n), n))[:6]
    for i, n in enumerate(least):
        _tie(G, str(n), pocket[i % 3], "KNOWS")
    return G


def test_a_pocket_that_names_nobody_back_ranks_below_the_hubs() -> None:
    G = _rank_sink()
    hubs = sorted((n for n in G if n not in "xyz"), key=lambda n: -G.nodes[n]["degree"])[:5]
    plain = nx.pagerank(nx.DiGraph(G))
    assert min(plain[p] for p in "xyz") > min(plain[h] for h in hubs)  # the sink wins there
    rank = standing(G)
    assert max(rank[p] for p in "xyz") < min(rank[h] for h in hubs)


@pytest.fixture(scope="module")
def demo_power(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ActorPower]:
    store = open_store(str(tmp_path_factory.mktemp("demo") / "demo.lbug"))
    try:
        store.init()
        store.write(read_map(demo_folder()), provenance="test")
        G = store.project()
    finally:
        store.close()
    return {a.id: a for a in power_map(G).actors}


def test_the_demo_pocket_is_not_in_the_top_ten_by_standing(
    demo_power: dict[str, ActorPower],
) -> None:
    top = sorted(demo_power.values(), key=lambda a: -a.standing)[:10]
    assert {"p123", "p124"}.isdisjoint(a.id for a in top)


def test_the_demo_pocket_has_no_more_influence_than_the_median_formal_leader(
    demo_power: dict[str, ActorPower],
) -> None:
    leaders = [a.influence for a in demo_power.values() if a.tripod_role == "formal_leader"]
    median = float(np.median(leaders))
    assert demo_power["p123"].influence <= median
    assert demo_power["p124"].influence <= median

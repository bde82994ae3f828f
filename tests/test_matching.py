"""Asset-to-lever matching: hand-worked cases, and checks against independent solvers.

The independent checks rebuild the problem without cosgraph's network: a plain
max-flow network (asset -> need directly) for the amount matched, scipy's linear
program for the least cost, and brute force over every integer matching on a tiny
case.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from cosgraph.analysis.matching import SINK, SOURCE, asset_flow_network, match_assets
from cosgraph.errors import CosgraphError


def _asset(G: nx.MultiDiGraph, aid: str, capabilities: list[str], capacity: float) -> None:
    G.add_node(
        aid, kind="asset", asset_kind="in_kind", capabilities=capabilities, capacity=capacity
    )


def _lever(G: nx.MultiDiGraph, lid: str, needs: Mapping[str, float]) -> None:
    G.add_node(lid, kind="lever", lever_kind="system", needs=needs)


def _tie(G: nx.MultiDiGraph, u: str, v: str, kind: str) -> None:
    G.add_edge(u, v, key=kind, type=kind)


def _people(G: nx.MultiDiGraph, *ids: str) -> None:
    for pid in ids:
        G.add_node(pid, kind="person")


def _greedy(G: nx.MultiDiGraph) -> float:
    """Each lever need in turn takes what it can from the assets in graph order."""
    left = {a: d["capacity"] for a, d in G.nodes(data=True) if d["kind"] == "asset"}
    total = 0.0
    for _, d in G.nodes(data=True):
        for capability, amount in d.get("needs", {}).items():
            for asset in left:
                if capability in G.nodes[asset]["capabilities"]:
                    take = min(amount, left[asset])
                    left[asset] -= take
                    amount -= take
                    total += take
    return total


def test_flow_meets_both_levers_where_greedy_strands_one() -> None:
    G = nx.MultiDiGraph()
    _asset(G, "hall", ["transport", "space"], 1)
    _asset(G, "van", ["transport"], 1)
    _lever(G, "rides", {"transport": 1})
    _lever(G, "forum", {"space": 1})
    assert _greedy(G) == 1.0  # the hall goes to rides; forum gets nothing
    result = match_assets(G)
    assert sorted((a.asset, a.lever, a.amount) for a in result.assignments) == [
        ("hall", "forum", 1.0),
        ("van", "rides", 1.0),
    ]
    assert result.total_matched == 2.0 and result.short == [] and result.untapped == []


def _two_brokers() -> nx.MultiDiGraph:
    """hb - d1 - ha - d2: A (held by ha) is 1 from both deciders, B (hb) 1 from d1, 3 from d2."""
    G = nx.MultiDiGraph()
    _people(G, "ha", "hb", "d1", "d2")
    _asset(G, "A", ["x"], 1)
    _asset(G, "B", ["x"], 1)
    _lever(G, "L1", {"x": 1})
    _lever(G, "L2", {"x": 1})
    _tie(G, "ha", "A", "HOLDS")
    _tie(G, "hb", "B", "HOLDS")
    _tie(G, "d1", "L1", "DECIDES")
    _tie(G, "d2", "L2", "DECIDES")
    _tie(G, "ha", "d1", "KNOWS")
    _tie(G, "d2", "ha", "TRUSTS")
    _tie(G, "hb", "d1", "KNOWS")
    return G


def test_least_trust_distance_beats_cheapest_edge_first() -> None:
    # Cheapest edge first (ties in graph order) takes A->L1 (1), then B->L2 (3): cost 4.
    result = match_assets(_two_brokers())
    assert sorted((a.asset, a.lever, a.distance, a.broker_path) for a in result.assignments) == [
        ("A", "L2", 1, ["ha", "d2"]),
        ("B", "L1", 1, ["hb", "d1"]),
    ]
    assert result.total_cost == 2.0
    assert asset_flow_network(_two_brokers()).edges[("offer", "B", "x"), ("need", "L2", "x")][
        "broker_path"
    ] == ["hb", "d1", "ha", "d2"]


def test_uniform_cost_matches_as_much_at_no_cost() -> None:
    result = match_assets(_two_brokers(), cost="uniform")
    assert result.total_matched == 2.0 and result.total_cost == 0.0
    assert {a.cost for a in result.assignments} == {0}


def test_unbrokered_asset_is_used_only_when_nothing_closer_can_serve() -> None:
    G = _two_brokers()
    _people(G, "loner")
    _asset(G, "C", ["x"], 1)
    _tie(G, "loner", "C", "HOLDS")
    _lever(G, "L3", {"y": 1})
    _asset(G, "D", ["y"], 1)  # nobody holds D
    result = match_assets(G)
    assert result.unreachable_cost == 6  # five actors + 1
    assert [
        (a.asset, a.lever, a.distance, a.cost) for a in result.assignments if a.asset in "CD"
    ] == [("D", "L3", None, 6)]
    assert [(u.asset, u.entirely) for u in result.untapped] == [("C", True)]
    assert result.unbrokered_levers == ["L3"] and result.unreached_levers == []
    # With a third lever needing x, the unbrokered asset C fills it rather than nothing.
    _lever(G, "L4", {"x": 1})
    result = match_assets(G)
    assert result.total_matched == 4.0
    assert [(a.asset, a.lever, a.cost) for a in result.assignments if a.asset == "C"] == [
        ("C", "L4", 6)
    ]


def test_community_held_asset_reaches_deciders_through_its_members() -> None:
    G = nx.MultiDiGraph()
    _people(G, "m", "d")
    G.add_node("block_club", kind="community")
    _asset(G, "garden", ["land"], 1)
    _lever(G, "food", {"land": 1})
    _tie(G, "block_club", "garden", "HOLDS")
    _tie(G, "m", "block_club", "MEMBER_OF")
    _tie(G, "m", "d", "KNOWS")
    _tie(G, "d", "food", "DECIDES")
    (a,) = match_assets(G).assignments
    assert (a.broker_path, a.distance, a.cost) == (["block_club", "m", "d"], 2, 2)


def test_shortfalls_untapped_assets_and_unreached_levers() -> None:
    G = nx.MultiDiGraph()
    _asset(G, "grant", ["funding"], 5000)
    _asset(G, "choir", ["music"], 3)
    _asset(G, "youth", ["volunteers", "funding"], 10)
    _lever(G, "park", {"funding": 8000, "volunteers": 4})
    _lever(G, "legal", {"lawyers": 2})
    _lever(G, "idle", {})
    result = match_assets(G)
    # funding: grant 5000 + youth 6 (youth's other 4 go to volunteers) -> short 2994.
    assert [(s.lever, s.capability, s.needed, s.matched, s.short) for s in result.short] == [
        ("park", "funding", 8000.0, 5006.0, 2994.0),
        ("legal", "lawyers", 2.0, 0.0, 2.0),
    ]
    assert [(u.asset, u.remaining, u.entirely) for u in result.untapped] == [("choir", 3.0, True)]
    assert result.unreached_levers == ["legal"]
    assert result.total_needed == 8006.0 and result.total_matched == 5010.0


def test_fractional_amounts_are_scaled_exactly() -> None:
    G = nx.MultiDiGraph()
    _asset(G, "a", ["x"], 2.5)
    _asset(G, "b", ["x"], 0.25)
    _lever(G, "l", {"x": 2.6})
    result = match_assets(G)
    assert (result.scale, result.rounded) == (100, False)
    assert result.total_matched == pytest.approx(2.6, abs=1e-12)
    # Either asset may keep the spare 0.15 (both are unbrokered, so equally costly).
    (spare,) = result.untapped
    assert spare.remaining == pytest.approx(0.15, abs=1e-12) and not spare.entirely


def test_amounts_finer_than_a_millionth_are_rounded_and_flagged() -> None:
    G = nx.MultiDiGraph()
    _asset(G, "a", ["x"], 1 / 3)
    _lever(G, "l", {"x": 1})
    result = match_assets(G)
    assert (result.scale, result.rounded) == (10**6, True)
    assert result.total_matched == 0.333333


def test_store_shaped_needs_give_the_same_matching() -> None:
    G = _two_brokers()
    H = copy.deepcopy(G)
    for lever in ("L1", "L2"):
        needs = H.nodes[lever].pop("needs")
        H.nodes[lever]["need_capabilities"] = list(needs)
        H.nodes[lever]["need_amounts"] = list(needs.values())
    assert match_assets(H) == match_assets(G)


def _tiny() -> tuple[nx.MultiDiGraph, dict[tuple[str, str], int]]:
    """Three assets, two levers, unequal costs; returns the map and each (asset, lever) cost."""
    G = nx.MultiDiGraph()
    _people(G, "p", "q", "r", "s")
    _asset(G, "A", ["x", "y"], 3)
    _asset(G, "B", ["x"], 2)
    _asset(G, "C", ["y"], 1)
    _lever(G, "L", {"x": 3, "y": 1})
    _lever(G, "M", {"y": 2})
    _tie(G, "p", "A", "HOLDS")
    _tie(G, "q", "B", "HOLDS")
    _tie(G, "r", "C", "HOLDS")
    _tie(G, "s", "L", "DECIDES")
    _tie(G, "r", "M", "DECIDES")
    _tie(G, "p", "s", "KNOWS")
    _tie(G, "q", "p", "KNOWS")
    # distances: A-L 1, A-M unreachable, B-L 2, C-M 0, C-L unreachable
    return G, {("A", "L"): 1, ("A", "M"): 5, ("B", "L"): 2, ("C", "M"): 0, ("C", "L"): 5}


def test_flow_is_the_best_of_every_integer_matching() -> None:
    G, cost = _tiny()
    caps = {"A": 3, "B": 2, "C": 1}
    offers = {"A": {"x", "y"}, "B": {"x"}, "C": {"y"}}
    needs = {("L", "x"): 3, ("L", "y"): 1, ("M", "y"): 2}
    edges = [(a, lv, c) for a in caps for (lv, c) in needs if c in offers[a]]
    best: tuple[int, int] | None = None
    for amounts in itertools.product(
        *(range(min(caps[a], needs[lv, c]) + 1) for a, lv, c in edges)
    ):
        use = dict(zip(edges, amounts, strict=True))
        if any(
            sum(x for (a, _, _), x in use.items() if a == asset) > caps[asset] for asset in caps
        ):
            continue
        if any(
            sum(x for (_, lv, c), x in use.items() if (lv, c) == need) > needs[need]
            for need in needs
        ):
            continue
        score = (sum(amounts), -sum(cost[a, lv] * x for (a, lv, _), x in use.items()))
        best = score if best is None else max(best, score)
    # By hand: a full flow of 6 forces A: x1 y2, B: x2, C: y1; the cheapest spends C on
    # M (0) and A's y on L (1) and M (5): 1*1 + 2*2 + 0 + 1 + 5 = 11.
    assert best == (6, -11)
    result = match_assets(G)
    assert (result.total_matched, -result.total_cost) == best


def _plain_max_flow(G: nx.MultiDiGraph) -> float:
    """Max flow on a network built apart from cosgraph's: asset -> need directly."""
    F = nx.DiGraph()
    for a, d in G.nodes(data=True):
        if d["kind"] == "asset":
            F.add_edge("s", a, capacity=d["capacity"])
            for lv, ld in G.nodes(data=True):
                for c in ld.get("needs", {}):
                    if c in d["capabilities"]:
                        F.add_edge(a, (lv, c))
    for lv, ld in G.nodes(data=True):
        for c, amount in ld.get("needs", {}).items():
            F.add_edge((lv, c), "t", capacity=amount)
    return float(nx.maximum_flow_value(F, "s", "t")) if "s" in F and "t" in F else 0.0


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_matching_agrees_with_max_flow_and_linear_program(data: st.DataObject) -> None:
    capabilities = ["x", "y", "z"]
    G = nx.MultiDiGraph()
    n_people = data.draw(st.integers(1, 5))
    people = [f"p{i}" for i in range(n_people)]
    _people(G, *people)
    assets = [f"a{i}" for i in range(data.draw(st.integers(0, 4)))]
    levers = [f"l{i}" for i in range(data.draw(st.integers(0, 3)))]
    for a in assets:
        caps = data.draw(
            st.lists(st.sampled_from(capabilities), min_size=1, max_size=3, unique=True)
        )
        _asset(G, a, caps, data.draw(st.integers(0, 4)))
        for h in data.draw(st.lists(st.sampled_from(people), max_size=2, unique=True)):
            _tie(G, h, a, "HOLDS")
    for lv in levers:
        needs = data.draw(
            st.dictionaries(st.sampled_from(capabilities), st.integers(1, 4), max_size=3)
        )
        _lever(G, lv, needs)
        for d in data.draw(st.lists(st.sampled_from(people), max_size=2, unique=True)):
            _tie(G, d, lv, "DECIDES")
    for u, v in data.draw(
        st.lists(st.tuples(st.sampled_from(people), st.sampled_from(people)), max_size=6)
    ):
        if u != v:
            _tie(G, u, v, "KNOWS")

    result = match_assets(G)

    # Conservation: no asset over capacity, no need over-filled, capabilities match.
    for a in assets:
        sent = sum(x.amount for x in result.assignments if x.asset == a)
        assert sent <= G.nodes[a]["capacity"]
    for lv in levers:
        for c, amount in G.nodes[lv]["needs"].items():
            got = sum(x.amount for x in result.assignments if (x.lever, x.capability) == (lv, c))
            assert got <= amount
            short = [s.short for s in result.short if (s.lever, s.capability) == (lv, c)]
            assert (short or [0.0])[0] == pytest.approx(amount - got)
    for x in result.assignments:
        assert x.capability in G.nodes[x.asset]["capabilities"]
        assert x.amount > 0

    # The amount matched is the maximum flow, on this network and on one built apart.
    F = asset_flow_network(G)
    assert result.total_matched == nx.maximum_flow_value(F, SOURCE, SINK) / F.graph["scale"]
    assert result.total_matched == _plain_max_flow(G)

    # Costs from distances computed here, and the least total cost from a linear program.
    plain = nx.Graph()
    plain.add_nodes_from(people)
    plain.add_edges_from((u, v) for u, v, t in G.edges(data="type") if t == "KNOWS")
    penalty = n_people + 1

    def distance(asset: str, lever: str) -> int:
        holders = [u for u, _, t in G.in_edges(asset, data="type") if t == "HOLDS"]
        deciders = [u for u, _, t in G.in_edges(lever, data="type") if t == "DECIDES"]
        found = [
            nx.shortest_path_length(plain, h, d)
            for h in holders
            for d in deciders
            if nx.has_path(plain, h, d)
        ]
        return min(found, default=penalty)

    for x in result.assignments:
        assert x.cost == distance(x.asset, x.lever)
        assert x.cost == (penalty if x.distance is None else x.distance)
        assert x.distance is None or len(x.broker_path) == x.distance + 1

    variables = [
        (a, lv, c)
        for a in assets
        for lv in levers
        for c in G.nodes[lv]["needs"]
        if c in G.nodes[a]["capabilities"]
    ]
    if not variables:
        assert result.assignments == [] and result.total_cost == 0.0
        return
    A_ub, b_ub = [], []
    for a in assets:
        A_ub.append([1.0 if v[0] == a else 0.0 for v in variables])
        b_ub.append(G.nodes[a]["capacity"])
    for lv in levers:
        for c, amount in G.nodes[lv]["needs"].items():
            A_ub.append([1.0 if v[1:] == (lv, c) else 0.0 for v in variables])
            b_ub.append(amount)
    lp = linprog(
        c=[distance(a, lv) for a, lv, _ in variables],
        A_ub=np.array(A_ub),
        b_ub=b_ub,
        A_eq=np.ones((1, len(variables))),
        b_eq=[result.total_matched],
        bounds=(0, None),
    )
    assert lp.status == 0
    assert result.total_cost == pytest.approx(lp.fun, abs=1e-6)


def test_result_serialises_and_flattens_every_section() -> None:
    G, _ = _tiny()
    _lever(G, "moon", {"rocket": 1})
    _asset(G, "spare", ["poetry"], 1)
    result = match_assets(G)
    json.dumps(result.model_dump(mode="json"))
    for section in ("plan", "assignments", "short", "untapped", "levers"):
        rows = result.table_rows(section)
        assert rows and len({tuple(r) for r in rows}) == 1
        for row in rows:
            assert all(v is None or isinstance(v, str | int | float | bool) for v in row.values())
    assert result.table_rows("levers") == [
        {"lever": "moon", "problem": "unreached", "why": "no asset offers rocket"}
    ]
    with pytest.raises(CosgraphError):
        result.table_rows("nothing")  # type: ignore[arg-type]


def test_input_graph_is_not_mutated() -> None:
    G, _ = _tiny()
    before = copy.deepcopy((list(G.nodes(data=True)), list(G.edges(keys=True, data=True))))
    match_assets(G)
    assert (list(G.nodes(data=True)), list(G.edges(keys=True, data=True))) == before


def test_bad_cost_mode_and_negative_capacity_raise() -> None:
    G, _ = _tiny()
    with pytest.raises(CosgraphError, match="unknown cost"):
        match_assets(G, cost="cheapest")  # type: ignore[arg-type]
    G.nodes["A"]["capacity"] = -1.0
    with pytest.raises(CosgraphError, match="not negative"):
        match_assets(G)


def test_empty_map_matches_nothing() -> None:
    result = match_assets(nx.MultiDiGraph())
    assert (result.total_matched, result.assignments, result.short) == (0.0, [], [])

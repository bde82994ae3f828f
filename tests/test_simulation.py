"""Spread simulation: exact small cases, plain-Python references, CELF against plain greedy."""

from __future__ import annotations

import itertools
import json
import math
import random
import statistics

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosgraph.analysis import live_edges, seed_selection, simulation
from cosgraph.analysis.seed_selection import celf_seeds
from cosgraph.analysis.simulation import independent_cascade, linear_threshold
from cosgraph.errors import CosgraphError

# --------------------------------------------------------------------------- references


def exact_ic(G: nx.DiGraph, seeds, p: float) -> tuple[float, dict]:
    """Expected reach and activation probabilities, summing over every live-edge graph."""
    edges = list(G.edges)
    mean = 0.0
    prob = dict.fromkeys(G, 0.0)
    for live in itertools.product((False, True), repeat=len(edges)):
        weight = math.prod(p if x else 1 - p for x in live)
        H = nx.DiGraph([e for e, x in zip(edges, live, strict=True) if x])
        H.add_nodes_from(G)
        reached = set(seeds).union(*(nx.descendants(H, s) for s in seeds))
        mean += weight * len(reached)
        for v in reached:
            prob[v] += weight
    return mean, prob


def exact_lt(G: nx.DiGraph, seeds) -> float:
    """Expected LT reach (weights 1/in-degree, uniform thresholds) by direct integration.

    A node's threshold only matters through which of the finitely many pressure
    levels it falls under, so enumerate, for each non-seed node, the interval of
    (sorted) reachable pressure levels its threshold lands in.
    """
    nodes = [v for v in G if v not in seeds]
    levels = {}
    for v in nodes:
        d = G.in_degree(v)
        levels[v] = [i / d for i in range(d + 1)] if d else [0.0]
    total = 0.0
    # threshold of v in (levels[k-1], levels[k]] means "active once k in-neighbours are"
    for picks in itertools.product(*(range(1, len(levels[v]) + 1) for v in nodes)):
        weight = 1.0
        need = {}
        for v, k in zip(nodes, picks, strict=True):
            lv = levels[v]
            if k < len(lv):
                weight *= lv[k] - lv[k - 1]
                need[v] = k
            else:
                weight *= 1 - lv[-1]
                need[v] = math.inf
        if weight == 0:
            continue
        active = set(seeds)
        grown = True
        while grown:
            grown = False
            for v in nodes:
                if v not in active and sum(u in active for u in G.predecessors(v)) >= need[v]:
                    active.add(v)
                    grown = True
        total += weight * len(active)
    return total


def reference_ic(G, seeds, p, runs, rng: random.Random) -> list[int]:
    sizes = []
    for _ in range(runs):
        active = set(seeds)
        frontier = list(seeds)
        while frontier:
            fresh = []
            for u in frontier:
                for v in G.successors(u):
                    if v not in active and rng.random() < p:
                        active.add(v)
                        fresh.append(v)
            frontier = fresh
        sizes.append(len(active))
    return sizes


def reference_lt(G, seeds, runs, rng: random.Random, theta=None) -> list[set]:
    finals = []
    for _ in range(runs):
        thresholds = theta or {v: rng.random() for v in G}
        active = set(seeds)
        while True:
            fresh = {
                v
                for v in G
                if v not in active
                and G.in_degree(v)
                and sum(1 / G.in_degree(v) for u in G.predecessors(v) if u in active)
                >= thresholds[v] - 1e-12
            }
            if not fresh:
                break
            active |= fresh
        finals.append(active)
    return finals


def close(estimate: float, exact: float, stderr: float) -> bool:
    return abs(estimate - exact) <= 4 * stderr + 1e-12


SMALL = nx.DiGraph([(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (4, 1), (2, 5), (5, 4)])


# --------------------------------------------------------------------------- independent cascade


def test_path_reach_is_one_plus_half_plus_quarter():
    result = independent_cascade(
        nx.DiGraph([("a", "b"), ("b", "c")]), ["a"], p=0.5, runs=20000, seed=11
    )
    assert close(result.mean, 1.75, result.stderr)
    prob = {a.node: a.probability for a in result.activation}
    assert prob["a"] == 1.0
    for node, exact in (("b", 0.5), ("c", 0.25)):
        assert close(prob[node], exact, math.sqrt(exact * (1 - exact) / 20000))
    assert [a.node for a in result.activation] == ["a", "b", "c"]  # most likely first


def test_star_reach_from_hub_and_from_leaf():
    star = nx.DiGraph([("hub", leaf) for leaf in "abcdef"])
    hub = independent_cascade(star, ["hub"], p=0.3, runs=10000, seed=2)
    assert close(hub.mean, 1 + 6 * 0.3, hub.stderr)
    # sd of 1 + Binomial(6, 0.3)
    assert hub.sd == pytest.approx(math.sqrt(6 * 0.3 * 0.7), rel=0.05)
    leaf = independent_cascade(star, ["a"], p=0.3, runs=50, seed=2)
    assert (leaf.mean, leaf.sd) == (1.0, 0.0)


def test_ic_matches_exact_enumeration_of_live_edge_graphs():
    exact, prob = exact_ic(SMALL, [0], 0.4)
    result = independent_cascade(SMALL, [0], p=0.4, runs=20000, seed=5)
    assert close(result.mean, exact, result.stderr)
    for a in result.activation:
        q = prob[int(a.node)]
        assert close(a.probability, q, math.sqrt(q * (1 - q) / 20000))


def test_ic_agrees_with_plain_python_reference_on_a_random_graph():
    G = nx.gnp_random_graph(80, 0.05, seed=3, directed=True)
    ours = independent_cascade(G, [0, 1, 2], p=0.25, runs=4000, seed=9)
    sizes = reference_ic(G, [0, 1, 2], 0.25, 4000, random.Random(9))
    ref_se = statistics.stdev(sizes) / math.sqrt(len(sizes))
    assert abs(ours.mean - statistics.mean(sizes)) <= 4 * math.hypot(ours.stderr, ref_se)
    assert ours.sd == pytest.approx(statistics.stdev(sizes), rel=0.1)


def test_same_seed_same_numbers_and_generators_are_accepted():
    G = nx.gnp_random_graph(50, 0.08, seed=1, directed=True)
    first = independent_cascade(G, [0], p=0.3, runs=300, seed=42)
    assert first == independent_cascade(G, [0], p=0.3, runs=300, seed=42)
    assert first == independent_cascade(G, [0], p=0.3, runs=300, seed=np.random.default_rng(42))
    assert first != independent_cascade(G, [0], p=0.3, runs=300, seed=43)
    lt = linear_threshold(G, [0, 1], runs=300, seed=7)
    assert lt == linear_threshold(G, [0, 1], runs=300, seed=7)
    assert lt != linear_threshold(G, [0, 1], runs=300, seed=8)
    assert celf_seeds(G, 3, runs=50, seed=4) == celf_seeds(G, 3, runs=50, seed=4)
    reference = independent_cascade(G, [0], p=0.3, runs=300, seed=42, method="reference")
    assert reference == independent_cascade(G, [0], p=0.3, runs=300, seed=42, method="reference")


def test_probability_per_edge_from_an_attribute():
    G = nx.DiGraph()
    G.add_edge("a", "b", p=1.0)
    G.add_edge("b", "c", p=0.0)
    G.add_edge("a", "d", p=0.5)
    result = independent_cascade(G, ["a"], p="p", runs=8000, seed=1)
    prob = {a.node: a.probability for a in result.activation}
    assert (prob["b"], prob["c"]) == (1.0, 0.0)
    assert close(prob["d"], 0.5, math.sqrt(0.25 / 8000))
    del G.edges["a", "d"]["p"]
    with pytest.raises(CosgraphError, match="missing on 1 edges"):
        independent_cascade(G, ["a"], p="p")
    G.edges["a", "d"]["p"] = 1.5
    with pytest.raises(CosgraphError, match=r"\[0, 1\]"):
        independent_cascade(G, ["a"], p="p")


def test_undirected_edges_carry_influence_both_ways():
    path = nx.path_graph(["a", "b", "c"])
    assert independent_cascade(path, ["c"], p=1.0, runs=5, seed=0).mean == 3.0
    lt = linear_threshold(path, ["a"], runs=20000, seed=0)  # b: 1/2 from a; c follows b
    assert close(lt.mean, 2.0, lt.stderr)


@settings(max_examples=40, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=30),
    seeds=st.sets(st.integers(0, 11), min_size=1, max_size=3),
)
def test_certain_and_impossible_transmission_are_exact(edges, seeds):
    G = nx.DiGraph(edges)
    G.add_nodes_from(range(12))
    reach = set(seeds).union(*(nx.descendants(G, s) for s in seeds))
    certain = independent_cascade(G, sorted(seeds), p=1.0, runs=3, seed=0)
    assert (certain.mean, certain.sd) == (len(reach), 0.0)
    assert {a.node for a in certain.activation if a.probability == 1.0} == set(map(str, reach))
    assert independent_cascade(G, sorted(seeds), p=0.0, runs=3, seed=0).mean == len(seeds)


@pytest.mark.parametrize(
    ("method", "module", "setting", "size"),
    [("bits", live_edges, "WORDS_PER_CHUNK", 1), ("reference", simulation, "_CELLS_PER_CHUNK", 7)],
)
def test_runs_are_simulated_in_chunks_without_changing_the_model(
    monkeypatch, method, module, setting, size
):
    # bits: one word (64 runs) per chunk, the last one 57 runs; reference: 1 run per chunk
    monkeypatch.setattr(module, setting, size)
    exact, _ = exact_ic(SMALL, [0], 0.4)
    result = independent_cascade(SMALL, [0], p=0.4, runs=3001, seed=5, method=method)
    assert result.runs == 3001 and close(result.mean, exact, result.stderr)
    lt = linear_threshold(SMALL, [0], runs=3001, seed=5)
    assert close(lt.mean, exact_lt(SMALL, [0]), lt.stderr)
    assert (
        independent_cascade(SMALL, [0], p=1.0, runs=70, method=method).activation[-1].probability
        == 1.0
    )


# --------------------------------------------------------------------------- bits against reference


def test_path_activation_is_p_then_p_squared_for_both_kernels():
    path = nx.DiGraph([("a", "b"), ("b", "c")])
    for method in simulation.METHODS:
        result = independent_cascade(path, ["a"], p=0.3, runs=20000, seed=4, method=method)
        prob = {a.node: a.probability for a in result.activation}
        for node, exact in (("a", 1.0), ("b", 0.3), ("c", 0.09)):
            assert close(prob[node], exact, math.sqrt(exact * (1 - exact) / 20000)), method
        assert close(result.mean, 1.39, result.stderr)


def test_bits_coin_has_the_edge_probability_however_it_is_written():
    probabilities = [0.0, 1e-3, 0.1, 1 / 3, 0.5, 0.7, 0.999, 1.0]
    star = nx.DiGraph()
    for i, q in enumerate(probabilities):
        star.add_edge("hub", i, p=q)
    result = independent_cascade(star, ["hub"], p="p", runs=30000, seed=6)
    prob = {a.node: a.probability for a in result.activation}
    for i, q in enumerate(probabilities):
        assert close(prob[str(i)], q, math.sqrt(q * (1 - q) / 30000)), q


def _agree(bits, reference) -> None:
    """Mean, sd and every node's activation probability agree within standard errors."""
    assert abs(bits.mean - reference.mean) <= 4 * math.hypot(bits.stderr, reference.stderr)
    assert bits.sd == pytest.approx(reference.sd, rel=0.1, abs=0.05)
    ours = {a.node: a.probability for a in bits.activation}
    for a in reference.activation:
        q = (ours[a.node] + a.probability) / 2
        se = math.sqrt(q * (1 - q) * (1 / bits.runs + 1 / reference.runs))
        assert abs(ours[a.node] - a.probability) <= 4.5 * se + 1e-12, a.node


GRAPHS = {
    "directed": nx.gnp_random_graph(120, 0.03, seed=8, directed=True),
    "undirected": nx.gnp_random_graph(100, 0.025, seed=9),
    "scale-free": nx.DiGraph(nx.scale_free_graph(150, seed=10)).reverse(),  # hubs spread
}


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_bits_and_reference_give_the_same_ic_reach_distribution(name):
    G = GRAPHS[name]
    rng = random.Random(name)
    nx.set_edge_attributes(G, {e: rng.choice([0.05, 0.2, 0.45]) for e in G.edges}, "p")
    for p in (0.2, "p"):
        bits = independent_cascade(G, [0, 1, 2], p=p, runs=6000, seed=1)
        reference = independent_cascade(G, [0, 1, 2], p=p, runs=6000, seed=2, method="reference")
        _agree(bits, reference)


def test_an_unknown_method_is_refused():
    G = nx.DiGraph([("a", "b")])
    with pytest.raises(CosgraphError, match="method must be one of 'bits', 'reference'"):
        independent_cascade(G, ["a"], method="fast")  # type: ignore[arg-type]


def test_bad_input_is_refused():
    G = nx.DiGraph([("a", "b")])
    with pytest.raises(CosgraphError, match="'z'"):
        independent_cascade(G, ["z"])
    with pytest.raises(CosgraphError, match="runs"):
        independent_cascade(G, ["a"], runs=0)
    with pytest.raises(CosgraphError, match="seed"):
        independent_cascade(G, ["a"], seed=1.5)  # type: ignore[arg-type]
    with pytest.raises(CosgraphError, match="simple graph"):
        independent_cascade(nx.MultiDiGraph(G), ["a"])
    with pytest.raises(CosgraphError, match="k must be"):
        celf_seeds(G, 3)
    assert celf_seeds(G, 0).seeds == []


# --------------------------------------------------------------------------- linear threshold


def test_lt_half_weight_needs_threshold_below_half():
    G = nx.DiGraph([("a", "c"), ("b", "c")])
    result = linear_threshold(G, ["a"], runs=20000, seed=3)
    assert close(result.mean, 1.5, result.stderr)
    assert linear_threshold(G, ["a", "b"], runs=100, seed=3).mean == 3.0  # 1/2 + 1/2 = 1


def test_lt_matches_exact_integration_and_plain_python_reference():
    exact = exact_lt(SMALL, [0])
    result = linear_threshold(SMALL, [0], runs=20000, seed=8)
    assert close(result.mean, exact, result.stderr)
    G = nx.gnp_random_graph(60, 0.07, seed=4, directed=True)
    ours = linear_threshold(G, [0, 5], runs=3000, seed=2)
    sizes = [len(s) for s in reference_lt(G, [0, 5], 3000, random.Random(2))]
    ref_se = statistics.stdev(sizes) / math.sqrt(len(sizes))
    assert abs(ours.mean - statistics.mean(sizes)) <= 4 * math.hypot(ours.stderr, ref_se)


def test_lt_with_fixed_thresholds_is_deterministic_and_matches_reference():
    G = nx.gnp_random_graph(40, 0.1, seed=6, directed=True)
    rng = random.Random(6)
    theta = {v: rng.choice([0.2, 0.34, 0.5, 0.67, 1.0]) for v in G}
    nx.set_node_attributes(G, theta, "theta")
    result = linear_threshold(G, [0, 1, 2], threshold="theta", runs=5, seed=0)
    (expected,) = reference_lt(G, [0, 1, 2], 1, rng, theta=theta)
    assert result.sd == 0.0 and result.mean == len(expected)
    assert {a.node for a in result.activation if a.probability == 1.0} == set(map(str, expected))


def test_lt_full_pressure_meets_a_threshold_of_one_despite_rounding():
    G = nx.DiGraph([(i, "v") for i in range(10)])  # ten weights of 0.1 sum to 0.9999999999999999
    nx.set_node_attributes(G, 1.0, "theta")
    assert linear_threshold(G, range(10), threshold="theta", runs=2).mean == 11.0
    assert linear_threshold(G, range(9), threshold="theta", runs=2).mean == 9.0


def test_lt_weights_and_thresholds_from_attributes():
    G = nx.DiGraph()
    G.add_edge("a", "c", w=0.7)
    G.add_edge("b", "c", w=0.3)
    result = linear_threshold(G, ["a"], weight="w", runs=20000, seed=1)
    assert close(result.mean, 1.7, result.stderr)
    nx.set_node_attributes(G, {"a": 1.0, "b": 1.0, "c": 0.7}, "theta")
    assert linear_threshold(G, ["a"], threshold="theta", weight="w", runs=3).mean == 2.0
    assert linear_threshold(G, ["b"], threshold="theta", weight="w", runs=3).mean == 1.0
    G.edges["b", "c"]["w"] = 0.5
    with pytest.raises(CosgraphError, match="at most 1.*'c'"):
        linear_threshold(G, ["a"], weight="w")
    G.nodes["c"]["theta"] = 0
    with pytest.raises(CosgraphError, match=r"\(0, 1\].*'c'"):
        linear_threshold(G, ["a"], threshold="theta")


# --------------------------------------------------------------------------- CELF


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_celf_chooses_exactly_what_plain_greedy_chooses(model):
    G = nx.gnp_random_graph(45, 0.06, seed=12, directed=True)
    lazy = celf_seeds(G, 6, model=model, p=0.2, runs=300, seed=21)
    plain = celf_seeds(G, 6, model=model, p=0.2, runs=300, seed=21, lazy=False)
    assert [(s.node, s.marginal_gain) for s in lazy.seeds] == [
        (s.node, s.marginal_gain) for s in plain.seeds
    ]
    assert lazy.evaluations < plain.evaluations == sum(45 - i for i in range(6)) + 6
    gains = [s.marginal_gain for s in lazy.seeds]
    assert gains == sorted(gains, reverse=True)  # submodular: gains never grow
    assert lazy.reach == pytest.approx(sum(gains))


def test_celf_with_certain_transmission_is_greedy_max_coverage():
    G = nx.gnp_random_graph(30, 0.05, seed=2, directed=True)
    reach = {v: {v} | nx.descendants(G, v) for v in G}
    covered: set = set()
    expected = []
    for _ in range(5):
        best = max(G, key=lambda v: (len(reach[v] - covered), -v))  # ties: first node
        expected.append((str(best), float(len(reach[best] - covered))))
        covered |= reach[best]
    chosen = celf_seeds(G, 5, p=1.0, runs=4, seed=0)
    assert [(s.node, s.marginal_gain) for s in chosen.seeds] == expected
    assert chosen.reach == len(covered)


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_celf_first_gain_is_the_exact_single_seed_reach(model):
    # s feeds a and b, which both feed c; x also feeds c.  s is clearly the best seed.
    G = nx.DiGraph([("s", "a"), ("s", "b"), ("a", "c"), ("b", "c"), ("x", "c")])
    chosen = celf_seeds(G, 1, model=model, p=0.5, runs=20000, seed=3)
    (first,) = chosen.seeds
    exact = exact_ic(G, ["s"], 0.5)[0] if model == "ic" else exact_lt(G, ["s"])
    assert exact == pytest.approx(1 + 1 + 1 + 2 / 3 if model == "lt" else 1 + 1 + 0.4375)
    assert first.node == "s"
    assert abs(first.marginal_gain - exact) < 0.04  # about 5 standard errors


def test_results_serialise_and_give_flat_rows():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    for result in (
        independent_cascade(G, ["a"], runs=10, seed=0),
        linear_threshold(G, ["a"], runs=10, seed=0),
        celf_seeds(G, 2, runs=10, seed=0),
    ):
        json.dumps(result.model_dump(mode="json"))
        rows = result.table_rows()
        assert rows and all(
            v is None or isinstance(v, str | int | float | bool) for r in rows for v in r.values()
        )
    assert celf_seeds(G, 2, p=1.0, runs=10, seed=0).table_rows() == [
        {"rank": 1, "node": "a", "marginal_gain": 3.0, "reach": 3.0},
        {"rank": 2, "node": "b", "marginal_gain": 0.0, "reach": 3.0},  # tie: first in G
    ]


def _worlds_by_search(graph, live: np.ndarray, runs: int) -> list[nx.DiGraph]:
    """Each run's live edges as a networkx graph, read bit by bit from ``edges x words``."""
    worlds = []
    for run in range(runs):
        word, bit = divmod(run, 64)
        on = (live[:, word] >> np.uint64(bit)) & np.uint64(1) == 1
        H = nx.DiGraph(zip(graph.sources[on].tolist(), graph.indices[on].tolist(), strict=True))
        H.add_nodes_from(range(graph.n))
        worlds.append(H)
    return worlds


@pytest.mark.parametrize("model", ["ic", "lt"])
@pytest.mark.parametrize("few_words", [False, True])
def test_celf_gains_are_each_nodes_reach_by_search_in_every_world(model, few_words, monkeypatch):
    # a cycle closing a tree (a, b, c), a two-cycle (x, y) and a tree hanging off both
    G = nx.gnp_random_graph(40, 0.07, seed=5, directed=True)
    G.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", 0), ("x", "y"), ("y", "x")])
    G.add_edges_from([("y", "t1"), ("t1", "t2"), ("t1", "t3"), ("b", "t1")])
    if few_words:  # tiny blocks and pieces; no per-run edge lists: the word path alone
        monkeypatch.setattr(seed_selection, "WORDS_PER_CHUNK", 64)  # the name CELF reads
        monkeypatch.setattr(seed_selection, "_LIVE_BY_RUN", 0)
    graph = live_edges.csr_graph(G)
    runs = 130  # three words, the last one partly used
    rng = np.random.default_rng(8)
    if model == "ic":
        live = live_edges.ic_worlds(np.full(graph.m, 0.4), runs, rng)
    else:
        weights = live_edges.lt_weights(G, graph, None)
        live = live_edges.pack_runs(live_edges.lt_worlds(graph, weights, runs, rng))
    worlds = _worlds_by_search(graph, live, runs)
    covers = [seed_selection._Coverage(graph, live, runs)]  # the spreading kernel
    if model == "lt":  # and intervals of forests laid out depth first, cycles included
        covers.append(seed_selection._ForestCoverage(graph, live, runs))
    reached = [set() for _ in worlds]
    for seed in (graph.index["c"], graph.index["t1"], graph.index["x"], None):
        expected = [
            sum(
                len(({v} | nx.descendants(H, v)) - done)
                for H, done in zip(worlds, reached, strict=True)
            )
            for v in range(graph.n)
        ]
        for cover in covers:
            assert cover.every_gain().tolist() == expected
            assert cover.gains(np.arange(graph.n)[::-1]).tolist() == expected[::-1]
            if seed is not None:
                assert cover.add(seed) == expected[seed]
        if seed is not None:
            for H, done in zip(worlds, reached, strict=True):
                done |= {seed} | nx.descendants(H, seed)


@pytest.mark.parametrize("model", ["ic", "lt"])
@pytest.mark.parametrize("lazy", [True, False])
def test_celf_bits_choose_the_seeds_and_gains_of_the_reference_kernel(model, lazy, monkeypatch):
    monkeypatch.setattr(seed_selection, "WORDS_PER_CHUNK", 1 << 10)  # several blocks and pieces
    G = nx.gnp_random_graph(120, 0.04, seed=3, directed=True)
    bits = celf_seeds(G, 8, model=model, p=0.3, runs=100, seed=9, lazy=lazy)
    reference = celf_seeds(
        G, 8, model=model, p=0.3, runs=100, seed=9, lazy=lazy, method="reference"
    )
    assert [(s.node, s.marginal_gain, s.reach) for s in bits.seeds] == [
        (s.node, s.marginal_gain, s.reach) for s in reference.seeds
    ]
    assert bits.reach == reference.reach
    if lazy:  # CELF's lazy evaluations choose what plain greedy does
        plain = celf_seeds(G, 8, model=model, p=0.3, runs=100, seed=9, lazy=False)
        assert [s.node for s in bits.seeds] == [s.node for s in plain.seeds]
        assert bits.evaluations < plain.evaluations
    else:
        assert bits.evaluations == reference.evaluations


def test_seed_selection_can_still_be_imported_from_simulation():
    from cosgraph.analysis.simulation import MODELS, SeedChoice, SeedSelection, celf_seeds

    assert celf_seeds is seed_selection.celf_seeds and MODELS == ("ic", "lt")
    assert (SeedSelection, SeedChoice) == (seed_selection.SeedSelection, seed_selection.SeedChoice)

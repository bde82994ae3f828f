"""Analysis options are checked by the library itself: Python callers get the CLI's rules."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from cosgraph.analysis.communities import detect_communities, leiden_labels, modularity_of
from cosgraph.analysis.compiled import compile_graph
from cosgraph.analysis.metrics import network_metrics, tie_graph_where
from cosgraph.analysis.power import power_map
from cosgraph.analysis.seed_selection import celf_seeds
from cosgraph.analysis.simulation import independent_cascade
from cosgraph.analysis.views import tie_graph
from cosgraph.errors import AnalysisError


def two_triangles() -> nx.DiGraph:
    return nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x")])


@pytest.mark.parametrize("resolution", [math.nan, math.inf, -math.inf, 0, -1.0, "1", True, None])
def test_detect_communities_refuses_a_resolution_that_is_not_positive_and_finite(resolution):
    with pytest.raises(AnalysisError, match="resolution must be a positive, finite number"):
        detect_communities(two_triangles(), resolution=resolution)


@pytest.mark.parametrize("resolution", [math.nan, 0.0, -2.0])
def test_every_function_taking_a_resolution_refuses_a_bad_one(resolution):
    T = two_triangles()
    C = compile_graph(T)
    with pytest.raises(AnalysisError, match="resolution"):
        network_metrics(T, resolution=resolution)
    with pytest.raises(AnalysisError, match="resolution"):
        leiden_labels(C, resolution=resolution)
    with pytest.raises(AnalysisError, match="resolution"):
        modularity_of(C, leiden_labels(C), resolution=resolution)


@pytest.mark.parametrize("seed", [1.5, "7", None, True])
def test_leiden_seed_must_be_a_whole_number(seed):
    with pytest.raises(AnalysisError, match="seed must be a whole number"):
        detect_communities(two_triangles(), seed=seed)
    with pytest.raises(AnalysisError, match="seed must be a whole number"):
        network_metrics(two_triangles(), seed=seed)


def test_a_good_resolution_and_seed_still_work():
    assert len(detect_communities(two_triangles(), resolution=2, seed=3).communities) == 2


@pytest.mark.parametrize("top", [-1, 1.5, "2", True])
def test_metrics_top_must_be_a_whole_number_of_at_least_zero(top):
    with pytest.raises(AnalysisError, match="top must be a whole number of at least 0"):
        network_metrics(two_triangles(), top=top)


@pytest.mark.parametrize("k", [-1, 2.5, math.nan])
def test_power_map_k_must_be_a_whole_number(k):
    with pytest.raises(AnalysisError, match="k must be a whole number of at least 0"):
        power_map(nx.MultiDiGraph(), k=k)


@pytest.mark.parametrize("runs", [0, 2.5, "10", True])
def test_simulation_runs_must_be_a_positive_whole_number(runs):
    G = nx.DiGraph([("a", "b")])
    with pytest.raises(AnalysisError, match="runs must be a whole number of at least 1"):
        independent_cascade(G, ["a"], runs=runs)


def test_celf_k_must_be_a_whole_number():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    with pytest.raises(AnalysisError, match="k must be a whole number"):
        celf_seeds(G, 1.5)  # type: ignore[arg-type]


def test_tie_graph_refuses_an_unknown_tie_type():
    G = nx.MultiDiGraph()
    G.add_node("ana", kind="person")
    with pytest.raises(AnalysisError, match="unknown tie type LIKES; choose from KNOWS"):
        tie_graph(G, types=["KNOWS", "LIKES"])
    with pytest.raises(AnalysisError, match="unknown tie type knows"):
        tie_graph_where(G, types=["knows"])


def test_tie_graph_where_computes_a_metric_named_in_where():
    G = nx.MultiDiGraph()
    G.add_nodes_from("abcxyz", kind="person")
    for u, v in two_triangles().edges:
        G.add_edge(u, v, key="KNOWS", type="KNOWS")
    assert sorted(tie_graph_where(G, where={"community": 0})) == ["a", "b", "c"]
    assert sorted(tie_graph_where(G, where={"kind": "person"})) == list("abcxyz")
    assert sorted(tie_graph_where(G, types=["TRUSTS"])) == list("abcxyz")
    assert tie_graph_where(G, types=["TRUSTS"]).number_of_edges() == 0

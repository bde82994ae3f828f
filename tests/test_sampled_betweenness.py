"""``--sample K --seed S``: betweenness from K pivots, as networkx's ``k=K, seed=S``,
within the documented error of the exact value (issue 20)."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner

from cosgraph.analysis.metrics import network_metrics, tie_graph_where
from cosgraph.analysis.spanners import boundary_spanners
from cosgraph.analysis.views import SOCIAL_TIES
from cosgraph.cli import main
from cosgraph.errors import AnalysisError
from cosgraph.store import open_store


@pytest.fixture(scope="module")
def graph_500() -> nx.DiGraph:
    return nx.gnm_random_graph(500, 2500, seed=7, directed=True)


def test_sampled_betweenness_equals_networkx_k_sample_with_the_same_seed(graph_500: nx.DiGraph):
    # the pivots are picked as networkx picks them, so the values are networkx's
    for k, seed in [(20, 0), (100, 3)]:
        ours = network_metrics(graph_500, sample=k, seed=seed).by_id()
        theirs = nx.betweenness_centrality(graph_500, k=k, seed=seed)
        assert max(abs(ours[str(v)].betweenness - theirs[v]) for v in graph_500) < 1e-12


def test_spanners_sample_both_directed_and_undirected_betweenness_as_networkx(
    graph_500: nx.DiGraph,
):
    result = boundary_spanners(graph_500, sample=50, seed=1).by_id()
    directed = nx.betweenness_centrality(graph_500, k=50, seed=1)
    undirected = nx.betweenness_centrality(graph_500.to_undirected(), k=50, seed=1)
    raw = nx.betweenness_centrality(graph_500.to_undirected(), k=50, seed=1, normalized=False)
    for v in graph_500:
        b = result[str(v)].betweenness
        assert b.directed == pytest.approx(directed[v], abs=1e-12)
        assert b.undirected == pytest.approx(undirected[v], abs=1e-12)
        assert b.undirected_raw == pytest.approx(raw[v], abs=1e-9)


def test_sampled_betweenness_is_within_the_documented_error_of_the_exact_value(
    graph_500: nx.DiGraph,
):
    # cosgraph.analysis.sampling: a node's standard error is at most sqrt(b / k), and
    # by Hoeffding no node is off by more than sqrt(ln(2 / alpha) / (2 k)) but with
    # probability alpha; here alpha = 0.05 / 500 for all 500 nodes at once
    k = 100
    exact = nx.betweenness_centrality(graph_500)
    sampled = network_metrics(graph_500, sample=k, seed=5).by_id()
    error = np.array([abs(sampled[str(v)].betweenness - exact[v]) for v in graph_500])
    assert error.mean() <= np.mean([math.sqrt(exact[v] / k) for v in graph_500])
    assert error.max() <= math.sqrt(math.log(2 / (0.05 / 500)) / (2 * k))
    assert error.mean() < 0.5 * np.mean(list(exact.values()))  # measured: 0.30


def test_a_sample_of_every_node_is_the_exact_value(graph_500: nx.DiGraph):
    exact = network_metrics(graph_500).by_id()
    whole = network_metrics(graph_500, sample=500).by_id()
    assert all(whole[i].betweenness == exact[i].betweenness for i in exact)


def test_a_sample_of_one_pivot_is_refused():
    with pytest.raises(AnalysisError, match="sample must be a whole number of at least 2"):
        network_metrics(nx.DiGraph([(1, 2)]), sample=1)


def test_analyze_metrics_sample_prints_the_library_values(tmp_path: Path):
    people = "pid\n" + "".join(f"p{i}\n" for i in range(40))
    T = nx.gnm_random_graph(40, 160, seed=2, directed=True)
    ties = "src,dst\n" + "".join(f"p{u},p{v}\n" for u, v in T.edges())
    (tmp_path / "n.csv").write_text(people)
    (tmp_path / "t.csv").write_text(ties)
    store = str(tmp_path / "s.lbug")
    args = ["load-network", str(tmp_path / "n.csv"), str(tmp_path / "t.csv"), "--id-column"]
    args += ["pid", "--from-column", "src", "--to-column", "dst", "--store", store]
    assert CliRunner().invoke(main, args).exit_code == 0
    out = CliRunner().invoke(
        main,
        ["analyze", "metrics", "--sample", "10", "--seed", "4", "--format", "csv"]
        + ["--audience", "private", "--store", store],
    )
    assert out.exit_code == 0, out.output
    printed = {r["id"]: float(r["betweenness"]) for r in csv.DictReader(io.StringIO(out.stdout))}
    # the pivots are drawn from the tie graph's node order: the store's, by id
    stored = open_store(store, read_only=True)
    tie_graph = tie_graph_where(stored.project(), types=SOCIAL_TIES)
    stored.close()
    expected = nx.betweenness_centrality(tie_graph, k=10, seed=4)
    assert printed == pytest.approx(expected, abs=1e-12)
    refused = CliRunner().invoke(main, ["analyze", "spanners", "--sample", "1", "--store", store])
    assert refused.exit_code == 2 and "--sample" in refused.output

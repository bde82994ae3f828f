"""The README's worked example: docs/florentine/ is networkx's Florentine families, and
its metrics are networkx's undirected ones (issue 20)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from cosgraph.loaders import read_network

from cosgraph.analysis.metrics import network_metrics
from cosgraph.analysis.views import people_graph

FLORENTINE = Path(__file__).resolve().parents[1] / "docs" / "florentine"


def test_the_shipped_florentine_families_are_networkx_s_with_its_metrics():
    cmap = read_network(
        FLORENTINE / "families.csv",
        FLORENTINE / "marriages.csv",
        id_column="family",
        from_column="from",
        to_column="to",
        consent="public",
    )
    P = people_graph(cmap.to_graph())
    F = nx.florentine_families_graph()
    assert set(P) == set(F)
    assert {frozenset(e) for e in P.edges} == {frozenset(e) for e in F.edges}
    assert P.number_of_edges() == 2 * F.number_of_edges()  # each marriage both ways
    metrics = network_metrics(P).by_id()
    betweenness = nx.betweenness_centrality(F)
    closeness = nx.closeness_centrality(F)
    for family in F:
        assert metrics[family].betweenness == pytest.approx(betweenness[family], abs=1e-12)
        assert metrics[family].closeness == pytest.approx(closeness[family], abs=1e-12)

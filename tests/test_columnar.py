"""Store -> Arrow columns -> compiled graph: the same graph, numbers and audience as the
networkx path (``store.project()`` -> audience graph -> ``tie_graph`` -> ``compile_graph``).

Parametrised over the backends through the ``store`` fixture (Neo4j when
COSGRAPH_NEO4J_URI is set), on the bundled demo map, which has hidden people for the
public and coalition audiences, ties of several types between one pair, and strengths.
"""

from __future__ import annotations

import numpy as np
import pytest
from cosgraph.loaders import read_map

from cosgraph.analysis.columnar import AUDIENCE_COLUMNS, MAKEUP_COLUMNS, stored_ties
from cosgraph.analysis.communities import compiled_communities, detect_communities
from cosgraph.analysis.compiled import compile_graph
from cosgraph.analysis.metrics import compiled_metrics, network_metrics
from cosgraph.analysis.result import node_names
from cosgraph.analysis.spanners import (
    boundary_spanners,
    compiled_spanners,
    group_columns,
    group_of_attribute,
)
from cosgraph.analysis.views import SOCIAL_TIES, tie_graph
from cosgraph.consent import AUDIENCES, Audience
from cosgraph.demo import demo_folder
from cosgraph.model import ACTOR_KINDS
from cosgraph.store import GraphStore

SALT = b"fixed for the test"


@pytest.fixture
def demo(store: GraphStore) -> GraphStore:
    store.write(read_map(demo_folder()), provenance="demo")
    return store


def test_project_arrays_hold_the_actors_and_social_ties_of_the_projection(demo: GraphStore):
    G = demo.project()
    P = demo.project_arrays(ACTOR_KINDS, SOCIAL_TIES, ("sector", "sectors", *AUDIENCE_COLUMNS))
    actors = [n for n, kind in G.nodes(data="kind") if kind in ACTOR_KINDS]
    assert P.nodes.column("id").to_pylist() == actors  # in the projection's order
    for row in P.nodes.to_pylist():
        data = G.nodes[row["id"]]
        assert row["kind"] == data["kind"]
        for column in ("sector", "consent", "name"):
            assert row[column] == data.get(column), (row["id"], column)
        assert (row["sectors"] or []) == data.get("sectors", [])
    ties = sorted(
        (u, v, d["type"], d.get("strength"))
        for u, v, d in G.edges(data=True)
        if d["type"] in SOCIAL_TIES
    )
    read = P.ties.select(["source", "target", "type", "strength"]).to_pylist()
    assert sorted(tuple(r.values()) for r in read) == ties


@pytest.mark.parametrize("audience", AUDIENCES)
def test_stored_ties_compile_to_the_graph_of_the_networkx_path(demo: GraphStore, audience: str):
    G = demo.project()
    seen = Audience.of(G, audience, salt=SALT)
    T = tie_graph(seen.graph(G, keep="analysis"))
    expected = compile_graph(T)
    ties = stored_ties(demo, audience, attributes=group_columns("sector"), salt=SALT)
    C = ties.compiled
    assert ties.audience is not None
    assert ties.audience.placeholders == seen.placeholders
    assert C.ids == expected.ids
    assert np.array_equal(C.sources, expected.sources)
    assert np.array_equal(C.targets, expected.targets)
    assert np.array_equal(C.weights, expected.weights)
    group_of = group_of_attribute("sector")
    assert ties.groups("sector") == [group_of(T.nodes[node]) for node in T]


def test_compiled_analyses_of_stored_ties_equal_the_networkx_path(demo: GraphStore):
    G = demo.project()
    T = tie_graph(Audience.of(G, "private").graph(G, keep="analysis"))
    ties = stored_ties(demo, "private", attributes=(*group_columns("sector"), "name"))
    assert ties.names() and ties.names() == node_names(T)
    ours = compiled_metrics(ties.compiled, seed=3, names=ties.names()).model_dump()
    theirs = network_metrics(T, seed=3).model_dump()
    for row, expected in zip(ours.pop("nodes"), theirs.pop("nodes"), strict=True):
        pagerank, expected_pagerank = row.pop("pagerank"), expected.pop("pagerank")
        assert row == expected
        assert pagerank == pytest.approx(expected_pagerank, rel=1e-12)  # PRPACK's own noise
    assert ours == theirs
    spanners = compiled_spanners(
        ties.compiled, ties.groups("sector"), by="sector", names=ties.names()
    )
    assert spanners == boundary_spanners(T, by="sector")
    makeup = stored_ties(demo, "private", attributes=MAKEUP_COLUMNS)
    communities = compiled_communities(makeup.compiled, makeup.node_data(MAKEUP_COLUMNS), seed=3)
    assert communities == detect_communities(T, seed=3)


def test_metrics_spanners_and_communities_never_build_the_networkx_projection(
    tmp_path, monkeypatch: pytest.MonkeyPatch
):
    from click.testing import CliRunner

    from cosgraph.cli import main
    from cosgraph.store.embedded import EmbeddedStore

    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    store = str(tmp_path / "demo.lbug")

    def refuse(self: EmbeddedStore) -> None:
        raise AssertionError("the whole projection was built")

    monkeypatch.setattr(EmbeddedStore, "project", refuse)
    for command in (["metrics", "--top", "3"], ["spanners", "--by", "sector"], ["communities"]):
        result = CliRunner().invoke(main, ["analyze", *command, "--store", store])
        assert result.exit_code == 0, result.output
        assert "not named for audience public" in result.output  # hidden here too


def test_projected_ties_count_self_loops_weigh_by_weight_and_leave_undirected_ties_to_networkx():
    import pyarrow as pa

    from cosgraph.analysis.columnar import projected_ties
    from cosgraph.store.arrow_projection import combine

    people = [("person", pa.table({"id": ["a", "b"]}))]
    ties = pa.table(
        {
            "source": ["a", "a", "b"],
            "target": ["a", "b", "a"],
            "strength": [1.0, 2.0, 2.0],
            "weight": [None, 5.0, None],
        }
    )
    projected = projected_ties(combine(people, [("KNOWS", ties)]))
    assert projected is not None
    assert projected.self_loops == 1
    assert projected.compiled.weights.tolist() == [5.0, 2.0]
    undirected = ties.append_column("undirected", pa.array([None, True, None]))
    assert projected_ties(combine(people, [("KNOWS", undirected)])) is None

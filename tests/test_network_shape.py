"""The shape of the network is the researcher's (issue 20): undirected networks, the
weight column, repeated ties and self-loops, through every loader and the analyses."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from cosgraph.loaders import TieShape, read_map, read_network

from cosgraph.analysis.metrics import network_metrics
from cosgraph.analysis.spanners import boundary_spanners
from cosgraph.cli import main
from cosgraph.errors import LoadError
from cosgraph.formats.format import Format
from cosgraph.model import CommunityMap, Person, Tie
from cosgraph.store import open_store
from tests.conftest import write_folder
from tests.test_formats import ROUND_TRIPS
from tests.test_formats import _assert_round_trip as assert_round_trip

NETWORKS = {"karate": nx.karate_club_graph, "florentine": nx.florentine_families_graph}


def _knows(store: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """The store's KNOWS ties (a store also holds the framework's)."""
    with open_store(store, read_only=True) as s:
        return [(u, v, d) for u, v, d in s.project().edges(data=True) if d["type"] == "KNOWS"]


def _cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _write_csvs(G: nx.Graph, folder: Path, weight: str | None = None) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    nodes, ties = folder / "nodes.csv", folder / "ties.csv"
    with nodes.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["node", "team"])
        writer.writerows([n, "one"] for n in G)
    with ties.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b", *([weight] if weight else [])])
        for u, v, w in G.edges(data="weight", default=1):
            writer.writerow([u, v, *([w] if weight else [])])
    return nodes, ties


def _load_network(nodes: Path, ties: Path, store: Path, *options: str) -> Result:
    return _cli(
        "load-network", nodes, ties, "--id-column", "node", "--from-column", "a",
        "--to-column", "b", "--consent", "public", "--store", store, *options,
    )  # fmt: skip


def _analyze(store: Path, what: str, *options: str) -> list[dict[str, Any]]:
    result = _cli(
        "analyze", what, *options, "--format", "json", "--audience", "private", "--store", store
    )
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)["nodes"]
    return rows


def _assert_undirected_metrics(G: nx.Graph, store: Path, weighted: bool) -> None:
    rows = {row["id"]: row for row in _analyze(store, "metrics")}
    weight = "weight" if weighted else None
    expected = {
        "betweenness": nx.betweenness_centrality(G),
        "closeness": nx.closeness_centrality(G),
        "pagerank": nx.pagerank(G, weight=weight, tol=1e-12, max_iter=10_000),
    }
    for node in G:
        row = rows[str(node)]
        assert row["degree"] == G.degree[node]
        for name, values in expected.items():
            assert row[name] == pytest.approx(values[node], abs=1e-9), (node, name)
    communities: dict[int, set[str]] = {}
    for node in G:
        communities.setdefault(rows[str(node)]["community"], set()).add(node)
    modularity = nx.community.modularity(G, communities.values())
    assert len(communities) > 1 and modularity > 0.3  # a real partition of the undirected graph
    spanners = {row["id"]: row for row in _analyze(store, "spanners", "--by", "team")}
    constraint, effective = nx.constraint(G), nx.effective_size(G)
    for node in G:
        assert spanners[str(node)]["constraint"] == pytest.approx(constraint[node], abs=1e-12)
        assert spanners[str(node)]["effective_size"] == pytest.approx(effective[node], abs=1e-12)


# -- undirected -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_a_network_loaded_undirected_has_networkx_undirected_metrics(tmp_path: Path, name: str):
    G = NETWORKS[name]()
    weighted = name == "karate"  # karate's ties are weighted; Florentine's are not
    nodes, ties = _write_csvs(G, tmp_path / "csv", "weight" if weighted else None)
    result = _load_network(nodes, ties, tmp_path / "s.lbug", "--undirected")
    assert result.exit_code == 0, result.output
    _assert_undirected_metrics(G, tmp_path / "s.lbug", weighted)


def test_network_metrics_and_spanners_accept_an_undirected_networkx_graph():
    G = nx.florentine_families_graph()
    rows = network_metrics(G).by_id()
    betweenness = nx.betweenness_centrality(G)
    assert all(rows[n].betweenness == pytest.approx(betweenness[n]) for n in G)
    assert all(rows[n].degree == G.degree[n] for n in G)
    constraint = nx.constraint(G)
    spanners = boundary_spanners(G).by_id()
    assert all(spanners[n].constraint == pytest.approx(constraint[n]) for n in G)


def test_weighted_structural_holes_of_an_undirected_graph_equal_networkx():
    G = nx.karate_club_graph()  # weighted ties
    spanners = boundary_spanners(G, weight="weight").by_id()
    # networkx's node-by-node formula: its all-nodes sparse shortcut (3.6) disagrees
    # with it on weighted graphs
    constraint = nx.constraint(G, nodes=list(G), weight="weight")
    effective = nx.effective_size(G, nodes=list(G), weight="weight")
    assert all(spanners[str(n)].constraint == pytest.approx(constraint[n]) for n in G)
    assert all(spanners[str(n)].effective_size == pytest.approx(effective[n]) for n in G)


def test_undirected_survives_graphml_and_gexf_round_trips(tmp_path: Path):
    G = nx.karate_club_graph()
    nodes, ties = _write_csvs(G, tmp_path / "csv", "weight")
    assert _load_network(nodes, ties, tmp_path / "a.lbug", "--undirected").exit_code == 0
    graphml, gexf = tmp_path / "k.graphml", tmp_path / "k.gexf"
    for store, out, fmt, said in (
        ("a.lbug", graphml, "graphml", 'edgedefault="undirected"'),
        ("b.lbug", gexf, "gexf", 'defaultedgetype="undirected"'),
    ):
        exported = _cli("export", "--format", fmt, "-o", out, "--store", tmp_path / store)
        assert exported.exit_code == 0, exported.output
        assert said in out.read_text()
        nxt = "b.lbug" if store == "a.lbug" else "c.lbug"
        assert _cli("load", out, "--store", tmp_path / nxt).exit_code == 0
    assert all(data.get("undirected") is True for *_, data in _knows(tmp_path / "c.lbug"))
    _assert_undirected_metrics(G, tmp_path / "c.lbug", weighted=True)


def test_a_networkx_undirected_graphml_loads_undirected(tmp_path: Path):
    G = nx.florentine_families_graph()
    nx.write_graphml(G, tmp_path / "f.graphml")
    result = _cli("load", tmp_path / "f.graphml", "--store", tmp_path / "s.lbug")
    assert result.exit_code == 0, result.output
    assert all(t.undirected for t in read_map(tmp_path / "f.graphml").ties)
    rows = {row["id"]: row for row in _analyze(tmp_path / "s.lbug", "metrics")}
    betweenness = nx.betweenness_centrality(G)
    assert all(rows[n]["betweenness"] == pytest.approx(betweenness[n]) for n in G)


# -- the weight column ----------------------------------------------------------------


def test_weight_column_weighs_pagerank_and_exports_as_a_native_weight(tmp_path: Path):
    G = nx.karate_club_graph()
    nodes, ties = _write_csvs(G, tmp_path / "csv", "w_ij")
    result = _load_network(
        nodes, ties, tmp_path / "s.lbug", "--undirected", "--weight-column", "w_ij"
    )
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in _analyze(tmp_path / "s.lbug", "metrics")}
    pagerank = nx.pagerank(G, weight="weight", tol=1e-12, max_iter=10_000)
    unweighted = nx.pagerank(G, weight=None, tol=1e-12, max_iter=10_000)
    assert all(rows[str(n)]["pagerank"] == pytest.approx(pagerank[n], abs=1e-9) for n in G)
    assert any(abs(pagerank[n] - unweighted[n]) > 1e-4 for n in G)
    for fmt, declared in (
        ("gexf", 'weight="'),
        ("graphml", 'attr.name="weight" attr.type="double"'),
    ):
        out = tmp_path / f"k.{fmt}"
        assert (
            _cli("export", "--format", fmt, "-o", out, "--store", tmp_path / "s.lbug").exit_code
            == 0
        )
        assert declared in out.read_text()
    gexf = nx.read_gexf(tmp_path / "k.gexf")
    assert sorted(w for *_, w in gexf.edges(data="weight")) == sorted(
        float(w) for *_, w in G.edges(data="weight")
    )


# -- repeated ties, every loader -------------------------------------------------------


def _repeated_csv(tmp_path: Path) -> tuple[Path, Path]:
    folder = write_folder(
        tmp_path / "rep",
        {
            "nodes.csv": "node\na\nb\nc\n",
            "ties.csv": "a,b,weight,relation\na,b,1,advice\na,b,3,friend\nb,c,2,advice\n",
        },
    )
    return folder / "nodes.csv", folder / "ties.csv"


def test_repeated_ties_whose_numbers_differ_are_refused_by_default_naming_the_rows(
    tmp_path: Path,
):
    nodes, ties = _repeated_csv(tmp_path)
    result = _load_network(nodes, ties, tmp_path / "s.lbug")
    assert result.exit_code != 0
    assert f"{ties}, line 3, field 'weight': is another number" in result.output
    assert "1; 3" not in result.output and "Traceback" not in result.output
    refused = _load_network(nodes, ties, tmp_path / "s.lbug", "--parallel", "error")
    said = f"{ties}, line 3, field 'source': repeats the KNOWS tie a -> b of line 2"
    assert said in refused.output


def test_parallel_sum_adds_the_weights_as_a_number(tmp_path: Path):
    nodes, ties = _repeated_csv(tmp_path)
    kwargs = {"id_column": "node", "from_column": "a", "to_column": "b"}
    summed = read_network(nodes, ties, columns=["weight"], shape=TieShape(parallel="sum"), **kwargs)
    assert {(t.source, t.target): t.weight for t in summed.ties} == {
        ("a", "b"): 4.0,
        ("b", "c"): 2.0,
    }
    with pytest.raises(Exception, match=r"line 3, field 'relation': differs"):
        read_network(nodes, ties, shape=TieShape(parallel="sum"), **kwargs)
    first = read_network(nodes, ties, shape=TieShape(parallel="first"), **kwargs)
    assert [(t.weight, t.attributes) for t in first.ties][0] == (1.0, {"relation": "advice"})


def test_parallel_keep_joins_text_but_never_numbers(tmp_path: Path):
    nodes, ties = _repeated_csv(tmp_path)
    kwargs = {"id_column": "node", "from_column": "a", "to_column": "b"}
    kept = read_network(
        nodes, ties, columns=["relation"], shape=TieShape(parallel="keep"), **kwargs
    )
    assert kept.ties[0].attributes == {"relation": "advice; friend"}
    with pytest.raises(Exception, match=r"line 3, field 'weight': is another number"):
        read_network(nodes, ties, shape=TieShape(parallel="keep"), **kwargs)


def test_an_undirected_tie_written_both_ways_is_one_repeated_tie(tmp_path: Path):
    folder = write_folder(tmp_path / "u", {"n.csv": "node\na\nb\n", "t.csv": "a,b\na,b\nb,a\n"})
    nodes, ties = folder / "n.csv", folder / "t.csv"
    assert _load_network(nodes, ties, tmp_path / "d.lbug").exit_code == 0  # directed: two ties
    result = _load_network(nodes, ties, tmp_path / "u.lbug", "--undirected", "--parallel", "error")
    assert "repeats the KNOWS tie b - a of line 2" in result.output
    summed = _load_network(nodes, ties, tmp_path / "u.lbug", "--undirected", "--parallel", "sum")
    assert summed.exit_code == 0, summed.output
    assert [d["weight"] for *_, d in _knows(tmp_path / "u.lbug")] == [2.0]


def test_graphml_repeated_ties_follow_the_parallel_option(tmp_path: Path):
    G = nx.MultiGraph()
    G.add_edge("a", "b", weight=1.5)
    G.add_edge("b", "a", weight=2.0)
    nx.write_graphml(G, tmp_path / "m.graphml")
    refused = _cli("load", tmp_path / "m.graphml", "--store", tmp_path / "s.lbug")
    assert refused.exit_code != 0 and "field 'weight': is another number" in refused.output
    result = _cli(
        "load", tmp_path / "m.graphml", "--parallel", "sum", "--store", tmp_path / "s.lbug"
    )
    assert result.exit_code == 0, result.output
    assert [
        t.weight for t in read_map(tmp_path / "m.graphml", shape=TieShape(parallel="sum")).ties
    ] == [3.5]


def test_gexf_repeated_ties_follow_the_parallel_option(tmp_path: Path):
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", weight=1.0)
    G.add_edge("a", "b", weight=2.0)
    nx.write_gexf(G, tmp_path / "m.gexf")
    with pytest.raises(Exception, match="repeats the KNOWS tie a -> b"):
        read_map(tmp_path / "m.gexf", shape=TieShape(parallel="error"))
    first = read_map(tmp_path / "m.gexf", shape=TieShape(parallel="first"))
    assert [t.weight for t in first.ties] == [1.0]


def test_workbook_folder_and_kumu_repeated_ties_follow_the_parallel_option(tmp_path: Path):
    folder = write_folder(
        tmp_path / "map",
        {
            "people.csv": "id\na\nb\n",
            "ties.csv": "type,source,target,relation\nKNOWS,a,b,x\nKNOWS,a,b,y\n",
        },
    )
    with pytest.raises(Exception, match="repeats the KNOWS tie a -> b of line 2"):
        read_map(folder, shape=TieShape(parallel="error"))
    assert read_map(folder).ties[0].attributes == {"relation": "x; y"}
    kumu = tmp_path / "k.json"
    kumu.write_text(
        json.dumps(
            {
                "elements": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
                "connections": [{"from": "a", "to": "b"}, {"from": "a", "to": "b"}],
            }
        )
    )
    with pytest.raises(Exception, match="repeats the KNOWS tie a -> b"):
        read_map(kumu, shape=TieShape(parallel="error"))
    assert [t.weight for t in read_map(kumu, shape=TieShape(parallel="sum")).ties] == [2]


# -- self-loops -------------------------------------------------------------------------


def test_self_loops_are_counted_kept_or_dropped_and_set_aside_by_analyses(tmp_path: Path):
    folder = write_folder(tmp_path / "l", {"n.csv": "node\na\nb\n", "t.csv": "a,b\na,b\nb,b\n"})
    nodes, ties = folder / "n.csv", folder / "t.csv"
    kept = _load_network(nodes, ties, tmp_path / "k.lbug")
    assert kept.exit_code == 0, kept.output
    assert "1 self-loop (line 3) kept" in kept.stderr
    analyzed = _cli("analyze", "metrics", "--store", tmp_path / "k.lbug")
    assert "set aside 1 self-loop" in analyzed.stderr
    dropped = _load_network(nodes, ties, tmp_path / "d.lbug", "--self-loops", "drop")
    assert "left out 1 self-loop (line 3)" in dropped.stderr
    assert [(u, v) for u, v, _ in _knows(tmp_path / "d.lbug")] == [("a", "b")]


# -- every format that writes and reads keeps direction and weight -----------------------


def _shaped_map(all_undirected: bool) -> CommunityMap:
    people = [Person(id=i, name=i.upper()) for i in ("a", "b", "c")]
    ties = [
        Tie(type="KNOWS", source="a", target="b", weight=2.5, undirected=True),
        Tie(type="KNOWS", source="b", target="c", weight=0.5, undirected=all_undirected or None),
    ]
    return CommunityMap(nodes=people, ties=ties)


@pytest.mark.parametrize("all_undirected", [True, False], ids=["undirected", "mixed"])
@pytest.mark.parametrize("fmt", ROUND_TRIPS, ids=lambda f: f.name)
def test_every_format_round_trips_undirected_ties_and_weights(
    fmt: Format, all_undirected: bool, tmp_path: Path
):
    assert_round_trip(_shaped_map(all_undirected), fmt, tmp_path)


def test_a_kumu_undirected_connection_is_an_undirected_tie_and_exports_as_one(tmp_path: Path):
    blueprint = {
        "elements": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
        "connections": [{"from": "a", "to": "b", "direction": "undirected"}],
    }
    (tmp_path / "k.json").write_text(json.dumps(blueprint))
    assert [t.undirected for t in read_map(tmp_path / "k.json").ties] == [True]
    assert _cli("load", tmp_path / "k.json", "--store", tmp_path / "s.lbug").exit_code == 0
    out = tmp_path / "out.json"
    exported = _cli("export", "--format", "kumu", "-o", out, "--audience", "private", "--store",
                    tmp_path / "s.lbug")  # fmt: skip
    assert exported.exit_code == 0, exported.output
    connections = json.loads(out.read_text())["connections"]
    knows = [c for c in connections if c["from"] == "a"]
    assert [(c["direction"], "undirected" in c) for c in knows] == [("undirected", False)]


def test_a_weight_key_beside_the_named_weight_column_is_refused_not_lost(tmp_path: Path):
    G = nx.DiGraph()
    G.add_edge("a", "b", weight=1.0, w2=2.0)
    nx.write_graphml(G, tmp_path / "w.graphml")
    with pytest.raises(LoadError, match=r"field 'weight': --weight-column w2 reads the weights"):
        read_map(tmp_path / "w.graphml", shape=TieShape(weight_column="w2"))
    G.edges["a", "b"].pop("weight")
    nx.write_graphml(G, tmp_path / "w.graphml")
    assert [
        t.weight for t in read_map(tmp_path / "w.graphml", shape=TieShape(weight_column="w2")).ties
    ] == [2.0]


def test_a_store_without_tie_weight_columns_gains_them_and_keeps_undirected(tmp_path: Path):
    # tie tables get their columns on first use (an older cosgraph's store lacked them too)
    store = open_store(tmp_path / "old.lbug")
    store.init()
    assert not {"weight", "undirected"} & set(store.columns()["KNOWS"])
    store.close()
    nodes, ties = _write_csvs(nx.florentine_families_graph(), tmp_path / "csv")
    assert _load_network(nodes, ties, tmp_path / "old.lbug", "--undirected").exit_code == 0
    assert all(data.get("undirected") is True for *_, data in _knows(tmp_path / "old.lbug"))

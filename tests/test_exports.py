"""Exports: every format written from a real store, and the ones cosgraph reads reload whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map

from cosgraph.cli import main
from cosgraph.cli.session import register
from cosgraph.errors import LoadError
from cosgraph.exports import ExportError, export_map, user_graph
from cosgraph.store import GraphStore, open_store
from tests.conftest import fresh_store

if "export" not in main.commands:  # until cosgraph.cli wires register(main) itself
    register(main)

PROVENANCE = {"provenance", "loaded_at"}


def _user_view(G: nx.MultiDiGraph) -> tuple[dict[str, Any], set[tuple[str, str, str]]]:
    """Nodes (no framework, no provenance) with their data, and tie keys."""
    U = user_graph(G)
    nodes = {
        n: {k: v for k, v in d.items() if k not in PROVENANCE}
        for n, d in U.nodes(data=True)
        if d["kind"] not in ("domain", "skill", "behavior")
    }
    return nodes, set(U.edges(keys=True))


@pytest.fixture
def loaded(store: GraphStore, small_map_folder: Path) -> nx.MultiDiGraph:
    store.write(read_map(small_map_folder), provenance="small")
    return store.project()


def test_user_graph_leaves_out_framework_internals_and_provenance(loaded: nx.MultiDiGraph):
    U = user_graph(loaded)
    assert "LT" in U and "CSB1" not in U  # LT is reached by a PRACTISES tie; CSB1 is not
    assert not any(k in ("SUPPORTS", "HAS_SKILL") for _, _, k in U.edges(keys=True))
    assert all("provenance" not in d for _, d in U.nodes(data=True))
    assert loaded.has_edge("LT", "CSB1", "SUPPORTS")  # the input is untouched


@pytest.mark.parametrize("fmt", ["csv", "graphml", "kumu"])
def test_export_then_load_round_trips_the_map(loaded: nx.MultiDiGraph, tmp_path: Path, fmt: str):
    """What cosgraph writes for the private audience, it reads back the same (both backends)."""
    path = export_map(loaded, fmt, tmp_path / f"map.{fmt}", audience="private")
    if fmt == "kumu":
        path = path.rename(tmp_path / "map.json")
    target = fresh_store("embedded", tmp_path / "again")
    try:
        target.write(read_map(path), provenance="again")
        again = target.project()
    finally:
        target.close()
    nodes, ties = _user_view(loaded)
    nodes_again, ties_again = _user_view(again)
    assert ties_again == ties
    if fmt == "kumu":  # Kumu labels every element: a nameless node is labelled by its id
        for node_id, data in nodes.items():
            data.setdefault("name", node_id)
    assert nodes_again == nodes


def test_graphml_flattens_lists_and_keeps_kind_and_type(loaded: nx.MultiDiGraph, tmp_path: Path):
    path = export_map(loaded, "graphml", tmp_path / "m.graphml", audience="private")
    G = nx.read_graphml(path)
    assert G.nodes["bo"]["sectors"] == "faith; social_services"
    assert G.nodes["soda-tax"]["needs"] == "policy_advocacy=2; funding=500"
    assert G.nodes["clinic"]["kind"] == "organization"
    assert {d["type"] for _, _, d in G.edges(data=True)} >= {"KNOWS", "MEMBER_OF", "ADOPTED"}


def test_gexf_is_readable_with_names_as_labels_and_tie_types(
    loaded: nx.MultiDiGraph, tmp_path: Path
):
    path = export_map(loaded, "gexf", tmp_path / "m.gexf", audience="private")
    G = nx.read_gexf(path)
    assert G.nodes["ana"]["label"] == "Ana Ruiz"
    assert G.nodes["bo"]["sectors"] == "faith; social_services"
    assert {d["tie_type"] for _, _, d in G.edges(data=True)} >= {"KNOWS", "HOLDS"}


def test_node_link_json_shape(loaded: nx.MultiDiGraph, tmp_path: Path):
    path = export_map(loaded, "json", tmp_path / "m.json", audience="coalition")
    doc = json.loads(path.read_text())
    ana = next(n for n in doc["nodes"] if n["id"] == "ana")
    assert list(ana)[:4] == ["id", "kind", "name", "consent"]
    assert ana["sectors"] == ["resident"] and ana["age"] == 34
    clinic = next(n for n in doc["nodes"] if n["id"] == "clinic")
    assert clinic["consent"] is None and clinic["anchor"] is True
    link = next(x for x in doc["links"] if x["type"] == "DECIDES")
    assert link["stance"] == "skeptic" and list(link)[:3] == ["source", "target", "type"]
    # cy is private: a coalition export shows a placeholder in cy's place
    assert "cy" not in {n["id"] for n in doc["nodes"]} | {x["source"] for x in doc["links"]}
    assert link["source"].startswith("person-")


def test_unknown_format_and_unwritable_place_are_export_errors(
    loaded: nx.MultiDiGraph, tmp_path: Path
):
    with pytest.raises(ExportError, match="unknown export format"):
        export_map(loaded, "pdf", tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="cannot write"):
        export_map(loaded, "json", tmp_path / "no" / "such" / "folder" / "x.json")


@pytest.mark.parametrize("fmt", ["kumu", "graphml", "gexf", "json", "csv"])
def test_cli_export_writes_each_format(tmp_path: Path, small_map_folder: Path, fmt: str):
    store = str(tmp_path / "s.lbug")
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(small_map_folder), "--store", store]).exit_code == 0
    out = tmp_path / f"out.{fmt}"
    args = ["export", "--format", fmt, "-o", str(out), "--store", store, "--audience", "private"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out} ({fmt}, audience private)\n"
    assert out.exists()
    data = b"".join(p.read_bytes() for p in out.iterdir()) if out.is_dir() else out.read_bytes()
    assert b"Cy Okafor" in data  # the private audience sees everyone


def test_cli_export_of_an_unknown_audience_is_refused(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["export", "--format", "json", "-o", str(tmp_path / "x"), "--audience", "all"]
    )
    assert result.exit_code == 2 and "'all' is not one of" in result.output


def test_load_reads_graphml_with_kind_and_type_defaults(tmp_path: Path):
    G = nx.MultiDiGraph()
    G.add_node("a", label="Ann")  # no kind: a person; Gephi's label: the name
    G.add_node("b", kind="organization", name="Org B", Betweenness=0.5)
    G.add_edge("a", "b")  # no type: KNOWS
    G.add_edge("a", "b", type="member_of", role="chair")
    nx.write_graphml(G, tmp_path / "g.graphml")
    cmap = read_map(tmp_path / "g.graphml")
    nodes = cmap.node_index()
    assert (nodes["a"].kind, nodes["a"].name) == ("person", "Ann")
    assert nodes["b"].attributes == {"betweenness": 0.5}
    assert sorted((t.type, t.role) for t in cmap.ties) == [("KNOWS", None), ("MEMBER_OF", "chair")]


def test_graphml_problems_name_the_file_and_the_element(tmp_path: Path):
    G = nx.MultiDiGraph()
    G.add_node("a", kind="spaceship")
    G.add_node("b", power=9)
    nx.write_graphml(G, tmp_path / "g.graphml")
    with pytest.raises(LoadError) as err:
        read_map(tmp_path / "g.graphml")
    text = str(err.value)
    assert "g.graphml, sheet 'nodes', row 1, field 'kind': 'spaceship' is not one of" in text
    (tmp_path / "bad.graphml").write_text("<graphml><node id=")
    with pytest.raises(LoadError, match="bad.graphml: is not readable GraphML"):
        read_map(tmp_path / "bad.graphml")


def test_csv_export_reloads_through_the_cli(tmp_path: Path, small_map_folder: Path):
    runner = CliRunner()
    first, second = str(tmp_path / "a.lbug"), str(tmp_path / "b.lbug")
    runner.invoke(main, ["load", str(small_map_folder), "--store", first])
    out = tmp_path / "export"
    runner.invoke(
        main,
        ["export", "--format", "csv", "-o", str(out), "--store", first, "--audience", "public"],
    )
    result = runner.invoke(main, ["load", str(out), "--store", second])
    assert result.exit_code == 0, result.output
    s = open_store(second)
    try:
        G = s.project()
    finally:
        s.close()
    people = {n for n, k in G.nodes(data="kind") if k == "person"}
    assert "ana" in people and "bo" not in people and "cy" not in people
    assert sum(1 for n in people if n.startswith("person-")) == 2

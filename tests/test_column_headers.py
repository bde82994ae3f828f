"""R-style headers (``Grade.1``, ``race.ethnicity``, ``x y``) load, are kept as the
columns' labels in the store, and come back out of exports and ``stats`` (issue 20)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
from click.testing import CliRunner
from cosgraph.loaders import read_network
from cosgraph.loaders.graphml import read_graphml

from cosgraph.cells import unguarded
from cosgraph.cli import main
from cosgraph.exports import export_map, headed_graph
from cosgraph.store import GraphStore, open_store
from cosgraph.store.copy import copy_map

NODES = (
    "pid,Grade.1,race.ethnicity,x y,Zip,1st choice\na,1,white,3.5,02139,yes\nb,2,black,,10001,no\n"
)
TIES = "src,dst,Tie.Weight\na,b,2.5\nb,a,1\n"
HEADERS = ["Grade.1", "race.ethnicity", "x y", "Zip", "1st choice"]


def _load(tmp_path: Path, store: str) -> None:
    (tmp_path / "n.csv").write_text(NODES)
    (tmp_path / "t.csv").write_text(TIES)
    args = ["load-network", str(tmp_path / "n.csv"), str(tmp_path / "t.csv")]
    args += ["--id-column", "pid", "--from-column", "src", "--to-column", "dst"]
    result = CliRunner().invoke(main, [*args, "--consent", "public", "--store", store])
    assert result.exit_code == 0, result.output


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_r_style_headers_get_safe_names_and_keep_their_labels(tmp_path: Path):
    (tmp_path / "n.csv").write_text(NODES)
    (tmp_path / "t.csv").write_text(TIES)
    cmap = read_network(
        tmp_path / "n.csv", tmp_path / "t.csv", id_column="pid", from_column="src", to_column="dst"
    )
    assert cmap.nodes[0].attributes == {
        "grade_1": 1,
        "race_ethnicity": "white",
        "x_y": 3.5,
        "zip": "02139",
        "x1st_choice": "yes",
    }
    assert cmap.column_labels == {
        "Person": {
            "grade_1": "Grade.1",
            "race_ethnicity": "race.ethnicity",
            "x1st_choice": "1st choice",
            "x_y": "x y",
            "zip": "Zip",
        },
        "KNOWS": {"tie_weight": "Tie.Weight"},
    }


def test_headers_that_make_the_same_name_get_distinct_names(tmp_path: Path):
    (tmp_path / "n.csv").write_text("pid,Grade.1,grade_1,grade-1\na,1,2,3\n")
    (tmp_path / "t.csv").write_text("src,dst\na,a\n")
    cmap = read_network(
        tmp_path / "n.csv", tmp_path / "t.csv", id_column="pid", from_column="src", to_column="dst"
    )
    # a header that is its own name keeps it; the others take the next free suffix
    assert cmap.nodes[0].attributes == {"grade_1_2": 1, "grade_1": 2, "grade_1_3": 3}
    assert cmap.column_labels["Person"] == {"grade_1_2": "Grade.1", "grade_1_3": "grade-1"}


def test_load_network_then_export_csv_gives_back_the_same_headers_and_values(tmp_path: Path):
    store = str(tmp_path / "net.lbug")
    _load(tmp_path, store)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "-o", str(out), "--store", store]
    )
    assert result.exit_code == 0, result.output
    people = _rows(out / "people.csv")
    assert all(h in people[0] for h in HEADERS)
    # a text cell that would read as a number is written guarded ('10001), as always
    assert [{h: unguarded(row[h]) or row[h] for h in HEADERS} for row in people] == [
        {
            "Grade.1": "1",
            "race.ethnicity": "white",
            "x y": "3.5",
            "Zip": "02139",
            "1st choice": "yes",
        },
        {"Grade.1": "2", "race.ethnicity": "black", "x y": "", "Zip": "10001", "1st choice": "no"},
    ]
    assert [row["Tie.Weight"] for row in _rows(out / "ties.csv")] == ["2.5", "1.0"]


def test_an_export_loads_back_with_the_same_names_and_labels(tmp_path: Path):
    store = str(tmp_path / "net.lbug")
    _load(tmp_path, store)
    first = open_store(store, read_only=True)
    G = first.project()
    first.close()
    for fmt, name in [("csv", "out"), ("graphml", "g.graphml"), ("json", "m.json")]:
        export_map(G, fmt, tmp_path / name, audience="private")
        again = str(tmp_path / f"again-{fmt}.lbug")
        result = CliRunner().invoke(main, ["load", str(tmp_path / name), "--store", again])
        assert result.exit_code == 0, (fmt, result.output)
        reloaded = open_store(again, read_only=True)
        H = reloaded.project()
        reloaded.close()
        # the same headers and values (a JSON key that is a plain name, ``Zip``, is
        # its own property name there, as YAML and JSON keys always are)
        shown = headed_graph(H).nodes["a"]
        assert {h: shown.get(h) for h in HEADERS} == {
            h: headed_graph(G).nodes["a"][h] for h in HEADERS
        }, fmt
        assert H.nodes["a"]["grade_1"] == 1, fmt


def test_graphml_keys_keep_their_labels(tmp_path: Path):
    G = nx.DiGraph()
    G.add_node("a", **{"Grade.1": 3, "race.ethnicity": "x"})
    path = tmp_path / "g.graphml"
    nx.write_graphml(G, path)
    cmap = read_graphml(path)
    assert cmap.nodes[0].attributes == {"grade_1": 3, "race_ethnicity": "x"}
    assert cmap.column_labels == {
        "Person": {"grade_1": "Grade.1", "race_ethnicity": "race.ethnicity"}
    }


def test_stats_shows_the_headers_as_read(tmp_path: Path):
    store = str(tmp_path / "net.lbug")
    _load(tmp_path, store)
    result = CliRunner().invoke(main, ["stats", "--format", "json", "--store", store])
    assert result.exit_code == 0, result.output
    columns = json.loads(result.stdout)["columns"]
    assert columns["Person"]["grade_1"] == "Grade.1"
    assert columns["KNOWS"] == {"tie_weight": "Tie.Weight"}
    table = CliRunner().invoke(main, ["stats", "--store", store])
    assert "Grade.1 (stored as grade_1)" in table.stdout


def test_every_backend_keeps_column_labels(store: GraphStore, tmp_path: Path):
    (tmp_path / "n.csv").write_text(NODES)
    (tmp_path / "t.csv").write_text(TIES)
    cmap = read_network(
        tmp_path / "n.csv", tmp_path / "t.csv", id_column="pid", from_column="src", to_column="dst"
    )
    store.write(cmap)
    assert store.column_labels()["Person"]["grade_1"] == "Grade.1"
    assert store.project().graph["column_labels"]["KNOWS"] == {"tie_weight": "Tie.Weight"}
    # a later load under other headers relabels the same columns; nothing else changes
    relabelled = cmap.model_copy()
    relabelled.column_labels = {"Person": {"grade_1": "GRADE.1"}}
    assert store.plan(relabelled).column_labels == {"Person": {"grade_1": "GRADE.1"}}
    store.write(relabelled)
    assert store.column_labels()["Person"]["grade_1"] == "GRADE.1"
    assert store.column_labels()["Person"]["zip"] == "Zip"


def test_a_copy_between_stores_keeps_the_labels(tmp_path: Path):
    store = str(tmp_path / "net.lbug")
    _load(tmp_path, store)
    source, target = open_store(store, read_only=True), open_store(tmp_path / "copy.lbug")
    try:
        target.init()
        copy_map(source, target)
        assert target.column_labels() == source.column_labels()
    finally:
        source.close()
        target.close()

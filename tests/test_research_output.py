"""What a researcher gets out: every digit in machine formats, unique GraphML edge ids
that name no hidden person, and a consent recorded by ``load-network`` (issue 20)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_network

from cosgraph.analysis.metrics import network_metrics, tie_graph_where
from cosgraph.analysis.views import SOCIAL_TIES
from cosgraph.cli import main
from cosgraph.errors import LoadError
from cosgraph.store import open_store

# betweenness and pagerank of this graph are floats with many digits
NODES = "pid,score\na,0.1234567890123\nb,2\nc,3\nd,4\ne,5\n"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
TIES = "src,dst\na,b\nb,c\nc,a\nc,d\nd,e\ne,b\n"


def _load(tmp_path: Path, *extra: str, nodes: str = NODES) -> str:
    (tmp_path / "n.csv").write_text(nodes)
    (tmp_path / "t.csv").write_text(TIES)
    store = str(tmp_path / "net.lbug")
    args = ["load-network", str(tmp_path / "n.csv"), str(tmp_path / "t.csv")]
    args += ["--id-column", "pid", "--from-column", "src", "--to-column", "dst"]
    result = CliRunner().invoke(main, [*args, *extra, "--store", store])
    assert result.exit_code == 0, result.output
    return store


def _projected(store: str) -> nx.MultiDiGraph:
    s = open_store(store, read_only=True)
    try:
        return s.project()
    finally:
        s.close()


def _library_metrics(store: str) -> dict[str, dict[str, object]]:
    result = network_metrics(tie_graph_where(_projected(store), types=SOCIAL_TIES))
    return {row["id"]: row for row in result.table_rows()}


def test_metrics_csv_and_json_carry_the_library_floats_bit_for_bit(tmp_path: Path):
    store = _load(tmp_path)
    expected = _library_metrics(store)
    base = ["analyze", "metrics", "--audience", "private", "--store", store]
    out_csv = CliRunner().invoke(main, [*base, "--format", "csv"])
    out_json = CliRunner().invoke(main, [*base, "--format", "json"])
    assert out_csv.exit_code == 0 and out_json.exit_code == 0, out_csv.output
    from_csv = {r["id"]: r for r in csv.DictReader(io.StringIO(out_csv.stdout))}
    from_json = {n["id"]: n for n in json.loads(out_json.stdout)["nodes"]}
    compared = 0
    for node, row in expected.items():
        for column in ("betweenness", "closeness", "pagerank", "eigenvector", "clustering"):
            value = row[column]
            assert isinstance(value, float)
            assert float(from_csv[node][column]) == value, (node, column)
            assert from_json[node][column] == value, (node, column)
            compared += len(repr(value)) > 8  # a value a 6-digit cell would have rounded
    assert compared


def test_table_output_still_rounds_for_reading(tmp_path: Path):
    store = _load(tmp_path)
    base = ["analyze", "metrics", "--audience", "private", "--store", store]
    table = CliRunner().invoke(main, [*base, "--format", "table"]).stdout
    assert all(len(cell) <= 12 for line in table.splitlines()[2:] for cell in line.split())


def test_export_csv_reloads_a_float_attribute_identical(tmp_path: Path):
    store = _load(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--format",
            "csv",
            "--audience",
            "private",
            "--output",
            str(out),
            "--store",
            store,
        ],
    )
    assert result.exit_code == 0, result.output
    people = {r["id"]: r for r in csv.DictReader((out / "people.csv").open())}
    assert float(people["a"]["score"]) == 0.1234567890123
    again = tmp_path / "again.lbug"
    reload = CliRunner().invoke(main, ["load", str(out), "--store", str(again)])
    assert reload.exit_code == 0, reload.output
    assert _projected(str(again)).nodes["a"]["score"] == 0.1234567890123


MIXED = "pid,consent\nalice,public\nbob,private\ncarol,public\ndave,coalition\nerin,public\n"
HIDDEN = ("bob", "dave")
TIES_MIXED = "src,dst\nalice,bob\nbob,carol\ncarol,alice\ncarol,dave\ndave,erin\nerin,bob\n"


def _export(store: str, fmt: str, out: Path, audience: str) -> str:
    result = CliRunner().invoke(
        main,
        ["export", "--format", fmt, "--output", str(out), "--audience", audience, "--store", store],
    )
    assert result.exit_code == 0, result.output
    return result.stderr


@pytest.mark.parametrize("audience", ["public", "private"])
def test_graphml_edge_ids_are_unique_and_name_no_hidden_person(tmp_path: Path, audience: str):
    (tmp_path / "n.csv").write_text(MIXED)
    (tmp_path / "t.csv").write_text(TIES_MIXED)
    store = str(tmp_path / "net.lbug")
    args = ["load-network", str(tmp_path / "n.csv"), str(tmp_path / "t.csv")]
    args += ["--id-column", "pid", "--from-column", "src", "--to-column", "dst"]
    assert CliRunner().invoke(main, [*args, "--store", store]).exit_code == 0
    out = tmp_path / "m.graphml"
    _export(store, "graphml", out, audience)
    ids = [e.get("id") for e in ElementTree.parse(out).iter(f"{{{GRAPHML_NS}}}edge")]
    assert len(ids) == 6 and len(set(ids)) == 6 and None not in ids
    G = nx.read_graphml(out, force_multigraph=True)
    assert sorted(k for _, _, k in G.edges(keys=True)) == sorted(ids)
    if audience == "public":
        assert not [i for i in ids if any(name in i for name in HIDDEN)]
    # ids are made again the same way: a second export of the same graph agrees
    _export(store, "graphml", tmp_path / "again.graphml", "private")
    if audience == "private":
        again = ElementTree.parse(tmp_path / "again.graphml").iter(f"{{{GRAPHML_NS}}}edge")
        assert [e.get("id") for e in again] == ids


def test_gexf_edge_ids_are_unique(tmp_path: Path):
    store = _load(tmp_path)
    out = tmp_path / "m.gexf"
    _export(store, "gexf", out, "private")
    G = nx.read_gexf(out)
    ids = [d["id"] for _, _, d in G.edges(data=True)]
    assert len(ids) == 6 and len(set(ids)) == 6


def _people_exported(store: str, tmp_path: Path) -> tuple[set[str], str]:
    out = tmp_path / "pub.json"
    stderr = _export(store, "json", out, "public")
    nodes = json.loads(out.read_text())["nodes"]
    return {n["id"] for n in nodes if n.get("kind") == "person"}, stderr


def test_load_network_consent_public_makes_a_default_export_name_everyone(tmp_path: Path):
    store = _load(tmp_path, "--consent", "public")
    people, stderr = _people_exported(store, tmp_path)
    assert people == {"a", "b", "c", "d", "e"}
    assert "not named" not in stderr


def test_load_network_consent_column_sets_each_persons_consent(tmp_path: Path):
    nodes = "pid,ok\na,public\nb,private\nc,\nd,coalition\ne,public\n"
    store = _load(tmp_path, "--consent-column", "ok", "--consent", "public", nodes=nodes)
    people, stderr = _people_exported(store, tmp_path)
    assert people & set("abcde") == {"a", "c", "e"}
    assert "2 people not named for audience public" in stderr
    assert "--audience coalition" in stderr
    # some hidden person chose private: the consent is recorded, no hint to record one
    assert "load-network --consent" not in stderr


def test_a_bad_consent_cell_is_one_line_naming_the_row(tmp_path: Path):
    (tmp_path / "n.csv").write_text("pid,ok\na,public\nb,everyone\n")
    (tmp_path / "t.csv").write_text("src,dst\na,b\n")
    args = ["load-network", str(tmp_path / "n.csv"), str(tmp_path / "t.csv"), "--id-column"]
    args += ["pid", "--from-column", "src", "--to-column", "dst", "--consent-column", "ok"]
    result = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "x.lbug")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "n.csv, line 3, field 'consent'" in result.output
    assert "consent" in result.output and "everyone" in result.output


def test_export_after_load_network_says_how_to_show_or_record_consent(tmp_path: Path):
    store = _load(tmp_path)
    people, stderr = _people_exported(store, tmp_path)
    assert not people & set("abcde")
    line = next(line for line in stderr.splitlines() if "not named" in line)
    assert line.startswith("5 people not named for audience public")
    assert "--audience coalition shows more" in line
    assert "cosgraph load-network --consent public|coalition|private records it" in line


def test_read_network_takes_consent_for_the_whole_file_or_per_row(tmp_path: Path):
    (tmp_path / "n.csv").write_text("pid,ok\na,private\nb,\n")
    (tmp_path / "t.csv").write_text("src,dst\na,b\n")
    ends = {"id_column": "pid", "from_column": "src", "to_column": "dst"}
    whole = read_network(tmp_path / "n.csv", tmp_path / "t.csv", consent="public", **ends)
    assert {str(n.id): str(n.consent) for n in whole.nodes} == {"a": "public", "b": "public"}
    rows = read_network(
        tmp_path / "n.csv", tmp_path / "t.csv", consent="public", consent_column="ok", **ends
    )
    assert {str(n.id): str(n.consent) for n in rows.nodes} == {"a": "private", "b": "public"}
    with pytest.raises(LoadError, match="unknown consent 'everyone'"):
        read_network(tmp_path / "n.csv", tmp_path / "t.csv", consent="everyone", **ends)

"""Bad input is one clear line (exit code 1), never a traceback: each case on a real file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cosgraph.cli import main

GRAPHML = (
    '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    '<graph edgedefault="directed">{}</graph></graphml>'
)


def _fails_in_one_line(result: Result, expected: str) -> None:
    # CliRunner turns an uncaught exception into exit code 1 too: demand click's own exit
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert expected in result.output, result.output
    problem_lines = [line for line in result.output.splitlines() if expected in line]
    assert len(problem_lines) == 1


def _load(path: Path, tmp_path: Path) -> Result:
    return CliRunner().invoke(main, ["load", str(path), "--store", str(tmp_path / "s.lbug")])


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_deep_nesting(tmp_path: Path, suffix: str):
    path = tmp_path / f"deep{suffix}"
    path.write_text('{"nodes": ' + "[" * 100_000 + "]" * 100_000 + "}")
    _fails_in_one_line(_load(path, tmp_path), f"{path}, line 1: lists and mappings nest more")


@pytest.mark.parametrize("tag", ["!!python/object:os.system {}", "!!python/name:os.system x"])
def test_yaml_tags(tmp_path: Path, tag: str):
    path = tmp_path / "tag.yaml"
    path.write_text(f"nodes:\n  - {{kind: person, id: {tag}}}\n")
    _fails_in_one_line(_load(path, tmp_path), f"{path}, line 2: bad YAML:")


def test_short_row_in_load_network(tmp_path: Path):
    (tmp_path / "n.csv").write_text("id,name\na,A\nb,B\n")
    (tmp_path / "t.csv").write_text("from,to,w\na,b,1\nb\n")
    args = ["load-network", str(tmp_path / "n.csv"), str(tmp_path / "t.csv")]
    args += ["--id-column", "id", "--from-column", "from", "--to-column", "to"]
    result = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "s.lbug")])
    _fails_in_one_line(result, f"{tmp_path / 't.csv'}, line 3, field 'to': is required")


def test_map_into_a_missing_folder(tmp_path: Path, small_map_folder: Path):
    store = str(tmp_path / "s.lbug")
    assert (
        CliRunner().invoke(main, ["load", str(small_map_folder), "--store", store]).exit_code == 0
    )
    target = tmp_path / "missing" / "dir" / "x.html"
    result = CliRunner().invoke(main, ["map", "-o", str(target), "--store", store])
    _fails_in_one_line(result, f"cannot write {target}: No such file or directory")


@pytest.mark.parametrize("param", ["name=x", "limit=3"])
def test_query_param_the_query_does_not_take(tmp_path: Path, small_map_folder: Path, param: str):
    store = str(tmp_path / "s.lbug")
    assert (
        CliRunner().invoke(main, ["load", str(small_map_folder), "--store", store]).exit_code == 0
    )
    args = ["query", "lever_decision_makers", "--param", "lever=soda-tax", "--param", param]
    result = CliRunner().invoke(main, [*args, "--store", store])
    key = param.partition("=")[0]
    _fails_in_one_line(result, f"query 'lever_decision_makers' takes no parameter '{key}'")


def test_graphml_node_without_an_id(tmp_path: Path):
    path = tmp_path / "g.graphml"
    path.write_text(GRAPHML.format('<node id="a"/><node/>'))
    _fails_in_one_line(_load(path, tmp_path), f"{path}, sheet 'nodes', row 2, field 'id'")


def test_graphml_edge_to_an_undeclared_node_is_an_error(tmp_path: Path):
    path = tmp_path / "g.graphml"
    path.write_text(GRAPHML.format('<node id="a"/><edge source="a" target="zz"/>'))
    result = _load(path, tmp_path)
    _fails_in_one_line(result, f"{path}, sheet 'edges', row 1, field 'target': no node 'zz'")
    assert not (tmp_path / "s.lbug").exists()  # and nobody named zz was made up


def test_kumu_id_given_as_a_list(tmp_path: Path):
    path = tmp_path / "kumu.json"
    path.write_text(json.dumps({"elements": [{"id": ["a", "b"], "label": "A"}]}))
    expected = f"{path}, sheet 'elements', row 1, field 'id': must be text or a number"
    _fails_in_one_line(_load(path, tmp_path), expected)

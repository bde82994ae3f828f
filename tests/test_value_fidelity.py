"""Values and ids come in exactly as the researcher gave them (issue 20, DESIGN decision 8).

A column is numeric only when every non-blank value is a plain number; a typed format's
declared types are kept; ``load-network --types`` overrides; ids are compared exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import openpyxl
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map, read_network

from cosgraph.cli import main
from cosgraph.errors import LoadError
from cosgraph.model import CommunityMap, Node
from cosgraph.store import open_store
from tests.conftest import write_folder


def _people(tmp_path: Path, text: str) -> dict[str, Node]:
    cmap: CommunityMap = read_map(write_folder(tmp_path / "map", {"people.csv": text}))
    return cmap.node_index()


# -- a column is typed as a whole --------------------------------------------------------


def test_a_zip_code_column_keeps_its_leading_zeros(tmp_path: Path):
    people = _people(tmp_path, "id,zip\nana,02139\nbo,10001\n")
    assert people["ana"].attributes == {"zip": "02139"}
    assert people["bo"].attributes == {"zip": "10001"}


def test_a_column_mixing_1_and_01_stays_text_as_written(tmp_path: Path):
    people = _people(tmp_path, "id,code\nana,1\nbo,01\ncy,+1\n")
    assert [people[p].attributes["code"] for p in ("ana", "bo", "cy")] == ["1", "01", "+1"]


def test_a_column_of_plain_numbers_is_numeric_and_na_is_blank(tmp_path: Path):
    people = _people(tmp_path, "id,score,age\nana,1,31\nbo,2.5,NA\ncy,NA,\n")
    assert people["ana"].attributes == {"score": 1.0, "age": 31}
    assert type(people["ana"].attributes["score"]) is float  # one type for the column
    assert people["bo"].attributes == {"score": 2.5}
    assert people["cy"].attributes == {}


def test_a_padded_number_makes_its_column_text(tmp_path: Path):
    people = _people(tmp_path, 'id,age\nana,31\nbo," 32"\n')
    assert people["ana"].attributes == {"age": "31"}


def test_a_guarded_cell_is_text_and_so_is_its_column(tmp_path: Path):
    people = _people(tmp_path, "id,code,note\nana,'12,'NA\nbo,13,x\n")
    assert people["ana"].attributes == {"code": "12", "note": "NA"}
    assert people["bo"].attributes == {"code": "13", "note": "x"}


def test_a_workbook_column_mixing_text_codes_and_numbers_is_text(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "People"
    for row in (["id", "zip", "age"], ["ana", "02139", 31], ["bo", 10001, 32]):
        sheet.append(row)
    book.save(tmp_path / "map.xlsx")
    people = read_map(tmp_path / "map.xlsx").node_index()
    assert people["ana"].attributes == {"zip": "02139", "age": 31}
    assert people["bo"].attributes == {"zip": "10001", "age": 32}


# -- typed formats keep their declared types --------------------------------------------

_GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="code" attr.type="string"/>
  <key id="d1" for="node" attr.name="count" attr.type="long"/>
  <key id="d2" for="node" attr.name="share" attr.type="double"/>
  <key id="d3" for="node" attr.name="member" attr.type="boolean"/>
  <key id="d4" for="node" attr.name="note" attr.type="string"/>
  <key id="d5" for="node" attr.name="size" attr.type="int"/>
  <key id="d6" for="node" attr.name="ratio" attr.type="float"/>
  <graph edgedefault="directed">
    <node id="ana"><data key="d0">007</data><data key="d1">3</data><data key="d2">1</data>
      <data key="d3">true</data><data key="d4">NA</data><data key="d5">4</data>
      <data key="d6">0.5</data></node>
    <node id="bo"><data key="d0">12</data><data key="d4">true</data></node>
  </graph>
</graphml>
"""


def test_graphml_keys_keep_their_declared_types(tmp_path: Path):
    path = tmp_path / "g.graphml"
    path.write_text(_GRAPHML)
    people = read_map(path).node_index()
    assert people["ana"].attributes == {
        "code": "007",
        "count": 3,
        "share": 1.0,
        "member": True,
        "note": "NA",
        "size": 4,
        "ratio": 0.5,
    }
    assert people["bo"].attributes == {"code": "12", "note": "true"}
    assert type(people["ana"].attributes["share"]) is float


def test_gexf_string_attributes_stay_text(tmp_path: Path):
    G = nx.DiGraph()
    G.add_node("ana", label="Ana", code="007", note="NA")
    G.add_node("bo", label="Bo", code="12", note="x")
    nx.write_gexf(G, tmp_path / "g.gexf")
    people = read_map(tmp_path / "g.gexf").node_index()
    assert people["ana"].attributes == {"code": "007", "note": "NA"}
    assert people["bo"].attributes == {"code": "12", "note": "x"}


def test_kumu_json_strings_stay_text(tmp_path: Path):
    path = tmp_path / "map.json"
    elements = [{"label": "Ana", "zip": "02139", "age": 31}, {"label": "Bo", "zip": "NA"}]
    path.write_text(json.dumps({"elements": elements, "connections": []}))
    people = read_map(path).node_index()
    assert people["ana"].attributes == {"zip": "02139", "age": 31}
    assert people["bo"].attributes == {"zip": "NA"}


# -- load-network --types ---------------------------------------------------------------


def _files(tmp_path: Path, nodes: str, ties: str = "a,b\nx,y\n") -> tuple[Path, Path]:
    (tmp_path / "n.csv").write_text(nodes)
    (tmp_path / "t.csv").write_text(ties)
    return tmp_path / "n.csv", tmp_path / "t.csv"


def test_load_network_types_override_what_the_values_look_like(tmp_path: Path):
    nodes, ties = _files(tmp_path, "pid,zip,age,ok,w\nx,10001,031,TRUE,2\ny,20002,40,false,3\n")
    cmap = read_network(
        nodes,
        ties,
        id_column="pid",
        from_column="a",
        to_column="b",
        types={"zip": "text", "age": "int", "ok": "bool", "W": "float"},
    )
    people = cmap.node_index()
    assert people["x"].attributes == {"zip": "10001", "age": 31, "ok": True, "w": 2.0}
    assert people["y"].attributes == {"zip": "20002", "age": 40, "ok": False, "w": 3.0}


def _load_network(tmp_path: Path, *extra: str) -> tuple[int, str]:
    args = ["load-network", str(tmp_path / "n.csv"), str(tmp_path / "t.csv")]
    args += ["--id-column", "pid", "--from-column", "a", "--to-column", "b"]
    args += ["--store", str(tmp_path / "s.lbug"), *extra]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_load_network_types_option_types_the_stored_columns(tmp_path: Path):
    _files(tmp_path, "pid,zip\nx,10001\ny,20002\n")
    code, output = _load_network(tmp_path, "--types", "zip=text")
    assert code == 0, output
    store = open_store(tmp_path / "s.lbug", read_only=True)
    try:
        G = store.project()
    finally:
        store.close()
    assert G.nodes["x"]["zip"] == "10001" and G.nodes["y"]["zip"] == "20002"


def test_a_value_that_is_not_its_declared_type_names_file_line_and_field(tmp_path: Path):
    _files(tmp_path, "pid,age\nx,31\ny,about 40\n")
    code, output = _load_network(tmp_path, "--types", "age=int")
    assert code == 1
    expected = f"{tmp_path / 'n.csv'}, line 3, field 'age': 'about 40' is not a whole number"
    assert expected in output and "Traceback" not in output


@pytest.mark.parametrize(
    "spec, message",
    [
        ("age=integer", "--types age=integer: the type must be one of int, float, bool, text"),
        ("age", "--types age: write each column as column=TYPE"),
        ("height=int", "--types names 'height', which is no attribute column"),
        ("name=int", "--types names 'name', which is a field cosgraph types itself"),
    ],
)
def test_a_bad_types_option_is_one_clear_line(tmp_path: Path, spec: str, message: str):
    _files(tmp_path, "pid,name,age\nx,X,31\ny,Y,40\n")
    code, output = _load_network(tmp_path, "--types", spec)
    assert code == 1 and message in output and "Traceback" not in output


def test_a_bad_types_name_comes_in_one_round_with_every_other_problem(tmp_path: Path):
    nodes, ties = _files(tmp_path, "pid,power,age\nx,lots,31\ny,2,40\n", "a,b\nx,y\ny,\n")
    code, output = _load_network(tmp_path, "--types", "height=int,age=int")
    assert code == 1 and "Traceback" not in output
    assert "nothing was loaded: 3 problems" in output
    lines = [line for line in output.splitlines() if line.startswith(str(tmp_path))]
    assert lines[0].startswith(f"{nodes}, line 1, field 'height': --types names 'height'")
    assert lines[1].startswith(f"{nodes}, line 2, field 'power': ")
    assert lines[2] == f"{ties}, line 3, field 'b': is required"


# -- ids are compared exactly -----------------------------------------------------------


def test_an_id_with_spaces_is_reported_with_the_row_it_would_merge_into(tmp_path: Path):
    files = {
        "people.csv": "id,power\nana,1\n ana,2\nbo ,3\ncy,9\n",
        "ties.csv": "type,source,target\nKNOWS,cy ,ana\n",
    }
    folder = write_folder(tmp_path / "map", files)
    with pytest.raises(LoadError) as caught:
        read_map(folder)
    lines = str(caught.value).splitlines()
    people, ties = folder / "people.csv", folder / "ties.csv"
    assert f"{people}, line 3, field 'id': id ' ana' has spaces before or after it" in lines[-3]
    assert lines[-3].endswith(f"'ana', the id of {people}, line 2: remove the spaces")
    assert lines[-2].startswith(f"{people}, line 4, field 'id': id 'bo '")
    assert lines[-1].startswith(f"{ties}, line 2, field 'source': id 'cy '")
    assert any(f"{people}, line 5, field 'power'" in line for line in lines)  # same round
    assert len(lines) == 4


def test_load_network_never_trims_an_end_of_a_tie(tmp_path: Path):
    _files(tmp_path, "pid\nx\ny\n", "a,b\nx, y\n")
    with pytest.raises(LoadError, match=r"t\.csv, line 2, field 'target': id ' y' has spaces"):
        read_network(
            tmp_path / "n.csv", tmp_path / "t.csv", id_column="pid", from_column="a", to_column="b"
        )

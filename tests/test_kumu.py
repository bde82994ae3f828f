"""Kumu: blueprints, Kumu's own JSON export and spreadsheet layout in; blueprints out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map
from cosgraph.loaders.kumu import read_kumu_json

from cosgraph.cli import main
from cosgraph.errors import LoadError
from cosgraph.exports import export_map, kumu_blueprint, user_graph
from cosgraph.overwrite import stamp_json
from cosgraph.store import GraphStore
from tests.conftest import SMALL_MAP_CSV, write_folder

KUMU_EXPORT = Path(__file__).parent / "fixtures" / "session" / "kumu_export.json"


def _blueprint(tmp_path: Path, doc: dict[str, Any], name: str = "map.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_kumu_export_with_nested_attributes_and_element_ids_is_read():
    cmap = read_map(KUMU_EXPORT)
    nodes = cmap.node_index()
    assert {n.id: n.kind for n in cmap.nodes} == {
        "ana-ruiz": "person",
        "maywood-clinic": "organization",
        "soda-tax": "lever",
        "pastor-lee": "person",
    }
    ana = nodes["ana-ruiz"]
    assert ana.name == "Ana Ruiz" and ana.tripod_role == "lived_experience"
    assert ana.attributes == {
        "tags": "youth; garden",
        "description": "Grows food with teens",
        "favorite_dessert": "shave ice",
    }
    assert nodes["pastor-lee"].attributes == {"kumu_type": "Stakeholder"}  # unknown type
    assert nodes["soda-tax"].lever_kind == "policy"
    ties = {(t.type, t.source, t.target): t for t in cmap.ties}
    assert ties["MEMBER_OF", "ana-ruiz", "maywood-clinic"].attributes == {"tags": "since 2021"}
    assert ties["INFLUENCES", "pastor-lee", "soda-tax"].stance == "champion"
    assert ties["KNOWS", "ana-ruiz", "pastor-lee"].attributes == {"direction": "mutual"}
    # the Skill Domain element is the framework's: not loaded, but ties to it are
    assert ("PRACTISES", "ana-ruiz", "LT") in ties


def test_a_kumu_map_loads_into_every_store(store: GraphStore):
    plan = store.write(read_map(KUMU_EXPORT), provenance="kumu")
    assert plan.counts()["created"]["person"] == 2
    assert store.project().has_edge("ana-ruiz", "LT", "PRACTISES")


def test_blueprint_labels_become_names_and_stable_slug_ids(tmp_path: Path):
    doc = {
        "elements": [
            {"label": "Ana Ruiz", "type": "person"},
            {"label": "ana ruiz!", "type": "Organisation"},  # same slug: gets -2
            {"label": "Youth Garden", "type": "Bright Spot", "description": "Teens grow food"},
            {"label": "Idea", "type": ""},  # no type: a person
        ],
        "connections": [
            {"from": "Ana Ruiz", "to": "ana ruiz!", "type": "Partners With", "strength": 3},
            {"from": "Ana Ruiz", "to": "Youth Garden", "type": "ADOPTED", "period": 2},
            {"from": "Ana Ruiz", "to": "Idea", "type": "likes"},
        ],
    }
    cmap = read_map(_blueprint(tmp_path, doc))
    assert [(n.id, n.kind, n.name) for n in cmap.nodes] == [
        ("ana-ruiz", "person", "Ana Ruiz"),
        ("idea", "person", "Idea"),
        ("ana-ruiz-2", "organization", "ana ruiz!"),
        ("youth-garden", "bright_spot", "Youth Garden"),
    ]
    assert cmap.node_index()["youth-garden"].description == "Teens grow food"
    ties = [(t.type, t.source, t.target, t.attributes) for t in cmap.ties]
    assert ties == [
        ("PARTNERS_WITH", "ana-ruiz", "ana-ruiz-2", {}),
        ("ADOPTED", "ana-ruiz", "youth-garden", {}),
        ("KNOWS", "ana-ruiz", "idea", {"kumu_type": "likes"}),
    ]
    assert read_map(_blueprint(tmp_path, doc, "again.json")).model_dump() == cmap.model_dump()


def test_kumu_problems_name_file_list_entry_and_field(tmp_path: Path):
    doc = {
        "elements": [
            {"label": "Hall", "type": "Asset"},  # asset_kind is required
            {"type": "Person"},  # no label
            {"label": "A", "power": 9},
            {"label": "B"},
            {"label": "B"},
        ],
        "connections": [{"from": "A"}, {"from": "A", "to": "B"}, {"from": "A", "to": "Zed"}],
    }
    with pytest.raises(LoadError) as err:
        read_map(_blueprint(tmp_path, doc))
    text = str(err.value)
    assert "map.json, sheet 'elements', row 2, field 'label': an element needs a label" in text
    assert "sheet 'connections', row 1, field 'to': is required" in text
    assert "sheet 'connections', row 2, field 'to': label 'B' names several elements" in text
    doc["elements"] = doc["elements"][:1] + doc["elements"][2:4]
    doc["connections"] = [{"from": "A", "to": "Zed"}]
    with pytest.raises(LoadError) as err:
        read_map(_blueprint(tmp_path, doc)).check_references()
    text = str(err.value)
    assert "sheet 'elements', row 1, field 'asset_kind': is required" in text
    assert "sheet 'elements', row 2, field 'power'" in text


def test_unknown_references_are_located_when_written(tmp_path: Path, store: GraphStore):
    doc = {"elements": [{"label": "A"}], "connections": [{"from": "A", "to": "Zed"}]}
    with pytest.raises(LoadError, match=r"connections', row 1, field 'target': unknown id 'Zed'"):
        store.write(read_map(_blueprint(tmp_path, doc)))


def test_bad_json_is_one_located_error(tmp_path: Path):
    path = tmp_path / "k.json"
    path.write_text('{"elements": [1, {"label": "A"}], "connections": {}}')
    with pytest.raises(LoadError) as err:
        read_kumu_json(path)
    assert "k.json, sheet 'elements', row 1: each entry must be an object" in str(err.value)
    assert "field 'connections': must be a list" in str(err.value)
    path.write_bytes(b'{"elements": [\xff]}')
    with pytest.raises(LoadError, match="is not UTF-8"):
        read_kumu_json(path)


def test_a_json_map_file_is_still_a_map_file(tmp_path: Path):
    path = _blueprint(tmp_path, {"nodes": [{"kind": "person", "id": "ana"}], "ties": []})
    assert [n.id for n in read_map(path).nodes] == ["ana"]


def test_kumu_spreadsheet_layout_is_read(tmp_path: Path):
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Elements"
    ws.append(["Label", "Type", "Description", "Tags", "Tripod Role", "Favorite Dessert"])
    ws.append(["Ana Ruiz", "Person", "Grows food", "youth | garden", "lived_experience", "pie"])
    ws.append(["Maywood Clinic", "Organization", None, None, None, None])
    ws.append(["Church hall", "Asset", None, None, None, None])
    ws["G1"] = "Asset Kind"
    ws["G4"] = "physical_space"
    conn = book.create_sheet("Connections")
    conn.append(["From", "To", "Connection Type", "Tags", "Role"])
    conn.append(["Ana Ruiz", "Maywood Clinic", "member of", "core", "volunteer"])
    conn.append(["Maywood Clinic", "Church hall", "holds", None, None])
    path = tmp_path / "kumu.xlsx"
    book.save(path)
    cmap = read_map(path)
    nodes = cmap.node_index()
    assert nodes["ana-ruiz"].tripod_role == "lived_experience"
    assert nodes["ana-ruiz"].attributes == {
        "description": "Grows food",
        "tags": "youth; garden",
        "favorite_dessert": "pie",
    }
    assert nodes["church-hall"].asset_kind == "physical_space"
    member = next(t for t in cmap.ties if t.type == "MEMBER_OF")
    assert (member.source, member.target, member.role) == (
        "ana-ruiz",
        "maywood-clinic",
        "volunteer",
    )
    assert member.attributes == {"tags": "core"}
    ws["B3"] = "Organization"
    conn["A3"] = "=A2"  # formulas are refused in Kumu sheets too
    book.save(path)
    with pytest.raises(
        LoadError, match="sheet 'Connections', row 3, field 'source': holds a formula"
    ):
        read_map(path)


def test_export_import_round_trip_keeps_labels_types_tags_and_connections(
    tmp_path: Path, store: GraphStore
):
    files = dict(SMALL_MAP_CSV)
    files["people.csv"] = files["people.csv"].replace(",age\n", ",age,tags\n")
    files["people.csv"] = files["people.csv"].replace("public,34\n", 'public,34,"youth; garden"\n')
    store.write(read_map(write_folder(tmp_path / "m", files)), provenance="m")
    G = store.project()
    path = export_map(G, "kumu", tmp_path / "kumu.json", audience="private")
    doc = json.loads(path.read_text())
    ana = next(e for e in doc["elements"] if e["id"] == "ana")
    assert (ana["label"], ana["type"], ana["tags"]) == ("Ana Ruiz", "Person", ["youth", "garden"])
    assert {c["type"] for c in doc["connections"]} >= {"knows", "member of", "adopted"}

    again = read_map(path)
    labels = {n.id: (n.name, n.kind) for n in again.nodes}
    for node_id, data in G.nodes(data=True):
        if data["kind"] in ("domain", "skill", "behavior"):
            continue
        assert labels[node_id] == (data.get("name") or node_id, data["kind"])
    assert again.node_index()["ana"].attributes["tags"] == "youth; garden"
    user_ties = {(k, u, v) for u, v, k in G.edges(keys=True) if k not in ("SUPPORTS", "HAS_SKILL")}
    assert {t.key for t in again.ties} == user_ties
    # and the second trip gives the same blueprint, stamped as cosgraph's (cosgraph.overwrite)
    assert stamp_json(kumu_blueprint(user_graph(G))) == json.loads(path.read_text())


def test_cli_loads_a_kumu_blueprint(tmp_path: Path):
    result = CliRunner().invoke(main, ["load", str(KUMU_EXPORT), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "created: 2 person" in result.output

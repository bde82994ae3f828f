"""YAML is read with the YAML 1.2 core schema, JSON with a JSON parser: ids are never
rewritten, and whatever json.dump writes loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cosgraph.loaders import read_map

from cosgraph.errors import LoadError


def _yaml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("written", ["010", "0x1F", "12:30", "0o17", "1.50", "1e3", "true", "~x"])
def test_a_yaml_id_is_never_rewritten(tmp_path: Path, written: str):
    path = _yaml(
        tmp_path,
        f"nodes:\n  - {{kind: person, id: {written}, name: {written}}}\n"
        f"  - {{kind: organization, id: org}}\n"
        f"ties:\n  - {{type: MEMBER_OF, source: {written}, target: org, role: {written}}}\n",
    )
    m = read_map(path)
    person = m.node_index()[written]
    assert person.name == written
    assert (m.ties[0].source, m.ties[0].role) == (written, written)


def test_yaml_values_follow_the_1_2_core_schema(tmp_path: Path):
    path = _yaml(
        tmp_path,
        "nodes:\n"
        "  - kind: person\n"
        "    id: ana\n"
        "    age: 31\n"
        "    score: -1.5\n"
        "    member: true\n"
        "    answer: yes\n"
        "    light: on\n"
        "    zip: 010\n"
        "    code: 0x1F\n"
        "    start: 12:30\n"
        "  - {kind: bright_spot, id: garden}\n"
        "ties:\n"
        "  - {type: ADOPTED, source: ana, target: garden, date: 2024-05-01}\n",
    )
    m = read_map(path)
    assert m.node_index()["ana"].attributes == {
        "age": 31,
        "score": -1.5,
        "member": True,
        "answer": "yes",
        "light": "on",
        "zip": "010",
        "code": "0x1F",
        "start": "12:30",
    }
    assert m.ties[0].date == "2024-05-01"


def test_what_json_dump_writes_loads(tmp_path: Path):
    document = {
        "nodes": [
            {"kind": "person", "id": "a\tb", "name": "Ana \U0001f600", "age": 31, "w": 0.25},
            {"kind": "person", "id": "10", "name": "=SUM(A1)", "note": "12"},
        ],
        "ties": [{"type": "KNOWS", "source": "a\tb", "target": "10", "strength": 2}],
    }
    path = tmp_path / "m.json"
    path.write_text(json.dumps(document, indent="\t", ensure_ascii=True), "utf-8")
    m = read_map(path)
    people = m.node_index()
    assert people["a\tb"].name == "Ana \U0001f600"  # an escaped surrogate pair
    assert people["a\tb"].attributes == {"age": 31, "w": 0.25}
    assert people["10"].name == "=SUM(A1)"  # text, not a formula
    assert people["10"].attributes == {"note": "12"}  # a JSON string stays text
    assert (m.ties[0].source, m.ties[0].strength) == ("a\tb", 2.0)


def test_a_json_number_id_keeps_its_text(tmp_path: Path):
    path = tmp_path / "m.json"
    path.write_text('{"nodes": [{"kind": "person", "id": 1.50, "age": 1.50}]}', "utf-8")
    person = read_map(path).nodes[0]
    assert (person.id, person.attributes) == ("1.50", {"age": 1.5})


def test_bad_json_names_the_line(tmp_path: Path):
    path = tmp_path / "m.json"
    path.write_text('{\n "nodes": [\n  {"kind": "person", "id": "a",}\n ]\n}\n', "utf-8")
    with pytest.raises(LoadError) as info:
        read_map(path)
    assert str(info.value).startswith(f"{path}, line 3: bad JSON: ")
    assert "\n" not in str(info.value)


def test_json_entries_carry_their_lines(tmp_path: Path):
    path = tmp_path / "m.json"
    entries = [{"kind": "person", "id": "ana"}, {"kind": "person", "id": "bo", "power": 8}]
    path.write_text(json.dumps({"nodes": entries}, indent=1), "utf-8")
    with pytest.raises(LoadError, match=r"m.json, line 7, field 'power'"):
        read_map(path)


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_deep_nesting_is_one_located_problem(tmp_path: Path, suffix: str):
    path = tmp_path / f"m{suffix}"
    path.write_text(
        '{"nodes": [{"kind": "person", "id": "a", "x": ' + "[" * 50_000 + "]" * 50_000 + "}]}"
    )
    with pytest.raises(LoadError, match=r", line 1: lists and mappings nest more than 50 deep$"):
        read_map(path)


def test_yaml_tags_are_refused_with_the_line(tmp_path: Path):
    path = _yaml(tmp_path, "nodes:\n  - {kind: person, id: !!python/name:os.system x}\n")
    with pytest.raises(LoadError) as info:
        read_map(path)
    message = str(info.value)
    assert message.startswith(f"{path}, line 2: bad YAML: ")
    assert "!!python/name:os.system" in message and "\n" not in message

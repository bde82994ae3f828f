"""Loaders: every format into the same model, every bad row named by file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from cosgraph.loaders import read_map, read_network

from cosgraph.errors import LoadError
from tests.conftest import MEDICAL, SMALL_MAP_CSV, write_folder


def test_csv_folder_reads_every_kind_with_fields_and_attributes(small_map_folder: Path):
    m = read_map(small_map_folder)
    nodes = m.node_index()
    assert {n.kind for n in m.nodes} == {
        "person",
        "organization",
        "asset",
        "lever",
        "community",
        "bright_spot",
    }
    assert nodes["bo"].sectors == ["faith", "social_services"]
    assert nodes["ana"].attributes == {"age": 34}
    assert nodes["cy"].attributes == {}
    assert nodes["clinic"].anchor is True
    assert nodes["soda-tax"].needs == {"policy_advocacy": 2.0, "funding": 500.0}
    holds = [t for t in m.ties if t.type == "HOLDS"]
    assert [(t.source, t.target) for t in holds] == [("bo", "hall")]
    adopted = {t.source: t for t in m.ties if t.type == "ADOPTED"}
    assert adopted["bo"].learned_from == "ana" and adopted["bo"].date == "2024-05-01"


def test_every_bad_row_of_every_file_is_reported_at_once(tmp_path: Path):
    files = dict(SMALL_MAP_CSV)
    files["people.csv"] = (
        "id,name,tripod_role,power\nana,Ana,lived_experience,9\nbo,Bo,boss,2\n,Nobody,,1\n"
    )
    files["ties.csv"] = "type,source,target\nKNOWS,ana,ghost\nLIKES,ana,bo\n"
    with pytest.raises(LoadError) as info:
        read_map(write_folder(tmp_path / "bad", files))
    text = str(info.value)
    people = str(tmp_path / "bad" / "people.csv")
    ties = str(tmp_path / "bad" / "ties.csv")
    assert f"{people}, line 2, field 'power': '9' is not a whole number 0–5" in text
    assert f"{people}, line 3, field 'tripod_role'" in text
    assert f"{people}, line 4, field 'id': is required" in text
    assert f"{ties}, line 3, field 'type'" in text
    # read_map checks rows; the reference problems (ghost) join them when a load
    # plans the map against its store (tests/test_session_errors.py)
    assert len(info.value.problems) == 4


def test_unknown_reference_names_the_tie_row(tmp_path: Path):
    # A file may tie to ids loaded earlier, so references are checked against the store
    # at write time; on its own the map names the row.
    files = {
        "people.csv": "id\nana\n",
        "ties.csv": "type,source,target\nKNOWS,ana,ana\nKNOWS,ana,ghost\n",
    }
    m = read_map(write_folder(tmp_path / "f", files))
    with pytest.raises(LoadError, match=r"ties.csv, line 3, field 'target': unknown id 'ghost'"):
        m.check_references()


def test_duplicate_ids_name_both_rows(tmp_path: Path):
    files = {"people.csv": "id,name\nana,A\nbo,B\nana,A again\n"}
    with pytest.raises(LoadError) as info:
        read_map(write_folder(tmp_path / "f", files))
    assert "line 4, field 'id': duplicate id 'ana' (first at" in str(info.value)
    assert "line 2" in str(info.value)


def test_non_utf8_csv_names_file_and_line(tmp_path: Path):
    folder = tmp_path / "latin"
    folder.mkdir()
    (folder / "people.csv").write_bytes("id,name\nana,Ana\njose,Jos\xe9\n".encode("latin-1"))
    with pytest.raises(LoadError, match=r"people.csv, line 3: is not UTF-8"):
        read_map(folder)


def test_unknown_csv_file_in_a_folder_is_an_error(tmp_path: Path):
    folder = write_folder(tmp_path / "f", {"people.csv": "id\na\n", "pepole.csv": "id\nb\n"})
    with pytest.raises(LoadError, match="pepole.csv: unknown file name"):
        read_map(folder)


def test_headers_are_matched_loosely_but_duplicates_refused(tmp_path: Path):
    m = read_map(
        write_folder(
            tmp_path / "a", {"people.csv": "ID, Tripod Role ,Power\nana,formal_leader,2\n"}
        )
    )
    assert m.nodes[0].tripod_role == "formal_leader"
    with pytest.raises(LoadError, match="column appears twice"):
        read_map(write_folder(tmp_path / "b", {"people.csv": "id,name,Name\nana,A,B\n"}))


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_workbook_reads_like_the_csv_folder(tmp_path: Path, small_map_folder: Path):
    import csv

    sheets = {}
    for file in small_map_folder.glob("*.csv"):
        with file.open(encoding="utf-8") as handle:
            sheets[file.stem] = [list(r) for r in csv.reader(handle)]
    sheets["Instructions"] = [["Fill in one row per person."]]
    from_book = read_map(_workbook(tmp_path / "s.xlsx", sheets))
    from_csv = read_map(small_map_folder)
    assert sorted(n.model_dump_json() for n in from_book.nodes) == sorted(
        n.model_dump_json() for n in from_csv.nodes
    )
    assert sorted(t.model_dump_json() for t in from_book.ties) == sorted(
        t.model_dump_json() for t in from_csv.ties
    )


def test_workbook_formula_and_bad_cells_name_sheet_row_and_column(tmp_path: Path):
    path = _workbook(
        tmp_path / "bad.xlsx",
        {"People": [["id", "power", "score"], ["ana", 2, "=1+1"], ["bo", 7, 3]]},
    )
    with pytest.raises(LoadError) as info:
        read_map(path)
    text = str(info.value)
    assert "sheet 'People', row 2, field 'score': holds a formula" in text
    assert "sheet 'People', row 3, field 'power'" in text


def test_a_file_that_is_not_a_workbook_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LoadError, match="is not a readable .xlsx workbook"):
        read_map(path)


def _damaged_copy(path: Path, part: str, old: bytes, new: bytes) -> Path:
    """``path`` rewritten with ``old`` replaced by ``new`` in its zip member ``part``."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    assert old in parts[part]
    parts[part] = parts[part].replace(old, new, 1)
    damaged = path.with_name("damaged-" + path.name)
    with zipfile.ZipFile(damaged, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return damaged


@pytest.mark.parametrize(
    ("part", "old", "new", "message"),
    [
        # openpyxl raises TypeError for an attribute its schema does not know ...
        ("xl/workbook.xml", b"<sheet ", b'<sheet foo="1" ', "is not a readable .xlsx workbook"),
        ("xl/worksheets/sheet1.xml", b"sqref=", b"syref=", "cannot be read"),
        # ... KeyError for a missing relationship, ParseError for broken XML
        ("xl/workbook.xml", b'r:id="rId1"', b'r:id="rId99"', "is not a readable .xlsx workbook"),
        ("xl/worksheets/sheet1.xml", b"<sheetData>", b"<sheetData><<", "cannot be read"),
    ],
)
def test_a_corrupted_workbook_is_a_load_error_naming_it(
    tmp_path: Path, part: str, old: bytes, new: bytes, message: str
):
    good = _workbook(tmp_path / "s.xlsx", {"people": [["id"], ["ana"]]})
    damaged = _damaged_copy(good, part, old, new)
    with pytest.raises(LoadError, match=message) as info:
        read_map(damaged)
    assert str(damaged) in str(info.value)


@pytest.mark.parametrize("bug", [TypeError, AttributeError])
def test_a_bug_in_reading_rows_surfaces_instead_of_blaming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bug: type[Exception]
):
    """Only openpyxl's work is read as "the file is broken"; our own errors are not."""
    path = _workbook(tmp_path / "s.xlsx", {"people": [["id"], ["ana"]]})

    def broken_cell_value(cell: object) -> object:
        raise bug("a bug in cosgraph, not in the file")

    monkeypatch.setattr("cosgraph.loaders.tables._cell_value", broken_cell_value)
    with pytest.raises(bug, match="a bug in cosgraph"):
        read_map(path)


def test_yaml_and_json_maps_carry_line_numbers(tmp_path: Path):
    good = tmp_path / "m.yaml"
    good.write_text(
        "nodes:\n"
        "  - {kind: person, id: ana, name: Ana, shoe_size: 38}\n"
        "  - {kind: organization, id: clinic, sector: health_care}\n"
        "ties:\n"
        "  - {type: MEMBER_OF, source: ana, target: clinic}\n"
    )
    m = read_map(good)
    assert m.node_index()["ana"].attributes == {"shoe_size": 38}
    bad = tmp_path / "m.json"
    bad.write_text(
        json.dumps(
            {
                "nodes": [
                    {"kind": "person", "id": "ana"},
                    {"kind": "person", "id": "bo", "power": 8},
                ],
                "ties": [],
            },
            indent=1,
        )
    )
    with pytest.raises(LoadError, match=r"m.json, line 7, field 'power'"):
        read_map(bad)


def test_load_network_types_attributes_and_merges_relations():
    data = MEDICAL
    m = read_network(
        data / "physicians.csv",
        data / "ties.csv",
        id_column="physician_id",
        from_column="from_physician",
        to_column="to_physician",
    )
    people = m.node_index()
    assert len(people) == 125
    assert len(m.ties) == 294  # the union graph: distinct directed pairs
    assert people["c1-001"].attributes["adoption_month"] == 1
    assert "adoption_month" not in people["c1-003"].attributes or isinstance(
        people["c1-003"].attributes["adoption_month"], int
    )
    relations = {t.attributes["relation"] for t in m.ties}
    assert any("; " in r for r in relations)


def test_load_network_columns_narrow_the_attributes(tmp_path: Path):
    (tmp_path / "n.csv").write_text("pid,city,month,junk\na,1,3,x\nb,2,,y\n")
    (tmp_path / "t.csv").write_text("src,dst,relation,weight_note\na,b,advice,z\n")
    m = read_network(
        tmp_path / "n.csv",
        tmp_path / "t.csv",
        id_column="pid",
        from_column="src",
        to_column="dst",
        columns=["city", "relation"],
    )
    assert m.node_index()["a"].attributes == {"city": 1}
    assert m.ties[0].attributes == {"relation": "advice"}


def test_load_network_missing_id_column_is_named(tmp_path: Path):
    (tmp_path / "n.csv").write_text("pid,city\na,1\n")
    (tmp_path / "t.csv").write_text("src,dst\na,a\n")
    with pytest.raises(LoadError, match=r"n.csv, line 1, field 'physician_id': no id column"):
        read_network(
            tmp_path / "n.csv",
            tmp_path / "t.csv",
            id_column="physician_id",
            from_column="src",
            to_column="dst",
        )


def _network(tmp_path: Path, nodes: str, ties: str, **options: object):
    (tmp_path / "n.csv").write_text(nodes)
    (tmp_path / "t.csv").write_text(ties)
    settings: dict[str, object] = {"id_column": "pid", "from_column": "a", "to_column": "b"}
    settings.update(options)
    return read_network(tmp_path / "n.csv", tmp_path / "t.csv", **settings)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "nodes, ties, field",
    [
        ("pid,id\nx,other\ny,more\n", "a,b\nx,y\n", "'id'"),
        ("pid,kind\nx,organization\ny,organization\n", "a,b\nx,y\n", "'kind'"),
        ("pid\nx\ny\n", "a,b,type\nx,y,TRUSTS\n", "'type'"),
        ("pid\nx\ny\n", "a,b,target\nx,y,x\n", "'target'"),
        ("pid\nx\ny\n", "a,b,source\nx,y,y\n", "'source'"),
    ],
)
def test_load_network_column_never_overrides_an_option(
    tmp_path: Path, nodes: str, ties: str, field: str
):
    with pytest.raises(LoadError, match=rf"\.csv, line 1, field {field}: --[a-z-]+ sets the"):
        _network(tmp_path, nodes, ties, tie_type="KNOWS")


def test_load_network_options_win_when_columns_leaves_the_clash_out(tmp_path: Path):
    m = _network(
        tmp_path,
        "pid,id,city\nx,other,1\ny,more,2\n",
        "a,b,type,target,w\nx,y,TRUSTS,x,3\n",
        tie_type="KNOWS",
        columns=["city", "w"],
    )
    assert sorted(m.node_index()) == ["x", "y"]
    assert [(t.type, t.source, t.target, t.attributes) for t in m.ties] == [
        ("KNOWS", "x", "y", {"w": 3})
    ]


def test_load_network_id_column_named_id_is_the_id(tmp_path: Path):
    ends = {"id_column": "id", "from_column": "source", "to_column": "target"}
    m = _network(tmp_path, "id,city\nx,1\ny,2\n", "source,target\nx,y\n", **ends)
    assert sorted(m.node_index()) == ["x", "y"] and m.ties[0].target == "y"


def test_load_network_short_row_names_the_row_and_the_missing_end(tmp_path: Path):
    with pytest.raises(LoadError) as info:
        _network(tmp_path, "pid\nx\ny\n", "a,b,w\nx,y,1\ny\n")
    assert str(info.value) == "t.csv, line 3, field 'b': is required".replace(
        "t.csv", str(tmp_path / "t.csv")
    )

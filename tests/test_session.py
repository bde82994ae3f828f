"""Asset-mapping sessions: the template, filling it, reloading, pruning, diff, progress."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map
from openpyxl.utils import get_column_letter

from cosgraph.cli import main
from cosgraph.cli.session import load_progress, register
from cosgraph.errors import LoadError
from cosgraph.session import (
    CAPABILITY_LIST,
    LISTS,
    TEMPLATE_COLUMNS,
    capability_vocabulary,
    diff_maps,
    write_template,
)
from cosgraph.store import open_store

if "template" not in main.commands:  # until cosgraph.cli wires register(main) itself
    register(main)

#: Rows a facilitator's room might write, sheet -> rows (header order of the template).
FILLED: dict[str, list[list[Any]]] = {
    "people": [
        ["ana-r", "Ana Ruiz", "lived_experience", "resident; faith", "Maywood", 1, 5, "public"],
        ["bo-c", "Bo Chen", "community_connector", "faith", "Bellwood", 3, 4, None],
        ["cy-o", "Cy Okafor", "formal_leader", "government", None, 5, 2, "private"],
    ],
    "organizations": [["clinic", "Maywood Clinic", "health_care", "true", 4, 3]],
    "assets": [["church-hall", "Church hall", "physical_space", "meeting_space", 2, "bo-c"]],
    "levers": [["soda-tax", "Soda tax", "policy", "policy_advocacy=2; funding=500"]],
    "communities": [["maywood", "Maywood", "Maywood IL", "pacesetter"]],
    "peer_teams": [["team-a", "Team A"]],
    "bright_spots": [["garden", "Youth garden", "bright_spot", "Teens grow food"]],
    "ties": [
        ["KNOWS", "ana-r", "bo-c", 3, None, None, None, None, None],
        ["MEMBER_OF", "cy-o", "clinic", None, "board chair", None, None, None, None],
        ["INFLUENCES", "bo-c", "soda-tax", None, None, "champion", None, None, None],
        ["MEMBER_OF", "maywood", "team-a", None, None, None, None, None, None],
        ["ADOPTED", "ana-r", "garden", None, None, None, 2, None, None],
    ],
}


def fill_template(path: Path, rows: dict[str, list[list[Any]]] = FILLED) -> Path:
    """Write the template to ``path`` and fill it as a room would, with openpyxl."""
    write_template(path)
    return fill_workbook(path, rows)


def fill_workbook(path: Path, rows: dict[str, list[list[Any]]]) -> Path:
    """Append ``rows`` (sheet -> rows) to the workbook at ``path``, as a room would."""
    book = openpyxl.load_workbook(path)
    for sheet, sheet_rows in rows.items():
        for row in sheet_rows:
            book[sheet].append(row)
    book.save(path)
    return path


def edit_workbook(path: Path, sheet: str, match: str, values: list[Any] | None) -> None:
    """Replace (or, with ``values=None``, delete) the row whose first cells start ``match``."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    for row in ws.iter_rows(min_row=2):
        key = ",".join(str(c.value) for c in row[:3])
        if key.startswith(match):
            if values is None:
                ws.delete_rows(row[0].row)
            else:
                for cell, value in zip(row, values, strict=False):
                    cell.value = value
            break
    else:
        raise AssertionError(f"no row {match!r} in {sheet}")
    book.save(path)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_template_has_every_sheet_with_its_columns_and_hidden_lists(tmp_path: Path):
    path = write_template(tmp_path / "session.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Instructions" and book.sheetnames[-1] == "Lists"
    assert book["Lists"].sheet_state == "hidden"
    for sheet, columns in TEMPLATE_COLUMNS.items():
        header = [c.value for c in next(book[sheet].iter_rows(max_row=1))]
        assert header == columns, sheet
    lists = {col[0].value: [c.value for c in col[1:] if c.value] for col in book["Lists"].columns}
    assert lists == {**LISTS, CAPABILITY_LIST: capability_vocabulary()}
    assert "SUPPORTS" not in lists["tie_type"] and "ADOPTED" in lists["tie_type"]


def test_template_offers_a_dropdown_for_every_enumeration(tmp_path: Path):
    book = openpyxl.load_workbook(write_template(tmp_path / "session.xlsx"))
    expected = {  # (sheet, column) -> the list its drop-down offers
        ("people", "tripod_role"): "tripod_role",
        ("people", "sectors"): "sector",
        ("people", "consent"): "consent",
        ("organizations", "sector"): "sector",
        ("assets", "asset_kind"): "asset_kind",
        ("levers", "lever_kind"): "lever_kind",
        ("communities", "learning_role"): "learning_role",
        ("bright_spots", "spot_kind"): "spot_kind",
        ("ties", "type"): "tie_type",
        ("ties", "stance"): "stance",
    }
    for (sheet, column), list_name in expected.items():
        letter = get_column_letter(TEMPLATE_COLUMNS[sheet].index(column) + 1)
        found = [
            dv
            for dv in book[sheet].data_validations.dataValidation
            if dv.type == "list" and any(str(r).startswith(f"{letter}2:") for r in dv.sqref.ranges)
        ]
        assert len(found) == 1, (sheet, column)
        ref = found[0].formula1.replace("'", "")
        list_letter = get_column_letter(list(LISTS).index(list_name) + 1)
        assert ref == f"Lists!${list_letter}$2:${list_letter}${len(LISTS[list_name]) + 1}"
        assert found[0].showErrorMessage is ((sheet, column) != ("people", "sectors"))
    scores = [dv for dv in book["people"].data_validations.dataValidation if dv.type == "whole"]
    assert [(dv.formula1, dv.formula2) for dv in scores] == [("0", "5"), ("0", "5")]


def test_instructions_explain_consent_and_show_an_example_for_every_sheet(tmp_path: Path):
    book = openpyxl.load_workbook(write_template(tmp_path / "session.xlsx"))
    text = "\n".join(str(c.value) for c in book["Instructions"]["A"] if c.value)
    assert "consent" in text and "private" in text and "coalition" in text
    for sheet in TEMPLATE_COLUMNS:
        assert any(line.startswith(f"{sheet}:") and "Example" in line for line in text.split("\n"))
    for sheet in TEMPLATE_COLUMNS:  # examples live in the instructions, never the data
        assert book[sheet].max_row == 1


def test_a_filled_template_loads_through_the_cli(runner: CliRunner, tmp_path: Path):
    path = fill_template(tmp_path / "session.xlsx")
    store = str(tmp_path / "s.lbug")
    result = runner.invoke(main, ["load", str(path), "--store", store])
    assert result.exit_code == 0, result.output
    assert "created: 3 person" in result.output
    s = open_store(store)
    try:
        G = s.project()
    finally:
        s.close()
    assert G.nodes["ana-r"]["sectors"] == ["resident", "faith"]
    assert G.nodes["bo-c"]["consent"] == "coalition"  # blank takes the default
    assert G.nodes["clinic"]["anchor"] is True
    assert G.nodes["soda-tax"]["needs"] == {"policy_advocacy": 2.0, "funding": 500.0}
    assert G.has_edge("bo-c", "church-hall", "HOLDS")
    assert G.edges["cy-o", "clinic", "MEMBER_OF"]["role"] == "board chair"
    assert G.nodes["ana-r"]["provenance"] == str(path)
    again = runner.invoke(main, ["load", str(path), "--store", store])
    assert "nothing to change" in again.output


def test_a_bad_cell_names_sheet_row_and_column(runner: CliRunner, tmp_path: Path):
    rows = {**FILLED, "people": [*FILLED["people"], ["dee", "Dee", "mayor", None, None, 9]]}
    path = fill_template(tmp_path / "session.xlsx", rows)
    result = runner.invoke(main, ["load", str(path), "--store", str(tmp_path / "s.lbug")])
    assert result.exit_code == 1
    assert "sheet 'people', row 5, field 'tripod_role'" in result.output
    assert "sheet 'people', row 5, field 'power'" in result.output


def test_reload_reports_removed_rows_and_prune_removes_them(runner: CliRunner, tmp_path: Path):
    path = fill_template(tmp_path / "session.xlsx")
    store = str(tmp_path / "s.lbug")
    assert runner.invoke(main, ["load", str(path), "--store", store]).exit_code == 0
    edit_workbook(path, "people", "cy-o", None)
    edit_workbook(path, "ties", "MEMBER_OF,cy-o", None)
    edit_workbook(path, "people", "bo-c", ["bo-c", "Bo Chen", "formal_leader"])

    kept = runner.invoke(main, ["load", str(path), "--store", store, "--audience", "private"])
    assert kept.exit_code == 0, kept.output
    assert "updated: 1 person" in kept.output
    assert "no longer in the file (kept; --prune removes them): 1 person, 1 MEMBER_OF" in (
        kept.output
    )
    assert "  person cy-o" in kept.output and "  MEMBER_OF cy-o -> clinic" in kept.output
    assert "cy-o" in _ids(store)

    dry = runner.invoke(
        main, ["load", str(path), "--store", store, "--prune", "--dry-run", "--audience", "private"]
    )
    assert "would be removed: 1 person" in dry.output and "would be removed: 1 MEMBER_OF" in (
        dry.output
    )
    assert "cy-o" in _ids(store)

    same_file = f"{path.parent}/./{path.name}"  # another spelling of the same source
    pruned = runner.invoke(main, ["load", same_file, "--store", store, "--prune"])
    assert pruned.exit_code == 0, pruned.output
    assert "removed: 1 person" in pruned.output and "removed 1 nodes and 1 ties" in pruned.output
    assert "cy-o" not in _ids(store)
    assert (
        "nothing to change"
        in runner.invoke(main, ["load", str(path), "--store", store, "--prune"]).output
    )


def test_load_report_as_json_lists_every_change(runner: CliRunner, tmp_path: Path):
    path = fill_template(tmp_path / "session.xlsx")
    store = str(tmp_path / "s.lbug")
    runner.invoke(main, ["load", str(path), "--store", store])
    edit_workbook(path, "ties", "KNOWS,ana-r,bo-c", None)
    result = runner.invoke(
        main, ["load", str(path), "--store", store, "--format", "json", "--audience", "private"]
    )
    report = json.loads(result.output)
    assert report["counts"]["would_remove"] == {"KNOWS": 1}
    assert report["changes"] == [
        {"action": "would remove", "what": "KNOWS", "id": "ana-r -> bo-c", "fields": ""}
    ]


def _ids(store: str) -> dict[str, str]:
    s = open_store(store)
    try:
        return s.ids()
    finally:
        s.close()


def test_diff_lists_creates_updates_with_fields_and_removals(runner: CliRunner, tmp_path: Path):
    old = fill_template(tmp_path / "old.xlsx")
    new = fill_template(tmp_path / "new.xlsx")
    edit_workbook(new, "people", "cy-o", None)
    edit_workbook(new, "ties", "MEMBER_OF,cy-o", None)
    edit_workbook(new, "people", "bo-c", ["bo-c", "Bo Chen", "formal_leader", "faith", "Oak Park"])
    book = openpyxl.load_workbook(new)
    book["people"].append(["dee", "Dee Park", "lived_experience"])
    book["ties"].append(["KNOWS", "dee", "ana-r", 4, None, None, None, None, None])
    book.save(new)
    plan = diff_maps(old, new)
    assert [(n.action, n.id) for n in plan.nodes] == [("update", "bo-c"), ("create", "dee")]
    assert plan.nodes[0].changed == ("tripod_role", "neighbourhood")
    assert [n.id for n in plan.removed_nodes] == ["cy-o"]
    assert [(t.type, t.source) for t in plan.removed_ties] == [("MEMBER_OF", "cy-o")]

    result = runner.invoke(
        main, ["diff", str(old), str(new), "--format", "json", "--audience", "private"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {
        "action": "update",
        "what": "person",
        "id": "bo-c",
        "fields": "tripod_role: community_connector → formal_leader; "
        "neighbourhood: Bellwood → Oak Park",
    } in rows
    # A new person or tie lists what it fills, never its empty columns (issue 19).
    by_id = {r["id"]: r["fields"] for r in rows}
    assert by_id["dee"].split(", ")[:2] == ["name", "tripod_role"]
    assert "neighbourhood" not in by_id["dee"] and "id" not in by_id["dee"].split(", ")
    assert by_id["dee -> ana-r"] == "strength"
    assert {"action": "remove", "what": "person", "id": "cy-o", "fields": ""} in rows
    same = runner.invoke(main, ["diff", str(old), str(old)])
    assert same.output.startswith("no changes")


def test_diff_of_a_broken_file_is_one_clear_error(runner: CliRunner, tmp_path: Path):
    old = fill_template(tmp_path / "old.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    result = runner.invoke(main, ["diff", str(old), str(broken)])
    assert result.exit_code == 1
    assert "broken.xlsx: is not a readable .xlsx workbook" in result.output
    assert "Traceback" not in result.output


def test_template_and_read_map_agree_on_every_column(tmp_path: Path):
    """Every template column is a field the loader fills (none becomes a stray attribute)."""
    full = {
        "people": [["p", "P", "formal_leader", "faith", "X", 1, 1, "public"]],
        "organizations": [["o", "O", "faith", "false", 1, 1]],
        "assets": [["a", "A", "financial", "funding", 5, "p"]],
        "levers": [["l", "L", "system", "funding=1"]],
        "communities": [["c", "C", "Here", "mentor"]],
        "peer_teams": [["t", "T"]],
        "bright_spots": [["b", "B", "practice", "d"]],
        "ties": [["ADOPTED", "p", "b", None, None, None, 1, "2024-01-02", "p"]],
    }
    cmap = read_map(fill_template(tmp_path / "s.xlsx", full))
    assert all(not n.attributes for n in cmap.nodes)
    assert all(not t.attributes for t in cmap.ties)


def test_progress_bar_only_on_a_terminal_and_only_for_long_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import io

    folder = tmp_path / "big"
    folder.mkdir()
    lines = ["id,name"] + [f"p{i},Person {i}" for i in range(6_000)]
    (folder / "people.csv").write_text("\n".join(lines) + "\n")

    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", quiet)
    with load_progress() as progress:
        read_map(folder, progress=progress)
    assert quiet.getvalue() == ""  # not a terminal

    master, slave = _terminal()
    terminal = open(slave, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stderr", terminal)
    try:
        with load_progress() as progress:
            cmap = read_map(folder, progress=progress)
        terminal.flush()
        drawn = _drain(master)
    finally:
        terminal.close()
        os.close(master)
    assert len(cmap.nodes) == 6_000
    assert "checking rows" in drawn and "/6000 " in drawn

    master, slave = _terminal()
    terminal = open(slave, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stderr", terminal)
    try:
        with load_progress() as progress:
            read_map(_small(tmp_path), progress=progress)
        terminal.write("end")
        terminal.flush()
        drawn = _drain(master)
    finally:
        terminal.close()
        os.close(master)
    assert drawn == "end"  # a short load draws nothing, even on a terminal


def _terminal() -> tuple[int, int]:
    """A pseudo-terminal of 24 rows by 80 columns, as a person's terminal would be."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return master, slave


def _drain(master: int) -> str:
    """Everything written to the terminal so far (never blocks)."""
    import select

    chunks = []
    while select.select([master], [], [], 0.2)[0]:
        chunks.append(os.read(master, 65536))
    return b"".join(chunks).decode("utf-8", "replace")


def _small(tmp_path: Path) -> Path:
    return fill_template(tmp_path / "small.xlsx")


def test_load_of_an_unknown_sheet_is_refused_with_the_sheet_named(tmp_path: Path):
    path = fill_template(tmp_path / "session.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("volunteers").append(["id"])
    book.save(path)
    with pytest.raises(LoadError, match="sheet 'volunteers': unknown sheet"):
        read_map(path)


def test_a_whole_session_round_trip_from_the_cli(runner: CliRunner, tmp_path: Path):
    """template -> filled workbook -> load -> edit -> reload -> diff -> map and export."""
    blank = tmp_path / "blank.xlsx"
    assert runner.invoke(main, ["template", "-o", str(blank)]).exit_code == 0
    path = fill_template(tmp_path / "session.xlsx")
    monday = tmp_path / "monday.xlsx"
    monday.write_bytes(path.read_bytes())
    store = str(tmp_path / "s.lbug")
    assert runner.invoke(main, ["load", str(path), "--store", store]).exit_code == 0
    edit_workbook(path, "people", "bo-c", ["bo-c", "Bo Chen", "formal_leader"])
    reload = runner.invoke(main, ["load", str(path), "--store", store])
    assert "updated: 1 person" in reload.output
    diff = runner.invoke(main, ["diff", str(monday), str(path), "--audience", "private"])
    assert diff.exit_code == 0 and "bo-c" in diff.output and "tripod_role" in diff.output
    html = tmp_path / "map.html"
    drawn = runner.invoke(main, ["map", "--view", "power", "-o", str(html), "--store", store])
    assert drawn.exit_code == 0, drawn.output
    exported = tmp_path / "map.json"
    out = runner.invoke(main, ["export", "--format", "json", "-o", str(exported), "--store", store])
    assert out.exit_code == 0, out.output
    s = open_store(store)
    try:
        people = {n: d for n, d in s.project().nodes(data=True) if d["kind"] == "person"}
    finally:
        s.close()
    hidden = [d["name"] for d in people.values() if d.get("consent") != "public" and d.get("name")]
    assert hidden, "the fixture must hold someone who is not public"
    for text in (html.read_text(encoding="utf-8"), exported.read_text(encoding="utf-8")):
        assert not [name for name in hidden if name in text]
    assert json.loads(exported.read_text())["nodes"]

"""A session named with ``--source``: dated copies of a workbook are one source.

From the facilitator's side: the CLI on real .xlsx workbooks (the template, filled in
with openpyxl as a room would), Monday's copy loaded, then Friday's with three edits
and one person gone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cosgraph.cli import main
from cosgraph.provenance import provenance_of
from cosgraph.store import open_store
from tests.test_session import edit_workbook, fill_template

SOURCE = "coalition-2026"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _week(folder: Path) -> tuple[Path, Path]:
    """Monday's workbook and Friday's copy: 3 edits, Cy Okafor and her tie gone."""
    monday = fill_template(folder / "session-monday.xlsx")
    friday = folder / "session-friday.xlsx"
    shutil.copy(monday, friday)
    edit_workbook(friday, "people", "bo-c", ["bo-c", "Bo Chen", "formal_leader"])
    edit_workbook(
        friday,
        "people",
        "ana-r",
        ["ana-r", "Ana Ruiz", "lived_experience", "resident; faith", "Oak Park"],
    )
    edit_workbook(friday, "levers", "soda-tax", ["soda-tax", "Sugary drinks tax"])
    edit_workbook(friday, "people", "cy-o", None)
    edit_workbook(friday, "ties", "MEMBER_OF,cy-o", None)
    return monday, friday


def _load(runner: CliRunner, path: Path, store: Path, *options: str) -> str:
    result = runner.invoke(
        main, ["load", str(path), "--store", str(store), *options, "--audience", "private"]
    )
    assert result.exit_code == 0, result.output
    return result.output


def _stored(store: Path) -> dict[str, dict[str, object]]:
    s = open_store(store, read_only=True)
    try:
        G = s.project()
    finally:
        s.close()
    return {n: dict(d) for n, d in G.nodes(data=True) if d["kind"] not in FRAMEWORK}


FRAMEWORK = ("domain", "skill", "behavior")


def test_a_dated_copy_under_one_source_reports_only_its_edits_and_the_deletion(
    runner: CliRunner, tmp_path: Path
):
    monday, friday = _week(tmp_path)
    store = tmp_path / "s.lbug"
    _load(runner, monday, store, "--source", SOURCE)
    report = _load(runner, friday, store, "--source", SOURCE)
    assert report.splitlines() == [
        "updated: 1 lever",
        "updated: 2 person",
        "changed 3 nodes and 0 ties; 5 nodes and 5 ties unchanged",
        "no longer in the file (kept; --prune removes them): 1 person, 1 MEMBER_OF",
        "  person cy-o",
        "  MEMBER_OF cy-o -> clinic",
    ]
    nodes = _stored(store)
    assert "cy-o" in nodes  # kept until --prune
    assert nodes["bo-c"]["provenance"] == f"source:{SOURCE} from {friday}"
    assert nodes["clinic"]["provenance"] == f"source:{SOURCE} from {monday}"  # untouched
    assert _load(runner, friday, store, "--source", SOURCE).splitlines()[0] == (
        "nothing to change (8 nodes, 5 ties as stored)"
    )


def test_prune_under_a_named_source_removes_what_the_newer_copy_dropped(
    runner: CliRunner, tmp_path: Path
):
    monday, friday = _week(tmp_path)
    store = tmp_path / "s.lbug"
    _load(runner, monday, store, "--source", SOURCE)
    before = _stored(store)

    dry = _load(runner, friday, store, "--source", SOURCE, "--prune", "--dry-run")
    assert "would remove 1 nodes and 1 ties" in dry
    assert _stored(store) == before

    pruned = _load(runner, friday, store, "--source", SOURCE, "--prune")
    assert "removed 1 nodes and 1 ties" in pruned
    nodes = _stored(store)
    assert "cy-o" not in nodes
    assert nodes["bo-c"]["tripod_role"] == "formal_leader"


def test_pruning_a_named_source_never_touches_another_sources_rows(
    runner: CliRunner, tmp_path: Path
):
    monday, friday = _week(tmp_path)
    store = tmp_path / "s.lbug"
    other = fill_template(
        tmp_path / "other.xlsx",
        {"people": [["dee", "Dee Park"]], "ties": [["KNOWS", "dee", "ana-r"]]},
    )
    plain = fill_template(tmp_path / "plain.xlsx", {"people": [["eli", "Eli Stone"]]})
    _load(runner, monday, store, "--source", SOURCE)
    _load(runner, other, store, "--source", "other-room")
    _load(runner, plain, store)

    _load(runner, friday, store, "--source", SOURCE, "--prune")
    nodes = _stored(store)
    assert {"dee", "eli"} <= set(nodes) and "cy-o" not in nodes
    assert nodes["dee"]["provenance"] == f"source:other-room from {other}"
    assert "nothing to change" in _load(runner, other, store, "--source", "other-room", "--prune")
    assert "nothing to change" in _load(runner, plain, store, "--prune")


def test_a_dated_copy_without_source_is_still_a_new_source(runner: CliRunner, tmp_path: Path):
    monday, friday = _week(tmp_path)
    store = tmp_path / "s.lbug"
    _load(runner, monday, store)
    report = _load(runner, friday, store, "--prune")
    assert "removed" not in report  # friday.xlsx never put cy-o in
    assert "cy-o" in _stored(store)


def test_diff_with_source_compares_the_stores_rows_with_a_file(runner: CliRunner, tmp_path: Path):
    monday, friday = _week(tmp_path)
    store = tmp_path / "s.lbug"
    _load(runner, monday, store, "--source", SOURCE)
    before = _stored(store)
    result = runner.invoke(
        main,
        [
            "diff",
            "--source",
            SOURCE,
            str(friday),
            "--store",
            str(store),
            "--format",
            "json",
            "--audience",
            "private",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {(r["action"], r["what"], r["id"]) for r in rows} == {
        ("update", "person", "bo-c"),
        ("update", "person", "ana-r"),
        ("update", "lever", "soda-tax"),
        ("remove", "person", "cy-o"),
        ("remove", "MEMBER_OF", "cy-o -> clinic"),
    }
    assert _stored(store) == before
    same = runner.invoke(main, ["diff", "--source", SOURCE, str(monday), "--store", str(store)])
    assert same.output.startswith("no changes"), same.output
    files = runner.invoke(
        main, ["diff", str(monday), str(friday), "--format", "json", "--audience", "private"]
    )
    assert sorted(json.loads(files.output), key=str) == sorted(rows, key=str)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", SOURCE, "a.xlsx", "b.xlsx"], "with --source, diff takes only NEW"),
        (["a.xlsx"], "diff takes OLD and NEW (or --source NAME and NEW)"),
        (["--source", "my room", "a.xlsx"], "source name 'my room' must be letters"),
    ],
)
def test_diff_and_load_refuse_a_wrong_call_in_one_line(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
):
    fill_template(tmp_path / "a.xlsx")
    fill_template(tmp_path / "b.xlsx")
    paths = [str(tmp_path / a) if a.endswith(".xlsx") else a for a in args]
    result = runner.invoke(main, ["diff", *paths, "--store", str(tmp_path / "s.lbug")])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    bad = runner.invoke(main, ["load", str(tmp_path / "a.xlsx"), "--source", "x/y"])
    assert bad.exit_code == 2 and "source name 'x/y' must be letters" in bad.output


def test_the_file_a_named_source_was_loaded_from_is_still_protected(
    runner: CliRunner, tmp_path: Path
):
    """An export never writes over the copy a named source was last loaded from.

    The copies are cosgraph's own JSON (stamped), so only the load-source rule
    protects them.
    """
    monday = tmp_path / "monday.json"
    friday = tmp_path / "friday.json"
    people = [{"kind": "person", "id": "ana", "name": "Ana"}, {"kind": "person", "id": "bo"}]
    monday.write_text(json.dumps({"generator": "cosgraph", "nodes": people}))
    people[0]["name"] = "Ana Ruiz"
    friday.write_text(json.dumps({"generator": "cosgraph", "nodes": people}))
    store = tmp_path / "s.lbug"
    _load(runner, monday, store, "--source", SOURCE)
    _load(runner, friday, store, "--source", SOURCE)
    for copy in (friday, monday):  # ana changed on Friday; bo is still Monday's
        result = runner.invoke(
            main, ["export", "--format", "json", "-o", str(copy), "--store", str(store)]
        )
        assert result.exit_code == 1, result.output
        assert "it is a load source of the store" in result.output
    assert json.loads(friday.read_text())["nodes"] == people


def test_load_network_takes_a_source_name_too(runner: CliRunner, tmp_path: Path):
    def network(day: str, ties: str) -> list[str]:
        nodes = tmp_path / f"nodes-{day}.csv"
        nodes.write_text("pid,city\np1,a\np2,b\np3,c\n")
        edges = tmp_path / f"ties-{day}.csv"
        edges.write_text(f"a,b\n{ties}")
        return [str(nodes), str(edges)]

    options = ["--id-column", "pid", "--from-column", "a", "--to-column", "b"]
    store = ["--store", str(tmp_path / "s.lbug"), "--source", "survey"]
    may = runner.invoke(main, ["load-network", *network("may", "p1,p2\np2,p3\n"), *options, *store])
    assert may.exit_code == 0, may.output
    june = runner.invoke(main, ["load-network", *network("june", "p1,p2\n"), *options, *store])
    assert june.output == "nothing to change (3 nodes, 1 ties as stored)\n", june.output
    assert _stored(tmp_path / "s.lbug")["p1"]["provenance"].startswith("source:survey from ")


def test_python_api_names_a_source_with_provenance_of(tmp_path: Path):
    from cosgraph.model import CommunityMap, Person

    store = open_store(tmp_path / "s.lbug")
    try:
        store.init()
        monday = CommunityMap(nodes=[Person(id="ana"), Person(id="bo")])
        store.write(monday, provenance=provenance_of("monday.xlsx", source="x"))
        friday = CommunityMap(nodes=[Person(id="ana")])
        plan = store.write(friday, provenance=provenance_of("friday.xlsx", source="x"), prune=True)
        assert plan.unchanged_nodes == 1 and [n.id for n in plan.removed_nodes] == ["bo"]
    finally:
        store.close()

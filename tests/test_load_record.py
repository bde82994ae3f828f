"""Re-loading unchanged files into an embedded store: the load record answers, safely.

A re-load of files the store already holds, with nothing written to the store since,
reports "nothing to change" without opening the store (its file is not even touched).
Every other case (a changed byte, another option, a store written since by cosgraph or
by anyone, a damaged or foreign record) plans in full and so reports what is true.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import ladybug
from click.testing import CliRunner, Result
from cosgraph.loaders.network import network_options

from cosgraph.cli import main
from cosgraph.load_record import record_path
from cosgraph.network_load import load_network
from cosgraph.store import GraphStore
from cosgraph.store.new_file import new_store_file

PEOPLE = "pid,city\na,Oslo\nb,Bergen\nc,Oslo\n"
TIES = "src,dst,weight\na,b,1\nb,c,2\n"
ARGS = ["--id-column", "pid", "--from-column", "src", "--to-column", "dst", "--store", "m.lbug"]


def _load(*extra: str) -> Result:
    result = CliRunner().invoke(main, ["load-network", "people.csv", "ties.csv", *ARGS, *extra])
    assert result.exit_code == 0, result.output
    return result


def _files(people: str = PEOPLE, ties: str = TIES) -> None:
    Path("people.csv").write_text(people)
    Path("ties.csv").write_text(ties)


def test_reload_of_unchanged_files_leaves_the_store_file_untouched() -> None:
    _files()
    _load()
    before = Path("m.lbug").stat().st_mtime_ns
    again = _load()
    assert again.output == "nothing to change (3 nodes, 2 ties as stored)\n"
    # a full plan opens the store for writing, and closing it rewrites the file
    assert Path("m.lbug").stat().st_mtime_ns == before
    assert record_path("m.lbug").exists()


def test_a_changed_byte_in_a_file_plans_in_full() -> None:
    _files()
    _load()
    _files(ties=TIES.replace("b,c,2", "b,c,3"))
    assert _load().output.splitlines()[0] == "updated: 1 KNOWS"


def test_another_option_plans_in_full() -> None:
    _files()
    _load()
    assert "updated: 3 person" in _load("--consent", "public").output


def test_a_store_written_since_by_another_program_plans_in_full() -> None:
    _files()
    _load()
    db = ladybug.Database("m.lbug")
    conn = ladybug.Connection(db)
    conn.execute("MATCH (p:Person {id: 'a'}) SET p.city = 'Tromsø'")
    conn.close()
    db.close()
    assert _load().output.splitlines()[0] == "updated: 1 person"


def test_a_store_written_since_by_cosgraph_plans_in_full() -> None:
    _files()
    _load()
    Path("other.csv").write_text("pid\nz\n")
    Path("none.csv").write_text("src,dst\n")
    other = ["load-network", "other.csv", "none.csv", *ARGS]
    assert CliRunner().invoke(main, other).exit_code == 0
    before = Path("m.lbug").stat().st_mtime_ns
    assert _load().output == "nothing to change (3 nodes, 2 ties as stored)\n"
    assert Path("m.lbug").stat().st_mtime_ns != before  # planned in full: the store was opened


def test_a_damaged_record_plans_in_full() -> None:
    _files()
    _load()
    record = record_path("m.lbug")
    record.write_text(record.read_text()[:60])  # cut short, as by a full disk
    before = Path("m.lbug").stat().st_mtime_ns
    assert _load().output == "nothing to change (3 nodes, 2 ties as stored)\n"
    assert Path("m.lbug").stat().st_mtime_ns != before
    assert json.loads(record_path("m.lbug").read_text())["generator"] == "cosgraph"


def test_a_file_cosgraph_did_not_write_at_the_record_place_is_kept() -> None:
    _files()
    record_path("m.lbug").write_text("my notes\n")
    _load()
    _load()
    assert record_path("m.lbug").read_text() == "my notes\n"


def test_a_dry_run_records_nothing() -> None:
    _files()
    _load("--dry-run")
    assert not record_path("m.lbug").exists()


def test_a_load_with_notes_is_not_recorded_so_its_notes_show_again() -> None:
    _files(ties=TIES + "a,a,1\n")
    first = _load()
    assert "self-loop" in first.output
    assert not record_path("m.lbug").exists()
    assert "self-loop" in _load().output


def test_an_embedded_load_reads_its_files_while_the_store_opens(tmp_path: Path) -> None:
    # the files are read on another thread, so the store's schema and framework
    # (a new store's first half second) and the read overlap
    _files()
    options = network_options(
        Path("people.csv"), Path("ties.csv"), id_column="pid", from_column="src", to_column="dst"
    )
    readers: list[threading.Thread] = []

    @contextmanager
    def opened() -> Iterator[GraphStore]:
        with new_store_file(tmp_path / "map.lbug") as store:
            yield store

    plan = load_network(
        tmp_path / "map.lbug",
        opened,
        options,
        provenance="people.csv + ties.csv",
        progress=lambda done, total: readers.append(threading.current_thread()),
    )
    assert plan.counts()["created"] == {"KNOWS": 2, "person": 3}
    assert readers and threading.main_thread() not in readers


# -- `cosgraph load`: a coalition's workbook or folder, loaded again and again ------------

PEOPLE_SHEET = "id,name\nana,Ana\nbo,Bo\n"
TIES_SHEET = "type,source,target\nKNOWS,ana,bo\n"


def _load_map(*extra: str) -> Result:
    result = CliRunner().invoke(main, ["load", "coalition", "--store", "m.lbug", *extra])
    assert result.exit_code == 0, result.output
    return result


def _folder(people: str = PEOPLE_SHEET, ties: str = TIES_SHEET) -> None:
    Path("coalition").mkdir(exist_ok=True)
    Path("coalition/people.csv").write_text(people)
    Path("coalition/ties.csv").write_text(ties)


def test_reloading_an_unchanged_map_leaves_the_store_file_untouched() -> None:
    _folder()
    _load_map()
    before = Path("m.lbug").stat().st_mtime_ns
    assert _load_map().output == "nothing to change (2 nodes, 1 ties as stored)\n"
    assert Path("m.lbug").stat().st_mtime_ns == before
    assert _load_map("--format", "json").output == _load_map("--format", "json").output


def test_an_edited_or_added_file_in_the_map_plans_in_full() -> None:
    _folder()
    _load_map()
    _folder(people=PEOPLE_SHEET.replace("Bo\n", "Bob\n"))
    assert _load_map().output.splitlines()[0] == "updated: 1 person"
    Path("coalition/notes.txt").write_text("a file no reader reads still counts")
    assert Path("m.lbug").stat().st_mtime_ns != _mtime_after(_load_map)
    assert _load_map("--source", "coalition-2026").output.startswith("updated: ")


def _mtime_after(run: Callable[[], Result]) -> int:
    run()
    return Path("m.lbug").stat().st_mtime_ns


def test_a_map_load_that_reports_rows_it_would_remove_is_not_recorded() -> None:
    _folder()
    _load_map()
    _folder(ties="type,source,target\n")
    first = _load_map("--audience", "private").output
    assert "no longer in the file" in first and "ana -> bo" in first
    # the rows it keeps are reported every time
    assert _load_map("--audience", "private").output == first

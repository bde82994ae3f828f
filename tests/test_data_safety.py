"""Nothing is ever lost: the overwrite rule, read-only reads, the demo's own store, limits.

Every test drives the real CLI (click's CliRunner) or the library on real files and a
real embedded store in ``tmp_path``.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import networkx as nx
import openpyxl
import pytest
from click.testing import CliRunner, Result
from cosgraph.loaders import read_map
from cosgraph.visualizations import write_map

from cosgraph.cli import main, opened_store
from cosgraph.errors import LoadError, OverwriteError, StoreError
from cosgraph.exports import EXPORT_FORMATS, export_map
from cosgraph.limits import MAX_ATTRIBUTE_COLUMNS
from cosgraph.maps import write_view
from cosgraph.model import CommunityMap, Person
from cosgraph.overwrite import cosgraph_wrote
from cosgraph.session import write_template
from cosgraph.store import open_store
from tests.conftest import SMALL_MAP_CSV, write_folder

_SUFFIX = {
    "kumu": ".json",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "json": ".json",
    "csv": "",
    "xlsx": ".xlsx",
}


@pytest.fixture
def cwd(tmp_path: Path) -> Iterator[Path]:
    """Run in ``tmp_path``: provenance is the path as given, relative to the cwd."""
    before = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(before)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def fingerprint(path: Path) -> tuple[str, int, list[str]]:
    """Bytes, mtime and the folder listing around ``path``: what a read must not change."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


@pytest.fixture
def loaded(cwd: Path) -> Path:
    """coalition.lbug holding the small map, loaded from the folder ``coalition/``."""
    write_folder(cwd / "coalition", SMALL_MAP_CSV)
    assert run("load", "coalition", "--store", "coalition.lbug").exit_code == 0
    return cwd / "coalition.lbug"


def refused(result: Result, path: str) -> None:
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line and path in line and "--force" in line, line


# -- the overwrite rule ----------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["map", "-o", "coalition.lbug"],
        ["export", "--format", "json", "-o", "coalition.lbug"],
        ["export", "--format", "csv", "-o", "coalition.lbug"],
        ["template", "-o", "coalition.lbug"],
    ],
)
def test_no_command_writes_over_the_store(loaded: Path, command: list[str]):
    before = fingerprint(loaded)
    refused(
        run(*command, "--store", "coalition.lbug") if command[0] != "template" else run(*command),
        "coalition.lbug",
    )
    assert fingerprint(loaded) == before
    assert run("stats", "--store", "coalition.lbug").exit_code == 0


def test_the_store_is_protected_by_its_resolved_path(loaded: Path):
    (loaded.parent / "sub").mkdir()
    result = run("map", "-o", "sub/../coalition.lbug", "--store", "./coalition.lbug")
    refused(result, "sub/../coalition.lbug")
    assert "store in use" in result.output


def test_csv_export_into_the_folder_a_load_came_from_is_refused(loaded: Path):
    people = (loaded.parent / "coalition" / "people.csv").read_bytes()
    result = run("export", "--format", "csv", "-o", "coalition", "--store", "coalition.lbug")
    refused(result, "coalition")
    assert "load source" in result.output
    # nor a file inside it
    result = run(
        "export", "--format", "json", "-o", "coalition/people.csv", "--store", "coalition.lbug"
    )
    refused(result, "coalition/people.csv")
    assert (loaded.parent / "coalition" / "people.csv").read_bytes() == people
    # so a later prune of that folder still finds every real person
    result = run("load", "coalition", "--prune", "--store", "coalition.lbug")
    assert result.exit_code == 0 and "nothing to change" in result.output


def test_a_cosgraph_export_once_loaded_is_a_source_too(loaded: Path):
    assert run("export", "--format", "csv", "-o", "out", "--store", "coalition.lbug").exit_code == 0
    assert run("load", "out", "--store", "coalition.lbug").exit_code == 0
    refused(run("export", "--format", "csv", "-o", "out", "--store", "coalition.lbug"), "out")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_writing_over_a_users_own_file_or_folder_is_refused(loaded: Path, fmt: str):
    mine = loaded.parent / f"notes{_SUFFIX[fmt] or '.txt'}"
    mine.write_text("my own notes\n")
    refused(run("export", "--format", fmt, "-o", mine.name, "--store", "coalition.lbug"), mine.name)
    assert mine.read_text() == "my own notes\n"
    folder = write_folder(loaded.parent / "mine", {"a.txt": "mine"})
    refused(run("export", "--format", fmt, "-o", "mine", "--store", "coalition.lbug"), "mine")
    assert sorted(os.listdir(folder)) == ["a.txt"]


def test_map_and_template_refuse_a_users_own_file(loaded: Path):
    page = loaded.parent / "page.html"
    page.write_text("<html>mine</html>")
    refused(run("map", "-o", "page.html", "--store", "coalition.lbug"), "page.html")
    book = loaded.parent / "budget.xlsx"
    openpyxl.Workbook().save(book)
    before = book.read_bytes()
    refused(run("template", "-o", "budget.xlsx"), "budget.xlsx")
    assert book.read_bytes() == before


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_rerunning_an_export_over_its_own_output_needs_no_force(loaded: Path, fmt: str):
    out = f"export{_SUFFIX[fmt]}"
    for _ in range(2):
        result = run("export", "--format", fmt, "-o", out, "--store", "coalition.lbug")
        assert result.exit_code == 0, result.output
    assert cosgraph_wrote(loaded.parent / out)


def test_rerunning_map_template_and_demo_over_their_own_output_needs_no_force(cwd: Path):
    for _ in range(2):
        assert run("template", "-o", "session.xlsx").exit_code == 0
    assert run("demo", "--out", "demo").exit_code == 0
    again = run("demo", "--out", "demo")
    assert again.exit_code == 0, again.output
    store = "demo/demo.lbug"
    for _ in range(2):
        assert run("map", "-o", "demo/network.html", "--store", store).exit_code == 0


def test_force_writes_over_a_users_file(loaded: Path):
    mine = loaded.parent / "notes.json"
    mine.write_text("{}")
    result = run(
        "export", "--format", "json", "-o", "notes.json", "--force", "--store", "coalition.lbug"
    )
    assert result.exit_code == 0
    assert cosgraph_wrote(mine)
    assert run("map", "-o", "notes.json", "--force", "--store", "coalition.lbug").exit_code == 0
    assert run("template", "-o", "notes.json", "--force").exit_code == 0


def test_a_csv_export_folder_the_user_edited_is_theirs(loaded: Path):
    assert run("export", "--format", "csv", "-o", "out", "--store", "coalition.lbug").exit_code == 0
    people = loaded.parent / "out" / "people.csv"
    people.write_text(people.read_text() + "dee,Dee,lived_experience,,,,,public\n")
    refused(run("export", "--format", "csv", "-o", "out", "--store", "coalition.lbug"), "out")
    assert "dee,Dee" in people.read_text()


def test_a_template_saved_by_a_spreadsheet_program_is_the_users(cwd: Path):
    path = write_template(cwd / "session.xlsx")
    book = openpyxl.load_workbook(path)
    book["people"].append(["ana", "Ana"])
    book.properties.lastModifiedBy = "Ana Ruiz"  # what Excel and LibreOffice write
    book.save(path)
    refused(run("template", "-o", "session.xlsx"), "session.xlsx")
    assert openpyxl.load_workbook(path)["people"]["A2"].value == "ana"


def test_every_output_is_stamped_and_still_loads(loaded: Path):
    G = open_store(loaded, read_only=True).project()
    for fmt in ("kumu", "graphml", "csv"):
        path = export_map(G, fmt, loaded.parent / f"again{_SUFFIX[fmt]}")
        assert cosgraph_wrote(path)
        assert {n.id for n in read_map(path).nodes} >= {"ana", "clinic"}
    assert cosgraph_wrote(export_map(G, "gexf", loaded.parent / "g.gexf"))
    assert cosgraph_wrote(write_view(G, loaded.parent / "m.html"))
    assert cosgraph_wrote(write_template(loaded.parent / "t.xlsx"))


def test_the_python_api_applies_the_same_rule(loaded: Path):
    G = open_store(loaded, read_only=True).project()
    with pytest.raises(OverwriteError, match="store in use"):
        export_map(G, "json", loaded, store=loaded)
    with pytest.raises(OverwriteError, match="load source"):
        export_map(G, "csv", "coalition")
    with pytest.raises(OverwriteError, match="load source"):
        write_view(G, "coalition/map.html")
    with pytest.raises(OverwriteError, match="cosgraph did not write"):
        write_template(loaded)
    mine = loaded.parent / "mine.html"
    mine.write_text("mine")
    with pytest.raises(OverwriteError, match="cosgraph did not write"):
        write_map(G, mine)
    write_view(G, mine, force=True)
    assert cosgraph_wrote(mine)


# -- the demo never merges into a real map ---------------------------------------------


def test_the_demo_refuses_a_store_holding_a_real_map(loaded: Path):
    before = fingerprint(loaded)
    result = CliRunner().invoke(main, ["demo"], env={"COSGRAPH_STORE": str(loaded)})
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line and str(loaded) in line and "holds a map of its own" in line
    assert fingerprint(loaded) == before
    assert not (loaded.parent / "cosgraph-demo").exists()


def test_the_demo_loads_into_an_empty_store_and_again_over_itself(cwd: Path):
    assert run("init", "--store", "empty.lbug").exit_code == 0
    for _ in range(2):  # the second time the store holds the first demo: fine
        result = CliRunner().invoke(main, ["demo"], env={"COSGRAPH_STORE": "empty.lbug"})
        assert result.exit_code == 0, result.output
        assert "Loaded the demo coalition into empty.lbug" in result.output


# -- reads open read-only --------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["query", "lever_decision_makers", "--param", "lever=x"],
        ["analyze", "power"],
        ["analyze", "metrics"],
        ["export", "--format", "json", "-o", "elsewhere/out.json"],
        ["map", "-o", "elsewhere/map.html"],
        ["spread", "summary"],
    ],
)
def test_read_commands_change_no_byte_of_the_store(loaded: Path, command: list[str]):
    (loaded.parent / "elsewhere").mkdir()
    before = fingerprint(loaded)
    result = run(*command, "--store", "coalition.lbug")
    assert fingerprint(loaded) == before, result.output


def test_stats_on_an_empty_file_is_one_line_and_leaves_it_empty(cwd: Path):
    empty = cwd / "empty.lbug"
    empty.touch()
    result = run("stats", "--store", "empty.lbug")
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == "Error: empty.lbug is an empty file (0 bytes), not a cosgraph store"
    )
    assert empty.stat().st_size == 0 and sorted(os.listdir(cwd)) == ["empty.lbug"]


@pytest.mark.parametrize("command", [["stats"], ["analyze", "power"], ["map", "-o", "m.html"]])
def test_a_missing_store_is_refused_not_created(cwd: Path, command: list[str]):
    result = run(*command, "--store", "missing.lbug")
    assert result.exit_code == 1 and "no store at missing.lbug" in result.output
    assert os.listdir(cwd) == []


def test_two_readers_run_side_by_side(loaded: Path):
    # hold the store open exactly as a reading command does (a long export, say) ...
    with click.Context(main):
        held = opened_store(str(loaded))
    try:
        # ... while another reading command runs in a process of its own
        code = "from cosgraph.cli import main; main()"
        result = subprocess.run(
            [sys.executable, "-c", code, "stats", "--store", str(loaded)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert "person" in result.stdout
    finally:
        held.close()


def test_a_load_killed_mid_write_leaves_the_store_as_it_was(loaded: Path):
    """kill -9 inside the load's transaction: the next reader sees the earlier map."""
    before = open_store(loaded, read_only=True).project()
    script = (
        "import os, sys\n"
        "from cosgraph.store import open_store\n"
        "from cosgraph.store.embedded import EmbeddedStore\n"
        "from cosgraph.model import CommunityMap, Person, Tie\n"
        "def die(self, *args):\n"
        "    os.kill(os.getpid(), 9)\n"
        "EmbeddedStore._write_ties = die  # nodes are written, ties never are\n"
        "s = open_store(sys.argv[1])\n"
        "m = CommunityMap(nodes=[Person(id='zed')], ties=[Tie(type='KNOWS', source='zed',"
        " target='ana')])\n"
        "s.write(m, provenance='killed')\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(loaded)], timeout=120)
    assert result.returncode == -9
    reader = open_store(loaded, read_only=True)
    after = reader.project()
    reader.close()
    assert set(after.nodes) == set(before.nodes) and "zed" not in after
    assert after.number_of_edges() == before.number_of_edges()


def test_a_first_load_killed_mid_write_leaves_no_store(cwd: Path):
    """kill -9 while a first load writes a new store: no store at that path, ever."""
    write_folder(cwd, {"people.csv": "pid\na\nb\n", "ties.csv": "src,dst\na,b\n"})
    script = (
        "import os, sys\n"
        "from cosgraph.store.embedded import EmbeddedStore\n"
        "def die(self, *args):\n"
        "    os.kill(os.getpid(), 9)\n"
        "EmbeddedStore._write_ties = die  # the people are in, the ties never are\n"
        "from cosgraph.cli import main\n"
        "main()\n"
    )
    args = ["load-network", "people.csv", "ties.csv", "--id-column", "pid"]
    args += ["--from-column", "src", "--to-column", "dst", "--store", "new.lbug"]
    result = subprocess.run([sys.executable, "-c", script, *args], timeout=120)
    assert result.returncode == -9
    assert not (cwd / "new.lbug").exists()
    # the half-built file is hidden beside it, and is not a store any command opens
    assert [p.name for p in cwd.iterdir() if p.name.startswith(".new.lbug.")]
    # the next load of that store clears what the killed one left, and succeeds
    load = subprocess.run(
        [sys.executable, "-c", "from cosgraph.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert load.returncode == 0, load.stderr
    assert sorted(p.name for p in cwd.iterdir() if p.name.startswith(("new.", ".new."))) == [
        "new.lbug",
        "new.lbug.load.json",
    ]


def test_a_dry_run_of_load_network_into_a_missing_store_leaves_no_store(cwd: Path):
    write_folder(cwd, {"people.csv": "pid\na\nb\n", "ties.csv": "src,dst\na,b\n"})
    args = ["load-network", "people.csv", "ties.csv", "--id-column", "pid"]
    args += ["--from-column", "src", "--to-column", "dst", "--store", "new.lbug", "--dry-run"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "would be created: 2 person" in result.output
    assert sorted(p.name for p in cwd.iterdir()) == ["people.csv", "ties.csv"]


def test_a_dry_run_into_an_existing_store_changes_not_a_byte(loaded: Path):
    """A dry run only plans: the store is opened read-only and never initialised."""
    write_folder(loaded.parent, {"people.csv": "pid\na\nzed\n", "ties.csv": "src,dst\na,zed\n"})
    before = fingerprint(loaded)
    args = ["load-network", "people.csv", "ties.csv", "--id-column", "pid", "--from-column"]
    result = run(*args, "src", "--to-column", "dst", "--store", "coalition.lbug", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would be created: 2 person" in result.output
    result = run("load", "coalition", "--store", "coalition.lbug", "--dry-run")
    assert result.exit_code == 0, result.output
    assert fingerprint(loaded) == before


def test_a_file_that_appears_while_a_store_is_built_is_not_written_over(tmp_path: Path):
    from cosgraph.store.new_file import new_store_file

    path = tmp_path / "map.lbug"
    with pytest.raises(StoreError, match="appeared while the store was being built"):
        with new_store_file(path):
            path.write_text("someone else's file")
    assert path.read_text() == "someone else's file"
    assert [p.name for p in tmp_path.iterdir()] == ["map.lbug"]


# -- limits ----------------------------------------------------------------------------


def _wide_people(folder: Path, columns: int) -> Path:
    header = "id,name," + ",".join(f"c{i}" for i in range(columns))
    rows = [f"p{r},P{r}," + ",".join("1" for _ in range(columns)) for r in range(3)]
    return write_folder(folder, {"people.csv": "\n".join([header, *rows]) + "\n"})


def test_ten_thousand_columns_are_refused_before_the_store_with_bounded_memory(cwd: Path):
    folder = _wide_people(cwd / "wide", 10_000)
    assert sum(f.stat().st_size for f in folder.iterdir()) > 60_000
    # The child reports its own peak RSS (VmHWM, which starts afresh at exec):
    # ru_maxrss would also count the forked copy of this large test process, and
    # RUSAGE_CHILDREN every child it ever waited for (Chromium in the browser tests).
    code = (
        "import atexit, re, sys\n"
        "atexit.register(lambda: print('peak_kb', re.search(r'VmHWM:\\s+(\\d+)', "
        "open('/proc/self/status').read())[1], file=sys.stderr))\n"
        "from cosgraph.cli import main\n"
        "main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "load", "wide", "--store", "wide.lbug"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    peak_kb = int(result.stderr.rsplit("peak_kb ", 1)[1].split()[0])
    assert result.returncode == 1
    assert (
        f"people.csv, line 2, field 'c{MAX_ATTRIBUTE_COLUMNS}': people would have 10,000 "
        "attribute columns"
    ) in result.stderr
    assert not (cwd / "wide.lbug").exists()
    # a child's peak RSS, in KB on Linux; the unlimited load asked for 22 GB
    assert peak_kb < 1_000_000


def test_attribute_columns_already_stored_count_toward_the_limit(tmp_path: Path):
    half = MAX_ATTRIBUTE_COLUMNS // 2 + 1
    store = open_store(tmp_path / "s.lbug")
    store.init()
    first = {f"a{i}": 1 for i in range(half)}
    store.write(CommunityMap(nodes=[Person(id="ana", attributes=first)]))
    columns = store.columns()
    second = {f"b{i}": 1 for i in range(half)}
    with pytest.raises(LoadError, match=f"Person would have {2 * half} attribute columns"):
        store.write(CommunityMap(nodes=[Person(id="bo", attributes=second)]))
    assert store.columns() == columns
    store.close()


def test_oversized_files_are_refused_by_name_before_reading(cwd: Path):
    big = cwd / "big.yaml"
    with big.open("w") as handle:
        handle.write("nodes:\n")
        handle.write("# padding\n" * 1_100_000)
    with pytest.raises(
        LoadError, match=r"big.yaml: is 11.0 MB; cosgraph reads yaml files of at most 10 MB"
    ):
        read_map(big)


def test_a_too_long_cell_is_one_located_problem(cwd: Path):
    folder = write_folder(cwd / "long", {"people.csv": "id,note\nana," + "x" * 10_001 + "\n"})
    with pytest.raises(LoadError, match="people.csv, line 2, field 'note': cell is longer"):
        read_map(folder)


def _too_wide(path: Path) -> Path:
    """``path`` holding one person with one attribute column more than allowed."""
    names = [f"c{i}" for i in range(MAX_ATTRIBUTE_COLUMNS + 1)]
    attrs = {name: 1 for name in names}
    suffix = path.suffix
    if suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "people"
        sheet.append(["id", *names])
        sheet.append(["ana", *attrs.values()])
        book.save(path)
    elif suffix in (".yaml", ".json") and path.stem != "kumu":
        path.write_text(json.dumps({"nodes": [{"kind": "person", "id": "ana", **attrs}]}))
    elif path.stem == "kumu":
        path.write_text(json.dumps({"elements": [{"id": "ana", "type": "Person", **attrs}]}))
    elif suffix == ".graphml":
        G = nx.Graph()
        G.add_node("ana", **attrs)
        nx.write_graphml(G, path)
    else:
        write_folder(path, {"people.csv": "id," + ",".join(names) + "\nana" + ",1" * len(names)})
    return path


@pytest.mark.parametrize(
    "name", ["folder", "session.xlsx", "map.yaml", "map.json", "kumu.json", "net.graphml"]
)
def test_every_loader_refuses_too_many_attribute_columns(tmp_path: Path, name: str):
    with pytest.raises(LoadError, match="would have 201 attribute columns; at most 200"):
        read_map(_too_wide(tmp_path / name))


def test_load_network_refuses_too_many_attribute_columns(cwd: Path):
    nodes = _too_wide(cwd / "nodes") / "people.csv"
    (cwd / "ties.csv").write_text("a,b\nana,ana\n")
    result = run(
        "load-network",
        str(nodes),
        "ties.csv",
        "--id-column",
        "id",
        "--from-column",
        "a",
        "--to-column",
        "b",
        "--store",
        "n.lbug",
    )
    assert result.exit_code == 1 and "would have 201 attribute columns" in result.output
    assert not (cwd / "n.lbug").exists()

"""`import cosgraph.cli` imports what every command needs, not what one command needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cosgraph.cli import main


def test_importing_the_cli_leaves_the_map_views_and_the_kernels_unimported():
    code = (
        "import sys, cosgraph.cli; "
        "print(sorted(m for m in ('cosgraph.visualizations', 'pyvis', 'igraph', 'scipy') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_the_map_command_still_offers_every_view_and_its_options():
    result = CliRunner().invoke(main, ["map", "--help"])
    assert result.exit_code == 0, result.output
    for text in (
        "--view [network|power|spanners|assets|crosswalk|spread]",
        "--group-by",
        "--force",
    ):
        assert text in result.output
    result = CliRunner().invoke(main, ["map", "--view", "nowhere", "-o", "x.html"])
    assert result.exit_code == 2 and "nowhere" in result.output


#: Runs the ``cosgraph`` program (the console script's entry point) with the arguments given, then prints, as the
#: process exits, every module it imported (one JSON list on the last line of stdout).
_RUN_AND_LIST_MODULES = (
    "import atexit, json, sys\n"
    "atexit.register(lambda: print(json.dumps(sorted(sys.modules))))\n"
    "sys.argv = ['cosgraph', *sys.argv[1:]]\n"
    "from cosgraph.cli.program import run\n"
    "run()\n"
)

#: What only analyses, maps and the Neo4j backend use: no load of files into the
#: embedded store, and no help text, should pay for importing them.
_NOT_FOR_LOADING = (
    "cosgraph.analysis",
    "cosgraph.visualizations",
    "cosgraph.maps",
    "pyvis",
    "IPython",
    "jinja2",
    "scipy",
    "igraph",
    "networkx",
    "neo4j",
    "cosgraph.store.neo4j",
    "pandas",  # pyarrow's own import of it costs a quarter of a second
    "numpy.ma",  # pyarrow imports it to ask whether a NumPy array is masked: 10 ms
    "asyncio.events",  # LadybugDB imports asyncio for a connection class never made: 20 ms
)


def _last_line(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    """The last line ``python -c CODE ARGS`` printed, in a fresh process that must succeed."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def _imported_by(*args: str) -> list[str]:
    """The modules ``cosgraph ARGS`` imported, in a fresh process; the command must succeed."""
    modules: list[str] = json.loads(_last_line(_RUN_AND_LIST_MODULES, *args))
    return modules


def _network_files(tmp_path: Path, people: str, ties: str) -> list[str]:
    """``load-network`` of ``people`` (column pid) and ``ties`` (src, dst), written to
    ``tmp_path``, into a store there."""
    (tmp_path / "people.csv").write_text(people)
    (tmp_path / "ties.csv").write_text(ties)
    args = ["load-network", str(tmp_path / "people.csv"), str(tmp_path / "ties.csv")]
    args += ["--id-column", "pid", "--from-column", "src", "--to-column", "dst"]
    return [*args, "--store", str(tmp_path / "s.lbug")]


def _unwanted(modules: list[str], unwanted: tuple[str, ...]) -> list[str]:
    """``modules`` that are, or are inside, a package of ``unwanted``."""
    return [m for m in modules if any(m == u or m.startswith(u + ".") for u in unwanted)]


def test_load_network_into_the_embedded_store_imports_no_analysis_map_or_neo4j_driver(tmp_path):
    people, ties = "pid,community\np1,c1\np2,c2\np3,c1\n", "src,dst,weight\np1,p2,1\np2,p3,2\n"
    args = _network_files(tmp_path, people, ties)
    for run in ("into a new store", "again, nothing changed"):
        modules = _imported_by(*args)
        assert "cosgraph.network_load" in modules, run  # the command did run
        assert _unwanted(modules, _NOT_FOR_LOADING) == [], run


def test_a_reload_of_unchanged_files_reads_no_package_metadata(tmp_path):
    # the record's key holds cosgraph's version: importlib.metadata costs 20 ms to ask
    args = _network_files(tmp_path, "pid\np1\np2\n", "src,dst\np1,p2\n")
    _imported_by(*args)
    modules = _imported_by(*args)
    assert "cosgraph.load_record" in modules  # the load's record was read
    assert _unwanted(modules, ("importlib.metadata",)) == []


def test_help_imports_no_analysis_map_or_store_backend():
    for args in (
        ["load-network", "--help"],
        ["analyze", "--help"],
        ["analyze", "metrics", "--help"],
        ["spread", "--help"],
        ["stats", "--help"],
    ):
        modules = _imported_by(*args)
        assert "cosgraph.cli" in modules
        assert _unwanted(modules, _NOT_FOR_LOADING) == [], args


def test_map_help_imports_the_view_registry_but_no_analysis_or_drawing():
    for command in ("map", "explore"):
        modules = _imported_by(command, "--help")
        assert "cosgraph.visualizations.map_views" in modules  # its help lists the views
        unwanted = tuple(u for u in _NOT_FOR_LOADING if u != "cosgraph.visualizations")
        drawing = ("cosgraph.visualizations.network_map", "cosgraph.visualizations.explorer")
        assert _unwanted(modules, (*unwanted, *drawing)) == [], command


def test_the_list_of_commands_imports_neither_the_model_nor_arrow():
    modules = _imported_by("--help")
    assert "cosgraph.cli.analyze" in modules  # every command was built for its line
    unwanted = ("cosgraph.model", "cosgraph.loaders", "pydantic", "pyarrow", "numpy")
    assert _unwanted(modules, (*_NOT_FOR_LOADING, *unwanted)) == []


def test_planning_and_reporting_a_load_import_no_arrow():
    # A re-load of unchanged files needs only these to say "nothing to change";
    # pyarrow and numpy cost more than the rest of such a run.
    code = (
        "import sys, cosgraph.network_load, cosgraph.plan_report, cosgraph.cli.session; "
        "print(sorted(m for m in ('pyarrow', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


#: Runs the ``cosgraph`` program like :data:`_RUN_AND_LIST_MODULES`, then prints the
#: models of :mod:`cosgraph.model` whose validator the process built.
_RUN_AND_LIST_BUILT_MODELS = (
    "import atexit, json, sys\n"
    "def built():\n"
    "    from cosgraph import model\n"
    "    from pydantic import BaseModel\n"
    "    return sorted(n for n, c in vars(model).items() if isinstance(c, type)\n"
    "                  and issubclass(c, BaseModel) and c.__pydantic_complete__)\n"
    "atexit.register(lambda: print(json.dumps(built())))\n"
    "sys.argv = ['cosgraph', *sys.argv[1:]]\n"
    "from cosgraph.cli.program import run\n"
    "run()\n"
)


def test_a_reload_of_unchanged_files_builds_no_model_validator(tmp_path):
    args = _network_files(tmp_path, "pid,community\np1,c1\np2,c2\n", "src,dst\np1,p2\n")
    built = [json.loads(_last_line(_RUN_AND_LIST_BUILT_MODELS, *args)) for _ in range(2)]
    assert {"Person", "Tie"} <= set(built[0])  # the load validated people and ties
    assert built[1] == []  # the re-load found them recorded, and validated nothing


#: Runs the ``cosgraph`` program (``--version``): the code after it runs in a process
#: set up as the console script sets it up.
_AFTER_THE_PROGRAM = (
    "import sys\n"
    "sys.argv = ['cosgraph', '--version']\n"
    "from cosgraph.cli.program import run\n"
    "try:\n"
    "    run()\n"
    "except SystemExit:\n"
    "    pass\n"
)


def test_the_program_still_gives_asyncio_whole_to_the_code_that_uses_it():
    # the program loads asyncio on first use (LadybugDB imports it, unused); the Neo4j
    # driver and the web session use it, and must find all of it
    code = _AFTER_THE_PROGRAM + (
        "import ladybug, neo4j, asyncio\n"
        "async def answer():\n"
        "    await asyncio.sleep(0)\n"
        "    return 42\n"
        "print(asyncio.run(answer()), neo4j.AsyncGraphDatabase.__name__)\n"
    )
    assert _last_line(code) == "42 AsyncGraphDatabase"


def _memory_pool(**environ: str) -> tuple[str, bool]:
    """The memory pool pyarrow allocates from after the program ran (with ``environ``),
    and whether this pyarrow has jemalloc."""
    code = _AFTER_THE_PROGRAM + (
        "import pyarrow\n"
        "print(pyarrow.default_memory_pool().backend_name,\n"
        "      'jemalloc' in pyarrow.supported_memory_backends())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    name, has_jemalloc = _last_line(code, env={**env, **environ}).split()
    return name, has_jemalloc == "True"


def test_the_program_allocates_arrow_memory_through_jemalloc_where_pyarrow_has_it():
    name, has_jemalloc = _memory_pool()
    if not has_jemalloc:
        pytest.skip("this pyarrow was built without jemalloc")
    assert name == "jemalloc"


def test_the_program_keeps_the_memory_pool_the_user_chose():
    assert _memory_pool(ARROW_DEFAULT_MEMORY_POOL="system")[0] == "system"

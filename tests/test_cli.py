"""The CLI, driven for real with click's CliRunner against files in tmp_path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cosgraph.cli import main
from cosgraph.store import open_store
from tests.conftest import MEDICAL


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


@pytest.mark.parametrize("path", _commands(main), ids=" ".join)
def test_every_command_has_help_with_an_example(runner: CliRunner, path: tuple[str, ...]):
    result = runner.invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_load_then_stats_as_json(runner: CliRunner, small_map_folder: Path, tmp_path: Path):
    store = str(tmp_path / "s.lbug")
    result = runner.invoke(main, ["load", str(small_map_folder), "--store", store])
    assert result.exit_code == 0, result.output
    assert "created: 3 person" in result.output
    again = runner.invoke(main, ["load", str(small_map_folder), "--store", store])
    assert again.exit_code == 0 and "nothing to change" in again.output
    stats = runner.invoke(main, ["stats", "--store", store, "--format", "json"])
    data = json.loads(stats.output)
    assert data["by_kind"]["person"] == 3
    assert data["by_tripod_role"] == {
        "community_connector": 1,
        "formal_leader": 1,
        "lived_experience": 1,
    }
    assert data["by_sector"]["faith"] == {"person": 1}


def test_store_comes_from_the_environment(
    runner: CliRunner, small_map_folder: Path, tmp_path: Path
):
    env = {"COSGRAPH_STORE": str(tmp_path / "env.lbug")}
    assert runner.invoke(main, ["load", str(small_map_folder)], env=env).exit_code == 0
    assert (tmp_path / "env.lbug").exists()


def test_bad_load_is_one_clear_message_and_changes_nothing(
    runner: CliRunner, small_map_folder: Path, tmp_path: Path
):
    store = str(tmp_path / "s.lbug")
    runner.invoke(main, ["load", str(small_map_folder), "--store", store])

    def nodes() -> list[str]:
        args = ["query", "project_nodes", "--store", store, "--format", "json"]
        out = runner.invoke(main, [*args, "--audience", "private"])  # the whole store
        return sorted(json.dumps(row, sort_keys=True) for row in json.loads(out.output))

    before = nodes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "people.csv").write_text("id,power\nzed,12\n")
    (bad / "ties.csv").write_text("type,source,target\nKNOWS,zed,ghost\n")
    result = runner.invoke(main, ["load", str(bad), "--store", store])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    # issue 19: the reference problem comes in the same round as the field problem
    assert "nothing was loaded: 2 problems" in result.output
    assert f"{bad / 'people.csv'}, line 2, field 'power'" in result.output
    assert f"{bad / 'ties.csv'}, line 2, field 'target': unknown id 'ghost'" in result.output
    assert nodes() == before


def test_dry_run_shows_changes_without_writing(
    runner: CliRunner, small_map_folder: Path, tmp_path: Path
):
    store = str(tmp_path / "s.lbug")
    result = runner.invoke(main, ["load", str(small_map_folder), "--store", store, "--dry-run"])
    assert result.exit_code == 0
    assert "would be created: 3 person" in result.output
    # a dry run into a store that does not exist leaves none behind
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(("s.", ".s."))] == []
    runner.invoke(main, ["init", "--store", store])
    result = runner.invoke(main, ["load", str(small_map_folder), "--store", store, "--dry-run"])
    assert "would be created: 3 person" in result.output
    s = open_store(store)
    try:
        assert "ana" not in s.ids()
    finally:
        s.close()


def test_load_network_and_query_with_parameters(runner: CliRunner, tmp_path: Path):
    store = str(tmp_path / "mi.lbug")
    result = runner.invoke(
        main,
        [
            "load-network",
            str(MEDICAL / "physicians.csv"),
            str(MEDICAL / "ties.csv"),
            "--id-column",
            "physician_id",
            "--from-column",
            "from_physician",
            "--to-column",
            "to_physician",
            "--store",
            store,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "created: 125 person" in result.output and "created: 294 KNOWS" in result.output
    out = runner.invoke(main, ["query", "stats_by_kind", "--store", store, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert {"kind": "Person", "count": "125"} in rows


def test_query_param_values_are_parameters_not_text(
    runner: CliRunner, small_map_folder: Path, tmp_path: Path
):
    store = str(tmp_path / "s.lbug")
    runner.invoke(main, ["load", str(small_map_folder), "--store", store])
    hostile = "x' OR 1=1 //"
    out = runner.invoke(
        main,
        [
            "query",
            "people_by_tripod_role",
            "--param",
            f"role={hostile}",
            "--store",
            store,
            "--format",
            "json",
        ],
    )
    assert out.exit_code == 0 and json.loads(out.stdout) == []
    missing = runner.invoke(main, ["query", "people_by_tripod_role", "--store", store])
    assert missing.exit_code == 1 and "needs parameter(s): role" in missing.output


def test_query_list_names_every_query(runner: CliRunner):
    out = runner.invoke(main, ["query", "--list", "--format", "json"])
    names = {q["name"] for q in json.loads(out.output)}
    assert {"project_nodes", "lever_decision_makers", "adoption_timeline"} <= names


def test_framework_json_shape(runner: CliRunner):
    data = json.loads(runner.invoke(main, ["framework", "--format", "json"]).output)
    assert [d["code"] for d in data["domains"]] == ["LW", "LT", "LO", "LE", "LS"]
    assert len(data["behaviors"]) == 28
    first = data["behaviors"][0]
    assert set(first) == {"number", "text", "group", "domains"}
    assert first["number"] == 1 and first["group"] == "relate" and first["domains"] == ["LT", "LW"]


def test_unknown_store_scheme_is_a_clear_error(runner: CliRunner):
    out = runner.invoke(main, ["stats", "--store", "ftp://example/x"])
    assert out.exit_code == 1 and "unknown store scheme" in out.output


def test_demo_loads_a_fresh_store(runner: CliRunner, tmp_path: Path):
    out_dir = tmp_path / "demo"
    result = runner.invoke(main, ["demo", "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    assert (out_dir / "demo.lbug").exists()
    assert "Try next:" in result.output
    again = runner.invoke(main, ["demo", "--out", str(out_dir)])
    assert again.output.splitlines()[1] == result.output.splitlines()[1]  # same counts: fresh store
    s = open_store(out_dir / "demo.lbug")
    try:
        kinds = list(s.ids().values())
    finally:
        s.close()
    assert 80 <= kinds.count("person") <= 150
    assert 30 <= kinds.count("organization") <= 40

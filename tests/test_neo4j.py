"""Neo4j-only behaviour on a real server (CI starts one with scripts/neo4j-server)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cosgraph.cli import main
from cosgraph.errors import StoreError
from cosgraph.store import open_store

URI = os.environ.get("COSGRAPH_NEO4J_URI")
pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(URI is None, reason="COSGRAPH_NEO4J_URI is not set (no Neo4j server)"),
]


def _wipe() -> None:
    store = open_store(URI)
    store._driver.execute_query("MATCH (n) DETACH DELETE n")  # type: ignore[attr-defined]
    store.close()


def test_wrong_password_is_refused_without_echoing_it(monkeypatch: pytest.MonkeyPatch):
    secret = "not-the-password-Zq81"
    monkeypatch.setenv("COSGRAPH_NEO4J_PASSWORD", secret)
    with pytest.raises(StoreError) as info:
        open_store(URI)
    assert "refused the credentials" in str(info.value)
    assert secret not in str(info.value)
    result = CliRunner().invoke(main, ["stats", "--store", URI])
    assert result.exit_code == 1
    assert secret not in result.output
    assert "refused the credentials" in result.output


def test_real_password_never_appears_in_output_or_errors():
    password = os.environ["COSGRAPH_NEO4J_PASSWORD"]
    runner = CliRunner()
    outputs = [
        runner.invoke(main, ["init", "--store", URI]).output,
        runner.invoke(main, ["stats", "--store", URI, "--format", "json"]).output,
        runner.invoke(main, ["query", "lever_decision_makers", "--store", URI]).output,
        runner.invoke(main, ["query", "nope", "--store", URI]).output,
    ]
    assert all(password not in out for out in outputs)


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot reach Neo4j at bolt://127.0.0.1:1"):
        open_store("bolt://127.0.0.1:1")


def test_demo_on_neo4j_prints_the_same_stats_as_embedded(tmp_path: Path):
    _wipe()
    runner = CliRunner()
    embedded = str(tmp_path / "demo.lbug")
    assert runner.invoke(main, ["demo", "--store", embedded]).exit_code == 0
    result = runner.invoke(main, ["demo", "--store", URI])
    assert result.exit_code == 0, result.output
    assert (
        result.output.splitlines()[1:3]
        == runner.invoke(main, ["demo", "--store", embedded]).output.splitlines()[1:3]
    )
    on_neo4j = json.loads(runner.invoke(main, ["stats", "--store", URI, "--format", "json"]).output)
    on_disk = json.loads(
        runner.invoke(main, ["stats", "--store", embedded, "--format", "json"]).output
    )
    assert on_neo4j == on_disk


def test_init_twice_keeps_one_constraint_per_kind():
    runner = CliRunner()
    runner.invoke(main, ["init", "--store", URI])
    runner.invoke(main, ["init", "--store", URI])
    store = open_store(URI)
    try:
        records, _, _ = store._driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")  # type: ignore[attr-defined]
    finally:
        store.close()
    names = [r["name"] for r in records if r["name"].startswith("cosgraph_")]
    assert len(names) == len(set(names)) == 11  # 10 node kinds + the attribute registry


def test_copy_between_backends_from_the_cli(tmp_path: Path):
    _wipe()
    runner = CliRunner()
    disk = str(tmp_path / "d.lbug")
    runner.invoke(main, ["demo", "--store", disk])
    up = runner.invoke(main, ["copy", "--from", disk, "--to", URI])
    assert up.exit_code == 0, up.output
    back = str(tmp_path / "back.lbug")
    down = runner.invoke(main, ["copy", "--from", URI, "--to", back])
    assert down.exit_code == 0, down.output
    stats = [
        json.loads(runner.invoke(main, ["stats", "--store", s, "--format", "json"]).output)
        for s in (disk, URI, back)
    ]
    assert stats[0] == stats[1] == stats[2]


def test_credentials_written_in_the_uri_connect_and_are_never_echoed(
    monkeypatch: pytest.MonkeyPatch,
):
    from urllib.parse import quote

    password = os.environ["COSGRAPH_NEO4J_PASSWORD"]
    assert URI is not None
    scheme, _, host = URI.partition("://")
    monkeypatch.delenv("COSGRAPH_NEO4J_USER", raising=False)
    monkeypatch.delenv("COSGRAPH_NEO4J_PASSWORD", raising=False)
    with_credentials = f"{scheme}://neo4j:{quote(password, safe='')}@{host}"
    result = CliRunner().invoke(main, ["stats", "--format", "json", "--store", with_credentials])
    assert result.exit_code == 0, result.output
    wrong = f"{scheme}://neo4j:se/cret-p@ss@{host}"
    result = CliRunner().invoke(main, ["stats", "--store", wrong])
    assert result.exit_code == 1
    assert "refused the credentials" in result.output
    assert "cret" not in result.output and "p@ss" not in result.output
    assert f"{scheme}://{host}" in result.output


def test_a_read_only_neo4j_store_refuses_writes_and_changes_nothing():
    from cosgraph.model import CommunityMap, Person
    from cosgraph.provenance import provenance_of

    _wipe()
    runner = CliRunner()
    assert runner.invoke(main, ["init", "--store", URI]).exit_code == 0
    reader = open_store(URI, read_only=True)
    try:
        before = reader.ids()
        with pytest.raises(StoreError, match="read-only"):
            reader.write(CommunityMap(nodes=[Person(id="ana")]), provenance_of("x.json"))
        with pytest.raises(StoreError, match="read-only"):
            reader.init()
        # reads run in READ access mode: the server itself refuses a write
        with pytest.raises(StoreError, match="read access mode"):
            reader._read("CREATE (n:Person {id: 'sneak'}) RETURN 1 AS x")  # type: ignore[attr-defined]
        assert reader.ids() == before
    finally:
        reader.close()


def test_commands_print_no_server_notifications(tmp_path: Path) -> None:
    # cosgraph's queries name properties a map may not have; the server's notes about
    # them are no news to a user, and the driver would log each one on standard error
    import subprocess
    import sys

    assert URI is not None
    program = "from cosgraph.cli.program import run; run()"
    for args in (["init", "--store", URI], ["stats", "--store", URI]):
        result = subprocess.run(
            [sys.executable, "-c", program, *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        assert "notification" not in result.stderr, result.stderr[:300]

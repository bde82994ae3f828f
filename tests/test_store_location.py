"""A password written into a store URI is used to connect but never printed, in part or whole."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from cosgraph.cli import main
from cosgraph.store.location import neo4j_address, shown_location

PASSWORDS = ["se/cret", "p@ss", "a:b@c", "sp ace#?&=x", "Zq/@:%41"]


def _unreachable_port() -> int:
    """A 127.0.0.1 port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pieces(secret: str) -> set[str]:
    """Every part of ``secret`` of 4 characters or more, or of 3 with a non-letter in it
    (``ret`` alone would match the driver's own "Unable to retrieve routing information")."""
    parts = {secret[i:j] for i in range(len(secret)) for j in range(i + 3, len(secret) + 1)}
    return {p for p in parts if len(p) > 3 or not p.isalpha()}


@pytest.mark.parametrize("password", PASSWORDS)
@pytest.mark.parametrize("encode", [False, True], ids=["as-typed", "percent-encoded"])
def test_cli_never_prints_any_part_of_a_uri_password(password: str, encode: bool, tmp_path: Path):
    written = quote(password, safe="") if encode else password
    port = _unreachable_port()
    uri = f"neo4j://neo4j:{written}@127.0.0.1:{port}"
    commands = [
        ["stats", "--store", uri],
        ["init", "--store", uri],
        ["query", "stats_by_kind", "--store", uri],
        ["export", "--format", "json", "-o", str(tmp_path / "x.json"), "--store", uri],
        ["copy", "--from", uri, "--to", str(tmp_path / "to.lbug")],
        ["demo", "--store", uri, "--out", str(tmp_path / "demo")],
    ]
    for args in commands:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, (args, result.output)
        assert "cannot reach Neo4j at neo4j://127.0.0.1:" in result.output
        # the port is printed on purpose, and may hold digits of the password ("%2541")
        shown = result.output.replace(f"127.0.0.1:{port}", "127.0.0.1:PORT")
        leaked = {p for p in _pieces(password) | _pieces(written) if p in shown}
        assert not leaked, (args, result.output)


def test_credentials_in_a_uri_are_split_off_and_decoded():
    address = neo4j_address("bolt+s://ana%20r:se/cret@db.example.org:7687")
    assert (address.uri, address.user, address.password) == (
        "bolt+s://db.example.org:7687",
        "ana r",
        "se/cret",
    )
    assert "se/cret" not in repr(address)
    assert neo4j_address("neo4j://ana@h:1").password is None


@pytest.mark.parametrize(
    "location, shown",
    [
        ("neo4j://u:p@ss@h:7687", "neo4j://h:7687"),
        ("bolt://u:x@h/y@127.0.0.1:1", "bolt://127.0.0.1:1"),
        ("neo4j://h:7687", "neo4j://h:7687"),
        ("http://u:secret@h", "http://h"),  # an unknown scheme is shown the same way
        ("maps/coal@tion.lbug", "maps/coal@tion.lbug"),  # a path is a path
    ],
)
def test_a_store_is_shown_without_its_credentials(location: str, shown: str):
    assert shown_location(location) == shown


@pytest.mark.parametrize("password", ["se/cret", "p@ss"])
def test_the_command_prints_no_part_of_it_on_stdout_or_stderr(password: str):
    import subprocess
    import sys

    uri = f"neo4j://neo4j:{password}@127.0.0.1:{_unreachable_port()}"
    run = subprocess.run(
        [sys.executable, "-c", "from cosgraph.cli import main; main()", "stats", "--store", uri],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "cannot reach Neo4j at neo4j://127.0.0.1:" in run.stderr
    assert not {p for p in _pieces(password) if p in run.stdout + run.stderr}

"""Load and diff reports name people as the audience may see them (default public).

A facilitator's `load --format csv` or `diff` is as easy to share as an export: a
resident who kept their consent private must not appear in it by id, name or place.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cosgraph.cli import main

PEOPLE = [
    {"kind": "person", "id": "ana", "name": "Ana Ruiz", "consent": "public"},
    {"kind": "person", "id": "bea", "name": "Bea Secret", "consent": "private"},
    {"kind": "person", "id": "cy", "name": "Cy Open", "consent": "public"},
]
TIES = [
    {"type": "KNOWS", "source": "ana", "target": "bea"},
    {"type": "KNOWS", "source": "cy", "target": "ana"},
]


def _write(path: Path, people: list[dict[str, str]], ties: list[dict[str, str]]) -> Path:
    path.write_text(json.dumps({"nodes": people, "ties": ties}))
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_load_report_rows_hide_a_private_person_by_default(tmp_path: Path) -> None:
    store = str(tmp_path / "m.lbug")
    first = _write(tmp_path / "monday.json", PEOPLE, TIES)
    out = _run("load", str(first), "--format", "csv", "--store", store)
    assert "bea" not in out and "Bea Secret" not in out
    assert "ana" in out and "cy" in out
    # the steward sees everyone
    again = _run("load", str(first), "--format", "json", "--store", store, "--audience", "private")
    assert "nothing" not in again  # json report of an unchanged load still parses
    json.loads(again)


def test_kept_rows_listed_after_a_reload_do_not_name_a_private_person(tmp_path: Path) -> None:
    store = str(tmp_path / "m.lbug")
    _run("load", str(_write(tmp_path / "s.json", PEOPLE, TIES)), "--source", "s", "--store", store)
    friday = _write(tmp_path / "friday.json", PEOPLE[:1] + PEOPLE[2:], TIES[1:])
    public = _run("load", str(friday), "--source", "s", "--store", store, "--dry-run")
    assert "no longer in the file" in public
    assert "bea" not in public and "Bea" not in public
    private = _run(
        "load", str(friday), "--source", "s", "--store", store, "--dry-run", "--audience", "private"
    )
    assert "person bea" in private and "KNOWS ana -> bea" in private


def test_diff_hides_a_private_person_and_lists_their_rows_last(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.json", PEOPLE[:1], [])
    new = _write(tmp_path / "new.json", PEOPLE, TIES)
    public = _run("diff", str(old), str(new), "--format", "csv")
    assert "bea" not in public and "Bea Secret" not in public
    lines = public.strip().splitlines()[1:]
    assert any("person-" in line for line in lines)
    # within each section (people, ties) rows naming the hidden person come after every
    # other row: their place tells nothing about where the hidden id sorts
    for section in (",person,", ",KNOWS,"):
        mentions = ["person-" in line for line in lines if section in line]
        assert mentions == sorted(mentions), lines
    private = _run("diff", str(old), str(new), "--format", "csv", "--audience", "private")
    assert "bea" in private and "ana -> bea" in private

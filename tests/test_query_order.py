"""A named query that sets no order prints its rows sorted by value, never in the
store's order (which can change between runs and depend on ids an output hides)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cosgraph.cli import main
from cosgraph.store.named_queries import get_query


def test_rows_of_a_query_without_order_come_sorted(tmp_path: Path) -> None:
    assert not get_query("ties_touching").ordered
    assert get_query("people_by_tripod_role").ordered
    # stored as written: zoe first, so the store meets zoe's ties first
    (tmp_path / "people.csv").write_text("pid\nzoe\nann\nbea\n")
    (tmp_path / "ties.csv").write_text("src,dst\nzoe,ann\nann,zoe\nbea,zoe\n")
    store = str(tmp_path / "m.lbug")
    args = ["load-network", str(tmp_path / "people.csv"), str(tmp_path / "ties.csv")]
    args += ["--id-column", "pid", "--from-column", "src", "--to-column", "dst"]
    assert CliRunner().invoke(main, [*args, "--consent", "public", "--store", store]).exit_code == 0
    query = ["query", "ties_touching", "--param", 'ids=["zoe"]', "--format", "csv"]
    result = CliRunner().invoke(main, [*query, "--store", store])
    assert result.exit_code == 0, result.output
    ends = [line.split(",")[1:3] for line in result.output.splitlines()[1:]]
    assert ends == [["ann", "zoe"], ["bea", "zoe"], ["zoe", "ann"]]

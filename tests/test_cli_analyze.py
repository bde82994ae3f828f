"""`cosgraph analyze ...` on the demo store, from the CLI, checked against the demo's
known, deliberate features (see cosgraph/data/demo/README.md)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from cosgraph.cli import main


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return str(out / "demo.lbug")


def _json(*args: str, store: str) -> object:
    result = CliRunner().invoke(main, [*args, "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_power_map_on_the_demo(demo_store: str):
    data = _json("analyze", "power", store=demo_store)
    assert isinstance(data, dict)
    levers = {lv["id"]: lv for lv in data["levers"]}
    assert set(levers) >= {"soda-tax", "school-salad", "snap-match"}
    assert set(levers["soda-tax"]["deciders"]) == {"p016", "cookco-board"}
    legs = {leg["role"]: leg["count"] for leg in data["tripod"]["legs"]}
    assert legs == {"formal_leader": 31, "community_connector": 38, "lived_experience": 55}
    quadrants = {a["quadrant"] for a in data["actors"]}
    assert quadrants <= {"manage_closely", "keep_satisfied", "keep_informed", "monitor"}


def test_power_paths_table_is_one_row_per_resident_and_decider(demo_store: str):
    result = CliRunner().invoke(
        main, ["analyze", "power", "--section", "paths", "--store", demo_store, "--format", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and set(rows[0]) == {"lever", "resident", "decider", "length", "path"}
    for row in rows:
        hops = row["path"].split(" > ")
        assert hops[0] == row["resident"] and hops[-1] == row["decider"]
        assert int(row["length"]) == len(hops) - 1


def test_matching_finds_the_demo_short_lever_and_untapped_assets(demo_store: str):
    data = _json("analyze", "match", store=demo_store)
    assert isinstance(data, dict)
    # The demo holds 2 translation capacity in all and snap-match needs 4.
    short = {(s["lever"], s["capability"]): s["short"] for s in data["short"]}
    assert short == {("snap-match", "translation"): 2.0}
    untapped = {u["asset"] for u in data["untapped"] if u["entirely"]}
    assert {"a-church-van", "a-elder-stories", "a-childcare-swap", "a-barber-talks"} <= untapped
    assert data["total_matched"] == pytest.approx(data["total_needed"] - 2.0 * 1)


def test_crosswalk_lookups_from_the_cli(demo_store: str):
    lookup = _json("analyze", "crosswalk", "--skills", "LE", store=demo_store)
    assert isinstance(lookup, dict)
    numbers = sorted(b["number"] for b in lookup["behaviors"])
    assert numbers == [2, 5, 12, 14, 15, 25, 26, 27]  # Table 1's LE tags, read by hand
    need = _json("analyze", "crosswalk", "--behavior", "CSB12", store=demo_store)
    assert isinstance(need, dict)
    assert [d["domain"] for d in need["domains"]] == ["LE", "LT", "LS"]  # "(LE, LT, LS)"
    gaps = _json("analyze", "crosswalk", "--community", "com-proviso", store=demo_store)
    assert isinstance(gaps, dict)
    assert len(gaps["behaviors"]) == 28


def test_power_flags_the_demo_levers_far_from_residents(demo_store: str):
    near = _json("analyze", "power", "-k", "2", store=demo_store)
    assert isinstance(near, dict)
    assert sorted(near["unreached_levers"]) == ["snap-ed-formula", "soda-proceeds", "soda-tax"]
    default = _json("analyze", "power", store=demo_store)
    assert isinstance(default, dict)
    assert default["unreached_levers"] == []


def test_metrics_from_the_cli_have_every_key_and_respect_where(demo_store: str):
    data = _json("analyze", "metrics", store=demo_store)
    assert isinstance(data, dict)
    keys = {
        "id",
        "in_degree",
        "out_degree",
        "degree",
        "betweenness",
        "closeness",
        "pagerank",
        "eigenvector",
        "clustering",
        "reach_2",
        "community",
    }
    assert data["nodes"] and all(set(n) == keys for n in data["nodes"])
    assert data["n_nodes"] == 124 + 38  # people and organizations
    people = _json("analyze", "metrics", "--where", "kind=person", "--top", "5", store=demo_store)
    assert isinstance(people, dict)
    assert len(people["nodes"]) == 5 and all(n["id"].startswith("p") for n in people["nodes"])
    ranks = [n["pagerank"] for n in people["nodes"]]
    assert ranks == sorted(ranks, reverse=True)


def test_spanners_and_communities_from_the_cli(demo_store: str):
    data = _json("analyze", "spanners", "--by", "tripod_role", store=demo_store)
    assert isinstance(data, dict)
    for node in data["nodes"]:
        roles = node["brokerage"]
        assert roles["total"] == sum(v for k, v in roles.items() if k != "total")
    groups = {g["group"] for g in data["groups"]}
    assert groups == {"formal_leader", "community_connector", "lived_experience"}
    # placeholders differ per output, so a steward compares two runs
    args = ("analyze", "communities", "--seed", "3", "--audience", "private")
    found, again = _json(*args, store=demo_store), _json(*args, store=demo_store)
    assert isinstance(found, dict) and found == again
    assert sum(c["size"] for c in found["communities"]) == 124 + 38


def test_metrics_write_stores_values_for_queries(tmp_path):
    out = tmp_path / "demo"
    runner = CliRunner()
    runner.invoke(main, ["demo", "--out", str(out)])
    store = str(out / "demo.lbug")
    first = runner.invoke(
        main, ["analyze", "metrics", "--write", "--store", store, "--format", "json"]
    )
    assert first.exit_code == 0, first.output
    computed = {n["id"]: n for n in json.loads(first.stdout)["nodes"]}
    again = runner.invoke(
        main, ["analyze", "metrics", "--write", "--store", store, "--format", "json"]
    )
    assert again.exit_code == 0
    rows = runner.invoke(
        main,
        [
            "query",
            "people_by_metric_rank",
            "--param",
            "limit=3",
            "--store",
            store,
            "--format",
            "json",
        ],
    )
    top = json.loads(rows.stdout)
    people = sorted(
        (n for n in computed.values() if n["id"].startswith("p")),
        key=lambda n: (-n["pagerank"], n["id"]),
    )[:3]
    assert [r["id"] for r in top] == [n["id"] for n in people]
    assert [r["pagerank"] for r in top] == pytest.approx([n["pagerank"] for n in people])
    assert all(r["community"] == computed[r["id"]]["community"] for r in top)

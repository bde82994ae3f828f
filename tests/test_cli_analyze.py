"""`cosgraph analyze ...` on the demo store, from the CLI, checked against the demo's
known, deliberate features (see cosgraph/data/demo/README.md)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

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
    assert rows and set(rows[0]) == {"lever", "resident", "decider", "length", "path", "path_ids"}
    for row in rows:
        hops = row["path"].split(" > ")
        assert hops[0] == row["resident"] and hops[-1] == row["decider"]
        assert int(row["length"]) == len(hops) - 1 == len(row["path_ids"].split(" > ")) - 1


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


def _csv(*args: str, store: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(
        main, [*args, "--store", store, "--format", "csv", "--audience", "private"]
    )
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_power_lists_actors_by_influence_with_names_first_and_ids_apart(demo_store: str):
    rows = _csv("analyze", "power", store=demo_store)
    influence = [float(r["influence"]) for r in rows]
    assert influence == sorted(influence, reverse=True)
    assert list(rows[0])[:2] == ["name", "id"]
    assert (rows[0]["name"], rows[0]["id"]) == ("Proviso Partners for Health (backbone)", "pp4h")


@pytest.mark.parametrize(
    "command", [("analyze", "spanners", "--by", "sector"), ("analyze", "metrics")]
)
def test_spanners_and_metrics_name_people_first_with_ids_apart(
    demo_store: str, command: tuple[str, ...]
):
    rows = _csv(*command, store=demo_store)
    assert list(rows[0])[:2] == ["name", "id"]
    maria = next(r for r in rows if r["id"] == "p034")
    assert maria["name"] == "María Salgado"
    # the same through the networkx path (--where), which the columnar path must equal
    narrowed = _csv(*command, "--where", "kind=person", store=demo_store)
    assert next(r for r in narrowed if r["id"] == "p034")["name"] == "María Salgado"
    # people the public may not see keep only their placeholder, in both columns
    public = CliRunner().invoke(main, [*command, "--store", demo_store, "--format", "csv"])
    assert public.exit_code == 0, public.output
    seen = list(csv.DictReader(io.StringIO(public.stdout)))
    hidden = [r for r in seen if r["id"].startswith("person-")]
    assert hidden and all(r["name"] == r["id"] for r in hidden)


def test_researchers_networks_without_names_keep_their_columns(tmp_path: Path):
    (tmp_path / "n.csv").write_text("node\na\nb\n")
    (tmp_path / "t.csv").write_text("s,t\na,b\n")
    store = str(tmp_path / "r.lbug")
    loaded = CliRunner().invoke(main, [
        "load-network", str(tmp_path / "n.csv"), str(tmp_path / "t.csv"), "--id-column", "node",
        "--from-column", "s", "--to-column", "t", "--consent", "public", "--store", store,
    ])  # fmt: skip
    assert loaded.exit_code == 0, loaded.output
    assert list(_csv("analyze", "metrics", store=store)[0])[:2] == ["id", "in_degree"]


def test_power_paths_name_people_and_keep_the_id_path(demo_store: str):
    rows = _csv("analyze", "power", "--section", "paths", store=demo_store)
    lamont = next(r for r in rows if r["path_ids"] == "p070 > p007 > p002 > loyola")
    assert lamont["path"] == (
        "Lamont Johnson > Zora Sims > Jun Tran > Loyola Medicine (Loyola University Health System)"
    )
    assert lamont["resident"] == "Lamont Johnson"


def test_tripod_table_has_no_empty_team_column_and_counts_everyone(demo_store: str):
    rows = _csv("analyze", "power", "--section", "tripod", store=demo_store)
    assert "team" not in rows[0] and "members" not in rows[0]
    assert rows[-1]["role"] == "(no tripod role)"
    people = _json("stats", store=demo_store)
    assert isinstance(people, dict)
    assert sum(int(r["count"]) for r in rows) == people["by_kind"]["person"]
    team = _csv("analyze", "power", "--section", "tripod", "--team", "pp4h", store=demo_store)
    assert {r["team"] for r in team} == {"Proviso Partners for Health (backbone)"}


def test_match_default_says_per_lever_what_is_matched_and_what_is_missing(demo_store: str):
    rows = {r["lever_id"]: r for r in _csv("analyze", "match", store=demo_store)}
    snap = rows["snap-match"]
    assert snap["short"] == "translation 2"
    assert "translation" in snap["why"] and "Spanish interpreting" in snap["from_assets"]
    assert rows["soda-tax"]["why"] == "fully matched" and rows["soda-tax"]["short"] == ""


def test_match_default_shows_a_short_lever_and_the_untapped_asset_when_nothing_matched(
    tmp_path: Path,
):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "assets.csv").write_text(
        "id,name,asset_kind,capabilities,capacity\nvan,Church van,in_kind,transports,1\n"
    )
    (folder / "levers.csv").write_text("id,name,lever_kind,needs\nrides,Rides,system,transport=1\n")
    store = str(tmp_path / "s.lbug")
    assert CliRunner().invoke(main, ["load", str(folder), "--store", store]).exit_code == 0
    table = CliRunner().invoke(main, ["analyze", "match", "--store", store]).stdout
    assert "(nothing)" not in table
    (row,) = _csv("analyze", "match", store=store)
    assert row["short"] == "transport 1" and row["untapped_assets"] == "Church van"
    assert row["why"].startswith("no asset offers transport (close: transports)")


def test_jargon_is_explained_under_a_table_but_csv_keeps_machine_names(demo_store: str):
    def run(fmt: str) -> str:
        args = ["analyze", "spanners", "--store", demo_store, "--format", fmt]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        return result.stdout

    table = run("table")
    assert "\nliaison: links two groups, belonging to neither" in table
    assert "constraint: how closed-in" in table and "itinerant: " in table
    assert "liaison: " not in run("csv")

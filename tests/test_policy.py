"""The rules the CLI used to hold, called from Python: provenance, plan reports, write-back."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cosgraph.analysis.metrics import network_metrics
from cosgraph.analysis.views import tie_graph
from cosgraph.cli import main
from cosgraph.errors import AnalysisError, CosgraphError
from cosgraph.model import CommunityMap, Person, Tie
from cosgraph.plan_report import SHOWN_KEPT, plan_json, plan_lines
from cosgraph.provenance import PYTHON_SOURCE, provenance_of
from cosgraph.store import open_store
from cosgraph.write_back import write_metrics


def people(*ids: str) -> CommunityMap:
    return CommunityMap(nodes=[Person(id=i) for i in ids])


def test_provenance_of_names_a_source_the_same_however_its_path_is_spelt():
    assert provenance_of("./session.xlsx") == provenance_of("session.xlsx") == "session.xlsx"
    assert provenance_of("data//x/../nodes.csv", "data/ties.csv") == (
        "data/nodes.csv + data/ties.csv"
    )
    assert provenance_of(Path("a") / "b.csv") == "a/b.csv"
    assert provenance_of() == PYTHON_SOURCE == "<python>"


def test_load_network_records_its_files_as_load_does(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("net").mkdir()
    Path("net/nodes.csv").write_text("id\na\nb\n")
    Path("net/ties.csv").write_text("a,b\na,b\n")
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(
        main,
        [
            "load-network",
            "net/../net/nodes.csv",
            "net/../net/ties.csv",
            "--id-column=id",
            "--from-column=a",
            "--to-column=b",
            "--store",
            store,
        ],
    )
    assert result.exit_code == 0, result.output
    s = open_store(store)
    try:
        sources = {d["provenance"] for _, d in s.project().nodes(data=True) if "provenance" in d}
    finally:
        s.close()
    assert provenance_of("net/nodes.csv", "net/ties.csv") in sources


def test_plan_lines_say_what_a_reload_keeps_and_what_prune_removes(tmp_path: Path):
    store = open_store(tmp_path / "s.lbug")
    store.init()
    try:
        store.write(people("ana", "bo", "cy"), provenance="sheet.xlsx")
        kept = store.plan(people("ana", "bo"), provenance="sheet.xlsx")
        assert plan_lines(kept, dry_run=True) == [
            "nothing to change (2 nodes, 0 ties as stored)",
            "no longer in the file (kept; --prune removes them): 1 person",
            "  person cy",
        ]
        assert plan_lines(kept, dry_run=True, list_kept=False) == [
            "nothing to change (2 nodes, 0 ties as stored)"
        ]
        pruned = store.plan(people("ana", "bo", "dee"), provenance="sheet.xlsx", prune=True)
        assert plan_lines(pruned, dry_run=True) == [
            "would be created: 1 person",
            "would be removed: 1 person",
            "would change 1 nodes and 0 ties; 2 nodes and 0 ties unchanged",
            "would remove 1 nodes and 0 ties",
        ]
        report = plan_json(pruned, dry_run=True)
        assert report["prune"] is True and report["unchanged"] == {"nodes": 2, "ties": 0}
        assert {(c["action"], c["id"]) for c in report["changes"]} == {
            ("create", "dee"),
            ("remove", "cy"),
        }
    finally:
        store.close()


def test_plan_lines_cut_a_long_list_of_kept_rows(tmp_path: Path):
    store = open_store(tmp_path / "s.lbug")
    store.init()
    try:
        many = [f"p{i:03d}" for i in range(SHOWN_KEPT + 5)]
        store.write(people(*many), provenance="sheet.xlsx")
        lines = plan_lines(store.plan(people(), provenance="sheet.xlsx"))
    finally:
        store.close()
    assert len(lines) == 2 + SHOWN_KEPT + 1
    assert lines[-1] == "  ... and 5 more (--format csv lists all)"


def test_write_metrics_stores_what_analyze_metrics_write_stores(tmp_path: Path):
    cmap = CommunityMap(
        nodes=[Person(id="ana"), Person(id="bo"), Person(id="cy")],
        ties=[
            Tie(type="KNOWS", source="ana", target="bo"),
            Tie(type="KNOWS", source="bo", target="cy"),
        ],
    )
    by_python, by_cli = str(tmp_path / "py.lbug"), str(tmp_path / "cli.lbug")
    for location in (by_python, by_cli):
        s = open_store(location)
        s.init()
        s.write(cmap)
        s.close()
    s = open_store(by_python)
    try:
        assert write_metrics(s, network_metrics(tie_graph(s.project()), top=2)) == 2
        from_python = dict(s.project().nodes(data=True))
    finally:
        s.close()
    run = CliRunner().invoke(
        main,
        ["analyze", "metrics", "--write", "--top", "2", "--format", "json"]
        + ["--audience", "private", "--store", by_cli],
    )
    assert run.exit_code == 0, run.output
    s = open_store(by_cli)
    try:
        from_cli = dict(s.project().nodes(data=True))
    finally:
        s.close()

    def metrics_of(nodes: dict) -> dict:
        return {
            n: {k: v for k, v in d.items() if k.startswith("metric_") and v is not None}
            for n, d in nodes.items()
        }

    assert metrics_of(from_python) == metrics_of(from_cli)
    assert metrics_of(from_python)["bo"]["metric_in_degree"] == 1
    assert metrics_of(from_python)["ana"] == {}  # not in the top 2: not written
    assert [row["id"] for row in json.loads(run.stdout)["nodes"]] == ["cy", "bo"]


# --------------------------------------------------------------------------- spread


def medical_adoption():
    from cosgraph.analysis.spread import adoption_from_files
    from tests.conftest import MEDICAL

    return adoption_from_files(
        MEDICAL / "physicians.csv",
        MEDICAL / "ties.csv",
        id_column="physician_id",
        community_column="city",
        time_column="adoption_month",
        from_column="from_physician",
        to_column="to_physician",
    )


def test_adoption_from_files_gives_python_what_spread_from_files_prints():
    from cosgraph.analysis.spread import exposure
    from tests.test_cli_spread import FILES, _json

    data = medical_adoption()
    assert len(data.contacts) == 125 and {"advice", "friendship"} <= {
        r for _, _, rs in data.contacts.edges(data="relations") for r in rs
    }
    assert _json(
        "spread", "exposure", "--relation", "advice", "--audience", "private", *FILES
    ) == json.loads(exposure(data, relation="advice").model_dump_json())


def test_simulate_spread_lets_influence_flow_from_the_named_to_the_naming():
    import networkx as nx
    import pytest

    from cosgraph.analysis.spread import AdoptionData, influence_graph, simulate_spread

    # "learner" names "teacher": the teacher can convince the learner, not the reverse.
    data = AdoptionData(nx.DiGraph([("learner", "teacher")]), {}, {})
    assert list(influence_graph(data).edges) == [("teacher", "learner")]
    assert list(data.contacts.edges) == [("learner", "teacher")]  # not turned in place
    assert simulate_spread(data, seeds=["teacher"], p=1.0, runs=5).mean == 2.0
    assert simulate_spread(data, seeds=["learner"], p=1.0, runs=5).mean == 1.0
    assert simulate_spread(data, model="lt", seeds=["teacher"], runs=5).mean == 2.0
    for both_or_neither in ({}, {"seeds": ["teacher"], "choose": 1}):
        with pytest.raises(AnalysisError, match="either --seeds .* seeds= or choose="):
            simulate_spread(data, **both_or_neither)
    with pytest.raises(AnalysisError, match="model must be one of 'ic', 'lt'; got 'sir'"):
        simulate_spread(data, model="sir", seeds=["teacher"])  # type: ignore[arg-type]
    with pytest.raises(CosgraphError, match="'nobody'"):
        simulate_spread(data, seeds=["nobody"])


def test_simulate_spread_equals_the_cli_on_the_medical_innovation_data():
    from cosgraph.analysis.spread import simulate_spread
    from tests.test_cli_spread import FILES, _json

    args = ("--seeds", "c1-001,c2-002", "--runs", "200", "--seed", "3")
    printed = _json("spread", "simulate", *args, "--audience", "private", *FILES)
    result = simulate_spread(medical_adoption(), seeds=["c1-001", "c2-002"], runs=200, seed=3)
    assert printed == json.loads(result.model_dump_json())


def test_spread_reads_blank_cells_as_the_loaders_do():
    import networkx as nx

    from cosgraph.analysis.spread import adoption_from_network

    G = nx.DiGraph([("b", "a"), ("c", "a")])
    nx.set_node_attributes(G, {"a": 1.0, "b": "NA", "c": " 2 "}, "month")
    nx.set_node_attributes(G, {"a": 7.0, "b": "N/A", "c": "east"}, "town")
    data = adoption_from_network(G, "town", "month")
    assert data.time == {"a": 1.0, "b": None, "c": 2.0}
    assert data.community == {"a": "7", "c": "east"}


def test_every_name_of_the_old_spread_module_still_imports():
    import cosgraph.analysis.spread as spread

    old = [
        "AdoptionData", "adoption_from_network", "adoption_from_graph", "PeriodAdoption",
        "PeriodRate", "CommunityAdoption", "SpreadSummary", "spread_summary",
        "AdopterExposure", "ExposureResult", "exposure", "CascadeAdopter", "CommunityReach",
        "CommunityCrossing", "CascadeResult", "cascade", "ROGERS_CATEGORIES",
        "ACTOR_CONTACT_TIES", "COMMUNITY_CONTACT_TIES",
    ]  # fmt: skip
    assert set(old) <= set(spread.__all__)
    assert all(callable(getattr(spread, name)) or name.isupper() for name in old)


# --------------------------------------------------------------------------- results


def test_results_name_their_sections_for_tables_and_csv():
    import networkx as nx
    import pytest

    from cosgraph.analysis.communities import detect_communities
    from cosgraph.analysis.power import power_map
    from cosgraph.analysis.result import Result
    from cosgraph.analysis.spanners import boundary_spanners

    T = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "x"), ("x", "y"), ("y", "z")])
    nx.set_node_attributes(T, {n: n in "abc" for n in T}, "team")
    communities = detect_communities(T)
    spanners = boundary_spanners(T, by="team")
    assert list(communities.sections()) == ["communities", "bridgers"]
    assert communities.section_rows("bridgers") == communities.bridger_rows()
    assert communities.section_rows() == communities.table_rows()
    assert list(spanners.sections()) == ["nodes", "groups", "bridges"]
    assert spanners.section_rows("bridges") == [{"from": a, "to": b} for a, b in spanners.bridges]
    power = power_map(nx.MultiDiGraph())
    assert list(power.sections()) == ["actors", "levers", "stances", "paths", "tripod"]
    assert all(isinstance(r, Result) for r in (communities, spanners, power))
    with pytest.raises(AnalysisError, match="choose from nodes, groups, bridges"):
        spanners.section_rows("brokers")

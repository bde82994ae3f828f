"""The store contract: every backend keeps what it is given and refuses loads whole.

Parametrised over the backends this machine offers (embedded always; Neo4j when
COSGRAPH_NEO4J_URI is set) through the ``store`` fixture: the same assertions for all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from cosgraph.loaders import read_map

from cosgraph.errors import LoadError, StoreError
from cosgraph.model import CommunityMap, Person, Tie
from cosgraph.provenance import provenance_of
from cosgraph.store import GraphStore
from cosgraph.store.named_queries import list_queries
from cosgraph.store.plan import TieChange, WritePlan
from tests.conftest import SMALL_MAP_CSV, write_folder

PROVENANCE = {"provenance", "loaded_at"}


def _snapshot(store: GraphStore, *, user_only: bool = False) -> tuple[Any, ...]:
    """Everything the store holds, comparable; ``user_only`` leaves the framework out."""
    G = store.project()
    framework = {n for n, k in G.nodes(data="kind") if k in ("domain", "skill", "behavior")}
    skip = framework if user_only else set()
    nodes = sorted((n, sorted(d.items(), key=str)) for n, d in G.nodes(data=True) if n not in skip)
    ties = sorted(
        (u, v, k, sorted(d.items(), key=str))
        for u, v, k, d in G.edges(keys=True, data=True)
        if u not in skip
    )
    return tuple(map(repr, nodes)), tuple(map(repr, ties))


def _user_nodes(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {
        n: {k: v for k, v in d.items() if k not in PROVENANCE}
        for n, d in G.nodes(data=True)
        if d["kind"] not in ("domain", "skill", "behavior")
    }


def test_round_trip_keeps_every_node_tie_and_attribute(store: GraphStore, small_map_folder: Path):
    cmap = read_map(small_map_folder)
    store.write(cmap, provenance="small")
    G = store.project()
    nodes = _user_nodes(G)
    assert set(nodes) == {n.id for n in cmap.nodes}
    for node in cmap.nodes:
        expected = {k: v for k, v in node.model_dump().items() if k not in ("id", "attributes")}
        expected = {k: v for k, v in expected.items() if v is not None}
        expected.update(node.attributes)
        expected["kind"] = node.kind
        assert nodes[node.id] == expected, node.id
    for tie in cmap.ties:
        data = G.edges[tie.source, tie.target, str(tie.type)]
        expected = {k: v for k, v in tie.properties().items() if v is not None}
        assert {k: v for k, v in data.items() if k not in PROVENANCE | {"type"}} == expected
        assert data["provenance"] == "small"
    user_ties = [e for e in G.edges(keys=True) if e[2] not in ("SUPPORTS", "HAS_SKILL")]
    assert len(user_ties) == len(cmap.ties)


def test_framework_is_in_every_store(store: GraphStore):
    G = store.project()
    kinds = nx.get_node_attributes(G, "kind")
    assert sum(k == "behavior" for k in kinds.values()) == 28
    assert sum(k == "domain" for k in kinds.values()) == 5
    assert G.has_edge("LT", "CSB1", "SUPPORTS")


def test_init_is_idempotent(store: GraphStore):
    before = _snapshot(store)
    store.init()
    assert _snapshot(store) == before


def test_reloading_the_same_data_changes_nothing(store: GraphStore, small_map_folder: Path):
    cmap = read_map(small_map_folder)
    first = store.write(cmap)
    assert len(first.nodes) == len(cmap.nodes)
    before = _snapshot(store)
    again = store.write(read_map(small_map_folder))
    assert again.is_empty
    assert again.unchanged_nodes == len(cmap.nodes) and again.unchanged_ties == len(cmap.ties)
    assert _snapshot(store) == before


def test_an_edited_row_updates_only_that_node(store: GraphStore, tmp_path: Path):
    store.write(read_map(write_folder(tmp_path / "v1", SMALL_MAP_CSV)), provenance="session")
    before = store.project().nodes["ana"]["loaded_at"]
    files = dict(SMALL_MAP_CSV)
    files["people.csv"] = files["people.csv"].replace(
        "Bo Chen,community_connector", "Bo Chen,formal_leader"
    )
    plan = store.write(read_map(write_folder(tmp_path / "v2", files)), provenance="session")
    assert [(c.id, c.action, c.changed) for c in plan.nodes] == [("bo", "update", ("tripod_role",))]
    G = store.project()
    assert G.nodes["bo"]["tripod_role"] == "formal_leader"
    assert G.nodes["ana"]["loaded_at"] == before  # untouched rows keep their load time


def test_the_file_that_last_named_a_row_owns_it(store: GraphStore, tmp_path: Path):
    """Pruning file a must not delete a node that file b, loaded later, still holds."""
    a = write_folder(tmp_path / "a", {"people.csv": "id\nana\nbo\n"})
    b = write_folder(
        tmp_path / "b",
        {"people.csv": "id\nbo\ncy\n", "ties.csv": "type,source,target\nKNOWS,bo,cy\n"},
    )
    store.write(read_map(a), provenance="a")
    taken = store.write(read_map(b), provenance="b")
    assert [(c.id, c.changed) for c in taken.nodes if c.id == "bo"] == [("bo", ("provenance",))]
    (a / "people.csv").write_text("id\nana\n")
    store.write(read_map(a), provenance="a", prune=True)
    G = store.project()
    assert "bo" in G and G.has_edge("bo", "cy", "KNOWS")
    assert store.write(read_map(b), provenance="b").is_empty


TIES_AB = "type,source,target\nKNOWS,ana,bo\n"
TIES_AB_BC = TIES_AB + "KNOWS,bo,cy\n"
TIES_DA = "type,source,target\nKNOWS,dee,ana\n"


def test_a_named_source_is_one_source_whatever_file_it_came_from(store: GraphStore, tmp_path: Path):
    """Dated copies under one --source: only real edits change, --prune follows the name."""
    monday = write_folder(
        tmp_path / "monday",
        {"people.csv": "id,name\nana,Ana\nbo,Bo\ncy,Cy\n", "ties.csv": TIES_AB_BC},
    )
    friday = write_folder(
        tmp_path / "friday",
        {"people.csv": "id,name\nana,Ana\nbo,Bo Chen\n", "ties.csv": TIES_AB},
    )
    other = write_folder(tmp_path / "other", {"people.csv": "id\ndee\n", "ties.csv": TIES_DA})
    store.write(read_map(monday), provenance_of(monday, source="s"))
    store.write(read_map(other), provenance_of(other, source="s2"))
    plan = store.write(read_map(friday), provenance_of(friday, source="s"), prune=True)
    assert [(c.id, c.changed) for c in plan.nodes] == [("bo", ("name",))]
    assert [n.id for n in plan.removed_nodes] == ["cy"]
    assert [(t.source, t.target) for t in plan.removed_ties] == [("bo", "cy")]
    G = store.project()
    assert "cy" not in G and "dee" in G and G.has_edge("dee", "ana", "KNOWS")
    assert G.nodes["bo"]["provenance"] == f"source:s from {tmp_path / 'friday'}"
    assert G.nodes["ana"]["provenance"] == f"source:s from {tmp_path / 'monday'}"
    assert store.write(read_map(other), provenance_of(other, source="s2"), prune=True).is_empty


def test_rejected_load_leaves_store_unchanged(
    store: GraphStore, small_map_folder: Path, tmp_path: Path
):
    store.write(read_map(small_map_folder))
    before = _snapshot(store)
    bad = CommunityMap(
        nodes=[Person(id="new-person", name="New"), Person(id="ana", name="Changed")],
        ties=[Tie(type="KNOWS", source="new-person", target="nobody")],
    )
    with pytest.raises(LoadError, match="unknown id 'nobody'"):
        store.write(bad)
    assert _snapshot(store) == before


def test_attribute_type_conflict_is_refused_whole(store: GraphStore, tmp_path: Path):
    store.write(read_map(write_folder(tmp_path / "a", {"people.csv": "id,age\nana,34\n"})))
    before = _snapshot(store)
    with pytest.raises(LoadError, match=r"people.csv, line 3, field 'age': 'unknown' does not fit"):
        store.write(
            read_map(write_folder(tmp_path / "b", {"people.csv": "id,age\nbo,40\ncy,unknown\n"}))
        )
    assert _snapshot(store) == before


def test_failure_half_way_through_a_write_rolls_everything_back(store: GraphStore):
    """Nodes are written first; a tie that then fails must take the nodes back out too."""
    before = _snapshot(store)
    plan = store.plan(CommunityMap(nodes=[Person(id="half", name="Half")]))
    plan.ties.append(
        TieChange("KNOWS", "half", "no-such-node", "person", "person", "create", {"strength": 1.0})
    )
    with pytest.raises(StoreError, match="nothing changed"):
        store.apply(plan)
    assert _snapshot(store) == before
    assert "half" not in store.ids()


def test_ids_must_keep_their_kind(store: GraphStore, small_map_folder: Path, tmp_path: Path):
    store.write(read_map(small_map_folder))
    files = {"organizations.csv": "id,name\nana,Ana Inc\n"}
    with pytest.raises(LoadError, match="id 'ana' is already a person"):
        store.write(read_map(write_folder(tmp_path / "o", files)))


def test_framework_nodes_cannot_be_loaded(store: GraphStore, tmp_path: Path):
    from cosgraph.model import Behavior

    with pytest.raises(LoadError, match="come from the framework"):
        store.write(CommunityMap(nodes=[Behavior(id="CSB99", number=1, text="x", group="relate")]))


INJECTIONS = [
    "x'}) DETACH DELETE n //",
    "`a`",
    "$param",
    "a\u0000b",
    "\\' OR 1=1 --",
    "emoji 🌱👩🏽‍🌾",
    "x" * 10_000,
]


@pytest.mark.parametrize("text", INJECTIONS, ids=lambda t: repr(t[:20]))
def test_hostile_strings_are_stored_verbatim(store: GraphStore, text: str):
    cmap = CommunityMap(
        nodes=[Person(id="p1", name=text, neighbourhood=text), Person(id=text[:200], name="other")],
        ties=[Tie(type="KNOWS", source="p1", target=text[:200], role=text)],
    )
    store.write(cmap)
    G = store.project()
    assert G.nodes["p1"]["name"] == text
    assert G.nodes[text[:200]]["name"] == "other"
    assert G.edges["p1", text[:200], "KNOWS"]["role"] == text
    assert sum(1 for _, d in G.nodes(data=True) if d["kind"] == "person") == 2
    rows = store.query("people_by_tripod_role", role=text)
    assert rows == []


def _sample_params(name: str) -> dict[str, Any]:
    return {
        "role": "lived_experience",
        "lever": "soda-tax",
        "capability": "meeting_space",
        "domain": "LT",
        "practice": "garden",
        "limit": 5,
        "ids": ["ana", "bo"],
        "type": "KNOWS",
        "provenance": "<python>",
        "prefix": None,
    }


@pytest.mark.parametrize("query", [q.name for q in list_queries()])
def test_every_named_query_runs(store: GraphStore, small_map_folder: Path, query: str):
    store.write(read_map(small_map_folder))
    params = {
        p: _sample_params(query)[p]
        for p in next(q for q in list_queries() if q.name == query).params
    }
    rows = store.query(query, **params)
    assert isinstance(rows, list)
    expected_rows = {
        "people_by_tripod_role": 1,
        "lever_decision_makers": 2,
        "assets_by_capability": 1,
        "adoption_timeline": 2,
        "adoption_cascade": 1,
        "stats_by_tripod_role": 3,
        "stored_nodes": 2,
        "stored_ties_of_type": 1,
        "ties_touching": 7,  # KNOWS, TRUSTS, INFLUENCES, MEMBER_OF, 2 ADOPTED, HOLDS
    }
    if query in expected_rows:
        assert len(rows) == expected_rows[query], rows


def test_named_query_needs_its_parameters(store: GraphStore):
    with pytest.raises(StoreError, match="needs parameter"):
        store.query("lever_decision_makers")


def test_named_query_refuses_a_parameter_it_does_not_take(store: GraphStore):
    # ``name`` too: it is the query's name only positionally, never a clash (TypeError)
    with pytest.raises(StoreError, match="takes no parameter 'name' \\(it takes: lever\\)"):
        store.query("lever_decision_makers", lever="soda-tax", name="x")


def test_unknown_named_query_lists_the_choices(store: GraphStore):
    from cosgraph.errors import QueryNotFound

    with pytest.raises(QueryNotFound, match="choose one of"):
        store.query("drop_everything")


def test_write_plan_counts(store: GraphStore, small_map_folder: Path):
    plan: WritePlan = store.write(read_map(small_map_folder))
    assert plan.counts()["created"]["person"] == 3
    assert plan.counts()["created"]["ADOPTED"] == 2


def test_copy_moves_everything_both_ways(store: GraphStore, small_map_folder: Path, tmp_path: Path):
    """Copy the map out of this backend into an embedded store and back into a fresh one."""
    from cosgraph.store.copy import copy_map
    from tests.conftest import fresh_store

    store.write(read_map(small_map_folder), provenance="session 1")
    original = _snapshot(store, user_only=True)
    middle = fresh_store("embedded", tmp_path / "middle")
    copy_map(store, middle)
    assert _snapshot(middle, user_only=True) == original
    # and back into an emptied store of the backend under test
    backend = "embedded" if store.dialect == "ladybug" else "neo4j"
    store.close()
    back = fresh_store(backend, tmp_path / "back")
    try:
        copy_map(middle, back)
        assert _snapshot(back, user_only=True) == original
        assert copy_map(middle, back).is_empty  # copying again changes nothing
    finally:
        back.close()
        middle.close()


def test_projection_matches_the_map_as_a_graph(store: GraphStore, small_map_folder: Path):
    """Analysing files directly (CommunityMap.to_graph) sees what a store projection sees."""
    cmap = read_map(small_map_folder)
    store.write(cmap)
    G = store.project()
    direct = cmap.to_graph()
    ids = {n.id for n in cmap.nodes}  # tie endpoints outside the map appear bare in direct
    for node, data in direct.nodes(data=True):
        if node not in ids:
            continue
        stored = {k: v for k, v in G.nodes[node].items() if k not in PROVENANCE}
        assert stored == data, node
    stored_ties = {
        (u, v, k): {x: y for x, y in d.items() if x not in PROVENANCE}
        for u, v, k, d in G.edges(keys=True, data=True)
        if k not in ("SUPPORTS", "HAS_SKILL")
    }
    assert stored_ties == {(u, v, k): d for u, v, k, d in direct.edges(keys=True, data=True)}


# -- pruning: a re-load from the same source reports, and with prune removes, what is gone --


def _without(files: dict[str, str], file: str, *lines: str) -> dict[str, str]:
    out = dict(files)
    kept = [line for line in out[file].splitlines() if not line.startswith(lines)]
    out[file] = "\n".join(kept) + "\n"
    return out


def test_removed_rows_are_reported_but_kept_without_prune(store: GraphStore, tmp_path: Path):
    store.write(read_map(write_folder(tmp_path / "v1", SMALL_MAP_CSV)), provenance="session.xlsx")
    before = _snapshot(store)
    v2 = _without(SMALL_MAP_CSV, "ties.csv", "KNOWS,ana,bo")
    plan = store.write(read_map(write_folder(tmp_path / "v2", v2)), provenance="session.xlsx")
    assert [(t.type, t.source, t.target) for t in plan.removed_ties] == [("KNOWS", "ana", "bo")]
    assert plan.removed_nodes == [] and plan.is_empty and not plan.prune
    assert plan.counts()["would_remove"] == {"KNOWS": 1}
    assert _snapshot(store) == before


def test_prune_removes_a_gone_node_with_its_ties_and_gone_ties(store: GraphStore, tmp_path: Path):
    store.write(read_map(write_folder(tmp_path / "v1", SMALL_MAP_CSV)), provenance="session.xlsx")
    # another source ties to cy: that tie goes with cy
    store.write(
        CommunityMap(ties=[Tie(type="KNOWS", source="ana", target="cy")]), provenance="other"
    )
    v2 = _without(SMALL_MAP_CSV, "people.csv", "cy,")
    v2 = _without(v2, "ties.csv", "TRUSTS,bo,cy", "MEMBER_OF,cy", "DECIDES,cy", "ADOPTED,ana")
    plan = store.write(
        read_map(write_folder(tmp_path / "v2", v2)), provenance="session.xlsx", prune=True
    )
    assert [(n.kind, n.id) for n in plan.removed_nodes] == [("person", "cy")]
    assert sorted((t.type, t.source, t.target) for t in plan.removed_ties) == [
        ("ADOPTED", "ana", "garden"),
        ("DECIDES", "cy", "soda-tax"),
        ("KNOWS", "ana", "cy"),
        ("MEMBER_OF", "cy", "clinic"),
        ("TRUSTS", "bo", "cy"),
    ]
    assert plan.counts()["removed"] == {
        "person": 1,
        "ADOPTED": 1,
        "DECIDES": 1,
        "KNOWS": 1,
        "MEMBER_OF": 1,
        "TRUSTS": 1,
    }
    G = store.project()
    assert "cy" not in G and "cy" not in store.ids()
    assert not G.has_edge("ana", "garden", "ADOPTED")
    assert G.has_edge("bo", "garden", "ADOPTED") and G.has_edge("ana", "bo", "KNOWS")
    assert store.write(read_map(tmp_path / "v2"), provenance="session.xlsx", prune=True).is_empty


def test_prune_leaves_other_sources_alone(store: GraphStore, tmp_path: Path):
    store.write(read_map(write_folder(tmp_path / "v1", SMALL_MAP_CSV)), provenance="first.xlsx")
    plan = store.write(
        CommunityMap(nodes=[Person(id="dee", name="Dee")]), provenance="second.xlsx", prune=True
    )
    assert plan.removed_nodes == [] and plan.removed_ties == []
    G = store.project()
    assert "dee" in G and "ana" in G


@pytest.mark.parametrize("prune", [True, False])
def test_ties_to_a_node_the_file_no_longer_holds_are_refused_with_or_without_prune(
    store: GraphStore, tmp_path: Path, prune: bool
):
    # issue 19 changed the no-prune case: it used to load and list the file's own
    # ties as "no longer in the file"; now load, --prune and diff give one answer
    store.write(read_map(write_folder(tmp_path / "v1", SMALL_MAP_CSV)), provenance="s")
    before = _snapshot(store)
    v2 = _without(SMALL_MAP_CSV, "people.csv", "cy,")
    gone = r"unknown id 'cy' \(its row is no longer in the file\)"
    with pytest.raises(LoadError, match=gone):
        store.write(read_map(write_folder(tmp_path / "v2", v2)), provenance="s", prune=prune)
    assert _snapshot(store) == before


def test_a_failing_pruning_write_removes_nothing(store: GraphStore, tmp_path: Path):
    store.write(read_map(write_folder(tmp_path / "v1", SMALL_MAP_CSV)), provenance="s")
    before = _snapshot(store)
    v2 = _without(SMALL_MAP_CSV, "ties.csv", "KNOWS,ana,bo")
    plan = store.plan(read_map(write_folder(tmp_path / "v2", v2)), provenance="s", prune=True)
    assert len(plan.removed_ties) == 1
    plan.ties.append(
        TieChange("KNOWS", "ana", "no-such-node", "person", "person", "create", {"strength": 1.0})
    )
    with pytest.raises(StoreError, match="nothing changed"):
        store.apply(plan)
    assert _snapshot(store) == before


def test_projection_order_is_fixed(store: GraphStore, small_map_folder: Path):
    """Seeded analyses (Leiden, simulations) depend on node order: it must not vary."""
    store.write(read_map(small_map_folder))
    G = store.project()
    assert list(G.nodes) == sorted(G.nodes)
    edges = [(u, v, k) for u, v, k in G.edges(keys=True)]
    assert list(store.project().edges(keys=True)) == edges


def test_metrics_written_back_overwrite_and_feed_named_queries(
    store: GraphStore, small_map_folder: Path
):
    from cosgraph.store.properties import write_node_properties

    store.write(read_map(small_map_folder), provenance="people")
    write_node_properties(
        store,
        {"ana": {"metric_pagerank": 0.2, "metric_community": 1}, "bo": {"metric_pagerank": 0.7}},
    )
    write_node_properties(store, {"ana": {"metric_pagerank": 0.4, "metric_community": 3}})
    G = store.project()
    assert (G.nodes["ana"]["metric_pagerank"], G.nodes["ana"]["metric_community"]) == (0.4, 3)
    assert G.nodes["ana"]["provenance"] == "people"
    assert [r["id"] for r in store.query("people_by_metric_rank", limit=5)] == ["bo", "ana"]
    assert store.write(
        read_map(small_map_folder), provenance="people"
    ).is_empty  # reload keeps them
    assert store.project().nodes["ana"]["metric_pagerank"] == 0.4
    with pytest.raises(StoreError, match="not in the store"):
        write_node_properties(store, {"ghost": {"metric_pagerank": 1.0}})
    with pytest.raises(StoreError, match="stored as DOUBLE"):
        write_node_properties(store, {"ana": {"metric_pagerank": "high"}})


def test_users_own_community_and_degree_columns_do_not_clash_with_metrics(
    store: GraphStore, tmp_path: Path
):
    """Researchers' files often carry `community` or `degree` text columns."""
    files = {"people.csv": "id,community,degree\nana,north,PhD\nbo,south,BA\n"}
    store.write(read_map(write_folder(tmp_path / "r", files)))
    assert store.project().nodes["ana"]["community"] == "north"

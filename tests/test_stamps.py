"""The embedded store keeps each load's provenance and time once (``cosgraph.store.stamps``).

Every node and tie holds the number of its load's row in the ``Stamp`` table, where two
text columns on every row used to cost a million-tie load 0.6-0.7 s; every read and
plan still sees ``provenance`` and ``loaded_at``.  A store made before the table is
read as it is (reads never change a byte) and upgraded by the first write.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import ladybug
import pytest
from click.testing import CliRunner
from cosgraph.loaders.network import network_options

from cosgraph.cli import main
from cosgraph.errors import StoreError
from cosgraph.model import NODE_TYPES, CommunityMap, Person, Tie, TieType
from cosgraph.network_load import write_network
from cosgraph.store import open_store
from cosgraph.store.embedded import EmbeddedStore
from cosgraph.store.plan import TieChange, WritePlan
from cosgraph.store.protocol import GraphStore
from cosgraph.store.schema import label_of
from cosgraph.store.stamps import STAMP_COLUMN


def _rows(path: Path, statement: str) -> list[list[object]]:
    """A statement's rows, read with LadybugDB itself (not through cosgraph)."""
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    try:
        result = conn.execute(statement)
        assert not isinstance(result, list)
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return rows
    finally:
        conn.close()
        db.close()


def _initialised(path: Path) -> EmbeddedStore:
    store = open_store(path)
    assert isinstance(store, EmbeddedStore)
    store.init()
    return store


def _columns(path: Path, table: str) -> list[str]:
    return [str(r[0]) for r in _rows(path, f"CALL table_info('{table}') RETURN name")]


def _load(tmp_path: Path, store: GraphStore, ties: str, source: str) -> WritePlan:
    (tmp_path / "people.csv").write_text("pid\na\nb\nc\n")
    (tmp_path / "ties.csv").write_text(ties)
    options = network_options(
        tmp_path / "people.csv",
        tmp_path / "ties.csv",
        id_column="pid",
        from_column="src",
        to_column="dst",
    )
    return write_network(store, options, provenance=source)


Provenance = tuple[dict[str, object], dict[tuple[str, str], object]]


def _provenance(path: Path) -> Provenance:
    with EmbeddedStore(path, read_only=True) as store:
        graph = store.project()
    nodes = {n: (d["provenance"], d["loaded_at"]) for n, d in graph.nodes(data=True)}
    ties = {
        (a, b): (d["provenance"], d["loaded_at"])
        for a, b, t, d in graph.edges(keys=True, data=True)
        if t == "KNOWS"
    }
    return nodes, ties


def test_a_load_keeps_its_source_once_and_each_row_its_number(tmp_path: Path) -> None:
    path = tmp_path / "map.lbug"
    with _initialised(path) as store:
        _load(tmp_path, store, "src,dst,weight\na,b,2\nb,c,3\n", "people.csv + ties.csv")
    assert STAMP_COLUMN in _columns(path, "KNOWS") and "provenance" not in _columns(path, "KNOWS")
    assert STAMP_COLUMN in _columns(path, "Person") and "loaded_at" not in _columns(path, "Person")
    sources = [r[0] for r in _rows(path, "MATCH (s:Stamp) RETURN s.provenance ORDER BY s.number")]
    assert sources == ["cosgraph framework", "people.csv + ties.csv"]
    nodes, ties = _provenance(path)
    assert {nodes[n][0] for n in "abc"} == {"people.csv + ties.csv"}
    assert set(ties) == {("a", "b"), ("b", "c")}
    assert {t[0] for t in ties.values()} == {"people.csv + ties.csv"}
    assert all(str(t[1]).startswith("20") for t in ties.values())
    # the Stamp table's rows are no nodes of the map
    with EmbeddedStore(path, read_only=True) as store:
        assert "Stamp" not in {r["kind"] for r in store.query("stats_by_kind")}
        assert set(store.ids()) >= set("abc") and not any(i is None for i in store.ids())


def test_a_row_load_a_reload_and_a_prune_judge_owners_through_the_numbers(
    tmp_path: Path,
) -> None:
    path = tmp_path / "map.lbug"
    with _initialised(path) as store:
        people = [Person(id="a"), Person(id="b")]
        tie = Tie(type=TieType.KNOWS, source="a", target="b")
        store.write(CommunityMap(nodes=people, ties=[tie]), provenance="first.csv")
        again = store.write(CommunityMap(nodes=people, ties=[tie]), provenance="first.csv")
        assert (again.unchanged_nodes, again.unchanged_ties) == (2, 1)
        assert not again.nodes and not again.ties
        plan = store.write(CommunityMap(nodes=people[:1]), provenance="first.csv", prune=True)
        assert {n.id for n in plan.removed_nodes} == {"b"}
    nodes, ties = _provenance(path)
    assert nodes["a"][0] == "first.csv" and "b" not in nodes and not ties
    assert "provenance" not in _columns(path, "Person")


def _as_made_before_stamps(path: Path) -> None:
    """Turn a store into the layout cosgraph made before the Stamp table: the text
    pair on every row."""
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    tables = [label_of(k) for k in NODE_TYPES] + [str(t) for t in TieType]
    for table in tables:
        node = table[0].isupper() and table in {label_of(k) for k in NODE_TYPES}
        match = f"MATCH (x:{table})" if node else f"MATCH ()-[x:{table}]->()"
        conn.execute(f"ALTER TABLE {table} ADD provenance STRING")
        conn.execute(f"ALTER TABLE {table} ADD loaded_at STRING")
        conn.execute(
            f"{match} MATCH (s:Stamp) WHERE s.number = x.{STAMP_COLUMN} "
            "SET x.provenance = s.provenance, x.loaded_at = s.loaded_at"
        )
        conn.execute(f"ALTER TABLE {table} DROP {STAMP_COLUMN}")
    conn.execute("DROP TABLE Stamp")
    conn.close()
    db.close()


def _digest(path: Path) -> str:
    return "".join(
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.parent.glob(path.name + "*"))
    )


def _older_store(tmp_path: Path, ties: str) -> tuple[Path, Provenance]:
    """A store holding one load of ``ties``, turned into the layout made before the
    Stamp table, and its rows' provenance as read before."""
    path = tmp_path / "map.lbug"
    with _initialised(path) as store:
        _load(tmp_path, store, ties, "people.csv + ties.csv")
    before = _provenance(path)
    _as_made_before_stamps(path)
    return path, before


def test_a_store_made_before_stamps_is_read_as_it_is_and_upgraded_by_a_write(
    tmp_path: Path,
) -> None:
    path, before = _older_store(tmp_path, "src,dst\na,b\nb,c\n")
    assert "provenance" in _columns(path, "KNOWS") and STAMP_COLUMN not in _columns(path, "KNOWS")
    digest = _digest(path)
    assert _provenance(path) == before
    with EmbeddedStore(path, read_only=True) as store:
        own = store.query("nodes_from_source", provenance="people.csv + ties.csv", prefix=None)
        assert {r["id"] for r in own} == set("abc")
        own = store.query("ties_from_source", provenance="people.csv + ties.csv", prefix=None)
        assert {(r["source"], r["target"]) for r in own} == {("a", "b"), ("b", "c")}
    assert _digest(path) == digest  # reads never change a byte
    _initialised(path).close()  # a write: the upgrade
    assert STAMP_COLUMN in _columns(path, "KNOWS") and "provenance" not in _columns(path, "KNOWS")
    assert _provenance(path) == before
    with open_store(path) as store:  # the upgraded store judges a reload's owners
        plan = _load(tmp_path, store, "src,dst\na,b\n", "people.csv + ties.csv")
    assert [(t.source, t.target) for t in plan.removed_ties] == [("b", "c")]
    assert (plan.unchanged_nodes, plan.unchanged_ties) == (3, 1)
    assert _provenance(path) == before


def test_an_attribute_named_stamp_is_the_users_own_column(tmp_path: Path) -> None:
    # `stamp` is a plain attribute name (a stamp collection, a rubber stamp): the
    # store's own column must never take it from the user's rows
    path = tmp_path / "map.lbug"
    with _initialised(path) as store:
        people = [Person(id="a", attributes={"stamp": "gold"}), Person(id="b")]
        store.write(CommunityMap(nodes=people), provenance="people.csv")
        again = store.write(CommunityMap(nodes=people), provenance="people.csv")
        assert again.unchanged_nodes == 2 and not again.nodes
    with EmbeddedStore(path, read_only=True) as store:
        graph = store.project()
    assert graph.nodes["a"]["stamp"] == "gold"
    assert graph.nodes["a"]["provenance"] == graph.nodes["b"]["provenance"] == "people.csv"


def test_a_store_made_before_stamps_keeps_a_users_stamp_column_through_the_upgrade(
    tmp_path: Path,
) -> None:
    path, _ = _older_store(tmp_path, "src,dst\na,b\n")
    _rows(path, "ALTER TABLE Person ADD stamp STRING")
    _rows(path, "MATCH (p:Person) WHERE p.id = 'a' SET p.stamp = 'gold'")
    digest = _digest(path)
    nodes, _ = _provenance(path)  # read as it is
    assert {nodes[n][0] for n in "ab"} == {"people.csv + ties.csv"}
    assert _digest(path) == digest
    _initialised(path).close()  # the upgrade
    nodes, _ = _provenance(path)
    assert {nodes[n][0] for n in "ab"} == {"people.csv + ties.csv"}
    with EmbeddedStore(path, read_only=True) as store:
        assert store.project().nodes["a"]["stamp"] == "gold"


def test_the_upgrade_tells_a_blank_provenance_from_an_empty_one(tmp_path: Path) -> None:
    # rows another program wrote: no provenance, an empty one, neither value at all
    path = tmp_path / "map.lbug"
    _initialised(path).close()
    _as_made_before_stamps(path)
    _rows(path, "CREATE (:Person {id: 'none', loaded_at: '2020-01-01'})")
    _rows(path, "CREATE (:Person {id: 'empty', provenance: '', loaded_at: '2020-01-01'})")
    _rows(path, "CREATE (:Person {id: 'bare'})")
    ids = ["none", "empty", "bare"]

    def pairs() -> dict[str, tuple[object, object]]:
        with EmbeddedStore(path, read_only=True) as store:
            rows = store.query("stored_nodes", ids=ids)
        return {r["props"]["id"]: (r["props"]["provenance"], r["props"]["loaded_at"]) for r in rows}

    before = pairs()
    assert before == {
        "none": (None, "2020-01-01"),
        "empty": ("", "2020-01-01"),
        "bare": (None, None),
    }
    _initialised(path).close()  # the upgrade
    assert pairs() == before


def test_a_first_write_rolled_back_leaves_the_store_as_it_was_and_the_next_one_works(
    tmp_path: Path,
) -> None:
    path, before = _older_store(tmp_path, "src,dst\na,b\n")
    digest = _digest(path)
    # the upgrade and the Stamp table come with the first write, in its transaction;
    # this one fails in the store (a tie to a node that is not there)
    stray = TieChange("KNOWS", "a", "nobody", "person", "person", "create", {})
    with open_store(path) as store:
        with pytest.raises(StoreError, match="rolled back"):
            store.apply(WritePlan(ties=[stray]))
        assert _digest(path) == digest
        plan = store.write(CommunityMap(nodes=[Person(id="d")]), provenance="d.csv")
        assert [n.id for n in plan.nodes] == ["d"]
    nodes, ties = _provenance(path)
    assert nodes["d"][0] == "d.csv"
    assert {n: nodes[n] for n in before[0]} == before[0] and ties == before[1]


def test_a_store_whose_stamp_table_is_another_programs_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "other.lbug"
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Stamp(name STRING, PRIMARY KEY(name))")
    conn.execute("CREATE NODE TABLE Person(id STRING, provenance STRING, PRIMARY KEY(id))")
    conn.close()
    db.close()
    result = CliRunner().invoke(main, ["init", "--store", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        f"Error: {path} cannot be made a cosgraph store: "
        "Binder exception: Cannot find property number for s."
    ]

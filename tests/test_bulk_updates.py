"""Edits and removals of stored rows reach the embedded store in batches, not one
statement per row, and store exactly what a fresh load of the same map stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cosgraph.model import CommunityMap, Person, Tie
from cosgraph.store.embedded import EmbeddedStore
from tests.conftest import stored_rows

N = 60


def _map(version: int) -> CommunityMap:
    """People and a ring of ties; ``version`` 2 edits most rows, each a little differently."""
    people, ties = [], []
    for i in range(N):
        fields: dict[str, Any] = {"id": f"p{i}", "name": f"Person {i}"}
        if version == 2 and i % 3 == 0:
            fields["name"] = f"Renamed {i}"
        if version == 2 and i % 3 == 1:
            fields["sectors"] = ["health_care", "education"]
            fields["power"] = 4
        people.append(Person(**fields))
        tie: dict[str, Any] = {"type": "KNOWS", "source": f"p{i}", "target": f"p{(i + 1) % N}"}
        if version == 2 and i % 2 == 0:
            tie["weight"] = 2  # a whole number into the DOUBLE column
        if version == 2 and i % 5 == 0:
            tie["role"] = "mentor"
        if not (version == 2 and i % 7 == 0):  # version 2 drops some ties
            ties.append(Tie(**tie))
    return CommunityMap(nodes=people, ties=ties)


def test_a_reload_editing_most_rows_stores_what_a_fresh_load_stores(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "fresh.lbug") as fresh:
        fresh.init()
        fresh.write(_map(2), "map.yaml")
        expected = stored_rows(fresh)
    with EmbeddedStore(tmp_path / "edited.lbug") as edited:
        edited.init()
        edited.write(_map(1), "map.yaml")
        plan = edited.write(_map(2), "map.yaml", prune=True)
        assert len(plan.nodes) == 40 and len(plan.removed_ties) == 9
        assert stored_rows(edited) == expected


def test_edits_and_removals_are_a_few_statements_whatever_the_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with EmbeddedStore(tmp_path / "m.lbug") as store:
        store.init()
        store.write(_map(1), "map.yaml")
        plan = store.plan(_map(2), "map.yaml", prune=True)
        edits = len(plan.nodes) + len(plan.ties) + len(plan.removed_ties)
        assert edits > 70
        statements: list[str] = []
        execute = store._conn.execute

        def counted(statement: str, parameters: dict[str, Any] | None = None) -> Any:
            statements.append(statement)
            return execute(statement, parameters or {})

        monkeypatch.setattr(store._conn, "execute", counted)
        store.apply(plan)
        # a batch per table and set of written columns, and the transaction around them
        assert len(statements) < 20, statements


def _varied_map() -> CommunityMap:
    """Every store type in node and tie columns, blanks among them."""
    people = [
        Person(id="a", name="Ana", power=3, sectors=["health_care"], attributes={"age": 34}),
        Person(id="b", attributes={"age": 2.5, "ok": True, "team": "north"}),
        Person(id="c", name="Cy", attributes={"team": "7"}),
    ]
    ties = [
        Tie(type="KNOWS", source="a", target="b", weight=2, attributes={"since": 2019}),
        Tie(type="KNOWS", source="b", target="c", role="mentor", undirected=True),
        Tie(type="TRUSTS", source="c", target="a"),
    ]
    return CommunityMap(nodes=people, ties=ties)


def test_a_small_write_creates_its_rows_without_a_copy_and_stores_what_a_copy_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cosgraph.store import cypher_embedded

    with EmbeddedStore(tmp_path / "copied.lbug") as copied:
        copied.init()
        monkeypatch.setattr(cypher_embedded, "SMALL_BATCH", 0)  # every create a COPY
        copied.write(_varied_map(), provenance="f")
        expected = stored_rows(copied)
        monkeypatch.undo()
    with EmbeddedStore(tmp_path / "small.lbug") as small:
        small.init()
        statements: list[str] = []
        execute = small._conn.execute

        def spy(statement: str, *args: Any) -> Any:
            statements.append(statement)
            return execute(statement, *args)

        monkeypatch.setattr(small._conn, "execute", spy)
        small.write(_varied_map(), provenance="f")
        assert statements and not [s for s in statements if s.startswith("COPY")]
        assert stored_rows(small) == expected

"""Cypher that writes to Neo4j, built by pure functions from labels, tie types and plans.

Labels, tie types and column names come from the schema module (:mod:`~cosgraph.store.schema`)
or from validated attribute names, never from raw user text; user values always travel
as parameters (``$rows``).  Writes are batched ``UNWIND $rows`` statements; each
returns how many rows it matched, so the backend can tell a row that found no node.

>>> create_nodes("Person")
'UNWIND $rows AS row CREATE (n:Person) SET n = row RETURN count(n)'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cosgraph.store.column_types import coerce_value
from cosgraph.store.plan import WritePlan
from cosgraph.store.schema import label_of

__all__ = [
    "Statement",
    "id_constraint",
    "COLUMN_CONSTRAINT",
    "READ_COLUMNS",
    "REGISTER_COLUMNS",
    "LABEL_COLUMNS",
    "create_nodes",
    "update_nodes",
    "create_ties",
    "update_ties",
    "delete_ties",
    "delete_nodes",
    "plan_statements",
]

#: Free attributes' types, and labels (the header a column was read from, where it is
#: not the column's name), live in ``CosgraphColumn`` nodes, one per (table, name).
COLUMN_CONSTRAINT = (
    "CREATE CONSTRAINT cosgraph_column IF NOT EXISTS "
    "FOR (c:CosgraphColumn) REQUIRE (c.table, c.name) IS UNIQUE"
)
READ_COLUMNS = (
    "MATCH (c:CosgraphColumn) RETURN c.table AS t, c.name AS n, c.type AS y, c.label AS l"
)
REGISTER_COLUMNS = (
    "UNWIND $rows AS row MERGE (c:CosgraphColumn {table: row.table, name: row.name}) "
    "SET c.type = row.type RETURN count(c)"
)
LABEL_COLUMNS = (
    "UNWIND $rows AS row MATCH (c:CosgraphColumn {table: row.table, name: row.name}) "
    "SET c.label = row.label RETURN count(c)"
)


@dataclass(frozen=True)
class Statement:
    """One batch: its Cypher, its ``$rows``, and how many rows must match (or None)."""

    cypher: str
    rows: list[dict[str, Any]]
    expected: int | None


def id_constraint(label: str) -> str:
    """The uniqueness constraint on a node label's ``id``.

    >>> id_constraint("PeerTeam")
    'CREATE CONSTRAINT cosgraph_peerteam_id IF NOT EXISTS FOR (n:PeerTeam) REQUIRE n.id IS UNIQUE'
    """
    return (
        f"CREATE CONSTRAINT cosgraph_{label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    )


def create_nodes(label: str) -> str:
    """Create a node per row, its properties the row's."""
    return f"UNWIND $rows AS row CREATE (n:{label}) SET n = row RETURN count(n)"


def update_nodes(label: str) -> str:
    """Set each row's properties on the node with the row's ``id``.

    >>> update_nodes("Person")
    'UNWIND $rows AS row MATCH (n:Person {id: row.id}) SET n += row RETURN count(n)'
    """
    return f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n += row RETURN count(n)"


def _match_ends(source_label: str, target_label: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{source_label} {{id: row.s}}) "
        f"MATCH (b:{target_label} {{id: row.t}}) "
    )


def create_ties(tie_type: str, source_label: str, target_label: str) -> str:
    """Create a tie per row (``s``, ``t``, properties ``p``) between existing nodes."""
    return (
        _match_ends(source_label, target_label)
        + f"CREATE (a)-[r:{tie_type}]->(b) SET r = row.p RETURN count(r)"
    )


def update_ties(tie_type: str, source_label: str, target_label: str) -> str:
    """Set each row's properties ``p`` on the tie from ``s`` to ``t``.

    >>> update_ties("KNOWS", "Person", "Person")  # doctest: +NORMALIZE_WHITESPACE
    'UNWIND $rows AS row MATCH (a:Person {id: row.s}) MATCH (b:Person {id: row.t})
     MATCH (a)-[r:KNOWS]->(b) SET r += row.p RETURN count(r)'
    """
    return (
        _match_ends(source_label, target_label)
        + f"MATCH (a)-[r:{tie_type}]->(b) SET r += row.p RETURN count(r)"
    )


def delete_ties(tie_type: str, source_label: str, target_label: str) -> str:
    """Delete the tie from each row's ``s`` to its ``t``."""
    return (
        f"UNWIND $rows AS row MATCH (a:{source_label} {{id: row.s}})-[r:{tie_type}]->"
        f"(b:{target_label} {{id: row.t}}) DELETE r RETURN count(*)"
    )


def delete_nodes(label: str) -> str:
    """Delete the node with each row's ``id``, with every tie it still has."""
    return f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) DETACH DELETE n RETURN count(*)"


def _batches(cypher: str, rows: list[dict[str, Any]], size: int) -> Iterator[Statement]:
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        yield Statement(cypher, batch, len(batch))


def plan_statements(
    plan: WritePlan, columns: dict[str, dict[str, str]], batch_size: int
) -> Iterator[Statement]:
    """Every batch that carries out ``plan``, in order: columns, removals, nodes, ties.

    Parameters
    ----------
    plan : WritePlan
        The plan to write.
    columns : dict
        Every table's columns and types, the plan's new columns included: values are
        stored as their column stores them (:func:`~cosgraph.store.column_types.coerce_value`).
    batch_size : int
        Rows per ``UNWIND`` statement.

    Examples
    --------
    >>> from cosgraph.store.plan import NodeChange
    >>> plan = WritePlan(nodes=[NodeChange("person", "ana", "create", {"id": "ana", "age": 3})],
    ...                  new_columns={"Person": {"age": "DOUBLE"}})
    >>> [(s.cypher.split()[4], s.rows, s.expected)
    ...  for s in plan_statements(plan, {"Person": {"id": "STRING", "age": "DOUBLE"}}, 100)]
    [('MERGE', [{'table': 'Person', 'name': 'age', 'type': 'DOUBLE'}], None), \
('CREATE', [{'id': 'ana', 'age': 3.0}], 1)]
    """

    def props(table: str, values: dict[str, Any]) -> dict[str, Any]:
        types = columns[table]
        return {k: coerce_value(v, types.get(k, "STRING")) for k, v in values.items()}

    register = [
        {"table": table, "name": name, "type": kind}
        for table, new in plan.new_columns.items()
        for name, kind in new.items()
    ]
    if register:
        yield Statement(REGISTER_COLUMNS, register, None)
    labels = [
        {"table": table, "name": name, "label": label}
        for table, new in plan.column_labels.items()
        for name, label in new.items()
    ]
    if labels:
        yield Statement(LABEL_COLUMNS, labels, len(labels))
    if plan.prune:
        yield from _removal_statements(plan, batch_size)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for change in plan.nodes:
        label = label_of(change.kind)
        groups[(label, change.action)].append(props(label, change.properties))
    for (label, action), rows in groups.items():
        cypher = create_nodes(label) if action == "create" else update_nodes(label)
        yield from _batches(cypher, rows, batch_size)
    for kind, table in plan.created_nodes.items():  # new rows kept as Arrow columns
        label = label_of(kind)
        for batch in table.to_batches(batch_size):
            rows = [props(label, row) for row in batch.to_pylist()]
            yield Statement(create_nodes(label), rows, len(rows))
    tie_groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for tie in plan.ties:
        src, dst = label_of(tie.source_kind), label_of(tie.target_kind)
        tie_groups[(tie.type, src, dst, tie.action)].append(
            {"s": tie.source, "t": tie.target, "p": props(tie.type, tie.properties)}
        )
    for (tie_type, src, dst, action), rows in tie_groups.items():
        build = create_ties if action == "create" else update_ties
        yield from _batches(build(tie_type, src, dst), rows, batch_size)
    tables = [(create_ties, key, table) for key, table in plan.created_ties.items()]
    tables += [(update_ties, key[:3], table) for key, table in plan.updated_ties.items()]
    for build, (tie_type, source_kind, target_kind), table in tables:
        cypher = build(tie_type, label_of(source_kind), label_of(target_kind))
        for batch in table.to_batches(batch_size):
            rows = []
            for row in batch.to_pylist():
                ends = {"s": row.pop("source"), "t": row.pop("target")}
                rows.append({**ends, "p": props(tie_type, row)})
            yield Statement(cypher, rows, len(rows))


def _removal_statements(plan: WritePlan, batch_size: int) -> Iterator[Statement]:
    """Delete the removed ties, then the removed nodes (with any tie left)."""
    tie_groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for tie in plan.removed_ties:
        src, dst = label_of(tie.source_kind), label_of(tie.target_kind)
        tie_groups[(tie.type, src, dst)].append({"s": tie.source, "t": tie.target})
    for (tie_type, src, dst), rows in tie_groups.items():
        yield from _batches(delete_ties(tie_type, src, dst), rows, batch_size)
    node_groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in plan.removed_nodes:
        node_groups[label_of(node.kind)].append({"id": node.id})
    for label, rows in node_groups.items():
        yield from _batches(delete_nodes(label), rows, batch_size)

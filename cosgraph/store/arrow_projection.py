"""A store's map as Arrow columns, for analyses that need no networkx graph.

:meth:`project_arrays` of either backend returns an :class:`ArrowProjection`: one
table of nodes (``id``, ``kind`` and the attributes asked for) and one of ties
(``source``, ``target``, ``type``, ``strength``), built here from the per-label and
per-type tables each backend reads.  ``store.project()`` still gives the networkx
graph for everything else.

>>> import pyarrow as pa

from cosgraph.model import TieType
>>> P = combine(
...     [("person", pa.table({"id": ["bo", "ana"], "sector": ["faith", None]})),
...      ("organization", pa.table({"id": ["clinic"]}))],
...     [("KNOWS", pa.table({"source": ["ana"], "target": ["bo"], "strength": [2.0]}))],
...     attributes=("sector",))
>>> P.nodes.to_pylist()[0], P.node_count, P.tie_count
({'id': 'ana', 'kind': 'person', 'sector': None}, 3, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from cosgraph.model import TieType

__all__ = [
    "ArrowProjection",
    "combine",
    "records_table",
    "attribute_query",
    "tie_query",
    "OPTIONAL_TIE_COLUMNS",
    "CHUNK_ROWS",
]

#: Records turned into one Arrow batch at a time when a backend streams them.
CHUNK_ROWS = 50_000

#: Tie columns an analysis reads when the store has them (a tie's ``strength``, its
#: own ``weight`` and whether it is ``undirected``): null where a store or a tie has
#: none (a tie table has a column once a tie in it has a value for it).
OPTIONAL_TIE_COLUMNS = {"strength": pa.float64(), "weight": pa.float64(), "undirected": pa.bool_()}

_TIE_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("target", pa.string()),
        ("type", pa.string()),
        *OPTIONAL_TIE_COLUMNS.items(),
    ]
)


@dataclass(frozen=True)
class ArrowProjection:
    """Nodes and ties of a store as Arrow tables.

    Attributes
    ----------
    nodes : pyarrow.Table
        ``id``, ``kind`` and every attribute asked for (null where a node's label has
        no such column or no value), sorted by ``id`` as the projection orders nodes.
    ties : pyarrow.Table
        ``source``, ``target`` (ids), ``type``, ``strength`` and the
        :data:`OPTIONAL_TIE_COLUMNS` (null where none), in the store's order.
    """

    nodes: pa.Table
    ties: pa.Table

    @property
    def node_count(self) -> int:
        return int(self.nodes.num_rows)

    @property
    def tie_count(self) -> int:
        return int(self.ties.num_rows)


def attribute_query(
    label: str, attributes: Sequence[str], columns: Iterable[str], node: str = "n"
) -> str:
    """``MATCH (n:label) RETURN n.id AS id, ...`` for the ``attributes`` the label has.

    Only names among the label's stored ``columns`` enter the query text (quoted), so
    a name a user typed never does.

    >>> attribute_query("Person", ["sector", "city"], ["id", "sector"])
    'MATCH (n:Person) RETURN n.id AS id, n.`sector` AS `sector`'
    """
    have = set(columns)
    returned = [f"{node}.id AS id"]
    returned += [f"{node}.`{a}` AS `{a}`" for a in attributes if a in have and a != "id"]
    return f"MATCH ({node}:{label}) RETURN {', '.join(returned)}"


def tie_query(tie_type: str, columns: Iterable[str] = ()) -> str:
    """The ties of one type with their ends' ids and those of
    :data:`OPTIONAL_TIE_COLUMNS` among the tie type's stored ``columns`` (both dialects).

    >>> tie_query("KNOWS", ["weight", "provenance"])
    'MATCH (a)-[r:KNOWS]->(b) RETURN a.id AS source, b.id AS target, r.`weight` AS `weight`'
    """
    name = str(TieType(tie_type))  # a tie type of the model, never free text
    have = set(columns)
    extra = "".join(f", r.`{c}` AS `{c}`" for c in OPTIONAL_TIE_COLUMNS if c in have)
    return f"MATCH (a)-[r:{name}]->(b) RETURN a.id AS source, b.id AS target{extra}"


def records_table(records: Iterable[dict[str, Any]], chunk_rows: int = CHUNK_ROWS) -> pa.Table:
    """Rows (dicts with the same keys) as one Arrow table, converted ``chunk_rows`` at a time.

    >>> records_table(iter([{"id": "a", "x": None}, {"id": "b", "x": 2}]), chunk_rows=1).to_pylist()
    [{'id': 'a', 'x': None}, {'id': 'b', 'x': 2}]
    """
    tables = [pa.Table.from_pylist(chunk) for chunk in _chunks(records, chunk_rows)]
    if not tables:
        return pa.table({})
    return pa.concat_tables(tables, promote_options="permissive")


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def combine(
    nodes: Sequence[tuple[str, pa.Table]],
    ties: Sequence[tuple[str, pa.Table]],
    attributes: Sequence[str] = (),
) -> ArrowProjection:
    """One projection from per-kind node tables and per-type tie tables.

    Parameters
    ----------
    nodes : sequence of (kind, table)
        Each table has ``id`` and any of ``attributes``.
    ties : sequence of (tie type, table)
        Each table has ``source``, ``target`` and any of :data:`OPTIONAL_TIE_COLUMNS`.
    attributes : sequence of str
        The attribute columns of the result, in this order.
    """
    parts = []
    for kind, table in nodes:
        columns: dict[str, pa.Array | pa.ChunkedArray] = {
            "id": (
                table.column("id").cast(pa.string())
                if table.num_columns
                else pa.array([], pa.string())
            ),
            "kind": pa.array([kind] * table.num_rows, pa.string()),
        }
        for name in attributes:
            if name in columns:  # id and kind are always there
                continue
            if name in table.column_names:
                columns[name] = table.column(name)
            else:
                columns[name] = pa.nulls(table.num_rows)
        parts.append(pa.table(columns))
    node_table = (
        pa.concat_tables(parts, promote_options="permissive").sort_by("id")
        if parts
        else pa.table({"id": pa.array([], pa.string()), "kind": pa.array([], pa.string())})
    )
    tie_parts = [
        pa.table(
            {
                "source": table.column("source").cast(pa.string()),
                "target": table.column("target").cast(pa.string()),
                "type": pa.array([tie_type] * table.num_rows, pa.string()),
                **{
                    column: (
                        table.column(column).cast(arrow_type)
                        if column in table.column_names
                        else pa.nulls(table.num_rows, arrow_type)
                    )
                    for column, arrow_type in OPTIONAL_TIE_COLUMNS.items()
                },
            }
        )
        for tie_type, table in ties
        if table.num_rows
    ]
    tie_table = pa.concat_tables(tie_parts) if tie_parts else _TIE_SCHEMA.empty_table()
    return ArrowProjection(nodes=node_table, ties=tie_table)

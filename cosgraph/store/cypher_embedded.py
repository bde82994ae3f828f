"""Cypher that writes to the embedded store (LadybugDB), built by pure functions.

LadybugDB needs a schema (node and rel tables), loads new rows fastest with
``COPY … FROM`` an Arrow table, and edits a row that exists with one prepared
``MATCH … SET`` (see :mod:`cosgraph.store.embedded` for the measurements).  Table and
column names come from the schema module or from validated attribute names and are
quoted; user values always travel as parameters.

>>> update_node("Person", "ana", {"power": 4, "team": "north"})
('MATCH (n:Person) WHERE n.id = $id SET n.`power` = $p0, n.`team` = $p1', \
{'id': 'ana', 'p0': 4, 'p1': 'north'})
"""

from __future__ import annotations

import json
from typing import Any

__all__ = [
    "quote",
    "create_node_table",
    "create_rel_table",
    "add_column",
    "label_columns",
    "copy_nodes",
    "copy_ties",
    "update_node",
    "update_tie",
    "delete_tie",
    "delete_nodes",
]

Statement = tuple[str, dict[str, Any]]


def quote(name: str) -> str:
    """Backtick-quote an identifier (names come from the schema or validated attributes).

    >>> quote("age"), quote("a`b")
    ('`age`', '`a``b`')
    """
    return "`" + name.replace("`", "``") + "`"


def create_node_table(label: str, columns: dict[str, str]) -> str:
    """A node table with the given columns, keyed by ``id``.

    >>> create_node_table("PeerTeam", {"id": "STRING", "name": "STRING"})
    'CREATE NODE TABLE PeerTeam(`id` STRING, `name` STRING, PRIMARY KEY(id))'
    """
    cols = ", ".join(f"{quote(c)} {t}" for c, t in columns.items())
    return f"CREATE NODE TABLE {label}({cols}, PRIMARY KEY(id))"


def label_columns(table: str, labels: dict[str, str]) -> str:
    """Keep a table's column labels (column -> header as read) as the table's comment.

    LadybugDB has no column comments and takes no parameter in ``COMMENT ON``, so the
    labels are JSON with only ASCII characters (``ensure_ascii``), written as a string
    literal whose ``\\`` and ``'`` are escaped: no header can end the literal.

    >>> print(label_columns("Person", {"grade_1": "Grade.1", "q": "it's"}))
    COMMENT ON TABLE Person IS '{"grade_1": "Grade.1", "q": "it\\'s"}'
    """
    text = json.dumps(labels, ensure_ascii=True, sort_keys=True)
    literal = text.replace("\\", "\\\\").replace("'", "\\'")
    return f"COMMENT ON TABLE {table} IS '{literal}'"


def create_rel_table(tie_type: str, pairs: list[tuple[str, str]], columns: dict[str, str]) -> str:
    """A rel table joining each (source label, target label) pair, with the given columns.

    >>> create_rel_table("PEER_OF", [("Community", "Community")], {"role": "STRING"})
    'CREATE REL TABLE PEER_OF(FROM Community TO Community, `role` STRING)'
    """
    ends = ", ".join(f"FROM {s} TO {t}" for s, t in pairs)
    cols = ", ".join(f"{quote(c)} {t}" for c, t in columns.items())
    return f"CREATE REL TABLE {tie_type}({ends}, {cols})"


def add_column(table: str, column: str, column_type: str) -> str:
    """Add a column to a node or rel table.

    >>> add_column("Person", "age", "INT64")
    'ALTER TABLE Person ADD `age` INT64'
    """
    return f"ALTER TABLE {table} ADD {quote(column)} {column_type}"


def copy_nodes(label: str) -> str:
    """Bulk-insert the rows of the Arrow table bound to ``$rows`` as new nodes."""
    return f"COPY {label} FROM $rows"


def copy_ties(tie_type: str, source_label: str, target_label: str) -> str:
    """Bulk-insert the ``$rows`` table (``from``, ``to`` and properties) as new ties.

    >>> copy_ties("HOLDS", "Person", "Asset")
    "COPY HOLDS FROM $rows (from='Person', to='Asset')"
    """
    return f"COPY {tie_type} FROM $rows (from='{source_label}', to='{target_label}')"


def _sets(var: str, values: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    names = list(values)
    sets = ", ".join(f"{var}.{quote(c)} = $p{i}" for i, c in enumerate(names))
    return sets, {f"p{i}": values[c] for i, c in enumerate(names)}


def update_node(label: str, node_id: str, values: dict[str, Any]) -> Statement:
    """Set ``values`` (already as their columns store them) on the node ``node_id``."""
    sets, params = _sets("n", values)
    return f"MATCH (n:{label}) WHERE n.id = $id SET {sets}", {"id": node_id, **params}


def update_tie(
    tie_type: str,
    source_label: str,
    target_label: str,
    source: str,
    target: str,
    values: dict[str, Any],
) -> Statement:
    """Set ``values`` on the tie of ``tie_type`` from ``source`` to ``target``.

    >>> update_tie("KNOWS", "Person", "Person", "ana", "bo", {"strength": 2.0})
    ('MATCH (a:Person)-[r:KNOWS]->(b:Person) WHERE a.id = $s AND b.id = $t SET \
r.`strength` = $p0', {'s': 'ana', 't': 'bo', 'p0': 2.0})
    """
    sets, params = _sets("r", values)
    cypher = (
        f"MATCH (a:{source_label})-[r:{tie_type}]->(b:{target_label}) "
        f"WHERE a.id = $s AND b.id = $t SET {sets}"
    )
    return cypher, {"s": source, "t": target, **params}


def delete_tie(
    tie_type: str, source_label: str, target_label: str, source: str, target: str
) -> Statement:
    """Delete the tie of ``tie_type`` from ``source`` to ``target``."""
    cypher = (
        f"MATCH (a:{source_label})-[r:{tie_type}]->(b:{target_label}) "
        "WHERE a.id = $s AND b.id = $t DELETE r"
    )
    return cypher, {"s": source, "t": target}


def delete_nodes(label: str, ids: list[str]) -> Statement:
    """Delete the nodes with these ids, with every tie they still have.

    >>> delete_nodes("Asset", ["van"])
    ('MATCH (n:Asset) WHERE n.id IN $ids DETACH DELETE n', {'ids': ['van']})
    """
    return f"MATCH (n:{label}) WHERE n.id IN $ids DETACH DELETE n", {"ids": ids}

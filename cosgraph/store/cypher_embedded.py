"""Cypher that writes to the embedded store (LadybugDB), built by pure functions.

LadybugDB needs a schema (node and rel tables), loads new rows fastest with
``COPY … FROM`` an Arrow table, and edits or deletes rows that exist with one
``LOAD FROM`` an Arrow table per set of columns (see :mod:`cosgraph.store.embedded`
for the measurements).  Table and column names come from the schema module or from
validated attribute names and are quoted; user values always travel as parameters, the
rows of a batch as the Arrow table bound to ``$rows``, its columns named by
:func:`batch_columns`.

>>> update_nodes("Person", ["power", "team"])
'LOAD FROM $rows MATCH (n:Person {id: k_id}) SET n.`power` = v0, n.`team` = v1'
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
    "SMALL_BATCH",
    "create_nodes",
    "create_ties",
    "batch_columns",
    "update_nodes",
    "update_ties",
    "delete_ties",
    "delete_nodes",
]

Statement = tuple[str, dict[str, Any]]


def quote(name: str) -> str:
    """Backtick-quote an identifier (names come from the schema or validated attributes).

    >>> quote("age"), quote("a`b")
    ('`age`', '`a``b`')
    """
    return "`" + name.replace("`", "``") + "`"


def create_node_table(label: str, columns: dict[str, str], key: str = "id") -> str:
    """A node table with the given columns, keyed by ``key``.

    >>> create_node_table("PeerTeam", {"id": "STRING", "name": "STRING"})
    'CREATE NODE TABLE PeerTeam(`id` STRING, `name` STRING, PRIMARY KEY(id))'
    """
    cols = ", ".join(f"{quote(c)} {t}" for c, t in columns.items())
    return f"CREATE NODE TABLE {label}({cols}, PRIMARY KEY({key}))"


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


#: New rows of one table up to this many go in as one ``UNWIND $rows … CREATE`` with
#: the rows as a parameter list, above it as a ``COPY`` from Arrow: a COPY costs about
#: 30 ms however few its rows (the framework's 119 rows took 0.13 s in nine COPYs,
#: 0.02 s this way), and overtakes UNWIND at about 3,000 rows (measured: 1,000 rows
#: 20 ms against 54 ms; 5,000 rows 106 ms against 69 ms).
SMALL_BATCH = 2_000


def _props(columns: dict[str, str]) -> str:
    # each value cast to its column's type: a parameter column of blanks has none
    return ", ".join(
        f"{quote(c)}: CAST(r.v{i} AS {kind})" for i, (c, kind) in enumerate(columns.items())
    )


def create_nodes(label: str, columns: dict[str, str]) -> str:
    """Create a node per row of the parameter list ``$rows`` (``v0``, ``v1``, … for
    ``columns``, which maps each column to its store type): for :data:`SMALL_BATCH`
    rows or fewer.

    >>> create_nodes("Domain", {"id": "STRING", "rank": "INT64"})
    'UNWIND $rows AS r CREATE (n:Domain {`id`: CAST(r.v0 AS STRING), `rank`: CAST(r.v1 AS INT64)})'
    """
    return f"UNWIND $rows AS r CREATE (n:{label} {{{_props(columns)}}})"


def create_ties(
    tie_type: str, source_label: str, target_label: str, columns: dict[str, str]
) -> str:
    """Create a tie per row of ``$rows`` (``k_from``, ``k_to``, then ``v0``, … for
    ``columns``) between nodes that exist: for :data:`SMALL_BATCH` rows or fewer.
    Returns how many it created (``created``): a row whose end is missing creates
    none, where a COPY would fail, so the caller compares.

    >>> print(create_ties("SUPPORTS", "Domain", "Behavior", {"provenance": "STRING"}))
    UNWIND $rows AS r MATCH (a:Domain {id: r.k_from}), (b:Behavior {id: r.k_to}) \
CREATE (a)-[t:SUPPORTS {`provenance`: CAST(r.v0 AS STRING)}]->(b) RETURN count(t) AS created
    """
    return (
        f"UNWIND $rows AS r MATCH (a:{source_label} {{id: r.k_from}}), "
        f"(b:{target_label} {{id: r.k_to}}) "
        f"CREATE (a)-[t:{tie_type} {{{_props(columns)}}}]->(b) RETURN count(t) AS created"
    )


def batch_columns(keys: list[str], values: list[str]) -> list[str]:
    """The names a batch's Arrow columns take: ``k_`` + each key, ``v0``, ``v1``, … for
    the values (never a user's text: attribute names may be any identifier).

    >>> batch_columns(["from", "to"], ["weight", "provenance"])
    ['k_from', 'k_to', 'v0', 'v1']
    """
    return [f"k_{k}" for k in keys] + [f"v{i}" for i in range(len(values))]


def _sets(var: str, columns: list[str]) -> str:
    return ", ".join(f"{var}.{quote(c)} = v{i}" for i, c in enumerate(columns))


def update_nodes(label: str, columns: list[str]) -> str:
    """Set ``columns`` on every node of ``$rows`` (``k_id``, then a value per column)."""
    return f"LOAD FROM $rows MATCH (n:{label} {{id: k_id}}) SET {_sets('n', columns)}"


def _ties(tie_type: str, source_label: str, target_label: str) -> str:
    return (
        f"LOAD FROM $rows MATCH (a:{source_label} {{id: k_from}})"
        f"-[r:{tie_type}]->(b:{target_label} {{id: k_to}})"
    )


def update_ties(tie_type: str, source_label: str, target_label: str, columns: list[str]) -> str:
    """Set ``columns`` on the ties of ``tie_type`` from ``k_from`` to ``k_to`` of each row
    of ``$rows``.

    >>> update_ties("KNOWS", "Person", "Person", ["strength"])
    'LOAD FROM $rows MATCH (a:Person {id: k_from})-[r:KNOWS]->(b:Person {id: k_to}) \
SET r.`strength` = v0'
    """
    return f"{_ties(tie_type, source_label, target_label)} SET {_sets('r', columns)}"


def delete_ties(tie_type: str, source_label: str, target_label: str) -> str:
    """Delete the ties of ``tie_type`` from ``k_from`` to ``k_to`` of each row of ``$rows``."""
    return f"{_ties(tie_type, source_label, target_label)} DELETE r"


def delete_nodes(label: str, ids: list[str]) -> Statement:
    """Delete the nodes with these ids, with every tie they still have.

    >>> delete_nodes("Asset", ["van"])
    ('MATCH (n:Asset) WHERE n.id IN $ids DETACH DELETE n', {'ids': ['van']})
    """
    return f"MATCH (n:{label}) WHERE n.id IN $ids DETACH DELETE n", {"ids": ids}

"""The Neo4j backend: the same ``GraphStore`` over the official driver (Neo4j 5, Aura).

Chosen by a ``neo4j://``, ``bolt://`` (or ``+s`` / ``+ssc``) location.  The user and
password come from the constructor's arguments, else from the URI
(``neo4j://user:password@host``, see :mod:`cosgraph.store.location`), else from
``COSGRAPH_NEO4J_USER`` / ``COSGRAPH_NEO4J_PASSWORD``; the environment is the better
place (a URI ends up in shell history).  They never appear in output or error messages.

Writes are batched ``UNWIND $rows`` statements inside **one** managed write transaction
(``execute_write`` retries transient errors by re-running the whole unit), so a load is
all-or-nothing exactly as on the embedded store: a staged load swapped in afterwards
would need a second copy of the map and a window where readers see neither, while one
transaction of a map's size (thousands to ~1M rows) fits Neo4j's memory comfortably.
Neo4j has no column types, so the types of free attributes are kept in
``(:CosgraphColumn {table, name, type})`` nodes: the same type rules hold on both backends.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from cosgraph.errors import StoreError
from cosgraph.model import NODE_TYPES, TieType
from cosgraph.store import cypher_neo4j as cypher
from cosgraph.store.arrow_projection import (
    ArrowProjection,
    attribute_query,
    combine,
    records_table,
    tie_query,
)
from cosgraph.store.cypher_embedded import quote
from cosgraph.store.location import neo4j_address, shown_location
from cosgraph.store.named_queries import get_query
from cosgraph.store.plan import WritePlan, write_map
from cosgraph.store.protocol import GraphStore
from cosgraph.store.records import graph_from_records
from cosgraph.store.schema import label_of, node_columns, tie_columns

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Neo4jStore", "BATCH_SIZE"]

#: Rows per UNWIND statement. bench/bench_neo4j.py --quick --batch-sizes 1000,5000,20000 on
#: the 2-core CI machine: 4.5k, 3.2k, 4.4k rows/s (noisy); the smallest was fastest.
BATCH_SIZE = 1_000
_LABELS = [label_of(kind) for kind in NODE_TYPES]


def _plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships become property dicts."""
    from neo4j.graph import Node, Relationship

    if isinstance(value, Node | Relationship):
        return dict(value.items())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Neo4jStore(GraphStore):
    """A community map in a Neo4j 5 database."""

    dialect = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        read_only: bool = False,
    ):
        import neo4j
        from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

        address = neo4j_address(uri)
        if user is None:
            user = address.user or os.environ.get("COSGRAPH_NEO4J_USER")
        if password is None:
            password = address.password or os.environ.get("COSGRAPH_NEO4J_PASSWORD")
        #: The URI without credentials: safe to show.
        self.uri = address.uri
        #: Opened for a read command: every write is refused before it reaches the
        #: server (reads already run in READ access mode, which the server enforces).
        self.read_only = read_only
        self.database = database or os.environ.get("COSGRAPH_NEO4J_DATABASE") or None
        auth = (user or "neo4j", password) if password else None
        try:
            # cosgraph's queries name properties a map may lack (Neo4j has no schema to
            # declare them in); the server's notes on that would each be a warning line
            self._driver = neo4j.GraphDatabase.driver(
                address.uri, auth=auth, notifications_min_severity="OFF"
            )
            self._driver.verify_connectivity()
        except AuthError:
            raise StoreError(
                f"Neo4j at {shown_location(uri)} refused the credentials (check "
                "COSGRAPH_NEO4J_USER and COSGRAPH_NEO4J_PASSWORD, or the URI's user:password@)"
            ) from None
        except (ServiceUnavailable, ConfigurationError, ValueError, OSError) as exc:
            raise StoreError(
                f"cannot reach Neo4j at {shown_location(uri)}: {type(exc).__name__}"
            ) from None

    # -- plumbing -------------------------------------------------------------------
    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._driver.close()

    def _read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        from neo4j.exceptions import Neo4jError

        try:
            records, _, keys = self._driver.execute_query(
                cypher, params or {}, database_=self.database, routing_="r"
            )
        except Neo4jError as exc:
            raise StoreError(f"Neo4j refused a query: {exc.message}") from None
        return [{k: _plain(r[k]) for k in keys} for r in records]

    def _stream(self, cypher: str) -> Iterator[dict[str, Any]]:
        """Records one at a time, so a projection is never held twice in memory."""
        with self._driver.session(database=self.database, default_access_mode="READ") as session:
            result = session.run(cypher)  # our named query text
            for record in result:
                yield {k: _plain(record[k]) for k in record.keys()}

    # -- schema -----------------------------------------------------------------------
    def init(self) -> None:
        """Uniqueness constraints on every node kind's id, and the framework graph."""
        from cosgraph.framework import load_framework

        for label in _LABELS:
            self._write_statement(cypher.id_constraint(label))
        self._write_statement(cypher.COLUMN_CONSTRAINT)
        framework = load_framework().community_map()
        write_map(self, framework, "cosgraph framework", allow_framework=True)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"Neo4j at {self.uri} was opened read-only: nothing was written")

    def _write_statement(self, cypher: str) -> None:
        from neo4j.exceptions import Neo4jError

        self._writable()
        try:
            self._driver.execute_query(cypher, database_=self.database)
        except Neo4jError as exc:
            raise StoreError(f"Neo4j refused a schema statement: {exc.message}") from None

    def columns(self) -> dict[str, dict[str, str]]:
        """Every node label's and tie type's columns with their types."""
        return self._columns()

    def _columns(self) -> dict[str, dict[str, str]]:
        """Every table's columns: the model's, plus the free attributes registered so far."""
        columns = {label_of(k): dict(node_columns(k)) for k in NODE_TYPES}
        columns.update({str(t): dict(tie_columns()) for t in TieType})
        for row in self._read(cypher.READ_COLUMNS):
            columns.setdefault(row["t"], {})[row["n"]] = row["y"]
        return columns

    def column_labels(self) -> dict[str, dict[str, str]]:
        """Every table's column labels, kept in its ``CosgraphColumn`` nodes."""
        labels: dict[str, dict[str, str]] = {}
        for row in self._read(cypher.READ_COLUMNS):
            if row["l"] is not None:
                labels.setdefault(row["t"], {})[row["n"]] = row["l"]
        return labels

    # -- reads ------------------------------------------------------------------------
    def query(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a named query; user values travel only as parameters."""
        query = get_query(name)
        query.check_params(params)
        return self._read(query.text(self.dialect), params)

    def table(self, statement: str, params: dict[str, Any] | None = None) -> pa.Table:
        """The rows of a read statement of cosgraph's own as one Arrow table."""
        return pa.Table.from_pylist(self._read(statement, params))

    def query_table(self, name: str, /, **params: Any) -> pa.Table:
        """A named query's rows as one Arrow table (see :meth:`query`)."""
        return pa.Table.from_pylist(self.query(name, **params))

    def column_ref(self, var: str, name: str) -> str:
        """The expression reading property ``name`` of ``var`` (quoted)."""
        return f"{var}.{quote(name)}"

    def ids(self) -> dict[str, str]:
        known: dict[str, str] = {}
        for kind in NODE_TYPES:
            for row in self._read(f"MATCH (n:{label_of(kind)}) RETURN n.id AS id"):
                known[row["id"]] = kind
        return known

    def project(self) -> nx.MultiDiGraph:
        nodes = self._stream(get_query("project_nodes").text(self.dialect))
        ties = self._stream(get_query("project_ties").text(self.dialect))
        G = graph_from_records(nodes, ties)
        G.graph["column_labels"] = self.column_labels()
        return G

    def project_arrays(
        self, kinds: Sequence[str], types: Sequence[str], attributes: Sequence[str] = ()
    ) -> ArrowProjection:
        """Nodes of ``kinds`` (with ``attributes``) and ties of ``types`` as Arrow columns:
        the driver's records streamed into Arrow a chunk at a time
        (see :mod:`~cosgraph.store.arrow_projection`)."""
        columns = self._columns()
        nodes = []
        for kind in kinds:
            label = label_of(kind)
            text = attribute_query(label, attributes, columns.get(label, {}))
            nodes.append((kind, records_table(self._stream(text))))
        ties = [(t, records_table(self._stream(tie_query(t, columns.get(t, {}))))) for t in types]
        return combine(nodes, ties, attributes)

    # -- writes -----------------------------------------------------------------------
    def apply(self, plan: WritePlan) -> None:
        """Apply a plan in one managed transaction: all of it, or nothing."""
        from neo4j.exceptions import Neo4jError

        self._writable()
        columns = self._columns()
        for table, new in plan.new_columns.items():
            columns.setdefault(table, {}).update(new)
        statements = list(cypher.plan_statements(plan, columns, BATCH_SIZE))

        def work(tx: Any) -> None:
            for statement in statements:
                record = tx.run(statement.cypher, rows=statement.rows).single()
                done = record[0] if record is not None else 0
                expected = statement.expected
                if expected is not None and done != expected:
                    raise StoreError(
                        f"the load was rolled back, nothing changed: {expected - done} of "
                        f"{expected} rows found no matching nodes"
                    )

        try:
            with self._driver.session(database=self.database) as session:
                session.execute_write(work)
        except Neo4jError as exc:
            raise StoreError(f"the load was rolled back, nothing changed: {exc.message}") from None

"""The embedded store: LadybugDB, in-process and on disk, no server to run.

Bulk rows go in with ``COPY … FROM`` an Arrow table (measured: 100k nodes in 0.3 s and
1M ties in under a second, where ``UNWIND … CREATE`` over many rows is orders of
magnitude slower); edits and deletions of rows that already exist go in the same way,
one ``LOAD FROM`` an Arrow table per table and set of changed columns (measured on
20k people and 200k ties whose every row changed: 0.04 s for the people and 3.8 s for
the ties, where one prepared ``MATCH … SET`` per row took over 5 minutes).  A whole
load runs in one transaction: all of it or nothing.

>>> import tempfile, pathlib
>>> from cosgraph.model import CommunityMap, Person
>>> path = pathlib.Path(tempfile.mkdtemp()) / "map.lbug"
>>> with EmbeddedStore(path) as store:
...     store.init()
...     plan = store.write(CommunityMap(nodes=[Person(id="ana", name="Ana")]))
...     store.project().nodes["ana"]["name"]
'Ana'
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import ladybug
import pyarrow as pa

from cosgraph.errors import StoreError
from cosgraph.model import NODE_TYPES, TieType
from cosgraph.store import cypher_embedded as cypher
from cosgraph.store.arrow_projection import (
    ArrowProjection,
    attribute_query,
    combine,
    tie_query,
)
from cosgraph.store.column_types import coerce_value as _coerce
from cosgraph.store.named_queries import NamedQuery, get_query
from cosgraph.store.plan import NodeChange, TieChange, WritePlan, write_map
from cosgraph.store.protocol import GraphStore
from cosgraph.store.records import graph_from_records
from cosgraph.store.schema import (
    ARROW_TYPES,
    PROVENANCE_COLUMNS,
    label_of,
    node_columns,
    rel_pairs,
    tie_table_columns,
)
from cosgraph.store.stamps import (
    STAMP_COLUMN,
    STAMP_TABLE,
    STAMP_TABLE_COLUMNS,
    Stamps,
    logical_columns,
    stored_columns,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EmbeddedStore"]


def _public(value: Any) -> Any:
    """A node or rel value without LadybugDB's internal ``_ID``/``_LABEL`` keys."""
    if isinstance(value, dict) and "_LABEL" in value:
        return {k: v for k, v in value.items() if not k.startswith("_")}
    return value


class EmbeddedStore(GraphStore):
    """A community map in a LadybugDB file at ``path``.

    ``read_only=True`` opens it read-only (LadybugDB's own mode): nothing on disk is
    created or changed, and several readers may have the store open at once.
    ``building=True`` is for a file no one sees until it is complete
    (:func:`~cosgraph.store.new_file.new_store_file`): a failure discards the whole
    file, so writes run without a transaction of their own.
    """

    dialect = "ladybug"

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        read_only: bool = False,
        building: bool = False,
    ):
        self.path = Path(path)
        self._building = building
        if (read_only or not create) and not self.path.exists():
            raise StoreError(
                f"no store at {self.path}; make one with `cosgraph init`, `cosgraph load` "
                "or `cosgraph demo`"
            )
        if self.path.is_dir():
            raise StoreError(
                f"{self.path} is a folder; the embedded store is a file (e.g. map.lbug)"
            )
        if read_only and self.path.stat().st_size == 0:
            raise StoreError(f"{self.path} is an empty file (0 bytes), not a cosgraph store")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._known_columns: dict[str, dict[str, str]] = {}
        self._known_stamps: Stamps | None = None
        try:
            self._db = ladybug.Database(str(self.path), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None

    # -- plumbing -------------------------------------------------------------------
    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    def _run(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self._conn.execute(cypher, params or {})
        if isinstance(result, list):  # several statements: keep the last result
            result = result[-1]
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(columns, result.get_next(), strict=True)))
        return rows

    def _read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """A read's rows, each node's and tie's ``_stamp`` as its provenance and time."""
        rows = self._run(cypher, params)
        stamps: Stamps | None = None
        for row in rows:
            for key, value in row.items():
                if isinstance(value, dict) and STAMP_COLUMN in value:
                    stamps = stamps or self._stamps()
                    row[key] = stamps.read_value(value)
        return rows

    def _arrow_result(self, cypher: str) -> pa.Table:
        """One statement's result as an Arrow table (LadybugDB builds it, not Python)."""
        result = self._conn.execute(cypher)
        if isinstance(result, list):
            result = result[-1]
        return result.get_as_arrow()

    def _tables(self) -> dict[str, str]:
        return {r["name"]: r["type"] for r in self._run("CALL show_tables() RETURN name, type")}

    def columns(self) -> dict[str, dict[str, str]]:
        """Every node label's and tie type's columns with their types."""
        tables = [label_of(k) for k in NODE_TYPES] + [str(t) for t in TieType]
        return {table: self._columns(table) for table in tables}

    def column_labels(self) -> dict[str, dict[str, str]]:
        """Every table's column labels, kept as the table's comment
        (:func:`~cosgraph.store.cypher_embedded.label_columns`)."""
        labels: dict[str, dict[str, str]] = {}
        for row in self._run("CALL show_tables() RETURN name, comment"):
            try:
                kept = json.loads(row["comment"] or "{}")
            except ValueError:  # a comment someone else wrote
                continue
            if isinstance(kept, dict) and kept:
                labels[row["name"]] = {str(k): str(v) for k, v in kept.items()}
        return labels

    def _columns(self, table: str) -> dict[str, str]:
        """A table's columns as planners see them: ``provenance`` and ``loaded_at``
        where the table keeps its ``_stamp`` (:mod:`cosgraph.store.stamps`)."""
        return logical_columns(self._stored(table))

    def column_ref(self, var: str, name: str) -> str:
        """The expression reading column ``name`` of ``var``; the pair's columns read
        the ``_stamp`` number, which :meth:`table` turns into their text."""
        if name in PROVENANCE_COLUMNS and STAMP_TABLE in self._tables():
            return f"{var}.{STAMP_COLUMN}"
        return f"{var}.{cypher.quote(name)}"

    def _text(self, query: NamedQuery) -> str:
        """A named query's text for this store: its ``unstamped`` text, where it has
        one, for a store made before the ``Stamp`` table, read as it is."""
        if "unstamped" in query.texts and STAMP_TABLE not in self._tables():
            return query.texts["unstamped"]
        return query.text(self.dialect)

    def _stamps(self) -> Stamps:
        """The ``Stamp`` table's pairs (none in a store made before it existed)."""
        if self._known_stamps is None:
            rows = []
            if STAMP_TABLE in self._tables():
                found = self._run(
                    f"MATCH (s:{STAMP_TABLE}) RETURN s.number AS n, s.provenance AS p, "
                    "s.loaded_at AS t"
                )
                rows = [(r["n"], r["p"], r["t"]) for r in found]
            self._known_stamps = Stamps(rows)
        return self._known_stamps

    def _stored(self, table: str) -> dict[str, str]:
        # Asked of every table several times a load; the schema changes only through
        # init and apply, which forget what they knew (one writer per store).
        if table not in self._known_columns:
            # table names come from the schema module, never from user data
            rows = self._run(f"CALL table_info('{table}') RETURN name, type")
            # LadybugDB reports BOOLEAN columns as BOOL
            self._known_columns[table] = {
                r["name"]: "BOOLEAN" if r["type"] == "BOOL" else r["type"] for r in rows
            }
        return dict(self._known_columns[table])

    # -- schema -----------------------------------------------------------------------
    def init(self) -> None:
        """Create every node and rel table the model needs, and the framework graph.

        A file LadybugDB refuses to make a cosgraph store of (another program's tables
        in the way) is one :class:`StoreError` line, never a traceback.
        """
        try:
            self._init()
        except RuntimeError as exc:
            self._known_columns.clear()
            self._known_stamps = None
            raise StoreError(f"{self.path} cannot be made a cosgraph store: {exc}") from None

    def _init(self) -> None:
        from cosgraph.framework import load_framework

        self._known_columns.clear()
        self._known_stamps = None
        tables = self._tables()
        statements = []
        for kind in NODE_TYPES:
            label = label_of(kind)
            if label not in tables:
                statements.append(
                    cypher.create_node_table(label, stored_columns(node_columns(kind)))
                )
            else:  # a store made by an older cosgraph: add the columns it lacks
                have = self._columns(label)
                for column, column_type in node_columns(kind).items():
                    if column not in have:
                        statements.append(cypher.add_column(label, column, column_type))
        for tie_type in TieType:
            made_with = tie_table_columns(tie_type)
            if str(tie_type) not in tables:
                statements.append(
                    cypher.create_rel_table(
                        str(tie_type), rel_pairs(tie_type), stored_columns(made_with)
                    )
                )
            else:  # a store made by an older cosgraph may lack one of them
                have = self._columns(str(tie_type))
                for column, column_type in made_with.items():
                    if column not in have:
                        statements.append(cypher.add_column(str(tie_type), column, column_type))
        if statements or STAMP_TABLE not in tables:
            self._known_columns.clear()
            with self._transaction():  # one: a third of the time of one commit each
                for statement in statements:
                    self._run(statement)
                if STAMP_TABLE not in tables:
                    self._make_stamp_table(upgrade=bool(tables))
            self._known_columns.clear()
            self._known_stamps = None
        framework = load_framework().community_map()
        write_map(self, framework, "cosgraph framework", allow_framework=True)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction around the block: committed at its end, rolled back (and
        the error raised again) if anything in it, or the commit, fails.  A store being
        built needs none: its whole file is discarded on a failure."""
        if self._building:
            yield
            return
        self._run("BEGIN TRANSACTION")
        try:
            yield
            self._run("COMMIT")
        except Exception:
            try:
                self._run("ROLLBACK")
            except RuntimeError:
                pass  # LadybugDB already rolled back the failed transaction
            # LadybugDB's connection keeps each statement it prepared; one prepared
            # against a table the rollback took away (a first write's Stamp table) fails
            # when used again ("Cannot find table catalog entry"): prepare afresh
            self._conn.close()
            self._conn = ladybug.Connection(self._db)
            raise

    def _make_stamp_table(self, *, upgrade: bool) -> None:
        """Create the ``Stamp`` table; with ``upgrade``, in a store made by an older
        cosgraph, give its rows their numbers (:meth:`_upgrade_stamps`)."""
        self._run(cypher.create_node_table(STAMP_TABLE, STAMP_TABLE_COLUMNS, key="number"))
        if upgrade:
            self._upgrade_stamps()

    def _upgrade_stamps(self) -> None:
        """Give the tables of a store made before the ``Stamp`` table their ``_stamp``
        numbers in place of the text pair on every row (:mod:`cosgraph.store.stamps`)."""
        stamps = self._stamps()
        older = [t for t in self._tables() if "provenance" in self._stored(t) and t != STAMP_TABLE]
        pairs: dict[str, list[tuple[str | None, str | None]]] = {}
        for table in older:
            match = self._match(table)
            found = self._run(f"{match} RETURN DISTINCT x.provenance AS p, x.loaded_at AS t")
            pairs[table] = [(r["p"], r["t"]) for r in found]
            for pair in pairs[table]:
                stamps.number(*pair)
        self._add_stamps(stamps)
        for table in older:
            self._run(cypher.add_column(table, STAMP_COLUMN, "INT64"))
            for provenance, loaded_at in pairs[table]:
                number = stamps.number(provenance, loaded_at)
                if number is None:
                    continue
                # a blank value is matched as blank, never as '' (a row may hold either)
                values = dict(zip(PROVENANCE_COLUMNS, (provenance, loaded_at), strict=True))
                where = " AND ".join(
                    f"x.{name} IS NULL" if value is None else f"x.{name} = ${name}"
                    for name, value in values.items()
                )
                params = {name: value for name, value in values.items() if value is not None}
                self._run(
                    f"{self._match(table)} WHERE {where} SET x.{STAMP_COLUMN} = $n",
                    {**params, "n": number},
                )
            for column in PROVENANCE_COLUMNS:
                self._run(f"ALTER TABLE {table} DROP {column}")
        self._known_columns.clear()

    def _match(self, table: str) -> str:
        """``MATCH`` of every row of a node or rel table, as ``x``."""
        if self._tables()[table] == "NODE":
            return f"MATCH (x:{table})"
        return f"MATCH ()-[x:{table}]->()"

    def _add_stamps(self, stamps: Stamps) -> None:
        """Store the pairs a write numbered first (inside the write's transaction)."""
        if stamps.new:
            rows = [{"n": n, "p": p, "t": t} for n, p, t in stamps.new]
            self._run(
                f"UNWIND $rows AS r CREATE (:{STAMP_TABLE} "
                "{number: r.n, provenance: r.p, loaded_at: r.t})",
                {"rows": rows},
            )
            stamps.new.clear()

    def _require_schema(self) -> None:
        if "Person" not in self._tables():
            raise StoreError(f"{self.path} has no cosgraph schema yet: run `cosgraph init` first")

    # -- reads ------------------------------------------------------------------------
    def query(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a named query; user values travel only as parameters."""
        query = get_query(name)
        query.check_params(params)
        self._require_schema()
        try:
            rows = self._read(self._text(query), params)
        except RuntimeError as exc:
            raise StoreError(f"query {name!r} failed: {exc}") from None
        return [{k: _public(v) for k, v in row.items()} for row in rows]

    def table(self, statement: str, params: dict[str, Any] | None = None) -> pa.Table:
        """The rows of a read statement as one Arrow table (columns named as returned).

        The statement comes from cosgraph's own code (a named query, or Cypher built
        from the schema and checked attribute names); user values travel as ``params``.
        """
        self._require_schema()
        try:
            result = self._conn.execute(statement, params or {})
            if isinstance(result, list):
                result = result[-1]
            table: pa.Table = result.get_as_arrow()
        except RuntimeError as exc:
            raise StoreError(f"a read of the store failed: {exc}") from None
        return self._stamps().read_table(table)

    def query_table(self, name: str, /, **params: Any) -> pa.Table:
        """A named query's rows as one Arrow table (see :meth:`query`)."""
        query = get_query(name)
        query.check_params(params)
        return self.table(self._text(query), params)

    def ids(self) -> dict[str, str]:
        rows = self.table("MATCH (n) WHERE n.id IS NOT NULL RETURN n.id AS id, label(n) AS label")
        if not rows.num_rows:
            return {}
        kind_of = {label_of(kind): kind for kind in NODE_TYPES}
        labels = [kind_of[label] for label in rows["label"].to_pylist()]
        return dict(zip(rows["id"].to_pylist(), labels, strict=True))

    def project(self) -> nx.MultiDiGraph:
        self._require_schema()
        G = graph_from_records(self.query("project_nodes"), self.query("project_ties"))
        G.graph["column_labels"] = self.column_labels()
        return G

    def project_arrays(
        self, kinds: Sequence[str], types: Sequence[str], attributes: Sequence[str] = ()
    ) -> ArrowProjection:
        """Nodes of ``kinds`` (with ``attributes``) and ties of ``types`` as Arrow columns,
        straight from LadybugDB's own Arrow results
        (see :mod:`~cosgraph.store.arrow_projection`)."""
        self._require_schema()
        nodes = []
        for kind in kinds:
            label = label_of(kind)
            stored = [c for c in self._stored(label) if c != STAMP_COLUMN]
            text = attribute_query(label, attributes, stored)
            nodes.append((kind, self._arrow_result(text)))
        ties = []
        for tie_type in types:
            text = tie_query(tie_type, self._columns(tie_type))
            ties.append((tie_type, self._arrow_result(text)))
        return combine(nodes, ties, attributes)

    # -- writes -----------------------------------------------------------------------
    def apply(self, plan: WritePlan) -> None:
        """Apply a plan in one transaction; on any failure the store is left as it was."""
        self._known_columns.clear()
        try:
            with self._transaction():
                for table, columns in plan.new_columns.items():
                    for column, column_type in columns.items():
                        self._run(cypher.add_column(table, column, column_type))
                if plan.prune:
                    self._remove(plan)
                if STAMP_TABLE not in self._tables():  # `init` makes it; a write may not
                    self._make_stamp_table(upgrade=True)
                stamps = self._stamps()
                self._write_nodes(plan, stamps)
                self._write_ties(plan, stamps)
                self._add_stamps(stamps)
        except Exception as exc:
            self._known_columns.clear()
            self._known_stamps = None
            raise StoreError(f"the load was rolled back, nothing changed: {exc}") from exc
        # after COMMIT, as LadybugDB's COMMENT ON is not undone by a ROLLBACK
        labels = self.column_labels() if plan.column_labels else {}
        for table, new in plan.column_labels.items():
            self._run(cypher.label_columns(table, {**labels.get(table, {}), **new}))

    def _remove(self, plan: WritePlan) -> None:
        """Delete the plan's removed ties, then its removed nodes (with any tie left)."""
        removed: dict[tuple[str, str, str], list[TieChange]] = defaultdict(list)
        for tie in plan.removed_ties:
            removed[(tie.type, label_of(tie.source_kind), label_of(tie.target_kind))].append(tie)
        for (tie_type, src, dst), ties in removed.items():
            keys = {"from": [t.source for t in ties], "to": [t.target for t in ties]}
            table = self._batch(keys, [], (), {})
            self._conn.execute(cypher.delete_ties(tie_type, src, dst), {"rows": table})
        by_label: dict[str, list[str]] = defaultdict(list)
        for node in plan.removed_nodes:
            by_label[label_of(node.kind)].append(node.id)
        for label, ids in by_label.items():
            self._run(*cypher.delete_nodes(label, ids))

    def _write_nodes(self, plan: WritePlan, stamps: Stamps) -> None:
        creates: dict[str, list[dict[str, Any]]] = defaultdict(list)
        # one LOAD FROM per label and set of written columns, never a statement per row
        updates: dict[tuple[str, tuple[str, ...]], list[NodeChange]] = defaultdict(list)
        for change in plan.nodes:
            label = label_of(change.kind)
            if change.action == "create":
                creates[label].append(stamps.stored_row(change.properties))
            elif names := change.written():
                updates[(label, stamps.stored_names(names))].append(change)
        for (label, names), changes in updates.items():
            columns = self._stored(label)
            keys = {"id": [c.id for c in changes]}
            rows = [stamps.stored_row(c.properties) for c in changes]
            table = self._batch(keys, rows, names, columns)
            self._conn.execute(cypher.update_nodes(label, list(names)), {"rows": table})
        for label, rows in creates.items():
            columns = self._stored(label)
            if len(rows) <= cypher.SMALL_BATCH:
                values = _listed(rows, columns)
                self._conn.execute(cypher.create_nodes(label, columns), {"rows": values})
                continue
            table = self._arrow(rows, columns, list(columns))
            self._conn.execute(cypher.copy_nodes(label), {"rows": table})
        for kind, created in plan.created_nodes.items():
            label = label_of(kind)
            table = _aligned(stamps.stored_table(created), self._stored(label))
            self._conn.execute(cypher.copy_nodes(label), {"rows": table})

    def _write_ties(self, plan: WritePlan, stamps: Stamps) -> None:
        creates: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        updates: dict[tuple[str, str, str, tuple[str, ...]], list[TieChange]] = defaultdict(list)
        for change in plan.ties:
            src, dst = label_of(change.source_kind), label_of(change.target_kind)
            if change.action == "create":
                creates[(change.type, src, dst)].append(
                    {
                        "from": change.source,
                        "to": change.target,
                        **stamps.stored_row(change.properties),
                    }
                )
            elif names := change.written():
                updates[(change.type, src, dst, stamps.stored_names(names))].append(change)
        for (tie_type, src, dst, names), changes in updates.items():
            keys = {"from": [c.source for c in changes], "to": [c.target for c in changes]}
            values = [stamps.stored_row(c.properties) for c in changes]
            table = self._batch(keys, values, names, self._stored(tie_type))
            statement = cypher.update_ties(tie_type, src, dst, list(names))
            self._conn.execute(statement, {"rows": table})
        for (tie_type, source_kind, target_kind, _), changed in plan.updated_ties.items():
            table = stamps.stored_table(changed)
            written = [n for n in table.column_names if n not in ("source", "target")]
            columns = self._stored(tie_type)
            ends = {"source": "STRING", "target": "STRING"}
            typed = _aligned(table, {**ends, **{n: columns[n] for n in written}})
            batch = typed.rename_columns(cypher.batch_columns(["from", "to"], written))
            statement = cypher.update_ties(
                tie_type, label_of(source_kind), label_of(target_kind), written
            )
            self._conn.execute(statement, {"rows": batch})
        for (tie_type, src, dst), rows in creates.items():
            if len(rows) <= cypher.SMALL_BATCH:
                props = self._stored(tie_type)
                values = _listed(rows, props, ["from", "to"])
                statement = cypher.create_ties(tie_type, src, dst, props)
                created = self._run(statement, {"rows": values})[0]["created"]
                if created != len(rows):  # as a COPY fails on a tie to a missing node
                    raise StoreError(f"{len(rows) - created} {tie_type} ties name no node")
                continue
            columns = {"from": "STRING", "to": "STRING", **self._stored(tie_type)}
            table = self._arrow(rows, columns, list(columns))
            self._conn.execute(cypher.copy_ties(tie_type, src, dst), {"rows": table})
        for (tie_type, source_kind, target_kind), created in plan.created_ties.items():
            columns = {"from": "STRING", "to": "STRING", **self._stored(tie_type)}
            table = stamps.stored_table(created)
            ends = table.rename_columns(
                [
                    "from" if c == "source" else "to" if c == "target" else c
                    for c in table.column_names
                ]
            )
            statement = cypher.copy_ties(tie_type, label_of(source_kind), label_of(target_kind))
            self._conn.execute(statement, {"rows": _aligned(ends, columns)})

    @staticmethod
    def _batch(
        keys: dict[str, list[str]],
        rows: list[dict[str, Any]],
        names: tuple[str, ...],
        columns: dict[str, str],
    ) -> pa.Table:
        """The ``keys`` (text columns) and the ``names`` of ``rows``, each value as its
        column stores it, as an Arrow table whose columns are named as
        :func:`~cosgraph.store.cypher_embedded.batch_columns` says."""
        arrays = [pa.array(ids, pa.string()) for ids in keys.values()]
        for name in names:
            kind = columns[name]
            arrays.append(
                pa.array([_coerce(row.get(name), kind) for row in rows], ARROW_TYPES[kind])
            )
        return pa.table(arrays, names=cypher.batch_columns(list(keys), list(names)))

    @staticmethod
    def _arrow(rows: list[dict[str, Any]], columns: dict[str, str], order: list[str]) -> pa.Table:
        arrays = {}
        for name in order:
            values = [row.get(name) for row in rows]
            arrow_type = ARROW_TYPES[columns[name]]
            try:
                arrays[name] = pa.array(values, type=arrow_type)
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # an attribute wider than its values
                arrays[name] = pa.array(
                    [_coerce(v, columns[name]) for v in values], type=arrow_type
                )
        return pa.table(arrays)


def _listed(
    rows: list[dict[str, Any]], columns: dict[str, str], keys: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """``rows`` as the parameter list of :func:`~cosgraph.store.cypher_embedded.create_nodes`
    or ``create_ties``: each row's ``keys``, then its value of each of ``columns`` as
    the column stores it, named as :func:`~cosgraph.store.cypher_embedded.batch_columns`
    names a batch's columns."""
    names = cypher.batch_columns(list(keys), list(columns))
    return [
        dict(
            zip(
                names,
                [*(row[k] for k in keys), *(_coerce(row.get(c), t) for c, t in columns.items())],
                strict=True,
            )
        )
        for row in rows
    ]


def _aligned(table: pa.Table, columns: dict[str, str]) -> pa.Table:
    """``table`` in exactly the store's ``columns`` (order and types), blanks for the rest."""
    arrays = {}
    for name, column_type in columns.items():
        arrow_type = ARROW_TYPES[column_type]
        if name in table.column_names:
            arrays[name] = table[name].cast(arrow_type)
        else:
            arrays[name] = pa.nulls(table.num_rows, arrow_type)
    return pa.table(arrays)

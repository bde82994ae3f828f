"""Plan a columnar load against the embedded store by joins on ids, in Arrow.

:func:`plan_columns` does for a :class:`~cosgraph.loaders.network_columns.NetworkColumns`
what :func:`cosgraph.store.plan.plan_against` does for a community map: it reads what
the store holds (as Arrow), and sorts the load's rows into new, changed and
unchanged by matching ids (a tie by its ends), and finds what an earlier load of the
same source holds that this one no longer does.  New rows stay Arrow columns
(``WritePlan.created_nodes``/``created_ties``, bulk-copied by the store); only rows
whose columns differ become Python changes, and those are judged by the same rule as
every other load (:func:`cosgraph.store.plan._diff`).

It returns ``None`` when the load would break a rule checked against the store (an
id stored as another kind, a tie to an unknown id or to one of another kind, an
attribute that does not fit its stored column, too many attribute columns): the row
path then plans the load and reports every problem with its file, line and field.

>>> import tempfile, pathlib
>>> from cosgraph.loaders.network import network_options
>>> from cosgraph.loaders.network_columns import read_network_columns
>>> from cosgraph.store import open_store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "n.csv").write_text("pid,city\\na,1\\nb,2\\n")
>>> _ = (d / "t.csv").write_text("src,dst\\na,b\\n")
>>> net = read_network_columns(network_options(d / "n.csv", d / "t.csv", id_column="pid",
...                                            from_column="src", to_column="dst"))
>>> store = open_store(d / "m.lbug"); store.init()
>>> plan = plan_columns(store, net, "n.csv + t.csv"); plan.counts()
{'created': {'KNOWS': 1, 'person': 2}, 'updated': {}}
>>> store.apply(plan)
>>> plan_columns(store, net, "n.csv + t.csv").is_empty
True
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc

from cosgraph.errors import SourceLocation
from cosgraph.limits import attribute_column_problems
from cosgraph.loaders.arrow_csv import map_distinct
from cosgraph.loaders.network_columns import NetworkColumns, pair_keys
from cosgraph.model import TIE_ENDPOINTS
from cosgraph.provenance import owner_of, owner_prefix
from cosgraph.store.column_types import fits_column, missing_tie_fields, stored_attribute_counts
from cosgraph.store.cypher_embedded import quote
from cosgraph.store.plan import (
    NodeChange,
    TieChange,
    WritePlan,
    _before,
    _diff,
    new_labels,
    plan_removals,
    written_columns,
)
from cosgraph.store.protocol import GraphStore
from cosgraph.store.records import tie_ends
from cosgraph.store.schema import PROVENANCE_COLUMNS, kind_of_label, label_of

__all__ = ["plan_columns", "ColumnarStore"]

#: Rows turned into Python objects at a time when a load's rows are judged one by one.
_CHUNK_ROWS = 65_536


class ColumnarStore(GraphStore, Protocol):
    """A store that answers reads as Arrow tables (both backends do)."""

    def table(self, statement: str, params: dict[str, Any] | None = None) -> pa.Table:
        """The rows of a read statement of cosgraph's own as one Arrow table."""
        ...

    def query_table(self, name: str, /, **params: Any) -> pa.Table:
        """A named query's rows as one Arrow table."""
        ...

    def column_ref(self, var: str, name: str) -> str:
        """The Cypher expression reading stored column ``name`` of ``var`` (a schema
        or checked attribute name), as :meth:`table` returns it."""
        ...


def _new_columns(store: ColumnarStore, net: NetworkColumns) -> dict[str, dict[str, str]] | None:
    """Attribute columns the store lacks, or ``None`` when one does not fit its column."""
    stored = store.columns()
    new: dict[str, dict[str, str]] = {}
    for table, wanted in ((label_of(net.kind), net.attributes), (net.tie_type, net.tie_attributes)):
        have = stored.get(table, {})
        for column, column_type in wanted.items():
            if column not in have:
                new.setdefault(table, {})[column] = column_type
            elif not fits_column(have[column], column_type):
                return None
    where = {t: {c: SourceLocation(file="<map>") for c in cols} for t, cols in new.items()}
    if attribute_column_problems(where, stored_attribute_counts(stored)):
        return None
    held = {c for c in net.ties.column_names if net.ties[c].null_count < net.ties.num_rows}
    for table, columns in missing_tie_fields({net.tie_type: held}, stored).items():
        new.setdefault(table, {}).update(columns)
    return new


def _comparable(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column two rows' values can be compared in: lists as their joined items."""
    if pa.types.is_list(column.type):
        return pc.binary_join(column, "\x1f")
    return column


def _typed_like(column: pa.ChunkedArray, arrow_type: pa.DataType) -> pa.ChunkedArray:
    """A stored column in the load's type where that loses nothing (a Neo4j read of
    blanks has no type; a DOUBLE attribute keeps its fractions and compares as is)."""
    if column.type == arrow_type:
        return column
    try:
        return column.cast(arrow_type)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return column


def _differences(
    new: pa.Table, old: pa.Table, attributes: set[str], owner: str
) -> tuple[dict[str, pa.ChunkedArray], pa.ChunkedArray]:
    """Each column of ``new``: True for each row whose value differs from its stored
    row's in ``old`` (aligned); and True for each stored row another source owns.

    The rule of :func:`cosgraph.store.plan._diff`, in columns: a blank attribute is no
    change, a blank field that was filled is one, a whole number equals the same
    float.  Exact for every column but lists, which compare as their joined items
    (a screen: two lists may join to the same text).
    """
    differs: dict[str, pa.ChunkedArray] = {}
    for name in new.column_names:
        if name not in old.column_names:
            differs[name] = pc.is_valid(new[name])
            continue
        a, b = _comparable(new[name]), _comparable(_typed_like(old[name], new[name].type))
        same = pc.or_(pc.fill_null(pc.equal(a, b), False), pc.and_(pc.is_null(a), pc.is_null(b)))
        if name in attributes:
            same = pc.or_(same, pc.is_null(a))
        differs[name] = pc.invert(same)
    owners = map_distinct(pc.fill_null(old["provenance"], ""), owner_of, pa.string())
    return differs, pc.not_equal(owners, owner)


def _candidates(new: pa.Table, old: pa.Table, attributes: set[str], owner: str) -> pa.ChunkedArray:
    """True for each row of ``new`` that may differ from its stored row ``old`` (aligned).

    A screen: every row the exact rule (:func:`_diff`) would call changed is flagged;
    the flagged rows are then judged by that rule.
    """
    differs, other_owner = _differences(new, old, attributes, owner)
    flagged = other_owner
    for column in differs.values():
        flagged = pc.or_(flagged, column)
    return flagged


def _sorted_rows(
    new: pa.Table,
    stored: pa.Table,
    new_key: pa.ChunkedArray,
    stored_key: Callable[[], pa.ChunkedArray],
) -> tuple[pa.Table, pa.Table, pa.Table]:
    """(new rows, rows already stored, their stored rows, aligned with them)."""
    if stored.num_rows == 0:
        return new, new.slice(0, 0), stored
    positions = pc.index_in(new_key, value_set=stored_key())
    created = pc.is_null(positions)
    found = pc.drop_null(positions)
    return new.filter(created), new.filter(pc.invert(created)), stored.take(found)


def _screened(
    new: pa.Table, old: pa.Table, attributes: set[str], owner: str
) -> tuple[pa.Table, pa.Table, int]:
    """(the rows of ``new`` that may differ from their stored rows ``old`` (aligned),
    those stored rows, how many rows are unchanged for sure): see :func:`_candidates`."""
    if not new.num_rows:
        return new, old, 0
    picked = pc.indices_nonzero(_candidates(new, old, attributes, owner))
    return new.take(picked), old.take(picked), new.num_rows - len(picked)


def _pairs(new: pa.Table, old: pa.Table) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """The rows of ``new`` with their stored rows ``old``, as Python rows a chunk at a
    time: never every changed row at once (1M ties would take gigabytes)."""
    for start in range(0, new.num_rows, _CHUNK_ROWS):
        part_new, part_old = new.slice(start, _CHUNK_ROWS), old.slice(start, _CHUNK_ROWS)
        yield from zip(part_new.to_pylist(), part_old.to_pylist(), strict=True)


def _compare_exactly(table: pa.Table) -> bool:
    """True when :func:`_differences` is exact for ``table``'s columns (no lists) and
    :func:`_tie_updates` can code which of them changed in one whole number."""
    lists = any(pa.types.is_list(t) for t in table.schema.types)
    return not lists and table.num_columns < 62


def _tie_updates(
    new: pa.Table, old: pa.Table, attributes: set[str], owner: str, stamp: dict[str, str]
) -> tuple[dict[tuple[str, ...], pa.Table], int]:
    """The changed ties among ``new`` (with their stored rows ``old``, aligned) grouped
    by the fields that changed, each group as the columns its update writes; and how
    many did not change.  :func:`cosgraph.store.plan._diff`'s rule, in columns
    (:func:`_differences`): no Python object per tie.
    """
    if not new.num_rows:
        return {}, 0
    differs, other_owner = _differences(new, old, attributes, owner)
    fields = [name for name in new.column_names if name not in ("source", "target")]
    code = pc.multiply(other_owner.cast(pa.int64()), 1 << len(fields))
    for bit, name in enumerate(fields):
        code = pc.add(code, pc.multiply(differs[name].cast(pa.int64()), 1 << bit))
    groups: dict[tuple[str, ...], pa.Table] = {}
    unchanged = 0
    for value in pc.unique(code).to_pylist():
        rows = new.filter(pc.equal(code, value))
        if value == 0:
            unchanged += rows.num_rows
            continue
        changed = tuple(name for bit, name in enumerate(fields) if value >> bit & 1)
        if value >> len(fields) & 1:
            changed += ("provenance",)
        written = [name for name in fields if name in changed and name not in PROVENANCE_COLUMNS]
        groups[changed] = _stamped(rows.select(["source", "target", *written]), stamp)
    return groups, unchanged


def _props(row: dict[str, Any], attributes: set[str], stamp: dict[str, str]) -> dict[str, Any]:
    """A row's properties as the row path has them: blank attributes left out."""
    props = {k: v for k, v in row.items() if not (k in attributes and v is None)}
    return {**props, **stamp}


def _stored_values(
    store: ColumnarStore, match: str, var: str, columns: list[str], have: dict[str, str]
) -> pa.Table:
    """The stored values of ``columns`` (those the store has) of every row ``match`` finds.

    Column names come from the schema or are checked attribute names, and are quoted.
    """
    ends = {"id": f"{var}.id", "source": "a.id", "target": "b.id"}
    refs = [
        f"{ends.get(name) or store.column_ref(var, name)} AS {quote(name)}"
        for name in columns
        if name in ends or name in have
    ]
    return store.table(f"{match} RETURN {', '.join(refs)}")


def plan_columns(store: ColumnarStore, net: NetworkColumns, provenance: str) -> WritePlan | None:
    """Plan writing ``net`` into ``store``; ``None`` when the row path must plan it.

    Parameters
    ----------
    store : ColumnarStore
        An initialised store (embedded or Neo4j).
    net : NetworkColumns
        The checked network (:func:`~cosgraph.loaders.network_columns.read_network_columns`).
    provenance : str
        The load's provenance (:func:`cosgraph.provenance.provenance_of`).

    Returns
    -------
    WritePlan or None
        New rows as Arrow tables, changed rows as changes, removals as for any load.
    """
    kind, label, tie_type = net.kind, label_of(net.kind), net.tie_type
    sources, targets = TIE_ENDPOINTS[tie_type]
    if kind not in sources or kind not in targets:
        return None
    known = store.ids()
    ids = net.nodes["id"]
    other = pa.array([i for i, k in known.items() if k != kind], type=pa.string())
    if pc.any(pc.is_in(ids, value_set=other)).as_py():
        return None
    source = {"provenance": owner_of(provenance), "prefix": owner_prefix(provenance)}
    own = store.query_table("nodes_from_source", **source)
    own = own.filter(pc.invert(pc.is_in(own["id"], value_set=ids))) if own.num_rows else own
    own_nodes = {r["id"]: kind_of_label(r["label"]) for r in own.to_pylist()}
    gone = {i for i, k in own_nodes.items() if k == kind}
    same_kind = pa.array([i for i, k in known.items() if k == kind and i not in gone], pa.string())
    found = pc.or_(pc.is_in(net.ends, value_set=ids), pc.is_in(net.ends, value_set=same_kind))
    if not pc.all(found).as_py():
        return None
    new_columns = _new_columns(store, net)
    if new_columns is None:
        return None
    owner = owner_of(provenance)
    loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    stamp = {"provenance": provenance, "loaded_at": loaded_at}
    columns = store.columns()
    labels = new_labels(net.column_labels, store.column_labels(), columns, new_columns)
    plan = WritePlan(new_columns=new_columns, column_labels=labels)
    node_attributes, tie_attributes = set(net.attributes), set(net.tie_attributes)

    node_cols = [*net.nodes.column_names, "provenance"]
    stored = _stored_values(store, f"MATCH (n:{label})", "n", node_cols, columns[label])
    created, found, was = _sorted_rows(net.nodes, stored, ids, lambda: stored["id"])
    maybe, was, plan.unchanged_nodes = _screened(found, was, node_attributes, owner)
    for row, old in _pairs(maybe, was):
        props = _props(row, node_attributes, stamp)
        changed = _diff(old, props)
        if changed is None:
            plan.unchanged_nodes += 1
            continue
        # an update keeps only what it writes: a whole file's rows may change
        kept = {"id": row["id"], **{c: props[c] for c in written_columns(props, changed)}}
        plan.nodes.append(
            NodeChange(kind, row["id"], "update", kept, changed, _before(old, changed))
        )
    if created.num_rows:
        plan.created_nodes[kind] = _stamped(created, stamp)

    tie_cols = [*net.ties.column_names, "provenance"]
    match = f"MATCH (a:{label})-[r:{tie_type}]->(b:{label})"
    stored = _stored_values(store, match, "r", tie_cols, columns[tie_type])
    stored_keys = (
        pair_keys(net.ends, stored["source"], stored["target"]) if stored.num_rows else None
    )
    created, found, was = _sorted_rows(net.ties, stored, net.tie_keys, lambda: stored_keys)
    in_columns = _compare_exactly(found)
    if in_columns:  # judged once, in columns
        groups, plan.unchanged_ties = _tie_updates(found, was, tie_attributes, owner, stamp)
        for changed, table in groups.items():
            plan.updated_ties[(tie_type, kind, kind, changed)] = table
    else:
        found, was, plan.unchanged_ties = _screened(found, was, tie_attributes, owner)
    for row, old in () if in_columns else _pairs(found, was):
        props = _props(row, tie_attributes, stamp)
        end_a, end_b = props.pop("source"), props.pop("target")
        changed = _diff(old, props)
        if changed is None:
            plan.unchanged_ties += 1
            continue
        before = _before(old, changed)
        kept = {c: props[c] for c in written_columns(props, changed)}
        plan.ties.append(
            TieChange(tie_type, end_a, end_b, kind, kind, "update", kept, changed, before)
        )
    if created.num_rows:
        plan.created_ties[(tie_type, kind, kind)] = _stamped(created, stamp)

    # What this source put in and the file no longer holds: its ties of other types
    # or ends as the named query finds them, its ties of this type from `stored`.
    own_ties = store.query_table("ties_from_source", **source)
    dropped = []
    if own_ties.num_rows:
        this = pc.and_(
            pc.equal(own_ties["type"], tie_type),
            pc.and_(
                pc.equal(own_ties["source_label"], label), pc.equal(own_ties["target_label"], label)
            ),
        )
        own_ties = own_ties.filter(pc.invert(this))
        if stored_keys is not None:
            owners = map_distinct(pc.fill_null(stored["provenance"], ""), owner_of, pa.string())
            mine = pc.and_(
                pc.equal(owners, owner), pc.invert(pc.is_in(stored_keys, value_set=net.tie_keys))
            )
            gone_ties = stored.filter(mine).select(["source", "target"]).to_pylist()
            ends = {"type": tie_type, "source_label": label, "target_label": label}
            dropped = [{**ends, **row} for row in gone_ties]
    plan.removed_nodes, plan.removed_ties = plan_removals(
        (),
        (),
        own_nodes,
        tie_ends([*own_ties.to_pylist(), *dropped]),
        lambda gone_ids: tie_ends(store.query("ties_touching", ids=sorted(gone_ids))),
    )
    return plan


def _stamped(table: pa.Table, stamp: dict[str, str]) -> pa.Table:
    """``table`` with the load's provenance and time in every row, each as a one-word
    dictionary (a byte per row: the text a million times took 0.15 s to lay out)."""
    codes = pa.repeat(pa.scalar(0, pa.int8()), table.num_rows)
    for name, value in stamp.items():
        column = pa.DictionaryArray.from_arrays(codes, pa.array([value], pa.string()))
        table = table.append_column(name, column)
    return table

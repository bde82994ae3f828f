"""A researcher's network (nodes CSV + ties CSV) read as Arrow columns, checked by the model.

:func:`read_network_columns` gives what :func:`cosgraph.loaders.network.read_network`
gives, as two Arrow tables in the store's own columns, without one Python object
per row.  The rules are the same ones, applied to whole columns:

- which column is what: :class:`~cosgraph.loaders.network.NetworkOptions`;
- a field (``name``, ``power``, ``consent``, a tie's ``strength``...): each distinct
  value is validated by the pydantic model itself (one batch through a
  ``TypeAdapter``), and the model's value is what is stored;
- an id or a tie's end: the model's own constraints on the field, over the column;
- an attribute: typed as a whole column (:mod:`cosgraph.loaders.columns`), its name
  checked by the model.

It returns ``None`` whenever a file holds anything those rules would refuse, or
that the row reader reads specially (a guarded cell, a blank row, several rows for
one pair of ends, a ``learned_from`` column): the row reader then reads the files
and reports every problem with its file, line and field, or merges the rows.  So
there is one rule set and one place for each message; this path recognises the
clean files, the common case, and moves them in columns.

>>> import tempfile, pathlib
>>> from cosgraph.loaders.network import network_options
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "n.csv").write_text("pid,power,city\\na,3,1\\nb,,2\\n")
>>> _ = (d / "t.csv").write_text("src,dst,weight\\na,b,2.5\\n")
>>> o = network_options(d / "n.csv", d / "t.csv", id_column="pid", from_column="src",
...                     to_column="dst")
>>> net = read_network_columns(o)
>>> net.nodes.select(["id", "power", "city"]).to_pylist()
[{'id': 'a', 'power': 3, 'city': 1}, {'id': 'b', 'power': 0, 'city': 2}]
>>> net.attributes, net.tie_attributes
({'city': 'INT64'}, {'weight': 'DOUBLE'})
>>> _ = (d / "n.csv").write_text("pid,power\\na,9\\n")
>>> read_network_columns(o) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import TypeAdapter, ValidationError

from cosgraph.errors import SourceLocation
from cosgraph.limits import attribute_column_problems
from cosgraph.model import FRAMEWORK_KINDS, NODE_TYPES, Node, Tie
from cosgraph.store.schema import ARROW_TYPES, node_columns, tie_columns

from .arrow_csv import blank, map_distinct, read_csv_table
from .columns import ColumnType, cell_as, column_type
from .network import NetworkOptions, declared_types

__all__ = ["NetworkColumns", "read_network_columns", "pair_keys"]

#: A column type as the store holds it (``cosgraph.store.schema``).
_STORE_TYPE = {"int": "INT64", "float": "DOUBLE", "bool": "BOOLEAN", "text": "STRING"}


@dataclass(frozen=True)
class NetworkColumns:
    """A checked network in the store's columns.

    ``nodes`` holds ``id``, every model field of ``kind`` and the attribute columns;
    ``ties`` holds ``source``, ``target``, every tie field and the tie attributes.
    ``attributes`` and ``tie_attributes`` give each attribute column's store type.
    ``ends`` holds each id a tie names once and ``tie_keys`` each tie's
    :func:`pair_keys`: ties are matched by whole numbers, not by pairs of strings.
    """

    kind: str
    tie_type: str
    nodes: pa.Table
    ties: pa.Table
    attributes: dict[str, str]
    tie_attributes: dict[str, str]
    nodes_file: str
    ties_file: str
    ends: pa.Array
    tie_keys: pa.ChunkedArray


def pair_keys(
    ends: pa.Array, sources: pa.ChunkedArray, targets: pa.ChunkedArray
) -> pa.ChunkedArray:
    """One whole number per (source, target) pair, by the ends' places in ``ends``;
    null when an end is not in ``ends``.

    >>> keys = pair_keys(pa.array(["a", "b"]), pa.chunked_array([["a", "b"]]),
    ...                  pa.chunked_array([["b", "z"]]))
    >>> keys.to_pylist()
    [1, None]
    """
    width = len(ends)
    codes = [pc.index_in(end, value_set=ends).cast(pa.int64()) for end in (sources, targets)]
    return pc.add(pc.multiply(codes[0], width), codes[1])


class _RowsNeeded(Exception):
    """The files hold something only the row reader reads or reports."""


def _fits_field(model: type[Node] | type[Tie], field: str, column: pa.ChunkedArray) -> None:
    """Check every cell of an id column against the model's constraints on ``field``.

    Length bounds (the model's ``min_length``/``max_length``) are checked in Arrow; any
    other constraint by the model's own validator over the whole column.
    """
    spaced = pc.not_equal(column, pc.utf8_trim_whitespace(column))
    if pc.any(blank(column)).as_py() or pc.any(spaced).as_py():
        raise _RowsNeeded
    info = model.model_fields[field]
    lengths = pc.utf8_length(column)
    others = []
    for bound in info.metadata:  # MinLen / MaxLen (annotated-types, as pydantic declares them)
        least, most = getattr(bound, "min_length", None), getattr(bound, "max_length", None)
        if least is not None and pc.any(pc.less(lengths, least)).as_py():
            raise _RowsNeeded
        if most is not None and pc.any(pc.greater(lengths, most)).as_py():
            raise _RowsNeeded
        if least is None and most is None:
            others.append(bound)
    if others:
        adapter: TypeAdapter[Any] = TypeAdapter(list[Annotated[str, *others]])
        try:
            adapter.validate_python(column.to_pylist())
        except ValidationError:
            raise _RowsNeeded from None


def _field_column(
    model: type[Node] | type[Tie],
    field: str,
    column: pa.ChunkedArray,
    base: dict[str, Any],
    default: Any,
    arrow_type: pa.DataType,
) -> pa.ChunkedArray:
    """A field's cells as the model reads them: each distinct value validated once."""
    distinct = [v for v in pc.unique(column).to_pylist() if v.strip()]
    adapter: TypeAdapter[Any] = TypeAdapter(list[model])  # type: ignore[valid-type]
    try:
        read = adapter.validate_python([{**base, field: value} for value in distinct])
    except ValidationError:
        raise _RowsNeeded from None
    value_of = {raw: getattr(item, field) for raw, item in zip(distinct, read, strict=True)}
    return map_distinct(column, lambda raw: value_of.get(raw, default), arrow_type)


def _attribute(column: pa.ChunkedArray, declared: ColumnType | None) -> tuple[pa.ChunkedArray, str]:
    """An attribute column typed as a whole (or as declared), with its store type."""
    distinct = pc.unique(column).to_pylist()
    kind = declared or column_type(distinct) or "text"
    store_type = _STORE_TYPE[kind]

    def typed(raw: str) -> Any:
        try:
            return cell_as(raw, kind)
        except ValueError:
            raise _RowsNeeded from None

    return map_distinct(column, typed, ARROW_TYPES[store_type]), store_type


def _sample(store_type: str) -> Any:
    return {"INT64": 1, "DOUBLE": 1.5, "BOOLEAN": True, "STRING": "a"}[store_type]


def _columns(
    table: pa.Table,
    model: type[Node] | type[Tie],
    fields: Mapping[str, str],
    renamed: Mapping[str, str],
    base: dict[str, Any],
    declared: Mapping[str, ColumnType],
) -> tuple[dict[str, pa.ChunkedArray], dict[str, str]]:
    """Every field of ``fields`` (from the file, else its default) and every attribute."""
    defaults = model.model_validate(base).model_dump()
    by_name = {new: table[old] for old, new in renamed.items()}
    out: dict[str, pa.ChunkedArray] = {}
    for field, store_type in fields.items():
        arrow_type = ARROW_TYPES[store_type]
        if field in by_name:
            column = by_name[field]
            out[field] = _field_column(model, field, column, base, defaults[field], arrow_type)
        else:
            constant = pa.scalar(defaults[field], type=arrow_type)
            out[field] = pa.chunked_array([pa.repeat(constant, table.num_rows)])
    attributes: dict[str, str] = {}
    for name, column in by_name.items():
        if name in fields or name in model.model_fields:
            continue
        typed, store_type = _attribute(column, declared.get(name))
        if typed.null_count == len(typed):
            continue  # a column of blanks adds nothing, as in the row reader
        out[name], attributes[name] = typed, store_type
    try:  # the attribute names, by the model's own rule
        model.model_validate({**base, "attributes": {a: _sample(t) for a, t in attributes.items()}})
    except ValidationError:
        raise _RowsNeeded from None
    return out, attributes


def read_network_columns(
    options: NetworkOptions, types: Mapping[str, ColumnType] | None = None
) -> NetworkColumns | None:
    """The network in ``options``' files as checked Arrow columns, or ``None``.

    ``None`` means the files need the row reader
    (:func:`~cosgraph.loaders.network.read_network`): it reports their problems with
    file, line and field, or reads what only it reads (see the module's notes).

    Raises
    ------
    LoadError
        Header problems (a missing id/from/to column, a column an option sets, a
        ``--types`` name that is no attribute column), as the row reader raises them.
    """
    if options.kind in FRAMEWORK_KINDS or options.kind == "lever":
        return None  # refused, or stored in columns of their own: the row reader
    node_table = read_csv_table(options.nodes_path)
    tie_table = read_csv_table(options.ties_path)
    if node_table is None or tie_table is None:
        return None
    # as the row reader: a file without rows has no columns to check
    node_names = node_table.column_names if node_table.num_rows else []
    options.check_headers(node_names, tie_table.column_names if tie_table.num_rows else [])
    renamed = options.node_columns(node_table.column_names)
    kept_ties = options.tie_columns(tie_table.column_names)
    declared = declared_types(
        types or {}, options.nodes_path, set(renamed.values()) | set(kept_ties), options.kind
    )
    if "learned_from" in kept_ties:
        return None  # a reference to check row by row
    try:
        return _checked(options, node_table, tie_table, renamed, kept_ties, declared)
    except _RowsNeeded:
        return None


def _checked(
    options: NetworkOptions,
    node_table: pa.Table,
    tie_table: pa.Table,
    renamed: dict[str, str],
    kept_ties: list[str],
    declared: Mapping[str, ColumnType],
) -> NetworkColumns:
    model = NODE_TYPES[options.kind]
    if options.consent is not None:
        if options.consent_column is None:
            constant = pa.repeat(pa.scalar(options.consent, pa.string()), node_table.num_rows)
            node_table = node_table.append_column("consent", constant)
            renamed = {**renamed, "consent": "consent"}
        else:
            cells = node_table[options.consent_column]
            filled = pc.if_else(blank(cells), options.consent, cells)
            index = node_table.column_names.index(options.consent_column)
            node_table = node_table.set_column(index, options.consent_column, filled)
    ids = node_table[options.id_column]
    _fits_field(model, "id", ids)
    if pc.count_distinct(ids).as_py() != len(ids):
        raise _RowsNeeded  # a duplicate id: the row reader names both lines
    sources, targets = tie_table[options.from_column], tie_table[options.to_column]
    _fits_field(Tie, "source", sources)
    _fits_field(Tie, "target", targets)
    ends = pa.chunked_array(sources.chunks + targets.chunks).unique()
    tie_keys = pair_keys(ends, sources, targets)
    if pc.count_distinct(tie_keys).as_py() != len(sources):
        raise _RowsNeeded  # several rows for one tie: merged by the row reader
    fields = {k: v for k, v in node_columns(options.kind).items() if k in model.model_fields}
    del fields["id"]
    node_cols, attributes = _columns(node_table, model, fields, renamed, {"id": "x"}, declared)
    tie_fields = {k: v for k, v in tie_columns().items() if k in Tie.model_fields}
    tie_cols, tie_attributes = _columns(
        tie_table,
        Tie,
        tie_fields,
        {name: name for name in kept_ties},
        {"type": options.tie_type, "source": "x", "target": "y"},
        declared,
    )
    where = {
        model.label: {a: SourceLocation(file=str(options.nodes_path)) for a in attributes},
        options.tie_type: {a: SourceLocation(file=str(options.ties_path)) for a in tie_attributes},
    }
    if attribute_column_problems(where):
        raise _RowsNeeded
    nodes = pa.table({"id": ids, **node_cols})
    ties = pa.table({"source": sources, "target": targets, **tie_cols})
    return NetworkColumns(
        kind=options.kind,
        tie_type=options.tie_type,
        nodes=nodes,
        ties=ties,
        attributes=attributes,
        tie_attributes=tie_attributes,
        nodes_file=str(options.nodes_path),
        ties_file=str(options.ties_path),
        ends=ends,
        tie_keys=tie_keys,
    )

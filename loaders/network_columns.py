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
  checked by the model, each distinct value read by the model (which strips text).

It returns ``None`` whenever a file holds anything those rules would refuse, or
that the row reader reads specially (a guarded cell, a blank row, a
``learned_from`` column, a kind with a required field besides ``id``, or a tie the
load's shape reads: :func:`shape_needs_rows`):
the row reader then reads the files and reports every problem with its file, line
and field, or shapes the ties (:mod:`cosgraph.loaders.shape`) and says what it set
aside.  Headers become property names by the row reader's rule, with the header
kept as the column's label (:mod:`cosgraph.loaders.headers`).  So
there is one rule set and one place for each message; this path recognises the
clean files, the common case, and moves them in columns.

>>> import tempfile, pathlib
>>> from cosgraph.loaders.network import network_options
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "n.csv").write_text("pid,power,city\\na,3,1\\nb,,2\\n")
>>> _ = (d / "t.csv").write_text("src,dst,since\\na,b,2.5\\n")
>>> o = network_options(d / "n.csv", d / "t.csv", id_column="pid", from_column="src",
...                     to_column="dst")
>>> net = read_network_columns(o)
>>> net.nodes.select(["id", "power", "city"]).to_pylist()
[{'id': 'a', 'power': 3, 'city': 1}, {'id': 'b', 'power': 0, 'city': 2}]
>>> net.attributes, net.tie_attributes
({'city': 'INT64'}, {'since': 'DOUBLE'})
>>> _ = (d / "n.csv").write_text("pid,power\\na,9\\n")
>>> read_network_columns(o) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, get_args

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import TypeAdapter, ValidationError

from cosgraph.errors import SourceLocation
from cosgraph.limits import attribute_column_problems
from cosgraph.model import FRAMEWORK_KINDS, NODE_TYPES, Node, Tie
from cosgraph.progress import Progress, report
from cosgraph.store.schema import ARROW_TYPES, node_columns, tie_field_columns

from .arrow_csv import blank, distinct_cells, header_labels, read_csv_table
from .columns import ColumnType, cell_as, column_type
from .network import NetworkOptions, declared_types
from .rows import attribute_names
from .shape import TieShape

__all__ = ["NetworkColumns", "read_network_columns", "pair_keys", "shape_needs_rows"]

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
    ``column_labels`` maps the store label (``Person``, the tie type) to each held
    attribute's header as written, where it differs from the attribute's name.
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
    column_labels: dict[str, dict[str, str]]


def pair_keys(
    ends: pa.Array,
    sources: pa.ChunkedArray,
    targets: pa.ChunkedArray,
    *,
    unordered: bool = False,
) -> pa.ChunkedArray:
    """One whole number per (source, target) pair, by the ends' places in ``ends``;
    null when an end is not in ``ends``.  ``unordered``: ``(a, b)`` and ``(b, a)``
    have one key (an undirected tie's ends).

    >>> keys = pair_keys(pa.array(["a", "b"]), pa.chunked_array([["a", "b"]]),
    ...                  pa.chunked_array([["b", "z"]]))
    >>> keys.to_pylist()
    [1, None]
    >>> pair_keys(pa.array(["a", "b"]), pa.chunked_array([["a", "b"]]),
    ...           pa.chunked_array([["b", "a"]]), unordered=True).to_pylist()
    [1, 1]
    """
    width = len(ends)
    codes = [pc.index_in(end, value_set=ends).cast(pa.int64()) for end in (sources, targets)]
    if unordered:
        codes = [pc.min_element_wise(*codes), pc.max_element_wise(*codes)]
    return pc.add(pc.multiply(codes[0], width), codes[1])


def end_codes(
    sources: pa.ChunkedArray, targets: pa.ChunkedArray
) -> tuple[pa.Array, pa.ChunkedArray, pa.ChunkedArray]:
    """``(ends, source codes, target codes)``: every distinct end once, and each tie's
    ends as places in it, from one pass over both columns (a dictionary encoding).

    >>> ends, s, t = end_codes(pa.chunked_array([["a", "b"]]), pa.chunked_array([["b", "c"]]))
    >>> ends.to_pylist(), s.to_pylist(), t.to_pylist()
    (['a', 'b', 'c'], [0, 1], [1, 2])
    """
    both = pa.chunked_array(sources.chunks + targets.chunks, type=sources.type)
    encoded = pc.dictionary_encode(both.combine_chunks())
    codes = encoded.indices.cast(pa.int64())
    m = len(sources)
    return encoded.dictionary, pa.chunked_array([codes[:m]]), pa.chunked_array([codes[m:]])


def code_keys(
    source_codes: pa.ChunkedArray,
    target_codes: pa.ChunkedArray,
    width: int,
    *,
    unordered: bool = False,
) -> pa.ChunkedArray:
    """:func:`pair_keys` from the ends' places (:func:`end_codes`) among ``width`` ends.

    >>> code_keys(pa.chunked_array([[0, 1]]), pa.chunked_array([[1, 0]]), 2).to_pylist()
    [1, 2]
    >>> code_keys(pa.chunked_array([[0, 1]]), pa.chunked_array([[1, 0]]), 2,
    ...           unordered=True).to_pylist()
    [1, 1]
    """
    codes = [source_codes, target_codes]
    if unordered:
        codes = [pc.min_element_wise(*codes), pc.max_element_wise(*codes)]
    return pc.add(pc.multiply(codes[0], width), codes[1])


def shape_needs_rows(
    shape: TieShape,
    tie_columns: list[str],
    source_codes: pa.ChunkedArray,
    target_codes: pa.ChunkedArray,
    width: int,
) -> bool:
    """True when the ties need the row reader's shaping (:mod:`cosgraph.loaders.shape`):
    the one place that says which of the load's shape options this path does not do.

    The ties' ends come as places among ``width`` distinct ends (:func:`end_codes`).
    This path does ``undirected`` and ``weight_column``; it leaves to the row reader
    any repeated tie (the same ends, either way round when undirected: ``parallel``
    merges, sums, sets aside or refuses it), any self-loop (``self_loops`` keeps it
    with a note or leaves it out) and a ties file's own ``undirected`` column (each
    row's direction decides what a repeat is).  Without those, every ``parallel`` and
    ``self_loops`` policy reads the file as it is, with no note.

    >>> col = lambda *v: pa.chunked_array([list(v)])
    >>> shape_needs_rows(TieShape(), [], col(0), col(1), 2)
    False
    >>> shape_needs_rows(TieShape(undirected=True), [], col(0, 1), col(1, 0), 2)
    True
    >>> shape_needs_rows(TieShape(), [], col(0), col(0), 2)
    True
    """
    if "undirected" in tie_columns:
        return True
    if pc.any(pc.equal(source_codes, target_codes)).as_py():
        return True
    keys = code_keys(source_codes, target_codes, width, unordered=bool(shape.undirected))
    ordered = np.sort(keys.to_numpy())  # a sort finds a repeat faster than a hash count
    return bool((ordered[1:] == ordered[:-1]).any())


class _RowsNeeded(Exception):
    """The files hold something only the row reader reads or reports."""


def _fits_field(
    model: type[Node] | type[Tie], field: str, column: pa.ChunkedArray | pa.Array
) -> None:
    """Check every cell of an id column against the model's constraints on ``field``.

    A blank cell, or one with spaces around it, is the row reader's to report.  Length
    bounds (the model's ``min_length``/``max_length``) are checked in Arrow; any other
    constraint by the model's own validator over the whole column.
    """
    size = pc.binary_length(column)
    trimmed = pc.binary_length(pc.utf8_trim_whitespace(column))
    # empty, or spaces around (which a cell of spaces only has): blank or spaced
    if pc.any(pc.equal(size, 0)).as_py() or pc.any(pc.not_equal(size, trimmed)).as_py():
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
    cells = distinct_cells(column)
    given = [v for v in cells.values if v.strip()]
    adapter: TypeAdapter[Any] = TypeAdapter(list[model])  # type: ignore[valid-type]
    try:
        read = adapter.validate_python([{**base, field: value} for value in given])
    except ValidationError:
        raise _RowsNeeded from None
    value_of = {raw: getattr(item, field) for raw, item in zip(given, read, strict=True)}
    return cells.spread([value_of.get(raw, default) for raw in cells.values], arrow_type)


@cache
def _attribute_values(model: type[Node] | type[Tie]) -> TypeAdapter[list[Any]]:
    """The model's own rule for an attribute's values: the value type of its
    ``attributes`` under its config (which strips text)."""
    _, value_type = get_args(model.model_fields["attributes"].annotation)
    return TypeAdapter(list[value_type], config=model.model_config)  # type: ignore[valid-type]


def _attribute(
    model: type[Node] | type[Tie], column: pa.ChunkedArray, declared: ColumnType | None
) -> tuple[pa.ChunkedArray, str]:
    """An attribute column typed as a whole (or as declared), each distinct value as
    the model reads it, with its store type."""
    cells = distinct_cells(column)
    kind = declared or column_type(cells.values) or "text"
    store_type = _STORE_TYPE[kind]
    try:
        typed = [cell_as(raw, kind) for raw in cells.values]
        read = iter(_attribute_values(model).validate_python([v for v in typed if v is not None]))
    except ValueError:  # from cell_as, or the model (a ValidationError is a ValueError)
        raise _RowsNeeded from None
    values = [None if value is None else next(read) for value in typed]
    return cells.spread(values, ARROW_TYPES[store_type]), store_type


def _constant(value: Any, arrow_type: pa.DataType, rows: int) -> pa.ChunkedArray:
    """``value`` in each of ``rows`` rows.

    >>> _constant(["a"], pa.list_(pa.string()), 2).to_pylist()
    [['a'], ['a']]
    """
    if value is None:
        return pa.chunked_array([pa.nulls(rows, type=arrow_type)])
    if not pa.types.is_list(arrow_type):
        return pa.chunked_array([pa.repeat(pa.scalar(value, type=arrow_type), rows)])
    # pa.repeat builds a list value row by row (0.4 s for a million empty lists)
    items = pa.array(value, type=arrow_type.value_type)
    offsets = _over(np.arange(rows + 1, dtype=np.int32) * len(items), pa.int32())
    spread = items.take(_over(np.tile(np.arange(len(items), dtype=np.int64), rows), pa.int64()))
    return pa.chunked_array([pa.ListArray.from_arrays(offsets, spread, type=arrow_type)])


def _over(values: np.ndarray[Any, Any], arrow_type: pa.DataType) -> pa.Array:
    """An Arrow array of ``arrow_type`` over the buffer of ``values`` (no copy).

    ``pa.array`` of a NumPy array would first import ``numpy.ma`` (10 ms) to ask
    whether it is a masked one.

    >>> _over(np.arange(3, dtype=np.int32), pa.int32()).to_pylist()
    [0, 1, 2]
    """
    return pa.Array.from_buffers(arrow_type, len(values), [None, pa.py_buffer(values)])


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
            out[field] = _constant(defaults[field], arrow_type, table.num_rows)
    attributes: dict[str, str] = {}
    for name, column in by_name.items():
        if name in fields or name in model.model_fields:
            continue
        typed, store_type = _attribute(model, column, declared.get(name))
        if typed.null_count == len(typed):
            continue  # a column of blanks adds nothing, as in the row reader
        out[name], attributes[name] = typed, store_type
    try:  # the attribute names, by the model's own rule
        model.model_validate({**base, "attributes": {a: _sample(t) for a, t in attributes.items()}})
    except ValidationError:
        raise _RowsNeeded from None
    return out, attributes


def read_network_columns(
    options: NetworkOptions,
    types: Mapping[str, ColumnType] | None = None,
    *,
    progress: Progress | None = None,
) -> NetworkColumns | None:
    """The network in ``options``' files as checked Arrow columns, or ``None``.

    ``None`` means the files need the row reader
    (:func:`~cosgraph.loaders.network.read_network`): it reports their problems with
    file, line and field, or reads what only it reads (see the module's notes).
    ``progress`` is told the rows checked once, when they all are.

    Raises
    ------
    LoadError
        Header problems (a missing id/from/to column, a column an option sets), as
        the row reader raises them.
    """
    if options.kind in FRAMEWORK_KINDS or options.kind == "lever":
        return None  # refused, or stored in columns of their own: the row reader
    fields = NODE_TYPES[options.kind].model_fields
    if [field for field, info in fields.items() if info.is_required()] != ["id"]:
        return None  # an asset's asset_kind: the row reader names each row that lacks it
    node_table = read_csv_table(options.nodes_path)
    tie_table = read_csv_table(options.ties_path)
    if node_table is None or tie_table is None:
        return None
    # as the row reader: a file without rows has no columns to check, keep or type
    node_names = node_table.column_names if node_table.num_rows else []
    tie_names = tie_table.column_names if tie_table.num_rows else []
    options.check_headers(node_names, tie_names)
    renamed = options.node_columns(node_names)
    kept_ties = options.tie_columns(tie_names)
    if not node_names:
        node_table = _no_rows(options.id_column, options.consent_column)
    if not tie_names:
        tie_table = _no_rows(options.from_column, options.to_column)
    columns = set(renamed.values()) | set(kept_ties)
    declared, problems = declared_types(types or {}, options.nodes_path, columns, options.kind)
    if problems:
        return None  # the row reader reports them with every other problem, in one round
    if "learned_from" in kept_ties or (options.kind == "asset" and "holder" in renamed):
        return None  # a reference to check row by row
    try:
        net = _checked(options, node_table, tie_table, renamed, kept_ties, declared)
    except _RowsNeeded:
        return None
    rows = node_table.num_rows + tie_table.num_rows
    report(progress, rows, rows)
    return net


def _no_rows(*columns: str | None) -> pa.Table:
    """A file without rows as this path reads it: only the ``columns`` it looks up.

    >>> _no_rows("id", None).column_names
    ['id']
    """
    return pa.table({name: pa.array([], pa.string()) for name in columns if name})


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
            column = "consent"
            while column in node_table.column_names:  # the file's own, left out by --columns
                column += "_"
            node_table = node_table.append_column(column, constant)
            renamed = {**renamed, column: "consent"}
        else:
            cells = node_table[options.consent_column]
            filled = pc.if_else(blank(cells), options.consent, cells)
            index = node_table.column_names.index(options.consent_column)
            node_table = node_table.set_column(index, options.consent_column, filled)
    ids = node_table[options.id_column]
    _fits_field(model, "id", ids)
    if len(pc.unique(ids)) != len(ids):
        raise _RowsNeeded  # a duplicate id: the row reader names both lines
    sources, targets = tie_table[options.from_column], tie_table[options.to_column]
    ends, source_codes, target_codes = end_codes(sources, targets)
    # each distinct end once; an end either rule refuses sends the files to the row reader
    _fits_field(Tie, "source", ends)
    _fits_field(Tie, "target", ends)
    if shape_needs_rows(options.shape, kept_ties, source_codes, target_codes, len(ends)):
        raise _RowsNeeded
    tie_keys = code_keys(source_codes, target_codes, len(ends))
    fields = {k: v for k, v in node_columns(options.kind).items() if k in model.model_fields}
    del fields["id"]
    node_names, node_labels = _property_names(options.nodes_path, renamed, model)
    node_cols, attributes = _columns(
        node_table, model, fields, node_names, {"id": "x"}, _by_name(declared, node_names)
    )
    weight = options.weight_column
    kept = {name: "weight" if name == weight else name for name in kept_ties}
    tie_names, tie_labels = _property_names(options.ties_path, kept, Tie)
    tie_fields = tie_field_columns()
    undirected = {"undirected": True} if options.shape.undirected else {}
    tie_cols, tie_attributes = _columns(
        tie_table,
        Tie,
        tie_fields,
        tie_names,
        {"type": options.tie_type, "source": "x", "target": "y", **undirected},
        _by_name(declared, tie_names),
    )
    labels = {
        label: {name: of[name] for name in sorted(held) if name in of}
        for label, held, of in (
            (model.label, attributes, node_labels),
            (options.tie_type, tie_attributes, tie_labels),
        )
    }
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
        column_labels={label: of for label, of in labels.items() if of},
    )


def _property_names(
    path: Path, renamed: Mapping[str, str], model: type[Node] | type[Tie]
) -> tuple[dict[str, str], dict[str, str]]:
    """``renamed`` (header name -> field or attribute name) with each attribute under
    its property name, and property name -> header as written where they differ: the
    row reader's rule (:func:`cosgraph.loaders.rows.attribute_names`)."""
    fields = {f for f in model.model_fields if f != "attributes"}
    written = header_labels(path)
    columns = {new: written.get(old, old) for old, new in renamed.items() if new not in fields}
    names, labels = attribute_names(columns, fields)
    return {old: names.get(new, new) for old, new in renamed.items()}, labels


def _by_name(
    declared: Mapping[str, ColumnType], renamed: Mapping[str, str]
) -> dict[str, ColumnType]:
    """Declared types (by header name) by the name each column is stored under."""
    return {renamed[column]: kind for column, kind in declared.items() if column in renamed}

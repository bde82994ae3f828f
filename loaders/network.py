"""The generic network loader for researchers' data: a nodes CSV and a ties CSV.

``read_network`` turns any two files into a community map: the id column names the
nodes, the from/to columns the ties, and every other column becomes an attribute
unless ``columns`` narrows it, typed as a whole column (numbers only when every value
is a plain number: :mod:`cosgraph.loaders.columns`) or as ``types`` declares.  Columns
that are fields of the node kind (``name``, ``power``, ...) or of a tie (``strength``,
``period``, ...) fill those fields.  The options always win: a column that would set what an option
sets (an ``id`` or ``kind`` column in the nodes file beside ``id_column`` and ``kind``;
a ``source``, ``target`` or ``type`` column in the ties file) is an error naming it,
unless ``columns`` leaves it out.  A row without both ends is an error naming the row.

Several rows for the same ordered pair (the same pair, with ``undirected``) are
repeated ties, which ``shape`` reads (:mod:`cosgraph.loaders.shape`): by default one
tie whose text columns keep their distinct values joined by ``"; "`` in file order, so
``relation`` reads ``"advice; friendship"`` (numbers that disagree are an error naming
the rows); ``parallel="sum"`` adds up their weights, ``"first"`` keeps the first row,
``"error"`` refuses them.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "n.csv").write_text("pid,city,month\\na,1,3\\nb,1,\\n")
>>> _ = (d / "t.csv").write_text("src,dst,relation\\na,b,advice\\na,b,friend\\n")
>>> m = read_network(d / "n.csv", d / "t.csv", id_column="pid", from_column="src",
...                  to_column="dst")
>>> [(n.id, n.attributes) for n in m.nodes]
[('a', {'city': 1, 'month': 3}), ('b', {'city': 1})]
>>> m.ties[0].attributes
{'relation': 'advice; friend'}
>>> m = read_network(d / "n.csv", d / "t.csv", id_column="pid", from_column="src",
...                  to_column="dst", types={"city": "text"}, shape=TieShape(parallel="first"))
>>> [n.attributes["city"] for n in m.nodes]
['1', '1']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.limits import file_size_problems
from cosgraph.model import NODE_TYPES, CommunityMap, Consent, Tie, TieType
from cosgraph.model import SHEET_OF_KIND as _SHEET_OF_KIND
from cosgraph.progress import Progress

from .columns import ColumnType
from .rows import TIES_SHEET, Row, map_from_rows, normalise_header
from .shape import TieShape
from .tables import read_csv_rows

__all__ = ["read_network"]


def _require(rows: list[Row], file: Path, column: str, role: str) -> None:
    if rows and column not in rows[0].values:
        have = ", ".join(rows[0].values)
        raise LoadError(
            [
                SourceLocation(
                    file=str(file),
                    line=1,
                    field=column,
                    message=f"no {role} column (columns: {have})",
                )
            ]
        )


def _refuse_overriding(
    rows: list[Row],
    file: Path,
    reserved: dict[str, str],
    kept: Callable[[str], bool],
    chosen: set[str],
) -> None:
    """A column named like what an option sets (``type`` beside ``--tie-type``) is an
    error, unless it is the column an option ``chosen`` or ``kept`` leaves it out."""
    clashes = [c for c in reserved if rows and c in rows[0].values and c not in chosen and kept(c)]
    if clashes:
        raise LoadError(
            [
                SourceLocation(
                    file=str(file),
                    line=1,
                    field=column,
                    message=f"{reserved[column]} sets the {column}, so a {column!r} column "
                    "cannot; rename the column, or leave it out with --columns",
                )
                for column in clashes
            ]
        )


def read_network(
    nodes_csv: str | Path,
    ties_csv: str | Path,
    *,
    id_column: str,
    from_column: str,
    to_column: str,
    kind: str = "person",
    tie_type: str = "KNOWS",
    columns: Sequence[str] | None = None,
    types: Mapping[str, ColumnType] | None = None,
    consent: str | None = None,
    consent_column: str | None = None,
    progress: Progress | None = None,
    shape: TieShape | None = None,
) -> CommunityMap:
    """Read a nodes file and a ties file into a checked community map.

    Parameters
    ----------
    nodes_csv, ties_csv : path
        CSV files with a header row.
    id_column, from_column, to_column : str
        The nodes' id column; the ties' source and target columns.
    kind : str
        Node kind of every row (default ``person``).
    tie_type : str
        Tie type of every row (default ``KNOWS``).
    columns : list of str, optional
        Keep only these other columns (of either file) as attributes.
    types : mapping of column to type, optional
        Declared types of attribute columns (``int``, ``float``, ``bool``, ``text``;
        :mod:`cosgraph.loaders.columns`), instead of the type their values read as.
    consent : str, optional
        Consent of every person (``public``, ``coalition`` or ``private``); without it
        (and without a ``consent`` column) people get the model's default, ``coalition``,
        which a ``public`` output does not name.
    consent_column : str, optional
        Column of ``nodes_csv`` holding each person's consent (values as ``consent``);
        a blank cell takes ``consent``, if given.
    progress : Progress, optional
        Called as ``progress(rows done, rows)`` while rows are checked
        (:mod:`cosgraph.progress`).
    shape : TieShape, optional
        Undirected ties, the weight column, what repeated ties and self-loops become
        (:mod:`cosgraph.loaders.shape`); by default ties are directed, a repeated tie
        (same ends, in the same order) keeps every text value (disagreeing numbers are
        an error naming the rows), and self-loops are kept.  What is set aside is
        listed in the map's ``notes``.

    Raises
    ------
    LoadError
        Every problem of both files, each with file, line and field.
    """
    if kind not in _SHEET_OF_KIND:
        raise LoadError(
            [
                SourceLocation(
                    file=str(nodes_csv),
                    message=f"unknown kind {kind!r}; choose one of {', '.join(_SHEET_OF_KIND)}",
                )
            ]
        )
    if tie_type.upper() not in TieType.__members__:
        raise LoadError(
            [SourceLocation(file=str(ties_csv), message=f"unknown tie type {tie_type!r}")]
        )
    consents = [str(c) for c in Consent]
    if consent is not None and consent not in consents:
        raise LoadError(
            [
                SourceLocation(
                    file=str(nodes_csv),
                    message=f"unknown consent {consent!r}; choose one of {', '.join(consents)}",
                )
            ]
        )
    nodes_path, ties_path = Path(nodes_csv), Path(ties_csv)
    id_col, from_col, to_col = (normalise_header(c) for c in (id_column, from_column, to_column))
    consent_col = normalise_header(consent_column) if consent_column else None
    if from_col == to_col:
        raise LoadError(
            [
                SourceLocation(
                    file=str(ties_csv),
                    line=1,
                    field=from_col,
                    message="the from and to columns must be different columns",
                )
            ]
        )
    keep = None if columns is None else {normalise_header(c) for c in columns}
    shape = shape or TieShape()
    weight_col = normalise_header(shape.weight_column) if shape.weight_column else None
    too_large = file_size_problems(nodes_path) + file_size_problems(ties_path)
    if too_large:
        raise LoadError(too_large)
    node_rows = read_csv_rows(nodes_path)
    tie_rows = read_csv_rows(ties_path)
    _require(node_rows, nodes_path, id_col, "id")
    if consent_col is not None:
        _require(node_rows, nodes_path, consent_col, "consent")
    _require(tie_rows, ties_path, from_col, "from")
    _require(tie_rows, ties_path, to_col, "to")
    if weight_col is not None:
        _require(tie_rows, ties_path, weight_col, "weight")
    model_fields = set(NODE_TYPES[kind].model_fields)

    def kept(column: str) -> bool:
        return keep is None or column in keep

    # The options name the id, the ends and the tie type: a column that would say
    # otherwise is refused rather than silently winning or losing.
    node_options = {"id": "--id-column", "kind": "--kind"}
    if consent_col is not None:
        node_options["consent"] = "--consent-column"
    elif consent is not None:
        node_options["consent"] = "--consent"
    tie_options = {"source": "--from-column", "target": "--to-column", "type": "--tie-type"}
    if weight_col not in (None, "weight"):
        tie_options["weight"] = "--weight-column"
    chosen = {id_col} | ({consent_col} if consent_col else set())
    _refuse_overriding(node_rows, nodes_path, node_options, kept, chosen)
    _refuse_overriding(
        tie_rows,
        ties_path,
        tie_options,
        kept,
        {from_col, to_col} | ({weight_col} if weight_col else set()),
    )

    nodes = []
    for row in node_rows:
        renamed = {id_col: "id", **({consent_col: "consent"} if consent_col else {})}
        values = {
            renamed.get(k, k): v
            for k, v in row.values.items()
            if k in renamed or (k not in node_options and (k in model_fields or kept(k)))
        }
        if consent is not None and not str(values.get("consent") or "").strip():
            values["consent"] = consent
        literal = frozenset(renamed.get(k, k) for k in row.literal)
        nodes.append(Row(row.location, values, literal, row.headers))

    problems: list[SourceLocation] = []
    ties = []
    for row in tie_rows:
        ends = [row.values.get(col) for col in (from_col, to_col)]
        missing = [
            col
            for col, end in zip((from_col, to_col), ends, strict=True)
            if end is None or not str(end).strip()
        ]
        if missing:
            problems.extend(row.location.with_message(col, "is required") for col in missing)
            continue
        cells: dict[str, Any] = {"type": tie_type.upper(), "source": ends[0], "target": ends[1]}
        cells.update(
            (key, value)
            for key, value in row.values.items()
            if key not in (from_col, to_col) and (kept(key) or key == weight_col)
        )
        ties.append(Row(row.location, cells, row.literal - {from_col, to_col}, row.headers))
    if problems:
        raise LoadError(problems)
    declared = _declared_types(types or {}, nodes_path, nodes, ties, model_fields)
    # References are checked when the map is written, against the store's ids too.
    return map_from_rows(
        {_SHEET_OF_KIND[kind]: nodes, TIES_SHEET: ties},
        types=declared,
        shape=shape,
        progress=progress,
    )


def _declared_types(
    types: Mapping[str, ColumnType],
    nodes_path: Path,
    nodes: list[Row],
    ties: list[Row],
    node_fields: set[str],
) -> dict[str, ColumnType]:
    """``types`` by normalised column name; a name that is no attribute column is an error."""
    declared = {normalise_header(column): name for column, name in types.items()}
    fields = node_fields | set(Tie.model_fields) | {"id"}
    attributes = {c for row in nodes + ties for c in row.values} - fields
    problems = [
        SourceLocation(
            file=str(nodes_path),
            line=1,
            field=column,
            message=f"--types names {column!r}, which is "
            + ("a field cosgraph types itself" if column in fields else "no attribute column")
            + f" (attribute columns: {', '.join(sorted(attributes)) or 'none'})",
        )
        for column in declared
        if column not in attributes
    ]
    if problems:
        raise LoadError(problems)
    return declared

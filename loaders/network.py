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
from dataclasses import dataclass
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

__all__ = [
    "read_network",
    "network_map",
    "network_options",
    "NetworkOptions",
    "declared_types",
]


def _require(names: Sequence[str], file: Path, column: str, role: str) -> None:
    if names and column not in names:
        raise LoadError(
            [
                SourceLocation(
                    file=str(file),
                    line=1,
                    field=column,
                    message=f"no {role} column (columns: {', '.join(names)})",
                )
            ]
        )


def _refuse_overriding(
    names: Sequence[str],
    file: Path,
    reserved: dict[str, str],
    kept: Callable[[str], bool],
    chosen: set[str],
) -> None:
    """A column named like what an option sets (``type`` beside ``--tie-type``) is an
    error, unless it is the column an option ``chosen`` or ``kept`` leaves it out."""
    clashes = [c for c in reserved if c in names and c not in chosen and kept(c)]
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


@dataclass(frozen=True)
class NetworkOptions:
    """The checked options of a network load: which columns are what, and what they hold.

    Both readers of a network (row by row: :func:`read_network`; in columns:
    :mod:`cosgraph.loaders.network_columns`) take their column rules from here.
    """

    nodes_path: Path
    ties_path: Path
    id_column: str
    from_column: str
    to_column: str
    kind: str
    tie_type: str
    keep: frozenset[str] | None
    consent: str | None
    consent_column: str | None
    shape: TieShape = TieShape()

    @property
    def weight_column(self) -> str | None:
        """The ties file's column read as the ties' ``weight`` (``--weight-column``)."""
        column = self.shape.weight_column
        return normalise_header(column) if column else None

    def kept(self, column: str) -> bool:
        """True when ``column`` may become an attribute (``--columns`` did not leave it out)."""
        return self.keep is None or column in self.keep

    @property
    def node_options(self) -> dict[str, str]:
        """Node columns an option sets, each with the option that sets it."""
        options = {"id": "--id-column", "kind": "--kind"}
        if self.consent_column is not None:
            options["consent"] = "--consent-column"
        elif self.consent is not None:
            options["consent"] = "--consent"
        return options

    def node_columns(self, names: Sequence[str]) -> dict[str, str]:
        """Header name -> field or attribute name, for the nodes file's columns kept."""
        renamed = {self.id_column: "id"}
        if self.consent_column is not None:
            renamed[self.consent_column] = "consent"
        fields = set(NODE_TYPES[self.kind].model_fields)
        return {
            name: renamed.get(name, name)
            for name in names
            if name in renamed
            or (name not in self.node_options and (name in fields or self.kept(name)))
        }

    def tie_columns(self, names: Sequence[str]) -> list[str]:
        """The ties file's columns kept as tie fields or attributes (not the ends); the
        weight column is kept whatever ``--columns`` says."""
        ends = (self.from_column, self.to_column)
        return [
            name
            for name in names
            if name not in ends and (self.kept(name) or name == self.weight_column)
        ]

    def check_headers(self, node_names: Sequence[str], tie_names: Sequence[str]) -> None:
        """Raise :class:`LoadError` for a missing id/from/to/consent column, or a column
        that would set what an option sets.  Empty ``names`` (a file of no rows) pass."""
        nodes, ties = self.nodes_path, self.ties_path
        _require(node_names, nodes, self.id_column, "id")
        if self.consent_column is not None:
            _require(node_names, nodes, self.consent_column, "consent")
        _require(tie_names, ties, self.from_column, "from")
        _require(tie_names, ties, self.to_column, "to")
        weight = self.weight_column
        if weight is not None:
            _require(tie_names, ties, weight, "weight")
        # The options name the id, the ends and the tie type: a column that would say
        # otherwise is refused rather than silently winning or losing.
        chosen = {self.id_column} | ({self.consent_column} if self.consent_column else set())
        _refuse_overriding(node_names, nodes, self.node_options, self.kept, chosen)
        tie_options = {"source": "--from-column", "target": "--to-column", "type": "--tie-type"}
        if weight not in (None, "weight"):
            tie_options["weight"] = "--weight-column"
        chosen_ties = {self.from_column, self.to_column} | ({weight} if weight else set())
        _refuse_overriding(tie_names, ties, tie_options, self.kept, chosen_ties)


def network_options(
    nodes_csv: str | Path,
    ties_csv: str | Path,
    *,
    id_column: str,
    from_column: str,
    to_column: str,
    kind: str = "person",
    tie_type: str = "KNOWS",
    columns: Sequence[str] | None = None,
    consent: str | None = None,
    consent_column: str | None = None,
    shape: TieShape | None = None,
) -> NetworkOptions:
    """Check a network load's options (and its files' sizes) before any file is read.

    The parameters are :func:`read_network`'s, but for ``types`` and ``progress``.

    Raises
    ------
    LoadError
        An unknown kind, tie type or consent; the same from and to column; a file
        larger than :mod:`cosgraph.limits` allows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "n.csv").write_text("pid\\n"), (d / "t.csv").write_text("a,b\\n")
    >>> o = network_options(d / "n.csv", d / "t.csv", id_column="Pid", from_column="a",
    ...                     to_column="b")
    >>> o.id_column, o.tie_type, o.node_columns(["pid", "kind", "city"])
    ('pid', 'KNOWS', {'pid': 'id', 'city': 'city'})
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
    id_col, from_col, to_col = (normalise_header(c) for c in (id_column, from_column, to_column))
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
    nodes_path, ties_path = Path(nodes_csv), Path(ties_csv)
    too_large = file_size_problems(nodes_path) + file_size_problems(ties_path)
    if too_large:
        raise LoadError(too_large)
    return NetworkOptions(
        nodes_path=nodes_path,
        ties_path=ties_path,
        id_column=id_col,
        from_column=from_col,
        to_column=to_col,
        kind=kind,
        tie_type=tie_type.upper(),
        keep=None if columns is None else frozenset(normalise_header(c) for c in columns),
        consent=consent,
        consent_column=normalise_header(consent_column) if consent_column else None,
        shape=shape or TieShape(),
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
    options = network_options(
        nodes_csv,
        ties_csv,
        id_column=id_column,
        from_column=from_column,
        to_column=to_column,
        kind=kind,
        tie_type=tie_type,
        columns=columns,
        consent=consent,
        consent_column=consent_column,
        shape=shape,
    )
    return network_map(options, types, progress=progress)


def network_map(
    options: NetworkOptions,
    types: Mapping[str, ColumnType] | None = None,
    *,
    progress: Progress | None = None,
) -> CommunityMap:
    """Read the files of checked ``options`` row by row into a checked community map.

    This is :func:`read_network` once its options are checked; it reports every
    problem of both files with file, line and field (:class:`LoadError`).
    """
    consent, kind = options.consent, options.kind
    nodes_path = options.nodes_path
    from_col, to_col = options.from_column, options.to_column
    node_rows = read_csv_rows(nodes_path)
    tie_rows = read_csv_rows(options.ties_path)
    node_names = list(node_rows[0].values) if node_rows else []
    tie_names = list(tie_rows[0].values) if tie_rows else []
    options.check_headers(node_names, tie_names)
    renamed = options.node_columns(node_names)
    kept_ties = set(options.tie_columns(tie_names))

    nodes = []
    for row in node_rows:
        values = {renamed[k]: v for k, v in row.values.items() if k in renamed}
        if consent is not None and not str(values.get("consent") or "").strip():
            values["consent"] = consent
        literal = frozenset(renamed[k] for k in row.literal if k in renamed)
        nodes.append(Row(row.location, values, literal, row.headers))

    attributes = set(renamed.values()) | kept_ties
    declared, problems = declared_types(types or {}, nodes_path, attributes, kind)
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
        cells: dict[str, Any] = {"type": options.tie_type, "source": ends[0], "target": ends[1]}
        cells.update((key, value) for key, value in row.values.items() if key in kept_ties)
        ties.append(Row(row.location, cells, row.literal - {from_col, to_col}, row.headers))
    try:  # references are checked when the map is written, against the store's ids too
        cmap = map_from_rows(
            {_SHEET_OF_KIND[kind]: nodes, TIES_SHEET: ties},
            types=declared,
            shape=options.shape,
            progress=progress,
        )
    except LoadError as exc:  # every problem of both files in one round
        if not problems:
            raise
        raise _with(exc.partial, _in_order(problems + exc.problems, nodes_path)) from None
    if problems:
        raise _with(cmap, _in_order(problems, nodes_path))
    return cmap


def _in_order(problems: list[SourceLocation], nodes_path: Path) -> list[SourceLocation]:
    """The nodes file's problems, then the ties file's, each by line."""
    return sorted(problems, key=lambda p: (p.file != str(nodes_path), p.line or 0))


def _with(cmap: Any, problems: list[SourceLocation]) -> LoadError:
    """The error of ``problems``, the map of the rows that passed travelling with it
    (so a caller holding the store adds the reference problems to the same report)."""
    if isinstance(cmap, CommunityMap):
        cmap.problems = problems
        return LoadError(problems, partial=cmap)
    return LoadError(problems)


def declared_types(
    types: Mapping[str, ColumnType], nodes_path: Path, columns: set[str], kind: str
) -> tuple[dict[str, ColumnType], list[SourceLocation]]:
    """``types`` of attribute columns by normalised column name, and a problem for each
    other name (reported with the files' other problems, in one round).

    ``columns`` are the kept columns of both files (as fields or attributes are named).

    >>> declared, problems = declared_types({"Age": "int", "power": "int"}, Path("n.csv"),
    ...                                     {"age", "power"}, "person")
    >>> declared
    {'age': 'int'}
    >>> problems[0].message
    "--types names 'power', which is a field cosgraph types itself (attribute columns: age)"
    """
    fields = set(NODE_TYPES[kind].model_fields) | set(Tie.model_fields) | {"id"}
    attributes = columns - fields
    declared = {normalise_header(column): name for column, name in types.items()}
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
    return {c: t for c, t in declared.items() if c in attributes}, problems

"""Rows of a sheet or CSV file -> the domain model, every problem named by file, row and field.

Every tabular loader (CSV folder, workbook, generic network files) hands its rows to
:func:`map_from_rows`, so the column rules are the same everywhere:

- headers are matched without regard to case, surrounding spaces, or spaces vs ``_``;
- a column that is a field of the sheet's node kind fills that field; any other column
  becomes a free attribute of the node, typed as a whole column
  (:mod:`cosgraph.loaders.columns`): numbers only when every value is a plain number,
  ``true``/``false`` only when every value is one, else text exactly as written;
- on the assets sheet a ``holder`` column ties the asset to its holder (a HOLDS tie);
- blank cells are absent (the field's default applies); in attribute columns ``NA``,
  ``N/A``, ``#N/A``, ``NaN`` and ``NULL`` count as blank too;
- ids are compared exactly: an id (or a tie's end, a holder) with spaces before or
  after it is a problem naming the row, and the row whose id it would become;
- a cell starting with ``=`` is a formula and refused, except a literal value
  (:class:`Row`): a cell the file reader found guarded (``'=1``, see
  :mod:`cosgraph.cells`) is the text after the ``'``, never a formula and never a number.

>>> rows = {"people": [Row(SourceLocation("people.csv", 2), {"id": "ana", "power": "4",
...                                                           "age": "31"})]}
>>> m = map_from_rows(rows)
>>> m.nodes[0].power, m.nodes[0].attributes
(4, {'age': 31})
>>> rows["people"].append(Row(SourceLocation("people.csv", 3), {"id": "bo", "age": "031"}))
>>> [n.attributes for n in map_from_rows(rows).nodes]
[{'age': '31'}, {'age': '031'}]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from cosgraph.cells import MISSING_MARKERS
from cosgraph.errors import LoadError, SourceLocation
from cosgraph.limits import MAX_CELL_CHARS, attribute_column_problems
from cosgraph.model import (
    NODE_SHEETS,
    SKILLS_SHEET,
    TIES_SHEET,
    CommunityMap,
    Node,
    Tie,
    id_as_text,
)
from cosgraph.progress import Progress

from .columns import ColumnType, cell_as, column_type
from .headers import property_names
from .skills import WHO, skill_ties, unknown_columns

if TYPE_CHECKING:
    from .shape import TieShape

__all__ = [
    "NODE_SHEETS",
    "TIES_SHEET",
    "SKILLS_SHEET",
    "IGNORED_SHEETS",
    "Row",
    "map_from_rows",
    "attribute_names",
    "Progress",
    "normalise_header",
    "typed_value",
    "problems_from_validation",
]

#: Sheets a workbook may carry for people, not data.
IGNORED_SHEETS = {"instructions", "readme", "lists"}

_INT = re.compile(r"^[+-]?\d+$")
#: Fields that hold ids, which are compared exactly.
ID_FIELDS = ("id", "source", "target", "learned_from", "holder", WHO)


@dataclass(frozen=True)
class Row:
    """One data row: where it was read, and its cells keyed by normalised header.

    ``literal`` names the columns whose value is kept exactly as given: never read as
    a formula or a number.  The CSV and workbook readers mark the cells written
    guarded against formula injection (already unguarded in ``values``); the YAML and
    JSON reader marks every text value (its parser already typed the others).

    ``headers`` gives, for a column whose key is not its header as written (a CSV's
    ``Grade.1`` is keyed ``grade.1``), the header as written: it becomes the column's
    label (:mod:`cosgraph.loaders.headers`).  The rows of one file share one mapping.
    """

    location: SourceLocation
    values: Mapping[str, Any]
    literal: frozenset[str] = frozenset()
    headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def typed(
        cls,
        location: SourceLocation,
        values: Mapping[str, Any],
        headers: Mapping[str, str] | None = None,
    ) -> Row:
        """A row of a typed format (JSON, YAML, GraphML, GEXF): its parser typed the
        values, so every text value is literal (``"007"`` and ``"NA"`` stay text).

        >>> Row.typed(SourceLocation("g.graphml"), {"zip": "02139", "age": 31}).literal
        frozenset({'zip'})
        """
        literal = frozenset(k for k, v in values.items() if isinstance(v, str))
        return cls(location, values, literal, headers or {})


def normalise_header(header: Any) -> str:
    """``" Tripod Role "`` -> ``"tripod_role"``."""
    return re.sub(r"\s+", "_", str(header).strip().lower())


def typed_value(value: Any) -> Any:
    """One cell read on its own (a time in spread data): numbers as numbers, true/false as
    booleans; blank or ``NA`` -> None.  The loaders type whole columns instead
    (:mod:`cosgraph.loaders.columns`).

    >>> typed_value("12"), typed_value("1.5"), typed_value("TRUE"), typed_value(" x ")
    (12, 1.5, True, 'x')
    """
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text or text in MISSING_MARKERS:
        return None
    if _INT.match(text):
        return int(text)
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def problems_from_validation(
    where: SourceLocation, error: ValidationError, attribute_columns: Iterable[str] = ()
) -> list[SourceLocation]:
    """One located problem per pydantic error, naming the column the user typed."""
    attrs = set(attribute_columns)
    problems = []
    for item in error.errors():
        loc = [str(part) for part in item["loc"]]
        field = loc[0] if loc else None
        if field == "attributes" and len(loc) > 1 and loc[1] in attrs:
            field = loc[1]
        message = item["msg"]
        if item["type"] == "missing":
            message = "is required"
        problems.append(where.with_message(field, message))
    return problems


def _cell_problem(
    where: SourceLocation, column: str, value: Any, literal: bool = False
) -> SourceLocation | None:
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            return where.with_message(column, f"cell is longer than {MAX_CELL_CHARS:,} characters")
        if value.startswith("=") and len(value) > 1 and not literal:
            return where.with_message(column, "holds a formula; type the value instead")
        if "\x00" in value:
            return where.with_message(column, "holds a NUL character")
    return None


def _attribute_column(column: str, fields: set[str], sheet: str) -> bool:
    return column not in fields and not (column == "holder" and sheet == "assets")


def _column_types(
    rows: list[Row], fields: set[str], sheet: str, declared: Mapping[str, ColumnType]
) -> dict[str, ColumnType]:
    """Each attribute column's type: declared, else from all its cells (one rule)."""
    cells: dict[str, tuple[list[Any], list[bool]]] = {}
    for row in rows:
        for column, raw in row.values.items():
            if column in declared or not _attribute_column(column, fields, sheet):
                continue
            values, literal = cells.setdefault(column, ([], []))
            values.append(raw)
            literal.append(column in row.literal)
    types = {column: column_type(*cells[column]) or "text" for column in cells}
    return {**types, **declared}


def _attribute_names(
    rows: list[Row], fields: set[str], sheet: str
) -> tuple[dict[str, str], dict[str, str]]:
    """The sheet's attribute columns -> their property names, and property name ->
    header as written where the two differ (:mod:`cosgraph.loaders.headers`)."""
    columns: dict[str, str] = {}
    for row in rows:
        for column in row.values:
            if column not in columns and _attribute_column(column, fields, sheet):
                columns[column] = str(row.headers.get(column, column))
    return attribute_names(columns, fields)


def attribute_names(
    columns: Mapping[str, str], fields: set[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Attribute column -> its property name, and property name -> header as written
    where the two differ, for one sheet's attribute ``columns`` (column -> header, in
    order) beside the model's ``fields`` (:mod:`cosgraph.loaders.headers`).

    >>> attribute_names({"grade.1": "Grade.1", "city": "city"}, {"name"})
    ({'grade.1': 'grade_1', 'city': 'city'}, {'grade_1': 'Grade.1'})
    """
    reserved = fields | {"id", "kind", "from", "to"}
    names = property_names(columns, taken=reserved)
    labels = {names[c]: header for c, header in columns.items() if header != names[c]}
    return names, labels


def _split_row(
    row: Row,
    fields: set[str],
    sheet: str,
    types: Mapping[str, ColumnType],
    names: Mapping[str, str],
) -> tuple[dict[str, Any], dict[str, Any], list[SourceLocation]]:
    data: dict[str, Any] = {}
    attributes: dict[str, Any] = {}
    problems: list[SourceLocation] = []
    for column, raw in row.values.items():
        literal = column in row.literal
        problem = _cell_problem(row.location, column, raw, literal)
        if problem:
            problems.append(problem)
            continue
        if column in fields:
            data[column] = raw
        elif column == "holder" and sheet == "assets":
            data["holder"] = raw
        else:
            try:
                value = cell_as(raw, types.get(column, "text"), literal)
            except ValueError as exc:
                problems.append(
                    row.location.with_message(column, f"{exc} (declared {types[column]})")
                )
                continue
            if value is not None:
                attributes[names.get(column, column)] = value
    return data, attributes, problems


def _spaced_ids(row: Row, data: Mapping[str, Any]) -> list[tuple[SourceLocation, str]]:
    """(where, id as written) of each id cell of ``row`` with spaces before or after it."""
    return [
        (row.location.with_message(field, ""), value)
        for field in ID_FIELDS
        if isinstance(value := data.get(field), str) and value.strip() and value != value.strip()
    ]


def _spaced_id_problems(
    spaced: list[tuple[SourceLocation, str]], locations: Mapping[Any, SourceLocation]
) -> list[SourceLocation]:
    """One problem per id written with spaces around it, naming the id it would merge into."""
    problems = []
    for where, written in spaced:
        trimmed = written.strip()
        merged = f", the id of {locations[trimmed]}" if trimmed in locations else ""
        message = (
            f"id {written!r} has spaces before or after it; ids are compared exactly, and "
            f"trimming would make it {trimmed!r}{merged}: remove the spaces"
        )
        problems.append(where.with_message(where.field, message))
    return problems


_PROGRESS_EVERY = 1_000


def map_from_rows(
    tables: Mapping[str, Iterable[Row]],
    *,
    progress: Progress | None = None,
    types: Mapping[str, ColumnType] | None = None,
    shape: TieShape | None = None,
) -> CommunityMap:
    """Build and check a :class:`CommunityMap` from rows keyed by sheet name.

    The tie rows are first shaped by ``shape`` (direction, weight column, repeated
    ties, self-loops: :mod:`cosgraph.loaders.shape`; by default ties are directed as
    the rows say, a repeated tie keeps every text value and refuses disagreeing
    numbers, and self-loops are kept); what that sets
    aside is in the map's ``notes``.

    ``progress``, when given, is called every 1,000 rows and at the end with the rows
    done so far and the total.  ``types`` declares the type of attribute columns by
    name (:mod:`cosgraph.loaders.columns`), in every sheet; the other attribute columns
    are typed from their cells.  Raises :class:`LoadError` listing every problem of
    every sheet at once, including a sheet with more free attribute columns than
    :data:`cosgraph.limits.MAX_ATTRIBUTE_COLUMNS`.
    """
    from .shape import TieShape, shape_ties  # shape reads rows of this module

    listed = {sheet: list(rows) for sheet, rows in tables.items()}
    declared = dict(types or {})
    problems: list[SourceLocation] = []
    notes: list[str] = []
    if TIES_SHEET in listed:
        shaped = shape_ties(listed[TIES_SHEET], shape or TieShape(), declared)
        listed[TIES_SHEET] = shaped.rows
        problems.extend(shaped.problems)
        notes.extend(shaped.notes)
    total = sum(len(rows) for rows in listed.values())
    spaced: list[tuple[SourceLocation, str]] = []
    done = 0
    nodes: list[Node] = []
    ties: list[Tie] = []
    locations: dict[Any, SourceLocation] = {}
    # id -> (kind, where) of node rows that failed their checks: ties to them are fine
    failed_ids: dict[str, tuple[str, SourceLocation]] = {}
    # sheet -> attribute column -> where it first held a value
    attribute_columns: dict[str, dict[str, SourceLocation]] = {}
    # sheet -> property name -> header as written, where they differ
    sheet_labels: dict[str, dict[str, str]] = {}
    for sheet, rows in listed.items():
        if sheet == SKILLS_SHEET:
            problems.extend(unknown_columns((row.location, row.values) for row in rows))
            for row in rows:
                done += 1
                if progress is not None and done % _PROGRESS_EVERY == 0:
                    progress(done, total)
                problems.extend(_skills_row(row, ties, locations, spaced))
            continue
        if sheet == TIES_SHEET:
            model_fields = {f for f in Tie.model_fields if f != "attributes"}
        elif sheet in NODE_SHEETS:
            model_fields = {f for f in NODE_SHEETS[sheet].model_fields if f != "attributes"}
        else:
            continue
        column_types = _column_types(rows, model_fields, sheet, declared)
        names, sheet_labels[sheet] = _attribute_names(rows, model_fields, sheet)
        for row in rows:
            done += 1
            if progress is not None and done % _PROGRESS_EVERY == 0:
                progress(done, total)
            data, attributes, cell_problems = _split_row(
                row, model_fields, sheet, column_types, names
            )
            problems.extend(cell_problems)
            row_spaced = _spaced_ids(row, data)
            spaced.extend(row_spaced)
            if row_spaced:
                _remember_failed(failed_ids, sheet, data, row.location)
                continue
            seen = attribute_columns.setdefault(sheet, {})
            for column in attributes:
                if column not in seen:
                    seen[column] = row.location.with_message(None, "")
            if cell_problems:
                _remember_failed(failed_ids, sheet, data, row.location)
                continue
            if sheet == TIES_SHEET:  # the model reads any spelling of a type (choice)
                try:
                    tie = Tie(**data, attributes=attributes)
                except ValidationError as exc:
                    problems.extend(problems_from_validation(row.location, exc, attributes))
                    continue
                if tie.key in locations:
                    problems.append(
                        row.location.with_message(
                            "source", f"duplicate {tie.type} tie {tie.source} -> {tie.target}"
                        )
                    )
                    continue
                ties.append(tie)
                locations[tie.key] = row.location
                continue
            holder = data.pop("holder", None)
            try:
                node = NODE_SHEETS[sheet](**data, attributes=attributes)
            except ValidationError as exc:
                problems.extend(problems_from_validation(row.location, exc, attributes))
                _remember_failed(failed_ids, sheet, data, row.location)
                continue
            if node.id in locations:
                first = locations[node.id]
                problems.append(
                    row.location.with_message("id", f"duplicate id {node.id!r} (first at {first})")
                )
                continue
            nodes.append(node)
            locations[node.id] = row.location
            if holder is not None and str(holder).strip():
                try:
                    tie = Tie(type="HOLDS", source=holder, target=node.id)
                except ValidationError as exc:
                    problems.extend(problems_from_validation(row.location, exc))
                    continue
                ties.append(tie)
                locations[tie.key] = row.location.with_message("holder", "")
    if progress is not None:
        progress(done, total)
    problems.extend(_spaced_id_problems(spaced, locations))
    too_wide = attribute_column_problems(attribute_columns)
    if too_wide:  # refused before any store is opened: such a map costs gigabytes there
        raise LoadError(problems + too_wide)
    cmap = CommunityMap(nodes=nodes, ties=ties, notes=notes)
    cmap.locations.update(locations)
    cmap.column_labels = _column_labels(cmap, sheet_labels)
    if problems:
        # the checked rows travel with the error, so a caller holding the store can
        # add the reference problems to the same report (read_map(..., partial=True))
        cmap.problems = problems
        for node_id, (kind, where) in failed_ids.items():
            if node_id not in locations:
                cmap.failed_ids[node_id] = kind
                cmap.locations[node_id] = where
        raise LoadError(problems, partial=cmap)
    return cmap


def _column_labels(
    cmap: CommunityMap, sheet_labels: Mapping[str, Mapping[str, str]]
) -> dict[str, dict[str, str]]:
    """Store label -> {attribute: header} for the attributes the map's nodes and ties hold."""
    held: dict[str, set[str]] = {}
    for node in cmap.nodes:
        held.setdefault(node.label, set()).update(node.attributes)
    for tie in cmap.ties:
        held.setdefault(str(tie.type), set()).update(tie.attributes)
    sheet_of_label = {model.label: sheet for sheet, model in NODE_SHEETS.items()}
    labels: dict[str, dict[str, str]] = {}
    for label, attributes in held.items():
        of_sheet = sheet_labels.get(sheet_of_label.get(label, TIES_SHEET), {})
        chosen = {name: of_sheet[name] for name in sorted(attributes) if name in of_sheet}
        if chosen:
            labels[label] = chosen
    return labels


def _skills_row(
    row: Row,
    ties: list[Tie],
    locations: dict[Any, SourceLocation],
    spaced: list[tuple[SourceLocation, str]],
) -> list[SourceLocation]:
    """Add the ties of one skills-sheet row (:mod:`cosgraph.loaders.skills`) to ``ties``;
    return its problems.  A tie written twice is a duplicate, as on the ties sheet."""
    problems = [
        problem
        for column, raw in row.values.items()
        if (problem := _cell_problem(row.location, column, raw, column in row.literal))
    ]
    row_spaced = _spaced_ids(row, row.values)
    spaced.extend(row_spaced)
    if problems or row_spaced:
        return problems
    found, problems = skill_ties(row.location, row.values)
    for tie, where in found:
        if tie.key in locations:
            first = locations[tie.key]
            message = f"duplicate {tie.type} tie {tie.source} -> {tie.target} (first at {first})"
            problems.append(where.with_message(WHO, message))
            continue
        ties.append(tie)
        locations[tie.key] = where
    return problems


def _remember_failed(
    failed_ids: dict[str, tuple[str, SourceLocation]],
    sheet: str,
    data: Mapping[str, Any],
    where: SourceLocation,
) -> None:
    """Note the id of a node row that failed its field checks: its kind and row."""
    if sheet in NODE_SHEETS:
        node_id = id_as_text(data.get("id"))
        if isinstance(node_id, str) and node_id.strip():
            failed_ids.setdefault(node_id.strip(), (NODE_SHEETS[sheet].kind, where))

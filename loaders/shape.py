"""The shape of a network as the researcher gives it: direction, weight, repeats, self-loops.

One rule for every loader (CSV edge lists, GraphML, GEXF, workbooks, Kumu, map files):
:func:`shape_ties` runs on the tie rows before they are checked
(:func:`cosgraph.loaders.rows.map_from_rows`).

- **Direction.** With ``undirected``, every tie is undirected (its ``undirected``
  field is true; the store keeps it, and exports write it back: GraphML
  ``edgedefault="undirected"``, GEXF ``defaultedgetype="undirected"``, a CSV
  ``undirected`` column).  A file may also say so itself: a GraphML or GEXF whose
  default edge type is undirected, a tie ``undirected`` column.  ``a -> b`` and
  ``b -> a`` are then the same tie.
- **Weight.** ``weight_column`` names the column whose numbers are the ties' ``weight``
  (default: a ``weight`` column if there is one; analyses read ``strength`` where a
  tie has no weight).
- **Repeated ties** (the same type between the same ends, more than once), by
  ``parallel``:

  ``keep`` (the default)
      one tie keeping every distinct value of a free text column, joined by ``"; "`` in
      row order (a multiplex file's ``relation`` reads ``"advice; friend"``); a column of
      numbers or true/false, or a field of the tie (``weight``, ``strength``, ``role``,
      ...), whose rows disagree is an error naming the row and column: numbers are never
      joined into text, and nothing is lost silently;
  ``error``
      each repeat is an error naming its row and the first one's;
  ``first``
      the first row is the tie, later ones are set aside (the load report says how many);
  ``sum``
      one tie whose ``weight`` is the sum of the rows' weights (a row without one counts
      1, so without a weight column it is the number of rows); every other column must
      agree across the rows (or be blank), else the row and column are named.

  The load report counts the repeats merged or set aside.

- **Self-loops** (a tie from a node to itself), by ``self_loops``: ``keep`` (the
  default) stores them as given, and the load report says how many there are
  (analyses set them aside and say so); ``drop`` leaves them out, and the report says
  how many.

>>> from cosgraph.errors import SourceLocation
>>> def row(n, s, t, **values):
...     return Row(SourceLocation("t.csv", line=n), {"type": "KNOWS", "source": s,
...                                                 "target": t, **values})
>>> rows = [row(2, "a", "b", weight="1"), row(3, "b", "a", weight="3"), row(4, "c", "c")]
>>> shaped = shape_ties(rows, TieShape(undirected=True, parallel="sum"))
>>> [(r.values["source"], r.values["target"], r.values.get("weight")) for r in shaped.rows]
[('a', 'b', 4), ('c', 'c', None)]
>>> for note in shaped.notes: print(note)  # doctest: +ELLIPSIS
t.csv: 1 self-loop (line 4) kept; analyses set self-loops aside (--self-loops drop ...)
t.csv: 1 repeated tie summed into the first (--parallel sum)
>>> refused = shape_ties(rows, TieShape(undirected=True, parallel="error"))
>>> print(refused.problems[0])  # doctest: +ELLIPSIS
t.csv, line 3, field 'source': repeats the KNOWS tie b - a of line 2; choose --parallel ...
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from cosgraph.errors import SourceLocation
from cosgraph.model import Tie

from .columns import ColumnType, cell_as, column_type
from .rows import Row, normalise_header

__all__ = [
    "TieShape",
    "Parallel",
    "SelfLoops",
    "PARALLEL",
    "SELF_LOOPS",
    "ShapedTies",
    "shape_ties",
]

#: How repeated ties are read (see the module text).
Parallel = Literal["error", "first", "sum", "keep"]
PARALLEL: tuple[str, ...] = get_args(Parallel)
#: Whether self-loops are stored.
SelfLoops = Literal["keep", "drop"]
SELF_LOOPS: tuple[str, ...] = get_args(SelfLoops)

_ENDS = ("source", "target")


@dataclass(frozen=True)
class TieShape:
    """The researcher's choices about the shape of the network (see the module text).

    ``undirected`` True makes every tie undirected; False or None reads each tie's
    direction from the file (directed unless the file says otherwise).
    """

    undirected: bool | None = None
    weight_column: str | None = None
    parallel: Parallel = "keep"
    self_loops: SelfLoops = "keep"


@dataclass
class ShapedTies:
    """The tie rows after :func:`shape_ties`, its problems and its notes for the report."""

    rows: list[Row]
    problems: list[SourceLocation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_undirected(values: Mapping[str, Any], shape: TieShape) -> bool:
    if shape.undirected:
        return True
    flag = values.get("undirected")
    return flag is True or (isinstance(flag, str) and flag.strip().lower() == "true")


def _lines(rows: Sequence[Row]) -> str:
    shown = ", ".join(str(r.location.line) for r in rows[:5] if r.location.line is not None)
    more = ", ..." if len(rows) > 5 else ""
    word = "row" if rows and rows[0].location.sheet else "line"
    return f"{word}{'s' if len(rows) > 1 else ''} {shown}{more}" if shown else ""


def _where(rows: Sequence[Row]) -> str:
    location = rows[0].location
    sheet = f" sheet {location.sheet!r}" if location.sheet else ""
    return f"{location.file}{sheet}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def shape_ties(
    rows: Sequence[Row],
    shape: TieShape,
    types: Mapping[str, ColumnType] | None = None,
) -> ShapedTies:
    """Apply ``shape`` to the tie rows of one file (keys ``type``, ``source``, ``target``).

    Parameters
    ----------
    rows : sequence of Row
        Tie rows with normalised headers, in file order.
    shape : TieShape
        The choices (see the module text).
    types : mapping, optional
        Declared column types (``--types``); other columns are typed from their cells.

    Returns
    -------
    ShapedTies
        The rows to check, the problems (one per repeated row under ``error``, or per
        disagreeing cell), and one note per thing set aside.
    """
    if not rows:
        return ShapedTies([])
    declared = dict(types or {})
    clash = _weight_clash(rows, shape)
    if clash is not None:
        return ShapedTies(list(rows), [clash])
    rows = [_renamed(r, shape) for r in rows]
    if shape.undirected:
        rows = [
            Row(r.location, {**r.values, "undirected": True}, r.literal, r.headers) for r in rows
        ]
    result = ShapedTies([])
    loops = [r for r in rows if _is_loop(r)]
    if loops:
        lines = _lines(loops)
        if shape.self_loops == "drop":
            rows = [r for r in rows if not _is_loop(r)]
            result.notes.append(
                f"{_where(loops)}: left out {_plural(len(loops), 'self-loop')} ({lines}) "
                "(--self-loops drop)"
            )
        else:
            result.notes.append(
                f"{_where(loops)}: {_plural(len(loops), 'self-loop')} ({lines}) kept; analyses "
                "set self-loops aside (--self-loops drop leaves them out)"
            )
    groups: dict[tuple[Any, ...], list[Row]] = {}
    for r in rows:
        groups.setdefault(_key(r, shape), []).append(r)
    repeats = sum(len(group) - 1 for group in groups.values())
    if shape.parallel == "error" or repeats == 0:
        result.rows = [group[0] for group in groups.values()]
        if shape.parallel == "error":
            result.problems = [
                _repeat_problem(r, g[0], shape) for g in groups.values() for r in g[1:]
            ]
        return result
    column_types = {c: declared.get(c) or _column_type(rows, c) for c in _columns(rows)}
    for group in groups.values():
        if len(group) == 1 or shape.parallel == "first":
            result.rows.append(group[0])
            continue
        merged, problems = _merged(group, shape.parallel, column_types)
        result.rows.append(merged)
        result.problems.extend(problems)
    done = {
        "first": "set aside (--parallel first)",
        "sum": "summed into the first (--parallel sum)",
    }
    how = done.get(shape.parallel, "merged into the first (--parallel keep)")
    result.notes.append(f"{_where(rows)}: {_plural(repeats, 'repeated tie')} {how}")
    return result


def _weight_clash(rows: Sequence[Row], shape: TieShape) -> SourceLocation | None:
    """A ``weight`` column beside the other column ``weight_column`` names: refused, as
    one of them would be lost."""
    column = normalise_header(shape.weight_column) if shape.weight_column else None
    if column in (None, "weight"):
        return None
    for r in rows:
        if column in r.values and not _blank(r.values.get("weight")):
            message = (
                f"--weight-column {shape.weight_column} reads the weights, so a 'weight' "
                "column cannot; rename one of them"
            )
            return r.location.with_message("weight", message)
    return None


def _renamed(r: Row, shape: TieShape) -> Row:
    """The row with ``weight_column`` read as ``weight``."""
    column = normalise_header(shape.weight_column) if shape.weight_column else None
    if column is None or column == "weight" or column not in r.values:
        return r
    values = {("weight" if k == column else k): v for k, v in r.values.items()}
    literal = frozenset("weight" if k == column else k for k in r.literal)
    return Row(r.location, values, literal, r.headers)


def _is_loop(r: Row) -> bool:
    source, target = (r.values.get(end) for end in _ENDS)
    return not _blank(source) and source == target


def _key(r: Row, shape: TieShape) -> tuple[Any, ...]:
    tie_type = str(r.values.get("type") or "").strip().upper()
    source, target = (r.values.get(end) for end in _ENDS)
    if _blank(source) or _blank(target):
        return ("no end", id(r))  # reported as a missing end, never as a repeat
    if _is_undirected(r.values, shape):
        ends = sorted((str(source), str(target)))
        return (tie_type, "-", *ends)
    return (tie_type, "->", str(source), str(target))


def _repeat_problem(r: Row, first: Row, shape: TieShape) -> SourceLocation:
    source, target = (r.values.get(end) for end in _ENDS)
    arrow = "-" if _is_undirected(r.values, shape) else "->"
    tie_type = str(r.values.get("type") or "").strip().upper()
    line = "row" if first.location.sheet else "line"
    return r.location.with_message(
        "source",
        f"repeats the {tie_type} tie {source} {arrow} {target} of {line} {first.location.line}; "
        "choose --parallel keep, sum or first",
    )


def _columns(rows: Sequence[Row]) -> list[str]:
    seen: dict[str, None] = {}
    for r in rows:
        seen.update(dict.fromkeys(k for k in r.values if k not in (*_ENDS, "type")))
    return list(seen)


def _column_type(rows: Sequence[Row], column: str) -> ColumnType | None:
    return column_type([r.values.get(column) for r in rows], [column in r.literal for r in rows])


def _merged(
    group: list[Row], parallel: Parallel, column_types: Mapping[str, ColumnType | None]
) -> tuple[Row, list[SourceLocation]]:
    """One row for the repeated ties ``group`` under ``sum`` or ``keep``."""
    first = group[0]
    values = dict(first.values)
    literal = set(first.literal)
    problems: list[SourceLocation] = []
    for column, kind in column_types.items():
        cells = [(r, r.values.get(column)) for r in group if not _blank(r.values.get(column))]
        if parallel == "sum" and column == "weight":
            try:
                total = sum(cell_as(v, kind or "float", column in r.literal) for r, v in cells)
            except (TypeError, ValueError):
                total = None  # the weight's own check names the bad cell
            values[column] = total + (len(group) - len(cells)) if total is not None else cells[0][1]
            literal.discard(column)
            continue
        distinct: list[Any] = []
        for r, v in cells:
            typed = v if kind is None else _typed(v, kind, column in r.literal)
            if typed not in distinct:
                distinct.append(typed)
                if len(distinct) > 1 and (parallel == "sum" or not _joinable(column, kind)):
                    problems.append(_disagree(r, column, cells[0][0], parallel, kind))
        if len(distinct) > 1 and parallel == "keep" and _joinable(column, kind):
            values[column] = "; ".join(str(v) for v in distinct)
        elif cells:
            values[column] = cells[0][1]
            if column in cells[0][0].literal:
                literal.add(column)
    if parallel == "sum" and "weight" not in column_types:
        values["weight"] = len(group)
    return Row(first.location, values, frozenset(literal), first.headers), problems


def _joinable(column: str, kind: ColumnType | None) -> bool:
    """Only a free text column's values are joined: a tie field (``strength``,
    ``role``, ...) holds one value."""
    return kind == "text" and column not in Tie.model_fields


def _typed(value: Any, kind: ColumnType, literal: bool) -> Any:
    try:
        return cell_as(value, kind, literal)
    except ValueError:
        return value


def _disagree(
    r: Row, column: str, first: Row, parallel: Parallel, kind: ColumnType | None
) -> SourceLocation:
    line = "row" if first.location.sheet else "line"
    number = kind in ("int", "float") and parallel == "keep"
    what = "is another number" if number else "differs"
    if parallel == "sum":
        hint = "--parallel keep joins text; first keeps the first row"
    elif number:
        hint = "numbers are never joined; choose --parallel sum or first"
    else:
        hint = f"a tie has one {column}; choose --parallel first, or correct the row"
    return r.location.with_message(
        column, f"{what} from the repeated tie's {line} {first.location.line} ({hint})"
    )

"""A CSV file as Arrow columns of text, for loads that move whole columns at once.

:func:`read_csv_table` reads a file with pyarrow's CSV reader, every cell as text
exactly as written, under the header names the row reader gives
(:func:`cosgraph.loaders.rows.normalise_header`).  It returns ``None`` for any file
the row reader (:func:`cosgraph.loaders.tables.read_csv_rows`) must see instead: one
it would refuse (bad UTF-8, a short or long row, a bad header) or one whose cells
it reads specially (guarded ``'`` cells, formulas, NUL characters, over-long cells,
blank rows).  That reader then reports every problem with its file, line and field,
so the rules and the messages live in one place; this module only recognises the
clean file, the common case, fast.  What the file's bytes settle is settled there
once (no NUL, no ``'`` or ``=`` anywhere, quotes only around whole cells); only what
they leave open is looked for cell by cell.

:func:`map_distinct` applies a per-value rule (a pydantic model, :func:`cell_as`) to
each distinct value of a column once, so a rule written for one cell serves a column
of a million; :func:`distinct_cells` gives those values for a rule that judges them
all together.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "n.csv"
>>> _ = p.write_text("Pid,Team\\na,1\\nb,\\n")
>>> read_csv_table(p).to_pydict()
{'pid': ['a', 'b'], 'team': ['1', '']}
>>> _ = p.write_text("pid,team\\na,'007\\n")
>>> read_csv_table(p) is None
True
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from cosgraph.limits import MAX_CELL_CHARS

from .rows import normalise_header
from .tables import headers_as_written

__all__ = [
    "read_csv_table",
    "header_labels",
    "map_distinct",
    "distinct_cells",
    "DistinctCells",
    "blank",
]


def _raw_header(path: Path) -> list[str] | None:
    """The header row as written, or ``None`` when the row reader must judge it: also
    when a header cell holds a line break, as pyarrow's reader skips one line, not
    one row, before the cells."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
    except (UnicodeDecodeError, csv.Error):
        return None
    return header if header and reader.line_num == 1 else None


def _header(path: Path) -> list[str] | None:
    """The normalised header names, or ``None`` when the row reader must judge them."""
    header = _raw_header(path)
    if header is None:
        return None
    names = [normalise_header(h) for h in header]
    if not all(names) or len(set(names)) != len(names):
        return None
    return names


def header_labels(path: str | Path) -> dict[str, str]:
    """Column name -> its header as written, where the two differ, as the row reader
    gives them (:func:`cosgraph.loaders.tables.headers_as_written`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "n.csv"
    >>> _ = p.write_text("pid,Grade.1\\na,1\\n")
    >>> header_labels(p)
    {'grade.1': 'Grade.1'}
    """
    header = _raw_header(Path(path)) or []
    return headers_as_written(header, [normalise_header(h) for h in header])


def blank(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """True for each cell that holds only spaces (or nothing), as the row reader reads it.

    >>> blank(pa.array(["", " ", "a", " a"])).to_pylist()
    [True, True, False, False]
    """
    # Arrow's whitespace is Python's str.isspace, character by character (all of
    # Unicode checked); is_space is false for "" and needs no trimmed copy
    return pc.or_(pc.equal(pc.binary_length(column), 0), pc.utf8_is_space(column))


def _quoted_alike(data: bytes) -> bool:
    """True when pyarrow's CSV reader and the row reader's (Python's strict ``csv``)
    read the same cells from ``data``'s quotes: each quoted cell opens at the cell's
    start and closes before a comma, a line end, a doubled ``"`` or the end.

    pyarrow reads on after a closing quote (``"a"b``) and to the end of the file in a
    quote left open, where the row reader refuses both; a ``"`` inside an unquoted
    cell (``a"b``), which both read as text, is left to the row reader too.

    >>> _quoted_alike(b'a,"b, ""c"" d",e\\n'), _quoted_alike(b'"a"b\\n'), _quoted_alike(b'a,"b\\n')
    (True, False, False)
    >>> _quoted_alike(codecs.BOM_UTF8 + b'"a",b\\n')
    True
    """
    if b'"' not in data:
        return True
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    raw = np.frombuffer(data, dtype=np.uint8, offset=start)
    quotes = np.flatnonzero(raw == ord('"'))
    if len(quotes) % 2:
        return False  # a quote left open at the end
    # quotes alternate open / close; a doubled "" inside a cell closes and reopens
    opens, closes = quotes[0::2], quotes[1::2]
    # by byte value: what may stand before an opening quote and after a closing one
    bound = np.zeros(256, dtype=bool)
    bound[list(b',\n\r"')] = True
    before = raw[opens[opens > 0] - 1]
    after = raw[closes[closes < len(raw) - 1] + 1]
    return bool(bound[before].all() and bound[after].all())


def _reads_specially(column: pa.ChunkedArray, data: bytes) -> bool:
    """True when a cell of ``column`` is one the row reader treats cell by cell
    (guarded ``'``, a formula ``=...``, over-long); ``data`` is the whole file, whose
    bytes rule out what they do not hold."""
    if len(data) > MAX_CELL_CHARS:
        if (pc.max(pc.binary_length(column)).as_py() or 0) > MAX_CELL_CHARS:
            if pc.any(pc.greater(pc.utf8_length(column), MAX_CELL_CHARS)).as_py():
                return True
    if b"'" in data and pc.any(pc.starts_with(column, "'")).as_py():
        return True
    if b"=" in data:
        formula = pc.and_(pc.starts_with(column, "="), pc.greater(pc.binary_length(column), 1))
        return bool(pc.any(formula).as_py())
    return False


def read_csv_table(path: str | Path) -> pa.Table | None:
    """Every cell of a clean CSV file as text, columns named by the normalised header.

    Parameters
    ----------
    path : path
        A UTF-8 CSV file (with or without BOM) with a header row.

    Returns
    -------
    pyarrow.Table or None
        ``None`` when the file is not one this reader vouches for: read it with
        :func:`cosgraph.loaders.tables.read_csv_rows`, which reports its problems.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("a,b\\n1,2,3\\n")
    >>> read_csv_table(p) is None
    True
    """
    path = Path(path)
    names = _header(path)
    if names is None:
        return None
    data = path.read_bytes()
    if b"\x00" in data or not _quoted_alike(data):
        return None  # the row reader refuses NUL bytes and quotes it cannot read
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=b'"' in data),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if any(_reads_specially(table[name], data) for name in names):
        return None
    if table.num_rows and names:
        empty = blank(table[names[0]])
        for name in names[1:]:
            if not pc.any(empty).as_py():
                break
            empty = pc.and_(empty, blank(table[name]))
        if pc.any(empty).as_py():  # the row reader skips blank rows and counts lines
            return None
    return table


@dataclass(frozen=True)
class DistinctCells:
    """A column's distinct cells (``values``, each once) and which one each row holds."""

    values: list[str]
    indices: pa.Array

    def spread(self, mapped: list[Any], arrow_type: pa.DataType) -> pa.ChunkedArray:
        """``mapped[i]`` (the value for ``values[i]``) in every row that holds ``values[i]``.

        >>> cells = distinct_cells(pa.chunked_array([["b", "a", "b"]]))
        >>> cells.spread([1, 2], pa.int64()).to_pylist()
        [1, 2, 1]
        """
        return pa.chunked_array([pa.array(mapped, type=arrow_type).take(self.indices)])


def distinct_cells(column: pa.ChunkedArray) -> DistinctCells:
    """Each distinct cell of ``column`` once, in order of first appearance.

    >>> distinct_cells(pa.chunked_array([["b", "a"], ["b"]])).values
    ['b', 'a']
    """
    encoded = column.combine_chunks().dictionary_encode()
    return DistinctCells(encoded.dictionary.to_pylist(), encoded.indices)


def map_distinct(
    column: pa.ChunkedArray, rule: Callable[[str], Any], arrow_type: pa.DataType
) -> pa.ChunkedArray:
    """``rule`` applied to each distinct cell of ``column`` once, spread back to every row.

    A ``ValueError`` from ``rule`` propagates: the caller decides what a bad cell means.

    Examples
    --------
    >>> map_distinct(pa.chunked_array([["1", "2", "1"]]), int, pa.int64()).to_pylist()
    [1, 2, 1]
    """
    cells = distinct_cells(column)
    return cells.spread([rule(value) for value in cells.values], arrow_type)

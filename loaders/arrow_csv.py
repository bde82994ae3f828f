"""A CSV file as Arrow columns of text, for loads that move whole columns at once.

:func:`read_csv_table` reads a file with pyarrow's CSV reader, every cell as text
exactly as written, under the header names the row reader gives
(:func:`cosgraph.loaders.rows.normalise_header`).  It returns ``None`` for any file
the row reader (:func:`cosgraph.loaders.tables.read_csv_rows`) must see instead: one
it would refuse (bad UTF-8, a short or long row, a bad header) or one whose cells
it reads specially (guarded ``'`` cells, formulas, NUL characters, over-long cells,
blank rows).  That reader then reports every problem with its file, line and field,
so the rules and the messages live in one place; this module only recognises the
clean file, the common case, fast.

:func:`map_distinct` applies a per-value rule (a pydantic model, :func:`cell_as`) to
each distinct value of a column once, so a rule written for one cell serves a column
of a million.

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

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from cosgraph.limits import MAX_CELL_CHARS

from .rows import normalise_header
from .tables import headers_as_written

__all__ = ["read_csv_table", "header_labels", "map_distinct", "blank"]


def _raw_header(path: Path) -> list[str] | None:
    """The header row as written, or ``None`` when the row reader must judge it."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle, strict=True), None)
    except (UnicodeDecodeError, csv.Error):
        return None
    return header or None


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

    >>> blank(pa.array(["", " ", "a"])).to_pylist()
    [True, True, False]
    """
    return pc.equal(pc.utf8_trim_whitespace(column), "")


def _reads_specially(column: pa.ChunkedArray) -> bool:
    """True when a cell of ``column`` is one the row reader treats cell by cell."""
    if (pc.max(pc.binary_length(column)).as_py() or 0) > MAX_CELL_CHARS:
        if pc.any(pc.greater(pc.utf8_length(column), MAX_CELL_CHARS)).as_py():
            return True
    special = pc.match_substring_regex(column, r"(?s)^'|^=.|\x00")
    return bool(pc.any(special).as_py())


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
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if any(_reads_specially(table[name]) for name in names):
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
    encoded = column.combine_chunks().dictionary_encode()
    mapped = pa.array([rule(value) for value in encoded.dictionary.to_pylist()], type=arrow_type)
    return pa.chunked_array([mapped.take(encoded.indices)])

"""Limits on what one load may hold, so memory stays bounded for any input.

They are checked while a file is read and again when a load is planned, always before
the store is changed, and reported with file, line and field among a load's other
problems.

Why these numbers (measured on ladybug 0.22 and PyYAML 6, see the tests):

- **Free attribute columns** cost memory in the embedded store whatever the number
  of rows: a ``COPY`` into a table costs about 1.3 MB per column, and the cost adds
  up over the tables one load touches (4 tables of 200 columns: 1 GB).  A 60 KB file
  of 10,000 columns asked for 22 GB.  Real sheets have tens of columns (the demo's
  widest has nine); researchers' files a few hundred at most, and ``load-network
  --columns`` keeps the ones wanted.  So at most :data:`MAX_ATTRIBUTE_COLUMNS` (200)
  per node kind or tie type, counting the columns already stored, and at most
  :data:`MAX_STORE_ATTRIBUTE_COLUMNS` (500, about 650 MB at worst) in the whole store.
- **A cell** holds at most :data:`MAX_CELL_CHARS` characters: a name, a note, a list.
- **File size** matters where a reader holds the whole document: PyYAML needs about
  110 times a YAML file's size, so at most 10 MB (about 100,000 nodes); JSON and
  GraphML about 50 times, so at most 20 MB; a CSV file or workbook at most 200 MB
  (1M ties are about 30 MB).

>>> MAX_ATTRIBUTE_COLUMNS, MAX_CELL_CHARS
(200, 10000)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cosgraph.errors import SourceLocation

__all__ = [
    "MAX_ATTRIBUTE_COLUMNS",
    "MAX_STORE_ATTRIBUTE_COLUMNS",
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "file_size_problems",
    "attribute_column_problems",
]

MAX_ATTRIBUTE_COLUMNS = 200
MAX_STORE_ATTRIBUTE_COLUMNS = 500
MAX_CELL_CHARS = 10_000
_MB = 1_000_000
#: Largest file each reader takes, by the format ``read_map`` names.
MAX_FILE_BYTES = {
    "yaml": 10 * _MB,
    "json": 20 * _MB,
    "graphml": 20 * _MB,
    "csv": 200 * _MB,
    "xlsx": 200 * _MB,
}


def file_size_problems(path: str | Path) -> list[SourceLocation]:
    """``path`` (or each CSV file of a folder) when larger than its format allows.

    The format is told from the name alone, before any reader opens the file.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.yaml"
    >>> _ = p.write_text("nodes: []")
    >>> file_size_problems(p)
    []
    """
    path = Path(path)
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    problems = []
    for file in files:
        fmt = {"yml": "yaml"}.get(file.suffix.lower()[1:], file.suffix.lower()[1:])
        limit = MAX_FILE_BYTES.get(fmt)
        size = file.stat().st_size
        if limit is not None and size > limit:
            problems.append(
                SourceLocation(
                    file=str(file),
                    message=f"is {size / _MB:,.1f} MB; cosgraph reads {fmt} files of at "
                    f"most {limit // _MB} MB (split it into several loads)",
                )
            )
    return problems


def attribute_column_problems(
    new: Mapping[str, Mapping[str, SourceLocation]],
    stored: Mapping[str, int] | None = None,
) -> list[SourceLocation]:
    """Problems for tables that would hold too many free attribute columns.

    Parameters
    ----------
    new : mapping
        Table (node kind, store label or tie type) -> each new attribute column, in
        the order met, with where it was first read.
    stored : mapping, optional
        Table -> free attribute columns it holds already.

    Returns
    -------
    list of SourceLocation
        One problem per table over :data:`MAX_ATTRIBUTE_COLUMNS`, at the first column
        past the limit, and one if the store would pass
        :data:`MAX_STORE_ATTRIBUTE_COLUMNS`.

    >>> where = SourceLocation(file="people.csv", line=1)
    >>> wide = {"person": {f"c{i}": where for i in range(201)}}
    >>> print(attribute_column_problems(wide)[0])  # doctest: +ELLIPSIS
    people.csv, line 1, field 'c200': person would have 201 attribute columns; at most 200 ...
    """
    stored = stored or {}
    problems: list[SourceLocation] = []
    total = sum(stored.values())
    for table, columns in new.items():
        have = stored.get(table, 0)
        count = have + len(columns)
        total += len(columns)
        if count > MAX_ATTRIBUTE_COLUMNS:
            column, where = list(columns.items())[max(MAX_ATTRIBUTE_COLUMNS - have, 0)]
            kept = f" ({have} already stored)" if have else ""
            problems.append(
                where.with_message(
                    column,
                    f"{table} would have {count:,} attribute columns{kept}; at most "
                    f"{MAX_ATTRIBUTE_COLUMNS} per kind (leave columns out, or keep some "
                    "with `load-network --columns`)",
                )
            )
    if total > MAX_STORE_ATTRIBUTE_COLUMNS and any(new.values()) and not problems:
        table, columns = next((t, c) for t, c in new.items() if c)
        column, where = next(iter(columns.items()))
        problems.append(
            where.with_message(
                column,
                f"the store would have {total:,} attribute columns in all; at most "
                f"{MAX_STORE_ATTRIBUTE_COLUMNS}",
            )
        )
    return problems

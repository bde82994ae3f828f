"""Read CSV files, CSV folders and .xlsx workbooks into located rows.

A folder holds one CSV per sheet (``people.csv``, ``organizations.csv``, ``assets.csv``,
``levers.csv``, ``communities.csv``, ``peer_teams.csv``, ``bright_spots.csv``,
``ties.csv``, ``skills.csv``); a workbook holds the same as sheets.  Line and row numbers count the
header as 1, as a spreadsheet shows them.  A cell cosgraph guarded against formula
injection (``'=1``) is read back as the text it stands for (:mod:`cosgraph.cells`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cosgraph.cells import unguarded
from cosgraph.errors import LoadError, SourceLocation

from .rows import IGNORED_SHEETS, NODE_SHEETS, SKILLS_SHEET, TIES_SHEET, Row, normalise_header

__all__ = [
    "read_csv_rows",
    "headers_as_written",
    "read_csv_folder",
    "read_workbook",
    "read_sheets",
    "workbook_sheet_names",
    "KNOWN_SHEETS",
]

KNOWN_SHEETS = (*NODE_SHEETS, TIES_SHEET, SKILLS_SHEET)
_MAX_FIELD = 1_000_000


def _check_headers(headers: list[Any], where: SourceLocation) -> list[str]:
    names = [normalise_header(h) if h is not None else "" for h in headers]
    problems = []
    seen: set[str] = set()
    for index, name in enumerate(names, start=1):
        if not name:
            if any(n for n in names[index:]):
                problems.append(where.with_message(f"column {index}", "header is empty"))
            continue
        if name in seen:
            problems.append(where.with_message(name, "column appears twice in the header"))
        seen.add(name)
    if problems:
        raise LoadError(problems)
    return names


def _cell_value(cell: Any) -> Any:
    """A workbook cell as the loaders read it: Excel turns typed dates into datetimes."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time(0) else cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return cell


def headers_as_written(headers: list[Any], names: list[str]) -> dict[str, str]:
    """Column key -> its header as written, where the two differ (``grade.1`` -> ``Grade.1``).

    >>> headers_as_written(["Grade.1", "city"], ["grade.1", "city"])
    {'grade.1': 'Grade.1'}
    """
    return {
        name: str(header).strip()
        for header, name in zip(headers, names, strict=False)
        if name and str(header).strip() != name
    }


def _row(where: SourceLocation, names: list[str], cells: Any, headers: dict[str, str]) -> Row:
    """A row of named cells; guarded cells are unguarded and marked literal."""
    values: dict[str, Any] = {}
    literal: list[str] = []
    for name, cell in zip(names, cells, strict=False):
        if not name:
            continue
        text = unguarded(cell) if isinstance(cell, str) and cell[:1] == "'" else None
        if text is not None:
            literal.append(name)
            cell = text
        values[name] = cell
    return Row(where, values, frozenset(literal), headers)


def read_csv_rows(path: str | Path) -> list[Row]:
    """Rows of one CSV file (UTF-8, with or without BOM; comma separated)."""
    path = Path(path)
    name = str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(
            [
                SourceLocation(
                    file=name,
                    line=line,
                    message=f"is not UTF-8 text (byte {exc.start}); save the file as CSV UTF-8",
                )
            ]
        ) from None
    if "\x00" in text:
        raise LoadError([SourceLocation(file=name, message="holds NUL bytes: not a CSV file")])
    csv.field_size_limit(_MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = next(reader, None)
        if header is None:
            raise LoadError([SourceLocation(file=name, line=1, message="is empty: no header row")])
        names = _check_headers(header, SourceLocation(file=name, line=1))
        as_written = headers_as_written(header, names)
        problems: list[SourceLocation] = []
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            where = SourceLocation(file=name, line=line)
            if len(cells) > len(names):
                extra = cells[len(names) :]
                if any(c.strip() for c in extra):
                    problems.append(
                        where.with_message(
                            None, f"has {len(cells)} cells but the header has {len(names)}"
                        )
                    )
                    continue
            rows.append(_row(where, names, cells, as_written))
    except csv.Error as exc:
        raise LoadError(
            [SourceLocation(file=name, line=reader.line_num, message=f"bad CSV: {exc}")]
        ) from None
    if problems:
        raise LoadError(problems)
    return rows


def read_csv_folder(folder: str | Path) -> dict[str, list[Row]]:
    """Every known sheet's CSV in ``folder``; an unknown CSV file is an error."""
    folder = Path(folder)
    tables: dict[str, list[Row]] = {}
    problems: list[SourceLocation] = []
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise LoadError([SourceLocation(file=str(folder), message="holds no CSV files")])
    for file in files:
        sheet = normalise_header(file.stem)
        if sheet in IGNORED_SHEETS:
            continue
        if sheet not in KNOWN_SHEETS:
            problems.append(
                SourceLocation(
                    file=str(file),
                    message="unknown file name; expected one of "
                    + ", ".join(s + ".csv" for s in KNOWN_SHEETS),
                )
            )
            continue
        try:
            tables[sheet] = read_csv_rows(file)
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems:
        raise LoadError(problems)
    return tables


def read_workbook(path: str | Path) -> dict[str, list[Row]]:
    """Every known sheet of an .xlsx workbook (formulas are refused, not evaluated)."""
    problems: list[SourceLocation] = []

    def wanted(sheet_name: str) -> bool:
        sheet = normalise_header(sheet_name)
        if sheet in IGNORED_SHEETS:
            return False
        if sheet not in KNOWN_SHEETS:
            problems.append(
                SourceLocation(
                    file=str(path),
                    sheet=sheet_name,
                    message=f"unknown sheet; expected one of {', '.join(KNOWN_SHEETS)}",
                )
            )
            return False
        return True

    try:
        sheets = read_sheets(path, wanted)
    except LoadError as exc:
        raise LoadError(problems + exc.problems) from None
    tables: dict[str, list[Row]] = {}
    for sheet_name, rows in sheets.items():
        sheet = normalise_header(sheet_name)
        if sheet in tables:
            problems.append(
                SourceLocation(
                    file=str(path), sheet=sheet_name, message=f"a second {sheet!r} sheet"
                )
            )
        tables[sheet] = rows
    if problems:
        raise LoadError(problems)
    return tables


def workbook_sheet_names(path: str | Path) -> list[str]:
    """The sheet names of a workbook, or ``[]`` when it cannot be opened."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception:  # unreadable here means "not this format"; the reader reports why
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


#: What openpyxl (and the zip, XML and zlib layers under it) raise on a damaged file,
#: found by loading thousands of damaged and foreign files: openpyxl's own classes raise
#: TypeError on an unknown or mistyped XML attribute, and ValueError on a bad number.
#: Only openpyxl's work runs under these (see :func:`_raw_sheets`), so the same
#: exceptions from our own code surface as the bugs they are.
_BROKEN_WORKBOOK: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,  # a part or relationship the package names is missing
    ValueError,
    TypeError,
    OSError,
    SyntaxError,  # xml.etree.ElementTree.ParseError is a SyntaxError
    NotImplementedError,  # a zip feature or version zipfile does not read
)


def _raw_sheets(path: Path, wanted: Callable[[str], bool]) -> dict[str, list[tuple[Any, ...]]]:
    """The cell values of each ``wanted`` sheet, as openpyxl reads them, or a LoadError."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    name = str(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, *_BROKEN_WORKBOOK) as exc:
        raise LoadError(
            [SourceLocation(file=name, message=f"is not a readable .xlsx workbook ({exc})")]
        ) from None
    try:
        chosen = [sheet_name for sheet_name in book.sheetnames if wanted(sheet_name)]
        try:
            return {
                sheet_name: list(book[sheet_name].iter_rows(values_only=True))
                for sheet_name in chosen
            }
        except _BROKEN_WORKBOOK as exc:
            raise LoadError(
                [SourceLocation(file=name, message=f"cannot be read ({exc})")]
            ) from None
    finally:
        book.close()


def read_sheets(
    path: str | Path, wanted: Callable[[str], bool] = lambda name: True
) -> dict[str, list[Row]]:
    """Rows of each ``wanted`` sheet of an .xlsx workbook, keyed by the sheet's own name.

    Formulas are refused (read as text, never evaluated); a damaged or foreign file
    is a :class:`LoadError` naming it.
    """
    from openpyxl.utils import get_column_letter

    path = Path(path)
    name = str(path)
    tables: dict[str, list[Row]] = {}
    problems: list[SourceLocation] = []
    for sheet_name, sheet_rows in _raw_sheets(path, wanted).items():
        if not sheet_rows:
            tables[sheet_name] = []
            continue
        header, *body = sheet_rows
        try:
            where = SourceLocation(file=name, sheet=sheet_name, line=1)
            names = _check_headers(list(header), where)
            as_written = headers_as_written(list(header), names)
        except LoadError as exc:
            problems.extend(exc.problems)
            continue
        rows: list[Row] = []
        for number, cells in enumerate(body, start=2):
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            where = SourceLocation(file=name, sheet=sheet_name, line=number)
            stray = [
                index
                for index, c in enumerate(cells)
                if (index >= len(names) or not names[index]) and c is not None and str(c).strip()
            ]
            if stray:
                column = get_column_letter(stray[0] + 1)
                problems.append(
                    where.with_message(
                        f"column {column}", "holds a value but the column has no header"
                    )
                )
                continue
            rows.append(_row(where, names, [_cell_value(c) for c in cells], as_written))
        tables[sheet_name] = rows
    if problems:
        raise LoadError(problems)
    return tables

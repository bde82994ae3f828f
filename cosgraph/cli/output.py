"""Printing results as a table, JSON or CSV: declared once, used by every command.

A result is a pydantic model with ``table_rows()``, or plain rows (a list of dicts),
or any JSON-serialisable value.  Cells are written by :func:`cosgraph.cells.cell_text`:
a ``table`` is for reading, so its floats have 6 significant digits; CSV and JSON are
for machines and carry every digit (the float's ``repr``, which parses back to the same
float, bit for bit).  CSV cells are guarded against formula injection
(:func:`cosgraph.cells.spreadsheet_cell`).

Every command that prints people takes the one ``--audience`` option
(:func:`audience_option`) and builds its graph with :func:`for_audience`; :func:`emit`
then passes whatever it prints through that :class:`cosgraph.consent.Audience`, says
how many people it hid (a field of the JSON, else one line on stderr), and error
messages shown at the CLI boundary go through it too (:func:`masked_message`).

>>> print(render([{"kind": "person", "count": 3}], "csv").strip())
kind,count
person,3
>>> print(render([{"kind": "person", "count": 3}], "table"))
kind    count
------  -----
person  3
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cosgraph.cells import column_cells
from cosgraph.vocabulary import AUDIENCE_ENV, AUDIENCES, DEFAULT_AUDIENCE

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.consent import Audience

__all__ = [
    "FORMATS",
    "format_option",
    "force_option",
    "audience_option",
    "for_audience",
    "seen_by",
    "remember_audience",
    "current_audience",
    "masked_message",
    "render",
    "emit",
    "emit_rows",
    "rows_of",
]

FORMATS = ("table", "json", "csv")
F = TypeVar("F", bound=Callable[..., Any])


def format_option(default: str = "table") -> Callable[[F], F]:
    """The shared ``--format table|json|csv`` option."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=default,
        show_default=True,
        help="How to print the result.",
    )


def force_option(func: F) -> F:
    """The shared ``--force`` of every command that writes a file (cosgraph.overwrite)."""
    decorated: F = click.option(
        "--force",
        is_flag=True,
        help="Write over the output even if it is the store, a load source, or a file "
        "cosgraph did not write.",
    )(func)
    return decorated


def audience_option(func: F) -> F:
    """The shared ``--audience public|coalition|private`` option (``$COSGRAPH_AUDIENCE``)."""
    return click.option(
        "--audience",
        type=click.Choice(AUDIENCES, case_sensitive=False),
        default=DEFAULT_AUDIENCE,
        envvar=AUDIENCE_ENV,
        show_default=True,
        show_envvar=True,
        help="Who will see the output: people whose consent is narrower are not named.",
    )(func)


_SEEN = "cosgraph.audience"


def for_audience(G: nx.MultiDiGraph, audience: str, *, keep: str = "analysis") -> nx.MultiDiGraph:
    """``G`` as ``audience`` may see it, for the command being run: hidden people under
    per-output placeholders (see :meth:`cosgraph.consent.Audience.graph`).  The
    audience is remembered so that :func:`emit` and error messages go through it."""
    return seen_by(G, audience).graph(G, keep=keep)  # type: ignore[arg-type]


def seen_by(G: nx.MultiDiGraph, audience: str) -> Audience:
    """The audience of what this command prints, made from ``G`` and remembered."""
    from cosgraph.consent import Audience

    return remember_audience(Audience.of(G, audience))


def remember_audience(seen: Audience) -> Audience:
    """Make ``seen`` the audience of what this command prints (:func:`emit`, errors)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[_SEEN] = seen
    return seen


def current_audience() -> Audience | None:
    """The audience of what this command prints, once its graph was made."""
    ctx = click.get_current_context(silent=True)
    seen = ctx.meta.get(_SEEN) if ctx is not None else None
    if seen is None:
        return None
    from cosgraph.consent import Audience

    return seen if isinstance(seen, Audience) else None


def masked_message(text: str) -> str:
    """An error message as this command's audience may read it."""
    seen = current_audience()
    return seen.mask_text(text) if seen is not None else text


def _jsonable(result: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(result, BaseModel):
        return result.model_dump(mode="json")
    return result


def rows_of(result: Any) -> list[dict[str, Any]]:
    """Flat rows of a result for table/CSV output."""
    if hasattr(result, "table_rows"):
        rows: list[dict[str, Any]] = result.table_rows()
        return rows
    if isinstance(result, list):
        return [r if isinstance(r, dict) else {"value": r} for r in result]
    if isinstance(result, dict):
        return [{"key": k, "value": v} for k, v in result.items()]
    return [{"value": result}]


#: Significant digits of floats in tables (CSV and JSON keep every digit).
TABLE_DIGITS = 6


def _csv_text(lines: list[list[str]]) -> str:
    """CSV lines, each ending in ``\n``.  Written with ``\r\n`` first, because Python's
    csv module quotes only the characters of its line terminator: with ``\n`` alone a
    cell holding ``\r`` would break the row (and start a new, unguarded cell)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    text = buffer.getvalue()
    if not any("\r" in cell or "\n" in cell for line in lines for cell in line):
        return text.replace("\r\n", "\n")  # every \r\n ends a line
    out = []
    for line in lines:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(line)
        out.append(buffer.getvalue()[:-2] + "\n")
    return "".join(out)


def render(result: Any, fmt: str) -> str:
    """The text of ``result`` in format ``fmt`` (table, json or csv)."""
    if fmt == "json":
        return json.dumps(_jsonable(result), indent=2, ensure_ascii=False)
    rows = rows_of(result)
    columns: list[str] = list({c: None for row in rows for c in row})
    # Cells are made a column at a time (cosgraph.cells.column_cells).
    digits = None if fmt == "csv" else TABLE_DIGITS
    by_column = [
        column_cells([row.get(c) for row in rows], digits=digits, guard=fmt == "csv")
        for c in columns
    ]
    cells = [list(line) for line in zip(*by_column, strict=True)] if by_column else []
    if fmt == "csv":
        return _csv_text([columns, *cells])
    if not rows:
        return "(nothing)"
    widths = [max(len(c), *map(len, col)) for c, col in zip(columns, by_column, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def emit(result: Any, fmt: str) -> None:
    """Print ``result`` in ``fmt`` to standard output, as the command's audience sees it."""
    seen = current_audience()
    if seen is None:
        click.echo(render(result, fmt).rstrip("\n"))
        return
    if fmt == "json":
        data = seen.mask(_jsonable(result))
        note = seen.notice()
        if isinstance(data, dict) and note is not None:
            data = {**data, "audience": note}
            note = None
        click.echo(render(data, fmt).rstrip("\n"))
        _note_on_stderr(seen if note is not None else None)
        return
    click.echo(render(seen.mask(rows_of(result)), fmt).rstrip("\n"))
    _note_on_stderr(seen)


def emit_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    """Print store query rows: masked, rows naming a hidden person last (their order
    in the query, often by id, would tell where the hidden id sorts)."""
    seen = current_audience()
    if seen is None:
        emit(rows, fmt)
        return
    click.echo(render(seen.mask_rows(rows), fmt).rstrip("\n"))
    _note_on_stderr(seen)


def _note_on_stderr(seen: Audience | None) -> None:
    line = seen.notice_line() if seen is not None else None
    if line:
        click.echo(line, err=True)

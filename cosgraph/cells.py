"""One cell of a table, CSV file or workbook: how a value is written, and read back.

:func:`cell_text` is the one way a value becomes the text of a cell (tables on the
terminal, CSV output, CSV exports, workbooks): nothing is blank, booleans are
``true``/``false`` (what ``cosgraph load`` reads), lists are joined by ``"; "`` and a
mapping is written ``key=value; ...`` (the form of a lever's ``needs``).

Every CSV and XLSX cell cosgraph writes goes through :func:`spreadsheet_cell`, the
guard against formula injection (OWASP, "CSV Injection"): text whose first character,
after any spaces, is ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
run as a formula by a spreadsheet, so it is written with one ``'`` in front, which a
spreadsheet shows as text.  Numbers (an ``int`` or a finite ``float``) are written as
they are: ``-3.5`` stays a number.

How the loaders read a cell's text is decided here too (:func:`text_kind`): a plain
number (no leading zero, no ``+``, no spaces around it: ``12``, ``-3.5``, ``1e-05``),
``true``/``false`` in any case, a blank (empty, or a marker R, SPSS and spreadsheets
write for "no value": :data:`MISSING_MARKERS`), or else text.  A CSV export writes an
attribute's text that would read as anything but text guarded the same way
(``spreadsheet_cell("12", keep_text=True)`` is ``'12``), so it loads back as text.

The loaders undo exactly that (:func:`unguarded`): a cell that starts with ``'``
followed by such text is read as the text after the ``'``, literally, as a
spreadsheet reads it: never a formula, never a number.  So ``'=1`` loads as the text
``=1`` and ``'-3`` as the text ``-3``.  Text that already starts with apostrophes
before such a character gets one more, so every text survives the round trip.

>>> spreadsheet_cell('=HYPERLINK("http://x","y")')
'\\'=HYPERLINK("http://x","y")'
>>> spreadsheet_cell(-3.5), spreadsheet_cell("-3.5"), spreadsheet_cell(True)
('-3.5', "'-3.5", 'true')
>>> unguarded("'=1"), unguarded("'x"), unguarded("=1"), unguarded("'NA"), unguarded("'007")
('=1', None, None, 'NA', None)
"""

from __future__ import annotations

import math
import re
from numbers import Real
from typing import Any, Literal

__all__ = [
    "FORMULA_STARTS",
    "MISSING_MARKERS",
    "TextKind",
    "cell_text",
    "spreadsheet_cell",
    "column_cells",
    "needs_guard",
    "text_kind",
    "unguarded",
]

#: First characters (after spaces) that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")

#: Written for "no value" by R, SPSS and spreadsheets; a CSV or workbook cell holding
#: one is blank (a value a typed format declares as text is kept, see the loaders).
MISSING_MARKERS = frozenset({"NA", "N/A", "n/a", "#N/A", "NaN", "nan", "NULL", "null"})

#: What a cell's text reads as.
TextKind = Literal["blank", "int", "float", "bool", "text"]

_PLAIN_INT = re.compile(r"0|-?[1-9][0-9]*")
_PLAIN_FLOAT = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+([eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)")


def text_kind(text: str) -> TextKind:
    """What the text of a CSV or workbook cell reads as, on its own.

    Only a plain number is a number: no leading zero (``007``, ``02139``), no ``+``,
    no spaces around it, finite.  Whether a column is numeric is decided from all its
    cells (:mod:`cosgraph.loaders.columns`).

    Examples
    --------
    >>> [text_kind(t) for t in ("12", "-3.5", "1e-05", "TRUE", "NA", " ")]
    ['int', 'float', 'float', 'bool', 'blank', 'blank']
    >>> [text_kind(t) for t in ("007", "02139", "+1", " 3", "-0", "1e999", "inf", "x")]
    ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text']
    """
    if not text.strip() or text in MISSING_MARKERS:
        return "blank"
    if _PLAIN_INT.fullmatch(text):
        return "int"
    if _PLAIN_FLOAT.fullmatch(text) and math.isfinite(float(text)):
        return "float"
    if text.lower() in ("true", "false"):
        return "bool"
    return "text"


def _reads_as_value(text: str) -> bool:
    """True when ``text``, or what follows its leading apostrophes, is not read as text."""
    return text_kind(text.lstrip("'")) != "text"


def cell_text(value: Any, *, digits: int | None = None) -> str:
    """``value`` as the text of one cell.

    Parameters
    ----------
    value : Any
        A scalar, a list (joined by ``"; "``) or a mapping (``key=value; ...``).
    digits : int, optional
        Significant digits of floats (``None``: every digit, so the value reloads).

    Examples
    --------
    >>> cell_text(None), cell_text(False), cell_text(["a", 2]), cell_text({"funding": 500.0})
    ('', 'false', 'a; 2', 'funding=500')
    >>> cell_text(2 / 3), cell_text(2 / 3, digits=3)
    ('0.6666666666666666', '0.667')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.{digits}g}" if digits is not None else str(value)
    if isinstance(value, list | tuple):
        return "; ".join(cell_text(v, digits=digits) for v in value)
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if isinstance(item, float) and item.is_integer():
                item = int(item)
            parts.append(f"{key}={cell_text(item, digits=digits)}")
        return "; ".join(parts)
    return str(value)


def needs_guard(text: str) -> bool:
    """True when a spreadsheet could take ``text`` for a formula (or it starts with
    apostrophes before such text, so that :func:`unguarded` must not eat one of them).

    >>> needs_guard("  +1"), needs_guard("''@x"), needs_guard("a-b"), needs_guard("")
    (True, True, False, False)
    """
    return text.lstrip("'").lstrip(" ")[:1] in FORMULA_STARTS


def spreadsheet_cell(value: Any, *, digits: int | None = None, keep_text: bool = False) -> str:
    """:func:`cell_text` of ``value``, guarded against formula injection.

    A number is never guarded; any other value's text is, when :func:`needs_guard`.
    With ``keep_text``, text (a ``str``) that would read as a number, ``true``/``false``
    or a blank (:func:`text_kind`) is guarded too, so that it loads back as text.

    >>> spreadsheet_cell("12"), spreadsheet_cell("12", keep_text=True), spreadsheet_cell(12)
    ('12', "'12", '12')
    """
    text = cell_text(value, digits=digits)
    number = isinstance(value, Real) and not isinstance(value, bool)
    if number and math.isfinite(value):
        return text
    guard = needs_guard(text) or (keep_text and isinstance(value, str) and _reads_as_value(text))
    return "'" + text if guard else text


def column_cells(values: list[Any], *, digits: int | None = None, guard: bool = False) -> list[str]:
    """The cells of one column: :func:`cell_text` of each value (:func:`spreadsheet_cell`
    with ``guard``), a whole column of plain numbers at once.

    >>> column_cells([1, 2.5, None]), column_cells([2 / 3, 1.0], digits=3)
    (['1', '2.5', ''], ['0.667', '1'])
    >>> column_cells(["=1", -2], guard=True)
    ["'=1", '-2']
    """
    if all(type(v) is int for v in values):  # never bools, never guarded
        return [str(v) for v in values]
    if all(type(v) is float for v in values) and all(map(math.isfinite, values)):
        if digits is None:
            return [str(v) for v in values]
        spec = f".{digits}g"
        return [format(v, spec) for v in values]
    if guard:
        return [spreadsheet_cell(v, digits=digits) for v in values]
    return [cell_text(v, digits=digits) for v in values]


def unguarded(cell: str) -> str | None:
    """The text a guarded cell stands for, or ``None`` when ``cell`` is not guarded.

    >>> unguarded("''=1"), unguarded("' -2"), unguarded("''12")
    ("'=1", ' -2', "'12")
    """
    if cell.startswith("'") and (needs_guard(cell[1:]) or _reads_as_value(cell[1:])):
        return cell[1:]
    return None

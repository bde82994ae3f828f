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

The loaders undo exactly that (:func:`unguarded`): a cell that starts with ``'``
followed by such text is read as the text after the ``'``, literally, as a
spreadsheet reads it: never a formula, never a number.  So ``'=1`` loads as the text
``=1`` and ``'-3`` as the text ``-3``.  Text that already starts with apostrophes
before such a character gets one more, so every text survives the round trip.

>>> spreadsheet_cell('=HYPERLINK("http://x","y")')
'\\'=HYPERLINK("http://x","y")'
>>> spreadsheet_cell(-3.5), spreadsheet_cell("-3.5"), spreadsheet_cell(True)
('-3.5', "'-3.5", 'true')
>>> unguarded("'=1"), unguarded("'x"), unguarded("=1")
('=1', None, None)
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

__all__ = ["FORMULA_STARTS", "cell_text", "spreadsheet_cell", "needs_guard", "unguarded"]

#: First characters (after spaces) that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")


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


def spreadsheet_cell(value: Any, *, digits: int | None = None) -> str:
    """:func:`cell_text` of ``value``, guarded against formula injection.

    A number is never guarded; any other value's text is, when :func:`needs_guard`.
    """
    text = cell_text(value, digits=digits)
    number = isinstance(value, Real) and not isinstance(value, bool)
    if number and math.isfinite(value):
        return text
    return "'" + text if needs_guard(text) else text


def unguarded(cell: str) -> str | None:
    """The text a guarded cell stands for, or ``None`` when ``cell`` is not guarded.

    >>> unguarded("''=1"), unguarded("' -2")
    ("'=1", ' -2')
    """
    if cell.startswith("'") and needs_guard(cell[1:]):
        return cell[1:]
    return None

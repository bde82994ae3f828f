"""cosgraph's errors: callers catch :class:`CosgraphError`, never bare ``Exception``.

A :class:`LoadError` carries every problem found in the input, each with the file,
line (or sheet and row) and field it concerns, so a facilitator can fix them all at
once.

>>> err = LoadError([SourceLocation(file="people.csv", line=3, field="power",
...                                 message="must be at most 5")])
>>> print(err)
people.csv, line 3, field 'power': must be at most 5
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

__all__ = [
    "CosgraphError",
    "LoadError",
    "in_reading_order",
    "SourceLocation",
    "StoreError",
    "QueryNotFound",
    "AnalysisError",
    "OverwriteError",
]


class CosgraphError(Exception):
    """Base of every error cosgraph raises on purpose."""


@dataclass(frozen=True)
class SourceLocation:
    """Where a value came from: file, sheet, line (1-based, header is line 1), field."""

    file: str
    line: int | None = None
    sheet: str | None = None
    field: str | None = None
    message: str = ""

    def with_message(self, field: str | None, message: str) -> SourceLocation:
        return replace(self, field=field, message=message)

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.line is not None:
            parts.append(f"{'row' if self.sheet else 'line'} {self.line}")
        if self.field:
            parts.append(f"field {self.field!r}")
        where = ", ".join(parts)
        return f"{where}: {self.message}" if self.message else where


def in_reading_order(
    problems: list[SourceLocation], sheet_order: Sequence[str] = ()
) -> list[SourceLocation]:
    """``problems`` sorted as a reader meets them: sheet, then row.

    A sheet (or a CSV file named like one, ``people.csv``) listed in ``sheet_order``
    comes in that order; the others keep the order in which they first appear in
    ``problems``.  Problems without a row come first in their sheet.

    >>> rows = [SourceLocation("a.xlsx", 9, "ties"), SourceLocation("a.xlsx", 3, "assets"),
    ...         SourceLocation("a.xlsx", 2, "ties")]
    >>> [(p.sheet, p.line) for p in in_reading_order(rows, ["people", "assets", "ties"])]
    [('assets', 3), ('ties', 2), ('ties', 9)]
    """
    rank = {name: i for i, name in enumerate(sheet_order)}
    seen: dict[tuple[str, str | None], int] = {}
    for p in problems:
        seen.setdefault((p.file, p.sheet), len(seen))

    def key(p: SourceLocation) -> tuple[int, int, int]:
        sheet = p.sheet if p.sheet is not None else PurePath(p.file).stem
        return (rank.get(sheet, len(rank)), seen[(p.file, p.sheet)], p.line or 0)

    return sorted(problems, key=key)


class LoadError(CosgraphError):
    """Input that cannot be loaded; ``problems`` lists every one found.

    ``partial``, when a reader sets it, is the map of the rows that passed their field
    checks (a :class:`cosgraph.model.CommunityMap` carrying these problems), so the
    reference checks that need a store can still run and report in the same round.
    """

    def __init__(self, problems: list[SourceLocation], *, partial: Any = None):
        self.problems = problems
        self.partial = partial
        shown = problems[:50]
        text = "\n".join(str(p) for p in shown)
        if len(problems) > len(shown):
            text += f"\n… and {len(problems) - len(shown)} more problems"
        super().__init__(text)


class StoreError(CosgraphError):
    """The store refused an operation (bad path, bad URI, failed statement)."""


class QueryNotFound(CosgraphError):
    """No named query of that name exists in ``queries/``."""


class AnalysisError(CosgraphError):
    """An analysis cannot run as asked (unknown team, bad option, missing data)."""


class OverwriteError(CosgraphError):
    """An output would write over the store, a load source or a file cosgraph did not
    write (see :mod:`cosgraph.overwrite`); ``--force`` (``force=True``) writes anyway."""

"""The rules for the options analyses take, checked the same way from Python and the CLI.

Every analysis function checks its own options with these, so
``detect_communities(T, resolution=float("nan"))`` is refused just as
``cosgraph analyze communities --resolution nan`` is; the CLI runs the same checks
while it parses its options, so a bad option still reads as a usage error there.

>>> check_resolution(0.5)
0.5
>>> check_resolution(float("nan"))
Traceback (most recent call last):
...
cosgraph.errors.AnalysisError: resolution must be a positive, finite number; got nan
>>> check_whole("top", 3), check_tie_types(["KNOWS", "TRUSTS"])
(3, ['KNOWS', 'TRUSTS'])
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from typing import Any

from cosgraph.errors import AnalysisError
from cosgraph.model import TieType

__all__ = [
    "check_resolution",
    "check_whole",
    "check_sample",
    "check_seed",
    "check_choice",
    "check_tie_types",
]


def check_resolution(resolution: Any) -> float:
    """A modularity resolution γ: a positive, finite number.

    Raises
    ------
    AnalysisError
        When ``resolution`` is not a number, not finite, or not above 0 (at 0 or
        below, or NaN, Leiden puts every node in one community or each alone).

    Examples
    --------
    >>> check_resolution(2)
    2.0
    >>> check_resolution(0)
    Traceback (most recent call last):
    ...
    cosgraph.errors.AnalysisError: resolution must be a positive, finite number; got 0
    """
    if (
        isinstance(resolution, bool)
        or not isinstance(resolution, numbers.Real)
        or not math.isfinite(float(resolution))
        or resolution <= 0
    ):
        raise AnalysisError(f"resolution must be a positive, finite number; got {resolution!r}")
    return float(resolution)


def check_whole(name: str, value: Any, *, minimum: int = 0) -> int:
    """A count option (``top``, ``k``, ``runs``...): a whole number of at least ``minimum``.

    Examples
    --------
    >>> check_whole("runs", 0, minimum=1)
    Traceback (most recent call last):
    ...
    cosgraph.errors.AnalysisError: runs must be a whole number of at least 1; got 0
    >>> check_whole("top", 2.5)
    Traceback (most recent call last):
    ...
    cosgraph.errors.AnalysisError: top must be a whole number of at least 0; got 2.5
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise AnalysisError(f"{name} must be a whole number of at least {minimum}; got {value!r}")
    return int(value)


def check_sample(sample: Any) -> int | None:
    """Pivots for approximate betweenness (``--sample``): None (exact), or at least 2
    (one pivot cannot estimate a pivot's own value; :mod:`cosgraph.analysis.sampling`).

    Examples
    --------
    >>> check_sample(None), check_sample(500)
    (None, 500)
    >>> check_sample(1)
    Traceback (most recent call last):
    ...
    cosgraph.errors.AnalysisError: sample must be a whole number of at least 2; got 1
    """
    return None if sample is None else check_whole("sample", sample, minimum=2)


def check_seed(seed: Any) -> int:
    """A random seed for Leiden: a whole number (the same seed gives the same partition).

    Examples
    --------
    >>> check_seed(7)
    7
    >>> check_seed("7")
    Traceback (most recent call last):
    ...
    cosgraph.errors.AnalysisError: seed must be a whole number; got '7'
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise AnalysisError(f"seed must be a whole number; got {seed!r}")
    return int(seed)


def check_choice(name: str, value: Any, choices: Iterable[str]) -> str:
    """An option that names one of a few ``choices`` (a model, a level ...).

    Examples
    --------
    >>> check_choice("model", "lt", ("ic", "lt"))
    'lt'
    >>> check_choice("model", "sir", ("ic", "lt"))
    Traceback (most recent call last):
    ...
    cosgraph.errors.AnalysisError: model must be one of 'ic', 'lt'; got 'sir'
    """
    allowed = tuple(choices)
    if value not in allowed:
        listing = ", ".join(repr(c) for c in allowed)
        raise AnalysisError(f"{name} must be one of {listing}; got {value!r}")
    return str(value)


def check_tie_types(types: Iterable[str]) -> list[str]:
    """Tie type names, each one of the model's :class:`~cosgraph.model.TieType`.

    A single string is one type.

    Examples
    --------
    >>> check_tie_types("KNOWS")
    ['KNOWS']
    >>> check_tie_types(["KNOWS", "LIKES"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cosgraph.errors.AnalysisError: unknown tie type LIKES; choose from KNOWS, TRUSTS, ...
    """
    names = [types] if isinstance(types, str) else [str(t) for t in types]
    unknown = [t for t in names if t not in TieType.__members__]
    if unknown:
        raise AnalysisError(
            f"unknown tie type {', '.join(unknown)}; choose from {', '.join(TieType)}"
        )
    return names

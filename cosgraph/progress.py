"""Progress of long work (load, metrics, spanners, simulate): a bar on standard error,
drawn only when a person is watching it.

The library's long functions take ``progress``, a :data:`Progress` callback they call
as ``progress(done, total)`` after each step (rows checked, metrics computed, runs
simulated).  They never draw anything themselves; the CLI hands them the callback
:func:`progress_bar` makes, which draws a tqdm bar on standard error when standard
error is a terminal and does nothing otherwise, so a pipe, a file or a test sees
only the command's output.

>>> import io
>>> with progress_bar("metrics", stream=io.StringIO()) as progress:
...     progress(1, 7)
...     progress(7, 7)
>>> report(None, 1, 2)  # no callback: nothing happens
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

__all__ = ["Progress", "progress_bar", "report"]

#: ``progress(done, total)``: called by long work after each step.
Progress = Callable[[int, int], None]


def report(progress: Progress | None, done: int, total: int) -> None:
    """Call ``progress(done, total)`` when there is a callback (a library helper)."""
    if progress is not None:
        progress(done, total)


@contextmanager
def progress_bar(
    description: str,
    *,
    unit: str = "step",
    min_total: int = 0,
    stream: TextIO | None = None,
) -> Iterator[Progress]:
    """A :data:`Progress` callback drawing a tqdm bar on ``stream`` (standard error).

    Parameters
    ----------
    description : str
        What the bar counts (``"metrics"``, ``"checking rows"``).
    unit : str
        The unit of ``done`` and ``total`` (``"step"``, ``"row"``, ``"run"``).
    min_total : int
        Work of fewer steps than this is too quick for a bar: none is drawn.
    stream : file, optional
        Where to draw; standard error by default.  Nothing is drawn unless it is a
        terminal (``isatty()``).

    Yields
    ------
    Progress
        The callback; the bar is closed (and wiped) when its work is done or the
        ``with`` block ends.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> with progress_bar("runs", unit="run", stream=out) as progress:
    ...     progress(500, 1000)
    >>> out.getvalue()  # not a terminal: nothing drawn
    ''
    """
    where = sys.stderr if stream is None else stream
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if total < min_total or not where.isatty():
                return
            from tqdm import tqdm

            bar = tqdm(total=total, desc=description, unit=unit, file=where, leave=False)
        bar.update(done - bar.n)
        if done >= total:  # done: wiped now, before anything else is printed
            bar.close()
            bar = None

    try:
        yield progress
    finally:
        if bar is not None:
            bar.close()

"""``Format``: a file format's name, how a path is told to be in it, its reader and writer.

An entry of the format registry (:mod:`cosgraph.formats`).  ``read`` turns a path into
a checked :class:`~cosgraph.model.CommunityMap`; ``write`` writes a projected map (an
``nx.MultiDiGraph`` the audience rule has already filtered) to a path.  Either may be
None for a one-way format.  ``loses`` says, one sentence each, what a write followed by
a read cannot bring back; the round-trip test holds every format to exactly that.

>>> from pathlib import Path
>>> fmt = Format("txt", (".txt",), None, None, None, "plain text")
>>> fmt.reads, fmt.writes, fmt.told_by
(False, False, '.txt')
>>> Format("Txt", (".txt",), None, None, None, "plain text")
Traceback (most recent call last):
...
ValueError: format name 'Txt' must be lower case letters and digits
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.loaders.rows import Progress
    from cosgraph.loaders.shape import TieShape
    from cosgraph.model import CommunityMap

__all__ = ["Format", "whole_file"]

_NAME = re.compile(r"^[a-z][a-z0-9]*$")
_SUFFIX = re.compile(r"^\.[a-z0-9]+$")


@dataclass(frozen=True)
class Format:
    """One file format cosgraph reads, writes, or both.

    Parameters
    ----------
    name : str
        What users type: ``cosgraph export --format NAME``, ``read_map(path, fmt=NAME)``.
    suffixes : tuple of str
        File suffixes that tell this format (``(".graphml",)``); empty for a folder.
    sniff : callable or None
        ``sniff(path)`` is True when the path is in this format whatever its suffix says
        (a folder; a JSON file holding Kumu's ``elements``).  Sniffs are tried before
        suffixes, each in registry order.
    read : callable or None
        ``read(path, progress, shape)`` -> a checked ``CommunityMap``; ``progress(done,
        total)``, when not None, may be called while rows are checked; ``shape`` (a
        :class:`~cosgraph.loaders.shape.TieShape` or None) says what the ties are.
        Raises ``LoadError``.
    write : callable or None
        ``write(G, path)``: write the projected map ``G`` to ``path``.
    title : str
        What the format is, in a few words, for help texts and README's table.
    loses : tuple of str
        What a write followed by a read cannot bring back, one sentence each; empty
        when the round trip is whole.
    """

    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[Path], bool] | None
    read: Callable[[Path, Progress | None, TieShape | None], CommunityMap] | None
    write: Callable[[nx.MultiDiGraph, Path], None] | None
    title: str
    loses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        bad = [f"format name {self.name!r} must be lower case letters and digits"]
        bad = bad if not _NAME.match(self.name) else []
        bad += [
            f"suffix {s!r} must be lower case and start with '.'"
            for s in self.suffixes
            if not _SUFFIX.match(s)
        ]
        if self.loses and not (self.reads and self.writes):
            bad.append(f"format {self.name!r} lists what a round trip loses but has none")
        if bad:
            raise ValueError("; ".join(bad))

    @property
    def reads(self) -> bool:
        """True when cosgraph can load this format."""
        return self.read is not None

    @property
    def writes(self) -> bool:
        """True when cosgraph can export this format."""
        return self.write is not None

    @property
    def told_by(self) -> str:
        """How a path is recognised: its suffixes, or ``a folder`` for a folder format."""
        return ", ".join(self.suffixes) or "a folder"


def whole_file(
    read: Callable[[Path, TieShape | None], Any],
) -> Callable[[Path, Progress | None, TieShape | None], CommunityMap]:
    """``read(path, shape)`` as a :class:`Format` reader: it checks the file in one go,
    no progress.

    >>> reader = whole_file(lambda path, shape: f"the map in {path.name}")
    >>> reader(Path("m.yaml"), None, None)
    'the map in m.yaml'
    """

    def read_whole(path: Path, progress: Progress | None, shape: TieShape | None) -> CommunityMap:
        cmap: CommunityMap = read(path, shape)
        return cmap

    return read_whole

"""Seeded igraph calls: igraph's random generator is one global, so seeding is serialised.

igraph draws every random choice (Leiden's node order, a layout's moves) from a single
process-wide generator, set with ``igraph.set_random_number_generator``.  Seeding a
call means swapping that global for ``random.Random(seed)`` and putting the default
(the :mod:`random` module) back afterwards.  Two threads doing it at once would draw
from each other's generator, or from the shared default, and lose reproducibility.
:func:`seeded_igraph` is the one place that swaps it, under a lock: seeded igraph calls
run one at a time across threads (they may nest in one thread), and each sees exactly
its own seed's stream.

>>> import igraph as ig
>>> g = ig.Graph.Famous("Zachary")
>>> with seeded_igraph(1):
...     a = g.community_leiden(objective_function="modularity").membership
>>> with seeded_igraph(1):
...     b = g.community_leiden(objective_function="modularity").membership
>>> a == b
True
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import igraph as ig

__all__ = ["seeded_igraph"]

_LOCK = threading.RLock()
#: Generators in force, innermost last; igraph's default is the :mod:`random` module.
_GENERATORS: list[Any] = [random]


@contextmanager
def seeded_igraph(seed: int) -> Iterator[random.Random]:
    """Run the block with igraph drawing from ``random.Random(seed)``, then restore.

    Parameters
    ----------
    seed : int
        Seed of the generator igraph draws from inside the block.

    Yields
    ------
    random.Random
        The generator in force (igraph's calls draw from it).

    Notes
    -----
    Holds a process-wide re-entrant lock for the whole block, so seeded igraph calls
    from several threads run one after another, never interleaved; an unseeded igraph
    call made meanwhile from another thread (outside this context manager) would still
    draw from the seeded generator, so every cosgraph call seeds through here.  Nested
    blocks in one thread restore the outer block's generator on exit.

    Examples
    --------
    >>> with seeded_igraph(7) as rng:
    ...     first = rng.random()
    >>> first == random.Random(7).random()
    True
    """
    with _LOCK:
        rng = random.Random(seed)
        _GENERATORS.append(rng)
        ig.set_random_number_generator(rng)
        try:
            yield rng
        finally:
            _GENERATORS.pop()
            ig.set_random_number_generator(_GENERATORS[-1])

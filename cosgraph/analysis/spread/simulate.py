"""Where a practice goes next: simulate it from chosen seeds, or choose the seeds.

The simulations of :mod:`cosgraph.analysis.simulation` and the seed selection of
:mod:`cosgraph.analysis.seed_selection` run on the adoption data's contacts turned
round (:func:`~cosgraph.analysis.spread.adoption.influence_graph`): influence flows
from the person named to the person who named them.

>>> import networkx as nx
>>> data = AdoptionData(nx.DiGraph([("learner", "teacher")]), {}, {})
>>> simulate_spread(data, seeds=["teacher"], p=1.0, runs=10, seed=0).mean
2.0
>>> [s.node for s in simulate_spread(data, choose=1, p=1.0, runs=10, seed=0).seeds]
['teacher']
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Literal

import numpy as np

from cosgraph.analysis.options import check_choice
from cosgraph.analysis.seed_selection import MODELS, SeedSelection, celf_seeds
from cosgraph.analysis.simulation import ReachResult, independent_cascade, linear_threshold
from cosgraph.analysis.spread.adoption import AdoptionData, influence_graph
from cosgraph.errors import AnalysisError
from cosgraph.progress import Progress

__all__ = ["simulate_spread"]


def simulate_spread(
    data: AdoptionData,
    *,
    model: Literal["ic", "lt"] = "ic",
    seeds: Iterable[Hashable] | None = None,
    choose: int | None = None,
    p: float = 0.1,
    runs: int = 1000,
    seed: int | np.random.Generator | None = 0,
    progress: Progress | None = None,
) -> ReachResult | SeedSelection:
    """Expected reach from ``seeds``, or the ``choose`` best seeds (CELF), on the contacts.

    Parameters
    ----------
    data : AdoptionData
    model : {"ic", "lt"}
        Independent cascade or linear threshold (uniform random thresholds,
        in-weights ``1 / in-degree``).
    seeds : iterable of nodes, optional
        Simulate from these.  Give exactly one of ``seeds`` and ``choose``.
    choose : int, optional
        Choose this many seeds greedily (:func:`~cosgraph.analysis.seed_selection.celf_seeds`).
    p : float
        Independent cascade: the chance a contact passes the practice on.
    runs : int
        Monte Carlo runs.
    seed : int or numpy.random.Generator, optional
        Random state; the same seed gives the same numbers.
    progress : Progress, optional
        Called as ``progress(done, total)`` as runs (or CELF's evaluations) are done
        (:mod:`cosgraph.progress`).

    Returns
    -------
    ReachResult or SeedSelection
        With ``seeds``, the reach of those seeds; with ``choose``, the seeds chosen.

    Raises
    ------
    AnalysisError
        When both or neither of ``seeds`` and ``choose`` are given, or ``model`` is
        neither ``"ic"`` nor ``"lt"``; the simulations' own errors for unknown
        seeds, ``p``, ``runs`` or ``seed``.
    """
    if (seeds is None) == (choose is None):
        raise AnalysisError(
            "give either --seeds (to simulate) or --choose K (to pick seeds); "
            "from Python, seeds= or choose="
        )
    check_choice("model", model, MODELS)
    flow = influence_graph(data)
    if choose is not None:
        return celf_seeds(flow, choose, model=model, p=p, runs=runs, seed=seed, progress=progress)
    start = list(seeds or ())
    if model == "ic":
        return independent_cascade(flow, start, p=p, runs=runs, seed=seed, progress=progress)
    return linear_threshold(flow, start, runs=runs, seed=seed, progress=progress)

"""One compiled copy of the actor tie graph, shared by metrics, communities and spanners.

:func:`compile_graph` reads a tie graph ``T`` (an ``nx.DiGraph``, see
:func:`cosgraph.analysis.views.tie_graph`) once into integer arrays, an igraph
``Graph`` for the directed ties and one for the undirected view, and sparse
adjacency matrices.  Every analysis that accepts ``compiled=`` reuses it, and
expensive kernels run on it are kept in its cache, so ``network_metrics`` and
``boundary_spanners`` on the same compiled graph compute betweenness once.

Node ``i`` of every compiled structure is ``ids[i]``, the ``i``-th node of ``T`` in
graph order; ``index`` maps back.

>>> import networkx as nx
>>> T = nx.DiGraph([("ana", "bo"), ("bo", "ana"), ("bo", "clinic")])
>>> C = compile_graph(T)
>>> C.ids, C.n_nodes, C.n_ties, C.n_pairs
(('ana', 'bo', 'clinic'), 3, 3, 2)
>>> C.index["clinic"]
2
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import igraph as ig
import networkx as nx
import numpy as np
import scipy.sparse as sps

from cosgraph.analysis.sampling import betweenness_pivots, sampled_betweenness_raw
from cosgraph.errors import CosgraphError
from cosgraph.progress import Progress

__all__ = [
    "CompiledGraph",
    "compile_graph",
    "resolve_compiled",
    "betweenness_raw",
    "normalized_betweenness",
]

_T = TypeVar("_T")


@dataclass(eq=False)
class CompiledGraph:
    """The tie graph as arrays and igraph graphs, indexed ``0 .. n_nodes - 1``.

    Attributes
    ----------
    ids : tuple
        Node ids in the order of ``T``; node ``i`` is ``ids[i]``.
    index : dict
        Id to index.
    sources, targets : numpy.ndarray
        The directed ties, one entry per edge of ``T`` (int64).
    weights : numpy.ndarray
        Each tie's ``weight`` (1.0 where the edge has none), float64.
    pair_sources, pair_targets : numpy.ndarray
        The undirected view: each pair of nodes tied in either direction once,
        ``pair_sources < pair_targets``, sorted.
    directed : igraph.Graph
        Directed graph with edges in the order of ``sources``/``targets``.
    undirected : igraph.Graph
        Simple undirected graph with edges in the order of the pairs.
    is_directed : bool
        False when compiled from an undirected ``nx.Graph``: each of its edges is then
        a tie in both directions in ``sources``/``targets`` and ``directed``.
    """

    ids: tuple[Hashable, ...]
    index: dict[Hashable, int]
    sources: np.ndarray
    targets: np.ndarray
    weights: np.ndarray
    pair_sources: np.ndarray
    pair_targets: np.ndarray
    directed: ig.Graph
    undirected: ig.Graph
    is_directed: bool = True
    _cache: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    @property
    def n_nodes(self) -> int:
        return len(self.ids)

    @property
    def n_ties(self) -> int:
        """Directed ties (edges of ``T``)."""
        return int(self.sources.shape[0])

    @property
    def n_pairs(self) -> int:
        """Pairs of nodes tied in either direction (edges of the undirected view)."""
        return int(self.pair_sources.shape[0])

    def cached(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """Return ``compute()``, computed once per ``key`` for this compiled graph.

        Callers must not mutate what they get back: it is shared.
        """
        if key not in self._cache:
            self._cache[key] = compute()
        result: _T = self._cache[key]
        return result

    def adjacency(self) -> sps.csr_array:
        """Directed 0/1 adjacency, ``A[u, v] = 1`` for a tie ``u -> v`` (CSR, float64)."""
        return self.cached("adjacency", lambda: self._matrix(np.ones(self.n_ties)))

    def weighted_adjacency(self) -> sps.csr_array:
        """Directed adjacency holding each tie's weight (CSR, float64)."""
        return self.cached("weighted_adjacency", lambda: self._matrix(self.weights))

    def undirected_adjacency(self) -> sps.csr_array:
        """Symmetric 0/1 adjacency of the undirected view (CSR, float64)."""

        def build() -> sps.csr_array:
            n = self.n_nodes
            rows = np.concatenate([self.pair_sources, self.pair_targets])
            cols = np.concatenate([self.pair_targets, self.pair_sources])
            return sps.csr_array((np.ones(rows.shape[0]), (rows, cols)), shape=(n, n))

        return self.cached("undirected_adjacency", build)

    def _matrix(self, values: np.ndarray) -> sps.csr_array:
        n = self.n_nodes
        return sps.csr_array((values, (self.sources, self.targets)), shape=(n, n))

    def matches(self, T: nx.DiGraph | nx.Graph) -> bool:
        """True when this was compiled from a graph with ``T``'s nodes (in order),
        direction and tie count."""
        return (
            len(T) == self.n_nodes
            and T.is_directed() == self.is_directed
            and T.number_of_edges() == (self.n_ties if self.is_directed else self.n_pairs)
            and all(a == b for a, b in zip(T, self.ids, strict=False))
        )


def compile_graph(T: nx.DiGraph | nx.Graph) -> CompiledGraph:
    """Compile the tie graph ``T`` once for the metrics, communities and spanners.

    Parameters
    ----------
    T : nx.DiGraph or nx.Graph
        The actor tie graph (:func:`cosgraph.analysis.views.tie_graph`).  It is
        read, never changed.  Edge ``weight`` is read where present (1.0 otherwise).
        An undirected graph's edges become ties both ways (``is_directed`` False).

    Returns
    -------
    CompiledGraph

    Raises
    ------
    CosgraphError
        If ``T`` is not a simple graph (a multigraph) or has a self-loop;
        :func:`tie_graph` never produces either.

    Examples
    --------
    >>> import networkx as nx
    >>> T = nx.DiGraph()
    >>> T.add_edge("a", "b", weight=2.0); T.add_edge("b", "a"); T.add_node("c")
    >>> C = compile_graph(T)
    >>> C.weights.tolist(), C.pair_sources.tolist(), C.pair_targets.tolist()
    ([2.0, 1.0], [0], [1])
    >>> C.undirected.vcount(), C.undirected.ecount(), C.directed.ecount()
    (3, 1, 2)

    Notes
    -----
    The undirected view joins ``u`` and ``v`` once when either ``u -> v`` or
    ``v -> u`` is a tie, as ``T.to_undirected()`` does.
    """
    if not isinstance(T, nx.Graph) or T.is_multigraph():
        raise CosgraphError(
            "the analyses need a simple tie graph (nx.DiGraph or nx.Graph) as tie_graph() "
            f"gives, not a {type(T).__name__}"
        )
    ids = tuple(T)
    index = {node: i for i, node in enumerate(ids)}
    edges = list(T.edges(data="weight", default=1.0))
    if not T.is_directed():
        edges += [(v, u, w) for u, v, w in edges]
    m = len(edges)
    sources = np.fromiter((index[u] for u, _, _ in edges), dtype=np.int64, count=m)
    targets = np.fromiter((index[v] for _, v, _ in edges), dtype=np.int64, count=m)
    weights = np.fromiter((w for _, _, w in edges), dtype=np.float64, count=m)
    if np.any(sources == targets):
        loop = ids[int(sources[np.argmax(sources == targets)])]
        raise CosgraphError(f"the tie graph has a self-loop at {loop!r}; tie_graph() drops them")
    n = len(ids)
    low = np.minimum(sources, targets)
    high = np.maximum(sources, targets)
    keys = np.unique(low * max(n, 1) + high)
    pair_sources = keys // max(n, 1)
    pair_targets = keys % max(n, 1)
    directed = ig.Graph(n=n, directed=True)
    directed.add_edges(np.column_stack([sources, targets]))
    undirected = ig.Graph(n=n, directed=False)
    undirected.add_edges(np.column_stack([pair_sources, pair_targets]))
    return CompiledGraph(
        ids=ids,
        index=index,
        sources=sources,
        targets=targets,
        weights=weights,
        pair_sources=pair_sources,
        pair_targets=pair_targets,
        directed=directed,
        undirected=undirected,
        is_directed=T.is_directed(),
    )


def resolve_compiled(T: nx.DiGraph | nx.Graph, compiled: CompiledGraph | None) -> CompiledGraph:
    """``compiled`` when it was built from ``T``; a fresh compile when it is None.

    Raises
    ------
    CosgraphError
        If ``compiled`` was built from another graph (other nodes, order or tie count).

    Examples
    --------
    >>> import networkx as nx
    >>> T = nx.DiGraph([(1, 2)])
    >>> C = compile_graph(T)
    >>> resolve_compiled(T, C) is C
    True
    >>> resolve_compiled(nx.DiGraph([(1, 2), (2, 3)]), C)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cosgraph.errors.CosgraphError: the compiled graph was built from another graph (2 nodes, ...
    """
    if compiled is None:
        return compile_graph(T)
    if not compiled.matches(T):
        raise CosgraphError(
            "the compiled graph was built from another graph "
            f"({compiled.n_nodes} nodes, {compiled.n_ties} ties; "
            f"this one has {len(T)} nodes, {T.number_of_edges()} ties)"
        )
    return compiled


def betweenness_raw(
    compiled: CompiledGraph,
    *,
    directed: bool,
    sample: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> np.ndarray:
    """Unnormalised, unweighted shortest-path betweenness per node index (igraph, cached).

    Directed: pairs ``(s, t)`` are ordered, as ``nx.betweenness_centrality(T,
    normalized=False)``.  Undirected: on the undirected view, each unordered pair
    once, as networkx on ``T.to_undirected()``.  Shared through the cache: do not
    mutate the array.  With ``sample=k`` (fewer than the nodes) the estimate from
    ``k`` pivots picked with ``seed``, as networkx's ``k=k, seed=seed``
    (:mod:`cosgraph.analysis.sampling`, which reports to ``progress``).

    Examples
    --------
    >>> import networkx as nx
    >>> C = compile_graph(nx.DiGraph([(0, 1), (1, 2), (2, 1)]))
    >>> betweenness_raw(C, directed=True).tolist(), betweenness_raw(C, directed=False).tolist()
    ([0.0, 1.0, 0.0], [0.0, 1.0, 0.0])
    """
    graph = compiled.directed if directed else compiled.undirected
    if sample is not None and sample < compiled.n_nodes:
        pivots = betweenness_pivots(compiled.ids, sample, seed)
        return compiled.cached(
            ("betweenness", directed, sample, seed),
            lambda: sampled_betweenness_raw(graph, pivots, directed=directed, progress=progress),
        )
    return compiled.cached(
        ("betweenness", directed),
        lambda: np.asarray(graph.betweenness(directed=directed), dtype=np.float64),
    )


def normalized_betweenness(
    compiled: CompiledGraph,
    *,
    directed: bool,
    sample: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> np.ndarray:
    """Betweenness scaled as networkx's ``normalized=True`` (``sample``, ``seed`` and
    ``progress`` as :func:`betweenness_raw`).

    Directed: ``raw / ((n-1)(n-2))``; undirected: ``2 raw / ((n-1)(n-2))``, so both
    are the share of the pairs that could pass through a node.  Unscaled when
    ``n <= 2`` (every value is 0 there).

    Examples
    --------
    >>> import networkx as nx
    >>> C = compile_graph(nx.DiGraph([(0, 1), (1, 2)]))
    >>> normalized_betweenness(C, directed=True).tolist()
    [0.0, 0.5, 0.0]
    >>> normalized_betweenness(C, directed=False).tolist()
    [0.0, 1.0, 0.0]
    """
    raw = betweenness_raw(compiled, directed=directed, sample=sample, seed=seed, progress=progress)
    n = compiled.n_nodes
    if n <= 2:
        return raw.copy()
    scale = 1.0 / ((n - 1) * (n - 2))
    return raw * (scale if directed else 2.0 * scale)

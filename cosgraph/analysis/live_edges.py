"""Live-edge worlds: the graph as CSR arrays, worlds sampled from a model, spread on them.

Kempe et al. show that the independent cascade and the linear threshold models
each amount to drawing a random *live-edge world* in advance (IC: edge
``(u, v)`` live with probability :math:`p_{uv}`; LT: each node keeps at most one
in-edge, ``(u, v)`` with probability :math:`b_{uv}`) and activating everyone a
live path joins to a seed.  This module holds what
:mod:`cosgraph.analysis.simulation` and :mod:`cosgraph.analysis.seed_selection`
share: :func:`csr_graph` (a graph as CSR arrays, nodes numbered in graph order),
the edge probabilities and weights read off it, the worlds sampled
(:func:`ic_live`, :func:`ic_worlds`, :func:`lt_worlds`) and the spreading on
them.  Its names are those two modules' internals, not a user API.

Runs are bits: word ``w`` holds runs ``64w .. 64w + 63``, so a world's edges are
``edges x words`` bits (:func:`pack_runs`), and a step of :func:`reach_bits` ORs
``active[u] & live[u -> v]`` into ``active[v]`` for 64 runs at a time.

>>> import networkx as nx
>>> graph = csr_graph(nx.DiGraph([("a", "b"), ("b", "c")]))
>>> live = pack_runs(np.array([[True, False], [True, True]]))  # run 0: a -> b; run 1: both
>>> edges = InEdges.of(graph)
>>> active = reach_bits(graph, edges, live[edges.order], graph.indices_of(["a"]))
>>> [part.tolist() for part in bit_counts(active, 2)]  # runs each node is in; nodes in each run
[[2, 2, 1], [2, 3]]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np

from cosgraph.errors import CosgraphError

__all__ = [
    "CSRGraph",
    "InEdges",
    "METHODS",
    "Method",
    "Model",
    "RUNS_PER_WORD",
    "Seed",
    "WORDS_PER_CHUNK",
    "as_generator",
    "bit_chunk",
    "bit_counts",
    "csr_graph",
    "edge_probabilities",
    "expand",
    "ic_live",
    "ic_worlds",
    "lt_weights",
    "lt_worlds",
    "pack_runs",
    "ranges",
    "reach_bits",
    "run_mask",
    "spread_frontier",
    "words_for",
]

#: A random state: an int, a :class:`numpy.random.Generator`, or None for a fresh one.
Seed = int | np.random.Generator | None
#: The models a result is for.
Model = Literal["independent_cascade", "linear_threshold"]
#: Independent cascade's kernels: runs as bits on live-edge worlds, or coins flipped step by step.
METHODS = ("bits", "reference")
Method = Literal["bits", "reference"]

#: Words of bits held at once: ``method="bits"`` simulates runs together keeping the
#: ``edges x words`` live bits near this; CELF keeps its scratch words and pieces near it.
WORDS_PER_CHUNK = 1 << 22
#: Runs held by one machine word.
RUNS_PER_WORD = 64
_ALL_RUNS = np.uint64(0xFFFF_FFFF_FFFF_FFFF)


@dataclass(frozen=True)
class CSRGraph:
    """A graph as CSR arrays: out-edges of node ``i`` are ``indptr[i]:indptr[i+1]``."""

    nodes: list[Hashable]
    index: dict[Hashable, int]
    indptr: np.ndarray
    indices: np.ndarray
    sources: np.ndarray

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return int(self.indices.size)

    def indices_of(self, seeds: Iterable[Hashable]) -> np.ndarray:
        wanted = list(dict.fromkeys(seeds))
        missing = [s for s in wanted if s not in self.index]
        if missing:
            raise CosgraphError(f"seeds not in the graph: {', '.join(map(repr, missing[:20]))}")
        return np.array([self.index[s] for s in wanted], dtype=np.int64)

    def edge_list(self) -> list[tuple[Hashable, Hashable]]:
        return [
            (self.nodes[u], self.nodes[v]) for u, v in zip(self.sources, self.indices, strict=True)
        ]


def csr_graph(G: nx.Graph) -> CSRGraph:
    """``G`` as CSR arrays, nodes numbered in graph order, each edge both ways if
    ``G`` is undirected and self-loops dropped; refuses a multigraph."""
    if G.is_multigraph():
        raise CosgraphError(
            "simulation needs a simple graph; merge parallel ties first (views.tie_graph)"
        )
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in G.edges() if u != v]
    if not G.is_directed():
        pairs += [(v, u) for u, v in pairs]
    arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    order = np.lexsort((arr[:, 1], arr[:, 0]))
    arr = arr[order]
    counts = np.bincount(arr[:, 0], minlength=len(nodes))
    indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return CSRGraph(nodes, index, indptr, arr[:, 1].copy(), arr[:, 0].copy())


def _edge_values(G: nx.Graph, graph: CSRGraph, attr: str, what: str) -> np.ndarray:
    values = []
    missing = []
    for u, v in graph.edge_list():
        value = G.edges[u, v].get(attr)
        if value is None or isinstance(value, bool):
            missing.append((u, v))
        else:
            values.append(float(value))
    if missing:
        raise CosgraphError(
            f"edge attribute {attr!r} ({what}) is missing on {len(missing)} edges, "
            f"e.g. {missing[0]!r}"
        )
    return np.array(values, dtype=float)


def edge_probabilities(G: nx.Graph, graph: CSRGraph, p: float | str) -> np.ndarray:
    """Each edge's probability (CSR order): ``p`` itself, or the edge attribute it
    names; every one in [0, 1]."""
    if isinstance(p, str):
        prob = _edge_values(G, graph, p, "probability")
    else:
        prob = np.full(graph.m, float(p))
    if np.any(~np.isfinite(prob)) or np.any((prob < 0) | (prob > 1)):
        raise CosgraphError("edge probabilities must lie in [0, 1]")
    return prob


def lt_weights(G: nx.Graph, graph: CSRGraph, weight: str | None) -> np.ndarray:
    """Each edge's LT weight (CSR order): the edge attribute ``weight``, or
    ``1 / in-degree`` of its target; every node's in-weights sum to at most 1."""
    in_degree = np.bincount(graph.indices, minlength=graph.n)
    if weight is None:
        return np.asarray(1.0 / in_degree[graph.indices], dtype=float)
    w = _edge_values(G, graph, weight, "weight")
    if np.any(~np.isfinite(w)) or np.any(w < 0):
        raise CosgraphError(f"edge weights {weight!r} must be finite and non-negative")
    incoming = np.bincount(graph.indices, weights=w, minlength=graph.n)
    over = np.flatnonzero(incoming > 1 + 1e-9)
    if over.size:
        names = ", ".join(repr(graph.nodes[i]) for i in over[:20])
        raise CosgraphError(f"in-weights must sum to at most 1; they exceed 1 at {names}")
    return w


def as_generator(seed: Seed) -> np.random.Generator:
    """``seed`` as a numpy Generator: a Generator as it is, a new one seeded by an int
    (or by fresh entropy for None)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise CosgraphError(f"seed must be an int or a numpy Generator; got {seed!r}")
    return np.random.default_rng(seed)


# --------------------------------------------------------------------------- worlds


def lt_worlds(
    graph: CSRGraph, weights: np.ndarray, runs: int, rng: np.random.Generator
) -> np.ndarray:
    """Live-edge worlds of the LT model: each node keeps in-edge (u, v) w.p. b_uv."""
    by_target = np.argsort(graph.indices, kind="stable")
    targets = graph.indices[by_target]
    running = np.cumsum(weights[by_target])
    first = np.searchsorted(targets, targets, side="left")
    within = running - np.concatenate(([0.0], running))[first]
    keys = targets + within  # node v's in-edges cover (v, v + sum_u b_uv]
    draws = np.arange(graph.n) + rng.random((runs, graph.n))
    pos = np.searchsorted(keys, draws, side="right")
    hit = pos < graph.m
    hit[hit] = targets[pos[hit]] == np.nonzero(hit)[1]
    live = np.zeros((runs, graph.m), dtype=bool)
    run_of, node_of = np.nonzero(hit)
    live[run_of, by_target[pos[run_of, node_of]]] = True
    return live


def ic_worlds(prob: np.ndarray, runs: int, rng: np.random.Generator) -> np.ndarray:
    """CELF's IC worlds as ``edges x words`` bits: edge ``e`` is live in a run w.p. ``prob[e]``.

    One uniform number per (run, edge), drawn run by run, 64 runs at a time to bound
    memory: the same worlds as ``rng.random((runs, edges)) < prob``.
    """
    live = np.empty((prob.size, words_for(runs)), dtype=np.uint64)
    for word in range(live.shape[1]):
        n_runs = min(RUNS_PER_WORD, runs - word * RUNS_PER_WORD)
        live[:, word] = pack_runs(rng.random((n_runs, prob.size)) < prob)[:, 0]
    return live


def pack_runs(live: np.ndarray) -> np.ndarray:
    """``runs x edges`` booleans as ``edges x words`` bits: run ``r`` is bit ``r % 64`` of word
    ``r // 64``, and the bits of runs beyond ``runs`` are clear."""
    runs, m = live.shape
    padded = np.zeros((words_for(runs) * RUNS_PER_WORD, m), dtype=bool)
    padded[:runs] = live
    packed = np.packbits(padded, axis=0, bitorder="little")  # byte j holds runs 8j .. 8j + 7
    return np.ascontiguousarray(packed.T).view("<u8").astype(np.uint64)


def ic_live(prob: np.ndarray, words: int, rng: np.random.Generator) -> np.ndarray:
    """Live-edge bits of the IC model: bit ``r`` of ``live[e, w]`` is set w.p. ``prob[e]``.

    Each bit compares a uniform number with the edge's probability, binary digit by
    binary digit from the top, drawing one random word per digit for 64 bits at
    once; a bit is decided at the first digit where the two differ (after two
    digits on average), so about ten words are drawn per 64 coins.  Exact for
    probabilities that are multiples of :math:`2^{-64}`.
    """
    m = prob.size
    live = np.zeros(m * words, dtype=np.uint64)
    certain = prob >= 1.0
    fraction = np.where(certain, 0.0, np.ldexp(prob, 64)).astype(np.uint64)
    # one probability for every edge (the usual case) stays a scalar
    level = fraction[0] if m and np.all(fraction == fraction[0]) else np.repeat(fraction, words)
    row = np.arange(m * words)  # flat (edge, word); dense until most rows are decided
    undecided = np.full(row.size, _ALL_RUNS)
    for shift in range(63, -1, -1):
        if not row.size:
            break
        digit = ((level >> np.uint64(shift)) & np.uint64(1)) * _ALL_RUNS
        coin = rng.integers(0, 1 << 64, size=row.size, dtype=np.uint64)
        below = undecided & ~coin & digit  # uniform's digit 0 where p's is 1: below p
        if row.size == live.size:
            live |= below
        else:
            live[row] |= below
        undecided &= ~(coin ^ digit)
        keep = undecided != 0
        if np.count_nonzero(keep) < keep.size // 2:
            row, undecided = row[keep], undecided[keep]
            if np.ndim(level):
                level = level[keep]
    bits = live.reshape(m, words)
    bits[certain] = _ALL_RUNS
    return bits


def words_for(runs: int) -> int:
    """Machine words that hold ``runs`` runs, one bit each."""
    return -(-runs // RUNS_PER_WORD)


def run_mask(runs: int) -> np.ndarray:
    """One word per 64 runs, with the bits of runs beyond ``runs`` cleared."""
    mask = np.full(words_for(runs), _ALL_RUNS)
    spare = mask.size * RUNS_PER_WORD - runs
    mask[-1] >>= np.uint64(spare)
    return mask


# --------------------------------------------------------------------------- spreading


def expand(graph: CSRGraph, r: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every out-edge of every (run, node) pair: (run, edge index) arrays."""
    which, edge = ranges(graph.indptr[u], graph.indptr[u + 1] - graph.indptr[u])
    return r[which], edge


def ranges(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every ``starts[i] + j`` for ``j < lengths[i]``: (``i``, that position) arrays."""
    ends = np.cumsum(lengths)
    which = np.repeat(np.arange(lengths.size), lengths)
    return which, np.repeat(starts - (ends - lengths), lengths) + np.arange(which.size)


def spread_frontier(
    graph: CSRGraph,
    active: np.ndarray,
    r: np.ndarray,
    u: np.ndarray,
    trial: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> np.ndarray:
    """Spread from the frontier (run ``r``, node ``u``) pairs, already active.

    ``trial(run, edge)`` says which edges transmit.  Marks the reached nodes in
    ``active`` and returns their flat indices ``run * n + node``.
    """
    n = graph.n
    flat_active = active.reshape(-1)
    reached = []
    while r.size:
        rr, edge = expand(graph, r, u)
        ok = trial(rr, edge)
        cells = rr[ok] * n + graph.indices[edge[ok]]
        cells = np.unique(cells[~flat_active[cells]])
        flat_active[cells] = True
        reached.append(cells)
        r, u = np.divmod(cells, n)
    return np.concatenate(reached) if reached else np.zeros(0, dtype=np.int64)


# --------------------------------------------------------------------------- runs as bits


def bit_chunk(graph: CSRGraph) -> int:
    """Runs simulated together by ``method="bits"``: a whole number of words."""
    return RUNS_PER_WORD * max(1, WORDS_PER_CHUNK // max(graph.m, graph.n, 1))


@dataclass(frozen=True)
class InEdges:
    """The edges sorted by target, the order live bits are kept in (a step ORs by target)."""

    order: np.ndarray  # order[i]: the CSR index of the i-th edge by target
    rank: np.ndarray  # rank[e]: where edge e (CSR order) stands by target
    sources: np.ndarray
    heads: np.ndarray  # nodes with in-edges ...
    first: np.ndarray  # ... and where each one's in-edges start

    @staticmethod
    def of(graph: CSRGraph) -> InEdges:
        order = np.argsort(graph.indices, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(order.size)
        heads, first = np.unique(graph.indices[order], return_index=True)
        return InEdges(order, rank, graph.sources[order], heads, first)


def _propagate(
    graph: CSRGraph,
    edges: InEdges,
    live: np.ndarray,
    active: np.ndarray,
    nodes: np.ndarray,
    bits: np.ndarray,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Spread from ``nodes``, newly active in the runs ``bits``, along live edges.

    ``live`` holds each edge's bits in the order of ``edges``.  Sets the runs' bits
    in ``active`` (``nodes x words``) step by step and returns what each step
    added: (distinct nodes, their new bits).
    """
    added = []
    while nodes.size:
        if 8 * int((graph.indptr[nodes + 1] - graph.indptr[nodes]).sum()) < graph.m:
            # a few out-edges: list them, in target order
            row, edge = expand(graph, np.arange(nodes.size), nodes)
            by_target = np.argsort(edges.rank[edge])
            edge = edges.rank[edge[by_target]]
            passed = bits[row[by_target]] & live[edge]
            target = graph.indices[edges.order[edge]]
            first = np.flatnonzero(np.diff(target, prepend=-1))
            nodes = target[first]
        else:  # most edges: every edge, the frontier's bits spread over all nodes
            step = np.zeros_like(active)
            step[nodes] = bits
            passed = np.take(step, edges.sources, axis=0)
            passed &= live
            nodes, first = edges.heads, edges.first
        if not nodes.size:
            break
        bits = np.bitwise_or.reduceat(passed, first, axis=0) & ~active[nodes]
        fresh = bits.any(axis=1)
        nodes, bits = nodes[fresh], bits[fresh]
        active[nodes] |= bits
        added.append((nodes, bits))
    return added


def reach_bits(graph: CSRGraph, edges: InEdges, live: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Who ends active in each run (``nodes x words`` bits), seeds ``start`` in all runs."""
    active = np.zeros((graph.n, live.shape[1]), dtype=np.uint64)
    active[start] = _ALL_RUNS
    _propagate(graph, edges, live, active, start, active[start])
    return active


def bit_counts(active: np.ndarray, runs: int) -> tuple[np.ndarray, np.ndarray]:
    """Runs each node is active in, and active nodes in each run, from ``nodes x words`` bits."""
    active = active & run_mask(runs)
    per_run = np.unpackbits(active.astype("<u8").view(np.uint8), axis=1, bitorder="little")
    per_node = np.bitwise_count(active).sum(axis=1, dtype=np.int64)
    return per_node, per_run[:, :runs].sum(axis=0, dtype=np.int64)

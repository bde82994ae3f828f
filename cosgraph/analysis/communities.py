"""Communities of the tie graph (Leiden, modularity), their make-up, and who bridges them.

>>> import networkx as nx
>>> T = nx.DiGraph()
>>> T.add_nodes_from("abc", kind="person"); T.add_nodes_from("xyz", kind="organization")
>>> T.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"),
...                   ("a", "x")])
>>> result = detect_communities(T, seed=1)
>>> [c.members for c in result.communities]
[['a', 'b', 'c'], ['x', 'y', 'z']]
>>> round(result.modularity, 4)
0.3571
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sps
from pydantic import BaseModel, Field

from cosgraph.analysis.compiled import CompiledGraph, resolve_compiled
from cosgraph.analysis.igraph_seed import seeded_igraph
from cosgraph.analysis.options import check_resolution, check_seed
from cosgraph.analysis.result import Result, Row

__all__ = [
    "detect_communities",
    "leiden_labels",
    "modularity_of",
    "CommunitiesResult",
    "CommunityMakeup",
    "Bridger",
]


class CommunityMakeup(BaseModel):
    """One community: its members and what they are."""

    community: int
    size: int
    internal_ties: int = Field(description="pairs tied inside the community (undirected view)")
    external_ties: int = Field(description="pairs with one end inside and one outside")
    by_kind: dict[str, int]
    by_sector: dict[str, int]
    by_tripod_role: dict[str, int]
    members: list[str]


class Bridger(BaseModel):
    """A node tied into at least two communities other than its own."""

    id: str
    kind: str | None
    community: int
    other_communities: int
    internal_ties: int
    ties_by_community: dict[int, int] = Field(
        description="neighbours in each other community (undirected view)"
    )


class CommunitiesResult(Result):
    """A Leiden partition of the tie graph's undirected view."""

    resolution: float
    seed: int
    modularity: float | None = Field(description="None when the graph has no ties")
    n_nodes: int
    n_pairs: int
    communities: list[CommunityMakeup]
    membership: dict[str, int]
    bridgers: list[Bridger]

    def table_rows(self) -> list[Row]:
        """One row per community, make-up written ``value=count; ...``."""
        rows: list[Row] = []
        for c in self.communities:
            rows.append(
                {
                    "community": c.community,
                    "size": c.size,
                    "internal_ties": c.internal_ties,
                    "external_ties": c.external_ties,
                    "kinds": _counts_text(c.by_kind),
                    "sectors": _counts_text(c.by_sector),
                    "tripod_roles": _counts_text(c.by_tripod_role),
                    "bridgers": sum(1 for b in self.bridgers if b.community == c.community),
                }
            )
        return rows

    def sections(self) -> dict[str, Callable[[], list[Row]]]:
        return {"communities": self.table_rows, "bridgers": self.bridger_rows}

    def bridger_rows(self) -> list[Row]:
        """One row per bridger."""
        return [
            {
                "id": b.id,
                "kind": b.kind,
                "community": b.community,
                "other_communities": b.other_communities,
                "internal_ties": b.internal_ties,
                "ties_by_community": _counts_text(
                    {str(k): v for k, v in b.ties_by_community.items()}
                ),
            }
            for b in self.bridgers
        ]


def _counts_text(counts: Mapping[str, int]) -> str:
    return "; ".join(f"{key}={value}" for key, value in counts.items())


def leiden_labels(compiled: CompiledGraph, *, resolution: float = 1.0, seed: int = 0) -> np.ndarray:
    """Community label per node index: Leiden, modularity objective, undirected view.

    Labels run ``0 .. k-1`` by decreasing community size, ties broken by the
    smallest member id (compared as text).  The same ``seed`` gives the same labels.

    Parameters
    ----------
    compiled : CompiledGraph
    resolution : float
        Modularity resolution γ, positive and finite; above 1 favours smaller
        communities.
    seed : int
        Seeds the random choices of Leiden.

    Returns
    -------
    numpy.ndarray
        int64 label of node ``i`` at position ``i``.  Shared through the compiled
        graph's cache: copy it before changing it.

    Raises
    ------
    AnalysisError
        When ``resolution`` is not a positive, finite number or ``seed`` is not a
        whole number.

    Examples
    --------
    >>> import networkx as nx
    >>> from cosgraph.analysis.compiled import compile_graph
    >>> T = nx.DiGraph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)])
    >>> T.add_node(6)
    >>> leiden_labels(compile_graph(T)).tolist()
    [0, 0, 0, 1, 1, 1, 2]

    Notes
    -----
    igraph's ``community_leiden`` (objective ``modularity``, iterated until the
    partition no longer changes) draws from igraph's random number generator, which
    is ``random.Random(seed)`` during the call
    (:func:`~cosgraph.analysis.igraph_seed.seeded_igraph`: seeded igraph calls are
    serialised across threads, so each sees its own seed's stream).

    References
    ----------
    .. [1] Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to
       Leiden: guaranteeing well-connected communities. Scientific Reports, 9, 5233.
    """
    resolution, seed = check_resolution(resolution), check_seed(seed)
    return compiled.cached(
        ("leiden", resolution, seed),
        lambda: _leiden(compiled, resolution, seed),
    )


def _leiden(compiled: CompiledGraph, resolution: float, seed: int) -> np.ndarray:
    with seeded_igraph(seed):
        clustering = compiled.undirected.community_leiden(
            objective_function="modularity", resolution=resolution, n_iterations=-1
        )
    raw = np.asarray(clustering.membership, dtype=np.int64)
    labels: np.ndarray = _renumber(raw, compiled.ids)
    return labels


def _renumber(raw: np.ndarray, ids: tuple[Hashable, ...]) -> np.ndarray:
    """Relabel 0..k-1 by decreasing size, then by smallest member id as text."""
    if raw.size == 0:
        return raw
    k = int(raw.max()) + 1
    sizes = np.bincount(raw, minlength=k)
    text_rank = np.empty(len(ids), dtype=np.int64)
    by_text = np.argsort(np.array([str(i) for i in ids], dtype=object), kind="stable")
    text_rank[by_text] = np.arange(len(ids))
    first = np.full(k, len(ids), dtype=np.int64)
    np.minimum.at(first, raw, text_rank)
    order = np.lexsort((first, -sizes))
    new_label = np.empty(k, dtype=np.int64)
    new_label[order] = np.arange(k)
    relabelled: np.ndarray = new_label[raw]
    return relabelled


def modularity_of(
    compiled: CompiledGraph, labels: np.ndarray, resolution: float = 1.0
) -> float | None:
    """Modularity of a partition of the undirected, unweighted view.

    ``Q = sum_c [ L_c / m - γ (D_c / 2m)^2 ]`` where ``m`` is the number of tied
    pairs, ``L_c`` the pairs inside community ``c`` and ``D_c`` the sum of its
    members' degrees; equal to ``nx.community.modularity(T.to_undirected(),
    communities, weight=None, resolution=γ)``.  None when there are no ties.

    Examples
    --------
    >>> import networkx as nx
    >>> from cosgraph.analysis.compiled import compile_graph
    >>> C = compile_graph(nx.DiGraph([(0, 1), (2, 3)]))
    >>> modularity_of(C, np.array([0, 0, 1, 1]))
    0.5
    """
    resolution = check_resolution(resolution)
    m = compiled.n_pairs
    if m == 0:
        return None
    k = int(labels.max()) + 1
    ls, lt = labels[compiled.pair_sources], labels[compiled.pair_targets]
    inside = np.bincount(ls[ls == lt], minlength=k)
    degree = np.bincount(compiled.pair_sources, minlength=compiled.n_nodes) + np.bincount(
        compiled.pair_targets, minlength=compiled.n_nodes
    )
    total_degree = np.bincount(labels, weights=degree, minlength=k)
    return float(np.sum(inside / m - resolution * (total_degree / (2.0 * m)) ** 2))


def detect_communities(
    T: nx.DiGraph | nx.Graph,
    *,
    resolution: float = 1.0,
    seed: int = 0,
    compiled: CompiledGraph | None = None,
) -> CommunitiesResult:
    """Find communities of the tie graph and describe them.

    Parameters
    ----------
    T : nx.DiGraph or nx.Graph
        The actor tie graph (:func:`cosgraph.analysis.views.tie_graph`); not mutated.
    resolution : float
        Modularity resolution γ, positive and finite (1.0 is classic modularity).
    seed : int
        Seed for Leiden; the same seed gives the same partition.
    compiled : CompiledGraph, optional
        A compiled copy of ``T`` (:func:`compile_graph`) to reuse.

    Returns
    -------
    CommunitiesResult
        ``communities`` in label order (largest first), each with its size, ties
        inside and across its border and its make-up; ``membership`` maps each id
        to its label; ``bridgers`` lists every node with neighbours in at least two
        other communities.

    Raises
    ------
    CosgraphError
        If ``T`` is not a simple directed graph, or ``compiled`` is of another graph;
        an :class:`~cosgraph.errors.AnalysisError` when ``resolution`` is not a
        positive, finite number or ``seed`` is not a whole number.

    Examples
    --------
    >>> import networkx as nx
    >>> T = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"),
    ...                 ("f", "d"), ("g", "h"), ("h", "i"), ("i", "g"),
    ...                 ("c", "k"), ("k", "d"), ("k", "g")])
    >>> result = detect_communities(T)
    >>> result.membership["k"] != result.membership["d"]
    True
    >>> [(b.id, b.other_communities) for b in result.bridgers]
    [('k', 2)]

    Notes
    -----
    Everything is read on the undirected, unweighted view: ``u`` and ``v`` are
    tied when either names the other.  The partition is igraph's Leiden with the
    modularity objective iterated to convergence (see :func:`leiden_labels`);
    ``modularity`` is that of the partition at the given ``resolution`` (see
    :func:`modularity_of`).  Make-up counts the members having each ``kind``,
    ``tripod_role`` and sector (a person's every entry in ``sectors``, an
    organization's ``sector``); members without a value are not counted.  A bridger
    (a person or an organization) is a node with neighbours in two or more
    communities other than its own; ``ties_by_community`` counts them.

    References
    ----------
    .. [1] Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to
       Leiden: guaranteeing well-connected communities. Scientific Reports, 9, 5233.
    .. [2] Newman, M. E. J. (2006). Modularity and community structure in networks.
       PNAS, 103(23), 8577-8582.
    """
    resolution, seed = check_resolution(resolution), check_seed(seed)
    C = resolve_compiled(T, compiled)
    labels = leiden_labels(C, resolution=resolution, seed=seed)
    n = C.n_nodes
    k = int(labels.max()) + 1 if n else 0
    ids = [str(i) for i in C.ids]
    data = [T.nodes[node] for node in C.ids]

    ls, lt = labels[C.pair_sources], labels[C.pair_targets]
    same = ls == lt
    internal = np.bincount(ls[same], minlength=k)
    external = np.bincount(ls[~same], minlength=k) + np.bincount(lt[~same], minlength=k)

    members: list[list[int]] = [[] for _ in range(k)]
    for i, label in enumerate(labels.tolist()):
        members[label].append(i)
    communities = [
        CommunityMakeup(
            community=c,
            size=len(members[c]),
            internal_ties=int(internal[c]),
            external_ties=int(external[c]),
            by_kind=_tally(data[i].get("kind") for i in members[c]),
            by_sector=_tally(s for i in members[c] for s in _sectors(data[i])),
            by_tripod_role=_tally(data[i].get("tripod_role") for i in members[c]),
            members=sorted(ids[i] for i in members[c]),
        )
        for c in range(k)
    ]

    # Neighbours of each node in each community: (undirected adjacency) @ (one-hot labels).
    one_hot = sps.csr_array((np.ones(n), (np.arange(n), labels)), shape=(n, max(k, 1)))
    by_community = sps.csr_array(C.undirected_adjacency() @ one_hot)
    bridgers = []
    for i in range(n):
        start, stop = by_community.indptr[i], by_community.indptr[i + 1]
        counts = dict(
            zip(
                by_community.indices[start:stop].tolist(),
                by_community.data[start:stop].astype(np.int64).tolist(),
                strict=True,
            )
        )
        own = int(labels[i])
        inside = counts.pop(own, 0)
        if len(counts) >= 2:
            kind = data[i].get("kind")
            bridgers.append(
                Bridger(
                    id=ids[i],
                    kind=None if kind is None else str(kind),
                    community=own,
                    other_communities=len(counts),
                    internal_ties=inside,
                    ties_by_community=dict(sorted(counts.items())),
                )
            )
    bridgers.sort(key=lambda b: (-b.other_communities, -sum(b.ties_by_community.values()), b.id))
    return CommunitiesResult(
        resolution=resolution,
        seed=seed,
        modularity=modularity_of(C, labels, resolution),
        n_nodes=n,
        n_pairs=C.n_pairs,
        communities=communities,
        membership=dict(zip(ids, labels.tolist(), strict=True)),
        bridgers=bridgers,
    )


def _sectors(data: Mapping[str, Any]) -> list[Any]:
    sectors = data.get("sectors")
    if isinstance(sectors, list | tuple):
        return list(sectors)
    sector = data.get("sector")
    return [] if sector is None else [sector]


def _tally(values: Iterable[Any]) -> dict[str, int]:
    counts = Counter(str(v) for v in values if v is not None and v != "")
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

"""Standard network metrics of the tie graph: what Kumu and Gephi show, per node.

Degree, betweenness, closeness, PageRank, eigenvector, clustering, 2-step reach and
a Leiden community label, computed on one compiled graph (see
:mod:`cosgraph.analysis.compiled`) and equal to networkx's values.

>>> import networkx as nx
>>> T = nx.DiGraph([("ana", "bo"), ("bo", "cy"), ("cy", "ana"), ("cy", "dee")])
>>> result = network_metrics(T)
>>> row = result.by_id()["cy"]
>>> row.in_degree, row.out_degree, row.reach_2, round(row.betweenness, 4)
(1, 2, 3, 0.5)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, Literal

import igraph as ig
import networkx as nx
import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla
from pydantic import BaseModel, Field

from cosgraph.analysis.communities import leiden_labels, modularity_of
from cosgraph.analysis.compiled import CompiledGraph, normalized_betweenness, resolve_compiled
from cosgraph.analysis.options import check_resolution, check_sample, check_seed, check_whole
from cosgraph.analysis.result import Result, Row, node_names, with_names
from cosgraph.analysis.views import SOCIAL_TIES, tie_graph
from cosgraph.errors import CosgraphError
from cosgraph.progress import Progress, report

__all__ = [
    "network_metrics",
    "compiled_metrics",
    "subgraph_where",
    "tie_graph_where",
    "MetricsResult",
    "NodeMetrics",
]

Kernel = Literal["compiled", "networkx"]

#: Components whose spectral radii differ by less than this (relative) tie.
_EIGEN_RTOL = 1e-9
#: Above this many strongly connected components, closeness counts who reaches a node
#: by one BFS per node instead of the bitset pass over the condensation.
_BITSET_COMPONENTS = 20_000


class NodeMetrics(BaseModel):
    """The metrics of one node (see :func:`network_metrics` for each convention)."""

    id: str
    in_degree: int
    out_degree: int
    degree: int
    betweenness: float
    closeness: float
    pagerank: float
    eigenvector: float
    clustering: float
    reach_2: int
    community: int


#: The metrics a ``where`` condition may name.
_METRIC_FIELDS = frozenset(NodeMetrics.model_fields) - {"id"}


class MetricsResult(Result):
    """Per-node metrics, highest PageRank first."""

    n_nodes: int
    n_ties: int
    seed: int
    resolution: float
    top: int | None
    kernel: Kernel
    directed: bool = True
    n_communities: int
    modularity: float | None
    nodes: list[NodeMetrics]
    #: id -> name of the nodes that have one: tables name them (not in JSON).
    names: dict[str, str] = Field(default_factory=dict, exclude=True)

    def table_rows(self) -> list[Row]:
        """One flat row per node, named first when nodes have names."""
        return with_names([node.model_dump() for node in self.nodes], self.names)

    def by_id(self) -> dict[str, NodeMetrics]:
        """The rows keyed by node id."""
        return {node.id: node for node in self.nodes}


def network_metrics(
    T: nx.DiGraph | nx.Graph,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    top: int | None = None,
    compiled: CompiledGraph | None = None,
    kernel: Kernel = "compiled",
    sample: int | None = None,
    progress: Progress | None = None,
) -> MetricsResult:
    """Degree, centralities, clustering, 2-step reach and community of every actor.

    Parameters
    ----------
    T : nx.DiGraph or nx.Graph
        The actor tie graph (:func:`cosgraph.analysis.views.tie_graph`), or any
        subgraph of it (``T.subgraph(...)``, :func:`subgraph_where`), or any simple
        networkx graph, directed or not; not mutated.  Edge ``weight`` weighs PageRank.
    seed : int
        Seed for the Leiden communities; the same seed gives the same labels.
    resolution : float
        Modularity resolution for the communities: positive and finite.
    top : int, optional
        Keep only the ``top`` nodes with the highest PageRank (all metrics are still
        computed on the whole graph).
    compiled : CompiledGraph, optional
        A compiled copy of ``T`` (:func:`compile_graph`) to reuse.
    kernel : {"compiled", "networkx"}
        ``"compiled"`` runs igraph/scipy; ``"networkx"`` runs networkx's own
        functions (slow; there to prove the two equal).  Communities always come from
        igraph's Leiden.
    sample : int, optional
        Approximate betweenness from this many pivots picked with ``seed``, as
        ``nx.betweenness_centrality(T, k=sample, seed=seed)`` (at least 2; a sample
        of every node is the exact value).  The expected error is in
        :mod:`cosgraph.analysis.sampling` (Brandes & Pich 2007).
    progress : Progress, optional
        Called as ``progress(done, 7)`` after each of the seven computations
        (:mod:`cosgraph.progress`).

    Returns
    -------
    MetricsResult
        One :class:`NodeMetrics` per node, by decreasing PageRank then id.

    Raises
    ------
    CosgraphError
        If ``T`` is not a simple directed graph, a tie weight is not positive
        (PageRank), or ``compiled`` is of another graph; an
        :class:`~cosgraph.errors.AnalysisError` when ``top`` is not a whole number
        of at least 0, ``resolution`` not a positive, finite number or ``seed`` not
        a whole number.

    Examples
    --------
    >>> import networkx as nx
    >>> T = nx.DiGraph([("hub", "a"), ("hub", "b"), ("a", "hub"), ("b", "hub"), ("b", "a")])
    >>> T.add_node("loner")
    >>> result = network_metrics(T, top=2)
    >>> [(n.id, n.degree, round(n.pagerank, 3)) for n in result.nodes]
    [('hub', 4, 0.412), ('a', 3, 0.317)]
    >>> loner = network_metrics(T).by_id()["loner"]
    >>> loner.closeness, loner.eigenvector, loner.reach_2
    (0.0, 0.0, 0)

    Notes
    -----
    ``n`` is the number of nodes; each convention equals networkx's:

    - ``in_degree``, ``out_degree``: ties in and out; ``degree`` is their sum, as
      ``T.degree`` counts on the directed graph.  On an undirected graph all three
      are ``T.degree``.

    On an undirected graph every convention below is networkx's on that graph
    (betweenness divided by ``(n-1)(n-2)/2``, closeness over all distances).
    - ``betweenness``: ``nx.betweenness_centrality(T)``: directed shortest paths,
      unweighted, the sum over ordered pairs ``s != v != t`` of the share of
      shortest ``s -> t`` paths through ``v``, divided by ``(n-1)(n-2)``.
    - ``closeness``: ``nx.closeness_centrality(T)``: distances *to* the node
      (incoming paths).  With ``r`` nodes able to reach it at total distance ``S``,
      ``(r / S) * (r / (n-1))`` (Wasserman-Faust scaling for graphs that are not
      strongly connected); 0 when nothing reaches it.
    - ``pagerank``: damping 0.85, a dangling node's rank spread uniformly, ties
      weighted by ``weight`` (networkx's default), solved exactly (igraph's PRPACK);
      equals ``nx.pagerank(T, tol=1e-12)``.
    - ``eigenvector``: leading eigenvector of the undirected view's adjacency
      (unweighted), positive, unit length, as ``nx.eigenvector_centrality_numpy``
      on a connected graph.  networkx refuses disconnected graphs; here the
      vector is that of the component(s) with the largest spectral radius and 0
      elsewhere.  When several components share that radius (say, two separate
      triangles, or no ties at all) each gets its own unit Perron vector divided
      by ``sqrt(k)`` for ``k`` such components, so the whole stays unit length.
    - ``clustering``: ``nx.clustering`` on the undirected view: triangles through
      the node over ``deg (deg - 1) / 2``; 0 below degree 2.
    - ``reach_2``: other nodes within two steps in the undirected view.
    - ``community``: Leiden label on the undirected view (:func:`leiden_labels`):
      0 is the largest community.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual
       clarification. Social Networks, 1(3), 215-239.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       Journal of Mathematical Sociology, 25(2), 163-177.
    .. [3] Wasserman, S., & Faust, K. (1994). Social Network Analysis. Cambridge
       University Press.
    .. [4] Page, L., Brin, S., Motwani, R., & Winograd, T. (1999). The PageRank
       citation ranking: bringing order to the web. Stanford InfoLab.
    .. [5] Bonacich, P. (1987). Power and centrality: a family of measures.
       American Journal of Sociology, 92(5), 1170-1182.
    """
    top = None if top is None else check_whole("top", top)
    sample = check_sample(sample)
    resolution, seed = check_resolution(resolution), check_seed(seed)
    if kernel not in ("compiled", "networkx"):
        raise CosgraphError(f"kernel must be 'compiled' or 'networkx', not {kernel!r}")
    C = resolve_compiled(T, compiled)
    return _metrics_of(
        C,
        seed=seed,
        resolution=resolution,
        top=top,
        kernel=kernel,
        T=T,
        sample=sample,
        progress=progress,
        names=node_names(T),
    )


def compiled_metrics(
    C: CompiledGraph,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    top: int | None = None,
    sample: int | None = None,
    progress: Progress | None = None,
    names: Mapping[str, str] | None = None,
) -> MetricsResult:
    """:func:`network_metrics` of a compiled tie graph, with no networkx graph at all.
    ``names`` (id -> name) name the nodes in tables.

    What ``cosgraph analyze metrics`` computes on a store's columns
    (:func:`cosgraph.analysis.columnar.projected_ties`); same conventions, same values.

    Examples
    --------
    >>> import numpy as np
    >>> from cosgraph.analysis.compiled import compile_arrays
    >>> C = compile_arrays(("a", "b"), np.array([0]), np.array([1]), np.ones(1))
    >>> [(n.id, n.in_degree) for n in compiled_metrics(C).nodes]
    [('b', 1), ('a', 0)]
    """
    top = None if top is None else check_whole("top", top)
    sample = check_sample(sample)
    resolution, seed = check_resolution(resolution), check_seed(seed)
    return _metrics_of(
        C,
        seed=seed,
        resolution=resolution,
        top=top,
        kernel="compiled",
        T=None,
        sample=sample,
        progress=progress,
        names=names or {},
    )


def _metrics_of(
    C: CompiledGraph,
    *,
    seed: int,
    resolution: float,
    top: int | None,
    kernel: Kernel,
    T: nx.DiGraph | nx.Graph | None,
    sample: int | None,
    progress: Progress | None,
    names: Mapping[str, str],
) -> MetricsResult:
    if np.any(C.weights <= 0):
        raise CosgraphError("PageRank needs positive tie weights; a tie has weight <= 0")
    n = C.n_nodes
    in_degree = np.bincount(C.targets, minlength=n)
    out_degree = np.bincount(C.sources, minlength=n)
    # an undirected tie is in both arrays once: each end's degree is counted once
    degree = in_degree + out_degree if C.is_directed else in_degree
    if T is None or kernel == "compiled":
        values = _compiled_kernels(C, sample, seed, progress)
    else:
        values = _networkx_kernels(T, C, sample, seed)
    labels = leiden_labels(C, resolution=resolution, seed=seed)
    report(progress, len(_KEYS) + 1, len(_KEYS) + 1)

    ids = [str(node) for node in C.ids]
    pagerank = values["pagerank"]
    order = sorted(range(n), key=lambda i: (-pagerank[i], ids[i]))
    if top is not None:
        order = order[:top]
    nodes = [
        NodeMetrics(
            id=ids[i],
            in_degree=int(in_degree[i]),
            out_degree=int(out_degree[i]),
            degree=int(degree[i]),
            betweenness=float(values["betweenness"][i]),
            closeness=float(values["closeness"][i]),
            pagerank=float(pagerank[i]),
            eigenvector=float(values["eigenvector"][i]),
            clustering=float(values["clustering"][i]),
            reach_2=int(values["reach_2"][i]),
            community=int(labels[i]),
        )
        for i in order
    ]
    return MetricsResult(
        n_nodes=n,
        n_ties=C.n_ties if C.is_directed else C.n_pairs,
        seed=seed,
        resolution=resolution,
        top=top,
        kernel=kernel,
        directed=C.is_directed,
        n_communities=int(labels.max()) + 1 if n else 0,
        modularity=modularity_of(C, labels, resolution),
        nodes=nodes,
        names=dict(names),
    )


def subgraph_where(
    T: nx.DiGraph | nx.Graph, metrics: MetricsResult | None = None, **attrs: Any
) -> nx.DiGraph | nx.Graph:
    """A read-only view of ``T`` on the nodes whose attributes match every ``attrs``.

    A node matches ``key=value`` when its ``key`` equals ``value`` or, for a list
    value such as ``sectors``, contains it.  With ``metrics``, a key the node data
    lacks is looked up in that node's metrics row (``community``, ``degree``, ...).

    Examples
    --------
    >>> import networkx as nx
    >>> T = nx.DiGraph()
    >>> T.add_node("ana", kind="person", sectors=["faith", "education"])
    >>> T.add_node("bo", kind="person", sectors=["faith"])
    >>> T.add_node("clinic", kind="organization", sector="health_care")
    >>> T.add_edges_from([("ana", "bo"), ("bo", "clinic")])
    >>> sorted(subgraph_where(T, kind="person", sectors="education"))
    ['ana']
    >>> people = subgraph_where(T, kind="person")
    >>> list(people.edges)
    [('ana', 'bo')]
    >>> sorted(subgraph_where(T, network_metrics(T), community=0))
    ['ana', 'bo', 'clinic']
    """
    rows: Mapping[str, NodeMetrics] = metrics.by_id() if metrics is not None else {}

    def value(node: Hashable, data: Mapping[str, Any], key: str) -> Any:
        if key in data:
            return data[key]
        row = rows.get(str(node))
        return getattr(row, key, None) if row is not None else None

    def matches(node: Hashable, data: Mapping[str, Any]) -> bool:
        for key, wanted in attrs.items():
            have = value(node, data, key)
            if isinstance(have, list | tuple | set | frozenset):
                if wanted not in have:
                    return False
            elif have != wanted:
                return False
        return True

    view: nx.DiGraph | nx.Graph = T.subgraph([n for n, d in T.nodes(data=True) if matches(n, d)])
    return view


def tie_graph_where(
    G: nx.MultiDiGraph,
    *,
    types: Iterable[str] = SOCIAL_TIES,
    where: Mapping[str, Any] | None = None,
) -> nx.DiGraph | nx.Graph:
    """The actor tie graph of ``types``, narrowed to the nodes matching ``where``.

    What ``cosgraph analyze metrics|communities|spanners --tie-type ... --where ...``
    read.  A ``where`` key naming a metric (``community=2``, ``degree=3``) that the
    node data lacks is matched against :func:`network_metrics` of the whole tie
    graph, computed for the purpose; other keys as in :func:`subgraph_where`.

    Raises
    ------
    AnalysisError
        When a name in ``types`` is not a tie type of the model.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["ana", "bo", "cy"], kind="person")
    >>> G.add_node("dee", kind="organization")
    >>> for u, v in [("ana", "bo"), ("bo", "ana"), ("cy", "dee"), ("dee", "cy")]:
    ...     _ = G.add_edge(u, v, key="KNOWS", type="KNOWS")
    >>> sorted(tie_graph_where(G, where={"kind": "person"}))
    ['ana', 'bo', 'cy']
    >>> sorted(tie_graph_where(G, where={"community": 1}))
    ['cy', 'dee']
    """
    T = tie_graph(G, types=types)
    if not where:
        return T
    metrics = network_metrics(T) if any(key in _METRIC_FIELDS for key in where) else None
    return subgraph_where(T, metrics, **where)


# --- compiled kernels -------------------------------------------------------------


def _compiled_kernels(
    C: CompiledGraph, sample: int | None, seed: int, progress: Progress | None
) -> dict[str, np.ndarray]:
    n = C.n_nodes
    if n == 0:
        return {key: np.zeros(0) for key in _KEYS}
    kernels: dict[str, Callable[[], np.ndarray]] = {
        "betweenness": lambda: normalized_betweenness(
            C, directed=C.is_directed, sample=sample, seed=seed
        ),
        "closeness": lambda: _closeness_in(C),
        "pagerank": lambda: np.asarray(
            C.directed.pagerank(damping=0.85, directed=True, weights=C.weights.tolist()),
            dtype=np.float64,
        ),
        "eigenvector": lambda: _eigenvector(C),
        "clustering": lambda: np.asarray(
            C.undirected.transitivity_local_undirected(mode="zero"), dtype=np.float64
        ),
        "reach_2": lambda: np.asarray(C.undirected.neighborhood_size(order=2), dtype=np.int64) - 1,
    }
    values = {}
    for done, (key, compute) in enumerate(kernels.items(), start=1):
        values[key] = compute()
        report(progress, done, len(kernels) + 1)  # + 1: the communities
    return values


_KEYS = ("betweenness", "closeness", "pagerank", "eigenvector", "clustering", "reach_2")


def _closeness_in(C: CompiledGraph) -> np.ndarray:
    """networkx's closeness: incoming distances, Wasserman-Faust scaled."""
    n = C.n_nodes
    if n < 2:
        return np.zeros(n)
    # igraph gives r / S over the r nodes that reach v (NaN when r = 0).
    inverse_mean = np.asarray(C.directed.closeness(mode="in", normalized=True), dtype=np.float64)
    reached_by = _reached_by(C)
    with np.errstate(invalid="ignore"):
        closeness = inverse_mean * reached_by / (n - 1)
    closeness[reached_by == 0] = 0.0
    result: np.ndarray = closeness
    return result


def _reached_by(C: CompiledGraph, bitset_components: int = _BITSET_COMPONENTS) -> np.ndarray:
    """For each node, how many other nodes have a directed path to it.

    Every node of a strongly connected component is reached by the same nodes: the
    other members and every member of an ancestor component in the condensation
    DAG.  Ancestor sets are propagated as bitsets in topological order, which costs
    ``O(c^2 / 64)`` for ``c`` components instead of one BFS per node.
    """
    n = C.n_nodes
    component = np.asarray(
        C.directed.connected_components(mode="strong").membership, dtype=np.int64
    )
    c = int(component.max()) + 1
    if c > bitset_components:
        return np.asarray(C.directed.neighborhood_size(order=n, mode="in"), dtype=np.int64) - 1
    sizes = np.bincount(component, minlength=c)
    cs, ct = component[C.sources], component[C.targets]
    cross = cs != ct
    keys = np.unique(ct[cross] * c + cs[cross])  # sorted by target component
    pred, succ = keys % c, keys // c
    starts = np.searchsorted(succ, np.arange(c + 1))
    dag = ig.Graph(n=c, edges=np.column_stack([pred, succ]).tolist(), directed=True)
    words = (c + 63) // 64
    ancestors = np.zeros((c, words), dtype=np.uint64)
    own = np.arange(c)
    ancestors[own, own // 64] = np.left_shift(np.uint64(1), (own % 64).astype(np.uint64))
    for q in dag.topological_sorting(mode="out"):
        lo, hi = starts[q], starts[q + 1]
        if hi > lo:
            ancestors[q] |= np.bitwise_or.reduce(ancestors[pred[lo:hi]], axis=0)
    reached = np.bitwise_count(ancestors).sum(axis=1).astype(np.int64)
    for p in np.flatnonzero(sizes > 1):
        bit = (ancestors[:, p // 64] >> np.uint64(p % 64)) & np.uint64(1)
        reached += (int(sizes[p]) - 1) * bit.astype(np.int64)
    result: np.ndarray = reached[component] - 1
    return result


def _eigenvector(C: CompiledGraph) -> np.ndarray:
    """Leading eigenvector of the undirected adjacency, split over tied components."""
    n = C.n_nodes
    A = C.undirected_adjacency()
    component = np.asarray(C.undirected.connected_components().membership, dtype=np.int64)
    k = int(component.max()) + 1
    degree = np.diff(A.indptr).astype(np.float64)
    sizes = np.bincount(component, minlength=k)
    max_degree = np.zeros(k)
    np.maximum.at(max_degree, component, degree)
    # sqrt(max degree) and mean degree bound a component's spectral radius from below,
    # its max degree from above: only components whose max degree reaches the best
    # lower bound can hold the largest radius.
    lower = np.maximum(np.sqrt(max_degree), np.bincount(component, weights=degree) / sizes)
    floor = lower.max() * (1 - _EIGEN_RTOL)
    candidates = np.flatnonzero(max_degree >= floor)
    by_component = np.argsort(component, kind="stable")
    bounds = np.searchsorted(component[by_component], np.arange(k + 1))

    def members(j: int) -> np.ndarray:
        result: np.ndarray = by_component[bounds[j] : bounds[j + 1]]
        return result

    perron = {int(j): _perron(A, members(int(j)), k == 1) for j in candidates}
    best = max(radius for radius, _ in perron.values())
    dominant = [j for j, (radius, _) in perron.items() if radius >= best * (1 - _EIGEN_RTOL)]
    centrality = np.zeros(n)
    for j in dominant:
        centrality[members(j)] = perron[j][1] / np.sqrt(len(dominant))
    return centrality


def _perron(A: sps.csr_array, members: np.ndarray, whole: bool) -> tuple[float, np.ndarray]:
    """Spectral radius and positive unit leading eigenvector of one component."""
    s = members.shape[0]
    if s == 1:
        return 0.0, np.ones(1)
    sub = A if whole else A[members][:, members]
    if s <= 256:
        eigenvalues, eigenvectors = np.linalg.eigh(sub.toarray())
        radius, vector = float(eigenvalues[-1]), eigenvectors[:, -1]
    else:
        eigenvalues, eigenvectors = spla.eigsh(sub, k=1, which="LA", v0=np.ones(s), tol=0)
        radius, vector = float(eigenvalues[0]), eigenvectors[:, 0]
    vector = vector / (np.sign(vector.sum()) * np.linalg.norm(vector))
    return radius, vector


# --- networkx reference kernels ---------------------------------------------------


def _networkx_kernels(
    T: nx.DiGraph | nx.Graph, C: CompiledGraph, sample: int | None, seed: int
) -> dict[str, np.ndarray]:
    ids = C.ids
    U = T.to_undirected(as_view=True)

    def column(values: Mapping[Hashable, float]) -> np.ndarray:
        return np.array([values[node] for node in ids], dtype=np.float64)

    reach = {
        node: len(nx.single_source_shortest_path_length(U, node, cutoff=2)) - 1 for node in ids
    }
    pivots = sample if sample is not None and sample < len(T) else None
    return {
        "betweenness": column(nx.betweenness_centrality(T, k=pivots, seed=seed)),
        "closeness": column(nx.closeness_centrality(T)),
        "pagerank": column(nx.pagerank(T, alpha=0.85, tol=1e-12, max_iter=10_000)),
        "eigenvector": column(_networkx_eigenvector(U)),
        "clustering": column(nx.clustering(U)),
        "reach_2": np.array([reach[node] for node in ids], dtype=np.int64),
    }


def _networkx_eigenvector(U: nx.Graph) -> dict[Hashable, float]:
    """networkx's eigenvector centrality per component, combined as documented."""
    parts: list[tuple[float, dict[Hashable, float]]] = []
    for members in nx.connected_components(U):
        sub = U.subgraph(members)
        if len(members) < 3:  # scipy's eigs needs 3 nodes; K1 has radius 0, K2 radius 1
            share = 1 / np.sqrt(len(members))
            parts.append((float(len(members) - 1), dict.fromkeys(members, share)))
            continue
        vector = nx.eigenvector_centrality_numpy(sub)
        radius = sum(2 * vector[u] * vector[v] for u, v in sub.edges)  # Rayleigh quotient
        parts.append((radius, vector))
    result: dict[Hashable, float] = dict.fromkeys(U, 0.0)
    if not parts:
        return result
    best = max(radius for radius, _ in parts)
    dominant = [vector for radius, vector in parts if radius >= best * (1 - _EIGEN_RTOL)]
    for vector in dominant:
        for node, value in vector.items():
            result[node] = value / np.sqrt(len(dominant))
    return result

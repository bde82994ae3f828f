"""Boundary spanners: who links the sectors, groups and places of a community.

Per node: betweenness, Burt's constraint and effective size, Gould-Fernandez
brokerage roles by any node attribute, articulation points; per graph: bridges and
the Krackhardt-Stern E-I index of every group.

>>> import networkx as nx
>>> T = nx.DiGraph([("nurse", "pastor"), ("pastor", "teacher"), ("teacher", "pastor")])
>>> T.nodes["nurse"]["sector"] = "health_care"
>>> T.nodes["pastor"]["sector"] = "faith"
>>> T.nodes["teacher"]["sector"] = "education"
>>> pastor = boundary_spanners(T).by_id()["pastor"]
>>> pastor.brokerage.liaison, pastor.articulation_point
(1, True)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sps
from pydantic import BaseModel, Field

from cosgraph.analysis.compiled import (
    CompiledGraph,
    betweenness_raw,
    normalized_betweenness,
    resolve_compiled,
)
from cosgraph.analysis.options import check_sample, check_seed
from cosgraph.analysis.result import Result, Row, node_names, with_names
from cosgraph.errors import AnalysisError, CosgraphError
from cosgraph.progress import Progress, report

__all__ = [
    "boundary_spanners",
    "compiled_spanners",
    "check_group_values",
    "group_columns",
    "group_of_attribute",
    "check_group_attribute",
    "SpannersResult",
    "SpannerNode",
    "SpannerBetweenness",
    "BrokerageRoles",
    "GroupEI",
]

GroupOf = Callable[[Mapping[str, Any]], Hashable | None]


class SpannerBetweenness(BaseModel):
    """Betweenness four ways: directed ties or the undirected view, scaled or raw."""

    directed: float = Field(description="nx.betweenness_centrality(T)")
    directed_raw: float = Field(description="shortest paths between ordered pairs through the node")
    undirected: float = Field(description="nx.betweenness_centrality(T.to_undirected())")
    undirected_raw: float = Field(description="shortest paths between unordered pairs")


class BrokerageRoles(BaseModel):
    """Gould-Fernandez brokerage counts (open two-paths ``a -> broker -> c``)."""

    coordinator: int = Field(description="w_I: a, broker, c all in one group")
    itinerant: int = Field(description="w_O: a and c in one group, the broker in another")
    representative: int = Field(description="b_IO: broker in a's group, c outside it")
    gatekeeper: int = Field(description="b_OI: broker in c's group, a outside it")
    liaison: int = Field(description="b_O: a, broker and c in three different groups")
    total: int


class SpannerNode(BaseModel):
    id: str
    group: str | None
    betweenness: SpannerBetweenness
    constraint: float | None = Field(description="Burt's constraint; None for an isolate")
    effective_size: float | None = Field(description="Burt's effective size; None for an isolate")
    brokerage: BrokerageRoles
    articulation_point: bool


class GroupEI(BaseModel):
    """Ties of one group's members inside and outside it (undirected distinct pairs)."""

    group: str
    size: int
    internal_ties: int
    external_ties: int
    ei_index: float | None = Field(description="(external - internal) / (external + internal)")


class SpannersResult(Result):
    """Boundary spanners of a tie graph, by one grouping of its nodes."""

    by: str
    n_nodes: int
    n_ties: int
    nodes: list[SpannerNode]
    bridges: list[tuple[str, str]]
    groups: list[GroupEI]
    ei_index: float | None = Field(description="E-I index of the whole graph, over grouped pairs")
    #: id -> name of the nodes that have one: tables name them (not in JSON).
    names: dict[str, str] = Field(default_factory=dict, exclude=True)

    def table_rows(self) -> list[Row]:
        """One flat row per node, named first when nodes have names."""
        rows: list[Row] = []
        for node in self.nodes:
            row: Row = {"id": node.id, "group": node.group}
            row.update({f"betweenness_{k}": v for k, v in node.betweenness.model_dump().items()})
            row["constraint"] = node.constraint
            row["effective_size"] = node.effective_size
            row.update(node.brokerage.model_dump())
            row["articulation_point"] = node.articulation_point
            rows.append(row)
        return with_names(rows, self.names)

    def sections(self) -> dict[str, Callable[[], list[Row]]]:
        return {"nodes": self.table_rows, "groups": self.group_rows, "bridges": self.bridge_rows}

    def group_rows(self) -> list[Row]:
        """One row per group: its E-I index."""
        return [group.model_dump() for group in self.groups]

    def bridge_rows(self) -> list[Row]:
        """One row per bridge, ``from`` and ``to`` its ends."""
        return [{"from": a, "to": b} for a, b in self.bridges]

    def by_id(self) -> dict[str, SpannerNode]:
        return {node.id: node for node in self.nodes}


def group_of_attribute(by: str) -> GroupOf:
    """The group a node's data puts it in, read from the attribute ``by``.

    A list value counts by its first entry; when ``by`` is absent, the first entry
    of the list attribute ``by + "s"`` is used, so ``by="sector"`` reads an
    organization's ``sector`` and a person's first ``sectors``.  No value (or an
    empty one) is no group.

    Examples
    --------
    >>> sector = group_of_attribute("sector")
    >>> sector({"sector": "faith"}), sector({"sectors": ["education", "faith"]}), sector({})
    ('faith', 'education', None)
    """

    def group_of(data: Mapping[str, Any]) -> Hashable | None:
        value = data.get(by)
        if value is None:
            plural = data.get(by + "s")
            value = plural if isinstance(plural, list | tuple) else None
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if value is None or value == "":
            return None
        return str(value)

    return group_of


def group_columns(by: str) -> tuple[str, str]:
    """The node attributes :func:`group_of_attribute` reads: ``by`` and its plural.

    >>> group_columns("sector")
    ('sector', 'sectors')
    """
    return by, by + "s"


def check_group_attribute(T: nx.Graph, by: str) -> str:
    """``by``, when it puts at least one node of ``T`` in a group.

    :func:`boundary_spanners` itself takes any ``by`` (with one no node has, every
    node is ungrouped and brokers nothing); call this first where ``by`` was chosen
    by a person, as ``cosgraph analyze spanners --by`` does.

    Raises
    ------
    AnalysisError
        When no node has a group by ``by`` (read as :func:`group_of_attribute` reads it).

    Examples
    --------
    >>> T = nx.DiGraph([("ana", "bo")])
    >>> T.nodes["ana"]["sectors"] = ["faith"]
    >>> check_group_attribute(T, "sector")
    'sector'
    >>> check_group_attribute(T, "city")
    Traceback (most recent call last):
    ...
    cosgraph.errors.AnalysisError: no node has the attribute 'city'
    """
    group_of = group_of_attribute(by)
    return check_group_values([group_of(data) for _, data in T.nodes(data=True)], by)


def check_group_values(groups: Sequence[Hashable | None], by: str) -> str:
    """``by``, when ``groups`` (each node's group by ``by``) puts a node in a group.

    Raises
    ------
    AnalysisError
        When every group is None, as :func:`check_group_attribute` says.

    Examples
    --------
    >>> check_group_values([None, "faith"], "sector")
    'sector'
    """
    if all(group is None for group in groups):
        raise AnalysisError(f"no node has the attribute {by!r}")
    return by


def boundary_spanners(
    T: nx.DiGraph | nx.Graph,
    by: str = "sector",
    *,
    group_of: GroupOf | None = None,
    weight: str | None = None,
    compiled: CompiledGraph | None = None,
    sample: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> SpannersResult:
    """Betweenness, structural holes, brokerage roles and bridges of the tie graph.

    Parameters
    ----------
    T : nx.DiGraph or nx.Graph
        The actor tie graph (:func:`cosgraph.analysis.views.tie_graph`); not mutated.
    by : str
        Node attribute that names each node's group (see :func:`group_of_attribute`).
    group_of : callable, optional
        ``group_of(node_data) -> group or None``, used instead of ``by``.
    weight : str, optional
        Edge attribute weighting constraint and effective size (unweighted if None).
    compiled : CompiledGraph, optional
        A compiled copy of ``T`` (:func:`compile_graph`) to reuse.
    sample, seed : int, optional
        Approximate both betweenness values from ``sample`` pivots picked with
        ``seed``, as ``nx.betweenness_centrality(T, k=sample, seed=seed)``
        (:mod:`cosgraph.analysis.sampling`: its expected error, Brandes & Pich 2007).
    progress : Progress, optional
        Called as ``progress(done, 4)`` after each of the four computations
        (:mod:`cosgraph.progress`).

    Returns
    -------
    SpannersResult
        ``nodes`` by decreasing directed betweenness, then id; ``bridges`` as sorted
        id pairs; ``groups`` by name.

    Raises
    ------
    CosgraphError
        If ``T`` is not a simple directed graph, a ``weight`` is not positive, or
        ``compiled`` is of another graph.

    Examples
    --------
    >>> import networkx as nx
    >>> T = nx.DiGraph([("a1", "b1"), ("b1", "a2"), ("a2", "c1"), ("c1", "a2")])
    >>> for node in T:
    ...     T.nodes[node]["team"] = node[0]
    >>> result = boundary_spanners(T, by="team")
    >>> b1 = result.by_id()["b1"]
    >>> b1.brokerage.itinerant, b1.betweenness.directed_raw
    (1, 2.0)
    >>> result.bridges
    [('a1', 'b1'), ('a2', 'b1'), ('a2', 'c1')]
    >>> [(g.group, g.internal_ties, g.external_ties, g.ei_index) for g in result.groups]
    [('a', 0, 3, 1.0), ('b', 0, 2, 1.0), ('c', 0, 1, 1.0)]

    Notes
    -----
    **Betweenness** is networkx's shortest-path betweenness (unweighted) on the
    directed ties and on the undirected view, raw and normalised (directed: divided
    by ``(n-1)(n-2)``; undirected: pairs counted once, then ``2/((n-1)(n-2))``).

    **Constraint and effective size** are Burt's, exactly as networkx's
    ``constraint`` and ``effective_size`` on the directed graph: with mutual weight
    ``a_uv + a_vu`` and ``p_uv`` its share of ``u``'s mutual weights over ``u``'s
    in- and out-neighbours ``N(u)``, ``c(u) = sum_{v in N(u)} (p_uv + sum_w p_uw
    p_wv)^2`` and ``e(u) = sum_{v in N(u)} (1 - sum_w p_uw m_vw)`` where ``m_vw`` is
    the mutual weight of ``v`` and ``w`` over ``v``'s largest.  None for an isolate.

    **Brokerage** follows Gould and Fernandez (1989) as R's ``sna::brokerage``
    counts it: broker ``b`` mediates ``a -> b -> c`` when both ties exist, ``a !=
    c`` and there is no tie ``a -> c`` (a tie ``c -> a`` does not close it).  With
    groups ``g``: coordinator (``w_I``) ``g(a) = g(b) = g(c)``; itinerant
    (``w_O``) ``g(a) = g(c) != g(b)``; representative (``b_IO``) ``g(a) = g(b) !=
    g(c)``, the broker passes its own group's contact out; gatekeeper (``b_OI``)
    ``g(a) != g(b) = g(c)``, the broker lets an outsider's contact in; liaison
    (``b_O``) three different groups.  Raw counts.  A node without a group brokers
    nothing and no two-path through or to it is counted.

    **Articulation points** and **bridges** are those of the undirected view.

    **An undirected** ``T`` (``nx.Graph``, or a network loaded with ``--undirected``)
    is read as each edge a tie both ways: its ``directed`` betweenness columns are its
    own undirected ones, and constraint and effective size equal networkx's on ``T``.

    **E-I index** (Krackhardt and Stern 1988) of group ``G``: over distinct pairs of
    tied nodes (either direction, counted once), ``I`` pairs with both ends in
    ``G`` and ``E`` pairs with one end in ``G`` and the other in another group,
    ``(E - I) / (E + I)``, None without such pairs; -1 is all inward, +1 all
    outward.  Pairs with an ungrouped node are left out.  ``ei_index`` of the
    result applies the same to every grouped pair.

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. Sociological Methodology, 19,
       89-126.
    .. [2] Burt, R. S. (1992). Structural Holes: The Social Structure of Competition.
       Harvard University Press.
    .. [3] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
       organizational crises: an experimental simulation. Social Psychology
       Quarterly, 51(2), 123-140.
    .. [4] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       Journal of Mathematical Sociology, 25(2), 163-177.
    """
    C = resolve_compiled(T, compiled)
    sample = check_sample(sample)
    seed = check_seed(seed)
    read_group = group_of if group_of is not None else group_of_attribute(by)
    raw_groups = [read_group(T.nodes[node]) for node in C.ids]
    result = _spanners_of(
        C, by, raw_groups, _tie_weights(T, C, weight), sample=sample, seed=seed, progress=progress
    )
    result.names = node_names(T)
    return result


def compiled_spanners(
    C: CompiledGraph,
    groups: Sequence[Hashable | None],
    by: str = "sector",
    *,
    sample: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
    names: Mapping[str, str] | None = None,
) -> SpannersResult:
    """:func:`boundary_spanners` of a compiled tie graph (unweighted constraint), with
    ``groups[i]`` the group of node ``i`` (None: no group) and no networkx graph at all.

    What ``cosgraph analyze spanners`` computes on a store's columns
    (:func:`cosgraph.analysis.columnar.projected_ties`); same conventions, same values.

    Examples
    --------
    >>> import numpy as np
    >>> from cosgraph.analysis.compiled import compile_arrays
    >>> C = compile_arrays(("a", "b", "c"), np.array([0, 1]), np.array([1, 2]), np.ones(2))
    >>> compiled_spanners(C, ["x", "y", "z"]).by_id()["b"].brokerage.liaison
    1
    """
    if len(groups) != C.n_nodes:
        raise CosgraphError(f"{len(groups)} groups for {C.n_nodes} nodes")
    result = _spanners_of(
        C,
        by,
        groups,
        _tie_weights(None, C, None),
        sample=check_sample(sample),
        seed=check_seed(seed),
        progress=progress,
    )
    result.names = dict(names or {})
    return result


def _spanners_of(
    C: CompiledGraph,
    by: str,
    raw_groups: Sequence[Hashable | None],
    tie_weights: np.ndarray,
    *,
    sample: int | None,
    seed: int,
    progress: Progress | None,
) -> SpannersResult:
    n = C.n_nodes
    names = sorted({str(g) for g in raw_groups if g is not None})
    code_of = {name: i for i, name in enumerate(names)}
    codes = np.array(
        [-1 if g is None else code_of[str(g)] for g in raw_groups], dtype=np.int64
    ).reshape(n)

    betweenness = {
        # an undirected graph has no other direction: both columns are its own
        "directed": normalized_betweenness(C, directed=C.is_directed, sample=sample, seed=seed),
        "directed_raw": betweenness_raw(C, directed=C.is_directed, sample=sample, seed=seed),
    }
    report(progress, 1, 4)
    betweenness["undirected"] = normalized_betweenness(C, directed=False, sample=sample, seed=seed)
    betweenness["undirected_raw"] = betweenness_raw(C, directed=False, sample=sample, seed=seed)
    report(progress, 2, 4)
    constraint, effective_size = _structural_holes(C, tie_weights)
    report(progress, 3, 4)
    roles = _brokerage(C, codes)
    cut_points = set(C.undirected.articulation_points())
    report(progress, 4, 4)
    ids = [str(node) for node in C.ids]

    nodes = []
    for i in range(n):
        counts = [int(x) for x in roles[i]]
        nodes.append(
            SpannerNode(
                id=ids[i],
                group=None if codes[i] < 0 else names[codes[i]],
                betweenness=SpannerBetweenness(
                    **{key: float(values[i]) for key, values in betweenness.items()}
                ),
                constraint=None if np.isnan(constraint[i]) else float(constraint[i]),
                effective_size=None if np.isnan(effective_size[i]) else float(effective_size[i]),
                brokerage=BrokerageRoles(
                    coordinator=counts[0],
                    itinerant=counts[1],
                    representative=counts[2],
                    gatekeeper=counts[3],
                    liaison=counts[4],
                    total=sum(counts),
                ),
                articulation_point=i in cut_points,
            )
        )
    nodes.sort(key=lambda node: (-node.betweenness.directed, node.id))

    bridges = sorted(
        _sorted_pair(ids[int(C.pair_sources[e])], ids[int(C.pair_targets[e])])
        for e in C.undirected.bridges()
    )
    groups, overall = _ei_index(C, codes, names)
    return SpannersResult(
        by=by,
        n_nodes=n,
        n_ties=C.n_ties,
        nodes=nodes,
        bridges=bridges,
        groups=groups,
        ei_index=overall,
    )


def _sorted_pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _tie_weights(
    T: nx.DiGraph | nx.Graph | None, C: CompiledGraph, weight: str | None
) -> np.ndarray:
    if weight is None:
        return np.ones(C.n_ties)
    if weight == "weight" or T is None:
        values = C.weights
    else:
        values = np.array(
            [
                T.edges[C.ids[s], C.ids[t]].get(weight, 1.0)
                for s, t in zip(C.sources.tolist(), C.targets.tolist(), strict=True)
            ],
            dtype=np.float64,
        )
    if np.any(values <= 0):
        raise CosgraphError(f"constraint needs positive tie weights; a tie has {weight} <= 0")
    return values


def _structural_holes(C: CompiledGraph, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Burt's constraint and effective size for every node (NaN for isolates).

    The indirect terms ``sum_w p_uw p_wv`` and ``sum_w p_uw m_vw`` are nonzero only
    where ``u``, ``v`` and ``w`` are pairwise tied, so they are summed over the
    triangles of the undirected view instead of over a full matrix product.
    """
    n = C.n_nodes
    if n == 0:
        return np.zeros(0), np.zeros(0)
    # Mutual weight of each tied pair: the weights of u -> v and v -> u added up.
    size = max(n, 1)
    pair_keys = C.pair_sources * size + C.pair_targets
    tie_pair = np.searchsorted(
        pair_keys, np.minimum(C.sources, C.targets) * size + np.maximum(C.sources, C.targets)
    )
    pair_mutual = np.bincount(tie_pair, weights=weights, minlength=C.n_pairs)
    # Both orientations of every pair, sorted by (row, column): a CSR layout.
    rows = np.concatenate([C.pair_sources, C.pair_targets])
    cols = np.concatenate([C.pair_targets, C.pair_sources])
    order = np.lexsort((cols, rows))
    rows, cols = rows[order], cols[order]
    mutual = np.concatenate([pair_mutual, pair_mutual])[order]
    keys = rows * size + cols
    degree = np.bincount(rows, minlength=n)
    total = np.bincount(rows, weights=mutual, minlength=n)
    largest = np.zeros(n)
    np.maximum.at(largest, rows, mutual)
    isolated = degree == 0
    share = mutual / total[rows]  # p_uv
    relative = mutual / largest[rows]  # m_uv

    indirect = np.zeros(keys.shape[0])  # sum_w p_uw p_wv at (u, v)
    redundancy = np.zeros(n)  # sum_{v, w} p_uw m_vw at u
    triangles = np.asarray(C.undirected.list_triangles(), dtype=np.int64).reshape(-1, 3)
    if triangles.shape[0]:
        for a, b, c in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            u, v, w = triangles[:, a], triangles[:, b], triangles[:, c]
            uv = np.searchsorted(keys, u * size + v)
            uw = np.searchsorted(keys, u * size + w)
            wv = np.searchsorted(keys, w * size + v)
            vw = np.searchsorted(keys, v * size + w)
            np.add.at(indirect, uv, share[uw] * share[wv])
            np.add.at(redundancy, u, share[uw] * relative[vw])
    # float even with no ties (bincount of nothing is an integer array)
    constraint = np.bincount(rows, weights=(share + indirect) ** 2, minlength=n).astype(np.float64)
    effective_size = degree - redundancy
    constraint[isolated] = np.nan
    effective_size[isolated] = np.nan
    return constraint, effective_size


def _brokerage(C: CompiledGraph, codes: np.ndarray) -> np.ndarray:
    """Open two-path counts per broker: coordinator, itinerant, representative,
    gatekeeper, liaison (``n x 5``, int64).

    Every two-path ``a -> b -> c`` (``a != c``) is counted from per-broker in/out
    tallies by group, then the closed ones (``a -> c`` present) are subtracted,
    counted with sparse products restricted to same-group or cross-group ties.
    """
    n = C.n_nodes
    out = np.zeros((n, 5), dtype=np.int64)
    s, t = C.sources, C.targets
    keep = (codes[s] >= 0) & (codes[t] >= 0)
    s, t = s[keep], t[keep]
    if s.size == 0:
        return out
    same = codes[s] == codes[t]

    def matrix(mask: np.ndarray) -> sps.csr_array:
        return sps.csr_array((np.ones(int(mask.sum())), (s[mask], t[mask])), shape=(n, n))

    A = matrix(np.ones(s.size, dtype=bool))
    AS, AD = matrix(same), matrix(~same)

    def rows(M: Any) -> np.ndarray:
        return np.asarray(M.sum(axis=1), dtype=np.float64).ravel()

    def cols(M: Any) -> np.ndarray:
        return np.asarray(M.sum(axis=0), dtype=np.float64).ravel()

    k = int(codes.max()) + 1
    grouped = np.flatnonzero(codes >= 0)
    one_hot = sps.csr_array((np.ones(grouped.size), (grouped, codes[grouped])), shape=(n, k))
    in_by_group = sps.csr_array(A.T @ one_hot)
    out_by_group = sps.csr_array(A @ one_hot)
    in_all, out_all = cols(A), rows(A)
    in_same, out_same = cols(AS), rows(AS)
    mutual_all = rows(A.multiply(A.T))
    mutual_same = rows(AS.multiply(AS.T))
    in_out_same_group = rows(in_by_group.multiply(out_by_group))

    coordinator = in_same * out_same - mutual_same
    representative = in_same * (out_all - out_same)
    gatekeeper = (in_all - in_same) * out_same
    itinerant = (in_out_same_group - in_same * out_same) - (mutual_all - mutual_same)
    liaison = (in_all - in_same) * (out_all - out_same) - (in_out_same_group - in_same * out_same)

    # Closed two-paths a -> b -> c with a -> c: (X.T @ Y)[b, c] counts the a with
    # a -> b in X and a -> c in Y; masked by b -> c.
    from_same = sps.csr_array(AS.T @ A)
    from_other = sps.csr_array(AD.T @ A)
    from_other_to_same = sps.csr_array(AD.T @ AS)
    coordinator -= rows(from_same.multiply(AS))
    representative -= rows(from_same.multiply(AD))
    gatekeeper -= rows(from_other.multiply(AS))
    itinerant -= rows(from_other_to_same.multiply(AD))
    liaison -= rows((from_other - from_other_to_same).multiply(AD))

    stacked = np.column_stack([coordinator, itinerant, representative, gatekeeper, liaison])
    out[:] = np.rint(stacked).astype(np.int64)
    return out


def _ei_index(
    C: CompiledGraph, codes: np.ndarray, names: list[str]
) -> tuple[list[GroupEI], float | None]:
    k = len(names)
    gs, gt = codes[C.pair_sources], codes[C.pair_targets]
    grouped = (gs >= 0) & (gt >= 0)
    gs, gt = gs[grouped], gt[grouped]
    inside = gs == gt
    internal = np.bincount(gs[inside], minlength=k)
    external = np.bincount(gs[~inside], minlength=k) + np.bincount(gt[~inside], minlength=k)
    sizes = np.bincount(codes[codes >= 0], minlength=k)
    groups = [
        GroupEI(
            group=names[g],
            size=int(sizes[g]),
            internal_ties=int(internal[g]),
            external_ties=int(external[g]),
            ei_index=_ei(int(external[g]), int(internal[g])),
        )
        for g in range(k)
    ]
    return groups, _ei(int((~inside).sum()), int(inside.sum()))


def _ei(external: int, internal: int) -> float | None:
    total = external + internal
    return None if total == 0 else (external - internal) / total

"""Who may have learned from whom: the adoption cascade and the communities it crossed.

>>> import networkx as nx
>>> data = AdoptionData(nx.DiGraph([("b", "a"), ("c", "b")]), {}, {"a": 1, "b": 2, "c": 3})
>>> [(a.node, a.parents, a.depth) for a in cascade(data).adopters]
[('a', [], 0), ('b', ['a'], 1), ('c', ['b'], 2)]
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from pydantic import BaseModel

from cosgraph.analysis.result import Result, Row
from cosgraph.analysis.spread.adoption import AdoptionData, time_number
from cosgraph.errors import CosgraphError

__all__ = ["CascadeAdopter", "CommunityReach", "CommunityCrossing", "CascadeResult", "cascade"]


class CascadeAdopter(BaseModel):
    """One adopter in the cascade: its parents (who it may have learned from) and depth."""

    node: str
    community: str | None
    time: int | float
    date: str | None = None
    parents: list[str]
    source_known: bool
    depth: int


class CommunityReach(BaseModel):
    """A community the practice reached: when first, how many adopted, links coming in."""

    community: str
    first_time: int | float
    first_date: str | None = None
    adopters: int
    links_in: int


class CommunityCrossing(BaseModel):
    """Parent links from adopters in one community to adopters in another."""

    from_community: str
    to_community: str
    links: int


class CascadeResult(Result):
    """Result of :func:`cascade`."""

    practice: str | None
    directed: bool
    relation: str | None
    adopters: list[CascadeAdopter]
    max_depth: int | None
    links: int
    cross_community_links: int
    communities: list[CommunityReach]
    crossings: list[CommunityCrossing]

    def table_rows(self) -> list[Row]:
        """One row per adopter, earliest first; parents joined with ``"; "``."""
        rows: list[Row] = []
        for a in self.adopters:
            row: Row = {k: v for k, v in a.model_dump(mode="json").items() if k != "parents"}
            row["parents"] = "; ".join(a.parents)
            rows.append(row)
        return rows


def cascade(
    data: AdoptionData, directed: bool = True, relation: str | None = None
) -> CascadeResult:
    """Who may have learned from whom, how deep the cascade ran, which communities it crossed.

    Parameters
    ----------
    data : AdoptionData
    directed, relation
        Which contacts count, as in :func:`exposure`.

    Returns
    -------
    CascadeResult
        Per adopter (earliest first): its parents and depth; the number of parent
        links and of those crossing communities; per community reached, the first
        adoption time, the adopters and the links coming in from other communities;
        and the community-to-community crossings.

    Raises
    ------
    CosgraphError
        When ``relation`` is not a relation of any contact.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("b", "a"), ("c", "b"), ("c", "a"), ("d", "c")])
    >>> data = AdoptionData(G, {"a": "x", "b": "x", "c": "y", "d": "y"},
    ...                     {"a": 1, "b": 2, "c": 3, "d": 4})
    >>> result = cascade(data)
    >>> [(a.node, a.parents, a.depth) for a in result.adopters]
    [('a', [], 0), ('b', ['a'], 1), ('c', ['a', 'b'], 1), ('d', ['c'], 2)]
    >>> result.links, result.cross_community_links
    (4, 2)
    >>> [(c.from_community, c.to_community, c.links) for c in result.crossings]
    [('x', 'y', 2)]

    Notes
    -----
    *Parents* of adopter :math:`i`: its known source, when ``data.source`` has one;
    otherwise its candidate parents, the contacts that adopted strictly before it
    (sorted by time, then id).

    *Depth*: :math:`d_i = 0` when :math:`i` has no parent, else
    :math:`d_i = 1 + \\min_{p} d_p` over its parents -- the shortest chain of
    plausible transmissions back to someone who adopted with no earlier-adopting
    contact (a seed, or someone reached from outside the network).

    A link is *cross-community* when both ends have a community and they differ.

    References
    ----------
    .. [1] Coleman, J. S., Katz, E., & Menzel, H. (1966). *Medical Innovation:
       A Diffusion Study*. Bobbs-Merrill.
    .. [2] Goel, S., Watts, D. J., & Goldstein, D. G. (2012). The structure of online
       diffusion networks. *Proc. 13th ACM Conference on Electronic Commerce*, 623-638.
    """
    neighbours = data.contact_sets(directed, relation)
    order = data.adopters()
    parents: dict[Hashable, list[Hashable]] = {}
    for node in order:
        if node in data.source:
            parents[node] = [data.source[node]]
            continue
        t = data.time_of(node)
        earlier = [
            (tj, str(j), j)
            for j in neighbours[node]
            if (tj := data.time.get(j)) is not None and tj < t
        ]
        parents[node] = [j for _, _, j in sorted(earlier, key=lambda x: (x[0], x[1]))]

    depth: dict[Hashable, int] = {}
    for node in order:
        _resolve_depth(node, parents, depth)

    crossings: dict[tuple[str, str], int] = {}
    links_in: dict[str, int] = {}
    links = 0
    for node in order:
        child_group = data.community.get(node)
        for parent in parents[node]:
            links += 1
            parent_group = data.community.get(parent)
            if child_group is not None and parent_group is not None and child_group != parent_group:
                key = (parent_group, child_group)
                crossings[key] = crossings.get(key, 0) + 1
                links_in[child_group] = links_in.get(child_group, 0) + 1

    reached: dict[str, list[float]] = {}
    for node in order:
        group = data.community.get(node)
        if group is not None:
            reached.setdefault(group, []).append(data.time_of(node))
    communities = [
        CommunityReach(
            community=group,
            first_time=time_number(min(times)),
            first_date=data.date_label(min(times)),
            adopters=len(times),
            links_in=links_in.get(group, 0),
        )
        for group, times in sorted(reached.items(), key=lambda kv: (min(kv[1]), kv[0]))
    ]
    adopters = []
    for node in order:
        t = data.time_of(node)
        adopters.append(
            CascadeAdopter(
                node=str(node),
                community=data.community.get(node),
                time=time_number(t),
                date=data.date_label(t),
                parents=[str(p) for p in parents[node]],
                source_known=node in data.source,
                depth=depth[node],
            )
        )
    return CascadeResult(
        practice=data.practice,
        directed=directed,
        relation=relation,
        adopters=adopters,
        max_depth=max(depth.values()) if depth else None,
        links=links,
        cross_community_links=sum(crossings.values()),
        communities=communities,
        crossings=[
            CommunityCrossing(from_community=a, to_community=b, links=n)
            for (a, b), n in sorted(crossings.items())
        ],
    )


def _resolve_depth(
    start: Hashable, parents: Mapping[Hashable, list[Hashable]], depth: dict[Hashable, int]
) -> None:
    """Fill ``depth`` for ``start`` and its ancestors, iteratively (no recursion limit)."""
    stack = [start]
    expanded: set[Hashable] = set()
    while stack:
        node = stack[-1]
        if node in depth:
            stack.pop()
            continue
        pending = [p for p in parents[node] if p not in depth]
        if pending:
            if node in expanded:  # cannot happen: candidates are earlier, sources are checked
                raise CosgraphError(f"parent links form a cycle through {node!r}")
            expanded.add(node)
            stack.extend(pending)
            continue
        stack.pop()
        depth[node] = 1 + min(depth[p] for p in parents[node]) if parents[node] else 0

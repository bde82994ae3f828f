"""The assets view: which assets can move which levers, and which levers fall short."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cosgraph.model import LEVER_TIE_TYPES

from .view_base import View, ViewOptions, ViewSpec, expected, mapping_table, required

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.analysis.matching import MatchingResult

__all__ = ["assets_view", "ASSET_STATES", "VIEW"]

ASSET_STATES = [
    "asset fully used",
    "asset partly used",
    "asset untapped",
    "lever fully met",
    "lever short",
    "holder or decider",
]
ASSET_COLORS = ["#009E73", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7"]


def assets_view(
    G: nx.MultiDiGraph, *, matching: MatchingResult | Mapping[str, Any] | None = None
) -> ViewSpec:
    """Assets matched to levers: which assets are used, which levers still fall short.

    ``matching`` is a :class:`cosgraph.analysis.matching.MatchingResult`, or a dict
    ``{attribute: {node id: value}}`` with a ``status`` per asset and lever (values
    as in :data:`ASSET_STATES`) plus an optional ``"matches"`` list of
    ``(asset, lever)`` pairs drawn as ties.
    """
    result = required(matching, "assets", "matching", "match_assets")
    status: dict[str, Any] = {}
    extra: list[tuple[str, str, str]] = []
    from cosgraph.analysis.matching import MatchingResult

    if isinstance(result, MatchingResult):
        matched: dict[str, float] = {}
        for a in result.assignments:
            extra.append((a.asset, a.lever, f"MATCHED {a.capability} {a.amount:g}"))
            matched[a.asset] = matched.get(a.asset, 0.0) + a.amount
            matched[a.lever] = matched.get(a.lever, 0.0) + a.amount
        untapped = {u.asset: u for u in result.untapped}
        short = {s.lever for s in result.short}
        for node, kind in G.nodes(data="kind"):
            if kind == "asset":
                left = untapped.get(node)
                status[node] = (
                    ASSET_STATES[0]
                    if left is None
                    else ASSET_STATES[2]
                    if left.entirely
                    else ASSET_STATES[1]
                )
            elif kind == "lever":
                status[node] = ASSET_STATES[4] if node in short else ASSET_STATES[3]
        table: dict[str, dict[str, Any]] = {"matched": matched}
    elif isinstance(result, Mapping):
        pairs = result.get("matches", [])
        table = mapping_table({k: v for k, v in result.items() if k != "matches"})
        status = table.pop("status", {})
        extra = [(str(a), str(b), "MATCHED") for a, b in pairs]
    else:
        raise expected("assets", "matching", result, "a MatchingResult or a dict")
    assets_levers = [n for n, kind in G.nodes(data="kind") if kind in ("asset", "lever")]
    around = set(assets_levers)
    people = {u for u, v, t in G.edges(data="type") if t in ("HOLDS", "DECIDES") and v in around}
    nodes = [n for n in G if n in around or n in people]
    for node in nodes:
        status.setdefault(node, ASSET_STATES[5] if node in people else None)
    table["status"] = status
    holders = {u for u, v, t in G.edges(data="type") if t == "HOLDS" and v in around}
    columns = {
        n: 0 if n in holders else {"asset": 1, "lever": 2}.get(G.nodes[n].get("kind"), 3)
        for n in nodes
    }
    return ViewSpec(
        name="assets",
        what="Which assets can move which levers: assets and their holders, levers and "
        "their deciders, and the matches found between them.",
        how="A min-cost flow from assets (capacity) through the capabilities they offer to "
        "the levers that need them; cost grows with the trust distance between holder "
        "and decider (cosgraph.analysis.matching.match_assets). Matched pairs are drawn "
        "as MATCHED ties labelled with the capability and amount. Columns, left to right: "
        "holders, assets, levers, deciders.",
        nodes=nodes,
        color_by="status",
        tie_types=frozenset(("HOLDS", *LEVER_TIE_TYPES)),
        derived=table,
        color_order={"status": ASSET_STATES},
        fixed_colors={"status": dict(zip(ASSET_STATES, ASSET_COLORS, strict=True))},
        extra_ties=extra,
        columns=columns,
        label_extra_ties=True,
    )


def _compute(G: nx.MultiDiGraph, options: ViewOptions) -> dict[str, Any]:
    from cosgraph.analysis.matching import match_assets

    return {"matching": match_assets(G)}


VIEW = View("assets", "assets matched to levers", assets_view, _compute)

"""The spread view: adopters coloured by adoption period, with a period slider."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cosgraph.model import ACTOR_KINDS, COMMUNITY_CONTACT_TIE_TYPES, CONTACT_TIE_TYPES

from .view_base import MapError, View, ViewOptions, ViewSpec, expected

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.analysis.spread import AdoptionData

__all__ = ["spread_view", "VIEW"]


def spread_view(
    G: nx.MultiDiGraph,
    *,
    adoption: AdoptionData | None = None,
    periods: Mapping[str, Any] | None = None,
    practice: str | None = None,
) -> ViewSpec:
    """How a bright spot spread: adopters coloured by adoption period, with a period slider.

    Give ``adoption`` (a :class:`cosgraph.analysis.spread.AdoptionData`: population,
    times, who learned from whom, e.g. from
    :func:`cosgraph.analysis.spread.adoption_from_graph`), or ``periods`` (a dict node
    id → period, ``None`` for never) with the ``practice`` they are of.
    """
    from cosgraph.analysis.spread import AdoptionData

    sources: Mapping[Any, Any] = {}
    if periods is not None:
        times = {str(n): p for n, p in periods.items()}
        population = list(times)
        subject = practice
    elif isinstance(adoption, AdoptionData):
        times = {str(n): t for n, t in adoption.time.items()}
        population = [str(n) for n in adoption.contacts]
        sources = adoption.source
        subject = adoption.practice
    elif adoption is None:
        raise MapError(
            "the spread map needs adoption=…, e.g. adoption=adoption_from_graph(G), or periods=…"
        )
    else:
        raise expected("spread", "adoption", adoption, "an AdoptionData")
    period_of: dict[str, int | None] = {}
    for node in population:
        value = times.get(node)
        if value is not None and not (isinstance(value, int | float) and float(value).is_integer()):
            raise MapError(f"period of {node!r} must be a whole number, not {value!r}")
        period_of[node] = None if value is None else int(value)
    missing = [n for n in population if n not in G]
    if missing:
        raise MapError(f"nodes not in the graph: {', '.join(map(repr, missing[:5]))}")
    nodes = [n for n in G if n in period_of]
    kinds = {G.nodes[n].get("kind") for n in nodes}
    contact = set(CONTACT_TIE_TYPES) if kinds & set(ACTOR_KINDS) else set()
    contact |= set(COMMUNITY_CONTACT_TIE_TYPES)
    name = (G.nodes[subject].get("name") if subject in G else None) or subject
    return ViewSpec(
        name="spread",
        what=f"How {name or 'the practice'} spread: who adopted it in which period, and "
        "who learned it from whom.",
        how="Adoption periods from the ADOPTED ties (cosgraph.analysis.spread); grey nodes "
        "never adopted. LEARNED_FROM ties point from the adopter to the node it learned "
        "from. Move the slider to see the map as it stood at the end of a period.",
        nodes=nodes,
        color_by="period",
        tie_types=frozenset(contact),
        derived={"period": dict(period_of)},
        sequential=frozenset({"period"}),
        missing_label="never adopted",
        periods={n: p for n, p in period_of.items() if p is not None},
        extra_ties=[(str(a), str(b), "LEARNED_FROM") for a, b in sources.items()],
    )


def _compute(G: nx.MultiDiGraph, options: ViewOptions) -> dict[str, Any]:
    level = options.level
    from cosgraph.analysis.spread import adoption_from_graph

    return {"adoption": adoption_from_graph(G, options.practice, level)}  # type: ignore[arg-type]


VIEW = View("spread", "how a bright spot spread", spread_view, _compute, ("practice", "level"))

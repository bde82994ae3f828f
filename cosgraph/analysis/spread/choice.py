"""Which bright spot, and which level of adopters, a spread analysis reads.

A map may hold several bright spots, and a practice may be adopted by people (or
organizations) and by whole communities.  :func:`practice_and_level` picks the one
practice and the one level when the map leaves no choice, and otherwise names
every choice still open in one message, so a user is never asked twice.
"""

from __future__ import annotations

from typing import Literal

import networkx as nx

from cosgraph.errors import CosgraphError

__all__ = ["Level", "LEVELS", "practice_and_level", "adoption_levels"]

Level = Literal["actors", "communities"]
#: The levels a practice is analysed at: people and organizations, or communities.
LEVELS: tuple[Level, ...] = ("actors", "communities")


def adoption_levels(G: nx.MultiDiGraph) -> dict[str, list[Level]]:
    """Each bright spot of ``G`` (sorted by id) -> the levels whose nodes ADOPTED it.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ana", kind="person"); G.add_node("north", kind="community")
    >>> G.add_node("walk", kind="bright_spot"); G.add_node("swap", kind="bright_spot")
    >>> _ = G.add_edge("ana", "walk", key="ADOPTED", type="ADOPTED", period=1)
    >>> _ = G.add_edge("north", "walk", key="ADOPTED", type="ADOPTED", period=2)
    >>> adoption_levels(G)
    {'swap': [], 'walk': ['actors', 'communities']}
    """
    found: dict[str, set[Level]] = {
        str(n): set() for n, kind in G.nodes(data="kind") if kind == "bright_spot"
    }
    for u, v, tie_type in G.edges(data="type"):
        if tie_type == "ADOPTED" and str(v) in found:
            community = G.nodes[u].get("kind") == "community"
            found[str(v)].add("communities" if community else "actors")
    return {spot: [lv for lv in LEVELS if lv in found[spot]] for spot in sorted(found)}


def practice_and_level(
    G: nx.MultiDiGraph, practice: str | None = None, level: str | None = None
) -> tuple[str, Level | None]:
    """The bright spot and the level of adopters to analyse, chosen where only one fits.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected community map.  Not modified.
    practice : str, optional
        A bright spot's id.  When left out, the only bright spot that has adopters
        (at ``level``, when given) is chosen; a map whose bright spots have no
        adopters yet may leave it out when it has just one.
    level : {"actors", "communities"}, optional
        When left out, the only level whose nodes adopted the practice is chosen.

    Returns
    -------
    tuple
        ``(practice, level)``; ``level`` is None when nobody adopted the practice.

    Raises
    ------
    CosgraphError
        When the map has no bright spot, ``practice`` is not one, ``level`` is not a
        level, or a choice is left open: one message names every option still
        missing and lists each bright spot with the levels that adopted it.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ana", kind="person"); G.add_node("north", kind="community")
    >>> for spot in ("walk", "swap"):
    ...     G.add_node(spot, kind="bright_spot")
    >>> _ = G.add_edge("ana", "walk", key="ADOPTED", type="ADOPTED", period=1)
    >>> practice_and_level(G)
    ('walk', 'actors')
    >>> _ = G.add_edge("north", "swap", key="ADOPTED", type="ADOPTED", period=1)
    >>> practice_and_level(G, level="communities")
    ('swap', 'communities')
    >>> practice_and_level(G)
    Traceback (most recent call last):
    ...
    cosgraph.errors.CosgraphError: name the practice to analyse (CLI: --practice); bright spots with adopters: swap (communities), walk (actors)
    """  # noqa: E501
    levels = adoption_levels(G)
    if not levels:
        raise CosgraphError("this map has no bright spot (no node of kind bright_spot)")
    if level is not None and level not in LEVELS:
        raise CosgraphError(f"level must be 'actors' or 'communities', not {level!r}")
    if practice is not None and practice not in levels:
        raise CosgraphError(f"{practice!r} is not a bright spot; bright spots: {', '.join(levels)}")
    if practice is None:
        fits = [s for s, found in levels.items() if found and (level is None or level in found)]
        candidates = fits or list(levels)
        if len(candidates) > 1:
            raise CosgraphError(_open_choices(levels, candidates, level, adopted=bool(fits)))
        practice = candidates[0]
    found = levels[practice]
    if level is not None:
        return practice, level
    if len(found) > 1:
        raise CosgraphError(
            f"both actors and communities adopted {practice!r}; analyse one level at a "
            "time: level 'actors' or 'communities' (CLI: --level)"
        )
    return practice, found[0] if found else None


def _open_choices(
    levels: dict[str, list[Level]], candidates: list[str], level: str | None, *, adopted: bool
) -> str:
    """The one message for a practice left open, and for the level too when it matters."""
    two = [len(levels[s]) > 1 for s in candidates] if level is None else [False]
    both = any(two)
    if all(two):
        wanted = "the practice and the level (actors or communities) to analyse"
    elif both:
        wanted = "the practice to analyse and, for one adopted at both levels, the level"
    else:
        wanted = "the practice to analyse"
    flags = "--practice, --level" if both else "--practice"
    which = "bright spots"
    if adopted:
        which += " with adopters" + ("" if level is None else f" at level {level!r}")
    listed = ", ".join(f"{s} ({', '.join(levels[s]) or 'no adopters'})" for s in candidates)
    return f"name {wanted} (CLI: {flags}); {which}: {listed}"

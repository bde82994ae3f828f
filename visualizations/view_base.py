"""What every map view is made of: :class:`View` (one registry entry), :class:`ViewSpec`
(what a view draws) and :class:`ViewOptions` (what a user may ask of a view).

A view is one module holding a *draw* function ``(G, **results) -> ViewSpec`` and a
*compute* function ``(G, ViewOptions) -> results`` that runs the analysis the view
shows; its ``VIEW = View(...)`` goes into the registry, :data:`map_views.VIEWS`.
Results are typed: an analysis result object of ``cosgraph.analysis``, or a plain
``{attribute: {node id: value}}`` mapping (documented per view), told apart by type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cosgraph.errors import CosgraphError

if TYPE_CHECKING:
    import networkx as nx
    from pydantic import BaseModel

__all__ = ["MapError", "ViewSpec", "View", "ViewOptions", "Table"]

#: attribute → node id → value: what a view colours and sizes by.
Table = dict[str, dict[str, Any]]


class MapError(CosgraphError):
    """A map cannot be drawn as asked (unknown view, attribute or audience)."""


@dataclass
class ViewSpec:
    """What a view draws.  ``derived`` maps attribute name → node id → value."""

    name: str
    what: str
    how: str
    nodes: list[str]
    color_by: str
    size_by: str | None = None
    tie_types: frozenset[str] | None = None
    derived: Table = field(default_factory=dict)
    #: Attributes whose legend follows a fixed order (e.g. roles), by attribute.
    color_order: dict[str, list[Any]] = field(default_factory=dict)
    #: Attributes coloured on the sequential ramp (ordered values such as periods).
    sequential: frozenset[str] = frozenset()
    #: Colours that carry meaning, by attribute and value (a shortfall in red).
    fixed_colors: dict[str, dict[Any, str]] = field(default_factory=dict)
    #: Legend label of nodes without a value for the colour attribute.
    missing_label: str = "none"
    #: Node id → adoption period; gives the map a period slider.
    periods: dict[str, int] | None = None
    #: Ties the analysis adds (source, target, label), e.g. who learned from whom.
    extra_ties: list[tuple[str, str, str]] = field(default_factory=list)
    #: Data of drawn nodes that ``G`` does not hold (e.g. framework behaviors).
    extra_nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Marks drawn around nodes besides colour (see ``styles.MARKS``): mark → nodes.
    marks: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Tie colours that carry meaning: tie attribute → value → colour (e.g. stance).
    tie_colors: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Layout: each node's group, drawn as one cluster per group (``layout.grouped_positions``).
    groups: dict[str, Any] | None = None
    #: Layout: each node's column, left to right (``layout.column_positions``).
    columns: dict[str, int] | None = None
    #: Layout: nodes drawn at the centre of others (a lever among its deciders).
    centre_of: dict[str, list[str]] = field(default_factory=dict)
    #: Write the ties the analysis adds (``extra_ties``) on the line (flow amounts).
    label_extra_ties: bool = False


@dataclass(frozen=True)
class ViewOptions:
    """Everything a user may ask of a view; each view reads the fields it names."""

    #: spanners: the attribute whose groups brokers span.
    by: str = "sector"
    #: power: steps within which residents must reach a lever's deciders.
    k: int = 3
    #: crosswalk: one community.
    community: str | None = None
    #: spread: the bright spot.
    practice: str | None = None
    #: spread: ``actors`` or ``communities``.
    level: str | None = None


@dataclass(frozen=True)
class View:
    """One map view: its name, what it shows, how to compute and draw it.

    ``options`` names the :class:`ViewOptions` fields the view reads (the CLI's
    ``map --help`` lists them per view).
    """

    name: str
    summary: str
    draw: Callable[..., ViewSpec]
    compute: Callable[[nx.MultiDiGraph, ViewOptions], dict[str, Any]]
    options: tuple[str, ...] = ()


def no_results(G: nx.MultiDiGraph, options: ViewOptions) -> dict[str, Any]:
    """The compute step of a view that draws the map as loaded."""
    return {}


def kinds_of(G: nx.MultiDiGraph, kinds: Iterable[str] | None, default: Iterable[str]) -> list[str]:
    """Nodes of ``kinds``, or of every kind but ``default``."""
    wanted = set(kinds) if kinds is not None else None
    skip = set(default)
    return [
        n
        for n, kind in G.nodes(data="kind")
        if (kind in wanted if wanted is not None else kind not in skip)
    ]


def mapping_table(result: Mapping[Any, Any]) -> Table:
    """``{attribute: {node id: value}}`` from a plain mapping, checked."""
    table: Table = {}
    for attribute, values in result.items():
        if not isinstance(values, Mapping):
            raise MapError(
                f"{attribute!r}: expected a dict of node id → value, got {type(values).__name__}"
            )
        table[str(attribute)] = {str(k): v for k, v in values.items()}
    return table


def rows_table(rows: Iterable[BaseModel], *, key: str = "id") -> Table:
    """``{attribute: {node id: value}}`` from typed result rows: every scalar field."""
    table: Table = {}
    for row in rows:
        data = row.model_dump()
        node = str(data[key])
        for name, value in data.items():
            if name in (key, "name", "kind") or not isinstance(value, str | int | float | bool):
                continue
            table.setdefault(name, {})[node] = value
    return table


def required(result: Any, view: str, keyword: str, builder: str) -> Any:
    """``result``, or a MapError saying which keyword the view needs."""
    if result is None:
        raise MapError(f"the {view} map needs {keyword}=…, e.g. {keyword}={builder}(G)")
    return result


def expected(view: str, keyword: str, result: Any, kinds: str) -> MapError:
    """The error for a result of the wrong type."""
    return MapError(f"the {view} map's {keyword}= must be {kinds}, not {type(result).__name__}")

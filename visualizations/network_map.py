"""Build a map: a projected community graph and a view → a self-contained HTML page.

The map is a :class:`pyvis.network.Network` whose nodes and edges are plain dicts
(vis-network's format) plus what the page needs: each node's ``kind``, colour
``cat`` and tooltip rows ``tip``.  Its HTML comes from cosgraph's own template:
vis-network inlined from the pyvis package, no CDN, no bootstrap, tooltips built
from text nodes, and every value JSON-encoded so ``<`` never reaches the HTML parser.

Consent comes from :class:`cosgraph.consent.Audience`, the one audience rule: a
person whose consent is below the audience is drawn as "Person 3" with only kind and
tripod role.  Placeholders come after the named nodes in a per-page random order,
are numbered in that order, and every node has a random page id, so nothing on the
page follows from a hidden id or lines up with another page.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ana", kind="person", name="Ana", consent="public", tripod_role="lived_experience")
>>> G.add_node("bo", kind="person", name="Bo", consent="private")
>>> G.add_node("clinic", kind="organization", name="Clinic", sector="health_care")
>>> _ = G.add_edge("ana", "bo", key="KNOWS", type="KNOWS")
>>> _ = G.add_edge("bo", "clinic", key="MEMBER_OF", type="MEMBER_OF")
>>> net = build_map(G, audience="public")
>>> [node["label"] for node in net.nodes]
['Ana', 'Clinic', 'Person 1']
>>> [(entry["group"], entry["label"]) for entry in net.legend][:4]  # the network view's colour
[('color', 'lived experience'), ('color', 'none'), ('shape', 'person'), ('shape', 'organization')]
>>> net.legend[4]["label"], net.nodes[0]["marks"]  # marked besides colour
('resident with lived experience (dark ring)', ['lived_experience'])
"""

from __future__ import annotations

import inspect
import json
import math
import secrets
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

from cosgraph.consent import HIDDEN_VALUE, PROVENANCE_FIELDS, Audience
from cosgraph.model import Consent, TripodRole

from .layout import (
    FAST_LAYOUT_ABOVE,
    centred_on,
    column_positions,
    grouped_positions,
    positions,
)
from .map_views import VIEWS, MapError, ViewSpec
from .styles import (
    ANONYMOUS_COLOR,
    MARKS,
    ColorScale,
    ScaleEntry,
    color_scale,
    node_sizes,
    readable,
    shape_for,
)

__all__ = ["MapNetwork", "build_map", "write_map", "search_key", "STRUCTURAL_METRICS"]

#: Size metrics that describe a node's place in the graph, not facts about a person,
#: so anonymous placeholders may be sized by them; other metrics size placeholders at minimum.
STRUCTURAL_METRICS = frozenset(
    {
        "degree",
        "in_degree",
        "out_degree",
        "pagerank",
        "standing",
        "betweenness",
        "closeness",
        "eigenvector",
        "clustering",
        "reach",
        "two_step_reach",
        "constraint",
        "effective_size",
        "brokerage",
    }
)
#: Tooltip fields, in this order, when a node has them.
DETAIL_FIELDS = (
    "kind",
    "tripod_role",
    "sectors",
    "sector",
    "anchor",
    "neighbourhood",
    "power",
    "interest",
    "asset_kind",
    "capabilities",
    "capacity",
    "lever_kind",
    "need_capabilities",
    "place",
    "learning_role",
    "spot_kind",
    "description",
)
#: Node data never shown in a tooltip (bookkeeping, or shown elsewhere).
#: Provenance never leaves in a map, whatever the audience: a map is made to be shared.
HIDDEN_FIELDS = frozenset(
    {"id", "name", "consent", "need_amounts", "label", "x", "y", "anonymous"} | PROVENANCE_FIELDS
)
MAX_TOOLTIP_ROWS = 18
ANONYMOUS_LABEL = "person, not named (consent)"
VIS_LIB = "templates/lib/vis-9.1.2"


@dataclass(frozen=True)
class _Resolved:
    """One node after consent: what the page may show about it."""

    page_id: str
    named: bool
    label: str
    #: Position on the page: named nodes first, then placeholders in random order.
    order: int


class MapNetwork(Network):  # type: ignore[misc]
    """A pyvis ``Network`` that renders with cosgraph's offline, escaped template.

    ``legend`` lists the legend entries (``group`` is ``color`` or ``shape``) and
    ``page`` holds the title block, controls and counts the page shows.
    """

    def __init__(self, *, title: str, page: dict[str, Any], legend: list[dict[str, Any]]):
        super().__init__(
            height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line"
        )
        self.page = page
        self.legend = legend

    def generate_html(
        self, name: str = "index.html", local: bool = True, notebook: bool = False
    ) -> str:
        """The whole page as one string; loads nothing from the network."""
        self.html = render_page(self)
        return self.html

    def write_html(
        self, name: str, local: bool = True, notebook: bool = False, open_browser: bool = False
    ) -> None:
        """Write the page as UTF-8 to ``name`` (pyvis's signature; ``open_browser`` is ignored)."""
        Path(name).write_text(self.generate_html(), encoding="utf-8")


def build_map(
    G: nx.MultiDiGraph,
    view: str = "network",
    *,
    audience: Consent | str = "public",
    color_by: str | None = None,
    size_by: str | None = None,
    title: str | None = None,
    seed: int = 7,
    **view_options: Any,
) -> MapNetwork:
    """Draw ``view`` of the projected graph ``G`` for ``audience``.

    Parameters
    ----------
    G : the projected community graph (see :mod:`cosgraph.analysis.views`); not mutated.
    view : ``network``, ``power``, ``spanners``, ``assets``, ``crosswalk`` or ``spread``.
    audience : ``public``, ``coalition`` or ``private``; people whose consent is
        below it become anonymous placeholders.
    color_by : node attribute (or analysis value of the view) that colours nodes;
        default the view's own (``kind`` for ``network``).
    size_by : numeric node attribute or analysis value that sizes nodes; default the
        view's own, else ``degree`` (lines drawn at the node).
    title : heading of the page; default names the view.
    seed : seed of the layout.
    view_options : passed to the view, e.g. ``power=PowerResult`` or ``kinds=[...]``.

    Returns
    -------
    MapNetwork, a ``pyvis.network.Network``; ``write_html`` or :func:`write_map` saves it.

    Raises
    ------
    MapError : unknown view, audience or attribute, or a view given bad results.
    """
    return draw_spec(
        G,
        view_spec(G, view, view_options),
        audience_of(G, audience),
        color_by=color_by,
        size_by=size_by,
        title=title,
        seed=seed,
    )


def view_spec(G: nx.MultiDiGraph, view: str, view_options: Mapping[str, Any]) -> ViewSpec:
    """What ``view`` draws of ``G`` given ``view_options``, or a MapError naming the view."""
    if view not in VIEWS:
        raise MapError(f"unknown view {view!r}; views: {', '.join(VIEWS)}")
    try:
        inspect.signature(VIEWS[view].draw).bind(G, **view_options)
    except TypeError as err:  # an unknown keyword: say which view refused it
        raise MapError(f"view {view!r}: {err}") from None
    return VIEWS[view].draw(G, **view_options)


def audience_of(G: nx.MultiDiGraph, audience: Consent | str) -> Audience:
    """Who ``audience`` may see on a map of ``G``, or a MapError (an unknown audience,
    or a person with an unknown consent)."""
    try:
        audience = Consent(audience)
    except ValueError:
        raise MapError(
            f"audience must be one of {', '.join(c.value for c in Consent)}, not {audience!r}"
        ) from None
    try:
        return Audience.of(G, audience.value)
    except ValueError as err:
        raise MapError(f"a person has an unknown consent: {err}") from None


def draw_spec(
    G: nx.MultiDiGraph,
    spec: ViewSpec,
    seen: Audience,
    *,
    color_by: str | None = None,
    size_by: str | None = None,
    title: str | None = None,
    seed: int = 7,
    choices: bool = False,
    shared: Mapping[str, _Resolved] | None = None,
) -> MapNetwork:
    """Draw a view's ``spec`` for the audience ``seen`` (see :func:`build_map`).

    ``choices`` embeds every colour and size the page may switch to (``colorings``,
    ``sizings`` in ``page``), each worked out here under the same consent rules as the
    default one, so the page only picks among them.  ``shared`` (:func:`resolve_nodes`)
    gives nodes the page ids and labels of the explorer's other views.
    """
    view = spec.name
    audience = Consent(seen.name)
    color_by = color_by or spec.color_by
    size_by = size_by or spec.size_by or "degree"
    data = _node_data(G, spec)
    if shared is None:
        resolved = _resolve(spec.nodes, data, seen)
    else:  # the explorer: ids and labels shared by every view; the view's own nodes after
        resolved = {n: shared[n] for n in spec.nodes if n in shared}
        own = [n for n in spec.nodes if n not in shared]
        resolved.update(_resolve(own, data, seen, prefix="x", start=len(shared)))
    alias = _aliases(seen, resolved)
    ties = _ties(G, spec, resolved)
    degree = Counter[str]()
    for (u, v), _types in ties.items():
        degree[u] += 1
        degree[v] += 1
    scale = _colors(data, spec, color_by, resolved, alias)
    sizes = _sizes(data, spec, size_by, resolved, degree)
    simple = nx.Graph()
    # the layout is seeded by node order: named nodes in the view's order, then hidden
    # people in theirs, so no position follows from where a hidden id sorts
    simple.add_nodes_from(sorted(spec.nodes, key=lambda n: not resolved[n].named))
    simple.add_edges_from(
        sorted(ties, key=lambda t: (not resolved[t[0]].named, not resolved[t[1]].named))
    )
    where = _layout(simple, spec, resolved, seed)
    drawn = sorted(spec.nodes, key=lambda n: resolved[n].order)

    heading = title or f"{view.capitalize()} map"
    large = len(spec.nodes) > FAST_LAYOUT_ABOVE
    anonymous = sum(1 for r in resolved.values() if not r.named)
    net = MapNetwork(
        title=heading,
        legend=_legend(data, spec, scale),
        page={
            "view": view,
            "title": heading,
            "what": spec.what,
            "how": spec.how,
            "audience": audience.value,
            "anonymous": anonymous,
            "shown_with": seen.shows_more(),
            "color_by": color_by,
            "size_by": size_by,
            "tie_count": sum(len(t) for t in ties.values()),
            "large": large,
        },
    )
    marks = _marks(data, spec)
    for node in drawn:
        r = resolved[node]
        x, y = where[node]
        record: dict[str, Any] = {
            "id": r.page_id,
            "label": r.label,
            "shape": shape_for(data[node].get("kind")),
            "color": scale.color_of(node),
            "value": sizes[node],
            "x": x,
            "y": y,
            "kind": str(data[node].get("kind") or "node"),
            "cat": scale.category[node],
            "tip": _tooltip(data[node], spec, node, r, alias),
            # what search matches: the label, and the id of a node the audience may see
            "find": search_key(r.label, str(node) if r.named else None),
        }
        if marks.get(node):
            record["marks"] = marks[node]
        if spec.periods is not None:
            period = spec.periods.get(node)
            # when a hidden person adopted is theirs to tell
            record["period"] = period if r.named else None
        net.nodes.append(record)
        net.node_ids.append(r.page_id)
        net.node_map[r.page_id] = record
    added = {label for _, _, label in spec.extra_ties}
    ordered = sorted(ties.items(), key=lambda t: (resolved[t[0][0]].order, resolved[t[0][1]].order))
    colored = _tie_colors(G, spec, resolved)
    tie_legend = Counter[tuple[str, str]]()
    for i, ((u, v), types) in enumerate(ordered):
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "from": resolved[u].page_id,
            "to": resolved[v].page_id,
            "width": round(1 + math.log2(len(types)), 2),
            "tip": ", ".join(readable(t) if t.islower() else t for t in types),
            # ties an analysis found (matches, who learned from whom) are dashed
            "dashes": any(t in added for t in types),
        }
        if spec.label_extra_ties and edge["dashes"]:
            edge["label"] = ", ".join(t.removeprefix("MATCHED ") for t in types if t in added)
        if (u, v) in colored:
            attribute, value, color = colored[(u, v)]
            edge["color"] = {"color": color, "highlight": color, "hover": color, "opacity": 0.9}
            edge["width"] += 1
            edge["tip"] += f"; {readable(attribute)}: {readable(value)}"
            tie_legend[(f"{readable(attribute)}: {readable(value)}", color)] += 1
        net.edges.append(edge)
    order = [c for palette in spec.tie_colors.values() for c in palette.values()]
    net.legend.extend(
        {"group": "tie", "label": label, "color": color, "count": count}
        for (label, color), count in sorted(tie_legend.items(), key=lambda t: order.index(t[0][1]))
    )
    mark_counts = Counter(m for node in drawn for m in marks.get(node, []))
    net.legend.extend(
        {"group": "mark", "mark": mark, "label": MARKS[mark], "count": mark_counts[mark]}
        for mark in MARKS
        if mark_counts[mark]
    )
    net.options = _vis_options(large)
    if choices:
        net.page["colorings"], net.page["sizings"] = _choices(
            data, spec, resolved, alias, degree, drawn, (color_by, size_by)
        )
    if spec.periods is not None:
        # only periods the audience may see: a placeholder's period is theirs to tell
        periods = sorted({n["period"] for n in net.nodes if n.get("period") is not None})
        # honest counts: hidden adopters are counted, by period only, never placed
        hidden = sorted(p for n, p in spec.periods.items() if not resolved[n].named)
        net.page["periods"] = sorted({*periods, *hidden})
        net.page["hidden_periods"] = hidden
    return net


def write_map(
    G: nx.MultiDiGraph,
    path: str | Path,
    view: str = "network",
    *,
    force: bool = False,
    **options: Any,
) -> Path:
    """Build a map (see :func:`build_map`) and write it to ``path`` as one HTML file.

    ``path`` is never a load source of ``G`` or a file cosgraph did not write, unless
    ``force`` (:func:`cosgraph.overwrite.check_output`).  A place that cannot be
    written (a missing folder, no permission) is a :class:`MapError` naming it.
    """
    from cosgraph.overwrite import check_output, load_sources

    check_output(path, force=force, sources=load_sources(G))
    target = Path(path)
    net = build_map(G, view, **options)
    try:
        net.write_html(str(target))
    except OSError as exc:
        raise MapError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def _node_data(G: nx.MultiDiGraph, spec: ViewSpec) -> dict[str, Mapping[str, Any]]:
    """Each drawn node's data: from ``G``, or from the view for nodes ``G`` lacks."""
    data: dict[str, Mapping[str, Any]] = {}
    for node in spec.nodes:
        if node in spec.extra_nodes:
            data[node] = spec.extra_nodes[node]
        elif node in G:
            data[node] = G.nodes[node]
        else:
            raise MapError(f"view {spec.name!r} draws {node!r}, which is not in the graph")
    return data


def profile_rows(
    G: nx.MultiDiGraph, shared: Mapping[str, _Resolved], seen: Audience
) -> dict[str, list[list[str]]]:
    """Every field of each node as (field, value) text rows, as its tooltip shows them
    but uncapped; a hidden person's only kind and tripod role."""
    spec = ViewSpec(name="profile", what="", how="", nodes=[], color_by="kind")
    alias = _aliases(seen, dict(shared))
    return {
        node: _tooltip(G.nodes[node], spec, node, shared[node], alias, limit=10_000)
        for node in G
        if node in shared
    }


def resolve_nodes(G: nx.MultiDiGraph, seen: Audience) -> dict[str, _Resolved]:
    """A page id and label for every node of ``G``: the explorer's views share them, so a
    node (and a placeholder's number) is the same in every view of the page."""
    return _resolve(list(G), {n: G.nodes[n] for n in G}, seen)


def _resolve(
    nodes: list[str],
    node_data: dict[str, Mapping[str, Any]],
    seen: Audience,
    prefix: str = "n",
    start: int = 0,
) -> dict[str, _Resolved]:
    """Page ids for all nodes (random when anyone is hidden); labels only for those the
    audience may see.

    Named nodes keep the view's order; placeholders follow in the audience's (random)
    placeholder order and are numbered in it.  ``prefix`` and ``start`` keep ids and
    order apart from nodes resolved before (:func:`resolve_nodes`).
    """
    drawn = set(nodes)
    hidden = [n for n in seen.placeholders if n in drawn]
    named = [n for n in nodes if not seen.is_hidden(n)]
    page_ids: set[str] = set()
    resolved: dict[str, _Resolved] = {}
    for order, node in enumerate([*named, *hidden]):
        # random per page when it hides someone; a steward's map stays the same each time
        page_id = prefix + secrets.token_hex(4) if hidden else f"{prefix}{order}"
        while page_id in page_ids:
            page_id = prefix + secrets.token_hex(4)
        page_ids.add(page_id)
        if order < len(named):
            label = str(node_data[node].get("name") or node)
            resolved[node] = _Resolved(page_id, True, label, start + order)
        else:
            label = f"Person {order - len(named) + 1}"
            resolved[node] = _Resolved(page_id, False, label, start + order)
    return resolved


def _ties(
    G: nx.MultiDiGraph, spec: ViewSpec, resolved: dict[str, _Resolved]
) -> dict[tuple[str, str], list[str]]:
    """Ties between drawn nodes, one drawn edge per ordered pair listing its tie types."""
    ties: dict[tuple[str, str], list[str]] = {}
    for u, v, data in G.edges(data=True):
        tie_type = str(data.get("type") or "TIE")
        if u not in resolved or v not in resolved:
            continue
        if spec.tie_types is not None and tie_type not in spec.tie_types:
            continue
        ties.setdefault((u, v), []).append(tie_type)
    for u, v, label in spec.extra_ties:
        if u in resolved and v in resolved:
            ties.setdefault((u, v), []).append(label)
    return ties


def _layout(
    graph: nx.Graph, spec: ViewSpec, resolved: dict[str, _Resolved], seed: int
) -> dict[Any, tuple[float, float]]:
    """Positions for the view's layout: clusters by group, columns, or a force layout;
    then nodes centred among others.  A hidden person's group is never used (their
    place would tell it): they share one cluster of their own."""
    if spec.groups is not None:
        groups = {n: spec.groups.get(n) if resolved[n].named else None for n in graph}
        where = grouped_positions(graph, groups, seed=seed)
    elif spec.columns is not None:
        where = column_positions(graph, spec.columns, seed=seed)
    else:
        where = positions(graph, seed=seed)
    return centred_on(where, spec.centre_of) if spec.centre_of else where


def _marks(node_data: dict[str, Mapping[str, Any]], spec: ViewSpec) -> dict[str, list[str]]:
    """Each node's marks (:data:`styles.MARKS`): lived experience and levers on every
    view, and the view's own (brokers)."""
    marks: dict[str, list[str]] = {}
    for node in spec.nodes:
        data = node_data[node]
        found = [
            mark
            for mark in MARKS
            if (mark == "lived_experience" and data.get("tripod_role") == "lived_experience")
            or (mark == "lever" and data.get("kind") == "lever")
            or node in spec.marks.get(mark, ())
        ]
        if found:
            marks[node] = found
    return marks


def _tie_colors(
    G: nx.MultiDiGraph, spec: ViewSpec, resolved: dict[str, _Resolved]
) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(attribute, value, colour) of each drawn tie whose value has a colour in the view
    (a stance); never for a tie of a person the audience may not see."""
    found: dict[tuple[str, str], tuple[str, str, str]] = {}
    for attribute, palette in spec.tie_colors.items():
        for u, v, data in G.edges(data=True):
            value = data.get(attribute)
            if (
                value in palette
                and u in resolved
                and v in resolved
                and resolved[u].named
                and resolved[v].named
                and (spec.tie_types is None or data.get("type") in spec.tie_types)
            ):
                found.setdefault((u, v), (attribute, str(value), palette[value]))
    return found


def _aliases(seen: Audience, resolved: dict[str, _Resolved]) -> dict[str, str]:
    """What to write instead of each hidden person's id or name, and of values only
    hidden people carry.

    Analysis values and node data may name other nodes (a lever's nearest resident,
    an organization's director); those names are replaced wherever the page shows a value.
    """
    alias: dict[str, str] = dict.fromkeys(seen.unique_values, HIDDEN_VALUE)
    for node in seen.placeholders:
        alias[str(node)] = resolved[node].label if node in resolved else "a person not named"
    for name, token in seen.names.items():
        node = seen.original(token)
        alias[name] = resolved[node].label if node in resolved else "a person not named"
    return alias


def search_key(label: str, node_id: str | None = None) -> str:
    """What the page's search matches: label and id, lower case, accents dropped.

    The page folds what the user types the same way (NFKD, marks dropped, lower case).

    >>> search_key("María Hernández", "p034")
    'maria hernandez p034'
    """
    text = label if node_id is None else f"{label} {node_id}"
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


def _mask(value: Any, alias: Mapping[str, str]) -> Any:
    if not alias:
        return value
    if isinstance(value, str):
        return alias.get(value, value)
    if isinstance(value, list | tuple):
        return [_mask(v, alias) for v in value]
    if isinstance(value, dict):
        return {_mask(k, alias): _mask(v, alias) for k, v in value.items()}
    return value


def _attribute(
    node_data: dict[str, Mapping[str, Any]],
    spec: ViewSpec,
    name: str,
    alias: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Node id → value of ``name``: a view's analysis value, or node data."""
    alias = alias or {}
    if name in spec.derived:
        return {n: _mask(spec.derived[name].get(n), alias) for n in spec.nodes}
    values: dict[str, Any] = {}
    for node in spec.nodes:
        data = node_data[node]
        if name == "sector" and data.get("kind") == "person":
            sectors = data.get("sectors") or []
            value = sectors[0] if sectors else None  # a person's first listed sector
        else:
            value = data.get(name)
        value = _mask(value, alias)
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value) or None
        values[node] = value
    return values


def _known_attributes(node_data: dict[str, Mapping[str, Any]], spec: ViewSpec) -> list[str]:
    names = {key for node in spec.nodes for key in node_data[node]} | set(spec.derived)
    return sorted(names - HIDDEN_FIELDS)


def _colors(
    node_data: dict[str, Mapping[str, Any]],
    spec: ViewSpec,
    color_by: str,
    resolved: dict[str, _Resolved],
    alias: Mapping[str, str],
) -> ColorScale:
    values = _attribute(node_data, spec, color_by, alias)
    # a view's own colouring may be empty (nobody brokers yet): all in its missing label
    own = color_by in ("kind", spec.color_by)
    if spec.nodes and all(v is None for v in values.values()) and not own:
        raise MapError(
            f"no node in this view has {color_by!r}; try one of "
            f"{', '.join(_known_attributes(node_data, spec))}"
        )
    # Kind and tripod role are all a placeholder may show; any other colour would
    # reveal a fact about a person who did not agree to be shown.
    reveals = color_by not in ("kind", "tripod_role")
    hidden = [n for n in spec.nodes if reveals and not resolved[n].named]
    order = spec.color_order.get(color_by)
    if color_by == "tripod_role" and order is None:
        order = [role.value for role in TripodRole]
    scale = color_scale(
        {n: values[n] for n in spec.nodes if n not in set(hidden)},
        order=order,
        sequential=color_by in spec.sequential,
        missing_label=spec.missing_label,
        fixed=spec.fixed_colors.get(color_by),
    )
    if hidden:
        scale.category.update((n, len(scale.entries)) for n in hidden)
        scale.entries.append(ScaleEntry(ANONYMOUS_LABEL, ANONYMOUS_COLOR, len(hidden)))
    return scale


def _sizes(
    node_data: dict[str, Mapping[str, Any]],
    spec: ViewSpec,
    size_by: str,
    resolved: dict[str, _Resolved],
    degree: Counter[str],
) -> dict[str, float]:
    if size_by == "degree":
        metric: dict[str, Any] = {n: degree[n] for n in spec.nodes}
    else:
        metric = _attribute(node_data, spec, size_by)
        numbers = [
            v for v in metric.values() if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        if spec.nodes and not numbers:
            raise MapError(f"no node in this view has a number for {size_by!r}")
    if size_by not in STRUCTURAL_METRICS:
        metric = {n: (v if resolved[n].named else None) for n, v in metric.items()}
    return node_sizes(metric)


#: Colour choices offered in the explorer first, when a view has them; then the view's
#: own analysis values and every other attribute with few enough distinct values.
COLOR_FIRST = ("tripod_role", "sector", "kind", "community", "quadrant")
#: A text attribute with more distinct values than this (names, descriptions) is no colour.
MAX_COLOR_VALUES = 40


def _choices(
    node_data: dict[str, Mapping[str, Any]],
    spec: ViewSpec,
    resolved: dict[str, _Resolved],
    alias: Mapping[str, str],
    degree: Counter[str],
    drawn: list[str],
    chosen: tuple[str, str],
) -> tuple[dict[str, Any], dict[str, list[float]]]:
    """Every colour and size the page may switch to, in page order of ``drawn``.

    ``colorings[attribute]`` holds the legend and each node's legend entry (``cat``);
    ``sizings[attribute]`` each node's size.  Both go through :func:`_colors` and
    :func:`_sizes`, so a placeholder shows no more than on a single-view page.
    """
    names = [*COLOR_FIRST] + sorted(
        {*spec.derived, *(k for n in spec.nodes for k in node_data[n])} - HIDDEN_FIELDS
    )
    colorings: dict[str, Any] = {}
    sizings: dict[str, list[float]] = {"degree": []}  # degree first
    for name in dict.fromkeys([chosen[0], *names]):
        values = _attribute(node_data, spec, name, alias)
        present = [v for v in values.values() if v is not None]
        if not present or not all(isinstance(v, str | int | float | bool) for v in present):
            continue
        numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in present)
        if numeric:
            sizes = _sizes(node_data, spec, name, resolved, degree)
            sizings[name] = [sizes[n] for n in drawn]
        elif len(set(present)) > MAX_COLOR_VALUES:
            continue
        scale = _colors(node_data, spec, name, resolved, alias)
        colorings[name] = {
            "legend": [
                {"group": "color", "label": e.label, "color": e.color, "count": e.count}
                for e in scale.entries
            ],
            "cat": [scale.category[n] for n in drawn],
        }
    sizes = _sizes(node_data, spec, "degree", resolved, degree)
    sizings["degree"] = [sizes[n] for n in drawn]
    return colorings, sizings


def _legend(
    node_data: dict[str, Mapping[str, Any]], spec: ViewSpec, scale: ColorScale
) -> list[dict[str, Any]]:
    legend: list[dict[str, Any]] = [
        {"group": "color", "label": e.label, "color": e.color, "count": e.count}
        for e in scale.entries
    ]
    kinds = Counter(str(node_data[n].get("kind") or "node") for n in spec.nodes)
    order = list(dict.fromkeys(str(node_data[n].get("kind") or "node") for n in spec.nodes))
    legend.extend(
        {
            "group": "shape",
            "label": readable(kind),
            "kind": kind,
            "shape": shape_for(kind),
            "count": kinds[kind],
        }
        for kind in order
    )
    return legend


def _tooltip(
    data: Mapping[str, Any],
    spec: ViewSpec,
    node: str,
    r: _Resolved,
    alias: Mapping[str, str],
    limit: int = MAX_TOOLTIP_ROWS,
) -> list[list[str]]:
    """Rows of (field, value) text; the page turns them into text nodes, never HTML."""
    rows: list[list[str]] = [["", r.label]]
    if not r.named:
        rows.append(["kind", "person"])
        if data.get("tripod_role"):
            rows.append(["tripod role", readable(data["tripod_role"])])
        return rows
    rows.append(["id", str(node)])
    seen = set(HIDDEN_FIELDS)
    for key in (
        *DETAIL_FIELDS,
        *sorted(spec.derived),
        *sorted(k for k in data if isinstance(k, str)),
    ):
        if key in seen:
            continue
        seen.add(key)
        value = _mask(spec.derived[key].get(node) if key in spec.derived else data.get(key), alias)
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k}={readable(v)}" for k, v in value.items())
        rows.append([readable(key), readable(value)])
        if len(rows) >= limit:
            break
    return rows


def _vis_options(large: bool) -> dict[str, Any]:
    """vis-network options: physics always off, positions are precomputed; large maps
    drop arrows and curves."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 13, "face": "system-ui, sans-serif", "color": "#222"},
            "scaling": {
                "min": 6 if large else 10,
                "max": 26 if large else 30,
                "label": {"enabled": True, "min": 11, "max": 17, "drawThreshold": 7},
            },
        },
        "edges": {
            "color": {
                "color": "#9aa3ad",
                "highlight": "#1f2933",
                "hover": "#1f2933",
                "opacity": 0.55,
            },
            "smooth": False if large else {"type": "continuous", "roundness": 0.3},
            "arrows": {"to": {"enabled": not large, "scaleFactor": 0.45}},
            "selectionWidth": 2,
        },
        # positions come from Python (visualizations.layout): nothing moves unless dragged
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": True,
        },
    }


def _json_for_html(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


@cache
def _asset(package: str, name: str, inline: bool = True) -> str:
    text = (resources.files(package) / name).read_text(encoding="utf-8")
    for closing in ("</script", "</style"):
        if inline and closing in text.lower():
            raise MapError(f"{name} contains {closing}> and cannot be inlined")
    return text


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_asset("cosgraph.visualizations", "template.html", inline=False))


def page_data(net: MapNetwork) -> dict[str, Any]:
    """Everything the page script reads about one drawn view."""
    options = net.options if isinstance(net.options, dict) else json.loads(net.options.to_json())
    return {
        **net.page,
        "nodes": net.nodes,
        "edges": net.edges,
        "legend": net.legend,
        "options": options,
    }


def render_page(
    net: MapNetwork,
    data: dict[str, Any] | None = None,
    blocks: Mapping[str, Any] | None = None,
    late_blocks: Mapping[str, Any] | None = None,
) -> str:
    """The page for ``net``: template + inlined assets + the map's data as JSON
    (``data``, when given, instead of :func:`page_data`; ``blocks`` are more JSON blocks,
    ``cosgraph-<name>``, that the page parses only when it needs them; ``late_blocks``
    follow the scripts, so the browser starts drawing before it has read them)."""
    return _template().render(
        page=net.page,
        legend=net.legend,
        vis_css=Markup(_asset("pyvis", f"{VIS_LIB}/vis-network.css")),
        vis_js=Markup(_asset("pyvis", f"{VIS_LIB}/vis-network.min.js")),
        map_css=Markup(_asset("cosgraph.visualizations", "map.css")),
        map_js=Markup(_asset("cosgraph.visualizations", "map.js")),
        data_json=Markup(_json_for_html(page_data(net) if data is None else data)),
        blocks={name: Markup(_json_for_html(value)) for name, value in (blocks or {}).items()},
        late_blocks={
            name: Markup(_json_for_html(value)) for name, value in (late_blocks or {}).items()
        },
    )

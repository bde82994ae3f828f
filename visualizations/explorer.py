"""The explorer: every view of a map in one self-contained, offline page.

Each view is drawn exactly as its single-view page (:func:`network_map.draw_spec`), for
one shared audience, with every colour and size the page may switch to worked out in
Python under the same consent rules.  The page switches views, colours and sizes
without recomputing anything; positions never move unless the user drags a node.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ana", kind="person", name="Ana", consent="public", tripod_role="lived_experience")
>>> G.add_node("bo", kind="person", name="Bo", consent="private")
>>> _ = G.add_edge("ana", "bo", key="KNOWS", type="KNOWS")
>>> page = build_explorer(G, {"network": {}}, audience="public")
>>> [view.page["view"] for view in page.views], page.views[0].page["anonymous"]
(['network'], 1)
>>> sorted(page.views[0].page["colorings"])
['kind', 'tripod_role']
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from cosgraph.model import Consent

from .map_views import MapError
from .network_map import (
    MapNetwork,
    audience_of,
    draw_spec,
    page_data,
    profile_rows,
    render_page,
    resolve_nodes,
    view_spec,
)

__all__ = ["Explorer", "build_explorer", "write_explorer"]


class Explorer(MapNetwork):
    """The explorer page: its first view is what ``nodes``/``edges`` hold; ``views``
    holds every view drawn, ``skipped`` why a view could not be drawn."""

    def __init__(
        self,
        views: list[MapNetwork],
        skipped: dict[str, str],
        title: str,
        panels: dict[str, Any] | None = None,
    ):
        first = views[0]
        # the page's own fields; each view's data (choices included) is in its own block
        own = {k: v for k, v in first.page.items() if k not in ("colorings", "sizings")}
        page = {**own, "title": title, "explorer": True, "skipped": skipped}
        super().__init__(title=title, page=page, legend=first.legend)
        self.views = views
        self.skipped = skipped
        #: What a click shows: ``profiles`` by page id, ``levers`` by lever page id.
        self.panels = panels or {}
        #: Node id → page id (Python only: never written into the page).
        self.page_ids: dict[str, str] = {}
        self.nodes, self.edges, self.options = first.nodes, first.edges, first.options

    def generate_html(
        self, name: str = "index.html", local: bool = True, notebook: bool = False
    ) -> str:
        """The whole page, every view embedded; loads nothing from the network."""
        # each view, and the profiles, in a JSON block of its own: the first view before
        # the scripts, the rest after them; the page parses a view when first shown
        data = {
            **self.page,
            "view_names": [view.page["view"] for view in self.views],
            "levers": self.panels.get("levers", {}),
        }
        later = {f"view-{i}": page_data(view) for i, view in enumerate(self.views)}
        first = {"view-0": later.pop("view-0")}
        later["profiles"] = self.panels.get("profiles", {})
        self.html = render_page(self, data, first, later)
        return self.html


def build_explorer(
    G: nx.MultiDiGraph,
    results: Mapping[str, Mapping[str, Any]],
    *,
    audience: Consent | str = "public",
    title: str = "Coalition map",
    seed: int = 7,
    skipped: Mapping[str, str] | None = None,
) -> Explorer:
    """The explorer of ``G``: one page with a view for each entry of ``results``.

    Parameters
    ----------
    G : the projected community graph; not mutated.
    results : view name → the keywords its draw function takes (what its ``compute``
        step returned), in the order the page lists the views.
    audience : who may read the page (:mod:`cosgraph.consent`); one audience, and one
        set of placeholders, for every view.
    title : heading of the page.
    seed : seed of every view's layout.
    skipped : view name → why it is not drawn; the page says so.

    Raises
    ------
    MapError : no view, an unknown view or audience, or a view given bad results.
    """
    if not results:
        raise MapError("the explorer needs at least one view")
    seen = audience_of(G, audience)
    shared = resolve_nodes(G, seen)
    views: list[MapNetwork] = []
    left_out = dict(skipped or {})
    for name, options in results.items():
        spec = view_spec(G, name, options)
        try:
            views.append(draw_spec(G, spec, seen, seed=seed, choices=True, shared=shared))
        except MapError as err:  # e.g. no brokerage role on a map without groups
            left_out[name] = str(err)
    if not views:
        raise MapError(
            "no view can be drawn: " + "; ".join(f"{k}: {v}" for k, v in left_out.items())
        )
    panels = _panels(G, results, shared, profile_rows(G, shared, seen))
    page = Explorer(views, left_out, title, panels)
    page.page_ids = {str(n): r.page_id for n, r in shared.items()}
    return page


def _panels(
    G: nx.MultiDiGraph,
    results: Mapping[str, Mapping[str, Any]],
    shared: Mapping[str, Any],
    rows: Mapping[str, list[list[str]]],
) -> dict[str, Any]:
    """What clicking a node shows (``profiles``) and what clicking a lever highlights
    (``levers``), keyed by page id; names through ``shared``, so a hidden person is
    only ever their placeholder, and only a named node's profile says more than its kind.
    """
    from cosgraph.analysis.power import PowerResult
    from cosgraph.analysis.spanners import SpannersResult

    def label(node: str) -> str:
        return str(shared[node].label) if node in shared else "a node not on this map"

    def pid(node: str) -> str:
        return str(shared[node].page_id)

    profiles: dict[str, dict[str, Any]] = {
        pid(n): {"rows": rows[n], "stances": [], "paths": [], "roles": []} for n in rows
    }
    named = {n for n in rows if shared[n].named}
    power = results.get("power", {}).get("power")
    levers: dict[str, Any] = {}
    if isinstance(power, PowerResult):
        for lever in power.levers:
            for stance in lever.stances:
                if stance.actor in named:
                    profiles[pid(stance.actor)]["stances"].append(
                        [
                            label(lever.id),
                            stance.tie,
                            label(stance.via) if stance.via else "",
                            stance.stance or "not recorded",
                        ]
                    )
            connected = [p for p in lever.paths if p.length is not None]
            within = [p for p in connected if (p.length or 0) <= power.k]
            nearest = min((p.length or 0 for p in connected), default=None)
            shown = within or [p for p in connected if p.length == nearest]
            best: dict[str, Any] = {}
            for p in connected:  # each resident's nearest decider of this lever
                if p.resident in named and (
                    p.resident not in best or (p.length or 0) < (best[p.resident].length or 0)
                ):
                    best[p.resident] = p
            for resident, p in best.items():
                profiles[pid(resident)]["paths"].append(
                    [label(lever.id), p.length, [label(step) for step in p.path]]
                )
            levers[pid(lever.id)] = {
                "label": label(lever.id),
                "k": power.k,
                "reached": lever.reached,
                "nearest": label(lever.nearest_resident) if lever.nearest_resident else None,
                "distance": lever.nearest_distance,
                "deciders": [pid(d) for d in lever.deciders],
                "paths": [[pid(step) for step in p.path] for p in shown],
            }
    spanners = results.get("spanners", {}).get("spanners")
    if isinstance(spanners, SpannersResult):
        for node in spanners.nodes:
            if node.id in named:
                counts = node.brokerage.model_dump()
                profiles[pid(node.id)]["roles"] = [
                    [role, count] for role, count in counts.items() if role != "total" and count
                ]
    return {"profiles": profiles, "levers": levers}


def write_explorer(page: Explorer, path: str | Path, *, force: bool = False) -> Path:
    """Write the explorer ``page`` (see :func:`build_explorer`) to ``path``.

    The overwrite rule of :func:`cosgraph.overwrite.check_output` applies (``force``).
    """
    from cosgraph.overwrite import check_output

    check_output(path, force=force)
    target = Path(path)
    try:
        page.write_html(str(target))
    except OSError as exc:
        raise MapError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target

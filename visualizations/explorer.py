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
from .network_map import MapNetwork, audience_of, draw_spec, page_data, render_page, view_spec

__all__ = ["Explorer", "build_explorer", "write_explorer"]


class Explorer(MapNetwork):
    """The explorer page: its first view is what ``nodes``/``edges`` hold; ``views``
    holds every view drawn, ``skipped`` why a view could not be drawn."""

    def __init__(self, views: list[MapNetwork], skipped: dict[str, str], title: str):
        first = views[0]
        page = {**first.page, "title": title, "explorer": True, "skipped": skipped}
        super().__init__(title=title, page=page, legend=first.legend)
        self.views = views
        self.skipped = skipped
        self.nodes, self.edges, self.options = first.nodes, first.edges, first.options

    def generate_html(
        self, name: str = "index.html", local: bool = True, notebook: bool = False
    ) -> str:
        """The whole page, every view embedded; loads nothing from the network."""
        data = {
            **page_data(self),
            "views": [page_data(view) for view in self.views],
            "skipped": self.skipped,
        }
        self.html = render_page(self, data)
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
    try:
        audience = Consent(audience)
    except ValueError:
        raise MapError(
            f"audience must be one of {', '.join(c.value for c in Consent)}, not {audience!r}"
        ) from None
    if not results:
        raise MapError("the explorer needs at least one view")
    seen = audience_of(G, audience)
    views: list[MapNetwork] = []
    left_out = dict(skipped or {})
    for name, options in results.items():
        spec = view_spec(G, name, options)
        try:
            views.append(draw_spec(G, spec, seen, seed=seed, choices=True))
        except MapError as err:  # e.g. no brokerage role on a map without groups
            left_out[name] = str(err)
    if not views:
        raise MapError(
            "no view can be drawn: " + "; ".join(f"{k}: {v}" for k, v in left_out.items())
        )
    return Explorer(views, left_out, title)


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

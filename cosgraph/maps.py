"""Write a map of a view, or the explorer of every view: run the analyses, then draw.

The map layer (``cosgraph.visualizations``) draws results it is given; this module is
the one place that computes them for a view, so the CLI and ``cosgraph demo`` stay thin.
A network metric named as ``color_by`` or ``size_by`` (``community``, ``pagerank``, ...)
is read from the store's ``metric_<name>`` properties when ``analyze metrics --write``
stored them, and computed on the fly otherwise.

>>> import tempfile, pathlib
>>> from cosgraph.model import CommunityMap, Person, Tie
>>> G = CommunityMap(nodes=[Person(id="ana", consent="public"), Person(id="bo")],
...                  ties=[Tie(type="KNOWS", source="ana", target="bo")]).to_graph()
>>> path = write_view(G, pathlib.Path(tempfile.mkdtemp()) / "m.html", "network",
...                   color_by="community", size_by="pagerank")
>>> path.suffix
'.html'
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from cosgraph.store.schema import METRIC_NAMES, METRIC_PREFIX

if TYPE_CHECKING:
    from cosgraph.visualizations import Explorer, ViewOptions

__all__ = ["write_view", "write_explorer", "explorer_page", "explorer_results", "with_metrics"]


def with_metrics(G: nx.MultiDiGraph, names: list[str], *, seed: int = 0) -> nx.MultiDiGraph:
    """``G`` with the named network metrics as node attributes (a copy when any is added)."""
    from cosgraph.analysis.metrics import network_metrics
    from cosgraph.analysis.views import tie_graph

    wanted = [n for n in names if n in METRIC_NAMES and not _present(G, n)]
    if not wanted:
        return G
    H = G.copy()
    stored = [n for n in wanted if _present(G, METRIC_PREFIX + n)]
    for name in stored:
        for node, value in G.nodes(data=METRIC_PREFIX + name):
            if value is not None:
                H.nodes[node][name] = value
    missing = [n for n in wanted if n not in stored]
    if missing:
        rows = network_metrics(tie_graph(G), seed=seed).by_id()
        for node, row in rows.items():
            for name in missing:
                H.nodes[node][name] = getattr(row, name)
    return H


def _present(G: nx.MultiDiGraph, name: str) -> bool:
    return any(name in data for _, data in G.nodes(data=True))


def write_view(
    G: nx.MultiDiGraph,
    path: str | Path,
    view: str = "network",
    *,
    audience: str = "public",
    color_by: str | None = None,
    size_by: str | None = None,
    by: str = "sector",
    k: int = 3,
    community: str | None = None,
    practice: str | None = None,
    level: str | None = None,
    title: str | None = None,
    force: bool = False,
    store: str | Path | None = None,
) -> Path:
    """Compute what ``view`` shows from ``G`` and write the map to ``path``.

    The view's compute step (see :data:`cosgraph.visualizations.VIEWS`) runs on the
    whole map, so every value is right; the map layer then shows it to ``audience``
    (see :mod:`cosgraph.consent`).  ``by`` groups the spanners view's brokerage; ``k``
    is the power view's reach; ``community`` narrows the crosswalk view; ``practice``
    and ``level`` pick the spread view's bright spot and adopters.  ``path`` is never
    the ``store`` ``G`` came from, a load source or a file cosgraph did not write,
    unless ``force`` (:func:`cosgraph.overwrite.check_output`).
    """
    from cosgraph.overwrite import check_output, load_sources
    from cosgraph.visualizations import VIEWS, MapError, ViewOptions, write_map

    if view not in VIEWS:
        raise MapError(f"unknown view {view!r}; views: {', '.join(VIEWS)}")
    check_output(path, force=force, store=store, sources=load_sources(G))
    G = with_metrics(G, [n for n in (color_by, size_by) if n])
    options = ViewOptions(by=by, k=k, community=community, practice=practice, level=level)
    results = VIEWS[view].compute(G, options)
    if view == "power":
        from cosgraph.visualizations.view_power import brokers_for_power

        results["spanners"] = brokers_for_power(G, options)
    written: Path = write_map(
        G,
        Path(path),
        view,
        audience=audience,
        color_by=color_by,
        size_by=size_by,
        title=title,
        force=force,
        **results,
    )
    return written


def explorer_results(
    G: nx.MultiDiGraph, options: ViewOptions
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Every view's results for the explorer, and why each view that cannot be drawn
    was left out (e.g. spread on a map with no adoption, crosswalk with no skills).

    >>> from cosgraph.model import CommunityMap, Person
    >>> from cosgraph.visualizations import ViewOptions
    >>> G = CommunityMap(nodes=[Person(id="ana")], ties=[]).to_graph()
    >>> results, skipped = explorer_results(G, ViewOptions())
    >>> list(results)[:2], sorted(skipped)
    (['network', 'power'], ['spread'])
    """
    from cosgraph.errors import CosgraphError
    from cosgraph.visualizations import VIEWS

    results: dict[str, dict[str, Any]] = {}
    skipped: dict[str, str] = {}
    for name, view in VIEWS.items():
        try:
            results[name] = view.compute(G, options)
        except (CosgraphError, ValueError) as err:
            skipped[name] = str(err)
    if "power" in results and "spanners" in results:  # the power view marks its brokers
        results["power"]["spanners"] = results["spanners"]["spanners"]
    return results, skipped


def write_explorer(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    audience: str = "public",
    by: str = "sector",
    k: int = 3,
    community: str | None = None,
    practice: str | None = None,
    level: str | None = None,
    title: str = "Coalition map",
    force: bool = False,
    store: str | Path | None = None,
) -> tuple[Path, Explorer]:
    """Compute every view and write the explorer (one page, every view) to ``path``.

    Every network metric is embedded, so the page can colour and size by any of them.
    Options are :func:`write_view`'s; returns the path and the page (its ``skipped``
    says which views were left out, and why).
    """
    from cosgraph.overwrite import check_output, load_sources
    from cosgraph.visualizations import ViewOptions
    from cosgraph.visualizations import write_explorer as write_page

    check_output(path, force=force, store=store, sources=load_sources(G))
    options = ViewOptions(by=by, k=k, community=community, practice=practice, level=level)
    page = explorer_page(G, options, audience=audience, title=title)
    written = write_page(page, Path(path))
    return written, page


def explorer_page(
    G: nx.MultiDiGraph,
    options: ViewOptions | None = None,
    *,
    audience: str = "public",
    title: str = "Coalition map",
) -> Explorer:
    """The explorer of ``G`` for ``audience``, not written anywhere: every view that can
    be drawn, with every network metric embedded (what :func:`write_explorer` writes,
    and what ``cosgraph serve`` shows live).

    >>> from cosgraph.model import CommunityMap, Person
    >>> G = CommunityMap(nodes=[Person(id="ana", name="Ana", consent="public")]).to_graph()
    >>> "Ana" in explorer_page(G).generate_html()
    True
    """
    from cosgraph.visualizations import ViewOptions, build_explorer

    G = with_metrics(G, sorted(METRIC_NAMES))
    results, skipped = explorer_results(G, options or ViewOptions())
    return build_explorer(G, results, audience=audience, title=title, skipped=skipped)

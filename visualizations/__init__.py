"""Maps of a community graph: self-contained, offline HTML pages drawn with pyvis.

``build_map(G, view, audience=..., color_by=..., size_by=..., title=..., **results)``
returns a :class:`pyvis.network.Network`; ``write_map(G, path, ...)`` writes it.
``build_explorer``/``write_explorer`` put every view in one page.

>>> from cosgraph.visualizations import VIEWS
>>> list(VIEWS)
['network', 'power', 'spanners', 'assets', 'crosswalk', 'spread']
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .map_views import VIEWS, MapError, View, ViewOptions, ViewSpec

if TYPE_CHECKING:
    from .explorer import Explorer, build_explorer, write_explorer
    from .network_map import MapNetwork, build_map, write_map

__all__ = [
    "build_map",
    "write_map",
    "build_explorer",
    "write_explorer",
    "Explorer",
    "MapNetwork",
    "MapError",
    "View",
    "ViewOptions",
    "ViewSpec",
    "VIEWS",
]

#: What draws a page (pyvis, jinja2), imported on first use: the registry alone (the
#: map command's options and help) does not need it.
_DRAWING = {
    "build_map": ".network_map",
    "write_map": ".network_map",
    "MapNetwork": ".network_map",
    "build_explorer": ".explorer",
    "write_explorer": ".explorer",
    "Explorer": ".explorer",
}


def __getattr__(name: str) -> Any:
    if name in _DRAWING:
        return getattr(import_module(_DRAWING[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

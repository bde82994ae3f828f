"""Maps of a community graph: self-contained, offline HTML pages drawn with pyvis.

``build_map(G, view, audience=..., color_by=..., size_by=..., title=..., **results)``
returns a :class:`pyvis.network.Network`; ``write_map(G, path, ...)`` writes it.
``build_explorer``/``write_explorer`` put every view in one page.

>>> from cosgraph.visualizations import VIEWS
>>> list(VIEWS)
['network', 'power', 'spanners', 'assets', 'crosswalk', 'spread']
"""

from .explorer import Explorer, build_explorer, write_explorer
from .map_views import VIEWS, MapError, View, ViewOptions, ViewSpec
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

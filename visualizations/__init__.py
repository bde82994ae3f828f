"""Maps of a community graph: self-contained, offline HTML pages drawn with pyvis.

``build_map(G, view, audience=..., color_by=..., size_by=..., title=..., **results)``
returns a :class:`pyvis.network.Network`; ``write_map(G, path, ...)`` writes it.

>>> from cosgraph.visualizations import VIEWS
>>> list(VIEWS)
['network', 'power', 'spanners', 'assets', 'crosswalk', 'spread']
"""

from .map_views import VIEWS, MapError, View, ViewOptions, ViewSpec
from .network_map import MapNetwork, build_map, write_map

__all__ = [
    "build_map",
    "write_map",
    "MapNetwork",
    "MapError",
    "View",
    "ViewOptions",
    "ViewSpec",
    "VIEWS",
]

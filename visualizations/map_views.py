"""The views registry: every map view, by name.

A view is one module (``view_<name>.py``) holding its draw function, its compute
function and ``VIEW = View(...)``; adding a view is that module plus one line below.
:func:`cosgraph.visualizations.build_map` draws a view, :func:`cosgraph.maps.write_view`
computes and draws it, and the CLI's ``map --view`` choices and help come from here.

>>> list(VIEWS)
['network', 'power', 'spanners', 'assets', 'crosswalk', 'spread']
>>> VIEWS["power"].options
('k', 'by')
"""

from __future__ import annotations

from . import view_assets, view_crosswalk, view_network, view_power, view_spanners, view_spread
from .view_assets import assets_view
from .view_base import MapError, View, ViewOptions, ViewSpec
from .view_crosswalk import crosswalk_view
from .view_network import network_view
from .view_power import power_view
from .view_spanners import spanners_view
from .view_spread import spread_view

__all__ = [
    "MapError",
    "View",
    "ViewOptions",
    "ViewSpec",
    "VIEWS",
    "network_view",
    "power_view",
    "spanners_view",
    "assets_view",
    "crosswalk_view",
    "spread_view",
]

VIEWS: dict[str, View] = {
    view.name: view
    for view in (
        view_network.VIEW,
        view_power.VIEW,
        view_spanners.VIEW,
        view_assets.VIEW,
        view_crosswalk.VIEW,
        view_spread.VIEW,
    )
}

"""How a bright spot travels: event-history analysis of who adopted a practice, and when.

The input is one :class:`AdoptionData` (:mod:`.adoption`): a directed contact graph
in which an edge ``i -> j`` means *i may learn from j*, each node's community, and
each node's adoption time (``None`` for a node that never adopted).  It is built by
:func:`adoption_from_network` (a researcher's network), :func:`adoption_from_files`
(a people CSV and a ties CSV) or :func:`adoption_from_graph` (the store's
projection: ADOPTED ties to a bright spot).

Three analyses read it, each returning a printable result
(:class:`~cosgraph.analysis.result.Result`):

* :func:`spread_summary` (:mod:`.summary`) -- members, adopters, saturation,
  cumulative adoption, time to half, hazard rate and Rogers' adopter categories, per
  community and overall;
* :func:`exposure` (:mod:`.exposure`) -- each adopter's exposure at adoption
  (Valente's threshold) and its correlation with adoption time;
* :func:`cascade` (:mod:`.cascade`) -- who may have learned from whom, cascade
  depth, and the communities the practice crossed;

and :func:`simulate_spread` (:mod:`.simulate`) runs the simulations of
:mod:`cosgraph.analysis.simulation` (or the seed selection of
:mod:`cosgraph.analysis.seed_selection`) on the contacts, influence flowing from
the person named to the person who named them.

>>> import networkx as nx
>>> G = nx.DiGraph([("b", "a"), ("c", "b"), ("d", "b")])
>>> nx.set_node_attributes(G, {"a": "east", "b": "east", "c": "west", "d": "west"}, "town")
>>> nx.set_node_attributes(G, {"a": 1, "b": 2, "c": 3}, "month")
>>> data = adoption_from_network(G, community_attr="town", time_attr="month")
>>> [(c.community, c.adopters, c.members) for c in spread_summary(data).communities]
[('east', 2, 2), ('west', 1, 2)]
>>> [(a.node, a.exposure) for a in exposure(data).adopters]
[('a', None), ('b', 1.0), ('c', 1.0)]
>>> cascade(data).max_depth
2
"""

from cosgraph.analysis.spread.adoption import (
    ACTOR_CONTACT_TIES,
    COMMUNITY_CONTACT_TIES,
    AdoptionData,
    TimeUnit,
    adoption_from_files,
    adoption_from_graph,
    adoption_from_network,
    influence_graph,
)
from cosgraph.analysis.spread.cascade import (
    CascadeAdopter,
    CascadeResult,
    CommunityCrossing,
    CommunityReach,
    cascade,
)
from cosgraph.analysis.spread.choice import adoption_levels, practice_and_level
from cosgraph.analysis.spread.exposure import AdopterExposure, ExposureResult, exposure
from cosgraph.analysis.spread.simulate import simulate_spread
from cosgraph.analysis.spread.summary import (
    ROGERS_CATEGORIES,
    CommunityAdoption,
    PeriodAdoption,
    PeriodRate,
    SpreadSummary,
    spread_summary,
)

__all__ = [
    "AdoptionData",
    "TimeUnit",
    "adoption_from_network",
    "adoption_from_graph",
    "adoption_from_files",
    "influence_graph",
    "practice_and_level",
    "adoption_levels",
    "PeriodAdoption",
    "PeriodRate",
    "CommunityAdoption",
    "SpreadSummary",
    "spread_summary",
    "AdopterExposure",
    "ExposureResult",
    "exposure",
    "CascadeAdopter",
    "CommunityReach",
    "CommunityCrossing",
    "CascadeResult",
    "cascade",
    "simulate_spread",
    "ROGERS_CATEGORIES",
    "ACTOR_CONTACT_TIES",
    "COMMUNITY_CONTACT_TIES",
]

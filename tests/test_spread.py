"""Event-history spread analysis: hand-worked cases and the Medical Innovation data."""

from __future__ import annotations

import copy
import csv
import json
import math

import networkx as nx
import numpy as np
import pytest
from scipy import stats

from cosgraph.analysis.spread import (
    AdoptionData,
    adoption_from_graph,
    adoption_from_network,
    cascade,
    exposure,
    spread_summary,
)
from cosgraph.errors import CosgraphError
from tests.conftest import MEDICAL

# --------------------------------------------------------------------------- helpers


def _cell(text: str) -> int | float | str:
    """A CSV cell typed the way the project's loader types it: numbers as numbers."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def read_medical(multi: bool = False) -> nx.DiGraph:
    """physicians.csv + ties.csv as the generic loader shapes them (empty cells absent)."""
    G: nx.DiGraph = nx.MultiDiGraph() if multi else nx.DiGraph()
    with open(MEDICAL / "physicians.csv", newline="") as f:
        for row in csv.DictReader(f):
            attrs = {k: _cell(v) for k, v in row.items() if k != "physician_id" and v.strip()}
            G.add_node(row["physician_id"], **attrs)
    with open(MEDICAL / "ties.csv", newline="") as f:
        for row in csv.DictReader(f):
            G.add_edge(row["from_physician"], row["to_physician"], relation=row["relation"])
    return G


def data_of(edges, community, time, source=None, nodes=()):
    G = nx.DiGraph(edges)
    G.add_nodes_from(nodes)
    G.add_nodes_from(community)
    G.add_nodes_from(time)
    return AdoptionData(G, community, time, source or {})


def person_map() -> nx.MultiDiGraph:
    """Five people in two communities adopting one practice; one never does."""
    G = nx.MultiDiGraph()
    for n in ("ana", "bo", "cy", "di", "ed"):
        G.add_node(n, kind="person")
    G.add_node("clinic", kind="organization")
    G.add_node("north", kind="community")
    G.add_node("south", kind="community")
    G.add_node("walk", kind="bright_spot")
    for n, c in (("ana", "north"), ("bo", "north"), ("cy", "south"), ("di", "south")):
        G.add_edge(n, c, key="MEMBER_OF", type="MEMBER_OF")
    G.add_edge("clinic", "north", key="MEMBER_OF", type="MEMBER_OF")
    G.add_edge("bo", "ana", key="KNOWS", type="KNOWS")
    G.add_edge("bo", "ana", key="TRUSTS", type="TRUSTS", strength=3.0)
    G.add_edge("cy", "bo", key="PARTNERS_WITH", type="PARTNERS_WITH")
    G.add_edge("di", "cy", key="KNOWS", type="KNOWS")
    G.add_edge("ed", "ana", key="KNOWS", type="KNOWS")
    G.add_edge("ana", "clinic", key="KNOWS", type="KNOWS")  # organizations did not adopt
    G.add_edge("ana", "walk", key="ADOPTED", type="ADOPTED", period=1)
    G.add_edge("bo", "walk", key="ADOPTED", type="ADOPTED", period=2)
    G.add_edge("cy", "walk", key="ADOPTED", type="ADOPTED", period=3, learned_from="bo")
    G.add_edge("di", "walk", key="ADOPTED", type="ADOPTED", period=3)
    return G


# --------------------------------------------------------------------------- Medical Innovation


@pytest.fixture(scope="module")
def medical() -> AdoptionData:
    return adoption_from_network(read_medical(), "city", "adoption_month", "relation")


def test_medical_innovation_saturation_reproduces_published_figures(medical):
    summary = spread_summary(medical)
    counts = {c.community: (c.adopters, c.members) for c in summary.communities}
    assert counts == {"1": (55, 62), "2": (21, 24), "3": (17, 21), "4": (16, 18)}
    saturation = [c.saturation for c in summary.communities]
    assert round(max(saturation), 2) == 0.89
    assert round(min(saturation), 2) == 0.81
    assert (summary.overall.adopters, summary.overall.members) == (109, 125)
    assert summary.overall.cumulative[-1].cumulative == 109
    assert [p.period for p in summary.overall.cumulative] == list(range(1, 18))


def test_medical_innovation_curves_are_consistent(medical):
    for entry in spread_summary(medical).communities:
        cumulative = [p.cumulative for p in entry.cumulative]
        assert cumulative == sorted(cumulative)
        assert sum(p.adopters for p in entry.cumulative) == entry.adopters
        assert sum(entry.categories.values()) == entry.adopters
        first_half = next(p.period for p in entry.cumulative if 2 * p.cumulative >= entry.members)
        assert entry.time_to_half == first_half
        for p, r in zip(entry.cumulative, entry.rate, strict=True):
            assert r.at_risk == entry.members - (p.cumulative - p.adopters)
            assert r.rate == pytest.approx(p.adopters / r.at_risk)


def test_medical_innovation_exposure_matches_matrix_computation(medical):
    result = exposure(medical)
    nodes = list(medical.contacts)
    A = nx.to_numpy_array(medical.contacts, nodelist=nodes)  # A[i, j] = 1: i named j
    t = np.array([np.inf if medical.time.get(n) is None else medical.time[n] for n in nodes])
    for row in result.adopters:
        i = nodes.index(row.node)
        named = A[i].sum()
        earlier = (A[i] * (t < t[i])).sum()
        assert row.contacts == named
        assert row.exposure == (None if named == 0 else pytest.approx(earlier / named))
    defined = [a for a in result.adopters if a.exposure is not None]
    assert all(0.0 <= a.exposure <= 1.0 for a in defined)
    assert all(a.exposure == 0.0 for a in defined if a.time == 1)
    r, _ = stats.pearsonr([a.exposure for a in defined], [a.time for a in defined])
    assert result.correlation == pytest.approx(r)
    assert result.n_correlated == len(defined) < 109


def test_medical_innovation_relation_filter_keeps_only_that_relation():
    data = adoption_from_network(read_medical(multi=True), "city", "adoption_month", "relation")
    assert data.contacts.number_of_edges() == 294  # README: 294 distinct directed pairs
    with open(MEDICAL / "ties.csv", newline="") as f:
        advice = {
            (r["from_physician"], r["to_physician"])
            for r in csv.DictReader(f)
            if r["relation"] == "advice"
        }
    only = adoption_from_network(
        read_medical(multi=True), "city", "adoption_month", "relation", {"advice"}
    )
    assert set(only.contacts.edges) == advice
    by_filter = {a.node: a.contacts for a in exposure(data, relation="advice").adopters}
    by_build = {a.node: a.contacts for a in exposure(only).adopters}
    assert by_filter == by_build


def test_medical_innovation_cascade_stays_within_cities(medical):
    result = cascade(medical)
    time = {a.node: a.time for a in result.adopters}
    for a in result.adopters:
        assert all(time[p] < a.time for p in a.parents)
        assert (a.depth == 0) == (not a.parents)
    assert result.cross_community_links == 0  # README: all ties are within a city
    assert result.crossings == []
    assert [c.community for c in result.communities] == ["1", "2", "3", "4"]
    assert [c.first_time for c in result.communities] == [1, 1, 2, 3]
    assert result.links == sum(len(a.parents) for a in result.adopters)


# --------------------------------------------------------------------------- summary by hand


def test_summary_hand_worked_curve_rate_and_half():
    # community x: 4 members adopting at 1, 1, 3 and never; y's adoption adds period 2
    data = data_of(
        [], {"a": "x", "b": "x", "c": "x", "d": "x", "e": "y"}, {"a": 1, "b": 1, "c": 3, "e": 2}
    )
    x, y = spread_summary(data).communities
    assert [(p.period, p.adopters, p.cumulative, p.share) for p in x.cumulative] == [
        (1, 2, 2, 0.5),
        (2, 0, 2, 0.5),
        (3, 1, 3, 0.75),
    ]
    assert [(p.period, p.at_risk, p.adopters, p.rate) for p in x.rate] == [
        (1, 4, 2, 0.5),
        (2, 2, 0, 0.0),
        (3, 2, 1, 0.5),
    ]
    assert x.time_to_half == 1 and x.saturation == 0.75
    assert [(p.at_risk, p.rate) for p in y.rate] == [(1, 0.0), (1, 1.0), (0, None)]
    assert y.time_to_half == 2


def test_rogers_categories_use_population_sd_and_half_open_bands():
    # mean 6, population sd 2 (sum of squared deviations 48 over 12): bands 2 | 4 | 6 | 8
    times = [2, 4, 4, 6, 6, 6, 6, 6, 6, 8, 8, 10]
    data = data_of([], {i: "x" for i in range(12)}, dict(enumerate(times)))
    entry = spread_summary(data).overall
    assert (entry.mean_time, entry.sd_time) == (6.0, 2.0)
    assert entry.categories == {
        "innovators": 0,
        "early_adopters": 1,
        "early_majority": 2,
        "late_majority": 6,
        "laggards": 3,
    }
    # one very early adopter: mean 9, sd 3, bands 3 | 6 | 9 | 12
    times = [0] + [10] * 9
    data = data_of([], {}, dict(enumerate(times)))
    entry = spread_summary(data).overall
    assert entry.categories == {
        "innovators": 1,
        "early_adopters": 0,
        "early_majority": 0,
        "late_majority": 9,
        "laggards": 0,
    }
    assert spread_summary(data).communities == []  # no community given: overall only


def test_summary_without_spread_has_no_half_and_no_categories():
    data = data_of([], {"a": "x", "b": "x", "c": "x"}, {"a": 5, "b": None})
    entry = spread_summary(data).communities[0]
    assert entry.time_to_half is None
    assert entry.categories is None  # one adopter: sd 0
    assert entry.saturation == pytest.approx(1 / 3)


def test_summary_json_shape_and_table_rows():
    data = data_of([("a", "b")], {"a": "x", "b": "y"}, {"a": 1, "b": 2})
    summary = spread_summary(data)
    dumped = json.loads(json.dumps(summary.model_dump(mode="json")))
    assert set(dumped) == {"practice", "time_unit", "communities", "overall"}
    assert set(dumped["communities"][0]) >= {
        "community",
        "members",
        "adopters",
        "saturation",
        "time_to_half",
        "cumulative",
        "rate",
        "categories",
    }
    assert dumped["overall"]["community"] is None
    rows = summary.table_rows()
    assert [r["community"] for r in rows] == ["x", "y", "(all)"]
    assert all(
        v is None or isinstance(v, str | int | float | bool) for r in rows for v in r.values()
    )


# --------------------------------------------------------------------------- exposure by hand


def test_exposure_counts_only_strictly_earlier_contacts():
    # e names a (t=1), b (t=2, same as e), c (never), d (t=3, later): 1 of 4 earlier
    data = data_of(
        [("e", "a"), ("e", "b"), ("e", "c"), ("e", "d"), ("a", "e")],
        {},
        {"a": 1, "b": 2, "e": 2, "d": 3},
        nodes=["c"],
    )
    rows = {a.node: a for a in exposure(data).adopters}
    assert (rows["e"].contacts, rows["e"].exposed, rows["e"].exposure) == (4, 1, 0.25)
    assert rows["a"].exposure == 0.0  # a names e, who adopted later
    assert rows["b"].exposure is None and rows["d"].exposure is None  # no contacts
    assert [a.node for a in exposure(data).adopters] == ["a", "b", "e", "d"]
    # undirected: d now has contact e (earlier); b has contact e (same time: not earlier)
    undirected = {a.node: a for a in exposure(data, directed=False).adopters}
    assert (undirected["d"].contacts, undirected["d"].exposure) == (1, 1.0)
    assert (undirected["b"].contacts, undirected["b"].exposure) == (1, 0.0)


def test_exposure_ignores_self_ties():
    data = data_of([("a", "a"), ("b", "b"), ("b", "a")], {}, {"a": 1, "b": 2})
    assert [(a.contacts, a.exposure) for a in exposure(data).adopters] == [(0, None), (1, 1.0)]
    assert [a.parents for a in cascade(data).adopters] == [[], ["a"]]


def test_exposure_correlation_by_hand():
    # exposures 0, 1/2, 1 at times 1, 2, 4: r = 1.5 / sqrt(0.5 * 4.6667) = 0.9820
    data = data_of(
        [("b", "a"), ("b", "x"), ("c", "a"), ("c", "b")], {}, {"a": 1, "b": 2, "c": 4}, nodes=["x"]
    )
    result = exposure(data)
    assert [a.exposure for a in result.adopters] == [None, 0.5, 1.0]
    assert (result.correlation, result.n_correlated) == (pytest.approx(1.0), 2)  # two points
    data = data_of(
        [("a", "x"), ("b", "a"), ("b", "x"), ("c", "a"), ("c", "b")],
        {},
        {"a": 1, "b": 2, "c": 4},
        nodes=["x"],
    )
    result = exposure(data)
    assert [a.exposure for a in result.adopters] == [0.0, 0.5, 1.0]
    assert result.correlation == pytest.approx(1.5 / math.sqrt(0.5 * (14 / 3)))


def test_exposure_relation_filter_and_unknown_relation():
    G = nx.MultiDiGraph()
    G.add_node("a", c="x", t=1)
    G.add_node("b", c="x", t=2)
    G.add_node("z", c="x")
    G.add_edge("b", "a", rel="advice")
    G.add_edge("b", "z", rel="friendship")
    data = adoption_from_network(G, "c", "t", relation_attr="rel")
    assert exposure(data).adopters[1].exposure == 0.5
    assert exposure(data, relation="advice").adopters[1].exposure == 1.0
    assert exposure(data, relation="friendship").adopters[1].exposure == 0.0
    with pytest.raises(CosgraphError, match="advice, friendship"):
        exposure(data, relation="trust")


# --------------------------------------------------------------------------- cascade by hand


def test_cascade_depth_is_one_plus_min_parent_depth():
    # a(1) <- b(2) <- c(3) <- d(4), and d also names a: depth of d is 1 + depth(a) = 1
    edges = [("b", "a"), ("c", "b"), ("d", "c"), ("d", "a"), ("e", "f")]
    data = data_of(edges, {}, {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6})
    result = cascade(data)
    depth = {a.node: a.depth for a in result.adopters}
    assert depth == {"a": 0, "b": 1, "c": 2, "d": 1, "e": 0, "f": 0}
    assert {a.node: a.parents for a in result.adopters}["d"] == ["a", "c"]
    assert result.max_depth == 2 and result.links == 4


def test_cascade_known_source_replaces_candidates():
    edges = [("b", "a"), ("c", "b"), ("c", "a")]
    data = data_of(edges, {}, {"a": 1, "b": 2, "c": 3, "s": 3}, source={"c": "s", "s": "b"})
    rows = {a.node: a for a in cascade(data).adopters}
    assert rows["c"].parents == ["s"] and rows["c"].source_known
    assert rows["s"].parents == ["b"]
    assert (rows["s"].depth, rows["c"].depth) == (2, 3)  # a -> b -> s -> c
    assert not rows["b"].source_known


def test_cascade_counts_crossings_between_communities():
    edges = [("b", "a"), ("c", "a"), ("d", "c"), ("e", "a"), ("f", "a")]
    community = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
    time = {"a": 1, "b": 2, "c": 2, "d": 3, "e": 4, "f": 5}
    result = cascade(data_of(edges, community, time))
    assert result.cross_community_links == 2  # a->c and a->e; f has no community
    assert [(c.from_community, c.to_community, c.links) for c in result.crossings] == [
        ("x", "y", 1),
        ("x", "z", 1),
    ]
    assert [(c.community, c.first_time, c.adopters, c.links_in) for c in result.communities] == [
        ("x", 1, 2, 0),
        ("y", 2, 2, 1),
        ("z", 4, 1, 1),
    ]
    rows = result.table_rows()
    assert rows[-1]["node"] == "f" and rows[-1]["parents"] == "a"


@pytest.mark.parametrize(
    ("time", "source", "message"),
    [
        ({"a": 2, "b": 1}, {"b": "a"}, "adopted later"),
        ({"a": 2, "b": 1}, {"b": "n"}, "never adopted"),
        ({"a": 2, "b": 1}, {"n": "a"}, "did not adopt"),
        ({"a": 2, "b": 1}, {"b": "ghost"}, "not in the network"),
        ({"a": 2, "b": 2}, {"a": "b", "b": "a"}, "cycle"),
    ],
)
def test_inconsistent_sources_are_refused(time, source, message):
    with pytest.raises(CosgraphError, match=message):
        data_of([], {}, time, source=source, nodes=["n"])


def test_adoption_data_refuses_strangers_and_bad_times():
    G = nx.DiGraph([("a", "b")])
    with pytest.raises(CosgraphError, match="not in the contact graph"):
        AdoptionData(G, {"z": "x"}, {})
    with pytest.raises(CosgraphError, match="finite numbers"):
        AdoptionData(G, {}, {"a": float("nan")})
    with pytest.raises(CosgraphError, match="finite numbers"):
        AdoptionData(G, {}, {"a": "3"})


# --------------------------------------------------------------------------- builders


def test_adoption_from_network_reads_blank_times_as_never():
    G = nx.DiGraph()
    G.add_node(1, town=1.0, t=2)
    G.add_node(2, town="east", t="")
    G.add_node(3, town=None, t=float("nan"))
    G.add_node(4, t=None, teacher=1)
    G.add_node(5, t="4.5", teacher="1")
    G.add_edge(2, 1, relation="advice")
    G.add_edge(2, 2)
    before = copy.deepcopy(G)
    data = adoption_from_network(G, "town", "t", source_attr="teacher")
    assert data.time == {1: 2.0, 2: None, 3: None, 4: None, 5: 4.5}
    assert data.community == {1: "1", 2: "east"}
    assert data.source == {5: 1}  # a never-adopter's note is dropped; "1" matches node 1
    assert list(data.contacts.edges(data=True)) == [(2, 1, {"relations": []})]
    assert nx.utils.graphs_equal(G, before)
    assert str(list(G.nodes(data=True))) == str(list(before.nodes(data=True)))  # NaN != NaN


def test_adoption_from_network_refusals_and_undirected_input():
    G = nx.Graph([("a", "b")])
    G.nodes["a"]["t"] = 1
    data = adoption_from_network(G, "c", "t")
    assert sorted(data.contacts.edges) == [("a", "b"), ("b", "a")]
    with pytest.raises(CosgraphError, match="relation_attr"):
        adoption_from_network(G, "c", "t", relations={"advice"})
    G.nodes["b"]["t"] = "soon"
    with pytest.raises(CosgraphError, match="'soon'"):
        adoption_from_network(G, "c", "t")


def test_adoption_from_graph_person_level():
    G = person_map()
    before = copy.deepcopy(G)
    data = adoption_from_graph(G)
    assert data.practice == "walk" and data.time_unit == "period"
    assert set(data.contacts) == {"ana", "bo", "cy", "di", "ed"}  # people only
    assert data.time == {"ana": 1, "bo": 2, "cy": 3, "di": 3}
    assert data.community == {"ana": "north", "bo": "north", "cy": "south", "di": "south"}
    assert data.source == {"cy": "bo"}
    assert sorted(data.contacts.edges(data="relations")) == [
        ("bo", "ana", ["KNOWS", "TRUSTS"]),
        ("bo", "cy", ["PARTNERS_WITH"]),  # symmetric tie: both ways
        ("cy", "bo", ["PARTNERS_WITH"]),
        ("di", "cy", ["KNOWS"]),
        ("ed", "ana", ["KNOWS"]),
    ]
    assert nx.utils.graphs_equal(G, before)
    summary = spread_summary(data)
    assert [(c.community, c.adopters, c.members) for c in summary.communities] == [
        ("north", 2, 2),
        ("south", 2, 2),
    ]
    assert (summary.overall.adopters, summary.overall.members) == (4, 5)
    result = cascade(data)
    assert [(a.node, a.parents, a.depth) for a in result.adopters] == [
        ("ana", [], 0),
        ("bo", ["ana"], 1),
        ("cy", ["bo"], 2),
        ("di", [], 0),
    ]
    assert result.cross_community_links == 1
    assert exposure(data, relation="TRUSTS").adopters[1].exposure == 1.0


def test_adoption_from_graph_community_level_with_dates():
    G = nx.MultiDiGraph()
    for c in ("c1", "c2", "c3"):
        G.add_node(c, kind="community")
    G.add_node("team", kind="peer_team")
    G.add_node("bs", kind="bright_spot")
    G.add_edge("c1", "team", key="MEMBER_OF", type="MEMBER_OF")
    G.add_edge("c2", "team", key="MEMBER_OF", type="MEMBER_OF")
    G.add_edge("c1", "c2", key="MENTORS", type="MENTORS")  # c2 learns from c1
    G.add_edge("c3", "c2", key="VISITED", type="VISITED")  # c3 learns from c2
    G.add_edge("c1", "bs", key="ADOPTED", type="ADOPTED", date="2024-01-31")
    G.add_edge("c2", "bs", key="ADOPTED", type="ADOPTED", date="2024-02-01")
    G.add_edge("c3", "bs", key="ADOPTED", type="ADOPTED", date="2024-03-01")
    data = adoption_from_graph(G, "bs")
    assert data.time_unit == "day"
    assert data.time["c2"] - data.time["c1"] == 1 and data.time["c3"] - data.time["c2"] == 29
    assert sorted(data.contacts.edges) == [("c2", "c1"), ("c3", "c2")]
    assert data.community == {"c1": "team", "c2": "team"}
    summary = spread_summary(data)
    assert summary.overall.time_to_half_date == "2024-02-01"
    assert [p.date for p in summary.overall.cumulative] == [
        "2024-01-31",
        "2024-02-01",
        "2024-03-01",
    ]
    assert [a.depth for a in cascade(data).adopters] == [0, 1, 2]
    assert summary.table_rows()[-1]["time_to_half_date"] == "2024-02-01"


def test_adoption_from_graph_practice_must_be_named_when_ambiguous():
    G = person_map()
    G.add_node("garden", kind="bright_spot")
    assert adoption_from_graph(G).practice == "walk"  # the only one with adopters
    both = G.copy()
    both.add_edge("ed", "garden", key="ADOPTED", type="ADOPTED", period=1)
    with pytest.raises(CosgraphError, match=r"garden \(actors\), walk \(actors\)"):
        adoption_from_graph(both)
    with pytest.raises(CosgraphError, match="garden, walk"):
        adoption_from_graph(G, "ana")
    assert adoption_from_graph(G, "garden").time == {}
    with pytest.raises(CosgraphError, match="no bright spot"):
        adoption_from_graph(nx.MultiDiGraph())


def test_adoption_from_graph_refuses_incoherent_maps():
    G = person_map()
    G.add_edge("ed", "walk", key="ADOPTED", type="ADOPTED")
    with pytest.raises(CosgraphError, match="need a period or a date.*ed"):
        adoption_from_graph(G)
    G.edges["ed", "walk", "ADOPTED"]["date"] = "2024-01-01"
    with pytest.raises(CosgraphError, match="mix periods and dates"):
        adoption_from_graph(G)
    G = person_map()
    G.add_edge("north", "walk", key="ADOPTED", type="ADOPTED", period=1)
    with pytest.raises(CosgraphError, match="one level at a time"):
        adoption_from_graph(G)
    assert set(adoption_from_graph(G, level="communities").time) == {"north"}
    assert "north" not in adoption_from_graph(G, level="actors").time
    G = person_map()
    G.edges["di", "walk", "ADOPTED"]["learned_from"] = "clinic"
    with pytest.raises(CosgraphError, match="not in the network"):
        adoption_from_graph(G)


def test_member_of_nested_communities_counts_in_the_smaller_one():
    G = person_map()  # people: north = {ana, bo}, south = {cy, di}
    G.add_edge("ana", "south", key="MEMBER_OF", type="MEMBER_OF")  # south now has 3
    assert adoption_from_graph(G).community["ana"] == "north"
    G.add_edge("ed", "north", key="MEMBER_OF", type="MEMBER_OF")  # north: ana, bo, ed
    G.add_edge("ed", "south", key="MEMBER_OF", type="MEMBER_OF")  # south: ana, cy, di, ed
    data = adoption_from_graph(G)
    assert data.community["ana"] == "north" and data.community["ed"] == "north"
    assert data.community["cy"] == "south"


def test_loader_path_keeps_every_relation_of_a_pair():
    """read_network merges a pair's rows as "advice; friendship"; the filter still sees each."""
    from cosgraph.loaders import read_network

    cmap = read_network(
        MEDICAL / "physicians.csv",
        MEDICAL / "ties.csv",
        id_column="physician_id",
        from_column="from_physician",
        to_column="to_physician",
    )
    via_loader = adoption_from_network(
        cmap.to_graph(), "city", "adoption_month", "relation", {"advice"}
    )
    direct = adoption_from_network(
        read_medical(multi=True), "city", "adoption_month", "relation", {"advice"}
    )
    assert set(via_loader.contacts.edges) == set(direct.contacts.edges)
    assert spread_summary(adoption_from_network(cmap.to_graph(), "city", "adoption_month")) == (
        spread_summary(adoption_from_network(read_medical(multi=True), "city", "adoption_month"))
    )

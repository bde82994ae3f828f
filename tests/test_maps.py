"""Maps: built in Python, opened from disk in headless Chromium, checked from the page itself."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from cosgraph.visualizations import MapError, build_map, write_map

from cosgraph.analysis.spread import adoption_from_graph
from cosgraph.model import visible_to

# tests/ is not a package (pytest runs with --import-mode=importlib): load the helper by path.
_spec = importlib.util.spec_from_file_location(
    "cosgraph_test_browser", Path(__file__).with_name("browser.py")
)
assert _spec is not None and _spec.loader is not None
browser = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(browser)

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "maps"
XSS = '<img src=x onerror="window.__xss=1">'
SCRIPT_BREAK = "</script><script>window.__xss=2</script>"
SECRET = "Secret Sam"
needs_browser = pytest.mark.skipif(
    not browser.available(), reason="needs /usr/bin/chromium and chromedriver (CI installs them)"
)


def community_graph() -> nx.MultiDiGraph:
    """A small community in the projection's shape, with every consent level and two traps."""
    G = nx.MultiDiGraph()
    people = [
        ("ana", "Ana Flores", "lived_experience", "public", ["resident"], 1, 5),
        ("bo", "Bo Chen", "formal_leader", "public", ["health_care"], 5, 3),
        ("cy", "Cy Okafor", "community_connector", "coalition", ["faith"], 2, 4),
        ("sam", SECRET, "lived_experience", "private", ["resident"], 0, 5),
        ("dee", "Dee Park", "formal_leader", "public", ["government"], 4, 2),
        ("xss", XSS, "community_connector", "public", ["education"], 1, 1),
        ("brk", SCRIPT_BREAK, None, "public", [], 0, 0),
        ("eli", "Eli Ruiz", "lived_experience", "coalition", ["resident"], 1, 3),
    ]
    for pid, name, role, consent, sectors, power, interest in people:
        G.add_node(
            pid,
            kind="person",
            name=name,
            tripod_role=role,
            consent=consent,
            sectors=sectors,
            power=power,
            interest=interest,
        )
    for oid, name, sector, power in [
        ("clinic", "Eastside Clinic", "health_care", 4),
        ("church", "Grace Church", "faith", 2),
        ("council", "City Council", "government", 5),
    ]:
        G.add_node(oid, kind="organization", name=name, sector=sector, power=power, interest=3)
    G.add_node(
        "hall",
        kind="asset",
        name="Church hall",
        asset_kind="physical_space",
        capabilities=["space"],
        capacity=2.0,
    )
    G.add_node(
        "fund",
        kind="asset",
        name="Clinic fund",
        asset_kind="financial",
        capabilities=["funding"],
        capacity=5000.0,
    )
    G.add_node(
        "busline",
        kind="lever",
        name="Bus line 7",
        lever_kind="system",
        need_capabilities=["space", "funding"],
        need_amounts=[1.0, 8000.0],
    )
    G.add_node("north", kind="community", name="North End", place="North")
    G.add_node("south", kind="community", name="South Side", place="South")
    G.add_node("walk", kind="bright_spot", name="Walking school bus")
    ties = [
        ("ana", "bo", "KNOWS"),
        ("bo", "ana", "TRUSTS"),
        ("ana", "cy", "KNOWS"),
        ("cy", "sam", "KNOWS"),
        ("sam", "ana", "TRUSTS"),
        ("dee", "bo", "KNOWS"),
        ("xss", "ana", "KNOWS"),
        ("brk", "cy", "KNOWS"),
        ("eli", "sam", "KNOWS"),
        ("bo", "clinic", "MEMBER_OF"),
        ("cy", "church", "MEMBER_OF"),
        ("dee", "council", "MEMBER_OF"),
        ("clinic", "council", "PARTNERS_WITH"),
        ("church", "hall", "HOLDS"),
        ("clinic", "fund", "HOLDS"),
        ("council", "busline", "DECIDES"),
        ("bo", "busline", "INFLUENCES"),
        ("ana", "north", "MEMBER_OF"),
        ("sam", "north", "MEMBER_OF"),
        ("cy", "north", "MEMBER_OF"),
        ("eli", "south", "MEMBER_OF"),
        ("xss", "south", "MEMBER_OF"),
        ("dee", "south", "MEMBER_OF"),
        ("bo", "north", "MEMBER_OF"),
        ("brk", "south", "MEMBER_OF"),
    ]
    for u, v, t in ties:
        G.add_edge(u, v, key=t, type=t)
    for who, period, source in [
        ("ana", 1, None),
        ("cy", 2, "ana"),
        ("sam", 2, "ana"),
        ("eli", 3, "sam"),
        ("xss", 3, None),
    ]:
        extra = {"learned_from": source} if source else {}
        G.add_edge(who, "walk", key="ADOPTED", type="ADOPTED", period=period, **extra)
    return G


def page_data(html: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="cosgraph-data">(.*?)</script>', html, re.S
    )
    assert match is not None
    return dict(json.loads(match.group(1)))


def legend_of(net_or_state: Any, group: str) -> dict[str, int]:
    legend = net_or_state["legend"] if isinstance(net_or_state, dict) else net_or_state.legend
    return {e["label"]: e["count"] for e in legend if e["group"] == group}


# --- built in Python ---------------------------------------------------------------------


def test_build_map_does_not_mutate_the_graph(tmp_path: Path) -> None:
    G = community_graph()
    before = (
        copy.deepcopy(dict(G.nodes(data=True))),
        sorted(G.edges(keys=True, data=True), key=str),
    )
    for view, options in view_options(G).items():
        write_map(G, tmp_path / f"{view}.html", view=view, **options)
    assert (dict(G.nodes(data=True)), sorted(G.edges(keys=True, data=True), key=str)) == before


def test_people_below_the_audience_are_anonymous_placeholders() -> None:
    G = community_graph()
    public = build_map(G, audience="public").generate_html()
    coalition = build_map(G, audience="coalition").generate_html()
    private = build_map(G, audience="private").generate_html()
    hidden_public = [
        n
        for n, d in G.nodes(data=True)
        if d["kind"] == "person" and not visible_to(d["consent"], "public")
    ]
    assert sorted(hidden_public) == ["cy", "eli", "sam"]
    for name in ("Cy Okafor", "Eli Ruiz", SECRET):
        assert name not in public
    assert "Cy Okafor" in coalition and "Eli Ruiz" in coalition and SECRET not in coalition
    assert SECRET in private
    data = page_data(public)
    labels = [n["label"] for n in data["nodes"]]
    assert labels.count("Ana Flores") == 1
    assert sorted(label for label in labels if label.startswith("Person ")) == [
        "Person 1",
        "Person 2",
        "Person 3",
    ]
    # the graph keeps its shape: same nodes and lines at every audience
    assert len(data["nodes"]) == len(page_data(private)["nodes"])
    assert len(data["edges"]) == len(page_data(private)["edges"])
    # ids are random per page, and a placeholder's tooltip tells only kind and tripod role
    assert all(re.fullmatch(r"n[0-9a-f]{8}", n["id"]) for n in data["nodes"])
    again = page_data(build_map(G, audience="public").generate_html())
    assert {n["id"] for n in data["nodes"]}.isdisjoint(n["id"] for n in again["nodes"])
    placeholder = next(n for n in data["nodes"] if n["label"] == "Person 1")
    assert [row[0] for row in placeholder["tip"]] == ["", "kind", "tripod role"]


def test_placeholder_colour_never_reveals_the_persons_data() -> None:
    net = build_map(community_graph(), audience="public", color_by="sector")
    assert legend_of(net, "color")["person, not named (consent)"] == 3
    hidden = [n for n in net.nodes if n["label"].startswith("Person ")]
    assert {n["color"] for n in hidden} == {"#8c8c8c"}


def test_analysis_values_naming_a_hidden_person_show_the_placeholder() -> None:
    G = community_graph()
    power = {"quadrant": {"bo": "manage_closely"}, "nearest_resident": {"busline": "sam"}}
    net = build_map(G, "power", audience="public", power=power)
    lever = next(n for n in net.nodes if n["label"] == "Bus line 7")
    nearest = next(value for key, value in lever["tip"] if key == "nearest resident")
    sam = next(n for n in net.nodes if n["label"] == nearest)  # page ids carry no id order
    assert sam["tip"][1:] == [["kind", "person"], ["tripod role", "lived experience"]]
    assert all(value != "sam" for node in net.nodes for _, value in node["tip"])


def test_user_strings_never_reach_the_html_unescaped() -> None:
    html = build_map(community_graph(), title="<b>Map</b> & co").generate_html()
    assert XSS not in html and SCRIPT_BREAK not in html and "<b>Map</b>" not in html
    assert "&lt;b&gt;Map&lt;/b&gt; &amp; co" in html
    assert XSS in [n["label"] for n in page_data(html)["nodes"]]


def test_page_loads_nothing_from_the_network() -> None:
    html = build_map(community_graph()).generate_html()
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html, re.I)
    assert "vis.Network" in html  # vis-network itself is inlined


def test_maps_are_deterministic() -> None:
    # a steward's map is the same every time; a shared map differs only in what must
    # not line up between two pages (page ids, the placeholders' order and numbers)
    G = community_graph()
    assert (
        build_map(G, audience="private").generate_html()
        == build_map(G, audience="private").generate_html()
    )
    large = random_community(400, 1200, seed=5)  # the compiled layout's path
    one, two = (build_map(large, audience="private").generate_html() for _ in range(2))
    assert one == two
    public = [build_map(large) for _ in range(2)]
    assert [
        (n["label"], n["x"], n["y"])
        for n in public[0].nodes
        if not n["label"].startswith("Person ")
    ] == [
        (n["label"], n["x"], n["y"])
        for n in public[1].nodes
        if not n["label"].startswith("Person ")
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"view": "galaxy"}, "unknown view 'galaxy'"),
        ({"audience": "everyone"}, "audience must be one of"),
        ({"color_by": "shoe_size"}, "no node in this view has 'shoe_size'"),
        ({"size_by": "name"}, "no node in this view has a number for 'name'"),
        ({"view": "power"}, "the power map needs power="),
        ({"colour": "kind"}, "unexpected keyword argument 'colour'"),
    ],
)
def test_bad_requests_raise_map_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(MapError, match=re.escape(message)):
        build_map(community_graph(), **options)


def test_legend_counts_match_the_graph() -> None:
    G = community_graph()
    net = build_map(G, color_by="tripod_role", audience="private")
    roles = Counter(
        str(d.get("tripod_role")).replace("_", " ") if d.get("tripod_role") else "none"
        for _, d in G.nodes(data=True)
        if d["kind"] not in ("domain", "skill", "behavior")
    )
    assert legend_of(net, "color") == dict(roles)
    kinds = Counter(d["kind"].replace("_", " ") for _, d in G.nodes(data=True))
    assert legend_of(net, "shape") == dict(kinds)


def test_maps_of_every_size_turn_physics_off_and_keep_precomputed_positions() -> None:
    for G in (random_community(600, 1800, seed=3), community_graph()):
        net = build_map(G)
        assert net.options["physics"] == {"enabled": False}
        assert all(isinstance(n["x"], float) for n in net.nodes)


def random_community(n: int, m: int, seed: int) -> nx.MultiDiGraph:
    """A seeded random map of people and organizations (what the benchmark draws, smaller)."""
    base = nx.gnm_random_graph(n, m, seed=seed, directed=True)
    G = nx.MultiDiGraph()
    roles = ("formal_leader", "community_connector", "lived_experience")
    for i in base:
        if i % 10 == 0:
            G.add_node(f"o{i}", kind="organization", name=f"Org {i}", sector="education")
        else:
            G.add_node(
                f"p{i}",
                kind="person",
                name=f"Person name {i}",
                tripod_role=roles[i % 3],
                consent=("public", "coalition", "private")[i % 3],
            )
    ids = list(G)
    for u, v in base.edges():
        G.add_edge(ids[u], ids[v], key="KNOWS", type="KNOWS")
    return G


# --- views fed by the analyses --------------------------------------------------------------


def view_options(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Each analysis view with plain dicts, the form every analysis result can take."""
    return {
        "network": {},
        "power": {
            "power": {
                "quadrant": {
                    "bo": "manage_closely",
                    "council": "manage_closely",
                    "ana": "keep_informed",
                },
                "influence": {"bo": 0.9, "council": 1.0, "ana": 0.4, "sam": 0.3},
            }
        },
        "spanners": {
            "spanners": {
                "role": {"cy": "liaison", "bo": "gatekeeper", "ana": "coordinator"},
                "betweenness": {"cy": 0.5, "bo": 0.3, "ana": 0.2},
            }
        },
        "assets": {
            "matching": {
                "status": {
                    "hall": "asset fully used",
                    "fund": "asset partly used",
                    "busline": "lever short",
                },
                "matches": [("hall", "busline"), ("fund", "busline")],
            }
        },
        "crosswalk": {
            "crosswalk": {
                "evidence": {"CSB1": "exhibited_supported", "CSB2": "neither"},
                "domains": {"CSB1": ["LT", "LW"], "CSB2": ["LE"]},
                "practised": {"LT": True, "LW": True, "LE": False},
            }
        },
        "spread": {"adoption": adoption_from_graph(G)},
    }


def test_power_view_colours_quadrants_and_levers() -> None:
    G = community_graph()
    net = build_map(G, "power", **view_options(G)["power"])
    colors = legend_of(net, "color")
    assert colors["manage closely"] == 2 and colors["lever reached"] == 1
    assert {n["kind"] for n in net.nodes} == {"person", "organization", "lever"}


def test_spread_view_reads_adoption_periods_and_learned_from() -> None:
    G = community_graph()
    with pytest.raises(MapError, match="needs adoption="):  # the view never computes it
        build_map(G, "spread")
    adoption = adoption_from_graph(G)
    net = build_map(G, "spread", audience="private", adoption=adoption)
    assert net.page["periods"] == [1, 2, 3]
    assert legend_of(net, "color") == {"1": 1, "2": 2, "3": 2, "never adopted": 3}
    learned = [e for e in net.edges if "LEARNED_FROM" in e["tip"]]
    assert len(learned) == 3 and all(e["dashes"] for e in learned)
    public = build_map(G, "spread", audience="public", adoption=adoption)
    # Cy and Sam (period 2) and Eli are not named to the public: counted by period only
    assert public.page["periods"] == [1, 2, 3] and public.page["hidden_periods"] == [2, 2, 3]
    named = [n["period"] for n in public.nodes if n.get("period") is not None]
    assert len(named) + len(public.page["hidden_periods"]) == 5  # as many as the steward sees
    assert {n["period"] for n in public.nodes if n["label"].startswith("Person ")} == {None}


def test_nodes_are_sized_by_the_chosen_metric_and_placeholders_reveal_nothing() -> None:
    G = community_graph()
    net = build_map(G, size_by="power", audience="public")
    size = {n["label"]: n["value"] for n in net.nodes}
    assert size["City Council"] == size["Bo Chen"] == max(size.values())  # power 5
    assert size["Ana Flores"] < size["Dee Park"] < size["Bo Chen"]  # power 1 < 4 < 5
    # Sam (power 0) and Cy (power 2) are placeholders: both drawn at the smallest size
    placeholders = {n["value"] for n in net.nodes if n["label"].startswith("Person ")}
    assert placeholders == {min(size.values())}


def test_analysis_results_feed_their_views() -> None:
    """The real analyses, where they are present in this tree."""
    G = community_graph()
    power = pytest.importorskip("cosgraph.analysis.power")
    net = build_map(G, "power", power=power.power_map(G))
    assert sum(legend_of(net, "color").values()) == len(net.nodes)
    matching = pytest.importorskip("cosgraph.analysis.matching")
    net = build_map(G, "assets", matching=matching.match_assets(G))
    assert legend_of(net, "color")["lever short"] == 1
    spanners = pytest.importorskip("cosgraph.analysis.spanners")
    views = pytest.importorskip("cosgraph.analysis.views")
    result = spanners.boundary_spanners(views.tie_graph(G), by="tripod_role")
    net = build_map(G, "spanners", spanners=result, audience="private")
    assert net.page["color_by"] == "role" and net.page["size_by"] == "betweenness"
    assert sum(legend_of(net, "color").values()) == len(net.nodes)
    roles = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
    assert set(legend_of(net, "color")) & set(roles)
    for found in result.nodes:
        counts = found.brokerage.model_dump()
        main = max(roles, key=lambda r: counts[r]) if counts["total"] else None
        tip = next(n["tip"] for n in net.nodes if n["tip"][1] == ["id", found.id])
        assert (["role", main] in tip) if main else all(row[0] != "role" for row in tip)
    crosswalk = pytest.importorskip("cosgraph.analysis.crosswalk")
    net = build_map(G, "crosswalk", crosswalk=crosswalk.crosswalk_gaps(G))
    assert legend_of(net, "shape")["behavior"] == 28


# --- in a real browser --------------------------------------------------------------------


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    if not browser.available():
        pytest.skip("needs /usr/bin/chromium and chromedriver (CI installs them)")
    chrome = browser.start()
    yield chrome
    chrome.quit()


def open_map(driver: Any, path: Path) -> dict[str, Any]:
    browser.open_page(driver, path)
    return browser.wait_ready(driver)


@pytest.mark.browser
@needs_browser
@pytest.mark.parametrize("view", ["network", "power", "spanners", "assets", "crosswalk", "spread"])
def test_view_opens_offline_and_matches_its_data(driver: Any, view: str, tmp_path: Path) -> None:
    G = community_graph()
    net = build_map(G, view, audience="public", **view_options(G)[view])
    path = tmp_path / f"{view}.html"
    net.write_html(str(path))
    state = open_map(driver, path)
    assert state["view"] == view
    assert state["nodeCount"] == len(net.nodes) and state["edgeCount"] == len(net.edges)
    assert state["legend"] == net.legend
    shown = driver.execute_script("return cosgraphMap.network.body.data.nodes.length;")
    assert shown == len(net.nodes)
    assert browser.console_messages(driver) == []
    assert browser.remote_urls(browser.requested_urls(driver)) == []
    assert driver.execute_script(
        "return [window.__xss, document.querySelectorAll('img').length]"
    ) == [None, 0]
    legend_text = driver.find_element("id", "cg-legend-color").text
    assert all(e["label"] in legend_text for e in net.legend if e["group"] == "color")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{view}.png"))


@pytest.mark.browser
@needs_browser
def test_network_map_counts_escaping_and_consent_in_the_browser(
    driver: Any, tmp_path: Path
) -> None:
    G = community_graph()
    path = write_map(G, tmp_path / "network.html", audience="public", color_by="tripod_role")
    state = open_map(driver, path)
    drawn = [n for n, k in G.nodes(data="kind") if k not in ("domain", "skill", "behavior")]
    pairs = {(u, v) for u, v in G.edges() if u in drawn and v in drawn}
    assert state["nodeCount"] == len(drawn) and state["edgeCount"] == len(pairs)
    assert state["tieCount"] == G.number_of_edges()
    assert state["anonymous"] == 3
    assert XSS in state["labels"] and SCRIPT_BREAK in state["labels"]
    assert SECRET not in state["labels"] and SECRET not in driver.page_source
    xss_id = next(  # page ids are random per page
        n["id"] for n in page_data(path.read_text("utf-8"))["nodes"] if n["label"] == XSS
    )
    tip = driver.execute_script(f"return cosgraphMap.showTooltip('{xss_id}');")
    assert tip.startswith(XSS)  # shown as text ...
    assert driver.execute_script("return window.__xss;") is None  # ... and never run
    assert driver.find_element("id", "cg-tooltip").is_displayed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "tooltip.png"))
    assert browser.console_messages(driver) == []
    assert browser.remote_urls(browser.requested_urls(driver)) == []


@pytest.mark.browser
@needs_browser
def test_legend_filters_search_and_period_slider_work(driver: Any, tmp_path: Path) -> None:
    G = community_graph()
    path = write_map(
        G,
        tmp_path / "spread.html",
        view="spread",
        audience="private",
        adoption=adoption_from_graph(G),
    )
    open_map(driver, path)
    assert driver.execute_script("return cosgraphMap.find('Ana');").__len__() == 1
    assert driver.find_element("id", "cg-search-result").text == "1 node found"
    driver.find_element("css selector", '#cg-legend-color li[data-cat="3"] input').click()
    never = legend_of({"legend": driver.execute_script("return cosgraphMap.legend;")}, "color")
    visible = driver.execute_script("return cosgraphMap.visibleCount;")
    assert (
        visible == driver.execute_script("return cosgraphMap.nodeCount;") - never["never adopted"]
    )
    assert driver.execute_script("return cosgraphMap.setPeriod(1);") == 1
    assert driver.execute_script("return cosgraphMap.setPeriod(2);") == 3
    assert driver.find_element("id", "cg-period-count").text == "3 adopted by period 2"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "spread-period-2.png"))
    assert browser.console_messages(driver) == []


@pytest.mark.browser
@needs_browser
def test_public_spread_map_counts_hidden_adopters(driver: Any, tmp_path: Path) -> None:
    G = community_graph()
    adoption = adoption_from_graph(G)
    path = write_map(G, tmp_path / "spread.html", view="spread", adoption=adoption)
    open_map(driver, path)
    # the same count as the steward's map: Cy and Sam adopted in period 2, unnamed
    assert driver.execute_script("return cosgraphMap.setPeriod(2);") == 3
    assert (
        driver.find_element("id", "cg-period-count").text == "3 adopted by period 2 (2 not named)"
    )
    assert browser.console_messages(driver) == []


@pytest.mark.browser
@needs_browser
def test_large_map_is_ready_without_physics(driver: Any, tmp_path: Path) -> None:
    G = random_community(2000, 8000, seed=11)
    path = write_map(G, tmp_path / "large.html", audience="coalition")
    state = open_map(driver, path)
    assert state["physics"] is False
    assert state["nodeCount"] == 2000
    assert state["edgeCount"] == len(set(G.edges()))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "large.png"))
    assert browser.console_messages(driver) == []


@pytest.mark.browser
@needs_browser
def test_the_checks_catch_what_they_look_for(driver: Any, tmp_path: Path) -> None:
    """Controls: the same checks fail on a page that runs the payload and loads a CDN."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        f"<html><body>{XSS}"
        '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.0.0/dist/css/bootstrap.min.css">'
        "<script>console.error('boom')</script></body></html>",
        encoding="utf-8",
    )
    browser.open_page(driver, bad)
    driver.execute_script("return document.readyState;")
    assert driver.execute_script("return window.__xss;") == 1
    assert any(
        "cdn.jsdelivr.net" in url for url in browser.remote_urls(browser.requested_urls(driver))
    )
    assert any("boom" in message for message in browser.console_messages(driver))


def test_power_view_colours_ties_by_stance_and_marks_residents_levers_and_brokers() -> None:
    from cosgraph.visualizations.view_power import STANCE_COLORS

    from cosgraph.analysis.power import power_map

    G = community_graph()
    G.add_node("tax", kind="lever", name="Soda tax")
    stances = {("council", "tax"): "opponent", ("bo", "tax"): "champion", ("dee", "tax"): None}
    for (u, v), stance in stances.items():
        tie = "DECIDES" if u == "council" else "INFLUENCES"
        G.add_edge(u, v, key=tie, type=tie, **({"stance": stance} if stance else {}))
    G.add_edge("sam", "tax", key="INFLUENCES", type="INFLUENCES", stance="skeptic")
    net = build_map(G, "power", power=power_map(G), audience="public")
    page = {n["label"]: n["id"] for n in net.nodes}
    colour = {(e["from"], e["to"]): e.get("color", {}).get("color") for e in net.edges}
    assert colour[(page["City Council"], page["Soda tax"])] == STANCE_COLORS["opponent"]
    assert colour[(page["Bo Chen"], page["Soda tax"])] == STANCE_COLORS["champion"]
    assert colour[(page["Dee Park"], page["Soda tax"])] is None  # no stance recorded
    # a hidden person's stance is theirs to tell: their tie keeps the plain colour
    hidden_ties = [e for e in net.edges if e["to"] == page["Soda tax"] and "skeptic" in e["tip"]]
    assert hidden_ties == []
    ties = {e["label"]: e["count"] for e in net.legend if e["group"] == "tie"}
    assert ties == {"stance: champion": 1, "stance: opponent": 1}
    marks = {n["label"]: n.get("marks", []) for n in net.nodes}
    assert marks["Soda tax"] == ["lever"] and marks["Bus line 7"] == ["lever"]
    assert marks["Ana Flores"] == ["lived_experience"]
    spanners = pytest.importorskip("cosgraph.analysis.spanners")
    views = pytest.importorskip("cosgraph.analysis.views")
    result = spanners.boundary_spanners(views.tie_graph(G), by="sector")
    marked = build_map(G, "power", power=power_map(G), spanners=result, audience="private")
    brokers = [n["label"] for n in marked.nodes if "broker" in n.get("marks", [])]
    assert brokers and "Bo Chen" in brokers  # the health-care member who links everyone


def test_views_have_their_own_layouts_groups_columns_and_levers_among_deciders() -> None:
    import math

    from cosgraph.analysis.matching import match_assets
    from cosgraph.analysis.power import power_map

    G = random_community(120, 360, seed=5)
    sectors = ("education", "faith", "health_care")
    for i, node in enumerate(G):
        G.nodes[node]["sector"] = sectors[i % 3]
    spanners = pytest.importorskip("cosgraph.analysis.spanners")
    views = pytest.importorskip("cosgraph.analysis.views")
    result = spanners.boundary_spanners(views.tie_graph(G), by="sector")
    net = build_map(G, "spanners", spanners=result, audience="private")
    by_label = {n["label"]: n for n in net.nodes}
    where = {
        node: (by_label[G.nodes[node]["name"]]["x"], by_label[G.nodes[node]["name"]]["y"])
        for node in G
    }
    same, other = [], []
    for u in G:
        for v in G:
            if u < v:
                d = math.dist(where[u], where[v])
                (same if G.nodes[u]["sector"] == G.nodes[v]["sector"] else other).append(d)
    assert sum(same) / len(same) * 2 < sum(other) / len(other)  # groups drawn apart

    H = community_graph()
    assets = build_map(H, "assets", matching=match_assets(H), audience="private")
    x = {n["label"]: n["x"] for n in assets.nodes}
    assert x["Grace Church"] < x["Church hall"] < x["Bus line 7"] < x["City Council"]
    assert any(e.get("label") for e in assets.edges)  # matched amounts on the lines

    H.add_node("tax", kind="lever", name="Soda tax")
    for decider in ("bo", "dee", "council"):
        H.add_edge(decider, "tax", key="DECIDES", type="DECIDES")
    power = build_map(H, "power", power=power_map(H), audience="private")
    at = {n["label"]: (n["x"], n["y"]) for n in power.nodes}
    deciders = [at[name] for name in ("Bo Chen", "Dee Park", "City Council")]
    centre = tuple(sum(p[i] for p in deciders) / 3 for i in (0, 1))
    assert math.dist(at["Soda tax"], centre) < 40  # at the centre, nudged off any neighbour


def test_the_explorer_draws_spanners_on_a_map_where_nobody_brokers_yet():
    """A live session's first entries: before, the spanners view was left out with a
    list of attribute names ("no node in this view has 'role'; try one of ...")."""
    from cosgraph.maps import explorer_page
    from cosgraph.model import CommunityMap, Person, Tie

    G = CommunityMap(
        nodes=[Person(id="ana", name="Ana", consent="public"), Person(id="bo", consent="public")],
        ties=[Tie(type="KNOWS", source="ana", target="bo")],
    ).to_graph()
    page = explorer_page(G)
    assert "spanners" not in page.skipped
    assert "no brokerage role" in page.generate_html()

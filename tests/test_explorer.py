"""The coach's map: pages that hold still, and the one-page explorer — built in Python,
opened from disk in real headless Chromium, checked from the page itself."""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map
from cosgraph.visualizations import Explorer, build_map, write_map

from cosgraph.cli import main
from cosgraph.consent import hidden_people
from cosgraph.demo import DEMO_EXPLORER_OPTIONS, demo_folder
from cosgraph.maps import write_explorer
from cosgraph.store import open_store
from tests import browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "maps"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.available(), reason="needs chromium and chromedriver"),
]


@cache
def demo_graph() -> nx.MultiDiGraph:
    """The bundled demo coalition, as a graph (no store needed)."""
    return read_map(demo_folder()).to_graph()


def constructed_map() -> nx.MultiDiGraph:
    """A small map built here: a dense triangle of friends and a chain hanging off it —
    the shape on which a force simulation keeps moving longest."""
    G = nx.MultiDiGraph()
    for i in range(12):
        G.add_node(f"p{i}", kind="person", name=f"Person {i}", consent="public")
    for i in range(12):
        for j in range(i + 1, min(i + 4, 12)):
            G.add_edge(f"p{i}", f"p{j}", key="KNOWS", type="KNOWS")
    return G


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    chrome = browser.start()
    yield chrome
    chrome.quit()


def positions(driver: Any) -> dict[str, list[float]]:
    return dict(
        driver.execute_script(
            "var p = cosgraphMap.network.getPositions(); var out = {};"
            "Object.keys(p).forEach(function (k) { out[k] = [p[k].x, p[k].y]; });"
            "return out;"
        )
    )


def test_maps_hold_still_after_they_say_ready(driver: Any, tmp_path: Path) -> None:
    """Positions 2 s and 8 s after ready are identical, on the demo and a constructed map
    (both pages open at once, in two windows, so the test waits 8 s once)."""
    pages = [
        write_map(demo_graph(), tmp_path / "demo.html", audience="public"),
        write_map(constructed_map(), tmp_path / "built.html", audience="public"),
        write_explorer(constructed_map(), tmp_path / "explorer.html")[0],
    ]
    windows = []
    for i, page in enumerate(pages):
        if i:
            driver.switch_to.new_window("window")
        browser.open_page(driver, page)
        browser.wait_ready(driver)
        windows.append((driver.current_window_handle, time.monotonic()))
    seen: dict[int, list[dict[str, list[float]]]] = {i: [] for i in range(len(pages))}
    for after in (2.0, 8.0):
        for i, (handle, ready) in enumerate(windows):
            time.sleep(max(0.0, ready + after - time.monotonic()))
            driver.switch_to.window(handle)
            seen[i].append(positions(driver))
    for i in seen:
        early, late = seen[i]
        assert len(early) > 10 and early == late
    for handle, _ in windows[1:]:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(windows[0][0])


@pytest.fixture(scope="module")
def demo_explorer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("explorer") / "coalition.html"
    path, page = write_explorer(demo_graph(), out, **DEMO_EXPLORER_OPTIONS)
    assert page.skipped == {}
    EXPLORERS[path] = page
    return path


#: The Python side of each page the tests wrote (page ids are random per page).
EXPLORERS: dict[Path, Explorer] = {}


def page_state(driver: Any) -> dict[str, Any]:
    return dict(
        driver.execute_script(
            "var m = cosgraphMap; return {view: m.view, nodes: m.nodeCount, edges: m.edgeCount,"
            " legend: m.legend, colorBy: m.colorAttribute, sizeBy: m.sizeAttribute,"
            " drawn: m.network.body.data.nodes.length};"
        )
    )


def test_explorer_switches_every_view_colour_and_size_in_one_offline_page(
    driver: Any, demo_explorer: Path
) -> None:
    G = demo_graph()
    html = demo_explorer.read_text(encoding="utf-8")
    hidden = [G.nodes[n]["name"] for n in hidden_people(G, "public")]
    assert len(hidden) == 25 and not [n for n in hidden if n in html]
    browser.open_page(driver, demo_explorer)
    browser.wait_ready(driver)
    views = driver.execute_script("return cosgraphMap.views;")
    assert views == ["network", "power", "spanners", "assets", "crosswalk", "spread"]
    for view in views:
        driver.execute_script("cosgraphMap.showView(arguments[0]);", view)
        state = page_state(driver)
        single = build_map(G, view, **_results(view))
        assert state["view"] == view
        assert state["nodes"] == state["drawn"] == len(single.nodes)
        assert state["edges"] == len(single.edges)
        assert state["colorBy"] == single.page["color_by"]
        assert driver.find_element("id", "cg-view-select").get_attribute("value") == view
    driver.execute_script("cosgraphMap.showView('network');")
    choices = driver.execute_script("return cosgraphMap.colorChoices();")
    assert {"tripod_role", "sector", "kind", "community"} <= set(choices)
    sizes = driver.execute_script("return cosgraphMap.sizeChoices();")
    assert {"degree", "pagerank", "betweenness", "standing"} <= set(sizes)
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", "cg-color-select")).select_by_value("community")
    state = page_state(driver)
    assert state["colorBy"] == "community"
    colours = [e for e in state["legend"] if e["group"] == "color"]
    assert len(colours) >= 3 and sum(e["count"] for e in colours) == state["nodes"]
    assert driver.find_element("id", "cg-color-by").text == "community"
    Select(driver.find_element("id", "cg-size-select")).select_by_value("betweenness")
    assert page_state(driver)["sizeBy"] == "betweenness"
    assert browser.console_messages(driver) == []
    assert browser.remote_urls(browser.requested_urls(driver)) == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "explorer-by-community.png"))


@cache
def _all_results() -> dict[str, dict[str, Any]]:
    from cosgraph.visualizations import ViewOptions

    from cosgraph.maps import explorer_results

    options = {k: v for k, v in DEMO_EXPLORER_OPTIONS.items() if k != "title"}
    return explorer_results(demo_graph(), ViewOptions(**options))[0]


def _results(view: str) -> dict[str, Any]:
    return _all_results()[view]


def test_explore_and_map_without_a_view_write_the_explorer(tmp_path: Path) -> None:
    store = str(tmp_path / "demo.lbug")
    s = open_store(store)
    s.init()
    s.write(read_map(demo_folder()), provenance="test")
    s.close()
    for args in (["explore"], ["map"]):
        page = tmp_path / f"{args[0]}.html"
        result = CliRunner().invoke(main, [*args, "-o", str(page), "--store", store])
        assert result.exit_code == 0, result.output
        assert f"explorer written: {page}" in result.output
        assert "no spread view: name the practice" in result.output  # five practices
        assert '"explorer":true' in page.read_text(encoding="utf-8")
    mine = tmp_path / "mine.html"
    mine.write_text("my notes", encoding="utf-8")
    refused = CliRunner().invoke(main, ["explore", "-o", str(mine), "--store", store])
    assert refused.exit_code != 0 and mine.read_text(encoding="utf-8") == "my notes"
    single = tmp_path / "one.html"
    result = CliRunner().invoke(
        main, ["map", "--view", "power", "-o", str(single), "--store", store]
    )
    assert result.exit_code == 0 and '"explorer"' not in single.read_text(encoding="utf-8")


def test_search_ignores_case_and_accents_and_finds_ids_but_never_a_hidden_persons(
    driver: Any, demo_explorer: Path, tmp_path: Path
) -> None:
    browser.open_page(driver, demo_explorer)
    browser.wait_ready(driver)

    def found(text: str) -> list[str]:
        ids = driver.execute_script("return cosgraphMap.find(arguments[0]);", text)
        return sorted(
            driver.execute_script(
                "return arguments[0].map(function (i) { return cosgraphMap.labelOf(i); });",
                ids,
            )
        )

    assert found("hernandez") == ["Alejandro Hernández", "Leticia Hernández"]
    assert found("HERNÁNDEZ") == ["Alejandro Hernández", "Leticia Hernández"]
    assert found("p034") == ["María Salgado"]
    assert "María Salgado" in found("maria")
    assert driver.find_element("id", "cg-search-result").text == "1 node found"
    hidden = hidden_people(demo_graph(), "public")
    assert [found(str(n)) for n in hidden[:5]] == [[]] * 5
    assert found(demo_graph().nodes[hidden[0]]["name"]) == []
    driver.execute_script("cosgraphMap.showView('power');")
    assert found("hernandez") == ["Alejandro Hernández", "Leticia Hernández"]
    G = constructed_map()
    G.add_node("x-9", kind="person", name="Ångström Ñúñez", consent="public")
    page = write_map(G, tmp_path / "built.html")
    browser.open_page(driver, page)
    browser.wait_ready(driver)
    assert found("angstrom nunez") == found("X-9") == ["Ångström Ñúñez"]
    assert browser.console_messages(driver) == []


def test_clicking_a_lever_highlights_exactly_the_power_analysis_paths(
    driver: Any, demo_explorer: Path
) -> None:
    """Paths within k steps (the analysis's reach), else the nearest; each step a drawn line."""
    page = EXPLORERS[demo_explorer]
    ids = page.page_ids
    power = _all_results()["power"]["power"]
    view = next(v for v in page.views if v.page["view"] == "power")
    lines: dict[frozenset[str], set[str]] = {}
    for e in view.edges:
        lines.setdefault(frozenset((e["from"], e["to"])), set()).add(e["id"])
    browser.open_page(driver, demo_explorer)
    browser.wait_ready(driver)
    driver.execute_script("cosgraphMap.showView('power');")
    checked = 0
    for lever in power.levers:
        connected = [p for p in lever.paths if p.length is not None]
        shown = [p for p in connected if p.length <= power.k] or [
            p for p in connected if p.length == lever.nearest_distance
        ]
        nodes = {ids[lever.id]} | {ids[step] for p in shown for step in p.path}
        edges: set[str] = set()
        for p in shown:
            steps = [ids[s] for s in [*p.path, lever.id]]
            for a, b in zip(steps, steps[1:], strict=False):
                edges |= lines.get(frozenset((a, b)), set())
        got = driver.execute_script(
            "cosgraphMap.clickNode(arguments[0]); return cosgraphMap.highlighted;", ids[lever.id]
        )
        assert set(got["nodes"]) == nodes and set(got["edges"]) == edges
        text = driver.execute_script("return cosgraphMap.profileText;")
        if lever.nearest_distance is not None:
            assert f"distance: {lever.nearest_distance} steps" in text
        checked += bool(shown)
    assert checked >= 5
    # a real click on a lever on the canvas does the same
    lever = power.levers[0]
    where = driver.execute_script(
        "var n = cosgraphMap.network; var p = n.getPositions([arguments[0]])[arguments[0]];"
        "n.moveTo({position: p, scale: 1.5, animation: false}); return n.canvasToDOM(p);",
        ids[lever.id],
    )
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("css selector", "#cg-map canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(where["x"] - size["width"] / 2), int(where["y"] - size["height"] / 2)
    ).click().perform()
    assert driver.execute_script("return cosgraphMap.clicked;") == ids[lever.id]
    assert driver.find_element("id", "cg-profile-title").text == lever.name
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "explorer-lever-paths.png"))


def test_focus_keeps_the_k_step_neighbourhood_and_the_profile_lists_stances(
    driver: Any, demo_explorer: Path
) -> None:
    page = EXPLORERS[demo_explorer]
    ids = page.page_ids
    network = page.views[0]
    links = nx.Graph()
    links.add_nodes_from(n["id"] for n in network.nodes)
    links.add_edges_from((e["from"], e["to"]) for e in network.edges)
    browser.open_page(driver, demo_explorer)
    browser.wait_ready(driver)
    for k in (1, 2):
        visible = driver.execute_script(
            "return cosgraphMap.focus(arguments[0], arguments[1]);", ids["p034"], k
        )
        assert visible == len(nx.ego_graph(links, ids["p034"], radius=k))
    driver.execute_script("cosgraphMap.unfocus();")
    assert driver.execute_script("return cosgraphMap.visibleCount;") == len(network.nodes)
    text = driver.execute_script("return cosgraphMap.showProfile(arguments[0]);", ids["p034"])
    assert "María Salgado" in text and "id: p034" in text and "Stance toward levers" in text
    assert "Brokerage roles" in text
    assert browser.console_messages(driver) == []


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["label"], b["label"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    ]


def test_labels_name_the_most_important_nodes_without_overlap_and_more_as_you_zoom(
    driver: Any, demo_explorer: Path, tmp_path: Path
) -> None:
    """Label boxes come from the page (what it drew, in screen pixels)."""
    built = write_map(constructed_map(), tmp_path / "built.html")
    for path, views in ((demo_explorer, ["network", "power", "assets"]), (built, ["network"])):
        browser.open_page(driver, path)
        browser.wait_ready(driver)
        for view in views:
            if path == demo_explorer:
                driver.execute_script("cosgraphMap.showView(arguments[0]);", view)
            driver.execute_script("cosgraphMap.network.redraw();")
            boxes = driver.execute_script("return cosgraphMap.labelBoxes;")
            assert overlapping(boxes) == []
            assert len(boxes) >= (10 if path == built else 15)
            biggest = driver.execute_script(
                "var m = cosgraphMap, best = null;"
                "m.network.body.data.nodes.forEach(function (n) {"
                " if (!best || n.value > best.value) best = n; });"
                "return m.labelOf(best.id);"
            )
            assert biggest in [b["label"] for b in boxes]
            share = driver.execute_script("return cosgraphMap.labelShare;")
            zoomed = driver.execute_script(
                "var n = cosgraphMap.network;"
                "n.moveTo({scale: n.getScale() * 3, animation: false}); n.redraw();"
                "return cosgraphMap.labelBoxes;"
            )
            assert overlapping(zoomed) == []
            if path == demo_explorer:
                # zoomed 3x, a larger share of the nodes on screen is named
                assert driver.execute_script("return cosgraphMap.labelShare;") > share
    assert browser.console_messages(driver) == []


def test_explorer_shows_every_user_string_as_text(driver: Any, tmp_path: Path) -> None:
    xss = '<img src=x onerror="window.__xss=1">'
    G = constructed_map()
    G.add_node("bad", kind="person", name=xss, consent="public", tripod_role="lived_experience")
    G.add_node("lever", kind="lever", name="</script><script>window.__xss=2</script>")
    G.add_edge("bad", "p0", key="KNOWS", type="KNOWS")
    G.add_edge("p1", "lever", key="DECIDES", type="DECIDES", stance=xss)
    path, page = write_explorer(G, tmp_path / "xss.html")
    browser.open_page(driver, path)
    browser.wait_ready(driver)
    for view in driver.execute_script("return cosgraphMap.views;"):
        driver.execute_script("cosgraphMap.showView(arguments[0]);", view)
    driver.execute_script("cosgraphMap.showView('network');")
    text = driver.execute_script(
        "return cosgraphMap.showProfile(arguments[0]);", page.page_ids["bad"]
    )
    assert xss in text
    driver.execute_script("cosgraphMap.clickNode(arguments[0]);", page.page_ids["lever"])
    assert driver.execute_script("return cosgraphMap.find('<img');") == [page.page_ids["bad"]]
    assert driver.execute_script(
        "return [window.__xss, document.querySelectorAll('img').length]"
    ) == [None, 0]
    assert browser.console_messages(driver) == []
    assert browser.remote_urls(browser.requested_urls(driver)) == []

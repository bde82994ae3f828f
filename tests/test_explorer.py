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
from cosgraph.loaders import read_map
from cosgraph.visualizations import write_map

from cosgraph.demo import demo_folder
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
    ]
    windows = []
    for i, page in enumerate(pages):
        if i:
            driver.switch_to.new_window("window")
        browser.open_page(driver, page)
        browser.wait_ready(driver)
        windows.append((driver.current_window_handle, time.monotonic()))
    seen: dict[int, list[dict[str, list[float]]]] = {0: [], 1: []}
    for after in (2.0, 8.0):
        for i, (handle, ready) in enumerate(windows):
            time.sleep(max(0.0, ready + after - time.monotonic()))
            driver.switch_to.window(handle)
            seen[i].append(positions(driver))
    for i in seen:
        early, late = seen[i]
        assert len(early) > 10 and early == late
    driver.close()
    driver.switch_to.window(windows[0][0])

"""`cosgraph demo` and `cosgraph map` write maps that open offline in Chromium and name
no one below the audience (real browser; screenshots under test-artifacts/maps/)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cosgraph.cli import main
from cosgraph.demo import DEMO_EXPLORER, DEMO_MAPS, demo_folder
from tests import browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "maps"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.available(), reason="needs chromium and chromedriver"),
]


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in DEMO_MAPS:
        assert str(out / name) in result.output
    assert f"Explorer (every view in one page; open it in a browser):\n  {out / DEMO_EXPLORER}" in (
        result.output
    )
    return out


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    chrome = browser.start()
    yield chrome
    chrome.quit()


def _hidden_names(audience: str) -> list[str]:
    order = {"public": 2, "coalition": 1, "private": 0}
    with (demo_folder() / "people.csv").open(encoding="utf-8") as handle:
        return [
            row["name"]
            for row in csv.DictReader(handle)
            if order[row["consent"] or "coalition"] < order[audience]
        ]


@pytest.mark.parametrize("name", list(DEMO_MAPS))
def test_demo_map_opens_offline_with_no_hidden_names(demo_out: Path, driver: Any, name: str):
    path = demo_out / name
    html = path.read_text(encoding="utf-8")
    hidden = _hidden_names("public")
    assert len(hidden) == 25  # the demo's 10 private and 15 coalition-only people
    assert not [n for n in hidden if n in html]
    browser.open_page(driver, path)
    state = browser.wait_ready(driver)
    assert state["nodeCount"] > 0
    if name in ("network.html", "power.html", "spanners.html", "spread.html"):
        assert state["anonymous"] > 0  # the hidden people are there, as placeholders
    assert browser.console_messages(driver) == []
    assert browser.remote_urls(browser.requested_urls(driver)) == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"demo-{name.removesuffix('.html')}.png"))


def test_map_command_colours_by_a_metric_and_names_coalition_members(
    demo_out: Path, driver: Any, tmp_path: Path
):
    out = tmp_path / "community.html"
    result = CliRunner().invoke(
        main,
        [
            "map",
            "--view",
            "network",
            "--by",
            "community",
            "--size-by",
            "pagerank",
            "--audience",
            "coalition",
            "-o",
            str(out),
            "--store",
            str(demo_out / "demo.lbug"),
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert not [n for n in _hidden_names("coalition") if n in html]
    coalition_only = set(_hidden_names("public")) - set(_hidden_names("coalition"))
    assert coalition_only and all(n in html for n in coalition_only)
    browser.open_page(driver, out)
    state = browser.wait_ready(driver)
    colour_groups = [e for e in state["legend"] if e["group"] == "color"]
    assert len(colour_groups) >= 3  # several Leiden communities
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "demo-network-by-community.png"))

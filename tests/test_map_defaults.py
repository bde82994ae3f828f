"""`cosgraph map` with no options draws what the demo draws: each view's defaults live in
its registry entry, sizes do not reward a rank sink, and the spread view chooses the
only practice and level or names every open choice at once (real stores, real CLI)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from statistics import median
from typing import Any

import pytest
from click.testing import CliRunner

from cosgraph.cli import main
from tests.conftest import SMALL_MAP_CSV, write_folder

POCKET = ("p123", "p124")  # name only each other: a PageRank rank sink in the demo


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _map(store: Path, out: Path, *options: str) -> Any:
    return CliRunner().invoke(main, ["map", *options, "-o", str(out), "--store", str(store)])


def _page(path: Path) -> dict[str, Any]:
    html = path.read_text(encoding="utf-8")
    match = re.search(
        r'<script type="application/json" id="cosgraph-data">(.*?)</script>', html, re.S
    )
    assert match is not None
    return dict(json.loads(match.group(1)))


def _tip(node: dict[str, Any]) -> dict[str, Any]:
    return {field: value for field, value in node["tip"]}


def _sizes(page: dict[str, Any], **where: str) -> dict[str, float]:
    """Node id (from its tooltip) -> drawn size, for the named nodes of a page whose
    tooltips show ``where``."""
    return {
        _tip(node)["id"]: node["value"]
        for node in page["nodes"]
        if "id" in _tip(node) and all(_tip(node).get(k) == v for k, v in where.items())
    }


def test_the_cli_network_map_has_the_demo_maps_colours_and_sizes(
    demo_out: Path, tmp_path: Path
) -> None:
    result = _map(demo_out / "demo.lbug", tmp_path / "network.html", "--view", "network")
    assert result.exit_code == 0, result.output
    ours, demo = _page(tmp_path / "network.html"), _page(demo_out / "network.html")
    assert (ours["color_by"], ours["size_by"]) == ("tripod_role", "standing")
    assert (demo["color_by"], demo["size_by"]) == ("tripod_role", "standing")
    assert ours["legend"] == demo["legend"]
    assert _sizes(ours) == _sizes(demo)


def test_the_demo_pocket_is_not_among_the_biggest_nodes_of_the_network_map(
    demo_out: Path, tmp_path: Path
) -> None:
    out = tmp_path / "network.html"
    result = _map(demo_out / "demo.lbug", out, "--view", "network", "--audience", "private")
    assert result.exit_code == 0, result.output
    for page in (_page(demo_out / "network.html"), _page(out)):  # both are public people
        sizes = _sizes(page)
        biggest = sorted(sizes, key=lambda n: -sizes[n])[:10]
        assert set(POCKET) <= set(sizes) and set(POCKET).isdisjoint(biggest), biggest


def test_the_demo_pocket_is_drawn_no_bigger_than_the_median_formal_leader_on_the_power_map(
    demo_out: Path, tmp_path: Path
) -> None:
    out = tmp_path / "power.html"
    result = _map(demo_out / "demo.lbug", out, "--view", "power", "--audience", "private")
    assert result.exit_code == 0, result.output
    page = _page(out)
    assert page["size_by"] == "influence"
    sizes = _sizes(page)
    leaders = list(_sizes(page, **{"tripod role": "formal leader"}).values())
    assert len(leaders) > 10 and all(sizes[p] <= median(leaders) for p in POCKET)


def _small_store(tmp_path: Path, extra_ties: str = "", extra_spots: str = "") -> Path:
    files = dict(SMALL_MAP_CSV)
    files["ties.csv"] += extra_ties
    files["bright_spots.csv"] += extra_spots
    folder = write_folder(tmp_path / "map", files)
    store = tmp_path / "small.lbug"
    result = CliRunner().invoke(main, ["load", str(folder), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_the_spread_map_chooses_the_only_practice_and_level(tmp_path: Path) -> None:
    store = _small_store(tmp_path, extra_spots="swap,Seed swap,bright_spot,Nobody yet\n")
    out = tmp_path / "spread.html"
    result = _map(store, out, "--view", "spread", "--audience", "private")
    assert result.exit_code == 0, result.output
    page = _page(out)
    assert page["what"].startswith("How Garden spread")
    assert {n: v for n, v in _sizes(page).items() if n in ("ana", "bo")}  # the adopters


def test_the_spread_map_names_both_practices_in_one_message(tmp_path: Path) -> None:
    store = _small_store(
        tmp_path,
        extra_ties="ADOPTED,cy,swap,,,,1,,\n",
        extra_spots="swap,Seed swap,bright_spot,Seeds\n",
    )
    result = _map(store, tmp_path / "spread.html", "--view", "spread")
    assert result.exit_code == 1
    assert result.output == (
        "Error: name the practice to analyse (CLI: --practice); bright spots with "
        "adopters: garden (actors), swap (actors)\n"
    )
    chosen = _map(store, tmp_path / "spread.html", "--view", "spread", "--practice", "swap")
    assert chosen.exit_code == 0, chosen.output


def test_the_spread_map_of_the_demo_asks_for_practice_and_level_at_once(
    demo_out: Path, tmp_path: Path
) -> None:
    result = _map(demo_out / "demo.lbug", tmp_path / "spread.html", "--view", "spread")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1 and "--practice, --level" in lines[0]
    spots = ["bs-asset-walks", "bs-empathy-listening", "bs-healthy-catering", "bs-salad-bar"]
    assert all(f"{s} (actors, communities)" in lines[0] for s in [*spots, "bs-yard-gardens"])
    chosen = _map(
        demo_out / "demo.lbug",
        tmp_path / "spread.html",
        "--view",
        "spread",
        "--practice",
        "bs-yard-gardens",
        "--level",
        "actors",
    )
    assert chosen.exit_code == 0, chosen.output

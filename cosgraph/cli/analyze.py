"""``cosgraph analyze ...``: the analyses over a store's projected graph."""

from __future__ import annotations

from typing import Any

import click
import networkx as nx

from cosgraph.cli.output import emit, render

__all__ = ["analyze", "projected"]


def projected(store: str) -> nx.MultiDiGraph:
    """The store's map as a networkx graph (the store is closed again at once)."""
    from cosgraph.cli import opened_store

    s = opened_store(store)
    try:
        return s.project()
    finally:
        s.close()


def _emit_section(result: Any, fmt: str, section: str | None) -> None:
    """JSON prints the whole result; table/CSV print one section of it."""
    if fmt == "json" or section is None:
        emit(result, fmt)
        return
    click.echo(render(result.table_rows(section), fmt).rstrip("\n"))


@click.group()
def analyze() -> None:
    """Analyses of the map: power, spanners, asset matching, crosswalk, metrics.

    \b
    Example:
        cosgraph analyze power --section levers
    """


def _store_and_format(func: Any) -> Any:
    from cosgraph.cli import store_option
    from cosgraph.cli.output import format_option

    return store_option(format_option()(func))


@analyze.command()
@click.option(
    "-k",
    "k",
    default=3,
    show_default=True,
    help="Steps within which residents must reach a lever's deciders.",
)
@click.option(
    "--team", default=None, help="Tripod balance of this organization's or community's members."
)
@click.option(
    "--section",
    type=click.Choice(["actors", "levers", "stances", "paths", "tripod"]),
    default="actors",
    show_default=True,
    help="Which part to print as a table or CSV (JSON prints all).",
)
@_store_and_format
def power(k: int, team: str | None, section: str, fmt: str, store: str) -> None:
    """Power and stakeholder map: grid, influence, stances, residents' trust paths, tripod.

    \b
    Example:
        cosgraph analyze power --section paths -k 3
    """
    from cosgraph.analysis.power import power_map

    _emit_section(power_map(projected(store), k=k, team=team), fmt, section)


@analyze.command()
@click.option(
    "--cost",
    type=click.Choice(["trust_distance", "uniform"]),
    default="trust_distance",
    show_default=True,
    help="What an assignment costs: the trust distance holder -> decider, or nothing.",
)
@click.option(
    "--section",
    type=click.Choice(["assignments", "short", "untapped", "levers"]),
    default="assignments",
    show_default=True,
    help="Which part to print as a table or CSV (JSON prints all).",
)
@_store_and_format
def match(cost: str, section: str, fmt: str, store: str) -> None:
    """Asset-to-lever matching as min-cost max-flow: assignments, short levers, untapped assets.

    \b
    Example:
        cosgraph analyze match --section untapped
    """
    from cosgraph.analysis.matching import match_assets

    _emit_section(match_assets(projected(store), cost=cost), fmt, section)  # type: ignore[arg-type]


@analyze.command()
@click.option("--community", default=None, help="Only this community and its members.")
@click.option(
    "--skills", default=None, help="Instead of the store: behaviors these skills support (LT,LO)."
)
@click.option(
    "--behavior",
    default=None,
    help="Instead of the store: the skills a behavior needs (7 or CSB7).",
)
@_store_and_format
def crosswalk(
    community: str | None, skills: str | None, behavior: str | None, fmt: str, store: str
) -> None:
    """Skill -> behavior crosswalk: what a community's skills support, and the gaps.

    \b
    Examples:
        cosgraph analyze crosswalk --community com-proviso
        cosgraph analyze crosswalk --skills LT,LE
        cosgraph analyze crosswalk --behavior CSB7
    """
    from cosgraph.analysis.crosswalk import (
        behaviors_for_skills,
        crosswalk_gaps,
        skills_for_behavior,
    )

    if skills:
        emit(behaviors_for_skills([s.strip() for s in skills.split(",") if s.strip()]), fmt)
    elif behavior:
        emit(skills_for_behavior(behavior), fmt)
    else:
        emit(crosswalk_gaps(projected(store), community=community), fmt)

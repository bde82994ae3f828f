"""``cosgraph spread ...``: how bright spots travel, from a store or straight from files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cosgraph.cli.output import audience_option, emit, for_audience, format_option
from cosgraph.errors import CosgraphError

__all__ = ["spread"]


def _adoption_input(func: Any) -> Any:
    """Options naming the adoption data: a store (with --practice) or two CSV files."""
    from cosgraph.cli import store_option

    options: list[Callable[[Any], Any]] = [
        click.option(
            "--practice",
            default=None,
            help="Bright spot id (store input; needed when several have adopters).",
        ),
        click.option(
            "--level",
            type=click.Choice(["actors", "communities"]),
            default=None,
            help="Store input: people/organizations or communities, when both adopted.",
        ),
        click.option(
            "--people",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            default=None,
            help="People CSV (file input instead of the store).",
        ),
        click.option(
            "--ties",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            default=None,
            help="Ties CSV: who names whom (file input).",
        ),
        click.option("--id-column", default="id", show_default=True, help="People CSV: id column."),
        click.option(
            "--community-column",
            default="community",
            show_default=True,
            help="People CSV: community column.",
        ),
        click.option(
            "--time-column",
            default="time",
            show_default=True,
            help="People CSV: adoption time column (empty = never adopted).",
        ),
        click.option(
            "--from-column", default="from", show_default=True, help="Ties CSV: who names."
        ),
        click.option(
            "--to-column", default="to", show_default=True, help="Ties CSV: who is named."
        ),
        click.option(
            "--relation", default=None, help="Only contacts of this relation (e.g. advice)."
        ),
        store_option,
        format_option(),
        audience_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _adoption(
    store: str,
    audience: str,
    practice: str | None,
    level: str | None,
    people: Path | None,
    ties: Path | None,
    id_column: str,
    community_column: str,
    time_column: str,
    from_column: str,
    to_column: str,
) -> Any:
    from cosgraph.analysis.spread import adoption_from_files, adoption_from_graph
    from cosgraph.cli.analyze import projected_for

    if (people is None) != (ties is None):
        raise CosgraphError("give both --people and --ties, or neither (to read the store)")
    if people is not None and ties is not None:
        return adoption_from_files(
            people,
            ties,
            id_column=id_column,
            community_column=community_column,
            time_column=time_column,
            from_column=from_column,
            to_column=to_column,
            seen_as=lambda G: for_audience(G, audience),
            practice=practice,
        )
    G = projected_for(store, audience)
    return adoption_from_graph(G, practice, level)  # type: ignore[arg-type]


@click.group()
def spread() -> None:
    """How bright spots travel between and within peer communities.

    \b
    Example:
        cosgraph spread summary --people physicians.csv --ties ties.csv \\
            --id-column physician_id --community-column city --time-column adoption_month \\
            --from-column from_physician --to-column to_physician --format json
    """


@spread.command()
@_adoption_input
def summary(fmt: str, audience: str, store: str, relation: str | None, **source: Any) -> None:
    """Per community: members, adopters, saturation, cumulative adoption, time to half.

    \b
    Example:
        cosgraph spread summary --practice bs-yard-gardens
    """
    from cosgraph.analysis.spread import spread_summary

    emit(spread_summary(_adoption(store, audience, **source)), fmt)


@spread.command()
@click.option("--undirected", is_flag=True, help="Count contacts in both directions.")
@_adoption_input
def exposure(
    undirected: bool, fmt: str, audience: str, store: str, relation: str | None, **source: Any
) -> None:
    """Each adopter's exposure at adoption (Valente's threshold) and its correlation with time.

    \b
    Example:
        cosgraph spread exposure --practice bs-yard-gardens --format csv
    """
    from cosgraph.analysis.spread import exposure as exposure_of

    emit(
        exposure_of(
            _adoption(store, audience, **source), directed=not undirected, relation=relation
        ),
        fmt,
    )


@spread.command()
@click.option("--undirected", is_flag=True, help="Count contacts in both directions.")
@_adoption_input
def cascade(
    undirected: bool, fmt: str, audience: str, store: str, relation: str | None, **source: Any
) -> None:
    """Who plausibly learned from whom: candidates, cascade depth, communities crossed.

    \b
    Example:
        cosgraph spread cascade --practice bs-yard-gardens
    """
    from cosgraph.analysis.spread import cascade as cascade_of

    emit(
        cascade_of(
            _adoption(store, audience, **source), directed=not undirected, relation=relation
        ),
        fmt,
    )


@spread.command()
@click.option(
    "--model",
    type=click.Choice(["ic", "lt"]),
    default="ic",
    show_default=True,
    help="Independent cascade or linear threshold.",
)
@click.option("--seeds", default=None, help="Start from these nodes (comma-separated).")
@click.option("--choose", type=int, default=None, help="Choose this many seeds greedily (CELF).")
@click.option(
    "--p",
    "probability",
    type=float,
    default=0.1,
    show_default=True,
    help="Independent cascade: chance a contact passes the practice on.",
)
@click.option("--runs", type=int, default=1000, show_default=True, help="Monte Carlo runs.")
@click.option(
    "--seed",
    "rng_seed",
    type=int,
    default=0,
    show_default=True,
    help="Random seed: the same seed gives the same numbers.",
)
@_adoption_input
def simulate(
    model: str,
    seeds: str | None,
    choose: int | None,
    probability: float,
    runs: int,
    rng_seed: int,
    fmt: str,
    audience: str,
    store: str,
    relation: str | None,
    **source: Any,
) -> None:
    """Simulate where a practice goes next, or choose where to start it (CELF).

    Influence flows from the person named to the person who named them.

    \b
    Examples:
        cosgraph spread simulate --practice bs-yard-gardens --seeds p034,p072 --runs 2000
        cosgraph spread simulate --practice bs-yard-gardens --choose 3 --model lt
    """
    from cosgraph.analysis.spread import simulate_spread
    from cosgraph.cli.analyze import _typed
    from cosgraph.progress import progress_bar

    data = _adoption(store, audience, **source)
    start = (
        None if seeds is None else [str(_typed(s.strip())) for s in seeds.split(",") if s.strip()]
    )
    with progress_bar("simulating") as progress:
        result = simulate_spread(
            data,
            model=model,  # type: ignore[arg-type]
            seeds=start,
            choose=choose,
            p=probability,
            runs=runs,
            seed=rng_seed,
            progress=progress,
        )
    emit(result, fmt)

"""``cosgraph analyze ...``: the analyses over a store's projected graph."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from cosgraph.cli.checks import checked, option_error
from cosgraph.cli.output import emit, for_audience
from cosgraph.progress import progress_bar

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.analysis.columnar import ProjectedTies
    from cosgraph.analysis.result import Result, Row

#: The library's option checks, imported when an option is first parsed (checked()).
_OPTIONS = "cosgraph.analysis.options"

__all__ = ["analyze", "projected", "projected_for"]


def projected(store: str) -> nx.MultiDiGraph:
    """The store's map as a networkx graph (the store is closed again at once)."""
    from cosgraph.cli import opened_store

    s = opened_store(store)
    try:
        return s.project()
    finally:
        s.close()


def projected_for(store: str, audience: str) -> nx.MultiDiGraph:
    """The store's map as ``audience`` may see it: analyses of it give the same numbers,
    and every hidden person is a per-output placeholder (see :func:`for_audience`)."""
    return for_audience(projected(store), audience)


def _section_option(*choices: str) -> Callable[[Any], Any]:
    """``--section``: which part of a result a table or CSV shows (the first by default)."""
    return click.option(
        "--section",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Which part to print as a table or CSV (JSON prints all).",
    )


def _emit_section(result: Result, fmt: str, section: str) -> None:
    """JSON prints the whole result; table/CSV print one section of it."""
    if fmt == "json":
        emit(result, fmt)
        return
    rows = result.section_rows(section)
    emit(rows, fmt)
    _legend(rows, fmt)


def _legend(rows: list[Row], fmt: str) -> None:
    """Under a table (not CSV or JSON, which keep machine names), plain words for its
    jargon columns (:func:`cosgraph.analysis.result.legend_lines`)."""
    from cosgraph.analysis.result import legend_lines

    line = legend_lines(rows) if fmt == "table" and rows else None
    if line:
        click.echo(f"\n{line}")


@click.group()
def analyze() -> None:
    """Analyses of the map: power, spanners, asset matching, crosswalk, metrics, communities.

    \b
    Example:
        cosgraph analyze power --section levers
    """


def _store_and_format(func: Any) -> Any:
    from cosgraph.cli import store_option
    from cosgraph.cli.output import audience_option, format_option

    return store_option(audience_option(format_option()(func)))


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
@_section_option("actors", "levers", "stances", "paths", "tripod")
@_store_and_format
def power(k: int, team: str | None, section: str, fmt: str, audience: str, store: str) -> None:
    """Power and stakeholder map: grid, influence, stances, residents' trust paths, tripod.

    \b
    Example:
        cosgraph analyze power --section paths -k 3
    """
    from cosgraph.analysis.power import power_map

    G = projected_for(store, audience)
    _emit_section(power_map(G, k=k, team=_typed(team)), fmt, section)


@analyze.command()
@click.option(
    "--cost",
    type=click.Choice(["trust_distance", "uniform"]),
    default="trust_distance",
    show_default=True,
    help="What an assignment costs: the trust distance holder -> decider, or nothing.",
)
@_section_option("plan", "assignments", "short", "untapped", "levers")
@_store_and_format
def match(cost: str, section: str, fmt: str, audience: str, store: str) -> None:
    """Which assets can move which lever, and what is missing (min-cost max-flow matching).

    \b
    Example:
        cosgraph analyze match --section untapped
    """
    from cosgraph.analysis.matching import match_assets

    G = projected_for(store, audience)
    _emit_section(match_assets(G, cost=cost), fmt, section)  # type: ignore[arg-type]


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
    community: str | None,
    skills: str | None,
    behavior: str | None,
    fmt: str,
    audience: str,
    store: str,
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
        G = projected_for(store, audience)
        emit(crosswalk_gaps(G, community=_typed(community)), fmt)


def _checked_tie_types(types: tuple[str, ...]) -> tuple[str, ...]:
    from cosgraph.analysis.options import check_tie_types

    return tuple(check_tie_types([t.upper() for t in types]))


def _tie_options(func: Any) -> Any:
    """--where key=value (repeatable) and --tie-type: which part of the tie graph to use."""
    func = click.option(
        "--tie-type",
        "tie_types",
        multiple=True,
        callback=checked(_checked_tie_types),
        help="Only ties of this type (repeatable; default: KNOWS, TRUSTS, PARTNERS_WITH, "
        "MEMBER_OF).",
    )(func)
    return click.option(
        "--where",
        "where",
        multiple=True,
        help="Only nodes with this attribute, e.g. kind=person or community=2 (repeatable).",
    )(func)


def _parse_where(where: tuple[str, ...]) -> dict[str, Any]:
    from cosgraph.cli import _parse_param

    return dict(_parse_param(w) for w in where)


def _typed(value: str | None) -> str | None:
    """A node id the user typed, as the command's audience graph names it."""
    from cosgraph.cli.output import current_audience

    seen = current_audience()
    return seen.parameter(value) if seen is not None and value is not None else value


def _tie_graph(
    store: str, tie_types: tuple[str, ...], where: tuple[str, ...], audience: str
) -> nx.DiGraph | nx.Graph:
    """The tie graph of --tie-type as ``audience`` sees it, narrowed by --where; says on
    standard error how many self-loops the analyses set aside."""
    from cosgraph.analysis.metrics import tie_graph_where
    from cosgraph.analysis.views import SOCIAL_TIES

    G = projected_for(store, audience)
    conditions = {k: _typed(v) if isinstance(v, str) else v for k, v in _parse_where(where).items()}
    T = tie_graph_where(G, types=tie_types or SOCIAL_TIES, where=conditions)
    _say_self_loops(T.graph.get("self_loops", 0))
    return T


def _say_self_loops(loops: int) -> None:
    if loops:
        click.echo(
            f"set aside {loops} self-loop(s): analyses read ties between two nodes", err=True
        )


def _sample_option(func: Any) -> Any:
    """``--sample K``: approximate betweenness from K pivots (``--seed`` picks them)."""
    return click.option(
        "--sample",
        type=int,
        default=None,
        callback=checked(f"{_OPTIONS}:check_sample"),
        help="Approximate betweenness from K random pivots, as networkx's k=K "
        "(cosgraph.analysis.sampling gives the expected error); --seed picks them.",
    )(func)


def _stored_ties(
    store: str,
    tie_types: tuple[str, ...],
    audience: str,
    attributes: tuple[str, ...] = (),
    where: tuple[str, ...] = (),
) -> ProjectedTies | None:
    """The compiled tie graph of --tie-type as ``audience`` sees it, from the store's
    columns (no networkx graph); None where the networkx path computes: with --where,
    or undirected ties (:func:`cosgraph.analysis.columnar.projected_ties`)."""
    if where:
        return None
    from cosgraph.analysis.columnar import stored_ties
    from cosgraph.analysis.views import SOCIAL_TIES
    from cosgraph.cli import opened_store
    from cosgraph.cli.output import remember_audience

    s = opened_store(store)
    try:
        ties = stored_ties(s, audience, types=tie_types or SOCIAL_TIES, attributes=attributes)
    finally:
        s.close()
    if ties is not None and ties.audience is not None:
        remember_audience(ties.audience)
    if ties is not None:
        _say_self_loops(ties.self_loops)
    return ties


@analyze.command()
@click.option("--top", type=int, default=None, help="Only the K nodes with the highest PageRank.")
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed for the communities and the --sample pivots.",
)
@_sample_option
@click.option(
    "--resolution",
    type=float,
    default=1.0,
    show_default=True,
    callback=checked(f"{_OPTIONS}:check_resolution"),
    help="Leiden resolution (larger: more, smaller communities).",
)
@click.option(
    "--write",
    is_flag=True,
    help="Also store the metrics as node properties (overwriting earlier ones) for maps "
    "and queries.",
)
@_tie_options
@_store_and_format
def metrics(
    top: int | None,
    seed: int,
    sample: int | None,
    resolution: float,
    write: bool,
    where: tuple[str, ...],
    tie_types: tuple[str, ...],
    fmt: str,
    audience: str,
    store: str,
) -> None:
    """Degree, betweenness, closeness, PageRank, eigenvector, clustering, 2-step reach, community.

    Computed on the tie graph of people and organizations, undirected when its ties
    are (load-network --undirected), directed otherwise (see the
    conventions in cosgraph.analysis.metrics).  --where computes them on a subgraph.
    --write stores the printed rows on their nodes as metric_<name> properties
    (metric_pagerank, metric_community, ...).

    \b
    Examples:
        cosgraph analyze metrics --top 10
        cosgraph analyze metrics --where kind=person --format csv
        cosgraph analyze metrics --write
        cosgraph analyze metrics --sample 1000 --seed 1
    """
    from cosgraph.analysis.metrics import compiled_metrics, network_metrics
    from cosgraph.cli import opened_store
    from cosgraph.cli.output import current_audience
    from cosgraph.store import shown_location
    from cosgraph.write_back import write_metrics

    ties = _stored_ties(store, tie_types, audience, ("name",), where)
    with progress_bar("metrics") as progress:
        if ties is None:
            T = _tie_graph(store, tie_types, where, audience)
            result = network_metrics(
                T, seed=seed, resolution=resolution, top=top, sample=sample, progress=progress
            )
        else:
            result = compiled_metrics(
                ties.compiled,
                seed=seed,
                resolution=resolution,
                top=top,
                sample=sample,
                progress=progress,
                names=ties.names(),
            )
    if write:
        seen = current_audience()
        s = opened_store(store, read_only=False)
        try:
            written = write_metrics(s, result, real_ids=seen.originals() if seen else None)
        finally:
            s.close()
        click.echo(f"wrote {written} nodes' metrics to {shown_location(store)}", err=True)
    emit(result, fmt)
    _legend(result.table_rows(), fmt)


@analyze.command()
@click.option(
    "--resolution",
    type=float,
    default=1.0,
    show_default=True,
    callback=checked(f"{_OPTIONS}:check_resolution"),
    help="Leiden resolution (larger: more, smaller communities).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@_section_option("communities", "bridgers")
@_tie_options
@_store_and_format
def communities(
    resolution: float,
    seed: int,
    section: str,
    where: tuple[str, ...],
    tie_types: tuple[str, ...],
    fmt: str,
    audience: str,
    store: str,
) -> None:
    """Clusters of the tie graph (Leiden, modularity), their make-up and who bridges them.

    \b
    Example:
        cosgraph analyze communities --section bridgers
    """
    from cosgraph.analysis.columnar import MAKEUP_COLUMNS
    from cosgraph.analysis.communities import compiled_communities, detect_communities

    ties = _stored_ties(store, tie_types, audience, MAKEUP_COLUMNS, where)
    if ties is None:
        T = _tie_graph(store, tie_types, where, audience)
        result = detect_communities(T, resolution=resolution, seed=seed)
    else:
        data = ties.node_data(MAKEUP_COLUMNS)
        result = compiled_communities(ties.compiled, data, resolution=resolution, seed=seed)
    _emit_section(result, fmt, section)


@analyze.command()
@click.option(
    "--by",
    default="sector",
    show_default=True,
    help="Attribute whose groups brokers span: sector, tripod_role, neighbourhood, ...",
)
@_sample_option
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for --sample.")
@_section_option("nodes", "groups", "bridges")
@_tie_options
@_store_and_format
def spanners(
    by: str,
    sample: int | None,
    seed: int,
    section: str,
    where: tuple[str, ...],
    tie_types: tuple[str, ...],
    fmt: str,
    audience: str,
    store: str,
) -> None:
    """Boundary spanners: betweenness, Burt's constraint, Gould-Fernandez brokerage roles.

    \b
    Examples:
        cosgraph analyze spanners --by sector
        cosgraph analyze spanners --by tripod_role --section groups
        cosgraph analyze spanners --sample 1000 --seed 1
    """
    from cosgraph.analysis.spanners import (
        boundary_spanners,
        check_group_attribute,
        check_group_values,
        compiled_spanners,
        group_columns,
    )

    ties = _stored_ties(store, tie_types, audience, (*group_columns(by), "name"), where)
    with progress_bar("spanners") as progress:
        if ties is None:
            T = _tie_graph(store, tie_types, where, audience)
            with option_error("--by"):
                check_group_attribute(T, by)
            result = boundary_spanners(T, by=by, sample=sample, seed=seed, progress=progress)
        else:
            groups = ties.groups(by)
            with option_error("--by"):
                check_group_values(groups, by)
            result = compiled_spanners(
                ties.compiled,
                groups,
                by=by,
                sample=sample,
                seed=seed,
                progress=progress,
                names=ties.names(),
            )
    _emit_section(result, fmt, section)

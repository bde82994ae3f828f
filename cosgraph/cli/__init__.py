"""The ``cosgraph`` command line: a thin layer over the library.

Each command parses options, calls one library function and prints its result.  The
library's own errors become one clear line here (exit code 1), never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from cosgraph.cli.lazy_options import LazyOptionsCommand
from cosgraph.cli.output import (
    audience_option,
    emit,
    emit_rows,
    force_option,
    format_option,
    masked_message,
    seen_by,
)
from cosgraph.cli.shape import echo_notes, tie_shape_options
from cosgraph.errors import CosgraphError, LoadError
from cosgraph.formats import help_epilog, readable
from cosgraph.store import DEFAULT_STORE, open_store, shown_location
from cosgraph.store.location import store_file
from cosgraph.vocabulary import AUDIENCES

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.loaders.shape import TieShape
    from cosgraph.store import GraphStore, WritePlan

__all__ = ["main", "store_option", "source_option", "opened_store", "load_problems"]


def load_problems(headline: str, error: LoadError) -> str:
    """``"nothing was loaded: 2 problems"`` and then one line per problem."""
    count = len(error.problems)
    return f"{headline}: {count} problem{'s' if count != 1 else ''}\n{error}"


class _Group(click.Group):
    """Turns cosgraph's errors into one line at the CLI boundary."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LoadError as exc:
            raise click.ClickException(load_problems("nothing was loaded", exc)) from None
        except CosgraphError as exc:
            raise click.ClickException(masked_message(str(exc))) from None
        except click.ClickException as exc:
            # an error must not name a hidden person to the command's audience
            text = exc.format_message()
            if masked_message(text) != text:
                raise click.ClickException(masked_message(text)) from None
            raise


def _remember_database(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    ctx.meta["cosgraph.database"] = value


def store_option(
    func: Any = None, *, default: str | None = DEFAULT_STORE, shown_default: str | bool = True
) -> Any:
    """The shared ``--store PATH`` (or ``$COSGRAPH_STORE``) and ``--database`` options.

    ``default`` and ``shown_default`` (what ``--help`` shows as the default) suit a
    command whose store is elsewhere when none is given (``demo``).
    """
    if func is None:
        return partial(store_option, default=default, shown_default=shown_default)
    func = click.option(
        "--database",
        envvar="COSGRAPH_NEO4J_DATABASE",
        default=None,
        expose_value=False,
        callback=_remember_database,
        help="Neo4j database name (default: the server's default). $COSGRAPH_NEO4J_DATABASE.",
    )(func)
    return click.option(
        "--store",
        "store",
        envvar="COSGRAPH_STORE",
        default=default,
        show_default=shown_default,
        help="Embedded store file, or a neo4j:// or bolt:// URI (credentials in it are "
        "used, never printed). Also $COSGRAPH_STORE.",
    )(func)


def _checked_source(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    from cosgraph.provenance import SourceNameError, check_source_name

    try:
        return None if value is None else check_source_name(value)
    except SourceNameError as exc:
        raise click.BadParameter(str(exc)) from None


def source_option(func: Any) -> Any:
    """The shared ``--source NAME`` option: a session name that outlives its file names."""
    return click.option(
        "--source",
        "source",
        default=None,
        metavar="NAME",
        callback=_checked_source,
        help="A session name (e.g. coalition-2026) that outlives its file names: loads "
        "under one name are one source, so dated copies reload, --prune and diff as one. "
        "Rows record it as 'source:NAME from FILE'.",
    )(func)


def opened_store(location: str, *, read_only: bool = True) -> GraphStore:
    """Open a store with the --database the command was given; read-only by default.

    Reading commands refuse a missing embedded store rather than create an empty one,
    and never change its file (so any number of them run side by side).
    """
    database = click.get_current_context().meta.get("cosgraph.database")
    create = not read_only
    return open_store(location, database=database, create=create, read_only=read_only)


@contextmanager
def writing_store(location: str, *, dry_run: bool = False) -> Iterator[GraphStore]:
    """An initialised store to write into.  A new embedded store is built beside its
    place and appears only once the command succeeded
    (:func:`~cosgraph.store.new_file.new_store_file`): a rejected load leaves nothing,
    nor does a dry run, which only plans against it.  A dry run opens a store that
    exists read-only and as it is: a plan changes not a byte of it."""
    path = store_file(location)
    if path is not None and not path.exists():
        from cosgraph.store.new_file import new_store_file

        with new_store_file(path, keep=not dry_run) as built:
            yield built
        return
    store = opened_store(location, read_only=dry_run)
    try:
        if not dry_run:
            store.init()
        yield store
    finally:
        store.close()


@click.group(cls=_Group)
@click.version_option(package_name="cosgraph")
def main() -> None:
    """cosgraph: map a Community of Solutions as a living network.

    \b
    Start with the bundled example coalition:
        cosgraph demo
    """


@main.command()
@store_option
def init(store: str) -> None:
    """Create the store's schema and the framework graph (safe to run again).

    \b
    Example:
        cosgraph init --store coalition.lbug
    """
    with writing_store(store):
        pass
    click.echo(f"store ready: {shown_location(store)}")


def _load_epilog() -> str:
    return help_epilog("Formats, told by the name or by what a file holds:", readable())


@main.command(cls=LazyOptionsCommand, lazy_epilog=_load_epilog)
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@click.option(
    "--prune",
    is_flag=True,
    help="Remove what an earlier load of this same source (this file, or --source) put "
    "in and the file no longer holds (with their ties). Without it, such rows are only "
    "reported.",
)
@source_option
@tie_shape_options
@format_option(default="table")
@audience_option
@store_option
def load(
    path: Path,
    dry_run: bool,
    prune: bool,
    source: str | None,
    shape: TieShape,
    fmt: str,
    audience: str,
    store: str,
) -> None:
    """Load a map from a file or folder in any format listed below.

    Loading is all or nothing: if any row is bad, every problem is listed with its
    file, line and field, and the store is left exactly as it was.  Loading the same
    data again changes nothing.  Rows removed from the file since its last load are
    reported, and removed from the store only with --prune.  With --source NAME, dated
    copies of a workbook are one source: each reload reports only the real edits.

    \b
    Example:
        cosgraph load my-coalition/ --store coalition.lbug
        cosgraph load session.xlsx --prune
        cosgraph load session-friday.xlsx --source coalition-2026 --prune
    """
    from cosgraph.cli.session import load_progress, print_load_report
    from cosgraph.map_load import load_map
    from cosgraph.provenance import provenance_of

    def report(plan: WritePlan, people: Callable[[], Sequence[nx.MultiDiGraph]] | None) -> None:
        # Rows the report names are named as the audience may see them.
        print_load_report(plan, dry_run, fmt, people=people, audience=audience)

    with load_progress() as progress:
        load_map(
            store,
            partial(writing_store, store, dry_run=dry_run),
            path,
            provenance=provenance_of(path, source=source),
            prune=prune,
            shape=shape,
            dry_run=dry_run,
            progress=progress,
            on_notes=echo_notes,
            report=report,
        )


@main.command("load-network")
@click.argument("nodes_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("ties_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id-column", required=True, help="Column of NODES_CSV holding node ids.")
@click.option("--from-column", required=True, help="Column of TIES_CSV holding the source id.")
@click.option("--to-column", required=True, help="Column of TIES_CSV holding the target id.")
@click.option("--kind", default="person", show_default=True, help="Node kind of every row.")
@click.option("--tie-type", default="KNOWS", show_default=True, help="Tie type of every row.")
@click.option(
    "--columns",
    default=None,
    help="Comma-separated columns to keep as attributes (default: all other columns).",
)
@click.option(
    "--types",
    "types_spec",
    default=None,
    metavar="COL=TYPE,...",
    help="Declare attribute column types (int, float, bool, text) instead of reading "
    "them from the values, e.g. zip=text,age=int.",
)
@click.option(
    "--consent",
    type=click.Choice(AUDIENCES, case_sensitive=False),
    default=None,
    help="Consent of every person in NODES_CSV (default: coalition, which a public "
    "export or analysis does not name).",
)
@click.option(
    "--consent-column",
    default=None,
    metavar="COL",
    help="Column of NODES_CSV holding each person's consent (public, coalition, private); "
    "blank cells take --consent.",
)
@tie_shape_options
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@source_option
@store_option
def load_network(
    nodes_csv: Path,
    ties_csv: Path,
    id_column: str,
    from_column: str,
    to_column: str,
    kind: str,
    tie_type: str,
    columns: str | None,
    types_spec: str | None,
    consent: str | None,
    consent_column: str | None,
    shape: TieShape,
    dry_run: bool,
    source: str | None,
    store: str,
) -> None:
    """Load any network from a nodes CSV and a ties CSV (researchers' data).

    Every other column becomes an attribute: numbers only when every value of the
    column is a plain number (02139 keeps the column text), unless --types says.  The options
    always win: an id/kind column in NODES_CSV, or a source/target/type column in
    TIES_CSV, is an error unless --columns leaves it out.  People whose consent
    is not recorded (--consent, --consent-column or a consent column) get coalition:
    outputs for the default audience, public, do not name them.  Ties are directed
    unless --undirected; a tie repeated between the same ends becomes one tie as
    --parallel says; self-loops and repeats are counted on stderr.  Any header loads:
    Grade.1 is stored as grade_1, and exports and stats show Grade.1 again.

    \b
    Example:
        cosgraph load-network physicians.csv ties.csv --id-column physician_id \\
            --from-column from_physician --to-column to_physician --consent public
    """
    from cosgraph.cli.session import load_progress, print_load_report
    from cosgraph.loaders.columns import parse_column_types
    from cosgraph.loaders.network import network_options
    from cosgraph.network_load import load_network
    from cosgraph.provenance import provenance_of

    keep = [c.strip() for c in columns.split(",")] if columns else None
    types = parse_column_types(types_spec) if types_spec else None
    options = network_options(
        nodes_csv,
        ties_csv,
        id_column=id_column,
        from_column=from_column,
        to_column=to_column,
        kind=kind,
        tie_type=tie_type,
        columns=keep,
        consent=consent,
        consent_column=consent_column,
        shape=shape,
    )
    provenance = provenance_of(nodes_csv, ties_csv, source=source)
    with load_progress() as progress:
        plan = load_network(
            store,
            partial(writing_store, store, dry_run=dry_run),
            options,
            provenance=provenance,
            types=types,
            dry_run=dry_run,
            progress=progress,
            on_notes=echo_notes,
        )
    print_load_report(plan, dry_run, "table", list_kept=False)


@main.command()
@format_option(default="table")
def framework(fmt: str) -> None:
    """Print the Community of Solutions framework: domains, skills, the 28 behaviors.

    \b
    Example:
        cosgraph framework --format json
    """
    from cosgraph.framework import load_framework

    fw = load_framework()
    if fmt == "json":
        click.echo(json.dumps(fw.to_json_dict(), indent=2, ensure_ascii=False))
        return
    rows = [
        {
            "number": b.number,
            "group": b.group,
            "domains": ", ".join(b.domains),
            "text": b.text,
        }
        for b in fw.behaviors
    ]
    emit(rows, fmt)


@main.command()
@format_option(default="table")
@audience_option
@store_option
def stats(fmt: str, audience: str, store: str) -> None:
    """Count what the store holds: by kind, tie type, tripod role and sector.

    Counts include people the audience may not see, anonymously; a value only they
    carry (a sector, say) is shown as (hidden).

    \b
    Example:
        cosgraph stats --format json
    """
    from cosgraph.stats import store_stats

    s = opened_store(store)
    try:
        seen_by(s.project(), audience)
        result = store_stats(s)
    finally:
        s.close()
    emit(result, fmt)


def _parse_param(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise click.BadParameter(f"{text!r}: write a parameter as name=value")
    try:
        parsed: Any = json.loads(value)
    except json.JSONDecodeError:
        parsed = value
    return key.strip(), parsed


@main.command()
@click.argument("name", required=False)
@click.option(
    "--param", "params", multiple=True, help="A parameter as name=value (JSON values allowed)."
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
@format_option(default="table")
@audience_option
@store_option
def query(
    name: str | None,
    params: tuple[str, ...],
    list_queries: bool,
    fmt: str,
    audience: str,
    store: str,
) -> None:
    """Run a named Cypher query from queries/ (values are passed as parameters).

    A returned value that names a person the audience may not see (their id, name
    or node) is masked, and such rows come last.

    \b
    Examples:
        cosgraph query --list
        cosgraph query lever_decision_makers --param lever=soda-tax
    """
    from cosgraph.store.named_queries import get_query
    from cosgraph.store.named_queries import list_queries as all_queries

    if list_queries or not name:
        emit(
            [
                {"name": q.name, "params": ", ".join(q.params), "description": q.description}
                for q in all_queries()
            ],
            fmt,
        )
        return
    values = dict(_parse_param(p) for p in params)
    s = opened_store(store)
    try:
        seen_by(s.project(), audience)
        rows = get_query(name).in_order(s.query(name, **values))
    finally:
        s.close()
    emit_rows(rows, fmt)


@main.command()
@cast(
    Callable[[Any], Any],
    store_option(default=None, shown_default="cosgraph-demo/demo.lbug: demo.lbug in --out"),
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("cosgraph-demo"),
    show_default=True,
    help="Folder for the demo's store and maps (when --store is not given).",
)
@force_option
def demo(store: str | None, out: Path, force: bool) -> None:
    """Load the bundled example coalition into a fresh store and show what to try next.

    The example is fictional, modelled on the Proviso Partners for Health case in the
    SCALE overview.  Without --store it writes cosgraph-demo/demo.lbug (replacing an
    earlier demo store there).  It never loads into a store that holds anything but
    the demo.  --force lets its maps replace files cosgraph did not write.

    \b
    Example:
        cosgraph demo
    """
    from cosgraph.demo import run_demo

    database = click.get_current_context().meta.get("cosgraph.database")
    report = run_demo(out, store, database=database, force=force)
    for line in report.lines():
        click.echo(line)


@main.command("copy")
@click.option("--from", "source", required=True, help="Store to copy from (path or URI).")
@click.option("--to", "target", required=True, help="Store to copy into (path or URI).")
def copy_command(source: str, target: str) -> None:
    """Copy a whole map between stores, e.g. from the embedded store up to Neo4j.

    Every node and tie moves with its attributes and provenance, in one transaction.

    \b
    Example:
        cosgraph copy --from coalition.lbug --to neo4j://localhost:7687
    """
    from cosgraph.cli.session import print_load_report
    from cosgraph.store.copy import copy_map

    src = opened_store(source)
    try:
        with writing_store(target) as dst:
            plan = copy_map(src, dst)
    finally:
        src.close()
    print_load_report(plan, False, "table", list_kept=False)


def _register() -> None:
    from cosgraph.cli.analyze import analyze
    from cosgraph.cli.serve import register as register_serve
    from cosgraph.cli.session import register as register_session
    from cosgraph.cli.spread import spread

    main.add_command(analyze)
    main.add_command(spread)
    register_session(main)
    register_serve(main)


_register()


def _view_help() -> str:
    from cosgraph.visualizations import VIEWS

    return "What the map shows: " + "; ".join(f"{v.name}, {v.summary}" for v in VIEWS.values())


def _used_by(option: str, text: str) -> str:
    """An option's help, naming the views (from the registry) that read it."""
    from cosgraph.visualizations import VIEWS

    views = [v.name for v in VIEWS.values() if option in v.options]
    return f"{text} ({', '.join(views)} view{'s' if len(views) > 1 else ''})."


def _encoding_options() -> list[Callable[[Any], Any]]:
    """A single view's --color-by and --size-by (the explorer chooses both in the page)."""
    return [
        click.option(
            "--color-by",
            "--by",
            "color_by",
            default=None,
            help="Node attribute or metric that colours nodes (tripod_role, sector, community...); "
            "default: the view's own.",
        ),
        click.option(
            "--size-by",
            default=None,
            help="Numeric attribute or metric that sizes nodes (standing, pagerank, betweenness, "
            "power...); default: the view's own.",
        ),
    ]


def _map_options(func: Any, *, one_view: bool = True) -> Any:
    """The map command's options; its views, who reads what and the defaults come from
    the registry (a view's colour and size default to its own, see ``View``).
    ``one_view`` False (``explore``) leaves out ``--view``."""
    from cosgraph.visualizations import VIEWS, ViewOptions

    defaults = ViewOptions()

    view_option = click.option(
        "--view",
        type=click.Choice(list(VIEWS)),
        default=None,
        help=_view_help() + ". Default: the explorer, every view in one page.",
    )
    options = [
        click.option(
            "-o",
            "--output",
            "output",
            type=click.Path(dir_okay=False, path_type=Path),
            required=True,
            help="HTML file to write (opens offline in any browser).",
        ),
        audience_option,
        *([view_option, *_encoding_options()] if one_view else []),
        click.option(
            "--group-by",
            default=defaults.by,
            show_default=True,
            help=_used_by("by", "The attribute whose groups brokers span"),
        ),
        click.option(
            "-k", "k", default=defaults.k, show_default=True, help=_used_by("k", "Reach in steps")
        ),
        click.option("--community", default=None, help=_used_by("community", "One community")),
        click.option(
            "--practice",
            default=None,
            help=_used_by("practice", "The bright spot; default: the only one with adopters"),
        ),
        click.option(
            "--level",
            type=click.Choice(["actors", "communities"]),
            default=None,
            help=_used_by("level", "People/organizations or communities; default: the only one"),
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command("map", cls=LazyOptionsCommand, lazy_options=_map_options)
@force_option
@store_option
def map_command(
    view: str | None,
    output: Path,
    audience: str,
    color_by: str | None,
    size_by: str | None,
    group_by: str,
    k: int,
    community: str | None,
    practice: str | None,
    level: str | None,
    force: bool,
    store: str,
) -> None:
    """Write an interactive map of the store as one self-contained HTML file: the
    explorer (every view, switched in the page) or, with --view, one view.

    \b
    Examples:
        cosgraph map -o coalition.html
        cosgraph map --view network --by community --size-by betweenness -o community.html
        cosgraph map --view power --audience coalition -o power.html
        cosgraph map --view spread --practice bs-yard-gardens --level actors -o spread.html
    """
    from cosgraph.cli.analyze import projected
    from cosgraph.maps import write_view

    options: dict[str, Any] = {
        "audience": audience,
        "by": group_by,
        "k": k,
        "community": community,
        "practice": practice,
        "level": level,
        "force": force,
        "store": store,
    }
    if view is None:
        _explore(output, color_by, size_by, options)
        return
    G = projected(store)
    seen_by(G, audience)  # errors name no hidden person either
    path = write_view(G, output, view, color_by=color_by, size_by=size_by, **options)
    click.echo(f"map written: {path}")


@main.command("explore", cls=LazyOptionsCommand, lazy_options=partial(_map_options, one_view=False))
@force_option
@store_option
def explore_command(**params: Any) -> None:
    """Write the explorer: every map view in one self-contained, offline page, with
    views, colour and size chosen in the page, search, and nothing moving unless dragged.

    \b
    Example:
        cosgraph explore -o coalition.html
        cosgraph explore --practice bs-yard-gardens --level actors -o coalition.html
    """
    click.get_current_context().invoke(map_command, view=None, **params)


def _explore(
    output: Path, color_by: str | None, size_by: str | None, options: dict[str, Any]
) -> None:
    from cosgraph.cli.analyze import projected
    from cosgraph.maps import write_explorer

    if color_by or size_by:
        raise click.UsageError(
            "--color-by and --size-by draw one --view; the explorer chooses them in the page"
        )
    G = projected(options["store"])
    seen_by(G, options["audience"])
    path, page = write_explorer(G, output, **options)
    click.echo(f"explorer written: {path}")
    for name, why in page.skipped.items():
        click.echo(f"  no {name} view: {why}")

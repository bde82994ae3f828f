"""``cosgraph template``, ``diff`` and ``export``: running an asset-mapping session.

Also the progress bar ``cosgraph load`` shows on long loads (:func:`load_progress`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cosgraph.cli.lazy_options import LazyChoice, LazyOptionsCommand
from cosgraph.cli.output import (
    audience_option,
    current_audience,
    emit,
    force_option,
    format_option,
    seen_by,
)
from cosgraph.formats import help_epilog, readable, writable
from cosgraph.progress import Progress, progress_bar
from cosgraph.store.location import store_file

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.store.plan import WritePlan

__all__ = [
    "register",
    "template",
    "diff",
    "export",
    "load_progress",
    "print_load_report",
    "PROGRESS_MIN_ROWS",
]

#: Loads with fewer rows than this finish too fast to need a progress bar.
PROGRESS_MIN_ROWS = 5_000


def load_progress(
    description: str = "checking rows", *, min_rows: int = PROGRESS_MIN_ROWS
) -> AbstractContextManager[Progress]:
    """A ``progress(done, total)`` callback drawing a bar of rows on standard error
    (:func:`cosgraph.progress.progress_bar`), for loads of at least ``min_rows`` rows."""
    return progress_bar(description, unit="row", min_total=min_rows)


def print_load_report(
    plan: WritePlan,
    dry_run: bool,
    fmt: str,
    *,
    list_kept: bool = True,
    people: Callable[[], Sequence[nx.MultiDiGraph]] | None = None,
    audience: str | None = None,
) -> None:
    """Print what a load did (or, with ``dry_run``, would do), removals included.

    ``table`` prints :func:`cosgraph.plan_report.plan_lines`; ``json`` prints
    :func:`cosgraph.plan_report.plan_json`; ``csv`` prints one row per change.  When
    the report names rows (csv, json, or kept rows listed) and ``people`` gives the
    graphs holding everyone's consent, it names them as ``audience`` may see them.
    """
    from cosgraph.plan_report import plan_json, plan_lines

    if people is not None and audience is not None and _names_rows(plan, fmt, list_kept):
        plan = _seen_plan(plan, audience, *people())
    if fmt == "json":
        emit(plan_json(plan, dry_run=dry_run), fmt)
    elif fmt == "csv":
        emit(plan.summary_rows(), fmt)
    else:
        for line in plan_lines(plan, dry_run=dry_run, list_kept=list_kept):
            click.echo(line)
        note = current_audience()
        if note is not None and note.notice_line():
            click.echo(note.notice_line(), err=True)


def _names_rows(plan: WritePlan, fmt: str, list_kept: bool) -> bool:
    kept = list_kept and not plan.prune and (plan.removed_nodes or plan.removed_ties)
    return fmt != "table" or bool(kept)


def _seen_plan(plan: WritePlan, audience: str, *people: nx.MultiDiGraph) -> WritePlan:
    """``plan`` masked for ``audience``, made from everyone the plan and ``people`` name."""
    from cosgraph.plan_report import masked_plan, plan_people

    return masked_plan(plan, seen_by(plan_people(plan, *people), audience))


@click.command()
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("session.xlsx"),
    show_default=True,
    help="Where to write the workbook.",
)
@force_option
def template(output: Path, force: bool, store: str | None) -> None:
    """Write an empty asset-mapping workbook to hand out in a session.

    One sheet per kind (people, organizations, assets, levers, communities,
    peer_teams, bright_spots), a ties sheet and a skills sheet (which skill domains
    each person, organization or community practises, which behaviors it shows),
    with drop-down lists and an Instructions sheet in plain language.  The
    capabilities and needs drop-downs offer the capabilities already in --store (the
    demo's when there are none) and still take new words.  Load it back with
    `cosgraph load`.

    \b
    Example:
        cosgraph template -o session.xlsx
        cosgraph template -o session.xlsx --store coalition.lbug
    """
    from cosgraph.cli.analyze import projected
    from cosgraph.session import capability_vocabulary, write_template

    capabilities = None
    file = None if store is None else store_file(store)
    if store is not None and (file is None or file.exists()):
        capabilities = capability_vocabulary(projected(store))
    try:
        write_template(output, capabilities=capabilities, force=force)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output}")


@click.command(
    cls=LazyOptionsCommand,
    lazy_epilog=lambda: help_epilog("OLD and NEW may be in any format `load` reads:", readable()),
)
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="[OLD] NEW",
    type=click.Path(exists=True, path_type=Path),
)
@format_option(default="table")
@audience_option
def diff(files: tuple[Path, ...], source: str | None, fmt: str, audience: str, store: str) -> None:
    """Show what would change going from OLD to NEW (files or folders; no store needed).

    Lists every node and tie NEW creates, updates (with the changed fields) and
    removes, as `cosgraph load NEW --prune` would after a load of OLD.  With
    --source NAME, OLD is what the store holds of that source (read only): what
    `cosgraph load NEW --source NAME --prune` would change.

    \b
    Example:
        cosgraph diff session-before.xlsx session-after.xlsx
        cosgraph diff --source coalition-2026 session-friday.xlsx --store coalition.lbug
    """
    from cosgraph.cli import load_problems, opened_store
    from cosgraph.errors import LoadError
    from cosgraph.session import diff_maps, diff_people, diff_rows, diff_source

    try:
        if source is None:
            if len(files) != 2:
                raise click.UsageError("diff takes OLD and NEW (or --source NAME and NEW)")
            plan = diff_maps(*files)
            people = diff_people(*files)
        else:
            if len(files) != 1:
                raise click.UsageError("with --source, diff takes only NEW")
            s = opened_store(store)
            try:
                plan = diff_source(s, source, files[0])
                people = diff_people(files[0], store=s)
            finally:
                s.close()
    except LoadError as exc:  # diff loads nothing: say what it could not compare
        raise click.ClickException(load_problems("cannot compare", exc)) from None
    rows = diff_rows(_seen_plan(plan, audience, people))
    if fmt == "table" and not rows:
        click.echo(f"no changes ({plan.unchanged_nodes} nodes, {plan.unchanged_ties} ties same)")
        return
    emit(rows, fmt)


@click.command(
    cls=LazyOptionsCommand, lazy_epilog=lambda: help_epilog("Formats:", writable(), told_by=False)
)
@click.option(
    "--format",
    "export_format",
    type=LazyChoice(lambda: [f.name for f in writable()]),
    required=True,
    help="The file format (listed below).",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write (a folder for csv).",
)
@audience_option
@click.option(
    "--hidden",
    "mode",
    type=click.Choice(["pseudonymise", "drop"]),
    default="pseudonymise",
    show_default=True,
    help="Hidden people become anonymous placeholders, or are dropped with their ties.",
)
@force_option
def export(
    export_format: str, output: Path, audience: str, mode: str, force: bool, store: str
) -> None:
    """Export the map for Kumu, Gephi, Python or a reload, for one audience.

    People whose consent is narrower than the audience never appear by name or id.

    \b
    Example:
        cosgraph export --format kumu -o coalition.json --audience coalition
    """
    from cosgraph.cli.analyze import projected
    from cosgraph.cli.output import seen_by
    from cosgraph.exports import export_map

    G = projected(store)
    note = seen_by(G, audience).notice_line()
    path = export_map(
        G, export_format, output, audience=audience, mode=mode, force=force, store=store
    )
    click.echo(f"wrote {path} ({export_format}, audience {audience})")
    if note:
        click.echo(note, err=True)


def register(main: click.Group) -> None:
    """Add ``template``, ``diff`` and ``export`` to the ``cosgraph`` command group."""
    from cosgraph.cli import source_option, store_option

    main.add_command(store_option(template, default=None, shown_default="none: the demo's"))
    main.add_command(source_option(store_option(diff)))
    main.add_command(store_option(export))  # --store and --database, as every command

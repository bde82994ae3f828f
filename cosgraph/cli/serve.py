"""``cosgraph serve``: parse the options and start the live session (:mod:`cosgraph.serve`)."""

from __future__ import annotations

import click

__all__ = ["register"]


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but this machine (e.g. 0.0.0.0 for the room's "
    "network) prints a warning and a passcode that entries need.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(host: str, port: int, source: str | None, store: str) -> None:
    """Run a live asset-mapping session: a form for participants, a live map, and a
    facilitator's page (its link, with a random key, is printed at start) where
    entries are approved before they join the map.

    Approved entries load into the store as `cosgraph load NAME.json --source NAME`
    would (all or nothing, provenance source:NAME), so diff --source, load --prune
    and the facilitator's undo work on them.  --source defaults to serve-DATE.

    \b
    Example:
        cosgraph serve --store coalition.lbug --source coalition-evening
    """
    from cosgraph.serve.app import run
    from cosgraph.serve.session import LiveSession

    database = click.get_current_context().meta.get("cosgraph.database")
    live = LiveSession(store, source=source, database=database)
    run(live, host=host, port=port, echo=click.echo)


def register(main: click.Group) -> None:
    """Add ``serve`` to the CLI."""
    from cosgraph.cli import source_option, store_option

    main.add_command(source_option(store_option(serve)))

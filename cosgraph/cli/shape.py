"""``--undirected``, ``--weight-column``, ``--parallel``, ``--self-loops``: one decorator.

The options of ``load`` and ``load-network`` that say what the ties are, gathered into
one :class:`~cosgraph.loaders.shape.TieShape` passed to the command as ``shape``; the
rules are in :mod:`cosgraph.loaders.shape`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from cosgraph.cli.lazy_options import LazyChoice

if TYPE_CHECKING:
    from cosgraph.loaders.shape import Parallel, SelfLoops

__all__ = ["tie_shape_options", "echo_notes"]


# The choices are the loaders' own, imported when an option is parsed or its help shown.
def _parallel() -> tuple[str, ...]:
    from cosgraph.loaders.shape import PARALLEL

    choices: tuple[str, ...] = PARALLEL
    return choices


def _self_loops() -> tuple[str, ...]:
    from cosgraph.loaders.shape import SELF_LOOPS

    choices: tuple[str, ...] = SELF_LOOPS
    return choices


def tie_shape_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the four options to ``command``, which receives them as ``shape``."""

    @functools.wraps(command)
    def with_shape(
        *args: Any,
        undirected: bool,
        weight_column: str | None,
        parallel: Parallel,
        self_loops: SelfLoops,
        **kwargs: Any,
    ) -> Any:
        from cosgraph.loaders.shape import TieShape

        shape = TieShape(
            undirected=undirected or None,
            weight_column=weight_column,
            parallel=parallel,  # a click.Choice of PARALLEL
            self_loops=self_loops,  # a click.Choice of SELF_LOOPS
        )
        return command(*args, shape=shape, **kwargs)

    options = [
        click.option(
            "--undirected",
            is_flag=True,
            help="Every tie runs both ways (analyses then read the undirected graph). "
            "GraphML/GEXF files that say so are read as undirected without it.",
        ),
        click.option(
            "--weight-column",
            default=None,
            metavar="COL",
            help="Column holding the ties' weights (default: a 'weight' column; else "
            "analyses read 'strength').",
        ),
        click.option(
            "--parallel",
            type=LazyChoice(_parallel),
            default="keep",
            show_default=True,
            help="A tie repeated between the same ends: keep every free text value joined "
            "by '; ' (numbers or tie fields that differ are an error); sum the weights; "
            "first row wins; error naming the rows.",
        ),
        click.option(
            "--self-loops",
            type=LazyChoice(_self_loops),
            default="keep",
            show_default=True,
            help="Store ties from a node to itself (analyses set them aside), or drop them.",
        ),
    ]
    decorated: Callable[..., Any] = with_shape
    for option in reversed(options):
        decorated = option(decorated)
    return decorated


def echo_notes(notes: list[str]) -> None:
    """Print what a reader set aside, one line each, on standard error."""
    for note in notes:
        click.echo(note, err=True)

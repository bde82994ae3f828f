"""A command whose options are built the first time they are needed.

Some options describe a registry (the ``map`` command's views, who reads which
option): building them imports the whole registry, and with it every analysis.  A
:class:`LazyOptionsCommand` builds those options only when the command itself is
called or its help shown, so ``cosgraph load-network`` does not import what only
``cosgraph map`` uses.

>>> import click
>>> built = []
>>> def options(func):
...     built.append(True)
...     return click.option("--view", default="network")(func)
>>> @click.command(cls=LazyOptionsCommand, lazy_options=options)
... def show(view):
...     click.echo(view)
>>> built
[]
>>> from click.testing import CliRunner
>>> CliRunner().invoke(show, ["--view", "power"]).output, built
('power\\n', [True])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

__all__ = ["LazyOptionsCommand"]


class LazyOptionsCommand(click.Command):
    """A :class:`click.Command` whose leading options come from ``lazy_options``, a
    decorator (as ``@click.option`` stacks make) applied on first use."""

    def __init__(self, *args: Any, lazy_options: Callable[[Any], Any], **kwargs: Any) -> None:
        self._lazy_options: Callable[[Any], Any] | None = lazy_options
        super().__init__(*args, **kwargs)

    _params: list[click.Parameter]

    @property
    def params(self) -> list[click.Parameter]:
        if self._lazy_options is not None:
            decorate, self._lazy_options = self._lazy_options, None

            def holder() -> None: ...

            decorate(holder)
            built: list[click.Parameter] = getattr(holder, "__click_params__", [])
            self._params = [*reversed(built), *self._params]
        return self._params

    @params.setter
    def params(self, value: list[click.Parameter]) -> None:
        self._params = value

"""A command whose options and epilog are built the first time they are needed.

Some options and help texts describe a registry (the ``map`` command's views, who
reads which option; the formats ``load`` reads and ``export`` writes): building them
imports the whole registry, and with it every analysis or every reader and writer.  A
:class:`LazyOptionsCommand` builds those options only when the command itself is
called or its help shown, and its epilog only when the help is shown, so
``cosgraph load-network`` does not import what only ``cosgraph map`` or
``cosgraph load`` uses.

>>> import click
>>> built = []
>>> def options(func):
...     built.append(True)
...     return click.option("--view", default="network")(func)
>>> @click.command(cls=LazyOptionsCommand, lazy_options=options,
...                lazy_epilog=lambda: built.append("epilog") or "Views: network, power")
... def show(view):
...     click.echo(view)
>>> built
[]
>>> from click.testing import CliRunner
>>> CliRunner().invoke(show, ["--view", "power"]).output, built
('power\\n', [True])
>>> "Views: network, power" in CliRunner().invoke(show, ["--help"]).output, built
(True, [True, 'epilog'])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

__all__ = ["LazyOptionsCommand", "LazyChoice"]


class LazyOptionsCommand(click.Command):
    """A :class:`click.Command` whose leading options come from ``lazy_options``, a
    decorator (as ``@click.option`` stacks make) applied on first use, and whose
    epilog is ``lazy_epilog()``, called when the help is first shown."""

    def __init__(
        self,
        *args: Any,
        lazy_options: Callable[[Any], Any] | None = None,
        lazy_epilog: Callable[[], str] | None = None,
        **kwargs: Any,
    ) -> None:
        self._lazy_options = lazy_options
        self._lazy_epilog = lazy_epilog
        super().__init__(*args, **kwargs)

    _params: list[click.Parameter]
    _epilog: str | None

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

    @property
    def epilog(self) -> str | None:
        if self._lazy_epilog is not None:
            make, self._lazy_epilog = self._lazy_epilog, None
            self._epilog = make()
        return self._epilog

    @epilog.setter
    def epilog(self, value: str | None) -> None:
        self._epilog = value


class LazyChoice(click.Choice[str]):
    """A :class:`click.Choice` whose choices are ``choices()``, listed on first use
    (when the option is parsed or its help shown), for choices a registry holds.

    >>> listed = []
    >>> kinds = LazyChoice(lambda: listed.append(True) or ["csv", "json"])
    >>> listed
    []
    >>> kinds.convert("json", None, None), listed
    ('json', [True])
    """

    def __init__(self, choices: Callable[[], Sequence[str]], case_sensitive: bool = True) -> None:
        self._list: Callable[[], Sequence[str]] | None = choices
        super().__init__((), case_sensitive)

    _choices: tuple[str, ...]

    @property
    def choices(self) -> tuple[str, ...]:
        if self._list is not None:
            make, self._list = self._list, None
            self._choices = tuple(make())
        return self._choices

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        self._choices = tuple(value)

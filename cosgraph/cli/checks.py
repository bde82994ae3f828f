"""The library's option checks, run by click: a bad value is a usage error (exit 2).

The rules live in the library (:mod:`cosgraph.analysis.options` and the analyses);
these adapters only turn the library's error into click's, naming the option.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Any

import click

from cosgraph.errors import CosgraphError

__all__ = ["checked", "option_error"]


def checked(
    check: Callable[[Any], Any] | str,
) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback running ``check`` on the parsed value, which it returns.

    ``check`` may be named ``"module:function"``: it is imported when the option is
    first parsed, so that building a command imports nothing of the library.
    """

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        run = _named(check) if isinstance(check, str) else check
        try:
            return run(value)
        except CosgraphError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None

    return callback


def _named(name: str) -> Callable[[Any], Any]:
    module, _, function = name.partition(":")
    found: Callable[[Any], Any] = getattr(import_module(module), function)
    return found


@contextmanager
def option_error(param_hint: str) -> Iterator[None]:
    """Report a library check that needs more than the option (the graph, say) as
    a usage error of ``param_hint``."""
    try:
        yield
    except CosgraphError as exc:
        raise click.BadParameter(str(exc), param_hint=param_hint) from None

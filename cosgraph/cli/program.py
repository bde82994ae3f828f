"""The ``cosgraph`` program: what the console script runs.

:func:`run` is :func:`cosgraph.cli.main` in a process of its own.  No command uses
pandas, but pyarrow imports it, when it is installed, the first time it turns Python
values into Arrow (``pa.array``, ``pa.scalar``, ``pa.repeat``): a quarter of a second,
as long as the store takes to hold 20,000 people.  A process that is only the command
line tells Python there is no pandas to import, or to find
(``importlib.util.find_spec``, which LadybugDB asks before it imports pandas), so
pyarrow, LadybugDB and the Neo4j driver go the way they go where pandas is not
installed.  Python code that calls ``main`` itself
(tests, notebooks) is left as it is.

>>> import subprocess, sys
>>> code = ("import sys; sys.argv = ['cosgraph', '--version']; "
...         "from cosgraph.cli.program import run; run()")
>>> "version" in subprocess.run([sys.executable, "-c", code], capture_output=True,
...                             text=True).stdout
True
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["run"]

#: What the command line never imports, though a library it uses would.
_UNUSED = ("pandas",)


class _Unused:
    """A finder, first in ``sys.meta_path``, that finds none of :data:`_UNUSED`."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name.partition(".")[0] in _UNUSED:
            raise ModuleNotFoundError(f"the cosgraph command line does not use {name}", name=name)
        return None


_find_spec = importlib.util.find_spec


def _find_used_spec(name: str, package: str | None = None) -> ModuleSpec | None:
    """``importlib.util.find_spec`` that finds none of :data:`_UNUSED`."""
    if name.partition(".")[0] in _UNUSED:
        return None
    return _find_spec(name, package)


def run() -> None:
    """Run the command line named in ``sys.argv``; exits with its status."""
    if not any(name in sys.modules for name in _UNUSED):
        sys.meta_path.insert(0, _Unused())
        importlib.util.find_spec = _find_used_spec
    from cosgraph.cli import main

    main()

"""The ``cosgraph`` program: what the console script runs.

:func:`run` is :func:`cosgraph.cli.main` in a process of its own.  No command uses
pandas, but pyarrow imports it, when it is installed, the first time it turns Python
values into Arrow (``pa.array``, ``pa.scalar``, ``pa.repeat``): a quarter of a second,
as long as the store takes to hold 20,000 people.  A process that is only the command
line tells Python there is no pandas to import, or to find
(``importlib.util.find_spec``, which LadybugDB asks before it imports pandas), so
pyarrow, LadybugDB and the Neo4j driver go the way they go where pandas is not
installed.  Likewise it loads asyncio only when something first uses it: LadybugDB
imports it (with ssl: 20 ms) for a connection class the command line never makes,
and the Neo4j driver and the web session, which do use it, load it whole on their
first use.  And its Arrow work allocates through jemalloc (:data:`_MEMORY_POOL`)
unless ``ARROW_DEFAULT_MEMORY_POOL`` says otherwise.  Python code that calls ``main``
itself (tests, notebooks) is left as it is.

>>> import subprocess, sys
>>> code = ("import sys; sys.argv = ['cosgraph', '--version']; "
...         "from cosgraph.cli.program import run; run()")
>>> "version" in subprocess.run([sys.executable, "-c", code], capture_output=True,
...                             text=True).stdout
True
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.abc import Loader
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

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


#: What the command line loads only once it is used (LadybugDB imports it for nothing).
_ON_FIRST_USE = ("asyncio",)


class _OnFirstUse:
    """A finder, first in ``sys.meta_path``, that gives each of :data:`_ON_FIRST_USE`
    as a module loaded when one of its attributes is first read
    (:class:`importlib.util.LazyLoader`)."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in _ON_FIRST_USE:
            return None
        spec = PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


#: The allocator the command line's Arrow work uses, when pyarrow has it and
#: ``ARROW_DEFAULT_MEMORY_POOL`` chooses none: pyarrow's default, mimalloc, spends
#: 0.3-0.5 s of system time on the first read of a 1M-tie network (it hands pages
#: back and faults them in again); jemalloc cuts the whole load-network by a sixth.
_MEMORY_POOL = "jemalloc"


class _ArrowPool:
    """A finder, first in ``sys.meta_path``, that has pyarrow, as it is imported, make
    :data:`_MEMORY_POOL` its default memory pool (``pyarrow.set_memory_pool``)."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != "pyarrow":
            return None
        spec = PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenPool(spec.loader)
        return spec


class _ThenPool(Loader):
    """pyarrow's own loader, then :data:`_MEMORY_POOL` made its default pool."""

    def __init__(self, loader: Loader) -> None:
        self._loader = loader

    def __getattr__(self, name: str) -> Any:  # the rest of the loader's interface
        return getattr(self._loader, name)

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        if _MEMORY_POOL in module.supported_memory_backends():
            module.set_memory_pool(getattr(module, f"{_MEMORY_POOL}_memory_pool")())


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
    if not any(name in sys.modules for name in _ON_FIRST_USE):
        sys.meta_path.insert(0, _OnFirstUse())
    if "pyarrow" not in sys.modules and "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        sys.meta_path.insert(0, _ArrowPool())
    from cosgraph.cli import main

    main()

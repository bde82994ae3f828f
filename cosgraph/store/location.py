"""Where a store lives, and the one way a store location is shown to people.

A location is an embedded store's file path or a Neo4j URI (``neo4j://``, ``bolt://``
and their ``+s`` / ``+ssc`` TLS forms).  A URI may carry credentials,
``neo4j://user:password@host:7687``: cosgraph connects with them but never prints any
part of them.  Every message that names a store goes through :func:`shown_location`,
which drops the whole ``user:password@`` part (nothing is masked, so nothing leaks
by length or by a partial match).

Passwords are often typed unencoded, so the URI is split by hand rather than by
``urllib.parse.urlsplit`` (which stops the host part at the first ``/`` and so would
show the end of ``se/cret``): the credentials are everything before the **last** ``@``
of the part after ``scheme://``, user and password split at the first ``:``, and both
are percent-decoded (``p%40ss`` is ``p@ss``).  Host names never hold ``@``.

>>> shown_location("neo4j://neo4j:se/cret@127.0.0.1:7687")
'neo4j://127.0.0.1:7687'
>>> shown_location("bolt://ana:p@ss:w@rd@db.example.org")
'bolt://db.example.org'
>>> shown_location("maps/coalition.lbug")
'maps/coalition.lbug'
>>> address = neo4j_address("neo4j+s://ana:p%40ss@db.example.org:7687")
>>> address.uri, address.user, address.password
('neo4j+s://db.example.org:7687', 'ana', 'p@ss')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

__all__ = [
    "NEO4J_SCHEMES",
    "Neo4jAddress",
    "is_neo4j",
    "neo4j_address",
    "shown_location",
    "store_file",
]

NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


@dataclass(frozen=True)
class Neo4jAddress:
    """A Neo4j URI without credentials, and the credentials that were written in it."""

    uri: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)


def is_neo4j(location: str | Path) -> bool:
    """True when ``location`` names a Neo4j server rather than an embedded store file."""
    return str(location).startswith(NEO4J_SCHEMES)


def store_file(location: str | Path) -> Path | None:
    """The embedded store's file ``location`` names; None for a ``scheme://`` URI.

    >>> store_file("maps/coalition.lbug"), store_file("neo4j://db:7687")
    (PosixPath('maps/coalition.lbug'), None)
    """
    return None if "://" in str(location) else Path(location)


def _split_credentials(location: str) -> tuple[str, str | None]:
    """``(location without credentials, the credentials text or None)``."""
    scheme, sep, rest = location.partition("://")
    if not sep:
        return location, None
    credentials, at, host = rest.rpartition("@")
    if not at:
        return location, None
    return f"{scheme}://{host}", credentials


def neo4j_address(uri: str) -> Neo4jAddress:
    """Split a Neo4j URI into the URI to connect to and the credentials written in it.

    >>> neo4j_address("bolt://127.0.0.1:7687")
    Neo4jAddress(uri='bolt://127.0.0.1:7687', user=None)
    >>> neo4j_address("neo4j://ana:a:b@c@h:1").password
    'a:b@c'
    """
    bare, credentials = _split_credentials(uri)
    if credentials is None:
        return Neo4jAddress(bare)
    user, colon, password = credentials.partition(":")
    return Neo4jAddress(bare, unquote(user) or None, unquote(password) if colon else None)


def shown_location(location: str | Path) -> str:
    """``location`` as it may be printed: a URI without any ``user:password@`` part.

    Any ``scheme://`` location is treated this way, a scheme cosgraph does not know
    included, so a mistyped URI never echoes a password either.
    """
    return _split_credentials(str(location))[0]

"""The live session's HTML pages: Jinja2 templates with every value escaped.

Templates live in ``cosgraph/serve/templates``; autoescape is on for all of them, so
no participant's text reaches a page as HTML.  :func:`render` is the one way a page
is made; the choices the form offers come from the model's enumerations.

>>> html = render("message.html", title="Hi", lines=["<b>x</b>"])
>>> "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
True
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from cosgraph.model import AssetKind, LeverKind, Sector
from cosgraph.serve.entries import ASSET_PARTS, CONSENT_WORDS, LEVER_PARTS, TRIPOD_WORDS

__all__ = ["render", "CHOICES"]


def _words(values: Any) -> list[tuple[str, str]]:
    return [(str(v), str(v).replace("_", " ")) for v in values]


#: What the form's drop-downs offer: (value, words shown).
CHOICES: dict[str, Any] = {
    "tripod_role": list(TRIPOD_WORDS.items()),
    "consent": list(CONSENT_WORDS.items()),
    "sector": _words(Sector),
    "asset_kind": _words(AssetKind),
    "lever_kind": _words(LeverKind),
    "asset_parts": list(enumerate(ASSET_PARTS, start=1)),
    "lever_parts": list(enumerate(LEVER_PARTS, start=1)),
}


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cosgraph.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["words"] = lambda value: str(value or "").replace("_", " ")
    return env


def render(template: str, **context: Any) -> str:
    """The page ``template`` filled with ``context`` (every value escaped)."""
    return _environment().get_template(template).render(choices=CHOICES, **context)

"""``cosgraph serve``: a local web app for a facilitator running a live asset-mapping session.

* :mod:`cosgraph.serve.entries`: what a participant submits, checked as a load checks rows;
* :mod:`cosgraph.serve.session`: pending entries, approval as a load of the session's file;
* :mod:`cosgraph.serve.pages`: the HTML pages (Jinja2, every value escaped);
* :mod:`cosgraph.serve.app`: the Starlette app (form tokens, the facilitator key) and
  :func:`~cosgraph.serve.app.run`.
"""

from cosgraph.serve.session import LiveSession, SessionError

__all__ = ["LiveSession", "SessionError"]

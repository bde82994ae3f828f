"""The live session as a Starlette app: the participant form, the live map, the facilitator.

Routes (every page escapes what it shows, see :mod:`cosgraph.serve.pages`):

=============================  ===========================================================
``GET /``                      the participant form (works on a phone)
``POST /entries``              a participant's entry: checked, kept as pending
``GET /map``                   the live map for the public; ``/map/frame`` is the map itself
``GET /state``                 ``{"version", "pending", "approved"}`` for the live page to poll
``GET /facilitator?key=K``     pending and approved entries, for the facilitator (coalition)
``POST /facilitator/approve``  approve (``entry``), ``reject`` or ``undo`` the last approval
``GET /facilitator/live``      the live map for the coalition
=============================  ===========================================================

Trust:

* The facilitator's pages need the random ``key`` printed when the session starts,
  compared in constant time (:func:`secrets.compare_digest`); they show entries to
  the ``coalition`` audience, the public pages to ``public`` (:mod:`cosgraph.consent`).
* Every POST carries a one-time form token the server issued with the form (CSRF).
* A session bound beyond this machine also needs its passcode on the form.
* Pages forbid other sites' scripts, frames and form targets (Content-Security-Policy)
  and send no referrer, so the facilitator's link never leaves in a header.

>>> import tempfile, pathlib
>>> from starlette.testclient import TestClient
>>> from cosgraph.serve.session import LiveSession
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> live = LiveSession(folder / "m.lbug", source="s", folder=folder)
>>> client = TestClient(create_app(live, key="k"))
>>> client.get("/facilitator?key=wrong").status_code, client.get("/facilitator?key=k").status_code
(403, 200)
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import networkx as nx
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from cosgraph.errors import CosgraphError, LoadError
from cosgraph.serve.entries import CONSENT_WORDS, EntryError, Known, entry_summary
from cosgraph.serve.pages import render
from cosgraph.serve.session import LiveSession, SessionError, live_map_html
from cosgraph.store import shown_location

__all__ = ["create_app", "FormTokens", "is_loopback", "startup_lines", "run", "new_secret"]

#: The audience of the pages anyone in the room may open, and of the facilitator's.
PUBLIC = "public"
FACILITATOR = "coalition"
#: Our own pages: scripts, styles and frames from this server only.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'"
)
#: The map page (its own template inlines its scripts; it loads nothing else).
MAP_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; frame-ancestors 'self'; base-uri 'none'"
)
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_secret(length: int = 8) -> str:
    """A random passcode people can read aloud and type.

    >>> len(new_secret()), new_secret(4).isalnum()
    (8, True)
    """
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def is_loopback(host: str) -> bool:
    """True when ``host`` is reachable from this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class FormTokens:
    """One-time tokens for the forms this server hands out (CSRF).

    A POST is taken only with a token issued for that form and not used before.

    >>> tokens = FormTokens()
    >>> t = tokens.issue("entry")
    >>> tokens.redeem(t, "decide"), tokens.redeem(t, "entry"), tokens.redeem(t, "entry")
    (False, True, False)
    """

    def __init__(self, *, limit: int = 5000, lifetime: float = 12 * 3600):
        self._issued: OrderedDict[str, tuple[str, float]] = OrderedDict()
        self._limit = limit
        self._lifetime = lifetime

    def issue(self, purpose: str) -> str:
        token = secrets.token_urlsafe(24)
        self._issued[token] = (purpose, time.monotonic() + self._lifetime)
        while len(self._issued) > self._limit:
            self._issued.popitem(last=False)
        return token

    def redeem(self, token: str, purpose: str) -> bool:
        issued = self._issued.get(token)
        if issued is None or issued[0] != purpose:
            return False
        del self._issued[token]
        return issued[1] > time.monotonic()


def create_app(
    live: LiveSession,
    *,
    key: str,
    passcode: str | None = None,
    render_map: Callable[[nx.MultiDiGraph, str], str] = live_map_html,
) -> Starlette:
    """The session's web app.

    Parameters
    ----------
    live : the session.
    key : the facilitator's key (the ``key`` of ``/facilitator?key=...``).
    passcode : when given, a participant's entry needs it (a session open beyond this
        machine); ``/?code=...`` fills it in.
    render_map : draws the live map: ``(graph, audience) -> HTML page``.
    """
    tokens = FormTokens()
    notices: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def page(html: str, status: int = 200, *, policy: str = PAGE_POLICY) -> HTMLResponse:
        return HTMLResponse(html, status, headers=_headers(policy))

    def facilitator(value: str) -> bool:
        return secrets.compare_digest(value.encode(), key.encode())

    def refused() -> HTMLResponse:
        lines = ["This page needs the facilitator's link, printed when the session started."]
        return page(render("message.html", title="Not allowed", lines=lines), 403)

    def form_page(request: Request, form: dict[str, list[str]], problems: list[str]) -> str:
        known = live.known()
        return render(
            "form.html",
            title="Add yourself to our map",
            form=form,
            problems=problems,
            token=tokens.issue("entry"),
            passcode_needed=passcode is not None,
            passcode=request.query_params.get("code", "") or _first(form, "passcode"),
            organizations=sorted(_shown_names(known.organizations, known)),
            levers=sorted(_shown_names(known.levers, known)),
            capabilities=known.capabilities,
        )

    async def home(request: Request) -> Response:
        return page(await run_in_threadpool(form_page, request, {}, []))

    async def submit(request: Request) -> Response:
        form = _as_lists(await request.form())
        problems = []
        if not tokens.redeem(_first(form, "token"), "entry"):
            problems.append("This form was already sent or is too old: please send it again.")
        if passcode is not None and not secrets.compare_digest(
            _first(form, "passcode").encode(), passcode.encode()
        ):
            problems.append("Session passcode: is not the one the facilitator shows")
        if not problems:
            try:
                entry = await run_in_threadpool(live.submit, form)
            except EntryError as exc:
                problems = exc.problems
            else:
                consent = _first(form, "consent") or "coalition"
                html = render(
                    "thanks.html",
                    title="Thank you",
                    name=_first(form, "name"),
                    consent=consent,
                    consent_words=CONSENT_WORDS.get(consent, consent).lower(),
                    number=entry.number,
                )
                return page(html)
        html = await run_in_threadpool(form_page, request, form, problems)
        return page(html, 400)

    keyed = urlencode({"key": key})

    def map_shell(facilitating: bool) -> str:
        frame = f"/facilitator/frame?{keyed}" if facilitating else "/map/frame"
        state = f"/facilitator/state?{keyed}" if facilitating else "/state"
        return render(
            "map.html",
            title="Our map, live",
            frame=frame,
            state=state,
            facilitator=facilitating,
            keyed=keyed if facilitating else "",
        )

    async def live_map(request: Request) -> Response:
        return page(map_shell(False))

    async def map_frame(request: Request) -> Response:
        html = await run_in_threadpool(live.map_page, PUBLIC, render_map)
        return page(html, policy=MAP_POLICY)

    async def state(request: Request) -> Response:
        return JSONResponse(live.state(), headers=_headers(PAGE_POLICY))

    async def facilitator_page(request: Request) -> Response:
        if not facilitator(request.query_params.get("key", "")):
            return refused()
        notice = notices.pop(request.query_params.get("notice", ""), None)

        def build() -> str:
            return render(
                "facilitator.html",
                title=f"Entries: {live.source}",
                key=key,
                keyed=keyed,
                token=tokens.issue("decide"),
                source=live.source,
                provenance=live.provenance,
                map_file=str(live.map_path),
                notice=notice,
                pending=[entry_summary(e, FACILITATOR) for e in live.pending()],
                approved=[entry_summary(e, FACILITATOR) for e in live.approved()],
            )

        return page(await run_in_threadpool(build))

    async def facilitator_live(request: Request) -> Response:
        if not facilitator(request.query_params.get("key", "")):
            return refused()
        return page(map_shell(True))

    async def facilitator_frame(request: Request) -> Response:
        if not facilitator(request.query_params.get("key", "")):
            return refused()
        html = await run_in_threadpool(live.map_page, FACILITATOR, render_map)
        return page(html, policy=MAP_POLICY)

    async def facilitator_state(request: Request) -> Response:
        if not facilitator(request.query_params.get("key", "")):
            return refused()
        return JSONResponse(live.state(), headers=_headers(PAGE_POLICY))

    async def decide(request: Request) -> Response:
        form = _as_lists(await request.form())
        if not facilitator(_first(form, "key")):
            return refused()
        action = request.path_params["action"]
        if not tokens.redeem(_first(form, "token"), "decide"):
            lines = ["That button was from an old page; nothing was changed. Try again."]
            outcome: dict[str, Any] = {"lines": lines, "problem": True}
        else:
            outcome = await run_in_threadpool(_carry_out, live, action, _first(form, "entry"))
        notice = secrets.token_urlsafe(8)
        notices[notice] = outcome
        while len(notices) > 100:
            notices.popitem(last=False)
        return RedirectResponse(f"/facilitator?{keyed}&notice={notice}", status_code=303)

    routes = [
        Route("/", home),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/entries", submit, methods=["POST"]),
        Route("/map", live_map),
        Route("/map/frame", map_frame),
        Route("/state", state),
        Route("/facilitator", facilitator_page),
        Route("/facilitator/live", facilitator_live),
        Route("/facilitator/frame", facilitator_frame),
        Route("/facilitator/state", facilitator_state),
        Route("/facilitator/{action:str}", decide, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("cosgraph.serve", "static")]), name="static"),
    ]
    return Starlette(routes=routes)


def _carry_out(live: LiveSession, action: str, entry: str) -> dict[str, Any]:
    """Approve, reject or undo; what happened, as lines for the facilitator's page."""
    try:
        if action == "undo":
            undone = live.undo()
            return {"lines": [f"Entry {undone.number} is off the map again and waits."]}
        number = int(entry) if entry.isdigit() else -1
        if action == "approve":
            plan = live.approve(number)
            counts = plan.counts()
            made = sum(counts["created"].values()) + sum(counts["updated"].values())
            return {"lines": [f"Entry {number} is on the map ({made} nodes and ties written)."]}
        if action == "reject":
            live.reject(number)
            return {"lines": [f"Entry {number} was set aside; it will not join the map."]}
        return {"lines": [f"unknown action {action!r}"], "problem": True}
    except LoadError as exc:
        lines = [f"The store refused entry {entry}; nothing changed:"]
        return {"lines": lines + [str(p) for p in exc.problems], "problem": True}
    except CosgraphError as exc:
        return {"lines": [str(exc)], "problem": True}


def _headers(policy: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": policy,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }


def _as_lists(form: FormData) -> dict[str, list[str]]:
    return {k: [str(v) for v in form.getlist(k) if isinstance(v, str)] for k in form.keys()}


def _first(form: dict[str, list[str]], key: str) -> str:
    values = form.get(key) or [""]
    return values[0]


def _shown_names(names: dict[str, str], known: Known) -> set[str]:
    """The names the form offers, as written where they were first named."""
    return {known.names.get(node_id, term) for term, node_id in names.items()}


def startup_lines(
    live: LiveSession, host: str, port: int, key: str, passcode: str | None
) -> list[str]:
    """What the terminal shows when a session starts (the store without credentials).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> live = LiveSession(folder / "m.lbug", source="s", folder=folder)
    >>> live.store = "neo4j://ana:secret@db.example.org"
    >>> print(startup_lines(live, "0.0.0.0", 8000, "KEY", "abcd2345")[0])
    warning: serving on 0.0.0.0: anyone on this network can open the form; entries need ...
    >>> startup_lines(live, "0.0.0.0", 8000, "KEY", "abcd2345")[1]
    'live session s on neo4j://db.example.org'
    """
    shown_host = f"[{host}]" if ":" in host else host
    base = f"http://{shown_host}:{port}"
    code = f"/?code={passcode}" if passcode else "/"
    lines = []
    if not is_loopback(host):
        lines.append(
            f"warning: serving on {host}: anyone on this network can open the form; "
            f"entries need the session passcode {passcode}"
        )
    lines += [
        f"live session {live.source} on {shown_location(live.store)}",
        f"  participants: {base}{code}",
        f"  live map:     {base}/map",
        f"  facilitator:  {base}/facilitator?key={key}   (keep this link to yourself)",
        f"  entries are kept in {live.log_path}; approved ones load from {live.map_path} "
        f"as source {live.source}",
        "Stop with Ctrl+C.",
    ]
    return lines


def _check_free(host: str, port: int) -> None:
    """Refuse in one line, before printing any link, an address that cannot be listened on."""
    try:
        socket.create_server((host, port)).close()
    except OSError as exc:
        raise SessionError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port"
        ) from None


def run(
    live: LiveSession,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve ``live`` until interrupted, after ``echo``-ing :func:`startup_lines`.

    Off this machine (``host`` not a loopback address) entries need a passcode,
    made here and printed with a one-line warning.
    """
    import uvicorn

    _check_free(host, port)
    key = secrets.token_urlsafe(18)
    passcode = None if is_loopback(host) else new_secret()
    app = create_app(live, key=key, passcode=passcode)
    for line in startup_lines(live, host, port, key, passcode):
        echo(line)
    # no access log: the facilitator's key is in its links
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)

"""``cosgraph serve``: a live session from the participant's and the facilitator's side.

The app runs in-process (Starlette's TestClient) against a real embedded store in the
test's working folder; one test drives the real CLI server in headless Chromium.
"""

from __future__ import annotations

import html
import json
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from cosgraph.cli import main
from cosgraph.serve.app import create_app, is_loopback, startup_lines
from cosgraph.serve.session import LiveSession, SessionError
from tests import browser
from tests.test_session_source import _stored

SOURCE = "evening"
KEY = "the-facilitators-key"
ANA = {
    "name": "Ana Ruiz",
    "tripod_role": "lived_experience",
    "lived_experience": "yes",
    "consent": "public",
    "organization": "Maywood Food Bank",
    "sector": "community_based",
    "asset1_name": "Church hall",
    "asset1_kind": "physical_space",
    "asset1_capabilities_other": "Meeting Space; cooking",
    "lever1_name": "Soda tax",
    "lever1_kind": "policy",
    "lever1_needs_other": "funding=500",
}


@pytest.fixture
def live() -> LiveSession:
    return LiveSession("m.lbug", source=SOURCE)


@pytest.fixture
def client(live: LiveSession) -> TestClient:
    return TestClient(create_app(live, key=KEY))


def token_of(page: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def send(client: TestClient, form: dict[str, Any], **query: str) -> Any:
    """Open the form (for its token) and send ``form``."""
    page = client.get("/", params=query).text
    return client.post("/entries", data={"token": token_of(page), **form})


def decide(client: TestClient, action: str, entry: int | None = None, key: str = KEY) -> str:
    """Press a button on the facilitator's page; the page it leads to."""
    page = client.get("/facilitator", params={"key": KEY}).text
    data = {"key": key, "token": token_of(page)}
    if entry is not None:
        data["entry"] = str(entry)
    response = client.post(f"/facilitator/{action}", data=data)
    return str(response.text)


def stored() -> dict[str, dict[str, Any]]:
    """The session store's nodes (not the framework's), as read by another command."""
    return _stored(Path("m.lbug"))


# --- the participant's form ---------------------------------------------------------------


def test_entry_waits_pending_and_never_reaches_the_store_unapproved(
    client: TestClient, live: LiveSession
) -> None:
    response = send(client, ANA)
    assert response.status_code == 200
    assert "Thank you, Ana Ruiz!" in response.text
    [entry] = live.pending()
    assert entry.person_id == "ana-ruiz"
    kinds = sorted(row["kind"] for row in entry.nodes)
    assert kinds == ["asset", "lever", "organization", "person"]
    assert stored() == {}
    log = json.loads(Path(f"{SOURCE}.entries.json").read_text())
    assert log["generator"] == "cosgraph" and log["entries"][0]["status"] == "pending"


def test_form_offers_the_capability_words_in_the_store_and_takes_new_ones(
    client: TestClient, live: LiveSession, tmp_path: Path
) -> None:
    existing = tmp_path / "hall.yaml"
    existing.write_text(
        "nodes:\n  - {kind: asset, id: hall, asset_kind: physical_space, "
        "capabilities: [meeting_space]}\n"
        "  - {kind: organization, id: fb, name: Maywood Food Bank}\n"
    )
    assert CliRunner().invoke(main, ["load", str(existing), "--store", "m.lbug"]).exit_code == 0
    page = client.get("/").text
    assert 'name="asset1_capabilities" value="meeting_space"' in page
    assert '<option value="Maywood Food Bank">' in page  # organizations to pick from
    form = {**ANA, "asset1_capabilities": "meeting_space", "organization": "maywood food bank"}
    form["asset1_capabilities_other"] = "Home Cooking; meeting-space"
    assert send(client, form).status_code == 200
    [entry] = live.pending()
    asset = next(row for row in entry.nodes if row["kind"] == "asset")
    assert asset["capabilities"] == ["meeting_space", "home_cooking"]  # canonical, once
    # the organization already in the store is met by name, not added again
    assert {"type": "MEMBER_OF", "source": "ana-ruiz", "target": "fb"} in entry.ties
    assert not any(row["kind"] == "organization" for row in entry.nodes)
    page = client.get("/facilitator", params={"key": KEY}).text
    assert "Organization: fb (already on the map)" in page


def test_bad_entry_shows_one_clear_line_per_problem_and_keeps_what_was_typed(
    client: TestClient, live: LiveSession
) -> None:
    form = {
        **ANA,
        "name": "",
        "consent": "everyone",
        "asset1_kind": "a thing",
        "lever1_name": "Bus route",
        "lever1_kind": "",
        "lever1_needs_other": "funding=lots",
    }
    response = send(client, form)
    assert response.status_code == 400
    problems = re.findall(r"<li>(.*?)</li>", response.text.split('id="problems"')[1])
    assert [html.unescape(p) for p in problems] == [
        "You, your name: is required",
        "You, who may see you: 'everyone' is not one of: public, coalition, private",
        "What you bring, kind: 'a thing' is not one of: individual_skill, "
        "organizational_resource, physical_space, financial, in_kind, intrinsic",
        "What you want to change, kind: is required",
        "What you want to change, what it needs: needs entry 'funding=lots': "
        "'lots' is not an amount above 0",
    ]
    assert 'value="Church hall"' in response.text  # nothing typed is lost
    assert live.pending() == []


def test_a_post_without_a_form_token_from_this_server_is_refused(
    client: TestClient, live: LiveSession
) -> None:
    forged = client.post("/entries", data={**ANA, "token": "made-up"})
    assert forged.status_code == 400 and "already sent or is too old" in forged.text
    token = token_of(client.get("/").text)
    assert client.post("/entries", data={**ANA, "token": token}).status_code == 200
    again = client.post("/entries", data={**ANA, "token": token})  # one use only
    assert again.status_code == 400
    assert len(live.pending()) == 1


def test_pages_escape_what_participants_type(client: TestClient, live: LiveSession) -> None:
    evil = '<script>alert("x")</script>'
    send(client, {**ANA, "name": evil, "organization": f"<img src=x>{evil}"})
    page = client.get("/facilitator", params={"key": KEY}).text
    assert "<script>alert" not in page and "<img src=x>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    decide(client, "approve", 1)
    frame = client.get("/map/frame").text
    assert evil not in frame and "<img src=x>" not in frame
    assert "\\u003cscript\\u003e" in frame  # JSON in the map, never HTML


# --- the facilitator ------------------------------------------------------------------------


def test_facilitator_pages_and_buttons_need_the_key(client: TestClient, live: LiveSession) -> None:
    send(client, ANA)
    for path in ("/facilitator", "/facilitator/live", "/facilitator/frame", "/facilitator/state"):
        assert client.get(path).status_code == 403
        assert client.get(path, params={"key": KEY + "x"}).status_code == 403
    page = client.get("/facilitator", params={"key": KEY})
    assert page.status_code == 200 and "Ana Ruiz" in page.text
    response = client.post(
        "/facilitator/approve", data={"key": "guess", "token": token_of(page.text), "entry": "1"}
    )
    assert response.status_code == 403
    forged = client.post("/facilitator/approve", data={"key": KEY, "entry": "1"})  # no token
    assert "from an old page; nothing was changed" in forged.text
    assert [e.status for e in live.log.entries] == ["pending"] and stored() == {}


def test_approved_entry_loads_with_the_sessions_provenance_so_diff_and_prune_follow_it(
    client: TestClient, live: LiveSession
) -> None:
    send(client, ANA)
    page = decide(client, "approve", 1)
    assert "Entry 1 is on the map" in page
    nodes = stored()
    assert sorted(nodes) == ["ana-ruiz", "ana-ruiz-church-hall", "maywood-food-bank", "soda-tax"]
    assert nodes["ana-ruiz"]["provenance"] == f"source:{SOURCE} from {SOURCE}.json"
    assert nodes["ana-ruiz-church-hall"]["capabilities"] == ["meeting_space", "cooking"]
    assert nodes["ana-ruiz"]["lived_experience"] is True
    runner = CliRunner()
    same = runner.invoke(main, ["diff", "--source", SOURCE, f"{SOURCE}.json", "--store", "m.lbug"])
    assert same.exit_code == 0 and "ana-ruiz" not in same.output, same.output
    Path("nobody.json").write_text('{"nodes": []}')
    gone = runner.invoke(
        main, ["diff", "--source", SOURCE, "nobody.json", "--store", "m.lbug", "--format", "csv"]
    )
    assert "remove,person,ana-ruiz" in gone.output, gone.output
    pruned = runner.invoke(
        main, ["load", "nobody.json", "--source", SOURCE, "--prune", "--store", "m.lbug"]
    )
    assert pruned.exit_code == 0, pruned.output
    assert stored() == {}


def test_undo_takes_the_last_approved_entry_off_the_map_and_it_waits_again(
    client: TestClient, live: LiveSession
) -> None:
    send(client, ANA)
    send(
        client, {"name": "Bo Chen", "organization": "maywood food bank", "lever1_name": "SODA TAX"}
    )
    decide(client, "approve", 1)
    decide(client, "approve", 2)
    assert {"ana-ruiz", "bo-chen"} <= set(stored())
    page = decide(client, "undo")
    assert "Entry 2 is off the map again" in page
    nodes = stored()
    assert "bo-chen" not in nodes and {"ana-ruiz", "maywood-food-bank", "soda-tax"} <= set(nodes)
    assert [e.status for e in live.log.entries] == ["approved", "pending"]
    page = decide(client, "undo")  # Ana's entry: her organization and lever go with her
    assert stored() == {}
    decide(client, "approve", 2)  # Bo's entry holds the organization and lever it named
    assert {"bo-chen", "maywood-food-bank", "soda-tax"} == set(stored())


def test_rejected_entry_is_set_aside_and_never_loaded(
    client: TestClient, live: LiveSession
) -> None:
    send(client, ANA)
    assert "set aside" in decide(client, "reject", 1)
    assert [e.status for e in live.log.entries] == ["rejected"]
    with pytest.raises(SessionError, match="there is no pending entry 1"):
        live.approve(1)
    assert stored() == {} and not Path(f"{SOURCE}.json").exists()


def test_a_load_the_store_refuses_changes_nothing_and_says_why(
    client: TestClient, live: LiveSession
) -> None:
    send(client, ANA)
    # meanwhile a workbook makes ana-ruiz an organization
    Path("other.yaml").write_text("nodes:\n  - {kind: organization, id: ana-ruiz}\n")
    assert CliRunner().invoke(main, ["load", "other.yaml", "--store", "m.lbug"]).exit_code == 0
    page = decide(client, "approve", 1)
    assert "The store refused entry 1; nothing changed:" in page
    assert "id &#39;ana-ruiz&#39; is already a organization in the store" in page or (
        "is already an organization in the store" in page
    )
    assert not Path(f"{SOURCE}.json").exists()
    assert [e.status for e in live.log.entries] == ["pending"]
    assert set(stored()) == {"ana-ruiz"}


def test_a_session_keeps_its_entries_across_a_restart(client: TestClient) -> None:
    send(client, ANA)
    decide(client, "approve", 1)
    send(client, {"name": "Bo Chen"})
    again = LiveSession("m.lbug", source=SOURCE)
    assert [e.status for e in again.log.entries] == ["approved", "pending"]
    assert again.undo().number == 1


def test_a_source_name_other_loads_use_is_refused(tmp_path: Path) -> None:
    Path("people.yaml").write_text("nodes:\n  - {kind: person, id: cy}\n")
    loaded = CliRunner().invoke(
        main, ["load", "people.yaml", "--source", SOURCE, "--store", "m.lbug"]
    )
    assert loaded.exit_code == 0
    with pytest.raises(SessionError, match="give the live session a --source name of its own"):
        LiveSession("m.lbug", source=SOURCE)


# --- who sees whom ------------------------------------------------------------------------


def test_public_map_names_only_public_people_and_the_facilitator_sees_the_coalition(
    client: TestClient,
) -> None:
    send(client, ANA)
    send(client, {"name": "Bo Chen", "consent": "coalition"})
    send(
        client,
        {
            "name": "Cy Okafor",
            "consent": "private",
            "asset1_name": "Cy's van",
            "asset1_kind": "in_kind",
        },
    )
    for number in (1, 2, 3):
        decide(client, "approve", number)
    public = client.get("/map/frame").text
    assert "Ana Ruiz" in public and "Bo Chen" not in public and "Cy Okafor" not in public
    coalition = client.get("/facilitator/frame", params={"key": KEY}).text
    assert "Ana Ruiz" in coalition and "Bo Chen" in coalition and "Cy Okafor" not in coalition
    page = client.get("/facilitator", params={"key": KEY}).text
    assert "Cy Okafor" not in page and "A person not named here (consent: private)" in page


def test_pages_load_nothing_from_elsewhere_and_send_no_referrer(client: TestClient) -> None:
    for path in ("/", "/map", "/map/frame"):
        headers = client.get(path).headers
        assert "frame-ancestors 'self'" in headers["content-security-policy"]
        assert headers["referrer-policy"] == "no-referrer"
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]
    assert client.get("/state").json() == {"version": 0, "pending": 0, "approved": 0}


# --- off this machine ---------------------------------------------------------------------


def test_entries_need_the_passcode_when_the_session_is_open_beyond_this_machine(
    live: LiveSession,
) -> None:
    client = TestClient(create_app(live, key=KEY, passcode="abcd2345"))
    refused = send(client, ANA)
    assert refused.status_code == 400 and "Session passcode" in refused.text
    assert send(client, {**ANA, "passcode": "abcd2345"}).status_code == 200
    assert 'value="abcd2345"' in client.get("/", params={"code": "abcd2345"}).text


def test_startup_warns_in_one_line_off_this_machine_and_never_prints_credentials(
    live: LiveSession,
) -> None:
    here = startup_lines(live, "127.0.0.1", 8000, "k", None)
    assert not any(line.startswith("warning") for line in here)
    assert "  facilitator:  http://127.0.0.1:8000/facilitator?key=k" in here[3]
    room = startup_lines(live, "0.0.0.0", 8000, "k", "abcd2345")
    warnings = [line for line in room if line.startswith("warning")]
    assert len(warnings) == 1 and "passcode abcd2345" in warnings[0]
    assert "participants: http://0.0.0.0:8000/?code=abcd2345" in "\n".join(room)
    assert is_loopback("::1") and not is_loopback("192.168.1.20")
    live.store = "neo4j://ana:se/cret@db.example.org:7687"
    shown = "\n".join(startup_lines(live, "127.0.0.1", 8000, "k", None))
    assert "se/cret" not in shown and "neo4j://db.example.org:7687" in shown


def test_serve_refuses_a_port_in_use_in_one_line_before_printing_any_link() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(main, ["serve", "--store", "m.lbug", "--port", port])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert "facilitator" not in result.output and len(result.output.splitlines()) == 1


def test_serve_refuses_a_bad_source_name_in_one_line() -> None:
    result = CliRunner().invoke(main, ["serve", "--source", "my session", "--store", "m.lbug"])
    assert result.exit_code == 2 and "source name 'my session' must be" in result.output
    assert "Traceback" not in result.output


# --- in a real browser --------------------------------------------------------------------

SHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "serve"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server() -> Iterator[tuple[str, str]]:
    """``cosgraph serve`` as a facilitator starts it: (base URL, facilitator link)."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from cosgraph.cli import main; main()",
            "serve",
            "--store",
            "m.lbug",
            "--source",
            SOURCE,
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = []
        while not any("facilitator:" in line for line in lines):
            line = process.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
        link = next(line for line in lines if "facilitator:" in line).split()[1]
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):  # the banner comes just before the server listens
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base, link
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)


def _map_labels(driver: Any, until: Any = lambda labels: True, timeout: float = 15) -> list[str]:
    """The labels the live map's frame draws, once ``until(labels)`` holds."""
    deadline = time.monotonic() + timeout
    labels: list[str] | None = None
    while time.monotonic() < deadline:
        driver.switch_to.frame("live-map")
        found = driver.execute_script("return window.cosgraphMap ? cosgraphMap.labels : null;")
        driver.switch_to.default_content()
        labels = None if found is None else [str(label) for label in found]
        if labels is not None and until(labels):
            return labels
        time.sleep(0.2)
    raise AssertionError(f"the live map shows {labels}")


@pytest.mark.browser
@pytest.mark.skipif(not browser.available(), reason="needs /usr/bin/chromium and chromedriver")
def test_a_participant_fills_the_form_the_facilitator_approves_and_the_map_shows_them(
    server: tuple[str, str],
) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base, facilitator = server
    driver = browser.start()
    try:
        driver.set_window_size(420, 900)  # a phone
        driver.get(base + "/")
        driver.find_element("id", "name").send_keys("Ana Ruiz")
        driver.find_element("css selector", "input[name=consent][value=public]").click()
        driver.find_element("id", "organization").send_keys("Maywood Food Bank")
        driver.find_element("id", "asset1_name").send_keys("Church hall")
        Select(driver.find_element("id", "asset1_kind")).select_by_value("physical_space")
        driver.find_element("name", "asset1_capabilities_other").send_keys("Meeting Space")
        driver.find_element("id", "send").click()
        thanks = WebDriverWait(driver, 10).until(lambda d: d.find_elements("id", "thanks"))
        assert "Thank you, Ana Ruiz!" in driver.find_element("tag name", "h1").text
        assert "waiting for the facilitator" in thanks[0].text

        driver.set_window_size(1200, 800)
        driver.get(base + "/map")  # the shared screen, open before the approval
        assert _map_labels(driver) == []

        shared_screen = driver.current_window_handle
        driver.switch_to.new_window("tab")  # the facilitator, beside the shared screen
        driver.get(facilitator)
        assert "Ana Ruiz" in driver.find_element("id", "entry-1").text
        driver.find_element("id", "approve-1").click()
        notice = WebDriverWait(driver, 10).until(lambda d: d.find_elements("id", "notice"))
        assert "Entry 1 is on the map" in notice[0].text
        driver.close()
        driver.switch_to.window(shared_screen)
        # the page polls and redraws the map, without anyone touching it
        labels = _map_labels(driver, until=lambda labels: "Ana Ruiz" in labels)
        assert {"Ana Ruiz", "Maywood Food Bank", "Church hall"} <= set(labels)
        assert "1 entry on the map" in driver.find_element("id", "live-status").text
        assert browser.console_messages(driver) == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SHOTS / "live-map-after-approval.png"))
    finally:
        driver.quit()

    Path("nobody.json").write_text('{"nodes": []}')
    diff = CliRunner().invoke(
        main, ["diff", "--source", SOURCE, "nobody.json", "--store", "m.lbug", "--format", "csv"]
    )
    assert "remove,person,ana-ruiz" in diff.output, diff.output
    assert stored()["ana-ruiz"]["provenance"] == f"source:{SOURCE} from {SOURCE}.json"

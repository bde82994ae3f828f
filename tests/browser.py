"""Headless Chromium for map tests and benchmarks: selenium + the distribution's chromedriver.

Loaded by path (the tests run with ``--import-mode=importlib``), see :func:`load`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,900",
)


def load() -> ModuleType:
    """This module, imported from its file (``tests`` is not a package)."""
    name = "cosgraph_test_browser"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, __file__)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def available() -> bool:
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


def start() -> Any:
    """A new headless Chromium with console and network logging, its own profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='cosgraph-chromium-')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # chromedriver and its Chromium get a session of their own, so :func:`kill` can end
    # exactly them even when the page is too busy to answer a quit.
    service = Service(str(CHROMEDRIVER), popen_kw={"start_new_session": True})
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(600)
    # A page running a long physics batch holds the renderer for minutes; wait it out.
    executor = driver.command_executor
    if not isinstance(executor, str):
        executor.client_config.timeout = 900
    return driver


def kill(driver: Any) -> None:
    """End this driver's chromedriver and Chromium (its own process group) at once."""
    process = driver.service.process
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def open_page(driver: Any, path: Path) -> None:
    """Navigate to a file and drop the logs of earlier pages."""
    driver.get("about:blank")
    drain_logs(driver)
    driver.get(path.resolve().as_uri())


def drain_logs(driver: Any) -> None:
    driver.get_log("browser")
    driver.get_log("performance")


def wait_ready(driver: Any, timeout: float = 60.0) -> dict[str, Any]:
    """Wait for ``window.cosgraphMap.ready``; return the page's own data."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = driver.execute_script(
            "var m = window.cosgraphMap; if (!m || !m.ready) return null;"
            "return {nodeCount: m.nodeCount, edgeCount: m.edgeCount, tieCount: m.tieCount,"
            " legend: m.legend, labels: m.labels, physics: m.physics, anonymous: m.anonymous,"
            " view: m.view, audience: m.audience, readyAt: m.readyAt};"
        )
        if state is not None:
            return dict(state)
        time.sleep(0.05)
    raise TimeoutError(f"map not ready after {timeout} s")


def console_messages(driver: Any, level: str = "SEVERE") -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == level]


def requested_urls(driver: Any) -> list[str]:
    """Every URL the page asked for: DevTools network events plus resource timing entries."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    urls.extend(
        driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; });"
        )
    )
    return urls


def remote_urls(urls: list[str]) -> list[str]:
    """The URLs that would leave the machine (anything but file:, data:, blob:, about:)."""
    local = ("file:", "data:", "blob:", "about:", "chrome:", "devtools:")
    return [url for url in urls if not url.startswith(local)]

"""Headless Debian Chromium for the browser tests, set up one way (a shared test helper).

The flags keep Chromium off the network this machine does not have (no background requests,
no component updates, no sync) and give each test a fresh profile.  Tests skip, saying what
is missing, only where selenium, ``chromium`` or ``chromium-driver`` is not installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

#: Mark a browser test module with this: it skips where no browser is installed.
needs_browser = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="no chromium and chromedriver (Debian: apt-get install chromium chromium-driver)",
)


def chromium(profile: Path, *, size: str = "1200,1600", prefs: dict[str, Any] | None = None) -> Any:
    """A headless Chromium driven by selenium, with a fresh profile in ``profile``."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--window-size={size}",
    ):
        options.add_argument(flag)
    if prefs:
        options.add_experimental_option("prefs", prefs)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(DRIVER))

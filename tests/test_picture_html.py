"""The picture's HTML report renders in a real headless browser, loading nothing from outside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import chromium, needs_browser
from valuing_involvement.picture import build_picture
from valuing_involvement.picture._generate import write_packages
from valuing_involvement.picture._report import to_html

pytest.importorskip("duckdb")
webdriver = pytest.importorskip("selenium.webdriver")

pytestmark = needs_browser


def _browser(profile: Path):
    return chromium(profile)


def test_the_report_renders_with_its_tables_and_charts_and_fetches_nothing(tmp_path):
    write_packages(tmp_path / "in", files=2, grants=300, seed=11)
    page = tmp_path / "picture.html"
    page.write_text(to_html(build_picture([tmp_path / "in"]), caveat="generated"), "utf-8")
    browser = _browser(tmp_path / "profile")
    try:
        browser.get(page.as_uri())
        assert browser.title.startswith("Grants to mental health user and carer groups")
        tables = browser.find_elements("css selector", "table")
        assert len(tables) >= 10
        assert all(t.is_displayed() for t in tables)
        images = browser.execute_script(
            "return Array.from(document.images).map(i => [i.complete, i.naturalWidth]);"
        )
        assert len(images) == 2
        assert all(complete and width > 100 for complete, width in images)
        requests = [
            json.loads(entry["message"])["message"] for entry in browser.get_log("performance")
        ]
        urls = [
            m["params"]["request"]["url"]
            for m in requests
            if m["method"] == "Network.requestWillBeSent"
        ]
        # the browser's own chrome:// pages aside, only the file and its data: images load
        ours = [url for url in urls if not url.startswith(("chrome:", "chrome-", "about:"))]
        assert page.as_uri() in ours
        assert all(url.startswith(("file:", "data:")) for url in ours), ours
    finally:
        browser.quit()

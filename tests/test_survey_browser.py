"""The survey forms in a real browser: headless Chromium fills them in, routes, saves, reloads.

Needs selenium and Debian's ``chromium`` and ``chromium-driver``; skipped, saying which is
missing, only where they are not installed.  Set ``SURVEY_SCREENSHOTS`` to a folder to keep a
screenshot of each form (docs/images/ holds the ones in docs/survey.md).
"""

import decimal
import json
import os
import time
from pathlib import Path

import pytest

from browser import chromium, needs_browser
from valuing_involvement.survey import load_responses, render_form, tabulate

selenium = pytest.importorskip("selenium", reason="selenium is not installed (the test extra)")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

pytestmark = needs_browser


@pytest.fixture
def browser(tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    prefs = {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "profile.default_content_setting_values.automatic_downloads": 1,
    }
    driver = chromium(tmp_path / "profile", size="1000,1400", prefs=prefs)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _open(browser, tmp_path, kind):
    page = tmp_path / f"{kind}.html"
    page.write_text(render_form(kind), "utf-8")
    browser.get(page.as_uri())
    return page


def _shown(browser, number):
    return browser.find_element(By.CSS_SELECTOR, f'[data-number="{number}"]').is_displayed()


def _wait_for(folder, suffix, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} file was saved in {folder}")


def _screenshot(browser, name):
    folder = os.environ.get("SURVEY_SCREENSHOTS")
    if folder:
        browser.execute_script("window.scrollTo(0, 0)")
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(folder) / name))


def test_the_groups_form_routes_by_keyboard_saves_and_loads(browser, tmp_path):
    _open(browser, tmp_path, "groups")
    assert "Nothing you enter here is sent anywhere" in browser.page_source
    # Sub-questions wait for the answer they depend on.
    assert not _shown(browser, "10a")
    assert not _shown(browser, "3a")
    assert not _shown(browser, "A2")

    # Keyboard only: type the name, then tab into Q A1's radios and choose with the space bar.
    who = browser.find_element(By.ID, "respondent")
    who.send_keys("Riverside Voices")
    who.send_keys(Keys.TAB)
    first = browser.switch_to.active_element
    assert first.get_attribute("id") == "qA1-service_users"
    first.send_keys(Keys.SPACE)
    assert first.is_selected()

    _answer_the_first_questions(browser)
    _answer_about_funding(browser)
    _screenshot(browser, "survey-groups-form.png")
    _save_and_load(browser)


def _answer_the_first_questions(browser):
    browser.find_element(By.ID, "q1-run").click()
    browser.find_element(By.ID, "q2-yes").click()
    assert _shown(browser, "A2")
    assert _shown(browser, "A3")
    browser.find_element(By.ID, "qA2").send_keys("5")
    browser.find_element(By.ID, "qA3").send_keys("5")
    for domain in ("money", "personnel", "policy"):
        browser.find_element(By.ID, f"q4-{domain}").send_keys(Keys.SPACE)

    # Q3: "none" routes to 3a and 3b, and cannot stay ticked with a source.
    browser.find_element(By.ID, "q3-none").click()
    assert _shown(browser, "3a")
    assert _shown(browser, "3b")
    browser.find_element(By.ID, "q3-nhs").click()
    assert not browser.find_element(By.ID, "q3-none").is_selected()
    assert not _shown(browser, "3a")
    browser.find_element(By.ID, "q3-local_authority").click()


def _answer_about_funding(browser):

    browser.find_element(By.ID, "q10-yes").click()
    assert _shown(browser, "10a")
    browser.find_element(By.ID, "q10a-no").click()
    assert _shown(browser, "10c")
    assert not _shown(browser, "10b")
    browser.find_element(By.ID, "q10c").send_keys("Shorter forms, please")
    # Changing the answer hides what no longer applies; its text is not saved.
    browser.find_element(By.ID, "q10-no").click()
    assert not _shown(browser, "10a")
    assert not _shown(browser, "10c")

    browser.find_element(By.ID, "q13-yes").click()
    browser.find_element(By.ID, "q19").send_keys("36")
    # Starts as a spreadsheet formula would: the saved CSV must not run it.
    browser.find_element(By.ID, "q20").send_keys('=Regular meetings, "open" doors, and trust')


def _save_and_load(browser):

    browser.find_element(By.ID, "save").send_keys(Keys.ENTER)
    saved = _wait_for(browser.downloads, ".json")
    status = browser.find_element(By.ID, "status").text
    assert "Saved" in status

    data = json.loads(saved.read_text("utf-8"))
    assert data["respondent"] == "Riverside Voices"
    assert "10a" not in data["answers"]
    assert "10c" not in data["answers"]
    (response,) = load_responses([saved])
    assert response.answers["3"] == ("nhs", "local_authority")
    assert response.answers["4"] == ("money", "personnel", "policy")
    assert response.answers["19"] == 36
    assert response.answers["13"] == "yes"
    report = tabulate([response])
    assert [(o.own_view, o.computed, o.count) for o in report.own_view] == [("run", "run", 1)]

    # The CSV link saves the same answers, which load to the same response.
    saved.unlink()
    browser.find_element(By.ID, "save-csv").click()
    sheet = _wait_for(browser.downloads, ".csv")
    assert load_responses([sheet]) == (response,)
    assert "'=Regular meetings" in sheet.read_text("utf-8")


def test_the_commissioners_form_routes_and_saves(browser, tmp_path):
    _open(browser, tmp_path, "commissioners")
    assert not _shown(browser, "11a")
    assert not _shown(browser, "15a")
    browser.find_element(By.ID, "respondent").send_keys("Lowmoor Joint Commissioning")
    browser.find_element(By.ID, "q4-joint_pct_local_authority").click()
    browser.find_element(By.ID, "q11-sometimes").click()
    assert _shown(browser, "11a")
    browser.find_element(By.ID, "q11a-yes").click()
    assert _shown(browser, "11b")
    # "Clear" takes the answer back, and with it the sub-questions.
    browser.find_element(By.CSS_SELECTOR, '[data-number="11"] button.clear').click()
    assert not _shown(browser, "11a")
    assert not _shown(browser, "11b")
    browser.find_element(By.ID, "q15-yes").click()
    browser.find_element(By.ID, "q15a").send_keys("52000")
    browser.find_element(By.ID, "q10").send_keys("12")
    _screenshot(browser, "survey-commissioners-form.png")
    browser.find_element(By.ID, "save").click()
    saved = _wait_for(browser.downloads, ".json")
    (response,) = load_responses([saved])
    assert response.respondent == "Lowmoor Joint Commissioning"
    assert dict(response.answers) == {
        "4": "joint_pct_local_authority",
        "10": 12,
        "15": "yes",
        "15a": decimal.Decimal(52000),
    }


def test_saving_without_a_name_asks_for_one(browser, tmp_path):
    _open(browser, tmp_path, "groups")
    browser.find_element(By.ID, "save").click()
    assert "name or code" in browser.find_element(By.ID, "status").text
    assert browser.switch_to.active_element.get_attribute("id") == "respondent"
    assert not list(browser.downloads.iterdir())


def test_the_form_reads_at_200_percent_zoom_without_scrolling_sideways(browser, tmp_path):
    """A 1000-pixel window at 200% zoom lays out as a 500-pixel one: nothing may overflow."""
    browser.set_window_size(500, 900)
    _open(browser, tmp_path, "groups")
    browser.find_element(By.ID, "q2-yes").click()
    width = browser.execute_script("return document.documentElement.clientWidth")
    scroll = browser.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width
    for label in browser.find_elements(By.CSS_SELECTOR, "label, legend"):
        if label.is_displayed():
            assert label.rect["x"] + label.rect["width"] <= width + 1


def test_the_report_page_shows_its_charts(browser, tmp_path):
    """A report of every other 2007 respondent: every chart is an image the browser can draw."""
    from valuing_involvement.survey import reproduce_2007

    answers = reproduce_2007()
    some = [r for r in answers if int(r.respondent.rsplit("-", 1)[1]) % 2]  # every other one
    page = tmp_path / "report.html"
    page.write_text(tabulate(some).to_html(), "utf-8")
    browser.get(page.as_uri())
    images = browser.find_elements(By.TAG_NAME, "img")
    assert images
    for image in images:
        assert browser.execute_script("return arguments[0].naturalWidth", image) > 0
        assert image.get_attribute("alt")
    _screenshot(browser, "survey-report.png")

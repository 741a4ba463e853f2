"""A decision in the browser: a member puts a proposal to the co-op from the Decisions page (the header's
link), another answers with an objection and its reason, and both pages pass every check."""
import datetime
import urllib.parse
import zoneinfo

from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

import crawl


def test_a_member_proposes_and_another_objects_with_a_reason(server, driver, artifacts, axe_js):
    crawl.sign_in(server, driver, "person")
    driver.get(server.url("/"))
    driver.find_element("xpath", "//header//a[normalize-space()='Decisions']").click()
    WebDriverWait(driver, 10).until(lambda d: urllib.parse.urlsplit(d.current_url).path == "/proposals")
    last = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/London")).date() + datetime.timedelta(days=7)
    driver.find_element("id", "title").send_keys("Meet in the library on Thursdays")
    driver.find_element("id", "text").send_keys("The room is free.\nIt has a ramp and a hearing loop.")
    driver.find_element("xpath", "//main//label[starts-with(normalize-space(), 'Consent')]").click()
    quorum = driver.find_element("id", "quorum")
    quorum.clear()
    quorum.send_keys("1")
    driver.find_element("id", "closesOn").send_keys(str(last.day))
    driver.find_element("id", "closesOn-month").send_keys(str(last.month))
    driver.find_element("id", "closesOn-year").send_keys(str(last.year))
    driver.find_element("xpath", "//main//button[normalize-space()='Put the proposal']").click()
    WebDriverWait(driver, 15).until(lambda d: urllib.parse.urlsplit(d.current_url).query == "added")
    page = urllib.parse.urlsplit(driver.current_url).path
    assert "Open: answers until the end of" in driver.page_source
    proposed = crawl.check_page(server, driver, "person", page, artifacts, axe_js, name="proposal-added")
    assert not proposed.all_problems(), proposed.all_problems()

    crawl.sign_in(server, driver, "family")
    driver.get(server.url(page))
    driver.find_element("xpath", "//main//label[starts-with(normalize-space(), 'I object')]").click()
    driver.find_element("id", "reason").send_keys("Thursdays clash with the day centre.")
    driver.find_element("xpath", "//main//button[normalize-space()='Give my answer']").click()
    WebDriverWait(driver, 15).until(lambda d: urllib.parse.urlsplit(d.current_url).query == "answered")
    text = driver.find_element("tag name", "main").text
    assert "If it closed now: Not passed: an objection stands." in text
    assert "Why: Thursdays clash with the day centre." in text
    answered = crawl.check_page(server, driver, "family", page, artifacts, axe_js, name="proposal-answered")
    assert not answered.all_problems(), answered.all_problems()


def test_a_member_ranks_the_candidates_in_secret_and_is_shown_their_code_once(server, driver, artifacts, axe_js):
    crawl.sign_in(server, driver, "person")
    driver.get(server.url("/proposals"))
    driver.find_element(
        "xpath", "//main//a[starts-with(@href, '/proposals/')][starts-with(normalize-space(), 'Elect two')]").click()
    WebDriverWait(driver, 10).until(lambda d: "Who is standing" in d.page_source)
    page = urllib.parse.urlsplit(driver.current_url).path
    # By keyboard-friendly selects: 1 for the second candidate, 2 for the first.
    Select(driver.find_element("name", "rank-2")).select_by_visible_text("1")
    Select(driver.find_element("id", "ranking")).select_by_visible_text("2")
    driver.find_element("xpath", "//main//button[normalize-space()='Cast my ballot']").click()
    WebDriverWait(driver, 15).until(lambda d: "Your ballot is in." in d.page_source)
    code = driver.find_element("css selector", ".ballot-code").text
    assert len(code) == 19 and code.count("-") == 3
    # The code is in no address.
    assert code not in driver.current_url
    shown = crawl.check_page(server, driver, "person", page, artifacts, axe_js, already_loaded=True,
                             name="election-ballot-cast", html="<!DOCTYPE html>" + driver.page_source)
    assert not shown.all_problems(), shown.all_problems()
    # Looked at again, the page offers a change (with the code) and no longer shows it.
    driver.get(server.url(page))
    assert "Change your ballot" in driver.page_source and code not in driver.page_source
    again = crawl.check_page(server, driver, "person", page, artifacts, axe_js, name="election-voted")
    assert not again.all_problems(), again.all_problems()

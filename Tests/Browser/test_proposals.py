"""A decision in the browser: a member puts a proposal to the co-op from the Decisions page (the header's
link), another answers with an objection and its reason, and both pages pass every check."""
import datetime
import urllib.parse
import zoneinfo

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

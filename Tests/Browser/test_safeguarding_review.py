"""The override's review clock in the browser: the registered manager (the demo's administrator) acts over the
person's team; the override waits for review on their home page; the circle's safeguarding lead reviews it (an
empty form first comes back with its summary); every page passes every check. The lead's hat is handed to a
circle worker for the test and back after it, and the override is ended, so later tests see the demo as it was."""
import datetime
import urllib.parse
import zoneinfo

from selenium.webdriver.support.wait import WebDriverWait

import crawl
from server import call


def token(server, role):
    return call(server, "POST", "/api/v1/sessions",
                body={"email": server.emails[role], "password": server.password})["token"]


def test_a_second_hat_holder_reviews_the_managers_override(server, driver, artifacts, axe_js):
    admin = token(server, "admin")
    person_id = next(p["personID"] for p in call(server, "GET", "/api/v1/people", admin)
                     if p["name"] == call(server, "GET", "/api/v1/me", token(server, "person"))["name"])
    circle = call(server, "GET", f"/api/v1/teams/{person_id}", admin)["circleID"]
    lead_hat = next(h for h in call(server, "GET", "/api/v1/hats", admin)
                    if h["kind"] == "safeguardingLead" and h["circleID"] == circle)
    before = next((h["holder"]["id"] for h in lead_hat["history"] if h.get("endedOn") is None), None)
    worker = call(server, "GET", "/api/v1/me", token(server, "circle_worker"))["id"]
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/London")).date().isoformat()
    call(server, "POST", f"/api/v1/hats/{lead_hat['id']}/handover", admin,
         body={"toAccountID": worker, "termStart": today})
    page = f"/teams/{person_id}/safeguarding"
    try:
        crawl.sign_in(server, driver, "admin")
        driver.get(server.url(page))
        driver.find_element("id", "reason").send_keys("A fall was reported this morning.")
        hours = driver.find_element("id", "hours")
        hours.clear()
        hours.send_keys("2")
        driver.find_element("xpath", "//main//label[normalize-space()=\"The person's visits\"]").click()
        driver.find_element("xpath", "//main//button[normalize-space()='Start the override']").click()
        WebDriverWait(driver, 15).until(lambda d: "Due by" in d.page_source)
        home = crawl.check_page(server, driver, "admin", "/", artifacts, axe_js, name="home-overrides-to-review")
        assert not home.all_problems(), home.all_problems()
        assert "Safeguarding overrides to review" in driver.page_source

        crawl.sign_in(server, driver, "circle_worker")
        driver.get(server.url(page))
        driver.find_element("xpath", "//main//button[normalize-space()='Save the review']").click()
        WebDriverWait(driver, 15).until(lambda d: "error-summary" in d.page_source)
        assert driver.execute_script("return document.activeElement.id") == "error-summary"
        form = driver.find_element("css selector", "main form[action$='/review']")
        action = urllib.parse.urlsplit(form.get_attribute("action")).path
        hidden = {e.get_attribute("name"): e.get_attribute("value")
                  for e in form.find_elements("css selector", "input[type=hidden]")}
        refused = crawl.check_page(server, driver, "circle_worker", action, artifacts, axe_js, already_loaded=True,
                                   name="override-review-refused",
                                   html=crawl.raw_html(server, driver, action, form=hidden))
        assert not refused.all_problems(), refused.all_problems()
        driver.find_element("xpath", "//main//label[starts-with(normalize-space(), 'Justified')]").click()
        driver.find_element("id", "note").send_keys("The fall needed a quick change of visits.")
        driver.find_element("xpath", "//main//button[normalize-space()='Save the review']").click()
        WebDriverWait(driver, 15).until(lambda d: "Justified: acting over the team was needed" in d.page_source)
        reviewed = crawl.check_page(server, driver, "circle_worker", page, artifacts, axe_js, name="override-reviewed")
        assert not reviewed.all_problems(), reviewed.all_problems()
    finally:
        crawl.sign_in(server, driver, "admin")
        driver.get(server.url(page))
        ends = driver.find_elements("xpath", "//main//button[starts-with(normalize-space(), 'End it now')]")
        if ends:
            ends[0].click()
            WebDriverWait(driver, 15).until(lambda d: "End it now" not in d.page_source)
        if before:
            call(server, "POST", f"/api/v1/hats/{lead_hat['id']}/handover", admin,
                 body={"toAccountID": before, "termStart": today})

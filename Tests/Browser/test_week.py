"""The week of care in a real browser: the rota keeper plans with the engine (a progress page that passes the
same checks as every page, and can be stopped), publishes; the person's week prints on A4."""
import email.utils
import re
import urllib.error
import urllib.request

import icalendar

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.wait import WebDriverWait

import browser
import crawl


def click(driver, text, timeout=15):
    old = driver.find_element("tag name", "html")
    driver.find_element("xpath", f"//main//button[normalize-space()='{text}']").click()
    WebDriverWait(driver, timeout).until(lambda d: d.find_element("tag name", "html") != old)


def open_week_after_next(server, driver):
    crawl.sign_in(server, driver, "rota_keeper")
    driver.find_element("css selector", "main a[href^='/circles/']").click()
    WebDriverWait(driver, 10).until(lambda d: "/circles/" in d.current_url)
    driver.find_element("css selector", "main a[href$='/week']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/week"))
    # The demo publishes this week and next: two weeks on is still to plan.
    for _ in range(2):
        old = driver.current_url
        driver.find_element("link text", "Week after").click()
        WebDriverWait(driver, 10).until(lambda d: d.current_url != old)
    # The engine plans one week of a circle at a time: wait out any plan an earlier test started.
    WebDriverWait(driver, 90, poll_frequency=2).until(
        lambda d: d.refresh() or d.find_elements("xpath", "//main//button[normalize-space()='Plan this week']"))


def test_rota_keeper_plans_sees_progress_stops_plans_again_and_publishes(server, driver, artifacts, axe_js):
    open_week_after_next(server, driver)
    click(driver, "Plan this week")
    assert driver.find_elements("css selector", "main progress"), "no progress bar while the engine plans"
    status = driver.find_element("css selector", "[role=status][data-progress-url]")
    assert "% done" in status.text
    path = driver.current_url.split(server.base)[1]
    result = crawl.check_page(server, driver, "rota_keeper", path, artifacts, axe_js, already_loaded=True,
                              name="week-progress", html=crawl.raw_html(server, driver, path))
    assert not result.all_problems(), result.all_problems()
    # The script moves the bar as the engine works (the server writes progress down twice a second).
    # (The page is read while the script may be reloading it: a stale element is read again.)
    WebDriverWait(driver, 15, ignored_exceptions=[StaleElementReferenceException]).until(
        lambda d: int(d.find_element("css selector", "main progress").get_attribute("value") or 0) > 0)

    click(driver, "Stop planning")
    assert "has no plan" in driver.find_element("tag name", "main").text

    click(driver, "Plan this week")
    # When the engine is done the page shows the draft by itself.
    # (The script reloads the page as the engine works: a stale element is read again.)
    WebDriverWait(driver, 60, ignored_exceptions=[StaleElementReferenceException]).until(
        lambda d: "Draft version 2" in d.find_element("tag name", "main").text)
    main = driver.find_element("tag name", "main").text
    assert "Every visit has a worker." in main
    result = crawl.check_page(server, driver, "rota_keeper", driver.current_url.split(server.base)[1], artifacts,
                              axe_js, name="week-draft")
    assert not result.all_problems(), result.all_problems()
    # The form to change one visit passes the same checks, and a refused change shows its reasons.
    week_url = driver.current_url
    change = driver.find_element("css selector", "main a[href*='/week/visits/']").get_attribute("href")
    change_path = change.split(server.base)[1]
    result = crawl.check_page(server, driver, "rota_keeper", change_path, artifacts, axe_js, name="week-visit-change")
    assert not result.all_problems(), result.all_problems()
    box = driver.find_element("id", "start")
    box.clear()
    box.send_keys("03:00")
    click(driver, "Check and change")
    assert driver.find_element("id", "error-summary").text.count("wants this visit to start between") == 1
    driver.get(week_url)
    click(driver, "Publish this week")
    assert "The published week (version 2)" in driver.find_element("tag name", "main").text
    # Everyone on the week is told in the app and by mail, through the real SMTP server.
    when = driver.find_element("tag name", "h1").text.split("the week from ")[1]
    subject = f"Who is coming in the week of {when}"
    WebDriverWait(driver, 30, poll_frequency=1).until(
        lambda d: any(m["subject"] == subject and server.emails["person"] in m["to"] for m in server.mails()))
    mail = next(m for m in server.mails() if m["subject"] == subject and server.emails["person"] in m["to"])
    assert "/week?week=" in mail["body"], "the mail links the person's week"


def test_the_persons_week_reads_plainly_and_prints_on_a4(server, driver, artifacts):
    crawl.sign_in(server, driver, "person")
    home = driver.find_element("tag name", "main").text
    assert "Who is coming" in home
    driver.find_element("link text", "See who is coming all week").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.split("?")[0].endswith("/week"))
    days = driver.find_elements("css selector", "main section.day")
    assert len(days) == 7, "one section a day, Monday to Sunday"
    visits = driver.find_elements("css selector", "main .visit")
    assert visits and all(v.find_elements("css selector", ".avatar") for v in visits), "every visit shows who"
    assert all(re.search(r"\d\d:\d\d to \d\d:\d\d", v.text) for v in visits), "every visit says when"
    pdf = browser.pdf(driver)
    (artifacts / "person-week.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and b"/StructTreeRoot" in pdf
    boxes = {tuple(round(float(n)) for n in m.split()) for m in
             re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", pdf) for m in [m.decode()]}
    assert boxes and all(abs(b[2] - 595) <= 2 and abs(b[3] - 842) <= 2 for b in boxes), f"not A4: {boxes}"
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 1 <= pages <= 3, f"a week prints on {pages} pages"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = driver.execute_script(
            "return ['.site-header nav', '.breadcrumbs', '[data-print]', 'nav[aria-label=\"Other weeks\"]'].every("
            "function (s) { return Array.from(document.querySelectorAll(s)).every(e => e.getClientRects().length === 0); });")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert hidden, "menus, the week links or the print button still show when printed"


def test_a_workers_calendar_feed_parses_strictly_and_stops(server, driver, artifacts, axe_js):
    crawl.sign_in(server, driver, "team_worker")
    driver.get(server.url("/my-week"))
    click(driver, "Get a calendar address")
    url = driver.find_element("id", "calendar-url").get_attribute("value")
    result = crawl.check_page(server, driver, "team_worker", "/my-week/calendar", artifacts, axe_js,
                              already_loaded=True, name="calendar-address",
                              html="<!DOCTYPE html>\n" + driver.page_source)
    assert not result.all_problems(), result.all_problems()
    assert "/calendars/" in url
    feed = urllib.request.urlopen(url.replace(url.split("/calendars/")[0], server.base), timeout=10)
    assert feed.headers["Content-Type"].startswith("text/calendar")
    text = feed.read()
    calendar = icalendar.Calendar.from_ical(text)  # raises on anything malformed
    assert calendar["VERSION"] == "2.0"
    zones = [c for c in calendar.walk("VTIMEZONE")]
    assert [str(z["TZID"]) for z in zones] == ["Europe/London"]
    events = calendar.walk("VEVENT")
    assert events, "the demo publishes this week and next: the worker has visits"
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)), "one UID a visit"
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert str(start.tzinfo) in ("Europe/London", "GMT", "BST") or start.tzname() in ("GMT", "BST"), start.tzinfo
        assert end > start
        assert int(event["SEQUENCE"]) >= 0
        assert str(event["STATUS"]) in ("CONFIRMED", "CANCELLED")
        assert event.get("LOCATION"), "the worker's own visits carry the address"
    assert all(len(line) <= 75 for line in text.split(b"\r\n")), "lines fold at 75 octets"
    driver.get(server.url("/my-week"))
    click(driver, "Stop the calendar address")
    try:
        urllib.request.urlopen(url.replace(url.split("/calendars/")[0], server.base), timeout=10)
        raise AssertionError("a stopped calendar address still answers")
    except urllib.error.HTTPError as error:
        assert error.code == 404


def sign_in_as(server, driver, email):
    driver.delete_all_cookies()
    driver.get(server.url("/sign-in"))
    driver.find_element("id", "email").send_keys(email)
    driver.find_element("id", "password").send_keys(server.password)
    driver.find_element("css selector", "main form button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: "/sign-in" not in d.current_url)


def test_a_worker_gives_up_a_visit_and_the_first_asked_takes_it(server, driver, artifacts, axe_js):
    crawl.sign_in(server, driver, "team_worker")
    driver.get(server.url("/my-week"))
    old = driver.current_url
    driver.find_element("link text", "Week after").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url != old)
    week_url = driver.current_url
    link = driver.find_element("partial link text", "I cannot make this visit")
    link.click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/cover"))
    form_path = driver.current_url.split(server.base)[1]
    # Too long a reason: the error summary, linked to the box; nothing asked.
    driver.find_element("id", "reason").send_keys("x" * 501)
    click(driver, "Tell the co-op I cannot come")
    summary = driver.find_element("id", "error-summary")
    assert "500 characters" in summary.text
    assert summary.find_element("css selector", "a[href='#reason']")
    result = crawl.check_page(server, driver, "team_worker", form_path, artifacts, axe_js, already_loaded=True,
                              name="cover-ask-error", html="<!DOCTYPE html>\n" + driver.page_source)
    assert not result.all_problems(), result.all_problems()
    box = driver.find_element("id", "reason")
    box.clear()
    box.send_keys("Hospital appointment")
    click(driver, "Tell the co-op I cannot come")
    assert driver.current_url.endswith("/my-week/cover")
    assert "finding someone" in driver.find_element("tag name", "main").text
    driver.get(week_url)
    assert "You said you cannot make this" in driver.find_element("tag name", "main").text
    # The first asked get the offer by mail through the real SMTP server; one of them says yes.
    WebDriverWait(driver, 30, poll_frequency=1).until(
        lambda d: any(m["subject"].startswith("Can you cover a visit on") for m in server.mails()))
    offer = next(m for m in server.mails() if m["subject"].startswith("Can you cover a visit on"))
    assert "/my-week/cover" in offer["body"], "the mail links the cover page"
    sign_in_as(server, driver, email.utils.parseaddr(offer["to"])[1])
    driver.get(server.url("/my-week/cover"))
    result = crawl.check_page(server, driver, "cover_worker", "/my-week/cover", artifacts, axe_js, name="cover-offers")
    assert not result.all_problems(), result.all_problems()
    click(driver, "Yes, I will go")
    assert "/my-week" in driver.current_url
    WebDriverWait(driver, 30, poll_frequency=1).until(
        lambda d: any(" is covering your visit on " in m["subject"] and server.emails["team_worker"] in m["to"]
                      for m in server.mails()))


def test_a_worker_keeps_what_they_agree_to_and_a_broken_visit_goes_to_cover(server, driver, artifacts, axe_js):
    crawl.sign_in(server, driver, "team_worker")
    driver.get(server.url("/my-week"))
    driver.find_element("partial link text", "What I agree to").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/my-week/consent"))
    # A day whose end is before its start: the error summary links the field; nothing is kept.
    start = driver.find_element("id", "saturday-from")
    end = driver.find_element("id", "saturday-until")
    start.clear()
    start.send_keys("18:00")
    end.clear()
    end.send_keys("09:00")
    click(driver, "Save what I agree to")
    summary = driver.find_element("id", "error-summary")
    assert "Saturday: the end must be after the start" in summary.text
    assert summary.find_element("css selector", "a[href='#saturday-until']")
    result = crawl.check_page(server, driver, "team_worker", "/my-week/consent", artifacts, axe_js,
                              already_loaded=True, name="consent-error", html="<!DOCTYPE html>\n" + driver.page_source)
    assert not result.all_problems(), result.all_problems()
    # No longer on Mondays: Monday's visits still to come go to cover, and the page says so.
    for field in ("monday-from", "monday-until", "saturday-from", "saturday-until"):
        driver.find_element("id", field).clear()
    click(driver, "Save what I agree to")
    notice = driver.find_element("css selector", "main [role=status]").text
    assert "Saved." in notice
    assert driver.find_element("id", "monday-from").get_attribute("value") == ""


def test_the_family_proposes_a_change_and_the_person_agrees(server, driver, artifacts, axe_js):
    crawl.sign_in(server, driver, "family")
    crawl.team_link(driver).click()
    WebDriverWait(driver, 10).until(lambda d: "/teams/" in d.current_url)
    driver.find_element("partial link text", "visits, workers and home").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/pattern"))
    pattern_url = driver.current_url
    driver.find_element("link text", "Propose a change").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/pattern/new"))
    form_path = driver.current_url.split(server.base)[1]
    # A start that is not a time: the error summary links the visit's start box; nothing is proposed.
    start = driver.find_element("id", "v0-start")
    start.clear()
    start.send_keys("25:00")
    click(driver, "Propose this change")
    summary = driver.find_element("id", "error-summary")
    assert "Visit 1: give the start like 08:00" in summary.text
    assert summary.find_element("css selector", "a[href='#v0-start']")
    result = crawl.check_page(server, driver, "family", form_path, artifacts, axe_js, already_loaded=True,
                              name="pattern-error", html="<!DOCTYPE html>\n" + driver.page_source)
    assert not result.all_problems(), result.all_problems()
    start = driver.find_element("id", "v0-start")
    start.clear()
    start.send_keys("08:15")
    click(driver, "Propose this change")
    assert driver.current_url == pattern_url
    assert "Waiting for an answer" in driver.find_element("tag name", "main").text
    assert not driver.find_elements("xpath", "//main//button[normalize-space()='Agree']"), "family cannot agree"
    # The person agrees. The demo's person has their team decide by consent, so their yes is kept and the
    # change waits for the team's three days (or everyone's answer); the page says so.
    crawl.sign_in(server, driver, "person")
    driver.get(pattern_url)
    click(driver, "Agree")
    main = driver.find_element("tag name", "main").text
    assert "Waiting for the team (until the time runs out)" in main
    assert "08:15" in main
    result = crawl.check_page(server, driver, "person", pattern_url.split(server.base)[1], artifacts, axe_js)
    assert not result.all_problems(), result.all_problems()

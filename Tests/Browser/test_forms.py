"""Forms follow the GOV.UK pattern: sent empty, they come back with an error summary that takes focus
and links to each field, the input kept, and the page still passes every check."""
import datetime
import re
import urllib.parse
import zoneinfo

import pytest
from selenium.webdriver.support.wait import WebDriverWait

import crawl
import server as server_module

# role, page, the form's submit button text: every form a person fills in.
FORMS = [
    ("anonymous", "/sign-in", "Sign in"),
    ("anonymous", "/forgot-password", None),
    ("admin", "/people", None),
    ("admin", "/members", None),
    ("admin", "/members/existing", None),
    ("admin", "/circles", None),
    ("admin", "hat", None),
    ("person", "invite", None),
    ("family", "plan-section", None),
    ("person", "goal", None),
    ("team_worker", "goal", None),
    ("person", "/proposals", None),
    ("person", "proposal", None),
    ("person", "election", None),
]


def team_path(server, driver):
    """The first team the home page links to."""
    driver.get(server.url("/"))
    return urllib.parse.urlsplit(crawl.team_link(driver).get_attribute("href")).path


def resolve(server, driver, role, page):
    if page == "hat":
        driver.get(server.url("/hats"))
        return urllib.parse.urlsplit(driver.find_element("css selector", "main a[href^='/hats/']")
                                     .get_attribute("href")).path
    if page == "plan-section":
        return team_path(server, driver) + "/plan/sections/what-matters"
    if page == "goal":
        driver.get(server.url(team_path(server, driver) + "/plan"))
        goal = driver.find_element("css selector", "main a[href*='/plan/goals/']").get_attribute("href")
        return urllib.parse.urlsplit(goal).path
    if page == "proposal":
        driver.get(server.url("/proposals"))
        # The demo's open poll (the other is closed: it has no answer form).
        proposal = driver.find_element(
            "xpath", "//main//a[starts-with(@href, '/proposals/')][starts-with(normalize-space(), 'Raise')]"
        ).get_attribute("href")
        return urllib.parse.urlsplit(proposal).path
    if page == "election":
        driver.get(server.url("/proposals"))
        # The demo's open election: its ballot is the first form on the page.
        election = driver.find_element(
            "xpath", "//main//a[starts-with(@href, '/proposals/')][starts-with(normalize-space(), 'Elect two')]"
        ).get_attribute("href")
        return urllib.parse.urlsplit(election).path
    if page == "invite":
        driver.get(server.url("/"))
        team = crawl.team_link(driver).get_attribute("href")
        return urllib.parse.urlsplit(team).path + "/invite"
    return page


def sent(driver):
    """Waits for the answer to a posted form (an error page, here)."""
    WebDriverWait(driver, 15).until(lambda d: d.title.startswith("Error: ") or "error-summary" in d.page_source)


def as_role(server, driver, role):
    if role == "anonymous":
        driver.delete_all_cookies()
    else:
        crawl.sign_in(server, driver, role)


@pytest.mark.parametrize("role,page,_", FORMS, ids=[f"{r}-{p.strip('/')}" for r, p, _ in FORMS])
def test_empty_form_gets_a_focused_error_summary_linking_to_fields(server, driver, artifacts, axe_js, role, page, _):
    as_role(server, driver, role)
    path = resolve(server, driver, role, page)
    driver.get(server.url(path))
    form = driver.find_element("css selector", "main form:has(.field)")
    action = urllib.parse.urlsplit(form.get_attribute("action")).path
    hidden = {e.get_attribute("name"): e.get_attribute("value")
              for e in form.find_elements("css selector", "input[type=hidden]")}
    form.find_element("css selector", "button[type=submit]").click()
    sent(driver)
    assert driver.title.startswith("Error: "), f"title after an empty {path} form: {driver.title}"
    assert driver.execute_script("return document.activeElement.id") == "error-summary", \
        "the error summary did not receive focus"
    targets = driver.execute_script(
        "return Array.from(document.querySelectorAll('#error-summary a')).map(a => a.getAttribute('href'));")
    assert targets, "the error summary lists no errors"
    for href in targets:
        assert href.startswith("#")
        field = driver.execute_script("return document.getElementById(arguments[0]);", href[1:])
        assert field is not None, f"summary link {href} points at nothing"
        wrapper = driver.execute_script("return arguments[0].closest('.field');", field)
        assert wrapper is not None and "field-error" in wrapper.get_attribute("class"), \
            f"field {href} is not marked as in error"
    # Following a summary link puts the cursor in the field.
    driver.find_element("css selector", "#error-summary a").click()
    focused = driver.execute_script("return document.activeElement.id")
    assert focused == targets[0][1:] or driver.execute_script(
        "return document.activeElement.closest('fieldset') !== null"), "summary link did not move focus"

    result = crawl.check_page(server, driver, role, path, artifacts, axe_js, already_loaded=True,
                              name="error-" + crawl.slug(path),
                              html=crawl.raw_html(server, driver, action, form=hidden))
    assert not result.all_problems(), result.all_problems()


def test_input_is_kept_when_a_form_comes_back_with_errors(server, driver):
    as_role(server, driver, "admin")
    driver.get(server.url("/circles"))
    form = driver.find_element("css selector", "main form:has(.field)")
    # Fill every text box but one, then send: what was typed must still be there.
    boxes = form.find_elements("css selector", "input[type=text]")
    assert len(boxes) >= 2, "the new-circle form has fewer fields than expected"
    boxes[0].send_keys("Mytholmroyd")
    form.find_element("css selector", "button[type=submit]").click()
    sent(driver)
    assert driver.title.startswith("Error: ")
    first = driver.find_element("css selector", "main form:has(.field) input[type=text]")
    assert first.get_attribute("value") == "Mytholmroyd"


def test_password_reset_link_page_works_from_the_mailed_link(server, driver, artifacts, axe_js):
    driver.delete_all_cookies()
    driver.get(server.url("/forgot-password"))
    driver.find_element("css selector", "main input[type=email]").send_keys(server.emails["family"])
    driver.find_element("css selector", "main form button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: d.title != "Reset your password – CareCoop")
    # The mail went through the SMTP server (STARTTLS, AUTH PLAIN); the job sends it within a second or two.
    def mailed():
        return [m for m in server.mails() if m["to"] == f"<{server.emails['family']}>" or
                server.emails["family"] in m["to"]]
    WebDriverWait(driver, 20).until(lambda d: mailed())
    mail = mailed()[-1]
    assert "password" in mail["subject"].lower()
    assert mail["raw"]["Message-ID"] and mail["raw"]["Date"]
    assert "care@coop.example" in str(mail["raw"]["From"])
    links = re.findall(r"/reset-password\?token=[A-Za-z0-9_-]+", mail["body"])
    assert links, "the mail holds no reset link"
    assert "/reset-password" not in server.log(), "a secret link was written to the log"
    result = crawl.check_page(server, driver, "anonymous", links[-1], artifacts, axe_js, name="reset-password")
    assert driver.find_elements("css selector", "main input[type=password]"), "the reset page has no password box"
    assert not result.all_problems(), result.all_problems()


def test_not_found_page_passes_the_checks(server, driver, artifacts, axe_js):
    driver.delete_all_cookies()
    result = crawl.check_page(server, driver, "anonymous", "/no-such-page", artifacts, axe_js, name="not-found")
    assert "not found" in driver.title.lower() or "not found" in driver.page_source.lower()
    assert not result.all_problems(), result.all_problems()


@pytest.mark.parametrize("page,button,answer", [
    ("/invoices", "See what would be issued", "/invoice-runs"),
    ("/pay", "See what would be paid", "/pay-runs"),
])
def test_a_runs_first_step_passes_the_checks(server, driver, artifacts, axe_js, page, button, answer):
    """A run's first step (what would be issued or paid, and what is left out) is a page of its own, reached
    only by posting the form: the finance hat sends this week's days and the answer is checked."""
    import datetime
    crawl.sign_in(server, driver, "finance")
    driver.get(server.url(page))
    today = datetime.date.today()
    start = today - datetime.timedelta(days=6)
    csrf = driver.find_element("css selector", "main form input[name=csrf_token]").get_attribute("value")
    for name, day in (("from", start), ("through", today)):
        for suffix, value in (("", day.day), ("-month", day.month), ("-year", day.year)):
            box = driver.find_element("id", name + suffix)
            box.clear()
            box.send_keys(str(value))
    driver.find_element("xpath", f"//main//button[normalize-space()='{button}']").click()
    WebDriverWait(driver, 60).until(lambda d: urllib.parse.urlsplit(d.current_url).path == answer)
    assert "error-summary" not in driver.page_source
    result = crawl.check_page(server, driver, "finance", answer, artifacts, axe_js, already_loaded=True,
                              name="first-step-" + crawl.slug(answer),
                              html=crawl.raw_html(server, driver, answer, form={
                                  "csrf_token": csrf, "from": start.isoformat(), "through": today.isoformat()}))
    assert "<h1>" in result.html_file.read_text() and "error-summary" not in result.html_file.read_text()
    assert not result.all_problems(), result.all_problems()


def test_a_worker_chooses_steady_pay(server, driver, artifacts, axe_js):
    """The worker picks steady pay on their own pay page and is told it is saved; a choice not offered (sent by
    changing the form) answers with the error summary, and both answers pass every page check."""
    crawl.sign_in(server, driver, "team_worker")
    driver.get(server.url("/my-pay"))
    csrf = driver.find_element("css selector", "main form input[name=csrf_token]").get_attribute("value")
    driver.find_element("xpath", "//main//label[normalize-space()='Steady pay over 3 pay runs']").click()
    driver.find_element("xpath", "//main//button[normalize-space()='Save how I am paid']").click()
    WebDriverWait(driver, 60).until(lambda d: urllib.parse.urlsplit(d.current_url).query == "chosen")
    assert "Saved: steady pay" in driver.page_source
    saved = crawl.check_page(server, driver, "team_worker", "/my-pay", artifacts, axe_js, already_loaded=True,
                             name="steady-pay-saved", html=crawl.raw_html(server, driver, "/my-pay?chosen"))
    assert not saved.all_problems(), saved.all_problems()
    driver.execute_script("var r = document.getElementById('periods'); r.value = '5'; r.checked = true;")
    driver.find_element("xpath", "//main//button[normalize-space()='Save how I am paid']").click()
    WebDriverWait(driver, 60).until(lambda d: "error-summary" in d.page_source)
    wrong = crawl.check_page(server, driver, "team_worker", "/my-pay/steady", artifacts, axe_js,
                             already_loaded=True, name="steady-pay-wrong",
                             html=crawl.raw_html(server, driver, "/my-pay/steady",
                                                 form={"csrf_token": csrf, "periods": "5"}))
    assert "Choose plain pay, or steady pay over 2, 3, 4 or 6 pay runs" in wrong.html_file.read_text()
    assert not wrong.all_problems(), wrong.all_problems()


def test_undoing_a_banking_asks_why(server, driver, artifacts, axe_js):
    """The person opens the undo page from a banking in their hours' history and sends it without a reason:
    the error summary, and every page check on the answer (nothing is undone)."""
    crawl.sign_in(server, driver, "person")
    driver.get(server.url("/"))
    driver.find_element("xpath", "//main//a[contains(@href, '/hours')]").click()
    link = driver.find_element("css selector", "main a[href$='/undo']").get_attribute("href")
    driver.get(link)
    path = urllib.parse.urlsplit(link).path
    csrf = driver.find_element("css selector", "main form input[name=csrf_token]").get_attribute("value")
    driver.find_element("xpath", "//main//button[normalize-space()='Yes, undo it']").click()
    WebDriverWait(driver, 60).until(lambda d: "error-summary" in d.page_source)
    result = crawl.check_page(server, driver, "person", path, artifacts, axe_js, already_loaded=True,
                              name="undo-without-why",
                              html=crawl.raw_html(server, driver, path, form={"csrf_token": csrf, "reason": ""}))
    assert "Enter why it is undone" in result.html_file.read_text()
    assert not result.all_problems(), result.all_problems()


def test_the_person_chooses_a_steady_amount_to_pay(server, driver, artifacts, axe_js):
    """Once the person pays for some care themselves (the finance hat records a self-funded agreement through
    the API), their hours page links to what they pay; they choose a steady amount and are told it is saved;
    a choice not offered (sent by changing the form) answers with the error summary; both pass every check."""
    crawl.sign_in(server, driver, "person")
    driver.get(server.url("/"))
    driver.find_element("xpath", "//main//a[contains(@href, '/hours')]").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/hours"))
    person_id = urllib.parse.urlsplit(driver.current_url).path.split("/")[2]
    finance = server_module.sign_in(server, "finance")
    status, _, _ = server_module.call_with_key(
        server, f"/api/v1/teams/{person_id}/hours/agreements", finance,
        {"funder": "selfFunded", "funderName": "Paid by themselves", "minutesPerPeriod": 60, "period": "week",
         "starts": datetime.datetime.now(zoneinfo.ZoneInfo("Europe/London")).date().isoformat(), "ratePence": 2000, "bankWeeks": 4, "noticeDays": 0}, key=None)
    assert status == 201, status
    driver.refresh()
    driver.find_element("xpath", "//main//a[normalize-space()='What you pay towards your care']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/payments"))
    path = urllib.parse.urlsplit(driver.current_url).path
    csrf = driver.find_element("css selector", "main form input[name=csrf_token]").get_attribute("value")
    driver.find_element("xpath", "//main//label[normalize-space()='A steady amount over 3 months']").click()
    driver.find_element("xpath", "//main//button[normalize-space()='Save how I pay']").click()
    WebDriverWait(driver, 60).until(lambda d: urllib.parse.urlsplit(d.current_url).query == "chosen")
    assert "Saved: a steady amount" in driver.page_source
    saved = crawl.check_page(server, driver, "person", path, artifacts, axe_js, already_loaded=True,
                             name="steady-payments-saved", html=crawl.raw_html(server, driver, path + "?chosen"))
    assert not saved.all_problems(), saved.all_problems()
    driver.execute_script("var r = document.getElementById('periods'); r.value = '5'; r.checked = true;")
    driver.find_element("xpath", "//main//button[normalize-space()='Save how I pay']").click()
    WebDriverWait(driver, 60).until(lambda d: "error-summary" in d.page_source)
    wrong = crawl.check_page(server, driver, "person", path + "/steady", artifacts, axe_js, already_loaded=True,
                             name="steady-payments-wrong",
                             html=crawl.raw_html(server, driver, path + "/steady",
                                                 form={"csrf_token": csrf, "periods": "5"}))
    assert "Choose to pay what is invoiced, or a steady amount" in wrong.html_file.read_text()
    assert not wrong.all_problems(), wrong.all_problems()

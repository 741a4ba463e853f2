"""The person's own pages: Easy Read they can switch on and keep, and a clean A4 print."""
import re

from selenium.webdriver.support.wait import WebDriverWait

import browser
import checks
import crawl


def open_own_team(server, driver):
    crawl.sign_in(server, driver, "person")
    crawl.team_link(driver).click()
    WebDriverWait(driver, 10).until(lambda d: "/teams/" in d.current_url)


def click_and_wait(driver, text):
    old = driver.find_element("tag name", "html")
    driver.find_element("xpath", f"//main//button[normalize-space()='{text}']").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element("tag name", "html") != old)


def fetch_pdf(driver, href):
    """A PDF link's bytes, fetched by the page itself (its cookies): it must answer 200 with a PDF."""
    answer = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done({status: r.status,"
        "  type: r.headers.get('content-type'), bytes: Array.from(new Uint8Array(b))})));", href)
    assert answer["status"] == 200 and answer["type"] == "application/pdf", answer["status"]
    return bytes(answer["bytes"])


def assert_a4(pdf):
    boxes = {tuple(round(float(n)) for n in m.split()) for m in
             re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", pdf) for m in [m.decode()]}
    assert boxes and all(abs(b[2] - 595) <= 2 and abs(b[3] - 842) <= 2 for b in boxes), f"not A4: {boxes}"


def test_person_switches_on_easy_read_and_it_stays_on(server, driver, artifacts, axe_js):
    open_own_team(server, driver)
    click_and_wait(driver, "Show in Easy Read")
    assert "easy-read" in driver.find_element("tag name", "body").get_attribute("class")
    lines = driver.execute_script(
        "return Array.from(document.querySelectorAll('main .team-member p')).map(p => p.textContent);")
    assert lines and all(len(line.split()) <= 12 for line in lines), f"Easy Read lines too long: {lines}"
    size = driver.execute_script("return parseFloat(getComputedStyle(document.querySelector('main p')).fontSize);")
    assert size >= 24, f"Easy Read text is {size}px, want at least 24px"
    members = driver.find_elements("css selector", "main .team-member")
    avatars = driver.find_elements("css selector", "main .team-member .avatar")
    assert len(members) >= 4 and len(avatars) == len(members), "every person in the team needs a picture"
    result = crawl.check_page(server, driver, "person", driver.current_url.split(server.base)[1], artifacts,
                              axe_js, name="team-easy-read")
    assert not result.all_problems(), result.all_problems()

    # Signed out and in again, the choice is remembered.
    crawl.sign_in(server, driver, "person")
    crawl.team_link(driver).click()
    WebDriverWait(driver, 10).until(lambda d: "/teams/" in d.current_url)
    assert "easy-read" in driver.find_element("tag name", "body").get_attribute("class")
    click_and_wait(driver, "Show the standard view")
    assert "easy-read" not in (driver.find_element("tag name", "body").get_attribute("class") or "")


def test_communication_needs_are_shown_to_everyone_in_the_team(server, driver):
    for role in ("person", "family", "team_worker"):
        crawl.sign_in(server, driver, role)
        driver.get(server.url("/"))
        team_links = crawl.team_links(driver)
        assert team_links, f"{role} has no link to the team"
        team_links[0].click()
        WebDriverWait(driver, 10).until(lambda d: "/teams/" in d.current_url)
        note = driver.find_element("css selector", "main [role=note]")
        assert "Easy Read" in note.text and note.location["y"] < 600, f"{role}: needs not shown near the top"


def test_team_prints_on_a4_as_a_tagged_pdf_without_menus(server, driver, artifacts):
    open_own_team(server, driver)
    assert driver.find_elements("css selector", "[data-print]"), "no print link on the team page"
    pdf = browser.pdf(driver)
    (artifacts / "team.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert b"/StructTreeRoot" in pdf, "the PDF is not tagged (screen readers cannot read its structure)"
    assert_a4(pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages == 1, f"a team of six prints on {pages} pages, not one"
    # The print stylesheet drops the menus and buttons: they mean nothing on paper.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = driver.execute_script(
            "return ['.site-header nav', '.breadcrumbs', 'main form', '[data-print]', 'main a.button', 'footer'].every(function (s) {"
            "  return Array.from(document.querySelectorAll(s)).every(e => e.getClientRects().length === 0); });")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert hidden, "menus, forms or the print button still show when printed"


def test_idle_warning_can_be_read_and_answered_by_keyboard(server, driver, artifacts, axe_js):
    crawl.sign_in(server, driver, "family")
    driver.execute_script("document.getElementById('timeout-warning').showModal();")
    focused = driver.execute_script("return document.activeElement.textContent.trim();")
    assert focused == "Stay signed in", f"focus went to {focused!r}, not the button"
    problems = checks.axe(driver, axe_js)
    assert not problems, "\n".join(problems)
    driver.switch_to.active_element.send_keys("\n")
    WebDriverWait(driver, 10).until(
        lambda d: not d.execute_script("return document.getElementById('timeout-warning').open;"))


def test_an_invoice_downloads_as_a_tagged_a4_pdf(server, driver, artifacts):
    """The finance hat's invoice page links to its PDF, which the server prints with Chromium from the same
    HTML: A4, tagged, titled with the invoice's reference, one page for the demo's invoice."""
    crawl.sign_in(server, driver, "finance")
    driver.get(server.url("/invoices"))
    links = driver.find_elements("css selector", "main a[href^='/invoices/']")
    assert links, "the demo issues an invoice"
    links[0].click()
    WebDriverWait(driver, 10).until(lambda d: re.search(r"/invoices/[0-9a-f-]{36}$", d.current_url))
    reference = driver.find_element("tag name", "h1").text.split()[-1]
    link = driver.find_element("css selector", "main a[download$='.pdf']")
    assert link.get_attribute("download") == f"{reference}.pdf" and "PDF" in link.text
    pdf = fetch_pdf(driver, link.get_attribute("href"))
    (artifacts / "invoice.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and b"/StructTreeRoot" in pdf, "not a tagged PDF"
    assert f"/Title (Invoice {reference}".encode() in pdf
    assert_a4(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def open_own_plan(server, driver):
    open_own_team(server, driver)
    driver.find_element("xpath", "//main//a[starts-with(normalize-space(), 'Your support plan')]").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/plan"))


def test_the_plan_prints_the_sections_the_person_chooses_on_a4(server, driver, artifacts):
    """The person opens the print page from their plan, keeps only their goals, and prints: A4, tagged, no
    menus or forms, that section alone; the PDF the server makes from the same HTML has it alone too."""
    open_own_plan(server, driver)
    driver.find_element("xpath", "//main//a[normalize-space()='Print the plan, or the sections you choose']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/plan/print"))
    for box in driver.find_elements("css selector", "main input[name=section]"):
        if box.is_selected() != (box.get_attribute("value") == "goals"):
            driver.find_element("css selector", f"label[for='{box.get_attribute('id')}']").click()
    driver.find_element("xpath", "//main//button[normalize-space()='Show these sections']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("?section=goals"))
    pdf = browser.pdf(driver)
    (artifacts / "plan.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and b"/StructTreeRoot" in pdf, "the printed plan is not a tagged PDF"
    assert_a4(pdf)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = driver.execute_script(
            "return ['.site-header nav', '.breadcrumbs', 'main form', '[data-print]', 'main a[download]', 'footer']"
            ".every(function (s) { return Array.from(document.querySelectorAll(s))"
            ".every(e => e.getClientRects().length === 0); });")
        printed = driver.execute_script(
            "return Array.from(document.querySelectorAll('main section h2'))"
            ".filter(e => e.getClientRects().length > 0).map(e => e.textContent);")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert hidden, "menus, forms or buttons still show when the plan is printed"
    assert printed == ["My goals for living life well"], f"printed sections: {printed}"
    link = driver.find_element("css selector", "main a[download]")
    made = fetch_pdf(driver, link.get_attribute("href"))
    (artifacts / "plan-server.pdf").write_bytes(made)
    assert b"/StructTreeRoot" in made and len(re.findall(rb"/S\s*/H2\b", made)) == 1


def test_the_plan_in_easy_read_passes_every_check(server, driver, artifacts, axe_js):
    open_own_plan(server, driver)
    click_and_wait(driver, "Show in Easy Read")
    try:
        assert "easy-read" in driver.find_element("tag name", "body").get_attribute("class")
        assert driver.find_element("tag name", "h1").text == "Your plan"
        size = driver.execute_script(
            "return parseFloat(getComputedStyle(document.querySelector('main .easy-lines li')).fontSize);")
        assert size >= 24, f"Easy Read text is {size}px, want at least 24px"
        assert driver.find_elements("css selector", "main .written-by .avatar"), "no picture for who wrote a part"
        result = crawl.check_page(server, driver, "person", driver.current_url.split(server.base)[1], artifacts,
                                  axe_js, name="plan-easy-read")
        assert not result.all_problems(), result.all_problems()
    finally:
        click_and_wait(driver, "Show the standard view")

"""Visits every page a role can reach from its home page, checks each, and keeps what it saw."""
import http.cookiejar
import re
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from selenium.webdriver.support.wait import WebDriverWait

import browser
import checks

# Same-template pages (one per hat, one per team…) are checked up to this many times per role:
# they share a view, so more visits only cost time.
PER_TEMPLATE = 2
ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


@dataclass
class Page:
    role: str
    path: str
    title: str = ""
    html_file: Path | None = None
    problems: dict = field(default_factory=dict)  # check name → [problem]

    def all_problems(self) -> str:
        return "\n".join(f"{check}: {p}" for check, found in self.problems.items() for p in found)


def template(path: str) -> str:
    return ID.sub(":id", path.split("?")[0])


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", template(path).lower()).strip("-") or "home"


def raw_html(server, driver, path: str, form: dict | None = None) -> str:
    """The HTML exactly as the server sends it (the validator must see that, not the live DOM), with
    the browser's cookies; `form` posts those fields instead of a GET."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(server.url(path), data=data, headers={"Cookie": cookies})
    try:
        with opener.open(request, timeout=10) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:  # error pages are pages too
        return error.read().decode()


def live_html(driver) -> str:
    """The live DOM with its doctype, for a page shown once (after a POST) that a fresh request cannot fetch
    again; `page_source` alone leaves the doctype out."""
    doctype = driver.execute_script(
        "const t = document.doctype; return t ? '<!DOCTYPE ' + t.name + '>' : ''")
    return f"{doctype}\n{driver.page_source}" if doctype else driver.page_source


def check_page(server, driver, role: str, path: str, artifacts: Path, axe_js: str, already_loaded=False,
               name: str | None = None, html: str | None = None) -> Page:
    """Runs every check on one page. `already_loaded`: the page is on screen (a form just posted),
    so `html` (what the server answered, or the live DOM) is kept instead of a fresh GET."""
    page = Page(role, path)
    browser.set_width(driver, *browser.DESKTOP)
    if not already_loaded:
        driver.get(server.url(path))
    page.path = urllib.parse.urlsplit(driver.current_url).path or path
    page.title = driver.title
    name = name or slug(page.path)
    shots = artifacts / "screenshots" / role
    browser.screenshot(driver, shots / f"{name}-1280.png")
    page.problems["axe"] = checks.axe(driver, axe_js)
    page.problems["structure"] = checks.structure(driver)
    page.problems["keyboard"] = checks.keyboard(driver)
    # Leave no focus behind: a focused skip link would cover the header in the next checks.
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    browser.set_width(driver, browser.NARROW)
    page.problems["reflow"] = checks.reflow(driver)
    page.problems["axe"] += [p + " (at 320 px)" for p in checks.axe(driver, axe_js)
                             if p not in page.problems["axe"]]
    browser.screenshot(driver, shots / f"{name}-320.png")
    browser.set_width(driver, *browser.DESKTOP)
    html_dir = artifacts / "html" / role
    html_dir.mkdir(parents=True, exist_ok=True)
    page.html_file = html_dir / f"{name}.html"
    page.html_file.write_text(html if html is not None else raw_html(server, driver, path))
    return page


def links(server, driver) -> list[str]:
    hrefs = driver.execute_script(
        # A download link is a file (a photo, a video), not a page to check.
        "return Array.from(document.querySelectorAll('a[href]:not([download])')).map(function (a) { return a.href; });")
    out = []
    for href in hrefs:
        parts = urllib.parse.urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != server.base or parts.path.startswith(("/static/", "/api/")):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def crawl(server, driver, role: str, artifacts: Path, axe_js: str, start: str = "/") -> list[Page]:
    seen, queue, pages, per_template = set(), [start], [], Counter()
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        if per_template[template(path)] >= PER_TEMPLATE:
            continue
        per_template[template(path)] += 1
        name = slug(path) + (f"-{per_template[template(path)]}" if per_template[template(path)] > 1 else "")
        page = check_page(server, driver, role, path, artifacts, axe_js, name=name)
        pages.append(page)
        queue += [p for p in links(server, driver) if p not in seen]
    return pages


def sign_in(server, driver, role: str):
    driver.delete_all_cookies()
    driver.get(server.url("/sign-in"))
    driver.find_element("id", "email").send_keys(server.emails[role])
    driver.find_element("id", "password").send_keys(server.password)
    driver.find_element("css selector", "main form button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: urllib.parse.urlsplit(d.current_url).path != "/sign-in"
                                    or d.title.startswith("Error"))
    assert urllib.parse.urlsplit(driver.current_url).path == "/", f"{role} could not sign in: {driver.title}"


def team_links(driver) -> list:
    """The links on the page to a team's own page (not a message's link into one of its pages)."""
    return [link for link in driver.find_elements("css selector", "main a[href^='/teams/']")
            if re.fullmatch(r"/teams/[0-9a-fA-F-]+", urllib.parse.urlsplit(link.get_attribute("href")).path)]


def team_link(driver):
    """The first link on the page to a team's own page."""
    found = team_links(driver)
    assert found, "the page links to no team"
    return found[0]

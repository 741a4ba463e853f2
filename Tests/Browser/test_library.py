"""The co-op's library in a real browser: the administrator adds a policy through the upload form (the file
streamed, its name kept), everyone finds it from the header's link and opens it, and the form sent with no
title or file comes back with its error summary. Every page passes every check."""
import tempfile
import urllib.parse
from pathlib import Path

from selenium.webdriver.support.wait import WebDriverWait

import crawl
from test_documents import PDF, raw_upload


def test_the_administrator_adds_a_policy_and_a_family_member_opens_it(server, driver, artifacts, axe_js):
    crawl.sign_in(server, driver, "admin")
    driver.get(server.url("/"))
    driver.find_element("xpath", "//header//a[normalize-space()='Library']").click()
    WebDriverWait(driver, 10).until(lambda d: urllib.parse.urlsplit(d.current_url).path == "/library")
    upload = Path(tempfile.mkdtemp(prefix="carecoop-library-")) / "Complaints policy 2026.pdf"
    upload.write_bytes(PDF)
    driver.find_element("id", "title").send_keys("Complaints policy")
    driver.find_element("xpath", "//main//label[normalize-space()='Policy']").click()
    driver.find_element("xpath", "//main//label[normalize-space()='The co-op']").click()
    driver.find_element("id", "file").send_keys(str(upload))
    driver.find_element("xpath", "//main//button[normalize-space()='Add the document']").click()
    WebDriverWait(driver, 30).until(lambda d: urllib.parse.urlsplit(d.current_url).query == "added")
    page = urllib.parse.urlsplit(driver.current_url).path
    assert page.startswith("/library/") and "Complaints policy 2026.pdf" in driver.page_source
    added = crawl.check_page(server, driver, "admin", page, artifacts, axe_js, already_loaded=True,
                             name="library-added", html=crawl.raw_html(server, driver, page + "?added"))
    assert not added.all_problems(), added.all_problems()

    crawl.sign_in(server, driver, "family")
    driver.get(server.url("/library"))
    driver.find_element("xpath", "//main//a[normalize-space()='Complaints policy']").click()
    WebDriverWait(driver, 10).until(lambda d: urllib.parse.urlsplit(d.current_url).path == page)
    link = driver.find_element("css selector", "main a[download]").get_attribute("href")
    assert crawl.raw_html(server, driver, urllib.parse.urlsplit(link).path).encode() == PDF
    shelves = crawl.check_page(server, driver, "family", "/library", artifacts, axe_js, name="library-family")
    assert not shelves.all_problems(), shelves.all_problems()


def test_the_library_form_sent_empty_comes_back_with_its_error_summary(server, driver, artifacts, axe_js):
    crawl.sign_in(server, driver, "admin")
    driver.get(server.url("/library"))
    driver.find_element("xpath", "//main//button[normalize-space()='Add the document']").click()
    WebDriverWait(driver, 30).until(lambda d: "error-summary" in d.page_source)
    assert driver.title.startswith("Error: ")
    assert driver.execute_script("return document.activeElement.id") == "error-summary"
    csrf = driver.find_element("css selector", "main form input[name=csrf_token]").get_attribute("value")
    html = raw_upload(server, driver, "/library", {"csrf_token": csrf, "title": "", "audience": "everyone"})
    assert "Enter the document&#39;s title" in html or "Enter the document's title" in html
    result = crawl.check_page(server, driver, "admin", "/library", artifacts, axe_js, already_loaded=True,
                              name="library-empty-form", html=html)
    assert not result.all_problems(), result.all_problems()

"""The person's documents in a real browser: a PDF added through the library's form (the file streamed, its
name kept), the document's page, who sees it changed in two steps (the check, then the confirmed change), and
the form sent without a title or a file coming back with its error summary. Every page passes every check."""
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from selenium.webdriver.support.wait import WebDriverWait

import crawl

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def raw_upload(server, driver, path, fields):
    """What the server answers a multipart form sent as a browser sends it with no file chosen (the fields,
    then an empty file part), exactly as sent: the validator checks that, not the live DOM."""
    boundary = "----carecoop-browser-9"
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\n'
             "Content-Type: application/octet-stream\r\n\r\n\r\n").encode()
    body += f"--{boundary}--\r\n".encode()
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(server.url(path), data=body, headers={
        "Cookie": cookies, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        return error.read().decode()


def open_library(server, driver):
    crawl.sign_in(server, driver, "person")
    driver.get(server.url("/"))
    team = crawl.team_link(driver).get_attribute("href")
    driver.get(team)
    driver.find_element("xpath", "//main//a[normalize-space()='Your documents']").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/documents"))
    return urllib.parse.urlsplit(driver.current_url).path


def test_a_document_is_added_and_who_sees_it_changes_in_two_steps(server, driver, artifacts, axe_js):
    library = open_library(server, driver)
    upload = Path(tempfile.mkdtemp(prefix="carecoop-docs-")) / "Letter from the council.pdf"
    upload.write_bytes(PDF)
    driver.find_element("id", "title").send_keys("Letter about my hours")
    driver.find_element("xpath", "//main//label[normalize-space()='Letter']").click()
    driver.find_element("xpath", "//main//label[starts-with(normalize-space(), 'The workers in')]").click()
    driver.find_element("id", "file").send_keys(str(upload))
    driver.find_element("xpath", "//main//button[normalize-space()='Add the document']").click()
    WebDriverWait(driver, 30).until(lambda d: urllib.parse.urlsplit(d.current_url).query == "added")
    page = urllib.parse.urlsplit(driver.current_url).path
    assert page.startswith("/documents/")
    assert "Letter from the council.pdf" in driver.page_source
    added = crawl.check_page(server, driver, "person", page, artifacts, axe_js, already_loaded=True,
                             name="document-added", html=crawl.raw_html(server, driver, page + "?added"))
    assert not added.all_problems(), added.all_problems()
    # The downloaded file is the one sent.
    link = driver.find_element("css selector", "main a[download]").get_attribute("href")
    assert crawl.raw_html(server, driver, urllib.parse.urlsplit(link).path).encode() == PDF
    # Step one: the check shows who would lose it; nothing changes yet.
    driver.find_element("xpath", "//main//label[starts-with(normalize-space(), 'Only ')]").click()
    driver.find_element("xpath", "//main//button[normalize-space()='Check the change']").click()
    WebDriverWait(driver, 30).until(lambda d: d.title.startswith("Check who will see"))
    assert "Who will no longer see it" in driver.page_source
    csrf = driver.find_element("css selector", "main form input[name=csrf_token]").get_attribute("value")
    check = crawl.check_page(server, driver, "person", page + "/visibility", artifacts, axe_js, already_loaded=True,
                             name="document-visibility-check",
                             html=crawl.raw_html(server, driver, page + "/visibility",
                                                 form={"csrf_token": csrf, "visibility": "only-me"}))
    assert not check.all_problems(), check.all_problems()
    # Step two: confirmed, and said so.
    driver.find_element("xpath", "//main//button[normalize-space()='Yes, change who sees it']").click()
    WebDriverWait(driver, 30).until(lambda d: urllib.parse.urlsplit(d.current_url).query == "changed")
    assert "Saved: who sees it has changed." in driver.page_source
    # Back in the library, the document is listed with who sees it.
    driver.get(server.url(library))
    assert "Letter about my hours" in driver.page_source and "Only me and my arranger" in driver.page_source


def test_the_upload_form_sent_empty_comes_back_with_its_error_summary(server, driver, artifacts, axe_js):
    library = open_library(server, driver)
    driver.find_element("xpath", "//main//button[normalize-space()='Add the document']").click()
    WebDriverWait(driver, 30).until(lambda d: "error-summary" in d.page_source)
    assert driver.title.startswith("Error: ")
    assert driver.execute_script("return document.activeElement.id") == "error-summary"
    summary = driver.find_element("id", "error-summary").text
    assert "Enter the document's title" in summary and "Choose what kind of document it is" in summary
    csrf = driver.find_element("css selector", "main form input[name=csrf_token]").get_attribute("value")
    html = raw_upload(server, driver, library, {"csrf_token": csrf, "title": "", "visibility": "my-team"})
    assert "Enter the document&#39;s title" in html or "Enter the document's title" in html
    result = crawl.check_page(server, driver, "person", library, artifacts, axe_js, already_loaded=True,
                              name="documents-empty-form", html=html)
    assert not result.all_problems(), result.all_problems()

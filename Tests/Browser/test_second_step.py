"""The second step when signing in, in the browser: a member turns it on from their account (the key is typed
into an authenticator app — here the test works out the app's code, RFC 6238) and is shown ten recovery codes
once; from then on the password alone leads to the code page; a wrong code comes back with its error summary,
the app's next code signs them in, and a recovery code works once. Every page passes every check. On a demo
server of its own, so the shared demo's sign-ins are untouched."""
import base64
import hashlib
import hmac
import struct
import time
import urllib.parse

import pytest
from selenium.webdriver.support.wait import WebDriverWait

import crawl
import server as server_module


def totp(secret: str, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows for `secret` (Base32) at `at` (RFC 6238: SHA-1, 30 s)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def test_the_code_matches_rfc_6238():
    # RFC 6238 Appendix B, SHA-1: the secret "12345678901234567890", 8 digits there; these are its last 6.
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert [totp(secret, t) for t in (59, 1111111109, 1234567890)] == ["287082", "081804", "005924"]


@pytest.fixture(scope="module")
def own_server(artifacts):
    s = server_module.start(artifacts)
    yield s
    s.stop()


def password_step(server, driver, role):
    driver.delete_all_cookies()
    driver.get(server.url("/sign-in"))
    driver.find_element("id", "email").send_keys(server.emails[role])
    driver.find_element("id", "password").send_keys(server.password)
    driver.find_element("css selector", "main form button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: urllib.parse.urlsplit(d.current_url).path != "/sign-in")


def code_step(driver, code):
    box = driver.find_element("id", "code")
    box.clear()
    box.send_keys(code)
    driver.find_element("xpath", "//main//button[normalize-space()='Sign in']").click()


def path(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def test_a_member_turns_on_the_second_step_and_signs_in_with_a_code(own_server, driver, artifacts, axe_js):
    server = own_server
    crawl.sign_in(server, driver, "family")
    setup = crawl.check_page(server, driver, "family", "/account/second-step", artifacts, axe_js,
                             name="second-step-setup")
    assert not setup.all_problems(), setup.all_problems()
    secret = driver.find_element("css selector", "main input[name=secret]").get_attribute("value")
    driver.find_element("id", "code").send_keys(totp(secret))
    driver.find_element("xpath", "//main//button[normalize-space()='Turn on the second step']").click()
    WebDriverWait(driver, 15).until(lambda d: "The second step is on." in d.page_source)
    recovery = [e.text for e in driver.find_elements("css selector", "main .notice li .ballot-code")]
    assert len(recovery) == 10, recovery
    shown = crawl.check_page(server, driver, "family", "/account/second-step", artifacts, axe_js,
                             already_loaded=True, name="second-step-recovery-codes",
                             html=crawl.live_html(driver))
    assert not shown.all_problems(), shown.all_problems()

    # The password alone now leads to the code page, which passes every check.
    password_step(server, driver, "family")
    assert path(driver) == "/sign-in/code", driver.current_url
    asked = crawl.check_page(server, driver, "family", "/sign-in/code", artifacts, axe_js, name="sign-in-code")
    assert not asked.all_problems(), asked.all_problems()
    # A wrong code: the error summary, focused.
    right = totp(secret)
    code_step(driver, f"{(int(right) + 1) % 1_000_000:06d}")
    WebDriverWait(driver, 15).until(lambda d: "error-summary" in d.page_source)
    assert driver.execute_script("return document.activeElement.id") == "error-summary"
    form = driver.find_element("css selector", "main form[action='/sign-in/code']")
    fields = {e.get_attribute("name"): e.get_attribute("value")
              for e in form.find_elements("css selector", "input[type=hidden]")}
    refused = crawl.check_page(server, driver, "family", "/sign-in/code", artifacts, axe_js, already_loaded=True,
                               name="sign-in-code-refused",
                               html=crawl.raw_html(server, driver, "/sign-in/code", form={**fields, "code": "1"}))
    assert not refused.all_problems(), refused.all_problems()
    # The app's next code (the one that turned it on is used): signed in, at home.
    time.sleep(30 - time.time() % 30 + 1)
    code_step(driver, totp(secret))
    WebDriverWait(driver, 15).until(lambda d: path(d) != "/sign-in/code")
    assert path(driver) == "/", driver.current_url

    # A recovery code instead of the app: once.
    password_step(server, driver, "family")
    code_step(driver, recovery[0])
    WebDriverWait(driver, 15).until(lambda d: path(d) != "/sign-in/code")
    assert path(driver) == "/", driver.current_url
    password_step(server, driver, "family")
    code_step(driver, recovery[0])
    WebDriverWait(driver, 15).until(lambda d: "error-summary" in d.page_source)
    assert path(driver) == "/sign-in/code"

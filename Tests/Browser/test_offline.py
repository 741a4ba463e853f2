"""A worker's phone without signal (issue 13): at 390 px the worker checks in, then the network goes off;
a task, a medicine and the check-out are kept on the phone, and the page opens again from the phone's copy;
when the network is back they are sent, once each, and the record shows them."""
import dataclasses
import json
import socket
import threading
import urllib.parse
import urllib.request

from selenium.webdriver.support.wait import WebDriverWait

import browser
import crawl
from test_api_fuzz import token


class Relay:
    """A TCP relay in front of the server, for the phone's signal: cut, nothing reaches the server — not the
    page, not its service worker (the browser's own offline switch does not reach service workers)."""

    def __init__(self, target_port: int):
        self.target = target_port
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.lock = threading.Lock()
        self.connections = []
        self.listener = None
        self.restore()

    def restore(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a, b):
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for end in (a, b):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        with self.lock:
            for c in self.connections:
                try:
                    c.shutdown(socket.SHUT_RDWR)
                    c.close()
                except OSError:
                    pass
            self.connections = []


def main_text(driver):
    return driver.find_element("tag name", "main").text


def save(driver, form):
    """Presses the button of the form whose hidden `form` field is `form`."""
    button = driver.find_element(
        "xpath", f"//form[.//input[@name='form' and @value='{form}']]//button[@type='submit']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()


def test_the_record_is_kept_offline_and_sent_when_the_signal_returns(server, driver, artifacts):
    relay = Relay(urllib.parse.urlsplit(server.base).port)
    direct, server = server, dataclasses.replace(server, base=f"http://127.0.0.1:{relay.port}")
    crawl.sign_in(server, driver, "team_worker")
    browser.set_width(driver, 390, 844)
    driver.get(server.url("/my-week"))
    records = sorted({a.get_attribute("href") for a in driver.find_elements("css selector", "main a[href$='/record']")})
    assert records, "the worker's week links no visit records"
    # A visit not yet started, of the person whose list has a medicine taken when needed.
    page = None
    for href in records:
        driver.get(href)
        text = main_text(driver)
        if "Say when you arrive." in text and "Paracetamol, when needed" in text:
            page = href
            break
    assert page, "no visit of the demo person's waiting to be recorded"
    path = page.split(server.base)[1]
    save(driver, "checkIn")
    WebDriverWait(driver, 15).until(lambda d: "You have said you arrived." in main_text(d))

    relay.cut()
    try:
        task = driver.find_element("xpath", "//input[@name='form' and starts-with(@value, 'task-')]")
        name = task.get_attribute("value")
        driver.execute_script("arguments[0].click();", driver.find_element("id", f"{name}-outcome"))
        save(driver, name)
        WebDriverWait(driver, 10).until(lambda d: "kept on this phone" in d.find_element("id", "outbox").text)
        medicine = driver.find_element(
            "xpath", "//input[@name='form' and starts-with(@value, 'med-') and contains(@value, '-asNeeded')]")
        dose = medicine.get_attribute("value")
        driver.execute_script("arguments[0].click();", driver.find_element("id", f"{dose}-medicineOutcome"))
        save(driver, dose)
        save(driver, "checkOut")
        WebDriverWait(driver, 10).until(lambda d: "3 things are kept" in d.find_element("id", "outbox").text)
        assert "You have said you left." not in main_text(driver), "nothing can reach the server offline"
        # Opened again without signal: the service worker shows the copy kept on the phone, and the outbox
        # still holds the three entries.
        driver.refresh()
        WebDriverWait(driver, 15).until(lambda d: "3 things are kept" in d.find_element("id", "outbox").text)
        assert "You have said you arrived." in main_text(driver)
        browser.screenshot(driver, artifacts / "offline-390.png")
    finally:
        relay.restore()
    # The signal is back: the phone sends what it kept and shows the record.
    WebDriverWait(driver, 60, poll_frequency=1).until(lambda d: "You have said you left." in main_text(d))
    text = main_text(driver)
    assert "Paracetamol (when needed): given" in text
    assert ": done" in text
    assert driver.execute_script("return window.localStorage.getItem('carecoop.outbox')") == "[]"
    # Each entry once, with the phone's time: check-in, the task, the medicine, the check-out.
    visit = path.split("/")[2]
    request = urllib.request.Request(direct.url(f"/api/v1/visits/{visit}/record"),
                                     headers={"Authorization": f"Bearer {token(direct, 'team_worker')}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        lines = json.loads(response.read())["lines"]
    assert sorted(line["kind"] for line in lines) == ["checkIn", "checkOut", "medicine", "task"]

"""Markup in a link or a form cannot take over the page: a crafted `next=` whose value closes its
attribute and adds a meta refresh is shown as text, and the browser stays where it is."""
import time
import urllib.parse

# If the value escaped its attribute, the refresh would take the browser to /health on our own server.
PAYLOAD = '"><meta http-equiv="refresh" content="0;url=/health"><b id="injected">x</b>'


def test_a_crafted_next_link_does_not_navigate_away(server, driver):
    driver.delete_all_cookies()
    page = server.url("/sign-in?next=" + urllib.parse.quote(PAYLOAD, safe=""))
    driver.get(page)
    time.sleep(1.5)  # longer than the refresh would take
    assert urllib.parse.urlsplit(driver.current_url).path == "/sign-in", driver.current_url
    assert driver.find_elements("css selector", "#injected") == []
    assert driver.find_elements("css selector", "meta[http-equiv]") == []
    field = driver.find_element("css selector", "input[name='next']")
    assert field.get_attribute("value") == PAYLOAD

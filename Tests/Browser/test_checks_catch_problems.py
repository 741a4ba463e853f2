"""The checks themselves: a page built to break each rule must be caught, so a green run means something."""
from pathlib import Path

import browser
import checks

BAD_PAGE = """<!doctype html><html><head><title></title>
<style>.wide { width: 600px; } button:focus, input:focus { outline: none; box-shadow: none; }
.hidden-link { color: #eee; background: #fff; }</style></head>
<body><h1>One</h1><h1>Two</h1>
<div class="wide">too wide for a phone</div>
<input name="nick" placeholder="Your nickname">
<button>Go</button>
<p class="hidden-link">faint text</p>
</body></html>"""


def load(driver, tmp_path: Path, html: str):
    page = tmp_path / "bad.html"
    page.write_text(html)
    browser.set_width(driver, *browser.DESKTOP)
    driver.get(page.as_uri())


def test_structure_check_catches_missing_lang_title_skip_link_and_labels(driver, tmp_path):
    load(driver, tmp_path, BAD_PAGE)
    found = " | ".join(checks.structure(driver))
    for expected in ("no lang", "2 h1", "no title", "skip link", "main landmark", "nick has no visible label"):
        assert expected in found, f"structure check missed '{expected}': {found}"


def test_reflow_check_catches_sideways_scrolling(driver, tmp_path):
    load(driver, tmp_path, BAD_PAGE)
    browser.set_width(driver, browser.NARROW)
    assert checks.reflow(driver), "a 600 px box at 320 px was not reported"
    browser.set_width(driver, *browser.DESKTOP)


def test_keyboard_check_catches_invisible_focus(driver, tmp_path):
    load(driver, tmp_path, BAD_PAGE)
    found = " | ".join(checks.keyboard(driver))
    assert "no visible focus" in found and "button" in found, found


DETAILS_PAGE = """<!doctype html><html lang="en"><head><title>Details</title></head><body>
<a class="skip-link" href="#main">Skip</a><main id="main"><h1>Details</h1>
<details id="shut"><summary>Correct this</summary><textarea id="inside-shut"></textarea></details>
<details id="open" open><summary>Open one</summary><textarea id="inside-open" tabindex="-1"></textarea>
<input id="reached" name="reached"></details></main></body></html>"""


def test_keyboard_check_leaves_shut_details_alone_but_not_open_ones(driver, tmp_path):
    """A field inside a closed <details> waits for its summary; one inside an open one must be reached."""
    load(driver, tmp_path, DETAILS_PAGE)
    driver.execute_script("document.getElementById('inside-open').removeAttribute('tabindex');"
                          "document.getElementById('inside-open').addEventListener('focus', function () {"
                          " document.getElementById('reached').focus(); });")
    found = " | ".join(checks.keyboard(driver))
    assert "inside-shut" not in found, found
    assert "inside-open" in found, "a field in an open details that Tab skips was not reported: " + found


def test_axe_catches_low_contrast_and_missing_lang(driver, tmp_path, axe_js):
    load(driver, tmp_path, BAD_PAGE)
    found = " | ".join(checks.axe(driver, axe_js))
    assert "color-contrast" in found and "html-has-lang" in found, found

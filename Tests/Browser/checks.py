"""What every page must pass, each returning a list of problems in plain words (empty = pass)."""
import json
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

import browser


def axe_source() -> str:
    """axe-core as shipped inside PyPI's axe-playwright-python (installed with --no-deps for this file)."""
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pip install --no-deps axe-playwright-python: the suite needs its axe.min.js")
    return (Path(list(spec.submodule_search_locations)[0]) / "axe.min.js").read_text()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe(driver, source: str) -> list[str]:
    """axe-core with the WCAG 2.2 A/AA rule tags: each violation with the elements it found."""
    driver.execute_script(source)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(function (r) { done(JSON.stringify(r.violations)); })"
        ".catch(function (e) { done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])); });",
        AXE_TAGS)
    return [f"axe {v['id']}: {v['help']} at " + ", ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                         else str(n["target"]) for n in v["nodes"][:5])
            for v in json.loads(result)]


def reflow(driver, width: int = browser.NARROW) -> list[str]:
    """WCAG 1.4.10: at 320 CSS px nothing scrolls sideways (tables scroll inside their own box)."""
    # Against the emulated width, not innerWidth: a page without a viewport tag lays out 980 px wide.
    scroll = driver.execute_script("return document.documentElement.scrollWidth;")
    if scroll > width:
        wide = driver.execute_script(
            "var w = arguments[0], out = []; document.querySelectorAll('body *').forEach(function (e) {"
            "  var r = e.getBoundingClientRect(); if (r.right > w + 1 && !e.closest('.table-wrap'))"
            "    out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(r.right));"
            "}); return out.slice(0, 5);", width)
        return [f"scrolls sideways at {width} px: page is {scroll} px wide; widest: {wide}"]
    return []


STRUCTURE_JS = """
var out = [];
var lang = document.documentElement.getAttribute('lang');
if (!lang) out.push('html has no lang');
var h1 = document.querySelectorAll('h1').length;
if (h1 !== 1) out.push('page has ' + h1 + ' h1 elements, not 1');
if (!document.title.trim()) out.push('page has no title');
var first = document.querySelector('body a');
if (!first || first.getAttribute('href') !== '#main' || !document.getElementById('main'))
  out.push('first link is not a skip link to #main');
if (document.querySelectorAll('main').length !== 1) out.push('page needs exactly one main landmark');
if (!document.querySelector('body > header')) out.push('no banner landmark (header)');
if (!document.querySelector('body > footer')) out.push('no contentinfo landmark (footer)');
document.querySelectorAll('input, select, textarea').forEach(function (e) {
  if (e.type === 'hidden') return;
  var label = e.id && document.querySelector('label[for="' + e.id + '"]');
  if (!label || !label.textContent.trim())
    out.push('form field ' + (e.name || e.id) + ' has no visible label' +
             (e.placeholder ? ' (placeholder is not a label)' : ''));
});
return out;
"""


def structure(driver) -> list[str]:
    """One h1, a lang, a title, a skip link, landmarks, and a visible label for every field."""
    return driver.execute_script(STRUCTURE_JS)


FOCUSABLE_JS = """
// A <details>' summary is a Tab stop too (it opens and closes its details).
var selector = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, ' +
               'details > summary:first-of-type, [tabindex]:not([tabindex="-1"])';
var out = [];
// A radio group is one Tab stop (arrow keys move inside it): count its checked or first radio only.
var groups = {};
document.querySelectorAll('input[type=radio]').forEach(function (r) {
  if (!(r.name in groups) || r.checked) groups[r.name] = r;
});
document.querySelectorAll(selector).forEach(function (e, i) {
  if (e.type === 'radio' && groups[e.name] !== e) return;
  // Inside a closed <details> a field is out of reach until its summary opens it, and browsers differ on
  // whether such a field still has boxes (content-visibility), so it is left out here.
  var shut = e.closest('details:not([open])');
  if (shut && !(e.closest('summary') && e.closest('summary').parentElement === shut)) return;
  var visible = e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  var skip = e.classList.contains('skip-link');
  if (visible || skip) { e.setAttribute('data-kb', String(out.length)); out.push(e.outerHTML.slice(0, 80)); }
});
return out;
"""

FOCUS_STYLE_JS = """
var e = document.activeElement;
if (!e || e === document.body) return null;
var s = getComputedStyle(e);
var outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
var shadow = s.boxShadow && s.boxShadow !== 'none';
return [e.getAttribute('data-kb'), outline || shadow, e.outerHTML.slice(0, 80)];
"""


def keyboard(driver) -> list[str]:
    """Tab through the page: every link, button and field is reached, and shows where focus is."""
    elements = driver.execute_script(FOCUSABLE_JS)
    # Start from the top, as after a page load: focusing the body moves the point Tab starts from.
    driver.execute_script("document.body.setAttribute('tabindex', '-1'); document.body.focus();"
                          "document.body.removeAttribute('tabindex'); window.scrollTo(0, 0);")
    reached, problems = set(), []
    order = []
    for _ in range(len(elements) + 3):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        state = driver.execute_script(FOCUS_STYLE_JS)
        if state is None:
            continue
        index, visible, html = state
        if index is None:
            continue
        if index in reached:
            break
        reached.add(index)
        order.append(index)
        if not visible:
            problems.append(f"no visible focus on {html}")
    if order and order[0] != "0":
        problems.append("the skip link is not the first thing Tab reaches")
    missed = [elements[int(i)] for i in range(len(elements)) if str(i) not in reached]
    problems += [f"Tab never reaches {html}" for html in missed]
    return problems

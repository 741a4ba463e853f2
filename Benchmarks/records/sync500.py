"""Issue 13's sync figure: one phone sends 500 entries of a visit's record in one go through the real API,
then sends the same 500 again (the answer lost in poor signal), which must store nothing new. On SQLite and
on a throwaway PostgreSQL 15, against the debug build the browser suite uses (`swift build --product carecoop`);
run `Benchmarks/records/run`. Prints figures; asserts only what must hold (500 added, then 500 repeats).
"""
import datetime
import json
import statistics
import sys
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "Browser"))
import pg  # noqa: E402
import server as server_module  # noqa: E402


call = server_module.call  # the API as the browser suite calls it


def entries(visit, count):
    """Notes and tasks as a day's worth of offline writing: each with the phone's id and time."""
    start = datetime.datetime.fromisoformat(visit["day"] + "T" + visit["start"] + ":00+00:00")
    out = [{"id": str(uuid.uuid4()), "kind": "checkIn", "deviceAt": start.isoformat().replace("+00:00", "Z")}]
    for i in range(count - 1):
        at = (start + datetime.timedelta(seconds=5 * (i + 1))).isoformat().replace("+00:00", "Z")
        out.append({"id": str(uuid.uuid4()), "kind": "note", "text": f"Note {i + 1}: a drink, a chat, all well.",
                    "deviceAt": at})
    return out


def run(engine, rounds=5):
    cluster = pg.Cluster() if engine == "postgres" else None
    work = Path(f"/tmp/carecoop-sync-bench-{engine}")
    work.mkdir(exist_ok=True)
    server = server_module.start(work, database_url=cluster.url if cluster else None)
    try:
        token = call(server, "POST", "/api/v1/sessions",
                     body={"email": server.emails["team_worker"], "password": server.password})["token"]
        week = call(server, "GET", "/api/v1/my-week", token)
        visits = [stop["visit"] for stop in week["stops"]]
        assert visits, "the team worker has no visits this week"
        first, again = [], []
        for r in range(rounds):
            visit_id = visits[r % len(visits)]
            record = call(server, "GET", f"/api/v1/visits/{visit_id}/record", token)
            body = {"entries": entries({"day": record["day"], "start": record["start"]}, 500)}
            t0 = time.perf_counter()
            sent = call(server, "POST", f"/api/v1/visits/{visit_id}/record", token, body)
            t1 = time.perf_counter()
            repeat = call(server, "POST", f"/api/v1/visits/{visit_id}/record", token, body)
            t2 = time.perf_counter()
            assert (sent["added"], sent["repeated"]) == (500, 0), sent["added"]
            assert (repeat["added"], repeat["repeated"]) == (0, 500), repeat["added"]
            first.append(t1 - t0)
            again.append(t2 - t1)
        print(f"{engine}: 500 new entries in one sending: median {statistics.median(first) * 1000:.0f} ms "
              f"(min {min(first) * 1000:.0f}, max {max(first) * 1000:.0f}, {rounds} visits); "
              f"the same 500 again: median {statistics.median(again) * 1000:.0f} ms, 0 added, 500 repeated")
    finally:
        server.stop()
        if cluster:
            cluster.stop()


if __name__ == "__main__":
    for engine in sys.argv[1:] or ["sqlite", "postgres"]:
        run(engine)

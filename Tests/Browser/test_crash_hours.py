"""Hours postings survive the server being killed: 8 clients bank and draw a person's hours through the API
(each request with its own Idempotency-Key) while the server is killed with SIGKILL at a random moment, then
started again on the same database — CARECOOP_CRASH_KILLS times (20 in CI; the benchmark script runs 100).
Afterwards every acknowledged posting is in the ledger, sent again it answers as the first time, no entry
is half written (each has postings that sum to zero), and the balances the API shows are the fold of the
kept postings. On SQLite and on PostgreSQL."""
import os
import random
import threading
import urllib.error

import pytest

import server as server_module
from server import call, call_with_key

KILLS = int(os.environ.get("CARECOOP_CRASH_KILLS", "20"))


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_every_acknowledged_posting_survives_kills(artifacts, engine):
    folder = artifacts / f"crash-hours-{engine}"
    folder.mkdir(exist_ok=True)
    server, cluster = server_module.start_on(folder, engine)

    def rows(query):
        return server_module.rows(server, cluster, query)

    try:
        token = server_module.sign_in(server, "arranger")
        person_token = server_module.sign_in(server, "person")
        admin = server_module.sign_in(server, "admin")
        name = call(server, "GET", "/api/v1/me", person_token)["name"]
        person = next(p["personID"] for p in call(server, "GET", "/api/v1/people", admin) if p["name"] == name)
        agreement = call(server, "GET", f"/api/v1/teams/{person}/hours", token)["agreements"][0]["agreement"]["id"]
        acknowledged = {}  # key → (path, body, entry id)
        lock = threading.Lock()
        rng = random.Random(1)

        def client(round_, n, stop):
            i = 0
            while not stop.is_set():
                i += 1
                kind = "bank" if (n + i) % 2 else "draw"
                path = f"/api/v1/teams/{person}/hours/{kind}"
                body = {"agreementID": agreement, "minutes": 1 + (n + i) % 3}
                key = f"crash-{round_}-{n}-{i}"
                try:
                    status, answer, _ = call_with_key(server, path, token, body, key)
                except (urllib.error.URLError, ConnectionError, OSError):
                    return  # the server is gone
                if status == 201:
                    with lock:
                        acknowledged[key] = (path, body, answer["id"])

        server_module.with_kills(server, KILLS, 8, client, rng)
        assert len(acknowledged) > 4 * KILLS, f"only {len(acknowledged)} postings were acknowledged"
        # Every acknowledged posting is kept, once.
        kept = {r[0] for r in rows("SELECT idempotency_key FROM hours_entries WHERE idempotency_key LIKE 'crash-%'")}
        missing = [k for k in acknowledged if k not in kept]
        assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged postings lost: {missing[:5]}"
        # No entry half written: each has postings, and they sum to zero.
        broken = rows("SELECT e.id FROM hours_entries e LEFT JOIN hours_postings p ON p.entry_id = e.id"
                      " GROUP BY e.id HAVING COUNT(p.id) < 2 OR SUM(p.minutes) <> 0")
        assert not broken, f"{len(broken)} entries half written"
        # Sent again, an acknowledged posting answers as the first time.
        for key in rng.sample(sorted(acknowledged), min(20, len(acknowledged))):
            path, body, entry = acknowledged[key]
            status, answer, replayed = call_with_key(server, path, token, body, key)
            assert (status, answer["id"], replayed) == (201, entry, True), key
        # The balances shown are the fold of the kept postings (the demo has this one agreement).
        sums = dict(rows("SELECT bucket, CAST(SUM(minutes) AS BIGINT) FROM hours_postings GROUP BY bucket"))
        hours = next(a for a in call(server, "GET", f"/api/v1/teams/{person}/hours", token)["agreements"]
                     if a["agreement"]["id"] == agreement)
        assert (hours["available"], hours["banked"]) == (int(sums.get("available", 0)), int(sums.get("banked", 0)))
        print(f"{engine}: {KILLS} kills, {len(acknowledged)} acknowledged postings, all kept once")
    finally:
        server.stop()
        if cluster:
            cluster.stop()

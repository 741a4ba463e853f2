"""Many clients posting to one person's hours at once: CARECOOP_LOAD_POSTINGS requests (10 000 by default)
from 16 concurrent clients through the API — banking and drawing a few minutes each, 10 % of them sending a
key again with the same request, 2 % sending a key again with another request. Exactly one ledger entry
per accepted key (every answer to it names the same entry); a key sent with another request is refused
(422) when the first was kept; the bank never goes past its limit nor below zero; every entry sums to
zero and the balances shown are the fold of the postings. On SQLite and on PostgreSQL; the figures
(requests a second, answers by status) are printed."""
import collections
import os
import random
import threading
import time

import pytest

import server as server_module
from server import call, call_with_key

POSTINGS = int(os.environ.get("CARECOOP_LOAD_POSTINGS", "10000"))
CLIENTS = 16


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_concurrent_postings_keep_one_entry_per_key(artifacts, engine):
    folder = artifacts / f"load-hours-{engine}"
    folder.mkdir(exist_ok=True)
    server, cluster = server_module.start_on(folder, engine)

    def rows(query):
        return server_module.rows(server, cluster, query)

    try:
        tokens = [call(server, "POST", "/api/v1/sessions",
                       body={"email": server.emails[role], "password": server.password})["token"]
                  for role in ("person", "arranger")]
        admin = call(server, "POST", "/api/v1/sessions",
                     body={"email": server.emails["admin"], "password": server.password})["token"]
        name = call(server, "GET", "/api/v1/me", tokens[0])["name"]
        person = next(p["personID"] for p in call(server, "GET", "/api/v1/people", admin) if p["name"] == name)
        hours = call(server, "GET", f"/api/v1/teams/{person}/hours", tokens[0])["agreements"][0]
        agreement = hours["agreement"]["id"]
        limit = hours["agreement"]["bankLimitMinutes"]

        lock = threading.Lock()
        sent = []  # (token index, key, path, body) of first sendings, for repeats
        answers = collections.defaultdict(list)  # (token index, key) → [(status, entry id, body)]
        statuses = collections.Counter()
        counter = iter(range(POSTINGS))

        def client(n):
            rng = random.Random(n)
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                roll = rng.random()
                with lock:
                    earlier = rng.choice(sent) if sent else None
                if earlier and roll < 0.10:
                    who, key, path, body = earlier  # the same key and request again
                elif earlier and roll < 0.12:
                    who, key, path, _ = earlier  # the same key, another request
                    body = {"agreementID": agreement, "minutes": 7}
                else:
                    who = n % 2
                    key = f"load-{n}-{i}"
                    path = f"/api/v1/teams/{person}/hours/{'bank' if rng.random() < 0.5 else 'draw'}"
                    body = {"agreementID": agreement, "minutes": rng.randint(1, 5)}
                    with lock:
                        sent.append((who, key, path, body))
                status, answer, _ = call_with_key(server, path, tokens[who], body, key)
                with lock:
                    statuses[status] += 1
                    answers[(who, key)].append((status, answer["id"] if status == 201 else None, body))

        began = time.monotonic()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.monotonic() - began
        assert sum(statuses.values()) == POSTINGS
        assert set(statuses) <= {201, 409, 422}, statuses
        # One entry per accepted key: every 201 to a key names the same entry; the kept keys are those.
        accepted = {}
        for (who, key), got in answers.items():
            ids = {entry for status, entry, _ in got if status == 201}
            assert len(ids) <= 1, f"key {key} answered with {len(ids)} entries"
            if ids:
                accepted[key] = ids.pop()
                first_body = next(body for status, _, body in got if status == 201)
                # A key sent with another request after it was kept is refused.
                for status, _, body in got:
                    if body != first_body:
                        assert status != 201, f"key {key} kept two different requests"
        kept = dict(rows("SELECT idempotency_key, COUNT(*) FROM hours_entries WHERE idempotency_key LIKE 'load-%'"
                         " GROUP BY idempotency_key"))
        assert set(kept) == set(accepted), "the kept keys are exactly the accepted ones"
        assert all(int(n) == 1 for n in kept.values())
        # No entry half written, no double spend: the bank within its limit, nothing below zero.
        broken = rows("SELECT e.id FROM hours_entries e LEFT JOIN hours_postings p ON p.entry_id = e.id"
                      " GROUP BY e.id HAVING COUNT(p.id) < 2 OR SUM(p.minutes) <> 0")
        assert not broken, f"{len(broken)} entries half written"
        sums = {b: int(m) for b, m in rows("SELECT bucket, CAST(SUM(minutes) AS BIGINT) FROM hours_postings"
                                           " GROUP BY bucket")}
        assert 0 <= sums.get("banked", 0) <= limit and sums.get("available", 0) >= 0
        shown = call(server, "GET", f"/api/v1/teams/{person}/hours", tokens[0])["agreements"][0]
        assert (shown["available"], shown["banked"]) == (sums.get("available", 0), sums.get("banked", 0))
        print(f"{engine}: {POSTINGS} requests from {CLIENTS} clients in {seconds:.1f} s "
              f"({POSTINGS / seconds:.0f} a second); answers {dict(statuses)}; {len(accepted)} keys kept once")
    finally:
        server.stop()
        if cluster:
            cluster.stop()
